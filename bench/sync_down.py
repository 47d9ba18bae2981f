"""Figures for records down (docs/sync.md, "Records down"): a lost laptop restored from the
county, and another laptop's month arriving incrementally.

    .venv/bin/python -m bench.sync_down [--households 3000] [--seed 7] [--backend sqlite|postgresql]
                                        [--restore-only] [--profile FILE]

`--backend postgresql`: the county on the test cluster (ZHUCUN_TEST_COUNTY_DB, `source
scripts/postgres.sh && zhucun_postgres`); the county's CPU is then the server process's and its
PostgreSQL server processes'. `--profile FILE`: the laptop's restore under cProfile (its stats in
FILE), every page of the restore built first in this process under cProfile (the county's side,
placing the records in the feed and building the pages, stats in FILE.county); the top items of each are printed. `--restore-only`: no month.

A demo village (built as of 2026-10-31) on laptop A, whose earlier syncs the county holds (as
bench/sync.py seeds them); the county server runs as in production (`python -m county_server
serve`, one uvicorn process) on loopback over SQLite.

1. *Restore*: a new laptop enrolled for the village (as with a restore code for A) runs `sync.sync` with nothing to
   send: the village's whole file comes down page by page (signed by the county, encrypted to the
   laptop), is applied and its signed forms verified. Time from the first request to the last
   page applied; bytes: the HTTP answers' bodies.
2. *Incremental*: A does November's work (visits, signed household forms, attendance: bench/
   sync_setup.py) and syncs; the restored laptop pulls again: only what changed comes down.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import insert

from . import sync_setup as setup
from .run import PASS, machine
from .sync import DEMO_TODAY, MONTH, Server, mb

TARGET_S = 60.0


class Counting(httpx.HTTPTransport):
    """The loopback transport, counting the bytes of every answer's body."""

    def __init__(self):
        super().__init__()
        self.bytes = 0
        self.pages = 0

    def handle_request(self, request):
        response = super().handle_request(request)
        response.read()
        self.bytes += len(response.content)
        self.pages += request.url.path.endswith("/records")
        return response


def pull(store, server, profile: cProfile.Profile | None = None, **kw) -> dict:
    """One sync through the counting transport: wall time, and the CPU seconds of this process
    (the laptop) and of the county server's, which a loaded machine's wall time hides."""
    from app.services import sync
    transport = Counting()
    t, cpu, county_cpu = time.perf_counter(), time.process_time(), server.cpu()
    if profile is not None:
        profile.enable()
    result = sync.sync(store, server.url, transport=transport, **kw)
    if profile is not None:
        profile.disable()
    return {"s": time.perf_counter() - t, "laptop_cpu": time.process_time() - cpu,
            "county_cpu": server.cpu() - county_cpu, "bytes": transport.bytes, "records": result["records"],
            "skipped": len(result["records_skipped"]), "pages": transport.pages}


def cpu(result: dict) -> str:
    return f"CPU: laptop {result['laptop_cpu']:.1f} s, county {result['county_cpu']:.1f} s"


