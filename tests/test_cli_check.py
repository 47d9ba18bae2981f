"""`zhucun check` as a script runs it: JSON findings, filters, the table, exit 0."""
from __future__ import annotations

from datetime import date

import pytest

from app.services import households, incomes
from app.storage.store import Store

from tests.support.cli import PASS, cli

from tests.support.stores import FAST_KDF
TODAY = "2026-11-22"
ITEMS = {"wage": 2_400_000, "business": 500_000, "business_expense": 120_000}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Two households with copied incomes, and a visit saved without its visitor."""
    folder = tmp_path_factory.mktemp("check") / "store"
    store, _ = Store.create(folder, "王芳", PASS, kdf_params=FAST_KDF)
    with store:
        ids = []
        for name, number in (("张三", "001"), ("李四", "002")):
            h = households.add_household(store, {"head_name": name, "number": number, "category": "lifted"})
            households.add_member(store, h["id"], {"name": name, "relation": "head", "sex": "male",
                                                   "birth_date": "1970-05-01"})
            incomes.add_income(store, h["id"], "2026-10-01", ITEMS, today=date(2026, 11, 22))
            ids.append(h["id"])
        store.records.insert("visits", {"household_id": ids[1], "visitor": "", "visit_date": "2026-10-01",
                                        "mode": "home", "findings": "入户"})
    return folder


def check(data, *args):
    return cli("check", *args, "--data", data, "--passphrase-stdin", "--today", TODAY)


def test_json_findings(data):
    run = check(data, "--json")
    assert run.code == 0, run
    found = run.json
    assert isinstance(found, list) and found
    for f in found:
        assert {"rule", "severity", "household_id", "household", "field", "message", "hint", "record"} <= set(f)
        assert f["severity"] in ("error", "warning", "review")
    assert [f["rule"] for f in found][0] == "visit.no_visitor"          # errors first
    identical = [f for f in found if f["rule"] == "income.identical"]
    assert sorted(f["household"] for f in identical) == ["张三（001）", "李四（002）"]
    assert identical[0]["record"]["table"] == "income_assessments"


def test_filters_and_table(data):
    run = check(data, "--rule", "income", "--household", "001", "--json")
    assert run.code == 0, run
    assert [f["rule"] for f in run.json] == ["income.identical"]
    assert [f["rule"] for f in check(data, "--severity", "error", "--json").json] == ["visit.no_visitor"]
    table = check(data, "--rule", "visit")
    assert table.code == 0 and "visit.no_visitor" in table.out and "走访记录" in table.out and "1 条" in table.out
    assert "没有发现问题" in check(data, "--rule", "signature").out
    bad = check(data, "--severity", "fatal")
    assert bad.code == 3 and "--severity" in bad.err
