"""Language purity: every refusal the store can give reaches a person in one language — no
English words or column names in a Chinese message, no Han characters in an English one — and
the documents it cites go to a details line for support."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.ui.widgets.bilingual import HAN, in_language

ROOT = Path(__file__).resolve().parents[2]
ERRORS = {"ValidationError": 2, "StateError": 0, "NotFound": 0, "AccessDenied": 0}
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# Names a Chinese sentence uses as they are: the ID standard, file kinds, keys, products.
KEPT = {"GB", "PDF", "CSV", "XLSX", "Excel", "Ctrl", "Enter", "ID", "USB", "WAL", "SQLCipher", "Zhucun", "zhucun",
        "JSON", "QR", "Ed", "XLSForm", "ODK", "Word", "WPS", "UTC", "HTTP", "HTTPS", "URL", "VPN", "UTF",
        "YYYY", "MM", "DD"}   # a date's pattern is shown as it is typed
DATA = "〈0〉"   # what a formatted value becomes: data, in neither language


def _render(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else DATA for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _render(node.left), _render(node.right)
        return None if left is None or right is None else left + right
    return None


def store_messages() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "app" / "core").rglob("*.py")) + sorted((ROOT / "app" / "services").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERRORS:
                i = ERRORS[node.func.id]
                if len(node.args) > i:
                    text = _render(node.args[i])
                    if text and HAN.search(text):
                        found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text))
    return found


# Still mixed: a hand sample's item number wraps the stroke rule's own message, whose two
# languages are only known when it is raised; a new message may not join it.
KNOWN_MIXED = ("app/services/hand_samples.py",)
KNOWN_COUNT = 1


def impurities(text: str) -> tuple[list[str], list[str]]:
    text = re.sub(r"^[\w.\[\]]*〈0〉[\w.\[\]〈〉]*:\s*", "", text)   # a field name built at run time
    zh, _ = in_language(text, "zh")
    en, _ = in_language(text, "en")
    words = [w for w in ASCII_WORD.findall(zh.replace(DATA, " ")) if w not in KEPT]
    return words, HAN.findall(en.replace(DATA, " "))


def test_the_sweep_finds_the_stores_messages():
    assert len(store_messages()) > 100


@pytest.mark.parametrize("text, zh, en, details", [
    ("id_number: 身份证号校验位错误 (GB 11643 check digit should be 5, got 4)", "身份证号校验位错误",
     "GB 11643 check digit should be 5, got 4", ""),
    ("labour: 在校生或未满16岁者不应有劳动能力 (students and under-16s have no labour capacity)",
     "在校生或未满16岁者不应有劳动能力", "students and under-16s have no labour capacity", ""),
    ("出现新的风险（因病），不能风险消除；应先落实针对性措施 (003 #11) / a new risk has appeared",
     "出现新的风险（因病），不能风险消除；应先落实针对性措施", "a new risk has appeared", "(003 #11)"),
])
def test_a_message_in_each_language(text, zh, en, details):
    assert in_language(text, "zh") == (zh, details)
    assert in_language(text, "en") == (en, details)


def test_no_message_mixes_languages():
    problems = []
    for where, text in store_messages():
        words, han = impurities(text)
        if words or han:
            problems.append(f"{where}: {text!r} → zh {words} en {han}")
    new = [p for p in problems if not p.startswith(KNOWN_MIXED)]
    assert new == [], "\n".join(new)
    assert len(problems) <= KNOWN_COUNT, "\n".join(problems)


def test_a_dialog_names_the_field_and_the_rule_in_one_language(qtbot):
    from app.core.errors import ValidationError
    from app.ui.households.visit_dialog import error_text
    from app.ui.widgets.errors import message
    exc = ValidationError("id_number", "GB 11643 check digit",
                          "id_number: 身份证号校验位错误 (GB 11643 check digit should be 5, got 4)")
    assert error_text(exc, {"id_number": "身份证号"}) == "身份证号：身份证号校验位错误"
    assert message(exc) == "身份证号校验位错误"
