"""The county server killed outright (SIGKILL) while it ingests a batch: the commit is on its
way, the process dies at a random moment, and the server comes back on the same database. The
county then holds that batch whole or not at all, and the device's next sync completes with
every record held exactly once."""
from __future__ import annotations

import random
import threading
import time
from datetime import date, timedelta

import httpx
from tests.support.countykit import id_number
from ledger import assert_exactly_once, county_records

from app.services import households, sync, visits
from county_server import db

SEED = 7
HOUSEHOLDS = 150          # about 600 records: an ingest of a few tenths of a second
KILLS = 4


class CommitWatch(httpx.HTTPTransport):
    """The device's real transport, which notes the moment a commit request leaves and how long
    the county took to answer it."""

    def __init__(self):
        super().__init__()
        self.sent = threading.Event()
        self.took: float | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/commit"):
            return super().handle_request(request)
        start = time.monotonic()
        self.sent.set()
        response = super().handle_request(request)
        response.read()
        self.took = time.monotonic() - start
        return response


def _big_batch(store, round_no: int) -> set[tuple[str, str]]:
    """A village's worth of new households, each with two members and a visit, sealed as one batch."""
    for i in range(HOUSEHOLDS):
        born = (date(1940, 1, 1) + timedelta(days=round_no * HOUSEHOLDS + i)).isoformat()
        h = households.add_household(store, {"head_name": f"户{round_no}-{i}", "village": "石门村"})
        households.add_member(store, h["id"], {"name": f"户{round_no}-{i}", "relation": "head",
                                               "id_number": id_number(born, "male")})
        households.add_member(store, h["id"], {"name": f"妻{round_no}-{i}", "relation": "spouse",
                                               "id_number": id_number(born, "female")})
        visits.add_visit(store, h["id"], {"date": "2026-11-02", "mode": "home", "findings": "正常"},
                         today=date(2026, 11, 20))
    batch = sync.seal_pending(store)
    return {(t, i) for t, i in store.conn.execute(
        "SELECT DISTINCT tbl, record_id FROM outbox WHERE batch_id = ?", [batch["batch_id"]])}


def _sync_in_background(store, url: str, watch: CommitWatch) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run():
        try:
            with sync.client_for(store, url, transport=watch, attempts=1, backoff=(0,)) as client:
                outcome["result"] = sync.sync(store, client=client)
        except sync.SyncError as e:
            outcome["error"] = e
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_the_server_killed_during_ingest_holds_the_batch_whole_or_not_at_all(enrolled, engine, server):
    store = enrolled
    rng = random.Random(SEED)

    # An undisturbed round first: how long a commit of such a batch takes here.
    _big_batch(store, 0)
    watch = CommitWatch()
    result = sync.sync(store, transport=watch)
    assert result["accepted"] == result["pushed"] > 4 * HOUSEHOLDS - 1 and watch.took is not None
    took = watch.took
    assert_exactly_once(store, engine)

    outcomes = []
    # From the moment the commit leaves (before the county has read it) to somewhat after the
    # undisturbed commit had its answer.
    spans = [(0, 0.02), (0.2, 0.7), (0.7, 1.1), (1.1, 1.6)]
    for round_no in range(1, KILLS + 1):
        batch = _big_batch(store, round_no)
        before = county_records(engine, store.device_id)
        watch = CommitWatch()
        thread, outcome = _sync_in_background(store, server.url, watch)
        assert watch.sent.wait(30), "the commit was never sent"
        low, high = spans[(round_no - 1) % len(spans)]
        delay = rng.uniform(low, high) * took
        time.sleep(delay)
        server.kill()
        thread.join(30)
        assert not thread.is_alive()

        # Whole or not at all: the records of this batch, all of them or none.
        after = county_records(engine, store.device_id)
        new = set(after) - set(before)
        assert new in (set(), batch), f"round {round_no}: {len(new)} of the batch's {len(batch)} records"
        with db.reading(engine) as conn:
            state = conn.execute(db.batches.select().with_only_columns(db.batches.c.state)
                                 .where(db.batches.c.device_id == store.device_id)
                                 .order_by(db.batches.c.started_at.desc())).first()
        assert (state is not None and state[0] == "done") == (new == batch)
        outcomes.append(("whole" if new else "none", round(delay, 3), "error" in outcome))
        if "result" in outcome:  # the answer came back before the process died
            assert new == batch

        server.start()
        result = sync.sync(store, server.url)
        assert result["rejected"] == 0
        assert sync.status(store)["pending"] == 0 and sync.status(store)["ready_batches"] == 0
        assert_exactly_once(store, engine)
    assert any(kind == "none" for kind, _, _ in outcomes), outcomes
