"""The work team's monthly report (驻村工作月报, DOMAIN §7, §9) from `reporting.month_summary`:
the month's figures, the work prompt's tasks, visits done against due (with a bar chart),
risks found, identifications and eliminations, missed deadlines, attendance and open problems.
"""
from __future__ import annotations

from math import ceil
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from app.core.enums import DueKind, MonitoringCategory, VisitMode
from app.core.words import DUE_STATUS, TASK_STATUS, case_step_zh, date_zh, month_zh, zh
from app.reports.flow import BODY, CELL, HEADING, MUTED, SHADE, SMALL, SUBHEADING, TITLE, gap, para, table
from app.reports.fonts import FontSet, load_fonts
from app.reports.page import PdfWriter, Section

NONE = "本月无"
DUE_COLOR = colors.HexColor("#9AA5AE")
DONE_COLOR = colors.HexColor("#2E7D5B")
LATE = colors.HexColor("#B3261E")
NUMERALS = "一二三四五六七八九十"


def short_date(iso: str | None) -> str:
    """"2026-10-30" as 10月30日 (the month and year are the report's)."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{int(iso[5:7])}月{int(iso[8:10])}日"


def percent(done: int, total: int) -> str:
    return f"{round(100 * done / total)}%" if total else "—"


class _Sections:
    """Numbers the headings 一、二、… and keeps a heading off the foot of a page."""

    def __init__(self, fonts: FontSet, out: list):
        self.fonts, self.out, self.n = fonts, out, 0

    def heading(self, text: str) -> None:
        self.out.append(CondPageBreak(45 * mm))
        self.out.append(para(self.fonts, f"{NUMERALS[self.n]}、{text}", HEADING))
        self.n += 1

    def sub(self, text: str) -> None:
        self.out.append(CondPageBreak(30 * mm))
        self.out.append(para(self.fonts, text, SUBHEADING))


def _col(width: float, *fixed_mm: float) -> list[float]:
    """Column widths: the fixed ones in mm, the one given as 0 takes what is left."""
    rest = width - sum(f * mm for f in fixed_mm)
    return [f * mm if f else rest for f in fixed_mm]


def _nice_step(top: int) -> int:
    raw = max(top / 5, 1)
    for unit in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if unit >= raw:
            return unit
    return int(ceil(raw / 10000) * 10000)


def due_chart(fonts: FontSet, kinds: list[dict], width: float, height: float = 54 * mm) -> Drawing:
    """Bars of 应走访 against 已完成 by kind; every label in the report's font."""
    drawing = Drawing(width, height, initialFontName=fonts.main, initialFontSize=8)  # no Helvetica default
    chart = VerticalBarChart()
    chart.x, chart.y = 16 * mm, 10 * mm
    chart.width, chart.height = width - 22 * mm, height - 22 * mm
    chart.data = [[k["due"] for k in kinds], [k["done"] for k in kinds]]
    top = max([k["due"] for k in kinds] + [1])
    step = _nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * ceil(top * 1.12 / step)
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = [zh(DueKind, k["kind"]) for k in kinds]
    chart.bars[0].fillColor, chart.bars[1].fillColor = DUE_COLOR, DONE_COLOR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 14, 2
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 6
    for label in (chart.valueAxis.labels, chart.categoryAxis.labels, chart.barLabels):
        label.fontName = fonts.main
        label.fontSize = 8
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.dy = -3
    drawing.add(chart)
    legend = Legend()
    legend.fontName, legend.fontSize = fonts.main, 8.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 48
    legend.dx = legend.dy = 7
    legend.x, legend.y = width - 50 * mm, height - 2 * mm
    legend.colorNamePairs = [(DUE_COLOR, "应完成"), (DONE_COLOR, "已完成")]
    legend.strokeColor = None
    drawing.add(legend)
    return drawing


def _warn(fonts: FontSet, text: str, align: str = "center"):
    """A cell in the warning colour (a missed deadline, a short month)."""
    return para(fonts, text, CELL.but(color=LATE, align=align))


def _none(fonts: FontSet, out: list, text: str = NONE) -> None:
    out.append(para(fonts, text, BODY.but(color=MUTED.color, after=1 * mm)))


