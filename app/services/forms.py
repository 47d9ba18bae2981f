"""Survey forms: definitions, drafts, filling, signing, amending, verifying.

A form for a household goes draft → complete → signed. Drafts live in `form_drafts`, inside
the encrypted database and never synced; completing writes a `form_instances` record;
signing adds the two signature records, signs the canonical content with the investigator's
Ed25519 key and locks the instance (a trigger refuses any later change). An amendment is a
new instance that supersedes the signed one and says why. A signed form updates the household
file, and what it updated points back to it (`source_form`).
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core import clock
from app.core import canonical, signature
from app.core.errors import NotFound, StateError, ValidationError, ZhucunError
from app.core.forms.definition import FormDef, load_file, load_rows
from app.core.forms.engine import Issue, evaluate, initial_answers
from app.core.forms.signed import signed_content
from app.core.guarantees import known_guarantees
from app.core.household import MEMBER_BOOL, parse_date
from app.core.income import IncomeItems, parse_yuan, plain_yuan
from app.storage import packed
from app.storage.records import new_id, utc_now
from app.storage.store import Store

from . import config, households as hh, incomes, visits
from .kept import kept
from .signature_distances import remember_at_signing

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
HOUSEHOLD_BOOL = {"can_fix_housing_alone", "water_secured", "has_supporter", "risk_eliminated"}
# The forms' 三保障 and water questions, answered from the household file when it knows them.
GUARANTEE_QUESTIONS = {"education_ok": "education", "medical_ok": "medical", "housing_ok": "housing",
                       "water_ok": "water"}
STATES = ("complete", "signed")


class FormInvalid(ValidationError):
    """Answers that break the form's rules; `issues` lists every one."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        first = issues[0]
        super().__init__(first.path, first.rule, "; ".join(f"{i.path}: {i.message}" for i in issues[:5])
                         + (f" (+{len(issues) - 5})" if len(issues) > 5 else ""))

    def as_dict(self) -> dict:
        return {**super().as_dict(), "violations": [i.as_dict() for i in self.issues]}


# -- definitions ---------------------------------------------------------
def version_key(version: str):
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", version))


@lru_cache(maxsize=1)
def shipped_forms() -> tuple[FormDef, ...]:
    """The forms in `forms/`: loaded, and so checked, once per process."""
    paths = sorted(p for p in FORMS_DIR.glob("*") if p.suffix.lower() in (".yaml", ".yml", ".json"))
    return tuple(load_file(p) for p in paths)


def stored_forms(store: Store) -> list[FormDef]:
    """Forms imported into this store (from Excel, or later published by the county), kept on
    the open store until form_definitions is written again."""
    return kept(store, "imported forms", ("form_definitions",), lambda: _read_stored_forms(store))


def _read_stored_forms(store: Store) -> list[FormDef]:
    forms = []
    for row in store.query("SELECT id, definition FROM form_definitions WHERE deleted = 0"):
        form = load_rows(json.loads(row["definition"]), f"form_definitions/{row['id']}")
        form.source = "import"
        forms.append(form)
    return forms


def all_forms(store: Store) -> list[FormDef]:
    seen, out = set(), []
    for form in [*stored_forms(store), *shipped_forms()]:
        if (form.form_id, form.version) not in seen:
            seen.add((form.form_id, form.version))
            out.append(form)
    return sorted(out, key=lambda f: (f.form_id, version_key(f.version)))


def list_forms(store: Store, all_versions: bool = False) -> list[dict]:
    forms = all_forms(store)
    latest = {f.form_id: f for f in forms}  # sorted by version: the last one wins
    chosen = forms if all_versions else list(latest.values())
    return [{**f.summary(), "source": "import" if f.source == "import" else "shipped",
             "latest": latest[f.form_id] is f} for f in chosen]


def get_form(store: Store, form_id: str, version: str | None = None) -> FormDef:
    matches = [f for f in all_forms(store) if f.form_id == form_id and (version is None or f.version == version)]
    if not matches:
        raise NotFound(f"no form {form_id}" + (f" version {version}" if version else ""))
    return matches[-1]


