"""Filling a form: types, relevance, calculations, constraints and what is still missing.

`evaluate(form, answers, today)` is pure and cheap, so the form filler calls it on every
keystroke and the CLI and the service call the same function: one set of rules, one set of
messages.

It evaluates as ODK does: each question once, in dependency order (the definition sorts its
questions so that every relevance and calculation comes after what it reads; circles are
refused when the form is loaded), a hidden question's value cleared, calculations kept at full
decimal precision while the form is evaluated and stored at 16 significant digits (so
`1 div 3` times 3 is 1, not 0.99), a calculated true/false stored as the text "true"/"false"
as ODK stores it, repeat_count deciding how many entries a repeat has, choice_filter enforced.

Answers are a flat mapping of question name to value; a repeat is a list of such mappings.
See answers.py for how each type is stored.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
import decimal

from .answers import DATE, INTEGER, MAX_ANSWER, MESSAGES, coerce, empty, message  # noqa: F401 (API)
from .definition import DEFAULT_LANGUAGE, MAX_REPEAT, VALUE_TYPES, FormDef, Question
from .expr import Context, Expr, LimitExceeded, Nodeset
from .shuffle import shuffle

PLACEHOLDER = re.compile(r"\$\{(\w+)\}")

_STORED = decimal.Context(prec=16, Emax=999, Emin=-999)
_message = message  # the name other modules have used


@dataclass
class Issue:
    path: str          # "head_phone" or "members[2].id_number" (1-based, as people count)
    name: str
    rule: str          # required | constraint | integer | decimal | date | choice | text | repeat | limit …
    message: str

    def as_dict(self) -> dict:
        return {"field": self.path, "rule": self.rule, "message": self.message}


@dataclass
class FormState:
    values: dict                                   # cleaned answers: relevant ones, calculations included
    relevant: dict[str, bool] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)   # values that break a rule
    missing: list[Issue] = field(default_factory=list)  # required and empty

    @property
    def complete(self) -> bool:
        return not self.issues and not self.missing

    def problems(self) -> list[Issue]:
        return self.issues + self.missing

    def value(self, path: str):
        name, index = split_path(path)
        if index is None:
            return self.values.get(name)
        index = (index,) if isinstance(index, int) else index
        entry = _entry(self.values, name[:-1], index)
        return None if entry is None else entry.get(name[-1])


def path_of(q: Question, index) -> str:
    """'phone', 'members[2].name', 'households[1].children[3].age' (1-based, as people count).
    `index` is the entry in q's repeat (a number) or in each of its repeats (a tuple)."""
    if index is None or index == ():
        return q.name
    if isinstance(index, int):
        return f"{q.repeat}[{index + 1}].{q.name}"
    return "".join(f"{r}[{i + 1}]." for r, i in zip(q.repeats, index)) + q.name


_STEP = re.compile(r"([^\W\d][\w.-]*?)\[(\d+)\]\.")


def split_path(path: str):
    """'members[2].name' → (('members', 'name'), 1); 'a[1].b[2].c' → (('a', 'b', 'c'), (0, 1));
    'phone' → ('phone', None)."""
    steps, at = [], 0
    while (m := _STEP.match(path, at)) is not None:
        steps.append((m.group(1), int(m.group(2)) - 1))
        at = m.end()
    if not steps or not re.fullmatch(r"[^\W\d][\w.-]*", path[at:]):
        return path, None
    names = tuple(r for r, _ in steps) + (path[at:],)
    return (names, steps[0][1]) if len(steps) == 1 else (names, tuple(i for _, i in steps))


def _entry(top: dict, repeats, index) -> dict | None:
    """The answers of one entry: top, then entry index[k] of repeats[k] at each level."""
    node = top
    for r, i in zip(repeats, index):
        rows = node.get(r) or []
        if not isinstance(rows, list) or i >= len(rows):
            return None
        node = rows[i]
    return node


def _indices(top: dict, repeats) -> list[tuple]:
    """Every entry of the innermost of `repeats`, as a tuple of positions, in document order."""
    out: list[tuple] = [()]
    for depth, r in enumerate(repeats):
        out = [idx + (i,) for idx in out
               for i in range(len((_entry(top, repeats[:depth], idx) or {}).get(r) or []))]
    return out


def every_value(form: FormDef, values: dict, name: str) -> list:
    """A question's value in every entry of its repeats (nested ones too), in document order."""
    return _under(values, form.by_name[name].repeats, name)


def _under(node: dict | None, repeats, name: str | None) -> list:
    """Values of `name` (or the entries, when None) in every entry of repeats below node."""
    rows = [node] if node is not None else []
    for r in repeats:
        rows = [row for n in rows for row in (n.get(r) or [])]
    return rows if name is None else [row.get(name) for row in rows]


