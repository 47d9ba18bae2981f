"""Figures for BENCHMARKS.md: villages of several sizes, each workload through our layers and
as the bare engine doing the same work on the same store (the limit), and encrypted vs plain.

    .venv/bin/python -m bench.run [--sizes 300,3000,10000] [--seed 1] [--out BENCHMARKS.md]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlcipher3

from app.demo import build as demo
from app.services import due, households, kept, visits
from app.storage import search
from app.storage.store import DB_NAME, Store

PASS = "bench-passphrase"
QUERIES_PER_KIND = 200
SAVES = 300
TODAY = date(2026, 11, 22)


def pct(samples: list[float], p: int) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * p / 100))]


def ms(x: float) -> str:
    return f"{x * 1000:.2f}"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def query_sets(store: Store, rng: random.Random) -> dict[str, list[str]]:
    rows = store.query("SELECT m.name, m.id_number, m.phone, h.group_name FROM members m"
                       " JOIN households h ON h.id = m.household_id WHERE m.deleted = 0")
    from app.core.search_keys import name_keys
    picks = [rng.choice(rows) for _ in range(QUERIES_PER_KIND)]
    sets = {
        "name (Chinese substring)": [p["name"][:2] for p in picks],
        "full pinyin": [name_keys(p["name"])[1 if name_keys(p["name"])[1] != p["name"] else 2] for p in picks],
        "pinyin initials": [name_keys(p["name"])[-1] for p in picks],
        "ID fragment (6 digits)": [p["id_number"][-7:-1] for p in picks if p["id_number"]],
        "phone fragment (4 digits)": [(p["phone"] or "13800138000")[-4:] for p in picks],
        "village group": [search.group_keys(p["group_name"])[-1] for p in picks if p["group_name"]],
    }
    return sets


def bare_search(conn, q: str) -> list:
    found, params = search.matching_rowids(q)
    sql = ("SELECT h.id, h.head_name, h.category FROM households h WHERE h.deleted = 0 AND"
           f" h.rowid IN ({found})"
           " ORDER BY h.group_name, h.number, h.head_name LIMIT 200")
    return conn.execute(sql, params).fetchall()


def plain_copy(store: Store, target: Path) -> sqlcipher3.Connection:
    """The same database decrypted, opened by the same engine without a key."""
    store.conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(target)])
    store.conn.execute("SELECT sqlcipher_export('plain')")
    store.conn.execute("DETACH DATABASE plain")
    conn = sqlcipher3.connect(str(target), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def keyed(path: Path, key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def engine_workload(conn, queries: list[str], hid: str, month_sql) -> dict[str, float]:
    """The bare-engine work used both for the 'limit' and for encrypted vs plain."""
    search_t = [t for q in queries for t in timed(lambda q=q: bare_search(conn, q), 1)]
    due_t = timed(lambda: month_sql(conn), 20)
    ins = []
    for i in range(SAVES):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO visits (id, created_at, created_by, device_id, updated_at, updated_by, hlc,"
                     " household_id, visitor, visit_date, mode, findings) VALUES (?, 'x', 'x', 'x', 'x', 'x', 'x',"
                     " ?, 'bench', '2026-11-20', 'home', 'bench visit')", [f"bench-{os.getpid()}-{time.time_ns()}-{i}", hid])
        conn.execute("COMMIT")
        ins.append(time.perf_counter() - t)
    return {"search_p95": pct(search_t, 95), "search_p50": pct(search_t, 50), "due": statistics.median(due_t),
            "insert_p50": pct(ins, 50), "insert_p95": pct(ins, 95)}


def run_size(n: int, seed: int, workdir: Path) -> dict:
    folder = workdir / f"v{n}"
    t = time.perf_counter()
    info = demo.build_demo(folder, PASS, n, seed=seed, today=TODAY)
    build = time.perf_counter() - t
    records = info["households"] + info["members"] + info["visits"]
    unlock = timed(lambda: Store.open(folder, PASS).close(), 5)
    store = Store.open(folder, PASS)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    rng = random.Random(seed)
    sets = query_sets(store, rng)
    fig: dict = {"n": n, "members": info["members"], "visits": info["visits"], "build_s": build,
                 "households_per_s": n / build, "records_per_s": records / build,
                 "unlock_median": statistics.median(unlock), "size_mb": size / 1e6, "search": {}}
    for kind, qs in sets.items():
        ours = [timed(lambda q=q: households.list_households(store, q), 1)[0] for q in qs]
        bare = [timed(lambda q=q: bare_search(store.conn, q), 1)[0] for q in qs]
        fig["search"][kind] = {"p50": pct(ours, 50), "p95": pct(ours, 95), "bare_p95": pct(bare, 95),
                               "hits": statistics.mean(len(households.list_households(store, q)) for q in qs[:20])}
    month = "2026-11"

    def due_cold():
        kept.forget(store)  # as the first list after a household or case changed
        due.due_list(store, month, TODAY)
    due_ours = timed(due_cold, 10)
    probe = store.conn.execute("SELECT id FROM households LIMIT 1").fetchone()[0]
    due_after_visit = []
    for _ in range(10):  # the window's usual case: a visit was just recorded
        visits.add_visit(store, probe, {"visit_date": "2026-11-20", "mode": "phone", "findings": "电话联系"},
                         today=TODAY)
        due_after_visit += timed(lambda: due.due_list(store, month, TODAY), 1)
    # The due list's own query, as SQL alone.
    keys = [k for ks in due.period_keys(2026, 11).values() for k in ks]
    month_sql = lambda conn: conn.execute(  # noqa: E731
        f"SELECT household_id, last_home, last_phone, last_wechat FROM contact_periods"
        f" WHERE period IN ({', '.join('?' * len(keys))})", keys).fetchall()
    due_bare = timed(lambda: month_sql(store.conn), 10)
    fig["due"] = {"ms": statistics.median(due_ours), "bare": statistics.median(due_bare),
                  "after_visit": statistics.median(due_after_visit),
                  "items": len(due.due_list(store, month, TODAY))}
    hids = [r[0] for r in store.conn.execute("SELECT id FROM households LIMIT 50")]
    saves = []
    for i in range(SAVES):
        hid = hids[i % len(hids)]
        t = time.perf_counter()
        visits.add_visit(store, hid, {"visit_date": "2026-11-20", "mode": "phone", "findings": "电话联系，情况稳定"},
                         today=TODAY)
        saves.append(time.perf_counter() - t)
    fig["save"] = {"p50": pct(saves, 50), "p95": pct(saves, 95)}
    # Bare engine on the same (encrypted) store, and on a plain copy of it.
    all_queries = [q for qs in sets.values() for q in qs]
    data_key = store._data_key
    plain = plain_copy(store, workdir / f"plain{n}.db")
    store.close()
    enc = keyed(folder / DB_NAME, data_key)
    fig["bare_enc"] = engine_workload(enc, all_queries, hids[0], month_sql)
    fig["bare_plain"] = engine_workload(plain, all_queries, hids[0], month_sql)
    enc.close()
    plain.close()
    return fig


def write_section(path: Path, text: str) -> None:
    """Put `text` (a section starting with its "## " heading) into the file, replacing the section
    of that heading and keeping every other."""
    body = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    head = text.split("\n", 1)[0]
    if head in body:
        start = body.index(head)
        nxt = body.find("\n## ", start + len(head))
        body = body[:start] + text + ("\n" + body[nxt + 1:] if nxt != -1 else "")
    else:
        body = body.rstrip() + "\n\n" + text
    path.write_text(body, encoding="utf-8")


def write_opening(path: Path, text: str) -> None:
    """Put this benchmark's report (the file's opening sections) first in the file, in place of
    the sections of the same headings, keeping every other benchmark's."""
    ours = {line for line in text.splitlines() if line.startswith("## ")}
    rest = path.read_text("utf-8").split("\n## ") if path.exists() else []
    kept = [part for part in rest[1:] if "## " + part.split("\n", 1)[0] not in ours]
    path.write_text(text.rstrip() + "\n" + "".join("\n## " + part for part in kept), encoding="utf-8")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    c = sqlcipher3.connect(":memory:")
    engine = f"SQLCipher {c.execute('PRAGMA cipher_version').fetchone()[0]}, SQLite {c.execute('select sqlite_version()').fetchone()[0]}"
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}; {engine}"


