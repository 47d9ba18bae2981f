"""Down from the county: prompts, problem lists, baselines, forms and roster edits, verified
before any is applied, applied in order with remembering how far the device has read; the
roster merged field by field with the newer edit winning and the other value kept."""
from __future__ import annotations

import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.services import config, forms, households, sync, worklog

from tests.support.stores import add_household
from tests.support.fakecounty import county_hlc

PIG_FORM = {"settings": {"form_id": "pig_survey", "version": "3", "form_title::中文": "生猪养殖调查"},
            "survey": [{"type": "integer", "name": "pigs", "label::中文": "生猪存栏（头）", "required": "yes"}]}


def test_publications_are_applied_in_order_and_remembered(enrolled, county, client):
    store = enrolled
    zhang = add_household(store, "张三", number="0301")
    li = add_household(store, "李四")
    county.publish("prompts", {"month": "2026-11", "title": "11月驻村工作提示",
                               "tasks": [{"title": "走访全部监测户", "due_date": "2026-11-20"},
                                         {"title": "更新收入台账", "due_date": None}]}, village=None)
    county.publish("problems", {"title": "10月问题数据清单", "items": [
        {"household_number": "0301", "description": "联系电话缺失"},
        {"household_id": li["id"], "description": "收入与去年相差过大"},
        {"household_number": "9999", "description": "户编号不存在"}]})
    table = config.baselines(store).to_dict()
    county.publish("baseline", table)
    county.publish("form", PIG_FORM)
    county.publish("prompts", {"month": "2026-11", "title": "别村的提示", "tasks": []}, village="别的村")

    result = sync.sync(store, client=client)
    assert result["pulled"] == 4 and result["skipped"] == []
    assert sync.status(store)["last_publication"] == 5

    [prompt] = worklog.prompts_for_month(store, "2026-11", today=date(2026, 11, 5))
    assert prompt["source"] == "county" and prompt["issued_by"] == county.name
    assert {t["title"]: t["due_date"] for t in prompt["tasks"]} == {"走访全部监测户": "2026-11-20", "更新收入台账": None}

    [plist] = worklog.problem_lists(store)
    assert plist["source"] == "county" and plist["title"] == "10月问题数据清单"
    by_text = {i["description"].split("（")[0]: i["household_id"] for i in plist["items"]}
    assert by_text == {"联系电话缺失": zhang["id"], "收入与去年相差过大": li["id"], "户编号不存在": None}
    assert any("9999" in i["description"] and "not found" in i["description"] for i in plist["items"])

    assert json.loads(store.meta("baselines")) == table
    assert any(f["id"] == "pig_survey" and f["version"] == "3" for f in forms.list_forms(store))

    # Nothing new: nothing applied twice.
    again = sync.sync(store, client=client)
    assert again["pulled"] == 0 and len(worklog.prompts_for_month(store, "2026-11")) == 1
    # The county's own changes go up like any other (a new prompt from the county is a record).
    assert again["batches"] == [] or again["accepted"] >= 1


def test_a_publication_that_does_not_verify_applies_nothing(enrolled, county, client):
    store = enrolled
    county.publish("prompts", {"month": "2026-11", "title": "真的", "tasks": []})
    county.publish("prompts", {"month": "2026-11", "title": "伪造的", "tasks": []}, key=Ed25519PrivateKey.generate())
    with pytest.raises(sync.SyncError, match="publication 2 does not verify"):
        sync.sync(store, client=client)
    assert worklog.prompts_for_month(store, "2026-11") == []
    assert sync.status(store)["last_publication"] == 0


def test_one_publication_that_cannot_apply_does_not_block_the_rest(enrolled, county, client):
    store = enrolled
    county.roster("no-such-household", {"phone": "13812345678"})
    county.publish("baseline", {"not": "a baselines table"})
    county.publish("prompts", {"month": "2026-12", "title": "12月", "tasks": [{"title": "年终走访"}]})
    result = sync.sync(store, client=client)
    assert result["pulled"] == 1 and [s["seq"] for s in result["skipped"]] == [1, 2]
    assert "not on this device" in result["skipped"][0]["reason"]
    assert len(worklog.prompts_for_month(store, "2026-12")) == 1
    assert sync.status(store)["last_publication"] == 3
    assert store.verify_audit().ok  # the skipped ones left nothing half-written


