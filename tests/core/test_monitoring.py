from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from app.core import canonical
from app.core.enums import CaseState, Measure, MonitoringCategory, RiskType
from app.core.errors import StateError, ValidationError
from app.core.monitoring import (
    REQUIRED_MEASURES, CaseEvent, CasePolicy, add_months, apply, followup_due_dates,
    missing_measures, month_end, plan_warnings, quarter_bounds, quarter_index, replay,
)

FAR = date(2030, 1, 1)  # a "today" after every event in these tests


def ev(kind, on, by="王建国", **data):
    return CaseEvent(kind, on, by, data)


def run(*events, today=FAR):
    s = replay([])
    for e in events:
        s = apply(s, e, today)
    return s


def identified(clue=date(2024, 1, 5), ident=date(2024, 1, 15), risks=("illness",)):
    return [ev("clue", clue), ev("check", clue + timedelta(days=2)),
            ev("identify", ident, monitoring_category="edge_at_risk", risk_types=list(risks))]


def helping(measures=("health", "employment"), **kw):
    events = identified(**kw)
    return events + [ev("plan", events[-1].on + timedelta(days=5), measures=list(measures))]


ELIM_OK = dict(per_capita_fen=800_000, baseline_fen=690_000, has_labour=True)


# --- calendar arithmetic ---------------------------------------------------------------------

def test_month_end_leap_years():
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert month_end(2000, 2) == date(2000, 2, 29)
    assert month_end(2100, 2) == date(2100, 2, 28)
    assert month_end(2024, 12) == date(2024, 12, 31)


def test_add_months_clamps_to_month_end_and_crosses_years():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_quarter_bounds():
    assert quarter_bounds(quarter_index(date(2024, 2, 29))) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds(quarter_index(date(2024, 12, 31))) == (date(2024, 10, 1), date(2024, 12, 31))
    assert quarter_bounds(quarter_index(date(2024, 12, 31)) + 1) == (date(2025, 1, 1), date(2025, 3, 31))


