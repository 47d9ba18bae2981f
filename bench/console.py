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
kept in the county's database (console/summaries.py), the overview village by village, for
about two months: *cold* is computing every village (a county's first look, or one not looked
at for two months), *the first look of a new day / month* reads the kept rows on a later day
without the nightly refresh, *after one village synced* recomputes that village alone, *warm*
is every look after (any worker).

PostgreSQL: the county is COPYed in (about 5 minutes at 400 × 750 × 50 on two loaded cores)
and kept in the cluster under a schema named by its size; a second run reads it (`--drop`
drops it after the run, `--build-only` stops after building).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
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
VERSION = 1                                     # of the generator: a kept county of another version is built again
CACHE = Path.home() / ".cache" / "zhucun-bench"
PASSWORD = "bench password 1"


def _hlc(n: int) -> str:
    return f"{1_790_000_000_000 + n:015d}-00000-dev"


def village_records(v: int, households: int, visits: int, rnd: random.Random, counts: dict):
    """(tbl, id, hlc, device, batch, canonical JSON) of one village's records, written as text
    from templates (the keys in canonical order; tested against canonical.dumps) so a county of
    16 million records is generated in about a minute."""
    device, batch, village = f"dev-{v:04d}", f"b-{v}", f"村{v:04d}"
    base, n = 1_790_000_000_000 + v * households * (visits + 5), 0
    days = [(TODAY - timedelta(days=k)).isoformat() for k in range(365)]
    randrange, rand, choice = rnd.randrange, rnd.random, rnd.choice
    for h in range(households):
        hid = f"h-{v}-{h}"
        monitored = rand() < 0.05
        category = "monitored" if monitored else choice(["lifted", "ordinary", "ordinary"])
        since = '"2026-03-01"' if monitored else "null"
        n += 1
        yield ("households", hid, f"{base + n:015d}-00000-dev", device, batch,
               f'{{"category":"{category}","group_name":"{h % 8 + 1}组","head_name":"户主{h}","id":"{hid}",'
               f'"monitoring_since":{since},"number":"{v:04d}{h:05d}",'
               f'"residence":"{choice(["at_home", "at_home", "away"])}","risk_eliminated":0,"village":"{village}"}}')
        for m in range(3):
            n += 1
            yield ("members", f"{hid}-m{m}", f"{base + n:015d}-00000-dev", device, batch,
                   f'{{"birth_date":"1970-01-01","household_id":"{hid}","id":"{hid}-m{m}",'
                   f'"id_number":"{f"4305{v:04d}{h:05d}{m:05d}"[:18]}","name":"成员{m}",'
                   f'"relation":"{"head" if m == 0 else "son"}","sex":"male"}}')
        for k in range(visits):
            n += 1
            yield ("visits", f"{hid}-v{k}", f"{base + n:015d}-00000-dev", device, batch,
                   f'{{"findings":"家中正常","household_id":"{hid}","id":"{hid}-v{k}",'
                   f'"mode":"{"home" if rand() < 0.5 else "phone"}","visit_date":"{days[randrange(365)]}",'
                   f'"visitor":"王芳"}}')
        if monitored:
            n += 1
            counts["cases"] += 1
            yield ("cases", f"{hid}-c", f"{base + n:015d}-00000-dev", device, batch,
                   f'{{"clue_date":"2026-02-20","household_id":"{hid}","id":"{hid}-c",'
                   f'"identified_date":"2026-03-01","plan_date":"2026-03-05","state":"helping"}}')
    counts["households"] += households
    counts["members"] += 3 * households
    counts["visits"] += visits * households


def village_rows(v: int) -> tuple[dict, dict]:
    device = f"dev-{v:04d}"
    return ({"device_id": device, "store_id": f"s-{v}", "public_key": "00" * 32, "village": f"村{v:04d}",
             "township": f"镇{v % 20:02d}", "label": None, "enrolled_at": "2026-01-05T00:00:00.000Z",
             "revoked_at": None, "audit_head": "0" * 64, "audit_seq": 0},
            {"device_id": device, "batch_id": f"b-{v}", "sha256": "0" * 64, "size": 1, "part_size": 1, "parts": 1,
             "state": "done", "started_at": "2026-11-18T08:00:00.000Z", "received_at": "2026-11-18T08:00:01.000Z",
             "receipt": '{"body": {"accepted": [], "rejected": []}}'})


