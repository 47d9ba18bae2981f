"""Rules at entry, as the national logic checks and GB 11643 write them: the province, the ID
number, a member's relation and sex, and the school stage and labour a child's age gives —
through the command line, the service the window calls, and ledger import."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.core.errors import ValidationError
from app.services import households, incomes, ledger_import

from policykit import TODAY, id_number, village  # noqa: F401 - fixture


def test_the_province_is_validated_at_entry_with_the_accepted_forms_named(village):
    """`--province 湖南` is taken as 湖南省 (code 43), so `income add` finds its baseline; a
    province that is none is refused at entry, naming the forms accepted."""
    code, out = village.cli("household", "add", "--head", "张三", "--province", "湖南")
    assert code == 0, out
    assert out["province"] == "43"
    for given in ("43", "430524", "湖南省", "广西", "内蒙古自治区"):
        assert households.add_household(village.store, {"head_name": "李四", "province": given})["province"]
    code, out = village.cli("household", "add", "--head", "王五", "--province", "湖湘")
    assert code == 3 and out["field"] == "province"
    assert "2位省级代码" in out["message"] and "6位行政区划代码" in out["message"] and "省名" in out["message"]
    with pytest.raises(ValidationError):
        households.add_household(village.store, {"head_name": "赵六", "province": "99"})
    home = village.household("钱七", province="湖南")
    assert incomes.add_income(village.store, home["id"], "2026-03-01", {"wage": 2_000_000},
                              today=TODAY)["baseline_fen"] > 0


def test_a_childs_school_stage_and_labour_follow_the_age_the_id_number_gives(village):
    """Defaults follow the age the ID number gives: under 16 无劳动力; school age the matching
    stage (学前 3–5, 小学 6–11, 七至九年级 12–14, 高中或中职 15–17); adults 非在校生."""
    home = village.household()
    code, out = village.cli("member", "add", "--household", home["id"], "--name", "张小明", "--relation", "之子",
                            "--id-number", id_number("2018-09-01", "male"))
    assert code == 0, out
    assert (out["school_status"], out["labour"]) == ("primary", "none")
    expected = {"2023-03-01": ("preschool", "none"), "2013-01-01": ("junior", "none"),
                "2010-08-01": ("senior", "none"), "2000-01-01": ("none", None)}
    for birth, (school, labour) in expected.items():
        m = households.add_member(village.store, home["id"], {"name": f"孩子{birth[:4]}", "relation": "之女",
                                                              "id_number": id_number(birth, "female")}, today=TODAY)
        assert (m["school_status"], m.get("labour") if labour else None) == (school, labour), birth
    # What is typed in wins over the default.
    m = households.add_member(village.store, home["id"], {"name": "辍学生", "relation": "之孙子",
                                                          "id_number": id_number("2013-05-05", "male"),
                                                          "school_status": "辍学", "dropout_reason": "厌学"},
                              today=TODAY)
    assert (m["school_status"], m["labour"]) == ("dropped_out", "none")


def test_ledger_import_gives_children_the_same_defaults(village, tmp_path):
    """A ledger row without 劳动技能 and 在校生状况 for a child of 9 gets 小学 and 无劳动力."""
    wb = Workbook()
    ws = wb.active
    ws.append(["户编号", "户主姓名", "户类型", "姓名", "证件号码", "与户主关系"])
    ws.append(["4305210009", "张三", "脱贫户", "张三", id_number("1970-01-01", "male"), "户主"])
    ws.append(["4305210009", "张三", "脱贫户", "张小红", id_number("2017-06-01", "female"), "之女"])
    wb.save(tmp_path / "c.xlsx")
    result = ledger_import.import_ledger(village.store, tmp_path / "c.xlsx", today=TODAY)
    assert result.summary["imported"] == 2, result.rejected
    child = next(m for m in households.members(village.store, households.get_household(
        village.store, "4305210009")["id"]) if m["name"] == "张小红")
    assert (child["school_status"], child["labour"]) == ("primary", "none")


def test_gb11643_example_is_refused_for_plausibility_and_saved_when_confirmed(village):
    """440524188001010014 (GB 11643's example) passes its check digit; its 1880 birth year is a
    separate rule, with its own message, that a person may override after checking the card."""
    home = village.household()
    code, out = village.cli("member", "add", "--household", home["id"], "--name", "张老太", "--relation", "之父",
                            "--id-number", "440524188001010014")
    assert code == 3 and out["rule"] == "plausible birth year"
    assert "校验位正确" in out["message"] and "校验位错误" not in out["message"]
    code, out = village.cli("member", "add", "--household", home["id"], "--name", "张老太", "--relation", "之父",
                            "--id-number", "440524188001010015")
    assert code == 3 and out["rule"] == "GB 11643 check digit"
    code, out = village.cli("member", "add", "--household", home["id"], "--name", "张老太", "--relation", "之父",
                            "--id-number", "440524188001010014", "--set", "confirm_birth_year=是")
    assert code == 0, out
    assert out["birth_date"] == "1880-01-01" and "confirm_birth_year" not in out


def test_a_woman_is_not_saved_as_a_son(village):
    """与户主关系 that names a sex (之子, 之女, 之父, 之母, 之儿媳 …) must agree with the member's sex."""
    home = village.household()
    code, out = village.cli("member", "add", "--household", home["id"], "--name", "张小红", "--relation", "之子",
                            "--id-number", id_number("2001-04-04", "female"))
    assert code == 3 and out["field"] == "relation" and "之子" in out["message"]
    m = households.add_member(village.store, home["id"], {"name": "张小红", "relation": "之女",
                                                          "id_number": id_number("2001-04-04", "female")}, today=TODAY)
    with pytest.raises(ValidationError) as e:
        households.update_member(village.store, m["id"], {"relation": "之子"}, today=TODAY)
    assert e.value.field == "relation"


def test_each_baseline_row_carries_its_source_and_defaults_say_they_are_estimates(village):
    """Only 2022 = 6,900 yuan is published (seed 003 #3); the other default years are estimates.
    Each row names its source; an unsourced default says so wherever it is shown."""
    from app.services import config
    table = config.baselines(village.store)
    assert table.for_year(None, 2022) == 690_000 and "6900元" in table.source(None, 2022)
    assert table.source(None, 2026) is None and "默认估计值" in table.source_zh(None, 2026)
    assert "default 2026" in table.unsourced() and "default 2022" not in table.unsourced()
    home = village.household(province="湖南")
    code, out = village.cli("income", "add", "--household", home["id"], "--date", "2026-03-01", "--wage", "20000")
    assert code == 0, out
    assert out["baseline_source"] is None and "默认估计值" in out["baseline_source_zh"]
    village.close()
    code, out = village.cli("income", "add", "--household", home["id"], "--date", "2022-08-01", "--wage", "20000")
    assert code == 0 and "2022年为6900元" in out["baseline_source"]
    # The county's table carries its own sources through sync; a source must name an existing row.
    config.set_baselines(village.store, {"default": {"2026": 820_000}, "sources": {"default": {"2026": "县发文"}}})
    assert config.baselines(village.store).source_zh("43", 2026) == "出处：县发文"
    with pytest.raises(ValidationError):
        config.set_baselines(village.store, {"default": {"2026": 820_000}, "sources": {"default": {"2025": "县发文"}}})
