"""The append-only audit log, a hash chain.

Each entry names who, when and what changed, with the hash of the record as it stood after
the change and the hash of the previous entry. Removing or rewriting any entry breaks every
hash after it; `verify` walks the chain and also checks each live record against the hash its
last entry promised, so an edit made around the application is found too.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from app.core import canonical
from .schema import ADDED_COLUMNS

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

    def verify(self, load_record=None, read_table=None) -> VerifyResult:
        """Walk the chain. With `read_table(tbl)` (every record of a table, deleted ones too,
        decoded: one pass each) or `load_record(tbl, id) -> dict|None` (one read each), also
        check the records against the hashes their last entries promised."""
        cur = self.conn.execute(f"SELECT {', '.join(ENTRY_FIELDS)}, hash FROM audit_log ORDER BY seq")
        prev, expected_seq, count = GENESIS, 1, 0
        problems: list[str] = []
        latest: dict[tuple[str, str], tuple[int, str]] = {}
        for row in cur:
            entry = dict(zip(ENTRY_FIELDS + ("hash",), row))
            count += 1
            if entry["seq"] != expected_seq:
                problems.append(f"entry {expected_seq} missing (next is {entry['seq']})")
            if entry["prev_hash"] != prev:
                problems.append(f"entry {entry['seq']}: previous-hash link broken")
            if entry_hash(entry) != entry["hash"]:
                problems.append(f"entry {entry['seq']}: contents do not match its hash")
            latest[(entry["tbl"], entry["record_id"])] = (entry["revision"], entry["record_hash"])
            prev, expected_seq = entry["hash"], entry["seq"] + 1
            if len(problems) > 50:
                break
        if read_table is not None and not problems:
            problems += self._check_tables(latest, read_table)
        elif load_record is not None and not problems:
            problems += self._check_records(latest, load_record)
        return VerifyResult(not problems, count, prev, problems)

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
