"""The leader's review on the five-year village (bench/village5y.py), a working copy: the month's
changes with the checks' findings, the approval, the review status and what sealing may carry,
with every record of the village pending in one month (the first month after an import: the
worst case). Run: .venv/bin/python -m bench.review [HOUSEHOLDS]. The first run of the checks on a
copy computes the handwriting distances (see "First check"); it is run once before timing."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from app.services import checks, review, review_signoff
from app.storage.store import Store
from app.sync.batch import pending_range

from bench.run import PASS, machine
from bench.village5y import village, working_copy


def main(n: int = 3000) -> None:
    store_dir, _ = village(n, 1)
    with tempfile.TemporaryDirectory() as work:
        with Store.open(working_copy(store_dir, Path(work)), PASS) as store:
            checks.run_checks(store)  # the handwriting distances, stored once
            month = store.query("SELECT substr(max(at), 1, 7) AS m FROM audit_log")[0]["m"]
            pending = store.conn.execute("SELECT count(*) FROM outbox WHERE batch_id IS NULL").fetchone()[0]
            print(f"{machine()}\n{n:,} households, {pending:,} pending outbox entries")
            for name, fn in (("month's changes with the checks' findings", lambda: review.month_changes(store, month)),
                             ("approve (signed)", lambda: review_signoff.approve(store, month)),
                             ("review status", lambda: review_signoff.status(store)),
                             ("what sealing may carry", lambda: review_signoff.seal_scope(store, *pending_range(store)))):
                wall, cpu = time.perf_counter(), time.process_time()
                fn()
                print(f"{name}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
