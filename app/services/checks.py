"""The data-quality checks (`./zhucun check`, the 数据检查 page): load what the rules of
app.core.quality need in a few bulk reads, run them, return findings worst first.

Only live records count (deleted = 0); a visit or form superseded by a live correction is
replaced by it.
"""
from __future__ import annotations

import json
import math
import statistics
from dataclasses import replace
from datetime import date
from typing import Iterable

from app.core import clock
from app.core import quality, signature
from app.core.errors import ZhucunError
from app.core.monitoring import CaseEvent, replay
from app.core.quality import Finding, Signature, selected
from app.storage import packed
from app.storage.store import Store

from . import duty_checks, forms, hand_samples, signature_distances
from .hand_samples import compare, item_key
from .profile import household_facts as situation_facts
from .signature_distances import current, kept_pairs, kept_values, remember_distances, stored_distances  # noqa: F401 (re-exported)

_HOUSEHOLD_COLUMNS = ("id", "head_name", "number", "category", "monitoring_category", "risk_eliminated", "flags",
                      "housing_grade", "can_fix_housing_alone", "water_secured", "has_supporter", "pairing_cadre",
                      "details", "risk_types")
_MEMBER_COLUMNS = ("id", "household_id", "name", "id_number", "sex", "birth_date", "relation", "school_status",
                   "dropout_reason", "health", "disability_grade", "disability_certificate", "labour", "work_months",
                   "monthly_wage_fen", "welfare_post", "medical_insurance")

# Comparing handwriting takes a DTW of milliseconds per pair; everything else is a few bulk reads.
SLOW_RULES = tuple(r for r in quality.RULES if r.startswith("signature."))
FAST_RULES = tuple(r for r in quality.RULES if r not in SLOW_RULES)


def run_checks(store: Store, *, today: date | None = None, rules: Iterable[str] | None = None,
               household_id: str | None = None) -> list[Finding]:
    """Every finding (or those of the rules whose ids start with one of `rules`), for every
    household or one, sorted by severity then household."""
    today = today or clock.today()
    prefixes = list(rules) if rules is not None else None

    def wanted(*groups: str) -> bool:
        return any(selected(r, prefixes) for r in quality.RULES if r.startswith(groups))

    households = _households(store)
    findings: list[Finding] = []
    members = _members(store) if wanted("member", "household", "situation") else {}
    incomes = _incomes(store) if wanted("income", "case", "situation") else {}
    cases = _cases(store) if wanted("case", "income", "situation", "household") else {}
    local = [household_id] if household_id else households

    if wanted("member", "household"):
        for hid in local:
            if hid in households:
                findings += quality.household_findings(households[hid], members.get(hid, []), today)
                findings += quality.illness_findings(households[hid], members.get(hid, []), hid in cases)
        findings += quality.duplicate_ids((m for ms in members.values() for m in ms), households)
    if wanted("income", "case"):
        for hid in local:
            if hid in households:
                latest, ident = _latest_and_identification(incomes.get(hid, []), cases.get(hid, []))
                findings += quality.income_findings(households[hid], latest, ident)
                findings += quality.case_findings(households[hid], cases.get(hid, []), today)
        findings += quality.identical_incomes(
            {hid: rows[-1] for hid, rows in incomes.items() if hid in households}, households)
    if wanted("situation"):
        findings += _situations(households, members, incomes, cases, local, today)
    if wanted("visit"):
        for visit in _visits(store, today, household_id):
            findings += quality.visit_findings(households.get(visit["household_id"]), visit, today)
    form_rows = _live_forms(store, households) if wanted("form", "signature") else []
    if wanted("form"):
        for form in _forms(store, form_rows, today, household_id):
            findings += quality.form_findings(households.get(form["household_id"]), form, today)
    if wanted("signature"):
        findings += _signature_findings(store, households, household_id, form_rows=form_rows)
    if wanted(*duty_checks.GROUPS):
        findings += duty_checks.duty_findings(store, households, today, prefixes, household_id, incomes or None)

    kept = [f for f in findings if selected(f.rule, prefixes)
            and (household_id is None or f.household_id == household_id)]
    return sorted(kept, key=lambda f: quality.sort_key(f, (households.get(f.household_id) or {}).get("number")))


# -- bulk reads ----------------------------------------------------------------------------------

