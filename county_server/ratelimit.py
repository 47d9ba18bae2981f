"""How many failures the county hears before it stops listening for a while: wrong enrollment
codes (the device API) and wrong passwords (the console's sign-in).

An enrollment code is 12 characters of 32 (60 bits) and valid 14 days, so guessing one is
hopeless anyway; the limit keeps a guesser from trying at all: at most PER_CLIENT failures from
one address (or, for sign-ins, for one user name), and OVERALL from every address together, in
any WINDOW seconds. Beyond that the endpoint answers 429 with Retry-After until the oldest
failure ages out.

The failures are kept in the county's database (`console_attempts`, one row a failure, `who`
being the kind and the client: "enroll:10.0.0.7"), so every worker process of `serve --workers
N` counts the same ones and the limit holds whichever worker is asked.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from . import db

WINDOW = 600.0
PER_CLIENT = 10
OVERALL = 200


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Attempts:
    """The failures of one `kind` ("enroll", "login") in the county database `engine`. `clock`:
    the time now, an aware datetime (a test moves it)."""

    def __init__(self, engine: Engine, kind: str, per_client: int = PER_CLIENT, overall: int = OVERALL,
                 window: float = WINDOW, clock=utc_now):
        self.engine, self.kind, self.clock = engine, kind, clock
        self.per_client, self.overall, self.window = per_client, overall, window

    def _who(self, client: str) -> str:
        return f"{self.kind}:{client}"[:200]

    def _of_kind(self):
        a = db.console_attempts   # every "kind:…": from "kind:" up to "kind;" (the next character)
        return (a.c.who >= f"{self.kind}:", a.c.who < f"{self.kind};")

    def wait(self, client: str) -> int:
        """Seconds before this client may try again (0: now)."""
        a, now = db.console_attempts, self.clock()
        since = stamp(now - timedelta(seconds=self.window))
        waits = []
        with db.reading(self.engine) as conn:
            for where, limit in (((a.c.who == self._who(client)),), self.per_client), (self._of_kind(), self.overall):
                n, oldest = conn.execute(select(func.count(), func.min(a.c.at)).where(a.c.at > since, *where)).one()
                if n >= limit:
                    first = datetime.fromisoformat(oldest.replace("Z", "+00:00"))
                    waits.append(max(1, int((first - now).total_seconds() + self.window) + 1))
        return max(waits, default=0)

    def failed(self, client: str) -> None:
        a, now = db.console_attempts, self.clock()
        with self.engine.begin() as conn:
            conn.execute(delete(a).where(a.c.at <= stamp(now - timedelta(seconds=self.window)), *self._of_kind()))
            conn.execute(insert(a).values(who=self._who(client), at=stamp(now)))
