"""SVC2004 Task 2 (First International Signature Verification Competition, HKUST 2004) to the
labelled format.

    python -m scripts.signature_data.svc2004 Task2.zip bench/data/svc2004.json.gz

Each file U{user}S{sample}.TXT: a count, then one line per tablet sample
`X Y T BUTTON AZIMUTH ALTITUDE PRESSURE` (T in ms, BUTTON 0 where the pen comes down after being
lifted, y growing upwards). Samples 1-20 are the user's genuine signatures, 21-40 skilled
forgeries of them by other people.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .labelled import convert, to_pad, write

SCALE = 0.05  # tablet units to pad pixels: a signature a few hundred pixels wide
FRAME = (0, 0, 13000, 9000)  # the area every sample of the corpus lies in: one pad for all
NAME = re.compile(r"U(\d+)S(\d+)\.TXT$", re.I)


def parse(text: str) -> list[list[tuple[int, int, int]]]:
    lines = [ln.split() for ln in text.splitlines() if ln.strip()]
    strokes: list[list[tuple[int, int, int]]] = []
    for row in lines[1:1 + int(lines[0][0])]:
        x, y, t, button = (int(v) for v in row[:4])
        if button == 0 or not strokes:
            strokes.append([])
        strokes[-1].append((x, y, t))
    return [s for s in strokes if s]


def record_of(name: str, text: str) -> dict | None:
    m = NAME.search(name)
    if not m:
        return None
    user, sample = int(m[1]), int(m[2])
    return {"user": user, "sample": sample, "kind": "genuine" if sample <= 20 else "forgery",
            "signature": to_pad(parse(text), SCALE, flip_y=True, frame=FRAME)}


if __name__ == "__main__":
    src, out = sys.argv[1:3]
    write(Path(out), "SVC2004 Task 2", convert(src, record_of))
