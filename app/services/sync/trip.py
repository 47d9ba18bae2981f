"""The whole trip: seal and send what is pending, apply the receipts, take the county's
publications."""
from __future__ import annotations

import logging

from app.core.errors import ValidationError
from app.storage.records import utc_now
from app.storage.store import Store
from app.sync import envelope
from app.sync.client import CountyClient

from .common import enrolled, put
from .inbound import pull_records
from .publications import pull
from ..review_signoff import ReviewRequired
from .upload import push_batch, seal_pending

log = logging.getLogger("zhucun.sync")


def client_for(store: Store, server: str | None = None, *, transport=None, **options) -> CountyClient:
    s = enrolled(store)
    url = server or s.get("county_url")
    if not url:
        raise ValidationError("--server", "required", "--server: 请给出县服务器地址 (the county server's URL;"
                              " the enrollment file did not name one)")
    return CountyClient(url, device_id=store.device_id, device_key=envelope.ed25519_private(s["device_key"]),
                        transport=transport, pin=s.get("tls_sha256"), **options)


def sync(store: Store, server: str | None = None, report=None, cancel=None, *, transport=None,
         client: CountyClient | None = None, pull_only: bool = False) -> dict:
    """The monthly trip: seal and send what is pending, apply the receipts, then take the
    village's records from its other devices and the county's publications. Raises SyncError
    when a step fails; what was done stays done.

    `report(stage, done, total)`: stage "upload" (parts of the batch the county has),
    "publications" or "records"; `cancel`: a threading.Event or a callable, checked between
    requests (SyncCancelled). `pull_only`: send nothing, only take what the county has."""
    own = client is None
    client = client or client_for(store, server, transport=transport)
    out = {"pushed": 0, "accepted": 0, "rejected": 0, "pulled": 0, "conflicts": 0, "skipped": [], "batches": [],
           "records": 0, "record_conflicts": 0, "records_skipped": []}
    try:
        for _ in range(0 if pull_only else 10):  # the ready batch, then one more for what changed after it was sealed
            try:
                batch = seal_pending(store)
            except ReviewRequired as e:  # what the leader has not approved waits; the trip goes on
                out["review_required"] = str(e)
                break
            if batch is None:
                break
            result = push_batch(store, client, batch, report, cancel)
            out["batches"].append(result)
            out["pushed"] += result["records"]
            out["accepted"] += result["accepted"]
            out["rejected"] += result["rejected"]
        # The village's records first: a problem list's household is then here, and a prompt or
        # problem list another laptop of the team already made from a publication is not made twice.
        down = pull_records(store, client, report, cancel)
        out["records"], out["record_conflicts"], out["records_skipped"] = \
            down["records"], down["conflicts"], down["skipped"]
        pulled = pull(store, client, report, cancel)
        out["pulled"], out["conflicts"], out["skipped"] = pulled["pulled"], pulled["conflicts"], pulled["skipped"]
        out["conflicts"] += down["conflicts"]
    except Exception as e:
        # What happened, for whoever looks after the laptop: the step, the error, the server's answer.
        cause = e.__cause__ or e.__context__
        log.warning("sync failed at step %s: %s, server status %s, cause %s: %s", getattr(e, "step", "") or "-",
                    type(e).__name__, getattr(e, "status", None) or "-", type(cause).__name__ if cause else "-", e)
        raise
    finally:
        if own:
            client.close()
    put(store, last_sync=utc_now(), **({"county_url": server.rstrip("/")} if server else {}))
    log.info("sync done: %d batches, %d records sent (%d accepted, %d refused), %d received, %d conflicts",
             len(out["batches"]), out["pushed"], out["accepted"], out["rejected"], out["pulled"], out["conflicts"])
    return out
