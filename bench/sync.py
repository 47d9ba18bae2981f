"""Figures for sync (docs/sync.md): sealing a village's month, the county's ingest of it on
SQLite and PostgreSQL, and many devices syncing with one county server at once.

    .venv/bin/python -m bench.sync [--households 3000] [--devices 200] [--device-households 30]
                                   [--runs 3] [--visit-share 0.5] [--form-share 0.1]

PostgreSQL figures need ZHUCUN_TEST_COUNTY_DB (`source scripts/postgres.sh && zhucun_postgres`);
without it they are left out and the output says so.

The month: a demo village (`demo`, built as of 2026-10-31) whose earlier changes went to the
county in earlier syncs (marked sent on the device; on the county its audit head and the
records they brought), then November 2026 through the services: a visit for every household
the due list names for the month and for a share of the others, household information forms
signed in synthetic handwriting (they update the household file), the county's prompt with its
tasks, attendance, problem items closed (bench/sync_setup.py).

1. *Seal*: `sync.seal_pending` (batch body from the outbox and audit log, canonical JSON, zlib,
   Ed25519, HPKE, kept in the store), each run in a fresh process as a person's sync starts;
   the envelope against the raw canonical JSON of the batch body; other compressions for scale.
2. *Ingest*: `county_server.ingest.ingest` of that envelope into a fresh copy of the county's
   database as it stood before the month (device enrolled, earlier records held); *straight
   insert*: the same rows into the same `records` table of another fresh copy, one executemany
   (an upsert: a household the month changed is held already) in one transaction, no checks.
3. *Devices at once*: N enrolled devices, each a small village with its month pending, all
   running `sync.sync` at once (a thread each) against `python -m county_server serve` (uvicorn,
   one process) on loopback: the time until every receipt is back, then every record counted on
   both sides.
"""
from __future__ import annotations

import argparse
import gc
import json
import lzma
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import func, select

from . import sync_setup as setup
from .run import PASS, machine

MONTH = "2026-11"
DEMO_TODAY = date(2026, 10, 31)
SEAL_TARGET_S = 3.0
SIZE_TARGET = 0.35
REPO = Path(__file__).resolve().parents[1]


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def pct(xs: list[float], p: int) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(len(s) * p / 100))]


def mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


# -- 1. sealing ----------------------------------------------------------------------------------
def seal_job(folder: str, keep: bool, detail: bool) -> None:
    """In a fresh process: time seal_pending; undo it unless `keep`; with `detail`, the parts
    of the work and other compressions of the same body. Prints JSON."""
    from app.core import canonical
    from app.services import sync
    from app.storage.store import Store
    from app.sync import batch as sync_batch
    from app.sync import envelope
    with Store.open(Path(folder), PASS) as store:
        started = time.perf_counter()
        row = sync.seal_pending(store)
        seconds = time.perf_counter() - started
        out = {"seconds": seconds, "size": row["size"], "batch_id": row["batch_id"],
               "records": store.conn.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox"
                                             " WHERE batch_id = ?)", [row["batch_id"]]).fetchone()[0],
               "entries": row["outbox_to"] - row["outbox_from"] + 1}
        if detail:
            # The body as seal_pending built it: its outbox range not yet in a batch.
            store.conn.execute("SAVEPOINT detail")
            store.conn.execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", [row["batch_id"]])
            t = time.perf_counter()
            body = sync_batch.build_body(store, row["batch_id"], row["outbox_from"], row["outbox_to"])
            out["t_body"] = time.perf_counter() - t
            store.conn.execute("ROLLBACK TO detail")
            store.conn.execute("RELEASE detail")
            out["audit_entries"] = len(body["audit"]["entries"])
            t = time.perf_counter()
            raw = canonical.encode(body)
            out["t_canonical"] = time.perf_counter() - t
            out["raw"] = len(raw)
            out["raw_by_table"] = {}
            for r in body["records"]:
                out["raw_by_table"][r["tbl"]] = out["raw_by_table"].get(r["tbl"], 0) + len(canonical.encode(r))
            out["raw_by_table"]["(audit entries)"] = len(canonical.encode(body["audit"]))
            squeezed = {}
            for name, fn in (("zlib 1", lambda b: zlib.compress(b, 1)), ("zlib 6 (used)", lambda b: zlib.compress(b, 6)),
                             ("zlib 9", lambda b: zlib.compress(b, 9)), ("lzma 0", lambda b: lzma.compress(b, preset=0)),
                             ("lzma 6", lambda b: lzma.compress(b, preset=6))):
                t = time.perf_counter()
                size = len(fn(raw))
                squeezed[name] = {"size": size, "seconds": time.perf_counter() - t}
            out["compressions"] = squeezed
            s = sync.settings(store)
            t = time.perf_counter()
            envelope.seal(body, batch_id=row["batch_id"], device_id=store.device_id,
                          device_key=envelope.ed25519_private(s["device_key"]),
                          county_key=envelope.x25519_public(s["hpke_key"]))
            out["t_seal_call"] = time.perf_counter() - t
        if not keep:
            with store.transaction():
                store.conn.execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", [row["batch_id"]])
                store.conn.execute("DELETE FROM sync_batches WHERE batch_id = ?", [row["batch_id"]])
    print(json.dumps(out))


