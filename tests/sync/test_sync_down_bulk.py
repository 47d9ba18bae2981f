"""Records down written a table at a time (app/services/sync/inbound.py): a page applied in bulk
leaves exactly what applying it one record at a time leaves — the same records, the same audit
entries in the same order, the same field clocks and search entries — and a record that cannot
be taken (its parent missing) is named in `skipped` while the rest of the page is applied."""
from __future__ import annotations

import pytest

from app.core.errors import StateError

from app.services import sync
from app.services.sync import inbound
from app.sync import down
from county_server import api
from county_server import county as cty
from county_server import down as county_down
from county_server.inprocess import InProcess

from tests.support.stores import add_household, make_store

VILLAGE = "石门村"
CHAIN = ("seq", "hlc", "user_id", "device_id", "action", "tbl", "record_id", "revision", "changes", "record_hash")


@pytest.fixture
def transport(engine):
    return InProcess(api.create_app(engine.url_text))


@pytest.fixture
def village(store, tmp_path, engine, transport):
    """Laptop A with a few households synced; laptops B and C of the village, new."""
    others = [make_store(tmp_path / n, name) for n, name in (("b", "李明"), ("c", "王芳"))]
    for s in (store, *others):
        sync.enroll(s, "http://county.test", cty.new_code(engine, VILLAGE, "城关镇")["code"], transport=transport)
    for i in range(3):
        add_household(store, f"户主{i}", phone=f"1380000000{i}", note="甲")   # and its head, a member
    sync.sync(store, transport=transport)
    yield store, *others
    for s in others:
        s.close()


def state(store) -> dict:
    tables = ("households", "members", "users", "visits", "sync_field_clocks", "household_search")
    out = {t: sorted(map(tuple, store.conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    out["chain"] = [tuple(r) for r in store.conn.execute(f"SELECT {', '.join(CHAIN)} FROM audit_log ORDER BY seq")]
    return out


def without_ids(chain: list[tuple], store) -> list[tuple]:
    """Entries minus what names the laptop (its user, its device)."""
    return [tuple(v for k, v in zip(CHAIN, e) if k not in ("user_id", "device_id", "hlc")) for e in chain
            if e[CHAIN.index("action")] == "sync"]


def test_a_page_in_bulk_leaves_what_one_at_a_time_leaves(village, transport, monkeypatch):
    a, b, c = village
    sync.sync(b, pull_only=True, transport=transport)
    taken = []
    real = inbound._NewRecords.take
    monkeypatch.setattr(inbound._NewRecords, "take", lambda self, item, new: taken.append(item) and False)
    sync.sync(c, pull_only=True, transport=transport)
    monkeypatch.setattr(inbound._NewRecords, "take", real)
    assert taken                                   # C went one at a time
    got_b, got_c = state(b), state(c)
    for t in ("households", "members", "visits", "sync_field_clocks", "household_search"):
        assert got_b[t] == got_c[t], t
    assert without_ids(got_b["chain"], b) == without_ids(got_c["chain"], c)
    assert len(got_b["households"]) == 3 and b.verify_audit().ok and c.verify_audit().ok


def test_a_record_whose_parent_is_missing_is_named_and_the_rest_applied(village, engine):
    a, b, _ = village
    county = cty.load_county(engine)
    body = county_down.page(engine, b.device_id, VILLAGE, 0)
    households = [i for i in body["items"] if i.get("tbl") == "households"]
    body["items"] = [i for i in body["items"] if i is not households[0]]   # one household lost on the way
    sealed = down.seal_page(body, device_id=b.device_id, after=body["after"], last=body["last"],
                            county_key=county.sign_key, device_key=_public(engine, b.device_id))
    result = sync.apply_page(b, sealed)
    orphan = [s for s in result["skipped"] if s["tbl"] == "members"]
    assert len(orphan) == 1 and orphan[0]["reason"]
    held = {r[0] for r in b.conn.execute("SELECT id FROM households")}
    assert held == {h["id"] for h in households[1:]}
    assert b.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    assert b.verify_audit().ok


def _public(engine, device_id: str):
    from sqlalchemy import select

    from app.sync import envelope
    from county_server import db
    with engine.connect() as conn:
        key = conn.execute(select(db.devices.c.public_key).where(db.devices.c.device_id == device_id)).scalar()
    return envelope.ed25519_public(key)


def test_the_next_page_is_built_ahead_once_and_the_device_still_checked(village, engine, monkeypatch):
    a, b, _ = village
    monkeypatch.setattr(county_down, "READ_AHEAD_MIN", 1)     # pages of two records count as long
    built, real = [], county_down._build
    monkeypatch.setattr(county_down, "_build", lambda *args: built.append(args[3]) or real(*args))
    ahead, take = [], county_down._ahead_take
    monkeypatch.setattr(county_down, "_ahead_take", lambda key: ahead.append(take(key)) or ahead[-1])
    county = cty.load_county(engine)
    after, pages = 0, 0
    while True:
        result = sync.apply_page(b, county_down.sealed_page(engine, county, b.device_id, after, 2))
        pages += 1
        assert result["skipped"] == []
        if not result["more"]:
            break
        after = result["last"]
    assert pages > 2 and sorted(built) == sorted(set(built))   # each page built once, ahead or asked
    assert sum(x is not None for x in ahead) >= 1                # and some were ready when asked for
    assert {r[0] for r in b.conn.execute("SELECT id FROM households")} == \
        {r[0] for r in a.conn.execute("SELECT id FROM households")}
    first = down.read_page_header(county_down.sealed_page(engine, county, b.device_id, 0, 2))
    cty.restore_code(engine, b.device_id)                     # b is lost: revoked, its next page built already
    with pytest.raises(StateError):
        county_down.sealed_page(engine, county, b.device_id, first["last"], 2)