def test_followup_due_dates_are_the_four_quarter_ends_after_elimination():
    assert followup_due_dates(date(2024, 2, 10)) == (
        date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 3, 31))
    # the last day of a quarter still belongs to it
    assert followup_due_dates(date(2024, 3, 31))[0] == date(2024, 6, 30)
    assert followup_due_dates(date(2024, 4, 1))[0] == date(2024, 9, 30)
    # December → the next year's quarters
    assert followup_due_dates(date(2024, 11, 15)) == (
        date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_followup_due_dates_properties(d):
    dues = followup_due_dates(d)
    assert len(dues) == 4 and list(dues) == sorted(set(dues))
    assert all((x + timedelta(days=1)).day == 1 and (x + timedelta(days=1)).month in (1, 4, 7, 10) for x in dues)
    assert d < dues[0] and (dues[0] - d).days <= 183
    assert [quarter_index(x) for x in dues] == [quarter_index(d) + k for k in (1, 2, 3, 4)]


# --- deadlines -------------------------------------------------------------------------------

def test_identify_by_is_clue_plus_15_days_across_feb_and_year_end():
    assert run(ev("clue", date(2024, 2, 20))).identify_by == date(2024, 3, 6)   # leap February
    assert run(ev("clue", date(2023, 2, 20))).identify_by == date(2023, 3, 7)
    assert run(ev("clue", date(2023, 12, 25))).identify_by == date(2024, 1, 9)


def test_plan_by_is_identification_plus_10_days():
    s = run(*identified(clue=date(2024, 2, 20), ident=date(2024, 2, 25)))
    assert s.plan_by == date(2024, 3, 6)
    s = run(*identified(clue=date(2023, 12, 20), ident=date(2023, 12, 25)))
    assert s.plan_by == date(2024, 1, 4)


def test_overdue_identification():
    s = run(ev("clue", date(2024, 1, 1)))
    assert s.overdue(date(2024, 1, 16)) == []
    assert s.overdue(date(2024, 1, 17)) == ["identify"]
    assert "2024-01-16" in s.overdue_zh(date(2024, 1, 17))[0]
    # a decision ends the clock
    s = run(ev("clue", date(2024, 1, 1)), ev("check", date(2024, 1, 3)), ev("reject", date(2024, 1, 5), reason="收入稳定"))
    assert s.state is CaseState.REJECTED and s.overdue(date(2024, 3, 1)) == []


def test_overdue_plan():
    s = run(*identified(ident=date(2024, 1, 10)))
    assert s.overdue(date(2024, 1, 20)) == []
    assert s.overdue(date(2024, 1, 21)) == ["plan"]
    s = run(*helping())
    assert s.overdue(date(2025, 1, 1)) == []


def test_late_steps_name_steps_done_after_their_deadline():
    assert run(*identified(clue=date(2024, 1, 1), ident=date(2024, 1, 16))).late_steps() == []
    assert run(*identified(clue=date(2024, 1, 1), ident=date(2024, 1, 17))).late_steps() == ["identify"]
    events = identified(ident=date(2024, 1, 15)) + [ev("plan", date(2024, 1, 26), measures=["health"])]
    assert run(*events).late_steps() == ["plan"]


def test_overdue_followups_per_quarter():
    s = run(*helping(), ev("eliminate", date(2024, 3, 20), **ELIM_OK))
    assert s.followup_due[0] == date(2024, 6, 30)
    assert s.overdue(date(2024, 6, 30)) == []
    assert s.overdue(date(2024, 7, 1)) == ["followup_1"]
    s2 = apply(s, ev("followup", date(2024, 5, 2)), FAR)
    assert s2.overdue(date(2024, 7, 1)) == []
    assert s2.overdue(date(2024, 10, 1)) == ["followup_2"]
    # a 回头看 in the elimination quarter itself counts for no due quarter
    s3 = apply(s, ev("followup", date(2024, 3, 28)), FAR)
    assert s3.followups_satisfied == (False, False, False, False)


# --- the full life of a case ------------------------------------------------------------------

def test_full_lifecycle_clue_to_stable_then_revert():
    s = run(ev("clue", date(2024, 1, 5), source="村干部走访"))
    assert s.state is CaseState.CLUE and s.clue_date == date(2024, 1, 5)
    s = apply(s, ev("check", date(2024, 1, 8)), FAR)
    s = apply(s, ev("identify", date(2024, 1, 15), monitoring_category="突发严重困难户",
                    risk_types=["因病", "housing"]), FAR)
    assert s.state is CaseState.IDENTIFIED
    assert s.monitoring_category is MonitoringCategory.SUDDEN_HARDSHIP
    assert s.risk_types == (RiskType.ILLNESS, RiskType.HOUSING)
    s = apply(s, ev("plan", date(2024, 1, 20), measures=["health", "housing"]), FAR)
    assert s.state is CaseState.HELPING and s.plan_date == date(2024, 1, 20)
    s = apply(s, ev("measure", date(2024, 2, 1), measure="就业帮扶"), FAR)
    assert s.measures == (Measure.HEALTH, Measure.HOUSING, Measure.EMPLOYMENT)
    s = apply(s, ev("eliminate", date(2024, 3, 10), **ELIM_OK), FAR)
    assert s.state is CaseState.ELIMINATED and s.eliminated_date == date(2024, 3, 10)
    assert s.followup_due == (date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 3, 31))
    for d in (date(2024, 5, 10), date(2024, 8, 10), date(2024, 11, 10), date(2025, 2, 10)):
        s = apply(s, ev("followup", d), FAR)
        assert s.overdue(d) == []
    assert s.followups_satisfied == (True, True, True, True)
    s = apply(s, ev("stable", date(2025, 2, 20)), FAR)
    assert s.state is CaseState.STABLE and s.stable_date == date(2025, 2, 20)
    assert [e.kind for e in s.events] == ["clue", "check", "identify", "plan", "measure", "eliminate",
                                          "followup", "followup", "followup", "followup", "stable"]
    assert replay(s.events) == s

    # New risk: 回退 back to 帮扶中 with the new risk type added.
    s = apply(s, ev("revert", date(2025, 5, 1), risk_types=["schooling"], reason="子女上大学"), FAR)
    assert s.state is CaseState.HELPING and s.cycle == 1
    assert s.risk_types == (RiskType.ILLNESS, RiskType.HOUSING, RiskType.SCHOOLING)
    assert s.eliminated_date is None and s.followups == () and s.stable_date is None
    assert missing_measures(s.risk_types, s.measures) == [RiskType.SCHOOLING]
    assert s.plan_by == date(2025, 5, 11)
    assert s.overdue(date(2025, 5, 11)) == [] and s.overdue(date(2025, 5, 12)) == ["plan"]
    with pytest.raises(ValidationError) as e:   # the new risk has no measure yet
        apply(s, ev("eliminate", date(2025, 7, 1), **ELIM_OK), FAR)
    assert e.value.field == "measures"
    s = apply(s, ev("measure", date(2025, 5, 5), measure="education"), FAR)
    assert s.overdue(date(2025, 6, 1)) == []
    with pytest.raises(ValidationError) as e:   # next month after the revert
        apply(s, ev("eliminate", date(2025, 6, 30), **ELIM_OK), FAR)
    assert e.value.field == "on"
    s = apply(s, ev("eliminate", date(2025, 7, 1), **ELIM_OK), FAR)
    assert s.state is CaseState.ELIMINATED and s.followup_due[0] == date(2025, 12, 31)