def child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.sync", *args], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.sync {' '.join(args)} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def prepare_village(work: Path, args) -> dict:
    """The village, its county seed (before the month) and the month pending on the device."""
    from app.demo import build as demo
    from app.storage.store import Store
    folder = work / "village"
    t = time.perf_counter()
    info = demo.build_demo(folder, PASS, args.households, seed=args.seed, today=DEMO_TODAY,
                           kdf_params=setup.FAST_KDF)
    built = time.perf_counter() - t
    seed_path = work / "county-seed.db"
    seed = setup.new_seed(seed_path)
    with Store.open(folder, PASS) as store:
        setup.enroll_usb(seed, store, info["village"], work / "usb")
        history = setup.history_body(store)
        earlier = {"records": len(history["records"]), "entries": len(history["audit"]["entries"])}
        setup.county_knows(seed, store, history)
        del history
        setup.mark_sent(store)
        t = time.perf_counter()
        work_done = setup.month_of_work(store, MONTH, random.Random(args.seed),
                                        visit_share=args.visit_share, form_share=args.form_share)
        month_s = time.perf_counter() - t
        device_id = store.device_id
    seed.dispose()
    gc.collect()
    return {"folder": folder, "info": info, "built": built, "earlier": earlier, "work": work_done,
            "month_s": month_s, "seed": seed_path, "device_id": device_id}


def measure_seal(village: dict, runs: int) -> dict:
    folder = str(village["folder"])
    results = [child("--seal-job", folder, *(["--keep"] if i == runs - 1 else []),
                     *(["--detail"] if i == runs - 1 else [])) for i in range(runs)]
    last = results[-1]
    return {"seconds": [r["seconds"] for r in results], "size": last["size"], "raw": last["raw"],
            "records": last["records"], "entries": last["entries"], "detail": last, "batch_id": last["batch_id"]}


