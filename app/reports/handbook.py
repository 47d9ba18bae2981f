"""The assistance handbook (帮扶手册, 一户一册) laid out from `services.handbook` data."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from app.reports.flow import BODY, HEADING, MUTED, SMALL, SUBHEADING, TITLE, Style, gap, para, table
from app.reports.grid import fields, grid
from app.reports.fonts import FontSet
from app.reports.page import Section

INSTRUCTIONS = [
    "一、本手册一户一册，由帮扶责任人和驻村工作队填写、保管，农户家中留存一份，请妥善保管，不要涂改。",
    "二、手册记载家庭基本情况、家庭成员、收入情况、监测帮扶过程、帮扶措施及成效、帮扶责任人和走访记录，"
    "内容以驻村工作队的电子台账为准。",
    "三、每页页脚印有核验码和二维码。扫描二维码或输入核验码，可以核对本手册与台账是否一致；"
    "台账更新后请重新打印。",
    "四、身份证号码和联系电话只印部分数字，完整信息以台账为准。",
    "五、家庭情况发生变化（因病、因学、因残、因灾、务工不稳等）时，请及时告诉帮扶责任人或驻村工作队。",
]

SIGN_LINES = [("填写人（帮扶责任人）签字", "日期"), ("户主签字", "日期"), ("驻村工作队审核", "日期")]

COVER_TITLE = Style(size=30, bold=True, align="center", after=4 * mm)
COVER_SUB = Style(size=14, align="center", after=16 * mm)
COVER_LINE = Style(size=14, leading=30)
H2 = HEADING.but(size=13)


def _yes(value: bool, yes: str = "是", no: str = "否") -> str:
    return yes if value else no


def _cover(fonts: FontSet, d: dict, width: float, printed_on: str) -> list:
    h = d["household"]
    place = "".join(x for x in (h["county"], h["township"], h["village"]) if x)
    rows = [("户　　主", h["head_name"]), ("户 编 号", h["number"] or "—"),
            ("所在地址", f"{place}{h['group']} {h['address']}".strip()),
            ("户 类 型", h["category"] + (f"（{h['monitoring_category']}）" if h["monitoring_category"] else "")),
            ("帮扶责任人", h["pairing_cadre"] or "—"), ("打印日期", printed_on)]
    flow = [Spacer(1, 45 * mm), para(fonts, "防止返贫动态监测和帮扶", COVER_SUB.but(after=4 * mm)),
            para(fonts, "帮 扶 手 册", COVER_TITLE), para(fonts, "（一户一册）", COVER_SUB)]
    flow.append(table(fonts, [[k, v] for k, v in rows], [36 * mm, width - 70 * mm], head_rows=0,
                      style=COVER_LINE.but(size=13, leading=24),
                      extra=[("LINEBELOW", (0, 0), (-1, -1), 0.5, "#666666"), ("GRID", (0, 0), (-1, -1), 0, "#FFFFFF"),
                             ("LINEBELOW", (0, 0), (-1, -1), 0.6, "#444444")]))
    flow += [Spacer(1, 30 * mm), para(fonts, place or h["village"], Style(size=12, align="center"))]
    return flow


def _situation(fonts, d, width) -> list:
    h = d["household"]
    pairs = [("户主", h["head_name"]), ("户编号", h["number"]), ("村民小组", h["group"]), ("联系电话", h["phone"]),
             ("家庭住址", h["address"]), ("居住情况", h["residence"]), ("户类型", h["category"]),
             ("监测类别", h["monitoring_category"] or "—"), ("纳入时间", h["monitoring_since"] or "—"),
             ("标识", h["flags"] or "—"), ("风险类型", (h["risk_types"] or "—") + ("（已消除）" if h["risk_eliminated"] and h["risk_types"] else "")),
             ("住房等级", h["housing_grade"]), ("可自行修缮", _yes(h["can_fix_housing_alone"])),
             ("饮水安全", _yes(h["water_secured"], "有保障", "无保障")), ("有赡养人", _yes(h["has_supporter"])),
             ("土地", h["land"] or "无"), ("帮扶责任人", h["pairing_cadre"] or "—")]
    pairs += [(label, value) for label, value in h["details"]]
    out = [para(fonts, "一、家庭基本情况", HEADING), fields(fonts, pairs, width)]
    g = d["guarantees"]
    out += [gap(2), para(fonts, "两不愁三保障及饮水安全：" + "　".join(
        f"{k}{'有保障' if v else '未保障'}" for k, v in g.items()), BODY)]
    if h["note"]:
        out.append(para(fonts, "备注：" + h["note"], SMALL))
    return out


def _members(fonts, d, width) -> list:
    head = ["姓名", "与户主关系", "性别", "出生日期", "身份证号", "健康状况", "在校情况", "劳动能力", "务工", "参保"]
    rows = [head] + [[m["name"], m["relation"], m["sex"], m["birth_date"], m["id_number"],
                      m["health"] + (f" 残疾{m['disability']}" if m["disability"] else ""), m["school"] or "—",
                      m["labour"] + ("·公益岗" if m["welfare_post"] else ""),
                      (m["work"] + (f" 月薪{m['wage']}" if m["wage"] else "")) or "—", m["insurance"] or "—"]
                     for m in d["members"]]
    w = [16, 14, 8, 19, 31, 17, 14, 15, 23, 17]
    scale = width / (sum(w) * mm)
    return [para(fonts, "二、家庭成员", HEADING), para(fonts, f"共 {len(d['members'])} 人", MUTED),
            grid(fonts, rows, [x * mm * scale for x in w], style=Style(size=8, leading=11),
                  head_style=Style(size=8, leading=11, bold=True))]


def _incomes(fonts, d, width) -> list:
    out = [para(fonts, "三、收入情况", HEADING)]
    if not d["incomes"]:
        return out + [para(fonts, "暂无收入核算记录。", SMALL)]
    rows = [["年度", "核算日期", "人口", "家庭纯收入", "人均纯收入", "监测基准线", "对比"]]
    for i in d["incomes"]:
        compare = "—" if i["above"] is None else ("高于基准线" if i["above"] else "低于基准线")
        rows.append([i["year"], i["assessed_on"], str(i["size"]), i["net"], i["per_capita"], i["baseline"] or "—",
                     compare])
    right = {3: "right", 4: "right", 5: "right"}
    out.append(grid(fonts, rows, [14 * mm, 24 * mm, 12 * mm, 32 * mm, 32 * mm, 30 * mm, width - 144 * mm],
                     align=right))
    latest = d["incomes"][-1]
    if latest["items"]:
        out += [para(fonts, f"{latest['year']} 年收入构成（{latest['assessed_on']} 核算）", SUBHEADING)]
        items = latest["items"]
        half = (len(items) + 1) // 2
        rows = [["项目", "金额", "项目", "金额"]]
        for a in range(half):
            left = items[a]
            right_item = items[a + half] if a + half < len(items) else ("", "")
            rows.append([left[0], left[1], right_item[0], right_item[1]])
        out.append(grid(fonts, rows, [width / 4] * 4, align={1: "right", 3: "right"}))
        if latest["note"]:
            out.append(para(fonts, "说明：" + latest["note"], SMALL))
    return out


def _cases(fonts, d, width) -> list:
    out = [para(fonts, "四、监测帮扶情况", HEADING)]
    if not d["cases"]:
        return out + [para(fonts, "本户未纳入防止返贫监测。", SMALL)]
    for n, c in enumerate(d["cases"], 1):
        title = f"第 {n} 次监测：{c['state']}"
        facts = "；".join(x for x in (
            f"监测类别 {c['monitoring_category']}" if c["monitoring_category"] else "",
            f"风险类型 {c['risk_types']}" if c["risk_types"] else "",
            f"风险线索 {c['clue_date']}" if c["clue_date"] else "",
            f"识别纳入 {c['identified_date']}" if c["identified_date"] else "",
            f"帮扶计划 {c['plan_date']}" if c["plan_date"] else "",
            f"风险消除 {c['eliminated_date']}" if c["eliminated_date"] else "") if x)
        rows = [["日期", "环节", "经办人", "情况"]] + [[e["on"], e["kind"], e["by"], e["detail"] or "—"]
                                                for e in c["events"]]
        out += [para(fonts, title, SUBHEADING), para(fonts, facts, SMALL),
                grid(fonts, rows, [22 * mm, 26 * mm, 20 * mm, width - 68 * mm])]
        if c["followup_due"]:
            done = set(c["followups_done"])
            out.append(para(fonts, "回头看（消除后一年内每季度）：" + "　".join(
                f"{day}{'（已完成）' if day in done else ''}" for day in c["followup_due"]), SMALL))
    return out


def _measures(fonts, d, width) -> list:
    out = [para(fonts, "五、帮扶计划和措施", HEADING)]
    if not d["measures"]:
        return out + [para(fonts, "暂无帮扶措施。", SMALL)]
    rows = [["措施", "开始日期", "责任人", "具体内容", "成效"]] + [
        [m["measure"], m["since"], m["by"], m["content"] or "—", m["result"] or "—"] for m in d["measures"]]
    return out + [grid(fonts, rows, [26 * mm, 22 * mm, 20 * mm, (width - 68 * mm) / 2, (width - 68 * mm) / 2])]


def _cadres(fonts, d, width) -> list:
    out = [para(fonts, "六、帮扶责任人", HEADING)]
    if not d["cadres"]:
        return out + [para(fonts, "未确定帮扶责任人。", SMALL)]
    rows = [["帮扶责任人", "起始日期", "截止日期", "更换原因"]] + [
        [c["name"], c["from"] or "—", c["to"] or "至今", c.get("reason") or "—"] for c in d["cadres"]]
    return out + [grid(fonts, rows, [40 * mm, 28 * mm, 28 * mm, width - 96 * mm])]


def _duties(fonts, d, width) -> list:
    """Micro-credit, the full-coverage screenings and the risk clues, as far as the household has any."""
    out = [para(fonts, "七、小额信贷、排查和风险线索", HEADING)]
    if not (d.get("loans") or d.get("screenings") or d.get("clues")):
        return out + [para(fonts, "暂无小额信贷、排查和风险线索记录。", SMALL)]
    if d.get("loans"):
        rows = [["金额", "放贷日期", "期限", "到期日", "用途", "状态"]] + [
            [x["amount"], x["start"], x["term"], x["due"], x["purpose"], x["state"]] for x in d["loans"]]
        out += [para(fonts, "小额信贷", SMALL), grid(fonts, rows, [24 * mm, 22 * mm, 18 * mm, 22 * mm,
                                                                    width - 124 * mm, 38 * mm])]
    if d.get("screenings"):
        rows = [["排查日期", "排查", "排查人", "发现的情况", "结论"]] + [
            [x["date"], x["campaign"], x["screener"], x["findings"], x["at_risk"]] for x in d["screenings"]]
        out += [para(fonts, "全覆盖排查", SMALL), grid(fonts, rows, [22 * mm, 40 * mm, 18 * mm, width - 98 * mm,
                                                                      18 * mm])]
    if d.get("clues"):
        rows = [["发现日期", "来源", "线索", "处理"]] + [
            [x["date"], x["source"], x["description"], x["handled"]] for x in d["clues"]]
        out += [para(fonts, "风险线索", SMALL), grid(fonts, rows, [22 * mm, 34 * mm, width - 106 * mm, 50 * mm])]
    return out


def _visits(fonts, d, width) -> list:
    out = [para(fonts, "八、走访记录", HEADING)]
    if not d["visits"]:
        return out + [para(fonts, "暂无走访记录。", SMALL)]
    rows = [["日期", "方式", "走访人", "见到", "了解的情况", "发现风险", "后续事项"]]
    for v in d["visits"]:
        findings = v["findings"] + (f"（更正：{v['corrected']}）" if v["corrected"] else "")
        rows.append([v["date"], v["mode"], v["visitor"], v["met"] or "—", findings, v["risks"] or "—",
                     v["followups"] or "—"])
    w = [20, 14, 16, 14, 0, 20, 30]
    w[4] = width / mm - sum(w)
    return out + [para(fonts, f"共 {len(d['visits'])} 次", MUTED),
                  grid(fonts, rows, [x * mm for x in w], style=Style(size=8.5, leading=12),
                        head_style=Style(size=8.5, leading=12, bold=True))]


def _forms(fonts, d, width) -> list:
    out = [para(fonts, "九、签字表单", HEADING)]
    if not d["forms"]:
        return out + [para(fonts, "暂无表单。", SMALL)]
    rows = [["表单", "填写日期", "调查人", "签字人", "状态", "内容摘要码"]] + [
        [f["title"] + (f"（更正：{f['amend_reason']}）" if f["amend_reason"] else ""), f["filled_on"],
         f["investigator"], f["signers"] or "—", f["state"], f["content_hash"] or "—"] for f in d["forms"]]
    return out + [grid(fonts, rows, [width - 124 * mm, 22 * mm, 18 * mm, 36 * mm, 16 * mm, 32 * mm])]


def _signatures(fonts, width) -> list:
    rows = [[label + "：", "", when + "：", "　　　　年　　月　　日"] for label, when in SIGN_LINES]
    t = table(fonts, rows, [48 * mm, width - 48 * mm - 62 * mm, 12 * mm, 50 * mm], head_rows=0,
              style=Style(size=11, leading=22),
              extra=[("GRID", (0, 0), (-1, -1), 0, "#FFFFFF"), ("LINEBELOW", (1, 0), (1, -1), 0.6, "#333333"),
                     ("TOPPADDING", (0, 0), (-1, -1), 8)])
    return [KeepTogether([para(fonts, "十、签字确认", HEADING),
                          para(fonts, "以上内容经本户核对无误。", BODY), gap(2), t])]


def handbook_flowables(fonts: FontSet, data: dict, width: float, printed_on: str) -> list:
    flow = _cover(fonts, data, width, printed_on) + [PageBreak(), para(fonts, "使用说明", TITLE.but(size=18))]
    flow += [para(fonts, line, BODY.but(after=2 * mm)) for line in INSTRUCTIONS]
    flow += [gap(4)] + _situation(fonts, data, width)
    for part in (_members, _incomes, _cases, _measures, _cadres, _duties, _visits, _forms):
        flow += [CondPageBreak(40 * mm)] + part(fonts, data, width)
    flow += [CondPageBreak(60 * mm)] + _signatures(fonts, width)
    return flow


def handbook_section(fonts: FontSet, data: dict, code: str, payload: str, width: float,
                     printed_on: str) -> Section:
    h = data["household"]
    footer = f"{h['head_name']}户帮扶手册　户编号 {h['number'] or '—'}"
    return Section(handbook_flowables(fonts, data, width, printed_on), title=f"帮扶手册 · {h['head_name']}户",
                   footer=footer, verify=payload, code=code)
