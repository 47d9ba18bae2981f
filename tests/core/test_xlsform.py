"""XLSForms read by pyxform: .md, .xlsx and .xls workbooks as ODK and Kobo write them, every
type a desktop collects, the rest refused with row, column and the feature named; and the
evaluation as ODK does it."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.core.forms.definition import FormError, load_file
from app.core.forms.engine import available_choices, evaluate, initial_answers

TODAY = date(2026, 11, 20)


def md(tmp_path, text: str, name="village_survey.md"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_settings_without_form_id_or_version_and_aliased_headers(tmp_path):
    f = load_file(md(tmp_path, """
| survey |  |  |  |
|  | Type | Name | Label::English (en) |
|  | integer | age | Age |
|  | select_one yn | ok | OK? |
| choices |  |  |  |
|  | list name | name | label::English (en) |
|  | yn | yes | Yes |
|  | yn | no | No |
"""))
    assert (f.form_id, f.version) == ("village_survey", "1")
    assert f.question("age").label("English") == "Age"
    assert [c.name for c in f.choices["yn"]] == ["yes", "no"]


def test_desktop_types_and_metadata(tmp_path):
    f = load_file(md(tmp_path, """
| survey |  |  |  |  |
|  | type | name | label | default |
|  | start | started |  | |
|  | today | day |  | |
|  | deviceid | device |  | |
|  | username | user |  | |
|  | time | at | At | |
|  | dateTime | when | When | |
|  | geopoint | where | Where | |
|  | acknowledge | ack | Read? | |
|  | barcode | code | Code | |
|  | hidden | h |  | x |
|  | range | score | Score | |
|  | date | visit | Visit | today() |
"""))
    now = datetime(2026, 11, 20, 9, 30)
    a = initial_answers(f, today=TODAY, now=now, meta={"deviceid": "zhucun:abc", "username": "李娜"})
    assert a == {"started": "2026-11-20T09:30:00", "day": "2026-11-20", "device": "zhucun:abc", "user": "李娜",
                 "h": "x", "visit": "2026-11-20"}
    state = evaluate(f, {**a, "at": "9:5", "when": "2026-11-20 09:05", "where": "28.2 112.9", "ack": "OK",
                         "code": "6901234567892", "score": "7"}, TODAY)
    assert [i.rule for i in state.issues] == ["time"]
    state = evaluate(f, {**a, "at": "09:05", "when": "2026-11-20 09:05", "where": "28.2 112.9 50 5",
                         "ack": "OK", "score": "7"}, TODAY)
    assert state.complete
    assert (state.values["at"], state.values["when"], state.values["score"]) == ("09:05:00", "2026-11-20T09:05:00", 7)
    bad = evaluate(f, {"where": "95 10", "score": "11"}, TODAY)
    assert sorted(i.rule for i in bad.issues) == ["geopoint", "range"]
    assert "1 到 10" in next(i.message for i in bad.issues if i.rule == "range")


def test_an_unsupported_type_is_refused_with_row_column_and_feature(tmp_path):
    with pytest.raises(FormError) as e:
        load_file(md(tmp_path, """
| survey |  |  |  |
|  | type | name | label |
|  | text | a | A |
|  | geotrace | path | Path walked |
"""))
    assert (e.value.row, e.value.column) == (3, "type") and "'geotrace'" in str(e.value)


def test_a_photo_is_an_attachment_kept_with_the_answers(tmp_path):
    import base64
    f = load_file(md(tmp_path, """
| survey |  |  |  |
|  | type | name | label |
|  | image | photo | 房屋照片 |
|  | file | doc | 证明材料 |
"""))
    data = base64.b64encode(b"\x89PNG fake").decode()
    state = evaluate(f, {"photo": {"name": "C:\\photos\\house.png", "data": data}}, TODAY)
    assert state.values["photo"]["name"] == "house.png" and state.values["photo"]["size"] == 9
    bad = evaluate(f, {"photo": "house.png", "doc": {"name": "a.pdf", "data": "A" * (12 << 20)}}, TODAY)
    assert [i.rule for i in bad.issues] == ["attachment", "attachment_size"]
    assert "8 MB" in bad.issues[1].message


def test_or_other_choice_name_and_bare_choice_filter_enforced(tmp_path):
    f = load_file(md(tmp_path, """
| survey |  |  |  |  |
|  | type | name | label | choice_filter | calculation |
|  | select_one county or_other | county | County | | |
|  | select_one village | village | Village | county=${county} | |
|  | calculate | county_label | | | jr:choice-name(${county}, '${county}') |
| choices |  |  |  |  |
|  | list_name | name | label | county |
|  | county | a | 甲县 | |
|  | county | b | 乙县 | |
|  | village | v1 | 一村 | a |
|  | village | v2 | 二村 | b |
"""))
    assert [c.name for c in available_choices(f, f.question("village"), {"county": "a"}, TODAY)] == ["v1"]
    state = evaluate(f, {"county": "a", "village": "v2"}, TODAY)
    assert [(i.path, i.rule) for i in state.issues] == [("village", "choice")]
    assert evaluate(f, {"county": "a", "village": "v1"}, TODAY).values["county_label"] == "甲县"
    other = evaluate(f, {"county": "other", "county_other": "丙县"}, TODAY)
    assert other.values["county_other"] == "丙县" and other.relevant["county_other"]
    assert not evaluate(f, {"county": "a", "county_other": "丙县"}, TODAY).relevant["county_other"]


def test_choices_from_a_csv_shipped_with_the_form(tmp_path):
    (tmp_path / "villages.csv").write_text("name,label,town\nv1,一村,t1\nv2,二村,t2\n", "utf-8")
    f = load_file(md(tmp_path, """
