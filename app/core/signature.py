"""Handwritten signatures kept as timed strokes, their printable image, and a same-hand check.

The record is {"width": 600, "height": 200, "strokes": [[[x, y, t], ...], ...]}: integer pad pixels
and integer milliseconds since the first point, strokes in the order drawn.

`same_hand` flags two signatures that look written by one hand (the investigator signing for the
household head). It only asks a person to look: a flag never blocks a form.
"""
from __future__ import annotations

import hashlib
import math

from .errors import ValidationError

MAX_SIDE = 4000
MAX_POINTS = 20_000

# Chosen on real pen data by bench/signatures.py --labelled (SVC2004 users 1-20: the best recall
# with at most 1.5 % false alarms on pairs of different people); users 21-40 are held out to
# measure it. The synthetic writers' own choice (1.62) flagged one real pair of different people
# in five. Run it again after changing the features or weights below.
SAME_HAND_THRESHOLD = 1.4538
# A household signature against an investigator's hand sample: flagged when its closest item is
# within this distance. The sample's several texts give several chances to match, so this is chosen
# the same way on its own (bench/signatures.py --labelled: the closest of five references).
SAMPLE_THRESHOLD = 1.2128
# The share of different people's signatures each threshold flags as one hand, measured on real
# pen data it was not chosen on (SVC2004 users 21-40, bench/signatures.py --labelled,
# BENCHMARKS.md): what a finding says.
MEASURED_FALSE_ALARMS = 0.008
MEASURED_SAMPLE_FALSE_ALARMS = 0.0013

N_POINTS = 160  # resampled length: a few points per stroke of a three-character name
BAND = 40       # Sakoe-Chiba half-width (a quarter): lets strokes of different names find their match
# Feature weights. Direction (whole and folded) carries slant and stroke-shape habits, speed the
# rhythm of the hand (how strokes speed up and slow down), which survives a change of name best;
# pen up marks the jumps between strokes. Position counts as much as direction: on real pen data
# (SVC2004 users 1-20) that lowered the equal error rate from 3.3 % to 2.6 %.
W_POS, W_DIR, W_FOLD, W_SPEED, W_PEN = 1.0, 1.0, 0.8, 1.5, 1.0
SPEED_CAP = 3.0  # times the mean speed: a dropped sample must not swamp the comparison
# The hand as a whole, whatever the name: how fast the pen moves on the paper, how long it rests
# between strokes, how tall the writing is. Compared as logarithms (a ratio of 2 is the same
# difference at any pace) and added to the path distance with this weight.
W_HAND = 0.45
W_SLANT = 2.0  # slant is a tangent: one unit of lean is far apart


# Stored distances (the checks keep them per store) are recomputed when this changes.
DISTANCE_VERSION = "dtw160-b40-hand4-outline3-pos1"


class Features(tuple):
    """The resampled path, plus `hand`: the name-independent measures of the writer, and
    `outline`: (stroke count, duration ms), for ruling out pairs that cannot be one hand."""
    hand: tuple[float, ...] = ()
    outline: tuple[int, int] = ()


def outline(d: dict) -> tuple[int, int]:
    strokes = d["strokes"]
    return len(strokes), strokes[-1][-1][2] - strokes[0][0][2]


