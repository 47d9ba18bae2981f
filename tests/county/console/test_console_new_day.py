"""A new day without the nightly refresh: the kept village rows hold about two months (the month's
numbers for this month and the next, the missed deadlines on the days they change), so the
first look of a new day reads them; on every day they hold they equal a full recomputation from
the records on that day, across a deadline passing and the turn of the month."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import delete, insert, select, update

from app.core import canonical, clock
from county_server import db, users
from county_server.console import checks, summaries

VILLAGE = "石门村"


def put(engine, records: list[tuple[str, dict]], device: str = "dev-a", batch: str = "b-1",
        village: str = VILLAGE) -> None:
    with engine.begin() as conn:
        if not conn.execute(select(db.devices.c.device_id).where(db.devices.c.device_id == device)).first():
            conn.execute(insert(db.devices).values(device_id=device, store_id="s", public_key="00" * 32,
                                                   village=village, township="城关镇", label=None,
                                                   enrolled_at="2026-01-05T00:00:00.000Z", revoked_at=None,
                                                   audit_head="0" * 64, audit_seq=0))
        conn.execute(insert(db.batches).values(device_id=device, batch_id=batch, sha256="0" * 64, size=1,
                                               part_size=1, parts=1, state="done",
                                               started_at="2026-11-18T08:00:00.000Z",
                                               received_at=f"2026-11-18T08:00:0{len(batch)}.000Z",
                                               receipt='{"body": {"accepted": [], "rejected": []}}'))
        conn.execute(insert(db.records), [{"tbl": "notes", "id": batch, "revision": 1, "hlc": "0" * 15, "device_id": device,
                                           "batch_id": batch, "deleted": 1, "data": "{}", "field_hlc": None}, *[
            {"tbl": tbl, "id": data["id"], "revision": 1, "hlc": f"{1_790_000_000_000 + n:015d}-00000-dev",
             "device_id": device, "batch_id": batch, "deleted": 0, "data": canonical.dumps(data), "field_hlc": None}
            for n, (tbl, data) in enumerate(records)]])


def household(hid: str, category: str = "ordinary", **more) -> tuple[str, dict]:
    return "households", {"id": hid, "head_name": f"户主{hid}", "number": hid, "village": VILLAGE, "group_name": "1组",
                          "category": category, "residence": "at_home", "risk_eliminated": 0, **more}


def visit(hid: str, n: int, day: date, mode: str = "home") -> tuple[str, dict]:
    return "visits", {"id": f"{hid}-v{n}", "household_id": hid, "visit_date": day.isoformat(), "mode": mode,
                      "visitor": "王芳", "findings": "家中正常"}


def county_of_deadlines(today: date) -> list[tuple[str, dict]]:
    """Households whose due lists and cases change over the next two months: a clue whose
    15 days run out in three days, an identification whose plan is due in a week, monitored
    households visited this month and last, an ordinary one never visited."""
    out = [household("h1", "monitored", monitoring_since="2026-03-01"),
           household("h2", "monitored", monitoring_since="2026-03-01"),
           household("h3", "monitored", monitoring_since="2026-06-01"),
           household("h4"), household("h5", "lifted"),
           visit("h1", 1, today - timedelta(days=2)), visit("h1", 2, today - timedelta(days=40), "phone"),
           visit("h2", 1, today - timedelta(days=35)), visit("h5", 1, today - timedelta(days=100)),
           ("cases", {"id": "c1", "household_id": "h1", "state": "clue",
                      "clue_date": (today - timedelta(days=12)).isoformat()}),
           ("cases", {"id": "c2", "household_id": "h2", "state": "identified",
                      "clue_date": (today - timedelta(days=20)).isoformat(),
                      "identified_date": (today - timedelta(days=3)).isoformat()}),
           ("cases", {"id": "c3", "household_id": "h3", "state": "helping", "clue_date": "2026-05-20",
                      "identified_date": "2026-06-01", "plan_date": "2026-06-05"}),
           ("attendance", {"id": "a1", "month": f"{today:%Y-%m}", "person": "王芳", "days": 21}),
           ("problem_items", {"id": "p1", "household_id": "h4", "description": "缺少收入", "closed_on": None})]
    return out


def kept(engine) -> tuple:
    vs, hs = db.village_summaries, db.household_summaries
    with engine.connect() as conn:
        return (conn.execute(select(vs.c.day, vs.c.token, vs.c.computed_at, vs.c.data)).all(),
                conn.execute(select(hs.c.data).order_by(hs.c.household_id)).scalars().all())


def test_the_kept_rows_equal_a_recomputation_on_every_day_they_hold(engine, county):
    today = clock.today()
    put(engine, county_of_deadlines(today))
    with engine.connect() as conn:
        row, homes = summaries.compute_span(conn, VILLAGE, today)
        until = date.fromisoformat(row["_until"])
        assert until == summaries.next_month(summaries.next_month(today))      # about two months
        assert len(row["_missed"]) >= 2                                        # a deadline passes in them
        seen = set()
        day = today
        while day < until:
            want_row, want_homes = summaries.compute_village(conn, VILLAGE, day)
            assert summaries.resolve(row, day) == want_row, day
            assert [summaries.resolve_home(h, day) for h in homes] == want_homes, day
            seen.add((want_row["missed"], want_row["visits_done"], want_row["visits_due"]))
            day += timedelta(days=1)
        assert len(seen) >= 3          # the days differ: the span is not one row repeated


def test_the_first_look_of_a_new_day_reads_the_kept_rows(engine, county):
    users.ensure_tables(engine)
    today = clock.today()
    put(engine, county_of_deadlines(today))
    first = summaries.overview(engine, None, today)
    before = kept(engine)
    for later in (today + timedelta(days=1), today + timedelta(days=5), summaries.next_month(today)):
        with clock.pinned(later):
            rows = summaries.overview(engine, None, later)
            page, total = summaries.households_page(engine, VILLAGE, later, 0, 50)
            assert kept(engine) == before                                   # read, not computed
            with engine.connect() as conn:
                want_row, want_homes = summaries.compute_village(conn, VILLAGE, later)
            assert rows == [want_row] and page == want_homes and total == 5
    assert first[0]["missed_identify"] == 0 and rows[0]["missed_identify"] == 1   # the clue's 15 days ran out
    beyond = summaries.next_month(summaries.next_month(today))
    with clock.pinned(beyond):                                              # past what was kept: computed again
        rows = summaries.overview(engine, None, beyond)
        assert kept(engine)[0][0][0] == beyond.isoformat()
        with engine.connect() as conn:
            assert rows == [summaries.compute_village(conn, VILLAGE, beyond)[0]]


def test_a_visit_dated_after_today_ends_the_kept_rows_on_its_day(engine, county):
    users.ensure_tables(engine)
    today = clock.today()
    put(engine, [*county_of_deadlines(today), visit("h4", 1, today + timedelta(days=3))])
    summaries.overview(engine, None, today)
    assert json.loads(kept(engine)[0][0][3])["_until"] == (today + timedelta(days=3)).isoformat()
    for later in (today + timedelta(days=2), today + timedelta(days=3)):
        with clock.pinned(later):
            rows = summaries.overview(engine, None, later)
            with engine.connect() as conn:
                assert rows == [summaries.compute_village(conn, VILLAGE, later)[0]]
    assert kept(engine)[0][0][0] == (today + timedelta(days=3)).isoformat()     # the visit's day: computed again


def test_the_checks_of_a_new_day_read_each_villages_kept_contribution(engine, county):
    users.ensure_tables(engine)
    today = clock.today()
    crowded = [visit(f"h{n}", 1, today - timedelta(days=1)) for n in range(12)]
    put(engine, [*(household(f"h{n}") for n in range(12)), *crowded])
    first = checks.scoped_findings(engine, None, today)
    assert [f["title"] for f in first] == ["走访集中在同一天"] and "month" not in first[0]
    c = db.console_cache
    with engine.connect() as conn:
        held = conn.execute(select(c.c.token, c.c.data).where(c.c.name == checks.LOCAL)).all()
    with clock.pinned(today + timedelta(days=1)):
        assert checks.scoped_findings(engine, None, clock.today()) == first
    far = date(today.year + 1, today.month, 1)                          # the month is no longer read
    assert checks.scoped_findings(engine, None, far) == []
    with engine.connect() as conn:
        assert conn.execute(select(c.c.token, c.c.data).where(c.c.name == checks.LOCAL)).all() == held


def test_the_keys_shared_across_villages_are_kept_up_to_date_village_by_village(engine, county):
    users.ensure_tables(engine)
    today, c = clock.today(), db.console_cache
    person = {"name": "张三", "id_number": "430521199001011234", "relation": "head", "sex": "male"}
    put(engine, [household("h1"), ("members", {"id": "m1", "household_id": "h1", **person})])

    def found_and_recomputed():
        found = checks.scoped_findings(engine, None, clock.today())
        with engine.connect() as conn:
            kept = conn.execute(select(c.c.token, c.c.data).where(c.c.name == checks.SHARED, c.c.key == "id")).one()
            assert kept[0] == checks.contributions_state(conn)
        with engine.begin() as conn:
            conn.execute(delete(db.check_keys))
            conn.execute(delete(c))
        assert checks.scoped_findings(engine, None, clock.today()) == found     # a full recomputation
        return found, json.loads(kept[1])
    found, keys = found_and_recomputed()
    assert found == [] and keys == []
    put(engine, [household("h2"), ("members", {"id": "m2", "household_id": "h2", **person})], "dev-b", "b-2", "桃园村")
    found, keys = found_and_recomputed()
    assert len(keys) == 1 and {f["title"] for f in found} == {"身份证号重复"}
    assert {f["village"] for f in found} == {VILLAGE, "桃园村"}
    with engine.begin() as conn:                                   # the second village's person corrected
        conn.execute(update(db.records).where(db.records.c.id == "m2").values(deleted=1))
    put(engine, [], "dev-b", "b-3", "桃园村")
    found, keys = found_and_recomputed()
    assert found == [] and keys == []