def _households(store: Store) -> dict[str, dict]:
    out = {}
    for row in store.conn.execute(f"SELECT {', '.join(_HOUSEHOLD_COLUMNS)} FROM households WHERE deleted = 0"):
        h = dict(zip(_HOUSEHOLD_COLUMNS, row))
        h["flags"] = json.loads(h["flags"] or "[]")
        h["details"] = json.loads(h["details"] or "{}")
        h["risk_types"] = json.loads(h["risk_types"] or "[]")
        out[h["id"]] = h
    return out


def _members(store: Store) -> dict[str, list[dict]]:
    """Live members of live households, by household, head and spouse first."""
    out: dict[str, list[dict]] = {}
    sql = (f"SELECT {', '.join('m.' + c for c in _MEMBER_COLUMNS)} FROM members m"
           " JOIN households h ON h.id = m.household_id AND h.deleted = 0 WHERE m.deleted = 0"
           " ORDER BY m.household_id, CASE m.relation WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END, m.birth_date")
    for row in store.conn.execute(sql):
        m = dict(zip(_MEMBER_COLUMNS, row))
        out.setdefault(m["household_id"], []).append(m)
    return out


def _incomes(store: Store) -> dict[str, list[dict]]:
    """Each household's assessments, oldest first; items decoded only where rules read them."""
    out: dict[str, list[dict]] = {}
    cols = ("id", "household_id", "assessed_on", "per_capita_fen", "baseline_fen", "note", "items")
    for row in store.conn.execute(f"SELECT {', '.join(cols)} FROM income_assessments WHERE deleted = 0"
                                  " ORDER BY household_id, assessed_on, created_at"):
        out.setdefault(row[1], []).append(dict(zip(cols, row)))
    for rows in out.values():
        rows[-1]["items"] = json.loads(rows[-1]["items"])
    return out


def _cases(store: Store) -> dict[str, list[tuple[dict, object]]]:
    """Each household's cases with their replayed status (or the error replaying raised)."""
    events: dict[str, list[CaseEvent]] = {}
    for case_id, kind, on, by, data in store.conn.execute(
            "SELECT case_id, kind, on_date, by_person, data FROM case_events WHERE deleted = 0"
            " ORDER BY case_id, on_date, created_at"):
        events.setdefault(case_id, []).append((kind, on, by, data))
    out: dict[str, list] = {}
    for case_id, hid, state in store.conn.execute(
            "SELECT id, household_id, state FROM cases WHERE deleted = 0 ORDER BY household_id, created_at"):
        try:
            status = replay(CaseEvent.from_dict({"kind": k, "on": on, "by": by, "data": json.loads(d)})
                            for k, on, by, d in events.get(case_id, []))
        except ZhucunError as e:
            status = e
        out.setdefault(hid, []).append(({"id": case_id, "household_id": hid, "state": state}, status))
    return out


def _latest_and_identification(incomes: list[dict], cases: list) -> tuple[dict | None, dict | None]:
    """The latest assessment, and the one an identification relied on: the latest assessed on
    or before the (latest) identification date."""
    latest = incomes[-1] if incomes else None
    identified = [s.identified_date.isoformat() for _, s in cases
                  if not isinstance(s, Exception) and s.identified_date]
    if not identified:
        return latest, None
    day = max(identified)
    before = [i for i in incomes if i["assessed_on"] <= day]
    return latest, before[-1] if before else None


def _situations(households, members, incomes, cases, local, today) -> list[Finding]:
    out = []
    for hid in local:
        h = households.get(hid)
        # A clue already open is being checked: the 15-day deadline rule watches it.
        if h is None or any(not isinstance(s, Exception) and s.state and s.state.value == "clue"
                            for _, s in cases.get(hid, [])):
            continue
        rows = incomes.get(hid)
        latest = (rows[-1]["per_capita_fen"], rows[-1]["baseline_fen"]) if rows else None
        try:
            facts = situation_facts(h, members.get(hid, []), today, latest)
        except ZhucunError:
            continue  # a value the facts refuse is reported by the member rules
        out += quality.situation_findings(h, facts)
    return out


# Live, not replaced by a live correction, and not of a deleted household.
_LIVE = ("x.deleted = 0 AND NOT EXISTS (SELECT 1 FROM {t} n WHERE n.supersedes = x.id AND n.deleted = 0)"
         " AND (x.household_id IS NULL OR x.household_id IN (SELECT id FROM households WHERE deleted = 0))")


