"""The county console's page times over a synthetic county.

    .venv/bin/python -m bench.console [--villages 40] [--households 300] [--visits 12]
                                      [--rounds 20] [--backend sqlite|postgresql]

PostgreSQL needs ZHUCUN_TEST_COUNTY_DB (`source scripts/postgres.sh && zhucun_postgres`).

Each village is an enrolled device holding `--households` households (three members each, 5 %
monitored with a case), `--visits` visits a household over the last year, a done batch. The
records go straight into the county's `records` (canonical JSON, as ingest stores them). Then a
signed-in county monitor asks each page `--rounds` times through the ASGI app in process (no
network): p50 and p95 in ms. The overview and the checks read every village; they are
computed once after each change of the county's data (a batch, a device, a publication) and
kept in the county's database (console/summaries.py), the overview village by village: *cold*
is computing every village (the first look of a day), *after one village synced* recomputes
that village alone, *warm* is every look after (any worker).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, insert

from app.core import canonical, clock
from county_server import county as cty
from county_server import approvals, db, keys, users

from .run import machine

TODAY = date(2026, 11, 20)
PASSWORD = "bench password 1"


def _hlc(n: int) -> str:
    return f"{1_790_000_000_000 + n:015d}-00000-dev"


def build(engine, villages: int, households: int, visits: int, seed: int = 1) -> dict:
    rnd = random.Random(seed)
    counts = {"households": 0, "members": 0, "visits": 0, "cases": 0}
    n = 0
    with engine.begin() as conn:
        for v in range(villages):
            device, village, township = f"dev-{v:04d}", f"村{v:04d}", f"镇{v % 20:02d}"
            conn.execute(insert(db.devices).values(device_id=device, store_id=f"s-{v}", public_key="00" * 32,
                                                   village=village, township=township, label=None,
                                                   enrolled_at="2026-01-05T00:00:00.000Z", revoked_at=None,
                                                   audit_head="0" * 64, audit_seq=0))
            conn.execute(insert(db.batches).values(device_id=device, batch_id=f"b-{v}", sha256="0" * 64, size=1,
                                                   part_size=1, parts=1, state="done",
                                                   started_at="2026-11-18T08:00:00.000Z",
                                                   received_at="2026-11-18T08:00:01.000Z",
                                                   receipt='{"body": {"accepted": [], "rejected": []}}'))
            rows = []

            def add(tbl: str, rid: str, data: dict):
                nonlocal n
                n += 1
                rows.append({"tbl": tbl, "id": rid, "revision": 1, "hlc": _hlc(n), "device_id": device,
                             "batch_id": f"b-{v}", "deleted": 0, "data": canonical.dumps({"id": rid, **data}),
                             "field_hlc": None})
            for h in range(households):
                hid = f"h-{v}-{h}"
                monitored = rnd.random() < 0.05
                category = "monitored" if monitored else rnd.choice(["lifted", "ordinary", "ordinary"])
                add("households", hid, {"head_name": f"户主{h}", "number": f"{v:04d}{h:05d}", "village": village,
                                        "group_name": f"{h % 8 + 1}组", "category": category,
                                        "residence": rnd.choice(["at_home", "at_home", "away"]),
                                        "risk_eliminated": 0, "monitoring_since": "2026-03-01" if monitored else None})
                for m in range(3):
                    add("members", f"{hid}-m{m}", {"household_id": hid, "name": f"成员{m}",
                                                    "id_number": f"4305{v:04d}{h:05d}{m:05d}"[:18],
                                                    "relation": "head" if m == 0 else "son", "sex": "male",
                                                    "birth_date": "1970-01-01"})
                for k in range(visits):
                    day = TODAY - timedelta(days=rnd.randrange(365))
                    add("visits", f"{hid}-v{k}", {"household_id": hid, "visit_date": day.isoformat(),
                                                  "mode": rnd.choice(["home", "phone"]), "visitor": "王芳",
                                                  "findings": "家中正常"})
                if monitored:
                    add("cases", f"{hid}-c", {"household_id": hid, "state": "helping", "clue_date": "2026-02-20",
                                              "identified_date": "2026-03-01", "plan_date": "2026-03-05"})
                    counts["cases"] += 1
            conn.execute(insert(db.records), rows)
            counts["households"] += households
            counts["members"] += 3 * households
            counts["visits"] += visits * households
    return counts


def timed(client, path: str, rounds: int, before=None) -> list[float]:
    out = []
    for _ in range(rounds):
        if before:
            before()
        start = time.perf_counter()
        r = client.get(path, headers={"Accept": "text/html"})
        out.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--villages", type=int, default=40)
    ap.add_argument("--households", type=int, default=300)
    ap.add_argument("--visits", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    args = ap.parse_args(argv)
    clock.pin(TODAY)
    folder = Path(tempfile.mkdtemp(prefix="zhucun-console-bench-"))
    key = folder / "county.key"
    keys.new_key_file(key)
    os.environ[keys.KEY_FILE_ENV] = str(key)
    if args.backend == "postgresql":
        base = os.environ["ZHUCUN_TEST_COUNTY_DB"]
        schema = f"bench_console_{os.getpid()}"
        admin = db.make_engine(base)
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{folder / 'county.db'}"
    engine = db.make_engine(url)
    cty.init_county(engine, "基准县")
    approvals.ensure_table(engine)   # the batches page reads each batch's review (made at ingest)
    users.add_user(engine, "monitor", "monitor", PASSWORD)
    started = time.perf_counter()
    counts = build(engine, args.villages, args.households, args.visits)
    print(f"{machine()}; {args.backend}; built {counts} in {time.perf_counter() - started:.1f} s")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from county_server.api import create_app
    from county_server.console import checks
    from tests.county.console.consolekit import login
    with TestClient(create_app(url)) as client:
        assert login(client, "monitor", PASSWORD).status_code == 303

        def forget():
            with engine.begin() as conn:
                for table in (db.village_summaries, db.household_summaries, db.console_cache, db.check_keys):
                    conn.execute(delete(table))
        synced = iter(range(10**6))

        def one_village_synced():
            with engine.begin() as conn:
                conn.execute(insert(db.batches).values(
                    device_id="dev-0003", batch_id=f"again-{next(synced)}", sha256="0" * 64, size=1, part_size=1,
                    parts=1, state="done", started_at="2026-11-19T08:00:00.000Z",
                    received_at=f"2026-11-19T08:{next(synced) % 60:02d}:00.000Z",
                    receipt='{"body": {"accepted": [], "rejected": []}}'))
        refreshes = []

        def synced_and_refreshed():
            one_village_synced()
            start = time.perf_counter()
            checks.after_batch(engine, "村0003")     # what the batch's commit runs after its receipt
            refreshes.append((time.perf_counter() - start) * 1000)
        cold_rounds = max(3, args.rounds // 5)
        pages = [("overview, cold", "/", cold_rounds, forget), ("overview, warm", "/", args.rounds, None),
                 ("overview after one village synced", "/", cold_rounds, one_village_synced),
                 ("overview after one village synced and its batch's refresh ran", "/", cold_rounds,
                  synced_and_refreshed),
                 ("overview page 2, sorted by visits", "/?sort=visits_done&desc=1&page=1", args.rounds, None),
                 (f"a village ({args.households} households, page 1)", "/villages/村0007", args.rounds, None),
                 ("a household file", "/households/h-7-11", args.rounds, None),
                 ("batches", "/batches", args.rounds, None), ("publications", "/publications", args.rounds, None),
                 ("devices", "/devices", args.rounds, None), ("conflicts", "/conflicts", args.rounds, None),
                 ("forms and tables", "/publications/tables", args.rounds, None),
                 ("county checks, cold", "/checks", cold_rounds, forget),
                 ("county checks, warm", "/checks", args.rounds, None),
                 ("county checks after one village synced", "/checks", cold_rounds, one_village_synced),
                 ("county checks after one village synced and its batch's refresh ran", "/checks", cold_rounds,
                  synced_and_refreshed)]
        print("| page | rounds | p50 ms | p95 ms |\n|---|---:|---:|---:|")
        for name, path, rounds, before in pages:
            times = timed(client, path, rounds, before)
            print(f"| {name} | {rounds} | {statistics.median(times):.0f} | {p95(times):.0f} |")
        print(f"| (a batch's refresh of its village, after the receipt: not a page) | {len(refreshes)} |"
              f" {statistics.median(refreshes):.0f} | {p95(refreshes):.0f} |")
    engine.dispose()
    if args.backend == "postgresql":
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


if __name__ == "__main__":
    main()