# -- the roster: field by field -------------------------------------------------------------------
def test_roster_merge_newer_wins_and_the_loser_is_kept(enrolled, county, client):
    store = enrolled
    h = add_household(store, "张三", phone="13812345678", note="原来的备注", address="一组")
    sync.sync(store, client=client)  # the county has the household

    # Edited here since (not yet sent): the phone now, the note now.
    households.update_household(store, h["id"], {"phone": "13900000001", "note": "本机改的备注"})
    # The county edited the phone earlier than the device did, and the note later; and the
    # address, which the device never changed after sending it.
    county.roster(h["id"], {"phone": "13700000002"}, hlc=county_hlc(-60_000))
    county.roster(h["id"], {"note": "县里改的备注", "address": "二组"}, hlc=county_hlc(+60_000))
    result = sync.pull(store, client)
    assert result["pulled"] == 2 and result["conflicts"] == 2

    now = store.records.get("households", h["id"])
    assert now["phone"] == "13900000001"          # the device's edit is newer
    assert now["note"] == "县里改的备注"            # the county's edit is newer
    assert now["address"] == "二组"                # not a conflict: the device never edited it
    found = {c["field"]: c for c in sync.conflicts(store)}
    assert set(found) == {"phone", "note"}
    assert (found["phone"]["winner"], found["phone"]["kept_value"], found["phone"]["lost_value"]) == \
        ("device", "13900000001", "13700000002")
    assert (found["note"]["winner"], found["note"]["kept_value"], found["note"]["lost_value"]) == \
        ("county", "县里改的备注", "本机改的备注")
    assert found["note"]["label"] == "张三"
    assert sync.status(store)["conflicts"] == 2
    assert store.verify_audit().ok

    # Reviewing takes them off the list, not out of the store.
    sync.review_conflicts(store, [found["phone"]["id"]])
    assert [c["field"] for c in sync.conflicts(store)] == ["note"]
    assert len(sync.conflicts(store, include_reviewed=True)) == 2


def test_roster_after_the_county_saw_the_edit_is_no_conflict(enrolled, county, client):
    store = enrolled
    h = add_household(store, "张三", phone="13812345678")
    households.update_household(store, h["id"], {"phone": "13900000001"})
    sync.sync(store, client=client)  # the county received the device's edit
    county.roster(h["id"], {"phone": "13700000002"}, hlc=county_hlc(+5_000))
    result = sync.pull(store, client)
    assert result["conflicts"] == 0
    assert store.records.get("households", h["id"])["phone"] == "13700000002"
    assert sync.conflicts(store) == []


def test_a_county_value_keeps_the_county_clock(enrolled, county, client):
    """A value applied from the county carries the county's clock, not the moment it was
    applied here: a later county edit stamped before that moment still wins."""
    store = enrolled
    h = add_household(store, "张三", note="一")
    sync.sync(store, client=client)
    first = county_hlc(+30_000)
    second = first.replace("-00000-", "-00001-")  # after the first, before the local write of it
    county.roster(h["id"], {"note": "二"}, hlc=first)
    county.roster(h["id"], {"note": "三"}, hlc=second)
    result = sync.pull(store, client)
    written = store.conn.execute("SELECT hlc FROM audit_log WHERE record_id = ? AND action = 'update'"
                                 " ORDER BY seq", [h["id"]]).fetchall()
    assert written[0][0] > second  # the local write of the first edit is stamped after the second
    assert result["conflicts"] == 0 and store.records.get("households", h["id"])["note"] == "三"
    # The device's applied changes go up with the next batch and are accepted.
    assert sync.sync(store, client=client)["accepted"] == 1


def test_roster_booleans_and_lists_compare_as_values(enrolled, county, client):
    store = enrolled
    h = add_household(store, "张三")
    sync.sync(store, client=client)
    county.roster(h["id"], {"water_secured": 1, "flags": []}, hlc=county_hlc(+1_000))  # the same values
    result = sync.pull(store, client)
    assert result["pulled"] == 1 and result["conflicts"] == 0
    assert store.records.get("households", h["id"])["revision"] == h["revision"]
