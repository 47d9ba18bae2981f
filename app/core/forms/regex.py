"""regex() for forms, on RE2: matching time is linear in the text, so no pattern a form carries
(`(a+)+$` and its kin) can stall the window. RE2 lacks back-references and look-around; a
pattern using them is refused when the form is loaded. Java's `\\uXXXX` escapes, common in
patterns for Chinese names, are read as the character they name."""
from __future__ import annotations

import re
from functools import lru_cache

import re2

MAX_PATTERN = 1000       # characters in a pattern
MAX_SUBJECT = 10_000     # characters a pattern is matched against
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 8 << 20
_JAVA_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


class RegexError(ValueError):
    pass


@lru_cache(maxsize=256)
def compile_pattern(pattern: str):
    if len(pattern) > MAX_PATTERN:
        raise RegexError(f"pattern longer than {MAX_PATTERN} characters")
    text = _JAVA_ESCAPE.sub(lambda m: m.group(1) + "\\x{" + m.group(2) + "}", pattern)
    try:
        return re2.compile(text, _OPTIONS)
    except re2.error as e:
        detail = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise RegexError(detail) from None


def full_match(pattern: str, text: str) -> bool:
    """The whole text matches (XLSForm authors write patterns for the whole answer)."""
    if len(text) > MAX_SUBJECT:
        raise RegexError(f"text longer than {MAX_SUBJECT} characters")
    return compile_pattern(pattern).fullmatch(text) is not None