def _check_templates(rows) -> None:
    for row in rows:
        assert canonical.dumps(json.loads(row[5])) == row[5], row


def build(engine, villages: int, households: int, visits: int, seed: int = 1) -> dict:
    """The synthetic county through SQLAlchemy (SQLite; PostgreSQL uses build_copy)."""
    rnd = random.Random(seed)
    counts = {"households": 0, "members": 0, "visits": 0, "cases": 0}
    names = ("tbl", "id", "hlc", "device_id", "batch_id", "data")
    for v in range(villages):
        device, batch = village_rows(v)
        rows = list(village_records(v, households, visits, rnd, counts))
        if v == 0:
            _check_templates(rows)
        with engine.begin() as conn:
            conn.execute(insert(db.devices).values(**device))
            conn.execute(insert(db.batches).values(**batch))
            for i in range(0, len(rows), 50_000):
                conn.execute(insert(db.records), [{**dict(zip(names, r)), "revision": 1, "deleted": 0,
                                                   "field_hlc": None} for r in rows[i:i + 50_000]])
    return counts


def build_copy(engine, schema: str, villages: int, households: int, visits: int, seed: int = 1) -> dict:
    """The synthetic county on PostgreSQL: the records COPYed in blocks of a few megabytes while
    they are generated, with the records' indexes dropped and made again after (then ANALYZE)."""
    rnd = random.Random(seed)
    counts = {"households": 0, "members": 0, "visits": 0, "cases": 0}
    with engine.begin() as conn:
        for v in range(villages):
            device, batch = village_rows(v)
            conn.execute(insert(db.devices).values(**device))
            conn.execute(insert(db.batches).values(**batch))
        conn.exec_driver_sql("DROP INDEX IF EXISTS records_device")
        conn.exec_driver_sql("DROP INDEX IF EXISTS records_household")
        conn.exec_driver_sql("ALTER TABLE records DROP CONSTRAINT IF EXISTS records_pkey")
    raw = engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        with cur.copy("COPY records (tbl, id, revision, hlc, device_id, batch_id, deleted, data, field_hlc)"
                      " FROM STDIN") as copy:
            block = []
            for v in range(villages):
                rows = village_records(v, households, visits, rnd, counts)
                if v == 0:
                    rows = list(rows)
                    _check_templates(rows)
                for tbl, rid, hlc, device, batch, data in rows:
                    block.append(f"{tbl}\t{rid}\t1\t{hlc}\t{device}\t{batch}\t0\t{data}\t\\N\n")
                    if len(block) >= 20_000:
                        copy.write("".join(block))
                        block.clear()
            copy.write("".join(block))
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        conn.exec_driver_sql("ALTER TABLE records ADD PRIMARY KEY (tbl, id)")
        conn.exec_driver_sql("CREATE INDEX records_device ON records (device_id, tbl)")
        conn.exec_driver_sql(db.HOUSEHOLD_INDEX["postgresql"])
        conn.exec_driver_sql(f"CREATE TABLE {schema}.bench_built (counts text)")
        conn.exec_driver_sql(f"INSERT INTO {schema}.bench_built VALUES (%s)", (json.dumps(counts),))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    return counts


