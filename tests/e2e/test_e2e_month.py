"""A village work team's month against the county server as it runs: the county set up and
the device enrolled with the two command lines, a month of work entered through the services,
the device's `zhucun sync`, the county's publications coming down, a fix going back up, and at
the end every record the device has held by the county exactly once."""
from __future__ import annotations

import json
from datetime import date

from tests.support.countykit import held, id_number, signed_form
from ledger import assert_exactly_once, county_records, device_counts, device_records
from servers import CountyServer, county_cli, device_cli

from app.services import cases, households, incomes, sync, visits, worklog
from app.storage.store import Store
from county_server import db

VILLAGE = "石门村"
TODAY = date(2026, 11, 20)
PASS = "passphrase1"


def _family(store, head: str, number: str, people: list[tuple[str, str, str, str]], **fields) -> dict:
    h = households.add_household(store, {"head_name": head, "village": VILLAGE, "number": number,
                                         "group_name": "第三村民小组", "category": "lifted", **fields})
    for name, relation, birth, sex in people:
        households.add_member(store, h["id"], {"name": name, "relation": relation,
                                               "id_number": id_number(birth, sex)}, today=TODAY)
    return households.get_household(store, h["id"])


def _month_of_work(store) -> dict:
    """Households and their members, visits, an income assessment, a monitoring case carried to
    identification, a signed household form, attendance, a correction and a deletion."""
    li = _family(store, "李大山", "0301", [("李大山", "head", "1968-03-02", "male"),
                                        ("王秀英", "spouse", "1970-07-15", "female")], phone="13812345678")
    zhang = _family(store, "张三", "0302", [("张三", "head", "1958-01-09", "male")], residence="at_home")
    zhao = _family(store, "赵四", "0303", [("赵四", "head", "1975-05-21", "male"),
                                        ("赵小红", "daughter", "2004-10-02", "female")])
    moved = households.add_member(store, zhao["id"], {"name": "赵小军", "relation": "son",
                                                      "id_number": id_number("2001-02-03", "male")}, today=TODAY)
    households.delete_member(store, moved["id"], "迁出 (moved away)")
    for n, h in enumerate((li, zhang, zhao)):
        visits.add_visit(store, h["id"], {"date": f"2026-11-0{n + 2}", "mode": "home",
                                          "findings": "家中正常"}, today=TODAY)
    wrong = visits.add_visit(store, zhang["id"], {"date": "2026-11-09", "mode": "phone", "findings": "未接通"},
                             today=TODAY)
    visits.correct_visit(store, wrong["id"], {"date": "2026-11-09", "mode": "phone", "findings": "已接通，一切正常"},
                         "记错了 (noted wrongly)", today=TODAY)
    incomes.add_income(store, li["id"], "2026-11-10", {"wage": 3_600_000, "pension": 240_000}, today=TODAY)
    case = cases.open_case(store, zhang["id"], "2026-11-05", "王芳", {"source": "走访发现", "note": "住院"},
                           today=TODAY)
    cases.record_step(store, case["id"], "check", "2026-11-08", "王芳", {"note": "入户核查"}, today=TODAY)
    cases.record_step(store, case["id"], "identify", "2026-11-12", "王芳",
                      {"monitoring_category": "sudden_hardship", "risk_types": ["illness"]}, today=TODAY)
    form = signed_form(store, li["id"])
    assert form["state"] == "signed"
    worklog.set_attendance(store, "王芳", "2026-11", 22)
    return {"li": li, "zhang": zhang, "zhao": zhao}


def _stats(db_url: str) -> dict:
    return county_cli(db_url, "stats").json


def _same_counts(stats: dict, store) -> None:
    mine = device_counts(store)
    assert {k: stats[k] for k in mine} == mine
    tombstones = sum(deleted for _, deleted in device_records(store).values())
    assert stats["tombstones"] == tombstones


def test_a_month_of_work_synced_with_the_county(db_url, tmp_path):
    county_cli(db_url, "init", "--name", "测试县")
    engine = db.make_engine(db_url)
    data = tmp_path / "device"
    with CountyServer(db_url, tmp_path / "server.log") as server:
        try:
            _month(db_url, engine, server, data, tmp_path)
        finally:
            engine.dispose()


