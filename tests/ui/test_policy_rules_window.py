"""The numbered policy rules where the window has the action, beside their command-line tests
(tests/services/test_policy_*.py, test_duty_past_months.py): rules 2 and 11 at the case dialog's
风险消除, rule 4 on the home page's due list with the quarterly income check (003 #6(2)), rule 6 on
the 数据检查 page."""
from __future__ import annotations

from datetime import date, timedelta

from app.core.monitoring import add_months
from app.services import cases, incomes
from app.services import households as hs
from app.ui.home.home_page import HomePage
from app.ui.households.case_dialogs import CaseStepDialog

from tests.support.stores import id_number


def _lifted(store) -> dict:
    return next(h for h in hs.list_households(store, limit=None) if h["category"] == "lifted")


def test_rule_2_the_window_judges_an_elimination_on_the_facts_of_its_date(qtbot, session, demo_store):
    """An elimination dated before the income assessment it would rest on is refused."""
    today = session.today()
    home, cid = _helping(demo_store, today, ["illness"], ["health", "employment"])
    day = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    incomes.add_income(demo_store, home["id"], day(10), {"wage": 10_000_000}, household_size=1, today=today)
    dialog = CaseStepDialog(session, home["id"], "eliminate", cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setDate(date.fromisoformat(day(20)))
    dialog.secured.setChecked(True)
    dialog.save()
    assert dialog.record is None and dialog.isVisible()
    assert "收入" in dialog.error.text()
    assert cases.case_view(demo_store, cid, today)["state"] == "helping"


def _quarter_end(day: date) -> str:
    end = date(day.year, 3 * ((day.month + 2) // 3), 1)
    return end.strftime("%Y-%m")


def test_rule_4_the_home_pages_past_quarter_shows_the_income_check_of_the_category_then(qtbot, session, demo_store):
    """A 脱贫户 made 一般户 today owes the quarterly income check of the last quarter (it was a 脱贫户
    then), not this quarter's."""
    today = session.today()
    home = _lifted(demo_store)
    hs.update_household(demo_store, home["id"], {"category": "ordinary"})
    now, past = _quarter_end(today), _quarter_end(add_months(today, -3))
    page = HomePage(session)
    qtbot.addWidget(page)
    page.refresh()
    page.show_done.setChecked(True)

    def checked(month: str) -> set:
        page.set_month(month)
        page._reload_due()
        return {r["household_id"] for r in page.due_rows if r["kind"] == "income_check"}

    assert home["id"] in checked(past)
    assert home["id"] not in checked(now)


def _helping(demo_store, today, risks, measures) -> tuple[dict, str]:
    home = hs.add_household(demo_store, {"head_name": "钱多", "category": "ordinary", "province": "43"})
    hs.add_member(demo_store, home["id"], {"name": "钱多", "relation": "head",
                                           "id_number": id_number("1966-06-06", "male")}, today=today)
    day = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    c = cases.open_case(demo_store, home["id"], day(120), "王芳", {"source": "干部排查"}, today=today)
    for kind, days_ago, data in (("check", 118, {}),
                                 ("identify", 115, {"monitoring_category": "edge_at_risk", "risk_types": risks}),
                                 ("plan", 112, {"measures": measures})):
        cases.record_step(demo_store, c["id"], kind, day(days_ago), "王芳", data, today=today)
    return home, c["id"]


def test_rule_6_the_checks_page_finds_risk_types_without_a_matching_measure(qtbot, session, demo_store):
    """003 #23: risk types 缺劳动力、因病、饮水 with only 综合保障 is a finding on the 数据检查 page."""
    from app.ui.checks.checks_page import ChecksPage
    home, _ = _helping(demo_store, session.today(), ["no_labour"], ["social_security"])
    hs.update_household(demo_store, home["id"], {"risk_types": "缺劳动力、因病、饮水安全问题"})
    page = ChecksPage(session)
    qtbot.addWidget(page)
    page.run_button.click()
    qtbot.waitUntil(lambda: not page.running, timeout=120_000)
    assert any(f.rule == "case.risk_without_measure" and f.household_id == home["id"] for f in page.findings)


def test_rule_11_the_window_names_a_refused_eliminations_amounts_in_yuan(qtbot, session, demo_store):
    today = session.today()
    home, cid = _helping(demo_store, today, ["illness"], ["health", "employment"])
    incomes.add_income(demo_store, home["id"], (today - timedelta(days=10)).isoformat(), {"wage": 250_000},
                       household_size=1, today=today)
    dialog = CaseStepDialog(session, home["id"], "eliminate", cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.secured.setChecked(True)
    dialog.save()
    assert dialog.record is None
    assert "2,500.00 元" in dialog.error.text() and " 分" not in dialog.error.text()