def import_form(store: Store, path: str | Path, record_id: str | None = None) -> dict:
    """Load a definition (.xlsx, .yaml, .json); every rule is checked before it is stored.
    Importing the same version again changes nothing; a changed form needs a new version.
    `record_id`: the definition's id given (a form the county publishes is one record on every
    laptop of the team), else a new one."""
    form = load_file(path)
    rows = _portable(form.rows)
    for existing in all_forms(store):
        if (existing.form_id, existing.version) == (form.form_id, form.version):
            if _portable(existing.rows) == rows:
                return {**existing.summary(), "imported": False}
            raise ValidationError("version", "a changed form needs a new version",
                                  f"version: 表单 {form.form_id} 版本 {form.version} 已存在且内容不同，请提高版本号"
                                  f" (this version exists with other content: raise settings.version)")
    store.records.insert("form_definitions", {"form_id": form.form_id, "version": form.version,
                                              "title": form.title(), "source": "import", "definition": rows,
                                              **({"id": record_id} if record_id else {})})
    return {**form.summary(), "imported": True}


def _portable(rows: dict) -> dict:
    """Definition rows as canonical JSON allows (text and whole numbers)."""
    def cell(v):
        if isinstance(v, float):
            return str(int(v)) if v.is_integer() else repr(v)
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, (date,)):
            return v.isoformat()
        return v
    out = {}
    for sheet, value in rows.items():
        if isinstance(value, list):
            out[sheet] = [{str(k): cell(v) for k, v in r.items() if k != "_row"} for r in value]
        elif isinstance(value, dict):
            out[sheet] = {str(k): cell(v) for k, v in value.items()}
    return out


# -- prefill from the household file ---------------------------------------
def _yuan(fen: int | None) -> str | None:
    return None if fen is None else plain_yuan(fen)


def _answer(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def prefill(store: Store, form: FormDef, household_id: str | None, today: date | None = None) -> dict:
    """A new form's answers: defaults (today() and the like evaluated), what the program knows
    (start time, this device, the investigator), then what the household file already says."""
    meta = {"deviceid": f"zhucun:{store.device_id}" if store.device_id else None,
            "username": (store.user or {}).get("name")}
    answers = initial_answers(form, today=today or clock.today(), meta=meta)
    if not household_id:
        return answers
    household = hh.get_household(store, household_id)
    members = hh.members(store, household["id"])
    income = store.query("SELECT items FROM income_assessments WHERE household_id = ? AND deleted = 0"
                         " ORDER BY assessed_on DESC LIMIT 1", [household["id"]])
    items = json.loads(income[0]["items"]) if income else {}
    day = today or clock.today()
    secured = known_guarantees(household, members, day)
    repeat_rows: dict[str, list[dict]] = {}
    for q in form.walk():
        if q.type == "calculate":
            continue  # computed from the answers, never taken from the file
        target = q.save_to or ""
        kind, _, name = target.partition(".")
        if not target and not q.repeat and GUARANTEE_QUESTIONS.get(q.name) in secured:
            answers[q.name] = _answer(secured[GUARANTEE_QUESTIONS[q.name]])
        elif kind == "household" and household.get(name) is not None:
            value = household[name]
            answers[q.name] = _answer(bool(value) if name in HOUSEHOLD_BOOL else value)
        elif kind == "income" and name in items:
            answers[q.name] = _yuan(items[name])
        elif kind == "context" and name == "baseline":
            try:
                answers[q.name] = _yuan(config.baselines(store).for_year(household.get("province"), day.year))
            except ValidationError:
                pass
        elif kind == "member" and q.repeat:
            rows = repeat_rows.setdefault(q.repeat, [{} for _ in members])
            for row, m in zip(rows, members):
                value = m.get(name)
                if value is not None:
                    row[q.name] = _yuan(value) if name.endswith("_fen") else _answer(
                        bool(value) if name in MEMBER_BOOL else value)
    answers.update(repeat_rows)
    return answers


# -- drafts ----------------------------------------------------------------
def save_draft(store: Store, form_id: str, version: str, household_id: str | None, answers: dict,
               draft_id: str | None = None, supersedes: str | None = None, amend_reason: str | None = None) -> str:
    """Autosave: one draft per form, household and amended instance, replaced in place."""
    text = canonical.dumps(portable_answers(answers))
    with store.transaction():
        if draft_id is None:
            row = store.conn.execute(
                "SELECT id FROM form_drafts WHERE form_id = ? AND household_id IS ? AND supersedes IS ?",
                [form_id, household_id, supersedes]).fetchone()
            draft_id = row[0] if row else new_id()
        store.conn.execute(
            "INSERT INTO form_drafts (id, form_id, form_version, household_id, answers, supersedes, amend_reason,"
            " created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " answers = excluded.answers, amend_reason = excluded.amend_reason, updated_at = excluded.updated_at",
            [draft_id, form_id, version, household_id, text, supersedes, amend_reason, store.user_id, utc_now()])
    return draft_id


def portable_answers(answers: dict) -> dict:
    def clean(v):
        if isinstance(v, float):
            return str(Decimal(str(v)))
        if isinstance(v, Decimal):
            return format(v, "f")
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if x is not None and x != ""}
        return v
    return {k: clean(v) for k, v in answers.items() if v is not None and v != ""}


