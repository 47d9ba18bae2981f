"""The leader's review before sealing: send back → correct → cleared; approve (signed, covering
the pending range); sealing refused without an approval while review is on; review off/on
recorded in the audit chain and in the batch."""
from __future__ import annotations

import contextlib

import pytest

from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.services import households, review_returns, review_signoff, sync, visits
from app.sync import envelope

from tests.support.fakecounty import FakeCounty
from tests.support.stores import add_household


@contextlib.contextmanager
def as_user(store, user_id):
    """Work as another user of the same store (as after signing in as them)."""
    saved = store.user_id, store.user
    store.user_id, store.user = user_id, store.records.get("users", user_id)
    try:
        yield store
    finally:
        store.user_id, store.user = saved


@pytest.fixture
def team(store):
    """The leader (the store's first user) and a collector on the same laptop, enrolled."""
    county = FakeCounty()
    sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
    member = store.add_user("李明", "passphrase2", Role.COLLECTOR)
    return store, member["id"], county


def audited(store, tbl, record_id):
    return store.query("SELECT action FROM audit_log WHERE tbl = ? AND record_id = ?", [tbl, record_id])


def test_send_back_correct_and_cleared(team):
    store, member, _ = team
    with as_user(store, member):
        h = add_household(store, "张三", phone="13800000001")
    ret = review_returns.send_back(store, "households", h["id"], "电话号码少一位，请核对")
    assert audited(store, "review_returns", ret["id"]) == [{"action": "insert"}]
    [item] = review_returns.returned(store, member)
    assert (item["note"], item["household"], item["author"], item["corrected"]) == \
        ("电话号码少一位，请核对", "张三", "李明", False)
    assert review_returns.returned(store, store.user_id) == []  # the leader wrote nothing of it
    with as_user(store, member):
        households.update_household(store, h["id"], {"phone": "13800000002"})
    assert review_returns.returned(store, member) == []
    # Approving marks the corrected return resolved: a record, in the chain.
    review_signoff.approve(store)
    assert store.records.get("review_returns", ret["id"])["resolved_on"] is not None
    assert review_returns.returned(store, include_done=True) == []


def test_a_returned_visit_is_cleared_by_its_correction(team):
    store, member, _ = team
    h = add_household(store, "王五")
    with as_user(store, member):
        v = visits.add_visit(store, h["id"], {"visit_date": "2026-11-18", "mode": "home", "findings": "走访"})
    review_returns.send_back(store, "visits", v["id"], "日期写错")
    assert len(review_returns.returned(store, member)) == 1
    with as_user(store, member):
        visits.correct_visit(store, v["id"], {"visit_date": "2026-11-17"}, "日期写错")
    assert review_returns.returned(store, member) == []


def test_send_back_rules(team):
    store, member, _ = team
    h = add_household(store, "赵六")
    with pytest.raises(ValidationError, match="退回说明"):
        review_returns.send_back(store, "households", h["id"], "  ")
    with pytest.raises(ValidationError, match="只能退回"):
        review_returns.send_back(store, "users", member, "不行")
    with as_user(store, member), pytest.raises(AccessDenied, match="队长"):
        review_returns.send_back(store, "households", h["id"], "请核对")


def test_seal_refused_until_the_leader_approves(team):
    store, member, county = team
    with as_user(store, member):
        add_household(store, "钱七")
    assert review_signoff.review_state(store)["on"]  # two people on this laptop
    with pytest.raises(review_signoff.ReviewRequired, match="本月记录尚未经队长审核批准"):
        sync.seal_pending(store)
    with as_user(store, member), pytest.raises(AccessDenied):
        review_signoff.approve(store)
    approval = review_signoff.approve(store, "2026-11")
    scope = store.query("SELECT max(seq) AS top FROM audit_log WHERE tbl != 'review_approvals'")[0]["top"]
    assert approval["audit_to"] == scope and approval["audit_from"] == 1 and approval["records"] >= 3
    envelope.verify_approval({**approval, "device_id": store.device_id}, store.user["public_key"])
    with pytest.raises(envelope.EnvelopeError):
        envelope.verify_approval({**approval, "device_id": store.device_id, "audit_to": scope + 5},
                                 store.user["public_key"])
    batch = sync.seal_pending(store)
    body = batch_body(county, batch)
    assert body["review"]["state"] == "approved"
    assert body["review"]["approval"]["id"] == approval["id"]
    assert ("review_approvals", approval["id"]) in {(r["tbl"], r["id"]) for r in body["records"]}


def test_changes_after_the_approval_wait_for_the_next(team):
    store, member, county = team
    h = add_household(store, "孙八")
    review_signoff.approve(store)
    households.update_household(store, h["id"], {"phone": "13800000003"})  # after the approval
    add_household(store, "周九")
    batch = sync.seal_pending(store)
    body = batch_body(county, batch)
    # The household changed again after the approval is not sent as it stands now: it waits.
    assert ("households", h["id"]) not in {(r["tbl"], r["id"]) for r in body["records"]}
    assert review_signoff.status(store)["unapproved_changes"] >= 2
    sync.push(store, sync.client_for(store, transport=county.transport(), backoff=(0, 0)))
    with pytest.raises(review_signoff.ReviewRequired):
        sync.seal_pending(store)
    review_signoff.approve(store)
    body = batch_body(county, sync.seal_pending(store))
    assert ("households", h["id"]) in {(r["tbl"], r["id"]) for r in body["records"]}


def test_review_off_is_recorded_and_carried(team):
    store, member, county = team
    add_household(store, "吴十")
    with pytest.raises(ValidationError, match="原因"):
        review_signoff.set_review(store, False, "")
    off = review_signoff.set_review(store, False, "一人在村，另一人借调")
    assert audited(store, "review_approvals", off["id"]) == [{"action": "insert"}]
    envelope.verify_approval({**off, "device_id": store.device_id}, store.user["public_key"])
    state = review_signoff.review_state(store)
    assert (state["on"], state["reason"]) == (False, "一人在村，另一人借调")
    body = batch_body(county, sync.seal_pending(store))
    assert body["review"] == {"state": "off", "reason": "一人在村，另一人借调", "by": store.user["name"],
                              "at": off["approved_at"], "id": off["id"]}
    review_signoff.set_review(store, True)
    assert review_signoff.review_state(store)["on"]


def test_a_one_person_laptop_seals_without_review_and_says_so(store):
    county = FakeCounty()
    sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
    add_household(store, "郑一")
    body = batch_body(county, sync.seal_pending(store))
    assert body["review"]["state"] == "off" and "一人工作队" in body["review"]["reason"]


def batch_body(county, batch) -> dict:
    """A sealed batch opened as the county opens it."""
    return envelope.open_envelope(bytes(batch["envelope"]), county_key=county.hpke_key,
                                  device_keys=lambda d: envelope.ed25519_public(county.devices[d]["key"]))[1]


def test_a_sync_without_approval_sends_nothing_says_why_and_still_pulls(team):
    store, member, county = team
    add_household(store, "冯二")
    result = sync.sync(store, transport=county.transport())
    assert result["pushed"] == 0 and "本月记录尚未经队长审核批准" in result["review_required"]
    assert sync.status(store)["last_sync"] is not None          # the rest of the trip was done
    review_signoff.approve(store)
    result = sync.sync(store, transport=county.transport())
    assert result["pushed"] >= 3 and "review_required" not in result
