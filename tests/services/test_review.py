"""The leader's review: the month's changes by team member, the checks' findings first."""
from __future__ import annotations

import json

import pytest

from app.core.errors import ValidationError
from app.services import review
from tests.support.stores import add_household


def test_the_months_changes_are_listed_by_member_with_findings_first(store):
    h = add_household(store, "孙三", [("孙三", "head", "1960-01-01", "male")])
    month = store.query("SELECT substr(max(at), 1, 7) AS m FROM audit_log")[0]["m"]
    data = review.month_changes(store, month)
    assert data["month"] == month
    [me] = data["members"]
    assert me["user"] == store.user["name"]
    assert me["counts"]["households"] >= 2          # the household and its head
    assert {r["household_id"] for r in me["records"]} == {h["id"]}
    assert all(f["household_id"] == h["id"] for f in data["findings"])
    assert review.month_changes(store, "2001-01")["members"] == []
    json.dumps(data, ensure_ascii=False)


def test_a_wrong_month_names_the_field():
    with pytest.raises(ValidationError) as e:
        review.month_of("2026-13")
    assert "--month" in str(e.value)


def test_zhucun_review_list(tmp_path):
    from tests.support.cli import cli, ok
    data = tmp_path / "v"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin", "--json"))
    h = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "张三",
               "--village", "石门村")).json
    month = h["created_at"][:7]      # the audit chain's wall-clock month, whatever today is pinned to
    out = ok(cli("review", "list", "--data", data, "--passphrase-stdin", "--json", "--month", month)).json
    [member] = out["members"]
    assert member["user"] == "王芳" and member["counts"]["households"] >= 1
    text = ok(cli("review", "list", "--data", data, "--passphrase-stdin", "--month", month)).out
    assert "王芳" in text and "农户档案" in text
    bad = cli("review", "list", "--data", data, "--passphrase-stdin", "--month", "2026-13")
    assert bad.code != 0 and "--month" in bad.err and "Traceback" not in bad.err