def _for_expr(q: Question | None, value):
    """What an expression sees: decimals as Decimal, everything else as stored."""
    if q is not None and q.type in ("decimal", "range") and isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return value


def _store(value):
    """A calculated value as stored in JSON: no floats, booleans as ODK's "true"/"false",
    decimals at 16 significant digits, dates as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        value = _STORED.plus(value)
        return int(value) if value == value.to_integral() else format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Nodeset):
        return list(value)
    return value


class _Env:
    """Resolves ${name} for an expression evaluated at the top level or in one repeat entry."""

    def __init__(self, form: FormDef, top: dict, today: date, now: datetime | None = None):
        self.form, self.top, self.today, self.now = form, top, today, now
        self.over: dict[str, str] = {}   # path -> the limit an expression ran into

    def all_of(self, name: str):
        q = self.form.by_name[name]
        if q.repeat is None:
            return _for_expr(q, self.top.get(name))
        return Nodeset(_for_expr(q, v) for v in _under(self.top, q.repeats, name))

    def indexed(self, name: str, steps: list) -> object:
        """indexed-repeat(): name's value in entry n of each repeat named (1-based)."""
        q = self.form.by_name.get(name)
        want = dict(steps)
        if q is None or any(r not in want for r in q.repeats):
            return None
        entry = _entry(self.top, q.repeats, [want[r] - 1 for r in q.repeats])
        return None if entry is None or any(want[r] < 1 for r in q.repeats) else _for_expr(q, entry.get(name))

    def choice_label(self, name: str, value: str):
        q = self.form.by_name.get(name)
        if q is None or not q.list_name:
            return None
        return " ".join(self.form.choice_label(q.list_name, v) for v in value.split()) if value else ""

    def context(self, index: tuple = (), repeats: tuple = (), current=None, own: dict | None = None) -> Context:
        """What an expression sees from entry `index` of `repeats` (() at the top): a question in
        the same entry or an enclosing one is one value (a relative reference, as ODK reads
        ${name} inside a repeat); a question in a repeat below is every value under this entry."""
        def lookup(name: str):
            if own is not None and name in own and name not in self.form.by_name:
                return own[name]  # a choice's column written ${column} in a choice_filter
            q = self.form.by_name[name]  # KeyError for an unknown name, as the contract says
            chain = q.repeats + ((name,) if q.type == "repeat" else ())
            k = 0
            while k < min(len(chain), len(index)) and chain[k] == repeats[k]:
                k += 1
            base = _entry(self.top, chain[:k], index[:k])
            if q.type == "repeat":
                return Nodeset(_under(base, chain[k:], None))
            if k == len(chain):
                return None if base is None else _for_expr(q, base.get(name))
            return Nodeset(_for_expr(q, v) for v in _under(base, chain[k:], name))
        return Context(lookup, today=self.today, current=current, now=self.now, own=own,
                       position=index[-1] + 1 if index else None, nodes=self.all_of,
                       choice_label=self.choice_label, tables=self.form.tables, indexed=self.indexed)

    def value(self, e: Expr, index, repeats, current, path):
        try:
            return e.evaluate(self.context(index, repeats, current))
        except LimitExceeded as over:
            self.over[path] = over.limit
        except Exception:  # a definition's expression never crashes the person filling it
            pass
        return None

    def truth(self, e: Expr | bool | None, default: bool, index=(), repeats=(), current=None, path="") -> bool:
        if e is None:
            return default
        if isinstance(e, bool):
            return e
        v = self.value(e, index, repeats, current, path)
        if isinstance(v, (list, tuple)):
            return bool(v)
        if isinstance(v, str):
            return v != "" and v.lower() != "false"
        return bool(v) if v is not None else False


def _level(questions):
    """The questions of one level: groups opened, repeats not."""
    for q in questions:
        yield q
        if q.type == "group":
            yield from _level(q.children)


