"""`zhucun review …` as a script runs it: send back, the author's returned list, approve, status,
off/on, and `zhucun batch export` refused without an approval, naming what to do."""
from __future__ import annotations

import pytest

from app.core.enums import Role
from app.services import households, sync
from app.storage.store import Store

from tests.support.cli import PASS, cli
from tests.support.fakecounty import FakeCounty
from tests.support.stores import FAST_KDF

MEMBER_PASS = "passphrase2"


@pytest.fixture
def data(tmp_path):
    """The leader 王芳 and the collector 李明 on one enrolled laptop; 李明 added a household."""
    folder = tmp_path / "store"
    store, _ = Store.create(folder, "王芳", PASS, kdf_params=FAST_KDF)
    with store:
        county = FakeCounty()
        sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
        store.add_user("李明", MEMBER_PASS, Role.COLLECTOR)
    with Store.open(folder, MEMBER_PASS, "李明") as member:
        h = households.add_household(member, {"head_name": "张三", "number": "001", "category": "lifted"})
    return folder, h["id"], tmp_path


def review(data, *args, user="王芳", passphrase=PASS):
    return cli("review", *args, "--data", data[0], "--user", user, "--passphrase-stdin", stdin=passphrase + "\n")


def test_send_back_then_the_author_sees_it(data):
    folder, hid, _ = data
    bad = review(data, "return", "households", hid, "--note", "请核对", user="李明", passphrase=MEMBER_PASS)
    assert bad.code != 0 and "队长" in bad.err
    sent = review(data, "return", "households", hid, "--note", "门牌号不对")
    assert sent.code == 0, sent
    mine = review(data, "returned", "--json", user="李明", passphrase=MEMBER_PASS)
    assert mine.code == 0, mine
    assert [(r["note"], r["household"], r["author"]) for r in mine.json] == [("门牌号不对", "张三", "李明")]
    assert "门牌号不对" in review(data, "returned", user="李明", passphrase=MEMBER_PASS).out
    assert "没有退回" in review(data, "returned").out            # none for the leader herself
    assert len(review(data, "returned", "--all", "--json").json) == 1


def test_export_refused_until_approved(data):
    folder, _, tmp = data
    refused = cli("batch", "export", "--out", tmp, "--data", folder, "--passphrase-stdin")
    assert refused.code != 0 and "本月记录尚未经队长审核批准" in refused.err and "review approve" in refused.err
    status = review(data, "status", "--json")
    assert status.json["review"]["on"] and status.json["approval"] is None and status.json["unapproved_changes"] > 0
    approved = review(data, "approve", "--month", "2026-11", "--json")
    assert approved.code == 0, approved
    assert approved.json["approver_name"] == "王芳" and approved.json["signature"]
    assert "王芳" in review(data, "status").out
    done = cli("batch", "export", "--out", tmp, "--data", folder, "--passphrase-stdin")
    assert done.code == 0, done


def test_review_off_needs_a_reason_and_lets_sealing_through(data):
    folder, _, tmp = data
    assert review(data, "off", "--reason", " ").code != 0
    off = review(data, "off", "--reason", "另一队员借调外出")
    assert off.code == 0 and "另一队员借调外出" in off.out
    assert review(data, "status", "--json").json["review"]["on"] is False
    assert cli("batch", "export", "--out", tmp, "--data", folder, "--passphrase-stdin").code == 0
    assert review(data, "on").code == 0
    assert review(data, "status", "--json").json["review"]["on"] is True
