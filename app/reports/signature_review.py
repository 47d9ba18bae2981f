"""签名笔迹核实单: the same-hand findings printed for a reviewer, each with the household's
signature and the investigator's reference side by side and overlaid, the distance against the
threshold and the investigator's own spread, and the check's measured false-alarm rate; a line
to write the verdict on. Only names and handwriting are printed: no ID numbers or phones."""
from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Table, TableStyle

from app.reports.flow import BODY, TITLE, gap, para
from app.reports.fonts import FontSet, load_fonts
from app.reports.page import PdfWriter, Section

TEXT = BODY.but(size=10, leading=15)
HOUSEHOLD_INK = colors.Color(0.11, 0.14, 0.2)
REFERENCE_INK = colors.Color(0.77, 0.19, 0.17, alpha=0.7)
BOX_H = 32 * mm


def _bounds(data: dict) -> tuple[float, float, float, float]:
    pts = [p for s in data.get("strokes") or [] for p in s] or [[0, 0, 0]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(1, max(xs) - min(xs)), max(1, max(ys) - min(ys))


def drawing(layers: list[tuple[dict, colors.Color]], width: float, height: float = BOX_H) -> Drawing:
    """Signatures scaled into one box, centred, each in its ink (two: an overlay)."""
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, strokeColor=colors.Color(0.85, 0.87, 0.86), fillColor=None, strokeWidth=0.5))
    pad = 3 * mm
    for data, ink in layers:
        x0, y0, w, h = _bounds(data)
        scale = min((width - 2 * pad) / w, (height - 2 * pad) / h)
        ox = width / 2 - (x0 + w / 2) * scale
        oy = height / 2 + (y0 + h / 2) * scale   # pad y runs down, the page's up
        for stroke in data.get("strokes") or []:
            pts = [v for x, y, _ in (stroke if len(stroke) > 1 else stroke * 2)
                   for v in (ox + x * scale, oy - y * scale)]
            d.add(PolyLine(pts, strokeColor=ink, strokeWidth=1.1, strokeLineCap=1, strokeLineJoin=1))
    return d


def review_flowables(fonts: FontSet, items: list[tuple[dict, dict]], width: float) -> list:
    """`items`: (finding as_dict, evidence) pairs, evidence as app.services.checks.signature_evidence
    gives it (or None: the finding alone)."""
    out: list = [para(fonts, "签名笔迹核实单", TITLE.but(size=16, leading=24, after=3 * mm)),
                 para(fonts, "以下农户签名与调查人笔迹相似，请对照原件或入户核实。黑色为农户签名，红色为参照笔迹。"
                             "核实后在“核实结论”处填写，并在软件中记录（数据检查 → 已核实：不是同一人）。", TEXT)]
    third = (width - 6 * mm) / 3
    for n, (f, e) in enumerate(items, 1):
        out.append(CondPageBreak(BOX_H + 45 * mm))
        out.append(gap(4))
        out.append(para(fonts, f"{n}. {f.get('household') or ''}　{f['title']}", TEXT.but(size=11)))
        out.append(para(fonts, f["message"], TEXT))
        if e and e.get("reference_strokes"):
            household = e["household"].data
            reference = e["reference_strokes"]
            pics = [drawing([(household, HOUSEHOLD_INK)], third), drawing([(reference, REFERENCE_INK)], third),
                    drawing([(household, HOUSEHOLD_INK), (reference, REFERENCE_INK)], third)]
            caption = ["农户签名", f"参照：{e.get('reference_text') or ''}", "重叠"]
            t = Table([[para(fonts, c, TEXT) for c in caption], pics], colWidths=[third + 2 * mm] * 3)
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            out.append(t)
        out.append(para(fonts, "核实结论：□ 不是同一人　□ 确为代签（已补签或按手印）　核实人：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
                        TEXT.but(before=2 * mm)))
    return out


def write_review(items: list[tuple[dict, dict]], out: Path, *, place: str, printed_on: str,
                 fonts: FontSet | None = None) -> int:
    """The review list as a PDF at `out`; returns its number of pages."""
    fonts = fonts or load_fonts()
    writer = PdfWriter(Path(out), fonts, title="签名笔迹核实单", place=place, printed_on=printed_on)
    try:
        writer.add(Section(review_flowables(fonts, items, writer.width), title="签名笔迹核实"))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.pages
