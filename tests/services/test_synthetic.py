"""The synthetic village: deterministic, valid by the domain's own rules, and to scale."""
import json
from collections import Counter
from datetime import date

import pytest

from app.core.enums import (CaseState, Education, Health, HouseholdCategory, HouseholdFlag, HousingGrade,
                            LabourCapacity, Measure, MonitoringCategory, Relation, Residence, RiskType,
                            SchoolStatus, Sex, VisitMode)
from app.demo.cases import BASELINE_FEN
from app.demo.plan import build_village_plan

TODAY = date(2026, 11, 22)
N = 300


@pytest.fixture(scope="module")
def plan():
    return build_village_plan(N, seed=11, today=TODAY)


def _age(birth_iso: str, day: date | None = None) -> int:
    day = day or TODAY
    b = date.fromisoformat(birth_iso)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _quarter_index(d: date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def _codes(enum) -> set[str]:
    return {m.value for m in enum}


def test_same_seed_same_output_and_other_seeds_differ():
    a = json.dumps(build_village_plan(60, seed=5, today=TODAY), ensure_ascii=False, sort_keys=True)
    b = json.dumps(build_village_plan(60, seed=5, today=TODAY), ensure_ascii=False, sort_keys=True)
    c = json.dumps(build_village_plan(60, seed=6, today=TODAY), ensure_ascii=False, sort_keys=True)
    assert a == b
    assert a != c


def test_no_float_anywhere_and_json_round_trip(plan):
    def walk(x, path="$"):
        assert not isinstance(x, float), path
        if isinstance(x, dict):
            for k, v in x.items():
                assert isinstance(k, str), path
                walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, f"{path}[{i}]")
        else:
            assert x is None or isinstance(x, (str, int, bool)), (path, type(x))
    walk(plan)
    assert json.loads(json.dumps(plan, ensure_ascii=False)) == plan


def test_place_team_and_cadres(plan):
    place = plan["place"]
    assert place["county"].endswith("县") and place["township"].endswith("镇") and place["village"].endswith("村")
    assert len(place["region6"]) == 6 and place["region6"].startswith(place["province"])
    assert 3 <= len(plan["team"]) <= 5
    assert [m["role"] for m in plan["team"]].count("leader") == 1
    assert {m["role"] for m in plan["team"]} <= {"leader", "collector"}
    assert len(plan["cadres"]) == round(N / 10)
    names = [m["name"] for m in plan["team"]] + plan["cadres"]
    assert len(set(names)) == len(names)


def test_id_numbers_valid_unique_and_match_members(plan):
    from app.core.idnumber import parse_id_number
    seen = set()
    for h in plan["households"]:
        for m in h["members"]:
            info = parse_id_number(m["id_number"], today=TODAY)
            assert info.region == plan["place"]["region6"]
            assert info.birth_date.isoformat() == m["birth_date"]
            assert info.sex.value == m["sex"]
            assert m["id_number"] not in seen
            seen.add(m["id_number"])


def test_members_pass_the_member_rules(plan):
    from app.core.household import clean_household, clean_member
    for h in plan["households"]:
        for m in h["members"]:
            clean_member(m, today=TODAY)
        fields = {k: h[k] for k in ("group_name", "number", "address", "phone", "category", "monitoring_category",
                                    "residence", "flags", "risk_types", "housing_grade", "risk_eliminated",
                                    "can_fix_housing_alone", "water_secured", "has_supporter", "pairing_cadre",
                                    "details")}
        # The plan's risk_eliminated comes with the case that eliminated it.
        clean_household({"head_name": h["members"][0]["name"], **fields}, by_case=True)


def test_household_structure(plan):
    hs = plan["households"]
    assert len(hs) == N
    assert len({h["key"] for h in hs}) == N and len({h["number"] for h in hs}) == N
    sizes = [len(h["members"]) for h in hs]
    assert min(sizes) >= 1 and max(sizes) <= 7
    assert 3.0 <= sum(sizes) / N <= 4.0
    group_sizes = Counter(h["group_name"] for h in hs)
    assert all(30 <= c <= 60 for c in group_sizes.values()), group_sizes
    for h in hs:
        ms = h["members"]
        assert h["number"].startswith(plan["place"]["region6"])
        assert len(h["phone"]) == 11 and h["phone"].startswith("1") and h["phone"].isdigit()
        assert ms[0]["relation"] == "head"
        assert [m["relation"] for m in ms].count("head") == 1
        spouses = [m for m in ms if m["relation"] == "spouse"]
        assert len(spouses) <= 1
        for s in spouses:
            assert s["sex"] != ms[0]["sex"]
        head_age = _age(ms[0]["birth_date"])
        for m in ms:
            age = _age(m["birth_date"])
            if m["relation"] in ("son", "daughter"):
                assert head_age - age >= 15 or ms[0]["sex"] == "female" and head_age - age >= 18
            if m["relation"] in ("grandson", "granddaughter"):
                assert head_age - age >= 36
            if m["relation"] in ("father", "mother"):
                assert age - head_age >= 15
        # children take the father's surname
        head = ms[0]
        if head["sex"] == "male":
            for m in ms:
                if m["relation"] in ("son", "daughter"):
                    assert m["name"].startswith(head["name"][0])


