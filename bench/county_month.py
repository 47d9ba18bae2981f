"""A county's month: N villages' month batches ingested by a county with several workers.

    .venv/bin/python -m bench.county_month [--villages 300] [--records 4800] [--workers 2]
                                           [--backends sqlite,postgresql] [--sample 12]

PostgreSQL needs ZHUCUN_TEST_COUNTY_DB (`source scripts/postgres.sh && zhucun_postgres`); without
it only SQLite runs and the output says so.

Each village is an enrolled device whose households the county holds from earlier months; its
month's batch (a quarter household updates, which the county merges field by field, half new
visits, a quarter new members; each record with its audit entry, chained, canonical, hashed;
zlib, Ed25519, HPKE as a device seals it) is made before the clock starts. Then `--workers`
processes, each with its own engine, take the villages' envelopes from one queue and call
`county_server.ingest.ingest` as `serve --workers N` does per request: the month's wall time,
and records per second. *Straight insert*: the same rows of `--sample` villages into a fresh
copy of the county's `records`, one village per transaction by the same number of workers, with
no checks (PostgreSQL: COPY into a temporary table and one INSERT … ON CONFLICT DO UPDATE;
SQLite: one executemany upsert); the ratio is ingest's records per second to it, for the same
villages and workers.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import event, func, insert, select

from app.core import canonical
from app.core.hlc import Timestamp
from app.storage.audit import GENESIS, entry_hash, record_hash
from county_server import county as cty
from county_server import db, keys
from county_server.ingest import ingest

from .run import machine

MONTH_START = 1_793_491_200_000   # 2026-11-01T00:00:00Z, milliseconds
SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "大小明华国建军平志红秀英兰芳玉山河春秋东"
FINDINGS = ["家中正常，生活稳定。", "老人身体欠佳，已联系村医上门。", "孩子在县城读书，学费已落实。",
            "外出务工人员本月返乡，收入稳定。", "房屋漏雨，已报镇里危房改造。", "缺少劳动力，已安排公益岗位。"]


def _hlc(ms: int, counter: int, node: str) -> str:
    return Timestamp(ms, counter, node).encode()


def _iso(ms: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + f".{ms % 1000:03d}Z"


def _base(rid: str, node: str, user: str, ms: int, revision: int = 1) -> dict:
    at = _iso(ms)
    return {"id": rid, "created_at": at, "created_by": user, "device_id": node, "updated_at": at,
            "updated_by": user, "revision": revision, "deleted": 0, "delete_reason": None,
            "hlc": _hlc(ms, 0, node)}


def _rid(v: int, kind: int, i: int) -> str:
    return f"{v:08x}-{kind:04x}-7{i:03x}-8000-{hashlib.sha256(f'{v}.{kind}.{i}'.encode()).hexdigest()[:12]}"


def village_month(v: int, records: int, seed: int) -> dict:
    """Village v: its device, the households the county holds before the month, the month's batch body."""
    rng = random.Random(seed * 100_003 + v)
    node = f"dev{v:05d}"
    user = _rid(v, 0, 0)
    n_house = max(1, records // 4)
    n_member = max(1, records // 4)
    n_visit = records - n_house - n_member
    held, body_records, entries = [], [], []
    houses = []
    for i in range(n_house):
        h = _base(_rid(v, 1, i), node, user, MONTH_START - 86_400_000 * rng.randrange(30, 900))
        h.update({"province": "贵州省", "county": "正安县", "township": "城关镇", "village": f"第{v}村",
                  "group_name": f"{rng.randrange(1, 9)}组", "number": f"{i + 1:04d}",
                  "head_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                  "phone": f"13{rng.randrange(10**8, 10**9)}", "address": f"第{v}村{rng.randrange(1, 9)}组{i + 1}号",
                  "category": rng.choice(["general", "monitoring", "stable"]), "monitoring_category": None,
                  "monitoring_since": None, "residence": "at_home", "flags": [], "risk_types": [],
                  "risk_eliminated": 0, "housing_grade": "A", "can_fix_housing_alone": 1, "water_secured": 1,
                  "has_supporter": 1, "pairing_cadre": "王干部", "details": {"land_mu": rng.randrange(1, 12)},
                  "note": None})
        held.append(dict(h))
        houses.append(h)
    ms = MONTH_START
    for i, h in enumerate(houses):   # this month: the phone or the note changed
        ms += rng.randrange(1000, 400_000)
        field = "note" if i % 2 else "phone"
        old, new = h[field], (f"本月走访{i}次" if field == "note" else f"13{rng.randrange(10**8, 10**9)}")
        h.update({field: new, "revision": 2, "updated_at": _iso(ms), "hlc": _hlc(ms, 0, node)})
        body_records.append(("households", h, "update", {field: [old, new]}))
    for i in range(n_member):
        ms += rng.randrange(1000, 400_000)
        h = houses[i % n_house]
        m = _base(_rid(v, 2, i), node, user, ms)
        m.update({"household_id": h["id"], "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "id_number": None,
                  "sex": rng.choice(["male", "female"]), "birth_date": f"{rng.randrange(1940, 2020)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
                  "ethnicity": "汉族", "relation": "child", "education": "junior", "school_status": "none",
                  "dropout_reason": None, "health": "healthy", "disability_grade": None,
                  "disability_certificate": 0, "labour": "ordinary", "work_months": rng.randrange(0, 12),
                  "work_place": "浙江宁波", "employer": None, "monthly_wage_fen": rng.randrange(0, 800_000),
                  "welfare_post": 0, "medical_insurance": 1, "serious_illness_insurance": 1,
                  "pension_insurance": 0, "phone": None, "note": None})
        body_records.append(("members", m, "insert", {}))
    for i in range(n_visit):
        ms += rng.randrange(1000, 400_000)
        h = houses[rng.randrange(n_house)]
        vis = _base(_rid(v, 3, i), node, user, ms)
        vis.update({"household_id": h["id"], "visitor": "王干部", "visit_date": _iso(ms)[:10],
                    "mode": rng.choice(["home", "phone"]), "met_person": h["head_name"],
                    "findings": rng.choice(FINDINGS), "risks_seen": [], "followups": None, "supersedes": None,
                    "supersede_reason": None})
        body_records.append(("visits", vis, "insert", {}))
    prev = GENESIS
    for seq, (tbl, data, action, changes) in enumerate(body_records, 1):
        e = {"seq": seq, "at": data["updated_at"], "hlc": data["hlc"], "user_id": user, "device_id": node,
             "action": action, "tbl": tbl, "record_id": data["id"], "revision": data["revision"],
             "changes": canonical.dumps(changes), "record_hash": record_hash(data), "prev_hash": prev}
        e["hash"] = prev = entry_hash(e)
        entries.append(e)
    batch_id = _rid(v, 9, 0)
    body = {"batch_id": batch_id, "device_id": node, "store_id": f"store{v:05d}", "created_at": _iso(ms),
            "outbox": [1, len(entries)], "audit": {"prev": GENESIS, "entries": entries},
            "records": [{"tbl": t, "id": d["id"], "revision": d["revision"], "hlc": d["hlc"], "op": "upsert",
                         "data": d} for t, d, _, _ in body_records]}
    return {"v": v, "node": node, "held": held, "body": body}


def _make_job(job: tuple) -> dict:
    """In a pool process: village v's month, sealed; its held households as county rows."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from app.sync import envelope
    v, records, seed, county_pub, folder, keep_rows = job
    month = village_month(v, records, seed)
    key = Ed25519PrivateKey.generate()
    body = month["body"]
    data = envelope.seal(body, batch_id=body["batch_id"], device_id=month["node"], device_key=key,
                         county_key=X25519PublicKey.from_public_bytes(county_pub))
    path = Path(folder) / f"{v:05d}.zhb"
    path.write_bytes(data)
    held = [_row("households", h, month["node"], None) for h in month["held"]]
    out = {"v": v, "node": month["node"], "store_id": body["store_id"], "public_key": envelope.public_hex(key.public_key()),
           "path": str(path), "held": held, "records": len(body["records"])}
    if keep_rows:
        out["rows"] = [_row(r["tbl"], r["data"], month["node"], body["batch_id"]) for r in body["records"]]
    return out


def _row(tbl: str, data: dict, node: str, batch_id: str | None) -> dict:
    field_hlc = None
    if tbl == "households":
        field_hlc = canonical.dumps({f: data["hlc"] for f in data if f not in ("id", "created_at", "created_by",
                                    "device_id", "updated_at", "updated_by", "revision", "hlc")})
    return {"tbl": tbl, "id": data["id"], "revision": data["revision"], "hlc": data["hlc"], "device_id": node,
            "batch_id": batch_id, "deleted": 0, "data": canonical.dumps(data), "field_hlc": field_hlc}


# -- the county ---------------------------------------------------------------------------------
class Databases:
    """Fresh county databases of one backend, all opened with the bench's master key."""

    def __init__(self, kind: str, work: Path, pg_url: str | None):
        self.kind, self.work, self.pg_url, self.made = kind, work, pg_url, []
        if kind == "postgresql":
            from .sync_setup import Postgres
            self.pg = Postgres(pg_url)

    def fresh(self, name: str) -> str:
        if self.kind == "sqlite":
            path = self.work / f"{name}.db"
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                p.unlink(missing_ok=True)
            return f"sqlite:///{path}"
        url = self.pg.create(f"zhucun_month_{name}")
        self.made.append(f"zhucun_month_{name}")
        return url

    def close(self) -> None:
        if self.kind == "postgresql":
            for name in self.made:
                self.pg.drop(name)
            self.pg.close()


def enroll(engine, villages: list[dict]) -> None:
    """The villages' devices and the households the county holds from earlier months (untimed)."""
    now = "2026-10-31T00:00:00.000Z"
    with engine.begin() as conn:
        conn.execute(insert(db.devices), [{"device_id": v["node"], "store_id": v["store_id"],
                                           "public_key": v["public_key"], "village": f"第{v['v']}村",
                                           "township": "城关镇", "label": "bench", "enrolled_at": now,
                                           "revoked_at": None, "audit_head": GENESIS, "audit_seq": 0}
                                          for v in villages])
    for v in villages:
        with engine.begin() as conn:
            conn.execute(insert(db.records), v["held"])


def _track_backends(engine) -> list[int]:
    """The PostgreSQL server processes of this engine's connections (their CPU is the county's too)."""
    pids: list[int] = []
    if db.is_postgres(engine):
        @event.listens_for(engine, "connect")
        def _backend(dbapi_conn, _record):
            pids.append(dbapi_conn.info.backend_pid)
    return pids


def _server_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _ingest_worker(url: str, queue, out) -> None:
    engine = db.make_engine(url)
    backends = _track_backends(engine)
    cpu, done, records = time.process_time(), 0, 0
    try:
        while True:
            item = queue.get()
            if item is None:
                break
            path, node = item
            receipt = ingest(engine, Path(path).read_bytes(), sender_device_id=node)
            records += len(receipt["body"]["accepted"])
            assert not receipt["body"]["rejected"], receipt["body"]["rejected"][:3]
            done += 1
        server = _server_cpu(backends)
    finally:
        engine.dispose()
    out.put({"villages": done, "records": records, "cpu": time.process_time() - cpu, "server": server})


def _straight_worker(url: str, queue, out) -> None:
    engine = db.make_engine(url)
    backends = _track_backends(engine)
    cpu = time.process_time()
    try:
        while True:
            rows = queue.get()
            if rows is None:
                break
            straight(engine, rows)
        server = _server_cpu(backends)
    finally:
        engine.dispose()
    out.put({"cpu": time.process_time() - cpu, "server": server})


def straight(engine, rows: list[dict]) -> None:
    """The rows into `records`, no checks: COPY and one upsert (PostgreSQL), an executemany upsert (SQLite)."""
    cols = ("tbl", "id", "revision", "hlc", "device_id", "batch_id", "deleted", "data", "field_hlc")
    if db.is_postgres(engine):
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TEMP TABLE month_in (LIKE records) ON COMMIT DROP")
            cur = conn.connection.dbapi_connection.cursor()
            with cur.copy(f"COPY month_in ({', '.join(cols)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row([r[c] for c in cols])
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols[2:])
            conn.exec_driver_sql(f"INSERT INTO records SELECT * FROM month_in ON CONFLICT (tbl, id) DO UPDATE SET {sets}")
        return
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert
    stmt = sqlite_insert(db.records)
    stmt = stmt.on_conflict_do_update(index_elements=["tbl", "id"], set_={c: stmt.excluded[c] for c in cols[2:]})
    with engine.begin() as conn:
        conn.execute(stmt, rows)


def run_workers(target, url: str, items: list, workers: int) -> dict:
    ctx = get_context("fork")
    queue, out = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=target, args=(url, queue, out)) for _ in range(workers)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    for item in items:
        queue.put(item)
    for _ in procs:
        queue.put(None)
    answers = [out.get() for _ in procs]
    wall = time.perf_counter() - started
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"a worker failed (exit {p.exitcode})")
    return {"wall": wall, "cpu": sum(a["cpu"] for a in answers), "server": sum(a["server"] for a in answers),
            "records": sum(a.get("records", 0) for a in answers)}


