"""Figures for Excel ledgers: importing a national-system member ledger into an empty store,
importing it again (nothing changes), importing an updated one, and exporting a month.

    .venv/bin/python -m bench.ledger [--households 3000] [--runs 3] [--export-households 3000]

The ledger is `app/ledger/sample.py`'s: the synthetic village (seed 1) as the national system
exports its member ledger — title rows, columns shuffled, one unknown column, planted
mistakes — written by openpyxl with shared strings, as Excel writes. Each import runs in a
fresh process on a fresh store (the passphrase's key derivation is outside the figure) and is
`ledger_import.import_ledger` whole: read, plan, write in one transaction, the report.

Export: each of the month's ledgers (October 2026) of a demo village, in a fresh process.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .run import PASS, machine

TARGET_S = 20.0


def _import(data: str, ledger: str, preview: bool) -> dict:
    from app.services import ledger_import
    from app.storage.store import Store
    with Store.open(Path(data), PASS) as store:
        stages = []
        started = time.perf_counter()

        def progress(stage, done, total):
            stages.append((stage, round(time.perf_counter() - started, 2), done, total))
        result = ledger_import.import_ledger(store, Path(ledger), preview=preview, progress=progress)
        seconds = time.perf_counter() - started
    read_done = max((t for s, t, *_ in stages if s == "read"), default=None)
    return {**result.as_dict(), "seconds": round(seconds, 2), "read_until": read_done,
            "progress_calls": len(stages)}


def _in_fresh_process(data: Path, ledger: Path, preview: bool = False) -> dict:
    code = ("import json,sys; from bench.ledger import _import;"
            f"print(json.dumps(_import({str(data)!r}, {str(ledger)!r}, {preview!r})))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    return json.loads(out.strip().splitlines()[-1])


def _export(data: str, kind: str, out: str) -> dict:
    from app.ledger.export import export_ledger
    from app.storage.store import Store
    with Store.open(Path(data), PASS) as store:
        started = time.perf_counter()
        result = export_ledger(store, kind, "2026-10", Path(out))
        seconds = time.perf_counter() - started
    return {"kind": kind, "rows": result.rows, "seconds": round(seconds, 2), "bytes": Path(out).stat().st_size}


def _exports(work: Path, households: int) -> list[dict]:
    from app.ledger.export import KINDS
    from app.demo.build import build_demo
    build_demo(work / "demo", PASS, households)
    out = []
    for kind in KINDS:
        code = ("import json; from bench.ledger import _export;"
                f"print(json.dumps(_export({str(work / 'demo')!r}, {kind!r}, {str(work / (kind + '.xlsx'))!r})))")
        res = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parents[1]).stdout
        out.append(json.loads(res.strip().splitlines()[-1]))
    return out


def _updated(src: Path, dst: Path, share: float = 0.05) -> int:
    """The same ledger a month later: the health of every twentieth person changed."""
    from openpyxl import load_workbook
    wb = load_workbook(src)
    ws = wb.active
    header = [c.value for c in ws[3]]
    col = header.index("健康状况") + 1
    changed = 0
    step = round(1 / share)
    for r in range(4, ws.max_row + 1, step):
        cell = ws.cell(r, col)
        cell.value = "长期慢性病" if cell.value == "健康" else "健康"
        changed += 1
    wb.save(dst)
    return changed


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--export-households", type=int, default=3000)
    args = ap.parse_args(argv)
    from app.ledger.sample import write_national_sample
    from app.storage.store import Store
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-ledger-"))
    try:
        ledger = work / "national.xlsx"
        planted = write_national_sample(ledger, args.households, seed=1)
        size = ledger.stat().st_size
        empty = work / "empty"
        Store.create(empty, "王芳", PASS)[0].close()
        runs = []
        for i in range(args.runs):
            data = work / f"s{i}"
            shutil.copytree(empty, data)
            runs.append(_in_fresh_process(data, ledger))
        best = min(runs, key=lambda r: r["seconds"])
        preview = _in_fresh_process(work / "s0", ledger, preview=True)
        again = _in_fresh_process(work / "s0", ledger)
        updated_path = work / "updated.xlsx"
        changed = _updated(ledger, updated_path)
        updated = _in_fresh_process(work / "s0", updated_path)
        rows = planted["rows"]
        exports = _exports(work, args.export_households) if args.export_households else []
        print(json.dumps({"machine": machine(), "households": args.households, "rows": rows,
                          "ledger_bytes": size, "planted": {k: len(v) for k, v in planted["bad"].items()},
                          "import": best, "runs": [r["seconds"] for r in runs],
                          "rows_per_s": round(rows / best["seconds"]), "target_s": TARGET_S,
                          "preview_again": preview, "import_again": again,
                          "updated": {"changed_cells": changed, **updated},
                          "export": {"households": args.export_households, "ledgers": exports}},
                         ensure_ascii=False, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
