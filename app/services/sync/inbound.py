"""Records down: what the village's other devices recorded, from the county, into this store.

Page by page after this device's cursor (the county's place it has read to), each page opened
with this device's key, its county signature checked, and applied in one transaction together
with the new cursor: a connection cut anywhere loses nothing (the page is asked for again) and
duplicates nothing (a record already held at that revision is left as it is).

A record new here is written as its author wrote it (its id, author, device, revision, clock,
and for a signed form its signature), so it verifies as it did there. A record held here is
replaced when the county's is newer by (revision, hybrid clock), the rule the county applies; a
household is merged field by field by each field's clock, and an edit of this device the county
had not yet seen keeps its value when it is newer, the other kept as a conflict. Conflicts the
county kept are listed here too. Each application is an entry ("sync") in this device's own
audit chain naming the author and the county's place, so the chain still verifies and the next
batch continues it; nothing applied goes back up.
"""
from __future__ import annotations

import graphlib

from app.core import canonical
from app.core.errors import StateError, ValidationError
from app.storage import packed, search
from app.storage.records import SYSTEM_COLUMNS, utc_now
from app.storage.schema import JSON_COLUMNS, RECORD_TABLES
from app.storage.store import Store
from app.sync import down, envelope
from app.sync.client import CountyClient, SyncError, parse_json

from .. import signature_distances
from .common import API, SyncCancelled, cancelled, county_sign_key, enrolled, put, report_progress, settings, unexpected
from .merge import field_clocks, norm

MAX_PAGES = 100_000
MERGED_META = ("updated_at", "updated_by")


def cursor(store: Store) -> int:
    return int(settings(store).get("last_record") or 0)


def pull_records(store: Store, client: CountyClient, report=None, cancel=None, limit: int | None = None) -> dict:
    """The village's records after this device's cursor, page by page. A county that does not
    give records down yet (an older version) answers 404: nothing to do."""
    total = {"records": 0, "conflicts": 0, "skipped": [], "pages": 0}
    after = cursor(store)
    first = after == 0      # a new or restored laptop's first pull: distances left to the next check
    query = f"&limit={int(limit)}" if limit else ""
    for _ in range(MAX_PAGES):
        if cancelled(cancel):
            raise SyncCancelled("records")
        response = client.request("GET", f"{API}/records?after={after}{query}", step="records")
        if response.status_code == 404:
            total["unsupported"] = True
            break
        if response.status_code != 200:
            raise unexpected("records", response.status_code, parse_json(response, "records"))
        result = apply_page(store, response.content, distances=not first)
        total["pages"] += 1
        for key in ("records", "conflicts"):
            total[key] += result[key]
        total["skipped"] += result["skipped"]
        report_progress(report, "records", total["records"], total["records"])
        if not result["more"] or result["last"] <= after:
            break
        after = result["last"]
    total["last_record"] = cursor(store)
    return total


def open_page(store: Store, data: bytes) -> dict:
    s = enrolled(store)
    try:
        _, page = down.open_page(data, device_id=store.device_id, device_key=envelope.ed25519_private(s["device_key"]),
                                 county_key=county_sign_key(store))
    except envelope.EnvelopeError as e:
        raise SyncError(f"县里发来的记录未通过验证 (records from the county do not verify: {e})；一项也未采用"
                        " (none applied)", "records") from None
    if page.get("village") != s.get("village") or not isinstance(page.get("items"), list) \
            or type(page.get("last")) is not int or type(page.get("after")) is not int:
        raise SyncError("县里发来的记录不是本村的或格式不对 (records not for this village, or not as the protocol"
                        " says)；一项也未采用 (none applied)", "records")
    return page


