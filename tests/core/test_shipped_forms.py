"""The forms shipped in forms/: they load, their choice lists are the domain's codes, their
save_to targets exist, and the rules they carry (DOMAIN §4, §6) behave as the domain says."""
from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from app.core import enums
from app.core.forms.definition import load_file
from app.core.forms.engine import evaluate
from app.core.income import IncomeItems
from app.storage.schema import RECORD_TABLES

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
SHIPPED = sorted(p for p in FORMS_DIR.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json", ".xlsx"))
TODAY = date(2026, 3, 15)

# A choice list with one of these names carries the enum's codes, so that what a signed form
# saves is what the household file, the sync and the due list understand.
ENUM_LISTS = {
    "risk_type": enums.RiskType,
    "measure": enums.Measure,
    "visit_mode": enums.VisitMode,
    "relation": enums.Relation,
    "sex": enums.Sex,
    "category": enums.HouseholdCategory,
    "monitoring_category": enums.MonitoringCategory,
    "residence": enums.Residence,
    "flags": enums.HouseholdFlag,
    "education": enums.Education,
    "school_status": enums.SchoolStatus,
    "health": enums.Health,
    "labour": enums.LabourCapacity,
    "housing_grade": enums.HousingGrade,
}


def _form(name: str):
    return load_file(FORMS_DIR / name)


def _columns(table: str) -> set[str]:
    return {part.split()[0] for part in RECORD_TABLES[table].split(",") if part.strip()}


SAVE_TARGETS = {
    "household": _columns("households"),
    "member": _columns("members"),
    "visit": _columns("visits"),
    "income": {f.name for f in dataclasses.fields(IncomeItems)},
    "context": {"baseline"},
}


def _issues(state) -> dict[str, str]:
    return {i.path: i.rule for i in state.problems()}


# -- every shipped form -----------------------------------------------------

def test_the_shipped_forms_are_there():
    names = {p.name for p in SHIPPED}
    assert {"household_info.yaml", "visit_record.yaml", "risk_elimination_check.yaml", "help_plan.yaml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_form_loads_and_is_signed_by_both(path):
    form = load_file(path)
    assert form.form_id == path.stem
    assert form.version
    assert form.title("中文") != form.form_id and form.title("English") != form.form_id
    assert sorted(q.role for q in form.signatures()) == ["household", "investigator"]
    for q in form.walk():
        if q.type not in ("calculate", "repeat", "group"):
            assert q.labels.get("中文") and q.labels.get("English"), f"{path.name}: {q.name} needs both labels"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_enum_choice_lists_carry_the_enum_codes_and_chinese_names(path):
    form = load_file(path)
    for list_name, enum in ENUM_LISTS.items():
        if list_name not in form.choices:
            continue
        got = [(c.name, c.label("中文")) for c in form.choices[list_name]]
        # Full-width and half-width punctuation are the same label: household_info.yaml writes
        # 'A级（安全）' where HousingGrade.zh says 'A级(安全)'.
        got = [(code, unicodedata.normalize("NFKC", zh)) for code, zh in got]
        want = [(m.value, unicodedata.normalize("NFKC", m.zh)) for m in enum]
        assert got == want, f"{path.name}: list '{list_name}' differs from {enum.__name__}"


def test_the_enum_lists_are_really_used():
    used = {name for p in SHIPPED for name in load_file(p).choices}
    assert {"risk_type", "measure", "visit_mode", "relation", "sex"} <= used


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_save_to_names_a_real_field(path):
    form = load_file(path)
    for q in form.walk():
        if not q.save_to:
            continue
        kind, _, name = q.save_to.partition(".")
        assert kind in SAVE_TARGETS, f"{path.name}: {q.name} saves to unknown '{q.save_to}'"
        assert name in SAVE_TARGETS[kind], f"{path.name}: {q.name} saves to '{q.save_to}', not a field"
        # The household file takes member fields from a repeat's entries, the others from the top.
        assert (q.repeat is not None) == (kind == "member"), f"{path.name}: {q.name} ({q.save_to})"


# -- 走访记录表 ---------------------------------------------------------------

VISIT = dict(head_name="李四", visit_date="2026-03-10", mode="home", met_person="李四", findings="在家务农，身体好",
             food_clothing_ok="yes", education_ok="yes", medical_ok="yes", housing_ok="yes", water_ok="yes",
             income_changed="no", new_rigid_expense="no")


def test_visit_with_no_risk_is_complete_and_saves_the_visit_fields():
    form = _form("visit_record.yaml")
    state = evaluate(form, VISIT, TODAY)
    assert state.complete, _issues(state)
    saved = {q.save_to.split(".")[1] for q in form.walk() if (q.save_to or "").startswith("visit.")}
    assert saved == {"visit_date", "mode", "met_person", "findings", "risks_seen", "followups"}
    assert [c.name for c in form.choices["visit_mode"]] == ["home", "phone", "wechat"]


def test_visit_that_sees_a_risk_needs_followups():
    form = _form("visit_record.yaml")
    state = evaluate(form, {**VISIT, "risks_seen": ["illness"]}, TODAY)
    assert _issues(state) == {"followups": "required"}
    assert "后续措施" in state.missing[0].message
    state = evaluate(form, {**VISIT, "risks_seen": ["illness"], "followups": "协助办理大病救助"}, TODAY)
    assert state.complete, _issues(state)
    assert state.values["risks_seen"] == ["illness"]


def test_visit_date_not_after_today_and_rigid_expense_asks_the_amount():
    form = _form("visit_record.yaml")
    assert _issues(evaluate(form, {**VISIT, "visit_date": "2026-03-16"}, TODAY)) == {"visit_date": "constraint"}
    state = evaluate(form, {**VISIT, "new_rigid_expense": "yes"}, TODAY)
    assert _issues(state) == {"rigid_expense_amount": "required", "rigid_expense_note": "required"}
    assert state.relevant["unflagged_note"]  # a problem was found but no risk ticked
    state = evaluate(form, {**VISIT, "new_rigid_expense": "yes", "rigid_expense_amount": "0",
                            "rigid_expense_note": "住院"}, TODAY)
    assert _issues(state) == {"rigid_expense_amount": "constraint"}
    # Answered "no": the amount is not asked and an earlier amount is not kept.
    state = evaluate(form, {**VISIT, "rigid_expense_amount": "5000"}, TODAY)
    assert state.complete and "rigid_expense_amount" not in state.values


# -- 风险消除核查表 -----------------------------------------------------------

ELIMINATE = dict(head_name="张三", monitoring_category="edge_at_risk", risk_types=["illness"], baseline="7300",
                 per_capita_income="9000.50", stable_months=8, education_ok="yes", medical_ok="yes",
                 housing_ok="yes", water_ok="yes", no_new_risk="yes", has_labour="yes",
                 measures_results="务工收入稳定，大病已报销", conclusion="eliminate", review_date="2026-03-01",
                 notice_start="2026-03-02", notice_end="2026-03-07")


def test_eliminate_is_accepted_when_every_condition_holds():
    state = evaluate(_form("risk_elimination_check.yaml"), ELIMINATE, TODAY)
    assert state.complete, _issues(state)
    assert state.values["above_baseline"] == "yes" and state.values["all_secured"] == "yes"
    assert not state.relevant["unmet_note"]


@pytest.mark.parametrize("change, unmet", [
    ({"per_capita_income": "7000"}, "基准线"),
    ({"per_capita_income": "7300"}, "基准线"),          # equal is not above
    ({"baseline": None}, "基准线"),                      # no baseline: cannot judge, cannot eliminate
    ({"stable_months": 5}, "6个月"),
    ({"water_ok": "no"}, "饮水"),
    ({"no_new_risk": "no"}, "新增风险"),
    ({"has_labour": "no", "only_social_security": "yes"}, "综合保障"),
], ids=["income_below", "income_equal", "no_baseline", "five_months", "water", "new_risk", "social_security_only"])
def test_eliminate_is_refused_when_a_condition_fails(change, unmet):
    form = _form("risk_elimination_check.yaml")
    state = evaluate(form, {**ELIMINATE, **change}, TODAY)
    assert _issues(state) == {"conclusion": "constraint"}
    assert "风险消除须同时满足" in state.issues[0].message
    assert unmet in state.values["unmet"] and state.relevant["unmet_note"]
    # Continuing the monitoring is always allowed, and needs no review or notice.
    state = evaluate(form, {**ELIMINATE, **change, "conclusion": "continue", "review_date": None,
                            "notice_start": None, "notice_end": None}, TODAY)
    assert state.complete, _issues(state)


def test_elimination_warnings_and_notice_period():
    form = _form("risk_elimination_check.yaml")
    state = evaluate(form, {**ELIMINATE, "stable_months": 4, "conclusion": "continue"}, TODAY)
    assert state.relevant["months_note"]
    state = evaluate(form, {**ELIMINATE, "has_labour": "no", "only_social_security": "yes", "conclusion": "continue"},
                     TODAY)
    assert state.relevant["stays_monitored_note"]
    assert not evaluate(form, ELIMINATE, TODAY).relevant["stays_monitored_note"]
    assert _issues(evaluate(form, {**ELIMINATE, "notice_end": "2026-03-06"}, TODAY)) == {"notice_end": "constraint"}
    assert evaluate(form, {**ELIMINATE, "notice_end": "2026-03-20"}, TODAY).complete
    # The notice follows the village review.
    assert _issues(evaluate(form, {**ELIMINATE, "notice_start": "2026-02-28"}, TODAY)) == {"notice_start": "constraint"}
    saved = {q.name: q.save_to for q in form.walk() if q.save_to}
    assert "conclusion" not in saved and saved["baseline"] == "context.baseline"


# -- 帮扶计划 -----------------------------------------------------------------

PLAN = dict(head_name="王五", risk_types=["illness"], pairing_cadre="赵六", has_labour="yes", plan_date="2026-03-10",
            measures_plan=[dict(measure="industry", content="发展生猪养殖", responsible="赵六",
                                start_date="2026-03-12", expected_result="年增收3000元")])


def test_a_risk_without_its_matching_measure_is_flagged():
    form = _form("help_plan.yaml")
    state = evaluate(form, PLAN, TODAY)
    assert state.complete, _issues(state)  # a warning, not a refusal
    assert "因病" in state.values["missing_measures"] and state.relevant["missing_measures_note"]
    for measure in ("health", "social_security"):
        rows = PLAN["measures_plan"] + [dict(measure=measure, content="大病救助")]
        state = evaluate(form, {**PLAN, "measures_plan": rows}, TODAY)
        assert "missing_measures" not in state.values and not state.relevant["missing_measures_note"]
    state = evaluate(form, {**PLAN, "risk_types": ["schooling", "disability", "housing", "water", "disaster"]}, TODAY)
    assert state.values["missing_measures"] == "因学缺教育帮扶；因残缺综合保障；住房安全问题缺住房安全保障；饮水安全问题缺饮水安全保障；"


def test_a_household_that_can_work_needs_a_development_measure():
    form = _form("help_plan.yaml")
    only_aid = [dict(measure="social_security", content="纳入低保")]
    assert evaluate(form, {**PLAN, "measures_plan": only_aid}, TODAY).relevant["development_note"]
    assert not evaluate(form, {**PLAN, "measures_plan": only_aid, "has_labour": "no"}, TODAY).relevant["development_note"]
    assert not evaluate(form, PLAN, TODAY).relevant["development_note"]


def test_a_plan_needs_at_least_one_complete_measure():
    form = _form("help_plan.yaml")
    state = evaluate(form, {**PLAN, "measures_plan": []}, TODAY)
    assert _issues(state) == {"plan_date": "constraint"} and state.relevant["no_measure_note"]
    state = evaluate(form, {**PLAN, "measures_plan": [{"measure": "health"}]}, TODAY)
    assert _issues(state) == {"measures_plan[1].content": "required"}


SURVEY_COLUMNS = {"type", "name", "required", "relevant", "constraint", "calculation", "choice_filter", "default",
                  "read_only", "appearance", "parameters", "save_to"}
LOCALISED = ("label", "hint", "constraint_message", "required_message")


@pytest.mark.parametrize("path", sorted(FORMS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_rows_use_known_columns(path):
    """A stray key in YAML (an unquoted comma in a label splits it) would silently drop text."""
    import yaml
    rows = yaml.safe_load(path.read_text("utf-8"))["survey"]
    for n, row in enumerate(rows, start=2):
        for key in row:
            assert key in SURVEY_COLUMNS or key.split("::")[0] in LOCALISED, (path.name, n, key)


def test_money_answers_have_at_most_two_decimals():
    from datetime import date
    from app.core.forms.engine import evaluate
    form = load_file(FORMS_DIR / "household_info.yaml")
    state = evaluate(form, {"inc_wage": "100.555", "inc_business": "3000.5"}, date(2026, 11, 20))
    assert [(i.path, i.rule) for i in state.issues] == [("inc_wage", "constraint")]
