"""Blank paper forms for the days the laptop stays behind: printed from the same definition as
the digital form, question for question, so what is written by pen is typed in field by field.

Each kind of question gets the space its answer needs: a line for a name, ruled lines for what
was found, a box sized to the number, ○ for one choice and □ for several, 18 boxes for an ID
number, a year-month-day blank for a date, a box with name and date lines for a signature. A
repeat (the members of a household, the measures of a plan) is a table with one column per
question and empty rows; when its columns do not fit the page width they continue in a second
table, each row keeping its number. Calculations are left out: they are worked out when the
form is typed in, unless a note shows one, and then the note has a blank for it.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app.core import clock
from app.core.forms.definition import META_TYPES, FormDef, Question
from app.core.forms.expr import Expr
from app.core.forms.types import MEDIA_TYPES
from app.reports.flow import (BODY, CELL_HEAD, HEADING, MUTED, SHADE, SMALL, SUBHEADING, TITLE, Text,
                              gap, table)
from app.reports.fonts import FontSet, load_fonts
from app.reports.page import INK, MARGIN_X, PdfWriter, Section, draw_text

WIDTH = A4[0] - 2 * MARGIN_X          # the frame's width: PdfWriter.width
PAD = 3                               # the cell padding table() uses, points
ROW = 8 * mm                          # one handwritten line
RULE = colors.HexColor("#9A9A9A")     # writing lines: visible, lighter than the grid
ANSWER = 10                           # point size of the text inside answer areas
ID_LENGTH = 18

LABEL = BODY.but(size=10, leading=14)
NOTE = SMALL.but(size=9, leading=12.5)
HINT = MUTED.but(size=8, leading=11)
LEGEND = MUTED.but(size=8, leading=11.5)
HEAD = CELL_HEAD.but(size=8.5, leading=11, align="center")

MONEY_NAME = re.compile(r"(^inc_|wage|income|amount|baseline|expense|yuan|_fen$|money|cost|subsid)", re.I)
COUNTED = re.compile(r"[数级龄]|（[月天年岁人次个户]）")   # 月数, 等级, 年龄, 务工时间（月）: not yuan
MONEY_LABEL = ("元", "收入", "工资", "金额", "支出", "补贴", "补助", "资金", "费用")
LONG_NAME = re.compile(r"(finding|descri|explanation|result|followup|change|reason|content|detail|"
                       r"situation|remark|comment|summary|measures_)", re.I)
LONG_LABEL = ("情况", "说明", "描述", "成效", "事项", "事由", "原因", "内容", "备注", "意见", "措施")
OWN_ID = re.compile(r"id-valid\(\s*\.\s*\)")
PHONE_NAME = re.compile(r"phone|tel|mobile", re.I)
PERSON_NAME = re.compile(r"(^|_)name$|person|cadre|responsible", re.I)
REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")

# Filled by the program, never by a pen: calculations, hidden values, start/end times, device.
NOT_ON_PAPER = {"calculate", "hidden"} | META_TYPES
# A photo, recording or file cannot be written on paper: a box to tick when it has been taken.
MEDIA_ON_PAPER = {"image": "已拍照，录入时附上照片", "audio": "已录音，录入时附上录音",
                  "video": "已录像，录入时附上视频", "file": "已收集，录入时附上文件"}


# -- drawing ---------------------------------------------------------------------------------
class CharBoxes(Flowable):
    """`n` boxes in a row, one character each; an ID number's boxes part after the region
    code (6) and the birth date (8) so a misplaced digit is easy to see. `drawn` keeps the
    boxes of the last draw, in the flowable's own coordinates (x, y, w, h)."""

    def __init__(self, n: int = ID_LENGTH, *, cell: float = 4.6 * mm, height: float = 6.2 * mm,
                 min_cell: float = 3.4 * mm, groups: tuple[int, ...] = (6, 14)):
        super().__init__()
        self.n, self.cell, self.box_h, self.min_cell = n, cell, height, min_cell
        self.groups = groups if n == ID_LENGTH else ()
        self.split_gap = 0.8 * mm
        self.drawn: list[tuple[float, float, float, float]] = []

    def natural(self) -> float:
        return self.n * self.cell + len(self.groups) * self.split_gap

    def minimum(self) -> float:
        return self.n * self.min_cell + len(self.groups) * self.split_gap

    def wrap(self, avail_width, avail_height):
        room = avail_width - len(self.groups) * self.split_gap
        self._cell = max(min(self.cell, room / self.n), self.min_cell)
        self.width = self.n * self._cell + len(self.groups) * self.split_gap
        self.height = self.box_h + 1.2 * mm
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.6)
        self.drawn = []
        x, y = 0.0, 0.6 * mm
        for i in range(self.n):
            if i in self.groups:
                x += self.split_gap
            canv.rect(x, y, self._cell, self.box_h, stroke=1, fill=0)
            self.drawn.append((x, y, self._cell, self.box_h))
            x += self._cell
        canv.restoreState()


