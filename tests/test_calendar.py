"""The calendar cannot break the suite or the program: every "today" comes from app.core.clock,
and the demo village, the due list, checks, the month report and the ledger round trip hold on
the dates where calendars bite (the last day of a month, a quarter and a year, 29 February, the
first of a month)."""
import re
from datetime import date
from pathlib import Path

import pytest

from app.core import clock
from app.ledger import export as ledger_export
from app.ledger.roster import write_roster
from app.demo import build as demo
from app.services import checks, due, ledger_import, reporting
from app.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
from tests.support.stores import FAST_KDF
CALENDAR_CALLS = re.compile(r"\b(?:date|datetime)\.today\(\)|QDate\.currentDate\(|"
                            r"default_factory=date\.today")


def test_today_has_one_source():
    offenders = []
    for folder in ("app", "county_server", "bench", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "clock.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CALENDAR_CALLS.search(line.split("#", 1)[0]):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_environment_and_a_pin_set_today(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    assert clock.today() == date(2028, 2, 29) and clock.now().date() == date(2028, 2, 29)
    with clock.pinned(date(2026, 12, 31)):
        assert clock.today() == date(2026, 12, 31)
    assert clock.today() == date(2028, 2, 29)
    monkeypatch.setenv(clock.ENV, "not a date")
    assert clock.today() == date.today()            # a bad setting falls back, never stops the program


@pytest.mark.parametrize("day", [date(2026, 12, 31), date(2027, 3, 31), date(2028, 2, 29),
                                 date(2027, 6, 30), date(2027, 1, 1)], ids=str)
def test_the_demo_village_holds_on_any_day(tmp_path, day):
    with clock.pinned(day):
        demo.build_demo(tmp_path / "v", "pass-phrase-1", 12, seed=7, kdf_params=FAST_KDF)
        month = f"{day:%Y-%m}"
        with Store.open(tmp_path / "v", "pass-phrase-1") as store:
            births = [r["birth_date"] for r in store.query("SELECT birth_date FROM members WHERE deleted = 0")]
            assert births and max(births) <= day.isoformat()
            visits = [r["visit_date"] for r in store.query("SELECT visit_date FROM visits")]
            assert visits and max(visits) <= day.isoformat()
            assert isinstance(due.due_list(store, month), list)
            checks.run_checks(store)
            assert reporting.month_summary(store, month)["as_of"] == day.isoformat()
            ledger_export.export_ledger(store, "visits", month, tmp_path / "visits.xlsx")
            _, rows = write_roster(store, tmp_path / "roster.xlsx")
        with Store.create(tmp_path / "b", "王芳", "passphrase1", kdf_params=FAST_KDF)[0] as fresh:
            result = ledger_import.import_ledger(fresh, tmp_path / "roster.xlsx")
            assert result.summary["rejected"] == 0 and result.summary["members_new"] == rows