def test_revert_straight_from_eliminated_without_new_risk():
    s = run(*helping(), ev("eliminate", date(2024, 3, 10), **ELIM_OK), ev("followup", date(2024, 4, 3)),
            ev("revert", date(2024, 4, 20), reason="务工收入不稳"))
    assert s.state is CaseState.HELPING and s.reverted_date == date(2024, 4, 20)
    assert s.overdue(date(2024, 12, 1)) == []  # measures still answer every risk type


def test_revert_cannot_push_risk_types_past_five():
    s = run(*helping(risks=("illness", "disaster", "accident", "other", "unstable_work")),
            ev("eliminate", date(2024, 3, 10), **ELIM_OK))
    with pytest.raises(ValidationError) as e:
        apply(s, ev("revert", date(2024, 4, 1), risk_types=["no_labour"]), FAR)
    assert e.value.field == "risk_types"


# --- steps out of order ----------------------------------------------------------------------

@pytest.mark.parametrize("events, bad", [
    ([ev("clue", date(2024, 1, 1))], ev("plan", date(2024, 1, 2), measures=["health"])),
    (identified(), ev("eliminate", date(2024, 3, 10), **ELIM_OK)),
    (helping(), ev("followup", date(2024, 3, 1))),
    (helping(), ev("stable", date(2025, 3, 1))),
    (helping(), ev("revert", date(2024, 3, 1))),
    (identified(), ev("revert", date(2024, 3, 1))),
    ([ev("clue", date(2024, 1, 1))], ev("clue", date(2024, 1, 2))),
    ([ev("clue", date(2024, 1, 1))], ev("measure", date(2024, 1, 2), measure="health")),
    (identified(), ev("measure", date(2024, 1, 20), measure="health")),
    (helping(), ev("identify", date(2024, 2, 1), monitoring_category="edge_at_risk", risk_types=["illness"])),
    (helping(), ev("check", date(2024, 2, 1))),
    (helping(), ev("plan", date(2024, 2, 1), measures=["health"])),
    ([], ev("check", date(2024, 1, 1))),
    ([], ev("identify", date(2024, 1, 1), monitoring_category="edge_at_risk", risk_types=["illness"])),
])
def test_steps_out_of_order_are_refused(events, bad):
    s = run(*events)
    with pytest.raises(StateError):
        apply(s, bad, FAR)


def test_identify_requires_a_household_check_first():
    with pytest.raises(StateError, match="入户核查"):
        run(ev("clue", date(2024, 1, 1)),
            ev("identify", date(2024, 1, 2), monitoring_category="edge_at_risk", risk_types=["illness"]))
    with pytest.raises(StateError):
        run(ev("clue", date(2024, 1, 1)), ev("reject", date(2024, 1, 2), reason="x"))


def test_nothing_follows_a_rejected_clue():
    s = run(ev("clue", date(2024, 1, 1)), ev("check", date(2024, 1, 2)), ev("reject", date(2024, 1, 3), reason="收入高于基准线"))
    with pytest.raises(StateError):
        apply(s, ev("identify", date(2024, 1, 4), monitoring_category="edge_at_risk", risk_types=["illness"]), FAR)


def test_reject_needs_a_reason():
    with pytest.raises(ValidationError) as e:
        run(ev("clue", date(2024, 1, 1)), ev("check", date(2024, 1, 2)), ev("reject", date(2024, 1, 3)))
    assert e.value.field == "reason"


