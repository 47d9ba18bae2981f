"""The leader's review when the team works on several laptops (DOMAIN.md §1: the leader reviews
the team's records): a member's own laptop, where the leader has no account, sends its batches
up marked to wait for the leader; the leader's laptop receives them through the county, lists
them under their author, and its signed approval — which names the place in the records-down
feed it had read to — marks them approved at the county."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.enums import Role
from app.services import households, review, review_signoff, sync
from app.storage.store import Store
from app.sync import envelope
from county_server import county as cty
from county_server.approvals import batch_reviews

from tests.support.stores import FAST_KDF, PASSPHRASE, add_household, make_store

from .down_support import VILLAGE


@pytest.fixture
def laptops(store, tmp_path, engine, transport):
    """The leader's laptop (the store) with a collector on it too, and a member's own laptop."""
    store.add_user("周敏", "passphrase2", Role.COLLECTOR)
    member, _ = Store.create(tmp_path / "b", "李明", PASSPHRASE, role=Role.COLLECTOR, kdf_params=FAST_KDF)
    for s in (store, member):
        sync.enroll(s, "http://county.test", cty.new_code(engine, VILLAGE, "城关镇")["code"], transport=transport)
    yield store, member
    member.close()


def reviews(engine, device_id) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(batch_reviews).where(batch_reviews.c.device_id == device_id)
                                              .order_by(batch_reviews.c.batch_id)).mappings()]


def test_a_members_laptop_waits_for_the_leader_who_approves_from_their_own(laptops, transport, engine):
    leader, member = laptops
    # Alone before it knows the team, the member's laptop is a one-person team.
    assert review_signoff.review_state(member)["reason"] == review_signoff.ONE_PERSON
    review_signoff.approve(leader)
    sync.sync(leader, transport=transport)
    sync.sync(member, transport=transport)          # the leader's users record comes down
    state = review_signoff.review_state(member)
    assert (state["remote"], state["on"], state["leader"]) == (True, False, leader.user["name"])

    h = add_household(member, "张三", phone="13800000001")
    households.update_household(member, h["id"], {"address": "二组"})
    sync.sync(member, transport=transport)          # sealed without an approval: it waits
    [waiting] = [r for r in reviews(engine, member.device_id) if r["state"] != "off"]
    assert waiting["state"] == "awaiting_leader" and waiting["approver"] == leader.user["name"]

    # The leader's laptop receives the member's records and lists them under their author.
    sync.sync(leader, transport=transport)
    # (the chain's times are the computer's clock, which the tests do not pin)
    arrived = leader.conn.execute("SELECT substr(max(at), 1, 7) FROM audit_log").fetchone()[0]
    month = review.month_changes(leader, arrived)
    by_user = {m["user"]: m for m in month["members"]}
    assert by_user["李明"]["counts"]["households"] >= 1
    assert {r["id"] for r in by_user["李明"]["records"]} >= {h["id"]}

    approval = review_signoff.approve(leader)
    assert approval["down_to"] == review_signoff.down_cursor(leader) > 0
    doc = review_signoff.approval_doc(approval)
    envelope.verify_approval(doc, doc["signer_key"])
    with pytest.raises(envelope.EnvelopeError):      # the feed's place is signed
        envelope.verify_approval({**doc, "down_to": doc["down_to"] + 1000}, doc["signer_key"])
    sync.sync(leader, transport=transport)
    [done] = [r for r in reviews(engine, member.device_id) if r["batch_id"] == waiting["batch_id"]]
    assert (done["state"], done["verified"], done["approver"]) == ("approved", 1, leader.user["name"])
    assert "另一台电脑" in done["detail"]

    # What the member writes after the leader's approval waits for the next one.
    add_household(member, "李四", phone="13800000002")
    sync.sync(member, transport=transport)
    later = [r for r in reviews(engine, member.device_id) if r["batch_id"] > waiting["batch_id"]
             and r["state"] != "off"]
    assert [r["state"] for r in later] == ["awaiting_leader"]


def test_an_approval_without_the_feeds_place_still_verifies(store):
    """Approvals signed before the feed's place existed carry no down_to and still verify."""
    store.add_user("周敏", "passphrase2", Role.COLLECTOR)
    approval = review_signoff.approve(store)
    assert approval["down_to"] is None
    doc = review_signoff.approval_doc(approval)
    assert "down_to" not in doc
    envelope.verify_approval(doc, doc["signer_key"])


def test_a_laptop_with_the_leaders_account_is_not_remote(store, tmp_path):
    """The leader signed in here (even with other people's records from elsewhere) reviews here."""
    store.add_user("周敏", "passphrase2", Role.COLLECTOR)
    state = review_signoff.review_state(store)
    assert (state["remote"], state["on"]) == (False, True)
    other = make_store(tmp_path / "c", "赵六")
    try:
        assert review_signoff.review_state(other)["reason"] == review_signoff.ONE_PERSON
    finally:
        other.close()
