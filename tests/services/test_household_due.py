"""One household's due items (due.household_due), worked out from its own rows, equal its rows
of the whole village's due list: for every household of a five-year demo village over thirteen
months (quarters' last months with the income check, a January judging the year before, a month
to come) and a few years back, and for a small village across a category change, case steps (风险消除, 回退, 帮扶) and
visits by phone and WeChat."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from app.core.monitoring import add_months
from app.demo import build as demo
from app.demo.plan import FIVE_YEARS
from app.services import cases, due, households, incomes, visits
from app.storage.store import Store

from tests.support.stores import FAST_KDF
from tests.services.test_due_incremental import village  # noqa: F401 - the due list's test village

TODAY = date(2026, 11, 20)
MONTHS = [add_months(date(2025, 12, 1), i).strftime("%Y-%m") for i in range(13)]   # 2025-12 … 2026-12


def by_household(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["household_id"]].append(r)
    return out


def assert_same_as_the_list(store, months=MONTHS, today=TODAY) -> set[tuple[str, str]]:
    """Compare every household's answer with the list's rows; returns the (kind, status) seen."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM households ORDER BY rowid")]   # the deleted too
    seen = set()
    for month in months:
        for include_done in (True, False):
            listed = by_household(due.due_list(store, month, today, include_done, fresh=True))
            for hid in ids:
                assert due.household_due(store, hid, month, today, include_done) == listed.get(hid, []), \
                    (month, include_done, hid)
            seen |= {(r["kind"], r["status"]) for rows in listed.values() for r in rows}
    return seen


@pytest.fixture(scope="module")
def five_years(tmp_path_factory):
    """Five years of a demo village: households lifted, identified, eliminated and reverted."""
    folder = tmp_path_factory.mktemp("household-due") / "v"
    demo.build_demo(folder, "demo1234", 60, seed=7, today=TODAY, kdf_params=FAST_KDF, **FIVE_YEARS)
    with Store.open(folder, "demo1234") as s:
        yield s


def test_every_household_of_the_demo_village_in_every_month(five_years):
    seen = assert_same_as_the_list(five_years, MONTHS + ["2023-03", "2024-06", "2025-01"])
    kinds = {k for k, _ in seen}
    assert {"home_visit", "remote_contact", "income_check"} <= kinds, kinds
    assert {"due", "done", "overdue"} <= {s for _, s in seen}
    # The village holds what the rules tell apart: several categories, cases with steps.
    assert five_years.conn.execute("SELECT count(DISTINCT category) FROM households WHERE deleted = 0").fetchone()[0] >= 3
    assert {k for k, in five_years.conn.execute("SELECT DISTINCT kind FROM case_events WHERE deleted = 0")} >= {
        "identify", "eliminate"}


def test_a_household_that_is_not_there_owes_nothing(five_years):
    assert due.household_due(five_years, "no-such-household", "2026-11", TODAY, include_done=True) == []


def test_across_a_category_change_case_steps_and_remote_contacts(store, village):
    """The due list's own test village (tests/services/test_due_incremental.py), moved on."""
    today, cid = date(2026, 11, 22), village["case_id"]
    for key, on, mode in (("away", "2026-08-10", "wechat"), ("monitored", "2026-11-02", "wechat")):
        visits.add_visit(store, village[key]["id"], {"visit_date": on, "mode": mode, "findings": "正常"}, today=today)
    incomes.add_income(store, village["cased"]["id"], "2026-06-01", {"wage": 1_000_000}, today=today)
    for kind, on, data in (("plan", "2026-03-10", {"measures": ["health"]}), ("eliminate", "2026-06-15", {}),
                           ("followup", "2026-08-01", {}), ("revert", "2026-10-02", {})):
        cases.record_step(store, cid, kind, on, "王芳", data, today=today)
    households.update_household(store, village["ordinary"]["id"], {"category": "lifted"})
    households.delete_household(store, village["other"]["id"], "迁出")
    months = ["2026-01", "2026-03", "2026-05", "2026-06", "2026-07", "2026-09", "2026-10", "2026-11", "2026-12"]
    seen = assert_same_as_the_list(store, months, today)
    assert {"home_visit", "remote_contact"} <= {k for k, _ in seen}
