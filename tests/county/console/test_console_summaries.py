"""The overview's and village pages' rows kept in the county's database: after several batches
from two villages they equal a full recomputation from the records, only the village that synced
is recomputed, and a new day reads the kept rows."""
from __future__ import annotations

import json

from sqlalchemy import select

from app.core import clock
from tests.county.console.consolekit import HTML, signed_in
from tests.county.console.test_console_pages import synced

from county_server import db, users
from county_server.console import summaries


def stored(engine, day=None) -> dict:
    """The kept rows as they read on `day` (today)."""
    vs, hs = db.village_summaries, db.household_summaries
    day = day or clock.today()
    with engine.connect() as conn:
        villages = {v: (summaries.resolve(json.loads(d), day), at)
                    for v, d, at in conn.execute(select(vs.c.village, vs.c.data, vs.c.token))}
        homes = {}
        for v, d in conn.execute(select(hs.c.village, hs.c.data).order_by(hs.c.village, hs.c.group_name,
                                                                          hs.c.number, hs.c.head_name)):
            homes.setdefault(v, []).append(summaries.resolve_home(json.loads(d), day))
    return {"villages": villages, "homes": homes}


def recomputed(engine, village: str) -> tuple[dict, list[dict]]:
    with engine.connect() as conn:
        return summaries.compute_village(conn, village, clock.today())


def test_summaries_equal_a_full_recomputation_after_several_batches(client, engine, device, other_device):
    other_device.enroll(engine, "桃园村")
    signed_in(client, engine)
    for head in ("甲", "乙"):
        synced(client, device, head)
        assert client.get("/", headers=HTML).status_code == 200
    tokens = {v: t for v, (_, t) in stored(engine)["villages"].items()}
    synced(client, other_device, "丙")
    assert client.get("/", headers=HTML).status_code == 200
    after = stored(engine)
    assert after["villages"]["石门村"][1] == tokens["石门村"]          # not recomputed: nothing came
    assert after["villages"]["桃园村"][1] != tokens["桃园村"]          # recomputed: a batch came
    synced(client, device, "丁")
    assert client.get("/villages/石门村", headers=HTML).status_code == 200   # the village page refreshes too
    assert client.get("/", headers=HTML).status_code == 200
    held = stored(engine)
    for village in ("石门村", "桃园村"):
        row, homes = recomputed(engine, village)
        assert held["villages"][village][0] == row
        assert held["homes"][village] == homes
    assert held["villages"]["石门村"][0]["households"] == 3
    assert sorted(h["head_name"] for h in held["homes"]["石门村"]) == sorted(["甲", "乙", "丁"])


def test_a_village_page_is_paginated_by_the_database(client, engine, device):
    for n in range(3):
        device.household(f"户{n}")
    body = device.body()
    assert device.upload(client, device.seal(body), body["batch_id"]).status_code == 200
    users.ensure_tables(engine)
    rows, total = summaries.households_page(engine, "石门村", clock.today(), 1, 1)
    everything, _ = summaries.households_page(engine, "石门村", clock.today(), 0, 10)
    assert total == 3 and rows == everything[1:2]


def test_a_new_day_reads_the_kept_rows_and_the_checks_are_kept_for_every_worker(engine, device, client):
    synced(client, device)
    users.ensure_tables(engine)
    first = summaries.overview(engine, None, clock.today())
    from datetime import timedelta
    vs = db.village_summaries
    with engine.connect() as conn:
        kept = conn.execute(select(vs.c.day, vs.c.computed_at, vs.c.data)).one()
    with clock.pinned(clock.today() + timedelta(days=1)):
        again = summaries.overview(engine, None, clock.today())
        assert first[0]["households"] == again[0]["households"] == 1
        with engine.connect() as conn:
            assert conn.execute(select(vs.c.day, vs.c.computed_at, vs.c.data)).one() == kept   # not computed again
        assert again == [recomputed(engine, "石门村")[0]]
    calls = []

    def compute(conn):
        calls.append(1)
        return [{"n": len(calls)}]
    assert summaries.cached(engine, "t", "k", compute) == [{"n": 1}]
    assert summaries.cached(engine, "t", "k", compute) == [{"n": 1}]   # kept in the database
    synced(client, device, "又一户")
    assert summaries.cached(engine, "t", "k", compute) == [{"n": 2}]   # the county's data changed


def test_a_batch_brings_its_village_up_to_date_before_anyone_looks(client, engine, device):
    from county_server.console import checks
    synced(client, device)                       # through the API: commit, then the village's rows
    held = stored(engine)
    row, homes = recomputed(engine, "石门村")
    assert held["villages"]["石门村"][0] == row and held["homes"]["石门村"] == homes
    c = db.console_cache
    with engine.connect() as conn:
        assert conn.execute(select(c.c.key).where(c.c.name == checks.LOCAL)).scalars().all() == ["石门村"]
        since = json.dumps(checks.cluster_since(clock.today()))
        assert conn.execute(select(c.c.key).where(c.c.name == "checks")).scalars().all() == [since]   # checks ready
    signed_in(client, engine)
    assert client.get("/", headers=HTML).status_code == 200
    assert stored(engine)["villages"]["石门村"][1] == held["villages"]["石门村"][1]     # read, not computed again
