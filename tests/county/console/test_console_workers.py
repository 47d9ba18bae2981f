"""Several worker processes on one county database: each is its own app with its own engine and
memory, so what must hold across them (the sign-in limit, the overview's rows, the checks) is
kept in the database. Two app instances stand for two workers."""
from __future__ import annotations

import warnings

import pytest
from sqlalchemy import select

from tests.county.console.consolekit import HTML, account, login, signed_in
from tests.support.countykit import Device
from tests.county.console.test_console_pages import synced

from county_server import county as cty
from county_server import db, ratelimit


@pytest.fixture
def second(db_url, engine):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from county_server.api import create_app
    with TestClient(create_app(db_url)) as c:
        yield c
        c.app.state.engine.dispose()


def test_the_sign_in_limit_counts_failures_at_every_worker(client, second, engine):
    account(engine)
    for n in range(10):
        assert login(client if n % 2 else second, "monitor", "not the password").status_code == 401
    for worker in (client, second):
        r = login(worker, "monitor")          # the right password, after ten failures across both
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_wrong_enrollment_codes_count_at_every_worker(client, second, engine, store, county):
    fresh = Device(store, county)
    good = cty.new_code(engine, "石门村")["code"]
    for n in range(ratelimit.PER_CLIENT):
        guess = "ABCD-EFGH-" + "23456789"[n % 8] * 3 + "ABCDEFGHJK"[n]
        r = (client if n % 2 else second).post("/api/v1/enroll", json=fresh.enroll_request(guess))
        assert r.status_code == 404, r.text
    for worker in (client, second):         # even the right code waits now, whichever worker hears it
        r = worker.post("/api/v1/enroll", json=fresh.enroll_request(good))
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    with engine.connect() as conn:
        assert conn.execute(select(db.console_attempts.c.who)).scalars().all() == ["enroll:testclient"] * 10


def test_a_worker_reads_the_rows_another_computed(client, second, engine, device):
    synced(client, device)
    signed_in(client, engine)
    assert client.get("/", headers=HTML).status_code == 200
    assert client.get("/checks", headers=HTML).status_code == 200
    vs, cache = db.village_summaries, db.console_cache
    with engine.connect() as conn:
        before = conn.execute(select(vs.c.computed_at, vs.c.token)).all(), conn.execute(select(cache.c.token)).all()
        conn.execute(vs.update().values(computed_at="kept"))
        conn.commit()
    signed_in(second, engine, "monitor2")
    page = second.get("/", headers=HTML)
    assert page.status_code == 200 and "石门村" in page.text
    assert second.get("/checks", headers=HTML).status_code == 200
    with engine.connect() as conn:
        assert conn.execute(select(vs.c.computed_at)).scalars().all() == ["kept"]    # not recomputed
        assert conn.execute(select(cache.c.token)).all() == before[1]