def seal_tables(v: dict, s: dict) -> list[str]:
    w, d = v["work"], s["detail"]
    L = ["## 1. Sealing a village's month (`sync.seal_pending`)", "",
         f"Village: {v['info']['households']:,} households, {v['info']['members']:,} members, "
         f"{v['info']['visits']:,} visits over two years (demo built in {v['built']:.0f} s); earlier syncs carried "
         f"{v['earlier']['records']:,} records and {v['earlier']['entries']:,} audit entries.",
         f"The month ({MONTH}, made through the services in {v['month_s']:.0f} s): {w['visits']:,} visits, "
         f"{w['forms']:,} signed household forms (two handwritten signatures each; they update the household "
         f"file), {w['tasks_done']} prompt tasks done, attendance for {w['attendance']}, "
         f"{w['problems_closed']} problem items closed.", "",
         f"| records | outbox entries | audit entries | seal s (median of {len(s['seconds'])}, a fresh process each)"
         " | runs s |"
         " raw canonical JSON | envelope | envelope / raw |",
         "|---:|---:|---:|---:|---|---:|---:|---:|",
         f"| {s['records']:,} | {s['entries']:,} | {d['audit_entries']:,} | {med(s['seconds']):.2f} |"
         f" {' / '.join(f'{x:.2f}' for x in s['seconds'])} | {mb(s['raw'])} | {mb(s['size'])} |"
         f" {s['size'] / s['raw']:.1%} |", "",
         "Where the time goes (the last run's body again, same process): "
         f"batch body from the store {d['t_body']:.2f} s, canonical JSON {d['t_canonical']:.2f} s, "
         f"`envelope.seal` (canonical JSON + zlib 6 + Ed25519 + HPKE) {d['t_seal_call']:.2f} s.", "",
         "| part of the raw body | bytes | share |", "|---|---:|---:|"]
    for tbl, n in sorted(d["raw_by_table"].items(), key=lambda kv: -kv[1]):
        L.append(f"| {tbl} | {mb(n)} | {n / d['raw']:.1%} |")
    L += ["", "The same raw body compressed otherwise (for scale; the envelope uses zlib level 6):", "",
          "| compression | bytes | of raw | seconds |", "|---|---:|---:|---:|"]
    for name, c in d["compressions"].items():
        L.append(f"| {name} | {mb(c['size'])} | {c['size'] / d['raw']:.1%} | {c['seconds']:.2f} |")
    return L


# -- 2. ingest -------------------------------------------------------------------------------------
def month_envelope(village: dict) -> bytes:
    from app.storage.store import Store
    with Store.open(village["folder"], PASS) as store:
        return bytes(store.conn.execute("SELECT envelope FROM sync_batches WHERE state = 'ready'").fetchone()[0])


def opened_batch(seed_path: Path, data: bytes, device_id: str) -> dict:
    from app.sync import envelope
    from county_server import county as cty
    from county_server import db
    engine = db.make_engine(f"sqlite:///{seed_path}")
    try:
        c = cty.load_county(engine)
        with engine.connect() as conn:
            key = cty.device_row(conn, device_id)["public_key"]
    finally:
        engine.dispose()
    return envelope.open_envelope(data, county_key=c.hpke_key, device_key=envelope.ed25519_public(key))[1]


def upsert(engine, rows: list[dict]) -> float:
    """The rows straight into `records`: one executemany in one transaction, no checks."""
    from county_server import db
    if db.is_postgres(engine):
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(db.records)
    stmt = stmt.on_conflict_do_update(index_elements=["tbl", "id"], set_={
        c: stmt.excluded[c] for c in ("revision", "hlc", "device_id", "batch_id", "deleted", "data", "field_hlc")})
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(stmt, rows)
    return time.perf_counter() - started


def measure_ingest(village: dict, data: bytes, runs: int, pg: setup.Postgres | None, work: Path) -> list[dict]:
    from county_server import db
    from county_server.ingest import ingest
    batch = opened_batch(village["seed"], data, village["device_id"])
    rows = setup.county_rows(batch["records"], village["device_id"], batch["batch_id"])
    n = len(batch["records"])
    backends = [("SQLite", None)] + ([("PostgreSQL", pg)] if pg else [])
    if pg:
        seed = db.make_engine(f"sqlite:///{village['seed']}")
        try:
            pg.template_from("zhucun_bench_seed", seed)
        finally:
            seed.dispose()
    figs = []
    for name, server in backends:
        def fresh():
            if server is None:
                return db.make_engine(setup.sqlite_copy(village["seed"], work / "county-run.db"))
            return db.make_engine(server.create("zhucun_bench_run", "zhucun_bench_seed"))
        ingest_s, straight_s, receipt = [], [], None
        for _ in range(runs):
            engine = fresh()
            try:
                gc.collect()
                started = time.perf_counter()
                receipt = ingest(engine, data, sender_device_id=village["device_id"])
                ingest_s.append(time.perf_counter() - started)
                with engine.connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(db.records)
                                          .where(db.records.c.batch_id == batch["batch_id"])).scalar()
            finally:
                engine.dispose()
            engine = fresh()
            try:
                gc.collect()
                straight_s.append(upsert(engine, rows))
            finally:
                engine.dispose()
        body = receipt["body"]
        figs.append({"backend": name, "records": n, "ingest": ingest_s, "straight": straight_s,
                     "accepted": len(body["accepted"]), "rejected": len(body["rejected"]), "stored": stored,
                     "reasons": sorted({r["reason"] for r in body["rejected"]})[:3], "receipt": receipt})
    if pg:
        pg.drop("zhucun_bench_run")
        pg.drop("zhucun_bench_seed")
    return figs