def test_stable_needs_four_quarterly_followups_or_a_year():
    base = helping() + [ev("eliminate", date(2024, 3, 10), **ELIM_OK)]
    three = base + [ev("followup", d) for d in (date(2024, 5, 1), date(2024, 8, 1), date(2024, 11, 1))]
    with pytest.raises(StateError):
        run(*three, ev("stable", date(2024, 12, 1)))
    # four 回头看 crammed into one quarter are not four quarterly checks
    crammed = base + [ev("followup", date(2024, 5, d)) for d in (1, 2, 3, 4)]
    with pytest.raises(StateError):
        run(*crammed, ev("stable", date(2024, 6, 1)))
    four = three + [ev("followup", date(2025, 1, 5))]
    assert run(*four, ev("stable", date(2025, 1, 6))).state is CaseState.STABLE
    # a year after elimination it may close even with quarters missed (they show as overdue)
    with pytest.raises(StateError):
        run(*base, ev("stable", date(2025, 3, 9)))
    assert run(*base, ev("stable", date(2025, 3, 10))).state is CaseState.STABLE


def test_stable_from_clamps_leap_day():
    s = run(*helping(clue=date(2023, 12, 1), ident=date(2023, 12, 10)), ev("eliminate", date(2024, 2, 29), **ELIM_OK))
    assert s.stable_from == date(2025, 2, 28)


# --- dates -----------------------------------------------------------------------------------

def test_date_before_previous_step_is_refused():
    with pytest.raises(ValidationError) as e:
        run(ev("clue", date(2024, 1, 10)), ev("check", date(2024, 1, 9)))
    assert e.value.field == "on" and "previous" in e.value.rule
    # the same day is fine
    assert run(ev("clue", date(2024, 1, 10)), ev("check", date(2024, 1, 10))).checked_date == date(2024, 1, 10)


def test_date_in_the_future_is_refused():
    with pytest.raises(ValidationError) as e:
        apply([], ev("clue", date(2024, 1, 11)), date(2024, 1, 10))
    assert e.value.field == "on" and "future" in e.value.rule
    assert apply([], ev("clue", date(2024, 1, 10)), date(2024, 1, 10)).state is CaseState.CLUE


def test_event_fields_are_checked():
    with pytest.raises(ValidationError) as e:
        CaseEvent("visit", date(2024, 1, 1), "王", {})
    assert e.value.field == "kind"
    with pytest.raises(ValidationError) as e:
        CaseEvent("clue", datetime(2024, 1, 1, 9), "王", {})
    assert e.value.field == "on"
    with pytest.raises(ValidationError) as e:
        CaseEvent("clue", date(2024, 1, 1), " ", {})
    assert e.value.field == "by"
    with pytest.raises(ValidationError) as e:  # money is integer fen: no floats
        CaseEvent("eliminate", date(2024, 1, 1), "王", {"per_capita_fen": 6900.5})
    assert e.value.field == "data"


def test_event_data_is_read_only_and_round_trips_through_canonical_json():
    src = {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]}
    e = CaseEvent("identify", date(2024, 1, 15), "王建国", src)
    src["monitoring_category"] = "changed"
    assert e.data["monitoring_category"] == "edge_at_risk"
    with pytest.raises(TypeError):
        e.data["x"] = 1
    d = e.to_dict()
    assert canonical.dumps(d) == canonical.dumps(CaseEvent.from_dict(d).to_dict())
    assert CaseEvent.from_dict(d) == e


def test_apply_accepts_an_event_list_and_replay_rechecks_order():
    s = apply(identified(), ev("plan", date(2024, 1, 20), measures=["health"]), FAR)
    assert s.state is CaseState.HELPING
    with pytest.raises(StateError):
        replay([ev("clue", date(2024, 1, 1)), ev("plan", date(2024, 1, 2), measures=["health"])])


# --- identification --------------------------------------------------------------------------

def _ident(**data):
    return run(ev("clue", date(2024, 1, 1)), ev("check", date(2024, 1, 2)), ev("identify", date(2024, 1, 3), **data))


