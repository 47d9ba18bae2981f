"""The duties' cost on the five-year village (bench.village5y's cached 3,000-household store,
copied so the cache is not migrated): the due list of a quarter-end month (with the quarterly
income check) against the month before it, alternately, and the duties' findings for `check`; then
the same and the category and risk histories with nothing kept (a first read after a change).

    .venv/bin/python -m bench.duties /path/to/a/copy/of/store
"""
import statistics
import sys
import time
from pathlib import Path

from bench.run import PASS, TODAY
from app.storage.store import Store
from app.services import due, duty_checks
from app.services.checks import run_checks

s = Store.open(Path(sys.argv[1]), PASS)
a, b = [], []
for _ in range(9):
    t = time.perf_counter(); due.due_list(s, "2026-09", TODAY); a.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter(); due.due_list(s, "2026-08", TODAY); b.append((time.perf_counter() - t) * 1000)
print("due list 2026-09 (quarter-end, with income check) p50", round(statistics.median(a), 1),
      "| 2026-08 (no income check) p50", round(statistics.median(b), 1))
c = []
for _ in range(5):
    t = time.perf_counter(); run_checks(s, today=TODAY, rules=list(duty_checks.GROUPS)); c.append((time.perf_counter() - t) * 1000)
print("check, the duties' rules only, p50 ms", round(statistics.median(c), 1))

# Nothing kept: the roster, the category and risk histories and the assessments read again each time.
from app.services import duty_state, kept  # noqa: E402

households = {r["id"]: r for r in s.query("SELECT id, head_name, number, category, monitoring_category,"
                                          " risk_eliminated, flags, pairing_cadre FROM households WHERE deleted = 0")}
for name, run in (("due list 2026-09", lambda: due.due_list(s, "2026-09", TODAY)),
                  ("due list 2026-08", lambda: due.due_list(s, "2026-08", TODAY)),
                  ("category history", lambda: duty_state.category_history(s)),
                  ("risk history", lambda: duty_state.risk_history(s)),
                  ("duty findings", lambda: duty_checks.duty_findings(s, households, TODAY))):
    d = []
    for _ in range(5):
        kept.forget(s)
        t = time.perf_counter(); run(); d.append((time.perf_counter() - t) * 1000)
    print(name, "nothing kept, p50 ms", round(statistics.median(d), 1))
