"""Canonical JSON: the one byte form that is hashed and signed.

Sorted keys, UTF-8, no insignificant whitespace, and no floats: money is integer fen,
so two machines always produce the same bytes for the same record.

The form is exactly `json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`
(every stored hash and signature was made with it). orjson writes the same bytes for text keys,
text, 64-bit integers, booleans, null, lists, tuples and dicts, ten to thirty times faster; what
it refuses or may write otherwise (a float, NaN, an integer beyond 64 bits, a non-text key, a
lone surrogate, a date, a subclass) goes the careful way, which rejects floats and non-text keys
and writes the rest as the standard library does. (A UUID or an Enum, which the standard library
refuses, is written as orjson writes it: as its text or value.)
"""
import json
import re
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the careful way stands alone
    orjson = None


class _FloatFound(Exception):
    pass


def _no_float(text: str):
    raise _FloatFound(text)


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_CHECKER = json.JSONDecoder(parse_float=_no_float)
# orjson writes a float with a fraction or an exponent (1.5, 1e16, 2.5e-7); searched from the
# literal '.' or 'e', these are fast, and text that merely looks like a number ends the fast way.
_FRACTION = re.compile(rb"\.[0-9]+(?:e[-+]?[0-9]+)?(?:[,}\]]|$)")
_EXPONENT = re.compile(rb"e[-+]?[0-9]+(?:[,}\]]|$)")
if orjson is not None:  # dates, dataclasses and subclasses are left to the careful way (which refuses dates)
    _OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
                | orjson.OPT_PASSTHROUGH_SUBCLASS)


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


def reference_dumps(value: Any) -> str:
    """The standard library's form, checked value by value (the reference the fast way matches)."""
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


def _fast(value: Any, nan_check: bool = True) -> bytes | None:
    """orjson's bytes when they are the canonical form, else None."""
    try:
        raw = orjson.dumps(value, option=_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError: a non-text key, a big integer, a surrogate, a date...
        return None
    if _FRACTION.search(raw) or _EXPONENT.search(raw):  # a float, or text that looks like one
        return None
    # orjson writes NaN and infinity as null: a value with null in it must read back the same.
    if nan_check and b"null" in raw and orjson.loads(raw) != value:
        return None
    return raw


def encode(value: Any) -> bytes:
    if orjson is not None:
        raw = _fast(value)
        if raw is not None:
            return raw
    return reference_dumps(value).encode("utf-8")


def _no_constant(name: str):
    raise json.JSONDecodeError(f"{name}: not a number canonical JSON holds", name, 0)


def _finite(text: str) -> float:
    value = float(text)
    if value - value != 0:  # an infinity (1e400)
        raise json.JSONDecodeError(f"{text}: not a number canonical JSON holds", text, 0)
    return value


def loads(data: bytes | str) -> Any:
    """JSON text read as `json.loads` reads it, by orjson (about twice as fast on a batch), never
    with NaN or an infinity in it (refused, json.JSONDecodeError, as orjson refuses them): the
    same values, except that a whole number beyond 64 bits comes back as a float, which canonical
    JSON then refuses like any float. What else orjson refuses (a lone surrogate, invalid UTF-8,
    deep nesting) is left to json, which reads it or refuses it as before."""
    if orjson is not None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data.decode("utf-8") if isinstance(data, bytes) else data,
                      parse_constant=_no_constant, parse_float=_finite)


def encode_loaded(value: Any) -> bytes:
    """`encode` of a value `loads` read (or a part of one), which holds no NaN or infinity:
    without the check for them that `encode` makes whenever a value holds a null."""
    if orjson is not None:
        raw = _fast(value, nan_check=False)
        if raw is not None:
            return raw
    return reference_dumps(value).encode("utf-8")


def encode_plain(value: Any) -> bytes:
    """`encode` of a value the caller knows holds no float (text, whole numbers, booleans, null,
    lists and dicts: fields whose types were checked, or a value `loads` read as plain): orjson's
    bytes without the search for floats. What orjson refuses (an integer beyond 64 bits, a lone
    surrogate, a non-text key) goes the careful way."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=_OPTIONS)
        except TypeError:
            pass
    return reference_dumps(value).encode("utf-8")


def dumps(value: Any) -> str:
    if orjson is not None:
        raw = _fast(value)
        if raw is not None:
            return raw.decode("utf-8")
    return reference_dumps(value)
