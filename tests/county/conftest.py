"""Shared fixtures for the county server's tests: a county database (SQLite in a temporary
folder, or a fresh schema of the PostgreSQL named by ZHUCUN_TEST_COUNTY_DB), real device
stores enrolled with the county, and an HTTP client of the API."""
from __future__ import annotations

import os
import uuid
import warnings
from urllib.parse import quote

import pytest
from countykit import Device, make_store

from county_server import county as cty
from county_server import db


# -- the county's database -----------------------------------------------------------------------
@pytest.fixture
def db_url(tmp_path):
    base = os.environ.get("ZHUCUN_TEST_COUNTY_DB")
    if not base:
        yield f"sqlite:///{tmp_path / 'county.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = db.make_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def engine(db_url):
    e = db.make_engine(db_url)
    cty.init_county(e, "测试县")
    yield e
    e.dispose()


@pytest.fixture
def county(engine) -> cty.County:
    return cty.load_county(engine)


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path / "s")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def device(store, county, engine) -> Device:
    d = Device(store, county)
    d.enroll(engine)
    return d


@pytest.fixture
def other_store(tmp_path):
    s = make_store(tmp_path / "s2", "赵强")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def other_device(other_store, county, engine) -> Device:
    d = Device(other_store, county)
    d.enroll(engine)
    return d


@pytest.fixture
def client(db_url, engine):
    with warnings.catch_warnings():  # starlette's note about its httpx client, not about this code
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from county_server.api import create_app
    with TestClient(create_app(db_url)) as c:
        yield c
        c.app.state.engine.dispose()
