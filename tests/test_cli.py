"""The command line, run as a subprocess the way a script would: exit codes, JSON, messages.

One store (made by `init`, default KDF) serves most tests; each CLI call costs a process start
and a key derivation, so the calls are kept few.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core import clock
from app.core.enums import Sex
from app.core.idnumber import make_id_number

from tests.support.cli import PASS, ROOT, Run, cli, ok

TODAY = "2026-11-05"  # pinned "today" for commands that take --today


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A store with two households: 张三 (脱贫户, 第三村民小组, one member) and 李四 (一般农户)."""
    base = tmp_path_factory.mktemp("cli")
    data = base / "store"
    init = ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin", "--json")).json
    zhang = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "张三",
                   "--category", "脱贫户", "--group", "第三村民小组", "--phone", "13812345678",
                   "--residence", "在家")).json
    li = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "李四",
                "--category", "ordinary", "--group", "第一村民小组")).json
    head_id = make_id_number("430521", date(1968, 3, 2), Sex.MALE, 7)
    member = ok(cli("member", "add", "--data", data, "--passphrase-stdin", "--json", "--household", zhang["id"],
                    "--name", "张三", "--relation", "户主", "--id-number", head_id)).json
    return {"base": base, "data": data, "init": init, "zhang": zhang, "li": li, "member": member}


def g(env, *args, stdin: str | None = PASS + "\n") -> Run:
    """A command against the shared store, global options after the subcommand."""
    return cli(*args, "--data", env["data"], "--passphrase-stdin", "--json", stdin=stdin)


# -- init and opening --------------------------------------------------------
def test_init_prints_ids_and_recovery_code(env):
    init = env["init"]
    assert re.fullmatch(r"[0-9a-f-]{36}", init["user_id"])
    assert re.fullmatch(r"[0-9a-f-]{36}", init["device_id"])
    assert init["user_id"] != init["device_id"]
    assert re.fullmatch(r"([0-9A-Z]{5}-){5}[0-9A-Z]{5}", init["recovery_code"])
    assert (env["data"] / "keys.json").exists()
    assert init["recovery_code"] not in (env["data"] / "keys.json").read_text()
    # A second init in the same folder is refused.
    again = cli("init", "--data", env["data"], "--user", "李强", "--passphrase-stdin")
    assert again.code == 2, again
    assert "already exists" in again.err


def test_global_options_before_and_after_subcommand(env):
    after = ok(g(env, "households")).json
    before = ok(cli("--data", env["data"], "--passphrase-stdin", "--json", "households")).json
    assert after == before
    assert isinstance(after, list)
    assert {h["head_name"] for h in after} >= {"张三", "李四"}
    assert all(h["category"] in ("lifted", "ordinary", "monitored") for h in after)
    for h in after:
        assert {"id", "head_name", "category"} <= set(h)
    by_name = {h["head_name"]: h for h in after}
    assert by_name["张三"]["category"] == "lifted"
    assert by_name["李四"]["category"] == "ordinary"
    assert by_name["张三"]["id"] == env["zhang"]["id"]


def test_wrong_passphrase_refused(env):
    run = cli("households", "--data", env["data"], "--passphrase-stdin", "--json", stdin="not-the-one\n")
    assert run.code == 2, run
    assert "wrong passphrase" in run.err
    assert run.json["error"] == "refused"


def test_no_store_refused(env):
    run = cli("households", "--data", env["base"] / "nothing-here", "--passphrase-stdin")
    assert run.code == 2, run
    assert "no store" in run.err
    assert not (env["base"] / "nothing-here" / "zhucun.db").exists()


# -- invalid input -------------------------------------------------------------
def test_bad_id_number_names_the_field(env):
    good = make_id_number("430521", date(1970, 7, 9), Sex.FEMALE, 8)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    run = g(env, "member", "add", "--household", env["zhang"]["id"], "--name", "李秀英", "--relation", "配偶",
            "--id-number", bad)
    assert run.code == 3, run
    assert "id_number" in run.err
    assert run.json["field"] == "id_number"


def test_bad_date_names_the_field(env):
    run = g(env, "visit", "add", "--household", env["li"]["id"], "--date", "2026-13-01", "--mode", "home",
            "--note", "x")
    assert run.code == 3, run
    assert run.json["field"] == "date"
    assert "date" in run.err and "YYYY-MM-DD" in run.err


def test_future_visit_date_refused(env):
    future = (clock.today() + timedelta(days=10)).isoformat()
    run = g(env, "visit", "add", "--household", env["li"]["id"], "--date", future, "--mode", "home",
            "--note", "x")
    assert run.code == 3, run
    assert run.json["field"] == "date"
    assert "future" in run.err