def test_member_values_and_consistency(plan):
    for h in plan["households"]:
        for m in h["members"]:
            age = _age(m["birth_date"])
            assert m["sex"] in _codes(Sex) and m["relation"] in _codes(Relation)
            assert m["education"] in _codes(Education) and m["school_status"] in _codes(SchoolStatus)
            assert m["health"] in _codes(Health) and m["labour"] in _codes(LabourCapacity)
            assert 2 <= len(m["name"]) <= 4
            status = m["school_status"]
            bounds = {"preschool": (3, 5), "primary": (6, 12), "junior": (12, 15), "senior": (15, 18),
                      "college": (18, 22)}
            if status in bounds:
                lo, hi = bounds[status]
                assert lo <= age <= hi, (m["name"], status, age)
            if 6 <= age <= 14:
                assert status in ("primary", "junior"), (status, age)
            if status != "none" or age < 16:
                assert m["labour"] == "none"
            if age >= 70:
                assert m["labour"] in ("lost", "weak")
            if m["welfare_post"]:
                assert 16 <= age <= 69
            if m["health"] == "disabled":
                assert m["disability_grade"] in (1, 2, 3, 4)
            else:
                assert m["disability_grade"] is None and m["disability_certificate"] is False
            if m["monthly_wage_fen"] is not None:
                assert 10_000 <= m["monthly_wage_fen"] <= 3_000_000 and 1 <= m["work_months"] <= 12
                if m["work_place"] and "省" in m["work_place"]:
                    assert 250_000 <= m["monthly_wage_fen"] <= 700_000
            else:
                assert m["work_months"] == 0 and m["employer"] is None
            if m["phone"] is not None:
                assert len(m["phone"]) == 11 and m["phone"][0] == "1"
    members = [m for h in plan["households"] for m in h["members"]]
    assert sum(m["medical_insurance"] for m in members) >= 0.98 * len(members)
    assert Counter(m["ethnicity"] for m in members).most_common(1)[0][0] == "汉族"
    # two-character surnames and rare characters turn up in a bigger village
    big = build_village_plan(1500, seed=2, today=TODAY)
    names = [m["name"] for h in big["households"] for m in h["members"]]
    assert any(n[:2] in ("欧阳", "司马", "上官", "诸葛", "令狐", "皇甫", "公孙", "尉迟") for n in names)
    assert any(c in n for n in names for c in "堃燊㛃")


def test_household_values(plan):
    hs = plan["households"]
    cats = Counter(h["category"] for h in hs)
    assert 0.30 * N <= cats["lifted"] <= 0.40 * N
    assert 0.06 * N <= cats["monitored"] <= 0.10 * N
    lifted = [h for h in hs if h["category"] == "lifted"]
    away = sum(h["residence"] == "away" for h in lifted)
    assert 0.12 * len(lifted) <= away <= 0.40 * len(lifted)
    dibao = sum("dibao" in h["flags"] for h in hs)
    assert 0.03 * N <= dibao <= 0.15 * N
    grades = Counter(h["housing_grade"] for h in hs)
    assert grades["A"] + grades["B"] >= 0.85 * N
    for h in hs:
        assert h["category"] in _codes(HouseholdCategory) and h["residence"] in _codes(Residence)
        assert set(h["flags"]) <= _codes(HouseholdFlag) and set(h["risk_types"]) <= _codes(RiskType)
        assert h["housing_grade"] in _codes(HousingGrade)
        assert len(h["risk_types"]) <= 5
        assert (h["monitoring_category"] is not None) == (h["category"] == "monitored")
        if h["monitoring_category"]:
            assert h["monitoring_category"] in _codes(MonitoringCategory)
            assert h["risk_types"]
        if h["category"] == "ordinary":
            assert h["pairing_cadre"] is None
        else:
            assert h["pairing_cadre"] in plan["cadres"]
        if "dibao_whole" in h["flags"]:
            assert "dibao" in h["flags"]
        d = h["details"]
        assert d["fuel"] in ("柴草", "电", "液化气", "煤") and d["safe_water"] == h["water_secured"]
        assert all(isinstance(d[k], int) and d[k] >= 0 for k in ("cultivated_mu_x100", "forest_mu_x100",
                                                                  "road_distance_m", "housing_area_m2"))