def _visits(store: Store, today: date, household_id: str | None) -> list[dict]:
    """Only the visits a rule can fire on: no visitor, or dated after today (one pass over the
    table: led by its date index, each visit would be a seek)."""
    sql = (f"SELECT x.id, x.household_id, x.visitor, x.visit_date FROM visits x NOT INDEXED"
           f" WHERE (x.visitor < '!' OR x.visit_date > ?) AND {_LIVE.format(t='visits')}")
    params = [today.isoformat()]
    if household_id:
        sql += " AND x.household_id = ?"
        params.append(household_id)
    cols = ("id", "household_id", "visitor", "visit_date")
    return [dict(zip(cols, r)) for r in store.conn.execute(sql, params)]


_FORM_COLUMNS = ("id", "household_id", "form_id", "investigator", "filled_on", "state")


def _live_forms(store: Store, households: dict) -> list[dict]:
    """Every live form not replaced by a live correction, of a live household or none: one pass
    over the table, shared by the form rules and the signatures' (their forms' dates)."""
    rows = store.conn.execute(f"SELECT {', '.join(_FORM_COLUMNS)}, supersedes FROM form_instances NOT INDEXED"
                              " WHERE deleted = 0").fetchall()
    replaced = {r[-1] for r in rows if r[-1]}
    return [dict(zip(_FORM_COLUMNS, r)) for r in rows
            if r[0] not in replaced and (r[1] is None or r[1] in households)]


def _forms(store: Store, rows: list[dict], today: date, household_id: str | None) -> list[dict]:
    """Only the forms a rule can fire on: no investigator, no date, or dated after today."""
    day = today.isoformat()
    out = [r for r in rows if (not household_id or r["household_id"] == household_id)
           and (not (r["investigator"] or "").strip() or not r["filled_on"] or r["filled_on"] > day)]
    titles = _form_titles(store) if out else {}
    return [dict(r, title=titles.get(r["form_id"])) for r in out]


def _form_titles(store: Store) -> dict[str, str]:
    """Form titles by form id, for messages; without them a finding names the form id."""
    try:
        return {f["id"]: f["title"] for f in forms.list_forms(store, all_versions=True)}
    except (ZhucunError, OSError, ValueError):
        return {}


# -- signatures ----------------------------------------------------------------------------------

def _signatures(store: Store, forms: list[dict]) -> list[Signature]:
    """The signatures of the live signed `forms` (`_live_forms`), by role, date and creation as
    `signature_distances.live_signatures` gives them: one pass over the index of their names."""
    signed = {f["id"]: (f["household_id"], f["filled_on"]) for f in forms if f["state"] == "signed"}
    # In creation order from SQL; then by role and date, a stable sort keeping it within a day.
    rows = [(r, signed[r[1]]) for r in store.conn.execute(
        "SELECT id, instance_id, role, signer_name, proxy FROM form_signatures"
        " WHERE deleted = 0 ORDER BY created_at, id").fetchall() if r[1] in signed]
    rows.sort(key=lambda r: (r[0][2], r[1][1] is not None, r[1][1] or ""))
    # Strokes are read only when a comparison is not already kept: a warm run reads none at all.
    return [Signature(sid, form, hid, role, name, bool(proxy), signature_distances.strokes_of(store, sid), on)
            for (sid, form, role, name, proxy), (hid, on) in rows]


def _signature_findings(store: Store, households: dict, household_id: str | None,
                        progress=None, form_rows: list[dict] | None = None) -> list[Finding]:
    forms_ = form_rows if form_rows is not None else _live_forms(store, households)
    sigs = [s for s in _signatures(store, forms_)
            if not (household_id and s.role == "household" and s.household_id != household_id)]
    same = _stored_same_hand(store, signature, hand_samples.samples_by_name(store))
    same.progress = progress
    same.own = {(s.instance_id, s.signer_name.strip()) for s in sigs if s.role == "investigator"}
    found = list(quality.signature_findings(sigs, households, same, only_household=household_id))
    same.save()
    same.read_partners({f.record[1] for f in found if f.record})
    done = hand_samples.reviewed(store)
    return [same.explain(f) for f in found if not (f.record and (f.record[1], f.rule) in done)]


def remember_all_distances(store: Store, progress=None) -> int:
    """Compare and keep every handwriting distance the same-hand rules read that this store does
    not keep yet (a store from before distances were kept at signing): once, with
    `progress(pairs compared so far)` after each thousand, kept as it goes so an interrupted run
    loses little. Returns how many pairs it compared."""
    def kept() -> int:
        return store.conn.execute("SELECT count(*) FROM signature_distances").fetchone()[0]
    current(store, signature)
    before = kept()
    _signature_findings(store, _households(store), None, progress)
    return kept() - before


