"""Exports for entry into the national system and for the county's leaders: the households,
members, cases and visits the county holds as an Excel workbook (one row per person with the
household's columns, headers as the national ledger names them), and the month's county
summary as a PDF. Each export states its purpose, which the access log keeps with who, when
and from where; the file is built in memory and sent, never written on the server."""
from __future__ import annotations

import io
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import Response

from app.core import clock

from .. import db, users
import county_server.console.queries as q
import county_server.console.summaries as summaries
from .pages import scope
from .web import Viewer, client_of, console_router, engine_of, posted, quoted, render, secure_headers, zh

router = console_router()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PERSON_COLUMNS = [  # (header, household field or member field, vocabulary)
    ("省", "h.province", None), ("县（市、区）", "h.county", None), ("乡（镇）", "h.township", None),
    ("行政村", "h.village", None), ("村民小组", "h.group_name", None), ("户编号", "h.number", None),
    ("户主姓名", "h.head_name", None), ("户类型", "h.category", "category"),
    ("监测对象类别", "h.monitoring_category", None), ("纳入监测时间", "h.monitoring_since", None),
    ("风险类型", "h.risk_types", "risk"), ("是否风险消除", "h.risk_eliminated", "yesno"),
    ("户联系电话", "h.phone", None), ("姓名", "m.name", None), ("证件号码", "m.id_number", None),
    ("与户主关系", "m.relation", "relation"), ("性别", "m.sex", "sex"), ("出生日期", "m.birth_date", None),
    ("文化程度", "m.education", "education"), ("健康状况", "m.health", "health"),
    ("劳动技能", "m.labour", "labour"), ("务工时间（月）", "m.work_months", None),
]
CASE_COLUMNS = [("行政村", "village"), ("户编号", "number"), ("户主姓名", "head_name"), ("状态", "state"),
                ("风险线索日期", "clue_date"), ("识别纳入日期", "identified_date"), ("帮扶计划日期", "plan_date"),
                ("风险消除日期", "eliminated_date"), ("风险类型", "risk_types")]
VISIT_COLUMNS = [("行政村", "village"), ("户编号", "number"), ("户主姓名", "head_name"), ("走访日期", "visit_date"),
                 ("方式", "mode"), ("走访人", "visitor"), ("走访情况", "findings")]


@router.get("/exports")
def exports(request: Request, s: Viewer, error: str | None = None):
    return render(request, "exports.html", s, error=error, today=clock.today())


async def _purpose(request: Request, s) -> str:
    """The export's purpose from its form (back to the form, saying so, without one)."""
    purpose = str((await posted(request, s)).get("purpose") or "").strip()
    if not 2 <= len(purpose) <= 200:
        raise HTTPException(303, "purpose", headers={"Location": "/exports?error=" + quoted(
            "purpose: 请写明导出用途 (2-200字) (state the purpose)")})
    return purpose


@router.post("/exports/ledger.xlsx")
async def ledger(request: Request, s: Viewer):
    purpose, engine = await _purpose(request, s), engine_of(request)
    with db.reading(engine) as conn:
        data = ledger_workbook(conn, scope(s))
    users.log_access(engine, s.user, "export", None, f"台账Excel (ledger): {purpose}", client_of(request))
    return _attachment(data, XLSX, f"county-ledger-{clock.today().isoformat()}.xlsx")


@router.post("/exports/summary.pdf")
async def summary(request: Request, s: Viewer):
    purpose, engine, today = await _purpose(request, s), engine_of(request), clock.today()
    rows = summaries.overview(engine, scope(s), today)
    users.log_access(engine, s.user, "export", None, f"月度汇总PDF (month summary): {purpose}", client_of(request))
    return _attachment(summary_pdf(rows, today, s.user.township), "application/pdf",
                       f"county-summary-{today.year:04d}-{today.month:02d}.pdf")


def _attachment(data: bytes, media: str, name: str) -> Response:
    return secure_headers(Response(data, media_type=media,
                                   headers={"Content-Disposition": f'attachment; filename="{name}"'}))


def _value(record: dict, key: str, vocabulary: str | None):
    value = record.get(key)
    if vocabulary == "yesno":
        return "是" if value else "否"
    if vocabulary:
        return zh(value, vocabulary)
    if isinstance(value, (list, dict)):
        return "、".join(map(str, value))
    return value