class Inline(Flowable):
    """One line of answer parts: ("text", s), ("gap", w), ("line", w), ("box", w),
    ("fill", min) (a line to the end of the room). Wraps between parts when narrow."""

    def __init__(self, fonts: FontSet, parts: list[tuple], *, size: float = ANSWER, row: float = ROW):
        super().__init__()
        self.fonts, self.parts, self.size, self.row = fonts, parts, size, row

    def _w(self, part) -> float:
        kind, value = part
        if kind == "text":
            return self.fonts.width(value, self.size)
        return value

    def natural(self) -> float:
        return sum(self._w(p) for p in self.parts)

    def wrap(self, avail_width, avail_height):
        lines, line, used = [], [], 0.0
        for part in self.parts:
            w = self._w(part)
            if part[0] == "gap" and not line and lines:
                continue  # no gap at the start of a wrapped line
            if line and used + w > avail_width + 0.1 and part[0] != "gap":
                lines.append(line)
                line, used = [], 0.0
            line.append(part)
            used += w
        if line:
            lines.append(line)
        self._lines = lines
        self.width = avail_width
        self.height = len(lines) * self.row
        return self.width, self.height

    def draw(self):
        canv, fonts, size = self.canv, self.fonts, self.size
        canv.saveState()
        canv.setLineWidth(0.6)
        top = self.height
        for line in self._lines:
            base = top - self.row + 2.2 * mm
            x = 0.0
            fixed = sum(self._w(p) for p in line if p[0] != "fill")
            for kind, value in line:
                if kind == "text":
                    x += draw_text(canv, fonts, x, base, value, size)
                elif kind == "line":
                    canv.setStrokeColor(INK)
                    canv.line(x + 0.4 * mm, base - 1 * mm, x + value - 0.4 * mm, base - 1 * mm)
                    x += value
                elif kind == "fill":
                    w = max(value, self.width - fixed)
                    canv.setStrokeColor(INK)
                    canv.line(x + 0.4 * mm, base - 1 * mm, x + w, base - 1 * mm)
                    x += w
                elif kind == "box":
                    canv.setStrokeColor(INK)
                    canv.rect(x, base - 1.6 * mm, value, self.row - 1.6 * mm, stroke=1, fill=0)
                    x += value
                else:
                    x += value
            top -= self.row
        canv.restoreState()


