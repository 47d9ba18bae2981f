"""Fixtures for the sync tests: a small fast store, a fake county, a store enrolled with it,
and a real county database on embedded SQLite."""
from __future__ import annotations

import pytest

from app.services import sync
from county_server import county as cty
from county_server import db
from tests.services.conftest import FAST_KDF, add_household, store

from .county import FakeCounty

__all__ = ["FAST_KDF", "add_household", "store"]


@pytest.fixture
def engine(tmp_path):
    """The county's database (SQLAlchemy engine; `url_text` for create_app)."""
    url = f"sqlite:///{tmp_path / 'county.db'}"
    e = db.make_engine(url)
    cty.init_county(e, "测试县")
    e.url_text = url
    yield e
    e.dispose()


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
