"""Publications down: the county's prompts, baselines, problem lists, roster edits and forms,
verified before any is applied; a page of them applied in one transaction together with
remembering how far the device has read."""
from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from app.core.errors import StateError, ValidationError
from app.storage.store import Store
from app.sync import envelope
from app.sync.client import CountyClient, SyncError

from .. import config, forms, households, worklog
from .common import API, SyncCancelled, cancelled, county_sign_key, put, report_progress, settings, unexpected
from .merge import merge_roster


MAX_PAGES = 1000           # publication pages in one pull
# visit_policy, duties: the county's tables replacing resources/; warnings: 部门预警 by ID number.
PUBLICATION_KINDS = ("prompts", "baseline", "problems", "roster", "form", "visit_policy", "duties", "warnings")


def publication_body(doc, key) -> dict:
    try:
        body = envelope.verify_document(doc, key)
    except envelope.EnvelopeError as e:
        seq = doc.get("body", {}).get("seq") if isinstance(doc, dict) and isinstance(doc.get("body"), dict) else "?"
        raise SyncError(f"县里的发布 {seq} 未通过验证 (publication {seq} does not verify: {e})；"
                        "一项也未采用 (none applied)", "publications") from None
    if not isinstance(body.get("seq"), int) or not isinstance(body.get("kind"), str) or "data" not in body:
        raise SyncError("县里的发布格式不对 (publication fields not as the protocol says)", "publications")
    return body


def apply_publications(store: Store, docs: list, last: int | None = None) -> dict:
    """Verify every document first, then apply the new ones in order in one transaction with
    remembering the last seq read (`last` when the county says it has read further for us).
    A document meant for another village is passed over; one that cannot be applied here (a
    household this device does not have, a form version that clashes) is passed over and named
    in `skipped`, so one bad publication never blocks the ones after it."""
    key = county_sign_key(store)
    if not isinstance(docs, list):
        raise SyncError("县里的发布格式不对 (publications are not a list)", "publications")
    bodies = sorted((publication_body(d, key) for d in docs), key=lambda b: b["seq"])
    s = settings(store)
    done = int(s.get("last_publication") or 0)
    village = s.get("village")
    out = {"pulled": 0, "conflicts": 0, "skipped": [], "last_publication": done}
    fresh = [b for b in bodies if b["seq"] > done]
    top = max([done, *(b["seq"] for b in fresh), *([last] if isinstance(last, int) else [])])
    if top == done:
        return out
    with store.transaction():
        for body in fresh:
            if body.get("village") not in (None, village):
                continue
            store.conn.execute("SAVEPOINT publication")
            try:
                out["conflicts"] += apply_one(store, body)
            except Exception as e:  # noqa: BLE001 — named in `skipped`, never half-applied
                store.conn.execute("ROLLBACK TO publication")
                store.conn.execute("RELEASE publication")
                store.audit.reload()
                out["skipped"].append({"seq": body["seq"], "kind": body["kind"], "reason": str(e) or type(e).__name__})
                continue
            store.conn.execute("RELEASE publication")
            out["pulled"] += 1
        put(store, last_publication=top)
    out["last_publication"] = top
    return out


def apply_one(store: Store, body: dict) -> int:
    kind, data = body["kind"], body["data"]
    if kind not in PUBLICATION_KINDS:
        raise StateError(f"本版本不认识这种发布 (a kind of publication this version does not know: {kind})")
    if kind in ("prompts", "problems") and _came_down(store, body):
        return 0
    if kind == "prompts":
        worklog.add_prompt(store, data["month"], data.get("title"), data.get("tasks") or [],
                           issued_by=settings(store).get("county_name"), source="county",
                           ids=record_ids(store, body, 1 + len(data.get("tasks") or [])))
    elif kind == "baseline":
        config.set_baselines(store, data)
    elif kind == "problems":
        items = [_problem_item(store, item) for item in data.get("items") or []]
        worklog.add_problem_list(store, data["title"], items, source="county",
                                 created_on=(body.get("published_at") or "")[:10] or None,
                                 ids=record_ids(store, body, 1 + len(items)))
    elif kind == "roster":
        return merge_roster(store, data)
    elif kind == "form":
        _import_form(store, data, (record_ids(store, body, 1) or [None])[0])
    elif kind == "visit_policy":
        config.set_visit_policy(store, data)
    elif kind == "duties":
        config.set_duties(store, data)
    elif kind == "warnings":
        from .. import clues
        clues.apply_warnings(store, data, ids=record_ids(store, body, len(data.get("items") or [])))
    return 0