def report(figs: list[dict], when: str) -> str:
    L = ["# Benchmarks", "", f"Measured {when} on: {machine()}.", "",
         "Command: `.venv/bin/python -m bench.run` (villages from `demo`, seed 1, month 2026-11).",
         "Each figure is through Zhucun's layers (services, records, audit chain, outbox); *bare* is the",
         "engine doing the same work on the same store (the SQL alone; an insert plus commit alone):",
         "the limit. The ratio says what our layers cost.", ""]
    L += ["## Store", "", "| households | members | visits | demo build | households/s | records/s | store size | unlock (median of 5) |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figs:
        L.append(f"| {f['n']:,} | {f['members']:,} | {f['visits']:,} | {f['build_s']:.1f} s | {f['households_per_s']:.0f}"
                 f" | {f['records_per_s']:,.0f} | {f['size_mb']:.1f} MB | {ms(f['unlock_median'])} ms |")
    L += ["", "## Search as you type (200 queries of each kind)", ""]
    for f in figs:
        L += [f"### {f['n']:,} households", "", "| kind | p50 ms | p95 ms | bare p95 ms | ratio p95 | mean hits |",
              "|---|---:|---:|---:|---:|---:|"]
        for kind, s in f["search"].items():
            L.append(f"| {kind} | {ms(s['p50'])} | {ms(s['p95'])} | {ms(s['bare_p95'])} | {s['p95'] / s['bare_p95']:.2f}"
                     f" | {s['hits']:.1f} |")
        L.append("")
    L += ["## Due list and visit save", "",
          "*due list*: the first list after a household or case changed (the roster is read again);",
          "*after a visit*: the list right after recording a visit, the window's usual case (the roster",
          "is kept until a table it reads is written).", "",
          "| households | due list ms | after a visit ms | bare query ms | ratio | items | visit save p50 ms | p95 ms | bare insert+commit p95 ms | ratio p95 |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figs:
        L.append(f"| {f['n']:,} | {ms(f['due']['ms'])} | {ms(f['due']['after_visit'])} | {ms(f['due']['bare'])}"
                 f" | {f['due']['ms'] / f['due']['bare']:.2f}"
                 f" | {f['due']['items']:,} | {ms(f['save']['p50'])} | {ms(f['save']['p95'])}"
                 f" | {ms(f['bare_enc']['insert_p95'])} | {f['save']['p95'] / f['bare_enc']['insert_p95']:.2f} |")
    L += ["", "## SQLCipher vs plain SQLite (same engine, same data, bare workload)", "",
          "| households | search p95 enc/plain ms | due enc/plain ms | insert+commit p95 enc/plain ms | ratio search | ratio due | ratio insert |",
          "|---:|---|---|---|---:|---:|---:|"]
    for f in figs:
        e, p = f["bare_enc"], f["bare_plain"]
        L.append(f"| {f['n']:,} | {ms(e['search_p95'])} / {ms(p['search_p95'])} | {ms(e['due'])} / {ms(p['due'])}"
                 f" | {ms(e['insert_p95'])} / {ms(p['insert_p95'])} | {e['search_p95'] / p['search_p95']:.2f}"
                 f" | {e['due'] / p['due']:.2f} | {e['insert_p95'] / p['insert_p95']:.2f} |")
    L += ["", "## Against the targets (3,000 households, two years of visits)", ""]
    for f in figs:
        if f["n"] == 3000:
            L += targets(f)
    return "\n".join(L)


def targets(f: dict) -> list[str]:
    worst = max(f["search"].values(), key=lambda s: s["p95"])["p95"]
    e, p = f["bare_enc"], f["bare_plain"]
    ratio = max(e["search_p95"] / p["search_p95"], e["due"] / p["due"], e["insert_p95"] / p["insert_p95"])
    rows = [("search p95 (worst kind)", worst * 1000, 5, "ms"), ("due list (first after a change)", f["due"]["ms"] * 1000, 30, "ms"),
            ("due list (after a visit)", f["due"]["after_visit"] * 1000, 30, "ms"),
            ("visit save p95", f["save"]["p95"] * 1000, 5, "ms"), ("unlock", f["unlock_median"] * 1000, 500, "ms"),
            ("SQLCipher / plain (worst workload)", ratio, 1.3, "")]
    out = ["| figure | measured | target | met |", "|---|---:|---:|---|"]
    for name, value, target, unit in rows:
        out.append(f"| {name} | {value:.2f} {unit} | ≤ {target} {unit} | {'yes' if value <= target else 'NO'} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,3000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="BENCHMARKS.md")
    args = ap.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="zhucun-bench-"))
    try:
        figs = []
        for n in (int(x) for x in args.sizes.split(",")):
            print(f"village of {n} households…", flush=True)
            figs.append(run_size(n, args.seed, workdir))
            print(report(figs[-1:], "now").split("## Store", 1)[1], flush=True)
        text = report(figs, time.strftime("%Y-%m-%d"))
        write_opening(Path(args.out), text)
        print(f"written {args.out}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
