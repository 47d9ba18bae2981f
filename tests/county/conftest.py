"""Fixtures for the county server's tests: the county (its database is `engine`, on SQLite and on
the PostgreSQL named by ZHUCUN_TEST_COUNTY_DB, from tests/conftest.py), real device stores
enrolled with it, and an HTTP client of the API."""
from __future__ import annotations

import warnings

import pytest

from county_server import county as cty
from tests.support.countykit import Device, make_store


@pytest.fixture(autouse=True)
def county_key(county_key_file):
    """Every county test has the county's master key in $ZHUCUN_COUNTY_KEY_FILE."""
    return county_key_file


@pytest.fixture
def county(engine) -> cty.County:
    return cty.load_county(engine)


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