class Choices(Flowable):
    """Every choice with an empty ○ (one may be chosen) or □ (several may): in a single line
    when they fit, otherwise in aligned columns."""

    def __init__(self, fonts: FontSet, labels: list[str], *, multiple: bool, size: float = ANSWER,
                 row: float = 7 * mm, center: bool = False, space: float = 4 * mm):
        super().__init__()
        self.fonts, self.labels, self.multiple, self.size, self.row = fonts, labels, multiple, size, row
        self.center = center
        self.mark = size * 0.78
        self.after_mark = 1.2 * mm
        self.space = space

    def _item(self, label: str) -> float:
        return self.mark + self.after_mark + self.fonts.width(label, self.size)

    def natural(self) -> float:
        return sum(self._item(c) for c in self.labels) + self.space * max(len(self.labels) - 1, 0)

    def widest(self) -> float:
        return max((self._item(c) for c in self.labels), default=0)

    def wrap(self, avail_width, avail_height):
        n = len(self.labels)
        if self.natural() <= avail_width + 0.5:
            self._places = [[]]
            x = max(0.0, (avail_width - self.natural()) / 2) if self.center else 0.0
            for c in self.labels:
                self._places[0].append((x, c))
                x += self._item(c) + self.space
        else:
            col = self.widest() + self.space
            cols = max(1, min(n, int((avail_width + self.space) // col)))
            col = max(col, (avail_width + self.space) / cols) if cols > 1 else col
            self._places = [[(k * col, c) for k, c in enumerate(self.labels[i:i + cols])]
                            for i in range(0, n, cols)]
        self.width = avail_width
        self.height = max(len(self._places), 1) * self.row
        return self.width, self.height

    def draw(self):
        canv, m = self.canv, self.mark
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.6)
        top = self.height
        for line in self._places:
            base = top - self.row + (self.row - self.size) / 2 + self.size * 0.12
            mid = base + self.size * 0.36
            for x, label in line:
                if self.multiple:
                    canv.rect(x, mid - m / 2, m, m, stroke=1, fill=0)
                else:
                    canv.circle(x + m / 2, mid, m / 2, stroke=1, fill=0)
                draw_text(canv, self.fonts, x + m + self.after_mark, base, label, self.size)
            top -= self.row
        canv.restoreState()


class Ruled(Flowable):
    """Room to write several lines by hand: light rules `row` apart."""

    def __init__(self, lines: int, row: float = ROW):
        super().__init__()
        self.lines, self.row = lines, row

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.lines * self.row
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        for i in range(self.lines):
            y = self.height - (i + 1) * self.row + 1.2 * mm
            canv.line(0, y, self.width, y)
        canv.restoreState()


class Stack(Flowable):
    """Flowables one under another, as one unit (a table cell, a question's label block)."""

    def __init__(self, items: list[Flowable], *, top: float = 0, reserve: float = 0):
        super().__init__()
        self.items, self.top = [i for i in items if i is not None], top
        self.reserve = reserve  # kept free at the right of text, where a closing mark hangs

    def wrap(self, avail_width, avail_height):
        self._sizes = [i.wrap(avail_width - (self.reserve if isinstance(i, Text) else 0), avail_height)
                       for i in self.items]
        self.width = avail_width
        self.height = self.top + sum(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self):
        y = self.height - self.top
        for item, (_, h) in zip(self.items, self._sizes):
            y -= h
            centred = isinstance(item, Text) and item.style.align == "center"
            item.drawOn(self.canv, self.reserve / 2 if centred else 0, y)


class Tall(Flowable):
    """Holds a table row open to `height` (the row number of an empty repeat row)."""

    def __init__(self, fonts: FontSet, text: str, height: float, size: float = 9):
        super().__init__()
        self.fonts, self.text, self.h, self.size = fonts, text, height, size

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.h
        return self.width, self.height

    def draw(self):
        draw_text(self.canv, self.fonts, self.width / 2, (self.h - self.size * 0.7) / 2, self.text,
                  self.size, "middle", colors.HexColor("#555555"))


# -- reading a definition ----------------------------------------------------------------------
def _is_id(q: Question) -> bool:
    return "id_number" in q.name or (q.constraint is not None and bool(OWN_ID.search(q.constraint.text)))


def _is_money(q: Question, group_label: str = "") -> bool:
    label = q.label()
    if COUNTED.search(label):
        return False
    return bool(MONEY_NAME.search(q.name)) or any(w in label for w in MONEY_LABEL) or "元" in group_label


def _is_long(q: Question) -> bool:
    if "multiline" in (q.appearance or ""):
        return True
    if q.constraint is not None:
        m = re.search(r"string-length\(\s*\.\s*\)\s*<=?\s*(\d+)", q.constraint.text)
        if m and int(m.group(1)) > 100:
            return True
    return bool(LONG_NAME.search(q.name)) or q.label().endswith(LONG_LABEL)


def _long_lines(q: Question) -> int:
    if re.search(r"finding|descri|situation", q.name, re.I):
        return 6
    return 4 if q.label().endswith(("情况", "描述")) else 3


def _digits(q: Question) -> int:
    """How many digits a number needs, from the largest number in its constraint."""
    if q.constraint is None:
        return 6
    numbers = [float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", q.constraint.text)]
    return max(2, len(str(int(max(numbers))))) if numbers else 6


def _star(q: Question) -> str:
    """Required always: *. Required in some cases says when, in the small print."""
    return "*" if q.required is True else ""


def _choice_labels(form: FormDef, q: Question) -> list[str]:
    return [c.label() for c in form.choices.get(q.list_name, ())]


def _subject(form: FormDef, name: str) -> str | None:
    q = form.by_name.get(name)
    if q is None:
        return None
    if q.labels:
        return q.label()
    if q.type == "calculate" and q.calculation is not None \
            and re.match(r"\s*age(-from-id)?\(", q.calculation.text):
        return "年龄"
    return None


def _value(form: FormDef, name: str, value: str) -> str:
    q = form.by_name.get(name)
    if q is not None and q.list_name:
        return f"“{form.choice_label(q.list_name, value)}”"
    return f"“{value}”"


def _split(text: str, word: str) -> list[str]:
    """`text` cut at `word` (and / or) outside parentheses and quotes."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    pattern = re.compile(rf"\s+{word}\s+")
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and (m := pattern.match(text, i)):
            parts.append(text[start:i])
            i = start = m.end()
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _unwrap(text: str) -> str:
    """Without parentheses that hold the whole of it."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch == "(") - (ch == ")")
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


OPS = {"=": "为", "!=": "不为", ">": "大于", ">=": "大于或等于", "<": "小于", "<=": "小于或等于"}
TERM = re.compile(r"^\$\{(?P<name>[\w.-]+)\}\s*(?P<op>!=|>=|<=|=|>|<)\s*"
                  r"(?:'(?P<s1>[^']*)'|\"(?P<s2>[^\"]*)\"|(?P<num>-?\d+(?:\.\d+)?))$")
COUNT = re.compile(r"^count-selected\(\s*\$\{(?P<name>[\w.-]+)\}\s*\)\s*"
                   r"(?P<op>!=|>=|<=|=|>|<)\s*(?P<num>\d+)$")
SELECTED = re.compile(r"^(?P<not>not\(\s*)?selected\(\s*\$\{(?P<name>[\w.-]+)\}\s*,\s*"
                      r"'(?P<v>[^']*)'\s*\)(?(not)\s*\))$")


def _term(form: FormDef, text: str) -> tuple[str, str, str] | None:
    """(subject, verb, object) for one simple comparison, or None."""
    text = _unwrap(text)
    if m := TERM.match(text):
        subject = _subject(form, m["name"])
        s = m["s1"] if m["s1"] is not None else m["s2"]
        if subject is None:
            return None
        if s == "":
            if m["op"] in ("=", "!="):
                return subject, "未填写" if m["op"] == "=" else "已填写", ""
            return None
        if s is not None:
            return (subject, OPS[m["op"]], _value(form, m["name"], s)) if m["op"] in ("=", "!=") else None
        return subject, OPS[m["op"]], m["num"]
    if m := COUNT.match(text):
        subject = _subject(form, m["name"])
        if subject is None:
            return None
        op, n = m["op"], int(m["num"])
        if (op, n) in ((">", 0), (">=", 1), ("!=", 0)):
            return subject, "有勾选", ""
        if (op, n) in (("=", 0), ("<", 1)):
            return subject, "未勾选", ""
        return subject, f"勾选项数{OPS[op]}", str(n)
    if m := SELECTED.match(text):
        subject = _subject(form, m["name"])
        if subject is None:
            return None
        return subject, "未勾选" if m["not"] else "勾选", _value(form, m["name"], m["v"])
    return None


def describe(form: FormDef, expr: Expr | None) -> str | None:
    """A condition in words (户类型为“监测户”), or None when it is not a simple one."""
    if expr is None:
        return None
    text = _unwrap(expr.text)
    for word, joint in (("or", "或"), ("and", "且")):
        parts = _split(text, word)
        if len(parts) > 1:
            break
    else:
        parts, joint = [text], ""
    terms = [_term(form, p) for p in parts]
    if not terms or any(t is None for t in terms):
        return None
    out, last = [], None
    for subject, verb, obj in terms:
        if last and subject == last[0]:
            piece = obj if (verb == last[1] and joint == "或" and obj) else verb + obj
        else:
            piece = subject + verb + obj
        out.append(piece)
        last = (subject, verb)
    return joint.join(out)


def _when(form: FormDef, q: Question) -> list[str]:
    """When to fill a question and when it becomes required, in words."""
    bits = []
    if q.relevant is not None:
        said = describe(form, q.relevant)
        bits.append(f"如适用：{said}时填写" if said else "如适用")
    if isinstance(q.required, Expr):
        said = describe(form, q.required)
        bits.append(f"{said}时必填" if said else "视情况必填")
    return bits


def _condition(form: FormDef, q: Question) -> str:
    """The small print under a label: （如适用：…时填写）."""
    return "".join(f"（{b}）" for b in _when(form, q))


def _note_text(form: FormDef, q: Question) -> str:
    """A note as printed: its ${name} become blanks to fill by hand; a note shown only in some
    cases says which."""
    text = REF.sub("________", q.label())
    if q.relevant is None:
        return text
    said = describe(form, q.relevant)
    return f"{text}（{said}时）" if said else f"提示（如适用）：{text}"


# -- answer areas -------------------------------------------------------------------------------
def _date_parts() -> list[tuple]:
    return [("line", 15 * mm), ("text", "年"), ("line", 8 * mm), ("text", "月"), ("line", 8 * mm),
            ("text", "日")]


def _answer_area(fonts: FontSet, form: FormDef, q: Question, group_label: str = "") -> Flowable:
    """What the pen fills for one question outside a repeat."""
    if _is_id(q):
        return CharBoxes(ID_LENGTH)
    if q.type in ("select_one", "select_multiple"):
        return Choices(fonts, _choice_labels(form, q), multiple=q.type == "select_multiple")
    if q.type == "date":
        return Inline(fonts, _date_parts())
    if q.type in ("integer", "decimal"):
        if _is_money(q, group_label):
            return Inline(fonts, [("box", 34 * mm), ("gap", 1.2 * mm), ("text", "元")])
        digits = _digits(q) + (3 if q.type == "decimal" else 0)
        return Inline(fonts, [("box", max(12 * mm, digits * 3.6 * mm + 3 * mm))])
    if q.type == "text" and _is_long(q):
        return Ruled(_long_lines(q))
    if q.type in MEDIA_TYPES:
        return Inline(fonts, [("box", 4 * mm), ("gap", 1.5 * mm), ("text", MEDIA_ON_PAPER[q.type])])
    return Inline(fonts, [("fill", 20 * mm)])


def _label_block(fonts: FontSet, form: FormDef, q: Question, extra: str = "") -> Stack:
    label = Text(q.label() + _star(q), fonts, LABEL)
    small = " ".join(s for s in (extra, q.hint(), _condition(form, q)) if s)
    return Stack([label, Text(small, fonts, HINT) if small else None], top=0.6 * mm, reserve=LABEL.size / 2)


def _signature(fonts: FontSet, form: FormDef, q: Question, room_for_condition: bool = False) -> Stack:
    head = Text(q.label() + _star(q), fonts, LABEL)
    cond = _condition(form, q).replace("时填写", "时签名")
    if room_for_condition and not cond:
        cond = " "   # the same height as its neighbour's, so that the two name lines align
    parts = [("text", "签名："), ("line", 22 * mm), ("gap", 2.5 * mm), ("text", "日期："),
             ("line", 11 * mm), ("text", "年"), ("line", 6.5 * mm), ("text", "月"), ("line", 6.5 * mm),
             ("text", "日")]
    return Stack([head, Text(cond, fonts, HINT) if cond else None, Spacer(1, 7 * mm),
                  Inline(fonts, parts)], top=0.6 * mm, reserve=LABEL.size / 2)


def _signatures(fonts: FontSet, form: FormDef, qs: list[Question]) -> Flowable:
    cols = 2 if len(qs) > 1 else 1
    rows = []
    for i in range(0, len(qs), cols):
        pair = qs[i:i + cols]
        conditional = any(_condition(form, q) for q in pair)
        rows.append([_signature(fonts, form, q, conditional) for q in pair])
    rows[-1] += [""] * (cols - len(rows[-1]))
    return table(fonts, rows, [WIDTH / cols] * cols, head_rows=0,
                 extra=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 5)])


# -- the grid of questions ----------------------------------------------------------------------
class _Grid:
    """Questions of one group, one ruled row each: label on the left, answer on the right;
    a question with ruled lines and a note span the whole row."""

    def __init__(self, fonts: FontSet, form: FormDef):
        self.fonts, self.form = fonts, form
        self.rows: list[tuple] = []

    def add(self, q: Question, group_label: str) -> None:
        if q.type == "note":
            self.rows.append(("note", Text(_note_text(self.form, q), self.fonts, NOTE)))
        else:
            self.rows.append(("q", q, _answer_area(self.fonts, self.form, q, group_label)))

    @staticmethod
    def _compact(area) -> bool:
        """A short answer (a number, a date) that can share its row with another."""
        return isinstance(area, Inline) and not any(p[0] == "fill" for p in area.parts) \
            and area.natural() <= 50 * mm

    @staticmethod
    def _comfortable(area) -> float:
        """The width an answer wants before it has to wrap."""
        if isinstance(area, Choices):
            return min(area.natural(), 2 * area.widest() + area.space)
        if isinstance(area, Inline) and not any(p[0] == "fill" for p in area.parts):
            return area.natural()
        if isinstance(area, CharBoxes):
            return area.natural()
        return 60 * mm

    def flush(self) -> list[Flowable]:
        if not self.rows:
            return []
        fonts, form = self.fonts, self.form
        questions = [(v[0], v[1]) for k, *v in self.rows if k == "q"]
        paired = sum(self._compact(a) for _, a in questions) >= 4
        labels = [fonts.width(q.label() + _star(q), LABEL.size) for q, a in questions
                  if not paired or self._compact(a)]
        smalls = [fonts.width(q.hint() + _condition(form, q), HINT.size) for q, a in questions
                  if not paired or self._compact(a)]
        need = max(max(labels, default=0), min(max(smalls, default=0), WIDTH * 0.42)) \
            + 2 * PAD + LABEL.size / 2 + 2
        if paired:
            label_w = max(26 * mm, min(need, 40 * mm))
            widths = [label_w, WIDTH / 2 - label_w] * 2
        else:
            widest = max((self._comfortable(a) for _, a in questions if not isinstance(a, Ruled)),
                         default=0) + 2 * PAD
            label_w = max(34 * mm, min(need, WIDTH * 0.7, WIDTH - widest))
            widths = [label_w, WIDTH - label_w]
        last = len(widths) - 1
        cells, extra = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]

        def label(q):
            return _label_block(fonts, form, q, "可多选" if q.type == "select_multiple" else "")

        rows = list(self.rows)
        while rows:
            kind, *value = rows.pop(0)
            r = len(cells)
            if kind == "note":
                cells.append([value[0]] + [""] * last)
                extra.append(("SPAN", (0, r), (last, r)))
                continue
            q, area = value
            if isinstance(area, Ruled):
                cells.append([Stack([label(q), area])] + [""] * last)
                extra.append(("SPAN", (0, r), (last, r)))
                continue
            extra.append(("BACKGROUND", (0, r), (0, r), SHADE))
            if paired and self._compact(area):
                row = [label(q), area, "", ""]
                if rows and rows[0][0] == "q" and self._compact(rows[0][2]):
                    _, q2, area2 = rows.pop(0)
                    row[2:] = [label(q2), area2]
                    extra.append(("BACKGROUND", (2, r), (2, r), SHADE))
                else:
                    extra.append(("SPAN", (2, r), (3, r)))
                cells.append(row)
            else:
                cells.append([label(q), area] + [""] * (last - 1))
                if last > 1:
                    extra.append(("SPAN", (1, r), (last, r)))
        self.rows = []
        return [table(fonts, cells, widths, head_rows=0, extra=extra), gap(2)]


