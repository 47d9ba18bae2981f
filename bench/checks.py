"""Figures for the data-quality checks: `run_checks` over demo villages, as built (with the
demo's own signed forms) and with a signed survey form for every household (household and
investigator signatures from synthetic writers, a few signed by the investigator).

    .venv/bin/python -m bench.checks [--sizes 300,3000] [--runs 3]

*no signatures*: every rule but the two handwriting rules; *cold*: every rule with no
handwriting distance stored yet (forms that arrived without them, the first run ever); *warm*:
every rule with the distances stored, as every later run, from any process (a form signed in
Zhucun stores its own pair's distance when it is signed).
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from app.core import handwriting, signature
from app.demo import build as demo
from app.services import checks
from app.storage.store import Store

from .run import PASS, TODAY, pct

FORGED_SHARE = 0.02   # household signatures written by the form's investigator


def add_signed_forms(store: Store, seed: int) -> set[str]:
    """A signed form for each household that has none, straight through the records layer
    (what is measured is the checks, not filling forms): the head and one of five
    investigators sign. Returns the ids of the household signatures the investigator wrote."""
    rng = random.Random(seed)
    team = [handwriting.random_name(90_000 + i) for i in range(5)]
    hands = {name: handwriting.Writer(90_000 + i) for i, name in enumerate(team)}
    rows = store.conn.execute(
        "SELECT id, head_name FROM households h WHERE deleted = 0 AND NOT EXISTS"
        " (SELECT 1 FROM form_instances x WHERE x.household_id = h.id) ORDER BY number").fetchall()
    forged = set()
    with store.transaction():
        for k, (hid, head) in enumerate(rows):
            investigator = rng.choice(team)
            form = store.records.insert("form_instances", {
                "form_id": "household_info", "form_version": "1", "household_id": hid, "state": "signed",
                "answers": {"head_name": head}, "investigator": investigator,
                "filled_on": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"})
            hand = hands[investigator] if rng.random() < FORGED_SHARE else handwriting.Writer(k)
            for role, name, strokes in (("investigator", investigator, hands[investigator].sign(investigator, k)),
                                        ("household", head, hand.sign(head, k))):
                row = store.records.insert("form_signatures", {
                    "instance_id": form["id"], "role": role, "signer_name": name, "strokes": strokes,
                    "image_hash": signature.image_hash(strokes)})
                if role == "household" and hand is hands[investigator]:
                    forged.add(row["id"])
    return forged


def timed_runs(store: Store, runs: int, rules=None, cold: bool = True) -> list[float]:
    out = []
    for _ in range(runs):
        if cold:
            with store.transaction():
                store.conn.execute("DELETE FROM signature_distances")
        t = time.perf_counter()
        checks.run_checks(store, today=TODAY, rules=rules)
        out.append(time.perf_counter() - t)
    return out


def measure(store: Store, label: str, runs: int, planted: set[str] = frozenset()) -> dict:
    forms = store.conn.execute("SELECT count(*) FROM form_instances WHERE state = 'signed' AND deleted = 0"
                               ).fetchone()[0]
    fig = {"label": label, "forms": forms,
           "no_signatures": timed_runs(store, runs, rules=checks.FAST_RULES),
           "cold": timed_runs(store, runs),
           "warm": timed_runs(store, runs, cold=False)}
    found = checks.run_checks(store, today=TODAY)
    fig["findings"] = Counter(f.rule for f in found)
    if planted:  # the household lines the investigator wrote: found by either rule, and the others flagged
        flagged = {rule: {f.record[1] for f in found if f.rule == rule} for rule in checks.SLOW_RULES}
        fig["planted"] = {"planted": len(planted), "found": len(planted & set().union(*flagged.values())),
                          **{rule: len(planted & ids) for rule, ids in flagged.items()},
                          "other lines flagged": len(set().union(*flagged.values()) - planted)}
    return fig


def row(f: dict) -> str:
    return f"| {f['label']} | {f['forms']:,} | " + " | ".join(
        f"{pct(f[k], 50):.2f} / {pct(f[k], 95):.2f}" for k in ("no_signatures", "cold", "warm")) + " |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,3000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="zhucun-bench-checks-"))
    figs = []
    try:
        print("| village | signed forms | no signatures p50 / p95 s | cold p50 / p95 s | warm p50 / p95 s |")
        print("|---|---:|---|---|---|")
        for n in (int(x) for x in args.sizes.split(",")):
            folder = workdir / f"v{n}"
            demo.build_demo(folder, PASS, n, seed=args.seed, today=TODAY)
            with Store.open(folder, PASS) as store:
                for label, prepare in ((f"{n:,} households, demo", None),
                                       (f"{n:,} households, a form each", add_signed_forms)):
                    planted = prepare(store, args.seed) if prepare else set()
                    figs.append(measure(store, label, args.runs, planted))
                    print(row(figs[-1]), flush=True)
        for f in figs:
            print(f"\n{f['label']}: " + ", ".join(f"{rule} {count}" for rule, count in sorted(f["findings"].items())))
            if f.get("planted"):
                print("  household lines written by the investigator: " + ", ".join(
                    f"{k} {v}" for k, v in f["planted"].items()))
        print(f"\nsignature.py: {signature.N_POINTS} points, band {signature.BAND},"
              f" threshold {signature.SAME_HAND_THRESHOLD}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