def ledger_workbook(conn, township: str | None) -> bytes:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    homes = {h["id"]: (v, h) for v, h in q.records(conn, "households", township)}
    people = book.create_sheet("家庭成员信息")
    people.append([c[0] for c in PERSON_COLUMNS])
    members = sorted((m for _, m in q.records(conn, "members", township) if m.get("household_id") in homes),
                     key=lambda m: (homes[m["household_id"]][0], homes[m["household_id"]][1].get("number") or "",
                                    m.get("relation") != "head"))
    for m in members:
        v, h = homes[m["household_id"]]
        h = {**h, "village": h.get("village") or v}
        people.append([_value(h if src.startswith("h.") else m, src[2:], vocab) for _, src, vocab in PERSON_COLUMNS])
    for title, tbl, columns, vocab in (("监测帮扶", "cases", CASE_COLUMNS, {"state": "case", "risk_types": "risk"}),
                                       ("走访记录", "visits", VISIT_COLUMNS, {"mode": "mode"})):
        sheet = book.create_sheet(title)
        sheet.append([c[0] for c in columns])
        for v, r in q.records(conn, tbl, township):
            _, h = homes.get(r.get("household_id"), (v, {}))
            row = {**r, "village": v, "number": h.get("number"), "head_name": h.get("head_name")}
            sheet.append([_value(row, key, vocab.get(key)) for _, key in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The CJK TrueType fonts the summary embeds, best first, as the device's printing looks for them
# (app/reports/fonts.py: the same files, the same folders; reportlab embeds TrueType outlines only).
FONT_FILES = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "msyh.ttc", "simsun.ttc", "simhei.ttf", "uming.ttc",
              "DroidSansFallbackFull.ttf")


def font_folders() -> list[Path]:
    folders = [Path(os.environ["ZHUCUN_FONT_DIR"])] if os.environ.get("ZHUCUN_FONT_DIR") else []
    windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    return folders + [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
                      windows, Path("/Library/Fonts")]


@lru_cache(maxsize=None)
def summary_font() -> str:
    """The registered name of the first CJK TrueType font found, embedded (subset) in the PDF so
    it prints the same everywhere; without one, the reader's own STSong-Light (not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont
    for name in FONT_FILES:
        for folder in (f for f in font_folders() if f.is_dir()):
            for path in [folder / name] if (folder / name).is_file() else folder.rglob(name):
                try:
                    pdfmetrics.registerFont(TTFont("ZhucunCounty-" + Path(name).stem, str(path), subfontIndex=0))
                except (TTFError, OSError, ValueError, KeyError, AssertionError):
                    continue
                return "ZhucunCounty-" + Path(name).stem
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def summary_pdf(rows: list[dict], today: date, township: str | None) -> bytes:
    """The month's county summary: a table of the villages' figures, landscape A4, in a CJK font
    embedded in the file (summary_font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    font = summary_font()
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=20)
    note = ParagraphStyle("n", fontName=font, fontSize=9, leading=12)
    head = ["村", "乡镇", "设备", "户数", "脱贫/一般/监测", "监测户", "本月走访(完成/应完成)", "逾期环节",
            "未销号问题", "退回记录", "在村≥20天"]
    body = [[r["village"], r["township"] or "", r["devices"], r["households"],
             f"{r['by_category']['lifted']}/{r['by_category']['ordinary']}/{r['by_category']['monitored']}",
             r["monitored"], f"{r['visits_done']}/{r['visits_due']}", r["missed"], r["problems_open"], r["rejected"],
             f"{r['attendance']}/{r['team']}"] for r in rows]
    totals = ["合计", "", *(sum(r[k] for r in rows) for k in ("devices", "households")), "",
              sum(r["monitored"] for r in rows),
              f"{sum(r['visits_done'] for r in rows)}/{sum(r['visits_due'] for r in rows)}",
              *(sum(r[k] for r in rows) for k in ("missed", "problems_open", "rejected")), ""]
    table = Table([head, *body, totals], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                               ("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=f"{today.year}年{today.month}月 县级汇总")
    doc.build([Paragraph(f"{today.year}年{today.month}月 防止返贫监测 县级汇总{'（' + township + '）' if township else ''}",
                         title),
               Paragraph(f"截至 {today.isoformat()}，按各村设备同步到县里的数据计算。逾期环节：风险线索15天内未识别、"
                         "识别后10天内未制定帮扶计划。", note), table])
    return out.getvalue()
