"""Filling a form: types, relevance, calculations, constraints and what is still missing.

`evaluate(form, answers, today)` is pure and cheap (a household form evaluates in well under
a millisecond per question), so the form filler calls it on every keystroke and the CLI and
the service call the same function: one set of rules, one set of messages.

Answers are a flat mapping of question name to value; a repeat is a list of such mappings.
Values are stored as JSON-safe text and numbers: integers as int, decimals as text ("12.5",
money stays exact), dates as "YYYY-MM-DD", select_multiple as a list of choice names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from .definition import DEFAULT_LANGUAGE, FormDef, Question
from .expr import Context, Expr, LimitExceeded, Nodeset

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER = re.compile(r"^-?\d+$")
PASSES = 4  # calculations that feed each other settle within a few document-order passes

MESSAGES = {
    "required": {"中文": "必填：{label}", "English": "Required: {label}"},
    "constraint": {"中文": "{label}不符合规则：{rule}", "English": "{label} breaks the rule: {rule}"},
    "integer": {"中文": "{label}应为整数", "English": "{label} must be a whole number"},
    "decimal": {"中文": "{label}应为数字", "English": "{label} must be a number"},
    "date": {"中文": "{label}应为日期（年-月-日）", "English": "{label} must be a date (YYYY-MM-DD)"},
    "choice": {"中文": "{label}：“{value}”不是可选项", "English": "{label}: '{value}' is not one of the choices"},
    "text": {"中文": "{label}应为文字", "English": "{label} must be text"},
    "repeat": {"中文": "{label}应为多条记录的列表", "English": "{label} must be a list of entries"},
    "too_long": {"中文": "{label}过长：最多 {limit} 个字符", "English": "{label} is too long: at most {limit} characters"},
    "digits": {"中文": "{label}的数字过大：最多 {limit} 位", "English": "{label} has too many digits: at most {limit}"},
    "decimal_digits": {"中文": "{label}的数字超出范围：最多 {limit} 位有效数字，数量级不超过 10 的 ±{exponent} 次方",
                       "English": "{label} is out of range: at most {limit} significant digits, magnitude within 1E±{exponent}"},
    "limit": {"中文": "{label}的计算结果超出限制（{limit}），请检查表单", "English": "{label}: the calculation exceeds the limit ({limit}); check the form"},
}
MAX_ANSWER = 10_000      # characters in a typed answer
MAX_DIGITS = 18          # digits of an integer answer (ODK integers are 32-bit; ledgers need no more)
DECIMAL_DIGITS = 28      # significant digits of a decimal answer
DECIMAL_EXPONENT = 30    # 1E+30 … 1E-30


@dataclass
class Issue:
    path: str          # "head_phone" or "members[2].id_number" (1-based, as people count)
    name: str
    rule: str          # required | constraint | integer | decimal | date | choice | text | repeat
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
        repeat, child = name
        rows = self.values.get(repeat) or []
        return rows[index].get(child) if index < len(rows) else None


def path_of(q: Question, index: int | None) -> str:
    return q.name if index is None else f"{q.repeat}[{index + 1}].{q.name}"


def split_path(path: str):
    """'members[2].name' → (('members', 'name'), 1); 'phone' → ('phone', None)."""
    m = re.match(r"^(\w+)\[(\d+)\]\.(\w+)$", path)
    if m:
        return (m.group(1), m.group(3)), int(m.group(2)) - 1
    return path, None


LIMITS = {"too_long": MAX_ANSWER, "digits": MAX_DIGITS, "decimal_digits": DECIMAL_DIGITS}


def _message(key: str, lang: str, **kw) -> str:
    kw.setdefault("limit", LIMITS.get(key, ""))
    kw.setdefault("exponent", DECIMAL_EXPONENT)
    table = MESSAGES[key]
    return (table.get(lang) or table[DEFAULT_LANGUAGE]).format(**kw)


def empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def coerce(q: Question, value, form: FormDef):
    """(clean value, rule broken or None). Empty stays None."""
    if empty(value):
        return None, None
    if isinstance(value, str) and len(value) > MAX_ANSWER:
        return value[:20] + "…", "too_long"
    t = q.type
    if t == "integer":
        if isinstance(value, bool):
            return value, "integer"
        if isinstance(value, int):  # str() of an int over 4,300 digits raises
            return (value, None) if abs(value) < 10 ** MAX_DIGITS else (None, "digits")
        text = str(value).strip()
        if not INTEGER.match(text):
            return value, "integer"
        return (int(text), None) if len(text.lstrip("-")) <= MAX_DIGITS else (text[:20] + "…", "digits")
    if t == "decimal":
        if isinstance(value, bool):
            return value, "decimal"
        try:
            d = Decimal(str(value).strip())
        except InvalidOperation:
            return value, "decimal"
        if not d.is_finite():
            return value, "decimal"
        if d and (len(d.as_tuple().digits) > DECIMAL_DIGITS or abs(d.adjusted()) > DECIMAL_EXPONENT):
            return str(value)[:20], "decimal_digits"
        return format(d.normalize() if d == d.to_integral() else d, "f"), None
    if t == "date":
        text = str(value).strip()
        if not DATE.match(text):
            return value, "date"
        try:
            date.fromisoformat(text)
        except ValueError:
            return value, "date"
        return text, None
    if t == "select_one":
        text = str(value).strip()
        names = {c.name for c in form.choices[q.list_name]}
        return (text, None) if text in names else (value, "choice")
    if t == "select_multiple":
        items = value.split() if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
            return value, "choice"
        names = {c.name for c in form.choices[q.list_name]}
        bad = [i for i in items if i not in names]
        if bad:
            return bad[0], "choice"
        return list(dict.fromkeys(items)), None
    if t == "text":
        if isinstance(value, str):
            return value.strip(), None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return str(value), None
        return value, "text"
    return value, None


def _for_expr(q: Question | None, value):
    """What an expression sees: decimals as Decimal, everything else as stored."""
    if q is not None and q.type == "decimal" and isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return value


def _store(value):
    """A calculated value as stored in JSON: no floats, dates as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral() else format(value.quantize(Decimal("0.01")), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Nodeset):
        return list(value)
    return value


