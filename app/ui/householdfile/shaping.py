"""The household file's data shaping: codes to the names a person reads, text made safe for the
rich entries, and a household's forms as the rows of its 表单 tab."""
from __future__ import annotations

import html

from app.services import forms

from ..forms.form_widgets import local_time
from ..widgets.enum_labels import name_of, names_of

PROFILE_VISITS = 20   # household_profile gives the newest 20 visits


def enum_text(enum, value) -> str:
    return name_of(enum(value)) if value else ""


def html_text(text) -> str:
    return html.escape(str(text or "")).replace("\n", "<br>")


def enums_text(enum, codes) -> str:
    return names_of(enum(c) for c in codes or ())


def form_rows(store, household_id: str, lang: str) -> list[dict]:
    """A household's forms for its file: drafts first (work in progress), then the saved forms,
    newest first, each with a `status` of draft, complete, signed or superseded."""
    titles = {(f.form_id, f.version): f.title(lang) for f in forms.all_forms(store)}
    names = {u["id"]: u["name"] for u in store.users()}
    instances = forms.list_instances(store, household_id)
    states = {r["id"]: r["state"] for r in instances}
    rows = []
    for d in forms.list_drafts(store, household_id):
        rows.append({"kind": "draft", "id": d["id"], "form_id": d["form_id"], "form_version": d["form_version"],
                     "title": titles.get((d["form_id"], d["form_version"]), d["form_id"]),
                     "date": local_time(d["updated_at"], "%Y-%m-%d"), "status": "draft",
                     "investigator": names.get(d["created_by"], ""), "supersedes": d["supersedes"],
                     "supersedes_state": states.get(d["supersedes"]), "reason": d.get("amend_reason")})
    for r in instances:
        status = "superseded" if r["superseded"] else r["state"]
        rows.append({"kind": "instance", "id": r["id"], "form_id": r["form_id"], "form_version": r["form_version"],
                     "title": titles.get((r["form_id"], r["form_version"]), r["title"]),
                     "date": r["filled_on"], "status": status, "investigator": r["investigator"] or "",
                     "supersedes": r["supersedes"], "reason": r["amend_reason"]})
    return rows