def list_drafts(store: Store, household_id: str | None = None) -> list[dict]:
    sql = "SELECT * FROM form_drafts" + (" WHERE household_id = ?" if household_id else "") + " ORDER BY updated_at DESC"
    rows = store.query(sql, [household_id] if household_id else [])
    for r in rows:
        r["answers"] = json.loads(r["answers"])
    return rows


def get_draft(store: Store, draft_id: str) -> dict:
    rows = store.query("SELECT * FROM form_drafts WHERE id = ?", [draft_id])
    if not rows:
        raise NotFound(f"no draft {draft_id}")
    rows[0]["answers"] = json.loads(rows[0]["answers"])
    return rows[0]


def discard_draft(store: Store, draft_id: str) -> None:
    with store.transaction():
        store.conn.execute("DELETE FROM form_drafts WHERE id = ?", [draft_id])


# -- complete, sign, amend -------------------------------------------------
def check(store: Store, form: FormDef, household_id: str | None, answers: dict, today: date):
    """The form's state with read-only answers taken from the household file, not from input."""
    if household_id:
        fixed = prefill(store, form, household_id, today)
        answers = dict(answers)
        for q in form.walk():
            if q.read_only is True and q.repeat is None and q.type != "calculate":
                answers[q.name] = fixed.get(q.name)
    return evaluate(form, answers, today)


def fill(store: Store, form_id: str, household_id: str | None, answers: dict, *, version: str | None = None,
         draft_id: str | None = None, supersedes: str | None = None, amend_reason: str | None = None,
         filled_on=None, today: date | None = None) -> dict:
    """Save a complete form. Raises FormInvalid listing every broken rule and missing answer."""
    today = today or clock.today()
    form = get_form(store, form_id, version)
    if household_id:
        household_id = hh.get_household(store, household_id)["id"]
    day = parse_date(filled_on or today.isoformat(), "filled_on", today)
    ended = clock.now().replace(tzinfo=None).isoformat(timespec="seconds")
    answers = {**answers, **{q.name: ended for q in form.walk() if q.type == "end" and q.repeat is None}}
    state = check(store, form, household_id, answers, today)
    if not state.complete:
        raise FormInvalid(state.problems())
    investigator = (store.user or {}).get("name")
    if not investigator:
        raise ValidationError("investigator", "required", "investigator: 调查人必填（请以本人身份登录） / an investigator is required: log in as yourself")
    fields = {"form_id": form.form_id, "form_version": form.version, "household_id": household_id,
              "state": "complete", "answers": portable_answers(state.values), "investigator": investigator,
              "filled_on": day, "supersedes": supersedes, "amend_reason": amend_reason}
    with store.transaction():
        record = store.records.insert("form_instances", fields)
        if draft_id:
            store.conn.execute("DELETE FROM form_drafts WHERE id = ?", [draft_id])
    return record


