"""Canonical JSON: the one byte form that is hashed and signed.

Sorted keys, UTF-8, no insignificant whitespace, and no floats: money is integer fen,
so two machines always produce the same bytes for the same record.
"""
import json
from typing import Any


class _FloatFound(Exception):
    pass


def _no_float(text: str):
    raise _FloatFound(text)


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_CHECKER = json.JSONDecoder(parse_float=_no_float)


def _find_float(value: Any, path: str) -> str | None:
    if isinstance(value, float):
        return path or "$"
    if isinstance(value, dict):
        for k, v in value.items():
            found = _find_float(v, f"{path}.{k}")
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found = _find_float(v, f"{path}[{i}]")
            if found:
                return found
    return None


def _check_keys(value: Any) -> None:
    """Only text keys: json would turn 1 and True into "1" and "true", two values one form."""
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is dict:
            for k in v:
                if type(k) is not str:
                    raise TypeError(f"non-string key {k!r}: canonical JSON keys are text")
            stack.extend(x for x in v.values() if type(x) in (dict, list, tuple))
        elif type(v) in (list, tuple):
            stack.extend(x for x in v if type(x) in (dict, list, tuple))


def dumps(value: Any) -> str:
    _check_keys(value)
    try:
        text = _ENCODER.encode(value)
    except ValueError:  # NaN or infinity
        text = None
    # Reading the text back with a float hook finds any float in C, far faster than a walk.
    try:
        if text is None:
            raise _FloatFound("nan")
        _CHECKER.decode(text)
    except _FloatFound:
        raise TypeError(f"float at {_find_float(value, '')}: canonical JSON carries integers only") from None
    return text


def encode(value: Any) -> bytes:
    return dumps(value).encode("utf-8")
