"""The field merge: a county edit of a household merged field by field, the newer edit by
hybrid logical clock wins, the loser kept in sync_conflicts when it was a real edit the other
side had not seen."""
from __future__ import annotations

import json
from datetime import datetime

from app.core import canonical
from app.core.errors import NotFound, ValidationError
from app.core.hlc import Timestamp
from app.core.household import clean_household
from app.storage.records import utc_now
from app.storage.store import Store

from .. import households


def field_clocks(store: Store, tbl: str, record_id: str) -> tuple[dict, tuple]:
    """Each field's last local change: {field: (hlc, audit_seq, how)}, how = insert, update or
    county (a value from the county applied here, a roster edit or another device's record: its
    clock is the one it came with), and the insert's clock."""
    clocks: dict[str, tuple[str, int, str]] = {}
    created = None
    for seq, hlc, action, changes in store.conn.execute(
            "SELECT seq, hlc, action, changes FROM audit_log WHERE tbl = ? AND record_id = ? ORDER BY seq",
            [tbl, record_id]):
        changes = json.loads(changes)
        if action == "insert":
            created = created or (hlc, seq, "insert")
            for field in changes.get("fields", []):
                clocks[field] = (hlc, seq, "insert")
        elif action == "update":
            for field in changes:
                clocks[field] = (hlc, seq, "update")
        elif action == "sync":  # a record from the county (inbound.py): its fields' clocks follow
            for field in changes.get("fields", []):
                clocks[field] = (hlc, seq, "county")
    for field, hlc, seq in store.conn.execute(
            "SELECT field, hlc, audit_seq FROM sync_field_clocks WHERE tbl = ? AND record_id = ?", [tbl, record_id]):
        if field in clocks and clocks[field][1] == seq:
            clocks[field] = (hlc, seq, "county")
    return clocks, created


def norm(value):
    if isinstance(value, bool):
        return int(value)
    return value


def _county_knew(store: Store, audit_seq: int, county_hlc: str) -> bool:
    """Had the county received this local change before it made its own edit?"""
    row = store.conn.execute(
        "SELECT o.acked, b.receipt FROM outbox o LEFT JOIN sync_batches b ON b.batch_id = o.batch_id"
        " WHERE o.audit_seq = ?", [audit_seq]).fetchone()
    if not row or not row[0] or not row[1]:
        return False
    try:
        received = json.loads(row[1])["body"]["received_at"]
        millis = int(datetime.fromisoformat(received.replace("Z", "+00:00")).timestamp() * 1000)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return millis <= Timestamp.decode(county_hlc).millis


def merge_roster(store: Store, data: dict) -> int:
    """A county edit of a household, merged field by field: for each field the county's clock is
    compared with the clock of the last local change of that field; the newer wins. The losing
    value is kept in sync_conflicts when it was a real edit the other side had not seen.
    Returns the number of conflicts recorded."""
    hid, changes, county_hlc = data.get("household_id"), data.get("changes"), data.get("hlc")
    if not isinstance(changes, dict) or not isinstance(county_hlc, str):
        raise ValidationError("roster", "household_id, changes and hlc")
    Timestamp.decode(county_hlc)  # ValueError when it is not a clock
    household = store.records.get("households", hid) if isinstance(hid, str) else None
    if household is None:
        raise NotFound(f"本机没有这一户 (household not on this device): {hid}")
    cleaned = clean_household(changes, partial=True)
    store.clock.receive(county_hlc)
    clocks, created = field_clocks(store, "households", hid)
    created = created or (household["hlc"], 0, "insert")
    now = utc_now()
    county_wins, found = {}, 0
    for field, value in cleaned.items():
        local = household.get(field)
        if norm(local) == norm(value):
            continue
        local_hlc, local_seq, how = clocks.get(field, created)
        if county_hlc > local_hlc:
            county_wins[field] = value
            lost = how == "update" and not _county_knew(store, local_seq, county_hlc)
            if lost:
                found += _conflict(store, hid, field, kept=value, lost=local, winner="county",
                                   kept_hlc=county_hlc, lost_hlc=local_hlc, at=now)
        elif how != "county":  # a newer local edit the county had not seen: the device's value stays
            found += _conflict(store, hid, field, kept=local, lost=value, winner="device",
                               kept_hlc=local_hlc, lost_hlc=county_hlc, at=now)
    if county_wins:
        store.records.update("households", hid, county_wins)
        households.reindex(store, hid)
        seq = store.audit.head_seq
        for field in county_wins:
            store.conn.execute("INSERT OR REPLACE INTO sync_field_clocks VALUES ('households', ?, ?, ?, ?)",
                               [hid, field, county_hlc, seq])
    return found


def _conflict(store: Store, record_id: str, field: str, *, kept, lost, winner: str, kept_hlc: str,
              lost_hlc: str, at: str) -> int:
    """Keep a conflict unless the records down listed it already (the same field, the same two
    clocks): 1 if kept."""
    if store.conn.execute("SELECT 1 FROM sync_conflicts WHERE tbl = 'households' AND record_id = ? AND field = ?"
                          " AND kept_hlc = ? AND lost_hlc = ?", [record_id, field, kept_hlc, lost_hlc]).fetchone():
        return 0
    store.conn.execute(
        "INSERT INTO sync_conflicts (tbl, record_id, field, kept_value, lost_value, winner, kept_hlc, lost_hlc, at)"
        " VALUES ('households', ?, ?, ?, ?, ?, ?, ?, ?)",
        [record_id, field, canonical.dumps(norm(kept)), canonical.dumps(norm(lost)), winner, kept_hlc,
         lost_hlc, at])
    return 1
