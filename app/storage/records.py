"""Writing records: every change bumps the revision, appends an audit entry and an outbox
entry in the same transaction, so the store, its history and what sync will send never
disagree. Nothing is hard-deleted: deletion is a tombstone that syncs."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import uuid6

from app.core.errors import NotFound, StateError, ValidationError

from . import packed
from .schema import IMMUTABLE_TABLES, JSON_COLUMNS, RECORD_TABLES

SYSTEM_COLUMNS = {"id", "created_at", "created_by", "device_id", "updated_at", "updated_by",
                  "revision", "deleted", "delete_reason", "hlc"}


def new_id() -> str:
    return str(uuid6.uuid7())


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Records:
    def __init__(self, store):
        self.store = store
        self.conn = store.conn
        self._columns: dict[str, list[str]] = {}

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            if table not in RECORD_TABLES:
                raise KeyError(table)
            self._columns[table] = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        return self._columns[table]

    # -- encoding --------------------------------------------------------
    def _encode(self, table: str, fields: dict) -> dict:
        cols = self.columns(table)
        json_cols = JSON_COLUMNS.get(table, ())
        out = {}
        for key, value in fields.items():
            if key not in cols:
                raise ValidationError(key, f"not a field of {table}")
            if key in json_cols:
                value = packed.stored(table, key, value)
            elif isinstance(value, bool):
                value = int(value)
            elif isinstance(value, float):
                raise ValidationError(key, "whole numbers only (money in fen)")
            out[key] = value
        return out

    def decode(self, table: str, row: dict) -> dict:
        for key in JSON_COLUMNS.get(table, ()):
            if key in row and isinstance(row[key], (str, bytes)):
                row[key] = json.loads(packed.text(row[key]))
        return row

    # -- reads -----------------------------------------------------------
    def get(self, table: str, record_id: str, include_deleted: bool = False) -> dict | None:
        cols = self.columns(table)
        row = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id]).fetchone()
        if row is None or (row[cols.index("deleted")] and not include_deleted):
            return None
        return self.decode(table, dict(zip(cols, row)))

    def require(self, table: str, record_id: str) -> dict:
        row = self.get(table, record_id)
        if row is None:
            raise NotFound(f"no {table[:-1] if table.endswith('s') else table} with id {record_id}")
        return row

    # -- writes ----------------------------------------------------------
    def insert(self, table: str, fields: dict) -> dict:
        s = self.store
        bad = SYSTEM_COLUMNS & set(fields) - {"id"}
        if bad:
            raise ValidationError(sorted(bad)[0], "set by the store, not by input")
        encoded = self._encode(table, fields)
        now = utc_now()
        row = {"id": fields.get("id") or new_id(), "created_at": now, "created_by": s.user_id,
               "device_id": s.device_id, "updated_at": now, "updated_by": s.user_id,
               "revision": 1, "deleted": 0, "delete_reason": None, "hlc": s.clock.now()}
        row.update({k: v for k, v in encoded.items() if k != "id"})
        with s.transaction():
            self.conn.execute(
                f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
            record = self.get(table, row["id"])  # read back: column defaults belong to the record
            # The new record's content is in its table and its hash in the entry: name the fields.
            self._log("insert", table, record, {"fields": sorted(k for k in fields if k != "id")})
        return record

    def update(self, table: str, record_id: str, changes: dict) -> dict:
        if table in IMMUTABLE_TABLES:
            raise StateError(f"{table} are immutable once saved: record a correction that supersedes it")
        bad = SYSTEM_COLUMNS & set(changes)
        if bad:
            raise ValidationError(sorted(bad)[0], "set by the store, not by input")
        s = self.store
        with s.transaction():
            old = self.require(table, record_id)
            diff = {k: [old.get(k), v] for k, v in changes.items() if old.get(k) != v}
            if not diff:
                return old
            encoded = self._encode(table, {k: changes[k] for k in diff})
            encoded.update(updated_at=utc_now(), updated_by=s.user_id,
                           revision=old["revision"] + 1, hlc=s.clock.now())
            self.conn.execute(
                f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in encoded)} WHERE id = ?",
                [*encoded.values(), record_id])
            record = self.get(table, record_id)
            self._log("update", table, record, diff)
        return record

    def delete(self, table: str, record_id: str, reason: str) -> dict:
        if not (reason or "").strip():
            raise ValidationError("reason", "required when deleting a record")
        s = self.store
        with s.transaction():
            old = self.require(table, record_id)
            self.conn.execute(
                f"UPDATE {table} SET deleted = 1, delete_reason = ?, updated_at = ?, updated_by = ?,"
                " revision = ?, hlc = ? WHERE id = ?",
                [reason, utc_now(), s.user_id, old["revision"] + 1, s.clock.now(), record_id])
            record = self.get(table, record_id, include_deleted=True)
            self._log("delete", table, record, {"reason": reason})
        return record

    def _log(self, action: str, table: str, record: dict, changes: dict) -> None:
        s = self.store
        s.writes[table] = s.writes.get(table, 0) + 1  # lets readers keep memos of unchanged tables
        seq = s.audit.append(at=record["updated_at"], hlc=record["hlc"], user_id=s.user_id,
                             device_id=s.device_id, action=action, tbl=table,
                             record_id=record["id"], revision=record["revision"],
                             changes=changes, record=record)
        self.conn.execute(
            "INSERT INTO outbox (tbl, record_id, revision, op, hlc, audit_seq) VALUES (?, ?, ?, ?, ?, ?)",
            [table, record["id"], record["revision"], "delete" if record["deleted"] else "upsert",
             record["hlc"], seq])