# -- repeats ------------------------------------------------------------------------------------
ROW_NO = 8 * mm
ID_CELL = 3.9 * mm          # an ID number's box in a repeat row: a digit written small still fits
INLINE_CHOICES = 3        # a repeat column offers its choices as ○ up to this many; beyond, a code


class _Column:
    def __init__(self, fonts: FontSet, form: FormDef, q: Question):
        self.q, self.fonts, self.form = q, fonts, form
        self.codes = False
        labels = _choice_labels(form, q) if q.list_name else []
        head_chars = len(q.label() + _star(q))
        char = HEAD.size * 1.02
        self.min = max(4 * char, math.ceil(head_chars / 3) * char) + 2 * PAD
        self.flex = False
        if _is_id(q):
            self.kind, self.width = "id", CharBoxes(ID_LENGTH, cell=ID_CELL).natural() + 2 * 1.5 + 0.5
            self.min = self.width
        elif q.type in ("select_one", "select_multiple"):
            choices = self._choices()
            if len(labels) <= INLINE_CHOICES and choices.natural() <= 30 * mm:
                self.kind, self.width = "choices", choices.natural() + 2 * PAD
            else:
                self.kind, self.codes, self.width = "code", True, 14 * mm
        elif q.type == "date":
            self.kind, self.width = "date", self._date().natural() + 2 * PAD + 1
        elif q.type in ("integer", "decimal"):
            self.kind = "number"
            money = _is_money(q) or q.type == "decimal"
            self.width = 18 * mm if money else max(11 * mm, _digits(q) * 4 * mm)
        elif q.type == "signature":
            self.kind, self.width, self.flex = "text", 22 * mm, True
        elif q.type == "text":
            self.kind, self.flex = "text", True
            if PERSON_NAME.search(q.name):
                self.width = 18 * mm
            elif PHONE_NAME.search(q.name):
                self.width, self.flex = 25 * mm, False
            elif _is_long(q):
                self.width = 34 * mm
            else:
                self.width = 24 * mm
        else:
            self.kind, self.width = "text", 20 * mm
        self.width = max(self.width, self.min)

    def _choices(self) -> Choices:
        return Choices(self.fonts, _choice_labels(self.form, self.q), size=8.5, row=6 * mm, center=True,
                       multiple=self.q.type == "select_multiple", space=2.5 * mm)

    def _date(self) -> Inline:
        return Inline(self.fonts, [("gap", 8 * mm), ("text", "年"), ("gap", 4 * mm), ("text", "月"),
                                   ("gap", 4 * mm), ("text", "日")], size=8.5, row=6 * mm)

    def head(self) -> Flowable:
        return Stack([Text(self.q.label() + _star(self.q), self.fonts, HEAD)], reserve=HEAD.size / 2)

    def cell(self, height: float):
        if self.kind == "id":
            return CharBoxes(ID_LENGTH, cell=ID_CELL, height=min(6.2 * mm, height - 2.5 * mm))
        if self.kind == "choices":
            return self._choices()
        if self.kind == "date":
            return self._date()
        return ""

    def legend(self) -> str | None:
        q, bits = self.q, []
        if self.codes:
            labels = _choice_labels(self.form, q)
            bits.append("　".join(f"{i} {c}" for i, c in enumerate(labels, 1)))
        if q.hint():
            bits.append(q.hint())
        bits += [b.replace("如适用：", "") for b in _when(self.form, q)]
        if self.kind == "number" and _is_money(q) and "元" not in q.label():
            bits.append("单位：元")
        if not bits:
            return None
        how = ("（填代码，可填多个）" if q.type == "select_multiple" else "（填代码）") if self.codes else ""
        return f"{q.label()}{how}：" + "；".join(bits)