def update_answers(store: Store, instance_id: str, answers: dict, today: date | None = None) -> dict:
    """Change a complete form before it is signed."""
    today = today or clock.today()
    inst = store.records.require("form_instances", instance_id)
    if inst["state"] == "signed":
        raise StateError("已签名的表单已锁定，请提交更正（新版本）(a signed form is locked: amend it)")
    form = get_form(store, inst["form_id"], inst["form_version"])
    state = check(store, form, inst["household_id"], answers, today)
    if not state.complete:
        raise FormInvalid(state.problems())
    return store.records.update("form_instances", instance_id, {"answers": portable_answers(state.values)})


def amend(store: Store, instance_id: str, answers: dict, reason: str, today: date | None = None) -> dict:
    """A new complete version of a signed form; it is signed in its turn."""
    if not (reason or "").strip():
        raise ValidationError("reason", "required", "reason: 更正须说明原因 (an amendment says why)")
    old = store.records.require("form_instances", instance_id)
    if old["state"] != "signed":
        raise StateError("只有已签名的表单需要更正；未签名的可直接修改 (only a signed form is amended)")
    if current_version(store, instance_id) != instance_id:
        raise StateError("该表单已有更正版本，请更正最新版本 (amend the latest version)")
    return fill(store, old["form_id"], old["household_id"], answers, version=old["form_version"],
                supersedes=instance_id, amend_reason=reason.strip(), today=today)


def current_version(store: Store, instance_id: str) -> str:
    """Follow supersedes forward to the latest live version."""
    seen = {instance_id}
    while True:
        row = store.conn.execute("SELECT id FROM form_instances WHERE supersedes = ? AND deleted = 0"
                                 " ORDER BY created_at DESC LIMIT 1", [instance_id]).fetchone()
        if row is None or row[0] in seen:
            return instance_id
        instance_id = row[0]
        seen.add(instance_id)


def _strokes_of(value) -> tuple[dict, dict]:
    """A signature as a pad gives it ({strokes, proxy, …}) or bare strokes."""
    if isinstance(value, dict) and isinstance(value.get("strokes"), dict):
        return value["strokes"], value
    return value, {}


def sign(store: Store, instance_id: str, signatures: dict[str, dict], today: date | None = None,
         update_file: bool = True) -> dict:
    """Sign a complete form: `signatures` maps role ('investigator', 'household') to strokes or to
    {strokes, proxy, proxy_name, proxy_reason}. Locks the form and updates the household file."""
    inst = store.records.require("form_instances", instance_id)
    if inst["state"] == "signed":
        raise StateError("该表单已签名 (already signed)")
    form = get_form(store, inst["form_id"], inst["form_version"])
    roles = [q.role for q in required_signatures(form, inst)]
    rows = []
    for role in roles:
        if role not in signatures or signatures[role] is None:
            raise ValidationError(f"{role}_signature", "required",
                                  f"{role}_signature: 缺少{'调查人' if role == 'investigator' else '户主'}签名 / the {'investigator' if role == 'investigator' else 'household head'}'s signature is missing")
        strokes, extra = _strokes_of(signatures[role])
        strokes = signature.validate(strokes)
        proxy = bool(extra.get("proxy"))
        if role == "investigator":
            name = inst["investigator"]
        elif proxy:
            name = (extra.get("proxy_name") or "").strip()
            if not name:
                raise ValidationError("proxy_name", "required for a proxy signature", "proxy_name: 请填写代签人姓名 / give the name of who signs for the household")
            if not (extra.get("proxy_reason") or "").strip():
                raise ValidationError("proxy_reason", "required for a proxy signature", "proxy_reason: 请填写代签原因 / give the reason for signing on the household's behalf")
        else:
            name = inst["answers"].get("head_name") or _head_name(store, inst["household_id"]) or ""
        rows.append({"instance_id": instance_id, "role": role, "signer_name": name, "proxy": proxy,
                     "proxy_reason": (extra.get("proxy_reason") or "").strip() or None if proxy else None,
                     "strokes": strokes, "image_hash": signature.image_hash(strokes)})
    with store.transaction():
        saved = [store.records.insert("form_signatures", row) for row in rows]
        # The handwriting distances the same-hand check will read, while the strokes are at hand.
        remember_at_signing(store, saved, inst["filled_on"])
        signed_at = utc_now()
        content = signed_content(inst, rows, signed_at, store.user_id)
        key = store.signing_key()
        public = key.public_key().public_bytes_raw().hex()
        record = store.records.update("form_instances", instance_id, {
            "state": "signed", "signed_at": signed_at, "signed_by": store.user_id, "signer_key": public,
            "content_hash": hashlib.sha256(content).hexdigest(), "signature": key.sign(content).hex()})
        if update_file:
            apply_to_household(store, form, record, today or clock.today())
    return record


