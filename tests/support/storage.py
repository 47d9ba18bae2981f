"""The storage tests' store (a Chinese passphrase with a space, a team leader), families with a
visit, and folder fingerprints."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from app.core.enums import Sex
from app.core.idnumber import make_id_number
from app.services.households import add_household, add_member
from app.services.visits import add_visit
from app.storage.store import Store

from tests.support.stores import FAST_KDF, StoreSpec

PASSPHRASE = "村里的路很长 2026"
LEADER = "李队长"
TODAY = date(2026, 12, 1)
REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC = StoreSpec(user=LEADER, passphrase=PASSPHRASE, folder="store")


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
