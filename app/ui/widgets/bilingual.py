"""The store's messages are written Chinese first with the English after it ("中文 (English)" or
"中文 / English"), sometimes led by the column name ("id_number: …") and ending with the document
they cite ("(003 #11)"). A person sees one language, in their words: `in_language` picks the
part for the window's language and moves the citation to a details line for support."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FIELD_PREFIX = re.compile(r"^-{0,2}[a-z][a-z0-9_./\[\]]*:\s*")
CITATION = re.compile(r"\s*[（(](?:\d{3}(?:\s*#\s*[\d()（）]+)?(?:[,，、]\s*\d{3}\s*#\s*[\d()（）]+)*)[)）]")
SLASH = re.compile(r"\s*(?<![A-Za-z0-9])/\s+")
INNER_ENGLISH = re.compile(r"\s*\(([^()\u3400-\u9fff]*[A-Za-z][^()\u3400-\u9fff]*)\)")
TRAILING_ENGLISH = re.compile(r"\s*[（(]([^（）()]*(?:\([^()]*\)[^（）()]*)*)[)）]\s*$")


def window_language() -> str:
    """"en" when the English translation is loaded, else "zh"."""
    return "en" if QCoreApplication.translate("errors", "输入有误") != "输入有误" else "zh"


def split(text: str) -> tuple[str, str | None, list[str]]:
    """(Chinese, English or None, citations) of one stored message."""
    text = FIELD_PREFIX.sub("", text.strip())
    cites = [m.group(0).strip() for m in CITATION.finditer(text)]
    text = CITATION.sub("", text).strip()
    zh, en = text, None
    for m in SLASH.finditer(text):
        head, tail = text[:m.start()], text[m.end():]
        if HAN.search(head) and not HAN.search(tail):
            zh, en = head.strip(), FIELD_PREFIX.sub("", tail.strip())
            break
    else:
        m = TRAILING_ENGLISH.search(text)
        if m and HAN.search(text[:m.start()]) and not HAN.search(m.group(1)):
            zh, en = text[:m.start()].strip(), m.group(1).strip()
        else:
            m = next((g for g in INNER_ENGLISH.finditer(text) if not HAN.search(text[g.end():])), None)
            if m and HAN.search(text[:m.start()]):
                zh, en = text[:m.start()].strip() + text[m.end():], m.group(1).strip() + text[m.end():]
    if not HAN.search(zh) and en is None:
        zh, en = text, text
    return zh, en, cites


def in_language(text: str, language: str | None = None) -> tuple[str, str]:
    """(what the person reads, a details line for support: the cited documents)."""
    zh, en, cites = split(text)
    chosen = (en or zh) if (language or window_language()) == "en" else zh
    return chosen, " ".join(cites)
