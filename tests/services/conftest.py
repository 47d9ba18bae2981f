"""Shared fixtures for the service tests: a small, fast store and household builders."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from app.core.enums import Sex
from app.core.idnumber import make_id_number
from app.services import households
from app.storage.store import Store

# A weak KDF: the tests open many stores and do not test key stretching.
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}
REGION = "430521"

_seq = itertools.count(1)


def id_number(birth: date | str, sex: Sex | str) -> str:
    """A valid, never-repeated ID number for the birth date and sex."""
    if isinstance(birth, str):
        birth = date.fromisoformat(birth)
    return make_id_number(REGION, birth, Sex.parse(sex, "sex"), next(_seq) % 500)


@pytest.fixture
def store(tmp_path):
    s, code = Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)
    s.recovery_code = code
    try:
        yield s
    finally:
        s.close()


class Builder:
    """Household builders bound to one store (tests get it as the `hh` fixture)."""

    def __init__(self, store):
        self.store = store
        self.id_number = id_number

    def member(self, household_id: str, name: str, relation: str, birth: str, sex: str, **extra) -> dict:
        return add_member(self.store, household_id, name, relation, birth, sex, **extra)

    def household(self, head_name: str, members: list[tuple] | None = None, **fields) -> dict:
        return add_household(self.store, head_name, members, **fields)


@pytest.fixture
def hh(store) -> Builder:
    return Builder(store)


def add_member(store, household_id: str, name: str, relation: str, birth: str, sex: str, **extra) -> dict:
    data = {"name": name, "relation": relation, "id_number": id_number(birth, sex), **extra}
    return households.add_member(store, household_id, data)


def add_household(store, head_name: str, members: list[tuple] | None = None, **fields) -> dict:
    """A household and its members.

    `members`: (name, relation, birth, sex[, extra dict]) tuples; by default just the head,
    a man born 1970-05-01. Returns the household record as stored after the members.
    """
    household = households.add_household(store, {"head_name": head_name, **fields})
    if members is None:
        members = [(head_name, "head", "1970-05-01", "male")]
    for m in members:
        extra = m[4] if len(m) > 4 else {}
        add_member(store, household["id"], m[0], m[1], m[2], m[3], **extra)
    return households.get_household(store, household["id"])
