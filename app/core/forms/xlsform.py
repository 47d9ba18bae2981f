"""XLSForms as ODK reads them: pyxform (the reference implementation) reads the workbook
(.xlsx, .xls, .md) or its JSON, with every alias, default and normalisation it knows; its
internal JSON then becomes the same rows a YAML definition holds, so every check of
definition.py runs on it and the stored form no longer needs pyxform. Each row keeps the sheet
row number it came from, so an error points at the row the author sees in Excel.

Choice lists shipped with the form (`select_one_from_file villages.csv`, the
`external_choices` sheet) are read from the form's folder and kept in the definition, so
they travel inside the encrypted store with it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from xml.etree import ElementTree

from .errors import FormError

_PATH_REF = re.compile(r"(?:\.\./)+([A-Za-z_][\w.-]*)|(?<![\w)\]'\"])/[A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*")
_LANGUAGE_CODES = {"zh": "中文", "en": "English"}
_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_PULLDATA = re.compile(r"pulldata\(\s*['\"]([^'\"]+)['\"]")
MAX_CHOICE_FILE = 20 << 20   # bytes of a CSV or XML choice file


def read_xlsform(path: str | Path) -> dict:
    """A workbook (.xlsx, .xls, .md) or pyxform JSON as Zhucun definition rows."""
    path = Path(path)
    return to_rows(_pyxform_json(path), path)


def _pyxform_json(path: Path) -> dict:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    warnings: list[str] = []
    try:
        workbook = get_xlsform(_read_sheets(path) if path.suffix.lower() in _CALAMINE else str(path))
        data = workbook_to_json(workbook, form_name="data", fallback_form_name=path.stem, warnings=warnings)
    except PyXFormError as e:
        text = str(e)
        m = _PYXFORM_ROW.search(text)
        raise FormError(path.name, text.strip(), int(m.group(1)) if m else None) from None
    except Exception as e:  # a workbook pyxform cannot read is reported, not a traceback
        raise FormError(path.name, f"cannot read the workbook: {e}") from None
    data["_rows"] = _row_numbers(workbook)
    data["_external"] = [dict(r) for r in (workbook.external_choices or []) if r]
    return data


_CALAMINE = (".xlsx", ".xlsm", ".xls")
_MAX_EMPTY_ROWS = 60  # as pyxform: after this many empty rows the sheet has ended


def _read_sheets(path: Path) -> dict:
    """The workbook's sheets as pyxform's readers give them (header row, then one mapping per row,
    cells as text), read with calamine: a 30,000-choice workbook in a second rather than the
    half minute openpyxl takes, and a sheet claiming A1:AMJ1048576 costs only its real rows."""
    from pyxform.constants import SUPPORTED_SHEET_NAMES
    from pyxform.xls2json_backends import get_excel_column_headers
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out: dict = {"sheet_names": list(wb.sheet_names), "fallback_form_name": path.stem}
    try:
        for name in wb.sheet_names:
            key = name.lower()
            if key not in SUPPORTED_SHEET_NAMES:
                if len(wb.sheet_names) != 1:
                    continue
                key = "survey"
            sheet = wb.get_sheet_by_name(name)
            top, left = sheet.start or (0, 0)
            rows = iter(sheet.iter_rows())
            first = [None] * left + list(next(rows, [])) if top == 0 else []
            headers = get_excel_column_headers(_cell(v) or None for v in first)
            data, empty = [{}] * max(top - 1, 0), 0
            for values in rows:
                values = [None] * left + list(values)
                row = {h: c for h, v in zip(headers, values) if h is not None and (c := _cell(v))}
                data.append(row)
                empty = 0 if row else empty + 1
                if empty > _MAX_EMPTY_ROWS:
                    break
            out[key] = data[:len(data) - empty] if empty else data
            out[f"{key}_header"] = [{h: None for h in headers if h is not None}] if any(headers) else []
    finally:
        wb.close()
    return out


def _cell(value) -> str:
    """A cell as pyxform's readers write it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value.replace("\xa0", " ").strip()
    return str(value)


def _row_numbers(workbook) -> dict:
    """Sheet row numbers by question name and by (list, choice), for messages."""
    rows: dict = {}
    for n, row in enumerate(workbook.survey or [], start=2):
        name = (row or {}).get("name")
        if name and name not in rows:
            rows[name] = n
            rows["type", name] = " ".join(str(row.get("type") or "").split())
    for n, row in enumerate(workbook.choices or [], start=2):
        row = row or {}
        key = (row.get("list_name") or row.get("list name"), row.get("name"))
        rows.setdefault(key, n)
    return rows


