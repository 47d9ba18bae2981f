"""The USB stick: the batch written to a file for the township computer, and the county's
receipt file (with the village's publications) read back."""
from __future__ import annotations

from pathlib import Path

from app.core.errors import ValidationError
from app.storage.records import utc_now
from app.storage.store import Store

from .common import put, read_json, write_atomic
from .inbound import apply_page, cursor
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


def import_records(store: Store, path) -> dict:
    """The county's records-down file from the USB stick (zhucun-county records export): its
    pages verified and applied in order, as a network pull applies them."""
    import base64
    import binascii
    doc = read_json(Path(path), "file", "batch")
    pages = doc.get("pages")
    if doc.get("format") != "zhucun-records/1" or not isinstance(pages, list):
        raise ValidationError("file", "zhucun-county records export",
                              f"file: 不是县里导出的记录文件 (not a county records file: {path})")
    if doc.get("device_id") != store.device_id:
        raise ValidationError("device_id", "this device",
                              f"device_id: 此文件是给另一台设备的 (this file is for device {doc.get('device_id')})")
    total = {"records": 0, "conflicts": 0, "skipped": [], "pages": 0}
    for text in pages:
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ValidationError("pages", "base64", f"pages: 文件已损坏 (the file is damaged: {path})") from None
        result = apply_page(store, data)
        total["pages"] += 1
        total["records"] += result["records"]
        total["conflicts"] += result["conflicts"]
        total["skipped"] += result["skipped"]
    put(store, last_sync=utc_now())
    total["last_record"] = cursor(store)
    return total