def test_identify_requires_category_and_one_to_five_risk_types():
    assert _ident(monitoring_category="边缘易致贫户", risk_types=["因病"]).risk_types == (RiskType.ILLNESS,)
    with pytest.raises(ValidationError) as e:
        _ident(risk_types=["illness"])
    assert e.value.field == "monitoring_category"
    with pytest.raises(ValidationError) as e:
        _ident(monitoring_category="edge_at_risk", risk_types=[])
    assert e.value.field == "risk_types"
    with pytest.raises(ValidationError) as e:
        _ident(monitoring_category="edge_at_risk")
    assert e.value.field == "risk_types"
    five = ["illness", "schooling", "disability", "disaster", "accident"]
    assert len(_ident(monitoring_category="edge_at_risk", risk_types=five).risk_types) == 5
    with pytest.raises(ValidationError) as e:
        _ident(monitoring_category="edge_at_risk", risk_types=five + ["other"])
    assert e.value.field == "risk_types"
    with pytest.raises(ValidationError):
        _ident(monitoring_category="edge_at_risk", risk_types=["illness", "因病"])
    with pytest.raises(ValidationError):
        _ident(monitoring_category="edge_at_risk", risk_types=["bad_luck"])
    with pytest.raises(ValidationError):
        _ident(monitoring_category="poor", risk_types=["illness"])


# --- plan and measures -----------------------------------------------------------------------

@pytest.mark.parametrize("risk, good, bad", [
    (RiskType.ILLNESS, Measure.HEALTH, Measure.EDUCATION),
    (RiskType.ILLNESS, Measure.SOCIAL_SECURITY, Measure.INDUSTRY),
    (RiskType.SCHOOLING, Measure.EDUCATION, Measure.HEALTH),
    (RiskType.SCHOOLING, Measure.COMPULSORY_EDUCATION, Measure.SOCIAL_SECURITY),
    (RiskType.DISABILITY, Measure.SOCIAL_SECURITY, Measure.HEALTH),
    (RiskType.HOUSING, Measure.HOUSING, Measure.RELOCATION),
    (RiskType.WATER, Measure.WATER, Measure.INFRASTRUCTURE),
])
def test_risk_type_needs_its_matching_measure(risk, good, bad):
    assert missing_measures([risk], [good]) == []
    assert missing_measures([risk], [bad]) == [risk]
    events = identified(risks=(risk.value,))
    assert run(*events, ev("plan", date(2024, 1, 20), measures=[good.value])).state is CaseState.HELPING
    with pytest.raises(ValidationError) as e:
        run(*events, ev("plan", date(2024, 1, 20), measures=[bad.value]))
    assert e.value.field == "measures" and risk.zh in str(e.value)


def test_missing_measures_keeps_order_and_ignores_unconstrained_risks():
    assert set(REQUIRED_MEASURES) == {RiskType.ILLNESS, RiskType.SCHOOLING, RiskType.DISABILITY,
                                      RiskType.HOUSING, RiskType.WATER}
    assert missing_measures([RiskType.DISASTER, RiskType.OTHER], [Measure.INDUSTRY]) == []
    assert missing_measures([RiskType.WATER, RiskType.ILLNESS, RiskType.WATER], []) == [RiskType.WATER, RiskType.ILLNESS]


def test_plan_requires_at_least_one_measure():
    for measures in ([], None):
        data = {} if measures is None else {"measures": measures}
        with pytest.raises(ValidationError) as e:
            run(*identified(risks=("disaster",)), ev("plan", date(2024, 1, 20), **data))
        assert e.value.field == "measures"


def test_measure_event_refuses_a_duplicate():
    with pytest.raises(ValidationError) as e:
        run(*helping(), ev("measure", date(2024, 2, 1), measure="health"))
    assert e.value.field == "measure"


def test_plan_warnings_development_measures_first():
    codes = [w.code for w in plan_warnings(True, [Measure.SOCIAL_SECURITY])]
    assert codes == ["labour_only_social_security", "labour_no_development"]
    assert "开发式" in plan_warnings(True, [Measure.SOCIAL_SECURITY])[0].zh
    assert [w.code for w in plan_warnings(True, [Measure.HEALTH])] == ["labour_no_development"]
    assert plan_warnings(True, [Measure.SOCIAL_SECURITY, Measure.EMPLOYMENT]) == []
    assert plan_warnings(False, [Measure.SOCIAL_SECURITY]) == []


