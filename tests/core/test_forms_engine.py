"""The form engine: loading definitions (errors named by file, row, column and position),
relevance, calculations over repeats, constraints, choice filters, and XLSForm workbooks."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from app.core.forms.definition import FormError, load_file, load_rows
from app.core.forms.engine import available_choices, evaluate

TODAY = date(2026, 11, 20)


def form(survey, choices=(), **settings):
    return load_rows({"settings": {"form_id": "t", "version": "1", **settings},
                      "survey": list(survey), "choices": list(choices)}, "t.yaml")


def test_a_wrong_expression_is_reported_with_row_column_and_position():
    with pytest.raises(FormError) as e:
        form([{"type": "integer", "name": "a"},
              {"type": "integer", "name": "b", "relevant": "${a} > > 2"}])
    err = e.value
    assert (err.source, err.row, err.column) == ("t.yaml", 3, "relevant")
    assert err.position == 7
    assert "t.yaml, row 3, relevant, position 8" in str(err)


def test_an_unknown_name_is_reported_at_load():
    with pytest.raises(FormError) as e:
        form([{"type": "integer", "name": "a", "constraint": ". < ${limit}"}])
    assert e.value.row == 2 and e.value.column == "constraint" and "${limit}" in str(e.value)


@pytest.mark.parametrize("survey,needle", [
    ([{"type": "select_one nolist", "name": "x"}], "no choice list"),
    ([{"type": "integer", "name": "a"}, {"type": "text", "name": "a"}], "used twice"),
    ([{"type": "begin group", "name": "g"}], "never closed"),
    ([{"type": "end repeat"}], "without a matching begin"),
    ([{"type": "geotrace", "name": "x"}], "unknown type"),
    ([{"type": "calculate", "name": "a", "calculation": "${b} + 1"},
      {"type": "calculate", "name": "b", "calculation": "${a} * 2"}], "in a circle"),
    ([{"type": "begin repeat", "name": f"r{i}"} for i in range(6)] + [{"type": "end repeat"}] * 6,
     "nested more than 4 deep"),
    ([{"type": "calculate", "name": "c"}], "needs a calculation"),
    ([{"type": "signature", "name": "s"}], "role=investigator"),
    ([{"type": "text", "name": "2bad"}], "name is required"),
])
def test_definition_mistakes(survey, needle):
    with pytest.raises(FormError, match=needle):
        form(survey)


def test_settings_need_id_and_version():
    with pytest.raises(FormError, match="version"):
        load_rows({"settings": {"form_id": "x"}, "survey": [{"type": "text", "name": "a"}]})


CHILDREN = [
    {"type": "integer", "name": "income", "label::中文": "收入", "constraint": ". >= 0",
     "constraint_message::中文": "收入不能为负"},
    {"type": "begin repeat", "name": "kids", "label::中文": "子女"},
    {"type": "text", "name": "kid", "label::中文": "姓名", "required": "yes"},
    {"type": "integer", "name": "age", "label::中文": "年龄", "required": "yes"},
    {"type": "select_one yn", "name": "school", "label::中文": "在校", "relevant": "${age} >= 6 and ${age} <= 16",
     "required": "yes"},
    {"type": "calculate", "name": "student", "calculation": "if(${school} = 'y', 1, 0)"},
    {"type": "end repeat"},
    {"type": "calculate", "name": "students", "calculation": "sum(${student})"},
    {"type": "calculate", "name": "n", "calculation": "count(${kids})"},
    {"type": "note", "name": "many", "relevant": "${students} >= 3", "label::中文": "三个及以上在校生"},
]
YN = [{"list_name": "yn", "name": "y", "label::中文": "是"}, {"list_name": "yn", "name": "n", "label::中文": "否"}]


def test_repeats_relevance_and_sums():
    f = form(CHILDREN, YN)
    kids = [{"kid": "大毛", "age": 8, "school": "y"}, {"kid": "二毛", "age": 3, "school": "y"},
            {"kid": "三毛", "age": 12}]
    state = evaluate(f, {"income": "100", "kids": kids}, TODAY)
    # 二毛 is 3: the school question is hidden and its answer dropped; 三毛's is missing.
    assert state.relevant["kids[2].school"] is False
    assert "school" not in state.values["kids"][1]
    assert [(i.path, i.rule) for i in state.missing] == [("kids[3].school", "required")]
    assert state.values["students"] == 1 and state.values["n"] == 3
    assert state.relevant["many"] is False


def test_types_and_constraint_messages():
    f = form(CHILDREN, YN)
    state = evaluate(f, {"income": "-3", "kids": [{"kid": "甲", "age": "八", "school": "maybe"}]}, TODAY)
    got = {(i.path, i.rule): i.message for i in state.issues}
    assert got[("income", "constraint")] == "收入不能为负"
    assert got[("kids[1].age", "integer")] == "年龄应为整数"
    assert ("kids[1].school", "choice") not in got  # hidden: age unknown, so not asked
    english = evaluate(f, {"kids": [{"kid": "甲", "age": "x"}]}, TODAY, lang="English")
    assert english.issues[0].message == "年龄 must be a whole number"  # no English label: the Chinese one


def test_decimals_stay_exact():
    f = form([{"type": "decimal", "name": "a"}, {"type": "decimal", "name": "b"},
              {"type": "calculate", "name": "s", "calculation": "${a} + ${b}"}])
    assert evaluate(f, {"a": "0.1", "b": 0.2}, TODAY).values == {"a": "0.1", "b": "0.2", "s": "0.3"}


def test_calculations_are_not_rounded_to_two_places():
    f = form([{"type": "calculate", "name": "third", "calculation": "1 div 3"},
              {"type": "calculate", "name": "whole", "calculation": "${third} * 3"}])
    assert evaluate(f, {}, TODAY).values == {"third": "0.3333333333333333", "whole": 1}


def test_choice_filter_reads_the_choice_columns():
    f = form([{"type": "select_one town", "name": "town"},
              {"type": "select_one village", "name": "village", "choice_filter": "${town_of} = ${town}"}],
             [{"list_name": "town", "name": "a"}, {"list_name": "town", "name": "b"},
              {"list_name": "village", "name": "v1", "town_of": "a"},
              {"list_name": "village", "name": "v2", "town_of": "b"},
              {"list_name": "village", "name": "v3", "town_of": "a"}])
    q = f.question("village")
    assert [c.name for c in available_choices(f, q, {"town": "a"}, TODAY)] == ["v1", "v3"]


def _workbook(path, survey, choices=(), settings=(("form_id", "version"), ("wb", "2"))):
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in survey:
        ws.append(list(row))
    if choices:
        c = wb.create_sheet("choices")
        for row in choices:
            c.append(list(row))
    s = wb.create_sheet("settings")
    for row in settings:
        s.append(list(row))
    wb.save(path)
    return path


def test_xlsform_error_names_the_sheet_row(tmp_path):
    path = _workbook(tmp_path / "bad.xlsx", [("type", "name", "label", "relevant"),
                                             ("integer", "a", "A", ""),
                                             ("", "", "", ""),
                                             ("integer", "b", "B", "${a} >")])
    with pytest.raises(FormError) as e:
        load_file(path)
    assert e.value.source == "bad.xlsx" and e.value.row == 4 and e.value.column == "relevant"


def test_xlsform_loads_like_yaml(tmp_path):
    path = _workbook(tmp_path / "ok.xlsx",
                     [("type", "name", "label::中文", "label::English", "required"),
                      ("select_multiple crops", "crops", "种植作物", "Crops", "yes"),
                      ("integer", "mu", "面积（亩）", "Area (mu)", "")],
                     [("list_name", "name", "label::中文"), ("crops", "rice", "水稻"), ("crops", 1, "玉米")])
    f = load_file(path)
    assert (f.form_id, f.version) == ("wb", "2")
    assert [c.name for c in f.choices["crops"]] == ["rice", "1"]
    assert f.question("mu").label("English") == "Area (mu)"
    state = evaluate(f, {"crops": ["rice", "1"], "mu": "3"}, TODAY)
    assert state.complete and state.values == {"crops": ["rice", "1"], "mu": 3}