def reviews_table(engine) -> None:
    """The batches page reads each batch's review (made at ingest; in db.metadata on newer trees)."""
    ensure = getattr(approvals, "ensure_table", None)
    if ensure is not None:
        ensure(engine)


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
    ap.add_argument("--cold-rounds", type=int, default=0, help="rounds of the cold pages (0: rounds / 5, at least 3)")
    ap.add_argument("--only", default="", help="parts of page names, separated by ;: time those pages alone")
    ap.add_argument("--build-only", action="store_true", help="build (or find) the county and stop")
    ap.add_argument("--drop", action="store_true", help="PostgreSQL: drop the kept county after the run")
    args = ap.parse_args(argv)
    clock.pin(TODAY)
    folder = Path(tempfile.mkdtemp(prefix="zhucun-console-bench-"))
    key = folder / "county.key"
    started = time.perf_counter()
    if args.backend == "postgresql":
        # The county is kept in the cluster under a schema named by its size (and its key beside
        # the other benchmark villages), so a second run reads it instead of building it again.
        base = os.environ["ZHUCUN_TEST_COUNTY_DB"]
        schema = f"bench_console_v{VERSION}_{args.villages}_{args.households}_{args.visits}"
        CACHE.mkdir(parents=True, exist_ok=True)
        key = CACHE / f"{schema}.key"
        admin = db.make_engine(base)
        with admin.begin() as conn:
            kept = conn.exec_driver_sql("SELECT 1 FROM information_schema.tables WHERE table_schema = %s"
                                        " AND table_name = 'bench_built'", (schema,)).first() is not None
            if not kept:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
                conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        if not kept:
            key.unlink(missing_ok=True)
            keys.new_key_file(key)
        os.environ[keys.KEY_FILE_ENV] = str(key)
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        engine = db.make_engine(url)
        if kept:
            with engine.begin() as conn:
                counts = json.loads(conn.exec_driver_sql("SELECT counts FROM bench_built").scalar())
                conn.execute(delete(db.batches).where(db.batches.c.batch_id.like("again-%")))
        else:
            cty.init_county(engine, "基准县")
            reviews_table(engine)
            users.add_user(engine, "monitor", "monitor", PASSWORD)
            counts = build_copy(engine, schema, args.villages, args.households, args.visits)
        print(f"{machine()}; {args.backend}; {'kept' if kept else 'built'} {counts} in "
              f"{time.perf_counter() - started:.1f} s")
    else:
        keys.new_key_file(key)
        os.environ[keys.KEY_FILE_ENV] = str(key)
        url = f"sqlite:///{folder / 'county.db'}"
        engine = db.make_engine(url)
        cty.init_county(engine, "基准县")
        reviews_table(engine)
        users.add_user(engine, "monitor", "monitor", PASSWORD)
        counts = build(engine, args.villages, args.households, args.visits)
        print(f"{machine()}; {args.backend}; built {counts} in {time.perf_counter() - started:.1f} s")
    if args.build_only:
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
        return
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
        later = iter(range(10**6))

        def new_day():      # a later day of the month, nothing computed since (no nightly refresh)
            clock.pin(TODAY + timedelta(days=next(later) % 10 + 1))

        def new_month():    # the first days of the next month; the county's findings not yet made for it
            clock.pin(date(2026, 12, next(later) % 3 + 1))
            with engine.begin() as conn:
                conn.execute(delete(db.console_cache).where(db.console_cache.c.name == "checks"))
        cold_rounds = args.cold_rounds or max(3, args.rounds // 5)
        pages = [("overview, cold", "/", cold_rounds, forget), ("overview, warm", "/", args.rounds, None),
                 ("overview, the first look of a new day", "/", args.rounds, new_day),
                 ("overview, the first look of a new month", "/", args.rounds, new_month),
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
                 ("county checks, the first look of a new day", "/checks", args.rounds, new_day),
                 ("county checks, the first look of a new month", "/checks", args.rounds, new_month),
                 ("county checks after one village synced", "/checks", cold_rounds, one_village_synced),
                 ("county checks after one village synced and its batch's refresh ran", "/checks", cold_rounds,
                  synced_and_refreshed)]
        if args.only:
            pages = [p for p in pages if any(part in p[0] for part in args.only.split(";"))]
        print("| page | rounds | p50 ms | p95 ms |\n|---|---:|---:|---:|")
        for name, path, rounds, before in pages:
            clock.pin(TODAY)
            times = timed(client, path, rounds, before)
            print(f"| {name} | {rounds} | {statistics.median(times):.0f} | {p95(times):.0f} |")
        if refreshes:
            print(f"| (a batch's refresh of its village, after the receipt: not a page) | {len(refreshes)} |"
                  f" {statistics.median(refreshes):.0f} | {p95(refreshes):.0f} |")
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)     # the SQLite county and its key
    if args.backend == "postgresql" and args.drop:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


if __name__ == "__main__":
    main()