def new_county(url: str, county_row: dict):
    """A county database holding the bench's county (its keys: the envelopes are sealed to them)."""
    engine = db.make_engine(url)
    db.create_tables(engine)
    with engine.begin() as conn:
        conn.execute(insert(db.county).values(**county_row))
    return engine


def measure(kind: str, villages: list[dict], args, work: Path, pg_url: str | None, county_row: dict) -> dict:
    dbs = Databases(kind, work, pg_url)
    try:
        url = dbs.fresh("month")
        engine = new_county(url, county_row)
        t = time.perf_counter()
        enroll(engine, villages)
        setup_s = time.perf_counter() - t
        engine.dispose()
        load = [os.getloadavg()[0]]
        month = run_workers(_ingest_worker, url, [(v["path"], v["node"]) for v in villages], args.workers)
        load.append(os.getloadavg()[0])
        engine = db.make_engine(url)
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(db.records)
                                  .where(db.records.c.batch_id.is_not(None))).scalar()
        engine.dispose()
        sample = [v for v in villages if "rows" in v]
        # the sample's villages again, alone on fresh copies: ingest, then straight insert
        figs = {}
        for name, target, items in (("ingest", _ingest_worker, [(v["path"], v["node"]) for v in sample]),
                                    ("straight", _straight_worker, [v["rows"] for v in sample])):
            url = dbs.fresh(f"sample_{name}")
            engine = new_county(url, county_row)
            enroll(engine, sample)
            engine.dispose()
            figs[name] = run_workers(target, url, items, args.workers)
        return {"backend": kind, "setup_s": setup_s, "month": month, "stored": stored, "load": load,
                "sample_records": sum(v["records"] for v in sample), **figs}
    finally:
        dbs.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--villages", type=int, default=300)
    ap.add_argument("--records", type=int, default=4800, help="records in each village's month batch")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=12, help="villages for the straight-insert ratio")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pg_url = os.environ.get("ZHUCUN_TEST_COUNTY_DB")
    backends = [b for b in args.backends.split(",") if b]
    notes = []
    if "postgresql" in backends and not pg_url:
        backends.remove("postgresql")
        notes.append("PostgreSQL left out: ZHUCUN_TEST_COUNTY_DB is not set")
    work = Path(tempfile.mkdtemp(prefix="zhucun-county-month-"))
    try:
        keys.new_key_file(work / "county.key")
        os.environ[keys.KEY_FILE_ENV] = str(work / "county.key")
        seed_engine = db.make_engine(f"sqlite:///{work / 'seed.db'}")
        cty.init_county(seed_engine, "基准县 (bench county)")
        county_pub = cty.load_county(seed_engine).hpke_key.public_key().public_bytes_raw()
        with seed_engine.connect() as conn:
            county_row = dict(conn.execute(select(db.county)).mappings().one())
        seed_engine.dispose()
        (work / "batches").mkdir()
        # every backend's database holds the seed's county (same master key, same keys)
        t = time.perf_counter()
        jobs = [(v, args.records, args.seed, county_pub, str(work / "batches"), v < args.sample)
                for v in range(args.villages)]
        with get_context("fork").Pool(max(1, os.cpu_count() or 1)) as pool:
            villages = pool.map(_make_job, jobs, chunksize=4)
        made_s = time.perf_counter() - t
        results = [measure(kind, villages, args, work, pg_url, county_row) for kind in backends]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(v["records"] for v in villages)
    print(f"# County month — {machine()}\n")
    print(f"Command: `.venv/bin/python -m bench.county_month --villages {args.villages} --records {args.records}"
          f" --workers {args.workers} --sample {args.sample}`\n")
    print(f"{args.villages} villages × {args.records} records = {total:,} records; batches made in {made_s:.1f} s"
          " (untimed).\n")
    for n in notes:
        print(f"_{n}_\n")
    print("*CPU*: the workers' and their PostgreSQL server processes' CPU seconds (on a busy machine the"
          " wall time waits for other work; CPU time is the cost). *Ratio*: ingest's records per CPU second"
          " to straight insert's, for the same sample villages.\n")
    print("| backend | workers | load average (1 min) at start, end | month wall s | month CPU s (workers + server)"
          " | records/s wall | records per CPU s | stored | sample: straight insert CPU s | sample: ingest CPU s | ratio |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        m = r["month"]
        cpu = m["cpu"] + m["server"]
        s_cpu = r["straight"]["cpu"] + r["straight"]["server"]
        i_cpu = r["ingest"]["cpu"] + r["ingest"]["server"]
        print(f"| {r['backend']} | {args.workers} | {r['load'][0]:.1f}, {r['load'][1]:.1f} | {m['wall']:.1f} |"
              f" {m['cpu']:.1f} + {m['server']:.1f} | {m['records'] / m['wall']:,.0f} | {m['records'] / cpu:,.0f} | {r['stored']:,} | {s_cpu:.2f} |"
              f" {i_cpu:.2f} | {s_cpu / i_cpu:.2f} |")

if __name__ == "__main__":
    sys.exit(main())
