"""Shared fixtures for the storage tests: small stores with a cheap key derivation."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.core.enums import Sex
from app.core.idnumber import make_id_number
from app.services.households import add_household, add_member
from app.services.visits import add_visit
from app.storage.store import Store

# Argon2id at its cheapest: the tests exercise the key hierarchy, not its cost.
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}
PASSPHRASE = "村里的路很长 2026"
LEADER = "李队长"
TODAY = date(2026, 12, 1)
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class StoreInfo:
    path: Path
    store: Store
    recovery_code: str
    passphrase: str = PASSPHRASE
    user: str = LEADER


def hash_dir(path: Path) -> dict[str, str]:
    """Every file in the folder (recursively) and the SHA-256 of its bytes."""
    path = Path(path)
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def id_number(seq: int, birth: date = date(1968, 5, 17)) -> str:
    return make_id_number("522601", birth, Sex.MALE, seq)


def add_family(store: Store, head_name: str, seq: int, phone: str = "13800138000") -> dict:
    """A household with its head as a member and one visit; returns ids and the values used."""
    household = add_household(store, {"head_name": head_name, "category": "lifted", "phone": phone})
    number = id_number(seq)
    member = add_member(store, household["id"], {"name": head_name, "id_number": number, "relation": "head"},
                        today=TODAY)
    visit = add_visit(store, household["id"], {"visit_date": "2026-11-01", "mode": "home",
                                               "findings": f"{head_name}家里粮食够吃"}, today=TODAY)
    return {"household": household, "member": member, "visit": visit, "id_number": number, "phone": phone}


def create_store(path: Path, user: str = LEADER, passphrase: str = PASSPHRASE) -> tuple[Store, str]:
    return Store.create(path, user, passphrase, kdf_params=FAST_KDF)


@pytest.fixture
def store_info(tmp_path):
    path = tmp_path / "store"
    store, code = create_store(path)
    info = StoreInfo(path, store, code)
    yield info
    info.store.close()


@pytest.fixture
def store(store_info) -> Store:
    return store_info.store


@pytest.fixture
def fast_default_kdf(monkeypatch):
    """Users added later (add_user, set_passphrase, new recovery code) get the default KDF; make it cheap."""
    monkeypatch.setattr("app.storage.keys.DEFAULT_KDF", dict(FAST_KDF))
