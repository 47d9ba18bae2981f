"""Fixtures for the sync tests: a fake county and the `store` (tests/conftest.py) enrolled with it;
the real county in process over the county database `engine` (tests/conftest.py), and two
laptops of one village enrolled with it."""
from __future__ import annotations

import pytest

from app.services import sync

from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

from tests.support.fakecounty import FakeCounty
from tests.support.stores import make_store

from .down_support import VILLAGE


@pytest.fixture
def county():
    return FakeCounty()


@pytest.fixture
def enrolled(store, county):
    """The store, enrolled with the fake county over (mock) HTTP."""
    sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
    return store


@pytest.fixture
def client(enrolled, county):
    """A signed client for the enrolled store, without pauses between retries."""
    c = sync.client_for(enrolled, transport=county.transport(), backoff=(0, 0))
    yield c
    c.close()


@pytest.fixture
def transport(engine):
    """The real county's API in process, over `engine`."""
    return InProcess(api.create_app(engine.url_text))


@pytest.fixture
def team(store, tmp_path, engine, transport):
    """Two laptops of one village (VILLAGE), enrolled with the real county."""
    other = make_store(tmp_path / "b", "李明")
    for s in (store, other):
        sync.enroll(s, "http://county.test", cty.new_code(engine, VILLAGE, "城关镇")["code"], transport=transport)
    yield store, other
    other.close()