def _overview(fonts: FontSet, s: dict, width: float) -> list:
    f, v, a = s["figures"], s["visits"], s["attendance"]
    modes = "、".join(f"{zh(VisitMode, m['mode'])} {m['count']}" for m in v["by_mode"] if m["count"])
    pairs = [
        ("工作任务", f"共 {f['tasks_total']} 项，已完成 {f['tasks_done']} 项，未完成 {f['tasks_open']} 项"
         if f["tasks_total"] else "本月无工作提示"),
        ("应走访联系", f"{f['visits_due']} 户次，已完成 {f['visits_due_done']} 户次"
         f"（{percent(f['visits_due_done'], f['visits_due'])}）" if f["visits_due"] else NONE),
        ("本月走访", f"{f['visits']} 次，涉及 {f['households_visited']} 户" + (f"（{modes}）" if modes else "")),
        ("发现风险", f"走访发现 {f['risk_visits']} 户次，新增风险线索 {f['new_clues']} 条"),
        ("识别纳入", f"{f['identified']} 户"),
        ("风险消除", f"{f['eliminated']} 户"),
        ("超期未办", f"{f['deadlines_missed']} 项"),
        ("在村出勤", f"登记 {len(a['people'])} 人，不足 {a['min_days']} 天 {a['short']} 人"),
        ("问题清单", f"未销号 {f['problems_open']} 项（逾期 {f.get('problems_overdue', 0)} 项），"
                     f"本月销号 {f['problems_closed']} 项"),
    ]
    if len(pairs) % 2:
        pairs.append(("", ""))
    label, value = 22 * mm, width / 2 - 22 * mm
    rows = [[pairs[i][0], pairs[i][1], pairs[i + 1][0], pairs[i + 1][1]] for i in range(0, len(pairs), 2)]
    shade = [("BACKGROUND", (c, 0), (c, -1), SHADE) for c in (0, 2)]
    return [table(fonts, rows, [label, value, label, value], head_rows=0, extra=shade)]


def _prompts(fonts: FontSet, s: dict, width: float) -> list:
    out: list = []
    if not s["prompts"]:
        _none(fonts, out, "本月未收到驻村工作提示")
        return out
    t = s["tasks"]
    text = f"本月工作提示共 {t['total']} 项任务，已完成 {t['done']} 项，未完成 {t['open']} 项"
    if t["overdue"]:
        text += f"（其中逾期 {t['overdue']} 项）"
    if t["late"]:
        text += f"；超过期限完成 {t['late']} 项"
    out.append(para(fonts, text + "。", BODY.but(after=1.5 * mm)))
    widths = _col(width, 9, 0, 19, 22, 19, 16, 42)
    for p in s["prompts"]:
        title = p["title"] + (f"（{p['issued_by']}）" if p.get("issued_by") else "")
        out.append(para(fonts, title, SMALL.but(bold=True, after=1 * mm)))
        rows = [["序号", "任务", "完成期限", "完成情况", "完成日期", "完成人", "备注"]]
        for i, task in enumerate(p["tasks"], 1):
            status = "已完成（超期）" if task["late"] else TASK_STATUS[task["status"]]
            if task["status"] == "overdue" or task["late"]:
                status = _warn(fonts, status)
            rows.append([str(i), task["title"], short_date(task["due_date"]) or "—", status,
                         short_date(task["done_on"]), task["done_by"] or "", task["note"] or ""])
        if len(rows) == 1:
            rows.append(["", "（无任务）", "", "", "", "", ""])
        out.append(table(fonts, rows, widths, align={0: "center", 2: "center", 3: "center", 4: "center"}))
        out.append(gap(2))
    return out