def _language(lang: str) -> str:
    """'English (en)' → English, '中文 (zh)' or 'Chinese (zh-CN)' → 中文, 'default' → ''."""
    if lang == "default":
        return ""
    m = re.search(r"\(([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?\)", lang)
    if m and m.group(1).lower() in _LANGUAGE_CODES:
        return _LANGUAGE_CODES[m.group(1).lower()]
    return lang.split("(")[0].strip()


def _localised(column: str, value) -> dict:
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {(f"{column}::{_language(k)}" if _language(k) else column): v for k, v in value.items() if v}
    return {column: value}


class _Converter:
    def __init__(self, data: dict, path: Path):
        self.data, self.path = data, path
        self.rows_by_name = data.get("_rows", {})
        self.survey: list[dict] = []
        self.choices: list[dict] = []
        self.names = set()
        self.files: set[str] = set()

    def fail(self, message: str, node: dict | None = None, column: str | None = "type"):
        row = self.rows_by_name.get(node.get("name")) if node else None
        raise FormError(self.path.name, message, row, column)

    def convert(self) -> dict:
        self.collect_names(self.data.get("children", []))
        for child in self.data.get("children", []):
            self.node(child)
        for list_name, items in (self.data.get("choices") or {}).items():
            self.add_choices(list_name, items)
        for row in self.data.get("_external", []):
            self.choices.append({"list_name": row.get("list_name") or row.get("list name"), **{
                k: v for k, v in row.items() if k not in ("list_name", "list name")}})
        form_id = self.data.get("id_string") or ""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", form_id):  # a file name such as 生猪调查.xlsx
            form_id = "form_" + hashlib.sha256(form_id.encode()).hexdigest()[:10]
        settings = {"form_id": form_id, "allow_choice_duplicates": "yes",  # pyxform has checked them
                    "version": str(self.data.get("version") or "1"),
                    **(_localised("form_title", self.data.get("title")) or {"form_title": self.path.stem})}
        out = {"settings": settings, "survey": self.survey, "choices": self.choices}
        tables = self.pulldata_tables()
        if tables:
            out["tables"] = tables
        return out

    def pulldata_tables(self) -> dict:
        """CSV files pulldata('name', …) reads, from the form's folder, kept in the definition. A
        file left out makes its pulldata() empty, as in ODK before the attachment is uploaded."""
        tables = {}
        for row in self.survey:
            for column in ("calculation", "relevant", "constraint", "default", "choice_filter"):
                for name in _PULLDATA.findall(str(row.get(column) or "")):
                    path = self.path.parent / f"{name}.csv"
                    if name not in tables and path.is_file() and path.stat().st_size <= MAX_CHOICE_FILE:
                        try:
                            tables[name] = _read_choice_file(path)
                        except (OSError, UnicodeDecodeError, csv.Error) as e:
                            self.fail(f"cannot read {name}.csv for pulldata(): {e}", None, column)
        return tables

    def collect_names(self, children):
        for c in children:
            if c.get("name"):
                self.names.add(c["name"])
            self.collect_names(c.get("children") or [])

    def add_choices(self, list_name: str, items: list[dict]):
        for item in items:
            row = {"list_name": list_name, "name": item.get("name")}
            row |= _localised("label", item.get("label"))
            row |= {k: v for k, v in item.items() if k not in ("name", "label", "media") and isinstance(v, str)}
            if (n := self.rows_by_name.get((list_name, item.get("name")))) is not None:
                row["_row"] = n
            self.choices.append(row)

    def expression(self, text):
        """XPath paths to questions (`../q`, `/data/g/q`), which pyxform writes itself for
        or_other, read as ${q}; anything else is left for the expression parser to judge."""
        if not isinstance(text, str):
            return text

        def ref(m):
            name = m.group(1) or m.group(0).rsplit("/", 1)[-1]
            return "${" + name + "}" if name in self.names else m.group(0)
        return _PATH_REF.sub(ref, text)

    def node(self, node: dict):
        kind = node.get("type")
        if kind == "entity":  # an ODK Central entity declaration: a server feature, nothing to fill
            return
        if kind == "loop":
            return self.loop(node)
        if kind in ("group", "repeat"):
            if node.get("name") == "meta" and (node.get("control") or {}).get("bodyless"):
                return self.meta(node)
            self.container(node, kind)
            return
        row = self.question_row(node)
        if row is not None:
            self.survey.append(row)

    def loop(self, node):
        """`begin loop over list`: the loop's questions once per choice, as pyxform expands it;
        `%(label)s` in a label becomes the choice's label."""
        self.survey.append({"type": "begin group", "name": node["name"], **self.common(node)})
        for column in node.get("columns") or []:
            suffix = column["name"]
            self.survey.append({"type": "begin group", "name": f"{node['name']}_{suffix}",
                                **_localised("label", column.get("label"))})
            for child in node.get("children") or []:
                self.node(_for_column(child, suffix, column.get("label")))
            self.survey.append({"type": "end group"})
        self.survey.append({"type": "end group"})

    def meta(self, node):
        for child in node.get("children") or []:
            if child.get("name") != "instanceID":  # the store gives every filled form its own ID
                self.node(child)

    def container(self, node, kind):
        row = {"type": f"begin {kind}", "name": node["name"], **self.common(node)}
        count = (node.get("control") or {}).get("jr:count")
        if count:
            row["repeat_count"] = self.expression(count)
        self.survey.append(row)
        for child in node.get("children") or []:
            self.node(child)
        self.survey.append({"type": f"end {kind}"})

    def common(self, node) -> dict:
        bind = node.get("bind") or {}
        row = {}
        row |= _localised("label", node.get("label"))
        row |= _localised("hint", node.get("hint"))
        for column, key in (("relevant", "relevant"), ("constraint", "constraint"), ("required", "required"),
                            ("calculation", "calculate"), ("read_only", "readonly")):
            if bind.get(key) not in (None, ""):
                row[column] = self.expression(bind[key])
        row |= _localised("constraint_message", bind.get("jr:constraintMsg"))
        row |= _localised("required_message", bind.get("jr:requiredMsg"))
        appearance = (node.get("control") or {}).get("appearance")
        if appearance:
            row["appearance"] = appearance
        if (n := self.rows_by_name.get(node.get("name"))) is not None:
            row["_row"] = n
        return row

    def question_row(self, node: dict) -> dict | None:
        from .types import zhucun_type
        kind = node.get("type")
        row = {"name": node.get("name"), **self.common(node)}
        if node.get("trigger"):
            self.fail("the 'trigger' column (calculate when another answer changes) is not supported", node, "trigger")
        base, why = ("signature", "") if kind == "signature" else zhucun_type(kind, node)
        if base is None:
            written = self.rows_by_name.get(("type", node.get("name"))) or kind
            self.fail(f"'{written}' questions are not supported: {why}", node)
        if base in ("select_one", "select_multiple", "rank"):
            list_name = node.get("itemset") or node.get("list_name")
            if list_name and Path(list_name).suffix.lower() in (".csv", ".xml", ".geojson"):
                self.choice_file(list_name, node)
            elif kind == "select one external":
                list_name = node.get("list_name") or list_name
            base = f"{base} {list_name}"
            if node.get("choice_filter"):
                row["choice_filter"] = self.expression(node["choice_filter"])
        row["type"] = base
        if node.get("default") not in (None, ""):
            row["default"] = self.expression(node["default"])
        params = node.get("parameters") or {}
        if params:
            row["parameters"] = params if isinstance(params, str) else " ".join(f"{k}={v}" for k, v in params.items())
        if node.get("save_to"):
            row["save_to"] = node["save_to"]
        return row

    def choice_file(self, name: str, node: dict):
        if name in self.files:
            return
        path = self.path.parent / name
        if Path(name).suffix.lower() == ".geojson":
            self.fail(f"choices from {name}: GeoJSON choice files are not supported", node)
        if not path.is_file():
            self.fail(f"the choice file {name} must be next to the form", node)
        if path.stat().st_size > MAX_CHOICE_FILE:
            self.fail(f"the choice file {name} is larger than {MAX_CHOICE_FILE >> 20} MB", node)
        try:
            items = _read_choice_file(path)
        except (OSError, UnicodeDecodeError, csv.Error, ElementTree.ParseError) as e:
            self.fail(f"cannot read the choice file {name}: {e}", node)
        self.files.add(name)
        for item in items:
            self.choices.append({"list_name": name, **item})


def _for_column(node: dict, suffix: str, label) -> dict:
    """A loop's question for one choice: its own name, the choice's label put in."""
    def put(text, lang=None):
        if not isinstance(text, str):
            return text
        value = label.get(lang, next(iter(label.values()), "")) if isinstance(label, dict) else (label or "")
        return text.replace("%(label)s", value)
    out = dict(node, name=f"{node.get('name')}_{suffix}")
    if isinstance(node.get("label"), dict):
        out["label"] = {k: put(v, k) for k, v in node["label"].items()}
    else:
        out["label"] = put(node.get("label"))
    if node.get("children"):
        out["children"] = [_for_column(c, suffix, label) for c in node["children"]]
    return out


def _read_choice_file(path: Path) -> list[dict]:
    if path.suffix.lower() == ".csv":
        text = path.read_text("utf-8-sig")
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(io.StringIO(text))]
    root = ElementTree.parse(path).getroot()
    return [{child.tag: (child.text or "").strip() for child in item} for item in root.iter("item")]


def to_rows(data: dict, path: Path) -> dict:
    return _Converter(data, path).convert()


def is_pyxform_json(data) -> bool:
    return isinstance(data, dict) and data.get("type") == "survey" and isinstance(data.get("children"), list)
