"""The labelled format the same-hand benchmark reads, and the pieces every converter shares.

A labelled set is gzip (or plain) JSON: {"source": str, "records": [{"user": int, "sample": int,
"kind": "genuine"|"forgery", "signature": {"width", "height", "strokes": [[[x, y, t_ms], ...]]}}]}.
Every signature passes app.core.signature.validate.
"""
from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import Callable

from app.core import signature

MARGIN = 4


def to_pad(strokes: list[list[tuple[float, float, float]]], scale: float, flip_y: bool,
           frame: tuple[float, float, float, float] | None = None) -> dict:
    """Device strokes (x, y, t_ms) as a Zhucun pad record: integer pixels `scale` per device
    unit, time from the first point, never going back. The pad is `frame` (x0, y0, x1, y1 in
    device units: the tablet's writing area, the same for every signature, as a pad is in the
    app), or else just large enough for the signature."""
    pts = [p for s in strokes for p in s]
    if frame:
        x0, y0, x1, y1 = frame
    else:
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    t0 = pts[0][2]
    width = max(1, round((x1 - x0) * scale) + 2 * MARGIN)
    height = max(1, round((y1 - y0) * scale) + 2 * MARGIN)
    out, last = [], 0
    for s in strokes:
        stroke = []
        for x, y, t in s:
            last = max(last, round(t - t0))  # a tablet clock now and then steps back a few ms
            px = MARGIN + round((min(max(x, x0), x1) - x0) * scale)
            py = MARGIN + round(((y1 - min(max(y, y0), y1)) if flip_y else (min(max(y, y0), y1) - y0)) * scale)
            stroke.append([px, py, last])
        out.append(stroke)
    return signature.validate({"width": width, "height": height, "strokes": out})


def write(path: Path, source: str, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"source": source, "records": records}, separators=(",", ":")).encode()
    with gzip.GzipFile(path, "wb", mtime=0) as f:  # same input, same bytes
        f.write(data)


def read(path: str | Path) -> list[dict]:
    """The records of a labelled set, gzip or plain, a list or an object with "records"."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    data = json.loads(raw)
    records = data["records"] if isinstance(data, dict) else data
    for r in records:
        if r.get("kind") not in ("genuine", "forgery"):
            raise ValueError(f"record user {r.get('user')} sample {r.get('sample')}: kind must be genuine or forgery")
        r["signature"] = signature.validate(r["signature"])
    return records


def convert(archive: str, record_of: Callable[[str, str], dict | None]) -> list[dict]:
    """Every record `record_of(name, text)` makes of the archive's files, by user and sample."""
    records = []
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            r = record_of(name, z.read(name).decode("latin-1"))
            if r:
                records.append(r)
    return sorted(records, key=lambda r: (r["user"], r["sample"]))
