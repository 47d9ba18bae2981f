"""The auditors' checks as pure rules: for each rule a case that fires and one that does not."""
from dataclasses import replace
from datetime import date

import pytest

from app.core import handwriting, signature
from app.core import quality as q
from app.core.enums import (CaseState, Health, HouseholdCategory, HouseholdFlag, HousingGrade, Measure,
                            RiskType, SchoolStatus, Sex)
from app.core.idnumber import make_id_number
from app.core.monitoring import CaseEvent, CaseStatus, replay
from app.core.situations import HouseholdFacts, MemberFacts

TODAY = date(2026, 11, 22)
REGION = "430521"


def household(**kw) -> dict:
    return {"id": "h1", "head_name": "张三", "number": "4305210001", "category": "ordinary",
            "risk_eliminated": 0, "pairing_cadre": None, **kw}


def member(name="张三", relation="head", birth="1970-05-01", sex="male", seq=1, **kw) -> dict:
    number = make_id_number(REGION, date.fromisoformat(birth), Sex(sex), seq)
    return {"id": f"m-{name}", "household_id": "h1", "name": name, "relation": relation, "birth_date": birth,
            "sex": sex, "id_number": number, "school_status": "none", "dropout_reason": None, "health": "healthy",
            "disability_grade": None, "disability_certificate": 0, "labour": "ordinary", "work_months": None,
            "monthly_wage_fen": None, "welfare_post": 0, "medical_insurance": 1, **kw}


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


def member_rules(m: dict) -> list[str]:
    return rules(q.member_findings(household(), m, TODAY))


# -- the catalogue -----------------------------------------------------------------------------

def test_every_rule_has_a_severity_a_chinese_title_and_a_hint():
    assert len(q.RULES) >= 30
    for rule in q.RULES.values():
        assert rule.severity in q.SEVERITIES
        assert rule.title and rule.hint and any("\u4e00" <= c <= "\u9fff" for c in rule.title + rule.hint)
        assert rule.id.split(".")[0] in {"form", "visit", "income", "signature", "member", "household", "case",
                                         "situation", "clue", "screening", "medical", "work", "loan", "pairing",
                                         "plan"}
    assert {f"situation.{n}" for n in range(1, 6)} <= set(q.RULES)


def test_finding_as_dict_and_selection_by_prefix():
    f = q.finding("member.id_checksum", household(), "id_number", "消息", ("members", "m1"))
    d = f.as_dict()
    assert d["rule"] == "member.id_checksum" and d["severity"] == "error" and d["household_id"] == "h1"
    assert d["household"] == "张三（4305210001）" and d["record"] == {"table": "members", "id": "m1"}
    assert d["hint"] == q.RULES["member.id_checksum"].hint and d["title"] == "身份证号无效"
    assert q.finding("visit.no_visitor", None, "visitor", "x").as_dict()["household_id"] is None
    assert q.selected("member.id_checksum", ["member"]) and q.selected("member.id_checksum", ["member.id"])
    assert not q.selected("member.id_checksum", ["income", "case"]) and q.selected("x.y", None)


# -- members -----------------------------------------------------------------------------------

def test_a_plain_member_raises_nothing():
    assert member_rules(member()) == []


def test_id_checksum():
    good = member()
    bad = dict(good, id_number=good["id_number"][:17] + ("0" if good["id_number"][17] != "0" else "1"))
    [f] = q.member_findings(household(), bad, TODAY)
    assert f.rule == "member.id_checksum" and f.field == "id_number" and "张三" in f.message and "校验位" in f.message
    assert bad["id_number"] not in f.message   # masked
    assert member_rules(dict(good, id_number=None)) == []


def test_id_mismatch_names_birth_date_and_sex():
    m = member()
    found = list(q.member_findings(household(), dict(m, birth_date="1971-05-01", sex="female"), TODAY))
    assert [(f.rule, f.field) for f in found] == [("member.id_mismatch", "birth_date"), ("member.id_mismatch", "sex")]
    assert "1970-05-01" in found[0].message and "女" in found[1].message
    assert member_rules(m) == []