def _leaves(q: Question) -> list[Question]:
    out = []
    for c in q.children:
        if c.type == "group":  # a repeat inside prints as its own table
            out += _leaves(c)
        elif c.type not in NOT_ON_PAPER and c.type not in ("note", "repeat"):
            out.append(c)
    return out


def _notes(q: Question) -> list[Question]:
    out = []
    for c in q.children:
        if c.is_container:
            out += _notes(c)
        elif c.type == "note":
            out.append(c)
    return out


def _bands(columns: list[_Column]) -> list[list[_Column]]:
    """Columns in tables no wider than the page, in order, each table filled before the next;
    the last two share their columns evenly, so that no table is left with one or two."""
    room = WIDTH - ROW_NO
    bands, band, used = [], [], 0.0
    for c in columns:
        if band and used + c.width > room:
            bands.append(band)
            band, used = [], 0.0
        band.append(c)
        used += c.width
    if band:
        bands.append(band)
    if len(bands) > 1:
        tail = bands[-2] + bands[-1]
        total = sum(c.width for c in tail)
        cuts = [k for k in range(1, len(tail))
                if sum(c.width for c in tail[:k]) <= room and sum(c.width for c in tail[k:]) <= room]
        k = min(cuts, key=lambda k: abs(2 * sum(c.width for c in tail[:k]) - total))
        bands[-2:] = [tail[:k], tail[k:]]
    return bands