def plausible(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Could two signatures with these outlines be one hand? Generous on purpose: one hand
    writing another name was seen up to 2.75 times the strokes and 2.7 times the time of its
    own. Beyond 3 times, two names are too unlike for the path comparison to mean anything."""
    return all(max(x, y) <= 3 * max(1, min(x, y)) for x, y in zip(a, b))


def hand_measures(d: dict) -> tuple[float, ...]:
    """(log pen-down speed, log pen-up rest, log writing height, slant), pad-relative where it
    matters."""
    diag = math.hypot(d["width"], d["height"])
    down_len = down_ms = 0.0
    rests = []
    ys = []
    for k, stroke in enumerate(d["strokes"]):
        for (x0, y0, t0), (x1, y1, t1) in zip(stroke, stroke[1:]):
            down_len += math.hypot(x1 - x0, y1 - y0)
            down_ms += t1 - t0
        if k:
            rests.append(stroke[0][2] - d["strokes"][k - 1][-1][2])
        ys += [p[1] for p in stroke]
    speed = down_len / diag / down_ms if down_ms else 0.0
    rest = sorted(rests)[len(rests) // 2] if rests else 0.0
    height = (max(ys) - min(ys)) / d["height"] if ys else 0.0
    # Slant: how far the near-vertical runs lean, length-weighted, over runs of a few samples so
    # the tremor does not decide it.
    lean = weight = 0.0
    for stroke in d["strokes"]:
        for (x0, y0, _), (x1, y1, _) in zip(stroke[::4], stroke[4::4]):
            dx, dy = x1 - x0, y1 - y0
            if abs(dy) > 2 * abs(dx) and dy:
                w = math.hypot(dx, dy)
                lean += w * dx / abs(dy)
                weight += w
    slant = lean / weight if weight else 0.0
    return (math.log(speed + 1e-5), math.log(rest + 10.0), math.log(height + 0.01), W_SLANT * slant)


def _is_int(v) -> bool:
    return type(v) is int  # bool is an int in Python, and not a coordinate


def validate(data) -> dict:
    """A clean copy of a signature, or ValidationError naming the part that is wrong."""
    if not isinstance(data, dict):
        raise ValidationError("signature", "a JSON object", "a signature must be an object with width, height and strokes")
    size = {}
    for side in ("width", "height"):
        v = data.get(side)
        if not _is_int(v) or not 0 < v <= MAX_SIDE:
            raise ValidationError(side, f"an integer from 1 to {MAX_SIDE}", f"{side} must be an integer from 1 to {MAX_SIDE}, not {v!r}")
        size[side] = v
    w, h = size["width"], size["height"]
    strokes = data.get("strokes")
    if not isinstance(strokes, list):
        raise ValidationError("strokes", "a list of strokes", "strokes must be a list of strokes")
    if not strokes:
        raise ValidationError("strokes", "at least one stroke", "a signature needs at least one stroke")
    for i, stroke in enumerate(strokes):
        if not isinstance(stroke, list) or not stroke:
            raise ValidationError(f"strokes[{i}]", "at least one point", f"stroke {i} must be a list of at least one point")
    count = sum(len(s) for s in strokes)
    if count > MAX_POINTS:
        raise ValidationError("strokes", f"at most {MAX_POINTS:,} points", f"a signature has at most {MAX_POINTS:,} points, not {count:,}")
    clean, last_t = [], 0
    for i, stroke in enumerate(strokes):
        out = []
        for j, p in enumerate(stroke):
            field = f"strokes[{i}][{j}]"
            if not isinstance(p, (list, tuple)) or len(p) != 3 or not all(_is_int(v) for v in p):
                raise ValidationError(field, "three integers [x, y, t]", f"point {field} must be three integers [x, y, t], not {p!r}")
            x, y, t = p
            if not (0 <= x <= w and 0 <= y <= h):
                raise ValidationError(field, "inside the pad", f"point {field} ({x}, {y}) is outside the {w}x{h} pad")
            if t < last_t:
                raise ValidationError(field, "t never decreases", f"point {field} has t={t} ms, before the previous point ({last_t} ms)")
            last_t = t
            out.append([x, y, t])
        clean.append(out)
    return {"width": w, "height": h, "strokes": clean}


def to_svg(data) -> str:
    """The signature as SVG: the image that is shown, printed and hashed. Same strokes, same bytes."""
    d = validate(data)
    w, h = d["width"], d["height"]
    # A pen about 1/200 of the pad's diagonal: 3.16 px on the usual 600x200 pad.
    pen = f"{math.hypot(w, h) / 200:.2f}"
    radius = f"{math.hypot(w, h) / 400:.2f}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
             f'<g fill="none" stroke="#000" stroke-width="{pen}" stroke-linecap="round" stroke-linejoin="round">']
    for stroke in d["strokes"]:
        if len(stroke) == 1:  # a dot: renderers disagree on zero-length lines, never on circles
            x, y, _ = stroke[0]
            parts.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="#000" stroke="none"/>')
        else:
            parts.append('<polyline points="' + " ".join(f"{x},{y}" for x, y, _ in stroke) + '"/>')
    parts.append("</g></svg>\n")
    return "\n".join(parts)


def image_hash(data) -> str:
    """Hex SHA-256 of the SVG: what a signed form covers for its signatures."""
    return hashlib.sha256(to_svg(data).encode("utf-8")).hexdigest()


def features(data) -> Features:
    """N_POINTS feature vectors along the pen path, weighted so Euclidean distance compares hands.

    Each vector: position (x, y), direction of motion (cos, sin), the direction folded to a quarter
    turn (cos 4a, sin 4a), speed, pen up (1 in the air).
    """
    d = validate(data)
    # The path runs through every point; the straight line from one stroke's end to the next
    # stroke's start is the pen in the air, kept so the jumps and their timing count too.
    xs, ys, ts, up = [], [], [], []
    for k, stroke in enumerate(d["strokes"]):
        for j, (x, y, t) in enumerate(stroke):
            xs.append(x), ys.append(y), ts.append(t), up.append(k > 0 and j == 0)
    cum = [0.0]
    for i in range(1, len(xs)):
        cum.append(cum[-1] + math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]))
    total = cum[-1]
    if total == 0:  # a single dot (or dots on one spot): no path to compare along
        out = Features((0.0,) * 8 for _ in range(N_POINTS))
        out.hand, out.outline = hand_measures(d), outline(d)
        return out

    # Resample by arc length, so the number of points the pad reported (its rate, the writer's
    # speed) does not decide how much each part of the signature weighs.
    s_at, px, py, pt, pu = [], [], [], [], []
    i = 0
    for k in range(N_POINTS):
        s = total * k / (N_POINTS - 1)
        while i < len(cum) - 2 and cum[i + 1] < s:
            i += 1
        seg = cum[i + 1] - cum[i]
        f = (s - cum[i]) / seg if seg else 0.0
        s_at.append(s)
        px.append(xs[i] + f * (xs[i + 1] - xs[i]))
        py.append(ys[i] + f * (ys[i + 1] - ys[i]))
        pt.append(ts[i] + f * (ts[i + 1] - ts[i]))
        pu.append(1.0 if up[i + 1] else 0.0)

    # Translate to the centroid and scale by the RMS radius, one factor for both axes: where and
    # how large the name was written does not matter, its proportions (the writer's) do.
    cx, cy = sum(px) / N_POINTS, sum(py) / N_POINTS
    rms = math.sqrt(sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in zip(px, py)) / N_POINTS) or 1.0
    # Speed relative to the signature's own mean, pauses included: a hurried or slow day changes
    # the mean, the profile (where the hand speeds up, slows down, and how long it rests) stays.
    duration = ts[-1] - ts[0]
    mean_speed = total / duration if duration else 0.0

    out = []
    for k in range(N_POINTS):
        a, b = max(k - 1, 0), min(k + 1, N_POINTS - 1)
        dx, dy = px[b] - px[a], py[b] - py[a]
        step = math.hypot(dx, dy)
        # Direction as (cos, sin) of the motion, not an angle: no jump between -pi and pi.
        c, s = (dx / step, dy / step) if step else (0.0, 0.0)
        # Folded to a quarter turn, a horizontal and a vertical look alike, and what is left is how
        # far the hand turns Chinese strokes off the grid (slant, rising horizontals): comparable
        # even where two names put different strokes.
        c2, s2 = c * c - s * s, 2 * s * c
        c4, s4 = c2 * c2 - s2 * s2, 2 * s2 * c2
        dt = pt[b] - pt[a]
        if not mean_speed:
            v = 1.0
        elif dt <= 0:
            v = SPEED_CAP
        else:
            v = min((s_at[b] - s_at[a]) / dt / mean_speed, SPEED_CAP)
        out.append((W_POS * (px[k] - cx) / rms, W_POS * (py[k] - cy) / rms, W_DIR * c, W_DIR * s,
                    W_FOLD * c4, W_FOLD * s4, W_SPEED * v, W_PEN * pu[k]))
    out = Features(out)
    out.hand, out.outline = hand_measures(d), outline(d)
    return out


def distance(a, b) -> float:
    """DTW distance between two signatures (records or their `features`), per step of the path,
    plus the difference of the hands as a whole; infinite for outlines too unlike to compare.

    Symmetric step weights (a diagonal step costs twice) make every path weigh len(a) + len(b),
    so dividing by that is dividing by path length; 0 means the same feature sequence.
    """
    fa = features(a) if isinstance(a, dict) else a
    fb = features(b) if isinstance(b, dict) else b
    oa, ob = getattr(fa, "outline", ()), getattr(fb, "outline", ())
    if oa and ob and not plausible(oa, ob):
        return math.inf
    n, m = len(fa), len(fb)
    band = max(BAND, abs(n - m))
    inf = math.inf
    dist = math.dist
    prev = [inf] * (m + 1)
    prev[0] = 0.0
    for i in range(1, n + 1):
        cur = [inf] * (m + 1)
        p = fa[i - 1]
        lo, hi = max(1, i - band), min(m, i + band)
        left = inf
        for j in range(lo, hi + 1):
            c = dist(p, fb[j - 1])
            diag = prev[j - 1] + 2 * c
            up = prev[j] + c
            left = left + c
            left = diag if diag < left else left
            left = up if up < left else left
            cur[j] = left
        prev = cur
    path = prev[m] / (n + m)
    ha, hb = getattr(fa, "hand", ()), getattr(fb, "hand", ())
    return path + (W_HAND * math.dist(ha, hb) if ha and hb else 0.0)


def same_hand(a, b) -> bool:
    """True when two signatures look written by one hand: a finding for a person to review."""
    return distance(a, b) <= SAME_HAND_THRESHOLD

