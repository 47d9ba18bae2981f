"""Fixtures for the sync tests: a fake county and the `store` (tests/conftest.py) enrolled with it.
The real county's database is `engine` (tests/conftest.py)."""
from __future__ import annotations

import pytest

from app.services import sync

from tests.support.fakecounty import FakeCounty


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
