"""The leader's review end to end on loopback with a real uvicorn: a two-person laptop's sync sends
nothing the leader has not approved (and says so), then sends the approved month, whose approval
the county verifies and keeps with the batch."""
from __future__ import annotations

from sqlalchemy import select

from app.core.enums import Role
from app.services import review_signoff, sync

from county_server.approvals import batch_reviews
from tests.support.stores import add_household


def test_a_month_reaches_the_county_with_the_leaders_approval(enrolled, server, engine):
    store = enrolled
    store.add_user("李明", "passphrase2", Role.COLLECTOR)
    add_household(store, "张三")
    first = sync.sync(store, server.url)
    assert first["pushed"] == 0 and "尚未经队长审核批准" in first["review_required"]
    approval = review_signoff.approve(store)
    second = sync.sync(store, server.url)
    assert second["pushed"] > 0 and second["rejected"] == 0 and "review_required" not in second
    with engine.connect() as conn:
        [row] = conn.execute(select(batch_reviews)).mappings().all()
    assert (row["state"], row["verified"], row["approver"]) == ("approved", 1, store.user["name"])
    assert row["audit_to"] == approval["audit_to"]