def apply_page(store: Store, data: bytes, distances: bool = True) -> dict:
    """Verify a sealed page and apply what is new in it, with the cursor, in one transaction;
    with `distances`, the handwriting distances of its signed forms compared and kept (a few
    forms: signature_distances.remember_arrived)."""
    page = open_page(store, data)
    done = cursor(store)
    out = {"records": 0, "conflicts": 0, "skipped": [], "last": page["last"], "more": bool(page.get("more"))}
    if page["after"] > done:
        raise SyncError(f"县里发来的记录从 {page['after']} 开始，本机只读到 {done} (records start after what this"
                        " device has read: some would be missing)；一项也未采用 (none applied)", "records")
    if page["last"] <= done:
        return out
    touched: set[str] = set()
    new = _absent(store, page["items"])
    arrived = [rid for tbl, rid in new if tbl == "form_signatures"]    # `new` empties as they are written
    pending = _NewRecords(store, out, touched)
    with store.transaction():
        for item in page["items"]:
            if not isinstance(item, dict) or type(item.get("seq")) is not int or item["seq"] <= done:
                continue
            if "conflict" not in item and pending.take(item, new):
                continue
            for held in [*pending.flush(), item]:
                _apply_one(store, held, out, touched, new)
        for held in pending.flush():
            _apply_one(store, held, out, touched, new)
        _reindex(store, sorted(touched))
        put(store, last_record=page["last"])
    # The handwriting distances the same-hand check reads, as signing keeps them.
    if distances:
        signature_distances.remember_arrived(store, arrived)
    return out


def _reindex(store: Store, ids: list[str]) -> None:
    """The search entries of the households a page touched, as `households.reindex` makes
    each: their files and live members read in one query each (of 500), written together."""
    bodies: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join("?" * len(part))
        found = {r["id"]: r for r in store.query(
            f"SELECT id, head_name, phone, number, address, group_name FROM households WHERE id IN ({marks})"
            " AND deleted = 0", part)}
        members: dict[str, list[dict]] = {}
        for m in store.query(f"SELECT household_id, name, id_number, phone FROM members WHERE household_id IN"
                             f" ({marks}) AND deleted = 0 ORDER BY household_id, rowid", part):
            members.setdefault(m["household_id"], []).append(m)
        for household_id in part:
            household = found.get(household_id)
            bodies[household_id] = None if household is None else \
                search.household_body(household, members.get(household_id, []))
    search.index_households(store.conn, bodies)


def _apply_one(store: Store, item: dict, out: dict, touched: set[str], new: set[tuple[str, str]]) -> None:
    """One item in a savepoint of its own: applied whole, or named in `skipped` and not at all."""
    store.conn.execute("SAVEPOINT record_down")
    try:
        if "conflict" in item:
            out["conflicts"] += _keep_conflict(store, item["conflict"])
        else:
            applied, found = _apply_record(store, item, touched, new)
            out["records"] += applied
            out["conflicts"] += found
    except Exception as e:  # noqa: BLE001 — named in `skipped`, never half-applied
        store.conn.execute("ROLLBACK TO record_down")
        store.conn.execute("RELEASE record_down")
        store.audit.reload()
        out["skipped"].append({"seq": item["seq"], "tbl": item.get("tbl"), "id": item.get("id"),
                               "reason": str(e) or type(e).__name__})
        return
    store.conn.execute("RELEASE record_down")


