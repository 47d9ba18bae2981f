"""Sync with the county server (docs/sync.md), one module per concern, no Qt here:

- common: the device's sync settings and key, cancelling, progress, sync files
- enrolment: binding this device to a village (network code or USB file)
- upload: batches sealed once and sent in parts
- receipts: the county's signed receipt marks records as sent
- publications: the county's prompts, baselines, problem lists, roster edits and forms
- merge: the field-by-field merge by hybrid logical clock
- inbound: the village's records from its other devices, through the county
- overview: status, refused records, conflicts
- trip: the whole trip (push, then pull)
- usb: the same trip through files on a USB stick

Used by the CLI and the GUI through the names below.
"""
from __future__ import annotations

from app.sync.client import SyncError

from .common import SyncCancelled, settings
from .enrolment import enroll, enroll_from_file
from .merge import merge_roster
from .inbound import apply_page, pull_records
from .overview import conflicts, rejected, restore_notice, review_conflicts, status
from .publications import apply_publications, pull
from .receipts import apply_receipt
from .trip import client_for, sync
from .upload import PART_SIZE, push, push_batch, ready_batches, seal_pending
from .usb import export_batch, import_receipt, import_records

__all__ = ["SyncError", "SyncCancelled", "enroll", "enroll_from_file", "status", "seal_pending", "push",
           "apply_receipt", "apply_publications", "pull", "sync", "export_batch", "import_receipt",
           "rejected", "conflicts", "review_conflicts", "settings", "merge_roster", "client_for", "push_batch",
           "ready_batches", "PART_SIZE", "pull_records", "apply_page", "import_records", "restore_notice"]
