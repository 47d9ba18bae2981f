"""The demo village contains every duty: clues from each source, both screening campaigns, medical
costs, months of work, loans in every state, pairing histories and the year's plan — and the checks,
the month report and the due list show them."""
from __future__ import annotations

from datetime import date

import pytest

from app.demo import build as demo
from app.services import clues, credit, due, reporting
from app.services.checks import run_checks
from app.storage.store import Store

from tests.support.stores import FAST_KDF

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("duties") / "v"
    demo.build_demo(folder, "demo1234", 80, seed=5, today=TODAY, kdf_params=FAST_KDF)
    with Store.open(folder, "demo1234") as s:
        yield s


def test_the_demo_village_has_every_duty(store):
    for table in ("clues", "screening_campaigns", "screenings", "medical_costs", "work_years", "loans", "pairings",
                  "plans", "plan_items"):
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0] > 0, table
    assert {c["source"] for c in clues.list_clues(store, today=TODAY)} >= {"self_report", "department", "visit",
                                                                           "screening", "medical"}
    assert {r["status"] for r in credit.list_loans(store, today=TODAY)} == {"current", "due_soon", "overdue", "repaid"}
    assert store.conn.execute("SELECT count(*) FROM pairings WHERE reason IS NOT NULL").fetchone()[0] == 1
    assert store.verify_audit().ok


def test_its_findings_report_and_due_list_show_the_duties(store):
    rules = {f.rule for f in run_checks(store, today=TODAY)}
    assert {"clue.overdue", "loan.overdue", "loan.due_soon", "medical.large_costs", "work.unstable",
            "plan.item_overdue", "screening.not_screened"} <= rules
    lines = reporting.month_summary(store, "2026-11", TODAY)["duties"]
    assert [line["key"] for line in lines] == ["clues", "screening", "medical", "work", "loans", "pairing", "plan"]
    assert any(r["kind"] == "income_check" for r in due.due_list(store, "2026-09", TODAY, include_done=True))
