import json
from datetime import date

import pytest

from app.core.enums import DueKind, HouseholdCategory as C, Residence as R, VisitMode as V
from app.core.errors import ValidationError
from app.core.monitoring import DEFAULT_POLICY_PATH
from app.core.schedule import DueItem, HouseholdDueFacts, VisitPolicy, due_for_month

POLICY = VisitPolicy.load()
HOME, PHONE, WECHAT = V.HOME, V.PHONE, V.WECHAT


def hh(hid="h1", cat=C.LIFTED, res=R.AT_HOME, monitored=False, eliminated=False, eliminated_on=None,
       followups=(), visits=(), monitored_on=None):
    return HouseholdDueFacts(hid, cat, res, monitored, eliminated, eliminated_on, tuple(followups),
                             tuple(visits), monitored_on)


def monitored(hid="m1", **kw):
    return hh(hid, C.MONITORED, monitored=True, **kw)


def eliminated(hid="e1", on=date(2024, 2, 10), **kw):
    return hh(hid, C.MONITORED, monitored=True, eliminated=True, eliminated_on=on, **kw)


def due(facts, y, m, today, policy=POLICY):
    return due_for_month(facts if isinstance(facts, list) else [facts], y, m, today, policy)


def one(facts, y, m, today, rule=None):
    items = [i for i in due(facts, y, m, today) if rule is None or i.rule == rule]
    assert len(items) == 1, items
    return items[0]


# --- the policy file -------------------------------------------------------------------------

def test_default_policy_holds_the_seed_rules_with_their_sources():
    codes = [r.code for r in POLICY.rules]
    assert codes == ["monitored_home_monthly", "lifted_home_monthly", "lifted_away_contact_monthly",
                     "eliminated_home_quarterly", "eliminated_contact_monthly",
                     "eliminated_followup_quarterly", "ordinary_home_yearly"]
    assert all("003 #" in r.zh for r in POLICY.rules)
    assert POLICY.rules[0].zh.startswith("监测户风险未消除：每月入户走访一次")