def test_unknown_category_refused(env):
    run = cli("household", "add", "--data", env["data"], "--passphrase-stdin", "--head", "王五",
              "--category", "贫困户")
    assert run.code == 3, run
    assert "category" in run.err
    assert "贫困户" in run.err


# -- households, due, audit ------------------------------------------------------
def test_search_by_initials(env):
    rows = ok(g(env, "households", "--search", "zs")).json
    assert [r["head_name"] for r in rows] == ["张三"]
    assert rows[0]["id"] == env["zhang"]["id"]


def test_due_list_json(env):
    # August: nobody was visited. 张三 (脱贫户 at home) owes a monthly home visit, now overdue;
    # 李四 (一般农户) owes this year's visit.
    rows = ok(g(env, "due", "--month", "2026-08", "--today", TODAY)).json
    assert isinstance(rows, list)
    for r in rows:
        assert {"household_id", "kind", "rule", "status"} <= set(r)
    got = {(r["household_id"], r["kind"], r["rule"], r["status"]) for r in rows}
    assert (env["zhang"]["id"], "home_visit", "lifted_home_monthly", "overdue") in got
    assert (env["li"]["id"], "annual_visit", "ordinary_home_yearly", "due") in got


def test_audit_verify(env):
    result = ok(g(env, "audit", "verify")).json
    assert result["ok"] is True
    assert result["entries"] >= 4  # user, two households, a member
    assert result["problems"] == []


# -- visits and income ---------------------------------------------------------
def test_visit_add_then_correct(env):
    visit = ok(g(env, "visit", "add", "--household", env["zhang"]["id"], "--date", "2026-10-12", "--mode", "入户",
                 "--note", "家中正常", "--met", "张三")).json
    assert visit["visit_date"] == "2026-10-12" and visit["mode"] == "home"
    assert visit["visitor"] == "王芳"
    fixed = ok(g(env, "visit", "correct", visit["id"], "--date", "2026-10-13", "--reason", "日期填错")).json
    assert fixed["supersedes"] == visit["id"]
    assert fixed["visit_date"] == "2026-10-13"
    assert fixed["findings"] == "家中正常" and fixed["met_person"] == "张三"  # carried over
    listed = ok(g(env, "visit", "list", "--household", env["zhang"]["id"])).json
    assert [v["id"] for v in listed] == [fixed["id"]]


def test_income_add_computes_per_capita(env):
    rec = ok(g(env, "income", "add", "--household", env["li"]["id"], "--date", "2026-10-01", "--size", "3",
               "--wage", "20000", "--business", "5000.50", "--dibao", "1200", "--business-expense", "1000")).json
    assert rec["net_fen"] == 2_520_050
    assert rec["household_size"] == 3
    assert rec["per_capita_fen"] == 840_016       # floor(2,520,050 / 3)
    assert rec["comparison"]["baseline_fen"] == 800_000
    assert rec["comparison"]["below"] is False


# -- cases -----------------------------------------------------------------------
def test_case_clue_check_identify(env):
    hid = ok(g(env, "household", "add", "--head", "王五", "--category", "一般农户")).json["id"]
    clue = ok(g(env, "case", "clue", hid, "--date", "2026-11-01", "--source", "走访发现", "--today", TODAY)).json
    assert clue["state"] == "clue"
    assert clue["identify_by"] == "2026-11-16"
    ok(g(env, "case", "check", clue["id"], "--date", "2026-11-02", "--today", TODAY))
    no_category = cli("case", "identify", clue["id"], "--date", "2026-11-04", "--risks", "因病", "--today", TODAY,
                      "--data", env["data"], "--passphrase-stdin")
    assert no_category.code == 3, no_category
    assert "monitoring_category" in no_category.err
    ident = ok(g(env, "case", "identify", clue["id"], "--date", "2026-11-04", "--category", "边缘易致贫户",
                 "--risks", "因病,因学", "--today", TODAY)).json
    assert ident["state"] == "identified"
    assert ident["monitoring_category"] == "edge_at_risk"
    assert ident["risk_types"] == ["illness", "schooling"]
    assert ident["plan_by"] == "2026-11-14"
    assert [e["kind"] for e in ident["events"]] == ["clue", "check", "identify"]
    # The household follows; a second case for it is refused.
    again = g(env, "case", "clue", hid, "--date", "2026-11-04", "--today", TODAY)
    assert again.code == 3, again
    assert "open case" in again.err