class _NewRecords:
    """A page's records this store does not hold, written together: one INSERT a table (the
    parents' tables first, so the foreign keys hold), their audit entries in one, chained in the
    page's order as one at a time would, and a household's field clocks. Exactly what
    `_apply_record` writes for each; if the statements fail (a record whose parent is missing…)
    they are undone and the records go through `_apply_one` to name the one that cannot be taken."""

    def __init__(self, store: Store, out: dict, touched: set[str]):
        self.store, self.out, self.touched = store, out, touched
        self.shapes: dict[str, tuple] = {}
        self._clear()

    def _clear(self) -> None:
        self.items: list[dict] = []
        self.rows: dict[str, list[list]] = {}
        self.entries: list[dict] = []
        self.clocks: list[tuple] = []
        self.households: set[str] = set()

    def take(self, item: dict, new: set[tuple[str, str]]) -> bool:
        if (item.get("tbl"), item.get("id")) not in new:
            return False
        try:
            tbl, rid, data = _check_item(item)
        except (StateError, ValidationError):
            return False
        store = self.store
        columns, names, fields, json_at = self._shape(tbl)
        if not names <= data.keys():
            return False              # read back after the insert: one at a time
        try:
            row = [data[c] for c in columns]
            for i in json_at:
                row[i] = packed.stored(tbl, columns[i], row[i])
            if True in row or False in row:     # (1 and 0 too, which stay as they are)
                row = [int(v) if type(v) is bool else v for v in row]
            store.clock.receive(data["hlc"])
            entry = _entry(store, tbl, rid, item, fields, data if len(data) == len(columns) else
                           {c: data[c] for c in columns})
        except Exception:  # noqa: BLE001 — one at a time names it in `skipped`
            return False
        new.discard((tbl, rid))       # a parent sent twice in a page is held the second time
        self.rows.setdefault(tbl, []).append(row)
        self.entries.append(entry)
        if tbl == "households":
            clocks = item.get("field_hlc") if isinstance(item.get("field_hlc"), dict) else {}
            self.clocks += [(rid, f, clocks.get(f) or data["hlc"], entry["seq"]) for f in fields]
        _touch(self.households, tbl, rid, data)
        self.items.append(item)
        return True

    def _shape(self, tbl: str) -> tuple[list[str], set[str], list[str], list[int]]:
        """A table's columns, as a set, its fields (not the system columns) in order, and where
        its JSON columns are: once a page, not once a record."""
        if tbl not in self.shapes:
            columns = self.store.records.columns(tbl)
            json_columns = JSON_COLUMNS.get(tbl, ())
            self.shapes[tbl] = (columns, set(columns), sorted(c for c in columns if c not in SYSTEM_COLUMNS),
                                [i for i, c in enumerate(columns) if c in json_columns])
        return self.shapes[tbl]

    def flush(self) -> list[dict]:
        """Write what was taken; [] when written, else the items to apply one at a time."""
        items, store = self.items, self.store
        if not items:
            return []
        conn = store.conn
        conn.execute("SAVEPOINT records_down")
        try:
            for tbl in sorted(self.rows, key=_table_order(store).index):
                columns = store.records.columns(tbl)
                sql = f"INSERT INTO {tbl} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                if tbl == "visits" and len(self.rows[tbl]) >= QUIET_MIN:
                    _visits_at_once(conn, sql, columns, self.rows[tbl])
                else:
                    conn.executemany(sql, self.rows[tbl])
            store.audit.write(self.entries)
            conn.executemany("INSERT OR REPLACE INTO sync_field_clocks VALUES ('households', ?, ?, ?, ?)", self.clocks)
        except Exception:  # noqa: BLE001 — undone; one at a time names the record that cannot be taken
            conn.execute("ROLLBACK TO records_down")
            conn.execute("RELEASE records_down")
            store.audit.reload()
            self._clear()
            return items
        conn.execute("RELEASE records_down")
        for tbl, rows in self.rows.items():
            store.writes[tbl] = store.writes.get(tbl, 0) + len(rows)
        self.out["records"] += len(items)
        self.touched |= self.households
        self._clear()
        return []


# A visit written fires triggers (app/storage/schema.py): its month's, quarter's and year's
# contact periods merged with its date, each of those marking its household for the due list.
# A page of new visits does both in one statement each instead, with these triggers set aside
# inside the page's savepoint (undone with it if anything fails).
QUIET_TRIGGERS = ("contact_periods_insert", "due_mark_contact_periods_insert", "due_mark_contact_periods_update")
QUIET_MIN = 50
_PERIODS = ("'m' || substr(visit_date, 1, 7)",
            "'q' || substr(visit_date, 1, 4) || '-' || ((CAST(substr(visit_date, 6, 2) AS INTEGER) + 2) / 3)",
            "'y' || substr(visit_date, 1, 4)")