def record_ids(store: Store, body: dict, n: int) -> list[str]:
    """The ids of the records a prompt, problem list, warnings or form publication makes (the
    prompt or list, then its tasks or items; a clue per warning; the form's definition): the same on every laptop of the village, so the copies the team's
    laptops make are one record, which travels between them as any other, not one per laptop."""
    county = settings(store).get("county_id") or settings(store).get("sign_key")
    if not isinstance(body.get("seq"), int) or not county:
        return []       # not from the county's feed: records of this laptop alone
    return [str(uuid.uuid5(uuid.NAMESPACE_URL, f"zhucun:{county}:publication:{body['seq']}:{k}")) for k in range(n)]


def _came_down(store: Store, body: dict) -> bool:
    """Whether another laptop of the village applied this publication and its records came down."""
    table = "prompts" if body["kind"] == "prompts" else "problem_lists"
    ids = record_ids(store, body, 1)
    return bool(ids) and store.records.get(table, ids[0], include_deleted=True) is not None


def _problem_item(store: Store, item: dict) -> dict:
    if not isinstance(item, dict):
        raise ValidationError("items", "a list of problems")
    hid = item.get("household_id")
    household = store.records.get("households", hid) if hid else None
    number = item.get("household_number")
    if household is None and number:
        household = households.by_number(store, str(number))
    out = {"description": item.get("description"), "household_id": household["id"] if household else None}
    # 整改措施、责任人、时限 as the county's list gives them (003 §四).
    out.update({k: item[k] for k in ("measure", "responsible", "deadline") if item.get(k)})
    if household is None and (hid or number):
        out["description"] = f"{item.get('description')}（户 {number or hid} 本机未找到 / household not found here）"
    return out


def _import_form(store: Store, definition: dict, record_id: str | None) -> None:
    if not isinstance(definition, dict):
        raise ValidationError("form", "a form definition")
    if record_id and store.records.get("form_definitions", record_id, include_deleted=True) is not None:
        return      # a teammate's laptop imported it and it came down
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county-form.json"
        path.write_text(json.dumps(definition, ensure_ascii=False), "utf-8")
        forms.import_form(store, path, record_id)


def pull(store: Store, client: CountyClient, report=None, cancel=None) -> dict:
    """New publications from the county, page by page, each page applied in one transaction."""
    total = {"pulled": 0, "conflicts": 0, "skipped": []}
    after = int(settings(store).get("last_publication") or 0)
    for _ in range(MAX_PAGES):
        if cancelled(cancel):
            raise SyncCancelled("publications")
        code, answer = client.get_json(f"{API}/publications?after={after}", step="publications")
        if code != 200 or not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
            raise unexpected("publications", code, answer)
        items, last = answer["items"], answer.get("last")
        last = last if isinstance(last, int) else None
        if not items:
            if last is not None and last > after:
                apply_publications(store, [], last)
            break
        result = apply_publications(store, items)
        total["pulled"] += result["pulled"]
        total["conflicts"] += result["conflicts"]
        total["skipped"] += result["skipped"]
        report_progress(report, "publications", total["pulled"], total["pulled"])
        if result["last_publication"] <= after:
            break  # nothing new: the county is repeating itself
        after = result["last_publication"]
    total["last_publication"] = int(settings(store).get("last_publication") or 0)
    return total
