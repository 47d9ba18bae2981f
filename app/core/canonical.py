"""Canonical JSON: the one byte form that is hashed and signed.

Sorted keys, UTF-8, no insignificant whitespace, and no floats: money is integer fen,
so two machines always produce the same bytes for the same record.
"""
import json
from typing import Any


def _check(value: Any, path: str) -> None:
    if isinstance(value, float):
        raise TypeError(f"float at {path or '$'}: canonical JSON carries integers only")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"non-string key at {path or '$'}")
            _check(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check(v, f"{path}[{i}]")


def dumps(value: Any) -> str:
    _check(value, "")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def encode(value: Any) -> bytes:
    return dumps(value).encode("utf-8")
