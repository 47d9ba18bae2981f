"""The console's batches page with its review filter (console/review.py, approvals.FILTERS) on a
county of many batches: V devices with B batches each, every batch with a receipt of A accepted
records and a review in the proportions a county sees (most approved, some without review,
review off, past the approved range, waiting for the leader, refused for a forged approval).

    .venv/bin/python -m bench.console_batches [--devices 400] [--batches 60] [--accepted 200]
        [--rounds 10] [--backend sqlite|postgresql]

Each filter's first page and its last page (the deepest OFFSET), asked through the app in
process by a signed-in monitor: p50 / p95 wall ms, and the CPU ms per page of this process (the
machine is shared: wall time follows the load, CPU time much less).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from sqlalchemy import insert

from app.core import clock
from county_server import approvals, db, keys, users
from county_server import county as cty
from county_server.console.review import batch_rows

from .console import PASSWORD, TODAY, p95
from .run import machine

STATES = [("approved", 70), (None, 5), ("unreviewed", 8), ("off", 10), ("not_covered", 2),
          ("awaiting_leader", 3), ("refused", 2)]


def build(engine, devices: int, batches: int, accepted: int, seed: int = 1) -> dict:
    rnd = random.Random(seed)
    states = [s for s, n in STATES for _ in range(n)]
    counts = {s or "none": 0 for s, _ in STATES}
    for v in range(devices):
        device = f"dev-{v:04d}"
        batch_rows, review_rows = [], []
        for n in range(batches):
            state = rnd.choice(states)
            counts[state or "none"] += 1
            batch_id = f"b-{v:04d}-{n:05d}"
            started = f"2026-{1 + n * 10 // batches:02d}-{1 + n % 28:02d}T{v % 24:02d}:00:00.000Z"
            receipt = {"refused": "approval: the signature does not verify (altered after signing)"} \
                if state == "refused" else \
                {"body": {"accepted": [["visits", f"v-{v}-{n}-{i}", 1] for i in range(accepted)], "rejected": []}}
            batch_rows.append({"device_id": device, "batch_id": batch_id, "sha256": "0" * 64, "size": 1000,
                               "part_size": 1000, "parts": 1, "state": "refused" if state == "refused" else "done",
                               "started_at": started, "received_at": started, "receipt": json.dumps(receipt)})
            if state is not None:
                review_rows.append({"device_id": device, "batch_id": batch_id, "state": state, "verified": 1,
                                    "approver": "队长", "approved_at": started, "month": started[:7],
                                    "audit_from": 1, "audit_to": 2, "reason": "一人在村" if state == "off" else None,
                                    "detail": receipt.get("refused")})
        with engine.begin() as conn:
            conn.execute(insert(db.devices).values(
                device_id=device, store_id=f"s-{v}", public_key="00" * 32, village=f"村{v:04d}",
                township=f"镇{v % 20:02d}", enrolled_at="2026-01-05T00:00:00.000Z", audit_head="0" * 64,
                audit_seq=0))
            conn.execute(insert(db.batches), batch_rows)
            if review_rows:
                conn.execute(insert(db.batch_reviews), review_rows)
    if db.is_postgres(engine):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devices", type=int, default=400)
    ap.add_argument("--batches", type=int, default=60, help="batches a device")
    ap.add_argument("--accepted", type=int, default=200, help="accepted records in each batch's receipt")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    args = ap.parse_args(argv)
    clock.pin(TODAY)
    folder = Path(tempfile.mkdtemp(prefix="zhucun-batches-bench-"))
    key = folder / "county.key"
    keys.new_key_file(key)
    os.environ[keys.KEY_FILE_ENV] = str(key)
    schema = None
    if args.backend == "postgresql":
        base, schema = os.environ["ZHUCUN_TEST_COUNTY_DB"], f"bench_batches_{os.getpid()}"
        admin = db.make_engine(base)
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{folder / 'county.db'}"
    try:
        engine = db.make_engine(url)
        cty.init_county(engine, "基准县")
        users.add_user(engine, "monitor", "monitor", PASSWORD)
        started = time.perf_counter()
        counts = build(engine, args.devices, args.batches, args.accepted)
        print(f"{machine()}; {args.backend}; {args.devices * args.batches:,} batches {counts}"
              f" built in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.1f}")
        run(url, args.rounds)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        engine.dispose()
    finally:
        if schema:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()


def run(url: str, rounds: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from county_server.api import create_app
    from tests.county.console.consolekit import login
    with TestClient(create_app(url)) as client:
        assert login(client, "monitor", PASSWORD).status_code == 303
        print("| filter | batches | first page p50 / p95 ms | CPU ms | last page p50 / p95 ms | CPU ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for choice, (zh, _en) in approvals.FILTERS.items():
            query = "" if choice == "all" else f"review={choice}&"
            with db.reading(client.app.state.engine) as conn:
                _, total = batch_rows(conn, None, 0, 1, choice)
            last = max(1, -(-total // 50))
            cells = []
            for page in (1, last):
                walls, cpu = [], time.process_time()
                for _ in range(rounds):
                    t = time.perf_counter()
                    r = client.get(f"/batches?{query}page={page}", headers={"Accept": "text/html"})
                    walls.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200
                cells.append(f"{statistics.median(walls):,.0f} / {p95(walls):,.0f} | "
                             f"{(time.process_time() - cpu) * 1000 / rounds:,.0f}")
            print(f"| {zh} | {total:,} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
