"""Stores made cheaply and households built through the services, as a work team enters them."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.enums import Sex
from app.core.idnumber import make_id_number
from app.services import households
from app.storage.store import Store

# Argon2id at its cheapest: the tests open many stores and do not test key stretching.
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}
USER = "王芳"
PASSPHRASE = "passphrase1"
REGION = "430521"

_seq = itertools.count(1)


@dataclass(frozen=True)
class StoreSpec:
    """Who makes the `store` fixture's store, with which passphrase, in which folder of tmp_path."""
    user: str = USER
    passphrase: str = PASSPHRASE
    folder: str = "s"


@dataclass
class StoreInfo:
    """The `store` fixture's store and what made it."""
    path: Path
    store: Store
    recovery_code: str
    passphrase: str = PASSPHRASE
    user: str = USER


def make_store(path, user: str = USER, passphrase: str = PASSPHRASE) -> Store:
    """A new, open store with the cheap key derivation."""
    store, _ = Store.create(path, user, passphrase, kdf_params=FAST_KDF)
    return store


def id_number(birth: date | str, sex: Sex | str) -> str:
    """A valid ID number for the birth date and sex, not repeated within 500 calls."""
    if isinstance(birth, str):
        birth = date.fromisoformat(birth)
    return make_id_number(REGION, birth, Sex.parse(sex, "sex"), next(_seq) % 500)


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


class Builder:
    """Household builders bound to one store (tests get it as the `hh` fixture)."""

    def __init__(self, store):
        self.store = store
        self.id_number = id_number

    def member(self, household_id: str, name: str, relation: str, birth: str, sex: str, **extra) -> dict:
        return add_member(self.store, household_id, name, relation, birth, sex, **extra)

    def household(self, head_name: str, members: list[tuple] | None = None, **fields) -> dict:
        return add_household(self.store, head_name, members, **fields)