# The range of `hand_samples.item_key`s ("hand:…"): the kept distances of the hand samples' items.
_SAMPLE_ITEMS = ["hand:", "hand;"]


class _stored_same_hand:
    """same_hand over Signature records, from the distances kept in `signature_distances`.
    Signatures never change once saved, so a pair is compared once per store, not per run;
    the threshold is applied on reading, so a new threshold needs no recomputation.

    An investigator with a hand sample is judged by the sample too (its closest item, each a
    different text) as well as by their signatures on forms: either can show the hand."""

    def __init__(self, store: Store, signature, samples: dict[str, dict] | None = None):
        self.store, self.signature = store, signature
        self.threshold = signature.SAME_HAND_THRESHOLD
        # The kept pairs as keys, split by the threshold in the query; their distances are read
        # only for the findings a run explains (`values`), or compared now when not kept.
        self.alike, self.apart = kept_pairs(store, signature, self.threshold)
        self.known: dict[tuple[str, str], float | None] = {}
        self.partners: dict[str, set[str]] = {}  # of the signatures findings are about (`read_partners`)
        self.new: dict[tuple[str, str], float] = {}  # infinite: outlines too unlike to compare
        self.compared, self.progress = 0, None
        self._by_investigator = None
        self._at: dict[str, tuple] = {}  # each investigator's signatures by id, with their order
        self.features: dict[str, tuple] = {}
        self.samples = samples or {}
        if self.samples and (self.alike or self.apart):  # the hand samples' distances, read at once
            self.known.update(((a, b), d) for a, b, d in store.conn.execute(
                "SELECT a, b, distance FROM signature_distances WHERE b >= ? AND b < ? OR a >= ? AND a < ?",
                _SAMPLE_ITEMS * 2))
        self.by_sample: dict[tuple[str, str], object] = {}  # (household signature id, name): Comparison
        self.spreads: dict[str, tuple[float, ...]] = {}
        self.signatures: dict[str, Signature] = {}
        # (form, investigator name) of every investigator signature: a household line is judged
        # against the sample of its own form's investigator (the others' hands by their forms,
        # which keeps a first check of many forms affordable). None: every sample.
        self.own: set[tuple[str, str]] | None = None

    def _features(self, s: Signature):
        if s.id not in self.features:
            self.features[s.id] = self.signature.features(s.data)
        return self.features[s.id]

    def _distance(self, key: tuple[str, str], a, b) -> float | None:
        """The kept distance of `key`, or a new comparison of a and b (features, or callables
        giving them), kept too; None for malformed strokes (verifying the forms reports them)."""
        key = key if key[0] < key[1] else (key[1], key[0])
        if key not in self.known and self._kept(key):
            self.known.update(kept_values(self.store, [key]))
        if key not in self.known:
            try:
                d = self.signature.distance(a(), b())
            except (ZhucunError, ValueError, TypeError, KeyError, IndexError):
                d = None
            self.known[key] = d
            if d is not None:
                self.new[key] = d
                (self.alike if d <= self.threshold else self.apart).add(f"{key[0]} {key[1]}")
                if len(self.new) >= 1000:  # kept as it goes: an interrupted first check loses little
                    self.compared += len(self.new)
                    self.save()
                    if self.progress:
                        self.progress(self.compared)
        return self.known[key]

    def _kept(self, key: tuple[str, str]) -> bool:
        k = f"{key[0]} {key[1]}"
        return k in self.alike or k in self.apart

    def values(self, pairs) -> dict[tuple[str, str], float]:
        """The distances of those of `pairs` that are kept or were compared in this run, by
        (smaller id, larger id); read from the store in one query for the ones not read yet."""
        keys, unread = set(), []
        for a, b in pairs:
            key = (a, b) if a < b else (b, a)
            if key in self.known:
                keys.add(key)
            elif (k := f"{key[0]} {key[1]}") in self.alike or k in self.apart:
                keys.add(key)
                unread.append(key)
        if unread:
            self.known.update(kept_values(self.store, unread))
        return {k: d for k in keys if (d := self.known.get(k)) is not None}

    def read_partners(self, ids) -> None:
        """Every kept distance of the signatures `ids` (those a run's findings are about), in
        one pass, so explaining them looks up only the pairs that are kept."""
        ids = sorted(ids)
        for i in range(0, len(ids), 400):
            chunk = ids[i:i + 400]
            marks = ", ".join("?" * len(chunk))
            for a, b, d in self.store.conn.execute(
                    f"SELECT a, b, distance FROM signature_distances WHERE a IN ({marks}) OR b IN ({marks})",
                    chunk * 2):
                self.known[a, b] = d
                self.partners.setdefault(a, set()).add(b)
                self.partners.setdefault(b, set()).add(a)
        for sid in ids:
            self.partners.setdefault(sid, set())

    def against_sample(self, h: Signature, name: str):
        """The household signature `h` against investigator `name`'s hand sample."""
        if (h.id, name) not in self.by_sample:
            sample = self.samples[name]

            def one(k, _strokes):
                d = self._distance((h.id, item_key(sample, k)), lambda: self._features(h),
                                   lambda: self._item_features(sample, k))
                return math.inf if d is None else d
            # The strokes are read only if a distance is not kept (`one` asks for features then).
            self.by_sample[h.id, name] = compare(None, sample, distance=one, spread_of=self.spread)
        return self.by_sample[h.id, name]

    def _item_features(self, sample: dict, k: int):
        """Features of a sample's item, computed once per run (only when a distance is not kept)."""
        key = item_key(sample, k)
        if key not in self.features:
            self.features[key] = self.signature.features(sample["items"][k]["strokes"])
        return self.features[key]

    def spread(self, sample: dict) -> tuple[float, ...]:
        if sample["id"] not in self.spreads:
            n = len(sample["items"])
            ds = (self._distance((item_key(sample, i), item_key(sample, j)), lambda: self._item_features(sample, i),
                                 lambda: self._item_features(sample, j))
                  for i in range(n) for j in range(i + 1, n))
            self.spreads[sample["id"]] = tuple(sorted(d for d in ds if d is not None))
        return self.spreads[sample["id"]]

    def __call__(self, a: Signature, b: Signature) -> bool:
        self.signatures[a.id], self.signatures[b.id] = a, b
        if self.samples:
            h, inv = (a, b) if b.role == "investigator" else (b, a)
            name = inv.signer_name.strip()
            if inv.role == "investigator" and h.role == "household" and name in self.samples \
                    and (self.own is None or (h.instance_id, name) in self.own) and self.against_sample(h, name).alike:
                return True
        x, y = a.id, b.id
        k = f"{x} {y}" if x < y else f"{y} {x}"
        if k in self.alike:
            return True
        if k in self.apart:
            return False
        d = self._distance((x, y), lambda: self._features(a), lambda: self._features(b))
        return d is not None and d <= self.threshold

    def explain(self, f: Finding) -> Finding:
        """The finding with the reference it was judged by, the distance against the threshold,
        and the investigator's own spread, in its message."""
        e = self.evidence(f, strokes=False)
        if e is None:
            return f
        return replace(f, message=f"{f.message}{evidence_text(e)}")

    def evidence(self, f: Finding, strokes: bool = True) -> dict | None:
        """What a reviewer weighs for a signature finding: both signatures, the reference (its
        strokes unless `strokes` is false), the distances and the threshold; None for any other
        finding."""
        if not f.rule.startswith("signature.") or not f.record or f.record[1] not in self.signatures:
            return None
        h = self.signatures[f.record[1]]
        by_name, by_form = self._investigators()
        name = _investigator_named(f, self.samples, by_name, by_form.get(h.instance_id, []))
        out = {"household": h, "investigator": name, "threshold": self.threshold,
               "false_alarms": self.signature.MEASURED_FALSE_ALARMS}
        if name in self.samples and f.rule == "signature.same_hand":  # the one rule the sample judges
            sample = self.samples[name]
            c = self.against_sample(h, name)
            out.update(sample=sample, sample_distance=c.distance, sample_threshold=self.signature.SAMPLE_THRESHOLD,
                       spread=c.spread)
            if c.alike:
                return out | {"reference": "sample", "distance": c.distance, "threshold": out["sample_threshold"],
                              "false_alarms": self.signature.MEASURED_SAMPLE_FALSE_ALARMS,
                              "closest": c.closest, "reference_strokes": sample["items"][c.closest]["strokes"],
                              "reference_text": sample["items"][c.closest]["text"]}
        own = by_name.get(name, [])
        if h.id in self.partners:  # those kept with h, in the same order
            at = self._positions(name, own)
            own = [s for _, s in sorted(at[p] for p in self.partners[h.id] if p in at)]
        to_h = {(b if a == h.id else a): d for (a, b), d in self.values((h.id, s.id) for s in own).items()}
        scored = sorted(((to_h[s.id], s) for s in own if s.id in to_h), key=lambda x: x[0])
        if not scored:
            return out | {"reference": "forms"}
        if "spread" not in out:  # without a sample: how far apart the investigator's own signatures are
            ids = [s.id for _, s in scored]
            among = self.values((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
            out["spread"] = tuple(sorted(d for i, a in enumerate(ids) for b in ids[i + 1:]
                                         if (d := among.get((min(a, b), max(a, b)))) is not None))
        d, s = scored[0]
        return out | {"reference": "forms", "distance": d, "reference_text": s.signer_name} | (
            {"reference_strokes": s.data} if strokes else {})

    def _positions(self, name: str, own: list[Signature]) -> dict[str, tuple[int, Signature]]:
        if name not in self._at or self._at[name][0] is not own:
            self._at[name] = (own, {s.id: (i, s) for i, s in enumerate(own)})
        return self._at[name][1]

    def _investigators(self) -> tuple[dict[str, list[Signature]], dict[str, list[str]]]:
        """The investigator signatures seen, by name, and their names by form: made once for
        all the findings a run explains (again only if more signatures were seen since)."""
        if self._by_investigator is None or self._by_investigator[0] != len(self.signatures):
            by_name: dict[str, list[Signature]] = {}
            by_form: dict[str, list[str]] = {}
            for s in self.signatures.values():
                if s.role == "investigator":
                    by_name.setdefault(s.signer_name.strip(), []).append(s)
                    by_form.setdefault(s.instance_id, []).append(s.signer_name.strip())
            self._by_investigator = (len(self.signatures), by_name, by_form)
        return self._by_investigator[1], self._by_investigator[2]

    def save(self) -> None:
        remember_distances(self.store, [(a, b, d) for (a, b), d in self.new.items()])
        self.new.clear()


def _investigator_named(f: Finding, samples: dict, by_name: dict, own: list[str]) -> str:
    """The investigator a signature finding is about: the one its message names (another
    investigator's hand), else the form's own (`own`: the names on its investigator lines)."""
    if f.rule == "signature.matches_investigator":
        for name in sorted(set(by_name) | set(samples), key=len, reverse=True):
            if f"调查人{name}在其他表单上" in f.message:
                return name
    return own[0] if own else ""


def evidence_text(e: dict) -> str:
    """One sentence for the finding's message: the reference, the distance against the
    threshold and against the investigator's own spread, and the check's false-alarm rate."""
    s = e.get("sample")
    if e.get("reference") == "sample":
        ref = f"参照调查人{e['investigator']}的笔迹样本“{e['reference_text']}”（样本{len(s['items'])}项不同字词，{s['recorded_on']}录入）"
    elif s:
        ref = (f"参照调查人{e['investigator']}在表单上的签名（与其笔迹样本最近距离{e['sample_distance']:.2f}，"
               f"未达样本阈值{e['sample_threshold']:.2f}）")
    else:
        ref = f"参照调查人{e['investigator']}在表单上的签名（该调查人未录入笔迹样本）"
    parts = [ref]
    if e.get("distance") is not None:
        parts.append(f"笔迹距离{e['distance']:.2f}，阈值{e['threshold']:.2f}")
    if e.get("spread"):
        what = "笔迹样本各项之间" if s else "其表单签名之间"
        parts.append(f"其本人{what}距离中位数{statistics.median(e['spread']):.2f}")
    parts.append(f"此项检查在真实笔迹上对不同人误报率约{e['false_alarms']:.1%}")
    return "。" + "；".join(parts) + "。"


def signature_evidence(store: Store, finding: Finding) -> dict | None:
    """The evidence for one signature finding (see _stored_same_hand.evidence), for the window
    and the printed review list; None when the finding is not about a signature."""
    if not finding.rule.startswith("signature.") or not finding.record:
        return None
    same = _stored_same_hand(store, signature, hand_samples.samples_by_name(store))
    sql = ("SELECT s.id, s.instance_id, x.household_id, s.role, s.signer_name, s.proxy, x.filled_on, s.strokes"
           " FROM form_signatures s JOIN form_instances x ON x.id = s.instance_id WHERE s.deleted = 0"
           " AND (s.instance_id = (SELECT instance_id FROM form_signatures WHERE id = ?) OR s.role = 'investigator')")
    for sid, form, hid, role, name, proxy, filled, strokes in store.conn.execute(sql, [finding.record[1]]):
        same.signatures[sid] = Signature(sid, form, hid, role, name, bool(proxy), packed.text(strokes), filled)
    e = same.evidence(finding)
    same.save()
    return e

