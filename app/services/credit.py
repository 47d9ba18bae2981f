"""Micro-credit (小额信贷, 003 #6(5) 用好小额信贷政策; 001; 002): loans per household with their
amount, start, term and purpose, renewed or extended (续贷/展期, with the new end and why),
repaid or overdue; the checks name loans due soon and overdue."""
from __future__ import annotations

from datetime import date

from app.core import clock, duties
from app.core.errors import StateError, ValidationError
from app.core.household import parse_date, parse_int, parse_text
from app.core.income import parse_yuan
from app.storage.store import Store

from . import config


def add_loan(store: Store, household_id: str, amount_yuan: str, start, term_months, purpose: str,
             borrower: str | None = None, note: str | None = None, today: date | None = None) -> dict:
    today = today or clock.today()
    start_day = parse_date(start, "start", today)
    if not start_day:
        raise ValidationError("start", "required", "start: 放贷日期必填 (the loan's start is required)")
    term = parse_int(term_months, "term", 1, 120)
    if term is None:
        raise ValidationError("term", "required", "term: 期限（月）必填 (the term in months is required)")
    with store.transaction():
        store.records.require("households", household_id)
        return store.records.insert("loans", {
            "household_id": household_id, "borrower": parse_text(borrower, "borrower", max_len=40),
            "amount_fen": parse_yuan(str(amount_yuan), "amount"), "start_date": start_day, "term_months": term,
            "purpose": parse_text(purpose, "purpose", required=True, max_len=200),
            "note": parse_text(note, "note", max_len=2000)})


def extend_loan(store: Store, loan_id: str, new_end, reason: str) -> dict:
    """续贷/展期: the loan's new end, with the reason."""
    with store.transaction():
        loan = store.records.require("loans", loan_id)
        if loan["repaid_on"]:
            raise StateError(f"贷款已于 {loan['repaid_on']} 还清 (the loan is repaid)")
        end = parse_date(new_end, "until")
        current = duties.loan_end(date.fromisoformat(loan["start_date"]), loan["term_months"],
                                  date.fromisoformat(loan["extended_to"]) if loan["extended_to"] else None)
        if not end or end <= current.isoformat():
            raise ValidationError("until", "after the current end",
                                  f"until: 展期后到期日须晚于现到期日 {current} (after the current end)")
        return store.records.update("loans", loan_id, {
            "extended_to": end, "overdue": 0,
            "extend_reason": parse_text(reason, "reason", required=True, max_len=500)})


def repay_loan(store: Store, loan_id: str, on=None, today: date | None = None) -> dict:
    today = today or clock.today()
    with store.transaction():
        loan = store.records.require("loans", loan_id)
        day = parse_date(on or today, "date", today)
        if day < loan["start_date"]:
            raise ValidationError("date", "not before the start", f"date: {day} 早于放贷日期 (before the loan's start)")
        return store.records.update("loans", loan_id, {"repaid_on": day, "overdue": 0})


def mark_overdue(store: Store, loan_id: str) -> dict:
    """The bank says the loan is overdue (逾期) before its end has passed here."""
    return store.records.update("loans", loan_id, {"overdue": 1})


def list_loans(store: Store, household_id: str | None = None, today: date | None = None) -> list[dict]:
    today = today or clock.today()
    policy = config.duty_policy(store)
    where, params = "l.deleted = 0", []
    if household_id:
        where += " AND l.household_id = ?"
        params.append(household_id)
    rows = store.query("SELECT l.*, h.head_name, h.number FROM loans l JOIN households h ON h.id = l.household_id"
                       f" AND h.deleted = 0 WHERE {where} ORDER BY l.start_date", params)
    for r in rows:
        r["end_date"] = duties.loan_end(date.fromisoformat(r["start_date"]), r["term_months"],
                                        date.fromisoformat(r["extended_to"]) if r["extended_to"] else None).isoformat()
        r["status"] = duties.loan_status(r, today, policy)
    return rows
