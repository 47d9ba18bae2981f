"""Chinese line breaking: punctuation placement, whole numbers, explicit newlines."""
from __future__ import annotations

from hypothesis import given, strategies as st

from app.reports.linebreak import NO_END, NO_START, break_lines, pieces


def width(text: str) -> float:
    """Every character one unit wide: enough to test where the breaks fall."""
    return float(len(text))


def test_a_closing_mark_hangs_instead_of_starting_a_line():
    assert break_lines("我们的国家，很好", width, 5) == ["我们的国家，", "很好"]
    assert break_lines("收入稳定。）下一句", width, 5) == ["收入稳定。）", "下一句"]


def test_an_opening_mark_never_ends_a_line():
    assert break_lines("他说了“好的”", width, 4) == ["他说了", "“好的”"]
    lines = break_lines("户主《帮扶手册》", width, 3)
    assert all(line[-1] not in NO_END and line[0] not in NO_START for line in lines)
    assert "".join(lines) == "户主《帮扶手册》"


def test_numbers_and_id_numbers_stay_whole():
    lines = break_lines("身份证号430521199001011234已核", width, 20)
    assert "430521199001011234" in lines[1]
    assert break_lines("人均纯收入 7,300.50 元", width, 9)[1].startswith("7,300.50")


def test_newlines_break_and_spaces_do_not_lead():
    assert break_lines("第一行\n 第二行", width, 10) == ["第一行", "第二行"]


@given(st.text(alphabet="我们的国家很好，。！？：；”》）“《（帮扶手册12345ab ", max_size=80),
       st.integers(min_value=3, max_value=20))
def test_never_loses_text_or_breaks_the_rules(text, limit):
    lines = break_lines(text, width, limit)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:  # over the limit only by hanging marks, or opening marks with the one
        body = line.rstrip("".join(NO_START))  # piece they open, which cannot be parted
        assert width(body) <= limit or len(pieces(body.lstrip("".join(NO_END)))) <= 1, (line, limit)
    for line in lines[1:]:
        assert not line or line[0] not in NO_START
    for line in lines[:-1]:
        assert not line or line[-1] not in NO_END


def test_a_run_wider_than_the_line_breaks_anywhere_rather_than_overflow():
    lines = break_lines("430521199001011234", width, 10)
    assert lines == ["4305211990", "01011234"]


def test_an_opening_mark_and_a_run_wider_than_the_line_break_the_run_not_the_rule():
    lines = break_lines("12（111", width, 3)
    assert all(width(line) <= 3 for line in lines) and "".join(lines) == "12（111"
    assert all(line[-1] not in NO_END for line in lines[:-1])