def _visits(fonts: FontSet, s: dict, width: float) -> list:
    out: list = []
    d, v = s["due"], s["visits"]
    if d["kinds"]:
        rows = [["事项", "应完成（户）", "已完成", "未完成", "其中逾期", "完成率"]]
        for k in d["kinds"]:
            rows.append([zh(DueKind, k["kind"]), str(k["due"]), str(k["done"]), str(k["open"]), str(k["overdue"]),
                         percent(k["done"], k["due"])])
        tot = d["total"]
        rows.append(["合计", str(tot["due"]), str(tot["done"]), str(tot["open"]), str(tot["overdue"]),
                     percent(tot["done"], tot["due"])])
        right = {i: "right" for i in range(1, 6)}
        out.append(table(fonts, rows, _col(width, 0, 26, 22, 22, 22, 22), align=right,
                         extra=[("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE)]))
        out.append(para(fonts, "注：回头看按季度、一般农户年度走访按全年统计，其余按本月统计。",
                        MUTED.but(before=1 * mm)))
    else:
        _none(fonts, out, "本月无应走访联系的农户")
    team = set(s["team"])
    mine = [x for x in v["by_visitor"] if x["visitor"] in team]
    others = sum(x["count"] for x in v["by_visitor"] if x["visitor"] not in team)
    modes = "、".join(f"{zh(VisitMode, m['mode'])} {m['count']} 次" for m in v["by_mode"] if m["count"])
    text = f"本月共记录走访 {v['total']} 次，涉及 {v['households']} 户" + (f"，其中{modes}" if modes else "") + "。"
    if mine or others:
        who = [f"{x['visitor']} {x['count']} 次" for x in mine]
        if others:
            who.append(f"帮扶责任人等其他人员 {others} 次")
        text += "按走访人：" + "，".join(who) + "。"
    out.append(para(fonts, text, BODY.but(before=2 * mm, after=2 * mm)))
    if d["kinds"]:
        out.append(due_chart(fonts, d["kinds"], width))
        rows = [["依据", "事项", "应完成", "已完成", "未完成"]]
        for r in d["rules"]:
            rows.append([r["rule_zh"], zh(DueKind, r["kind"]), str(r["due"]), str(r["done"]), str(r["open"])])
        out.append(gap(2))
        out.append(table(fonts, rows, _col(width, 0, 28, 15, 15, 15), align={2: "right", 3: "right", 4: "right"}))
    late = [r for r in d["not_done"] if r["status"] == "overdue"]
    pending = len(d["not_done"]) - len(late)
    if late:
        out.append(para(fonts, f"逾期未完成名单（{len(late)} 户次）", SMALL.but(bold=True, before=3 * mm, after=1 * mm)))
        rows = [["序号", "户主", "村民小组", "事项", "状态", "上次联系"]]
        for i, r in enumerate(late, 1):
            rows.append([str(i), r["head_name"], r["group_name"], zh(DueKind, r["kind"]), _warn(fonts, DUE_STATUS.get(r["status"], r["status"])),
                         r["last_contact"] or "无记录"])
        out.append(table(fonts, rows, _col(width, 10, 0, 32, 38, 18, 26),
                         align={0: "center", 4: "center", 5: "center"}))
    elif d["kinds"]:
        out.append(para(fonts, "没有逾期未完成的走访联系。", BODY.but(before=2 * mm)))
    if pending:
        out.append(para(fonts, f"另有 {pending} 户次尚在期限内（所在的月、季度或年度未结束），未列入名单。",
                        MUTED.but(before=1 * mm)))
    return out


def _risks(fonts: FontSet, sec: _Sections, s: dict, width: float) -> list:
    out = sec.out
    r = s["risks"]
    if not (r["visits"] or r["clues"] or r["reverts"]):
        _none(fonts, out)
        return out
    if r["visits"]:
        sec.sub(f"走访中发现风险（{len(r['visits'])} 户次）")
        rows = [["日期", "户主", "村民小组", "走访人", "方式", "风险类型", "后续措施"]]
        for x in r["visits"]:
            rows.append([short_date(x["date"]), x["head_name"], x["group_name"], x["visitor"], zh(VisitMode, x["mode"]),
                         "、".join(x["risk_types"]), x["followups"]])
        out.append(table(fonts, rows, _col(width, 16, 18, 27, 17, 11, 32, 0), align={0: "center", 4: "center"}))
    if r["clues"]:
        sec.sub(f"新增风险线索（{len(r['clues'])} 条）")
        rows = [["日期", "户主", "村民小组", "来源", "风险类型", "情况", "登记人"]]
        for x in r["clues"]:
            rows.append([short_date(x["date"]), x["head_name"], x["group_name"], x["source"],
                         "、".join(x["risk_types"]), x["note"], x["by"]])
        out.append(table(fonts, rows, _col(width, 16, 18, 27, 20, 28, 0, 17), align={0: "center"}))
    if r["reverts"]:
        sec.sub(f"风险消除后回退（{len(r['reverts'])} 户）")
        rows = [["日期", "户主", "村民小组", "新的风险", "情况"]]
        for x in r["reverts"]:
            rows.append([short_date(x["date"]), x["head_name"], x["group_name"], "、".join(x["risk_types"]), x["note"]])
        out.append(table(fonts, rows, _col(width, 16, 18, 27, 32, 0), align={0: "center"}))
    return out


def _decisions(fonts: FontSet, sec: _Sections, s: dict, width: float) -> list:
    out = sec.out
    c = s["cases"]
    if not (c["identified"] or c["eliminated"] or c["rejected"]):
        _none(fonts, out)
        return out
    sec.sub(f"识别纳入（{len(c['identified'])} 户）")
    if c["identified"]:
        rows = [["序号", "户主", "村民小组", "监测对象类别", "风险类型", "识别日期"]]
        for i, x in enumerate(c["identified"], 1):
            rows.append([str(i), x["head_name"], x["group_name"], zh(MonitoringCategory, x["monitoring_category"]),
                         "、".join(x["risk_types"]), date_zh(x["date"])])
        out.append(table(fonts, rows, _col(width, 10, 22, 30, 30, 0, 30), align={0: "center", 5: "center"}))
    else:
        _none(fonts, out)
    sec.sub(f"风险消除（{len(c['eliminated'])} 户）")
    if c["eliminated"]:
        rows = [["序号", "户主", "村民小组", "监测对象类别", "消除方式", "消除日期"]]
        for i, x in enumerate(c["eliminated"], 1):
            rows.append([str(i), x["head_name"], x["group_name"], zh(MonitoringCategory, x["monitoring_category"]), x["method"],
                         date_zh(x["date"])])
        out.append(table(fonts, rows, _col(width, 10, 22, 30, 30, 0, 30), align={0: "center", 5: "center"}))
    else:
        _none(fonts, out)
    if c["rejected"]:
        sec.sub(f"核查未纳入（{len(c['rejected'])} 户）")
        rows = [["序号", "户主", "村民小组", "理由", "日期"]]
        for i, x in enumerate(c["rejected"], 1):
            rows.append([str(i), x["head_name"], x["group_name"], x["reason"], date_zh(x["date"])])
        out.append(table(fonts, rows, _col(width, 10, 22, 30, 0, 30), align={0: "center", 4: "center"}))
    return out


def _deadlines(fonts: FontSet, s: dict, width: float) -> list:
    out: list = []
    items = s["deadlines"]
    if not items:
        _none(fonts, out, NONE + "（识别认定15天、帮扶计划10天、回头看每季度一次，均按期完成）")
        return out
    rows = [["序号", "户主", "村民小组", "事项", "期限", "情况"]]
    for i, x in enumerate(items, 1):
        if x["done_on"]:
            state = f"{short_date(x['done_on'])}完成，超期 {x['days_late']} 天"
        else:
            state = _warn(fonts, f"未办，已超期 {x['days_late']} 天", "left")
        rows.append([str(i), x["head_name"], x["group_name"], case_step_zh(x["step"]), date_zh(x["deadline"]), state])
    out.append(table(fonts, rows, _col(width, 10, 22, 30, 26, 30, 0), align={0: "center", 4: "center"}))
    out.append(para(fonts, f"统计截至 {date_zh(s['as_of'])}。期限：风险线索发现后15天内识别认定，"
                           "识别纳入后10天内制定帮扶计划，风险消除后一年内每季度回头看一次。",
                    MUTED.but(before=1 * mm)))
    return out


def _attendance(fonts: FontSet, s: dict, width: float) -> list:
    out: list = []
    a = s["attendance"]
    if not a["people"]:
        _none(fonts, out, "本月未登记出勤")
        return out
    rows = [["姓名", "在村天数", f"是否达到 {a['min_days']} 天", "备注"]]
    for p in a["people"]:
        rows.append([p["person"] + ("（队长）" if p["person"] == s.get("leader") else ""), str(p["days"]),
                     _warn(fonts, "未达到") if p["short"] else "达到", p["note"]])
    out.append(table(fonts, rows, _col(width, 36, 24, 30, 0), align={1: "right", 2: "center"}))
    out.append(para(fonts, f"本月 {a['days_in_month']} 天；驻村工作队员每月在村不少于 {a['min_days']} 天。",
                    MUTED.but(before=1 * mm)))
    return out


def _problems(fonts: FontSet, s: dict, width: float) -> list:
    out: list = []
    p = s["problems"]
    closed = f"本月销号 {p['closed_in_month']} 项。"
    if not p["open"]:
        _none(fonts, out, "本月无未销号问题。" + closed)
        return out
    late = f"其中逾期 {p['overdue']} 项，" if p.get("overdue") else ""
    out.append(para(fonts, f"截至月末未销号 {len(p['open'])} 项，{late}{closed}", BODY.but(after=1.5 * mm)))
    # 问题清单、整改措施清单、责任清单 (003 §四): the problem, its measure, who answers for it, by when.
    rows = [["序号", "问题清单", "户主", "问题", "整改措施", "责任人", "时限"]]
    for i, x in enumerate(p["open"], 1):
        deadline = date_zh(x.get("deadline")) or "—"
        rows.append([str(i), x["list_title"], x["head_name"] or "—", x["description"], x.get("measure") or "—",
                     x.get("responsible") or "—", _warn(fonts, deadline + " 逾期") if x.get("overdue") else deadline])
    out.append(table(fonts, rows, _col(width, 9, 30, 15, 0, 34, 15, 27),
                     align={0: "center", 2: "center", 5: "center", 6: "center"}))
    return out


def _duties(fonts: FontSet, s: dict, width: float) -> list:
    """The duties, a line each (clues, screening, medical costs, work, loans, pairing, plan)."""
    return [para(fonts, ("！" + line["zh"]) if line["warn"] else line["zh"],
                 BODY.but(color=LATE, after=1 * mm) if line["warn"] else BODY.but(after=1 * mm))
            for line in s["duties"]]


def month_report_flowables(fonts: FontSet, summary: dict, width: float) -> list:
    s = summary
    out: list = []
    village = s.get("village") or ""
    out.append(para(fonts, f"{village}{month_zh(s['month'])}驻村工作月报", TITLE.but(after=2 * mm)))
    team = "、".join(n + ("（队长）" if n == s.get("leader") else "") for n in s["team"]) or "—"
    out.append(para(fonts, f"{s.get('place_name') or village}　统计期 {date_zh(s['start'])}至{date_zh(s['as_of'])}",
                    SMALL.but(align="center")))
    out.append(para(fonts, f"驻村工作队：{team}", SMALL.but(align="center", after=3 * mm)))
    sec = _Sections(fonts, out)
    sec.heading("本月概况")
    out += _overview(fonts, s, width)
    sec.heading("工作提示完成情况")
    out += _prompts(fonts, s, width)
    sec.heading("走访完成情况")
    out += _visits(fonts, s, width)
    sec.heading("发现的风险")
    _risks(fonts, sec, s, width)
    sec.heading("识别纳入与风险消除")
    _decisions(fonts, sec, s, width)
    sec.heading("超期未办")
    out += _deadlines(fonts, s, width)
    sec.heading("出勤")
    out += _attendance(fonts, s, width)
    sec.heading("问题清单")
    out += _problems(fonts, s, width)
    if s.get("duties"):
        sec.heading("监测帮扶职责")
        out += _duties(fonts, s, width)
    out.append(CondPageBreak(26 * mm))
    out.append(gap(8))
    out.append(para(fonts, "填报人（签字）：＿＿＿＿＿＿＿＿　　　　驻村工作队长（签字）：＿＿＿＿＿＿＿＿",
                    BODY.but(after=4 * mm)))
    out.append(para(fonts, "日期：＿＿＿＿年＿＿月＿＿日", BODY.but(align="right")))
    return out


def write_month_report(summary: dict, out: Path, *, fonts: FontSet | None = None, printed_on: str) -> int:
    """The report as a PDF at `out`; returns its number of pages."""
    fonts = fonts or load_fonts()
    title = f"{month_zh(summary['month'])}驻村工作月报"
    writer = PdfWriter(Path(out), fonts, title=f"{summary.get('village') or ''}{title}",
                       place=summary.get("place_name") or summary.get("village") or "", printed_on=printed_on)
    try:
        writer.add(Section(month_report_flowables(fonts, summary, writer.width), title=title,
                           footer=f"{summary.get('village') or ''}驻村工作队　{title}"))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.pages
