"""The work team's months: the township's monthly work prompts with their tasks and what was
done, the team's attendance, and the problem-data lists (the county's batches and the team's
own half-year self-checks) with each item's measure, person responsible and deadline."""
from __future__ import annotations

import random
from datetime import timedelta

from .texts import PROBLEM_DESCRIPTIONS, PROBLEM_GENERAL
from .village import Village

# (title, months it is issued in, probability, note when done)
TASKS = (
    ("务工月监测", range(1, 13), 1.0, "已摸清外出务工人员务工地点、收入和稳定情况"),
    ("监测数据月度核对与同步", range(1, 13), 0.6, "数据已核对，已带至镇里同步"),
    ("医保缴费动员", (9, 10, 11, 12), 1.0, "已逐户动员参加城乡居民医保"),
    ("防汛风险排查", (5, 6, 7, 8, 9), 1.0, "已排查房前屋后地质灾害隐患"),
    ("防止返贫集中排查", (9, 10, 11), 1.0, "已逐户排查，新发现风险线索已上报"),
    ("防止返贫政策宣传", range(1, 13), 0.45, "已入户发放政策明白卡"),
    ("帮扶手册更新", (3, 6, 9, 12), 1.0, "帮扶手册已更新并经户主签字"),
    ("春节返乡人员摸排", (1, 2), 1.0, "已摸排返乡人员就业意向"),
    ("春耕生产帮扶", (3, 4), 0.9, "已协调种子化肥，帮助缺劳力户春耕"),
    ("雨露计划申报", (3, 9), 0.9, "已完成符合条件学生申报"),
    ("教育资助核查", (9,), 1.0, "已核对在校生资助落实情况"),
    ("森林防火宣传", (11, 12, 1, 2, 3), 0.5, "已开展森林防火宣传"),
    ("家庭收入信息采集", (10, 11, 12), 0.9, "已完成收入测算并签字确认"),
    ("消除风险户季度回头看", (3, 6, 9, 12), 1.0, "已完成本季度回头看"),
    ("高温天气关爱独居老人", (7, 8), 0.7, "已逐户走访独居老人"),
    ("饮水安全排查", (6, 7, 8), 0.6, "已排查供水情况，无断水户"),
    ("小额信贷到期提醒", range(1, 13), 0.15, "已提醒到期户按时还款或续贷"),
)


def prompts(v: Village) -> list[dict]:
    rng = v.rng
    out = []
    issuer = v.p["township"] + "乡村振兴办"
    for mi in v.prompt_months:
        first = v.month_first(mi)
        last = v.month_first(mi + 1) - timedelta(days=1)
        month = first.month
        chosen = [t for t in TASKS if month in t[1] and rng.random() < t[2]]
        musts = [t for t in chosen if t[2] == 1.0]        # in order of importance
        extras = [t for t in chosen if t[2] < 1.0]
        rng.shuffle(extras)
        for t in (TASKS[1], TASKS[5], TASKS[16]):
            if len(musts) + len(extras) >= 3:
                break
            if t not in extras:
                extras.append(t)
        count = min(6, max(3, len(musts), rng.randint(3, 6)))
        tasks = []
        for title, _, _, done_note in (musts + extras)[:count]:
            due = first.replace(day=rng.choice((15, 20, 25))) if rng.random() < 0.6 else last
            due_o = due.toordinal()
            current = mi == v.cur_month
            if current:
                p_done = 0.7 if due_o < v.t else 0.25
            else:
                p_done = 0.95
            done_on = done_by = None
            note = ""
            if rng.random() < p_done:
                lo = max(first.toordinal(), due_o - 14)
                hi = due_o + (3 if not current else 0)
                d = rng.randint(lo, hi)
                if d < v.t:
                    done_on, done_by, note = v.iso(d), rng.choice(v.team), done_note
            if done_on is None:
                note = "正在推进" if current else rng.choice(("", "因人手不足延后，下月补做", "部分农户外出未见面"))
            tasks.append({"title": title, "due_date": due.isoformat(), "done_on": done_on, "done_by": done_by,
                          "note": note})
        tasks.sort(key=lambda x: x["due_date"])
        out.append({"month": f"{first.year:04d}-{first.month:02d}",
                    "title": f"{first.year}年{first.month}月驻村工作提示",
                    "issued_by": issuer, "tasks": tasks})
    return out


def attendance(v: Village) -> list[dict]:
    rng = v.rng
    out = []
    for person in v.team:
        steady = rng.random() < 0.8
        for mi in v.visit_months:
            first = v.month_first(mi)
            p_full = 0.78 if first.month in (1, 2) else (0.94 if steady else 0.82)  # 春节 months are thinner
            if rng.random() < p_full:
                days = rng.randint(20, 26)
            else:
                days = rng.randint(15, 19)
            out.append({"person": person, "month": f"{first.year:04d}-{first.month:02d}", "days": min(days, 28)})
    return out


PROBLEM_MEASURES = ("入户核实后在系统中更正", "补录走访和收入核算记录", "协调镇乡村振兴办核对数据",
                    "落实针对性帮扶措施并补录", "召开村组会议逐户核对")


def problem_lists(v: Village, households: list[dict]) -> list[dict]:
    rng = v.rng
    county = v.p["county"]
    out = []
    # county batches every 4–6 months, then a team self-check list per half year
    batches = []
    d = v.w0 + rng.randint(40, 90)
    n = 0
    while d < v.t - 3:
        n += 1
        batches.append(("county", d, f"{county}反馈问题数据清单(第{n}批)"))
        d += rng.randint(120, 180)
    for mi in (v.cur_month - 19, v.cur_month - 7):
        first = v.month_first(mi)
        d = first.toordinal() + rng.randint(2, 20)
        if d < v.t:
            half = "上半年" if first.month <= 6 else "下半年"
            batches.append(("team", d, f"驻村工作队自查问题清单({first.year}年{half})"))
    batches.sort(key=lambda b: b[1])
    groups = sorted({h["group_name"] for h in households})
    for source, created, title in batches:
        items = []
        for _ in range(rng.randint(3, 10)):
            if rng.random() < 0.8:
                h = households[rng.randrange(len(households))]
                desc = rng.choice(PROBLEM_DESCRIPTIONS).format(head=h["members"][0]["name"],
                                                                member=rng.choice(h["members"])["name"])
                key = h["key"]
            else:
                desc = rng.choice(PROBLEM_GENERAL).format(group=rng.choice(groups))
                key = None
            old = created < v.t - 40
            closed_on = closed_by = None
            if rng.random() < (0.92 if old else 0.35):
                c = created + rng.randint(3, 30)
                if c < v.t:
                    closed_on, closed_by = v.iso(c), rng.choice(v.team)
            note = rng.choice(("已入户核实并更正", "经核实数据无误，已说明情况", "已补录", "已整改销号")) \
                if closed_on else rng.choice(("正在核实", "待户主返乡后核实", ""))
            # 整改措施、责任人、时限 (003 §四) from their own generator, so the village's other
            # draws stay as they were.
            duty = random.Random(f"{title}|{len(items)}|{desc}")
            items.append({"household_key": key, "description": desc, "closed_on": closed_on,
                          "closed_by": closed_by, "note": note, "measure": duty.choice(PROBLEM_MEASURES),
                          "responsible": duty.choice(v.team), "deadline": v.iso(created + duty.randint(15, 60))})
        out.append({"title": title, "source": source, "created_on": v.iso(created), "items": items})
    return out
