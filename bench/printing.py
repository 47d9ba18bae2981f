"""Figures for printing: the demo village's handbooks into one PDF, against reportlab alone
drawing the same pages, and the peak memory of a 3,000-household batch.

    .venv/bin/python -m bench.printing [--households 1000] [--memory 3000] [--runs 2]

*reportlab alone* draws, for every page of our PDF, the text `pdftotext` finds on it (the same
characters, line by line, in the same main font at 9 pt) with a rule under each line and the
same page compression: no data reads, no layout, no QR codes. Pages that dense are the most
reportlab puts out on this machine; the ratio says what reading, laying out and checking cost.
Peak memory is the printing process's maximum resident set (ru_maxrss), measured in a fresh
process per figure.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .run import PASS, TODAY

FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}


def _print_job(folder: str, out: str) -> None:
    """Run in a child process: print every household, report figures as JSON."""
    import resource

    from app.services import printing
    from app.storage.store import Store
    with Store.open(Path(folder), PASS) as store:
        ids = printing.select_households(store, all_households=True)
        started = time.perf_counter()
        result = printing.print_handbooks(store, ids, Path(out), today=TODAY)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "pages": result.pages, "households": result.households,
                      "skipped": len(result.skipped), "bytes": Path(out).stat().st_size,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_job(folder: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.printing", "--job", str(folder), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def page_texts(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def reportlab_alone(pages: list[list[str]], out: Path) -> float:
    """Seconds for reportlab's canvas to draw these pages' lines (font loading excluded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from app.reports.fonts import load_fonts
    font = load_fonts().main
    started = time.perf_counter()
    c = canvas.Canvas(str(out), pagesize=A4, initialFontName=font, pageCompression=1)
    for lines in pages:
        y = A4[1] - 50
        step = max(8.0, (A4[1] - 100) / max(len(lines), 1))
        for line in lines:
            c.setFont(font, 9)
            c.drawString(50, y, line)
            c.line(50, y - 2, A4[0] - 50, y - 2)
            y -= step
        c.showPage()
    c.save()
    return time.perf_counter() - started


def build(folder: Path, n: int) -> float:
    from app.demo import build as demo
    started = time.perf_counter()
    demo.build_demo(folder, PASS, n, seed=1, today=TODAY, kdf_params=FAST_KDF)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=1000)
    ap.add_argument("--memory", type=int, default=3000, help="households in the memory run (0: skip)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--job", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.job:
        _print_job(*args.job)
        return
    workdir = Path(tempfile.mkdtemp(prefix="zhucun-bench-print-"))
    try:
        village = workdir / f"v{args.households}"
        build(village, args.households)
        pdf = workdir / "handbooks.pdf"
        runs = [run_job(village, pdf) for _ in range(args.runs)]
        best = min(runs, key=lambda r: r["seconds"])
        pages = page_texts(pdf)
        alone = min(reportlab_alone(pages, workdir / "alone.pdf") for _ in range(args.runs))
        ours = best["pages"] / best["seconds"]
        limit = len(pages) / alone
        print("| households | pages | time (best of %d) | pages/s | reportlab alone, same pages | ratio | PDF size | peak memory |"
              % args.runs)
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| {best['households']:,} | {best['pages']:,} | {best['seconds']:.1f} s | {ours:.0f} |"
              f" {alone:.1f} s = {limit:.0f} pages/s | {ours / limit:.2f} | {best['bytes'] / 2**20:.0f} MB |"
              f" {best['peak_mb']:.0f} MB |")
        if args.memory:
            big = workdir / f"v{args.memory}"
            build(big, args.memory)
            fig = run_job(big, workdir / "big.pdf")
            print(f"| {fig['households']:,} | {fig['pages']:,} | {fig['seconds']:.1f} s |"
                  f" {fig['pages'] / fig['seconds']:.0f} | | | {fig['bytes'] / 2**20:.0f} MB | {fig['peak_mb']:.0f} MB |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