_MODES = ("home", "phone", "wechat")
_ARRIVED = "FROM visits WHERE rowid > ? AND deleted = 0"
MERGE_PERIODS = (
    "INSERT INTO contact_periods (period, household_id, last_home, last_phone, last_wechat)"
    f" SELECT p, household_id, {', '.join(f'max(CASE WHEN mode = {m!r} THEN visit_date END)' for m in _MODES)}"
    f" FROM ({' UNION ALL '.join(f'SELECT {k} AS p, household_id, mode, visit_date {_ARRIVED}' for k in _PERIODS)})"
    " WHERE true GROUP BY p, household_id ON CONFLICT (period, household_id) DO UPDATE SET "
    + ", ".join(f"last_{m} = CASE WHEN excluded.last_{m} > coalesce(last_{m}, '') THEN excluded.last_{m}"
                f" ELSE last_{m} END" for m in _MODES))
MARK_DUE = ("INSERT INTO due_marks (household_id, seq) SELECT h, (SELECT coalesce(max(seq), 0) + 1 FROM due_marks)"
            f" FROM (SELECT DISTINCT household_id AS h {_ARRIVED}) WHERE h IS NOT NULL"
            " ON CONFLICT (household_id) DO UPDATE SET seq = excluded.seq")


def _visits_at_once(conn, sql: str, columns: list[str], rows: list[list]) -> None:
    """New visits as the triggers would leave them, their periods and due marks set-based. A
    correction (a visit superseding another) is written after them with the triggers back, as
    it rebuilds the periods of the visit it corrects."""
    at = columns.index("supersedes")
    saved = conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
                         f" ('visits', 'contact_periods') AND name IN ({', '.join('?' * len(QUIET_TRIGGERS))})",
                         QUIET_TRIGGERS).fetchall()
    last = conn.execute("SELECT coalesce(max(rowid), 0) FROM visits").fetchone()[0]
    for name, _ in saved:
        conn.execute(f"DROP TRIGGER {name}")
    conn.executemany(sql, [r for r in rows if r[at] is None])
    conn.execute(MERGE_PERIODS, [last] * len(_PERIODS))
    conn.execute(MARK_DUE, [last])
    for _, trigger in saved:
        conn.execute(trigger)
    conn.executemany(sql, [r for r in rows if r[at] is not None])


def _table_order(store: Store) -> list[str]:
    """The record tables, each after the tables its foreign keys point to."""
    global _ORDER
    if _ORDER is None:
        graph = {tbl: {row[2] for row in store.conn.execute(f"PRAGMA foreign_key_list({tbl})")} - {tbl}
                 for tbl in RECORD_TABLES}
        _ORDER = [t for t in graphlib.TopologicalSorter(graph).static_order() if t in RECORD_TABLES]
    return _ORDER


_ORDER: list[str] | None = None


# -- one record ------------------------------------------------------------------------------------
def _check_item(item: dict) -> tuple[str, str, dict]:
    tbl, rid, data = item.get("tbl"), item.get("id"), item.get("data")
    if tbl not in RECORD_TABLES:
        raise StateError(f"本版本不认识这个表 (a table this version does not know: {tbl})")
    if not isinstance(rid, str) or not isinstance(data, dict) or data.get("id") != rid \
            or data.get("revision") != item.get("revision") or not isinstance(data.get("hlc"), str):
        raise ValidationError("data", "the record's id, revision and clock")
    return tbl, rid, data


def _encode(tbl: str, column: str, value):
    if column in JSON_COLUMNS.get(tbl, ()):
        return packed.stored(tbl, column, value)
    return int(value) if isinstance(value, bool) else value