# --- elimination -----------------------------------------------------------------------------

def _elim(on, events=None, **data):
    return run(*(events or helping()), ev("eliminate", on, **{**ELIM_OK, **data}))


def test_elimination_not_in_the_same_or_next_month_after_identification():
    # identified 2024-01-15
    for on in (date(2024, 1, 31), date(2024, 2, 29)):
        with pytest.raises(ValidationError) as e:
            _elim(on)
        assert e.value.field == "on"
    assert _elim(date(2024, 3, 1)).state is CaseState.ELIMINATED
    # December → January is still "the next month"
    dec = helping(clue=date(2023, 12, 10), ident=date(2023, 12, 20))
    with pytest.raises(ValidationError):
        _elim(date(2024, 1, 25), dec)
    assert _elim(date(2024, 2, 1), dec).eliminated_date == date(2024, 2, 1)


def test_elimination_refused_below_baseline():
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), per_capita_fen=689_999, baseline_fen=690_000)
    assert e.value.field == "per_capita_fen" and "baseline" in e.value.rule
    assert _elim(date(2024, 4, 1), per_capita_fen=690_000, baseline_fen=690_000).state is CaseState.ELIMINATED


def test_elimination_income_must_be_integer_fen():
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), per_capita_fen="8000")
    assert e.value.field == "per_capita_fen"
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), baseline_fen=None)
    assert e.value.field == "baseline_fen"


def test_no_labour_with_only_social_security_stays_monitored():
    only_ss = helping(measures=("social_security",))
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), only_ss, has_labour=False)
    assert e.value.field == "measures" and "social security" in e.value.rule
    assert "继续监测" in str(e.value)
    # with a labour force, or with another measure, it may be eliminated
    assert _elim(date(2024, 4, 1), only_ss, has_labour=True).state is CaseState.ELIMINATED
    assert _elim(date(2024, 4, 1), helping(measures=("social_security", "health")), has_labour=False).state \
        is CaseState.ELIMINATED


def test_elimination_needs_has_labour_answer():
    with pytest.raises(ValidationError) as e:
        run(*helping(), ev("eliminate", date(2024, 4, 1), per_capita_fen=800_000, baseline_fen=690_000))
    assert e.value.field == "has_labour"


def test_elimination_refused_when_three_guarantees_or_water_not_secured():
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), water_secured=False)
    assert e.value.field == "water_secured"
    with pytest.raises(ValidationError) as e:
        _elim(date(2024, 4, 1), three_guarantees_secured=False)
    assert e.value.field == "three_guarantees_secured"
    assert _elim(date(2024, 4, 1), water_secured=True).state is CaseState.ELIMINATED


# --- policy as data --------------------------------------------------------------------------

def test_case_policy_loads_defaults_from_resources():
    p = CasePolicy.load()
    assert (p.identify_within_days, p.plan_within_days, p.followup_quarters,
            p.stable_after_months, p.eliminate_min_months_after_identification) == (15, 10, 4, 12, 2)


def test_case_policy_from_county_data_changes_deadlines():
    p = CasePolicy.from_dict({"identify_within_days": 20, "plan_within_days": 7, "followup_quarters": 2,
                              "stable_after_months": 6, "eliminate_min_months_after_identification": 3})
    s = replay(helping(), policy=p)
    assert s.identify_by == date(2024, 1, 25) and s.plan_by == date(2024, 1, 22)
    with pytest.raises(ValidationError):   # 3 months now required
        apply(s, ev("eliminate", date(2024, 3, 10), **ELIM_OK), FAR)
    s = apply(s, ev("eliminate", date(2024, 4, 10), **ELIM_OK), FAR)
    assert s.followup_due == (date(2024, 9, 30), date(2024, 12, 31))


def test_case_policy_rejects_bad_values(tmp_path):
    with pytest.raises(ValidationError) as e:
        CasePolicy.from_dict({"identify_within_days": 0, "plan_within_days": 10, "followup_quarters": 4,
                              "stable_after_months": 12, "eliminate_min_months_after_identification": 2})
    assert e.value.field == "case.identify_within_days"
    f = tmp_path / "p.json"
    f.write_text('{"case": {"identify_within_days": 15.0}}', encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        CasePolicy.load(f)
    assert e.value.rule == "no floats"
