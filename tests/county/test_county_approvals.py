"""The leader's approval at the county: a good one is verified and kept with the batch; a tampered
one, or one signed with a key that is not the leader's users record, refuses the batch; a batch
without a review, or running past the approved range, is kept and flagged; review off is kept
with its reason; the console's batches page shows each."""
from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import inspect, select

from app.core.enums import Role
from app.services import review_signoff
from app.sync import batch as batches
from app.sync import envelope
from county_server import approvals
from county_server.approvals import batch_reviews
from county_server.cli import main
from county_server.console import web
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


def test_a_county_database_made_before_the_table_gains_it_when_opened(capsys, db_url, engine, device):
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE batch_reviews")
        conn.exec_driver_sql("DROP INDEX batches_order")
    assert not inspect(engine).has_table("batch_reviews")
    assert main(["devices", "--db", db_url, "--json"]) == 0        # any command opens it, as `serve` does
    assert inspect(engine).has_table("batch_reviews")
    assert "batches_order" in {i["name"] for i in inspect(engine).get_indexes("batches")}
    device.household()
    body = device.body()
    ingest(engine, device.seal(body))
    assert verdict(engine, device, body["batch_id"])["state"] == "unreviewed"


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


def shown(client, query: str = "") -> str:
    return client.get(f"/batches{query}", headers=HTML).text


def test_the_batches_page_filters_by_the_review(client, engine, team, monkeypatch):
    ids = {}
    team.household()
    review_signoff.approve(team.store)
    body = reviewed_body(team)
    ingest(engine, team.seal(body))
    ids["approved"] = body["batch_id"]
    team.household("王二")
    review_signoff.approve(team.store)
    _, review, _ = review_signoff.seal_scope(team.store, *batches.pending_range(team.store))
    team.household("王三")                    # after the approval
    body = team.body()
    body["review"] = review
    ingest(engine, team.seal(body))
    ids["not_covered"] = body["batch_id"]
    team.household("王四")
    body = team.body()                        # a device from before review
    ingest(engine, team.seal(body))
    ids["unreviewed"] = body["batch_id"]
    team.household("王五")
    review_signoff.set_review(team.store, False, "一人在村")
    body = reviewed_body(team)
    ingest(engine, team.seal(body))
    ids["off"] = body["batch_id"]
    team.household("王六")
    body = team.body()
    body["review"] = {"state": "approved", "approval": "forged"}
    assert team.upload(client, team.seal(body), body["batch_id"]).status_code == 422
    ids["refused"] = body["batch_id"]
    signed_in(client, engine)
    expected = {"all": set(ids), "approved": {"approved"}, "unreviewed": {"unreviewed"}, "off": {"off"},
                "invalid": {"not_covered", "refused"}}
    for choice, kinds in expected.items():
        page = shown(client, "" if choice == "all" else f"?review={choice}")
        assert {k for k, batch_id in ids.items() if batch_id[-12:] in page} == kinds, choice
        current = re.search(r'<a href="[^"]*" aria-current="true">([^<]+)<', page).group(1).strip()
        assert current == approvals.FILTERS[choice][0]
    assert "审批无效，本批拒收" in shown(client, "?review=invalid")
    assert "Approval not valid" in shown(client) and "Review off (a one-person team)" in shown(client)
    assert "没有这样的批次" not in shown(client, "?review=nonsense")       # an unknown choice shows all
    monkeypatch.setattr(web, "PAGE", 1)                                    # paginated by the database
    first = shown(client, "?review=invalid")
    assert "第 1 / 2 页（共 2 条）" in first and 'href="?review=invalid&amp;page=2"' in first
    second = shown(client, "?review=invalid&page=2")
    assert sum(ids[k][-12:] in p for k in ("not_covered", "refused") for p in (first, second)) == 2


def test_a_township_reviewer_filters_within_their_township(client, engine, team):
    team.household()
    review_signoff.approve(team.store)
    ingest(engine, team.seal(reviewed_body(team)))
    signed_in(client, engine, "elsewhere", "township", "别的镇")
    assert "没有这样的批次" in shown(client, "?review=approved")
