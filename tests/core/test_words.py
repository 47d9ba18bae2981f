"""app/core/words.py: one place that names a code, for the command line, the printed sheets and the window."""
from __future__ import annotations

from app.core.enums import CaseState, DueKind, HouseholdCategory, RiskType
from app.core.words import DUE_STATUS, case_step_zh, date_zh, month_zh, zh, zh_list, zh_names


def test_an_enum_code_is_named_by_its_chinese_name():
    assert zh(HouseholdCategory, "lifted") == "脱贫户"
    assert zh(DueKind, "remote_contact") == "电话/微信联系"
    assert zh(CaseState, CaseState.CLUE) == "风险线索"


def test_no_code_is_no_word_and_an_unknown_code_is_shown_as_it_is():
    assert zh(HouseholdCategory, None) == "" and zh(HouseholdCategory, "") == ""
    assert zh(HouseholdCategory, "from_a_newer_version") == "from_a_newer_version"


def test_lists_of_codes():
    codes = [RiskType.ILLNESS.value, RiskType.DISABILITY.value]
    assert zh_names(RiskType, codes) == [RiskType.ILLNESS.zh, RiskType.DISABILITY.zh]
    assert zh_list(RiskType, codes) == f"{RiskType.ILLNESS.zh}、{RiskType.DISABILITY.zh}"
    assert zh_names(RiskType, RiskType.ILLNESS.value) == [RiskType.ILLNESS.zh]   # one code given alone
    assert zh_list(RiskType, None) == ""


def test_statuses_steps_months_and_dates():
    assert [DUE_STATUS[s] for s in ("overdue", "due", "done")] == ["逾期", "待完成", "已完成"]
    assert case_step_zh("identify") == "识别认定" and case_step_zh("plan") == "帮扶计划"
    assert case_step_zh("followup_2") == "第2次回头看"
    assert month_zh("2026-02") == "2026年2月"
    assert date_zh("2026-10-05") == "2026年10月5日" and date_zh(None) == "" and date_zh("2026-10") == "2026-10"
