"""Problem lists as the documents keep them (003 §四 问题清单、整改措施清单、责任清单; 002 列出计划、
明确时限): each item has its measure, the person responsible and a deadline; an open item past
its deadline is overdue, in the list, the month report and the county's copy."""
from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.services import reporting, worklog

from policykit import TODAY, village  # noqa: F401 - fixture


def _list(village, created="2027-05-02"):
    return worklog.add_problem_list(village.store, "县反馈问题数据清单(第1批)", source="county", created_on=created)


def test_each_item_has_its_measure_person_responsible_and_deadline(village):
    home = village.household()
    plist = _list(village)
    item = worklog.add_problem(village.store, plist["id"], {
        "description": "张三户收入漏算务工收入", "household_id": home["id"],
        "measure": "入户核实后补录务工收入", "responsible": "王芳", "deadline": "2027-05-31"})
    assert (item["measure"], item["responsible"], item["deadline"]) == ("入户核实后补录务工收入", "王芳", "2027-05-31")
    with pytest.raises(ValidationError) as e:
        worklog.add_problem(village.store, plist["id"], {"description": "x", "deadline": "2027-04-30"})
    assert e.value.field == "deadline"
    # Recorded like every record: in the audit chain and in the outbox the county receives.
    assert village.store.verify_audit().ok
    assert village.store.conn.execute("SELECT count(*) FROM outbox WHERE tbl = 'problem_items' AND record_id = ?",
                                      [item["id"]]).fetchone()[0] == 1


def test_an_open_item_past_its_deadline_is_overdue(village):
    plist = _list(village)
    late = worklog.add_problem(village.store, plist["id"], {"description": "档案缺失", "deadline": "2027-06-10",
                                                            "responsible": "李四"})
    worklog.add_problem(village.store, plist["id"], {"description": "签名不全", "deadline": "2027-07-10"})
    done = worklog.add_problem(village.store, plist["id"], {"description": "已整改", "deadline": "2027-06-01"})
    worklog.close_problem(village.store, done["id"], "已补录", "2027-05-20", today=TODAY)
    [pl] = worklog.problem_lists(village.store, today=TODAY)
    assert [i["status"] for i in pl["items"]] == ["overdue", "open", "closed"]
    assert pl["overdue"] == 1
    assert [i["id"] for i in worklog.overdue_problems(village.store, TODAY)] == [late["id"]]
    code, out = village.cli("problem", "list", "--today", TODAY.isoformat())
    assert code == 0 and [i["status"] for i in out[0]["items"]] == ["overdue", "open", "closed"]


def test_the_cli_records_the_measure_person_and_deadline(village):
    plist = _list(village)
    village.close()
    code, out = village.cli("problem", "add", "--list", plist["id"], "--description", "监测户帮扶措施不具体",
                            "--measure", "逐户制定针对性措施", "--responsible", "王芳", "--deadline", "2027-06-15")
    assert code == 0, out
    assert (out["measure"], out["responsible"], out["deadline"]) == ("逐户制定针对性措施", "王芳", "2027-06-15")


def test_the_month_report_lists_overdue_items_first_with_their_duties(village):
    plist = _list(village)
    worklog.add_problem(village.store, plist["id"], {"description": "签名不全", "deadline": "2027-07-10"})
    worklog.add_problem(village.store, plist["id"], {"description": "档案缺失", "deadline": "2027-06-10",
                                                     "measure": "补建档案", "responsible": "李四"})
    p = reporting.month_summary(village.store, "2027-06", TODAY)["problems"]
    assert p["overdue"] == 1
    assert [(i["description"], i["overdue"]) for i in p["open"]] == [("档案缺失", True), ("签名不全", False)]
    assert (p["open"][0]["measure"], p["open"][0]["responsible"], p["open"][0]["deadline"]) == \
        ("补建档案", "李四", "2027-06-10")
    # In May neither deadline had passed.
    assert reporting.month_summary(village.store, "2027-05", TODAY)["problems"]["overdue"] == 0


def test_a_county_list_brings_its_measures_people_and_deadlines(village):
    """A problem list the county publishes keeps each item's measure, person and deadline."""
    from app.services import sync
    home = village.household(number="4305210001")
    sync.publications.apply_one(village.store, {"kind": "problems", "published_at": "2027-05-02T08:00:00Z", "data": {
        "title": "县反馈问题数据清单(第2批)", "items": [
            {"household_number": "4305210001", "description": "务工收入漏算", "measure": "入户核实补录",
             "responsible": "王芳", "deadline": "2027-05-20"}]}})
    [pl] = worklog.problem_lists(village.store, today=TODAY)
    [item] = pl["items"]
    assert (item["household_id"], item["measure"], item["responsible"], item["deadline"], item["status"]) == \
        (home["id"], "入户核实补录", "王芳", "2027-05-20", "overdue")


def test_the_household_file_shows_its_open_problems_with_their_duties(village):
    """`household show` lists the household's open problem items, overdue first, with measure,
    person responsible and deadline."""
    home = village.household()
    plist = _list(village)
    worklog.add_problem(village.store, plist["id"], {"description": "务工收入漏算", "household_id": home["id"],
                                                     "measure": "入户核实补录", "responsible": "王芳",
                                                     "deadline": "2027-06-01"})
    code, out = village.cli("household", "show", home["id"], "--today", TODAY.isoformat())
    assert code == 0
    [item] = out["problems"]
    assert (item["description"], item["overdue"]) == ("务工收入漏算", True)
    from app.services import profile
    text = profile.render_text(profile.household_profile(village.store, home["id"], TODAY))
    assert "问题（逾期）: 务工收入漏算  措施 入户核实补录  责任人 王芳  时限 2027-06-01" in text
