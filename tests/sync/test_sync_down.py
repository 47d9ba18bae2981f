"""Records down (docs/sync.md, "Records down"): what one device of a village records reaches the
village's other devices through the real county (`create_app` in process), incrementally,
merged field by field, conflicts listed on both; another village's device receives nothing; a
page cut or sent twice loses and duplicates nothing; a lost laptop is restored from the county;
the USB file carries the same pages."""
from __future__ import annotations

import json

import httpx
import pytest

from app.services import households, sync
from app.sync import down
from app.sync.client import SyncError
from county_server import county as cty
from county_server import down as county_down

from tests.support.stores import add_household, make_store

from .down_support import VILLAGE


def held(store) -> dict:
    """Every live record of the file, without what says which laptop holds it."""
    out = {}
    for tbl in ("households", "members", "users", "visits", "cases", "form_instances", "form_signatures"):
        for r in store.query(f"SELECT * FROM {tbl} ORDER BY id"):
            out[(tbl, r["id"])] = r
    return out


def test_two_laptops_of_a_village_end_with_the_same_file(team, transport, engine):
    a, b = team
    h1 = add_household(a, "张三", phone="13800000001", note="甲")
    h2 = add_household(b, "李四", phone="13800000002")
    for s in (a, b, a, b):
        sync.sync(s, transport=transport)
    assert set(held(a)) == set(held(b))
    assert b.records.get("households", h1["id"])["head_name"] == "张三"
    assert a.records.get("households", h2["id"])["head_name"] == "李四"
    # Each author's records keep their author and device.
    assert b.records.get("households", h1["id"])["device_id"] == a.device_id
    # The same household, different fields on each laptop: both fields kept on both.
    households.update_household(a, h1["id"], {"address": "一组"})
    households.update_household(b, h1["id"], {"note": "乙"})
    for s in (a, b, a, b):
        sync.sync(s, transport=transport)
    for s in (a, b):
        got = s.records.get("households", h1["id"])
        assert (got["address"], got["note"]) == ("一组", "乙")
        assert s.verify_audit().ok, s.verify_audit().problems
    assert held(a).keys() == held(b).keys()
    # The same field on both: the later edit wins everywhere, the other listed on both laptops.
    households.update_household(a, h1["id"], {"phone": "13800000009"})
    households.update_household(b, h1["id"], {"phone": "13800000008"})
    for s in (a, b, a, b):
        sync.sync(s, transport=transport)
    assert a.records.get("households", h1["id"])["phone"] == b.records.get("households", h1["id"])["phone"] \
        == "13800000008"
    for s in (a, b):
        [c] = [c for c in sync.conflicts(s) if c["field"] == "phone"]
        assert (c["kept_value"], c["lost_value"]) == ("13800000008", "13800000009")
    # Nothing pulled goes back up as this laptop's own.
    assert sync.sync(a, transport=transport)["pushed"] == 0


def test_a_pull_brings_only_what_changed(team, transport):
    a, b = team
    for i in range(5):
        add_household(a, f"户{i}")
    sync.sync(a, transport=transport)
    first = sync.sync(b, transport=transport)
    assert first["records"] >= 10          # five households and their heads, and a's user
    assert sync.sync(b, transport=transport)["records"] == 0
    add_household(a, "新户")
    sync.sync(a, transport=transport)
    assert sync.sync(b, transport=transport)["records"] == 2


def test_another_village_receives_nothing(team, transport, engine, tmp_path):
    a, _ = team
    add_household(a, "张三")
    sync.sync(a, transport=transport)
    stranger = make_store(tmp_path / "c", "赵六")
    try:
        sync.enroll(stranger, "http://county.test", cty.new_code(engine, "别村", "城关镇")["code"], transport=transport)
        result = sync.sync(stranger, transport=transport)
        assert result["records"] == 0
        assert stranger.query("SELECT count(*) AS n FROM households")[0]["n"] == 0
        # Asked directly, from the start, the county gives it nothing of 石门村.
        page = county_down.page(engine, stranger.device_id, "别村", 0)
        assert page["items"] == []
    finally:
        stranger.close()