def _absent(store: Store, items: list) -> set[tuple[str, str]]:
    """The page's records this store does not hold: one query a table, not one a record."""
    ids: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, dict) and item.get("tbl") in RECORD_TABLES and isinstance(item.get("id"), str):
            ids.setdefault(item["tbl"], []).append(item["id"])
    out = set()
    for tbl, wanted in ids.items():
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            held = {r[0] for r in store.conn.execute(
                f"SELECT id FROM {tbl} WHERE id IN ({', '.join('?' * len(part))})", part)}
            out.update((tbl, i) for i in part if i not in held)
    return out


def _apply_record(store: Store, item: dict, touched: set[str], new: set[tuple[str, str]]) -> tuple[int, int]:
    tbl, rid, data = _check_item(item)
    columns = store.records.columns(tbl)
    local = None if (tbl, rid) in new else store.records.get(tbl, rid, include_deleted=True)
    store.clock.receive(data["hlc"])
    if local is None:
        new.discard((tbl, rid))   # a parent sent twice in a page is held the second time
        row = {c: _encode(tbl, c, data[c]) for c in columns if c in data}
        store.conn.execute(f"INSERT INTO {tbl} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           list(row.values()))
        fields = sorted(c for c in row if c not in SYSTEM_COLUMNS)
        # Every column given: the row as stored is the author's record (else read it back).
        whole = {c: data[c] for c in columns} if len(row) == len(columns) else None
        seq = _log(store, tbl, rid, item, fields, whole)
        if tbl == "households":
            _field_clocks_from(store, rid, item, fields, seq)
        _touch(touched, tbl, rid, data)
        return 1, 0
    if tbl == "households":
        return _merge_household(store, local, item, columns, touched)
    if (data["revision"], data["hlc"]) <= (local["revision"], local["hlc"]):
        return 0, 0   # held already, or this device's newer edit, which goes up with its next batch
    changed = {c: _encode(tbl, c, data[c]) for c in columns if c in data and c != "id"
               and norm(data[c]) != norm(local.get(c))}
    store.conn.execute(f"UPDATE {tbl} SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                       [*changed.values(), rid])
    _log(store, tbl, rid, item, sorted(c for c in changed if c not in SYSTEM_COLUMNS))
    _touch(touched, tbl, rid, data)
    _touch(touched, tbl, rid, local)
    return 1, 0


def _merge_household(store: Store, local: dict, item: dict, columns: list[str], touched: set[str]) -> tuple[int, int]:
    rid, remote = item["id"], item["data"]
    remote_clocks = item.get("field_hlc") if isinstance(item.get("field_hlc"), dict) else {}
    clocks, created = field_clocks(store, "households", rid)
    created = created or (local["hlc"], 0, "insert")
    unsent = {row[0] for row in store.conn.execute(
        "SELECT audit_seq FROM outbox WHERE tbl = 'households' AND record_id = ? AND acked = 0", [rid])}
    take, found, now = {}, 0, utc_now()
    for field in columns:
        if field not in remote or (field in SYSTEM_COLUMNS and field not in ("deleted", "delete_reason")):
            continue
        value, mine = remote[field], local.get(field)
        if norm(value) == norm(mine):
            continue
        theirs = remote_clocks.get(field) or remote["hlc"]
        local_hlc, local_seq, how = clocks.get(field, created)
        if local_seq not in unsent or how == "county":
            take[field] = value        # the county's value already weighs every edit it has seen
        elif theirs > local_hlc:
            take[field] = value
            found += _conflict(store, rid, field, kept=value, lost=mine, kept_hlc=theirs, lost_hlc=local_hlc, at=now)
        else:
            found += _conflict(store, rid, field, kept=mine, lost=value, kept_hlc=local_hlc, lost_hlc=theirs, at=now)
    newer = (remote["revision"], remote["hlc"]) > (local["revision"], local["hlc"])
    if not take and not newer:
        return 0, found
    changed = {c: _encode("households", c, take[c]) for c in take}
    changed["revision"] = max(remote["revision"], local["revision"])
    changed["hlc"] = max(remote["hlc"], local["hlc"])
    if remote["hlc"] > local["hlc"]:
        changed.update({k: remote[k] for k in MERGED_META if k in remote})
    store.conn.execute(f"UPDATE households SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                       [*changed.values(), rid])
    seq = _log(store, "households", rid, item, sorted(take))
    _field_clocks_from(store, rid, item, sorted(take), seq)
    touched.add(rid)
    return 1, found


def _field_clocks_from(store: Store, rid: str, item: dict, fields: list[str], seq: int) -> None:
    clocks = item.get("field_hlc") if isinstance(item.get("field_hlc"), dict) else {}
    store.conn.executemany("INSERT OR REPLACE INTO sync_field_clocks VALUES ('households', ?, ?, ?, ?)",
                           [(rid, f, clocks.get(f) or item["data"]["hlc"], seq) for f in fields])


def _touch(touched: set[str], tbl: str, rid: str, data: dict) -> None:
    if tbl == "households":
        touched.add(rid)
    elif tbl == "members" and isinstance(data.get("household_id"), str):
        touched.add(data["household_id"])


def _log(store: Store, tbl: str, rid: str, item: dict, fields: list[str], record: dict | None = None) -> int:
    """The application as an entry of this device's chain: the record as it now stands here."""
    record = record or store.records.get(tbl, rid, include_deleted=True)
    store.writes[tbl] = store.writes.get(tbl, 0) + 1
    entry = _entry(store, tbl, rid, item, fields, record)   # a failure is undone by _apply_one's savepoint
    store.audit.write([entry])
    return entry["seq"]


def _entry(store: Store, tbl: str, rid: str, item: dict, fields: list[str], record: dict) -> dict:
    """The next entry of the chain for an application (`store.audit.write` stores it)."""
    return store.audit.chain(at=utc_now(), hlc=record["hlc"], user_id=store.user_id or record["updated_by"],
                             device_id=store.device_id, action="sync", tbl=tbl, record_id=rid,
                             revision=record["revision"], changes={"author": item.get("author"), "seq": item["seq"],
                                                                   "fields": fields}, record=record)


# -- conflicts the county kept --------------------------------------------------------------------
def _conflict(store: Store, rid: str, field: str, *, kept, lost, kept_hlc: str, lost_hlc: str, at: str,
              winner: str = "device", tbl: str = "households") -> int:
    """Keep a conflict unless the same one (the same two clocks) is listed already: 1 if kept."""
    known = store.conn.execute(
        "SELECT 1 FROM sync_conflicts WHERE tbl = ? AND record_id = ? AND field = ?"
        " AND ((kept_hlc = ? AND lost_hlc = ?) OR (kept_hlc = ? AND lost_hlc = ?))",
        [tbl, rid, field, kept_hlc, lost_hlc, lost_hlc, kept_hlc]).fetchone()
    if known:
        return 0
    store.conn.execute(
        "INSERT INTO sync_conflicts (tbl, record_id, field, kept_value, lost_value, winner, kept_hlc, lost_hlc, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [tbl, rid, field, canonical.dumps(norm(kept)), canonical.dumps(norm(lost)), winner, kept_hlc, lost_hlc, at])
    return 1


def _keep_conflict(store: Store, c: dict) -> int:
    if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("tbl", "record_id", "field", "at")):
        raise ValidationError("conflict", "tbl, record_id, field and at")
    winner = c.get("winner") if c.get("winner") in ("device", "county") else "device"
    return _conflict(store, c["record_id"], c["field"], kept=c.get("kept"), lost=c.get("lost"),
                     kept_hlc=c.get("kept_hlc") or "", lost_hlc=c.get("lost_hlc") or "", at=c["at"], winner=winner,
                     tbl=c["tbl"])