def approve(store) -> None:
    """The leader approves the month before it goes up (where the team reviews its months)."""
    try:
        from app.services import review_signoff
    except ImportError:
        return
    if review_signoff.review_state(store)["on"]:
        review_signoff.approve(store)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--households", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--restore-only", action="store_true", help="no month of A's work afterwards")
    ap.add_argument("--profile", type=Path, help="cProfile stats of the restore, both sides, in this file")
    args = ap.parse_args()
    pg_url = os.environ.get("ZHUCUN_TEST_COUNTY_DB")
    if args.backend == "postgresql" and not pg_url:
        raise SystemExit("--backend postgresql needs ZHUCUN_TEST_COUNTY_DB: source scripts/postgres.sh && zhucun_postgres")
    from app.demo import build as demo
    from app.services import forms, sync
    from app.storage.store import Store
    from county_server import county as cty
    from county_server import db

    from tests.support.stores import FAST_KDF, make_store
    with tempfile.TemporaryDirectory(prefix="zhucun-bench-down-") as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        info = demo.build_demo(work / "a", PASS, args.households, seed=args.seed, today=DEMO_TODAY,
                               kdf_params=FAST_KDF)
        built = time.perf_counter() - t
        seed_path = work / "county.db"
        engine = setup.new_seed(seed_path)
        with Store.open(work / "a", PASS) as a:
            setup.enroll_usb(engine, a, info["village"], work / "usb")
            history = setup.history_body(a)
            setup.county_knows(engine, a, history)
            with engine.begin() as conn:   # the earlier syncs' batch, as the county keeps it
                conn.execute(insert(db.batches).values(device_id=a.device_id, batch_id=setup.EARLIER, sha256="0" * 64,
                                                       size=1, part_size=1, parts=1, state="done",
                                                       started_at="2026-10-31T00:00:00Z",
                                                       received_at="2026-10-31T00:00:00Z", receipt="{}"))
            setup.mark_sent(a)
            held = {tbl: a.query(f"SELECT count(*) AS n FROM {tbl}")[0]["n"]
                    for tbl in ("households", "members", "visits", "form_instances", "cases")}
        del history
        url, pg = f"sqlite:///{seed_path}", None
        if args.backend == "postgresql":
            pg = setup.Postgres(pg_url)
            name = f"zhucun_down_{os.getpid()}"
            pg.template_from(name, engine)
            engine.dispose()
            url = pg.url_of(name)
            engine = db.make_engine(url)
        with (PgServer if pg else Server)(url, work / "server.log") as server:
            # A new laptop of the village (a restore code's laptop receives the same; it would also
            # revoke A, whose month comes next).
            code = cty.new_code(engine, info["village"][:40], None, server.url)["code"]
            with make_store(work / "c", "新电脑") as c:
                sync.enroll(c, server.url, code)
                profile = cProfile.Profile(time.process_time) if args.profile else None
                if profile is not None:     # first, so that it places the records in the feed too
                    show(county_profile(engine, c.device_id), Path(f"{args.profile}.county"),
                         "the county's pages, built in this process (the restore's then read them)")
                restore = pull(c, server, profile, pull_only=True)
                check = forms.verify(c)
                restored = {tbl: c.query(f"SELECT count(*) AS n FROM {tbl}")[0]["n"] for tbl in held}
                assert restored == held, (restored, held)
                assert check["ok"] and restore["skipped"] == 0, check
                print(f"restore: {restore['records']} records in {restore['s']:.1f} s (target ≤ {TARGET_S:.0f} s),"
                      f" {mb(restore['bytes'])} over HTTP, {restore['pages']} pages; {check['checked']} signed forms"
                      f" verified; {cpu(restore)}", flush=True)
                if profile is not None:
                    show(profile, args.profile, "the laptop's restore")
                if args.restore_only:
                    done = None
                    return finish(args, built, held, engine, pg, url)
                # Another laptop's month: A's.
                with Store.open(work / "a", PASS) as a:
                    a.conn.execute("INSERT OR REPLACE INTO sync_settings VALUES ('county_url', ?)", [server.url])
                    t = time.perf_counter()
                    done = setup.month_of_work(a, MONTH, random.Random(args.seed), visit_share=0.5, form_share=0.1)
                    month_s = time.perf_counter() - t
                    approve(a)
                    sent = pull(a, server)
                month = pull(c, server)
                again = pull(c, server)
        finish(args, built, held, engine, pg, url)
    print(f"a month of another laptop's work ({done}, made in {month_s:.0f} s; its sync took {sent['s']:.1f} s):"
          f" pulled in {month['s']:.2f} s, {month['records']} records, {mb(month['bytes'])}; {cpu(month)}")
    print(f"a pull with nothing new: {again['s']:.2f} s, {mb(again['bytes'])}; {cpu(again)}")
    print(f"load average at the end: {os.getloadavg()}")


def finish(args, built: float, held: dict, engine, pg, url: str) -> None:
    engine.dispose()
    if pg is not None:
        pg.drop(url.rsplit("/", 1)[1])
        pg.close()
    print(f"machine: {machine()}; county on {args.backend}")
    print(f"village: {args.households} households built in {built:.0f} s; held: {held}")
    if args.restore_only:
        print(f"load average at the end: {os.getloadavg()}")


class PgServer(Server):
    """The county server on PostgreSQL: its CPU is its own and that of its database's server
    processes (those alive when asked: the server's pool keeps its connections)."""

    def cpu(self) -> float:
        from sqlalchemy import create_engine, text
        if not hasattr(self, "_admin"):
            self._admin = create_engine(self.db_url.rsplit("/", 1)[0] + "/postgres")
        name = self.db_url.rsplit("/", 1)[1]
        with self._admin.connect() as conn:
            pids = [r[0] for r in conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": name})]
        return super().cpu() + sum(proc_cpu(pid) for pid in pids)

    def __exit__(self, *exc) -> None:
        super().__exit__(*exc)
        if hasattr(self, "_admin"):
            self._admin.dispose()


def proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def county_profile(engine, device_id: str) -> cProfile.Profile:
    """Every page of a restore built and sealed in this process, under cProfile."""
    from county_server import county as cty
    from county_server import down as county_down
    county, after, profile = cty.load_county(engine), 0, cProfile.Profile(time.process_time)
    profile.enable()
    while True:
        _, body = county_down.build_sealed(engine, county, device_id, after, county_down.PAGE_ITEMS)
        if not body["more"] or body["last"] <= after:
            break
        after = body["last"]
    profile.disable()
    return profile


def show(profile: cProfile.Profile, path: Path, title: str, top: int = 30) -> None:
    profile.dump_stats(str(path))
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
    print(f"-- {title}: top {top} by own time (stats in {path})\n{out.getvalue()}", flush=True)


if __name__ == "__main__":
    main()
