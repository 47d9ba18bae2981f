"""Form definitions in XLSForm's vocabulary.

A definition is three lists of rows, like the three sheets of an XLSForm workbook: `survey`
(type, name, label::中文, required, relevant, constraint, …), `choices` (list_name, name,
label) and `settings` (form_id, version, form_title). YAML and JSON files in `forms/` and
`.xlsx` workbooks (see xlsform.py) all arrive here as the same rows, so every check runs once,
when the form is loaded: a wrong expression names the file, the row, the column and the
position in the expression, before anyone fills the form.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core import limits

from .errors import FormError  # noqa: F401 (re-exported)
from .expr import Expr, ExprError, parse
from .types import INPUT_TYPES, LEAF_TYPES, META_TYPES, SELECT_TYPES, VALUE_TYPES  # noqa: F401 (re-exported)

LANGUAGES = ("中文", "English")
DEFAULT_LANGUAGE = "中文"

EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter", "required", "read_only",
                      "repeat_count", "default")
YES = {"yes", "true", "true()", "1"}
NO = {"", "no", "false", "false()", "0"}
NAME = re.compile(r"^[^\W\d][\w.-]*$")
FORM_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
MAX_REPEAT = 500  # entries of one repeat
MAX_NESTING = 4   # repeats inside repeats
MAX_ID, MAX_TITLE = 64, 200
SIGNATURE_ROLES = ("investigator", "household")


@dataclass
class Choice:
    name: str
    labels: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)   # other columns, for choice_filter

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return _pick(self.labels, lang) or self.name


@dataclass
class Question:
    type: str                      # base type: text, integer, …, group, repeat
    name: str
    row: int
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    list_name: str | None = None
    required: Expr | bool = False
    required_messages: dict[str, str] = field(default_factory=dict)
    relevant: Expr | None = None
    constraint: Expr | None = None
    constraint_messages: dict[str, str] = field(default_factory=dict)
    calculation: Expr | None = None
    choice_filter: Expr | None = None
    read_only: Expr | bool = False
    default: str | Expr | None = None     # a literal, or an expression such as today()
    repeat_count: Expr | None = None
    parent: str | None = None      # name of the group or repeat holding this question
    appearance: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    save_to: str | None = None     # the household-file field a signed form updates
    repeat: str | None = None      # name of the repeat this question belongs to (the innermost)
    repeats: tuple = ()            # the repeats holding this question, outermost first
    children: list["Question"] = field(default_factory=list)

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return _pick(self.labels, lang) or self.name

    def hint(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return _pick(self.hints, lang)

    @property
    def is_container(self) -> bool:
        return self.type in ("group", "repeat")

    @property
    def role(self) -> str | None:
        """Who signs a signature question: the investigator or the household."""
        return self.parameters.get("role") if self.type == "signature" else None


@dataclass
class FormDef:
    form_id: str
    version: str
    titles: dict[str, str]
    questions: list[Question]                # top level, in order; groups hold children
    choices: dict[str, list[Choice]]
    source: str = ""
    rows: dict = field(default_factory=dict)  # the definition as rows, to store and re-load
    tables: dict = field(default_factory=dict)  # pulldata() files shipped with the form: name -> rows

    def title(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return _pick(self.titles, lang) or self.form_id

    def walk(self, questions: list[Question] | None = None):
        """Every question, depth first, in document order."""
        for q in self.questions if questions is None else questions:
            yield q
            if q.children:
                yield from self.walk(q.children)

    def question(self, name: str) -> Question:
        return self.by_name[name]

    @property
    def by_name(self) -> dict[str, Question]:
        if not hasattr(self, "_by_name"):
            self._by_name = {q.name: q for q in self.walk()}
        return self._by_name

    @property
    def order(self) -> list[Question]:
        """Every question, each after the questions its relevance and calculation read."""
        if not hasattr(self, "_order"):
            self._order = dependency_order(self)
        return self._order

    def signatures(self) -> list[Question]:
        return [q for q in self.walk() if q.type == "signature"]

    def choice(self, list_name: str, value: str) -> Choice | None:
        """A choice by its name, found in constant time however long the list."""
        if not hasattr(self, "_choice_index"):
            self._choice_index = {k: {} for k in self.choices}
            for k, v in self.choices.items():
                for c in v:
                    self._choice_index[k].setdefault(c.name, c)
        return self._choice_index.get(list_name, {}).get(value)

    def choice_names(self, list_name: str):
        self.choice(list_name, "")
        return self._choice_index.get(list_name, {}).keys()

    def choice_label(self, list_name: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
        c = self.choice(list_name, value)
        return c.label(lang) if c is not None else value

    def summary(self) -> dict:
        return {"id": self.form_id, "version": self.version, "title": self.title(),
                "title_en": self.title("English"),
                "questions": sum(1 for q in self.walk() if q.type in LEAF_TYPES)}


_DYNAMIC = re.compile(r"\$\{|[A-Za-z-]\(|^\s*[-(]|\s(div|mod|and|or)\s|[*+<>=]")


def _pick(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get(DEFAULT_LANGUAGE) or labels.get("") or next(iter(labels.values()), "")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _localised(row: dict, column: str) -> dict[str, str]:
    """`label`, `label::中文`, `label::English` (and `label::English (en)`) into {lang: text}."""
    out = {}
    for key, value in row.items():
        if key == column:
            lang = ""
        elif key.startswith(column + "::"):
            lang = key[len(column) + 2:].split("(")[0].strip()
        else:
            continue
        text = _text(value)
        if text:
            out[lang] = text
    return out


def _parameters(text: str) -> dict[str, str]:
    out = {}
    for part in text.replace(";", " ").split():
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


class _Loader:
    def __init__(self, rows: dict, source: str):
        self.rows, self.source = rows, source
        s = rows.get("settings")
        s = s[0] if isinstance(s, list) and s else s if isinstance(s, dict) else {}
        self.duplicates_allowed = _text(s.get("allow_choice_duplicates")).lower() in YES

    def fail(self, message, row=None, column=None, position=None):
        raise FormError(self.source, message, row, column, position)

    def expr(self, row: dict, column: str, n: int, columns: frozenset | None = None) -> Expr | None:
        text = _text(row.get(column))
        if not text:
            return None
        try:
            return parse(text, columns)
        except ExprError as e:
            self.fail(e.message, n, column, e.position)

    def default(self, row: dict, n: int) -> str | Expr | None:
        """A default is an expression when it calls a function or reads an answer (as pyxform
        decides), and plain text otherwise."""
        text = _text(row.get("default"))
        if not text:
            return None
        return self.expr(row, "default", n) if _DYNAMIC.search(text) else text

    def flag(self, row: dict, column: str, n: int) -> Expr | bool:
        text = _text(row.get(column))
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        return self.expr(row, column, n)

    def load(self) -> FormDef:
        settings = self.settings()
        choices = self.choices()
        questions = self.survey(choices)
        tables = self.rows.get("tables") if isinstance(self.rows.get("tables"), dict) else {}
        form = FormDef(form_id=settings["form_id"], version=settings["version"], titles=settings["titles"],
                       questions=questions, choices=choices, source=self.source, rows=self.rows, tables=tables)
        self.check_references(form)
        return form

    def settings(self) -> dict:
        rows = self.rows.get("settings")
        s = rows[0] if isinstance(rows, list) and rows else rows if isinstance(rows, dict) else {}
        form_id = _text(s.get("form_id"))
        if not form_id or not FORM_ID.match(form_id) or len(form_id) > MAX_ID:
            self.fail(f"settings: form_id is required (letters, digits, _ . -; at most {MAX_ID})", column="form_id")
        version = _text(s.get("version"))
        if not version or len(version) > MAX_ID:
            self.fail(f"settings: version is required (at most {MAX_ID} characters)", column="version")
        titles = _localised(s, "form_title") or {"": form_id}
        if any(len(t) > MAX_TITLE for t in titles.values()):
            self.fail(f"settings: form_title is at most {MAX_TITLE} characters", column="form_title")
        return {"form_id": form_id, "version": version, "titles": titles}

    def choices(self) -> dict[str, list[Choice]]:
        out: dict[str, list[Choice]] = {}
        seen: set[tuple[str, str]] = set()
        for i, row in enumerate(self.rows.get("choices") or [], start=2):
            n = row.get("_row", i)
            list_name, name = _text(row.get("list_name")), _text(row.get("name"))
            if not list_name and not name:
                continue
            if not list_name or not name:
                self.fail("a choice needs list_name and name", n, "choices")
            if (list_name, name) in seen and not self.duplicates_allowed:
                self.fail(f"choice '{name}' appears twice in list '{list_name}'", n, "name")
            seen.add((list_name, name))
            extra = {k: _text(v) for k, v in row.items()
                     if k not in ("list_name", "name", "_row") and not k.startswith("label")}
            out.setdefault(list_name, []).append(Choice(name, _localised(row, "label"), extra))
        return out

    def survey(self, choices) -> list[Question]:
        top: list[Question] = []
        stack: list[Question] = []
        names: set[str] = set()
        for i, row in enumerate(self.rows.get("survey") or [], start=2):
            n = row.get("_row", i)
            kind = re.sub(r"^(begin|end)_(group|repeat)$", r"\1 \2", " ".join(_text(row.get("type")).split()))
            if not kind:
                if any(_text(v) for k, v in row.items() if k != "_row"):
                    self.fail("type is required", n, "type")
                continue
            if kind in ("end group", "end repeat"):
                if not stack or stack[-1].type != kind.split()[1]:
                    self.fail(f"'{kind}' without a matching begin", n, "type")
                stack.pop()
                continue
            q = self.question(row, kind, n, choices)
            if q.name in names:
                self.fail(f"name '{q.name}' is used twice", n, "name")
            names.add(q.name)
            if stack:
                q.parent = stack[-1].name
                q.repeat = stack[-1].name if stack[-1].type == "repeat" else stack[-1].repeat
                q.repeats = stack[-1].repeats + ((stack[-1].name,) if stack[-1].type == "repeat" else ())
                if len(q.repeats) > MAX_NESTING:
                    self.fail(f"repeats nested more than {MAX_NESTING} deep", n, "type")
                stack[-1].children.append(q)
            else:
                top.append(q)
            if q.is_container:
                stack.append(q)
        if stack:
            self.fail(f"'{stack[-1].name}' is never closed (end {stack[-1].type})", stack[-1].row, "type")
        if not top:
            self.fail("the survey has no questions", column="survey")
        return top

    def question(self, row: dict, kind: str, n: int, choices) -> Question:
        words = kind.split()
        list_name = None
        if words[0] in SELECT_TYPES:
            if len(words) != 2:
                self.fail(f"'{kind}' needs a choice list name", n, "type")
            base, list_name = words
            if list_name not in choices:
                self.fail(f"no choice list named '{list_name}'", n, "type")
        elif words[0] == "begin" and len(words) == 2 and words[1] in ("group", "repeat"):
            base = words[1]
        elif kind in LEAF_TYPES:
            base = kind
        else:
            self.fail(f"unknown type '{kind}'", n, "type")
        name = _text(row.get("name"))
        if not NAME.match(name):
            self.fail("name is required: letters, digits and _ , starting with a letter", n, "name")
        own = None
        if list_name:
            own = frozenset({"name"} | {k for c in choices[list_name] for k in c.extra})
        q = Question(type=base, name=name, row=n, list_name=list_name,
                     labels=_localised(row, "label"), hints=_localised(row, "hint"),
                     required=self.flag(row, "required", n),
                     required_messages=_localised(row, "required_message"),
                     relevant=self.expr(row, "relevant", n),
                     constraint=self.expr(row, "constraint", n),
                     constraint_messages=_localised(row, "constraint_message"),
                     calculation=self.expr(row, "calculation", n),
                     choice_filter=self.expr(row, "choice_filter", n, own),
                     read_only=self.flag(row, "read_only", n),
                     default=self.default(row, n),
                     repeat_count=self.expr(row, "repeat_count", n),
                     appearance=_text(row.get("appearance")) or None,
                     parameters=_parameters(_text(row.get("parameters"))),
                     save_to=_text(row.get("save_to")) or None)
        if base == "calculate" and q.calculation is None:
            self.fail("a calculate needs a calculation", n, "calculation")
        if base == "signature" and q.role not in SIGNATURE_ROLES:
            self.fail("a signature needs parameters role=investigator or role=household", n, "parameters")
        return q

    def check_references(self, form: FormDef) -> None:
        names = form.by_name
        for q in form.walk():
            for column in EXPRESSION_COLUMNS:
                e = getattr(q, column, None)
                if not isinstance(e, Expr):
                    continue
                own = set()
                if column == "choice_filter" and q.list_name:
                    own = {"name"} | {k for c in form.choices[q.list_name] for k in c.extra}
                for ref in sorted(e.references()):
                    if ref not in names and ref not in own:
                        self.fail(f"unknown name ${{{ref}}}", q.row, column, e.text.find("${" + ref))
            if q.choice_filter is not None and q.list_name is None:
                self.fail("choice_filter is only for select questions", q.row, "choice_filter")
            if q.repeat_count is not None and q.type != "repeat":
                self.fail("repeat_count is only for repeats", q.row, "repeat_count")
        try:
            dependency_order(form)
        except _Cycle as c:
            names = " → ".join(f"${{{q.name}}}" for q in c.path)
            self.fail(f"calculations and relevance refer to each other in a circle: {names}",
                      c.path[0].row, "calculation" if c.path[0].calculation is not None else "relevant")


class _Cycle(Exception):
    def __init__(self, path: list[Question]):
        self.path = path


def dependency_order(form: FormDef) -> list[Question]:
    """Questions sorted so that each comes after everything its relevance, calculation and
    repeat_count read and after its group; document order among equals. A circle raises _Cycle."""
    import heapq

    questions = list(form.walk())
    index = {q.name: i for i, q in enumerate(questions)}
    needs: list[set[int]] = []
    for q in questions:
        deps = set()
        for e in (q.relevant, q.calculation, q.repeat_count):
            if isinstance(e, Expr):
                deps |= {index[r] for r in e.references() if r in index}
        if q.parent:
            deps.add(index[q.parent])
        needs.append(deps)
    users: list[list[int]] = [[] for _ in questions]
    for i, deps in enumerate(needs):
        for d in deps:
            users[d].append(i)
    waiting = [len(d) for d in needs]
    ready = [i for i, w in enumerate(waiting) if w == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        i = heapq.heappop(ready)
        out.append(questions[i])
        for u in users[i]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heapq.heappush(ready, u)
    if len(out) < len(questions):
        raise _Cycle(_find_cycle(questions, needs, {i for i, w in enumerate(waiting) if w}))
    return out


def _find_cycle(questions, needs, stuck: set[int]) -> list[Question]:
    path, seen, i = [], {}, min(stuck)
    while i not in seen:
        seen[i] = len(path)
        path.append(i)
        i = min(d for d in needs[i] if d in stuck)
    return [questions[j] for j in path[seen[i]:] + [i]]


def load_rows(rows: dict, source: str = "<form>") -> FormDef:
    if not isinstance(rows, dict) or not isinstance(rows.get("survey"), list):
        raise FormError(source, "a form needs a survey list (and settings, choices)")
    return _Loader(rows, source).load()


def load_file(path: str | Path) -> FormDef:
    """A YAML or JSON definition, an XLSForm (.xlsx, .xls, .md) or pyxform's JSON of one."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in (".xlsx", ".xlsm", ".xls", ".md", ".json", ".yaml", ".yml"):
            raise FormError(path.name, "a form definition is a .yaml, .json, .xlsx, .xls or .md file")
        limits.check_size(path, "form")
        if suffix in (".xlsx", ".xlsm", ".xls", ".md"):
            from .xlsform import read_xlsform
            if suffix == ".xlsx":
                limits.check_zip(path, max_unpacked=limits.MAX_BYTES["form"] * 16)
            rows = read_xlsform(path)
        else:
            text = path.read_text("utf-8")
            limits.check_depth(text, path)
            if suffix == ".json":
                rows = json.loads(text)
            else:
                import yaml
                rows = yaml.safe_load(text)
            limits.check_nesting(rows, path)
            from .xlsform import is_pyxform_json, to_rows
            if is_pyxform_json(rows):
                rows = to_rows(rows, path)
    except (FormError, limits.LimitExceeded):
        raise
    except Exception as e:  # a file that does not parse is reported, not a traceback
        raise FormError(path.name, f"cannot read: {e}") from e
    return load_rows(rows, path.name)