def test_a_page_is_for_one_device_and_verified_before_anything(team, transport, engine):
    a, b = team
    add_household(a, "张三")
    sync.sync(a, transport=transport)
    county = cty.load_county(engine)
    for_a = county_down.sealed_page(engine, county, a.device_id, 0)
    with pytest.raises(SyncError, match="another device"):
        sync.apply_page(b, for_a)
    sealed = bytearray(county_down.sealed_page(engine, county, b.device_id, 0))
    sealed[-5] ^= 1
    with pytest.raises(SyncError, match="do not verify"):
        sync.apply_page(b, bytes(sealed))
    assert sync.status(b)["last_record"] == 0 and not b.query("SELECT id FROM households")
    good = county_down.sealed_page(engine, county, b.device_id, 0)
    once = sync.apply_page(b, good)
    again = sync.apply_page(b, good)          # the same page twice: nothing twice
    assert once["records"] > 0 and again["records"] == 0
    assert len(b.query("SELECT id FROM households")) == 1


def test_the_transfer_cut_at_random_points_loses_and_duplicates_nothing(team, transport, engine):
    a, b = team
    for i in range(30):
        add_household(a, f"户{i}", members=[(f"户{i}", "head", "1970-05-01", "male"),
                                             (f"子{i}", "son", "2000-05-01", "male")])
    sync.sync(a, transport=transport)
    calls = {"n": 0, "cut": 0}

    def cutting(request):
        calls["n"] += 1
        if "/records" in request.url.path and calls["n"] % 3 == 0:
            calls["cut"] += 1
            raise httpx.ReadError("connection reset", request=request)
        return transport.handle_request(request)
    flaky = httpx.MockTransport(cutting)
    for _ in range(40):
        try:
            client = sync.client_for(b, transport=flaky, attempts=1, backoff=(0,))
            with client:
                sync.pull_records(b, client, limit=7)
            break
        except SyncError:
            continue
    assert set(held(b)) == set(held(a)) | {("users", b.user_id)}
    assert len(b.query("SELECT id FROM members")) == 60 and calls["cut"] >= 3
    assert b.verify_audit().ok


def test_usb_file_carries_the_same_records(team, transport, engine, tmp_path):
    a, b = team
    add_household(a, "张三")
    sync.sync(a, transport=transport)
    doc = county_down.export_file(engine, cty.load_county(engine), b.device_id, 0)
    path = tmp_path / "records.json"
    path.write_text(json.dumps(doc), "utf-8")
    result = sync.import_records(b, path)
    assert result["records"] >= 2 and b.query("SELECT head_name FROM households")[0]["head_name"] == "张三"
    assert sync.import_records(b, path)["records"] == 0
    with pytest.raises(Exception, match="另一台设备"):
        sync.import_records(a, path)
    assert down.MAGIC.startswith(b"ZHUCUN-DOWN")


def test_a_lost_laptop_is_restored_from_the_county(team, transport, engine, tmp_path):
    from app.services import forms, worklog

    from tests.support.countykit import signed_form
    a, b = team
    h = add_household(a, "张三", members=[("张三", "head", "1970-05-01", "male"), ("张小", "son", "2001-03-01", "male")])
    signed_form(a, h["id"])
    forms.save_draft(a, "household_info", "1", h["id"], {"inc_wage": "100"})   # never synced
    add_household(b, "李四")
    for s in (a, b, a):
        sync.sync(s, transport=transport)
    cty.publish(engine, "prompts", {"month": "2026-11", "title": "11月提示", "tasks": [{"title": "走访"}]}, VILLAGE)
    sync.sync(a, transport=transport)

    code = cty.restore_code(engine, a.device_id)          # a's laptop is lost
    assert code["restore_of"]["device_id"] == a.device_id
    assert [d["revoked_at"] for d in cty.list_devices(engine) if d["device_id"] == a.device_id] != [None]
    new = make_store(tmp_path / "new", "王芳")
    try:
        sync.enroll(new, "http://county.test", code["code"], transport=transport)
        notice = sync.restore_notice(new)
        assert notice["restored_from"]["device_id"] == a.device_id
        assert any("草稿" in line for line in notice["not_restored"])
        restored = sync.sync(new, transport=transport)
        assert restored["records_skipped"] == [] and restored["records"] >= 9
        mine = {k for k in held(a) if k != ("users", new.user_id)}
        assert set(held(new)) - {("users", new.user_id)} == mine
        check = forms.verify(new)
        assert check["ok"] and check["checked"] == 1, check
        assert len(worklog.prompts_for_month(new, "2026-11")) == 1
        assert forms.list_drafts(new) == []                  # what cannot come back
        assert new.verify_audit().ok
        # It works at once, and what it records goes up and reaches b.
        households.update_household(new, h["id"], {"note": "新电脑记的"})
        sync.sync(new, transport=transport)
        sync.sync(b, transport=transport)
        assert b.records.get("households", h["id"])["note"] == "新电脑记的"
        with pytest.raises(SyncError, match="停用|revoked"):
            sync.sync(a, transport=transport)
    finally:
        new.close()