def test_id_duplicate_names_the_other_household():
    a = member("张三", seq=7)
    b = dict(member("李四", seq=8), id_number=a["id_number"], household_id="h2")
    households = {"h1": household(), "h2": household(id="h2", head_name="李四", number="4305210002")}
    found = list(q.duplicate_ids([a, b], households))
    assert rules(found) == ["member.id_duplicate"] * 2
    assert "李四（4305210002）的李四" in found[0].message and found[1].household_id == "h2"
    assert list(q.duplicate_ids([a, member("李四", seq=8)], households)) == []


def test_school_age_stage_and_out_of_school_without_reason():
    child = member("张小", "son", "2016-03-01", seq=2, labour="none")            # 10 years old
    assert member_rules(dict(child, school_status="primary")) == []
    [f] = q.member_findings(household(), dict(child, school_status="junior"), TODAY)
    assert f.rule == "member.school_age" and "12–17" in f.message and "10岁" in f.message
    [f] = q.member_findings(household(), dict(child, school_status="none"), TODAY)
    assert f.rule == "member.school_age" and f.field == "dropout_reason"
    assert member_rules(dict(child, school_status="dropped_out", dropout_reason="重病休学")) == []
    senior = member("张大", "son", "2004-01-01", seq=3, school_status="senior", labour="none")  # 22
    assert member_rules(senior) == ["member.school_age"]


def test_labour_of_minors_and_students():
    child = member("张小", "son", "2014-03-01", seq=2, school_status="junior", labour="weak")
    [f] = q.member_findings(household(), child, TODAY)
    assert f.rule == "member.labour_minor" and "弱劳动力" in f.message
    student = member("张大", "son", "2006-01-01", seq=3, school_status="college", labour="ordinary")
    assert member_rules(student) == ["member.labour_minor"]
    assert member_rules(dict(child, labour="none")) == []


def test_disability_without_certificate():
    m = member(health="disabled", disability_grade=2)
    [f] = q.member_findings(household(), m, TODAY)
    assert f.rule == "member.disability_no_certificate" and "2级残疾" in f.message
    assert member_rules(dict(m, disability_certificate=1)) == []


@pytest.mark.parametrize("wage,months,fires", [(5_000, 6, True), (3_100_000, 6, True), (300_000, 6, False),
                                               (0, 0, False), (0, 3, True), (None, None, False)])
def test_wage_range(wage, months, fires):
    assert member_rules(member(monthly_wage_fen=wage, work_months=months)) == (["member.wage_range"] if fires else [])


def test_welfare_post_age():
    assert member_rules(member(birth="1950-01-01", welfare_post=1, labour="weak")) == ["member.welfare_post_age"]
    assert member_rules(member(birth="1960-01-01", welfare_post=1)) == []


def test_no_medical_insurance():
    assert member_rules(member(medical_insurance=0)) == ["member.no_medical_insurance"]


# -- household structure -----------------------------------------------------------------------

def test_head_and_spouse_and_number_of_heads():
    head, wife = member(), member("李梅", "spouse", "1972-02-02", "female", seq=4)
    assert rules(q.household_findings(household(), [head, wife], TODAY)) == []
    same = member("李明", "spouse", "1972-02-02", "male", seq=5)
    found = list(q.household_findings(household(), [head, same], TODAY))
    assert rules(found) == ["household.head_spouse_same_sex"] and "李明" in found[0].message
    assert rules(q.household_findings(household(), [wife], TODAY)) == ["household.no_head"]
    assert rules(q.household_findings(household(), [], TODAY)) == ["household.no_head"]
    two = dict(member("张四", seq=6))
    assert rules(q.household_findings(household(), [head, two], TODAY)) == ["household.several_heads"]


def test_monitored_household_needs_a_pairing_cadre():
    monitored = household(category="monitored")
    assert rules(q.household_findings(monitored, [member()], TODAY)) == ["household.no_pairing_cadre"]
    assert rules(q.household_findings(dict(monitored, pairing_cadre="刘干部"), [member()], TODAY)) == []
    assert rules(q.household_findings(dict(monitored, risk_eliminated=1), [member()], TODAY)) == []