def required_signatures(form: FormDef, inst: dict) -> list:
    """The signature questions the answers make relevant (a phone visit has no household line).

    Only the answers the signatures' relevance reads decide it, so the form is evaluated once per
    form version and combination of those answers (see `_SignatureRelevance`), not per form."""
    day = date.fromisoformat(inst["filled_on"]) if inst.get("filled_on") else clock.today()
    return _signature_relevance(form).required(inst["answers"], day)


class _SignatureRelevance:
    """What decides which of a form version's signatures are required: the questions their
    relevance (and their groups') reads, through those questions' own relevance and
    calculations. None of them: always the same signatures. A repeat among them or a clock or
    random function in their expressions: the whole form is evaluated each time."""

    def __init__(self, form: FormDef):
        self.form = form
        self.names: tuple[str, ...] | None = ()  # None: evaluate the whole form each time
        self.by_day = False
        self.memo: dict[tuple, list] = {}
        seen: set[str] = set()
        stack = [q.name for q in form.signatures()]
        while stack and self.names is not None:
            q = form.by_name.get(stack.pop())
            if q is None or q.name in seen:
                continue
            seen.add(q.name)
            if q.repeats or q.type == "repeat":
                self.names = None
                break
            for e in (q.relevant, q.calculation, q.repeat_count):
                text = getattr(e, "text", "")
                if any(f in text for f in ("now(", "random(", "uuid(", "once(", "pulldata(")):
                    self.names = None
                self.by_day |= "today(" in text
                stack.extend(e.references() if hasattr(e, "references") else ())
            if q.parent:
                stack.append(q.parent)
        self.fixed = None
        if self.names is not None:
            self.names = tuple(sorted(seen - {q.name for q in form.signatures()}))
            if all(form.by_name[n].relevant is None and form.by_name[n].calculation is None for n in seen):
                self.fixed = list(form.signatures())

    def required(self, answers: dict, day: date) -> list:
        if self.fixed is not None:
            return self.fixed
        if self.names is None:
            return self._evaluate(answers, day)
        key = (repr([answers.get(n) for n in self.names]), day if self.by_day else None)
        if key not in self.memo:
            self.memo[key] = self._evaluate(answers, day)
        return self.memo[key]

    def _evaluate(self, answers: dict, day: date) -> list:
        relevant = evaluate(self.form, answers, day).relevant
        return [q for q in self.form.signatures() if relevant.get(q.name, True)]


_RELEVANCE: dict[int, tuple[FormDef, _SignatureRelevance]] = {}


def _signature_relevance(form: FormDef) -> _SignatureRelevance:
    kept_one = _RELEVANCE.get(id(form))
    if kept_one is None or kept_one[0] is not form:
        if len(_RELEVANCE) > 64:
            _RELEVANCE.clear()
        kept_one = _RELEVANCE[id(form)] = (form, _SignatureRelevance(form))
    return kept_one[1]


def _head_name(store: Store, household_id: str | None) -> str | None:
    if not household_id:
        return None
    row = store.records.get("households", household_id)
    return row["head_name"] if row else None