def _clean_entries(form: FormDef, answers: dict, lang: str, issues: list[Issue], questions=None,
                   index: tuple = ()) -> dict:
    """Every typed answer checked against its type; repeats as lists of such mappings, nested."""
    top: dict = {}

    def clean(q: Question, raw):
        value, rule = coerce(q, raw, form)
        if rule:
            extra = q.parameters if q.type == "range" else {}
            issues.append(Issue(path_of(q, index), q.name, rule,
                                message(rule, lang, label=q.label(lang), value=value, **extra)))
            return None
        return value

    for q in _level(form.questions if questions is None else questions):
        if q.type == "repeat":
            raw_rows = answers.get(q.name) or []
            where = path_of(q, index)
            if not isinstance(raw_rows, list) or not all(isinstance(r, dict) for r in raw_rows):
                issues.append(Issue(where, q.name, "repeat", message("repeat", lang, label=q.label(lang))))
                raw_rows = []
            if len(raw_rows) > MAX_REPEAT:
                issues.append(Issue(where, q.name, "too_many",
                                    message("too_many", lang, label=q.label(lang), limit=MAX_REPEAT)))
                raw_rows = raw_rows[:MAX_REPEAT]
            top[q.name] = [_clean_entries(form, raw, lang, issues, q.children, index + (i,))
                           for i, raw in enumerate(raw_rows)]
        elif q.type in VALUE_TYPES:
            top[q.name] = answers.get(q.name) if q.type == "calculate" else clean(q, answers.get(q.name))
    return top


def _parent_path(form: FormDef, q: Question, index: tuple) -> str | None:
    if q.parent is None:
        return None
    p = form.by_name[q.parent]
    return path_of(p, index[:len(p.repeats)])


def _settle(form: FormDef, env: _Env, top: dict, relevant: dict) -> None:
    """Each question once, in dependency order: relevance (a hidden group hides its questions),
    repeat_count, calculations. A hidden question's value is cleared, as ODK does."""
    for q in form.order:
        for index in _indices(top, q.repeats):
            path = path_of(q, index)
            parent = _parent_path(form, q, index)
            target = _entry(top, q.repeats, index)
            if q.type == "repeat":
                relevant[path] = (parent is None or relevant.get(parent, True)) and \
                    env.truth(q.relevant, True, index, q.repeats, path=path)
                if q.repeat_count is not None:
                    _resize(env, target, q, index)
                continue
            rel = (parent is None or relevant.get(parent, True)) and \
                env.truth(q.relevant, True, index, q.repeats, target.get(q.name), path)
            relevant[path] = rel
            if q.type not in VALUE_TYPES:
                continue
            if not rel:
                target[q.name] = None
            elif q.calculation is not None:
                value = env.value(q.calculation, index, q.repeats, target.get(q.name), path)
                if q.type == "calculate":  # stored as ODK stores it: true/false as text
                    target[q.name] = ("true" if value else "false") if isinstance(value, bool) else value
                elif not empty(value):
                    target[q.name], _ = coerce(q, _store(value), form)


def _resize(env: _Env, target: dict, q: Question, index: tuple) -> None:
    n = env.value(q.repeat_count, index, q.repeats, None, path_of(q, index))
    try:
        n = max(0, min(int(Decimal(str(n))), MAX_REPEAT)) if not empty(n) else 0
    except (InvalidOperation, ValueError, TypeError):
        n = 0
    rows = target.setdefault(q.name, [])
    del rows[n:]
    rows.extend({} for _ in range(n - len(rows)))


def evaluate(form: FormDef, answers: dict | None, today: date, lang: str = DEFAULT_LANGUAGE,
             now: datetime | None = None) -> FormState:
    issues: list[Issue] = []
    top = _clean_entries(form, dict(answers or {}), lang, issues)
    env = _Env(form, top, today, now)
    relevant: dict[str, bool] = {}
    _settle(form, env, top, relevant)

    # A value the relevance rules hide is cleared, so its type does not matter any more.
    issues = [i for i in issues if relevant.get(i.path, True)]
    missing: list[Issue] = []
    for q in form.walk():
        if q.type not in VALUE_TYPES or q.type == "calculate":
            continue
        for index in _indices(top, q.repeats):
            path = path_of(q, index)
            if not relevant.get(path, True):
                continue
            value = _entry(top, q.repeats, index).get(q.name)
            if empty(value):
                if env.truth(q.required, False, index, q.repeats, path=path):
                    msg = _pick_message(q.required_messages, lang) or message("required", lang, label=q.label(lang))
                    missing.append(Issue(path, q.name, "required", msg))
                continue
            if q.choice_filter is not None and not _offered(env, q, value, index):
                shown = value[0] if isinstance(value, list) else value
                issues.append(Issue(path, q.name, "choice", message("choice", lang, label=q.label(lang), value=shown)))
                continue
            if q.constraint is not None and not env.truth(q.constraint, True, index, q.repeats,
                                                          _for_expr(q, value), path):
                msg = _pick_message(q.constraint_messages, lang) or message(
                    "constraint", lang, label=q.label(lang), rule=q.constraint.text)
                issues.append(Issue(path, q.name, "constraint", msg))
    for path, limit in env.over.items():
        name, _ = split_path(path)
        q = form.by_name[name if isinstance(name, str) else name[-1]]
        issues.append(Issue(path, q.name, "limit", message("limit", lang, label=q.label(lang), limit=limit)))
    return FormState(values=_prune(form, top), relevant=relevant, issues=issues, missing=missing)


