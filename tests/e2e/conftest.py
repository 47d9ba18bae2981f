"""Fixtures for the end-to-end tests: the county server running in its own uvicorn process on
loopback over the county database (`db_url`, `engine`: embedded SQLite, and PostgreSQL when
ZHUCUN_TEST_COUNTY_DB is set; tests/conftest.py), and the `store` enrolled with it over HTTP."""
from __future__ import annotations

import pytest
from servers import CountyServer

from app.services import sync
from county_server import county as cty

VILLAGE = "石门村"


@pytest.fixture
def server(db_url, engine, tmp_path):
    s = CountyServer(db_url, tmp_path / "server.log")
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def enrolled(store, server, engine):
    """The store, enrolled with the running county over HTTP with a fresh one-time code."""
    code = cty.new_code(engine, VILLAGE, "城关镇")["code"]
    sync.enroll(store, server.url, code)
    return store