# -- the household file takes what a signed form says ----------------------
def apply_to_household(store: Store, form: FormDef, inst: dict, today: date) -> None:
    hid = inst["household_id"]
    if not hid:
        return
    values = inst["answers"]
    house, income, visit, member_rows = {}, {}, {}, {}
    for q in form.walk():
        kind, _, name = (q.save_to or "").partition(".")
        if q.read_only is True or kind not in ("household", "income", "member", "visit"):
            continue
        if kind == "member" and q.repeat:
            for i, row in enumerate(values.get(q.repeat) or []):
                if q.name in row:
                    member_rows.setdefault(i, {})[name] = _member_value(name, row[q.name], q.name)
        elif q.name in values:
            if kind == "household":
                house[name] = values[q.name] == "yes" if name in HOUSEHOLD_BOOL else values[q.name]
            elif kind == "visit":
                visit[name] = values[q.name]
            else:
                income[name] = parse_yuan(str(values[q.name]), q.name)
    link = {"source_form": inst["id"]}
    try:
        if house:
            hh.update_household(store, hid, house)
            store.records.update("households", hid, link)
        existing = hh.members(store, hid)
        for i in sorted(member_rows):
            data = member_rows[i]
            match = next((m for m in existing if data.get("id_number") and m["id_number"] == data["id_number"]), None) \
                or next((m for m in existing if m["name"] == data.get("name")), None)
            if match:
                member = hh.update_member(store, match["id"], data, today=today)
                existing.remove(match)
            else:
                member = hh.add_member(store, hid, data, today=today)
            store.records.update("members", member["id"], link)
        if income:
            items = IncomeItems.from_dict(income).to_dict()
            repeats = {q.repeat for q in form.walk() if q.repeat and (q.save_to or "").startswith("member.")}
            size = sum(len(values.get(r) or []) for r in repeats) or None
            note = values.get("income_explanation") or f"来自表单 {form.title()}（{inst['filled_on']}）"
            record = incomes.add_income(store, hid, inst["filled_on"], items, household_size=size, note=note,
                                        today=today)
            store.records.update("income_assessments", record["id"], link)
        if visit:
            # The visit is the investigator's, as the signed form says; its note names the form.
            visits.add_visit(store, hid, {"visitor": inst["investigator"], **visit}, today=today,
                             source_form=inst["id"])
    except ValidationError as e:
        raise ValidationError(e.field, e.rule, f"表单内容无法写入户档案：{e} (the form cannot update the household file)")


def _member_value(name: str, value, question: str):
    if name.endswith("_fen"):
        return parse_yuan(str(value), question)
    if name in MEMBER_BOOL:
        return value == "yes"
    return value


# -- reading and verifying -------------------------------------------------
def signatures_of(store: Store, instance_id: str) -> list[dict]:
    rows = store.query("SELECT * FROM form_signatures WHERE instance_id = ? AND deleted = 0 ORDER BY role",
                       [instance_id])
    return [store.records.decode("form_signatures", r) for r in rows]


def instance_view(store: Store, instance_id: str) -> dict:
    inst = store.records.require("form_instances", instance_id)
    form = get_form(store, inst["form_id"], inst["form_version"])
    latest = current_version(store, instance_id)
    return {**inst, "title": form.title(), "signatures": signatures_of(store, instance_id),
            "superseded_by": None if latest == instance_id else latest}


def list_instances(store: Store, household_id: str | None = None) -> list[dict]:
    sql = ("SELECT f.id, f.form_id, f.form_version, f.household_id, f.state, f.investigator, f.filled_on,"
           " f.signed_at, f.supersedes, f.amend_reason, h.head_name,"
           " EXISTS (SELECT 1 FROM form_instances n WHERE n.supersedes = f.id AND n.deleted = 0) AS superseded"
           " FROM form_instances f LEFT JOIN households h ON h.id = f.household_id WHERE f.deleted = 0")
    params = []
    if household_id:
        sql += " AND f.household_id = ?"
        params.append(household_id)
    rows = store.query(sql + " ORDER BY f.filled_on DESC, f.created_at DESC", params)
    titles = {(f.form_id, f.version): f.title() for f in all_forms(store)}
    for r in rows:
        r["title"] = titles.get((r["form_id"], r["form_version"]), r["form_id"])
        r["superseded"] = bool(r["superseded"])
    return rows