def test_incomes(plan):
    from app.core.income import IncomeItems, per_capita
    lows = 0
    monitored = 0
    pcs = []
    for h in plan["households"]:
        expect = (2,) if h["category"] in ("lifted", "monitored") else (0, 1)
        assert len(h["incomes"]) in expect
        dates = [i["assessed_on"] for i in h["incomes"]]
        assert dates == sorted(dates) and all(d < TODAY.isoformat() for d in dates)
        for inc in h["incomes"]:
            items = IncomeItems.from_dict(inc["items"])
            assert all(v % 100 == 0 for v in inc["items"].values())
            pc = per_capita(items, len(h["members"]))
            if inc is h["incomes"][-1] and h["category"] == "lifted":
                pcs.append(pc)
        if h["category"] == "monitored" and h["incomes"]:
            monitored += 1
            pc = per_capita(IncomeItems.from_dict(h["incomes"][-1]["items"]), len(h["members"]))
            lows += pc < 760_000
        wage = sum((m["monthly_wage_fen"] or 0) * m["work_months"] for m in h["members"])
        if h["incomes"]:
            assert h["incomes"][-1]["items"]["wage"] == wage
    pcs.sort()
    assert 800_000 <= pcs[len(pcs) // 2] <= 2_000_000
    assert sum(800_000 <= p <= 2_000_000 for p in pcs) >= 0.7 * len(pcs)
    assert lows <= 0.35 * monitored


def _state(events) -> str:
    from app.core.monitoring import CaseEvent, replay
    return replay([CaseEvent.from_dict(e) for e in events]).state.value


def test_cases_replay_and_every_state_is_present(plan):
    states = Counter()
    reverted = 0
    for h in plan["households"]:
        if not h["case"]:
            continue
        events = h["case"]["events"]
        state = _state(events)
        states[state] += 1
        reverted += any(e["kind"] == "revert" for e in events)
        assert all(e["on"] <= TODAY.isoformat() for e in events)
        assert all(e["by"] in {m["name"] for m in plan["team"]} | set(plan["cadres"]) for e in events)
        if state in ("identified", "helping", "eliminated", "stable"):
            assert h["category"] == "monitored"
            assert h["risk_eliminated"] == (state in ("eliminated", "stable"))
            identify = next(e for e in events if e["kind"] == "identify")
            assert identify["data"]["monitoring_category"] == h["monitoring_category"]
        else:
            assert h["category"] != "monitored"
    assert set(states) == {s.value for s in CaseState}, states
    assert reverted >= 1
    monitored = [h for h in plan["households"] if h["category"] == "monitored"]
    assert all(h["case"] for h in monitored)


def test_case_deadlines(plan):
    for h in plan["households"]:
        if not h["case"]:
            continue
        ev = [(e["kind"], date.fromisoformat(e["on"]), e["data"]) for e in h["case"]["events"]]
        assert [d for _, d, _ in ev] == sorted(d for _, d, _ in ev)
        kinds = [k for k, _, _ in ev]
        assert kinds[0] == "clue"
        clue = ev[0][1]
        if kinds[-1] in ("clue", "check"):
            assert (TODAY - clue).days <= 15          # an open clue is recent
        decision = next(((k, d) for k, d, _ in ev if k in ("identify", "reject")), None)
        if decision:
            assert 0 <= (decision[1] - clue).days <= 15
        identified = next((d for k, d, _ in ev if k == "identify"), None)
        plan_on = next((d for k, d, _ in ev if k == "plan"), None)
        if identified:
            assert plan_on is not None or (TODAY - identified).days < 10
        if plan_on:
            assert 0 <= (plan_on - identified).days <= 10
            measures = set(next(dd for k, _, dd in ev if k == "plan")["measures"])
            assert measures <= _codes(Measure)
        ref = identified
        elim = None
        followups = []
        for k, d, data in ev:
            if k == "measure":
                assert data["measure"] in _codes(Measure)
            if k == "revert":
                ref = d
                elim = None
                followups = []
            if k == "eliminate":
                assert _month_index(d) - _month_index(ref) >= 2
                assert data["per_capita_fen"] > BASELINE_FEN == data["baseline_fen"]
                assert isinstance(data["has_labour"], bool) and data["method"]
                elim = d
            if k == "followup":
                followups.append(d)
                assert data["result"] in ("stable", "risk")
            if k == "stable":
                assert len(followups) == 4
        if elim:
            # one 回头看 in each quarter after the quarter of elimination, none skipped
            quarters = [_quarter_index(f) - _quarter_index(elim) for f in followups]
            assert quarters == list(range(1, len(quarters) + 1))
            ended = _quarter_index(TODAY) - _quarter_index(elim) - 1
            assert len(followups) >= min(ended, 4)
        if "eliminate" in kinds and "stable" not in kinds and "revert" not in kinds:
            assert len(followups) <= 3
        if "plan" in kinds:
            assert set(h["risk_types"]) and len(h["risk_types"]) <= 5


def test_visits_scale_and_shape(plan):
    total = sum(len(h["visits"]) for h in plan["households"])
    # ≈100,000 at 3,000 households: 70,000–130,000 scaled to N
    assert 70_000 * N // 3000 <= total <= 130_000 * N // 3000, total
    staff = {m["name"] for m in plan["team"]} | set(plan["cadres"])
    first = date(2024, 11, 1).isoformat()
    this_month = TODAY.replace(day=1).isoformat()
    modes = _codes(VisitMode)
    for h in plan["households"]:
        names = {m["name"] for m in h["members"]}
        dates = [v["date"] for v in h["visits"]]
        assert dates == sorted(dates)
        for v in h["visits"]:
            assert first <= v["date"] < this_month
            assert v["mode"] in modes and v["visitor"] in staff and v["met_person"] in names
            assert v["findings"] and isinstance(v["followups"], str)
            assert set(v["risks_seen"]) <= _codes(RiskType)
    # 一般农户: a home visit a year; a few missed one (the due list will show them overdue)
    ordinary = [h for h in plan["households"] if h["category"] == "ordinary"]
    covered = [h for h in ordinary if any(v["mode"] == "home" and v["date"] >= "2025-11" for v in h["visits"])]
    assert 0.85 * len(ordinary) <= len(covered) < len(ordinary)
    # monitored households not yet eliminated are visited at home nearly every month
    for h in plan["households"]:
        ev = (h["case"] or {}).get("events", [])
        if h["category"] == "monitored" and not h["risk_eliminated"] and ev and ev[0]["on"] < "2024-10-01" \
                and not any(e["kind"] == "eliminate" for e in ev):
            months = {v["date"][:7] for v in h["visits"] if v["mode"] == "home"}
            assert len(months) >= 20
    findings = Counter(v["findings"] for h in plan["households"] for v in h["visits"])
    assert len(findings) >= 300


def test_prompts_attendance_and_problem_lists(plan):
    prompts = plan["prompts"]
    assert len(prompts) == 24
    assert prompts[-1]["month"] == "2026-11" and prompts[0]["month"] == "2024-12"
    done_past = total_past = 0
    for p in prompts:
        y, m = map(int, p["month"].split("-"))
        assert p["title"] == f"{y}年{m}月驻村工作提示"
        assert p["issued_by"].endswith("乡村振兴办")
        assert 3 <= len(p["tasks"]) <= 6
        titles = [t["title"] for t in p["tasks"]]
        assert "务工月监测" in titles
        if m in (6, 7):
            assert "防汛风险排查" in titles
        if m == 10:
            assert "防止返贫集中排查" in titles and "医保缴费动员" in titles
        for t in p["tasks"]:
            assert t["due_date"].startswith(p["month"])
            if t["done_on"]:
                assert t["done_on"] < TODAY.isoformat() and t["done_by"]
            if p["month"] != "2026-11":
                total_past += 1
                done_past += t["done_on"] is not None
    assert done_past >= 0.8 * total_past
    team = [m["name"] for m in plan["team"]]
    att = plan["attendance"]
    assert len(att) == 24 * len(team)
    assert {(a["person"], a["month"]) for a in att} == {(p, a["month"]) for a in att for p in team}
    assert all(15 <= a["days"] <= 28 for a in att)
    assert sum(a["days"] >= 20 for a in att) >= 0.75 * len(att)
    lists = plan["problem_lists"]
    assert lists and {pl["source"] for pl in lists} == {"county", "team"}
    keys = {h["key"] for h in plan["households"]}
    for pl in lists:
        assert pl["created_on"] < TODAY.isoformat() and pl["items"]
        for item in pl["items"]:
            assert item["household_key"] is None or item["household_key"] in keys
            assert (item["closed_on"] is None) == (item["closed_by"] is None)
            if item["closed_on"]:
                assert pl["created_on"] <= item["closed_on"] < TODAY.isoformat()


@pytest.mark.parametrize("n", [1, 2, 7, 25])
def test_tiny_villages_build(n):
    plan = build_village_plan(n, seed=3, today=TODAY)
    assert len(plan["households"]) == n
    for h in plan["households"]:
        if h["case"]:
            _state(h["case"]["events"])


def test_other_today_and_bad_input():
    plan = build_village_plan(40, seed=1, today=date(2025, 3, 1))
    assert plan["prompts"][-1]["month"] == "2025-03"
    assert max(v["date"] for h in plan["households"] for v in h["visits"]) < "2025-03-01"
    for h in plan["households"]:
        if h["case"]:
            _state(h["case"]["events"])
    with pytest.raises(ValueError):
        build_village_plan(0)