def test_serious_illness_never_checked():
    ill = member(health="serious_illness")
    assert rules(q.illness_findings(household(), [ill], has_case=False)) == ["household.serious_illness_unchecked"]
    assert rules(q.illness_findings(household(), [ill], has_case=True)) == []
    assert rules(q.illness_findings(household(), [member()], has_case=False)) == []


# -- income ------------------------------------------------------------------------------------

def income(per_capita, note=None, baseline=690_000, on="2026-10-01", items=None, id="i1"):
    return {"id": id, "assessed_on": on, "per_capita_fen": per_capita, "baseline_fen": baseline, "note": note,
            "items": items or {"wage": 1_000_000}}


def test_low_per_capita_needs_a_note():
    [f] = q.income_findings(household(), income(350_000), None)
    assert f.rule == "income.per_capita_low" and "3,500元" in f.message
    assert rules(q.income_findings(household(), income(350_000, note="重病致收入减少"), None)) == []
    assert rules(q.income_findings(household(), income(450_000), None)) == []


def test_high_income_at_identification_needs_a_note():
    monitored = household(category="monitored")
    [f] = q.income_findings(monitored, income(1_500_000), income(2_100_000, id="i0"))
    assert f.rule == "income.identification_high" and f.record == ("income_assessments", "i0")
    assert rules(q.income_findings(monitored, income(1_500_000), income(1_900_000))) == []


def test_eliminated_with_income_below_baseline():
    eliminated = household(category="monitored", risk_eliminated=1)
    [f] = q.income_findings(eliminated, income(600_000), None)
    assert f.rule == "case.eliminated_below_baseline" and "6,900元" in f.message
    assert rules(q.income_findings(eliminated, income(800_000), None)) == []
    assert rules(q.income_findings(household(category="monitored"), income(600_000), None)) == []


def test_identical_incomes_name_each_other_and_ignore_zeros():
    items = {"wage": 1_200_000, "pension": 0, "business": 300_000, "business_expense": 100_000}
    households = {h: household(id=h, head_name=n, number=f"00{i}") for i, (h, n) in
                  enumerate((("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁"), ("e", "戊")))}
    latest = {"a": income(0, items=items, id="ia"), "b": income(0, items=dict(items, pension=0), id="ib"),
              "c": income(0, items=dict(items, wage=1_200_100), id="ic"),
              "d": income(0, items={"wage": 0}, id="id"), "e": income(0, items={"wage": 0}, id="ie")}
    found = list(q.identical_incomes(latest, households))
    assert sorted(f.household_id for f in found) == ["a", "b"]
    assert all(f.rule == "income.identical" for f in found)
    assert "乙（001）" in next(f for f in found if f.household_id == "a").message


# -- visits and forms --------------------------------------------------------------------------

def test_visit_without_visitor_or_in_the_future():
    visit = {"id": "v1", "visitor": "王芳", "visit_date": "2026-11-01"}
    assert rules(q.visit_findings(household(), visit, TODAY)) == []
    assert rules(q.visit_findings(household(), dict(visit, visitor=" "), TODAY)) == ["visit.no_visitor"]
    [f] = q.visit_findings(household(), dict(visit, visit_date="2026-12-01"), TODAY)
    assert f.rule == "visit.future_date" and f.record == ("visits", "v1") and "2026-12-01" in f.message


def test_form_without_investigator_or_date_or_in_the_future():
    form = {"id": "f1", "form_id": "household_info", "title": "农户信息采集表", "investigator": "王芳",
            "filled_on": "2026-10-01"}
    assert rules(q.form_findings(household(), form, TODAY)) == []
    assert rules(q.form_findings(household(), dict(form, investigator=None), TODAY)) == ["form.no_investigator"]
    [f] = q.form_findings(household(), dict(form, filled_on=None), TODAY)
    assert f.rule == "form.no_date" and "农户信息采集表" in f.message
    assert rules(q.form_findings(household(), dict(form, filled_on="2027-01-01"), TODAY)) == ["form.future_date"]