def verify(store: Store) -> dict:
    """Check every signed form: its content against its hash and signature, the signer's key
    against the user's, and each signature's strokes against the image hash that was signed.

    One pass over the forms and one over their signatures. A form whose content, key and
    signature all check out has its strokes exactly as signed (the signed content holds the hash
    of their canonical bytes, and the stored text is those bytes), so its images are not redrawn;
    any other form is checked the long way, which names what is wrong."""
    keys = {u["id"]: u["public_key"] for u in store.query("SELECT id, public_key FROM users")}
    cols = store.records.columns("form_instances")
    sigs_of: dict[str, list[dict]] = {}
    for row in store.conn.execute("SELECT s.* FROM form_signatures s JOIN form_instances f ON f.id = s.instance_id"
                                  " WHERE s.deleted = 0 AND f.state = 'signed' AND f.deleted = 0 ORDER BY s.role"):
        sig = dict(zip(store.records.columns("form_signatures"), row))
        sigs_of.setdefault(sig["instance_id"], []).append(sig)
    results = []
    verifiers: dict[str, Ed25519PublicKey | None] = {}
    defs = {(f.form_id, f.version): f for f in all_forms(store)}
    for row in store.conn.execute("SELECT * FROM form_instances WHERE state = 'signed' AND deleted = 0"
                                  " ORDER BY created_at"):
        inst = store.records.decode("form_instances", dict(zip(cols, row)))
        sigs = sigs_of.get(inst["id"], [])
        problems = None
        if _verifies_as_signed(defs.get((inst["form_id"], inst["form_version"])), inst, sigs, keys, verifiers):
            problems = []
        else:
            for sig in sigs:
                try:
                    sig["strokes"] = json.loads(packed.text(sig["strokes"]))
                except ValueError:  # damaged around the application: reported as not a signature
                    sig["strokes"] = None
            problems = _form_problems(store, inst, sigs, keys)
        results.append({"id": inst["id"], "form_id": inst["form_id"], "household_id": inst["household_id"],
                        "ok": not problems, "problems": problems})
    bad = [r for r in results if not r["ok"]]
    return {"ok": not bad, "checked": len(results), "failed": len(bad), "forms": results}


def _verifies_as_signed(form: FormDef | None, inst: dict, sigs: list[dict], keys: dict, verifiers: dict) -> bool:
    """The short way: every check passes with the strokes hashed as stored (canonical text)."""
    try:
        if form is not None and sorted(s["role"] for s in sigs) != sorted(
                q.role for q in required_signatures(form, inst)):
            return False
        hashed = [{**s, "strokes_hash": hashlib.sha256(packed.text(s["strokes"]).encode("utf-8")).hexdigest()}
                  for s in sigs]
        content = signed_content(inst, hashed, inst["signed_at"], inst["signed_by"])
        if hashlib.sha256(content).hexdigest() != inst["content_hash"] or keys.get(inst["signed_by"]) != inst["signer_key"]:
            return False
        if inst["signer_key"] not in verifiers:
            verifiers[inst["signer_key"]] = Ed25519PublicKey.from_public_bytes(bytes.fromhex(inst["signer_key"] or ""))
        verifiers[inst["signer_key"]].verify(bytes.fromhex(inst["signature"] or ""), content)
    except (InvalidSignature, ValueError, TypeError, AttributeError, KeyError, ZhucunError):
        return False
    return True


def _form_problems(store: Store, inst: dict, sigs: list[dict], keys: dict) -> list[str]:
    """Every problem of one signed form (its signatures' strokes decoded), checked the long way."""
    problems = []
    for s in sigs:
        try:
            if signature.image_hash(s["strokes"]) != s["image_hash"]:
                problems.append(f"{s['role']} signature: strokes do not match the signed image")
        except ValidationError:
            problems.append(f"{s['role']} signature: strokes are not a signature")
    form = _form_or_none(store, inst)
    if form is not None and sorted(s["role"] for s in sigs) != sorted(
            q.role for q in required_signatures(form, inst)):
        problems.append("signatures missing or added after signing")
    content = signed_content(inst, sigs, inst["signed_at"], inst["signed_by"])
    if hashlib.sha256(content).hexdigest() != inst["content_hash"]:
        problems.append("content does not match what was signed")
    if keys.get(inst["signed_by"]) != inst["signer_key"]:
        problems.append("signed with a key that is not the investigator's")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(inst["signer_key"] or "")).verify(
            bytes.fromhex(inst["signature"] or ""), content)
    except (InvalidSignature, ValueError):
        problems.append("signature does not verify")
    return problems


def _form_or_none(store: Store, inst: dict) -> FormDef | None:
    try:
        return get_form(store, inst["form_id"], inst["form_version"])
    except NotFound:
        return None
