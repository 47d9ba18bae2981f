"""Repeats inside repeats, as XLSForm writes them (a household's members, each member's jobs):
relative references inside the inner entry, position(), count() of the inner entries of one outer
entry, sum() over all of them, indexed-repeat() with two levels, repeat_count per outer entry,
relevance, required answers and constraints named by their full path."""
from __future__ import annotations

from datetime import date

from app.core.forms.definition import load_file
from app.core.forms.engine import evaluate, split_path, path_of

TODAY = date(2026, 11, 20)

FORM = """
| survey |  |  |  |  |  |  |
|  | type | name | label | calculation | relevant | constraint | repeat_count |
|  | begin repeat | member | 成员 |  |  |  |  |
|  | text | m_name | 姓名 |  |  |  |  |
|  | integer | n_jobs | 工作数 |  |  |  |  |
|  | begin repeat | job | 工作 |  |  |  | ${n_jobs} |
|  | text | place | 地点 |  |  |  |  |
|  | integer | months | 月数 |  |  | . <= 12 |  |
|  | calculate | who | 谁 | concat(${m_name}, '-', position(..)) |  |  |  |
|  | text | boss | 雇主 |  | ${months} > 6 |  |  |
|  | end repeat |  |  |  |  |  |  |
|  | calculate | member_months | 月数合计 | sum(${months}) |  |  |  |
|  | calculate | jobs_here | 工作计数 | count(${job}) |  |  |  |
|  | end repeat |  |  |  |  |  |  |
|  | calculate | all_months | 全户月数 | sum(${months}) |  |  |  |
|  | calculate | second_job_of_first | 第一人第二份工作 | indexed-repeat(${place}, ${member}, 1, ${job}, 2) |  |  |  |
"""


def form(tmp_path):
    path = tmp_path / "labour.md"
    path.write_text(FORM, "utf-8")
    return load_file(path)


ANSWERS = {"member": [
    {"m_name": "赵一", "n_jobs": "2", "job": [{"place": "县城", "months": "8", "boss": "王"},
                                             {"place": "深圳", "months": "3", "boss": "ignored"}]},
    {"m_name": "赵二", "n_jobs": "1", "job": [{"place": "本村", "months": "5"}]},
]}


def test_inner_repeat_reads_its_own_entry_and_its_outer_entry(tmp_path):
    state = evaluate(form(tmp_path), ANSWERS, TODAY)
    assert state.complete, state.problems()
    first, second = state.values["member"]
    assert [j["who"] for j in first["job"]] == ["赵一-1", "赵一-2"]
    assert second["job"][0]["who"] == "赵二-1"
    assert (first["member_months"], second["member_months"]) == (11, 5)
    assert (first["jobs_here"], second["jobs_here"]) == (2, 1)
    assert state.values["all_months"] == 16
    assert state.values["second_job_of_first"] == "深圳"
    # relevance per inner entry: the boss of a three-month job is hidden, so cleared
    assert first["job"][0]["boss"] == "王" and "boss" not in first["job"][1]
    assert state.relevant["member[1].job[2].boss"] is False


def test_repeat_count_per_outer_entry_and_paths_of_problems(tmp_path):
    answers = {"member": [{"m_name": "赵一", "n_jobs": "3", "job": [{"place": "县城", "months": "13"}]},
                          {"m_name": "赵二", "n_jobs": "0", "job": [{"place": "x"}]}]}
    state = evaluate(form(tmp_path), answers, TODAY)
    assert [len(m["job"]) for m in state.values["member"]] == [3, 0]
    assert [(i.path, i.rule) for i in state.issues] == [("member[1].job[1].months", "constraint")]
    bad = evaluate(form(tmp_path), {"member": [{"n_jobs": "1", "job": [{"months": "12个"}]}]}, TODAY)
    assert [(i.path, i.rule) for i in bad.issues] == [("member[1].job[1].months", "integer")]


def test_nested_paths_read_back():
    assert split_path("member[1].job[2].place") == (("member", "job", "place"), (0, 1))
    assert split_path("member[2].m_name") == (("member", "m_name"), 1)
    assert split_path("all_months") == ("all_months", None)


def test_path_of_a_nested_question(tmp_path):
    f = form(tmp_path)
    assert path_of(f.question("place"), (1, 0)) == "member[2].job[1].place"
    assert evaluate(f, ANSWERS, TODAY).value("member[1].job[2].place") == "深圳"