def test_policy_from_county_file_replaces_the_default(tmp_path):
    data = json.loads(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    data["rules"][-1]["period"] = "quarter"   # the county wants 一般农户 visited every quarter
    f = tmp_path / "county.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [item] = due_for_month([hh("o1", C.ORDINARY)], 2024, 5, date(2024, 5, 10), VisitPolicy.load(f))
    assert (item.period_start, item.period_end) == (date(2024, 4, 1), date(2024, 6, 30))
    # a missing county file falls back to the default
    assert VisitPolicy.load(tmp_path / "missing.json") == POLICY


def _rule(**kw):
    r = {"code": "x", "zh": "测试", "applies_to": {}, "kind": "home_visit", "period": "month",
         "evidence": "visits", "modes": ["home"]}
    r.update(kw)
    return {"version": "t", "rules": [r]}


@pytest.mark.parametrize("bad, field", [
    (_rule(period="week"), "rules[0].period"),
    (_rule(modes=["fax"]), "rules[0].modes"),
    (_rule(modes=[]), "rules[0].modes"),
    (_rule(kind="party"), "rules[0].kind"),
    (_rule(code=""), "rules[0].code"),
    (_rule(every="month"), "rules[0].every"),
    (_rule(applies_to={"category": ["rich"]}), "rules[0].applies_to.category"),
    (_rule(applies_to={"monitored": "yes"}), "rules[0].applies_to.monitored"),
    (_rule(evidence="followups", period="quarter"), "rules[0].quarters_after_elimination"),
    (_rule(counts_from="birthday"), "rules[0].counts_from"),
    ({"version": "t", "rules": []}, "rules"),
    ({"rules": _rule()["rules"]}, "version"),
])
def test_policy_validation_names_the_field(bad, field):
    with pytest.raises(ValidationError) as e:
        VisitPolicy.from_dict(bad)
    assert e.value.field == field


def test_policy_rejects_duplicate_codes_and_floats(tmp_path):
    d = _rule()
    d["rules"].append(dict(d["rules"][0]))
    with pytest.raises(ValidationError) as e:
        VisitPolicy.from_dict(d)
    assert e.value.field == "rules[1].code"
    f = tmp_path / "p.json"
    f.write_text('{"version": "t", "rules": [], "x": 1.5}', encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        VisitPolicy.load(f)
    assert e.value.rule == "no floats"


# --- monitored household, risk not eliminated: home visit every month -------------------------

def test_monitored_home_visit_this_month_is_done():
    item = one(monitored(visits=[(date(2024, 6, 5), HOME)]), 2024, 6, date(2024, 6, 20))
    assert item == DueItem("m1", DueKind.HOME_VISIT, "monitored_home_monthly", POLICY.rules[0].zh,
                           date(2024, 6, 1), date(2024, 6, 30), "done", date(2024, 6, 5), None)


def test_monitored_phone_call_does_not_satisfy_a_home_visit():
    item = one(monitored(visits=[(date(2024, 5, 20), HOME), (date(2024, 6, 5), PHONE)]), 2024, 6, date(2024, 6, 20))
    assert item.status == "due" and item.last_contact == date(2024, 5, 20)


def test_monitored_overdue_when_the_month_ended_without_visit():
    item = one(monitored(visits=[(date(2024, 4, 20), HOME)]), 2024, 5, date(2024, 6, 1))
    assert item.status == "overdue" and "2024-05-01至2024-05-31" in item.overdue_reason_zh
    assert "已结束" in item.overdue_reason_zh and "上一期" not in item.overdue_reason_zh
    # on the last day of the month it is still only due
    assert one(monitored(visits=[(date(2024, 4, 20), HOME)]), 2024, 5, date(2024, 5, 31)).status == "due"


def test_monitored_overdue_when_previous_month_was_missed_too():
    item = one(monitored(visits=[(date(2024, 4, 20), HOME)]), 2024, 6, date(2024, 6, 3))
    assert item.status == "overdue"
    assert item.overdue_reason_zh == "上一期(2024-05-01至2024-05-31)也未完成"
    # both: the period ended and the one before it was missed
    item = one(monitored(visits=[(date(2024, 4, 20), HOME)]), 2024, 6, date(2024, 7, 2))
    assert "已结束" in item.overdue_reason_zh and "上一期" in item.overdue_reason_zh


def test_month_before_identification_is_not_counted_as_missed():
    item = one(monitored(monitored_on=date(2024, 5, 20)), 2024, 6, date(2024, 6, 3))
    assert item.status == "due"
    assert one(monitored(monitored_on=date(2024, 5, 1)), 2024, 6, date(2024, 6, 3)).status == "overdue"
    # identified after the month asked about: nothing due for it
    assert due(monitored(monitored_on=date(2024, 7, 2)), 2024, 6, date(2024, 7, 5)) == []


def test_january_looks_back_to_december():
    visited = monitored(visits=[(date(2023, 12, 15), HOME)])
    assert one(visited, 2024, 1, date(2024, 1, 10)).status == "due"
    missed = monitored(visits=[(date(2023, 11, 15), HOME)])
    item = one(missed, 2024, 1, date(2024, 1, 10))
    assert item.status == "overdue" and "2023-12-01至2023-12-31" in item.overdue_reason_zh


@pytest.mark.parametrize("y, last", [(2024, 29), (2023, 28)])
def test_february_period_ends_on_its_last_day(y, last):
    item = one(monitored(), y, 2, date(y, 2, 10))
    assert item.period_end == date(y, 2, last)
    assert one(monitored(visits=[(date(y, 2, last), HOME)]), y, 2, date(y, 3, 1)).status == "done"


def test_visit_dated_after_today_is_not_counted():
    item = one(monitored(visits=[(date(2024, 5, 3), HOME), (date(2024, 6, 25), HOME)]), 2024, 6, date(2024, 6, 20))
    assert item.status == "due" and item.last_contact == date(2024, 5, 3)


def test_unsorted_visits_are_sorted_once():
    f = monitored(visits=[(date(2024, 6, 5), HOME), (date(2024, 6, 9), PHONE), (date(2024, 5, 1), HOME)])
    assert [d for d, _ in f.visits] == [date(2024, 5, 1), date(2024, 6, 5), date(2024, 6, 9)]
    assert one(f, 2024, 6, date(2024, 6, 20)).last_contact == date(2024, 6, 5)


# --- 脱贫户 at home / away ----------------------------------------------------------------------

def test_lifted_at_home_needs_a_home_visit_each_month():
    item = one(hh(visits=[(date(2024, 6, 2), HOME)]), 2024, 6, date(2024, 6, 20))
    assert (item.rule, item.kind, item.status) == ("lifted_home_monthly", DueKind.HOME_VISIT, "done")
    item = one(hh(visits=[(date(2024, 5, 30), HOME), (date(2024, 6, 2), WECHAT)]), 2024, 6, date(2024, 6, 20))
    assert item.status == "due"


@pytest.mark.parametrize("res", [R.AWAY, R.IN_TOWN])
@pytest.mark.parametrize("mode", [PHONE, WECHAT, HOME])
def test_lifted_away_any_contact_satisfies(res, mode):
    item = one(hh(res=res, visits=[(date(2024, 6, 2), mode)]), 2024, 6, date(2024, 6, 20))
    assert (item.rule, item.kind, item.status) == ("lifted_away_contact_monthly", DueKind.REMOTE_CONTACT, "done")


def test_lifted_away_without_contact_is_due():
    item = one(hh(res=R.AWAY, visits=[(date(2024, 5, 2), PHONE)]), 2024, 6, date(2024, 6, 20))
    assert item.status == "due" and item.last_contact == date(2024, 5, 2)


# --- risk eliminated: home each quarter, contact each month, 回头看 each quarter for a year -------

def test_eliminated_household_gets_three_items_in_policy_order():
    items = due(eliminated(visits=[(date(2024, 5, 20), PHONE)]), 2024, 6, date(2024, 6, 20))
    # all three end on 06-30, so the policy's order decides
    assert [(i.rule, i.kind, i.status) for i in items] == [
        ("eliminated_home_quarterly", DueKind.HOME_VISIT, "due"),
        ("eliminated_contact_monthly", DueKind.REMOTE_CONTACT, "due"),
        ("eliminated_followup_quarterly", DueKind.FOLLOWUP_CHECK, "due"),
    ]
    # a month with no contact after a month with none: the monthly contact is overdue
    item = one(eliminated(), 2024, 6, date(2024, 6, 20), "eliminated_contact_monthly")
    assert item.status == "overdue" and "上一期(2024-05-01至2024-05-31)" in item.overdue_reason_zh
    # nothing monthly is owed for the month before elimination
    assert one(eliminated(on=date(2024, 5, 10)), 2024, 6, date(2024, 6, 20), "eliminated_contact_monthly").status == "due"


def test_eliminated_quarterly_home_visit_uses_quarter_boundaries():
    rule = "eliminated_home_quarterly"
    f = eliminated(visits=[(date(2024, 4, 1), HOME)])
    item = one(f, 2024, 6, date(2024, 6, 20), rule)
    assert (item.period_start, item.period_end, item.status) == (date(2024, 4, 1), date(2024, 6, 30), "done")
    f = eliminated(visits=[(date(2024, 3, 31), HOME)])   # the previous quarter
    item = one(f, 2024, 6, date(2024, 6, 20), rule)
    assert item.status == "due" and item.last_contact == date(2024, 3, 31)
    f = eliminated(visits=[(date(2024, 6, 2), PHONE)])   # a call is not a home visit
    assert one(f, 2024, 6, date(2024, 6, 20), rule).status == "due"
    assert one(f, 2024, 6, date(2024, 6, 20), "eliminated_contact_monthly").status == "done"


def test_eliminated_quarter_of_elimination_is_not_judged_missed():
    # eliminated 2024-02-10: Q1 was mostly under the monthly rule, so Q2 is only due
    assert one(eliminated(), 2024, 4, date(2024, 4, 5), "eliminated_home_quarterly").status == "due"
    # a year on, a missed previous quarter makes the current one overdue
    item = one(eliminated(), 2025, 4, date(2025, 4, 5), "eliminated_home_quarterly")
    assert item.status == "overdue" and "2025-01-01至2025-03-31" in item.overdue_reason_zh


def test_followup_window_is_the_four_quarters_after_elimination():
    rule = "eliminated_followup_quarterly"
    f = eliminated(on=date(2024, 2, 10))
    assert [i for i in due(f, 2024, 3, date(2024, 3, 5)) if i.rule == rule] == []       # elimination quarter
    first = one(f, 2024, 4, date(2024, 4, 5), rule)
    assert (first.period_start, first.period_end, first.status) == (date(2024, 4, 1), date(2024, 6, 30), "due")
    assert one(f, 2025, 3, date(2025, 3, 5), rule).period_end == date(2025, 3, 31)      # 4th quarter
    assert [i for i in due(f, 2025, 4, date(2025, 4, 5)) if i.rule == rule] == []       # year over


def test_followup_done_by_a_case_followup_in_the_quarter():
    rule = "eliminated_followup_quarterly"
    f = eliminated(on=date(2024, 2, 10), followups=[date(2024, 5, 1)])
    item = one(f, 2024, 6, date(2024, 6, 20), rule)
    assert item.status == "done" and item.last_contact == date(2024, 5, 1)
    # the next quarter: due, not overdue, since Q2 was done
    assert one(f, 2024, 7, date(2024, 7, 5), rule).status == "due"
    # without the Q2 check, Q3 is overdue from its first day
    item = one(eliminated(on=date(2024, 2, 10)), 2024, 7, date(2024, 7, 5), rule)
    assert item.status == "overdue" and "2024-04-01至2024-06-30" in item.overdue_reason_zh


def test_followup_window_across_december():
    rule = "eliminated_followup_quarterly"
    f = eliminated(on=date(2024, 11, 15))
    assert [i for i in due(f, 2024, 12, date(2024, 12, 5)) if i.rule == rule] == []
    item = one(f, 2025, 1, date(2025, 1, 5), rule)
    assert (item.period_start, item.period_end, item.status) == (date(2025, 1, 1), date(2025, 3, 31), "due")


# --- 一般农户: a home visit each year -------------------------------------------------------------

def test_ordinary_household_needs_one_home_visit_a_year():
    item = one(hh("o1", C.ORDINARY, visits=[(date(2024, 2, 3), HOME)]), 2024, 9, date(2024, 9, 10))
    assert (item.rule, item.kind, item.status) == ("ordinary_home_yearly", DueKind.ANNUAL_VISIT, "done")
    assert (item.period_start, item.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    item = one(hh("o1", C.ORDINARY, visits=[(date(2024, 2, 3), PHONE)]), 2024, 9, date(2024, 9, 10))
    assert item.status == "due"


def test_ordinary_missed_year_shows_in_january_only():
    f = hh("o1", C.ORDINARY, visits=[(date(2023, 11, 3), HOME)])
    item = one(f, 2025, 1, date(2025, 1, 10))
    assert item.status == "overdue" and "2024-01-01至2024-12-31" in item.overdue_reason_zh
    # from February the year before reaches past the ~13 months of visits passed in
    assert one(f, 2025, 2, date(2025, 2, 10)).status == "due"


def test_ordinary_year_overdue_once_it_ended():
    item = one(hh("o1", C.ORDINARY), 2024, 12, date(2025, 1, 2))
    assert item.status == "overdue" and "已结束" in item.overdue_reason_zh


# --- facts and ordering ----------------------------------------------------------------------

def test_facts_are_checked():
    with pytest.raises(ValidationError) as e:
        hh("x", C.MONITORED, monitored=False)
    assert e.value.field == "monitored"
    with pytest.raises(ValidationError) as e:
        hh("x", C.LIFTED, eliminated=True)
    assert e.value.field == "risk_eliminated"
    with pytest.raises(ValidationError) as e:
        hh("x", eliminated_on=date(2024, 1, 1))
    assert e.value.field == "eliminated_on"
    assert hh("x", "脱贫户", "外出务工", visits=[(date(2024, 1, 1), "微信")]).visits == ((date(2024, 1, 1), WECHAT),)


def test_order_overdue_first_then_period_end_then_household():
    today = date(2024, 6, 3)
    facts = [
        hh("o2", C.ORDINARY),                                      # due, year end
        hh("b9", visits=[(date(2024, 5, 2), HOME)]),               # due, month end
        hh("a1"),                                                  # overdue (May missed), month end
        hh("a0", C.ORDINARY, visits=[(date(2024, 1, 9), HOME)]),   # done, year end
        eliminated("e1", on=date(2024, 2, 10), visits=[(date(2024, 5, 20), PHONE)]),
    ]
    items = due(facts, 2024, 6, today)
    assert [(i.household_id, i.rule, i.status) for i in items] == [
        ("a1", "lifted_home_monthly", "overdue"),
        ("b9", "lifted_home_monthly", "due"),
        ("e1", "eliminated_home_quarterly", "due"),
        ("e1", "eliminated_contact_monthly", "due"),
        ("e1", "eliminated_followup_quarterly", "due"),
        ("a0", "ordinary_home_yearly", "done"),
        ("o2", "ordinary_home_yearly", "due"),
    ]
    assert due(list(reversed(facts)), 2024, 6, today) == items


def test_bad_month_and_today_are_refused():
    with pytest.raises(ValidationError) as e:
        due_for_month([], 2024, 13, date(2024, 1, 1), POLICY)
    assert e.value.field == "month"
    assert due_for_month([], 2024, 6, date(2024, 6, 1), POLICY) == []


def test_trusted_facts_equal_checked_facts():
    visits = [(date(2024, 6, 3), V.PHONE), (date(2024, 5, 2), V.HOME)]
    args = ("h1", C.MONITORED, R.AT_HOME, True, True, date(2024, 1, 9), (date(2024, 5, 1),))
    checked = HouseholdDueFacts(*args, tuple(visits), date(2023, 10, 1))
    trusted = HouseholdDueFacts.trusted(*args, list(visits), date(2023, 10, 1))
    assert trusted == checked
    assert trusted.visits[0][0] == date(2024, 5, 2) and trusted.rule_key == checked.rule_key
