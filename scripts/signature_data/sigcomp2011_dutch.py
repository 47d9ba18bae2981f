"""The Dutch online signatures of the ICDAR 2011 signature verification competition (SigComp2011),
as sampled in SigStat's test data, to the labelled format.

    python -m scripts.signature_data.sigcomp2011_dutch DutchSample.zip bench/data/sigcomp2011_dutch.json.gz

Each file NNN/NNN_KK.hwr (genuine) or NNN/NNN_FFF_KK.hwr (forged by FFF): one line per sample,
`X Y Z` with Z the pressure, 0 while the pen is in the air, at 200 samples a second.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .labelled import convert, to_pad, write

SCALE = 0.03
FRAME = (14000, 13000, 35000, 28000)  # the area every sample lies in: one pad for all
SAMPLE_MS = 5
NAME = re.compile(r"(\d+)/\d+_(?:(\d+)_)?(\d+)\.hwr$", re.I)


def parse(text: str) -> list[list[tuple[int, int, int]]]:
    strokes: list[list[tuple[int, int, int]]] = []
    up = True
    for i, ln in enumerate(ln for ln in text.splitlines() if ln.strip()):
        x, y, z = (int(v) for v in ln.split()[:3])
        if z <= 0:
            up = True
            continue
        if up:
            strokes.append([])
            up = False
        strokes[-1].append((x, y, i * SAMPLE_MS))
    return strokes


def record_of(name: str, text: str) -> dict | None:
    m = NAME.search(name)
    strokes = parse(text) if m else []
    if not strokes:
        return None
    forger = m[2]
    return {"user": int(m[1]), "sample": int(m[3]) + (1000 * int(forger) if forger else 0),
            "kind": "forgery" if forger else "genuine", "signature": to_pad(strokes, SCALE, flip_y=True, frame=FRAME)}


if __name__ == "__main__":
    src, out = sys.argv[1:3]
    write(Path(out), "SigComp2011 Dutch (sample)", convert(src, record_of))
