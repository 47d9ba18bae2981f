"""A store the policy-rule tests reach both through the services and through the command line
(in-process, so each call costs no process start): `Village.cli(...)` runs `zhucun` with the
store's passphrase on standard input and returns (exit code, parsed JSON)."""
from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stdout, redirect_stderr
from datetime import date

import pytest

from app import cli as zhucun
from app.core import clock
from app.services import cases, households, incomes
from app.storage.store import Store
from tests.support.stores import FAST_KDF, id_number

PASS = "passphrase1"
BY = "王芳"
TODAY = date(2027, 6, 30)


class Village:
    def __init__(self, path):
        self.path = path
        store, _ = Store.create(path, BY, PASS, kdf_params=FAST_KDF)
        store.close()
        self._store: Store | None = None

    # -- the store, opened for service calls and closed before a command runs ------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.path, PASS, BY)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def cli(self, *args: str) -> tuple[int, object]:
        self.close()
        out, err = io.StringIO(), io.StringIO()
        stdin, sys.stdin = sys.stdin, io.StringIO(PASS + "\n")
        try:
            with clock.pinned(TODAY), redirect_stdout(out), redirect_stderr(err):
                code = zhucun.main([*args, "--data", str(self.path), "--passphrase-stdin", "--json"])
        finally:
            sys.stdin = stdin
        text = out.getvalue().strip()
        try:
            return code, json.loads(text) if text else err.getvalue()
        except json.JSONDecodeError:
            return code, text + err.getvalue()

    # -- builders -------------------------------------------------------------------------------
    def household(self, head: str = "张三", members=(("head", "1968-03-02", "male"),
                                                    ("spouse", "1970-07-09", "female")), **fields) -> dict:
        h = households.add_household(self.store, {"head_name": head, "category": "lifted", **fields})
        names = iter([head, "李秀英", "张小明", "张小红", "张小军"])
        for relation, birth, sex, *extra in members:
            households.add_member(self.store, h["id"], {"name": next(names), "relation": relation,
                                                        "id_number": id_number(birth, sex),
                                                        **(extra[0] if extra else {})}, today=TODAY)
        return households.get_household(self.store, h["id"])

    def step(self, case_id: str, kind: str, on: str, data: dict | None = None) -> dict:
        return cases.record_step(self.store, case_id, kind, on, BY, data or {}, today=TODAY)

    def identified(self, household: dict, risks=("illness",), clue="2026-01-05", on="2026-01-15") -> str:
        c = cases.open_case(self.store, household["id"], clue, BY, {"source": "干部排查"}, today=TODAY)
        self.step(c["id"], "check", clue)
        self.step(c["id"], "identify", on, {"monitoring_category": "sudden_hardship", "risk_types": list(risks)})
        return c["id"]

    def helping(self, household: dict, risks=("illness",), measures=("health", "employment"), **kw) -> str:
        cid = self.identified(household, risks, **kw)
        self.step(cid, "plan", "2026-01-20", {"measures": list(measures)})
        return cid

    def income(self, household: dict, on: str, wage_yuan: int) -> dict:
        return incomes.add_income(self.store, household["id"], on, {"wage": wage_yuan * 100}, today=TODAY)


@pytest.fixture
def village(tmp_path):
    """A fresh village store (import this fixture into a test module to use it)."""
    v = Village(tmp_path / "v")
    yield v
    v.close()
