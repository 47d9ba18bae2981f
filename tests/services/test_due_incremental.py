"""The due list kept between calls (app.services.due_state) equals the list computed again from
nothing after every kind of change — visits added and corrected, case steps, a case deleted,
household edits, households added and deleted, a ledger import, a policy change, a change still
inside its transaction — for this month, a past month and a quarter's last month; and only the
households that changed are read again. A sync pull: tests/sync/test_due_after_pull.py."""
from __future__ import annotations

from datetime import date

import pytest

from app.core import clock
from app.ledger import sample
from app.services import cases, config, due, due_state, households, incomes, ledger_import, visits

TODAY = date(2026, 11, 22)
MONTHS = ("2026-11", "2026-10", "2026-09", "2025-12")


def same_as_fresh(store) -> None:
    for month in MONTHS:
        for include_done in (False, True):
            kept = due.due_list(store, month, TODAY, include_done)
            assert kept == due.due_list(store, month, TODAY, include_done, fresh=True), (month, include_done)


@pytest.fixture
def village(store, hh):
    """Six households of every kind, some with visits and a case, the due list asked once."""
    made = {
        "lifted": hh.household("张三", category="lifted", residence="at_home"),
        "away": hh.household("李四", category="lifted", residence="away"),
        "monitored": hh.household("王五", category="monitored", monitoring_category="edge_at_risk"),
        "ordinary": hh.household("赵六", category="ordinary"),
        "cased": hh.household("周九", category="lifted"),
        "other": hh.household("吴十", category="lifted"),
    }
    for key, on, mode in (("lifted", "2026-10-05", "home"), ("away", "2026-11-03", "phone"),
                          ("monitored", "2026-09-30", "home"), ("other", "2026-11-01", "home")):
        visits.add_visit(store, made[key]["id"], {"visit_date": on, "mode": mode, "findings": "正常"}, today=TODAY)
    c = cases.open_case(store, made["cased"]["id"], "2026-03-05", "王芳", {}, today=TODAY)
    cases.record_step(store, c["id"], "check", "2026-03-05", "王芳", {}, today=TODAY)
    cases.record_step(store, c["id"], "identify", "2026-03-05", "王芳",
                      {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]}, today=TODAY)
    made["case_id"] = c["id"]
    same_as_fresh(store)
    return made


@pytest.fixture
def reads(monkeypatch):
    """The households each roster read asked for (None: all of them)."""
    calls: list = []
    original = due.read_roster

    def counting(store, hids=None):
        calls.append(None if hids is None else sorted(hids))
        return original(store, hids)
    monkeypatch.setattr(due, "read_roster", counting)
    return calls


def test_a_visit_added_reads_only_its_household_again(store, village, reads):
    h = village["lifted"]
    visits.add_visit(store, h["id"], {"visit_date": "2026-11-10", "mode": "home", "findings": "正常"}, today=TODAY)
    assert due.due_list(store, "2026-11", TODAY, True) == due.due_list(store, "2026-11", TODAY, True, fresh=True)
    assert reads == [[h["id"]], None]  # the kept list, then the fresh one
    item = [r for r in due.due_list(store, "2026-11", TODAY, True) if r["household_id"] == h["id"]][0]
    assert (item["status"], item["last_contact"]) == ("done", "2026-11-10")
    same_as_fresh(store)


def test_a_visit_corrected(store, village):
    h = village["other"]
    [v] = visits.list_visits(store, h["id"])
    visits.correct_visit(store, v["id"], {"visit_date": "2026-10-28"}, "日期记错", today=TODAY)
    same_as_fresh(store)


def test_case_steps_eliminate_revert_followup_and_a_case_deleted(store, village):
    cid = village["case_id"]
    cases.record_step(store, cid, "plan", "2026-03-10", "王芳", {"measures": ["health"]}, today=TODAY)
    same_as_fresh(store)
    incomes.add_income(store, village["cased"]["id"], "2026-06-01", {"wage": 1_000_000}, today=TODAY)
    same_as_fresh(store)
    cases.record_step(store, cid, "eliminate", "2026-06-15", "王芳", {}, today=TODAY)
    same_as_fresh(store)
    cases.record_step(store, cid, "followup", "2026-08-01", "王芳", {}, today=TODAY)
    same_as_fresh(store)
    cases.record_step(store, cid, "revert", "2026-10-02", "王芳", {}, today=TODAY)
    same_as_fresh(store)
    store.records.delete("cases", cid, "录入错误")
    same_as_fresh(store)


