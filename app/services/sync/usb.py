"""The USB stick: the batch written to a file for the township computer, and the county's
receipt file (with the village's publications) read back."""
from __future__ import annotations

from pathlib import Path

from app.core.errors import ValidationError
from app.storage.records import utc_now
from app.storage.store import Store

from .common import put, read_json, write_atomic
from .receipts import apply_receipt
from .upload import batch_records, seal_pending


def export_batch(store: Store, out) -> dict | None:
    """Write the pending batch's envelope (sealing one when none is ready) to `out` (.zhb).
    None when nothing is pending."""
    batch = seal_pending(store)
    if batch is None:
        return None
    out = Path(out)
    if out.is_dir():
        out = out / f"zhucun-{store.device_id[:8]}-{batch['batch_id']}.zhb"
    write_atomic(out, bytes(batch["envelope"]))
    return {"batch_id": batch["batch_id"], "file": str(out), "size": batch["size"], "sha256": batch["sha256"],
            "records": batch_records(store, batch["batch_id"])}


def import_receipt(store: Store, path) -> dict:
    """The county's FILE.receipt.json from the USB stick: the receipt and the village's
    publications, verified and applied as a network sync would."""
    doc = read_json(Path(path), "file", "receipt")
    if "receipt" not in doc:
        raise ValidationError("receipt", "required", f"receipt: 不是县里的回执文件 (not a county receipt file: {path})")
    publications = doc.get("publications") or []
    if not isinstance(publications, list):
        raise ValidationError("publications", "a list")
    result = {"pulled": 0, "conflicts": 0, "skipped": [], **apply_receipt(store, doc["receipt"], publications)}
    put(store, last_sync=utc_now())
    return result
