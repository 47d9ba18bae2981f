"""The one source of "today" for the services, the window, the CLI and the demo village.

Every rule here is judged on a date (deadlines, due lists, ages from ID numbers), so the date
comes from one place that a test, a training session or a support person can set:
`ZHUCUN_TODAY=YYYY-MM-DD` in the environment (children inherit it), or `pinned(day)` in-process.
Wall-clock timestamps (file names, hybrid clocks, audit times) are not "today" and stay real.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date, datetime

ENV = "ZHUCUN_TODAY"
_pinned: date | None = None


def today() -> date:
    if _pinned is not None:
        return _pinned
    text = os.environ.get(ENV)
    if text:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass            # a malformed setting falls back to the calendar, never stops the program
    return date.today()


def now() -> datetime:
    """Today's date (as set) at the current wall-clock time."""
    return datetime.combine(today(), datetime.now().time().replace(microsecond=0))


def pin(day: date | None) -> None:
    """Set (or with None, release) today for this process."""
    global _pinned
    _pinned = day


@contextmanager
def pinned(day: date):
    global _pinned
    before = _pinned
    _pinned = day
    try:
        yield day
    finally:
        _pinned = before
