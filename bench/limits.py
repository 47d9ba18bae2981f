"""What the file limits cost and what they stop: the checks before a real national ledger is
read (size, unpacked size and ratio, the sheets' furthest cells), and how fast and in how
little memory a zip bomb, a 1,048,576-row sheet and a 16,384-column sheet are refused.

    .venv/bin/python -m bench.limits [--households 3000]

Each refusal runs in a fresh process so its peak memory (ru_maxrss) is its own.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REFUSE = """
import resource, sys, time
from app.core.errors import ZhucunError
from app.ledger.read import read_ledger
t = time.perf_counter()
try:
    read_ledger(sys.argv[1])
    outcome = "read"
except ZhucunError as e:
    outcome = "refused"
print(outcome, round(time.perf_counter() - t, 3), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def bomb(path: Path, unpacked_mb: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return path


def far_cell(path: Path, cell: str) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"], wb.active[cell] = "户编号", "x"
    wb.save(path)
    return path


def refuse(path: Path) -> tuple[str, float, int]:
    out = subprocess.run([sys.executable, "-c", REFUSE, str(path)], capture_output=True, text=True, check=True)
    outcome, seconds, mb = out.stdout.split()
    return outcome, float(seconds), int(mb)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=3000)
    args = ap.parse_args()
    from app.core import limits
    from app.ledger.read import read_ledger
    from app.ledger.sample import write_national_sample
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ledger = tmp / "ledger.xlsx"
        write_national_sample(ledger, args.households, seed=1, errors=False)
        t = time.perf_counter()
        limits.check_size(ledger, "ledger")
        limits.check_zip(ledger)
        limits.check_xlsx_extent(ledger)
        checks = time.perf_counter() - t
        t = time.perf_counter()
        read_ledger(ledger)
        whole = time.perf_counter() - t
        print(f"national ledger, {args.households:,} households ({ledger.stat().st_size / 1e6:.1f} MB): "
              f"checks {checks * 1000:.0f} ms of read_ledger {whole * 1000:.0f} ms ({checks / whole:.0%})")
        print("| file | size | outcome | seconds | peak memory |")
        print("|---|---:|---|---:|---:|")
        for name, path in ((f"national ledger, {args.households:,} households", ledger),
                           ("zip bomb, 1.5 GB unpacked", bomb(tmp / "bomb.xlsx", 1536)),
                           ("one cell at C1048576", far_cell(tmp / "tall.xlsx", "C1048576")),
                           ("one cell at XFD1000", far_cell(tmp / "wide.xlsx", "XFD1000")),
                           ("one cell at XFD1048576", far_cell(tmp / "huge.xlsx", "XFD1048576"))):
            outcome, seconds, mb = refuse(path)
            print(f"| {name} | {path.stat().st_size / 1e6:.2f} MB | {outcome} | {seconds:.2f} | {mb} MB |")


if __name__ == "__main__":
    main()
