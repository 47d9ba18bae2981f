"""The leader's approval at the county: a good one is verified and kept with the batch; a tampered
one, or one signed with a key that is not the leader's users record, refuses the batch; a batch
without a review, or running past the approved range, is kept and flagged; review off is kept
with its reason; the console's batches page shows each."""
from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.core.enums import Role
from app.services import review_signoff
from app.sync import batch as batches
from app.sync import envelope
from county_server.approvals import batch_reviews
from county_server.ingest import Refused, ingest

from tests.county.console.consolekit import HTML, signed_in


@pytest.fixture
def team(device):
    """The device's store with the leader and a collector: review is on."""
    device.store.add_user("李明", "passphrase2", Role.COLLECTOR)
    return device


def reviewed_body(device) -> dict:
    """The pending batch's body with the review section sealing gives it."""
    _, review, _ = review_signoff.seal_scope(device.store, *batches.pending_range(device.store))
    body = device.body()
    body["review"] = review
    return body


def verdict(engine, device, batch_id) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(batch_reviews).where(batch_reviews.c.device_id == device.id,
                                                              batch_reviews.c.batch_id == batch_id)).mappings().one())


def test_a_good_approval_is_verified_and_kept(engine, team):
    team.household()
    review_signoff.approve(team.store, "2026-11")
    body = reviewed_body(team)
    ingest(engine, team.seal(body))
    v = verdict(engine, team, body["batch_id"])
    assert (v["state"], v["verified"], v["approver"], v["month"]) == ("approved", 1, team.store.user["name"], "2026-11")
    assert v["audit_to"] == body["review"]["approval"]["audit_to"]


@pytest.mark.parametrize("field, value, why", [
    ("audit_to", 10_000, "does not verify"),
    ("approver_name", "冒名", "does not verify"),
    ("kind", "off", "neither"),
])
def test_a_tampered_approval_refuses_the_batch(engine, team, field, value, why):
    team.household()
    review_signoff.approve(team.store)
    body = reviewed_body(team)
    body["review"]["approval"][field] = value
    with pytest.raises(Refused, match=why):
        ingest(engine, team.seal(body))


def test_an_approval_signed_with_another_key_is_refused(engine, team):
    team.household()
    review_signoff.approve(team.store)
    body = reviewed_body(team)
    doc = body["review"]["approval"]
    other = Ed25519PrivateKey.generate()
    doc["signer_key"], doc["signature"] = envelope.public_hex(other.public_key()), envelope.sign_approval(doc, other)
    with pytest.raises(Refused, match="not the approver's key"):
        ingest(engine, team.seal(body))


def test_a_collector_cannot_approve_even_with_a_good_signature(engine, team):
    team.household()
    member = next(u for u in team.store.users() if u["role"] == "collector")
    review_signoff.approve(team.store)
    body = reviewed_body(team)
    doc = body["review"]["approval"]
    key = envelope.ed25519_private(team.store.conn.execute(
        "SELECT signing_key FROM user_secrets WHERE user_id = ?", [member["id"]]).fetchone()[0])
    doc.update(approver=member["id"], signer_key=envelope.public_hex(key.public_key()))
    doc["signature"] = envelope.sign_approval(doc, key)
    with pytest.raises(Refused, match="team leader"):
        ingest(engine, team.seal(body))


def test_a_batch_without_review_is_kept_and_flagged(engine, team):
    team.household()
    body = team.body()  # as a device from before review seals it
    ingest(engine, team.seal(body))
    assert verdict(engine, team, body["batch_id"])["state"] == "unreviewed"


def test_entries_past_the_approved_range_are_flagged(engine, team):
    team.household()
    review_signoff.approve(team.store)
    _, review, _ = review_signoff.seal_scope(team.store, *batches.pending_range(team.store))
    team.household("王二")                    # after the approval, sent anyway by a modified device
    body = team.body()
    body["review"] = review
    ingest(engine, team.seal(body))
    v = verdict(engine, team, body["batch_id"])
    assert v["state"] == "not_covered" and "after the approved range" in v["detail"]


def test_review_off_is_kept_with_its_reason(engine, team):
    team.household()
    review_signoff.set_review(team.store, False, "一人在村")
    body = reviewed_body(team)
    ingest(engine, team.seal(body))
    v = verdict(engine, team, body["batch_id"])
    assert (v["state"], v["reason"], v["verified"]) == ("off", "一人在村", 1)


def test_the_batches_page_shows_the_review(client, engine, team):
    team.household()
    review_signoff.approve(team.store)
    ingest(engine, team.seal(reviewed_body(team)))
    team.household("王二")
    review_signoff.set_review(team.store, False, "另一队员借调")
    ingest(engine, team.seal(reviewed_body(team)))
    signed_in(client, engine)
    page = client.get("/batches", headers=HTML).text
    day = team.store.query("SELECT approved_at FROM review_approvals WHERE kind = 'approve'")[0]["approved_at"][:10]
    assert f"审核: {team.store.user['name']} {day} 批准" in page and "(verified)" in page
    assert "未审核（本村已关闭审核: 另一队员借调）" in page
