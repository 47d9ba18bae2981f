"""The append-only audit log, a hash chain.

Each entry names who, when and what changed, with the hash of the record as it stood after
the change and the hash of the previous entry. Removing or rewriting any entry breaks every
hash after it; `verify` walks the chain and also checks each live record against the hash its
last entry promised, so an edit made around the application is found too.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from app.core import canonical
from . import packed
from .schema import ADDED_COLUMNS, JSON_COLUMNS

try:
    import orjson
except ImportError:  # pragma: no cover - a dependency; verification then takes the long way
    orjson = None

GENESIS = "0" * 64
ENTRY_FIELDS = ("seq", "at", "hlc", "user_id", "device_id", "action", "tbl", "record_id",
                "revision", "changes", "record_hash", "prev_hash")


def entry_hash(entry: dict) -> str:
    body = {k: entry[k] for k in ENTRY_FIELDS}
    return hashlib.sha256(canonical.encode(body)).hexdigest()


def record_hash(record: dict | str) -> str:
    """Hash of a record, or of its canonical JSON text when the caller already has it.

    A column that a later migration added is left out while it is empty, so upgrading a
    store changes no existing record's hash."""
    if not isinstance(record, str):
        record = {k: v for k, v in record.items() if not (v is None and k in ADDED_COLUMNS)}
    text = record if isinstance(record, str) else canonical.dumps(record)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry_row_hash(row) -> str:
    """`entry_hash` of an audit_log row (its ENTRY_FIELDS first). A row from the store holds
    text, whole numbers and nulls, which orjson writes exactly as canonical JSON does, without
    the float search canonical JSON makes for values that could hold one."""
    body = dict(zip(ENTRY_FIELDS, row))
    if orjson is None or float in map(type, row):
        return entry_hash(body)
    try:
        return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
    except TypeError:  # bytes, or a lone surrogate: the long way
        return entry_hash(body)


def _row_hash(cols: list[str], row, json_cols, added) -> str | None:
    """The hash of a stored row whose JSON columns hold canonical text, built from that text
    without decoding it; None when a value needs the long way."""
    if orjson is None or float in map(type, row):
        return None
    body = dict(zip(cols, row))
    for k in json_cols:
        v = body.get(k)
        if type(v) is str:
            body[k] = orjson.Fragment(v)
        elif type(v) is bytes:
            try:
                body[k] = orjson.Fragment(packed.text(v))
            except packed.Unpackable:
                return None
    for k in added:
        if body[k] is None:
            del body[k]
    try:
        return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
    except TypeError:
        return None


def _hash_or_none(record: dict) -> str | None:
    """record_hash, or None for a record canonical JSON cannot hold (a float written around the
    application): it matches no hash the log promised."""
    try:
        return record_hash(record)
    except TypeError:
        return None


def hash_and_text(record: dict) -> tuple[str, str]:
    """`record_hash(record)` and the record's canonical text, serialised once when it can be."""
    text = canonical.dumps(record)
    if any(record.get(k, 0) is None for k in ADDED_COLUMNS):
        return record_hash(record), text
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), text


@dataclass
class VerifyResult:
    ok: bool
    entries: int
    head: str
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "head": self.head, "problems": self.problems}


