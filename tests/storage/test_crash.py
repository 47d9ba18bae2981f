"""A process killed in the middle of writing leaves a store that opens with every committed record."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from app.storage.store import Store

from tests.support.storage import PASSPHRASE, REPO_ROOT

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from datetime import date
    from app.core.enums import Sex
    from app.core.idnumber import make_id_number
    from app.services.households import add_household, add_member
    from app.services.visits import add_visit
    from app.storage.store import Store

    store = Store.open(sys.argv[2], sys.argv[3])
    round_ = int(sys.argv[4])
    print("open", flush=True)
    i = 0
    while True:
        with store.transaction():
            h = add_household(store, {"head_name": "张三丰" + str(i), "category": "lifted",
                                      "phone": "138%08d" % (round_ * 100000 + i),
                                      "note": "备注" * 200})
            add_member(store, h["id"], {"name": "张三丰" + str(i), "relation": "head",
                                        "id_number": make_id_number("522601", date(1960 + i % 40, 1, 1),
                                                                    Sex.MALE, (round_ * 97 + i) % 500)},
                       today=date(2026, 12, 1))
            add_visit(store, h["id"], {"visit_date": "2026-11-01", "mode": "home",
                                       "findings": "走访" * 100}, today=date(2026, 12, 1))
        print(h["id"], flush=True)  # only after the commit returned
        i += 1
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_writer_leaves_committed_records(store_info):
    store_info.store.close()
    path = store_info.path
    rng = random.Random(20261122)
    printed: list[str] = []
    for round_, wanted in enumerate((3, 25, 60)):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(REPO_ROOT), str(path), PASSPHRASE, str(round_)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            assert proc.stdout.readline().strip() == "open", proc.stderr.read()
            for _ in range(wanted):
                line = proc.stdout.readline()
                assert line, proc.stderr.read()
                printed.append(line.strip())
            time.sleep(rng.random() * 0.01)  # land somewhere inside the next write
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            # Ids printed after the last one we read were committed too; collect them.
            # (A line cut off by the kill has no newline; it does not count as printed.)
            printed += [x.strip() for x in proc.stdout.read().splitlines(keepends=True)
                        if x.endswith("\n") and len(x.strip()) == 36]
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL

        with Store.open(path, PASSPHRASE) as s:  # the lock died with the process
            assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            present = {r["id"] for r in s.query("SELECT id FROM households WHERE deleted = 0")}
            missing = [i for i in printed if i not in present]
            assert not missing, f"committed but lost after the kill: {missing}"
            # Each household came with its member and visit, or not at all.
            for table in ("members", "visits"):
                orphans = s.query(f"SELECT h.id FROM households h LEFT JOIN {table} t"
                                  " ON t.household_id = h.id WHERE t.id IS NULL")
                assert orphans == [], table
            result = s.verify_audit()
            assert result.ok, result.problems
            entries = s.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
            assert entries == result.entries
            assert s.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == entries
            assert s.conn.execute("SELECT max(audit_seq) FROM outbox").fetchone()[0] == entries
            # Beyond what was printed, at most the one write per kill that committed just before
            # its id could be printed.
            assert 0 <= len(present) - len(printed) <= round_ + 1
