"""The device against the real county server (`county_server.api.create_app`) on embedded
SQLite, through an in-process ASGI transport: enrollment, a batch in parts, its receipt, a
roster edit coming back, and the USB route through the county's own ingest."""
from __future__ import annotations

import json

import pytest

from app.services import households, sync, worklog

from tests.support.stores import add_household

from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

VILLAGE = "石门村"


@pytest.fixture
def transport(engine):
    return InProcess(api.create_app(engine.url_text))


def _enroll(store, engine, transport):
    code = cty.new_code(engine, VILLAGE, "城关镇")["code"]
    return sync.enroll(store, "http://county.test", code, transport=transport)


def test_enroll_sync_and_a_roster_edit_with_the_real_county(store, engine, transport, monkeypatch):
    st = _enroll(store, engine, transport)
    assert st["enrolled"] and st["county_name"] == "测试县" and st["village"] == VILLAGE
    monkeypatch.setattr(sync.upload, "PART_SIZE", 700)  # several parts
    h = add_household(store, "李大山", phone="13812345678", note="原来")
    cty.publish(engine, "prompts", {"month": "2026-11", "title": "11月驻村工作提示",
                                    "tasks": [{"title": "走访全部监测户", "due_date": "2026-11-20"}]}, VILLAGE)

    result = sync.sync(store, transport=transport)
    assert result["batches"][0]["parts"] > 1 and result["batches"][0]["sent"] == result["batches"][0]["parts"]
    assert (result["accepted"], result["rejected"], result["pulled"]) == (3, 0, 1)
    assert len(worklog.prompts_for_month(store, "2026-11")) == 1
    assert sync.status(store)["ready_batches"] == 0

    # The county edits the note; the device, later and not knowing, edits it too: the device's
    # edit is newer and wins on both sides, and the county's value is kept for review.
    edit = cty.roster_set(engine, h["id"], {"note": "县里改的", "address": "二组"})
    assert edit["publication"]
    households.update_household(store, h["id"], {"note": "本机改的"})
    result = sync.sync(store, transport=transport)
    assert result["rejected"] == 0 and result["pulled"] == 1 and result["conflicts"] == 1
    now = store.records.get("households", h["id"])
    assert now["note"] == "本机改的" and now["address"] == "二组"
    [conflict] = sync.conflicts(store)
    assert (conflict["winner"], conflict["lost_value"]) == ("device", "县里改的")
    # And the device's change of the address (the county's value, applied here) goes up again
    # without a complaint.
    assert sync.sync(store, transport=transport)["rejected"] == 0
    assert store.verify_audit().ok


def test_usb_route_through_the_county_ingest(store, engine, transport, tmp_path):
    from county_server.ingest import ingest
    _enroll(store, engine, transport)
    add_household(store, "李大山")
    out = sync.export_batch(store, tmp_path / "b.zhb")
    receipt = ingest(engine, (tmp_path / "b.zhb").read_bytes())
    publications = cty.publications_after(engine, 0, VILLAGE)["items"]
    path = tmp_path / "b.receipt.json"
    path.write_text(json.dumps({"receipt": receipt, "publications": publications}), "utf-8")
    result = sync.import_receipt(store, path)
    assert result["accepted"] == out["records"] == 3 and result["batch_id"] == out["batch_id"]
    # Over the network afterwards: the county knows the chain, the next batch continues it.
    add_household(store, "王二")
    assert sync.sync(store, transport=transport)["accepted"] == 2