def measure_receipt(village: dict, receipt: dict, runs: int, work: Path) -> list[float]:
    """The device takes the county's receipt (`sync.apply_receipt`), each run on a fresh copy of
    the store with the batch still waiting for it."""
    from app.services import sync
    from app.storage.store import Store
    out = []
    for _ in range(runs):
        copy = work / "village-receipt"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(village["folder"], copy)
        with Store.open(copy, PASS) as store:
            gc.collect()
            started = time.perf_counter()
            result = sync.apply_receipt(store, receipt)
            out.append(time.perf_counter() - started)
            assert result["accepted"] == len(receipt["body"]["accepted"]) and not result["already"]
            assert store.conn.execute("SELECT count(*) FROM outbox WHERE acked = 0").fetchone()[0] == 0
        shutil.rmtree(copy, ignore_errors=True)
    return out


def ingest_tables(figs: list[dict], village: dict, pg_note: str, receipt_s: list[float]) -> list[str]:
    L = ["## 2. County ingest of that batch (`county_server.ingest.ingest`)", "",
         f"Each run into a fresh copy of the county database as it stood before the month (the device enrolled, "
         f"its {village['earlier']['records']:,} earlier records held). *Straight insert*: the same rows into the same "
         "`records` table, one executemany (upsert) in one transaction, no checks. "
         "SQLite: WAL, synchronous=FULL (db.make_engine); PostgreSQL: the private test cluster (fsync=off).", "",
         "| database | records | accepted / rejected | ingest s (median of runs) | records/s | straight insert s |"
         " records/s | ingest / straight |",
         "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figs:
        i, s = med(f["ingest"]), med(f["straight"])
        L.append(f"| {f['backend']} | {f['records']:,} | {f['accepted']:,} / {f['rejected']:,} | {i:.2f}"
                 f" ({' / '.join(f'{x:.2f}' for x in f['ingest'])}) | {f['records'] / i:,.0f} | {s:.3f} |"
                 f" {f['records'] / s:,.0f} | {i / s:.1f}× |")
    L += ["", f"The device then takes the receipt (`sync.apply_receipt`: {figs[0]['accepted']:,} records acknowledged,"
          f" the batch done): {med(receipt_s):.2f} s (median of {len(receipt_s)}; "
          f"{' / '.join(f'{x:.2f}' for x in receipt_s)})."]
    if pg_note:
        L += ["", pg_note]
    for f in figs:
        if f["rejected"] or f["stored"] != f["accepted"]:
            L += ["", f"{f['backend']}: {f['rejected']} rejected ({'; '.join(f['reasons'])}), {f['stored']} stored."]
    return L


# -- 3. many devices at once -----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m county_server serve` on loopback, as in production (one uvicorn process)."""

    def __init__(self, db_url: str, log: Path):
        self.db_url, self.log, self.port, self.proc = db_url, log, free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import httpx
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "county_server", "serve", "--db", self.db_url, "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-level", "warning"],
                cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the county server exited: {self.log.read_text('utf-8', 'replace')[-2000:]}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the county server did not answer")
            time.sleep(0.1)

    def cpu(self) -> float:
        """CPU seconds the server process has used (user + system)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def build_devices(work: Path, args) -> tuple[Path, list[dict], float]:
    folder = work / "devices"
    folder.mkdir()
    seed_path = work / "county-devices-seed.db"
    setup.new_seed(seed_path).dispose()
    jobs = [{"folder": str(folder / f"d{i:03d}"), "passphrase": PASS, "households": args.device_households,
             "seed": 1000 + i, "today": DEMO_TODAY, "county": str(seed_path), "month": MONTH,
             "visit_share": args.visit_share, "form_share": args.form_share} for i in range(args.devices)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, os.cpu_count() or 1), mp_context=get_context("spawn")) as pool:
        devices = list(pool.map(setup.build_device, jobs))
    return seed_path, devices, time.perf_counter() - started


def sync_all(url: str, folders: list[Path]) -> list[dict]:
    """Every device runs `sync.sync` at once, a thread each; each store opened before the start."""
    from app.services import sync
    from app.storage.store import Store
    n = len(folders)
    ready = threading.Barrier(n + 1)
    results: list[dict] = [{} for _ in range(n)]
    start = [0.0]

    def device(i: int) -> None:
        out = results[i]
        try:
            store = Store.open(folders[i], PASS)
        except BaseException as e:  # noqa: BLE001
            out["error"] = f"open: {e}"
            ready.wait()
            return
        try:
            ready.wait()
            try:
                r = sync.sync(store, url)
                out.update(done=time.perf_counter() - start[0], accepted=r["accepted"], rejected=r["rejected"],
                           batches=len(r["batches"]))
            except Exception as e:  # noqa: BLE001 — counted and shown
                out.update(error=f"{type(e).__name__}: {e}", done=time.perf_counter() - start[0])
            row = store.conn.execute("SELECT count(*), sum(acked = 0), sum(batch_id IS NULL) FROM outbox").fetchone()
            out.update(device_id=store.device_id, outbox=row[0], unacked=row[1] or 0, unbatched=row[2] or 0,
                       ready_batches=store.conn.execute("SELECT count(*) FROM sync_batches WHERE state = 'ready'")
                       .fetchone()[0],
                       head=store.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone(),
                       rejections=store.conn.execute("SELECT count(*) FROM sync_rejections").fetchone()[0])
        finally:
            store.close()

    threads = [threading.Thread(target=device, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    ready.wait()
    start[0] = time.perf_counter()
    for t in threads:
        t.join()
    return results


def county_counts(url: str) -> dict:
    from county_server import db
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            b = db.batches
            out = {"records": conn.execute(select(func.count()).select_from(db.records)).scalar(),
                   "month_records": conn.execute(select(func.count()).select_from(db.records)
                                                 .where(db.records.c.batch_id != setup.EARLIER)).scalar(),
                   "batches": dict(conn.execute(select(b.c.state, func.count()).group_by(b.c.state)).all()),
                   "devices_with_batches": conn.execute(select(func.count(func.distinct(b.c.device_id)))).scalar(),
                   "parts_left": conn.execute(select(func.count()).select_from(db.batch_parts)).scalar(),
                   "heads": {r[0]: (r[1], r[2]) for r in conn.execute(
                       select(db.devices.c.device_id, db.devices.c.audit_seq, db.devices.c.audit_head))}}
    finally:
        engine.dispose()
    return out


def measure_devices(work: Path, args, pg: setup.Postgres | None) -> dict:
    seed_path, devices, build_s = build_devices(work, args)
    seeded = sum(d["held"] - d["pending"] for d in devices)
    backends = [("SQLite", None)] + ([("PostgreSQL", pg)] if pg else [])
    figs = []
    for name, server in backends:
        from county_server import db
        if server is None:
            url = setup.sqlite_copy(seed_path, work / "county-devices.db")
        else:
            url = server.create("zhucun_bench_devices")
            engine, seed = db.make_engine(url), db.make_engine(f"sqlite:///{seed_path}")
            try:
                setup.clone(seed, engine)
            finally:
                engine.dispose()
                seed.dispose()
        run_dir = work / f"devices-{name.lower()}"
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(work / "devices", run_dir, ignore=shutil.ignore_patterns("usb-*"))
        folders = [run_dir / Path(d["folder"]).name for d in devices]
        log = work / f"server-{name.lower()}.log"
        with Server(url, log) as srv:
            server_cpu, client_cpu = srv.cpu(), time.process_time()
            results = sync_all(srv.url, folders)
            server_cpu, client_cpu = srv.cpu() - server_cpu, time.process_time() - client_cpu
        county = county_counts(url)
        errors = [r.get("error") for r in results if r.get("error")]
        times = [r["done"] for r in results if "done" in r and not r.get("error")]
        expected_month = sum(d["pending"] for d in devices)
        expected_all = sum(d["held"] for d in devices)
        heads_ok = sum(1 for r in results if r.get("head") and county["heads"].get(r["device_id"]) == tuple(r["head"]))
        figs.append({
            "backend": name, "devices": len(devices), "ok": len(devices) - len(errors), "errors": errors,
            "server_cpu": server_cpu, "client_cpu": client_cpu,
            "all_done": max((r.get("done", 0) for r in results), default=0), "p50": pct(times, 50) if times else 0,
            "p95": pct(times, 95) if times else 0,
            "accepted": sum(r.get("accepted", 0) for r in results), "rejected": sum(r.get("rejected", 0) for r in results),
            "expected_month": expected_month, "expected_all": expected_all, "seeded": seeded, "county": county,
            "unacked": sum(r.get("unacked", 0) for r in results), "unbatched": sum(r.get("unbatched", 0) for r in results),
            "ready": sum(r.get("ready_batches", 0) for r in results),
            "rejections": sum(r.get("rejections", 0) for r in results), "heads_ok": heads_ok,
            "log_tail": [line for line in log.read_text("utf-8", "replace").splitlines()
                         if "Error" in line or "error" in line][-3:]})
        if server is not None:
            server.drop("zhucun_bench_devices")
        shutil.rmtree(run_dir, ignore_errors=True)
    return {"build_s": build_s, "devices": devices, "figs": figs}


def device_tables(res: dict, args, pg_note: str) -> list[str]:
    devs = res["devices"]
    L = ["## 3. Devices syncing their month at once (`sync.sync` against `county_server serve`)", "",
         f"{len(devs)} enrolled devices, each a village of {args.device_households} households (demo) whose earlier "
         f"months the county holds, with a month's work pending: {statistics.mean(d['pending'] for d in devs):.0f} "
         f"records a device on average ({min(d['pending'] for d in devs)}–{max(d['pending'] for d in devs)}); "
         f"the stores were built in {res['build_s']:.0f} s. All start together (a thread each, every store open "
         "before the start); the server is one uvicorn process on loopback.", "",
         "| database | devices | synced | every receipt back after | device p50 s | p95 s | records sent |"
         " records/s overall | accepted / rejected | server process CPU s | devices' threads CPU s |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in res["figs"]:
        L.append(f"| {f['backend']} | {f['devices']} | {f['ok']} | {f['all_done']:.1f} s | {f['p50']:.1f} | {f['p95']:.1f}"
                 f" | {f['expected_month']:,} | {f['expected_month'] / f['all_done']:,.0f} |"
                 f" {f['accepted']:,} / {f['rejected']:,} | {f['server_cpu']:.1f} | {f['client_cpu']:.1f} |")
    L += ["", "Nothing lost, nothing twice:", "",
          "| database | county rows from the month = devices' batch records | county rows = every record of every"
          " device | batches done / other states | parts left | outbox entries not acked | ready batches left |"
          " devices whose audit head the county holds |",
          "|---|---|---|---|---:|---:|---:|---:|"]
    for f in res["figs"]:
        c = f["county"]
        other = {k: v for k, v in c["batches"].items() if k != "done"}
        L.append(f"| {f['backend']} | {c['month_records']:,} = {f['expected_month']:,}"
                 f" {'✓' if c['month_records'] == f['expected_month'] else '✗'} | {c['records']:,} = {f['expected_all']:,}"
                 f" {'✓' if c['records'] == f['expected_all'] else '✗'} | {c['batches'].get('done', 0)} /"
                 f" {json.dumps(other) if other else 'none'} | {c['parts_left']} | {f['unacked']} | {f['ready']} |"
                 f" {f['heads_ok']} of {f['devices']} |")
    for f in res["figs"]:
        if f["errors"]:
            from collections import Counter
            L += ["", f"{f['backend']}: {len(f['errors'])} devices did not finish: " + "; ".join(
                f"{n}× {e[:200]}" for e, n in Counter(f["errors"]).most_common(3))]
        if f["log_tail"]:
            L += ["", f"{f['backend']} server log: " + " / ".join(x[:200] for x in f["log_tail"])]
    if pg_note:
        L += ["", pg_note]
    return L


# -- the whole run -------------------------------------------------------------------------------------
def targets(seal: dict) -> list[str]:
    s, ratio = med(seal["seconds"]), seal["size"] / seal["raw"]
    return ["## Against the targets", "", "| figure | measured | target | met |", "|---|---:|---:|---|",
            f"| seal a {seal['records']:,}-record month (median) | {s:.2f} s | ≤ {SEAL_TARGET_S:.0f} s |"
            f" {'yes' if s <= SEAL_TARGET_S else 'NO'} |",
            f"| envelope / raw canonical JSON | {ratio:.1%} | ≤ {SIZE_TARGET:.0%} | {'yes' if ratio <= SIZE_TARGET else 'NO'} |"]


def village_figures(work: Path, args, pg: setup.Postgres | None, pg_note: str) -> dict:
    """Figures 1 and 2 (the village's month sealed, then ingested); the sealing figures."""
    print(f"village of {args.households} households, its month…", file=sys.stderr, flush=True)
    village = prepare_village(work, args)
    print("sealing…", file=sys.stderr, flush=True)
    seal = measure_seal(village, args.runs)
    print("\n".join(seal_tables(village, seal)) + "\n", flush=True)
    print("ingest…", file=sys.stderr, flush=True)
    figs = measure_ingest(village, month_envelope(village), args.runs, pg, work)
    receipt_s = measure_receipt(village, figs[0]["receipt"], args.runs, work)
    print("\n".join(ingest_tables(figs, village, pg_note, receipt_s)) + "\n", flush=True)
    return seal


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--households", type=int, default=3000, help="the village that seals and is ingested")
    ap.add_argument("--devices", type=int, default=200, help="devices syncing at once (0: leave out)")
    ap.add_argument("--device-households", type=int, default=30, help="households on each of those devices")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--visit-share", type=float, default=0.5,
                    help="share of the households the due list does not name that get a visit in the month")
    ap.add_argument("--form-share", type=float, default=0.1, help="share of households with a signed form in the month")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the working folder")
    ap.add_argument("--seal-job", help=argparse.SUPPRESS)
    ap.add_argument("--detail", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.seal_job:
        seal_job(args.seal_job, args.keep, args.detail)
        return
    pg_url = os.environ.get("ZHUCUN_TEST_COUNTY_DB")
    pg = setup.Postgres(pg_url) if pg_url else None
    pg_note = "" if pg else ("PostgreSQL left out: ZHUCUN_TEST_COUNTY_DB is not set "
                             "(`source scripts/postgres.sh && zhucun_postgres`).")
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-sync-"))
    started = time.perf_counter()
    print(f"# Sync benchmarks\n\nMachine: {machine()}.\n", flush=True)
    try:
        seal = village_figures(work, args, pg, pg_note) if args.households else None
        if args.devices:
            print(f"{args.devices} devices…", file=sys.stderr, flush=True)
            res = measure_devices(work, args, pg)
            print("\n".join(device_tables(res, args, pg_note)) + "\n", flush=True)
        if seal:
            print("\n".join(targets(seal)) + "\n", flush=True)
        print(f"Machine: {machine()}. Whole run {time.perf_counter() - started:.0f} s.", flush=True)
    finally:
        if pg:
            pg.close()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
