"""What the outbox holds that the county has not yet received: the records written here since
the last sync, counted for the status bar, the sync page and `zhucun sync status`."""
from __future__ import annotations

# Records in no batch yet, counted in (tbl, record_id) order from the outbox_pending index
# (migration 0011) with no sort, and those only in batches made but not yet sent.
PENDING = ("SELECT (SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox WHERE batch_id IS NULL))"
           " + (SELECT count(*) FROM (SELECT DISTINCT o.tbl, o.record_id FROM sync_batches b"
           " JOIN outbox o ON o.batch_id = b.batch_id WHERE b.state = 'ready' AND NOT EXISTS"
           " (SELECT 1 FROM outbox n WHERE n.batch_id IS NULL AND n.tbl = o.tbl AND n.record_id = o.record_id)))")


def pending(store) -> int:
    """How many records wait to be sent (each counted once however often it changed)."""
    return store.conn.execute(PENDING).fetchone()[0]
