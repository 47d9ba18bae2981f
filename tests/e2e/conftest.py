"""Fixtures for the end-to-end tests: a county database (embedded SQLite, and PostgreSQL when
ZHUCUN_TEST_COUNTY_DB is set, as the county tests have it), the county server running in its
own uvicorn process on loopback, and a real device store enrolled with it over HTTP."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The county tests' helpers (a real store made fast, a signed form, the database fixture).
_COUNTY_TESTS = str(Path(__file__).resolve().parents[1] / "county")
if _COUNTY_TESTS not in sys.path:
    sys.path.insert(0, _COUNTY_TESTS)

from countykit import make_store  # noqa: E402
from servers import CountyServer  # noqa: E402

from app.services import sync  # noqa: E402
from county_server import county as cty  # noqa: E402
# Each test's county database (SQLite and, when the test command started it, PostgreSQL), initialised.
from tests.county.conftest import county_key_file, db_url, engine  # noqa: E402,F401

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
def store(tmp_path):
    s = make_store(tmp_path / "device")
    try:
        yield s
    finally:
        if s.conn is not None:
            s.close()


@pytest.fixture
def enrolled(store, server, engine):
    """The store, enrolled with the running county over HTTP with a fresh one-time code."""
    code = cty.new_code(engine, VILLAGE, "城关镇")["code"]
    sync.enroll(store, server.url, code)
    return store