class _Env:
    """Resolves ${name} for an expression evaluated at the top level or in one repeat entry."""

    def __init__(self, form: FormDef, top: dict, today: date):
        self.form, self.top, self.today = form, top, today
        self.over: dict[str, str] = {}   # path -> the limit a calculation ran into

    def context(self, index: int | None = None, repeat: str | None = None, current=None,
                own: dict | None = None) -> Context:
        def lookup(name: str):
            if own is not None and name in own:  # a choice's own columns, in a choice_filter
                return own[name]
            q = self.form.by_name[name]  # KeyError for an unknown name, as the contract says
            if q.type == "repeat":
                return Nodeset(self.top.get(name) or [])
            if q.repeat is None:
                return _for_expr(q, self.top.get(name))
            rows = self.top.get(q.repeat) or []
            if q.repeat == repeat and index is not None:
                return _for_expr(q, rows[index].get(name)) if index < len(rows) else None
            return Nodeset(_for_expr(q, r.get(name)) for r in rows)
        return Context(lookup, today=self.today, current=current,
                       position=None if index is None else index + 1)

    def truth(self, e: Expr | bool | None, default: bool, index=None, repeat=None, current=None) -> bool:
        if e is None:
            return default
        if isinstance(e, bool):
            return e
        try:
            v = e.evaluate(self.context(index, repeat, current))
        except Exception:  # a definition's expression never crashes the person filling it
            return default
        if isinstance(v, (list, tuple)):
            return bool(v)
        if isinstance(v, str):
            return v != "" and v.lower() != "false"
        return bool(v) if v is not None else False

    def compute(self, e: Expr, index=None, repeat=None, path: str = ""):
        try:
            return _store(e.evaluate(self.context(index, repeat)))
        except LimitExceeded as over:
            self.over[path] = over.limit
            return None
        except Exception:
            return None


