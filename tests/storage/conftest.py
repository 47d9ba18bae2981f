"""The storage tests' store: made by a team leader with a Chinese passphrase (tests/support/storage.py)."""
from __future__ import annotations

import pytest

from tests.support.storage import SPEC
from tests.support.stores import FAST_KDF, StoreSpec


@pytest.fixture
def store_spec() -> StoreSpec:
    return SPEC


@pytest.fixture
def fast_default_kdf(monkeypatch):
    """Users added later (add_user, set_passphrase, new recovery code) get the default KDF; make it cheap."""
    monkeypatch.setattr("app.storage.keys.DEFAULT_KDF", dict(FAST_KDF))