# -- signatures --------------------------------------------------------------------------------

def sig(id, form, role, name, hand, household_id="h1", proxy=False, on="2026-10-01"):
    strokes = {"width": 600, "height": 200, "hand": hand, "strokes": [[[0, 0, 0], [10, 10, 500]]]}
    return q.Signature(id, form, household_id, role, name, proxy, strokes, on)


def by_hand(a, b) -> bool:
    return a.data["hand"] == b.data["hand"]


def test_same_hand_on_one_form():
    households = {"h1": household(), "h2": household(id="h2", head_name="李四")}
    honest = [sig("s1", "f1", "investigator", "王芳", "王"), sig("s2", "f1", "household", "张三", "张")]
    assert rules(q.signature_findings(honest, households, by_hand)) == []
    forged = [sig("s3", "f2", "investigator", "王芳", "王"), sig("s4", "f2", "household", "李四", "王", "h2")]
    [f] = q.signature_findings(honest + forged, households, by_hand)
    assert f.rule == "signature.same_hand" and f.household_id == "h2" and f.record == ("form_signatures", "s4")
    assert "王芳" in f.message and "李四" in f.message


def test_household_signature_in_another_investigators_hand_proxy_included():
    households = {"h1": household()}
    sigs = [sig("s1", "f1", "investigator", "王芳", "王", on="2026-09-30"), sig("s2", "f1", "household", "张三", "张"),
            sig("s3", "f2", "investigator", "赵强", "赵"),
            sig("s4", "f2", "household", "张五", "王", proxy=True)]
    [f] = q.signature_findings(sigs, households, by_hand)
    assert f.rule == "signature.matches_investigator" and "王芳" in f.message and "代签" in f.message
    assert rules(q.signature_findings(sigs[:3], households, by_hand)) == []


def test_a_household_signature_is_judged_by_the_hands_of_earlier_forms():
    """The samples are of forms filled before the household's: a later form does not change
    what an earlier signature was judged by."""
    at = q.samples_before([sig(f"e{i}", f"e{i}", "investigator", "王芳", "王", on=f"2026-09-{i + 10}")
                           for i in range(9)] + [sig("s1", "f1", "investigator", "王芳", "王", on="2026-10-02")], 3)
    assert [s.id for s in at("2026-10-01")["王芳"]] == ["e1", "e4", "e7"]
    assert [s.id for s in at("2026-10-03")["王芳"]] == ["e1", "e5", "e8"]


def test_the_first_forms_are_judged_by_the_investigators_earliest_forms():
    """A campaign's first day: 王芳 signed nothing before, so the line is judged against her
    earliest forms (not the one it is on)."""
    households = {"h1": household()}
    first_day = [sig("s1", "f1", "investigator", "王芳", "王", on="2026-10-02"),
                 sig("s3", "f2", "investigator", "赵强", "赵", on="2026-10-01"),
                 sig("s4", "f2", "household", "张五", "王", on="2026-10-01")]
    [f] = q.signature_findings(first_day, households, by_hand)
    assert f.rule == "signature.matches_investigator" and "王芳" in f.message and f.record[1] == "s4"
    at = q.samples_before(first_day, 3)
    assert [s.id for s in at("2026-10-01", "f2")["王芳"]] == ["s1"]
    assert "赵强" not in at("2026-10-01", "f2")  # only the form itself: nothing else to judge by
    assert [s.id for s in at("2026-10-01", "f9")["赵强"]] == ["s3"]


def test_a_village_whose_forms_share_one_day_is_judged():
    households = {f"h{k}": household(id=f"h{k}", head_name=f"户{k}") for k in range(6)}
    sigs = []
    for k in range(6):
        sigs.append(sig(f"i{k}", f"f{k}", "investigator", "王芳", "王", f"h{k}"))
        sigs.append(sig(f"h{k}", f"f{k}", "household", f"户{k}", "王" if k == 2 else f"户{k}", f"h{k}"))
    [f] = q.signature_findings(sigs, households, by_hand)
    assert f.rule == "signature.same_hand" and f.household_id == "h2"
    at = q.samples_before(sigs, 3)
    # The earliest three other than the form's own.
    assert [s.id for s in at("2026-10-01", "f1")["王芳"]] == ["i0", "i2", "i3"]
    assert [s.id for s in at("2026-10-01", "f5")["王芳"]] == ["i0", "i1", "i2"]