def _month(db_url, engine, server, data, tmp_path):
    from tests.support.countykit import make_store
    make_store(data).close()

    # Enrollment: a code from the county's command line, typed into the device's.
    code = county_cli(db_url, "enroll", "--village", VILLAGE, "--township", "城关镇", "--server", server.url,
                      "--out", tmp_path / "codes").json["code"]
    run = device_cli(data, "enroll", "--server", server.url, "--code", code)
    assert run.code == 0, run
    assert run.json["enrolled"] and run.json["village"] == VILLAGE and run.json["county_name"] == "测试县"
    devices = county_cli(db_url, "devices").json
    assert [d["village"] for d in devices] == [VILLAGE]

    # A month of work, then `zhucun sync`: every record accepted, the county counts what the device has.
    with Store.open(data, PASS) as store:
        homes = _month_of_work(store)
        device_id, before = store.device_id, device_records(store)
        assert sync.status(store)["pending"] == len(before)
    run = device_cli(data, "sync")
    assert run.code == 0, run
    result = run.json
    assert result["pushed"] == result["accepted"] == len(before) and result["rejected"] == 0
    assert result["pulled"] == 0
    stats = _stats(db_url)
    assert stats["batches"] == 1 and stats["batches_refused"] == 0 and stats["devices"] == 1
    assert stats["forms"] == 1 and stats["signatures"] == 2 and stats["cases"] == 1
    assert stats["incomes"] == 2  # the one entered and the one the signed form records
    with Store.open(data, PASS) as store:
        _same_counts(stats, store)
        assert_exactly_once(store, engine)
        assert [d["device_id"] for d in county_cli(db_url, "devices").json] == [device_id]

    # The county publishes next month's prompt and a problem list naming a household by number.
    prompt = tmp_path / "prompt.json"
    prompt.write_text(json.dumps({"month": "2026-12", "title": "12月驻村工作提示", "tasks": [
        {"title": "走访全部监测户", "due_date": "2026-12-15"},
        {"title": "核对低保名单", "due_date": "2026-12-20"}]}, ensure_ascii=False), "utf-8")
    county_cli(db_url, "publish-prompts", prompt, "--village", VILLAGE)
    county_cli(db_url, "problems", "add", "--title", "11月核查问题清单", "--village", VILLAGE,
               "--item", "0301=联系电话有误，请核实")

    with Store.open(data, PASS) as store:
        result = sync.sync(store)
        assert (result["pushed"], result["pulled"], result["skipped"]) == (0, 2, [])
        [month] = worklog.prompts_for_month(store, "2026-12", today=TODAY)
        assert month["title"] == "12月驻村工作提示" and month["source"] == "county"
        assert [t["title"] for t in month["tasks"]] == ["走访全部监测户", "核对低保名单"]
        [problems] = worklog.problem_lists(store)
        [item] = problems["items"]
        assert problems["source"] == "county" and item["household_id"] == homes["li"]["id"]

        # The team fixes the household the county named and closes the problem.
        households.update_household(store, homes["li"]["id"], {"phone": "13900001111"})
        worklog.close_problem(store, item["id"], "已核实并改正电话", today=TODAY)
        result = sync.sync(store)
        assert result["rejected"] == 0 and result["pulled"] == 0
        assert ("households", homes["li"]["id"]) in {(t, i) for t, i, _ in json.loads(
            store.query("SELECT receipt FROM sync_batches ORDER BY done_at DESC LIMIT 1")[0]["receipt"]
        )["body"]["accepted"]}
        fixed = held(engine, "households", homes["li"]["id"])
        assert fixed["phone"] == "13900001111"
        assert fixed["revision"] == store.records.get("households", homes["li"]["id"])["revision"]
        closed = held(engine, "problem_items", item["id"])
        assert closed["closed_on"] and closed["note"] == "已核实并改正电话"

        # Nothing left to send, and the county holds every record once, as the device has it.
        assert sync.status(store)["pending"] == 0
        stats = _stats(db_url)
        _same_counts(stats, store)
        assert stats["prompts"] == 1 and stats["prompt_tasks"] == 2 and stats["problem_items"] == 1
        assert stats["batches"] == 2 and stats["conflicts"] == 0
        assert_exactly_once(store, engine)
        assert county_records(engine) == county_records(engine, device_id)  # nothing from anyone else