def evaluate(form: FormDef, answers: dict | None, today: date, lang: str = DEFAULT_LANGUAGE) -> FormState:
    answers = dict(answers or {})
    issues: list[Issue] = []
    top: dict = {}

    def clean(q: Question, raw, index):
        value, rule = coerce(q, raw, form)
        if rule:
            issues.append(Issue(path_of(q, index), q.name, rule,
                                _message(rule, lang, label=q.label(lang), value=value)))
            return None
        return value

    for q in form.walk():
        if q.type == "repeat":
            raw_rows = answers.get(q.name) or []
            if not isinstance(raw_rows, list) or not all(isinstance(r, dict) for r in raw_rows):
                issues.append(Issue(q.name, q.name, "repeat", _message("repeat", lang, label=q.label(lang))))
                raw_rows = []
            top[q.name] = [{} for _ in raw_rows]
            for i, raw in enumerate(raw_rows):
                for child in form.walk(q.children):
                    if child.type in ("text", "integer", "decimal", "date", "select_one", "select_multiple"):
                        top[q.name][i][child.name] = clean(child, raw.get(child.name), i)
        elif q.repeat is None and q.type in ("text", "integer", "decimal", "date", "select_one",
                                             "select_multiple"):
            top[q.name] = clean(q, answers.get(q.name), None)

    env = _Env(form, top, today)
    relevant: dict[str, bool] = {}
    entered = {k: ([dict(r) for r in v] if form.by_name[k].type == "repeat" else v) for k, v in top.items()}
    for _ in range(PASSES):
        before = repr(top)
        _settle(form, form.questions, env, top, entered, relevant, True, None)
        if repr(top) == before:
            break

    # A value the relevance rules hide is cleared, so its type does not matter any more.
    issues = [i for i in issues if relevant.get(i.path, True)]
    for path, limit in env.over.items():
        name = split_path(path)[0]
        q = form.by_name[name if isinstance(name, str) else name[1]]
        issues.append(Issue(path, q.name, "limit", _message("limit", lang, label=q.label(lang), limit=limit)))
    missing: list[Issue] = []
    for q in form.walk():
        if q.type not in ("text", "integer", "decimal", "date", "select_one", "select_multiple"):
            continue
        for index in ([None] if q.repeat is None else range(len(top.get(q.repeat) or []))):
            path = path_of(q, index)
            if not relevant.get(path, True):
                continue
            value = top.get(q.name) if index is None else top[q.repeat][index].get(q.name)
            if empty(value):
                if env.truth(q.required, False, index, q.repeat):
                    msg = _pick_message(q.required_messages, lang) or _message("required", lang, label=q.label(lang))
                    missing.append(Issue(path, q.name, "required", msg))
                continue
            if q.constraint is not None and not env.truth(q.constraint, True, index, q.repeat,
                                                          current=_for_expr(q, value)):
                msg = _pick_message(q.constraint_messages, lang) or _message(
                    "constraint", lang, label=q.label(lang), rule=q.constraint.text)
                issues.append(Issue(path, q.name, "constraint", msg))
    return FormState(values=_prune(form, top), relevant=relevant, issues=issues, missing=missing)


def _pick_message(messages: dict[str, str], lang: str) -> str:
    return messages.get(lang) or messages.get(DEFAULT_LANGUAGE) or messages.get("", "")


def _settle(form, questions, env, top, entered, relevant, parent_relevant, index, repeat=None):
    """One document-order pass: relevance (a hidden group hides its questions) and calculations.
    A hidden question's value is cleared, as ODK does, so it cannot feed a calculation."""
    for q in questions:
        path = path_of(q, index) if q.repeat else q.name
        rel = parent_relevant and env.truth(q.relevant, True, index, repeat)
        relevant[path] = rel
        if q.type == "repeat":
            for i in range(len(top.get(q.name) or [])):
                _settle(form, q.children, env, top, entered, relevant, rel, i, q.name)
            continue
        if q.type == "group":
            _settle(form, q.children, env, top, entered, relevant, rel, index, repeat)
            continue
        target = top if index is None else top[repeat][index]
        if q.type == "calculate":
            target[q.name] = env.compute(q.calculation, index, repeat, path) if rel else None
        elif q.type in ("text", "integer", "decimal", "date", "select_one", "select_multiple"):
            original = entered.get(q.name) if index is None else entered[repeat][index].get(q.name)
            target[q.name] = original if rel else None


def _prune(form: FormDef, top: dict) -> dict:
    """The answers worth keeping: no empties, repeats as lists of entries."""
    out = {}
    for k, v in top.items():
        if isinstance(v, list) and form.by_name[k].type == "repeat":
            out[k] = [{ck: cv for ck, cv in row.items() if not empty(cv)} for row in v]
        elif not empty(v):
            out[k] = v
    return out


def available_choices(form: FormDef, q: Question, answers: dict, today: date, index: int | None = None):
    """The choices a select offers now: its list, narrowed by choice_filter.
    In the filter, a choice's own columns are read as ${column} (name, and any extra column)."""
    choices = form.choices.get(q.list_name, [])
    if q.choice_filter is None:
        return choices
    env = _Env(form, evaluate(form, answers, today).values, today)
    out = []
    for c in choices:
        try:
            keep = q.choice_filter.evaluate(env.context(index, q.repeat, own={"name": c.name, **c.extra}))
        except Exception:
            keep = True
        if keep not in (None, "", False, 0) and keep != []:
            out.append(c)
    return out


def initial_answers(form: FormDef, prefill: dict | None = None) -> dict:
    """A new form's answers: the definition's defaults, then what the household file says."""
    out: dict = {}
    for q in form.walk():
        if q.repeat is None and q.default is not None and q.type in ("text", "integer", "decimal", "date",
                                                                       "select_one", "select_multiple"):
            out[q.name] = q.default.split() if q.type == "select_multiple" else q.default
    out.update(prefill or {})
    return out