def test_adding_later_forms_does_not_change_the_samples_of_earlier_ones():
    def on(k):
        return f"2026-{9 + k // 28:02d}-{k % 28 + 1:02d}"
    sigs = [sig(f"i{k}", f"f{k}", "investigator", "王芳", "王", on=on(k // 2)) for k in range(6)]
    before = q.samples_before(sigs, 3)
    pools = {k: [s.id for s in before(on(k // 2), f"f{k}")["王芳"]] for k in range(6)}
    for n in range(6, 40, 7):
        more = q.samples_before(sigs + [sig(f"i{k}", f"f{k}", "investigator", "王芳", "王", on=on(k // 2))
                                        for k in range(6, n)], 3)
        assert {k: [s.id for s in more(on(k // 2), f"f{k}")["王芳"]] for k in range(6)} == pools
    assert pools[0] == ["i1", "i2", "i3"] and pools[5] == ["i0", "i2", "i3"]


def test_investigator_samples_are_capped_and_spread():
    sigs = [sig(f"s{i}", f"f{i}", "investigator", "王芳", "王") for i in range(50)]
    [sample] = q.investigator_samples(sigs, 5).values()
    assert [s.id for s in sample] == ["s5", "s15", "s25", "s35", "s45"]
    assert [s.id for s in q.investigator_samples(sigs, 1)["王芳"]] == ["s25"]
    assert len(q.investigator_samples(sigs[:3], 5)["王芳"]) == 3


def test_compare_strokes_uses_the_signature_module():
    strokes = handwriting.Writer(3).sign("张三", 1)
    a = q.Signature("a", "f1", "h1", "household", "张三", False, strokes)
    b = q.Signature("b", "f1", "h1", "investigator", "王芳", False, dict(strokes))
    assert signature.distance(strokes, strokes) == 0
    assert q.compare_strokes(a, b)


# -- cases -------------------------------------------------------------------------------------

def case(status) -> list:
    return [({"id": "c1"}, status)]


def test_clue_not_decided_within_15_days():
    status = CaseStatus(state=CaseState.CLUE, clue_date=date(2026, 10, 1))
    [f] = q.case_findings(household(), case(status), TODAY)
    assert f.rule == "case.identify_deadline" and "2026-10-16" in f.message
    assert rules(q.case_findings(household(), case(status), date(2026, 10, 10))) == []


def test_decision_made_late_is_reported_too():
    events = [CaseEvent("clue", date(2026, 9, 1), "王芳"), CaseEvent("check", date(2026, 9, 20), "王芳"),
              CaseEvent("reject", date(2026, 9, 25), "王芳", {"reason": "收入稳定"})]
    [f] = q.case_findings(household(), case(replay(events)), TODAY)
    assert f.rule == "case.identify_deadline" and "2026-09-25" in f.message


def identified(on=date(2026, 10, 1)) -> CaseStatus:
    return CaseStatus(state=CaseState.IDENTIFIED, clue_date=on, identified_date=on,
                      risk_types=(RiskType.ILLNESS,))


def test_plan_not_made_within_10_days():
    monitored = household(category="monitored", pairing_cadre="刘")
    [f] = q.case_findings(monitored, case(identified()), TODAY)
    assert f.rule == "case.plan_deadline" and "2026-10-11" in f.message
    assert rules(q.case_findings(monitored, case(identified(date(2026, 11, 20))), TODAY)) == []


def test_risk_type_without_matching_measure():
    helping = CaseStatus(state=CaseState.HELPING, identified_date=date(2026, 1, 5), plan_date=date(2026, 1, 10),
                         clue_date=date(2026, 1, 1), risk_types=(RiskType.ILLNESS, RiskType.HOUSING),
                         measures=(Measure.HEALTH,))
    [f] = q.case_findings(household(category="monitored"), case(helping), TODAY)
    assert f.rule == "case.risk_without_measure" and "住房出现安全问题" in f.message and "健康帮扶" in f.message
    ok = replace(helping, measures=(Measure.HEALTH, Measure.HOUSING))
    assert rules(q.case_findings(household(category="monitored"), case(ok), TODAY)) == []


def test_monitored_household_without_measures():
    monitored = household(category="monitored")
    [f] = q.case_findings(monitored, [], TODAY)
    assert f.rule == "case.no_measures" and "没有监测帮扶案例" in f.message
    assert rules(q.case_findings(household(), [], TODAY)) == []
    assert "case.no_measures" not in rules(q.case_findings(monitored, case(identified()), TODAY))


def test_followup_overdue_and_broken_history():
    eliminated = CaseStatus(state=CaseState.ELIMINATED, eliminated_date=date(2026, 1, 20),
                            risk_types=(RiskType.ILLNESS,), measures=(Measure.HEALTH,),
                            followups=(date(2026, 5, 1),))
    found = list(q.case_findings(household(category="monitored"), case(eliminated), TODAY))
    # Eliminated in Q1: the Q2 look-back was done, the Q3 one (due 2026-09-30) was not.
    assert rules(found) == ["case.followup_deadline"]
    assert "第2次" in found[0].message and "2026-09-30" in found[0].message
    broken = list(q.case_findings(household(), case(ValueError("日期早于上一步")), TODAY))
    assert rules(broken) == ["case.invalid_history"] and "日期早于上一步" in broken[0].message


# -- the five situations -----------------------------------------------------------------------

def facts(**kw) -> HouseholdFacts:
    base = dict(category=HouseholdCategory.LIFTED, risk_eliminated=False, flags=frozenset(),
                housing_grade=HousingGrade.A, can_fix_housing_alone=False, per_capita_fen=1_200_000,
                baseline_fen=690_000, has_supporter=False, three_guarantees_secured=True, water_secured=True,
                can_solve_alone=False, members=(MemberFacts("张三", Health.HEALTHY, None, SchoolStatus.NONE),))
    return HouseholdFacts(**{**base, **kw})


ILL = MemberFacts("李四", Health.SERIOUS_ILLNESS, None, SchoolStatus.NONE)
STUDENTS = tuple(MemberFacts(n, Health.HEALTHY, None, SchoolStatus.PRIMARY) for n in "甲乙丙")


@pytest.mark.parametrize("number,change", [
    (1, dict(flags=frozenset({HouseholdFlag.DIBAO, HouseholdFlag.DIBAO_WHOLE}), members=(ILL,))),
    (2, dict(housing_grade=HousingGrade.D)),
    (3, dict(per_capita_fen=500_000, members=(ILL,))),
    (4, dict(per_capita_fen=500_000, members=STUDENTS)),
    (5, dict(flags=frozenset({HouseholdFlag.DIBAO}), water_secured=False)),
])
def test_five_situations(number, change):
    [f] = q.situation_findings(household(), facts(**change))
    assert f.rule == f"situation.{number}" and f.message.startswith(f"情形{number}：")
    monitored = facts(**change, category=HouseholdCategory.MONITORED)
    assert rules(q.situation_findings(household(), monitored)) == []


def test_no_situation_for_an_ordinary_secure_household():
    assert rules(q.situation_findings(household(), facts())) == []


def test_sorted_worst_first_then_by_household_number():
    a = q.finding("member.wage_range", household(id="a", number="002"), "x", "m")
    b = q.finding("member.id_checksum", household(id="b", number="009"), "x", "m")
    c = q.finding("member.wage_range", household(id="c", number="001"), "x", "m")
    d = q.finding("visit.no_visitor", None, "visitor", "m")
    numbers = {"a": "002", "b": "009", "c": "001"}
    ordered = sorted([a, b, c, d], key=lambda f: q.sort_key(f, numbers.get(f.household_id)))
    assert [f.household_id for f in ordered] == ["b", None, "c", "a"]