def _pick_message(messages: dict[str, str], lang: str) -> str:
    return messages.get(lang) or messages.get(DEFAULT_LANGUAGE) or messages.get("", "")


def _prune(form: FormDef, top: dict) -> dict:
    """The answers worth keeping: no empties, repeats as lists of entries, calculations stored."""
    out = {}
    for k, v in top.items():
        if isinstance(v, list) and form.by_name[k].type == "repeat":
            out[k] = [_prune(form, row) for row in v]
        elif not empty(v):
            out[k] = _store(v)
    return out


def _keeps(env: _Env, q: Question, choice, index) -> bool:
    try:
        keep = q.choice_filter.evaluate(env.context(index, q.repeats, own={"name": choice.name, **choice.extra}))
    except Exception:
        return True
    return keep not in (None, "", False, 0) and keep != []


def _offered(env: _Env, q: Question, value, index) -> bool:
    """Whether every selected choice passes the question's choice_filter now."""
    for name in (value if isinstance(value, list) else [value]):
        choice = env.form.choice(q.list_name, name)
        if choice is None or not _keeps(env, q, choice, index) and not any(
                c.name == name and _keeps(env, q, c, index) for c in env.form.choices[q.list_name]):
            return False  # (a list allowing duplicate names may offer the name under another filter)
    return True


def randomized(q: Question) -> bool:
    """A select whose parameters say randomize=true: its choices are offered shuffled."""
    return q.parameters.get("randomize", "").strip().lower() in ("true", "yes", "1")


def _seed(form: FormDef, q: Question, values: dict) -> int:
    """The seed= parameter (a number or ${question}) as a whole number; without one, a number drawn
    from the form's instance ID, so the order stays put while one form is filled and reopened."""
    text = q.parameters.get("seed", "").strip()
    m = PLACEHOLDER.fullmatch(text)
    raw = values.get(m.group(1)) if m else text
    try:
        return int(Decimal(str(raw)).to_integral_value(decimal.ROUND_DOWN))
    except (InvalidOperation, ValueError, OverflowError):
        pass
    instance = next((values.get(x.name) for x in form.walk() if x.type == "instanceid"), None)
    digest = hashlib.sha256(f"{instance or form.form_id}:{q.name}".encode()).hexdigest()
    return int(digest[:12], 16)


def available_choices(form: FormDef, q: Question, answers: dict, today: date, index: int | tuple | None = None):
    """The choices a select offers now: its list, narrowed by choice_filter, in a shuffled order
    when the question says randomize=true (with JavaRosa's seeded shuffle).
    In the filter, a choice's own columns are read bare or as ${column} (name, and any extra column)."""
    choices = form.choices.get(q.list_name, [])
    if q.choice_filter is None and not randomized(q):
        return choices
    values = evaluate(form, answers, today).values
    index = (index,) if isinstance(index, int) else index or ()
    if q.choice_filter is not None:
        env = _Env(form, values, today)
        choices = [c for c in choices if _keeps(env, q, c, index)]
    return shuffle(choices, _seed(form, q, values)) if randomized(q) else choices


META_VALUES = ("deviceid", "username", "email", "phonenumber", "subscriberid", "simserial")


def initial_answers(form: FormDef, prefill: dict | None = None, today: date | None = None,
                    now: datetime | None = None, meta: dict | None = None) -> dict:
    """A new form's answers: the definition's defaults (an expression such as today() is
    evaluated), what the program knows (start, today, device, user, a new instance ID), then
    what the household file says."""
    import uuid

    from app.core import clock
    today = today or clock.today()
    now = now or clock.now()
    out: dict = {}
    env = _Env(form, out, today, now)
    for q in form.walk():
        if q.repeat is not None:
            continue
        if q.type in ("start", "end"):
            out[q.name] = now.replace(tzinfo=None).isoformat(timespec="seconds")
        elif q.type == "today":
            out[q.name] = today.isoformat()
        elif q.type == "instanceid":
            out[q.name] = f"uuid:{uuid.uuid4()}"
        elif q.type in META_VALUES and (meta or {}).get(q.type):
            out[q.name] = meta[q.type]
        elif isinstance(q.default, Expr) and q.type in VALUE_TYPES:
            value = _store(env.value(q.default, None, None, None, q.name))
            if not empty(value):
                out[q.name] = value
        elif q.default is not None and q.type in VALUE_TYPES:
            out[q.name] = q.default.split() if q.type in ("select_multiple", "rank") else q.default
    out.update(prefill or {})
    return out
