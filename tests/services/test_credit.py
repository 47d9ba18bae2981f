"""Micro-credit (003 #6(5) 用好小额信贷政策): a loan per household with its amount, start, term and
purpose; renewed or extended with the reason; repaid; due within 30 days and overdue are findings."""
from __future__ import annotations

import pytest

from app.core.errors import StateError, ValidationError
from app.services import checks, credit

from policykit import TODAY, village  # noqa: F401 - fixture


def _rules(village):
    return [f.rule for f in checks.run_checks(village.store, today=TODAY, rules=["loan"])]


def test_a_loan_ends_after_its_term_and_is_due_soon_then_overdue(village):
    h = village.household()
    loan = credit.add_loan(village.store, h["id"], "50000", "2024-07-15", 36, "养牛", today=TODAY)
    assert loan["amount_fen"] == 5000000
    [row] = credit.list_loans(village.store, today=TODAY)
    assert (row["end_date"], row["status"]) == ("2027-07-15", "due_soon")
    assert _rules(village) == ["loan.due_soon"]
    [row] = credit.list_loans(village.store, today=TODAY.replace(month=8))
    assert row["status"] == "overdue"


def test_an_extension_needs_a_later_end_and_a_reason_and_a_repaid_loan_is_closed(village):
    h = village.household()
    loan = credit.add_loan(village.store, h["id"], "30000", "2024-06-01", 36, "种植茶叶", today=TODAY)
    with pytest.raises(ValidationError) as e:
        credit.extend_loan(village.store, loan["id"], "2027-05-01", "受灾")
    assert e.value.field == "until"
    credit.extend_loan(village.store, loan["id"], "2028-06-01", "受灾减产，展期一年")
    assert _rules(village) == []
    credit.mark_overdue(village.store, loan["id"])
    assert _rules(village) == ["loan.overdue"]
    credit.repay_loan(village.store, loan["id"], "2027-06-20", today=TODAY)
    assert _rules(village) == []
    with pytest.raises(StateError):
        credit.extend_loan(village.store, loan["id"], "2029-01-01", "x")


def test_the_cli_records_and_lists_loans(village):
    village.household(number="001")
    village.close()
    code, loan = village.cli("loan", "add", "--household", "001", "--amount", "50000", "--start", "2025-03-01",
                             "--term", "36", "--purpose", "养殖")
    assert code == 0, loan
    code, rows = village.cli("loan", "list")
    assert code == 0 and [(r["id"], r["status"]) for r in rows] == [(loan["id"], "current")]
    code, bad = village.cli("loan", "add", "--household", "001", "--amount", "5万", "--start", "2025-03-01",
                            "--term", "36", "--purpose", "养殖")
    assert code == 3 and bad["field"] == "amount"
