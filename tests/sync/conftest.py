"""Fixtures for the sync tests: a small fast store, a fake county, a store enrolled with it."""
from __future__ import annotations

import pytest

from app.services import sync
from app.storage.store import Store
from tests.services.conftest import FAST_KDF, add_household

from .county import FakeCounty

__all__ = ["FAST_KDF", "add_household"]


@pytest.fixture
def store(tmp_path):
    s, _ = Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)
    try:
        yield s
    finally:
        s.close()


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
