"""What an investigator's key signs for a filled form: the same bytes on the device that signs
and on the county's server that verifies, so the rule lives here, below both."""
from __future__ import annotations

import hashlib

from app.core import canonical


def signed_content(inst: dict, signature_rows: list[dict], signed_at: str, signed_by: str) -> bytes:
    """What the investigator's key signs: the answers and who filled them, and each signature
    by the hash of its image and of its strokes with their timing (the same-hand check reads
    the timing, so it must not change unseen either). A row may carry its strokes' hash already
    (`strokes_hash`, of their canonical bytes) instead of having them encoded again."""
    sigs = sorted(({"role": s["role"], "signer_name": s["signer_name"], "proxy": bool(s["proxy"]),
                    "proxy_reason": s.get("proxy_reason"), "image_hash": s["image_hash"],
                    "strokes_hash": s.get("strokes_hash") or hashlib.sha256(canonical.encode(s["strokes"])).hexdigest()}
                   for s in signature_rows), key=lambda s: s["role"])
    return canonical.encode({
        "instance": inst["id"], "form": inst["form_id"], "version": inst["form_version"],
        "household": inst["household_id"], "answers": inst["answers"], "investigator": inst["investigator"],
        "filled_on": inst["filled_on"], "supersedes": inst["supersedes"], "amend_reason": inst["amend_reason"],
        "signatures": sigs, "signed_at": signed_at, "signed_by": signed_by})