| survey |  |  |  |  |
|  | type | name | label | choice_filter |
|  | text | town | Town | |
|  | select_one_from_file villages.csv | village | Village | town=${town} |
"""))
    assert [c.name for c in f.choices["villages.csv"]] == ["v1", "v2"]
    assert evaluate(f, {"town": "t2", "village": "v2"}, TODAY).complete
    (tmp_path / "villages.csv").unlink()
    with pytest.raises(FormError, match="villages.csv must be next to the form"):
        load_file(tmp_path / "village_survey.md")


def test_odk_evaluation_order_booleans_and_repeat_count(tmp_path):
    f = load_file(md(tmp_path, """
| survey |  |  |  |  |
|  | type | name | label | calculation | repeat_count |
|  | calculate | c6 | | ${c5} + 1 | |
|  | calculate | c5 | | ${c4} + 1 | |
|  | calculate | c4 | | ${c3} + 1 | |
|  | calculate | c3 | | ${c2} + 1 | |
|  | calculate | c2 | | ${c1} + 1 | |
|  | calculate | c1 | | ${age} | |
|  | integer | age | Age | | |
|  | calculate | isadult | | ${age} >= 18 | |
|  | calculate | minor | | if(${isadult} = 'false', 'yes', 'no') | |
|  | integer | double_age | Twice | ${age} * 2 | |
|  | integer | n | How many | | |
|  | begin repeat | kids | Kids | | ${n} |
|  | text | kid | Name | | |
|  | end repeat | | | | |
|  | calculate | second | | indexed-repeat(${kid}, ${kids}, 2) | |
"""))
    state = evaluate(f, {"age": 12, "n": 2, "kids": [{"kid": "甲"}, {"kid": "乙"}, {"kid": "丙"}]}, TODAY)
    v = state.values
    assert (v["c6"], v["isadult"], v["minor"], v["double_age"]) == (17, "false", "yes", 24)
    assert v["kids"] == [{"kid": "甲"}, {"kid": "乙"}] and v["second"] == "乙"


def test_a_reference_cycle_is_refused(tmp_path):
    with pytest.raises(FormError, match=r"circle: \$\{a\} → \$\{b\} → \$\{a\}") as e:
        load_file(md(tmp_path, """
| survey |  |  |  |
|  | type | name | calculation |
|  | calculate | a | ${b} + 1 |
|  | calculate | b | ${a} + 1 |
"""))
    assert e.value.row == 2


def test_xlsx_and_xls_workbooks(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (["type", "name", "label::中文 (zh)"], ["integer", "pigs", "生猪存栏"], ["text", "note_", "备注"]):
        ws.append(row)
    # a LibreOffice-style sheet that claims the whole grid
    ws.cell(row=1, column=1000, value=None)
    wb.save(tmp_path / "生猪调查.xlsx")
    f = load_file(tmp_path / "生猪调查.xlsx")
    assert f.form_id.startswith("form_") and f.question("pigs").label() == "生猪存栏"



def test_pulldata_reads_a_csv_shipped_with_the_form(tmp_path):
    (tmp_path / "prices.csv").write_text("crop,price\nrice,2.8\ncorn,2.4\n", "utf-8")
    f = load_file(md(tmp_path, """
| survey |  |  |  |
|  | type | name | calculation |
|  | text | crop | |
|  | calculate | price | pulldata('prices', 'price', 'crop', ${crop}) |
"""))
    assert f.tables["prices"][1] == {"crop": "corn", "price": "2.4"}
    assert evaluate(f, {"crop": "corn"}, TODAY).values["price"] == "2.4"
    from app.core.forms.definition import load_rows
    stored = load_rows(f.rows, "stored")  # the table travels with the definition
    assert evaluate(stored, {"crop": "rice"}, TODAY).values["price"] == "2.8"


def test_a_sheet_claiming_the_whole_grid_reads_only_its_rows(tmp_path):
    """As LibreOffice saves it: dimension A1:AMJ1048576 and a styled cell in the far corner."""
    import re
    import zipfile

    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label"])
    ws.append(["integer", "a", "A"])
    wb.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, \
            zipfile.ZipFile(tmp_path / "libreoffice.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:AMJ1048576"/>', data.decode())
                data = text.replace("</sheetData>", '<row r="1048576"><c r="AMJ1048576" s="0"/></row></sheetData>')
            out.writestr(item, data)
    f = load_file(tmp_path / "libreoffice.xlsx")
    assert [q.name for q in f.walk()] == ["a"]


def test_pyxform_json_imports_like_its_workbook(tmp_path):
    import json

    from pyxform.xls2json import parse_file_to_json
    source = md(tmp_path, """
| survey |  |  |  |  |
|  | type | name | label | relevant |
|  | integer | age | Age | |
|  | text | school | School | ${age} < 18 |
| settings | | |
| | form_id | version |
| | kids | 2026.1 |
""")
    (tmp_path / "kids.json").write_text(json.dumps(parse_file_to_json(str(source))), "utf-8")
    f = load_file(tmp_path / "kids.json")
    assert (f.form_id, f.version) == ("kids", "2026.1")
    assert not evaluate(f, {"age": 30, "school": "x"}, TODAY).relevant["school"]