class AuditLog:
    def __init__(self, conn):
        self.conn = conn
        self.reload()

    def reload(self) -> None:
        row = self.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        self.head_seq, self.head = (row[0], row[1]) if row else (0, GENESIS)

    def append(self, *, at: str, hlc: str, user_id: str, device_id: str, action: str, tbl: str,
               record_id: str, revision: int, changes: dict, record: dict | str) -> int:
        before = self.head_seq, self.head
        entry = self.chain(at=at, hlc=hlc, user_id=user_id, device_id=device_id, action=action, tbl=tbl,
                           record_id=record_id, revision=revision, changes=changes, record=record)
        try:
            self.write([entry])
        except BaseException:
            self.head_seq, self.head = before
            raise
        return entry["seq"]

    def chain(self, *, at: str, hlc: str, user_id: str, device_id: str, action: str, tbl: str,
              record_id: str, revision: int, changes: dict, record: dict | str) -> dict:
        """The next entry, linked to the head, which it becomes; `write` stores it (with others, in
        one statement). Until then the head is ahead of the table: `reload` after a rollback."""
        entry = {
            "seq": self.head_seq + 1, "at": at, "hlc": hlc, "user_id": user_id,
            "device_id": device_id, "action": action, "tbl": tbl, "record_id": record_id,
            "revision": revision, "changes": canonical.dumps(changes),
            "record_hash": record_hash(record), "prev_hash": self.head,
        }
        entry["hash"] = entry_hash(entry)
        self.head_seq, self.head = entry["seq"], entry["hash"]
        return entry

    def write(self, entries: list[dict]) -> None:
        """Entries made by `chain`, in order."""
        if entries:
            columns = list(entries[0])
            self.conn.executemany(
                f"INSERT INTO audit_log ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [list(e.values()) for e in entries])

    def verify(self, load_record=None, read_table=None, tables=None) -> VerifyResult:
        """Walk the chain. With `tables` (names of record tables: each read once, as stored), or
        `read_table(tbl)` (every record of a table, deleted ones too, decoded: one pass each) or
        `load_record(tbl, id) -> dict|None` (one read each), also check the records against the
        hashes their last entries promised; with `tables`, also that every record is in the log."""
        cur = self.conn.execute(f"SELECT {', '.join(ENTRY_FIELDS)}, hash FROM audit_log ORDER BY seq")
        prev, expected_seq, count = GENESIS, 1, 0
        problems: list[str] = []
        latest: dict[tuple[str, str], tuple[int, str]] = {}
        for row in cur:
            count += 1
            seq = row[0]
            if seq != expected_seq:
                problems.append(f"entry {expected_seq} missing (next is {seq})")
            if row[11] != prev:
                problems.append(f"entry {seq}: previous-hash link broken")
            if _entry_row_hash(row) != row[12]:
                problems.append(f"entry {seq}: contents do not match its hash")
            latest[(row[6], row[7])] = (row[8], row[10])
            prev, expected_seq = row[12], seq + 1
            if len(problems) > 50:
                break
        if tables is not None and not problems:
            problems += self._check_stored(latest, tables)
        elif read_table is not None and not problems:
            problems += self._check_tables(latest, read_table)
        elif load_record is not None and not problems:
            problems += self._check_records(latest, load_record)
        return VerifyResult(not problems, count, prev, problems)

    def _check_stored(self, latest, tables) -> list[str]:
        """Each table read once as stored: a row is hashed from its stored text (its JSON columns
        are canonical text already), and decoded and hashed the long way only if that differs."""
        wanted: dict[str, dict[str, tuple[int, str]]] = {t: {} for t in tables}
        for (tbl, rid), promised in latest.items():
            wanted.setdefault(tbl, {})[rid] = promised
        problems, unlogged = [], []
        for tbl, promised in wanted.items():
            cols = [r[1] for r in self.conn.execute(f"PRAGMA table_info({tbl})")]
            if not cols:
                problems += [f"{tbl} {rid}: in the audit log but missing from the store" for rid in promised]
                continue
            at_id, at_rev = cols.index("id"), cols.index("revision")
            json_cols = JSON_COLUMNS.get(tbl, ())
            added = [c for c in cols if c in ADDED_COLUMNS]
            seen = set()
            for row in self.conn.execute(f"SELECT * FROM {tbl}"):
                rid = row[at_id]
                expected = promised.get(rid)
                if expected is None:
                    unlogged.append(f"{tbl} {rid}: not in the audit log")
                    continue
                seen.add(rid)
                if row[at_rev] == expected[0] and _row_hash(cols, row, json_cols, added) == expected[1]:
                    continue
                record = dict(zip(cols, row))
                try:
                    for k in json_cols:
                        if isinstance(record.get(k), (str, bytes)):
                            record[k] = json.loads(packed.text(record[k]))
                except ValueError:  # text that is not JSON, or a packed value that does not inflate
                    problems.append(f"{tbl} {rid}: changed outside the application (revision {record['revision']})")
                    continue
                if record["revision"] != expected[0] or _hash_or_none(record) != expected[1]:
                    problems.append(f"{tbl} {rid}: changed outside the application (revision {record['revision']})")
            problems += [f"{tbl} {rid}: in the audit log but missing from the store" for rid in promised
                         if rid not in seen]
        return problems or unlogged

    @staticmethod
    def _check_tables(latest, read_table) -> list[str]:
        wanted: dict[str, dict[str, tuple[int, str]]] = {}
        for (tbl, rid), promised in latest.items():
            wanted.setdefault(tbl, {})[rid] = promised
        problems = []
        for tbl, promised in wanted.items():
            seen = set()
            for record in read_table(tbl):
                expected = promised.get(record["id"])
                if expected is None:
                    continue
                seen.add(record["id"])
                if record["revision"] != expected[0] or record_hash(record) != expected[1]:
                    problems.append(f"{tbl} {record['id']}: changed outside the application (revision"
                                    f" {record['revision']})")
            problems += [f"{tbl} {rid}: in the audit log but missing from the store" for rid in promised
                         if rid not in seen]
        return problems

    def _check_records(self, latest, load_record) -> list[str]:
        problems = []
        seen = set()
        for (tbl, rid), (revision, rhash) in latest.items():
            seen.add((tbl, rid))
            record = load_record(tbl, rid)
            if record is None:
                problems.append(f"{tbl} {rid}: in the audit log but missing from the store")
            elif record["revision"] != revision or record_hash(record) != rhash:
                problems.append(f"{tbl} {rid}: changed outside the application (revision {record['revision']})")
        return problems
