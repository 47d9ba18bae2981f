"""Synthetic handwriting: writers who sign names, deterministic from seeds.

Builds labelled sets for the same-hand check (bench/signatures.py, the tests) and the honest and
forged signatures of the demo village. A writer's hand is what stays when the name changes:
slant, proportions, how each kind of stroke is shaped, the speed profile of a stroke, tremor,
baseline drift, pauses, stroke order and joined-up strokes. The name only decides which strokes
are drawn where; rng_seed gives one signing's natural variation.

Only random.Random instances are used, never the module's global state.
"""
from __future__ import annotations

import math
import random

PAD_W, PAD_H = 600, 200
MARGIN = 8
SAMPLE_MS = 10  # pads report about 100 points a second

# The basic strokes of Chinese writing: 横 竖 撇 捺 点 竖钩 横折.
KINDS = ("heng", "shu", "pie", "na", "dian", "gou", "zhe")
# How far each kind reaches across and down its box per unit of length, as taught.
_REACH = {"heng": (1.0, 0.0), "shu": (0.0, 1.0), "pie": (-0.6, 0.8), "na": (0.7, 0.7),
          "dian": (0.6, 0.8), "gou": (0.0, 1.0), "zhe": (0.6, 0.7)}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鹏辉建国志文海云春梅凤林生福贵荣成德金宝山水田花"


def random_name(seed: int) -> str:
    """A plausible two- or three-character name: a surname and one or two given characters."""
    rng = random.Random(f"name:{seed}")
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _character(ch: str) -> list[tuple[str, float, float, float]]:
    """The strokes of a character as (kind, x, y, length) in its unit box, in the taught order.

    Not the real character: a stand-in with the same kind of structure (one part, left and right,
    or top and bottom; strokes spanning their part, top to bottom and left to right), from the
    code point, the same for everyone.
    """
    rng = random.Random(ord(ch))
    layout = rng.choice(("one", "left-right", "left-right", "top-bottom"))
    boxes = {"one": [(0, 0, 1, 1)], "left-right": [(0, 0, 0.4, 1), (0.45, 0, 0.55, 1)],
             "top-bottom": [(0, 0, 1, 0.4), (0, 0.45, 1, 0.55)]}[layout]
    out = []
    for bx, by, bw, bh in boxes:
        part = []
        for _ in range(rng.randint(5, 10) if len(boxes) == 1 else rng.randint(4, 7)):
            kind = rng.choice(KINDS)
            dx, dy = _REACH[kind]
            # As long as the part allows in the stroke's direction, then anywhere it still fits.
            length = rng.uniform(0.55, 0.95) * min(bw / abs(dx) if dx else 9, bh / abs(dy) if dy else 9)
            if kind == "dian":
                length *= 0.35
            x = bx + (-dx * length if dx < 0 else 0) + rng.uniform(0, max(0.0, bw - abs(dx) * length))
            y = by + rng.uniform(0, max(0.0, bh - abs(dy) * length))
            part.append((kind, x, y, length))
        out.extend(sorted(part, key=lambda s: (round(s[2] * 4), s[1])))
    return out


def _rounded(path: list[tuple[float, float]], k: int) -> list[tuple[float, float]]:
    """The path averaged over 2k+1 points: corners and joins come out round, ends stay put."""
    if k == 0 or len(path) < 3:
        return path
    n = len(path)
    out = []
    for i in range(n):
        w = min(k, i, n - 1 - i)
        pts = path[i - w:i + w + 1]
        out.append((sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)))
    return out


