"""The village public notice (公示) of the month's identifications (纳入监测) and eliminations
(风险消除), posted for at least 5 days (DOMAIN §4, §9).

Only the head's name, the village group, the category, the decision and its date are printed:
a notice never carries ID numbers, phones, bank or health data, whatever the entries hold.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from app.core.errors import ValidationError
from app.core.household import parse_month
from app.core.words import date_zh
from app.reports.flow import BODY, CELL, CELL_HEAD, TITLE, gap, para, table
from app.reports.fonts import FontSet, load_fonts
from app.reports.page import PdfWriter, Section

MIN_DAYS = 5  # 公示不少于5天
PRINTED_FIELDS = ("head_name", "group_name", "category", "decision", "date", "procedure")
TEXT = BODY.but(size=12, leading=22)
NOTICE_CELL = CELL.but(size=11, leading=15)
NOTICE_HEAD = CELL_HEAD.but(size=11, leading=15)


def notice_title(village: str) -> str:
    return f"关于{village}防止返贫监测对象识别纳入和风险消除的公示"


def _check(entries: list[dict], village: str, month: str, days: int) -> str:
    month = parse_month(month)
    if not (village or "").strip():
        raise ValidationError("village", "required", "village: 须写明村名 (the village is required)")
    if isinstance(days, bool) or not isinstance(days, int) or days < MIN_DAYS:
        raise ValidationError("days", f"at least {MIN_DAYS} days",
                              f"days: 公示期不少于{MIN_DAYS}天 (a notice is posted at least {MIN_DAYS} days)")
    if not entries:
        raise ValidationError("month", "no decisions this month",
                              f"month: {month} 没有识别纳入或风险消除的农户，无需公示 (no decisions this month)")
    return month


def _day(text) -> date | None:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text or "").strip()[:10])
    except ValueError:
        return None


def notice_flowables(fonts: FontSet, entries: list[dict], *, village: str, month: str, days: int = MIN_DAYS,
                     width: float, township: str = "", posted_on: str | date | None = None) -> list:
    """The notice's text, table and signature. `posted_on` (ISO date) starts the publicity
    period and dates the signature; without it both are left blank to be written in."""
    month = _check(entries, village, month, days)
    year, mon = month.split("-")
    village = village.strip()
    committee = f"{village}村民委员会"
    township = (township or "").strip() or "乡（镇）人民政府"
    if not township.endswith("人民政府"):
        township += "人民政府"
    start = _day(posted_on)
    if start:
        period = f"{date_zh(start.isoformat())}至{date_zh((start + timedelta(days=days - 1)).isoformat())}"
        signed = date_zh(start.isoformat())
    else:
        period = "＿＿＿＿年＿＿月＿＿日至＿＿＿＿年＿＿月＿＿日"
        signed = "＿＿＿＿年＿＿月＿＿日"
    identified = sum(1 for e in entries if e.get("decision") == "纳入监测")
    eliminated = len(entries) - identified
    out: list = [para(fonts, notice_title(village), TITLE.but(size=18, leading=28, after=7 * mm))]
    out.append(para(fonts, (
        f"根据防止返贫动态监测和帮扶工作有关规定，现将本村{year}年{int(mon)}月防止返贫监测对象识别纳入和风险消除情况予以公示"
        f"（识别纳入 {identified} 户，风险消除 {eliminated} 户），名单如下："), TEXT.but(after=3 * mm)))
    rows = [["序号", "户主姓名", "村民小组", "类别", "决定", "日期"]]
    steps = []
    for i, e in enumerate(entries, 1):
        shown = {k: str(e.get(k) or "") for k in PRINTED_FIELDS}
        rows.append([str(i), shown["head_name"], shown["group_name"], shown["category"], shown["decision"],
                     date_zh(shown["date"])])
        if shown["decision"] == "纳入监测":
            # Only the steps the case recorded: a review that did not happen is not claimed.
            steps.append(f"{i}. {shown['head_name']}：{shown['procedure'] or '未记录识别程序'}")
    widths = [13 * mm, 30 * mm, 34 * mm, 36 * mm, 26 * mm]
    widths.append(width - sum(widths))
    out.append(table(fonts, rows, widths, style=NOTICE_CELL, head_style=NOTICE_HEAD,
                     align={i: "center" for i in range(6)}))
    if steps:
        out.append(gap(2))
        out.append(para(fonts, "识别纳入已履行的程序：" + "；".join(steps) + "。", TEXT))
    out.append(gap(4))
    out.append(para(fonts, f"公示期为{days}天：{period}。公示期间，如对公示内容有异议，"
                           f"请以书面、电话或当面方式向{committee}或{township}反映。", TEXT))
    out.append(para(fonts, "联系电话：＿＿＿＿＿＿＿＿＿＿", TEXT))
    out.append(para(fonts, "特此公示。", TEXT.but(before=2 * mm)))
    out.append(CondPageBreak(40 * mm))
    out.append(gap(14))
    sign = TEXT.but(align="right", indent=0)
    out.append(para(fonts, f"{committee}（盖章）", sign))
    out.append(para(fonts, signed, sign))
    return out


def write_notice(entries: list[dict], out: Path, *, village: str, month: str, fonts: FontSet | None = None,
                 printed_on: str, days: int = MIN_DAYS, township: str = "") -> int:
    """The notice as a PDF at `out`, posted from `printed_on`; returns its number of pages.
    No entries: ValidationError(month, "no decisions this month"), so no empty notice is posted."""
    _check(entries, village, month, days)
    fonts = fonts or load_fonts()
    title = notice_title(village.strip())
    writer = PdfWriter(Path(out), fonts, title=title, place=village.strip(), printed_on=printed_on)
    try:
        writer.add(Section(notice_flowables(fonts, entries, village=village, month=month, days=days,
                                            width=writer.width, township=township, posted_on=printed_on),
                           title="公示"))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.pages
