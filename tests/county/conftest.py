"""Shared fixtures for the county server's tests: a county database (SQLite in a temporary
folder, and a fresh schema of the PostgreSQL named by ZHUCUN_TEST_COUNTY_DB), real device
stores enrolled with the county, and an HTTP client of the API."""
from __future__ import annotations

import os
import uuid
import warnings
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from countykit import Device, make_store

from county_server import county as cty
from county_server import db, keys


# -- the county's database -----------------------------------------------------------------------
# Every test runs on embedded SQLite and, when ZHUCUN_TEST_COUNTY_DB names a PostgreSQL server
# (./run-tests starts one), on PostgreSQL too, each time in a fresh database of its own.
COUNTY_DBS = ["sqlite"] + (["postgresql"] if os.environ.get("ZHUCUN_TEST_COUNTY_DB") else [])


@contextmanager
def county_database(kind: str, folder):
    """The URL of an empty county database: an SQLite file in `folder`, or a fresh schema of the
    PostgreSQL named by ZHUCUN_TEST_COUNTY_DB (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'county.db'}"
        return
    base = os.environ["ZHUCUN_TEST_COUNTY_DB"]
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


@pytest.fixture(autouse=True)
def county_key_file(tmp_path_factory, monkeypatch):
    """The county's master key for this test, in a key file (0600) the county's commands and
    servers started by the test find through $ZHUCUN_COUNTY_KEY_FILE."""
    path = tmp_path_factory.mktemp("county-key") / "county.key"
    keys.new_key_file(path)
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(path))
    return path


@pytest.fixture(params=COUNTY_DBS)
def db_url(request, tmp_path):
    with county_database(request.param, tmp_path) as url:
        yield url


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