class Writer:
    """One person's hand, drawn from a seed."""

    def __init__(self, seed: int):
        self.seed = seed
        r = random.Random(f"writer:{seed}")
        self.slant = r.uniform(-0.5, 0.5)          # radians, + leans right
        self.size = r.uniform(55, 120)             # character height, pad pixels
        self.letter_width = r.uniform(0.6, 1.4)    # width / height of a character
        self.spacing = r.uniform(-0.1, 0.5)        # gap between characters, of the width
        self.shrink = r.uniform(0.8, 1.05)         # each character this times the one before
        self.drift = r.uniform(-0.15, 0.15)        # baseline moves this much per character, of size
        self.rise = r.uniform(-0.1, 0.35)          # horizontals climb to the right (radians)
        # How each kind of stroke comes out of this hand: angle, length, bow, hook.
        self.habit = {k: (r.gauss(0, 0.35), r.uniform(0.6, 1.4), r.uniform(-0.5, 0.5), r.uniform(0.1, 0.6))
                      for k in KINDS}
        self.rounding = r.randrange(0, 6)          # a fluent hand rounds corners over this many points
        self.speed = r.uniform(0.12, 0.7)          # pen-down mean speed, px/ms
        self.speed_gain = r.uniform(0.0, 0.8)      # long strokes are faster by (length/40)**gain
        self.accel = r.uniform(0.8, 5.0)           # speed profile of a stroke ~ u**a (1-u)**b
        self.decel = r.uniform(0.8, 5.0)
        self.pause = r.uniform(20, 400)            # pen-up time between strokes, ms
        self.char_pause = r.uniform(1.0, 5.0)      # ... times this between characters
        self.tremor = r.uniform(0.0, 2.5)          # wobble amplitude, px
        self.tremor_hz = r.uniform(3, 12)
        self.cursive = r.uniform(0.0, 0.9)         # how often a stroke runs on into the next
        self.order = r.choice(("as taught", "as taught", "verticals first", "left first"))

    def _ordered(self, strokes):
        if self.order == "verticals first":
            return sorted(strokes, key=lambda s: s[0] == "heng")
        if self.order == "left first":
            return sorted(strokes, key=lambda s: round(s[1] * 3))
        return strokes

    def _shape(self, kind: str, x: float, y: float, length: float, rng: random.Random) -> list[tuple[float, float]]:
        """A stroke's path in the unit box, shaped by this hand."""
        turn, scale, bow, hook = self.habit[kind]
        length *= scale * rng.gauss(1, 0.05)
        turn += rng.gauss(0, 0.04)
        # (angle, share of the length) per segment; angles in pad orientation, y down.
        legs = {"heng": [(-self.rise, 1.0)], "shu": [(math.pi / 2, 1.0)], "pie": [(2.2, 1.0)],
                "na": [(0.75, 1.0)], "dian": [(0.9, 1.0)],
                "gou": [(math.pi / 2, 1.0), (-2.4, hook)],
                "zhe": [(-self.rise, 0.6), (math.pi / 2 + 0.15, 0.7)]}[kind]
        pts = [(x, y)]
        for angle, share in legs:
            a, seg = angle + turn, length * share
            x0, y0 = pts[-1]
            # A bowed segment: the middle pushed sideways by `bow` of its length.
            for i in range(1, 9):
                u = i / 8
                off = bow * seg * math.sin(math.pi * u)
                pts.append((x0 + u * seg * math.cos(a) - off * math.sin(a),
                            y0 + u * seg * math.sin(a) + off * math.cos(a)))
        return pts

    def sign(self, text: str, rng_seed: int) -> dict:
        """One signing of `text`: {"width", "height", "strokes": [[[x, y, t], ...], ...]}."""
        if not text.strip():
            raise ValueError("nothing to sign: the name is empty")
        rng = random.Random(f"sign:{self.seed}:{rng_seed}")
        size = self.size * rng.gauss(1, 0.05)
        slant = math.tan(self.slant + rng.gauss(0, 0.03))
        speed = self.speed * rng.gauss(1, 0.08)
        pause = self.pause * rng.gauss(1, 0.15)

        # Pen-down paths in pad pixels, each with the pause before it. A path is one or more
        # pieces (strokes, and the links between joined strokes), each written with its own
        # speed profile: a hand slows at every turn even when the pen stays down.
        paths: list[tuple[list[list[tuple[float, float]]], float]] = []
        cursor, baseline = 0.0, 0.0
        for n, ch in enumerate(text):
            if ch.isspace():
                cursor += size * self.letter_width * 0.5
                continue
            h = size * self.shrink ** n
            w = h * self.letter_width
            base = baseline + self.drift * size * n
            first = True
            for m, (kind, x, y, length) in enumerate(self._ordered(_character(ch))):
                unit = self._shape(kind, x + rng.gauss(0, 0.03), y + rng.gauss(0, 0.03), length, rng)
                px = [(cursor + ux * w + (1 - uy) * h * slant, base + uy * h) for ux, uy in unit]
                # A hand joins the same strokes of a character each time, now and then not.
                joins = random.Random(f"join:{self.seed}:{ord(ch)}:{m}").random() < self.cursive
                if paths and not first and joins != (rng.random() < 0.05):
                    (x0, y0), (x1, y1) = paths[-1][0][-1][-1], px[0]
                    paths[-1][0].append([(x0 + (x1 - x0) * u / 4, y0 + (y1 - y0) * u / 4) for u in range(5)])
                    paths[-1][0].append(px)
                else:
                    gap = 0.0 if not paths else pause * (self.char_pause if first else 1.0) * rng.gauss(1, 0.1)
                    paths.append(([px], gap))
                first = False
            cursor += w * (1 + self.spacing)

        # Fit the pad, keeping proportions, with a little play in where the name starts.
        xs = [p[0] for pieces, _ in paths for piece in pieces for p in piece]
        ys = [p[1] for pieces, _ in paths for piece in pieces for p in piece]
        fit = min(1.0, (PAD_W - 2 * MARGIN - 40) / (max(xs) - min(xs) or 1),
                  (PAD_H - 2 * MARGIN - 10) / (max(ys) - min(ys) or 1))
        ox = MARGIN + rng.uniform(0, 40) - min(xs) * fit
        oy = MARGIN + rng.uniform(0, 10) - min(ys) * fit

        strokes, t = [], 0.0
        phase = rng.uniform(0, 2 * math.pi)
        for pieces, gap in paths:
            whole = _rounded([(ox + x * fit, oy + y * fit) for piece in pieces for x, y in piece], self.rounding)
            t += gap
            stroke: list[list[int]] = []
            for piece in pieces:
                part, whole = whole[:len(piece)], whole[len(piece):]
                samples = self._timed(part, t, speed * fit, phase, rng)
                stroke += samples[1:] if stroke else samples  # a piece starts where the last ended
                t = stroke[-1][2]
            strokes.append(stroke)
        return {"width": PAD_W, "height": PAD_H, "strokes": strokes}

    def _timed(self, path, t0, speed, phase, rng) -> list[list[int]]:
        """The pad's samples along a path: the speed profile, the tremor, integer pixels and ms."""
        cum = [0.0]
        for (x0, y0), (x1, y1) in zip(path, path[1:]):
            cum.append(cum[-1] + math.hypot(x1 - x0, y1 - y0))
        length = cum[-1]
        v = speed * (max(length, 1) / 40) ** self.speed_gain * rng.gauss(1, 0.05)
        duration = max(length / v, SAMPLE_MS)
        # Progress along the stroke over time: the integral of a u**a (1-u)**b speed profile.
        grid = [(u / 32) ** self.accel * (1 - u / 32) ** self.decel for u in range(33)]
        acc = [0.0]
        for g0, g1 in zip(grid, grid[1:]):
            acc.append(acc[-1] + g0 + g1)
        n = max(2, round(duration / SAMPLE_MS) + 1)
        out, i = [], 0
        for k in range(n):
            u = k / (n - 1)
            g = u * 32
            lo = min(int(g), 31)
            s = (acc[lo] + (acc[lo + 1] - acc[lo]) * (g - lo)) / acc[-1] * length
            while i < len(cum) - 2 and cum[i + 1] < s:
                i += 1
            seg = cum[i + 1] - cum[i]
            f = (s - cum[i]) / seg if seg else 0.0
            x = path[i][0] + f * (path[i + 1][0] - path[i][0])
            y = path[i][1] + f * (path[i + 1][1] - path[i][1])
            tm = t0 + u * duration
            wob = self.tremor * math.sin(2 * math.pi * self.tremor_hz * tm / 1000 + phase)
            x += rng.gauss(0, 0.3) + wob * 0.5
            y += rng.gauss(0, 0.3) + wob
            out.append([min(max(round(x), 0), PAD_W), min(max(round(y), 0), PAD_H), round(tm)])
        return out
