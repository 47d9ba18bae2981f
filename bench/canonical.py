"""Canonical JSON: the fast way (orjson, checked) against the careful way (the standard library,
walked and read back), on a household-sized record and a signature's strokes.

    .venv/bin/python -m bench.canonical

Each figure is the best of 7 repeats of 2,000 calls (CPU-bound; the best is the least disturbed
by other work on the machine); *bare* is `json.dumps(sort_keys=True, ensure_ascii=False,
separators=(",", ":"))` alone, with no checks.
"""
from __future__ import annotations

import json
import random
import timeit

from app.core import canonical

from .run import machine


def samples() -> dict[str, object]:
    rng = random.Random(1)
    record = {"id": "0190f3b2-7c1e-7a00-8000-3e4aa81b2c5d", "revision": 3, "hlc": "001763635200000-00000-dev1",
              "created_at": "2026-11-20T10:00:00.000Z", "created_by": "u1", "device_id": "dev1",
              "updated_at": "2026-11-20T10:00:00.000Z", "updated_by": "u1", "deleted": 0, "delete_reason": None,
              "head_name": "张三丰", "phone": "13800138000", "group_name": "第三村民小组", "category": "monitored",
              "flags": ["disabled", "elderly"], "risk_types": ["illness"], "details": {"land_mu": 4, "note": "家中有老人"},
              "address": "石门村三组12号", "note": "家中有老人，需要关注。" * 3, "source_form": None}
    strokes = [[[rng.randrange(600), rng.randrange(200), rng.randrange(100_000)] for _ in range(60)] for _ in range(8)]
    return {"household record (~0.7 KB)": record, "signature strokes (~7 KB)": strokes}


def best(fn, number: int = 2000) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number


def main() -> None:
    print(f"# Canonical JSON — {machine()}\n")
    print("| value | fast µs | careful µs | bare json.dumps µs | careful / fast |")
    print("|---|---:|---:|---:|---:|")
    for name, value in samples().items():
        assert canonical.dumps(value) == canonical.reference_dumps(value)
        fast = best(lambda: canonical.dumps(value))
        careful = best(lambda: canonical.reference_dumps(value))
        bare = best(lambda: json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
        print(f"| {name} | {fast * 1e6:.1f} | {careful * 1e6:.1f} | {bare * 1e6:.1f} | {careful / fast:.1f} |")


if __name__ == "__main__":
    main()