def _widths(band: list[_Column]) -> list[float]:
    """Column widths filling the page: room left over goes to the text columns first (up to
    about twice their width), the rest to every column but the ID boxes."""
    room = WIDTH - ROW_NO
    widths = [c.width for c in band]
    text = [i for i, c in enumerate(band) if c.flex]
    rest = [i for i, c in enumerate(band) if c.kind != "id"] or list(range(len(band)))
    for grow, cap in ((text, 1.0), (rest, None)):
        spare = room - sum(widths)
        base = sum(widths[i] for i in grow)
        if spare <= 0 or not base:
            continue
        share = spare if cap is None else min(spare, base * cap)
        for i in grow:
            widths[i] += share * widths[i] / base
    return [ROW_NO] + widths


def _repeat_flowables(fonts: FontSet, form: FormDef, q: Question, rows: int,
                     heading: list[Flowable] = (), outer: Question | None = None) -> list[Flowable]:
    """A repeat as tables of empty rows; `heading` stays on the page of the first table."""
    columns = [_Column(fonts, form, c) for c in _leaves(q)]
    if not columns:
        return list(heading)
    tall = len(columns) < 8 and any(c.kind == "text" and _is_long(c.q) for c in columns)
    height = 13 * mm if tall else 9 * mm
    out: list[Flowable] = []
    bands = _bands(columns)
    for n, band in enumerate(bands):
        widths = _widths(band)
        head = [Text(f"{outer.label()}序号-序号" if outer else "序号", fonts, HEAD)] + [c.head() for c in band]
        body = [[Tall(fonts, "" if outer else str(i), height)] + [c.cell(height) for c in band] for i in range(1, rows + 1)]
        extra = [("VALIGN", (0, 1), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
        for k, c in enumerate(band):
            if c.kind == "id":  # the boxes take what padding they can
                extra += [("LEFTPADDING", (k + 1, 0), (k + 1, -1), 1.5),
                          ("RIGHTPADDING", (k + 1, 0), (k + 1, -1), 1.5)]
        t = table(fonts, [head] + body, widths, extra=extra)
        block = [t]
        if len(bands) > 1:
            part = "续表" if n else "表"
            block.insert(0, Text(f"（{part}{n + 1}/{len(bands)}，按序号对应同一{_unit(q)}）", fonts, HINT))
        block[:0] = heading if n == 0 else []
        out += [KeepTogether(block), gap(1.5)]
    legend = [line for c in columns if (line := c.legend())] + [_note_text(form, n) for n in _notes(q)]
    where = f"，序号写成所属{outer.label()}的序号和本{_unit(q)}的序号（如 2-1）" if outer else ""
    lines = ["填写说明：每行填写一" + _unit(q) + where + "，行数不够时另附页。"] + legend
    out += [Stack([Text(line, fonts, LEGEND)]) for line in lines] + [gap(2)]
    for inner in (c for c in form.walk(q.children) if c.type == "repeat" and c.repeat == q.name):
        out += _repeat_flowables(fonts, form, inner, rows, _heading(fonts, form, inner, 1), q)
    return out


def _unit(q: Question) -> str:
    return "人" if re.search(r"member|person|people|成员|人员", q.name + q.label()) else "条"


# -- the form ------------------------------------------------------------------------------------
def _has_field(form: FormDef, names: tuple[str, ...], label: str) -> bool:
    return any(q.name in names or q.label() == label for q in form.walk())


def _heading(fonts: FontSet, form: FormDef, q: Question, depth: int) -> list[Flowable]:
    """A group's heading (and when it applies)."""
    out: list[Flowable] = [Text(q.label(), fonts, HEADING if depth == 0 else SUBHEADING)]
    cond = _condition(form, q)
    if cond:
        out.append(Text(cond, fonts, HINT))
    return out


def blank_form_flowables(fonts: FontSet, form: FormDef, *, repeat_rows: int = 6) -> list[Flowable]:
    """The form on paper: title, the household it is for, then every question in order."""
    out: list[Flowable] = [
        Text(form.title(), fonts, TITLE.but(after=1.5 * mm)),
        Text(f"表单 {form.form_id}　版本 {form.version}", fonts, MUTED.but(align="center", after=3 * mm)),
    ]
    who = []
    if not _has_field(form, ("household_number", "household_no", "number"), "户编号"):
        who += [("text", "户编号："), ("line", 48 * mm), ("gap", 8 * mm)]
    if not _has_field(form, ("head_name",), "户主姓名"):
        who += [("text", "户主姓名："), ("line", 36 * mm)]
    if who:
        out.append(Inline(fonts, who, size=10.5))
    out.append(Text("带 * 的为必填项；○ 为单选，□ 可多选；写不下时另附页并注明题目。", fonts,
                    HINT.but(before=1 * mm, after=2 * mm)))

    grid = _Grid(fonts, form)
    signatures: list[Question] = []

    def flush_signatures() -> list[Flowable]:
        if not signatures:
            return []
        block = [_signatures(fonts, form, list(signatures)), gap(2)]
        signatures.clear()
        return block

    def walk(questions: list[Question], depth: int, group_label: str) -> None:
        for q in questions:
            if q.type in NOT_ON_PAPER:
                continue
            if q.type == "signature":
                out.extend(grid.flush())
                signatures.append(q)
                continue
            out.extend(flush_signatures())
            if q.type == "group":
                out.extend(grid.flush())
                out.append(CondPageBreak(45 * mm))  # not a heading alone at the foot of a page
                out.extend(_heading(fonts, form, q, depth))
                walk(q.children, depth + 1, q.label())
                out.extend(grid.flush())
                out.extend(flush_signatures())
            elif q.type == "repeat":
                out.extend(grid.flush())
                out.extend(_repeat_flowables(fonts, form, q, repeat_rows, _heading(fonts, form, q, depth)))
            else:
                grid.add(q, group_label)

    walk(form.questions, 0, "")
    out.extend(grid.flush())
    out.extend(flush_signatures())
    return out


def write_blank_form(form: FormDef, out: Path, *, fonts: FontSet | None = None, place: str = "",
                     printed_on: str = "", copies: int = 1, repeat_rows: int = 6) -> int:
    """`copies` blank copies of the form in one PDF, each numbering its own pages; returns the
    number of pages written."""
    fonts = fonts or load_fonts()
    printed_on = printed_on or clock.today().isoformat()
    title = f"{form.title()}（纸质备用）"
    footer = f"{form.title()}　表单 {form.form_id}　版本 {form.version}　纸质填写，回村后及时录入"
    writer = PdfWriter(Path(out), fonts, title=title, place=place, printed_on=printed_on)
    try:
        for _ in range(max(1, copies)):
            writer.add(Section(blank_form_flowables(fonts, form, repeat_rows=repeat_rows), title=title,
                               footer=footer))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.pages