# -- the month -------------------------------------------------------------------
def test_prompt_add_list_done(env):
    prompt = ok(g(env, "prompt", "add", "--month", "2026-11", "--task", "务工月监测@2026-11-30",
                  "--task", "医保缴费动员@2026-11-03")).json
    assert [(t["title"], t["due_date"]) for t in prompt["tasks"]] == [("务工月监测", "2026-11-30"),
                                                                       ("医保缴费动员", "2026-11-03")]
    task = prompt["tasks"][0]
    done = ok(g(env, "prompt", "done", task["id"], "--date", "2026-11-04")).json
    assert done["done_on"] == "2026-11-04"
    listed = ok(g(env, "prompt", "list", "--month", "2026-11", "--today", TODAY)).json
    mine = next(p for p in listed if p["id"] == prompt["id"])
    assert mine["done"] == 1
    assert {t["title"]: t["status"] for t in mine["tasks"]} == {"务工月监测": "done", "医保缴费动员": "overdue"}


def test_attendance_set_and_list(env):
    ok(g(env, "attendance", "set", "--person", "李强", "--month", "2026-10", "--days", "18"))
    too_many = g(env, "attendance", "set", "--month", "2026-11", "--days", "31")
    assert too_many.code == 3, too_many
    assert too_many.json["field"] == "days"
    rows = ok(g(env, "attendance", "list", "--month", "2026-10")).json
    assert [(r["person"], r["days"], r["short"]) for r in rows] == [("李强", 18, True)]


# -- users and passphrases ------------------------------------------------------------
def test_user_add_then_open_as_that_user(env):
    added = ok(g(env, "user", "add", "--name", "李强", "--role", "collector",
                 stdin=f"{PASS}\nliqiang-pass\n")).json
    assert added["name"] == "李强" and added["role"] == "collector"
    rows = ok(cli("households", "--data", env["data"], "--passphrase-stdin", "--json", "--user", "李强",
                  stdin="liqiang-pass\n")).json
    assert {h["head_name"] for h in rows} >= {"张三", "李四"}
    # The leader's passphrase is not 李强's.
    wrong = cli("--user", "李强", "households", "--data", env["data"], "--passphrase-stdin", stdin=PASS + "\n")
    assert wrong.code == 2, wrong


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli2") / "store"
    init = ok(cli("init", "--data", data, "--user", "赵敏", "--passphrase-stdin", "--json")).json
    return {"data": data, "code": init["recovery_code"]}


def test_passwd_then_recover(second):
    data = second["data"]
    changed = ok(cli("passwd", "--data", data, "--passphrase-stdin", "--json", stdin=f"{PASS}\nsecond-pass-2\n")).json
    assert changed == {"ok": True, "user": "赵敏"}
    old = cli("households", "--data", data, "--passphrase-stdin", stdin=PASS + "\n")
    assert old.code == 2, old

    rec = ok(cli("recover", "--recovery-code", second["code"].lower(), "--user", "赵敏", "--data", data,
                 "--passphrase-stdin", "--json", stdin="third-pass-3\n")).json
    assert rec["ok"] is True and rec["user"] == "赵敏"
    assert re.fullmatch(r"([0-9A-Z]{5}-){5}[0-9A-Z]{5}", rec["recovery_code"])
    assert rec["recovery_code"] != second["code"]
    assert ok(cli("households", "--data", data, "--passphrase-stdin", "--json", stdin="third-pass-3\n")).json == []
    # The old recovery code is spent.
    spent = cli("recover", "--recovery-code", second["code"], "--user", "赵敏", "--data", data,
                "--passphrase-stdin", stdin="fourth-pass-4\n")
    assert spent.code == 2, spent
    assert "recovery code" in spent.err


# -- backup and restore ------------------------------------------------------------
def test_backup_then_restore_elsewhere(env):
    out = env["base"] / "b" / "village.zhucun-backup"
    info = ok(g(env, "backup", "--out", out)).json
    assert out.exists() and info["bytes"] > 0
    other = env["base"] / "restored"
    restored = ok(cli("restore", out, "--data", other, "--passphrase-stdin", "--json")).json
    assert restored["entries"] > 0
    original = ok(g(env, "households")).json
    copy = ok(cli("households", "--data", other, "--passphrase-stdin", "--json")).json
    assert copy == original
    assert len(copy) >= 2


# -- demo ------------------------------------------------------------------------
def test_demo_village_is_searchable(tmp_path):
    data = tmp_path / "demo"
    result = ok(cli("demo", "--households", "30", "--seed", "3", "--json", "--data", data, "--passphrase-stdin")).json
    assert result["households"] == 30
    assert result["members"] >= 30
    rows = ok(cli("households", "--data", data, "--passphrase-stdin", "--json")).json
    assert len(rows) == 30
    name = rows[len(rows) // 2]["head_name"]
    found = ok(cli("households", "--search", name, "--data", data, "--passphrase-stdin", "--json")).json
    assert rows[len(rows) // 2]["id"] in {r["id"] for r in found}