def test_household_edits_additions_and_deletions(store, hh, village):
    households.update_household(store, village["lifted"]["id"], {"residence": "away"})
    same_as_fresh(store)
    households.update_household(store, village["ordinary"]["id"], {"category": "lifted"})
    same_as_fresh(store)
    households.update_household(store, village["away"]["id"], {"head_name": "李四明", "group_name": "二组"})
    assert {r["head_name"] for r in due.due_list(store, "2026-11", TODAY, True)} >= {"李四明"}
    same_as_fresh(store)
    hh.household("新户", category="lifted")
    same_as_fresh(store)
    households.delete_household(store, village["other"]["id"], "迁出")
    same_as_fresh(store)


def test_a_ledger_import(store, village, tmp_path):
    with clock.pinned(TODAY):
        sample.write_national_sample(tmp_path / "n.xlsx", households=30, seed=4)
    ledger_import.import_ledger(store, tmp_path / "n.xlsx", today=TODAY)
    same_as_fresh(store)


def test_a_policy_change(store, village):
    table = config.visit_policy_table(store)
    rule = next(r for r in table["rules"] if r.get("period") == "month")
    rule["period"] = "quarter"
    config.set_visit_policy(store, table)
    same_as_fresh(store)


def test_inside_a_transaction_the_list_sees_the_change_and_keeps_nothing_of_it(store, village):
    h = village["ordinary"]
    before = due.due_list(store, "2026-11", TODAY, True)
    with pytest.raises(RuntimeError):
        with store.transaction():
            households.update_household(store, h["id"], {"category": "lifted"})
            inside = due.due_list(store, "2026-11", TODAY, True)
            assert inside == due.due_list(store, "2026-11", TODAY, True, fresh=True) != before
            raise RuntimeError("rolled back")
    assert due.due_list(store, "2026-11", TODAY, True) == before
    # Another change takes the number the rolled-back one had: still the right list.
    households.update_household(store, village["away"]["id"], {"residence": "at_home"})
    same_as_fresh(store)


def test_rows_given_out_can_be_changed_without_changing_the_kept_list(store, village):
    rows = due.due_list(store, "2026-11", TODAY, True)
    rows[0]["status"] = "changed by the caller"
    assert due.due_list(store, "2026-11", TODAY, True)[0]["status"] != "changed by the caller"
    due_state.forget(store)
    same_as_fresh(store)


def test_an_income_assessment_moves_the_quarterly_income_check(store, village, reads):
    h = village["lifted"]
    before = [r for r in due.due_list(store, "2026-09", TODAY, True) if r["kind"] == "income_check"
              and r["household_id"] == h["id"]]
    incomes.add_income(store, h["id"], "2026-08-10", {"wage": 1_000_000}, today=TODAY)
    after = [r for r in due.due_list(store, "2026-09", TODAY, True) if r["kind"] == "income_check"
             and r["household_id"] == h["id"]]
    assert [r["status"] for r in before] == ["overdue"] and [r["status"] for r in after] == ["done"]
    assert reads == [[h["id"]]]
    same_as_fresh(store)


def test_a_reader_connection_follows_what_the_store_writes(store, village):
    reader = store.reader()
    try:
        for month in MONTHS:
            due.due_list(reader, month, TODAY, True)
        households.update_household(store, village["ordinary"]["id"], {"category": "lifted"})
        visits.add_visit(store, village["away"]["id"], {"visit_date": "2026-09-03", "mode": "phone",
                                                        "findings": "正常"}, today=TODAY)
        for month in MONTHS:
            assert due.due_list(reader, month, TODAY, True) == due.due_list(store, month, TODAY, True, fresh=True)
    finally:
        reader.close()
