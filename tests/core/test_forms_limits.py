"""No form and no answer can crash, hang or exhaust the program: every bound is refused with
the question and the limit named."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.forms.definition import FormError, load_rows
from app.core.forms.engine import MAX_ANSWER, evaluate

TODAY = date(2026, 11, 20)


def form(survey, choices=()):
    return load_rows({"settings": {"form_id": "t", "version": "1"}, "survey": list(survey),
                      "choices": list(choices)}, "t.yaml")


def test_a_constraint_without_its_own_message_names_the_rule():
    f = form([{"type": "integer", "name": "age", "label": "年龄", "constraint": ". < 120"}])
    state = evaluate(f, {"age": "130"}, TODAY)
    assert [(i.rule, i.message) for i in state.issues] == [("constraint", "年龄不符合规则：. < 120")]
    state = evaluate(f, {"age": "130"}, TODAY, lang="English")
    assert state.issues[0].message == "年龄 breaks the rule: . < 120"


@pytest.mark.parametrize("kind,value,rule,limit", [
    ("integer", "9" * 5000, "digits", "18"),
    ("integer", 10 ** 5000, "digits", "18"),
    ("decimal", "1E+10000000", "decimal_digits", "28"),
    ("decimal", "1E-50000000", "decimal_digits", "28"),
    ("text", "x" * (MAX_ANSWER + 1), "too_long", str(MAX_ANSWER)),
], ids=["long-integer-text", "huge-int", "decimal-1E+10000000", "decimal-1E-50000000", "long-text"])
def test_huge_answers_are_refused_naming_the_limit(kind, value, rule, limit):
    f = form([{"type": kind, "name": "q", "label": "数量"}])
    state = evaluate(f, {"q": value}, TODAY)
    assert [i.rule for i in state.issues] == [rule]
    assert "数量" in state.issues[0].message and limit in state.issues[0].message
    assert "q" not in state.values


def test_doubling_text_stops_at_the_limit_and_names_the_question():
    survey = [{"type": "text", "name": "s0", "label": "起点"}]
    survey += [{"type": "calculate", "name": f"s{i}", "label": f"第{i}步",
                "calculation": f"concat(${{s{i - 1}}}, ${{s{i - 1}}})"} for i in range(1, 43)]
    state = evaluate(form(survey), {"s0": "ab"}, TODAY)
    over = [i for i in state.issues if i.rule == "limit"]
    assert over and "65536" in over[0].message and over[0].name == "s16"
    assert all(len(v) <= 65536 for v in state.values.values())


def test_catastrophic_regex_is_linear():
    f = form([{"type": "text", "name": "t", "label": "编号", "constraint": "regex(., '(a+)+$')"}])
    state = evaluate(f, {"t": "a" * 35 + "b"}, TODAY)
    assert [i.rule for i in state.issues] == ["constraint"]
    assert evaluate(f, {"t": "a" * 5000}, TODAY).complete


def test_java_unicode_escapes_in_patterns():
    f = form([{"type": "text", "name": "n", "label": "姓名", "constraint": r"regex(., '[\u4e00-\u9fa5]{2,4}')"}])
    assert evaluate(f, {"n": "张三"}, TODAY).complete
    assert not evaluate(f, {"n": "Zhang"}, TODAY).complete


def test_a_back_reference_is_refused_at_load():
    with pytest.raises(FormError, match="Invalid regular expression"):
        form([{"type": "text", "name": "t", "constraint": r"regex(., '(a)\1')"}])


def test_thirty_thousand_choices_load_in_linear_time():
    choices = [{"list_name": "v", "name": f"c{i}", "label": f"村{i}"} for i in range(30_000)]
    f = form([{"type": "select_one v", "name": "v"}], choices)
    assert len(f.choices["v"]) == 30_000
    with pytest.raises(FormError, match="appears twice"):
        form([{"type": "select_one v", "name": "v"}], choices + [choices[-1]])


def test_no_answer_of_any_shape_crashes_evaluate():
    from hypothesis import given, settings, strategies as st
    survey = [{"type": t, "name": f"q_{t}"} for t in ("text", "integer", "decimal", "date", "time", "datetime",
                                                     "geopoint", "barcode", "acknowledge", "hidden", "image",
                                                     "start", "deviceid")]
    survey += [{"type": "select_one yn", "name": "one"}, {"type": "select_multiple yn", "name": "many"},
               {"type": "rank yn", "name": "ranked"},
               {"type": "range", "name": "r", "parameters": "start=0 end=5 step=0.5"},
               {"type": "begin repeat", "name": "rep", "repeat_count": "${q_integer}"},
               {"type": "integer", "name": "inner", "constraint": ". < 10"}, {"type": "end repeat"},
               {"type": "calculate", "name": "c", "calculation": "concat(${q_text}, ${q_decimal}, sum(${inner}))"}]
    f = form(survey, [{"list_name": "yn", "name": "y"}, {"list_name": "yn", "name": "n"}])
    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30)
                               | st.sampled_from(["1E+999999", "NaN", "-0", "12:61", "91 200", "y", "y n"]),
                               lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                                            max_size=4),
                               max_leaves=10)
    names = [q["name"] for q in survey if q.get("name")]

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(st.sampled_from(names), json_values))
    def run(answers):
        state = evaluate(f, answers, TODAY)
        assert isinstance(state.values, dict)
        assert all(isinstance(i.message, str) and i.message for i in state.problems())
    run()
