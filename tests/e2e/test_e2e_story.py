"""The monthly trip told whole, against a real uvicorn county on loopback: a team of two laptops
and a lost one ends the month with three laptops holding the same village, the leader's approval
at the county, and nobody pressing a sync button.

Laptop A is the leader's (王芳), laptop B the member's (李明); each has both people's accounts,
so review is on for each (two people work on it). An approval covers the audit chain of the
laptop it is made on and is signed with the key of the leader's account there
(app/services/review_signoff.py): the leader's approval on A does not cover B's records. So on
the member's laptop the member records, the leader signs in on it, reads the month's changes by
member, sends a visit back with a note (the member sees it returned, corrects it, and it leaves
the list), and approves B's month there; each laptop's batches carry their own approval, and the
county verifies and keeps each. What one laptop recorded reaches the other through the county.

The county is stopped while they work; every trip is the automatic one (app.services.autosync.watch,
the loop the window's AutoSync and `zhucun sync --watch` drive: probe, back off, push and pull);
the test never calls sync itself. The first watcher finds the county down and the county comes
up only then. Laptop A is then lost: the county issues a restore code (A revoked), laptop C
enrols with it and its watcher pulls the whole village. At the end A, B and C hold the same
households, members, visits, cases, signed forms (every signature verifies), prompts and problem
lists, with the conflict listed on each, and a laptop of another village received nothing.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date

import pytest
from servers import county_cli
from sqlalchemy import select

from app.core.enums import Role
from app.services import autosync, cases, forms, households, review, review_returns, review_signoff, sync, visits
from app.storage import keys
from app.storage.store import Store
from county_server import county as cty
from county_server.approvals import batch_reviews

from tests.support.countykit import make_store, signed_form
from tests.support.stores import FAST_KDF, add_member

VILLAGE = "石门村"
TODAY = date(2026, 11, 20)
LEADER, MEMBER = ("王芳", "passphrase1"), ("李明", "passphrase2")
# The village's file, record by record, as every laptop of the team must hold it.
TABLES = ("households", "members", "visits", "cases", "case_events", "form_instances", "form_signatures",
          "prompts", "prompt_tasks", "problem_lists", "problem_items", "review_returns", "review_approvals")


@pytest.fixture(autouse=True)
def _cheap_accounts(monkeypatch):
    """Every account on the laptops with the cheap key derivation (the test opens them often)."""
    monkeypatch.setattr(keys, "DEFAULT_KDF", FAST_KDF)


def _open(path, who=LEADER) -> Store:
    return Store.open(path, who[1], who[0])


def _auto_sync(path, who=LEADER, server=None) -> autosync.State:
    """One good round of the automatic sync, as the window and `zhucun sync --watch` run it;
    `server`, when stopped, is started once the watcher has found it down."""
    stop = threading.Event()
    seen: list[str] = []
    last = {}

    def say(state: autosync.State) -> None:
        seen.append(state.phase)
        last["state"] = state
        if server is not None and state.phase == "failed" and not server.running:
            server.start()
        if state.phase == "synced":
            stop.set()

    @contextmanager
    def held():
        with _open(path, who) as store:
            yield store

    good = autosync.watch(held, interval=0, stop=stop, say=say, backoff=autosync.Backoff(0.05, 0.5), rounds=400)
    state = last["state"]
    assert good == 1, (seen, state.why)
    if server is not None:
        assert seen[0] == "failed" and "syncing" in seen
    assert state.result["rejected"] == 0 and "review_required" not in state.result, state.result
    return state


def _laptop(path, server, engine, owner=LEADER, other=MEMBER, village=VILLAGE) -> str:
    """A laptop made by `owner`, `other` given an account on it, enrolled for `village`."""
    role = Role.LEADER if owner == LEADER else Role.COLLECTOR
    store, _ = Store.create(path, owner[0], owner[1], role, kdf_params=FAST_KDF)
    with store:
        if other:
            store.add_user(other[0], other[1], Role.LEADER if other == LEADER else Role.COLLECTOR)
        sync.enroll(store, server.url, cty.new_code(engine, village, "城关镇")["code"])
        return store.device_id


def _file(store) -> dict:
    return {(tbl, r["id"]): r for tbl in TABLES for r in store.query(f"SELECT * FROM {tbl} ORDER BY id")}


def _publish(db_url, tmp_path) -> None:
    prompt = tmp_path / "prompt.json"
    prompt.write_text('{"month": "2026-12", "title": "12月驻村工作提示", "tasks": [{"title": "走访全部监测户",'
                      ' "due_date": "2026-12-15"}]}', "utf-8")
    county_cli(db_url, "publish-prompts", prompt, "--village", VILLAGE)
    county_cli(db_url, "problems", "add", "--title", "11月核查问题清单", "--village", VILLAGE,
               "--item", "0301=联系电话有误，请核实")


def test_the_monthly_trip_two_laptops_and_a_lost_one(server, engine, tmp_path):
    a, b, c, other = (tmp_path / n for n in ("a", "b", "c", "other"))
    a_id = _laptop(a, server, engine)
    b_id = _laptop(b, server, engine, MEMBER, LEADER)
    _laptop(other, server, engine, other=None, village="别村")

    # The first day: the leader records a household with a signed form on A and approves;
    # B's first approval covers its accounts. Both laptops' watchers sync.
    with _open(a) as s:
        zhang = households.add_household(s, {"head_name": "张三", "village": VILLAGE, "number": "0301"})
        add_member(s, zhang["id"], "张三", "head", "1958-01-09", "male")
        signed_form(s, zhang["id"])
        review_signoff.approve(s)
    with _open(b) as s:
        review_signoff.approve(s)
    _publish(engine.url_text, tmp_path)
    _auto_sync(a)
    _auto_sync(b, MEMBER)

    # The county goes down; the team works on.
    server.stop()
    with _open(a) as s:
        households.update_household(s, zhang["id"], {"address": "一组", "phone": "13800000001"})
        case = cases.open_case(s, zhang["id"], "2026-11-05", "王芳", {"source": "走访发现", "note": "住院"},
                               today=TODAY)
        cases.record_step(s, case["id"], "check", "2026-11-08", "王芳", {"note": "入户核查"}, today=TODAY)
        review_signoff.approve(s)
    with _open(b, MEMBER) as s:
        households.update_household(s, zhang["id"], {"note": "乙", "phone": "13800000002"})
        li = households.add_household(s, {"head_name": "李四", "village": VILLAGE, "number": "0302"})
        add_member(s, li["id"], "李四", "head", "1970-05-01", "male")
        wrong = visits.add_visit(s, li["id"], {"date": "2026-11-09", "mode": "phone", "findings": "未接通"},
                                 today=TODAY)
    with _open(b) as s:                     # the leader, signed in on the member's laptop
        month = s.query("SELECT substr(max(at), 1, 7) AS m FROM audit_log")[0]["m"]   # audit times are wall-clock
        [mine] = [m for m in review.month_changes(s, month, today=TODAY)["members"] if m["user"] == MEMBER[0]]
        assert mine["counts"]["visits"] == 1 and mine["counts"]["households"] >= 2
        review_returns.send_back(s, "visits", wrong["id"], "写明核实结果")
    with _open(b, MEMBER) as s:
        [back] = review_returns.returned(s, s.user_id)
        assert (back["note"], back["by"]) == ("写明核实结果", LEADER[0])
        visits.correct_visit(s, wrong["id"], {"date": "2026-11-09", "mode": "phone", "findings": "已接通，一切正常"},
                             "补写核实结果", today=TODAY)
        assert review_returns.returned(s, s.user_id) == []
    with _open(b) as s:
        approval_b = review_signoff.approve(s)
        assert approval_b["records"] > 0

    # The county comes up while A's watcher is trying; then each laptop's watcher runs again.
    _auto_sync(a, server=server)
    for path, who in ((b, MEMBER), (a, LEADER), (b, MEMBER)):
        _auto_sync(path, who)

    with _open(a) as sa, _open(b) as sb:
        assert _file(sa) == _file(sb)
        got = sa.records.get("households", zhang["id"])
        assert (got["address"], got["note"], got["phone"]) == ("一组", "乙", "13800000002")
        for s in (sa, sb):
            assert [(x["field"], x["lost_value"]) for x in sync.conflicts(s)] == [("phone", "13800000001")]
            assert forms.verify(s)["ok"] and s.verify_audit().ok
            assert sync.status(s)["pending"] == 0
        team_file = _file(sb)
    # The county's prompt and problem list once, the problem on 张三's household.
    assert {tbl for tbl, _ in team_file} == set(TABLES)
    rows = {tbl: [r for (t, _), r in team_file.items() if t == tbl] for tbl in TABLES}
    assert [(r["title"], r["source"]) for r in rows["prompts"]] == [("12月驻村工作提示", "county")]
    assert [(r["description"], r["household_id"]) for r in rows["problem_items"]] == [("联系电话有误，请核实", zhang["id"])]

    # The leader's approval of each laptop's month is at the county, verified.
    with engine.connect() as conn:
        rows = conn.execute(select(batch_reviews)).mappings().all()
    assert {r["device_id"] for r in rows} == {a_id, b_id}
    assert {(r["state"], r["verified"], r["approver"]) for r in rows} == {("approved", 1, LEADER[0])}
    assert approval_b["audit_to"] in {r["audit_to"] for r in rows if r["device_id"] == b_id}

    # A laptop of another village received nothing.
    assert _auto_sync(other).result["records"] == 0
    with _open(other) as s:
        assert s.query("SELECT count(*) AS n FROM households")[0]["n"] == 0

    # A is lost: a restore code revokes it; the new laptop C enrols and its watcher pulls the village.
    code = cty.restore_code(engine, a_id, server.url)["code"]
    with make_store(c) as s:
        sync.enroll(s, server.url, code)
        notice = sync.restore_notice(s)
    assert notice["restored_from"]["device_id"] == a_id
    assert any("草稿" in line for line in notice["not_restored"])      # what cannot come back is said
    assert _auto_sync(c).result["records"] > 0
    with _open(c) as sc:
        assert _file(sc) == team_file
        assert [x["field"] for x in sync.conflicts(sc)] == ["phone"]
        check = forms.verify(sc)
        assert check["ok"] and check["checked"] == 1, check
        assert sc.verify_audit().ok
    with _open(a) as sa:
        with pytest.raises(sync.SyncError):      # the lost laptop, if found, is refused
            autosync.round_once(sa)
