"""Question types: Zhucun's base types and how pyxform's type names (every alias it knows) map
onto them. A type Zhucun cannot collect on a desktop is refused when the form is imported, with
the feature named."""
from __future__ import annotations

# Typed in by the person filling the form.
INPUT_TYPES = {"text", "integer", "decimal", "date", "time", "datetime", "select_one", "select_multiple",
               "rank", "geopoint", "barcode", "acknowledge", "range", "image", "audio", "video", "file"}
MEDIA_TYPES = {"image", "audio", "video", "file"}   # kept as attached files in the answers
# Filled in by the program: when the form was opened and completed, on which device, by whom.
META_TYPES = {"start", "end", "today", "deviceid", "username", "email", "phonenumber", "subscriberid",
              "simserial", "instanceid"}
VALUE_TYPES = INPUT_TYPES | META_TYPES | {"calculate", "hidden"}
LEAF_TYPES = VALUE_TYPES | {"note", "signature"}
SELECT_TYPES = {"select_one", "select_multiple", "rank"}

_SELECTS = {"select one": "select_one", "select one external": "select_one",
            "select all that apply": "select_multiple", "rank": "select_multiple"}
_PRELOADS = {("timestamp", "start"): "start", ("timestamp", "end"): "end", ("date", "today"): "today"}
_BIND_TYPES = {"string": "text", "int": "integer", "decimal": "decimal", "date": "date", "time": "time",
               "dateTime": "datetime", "geopoint": "geopoint", "barcode": "barcode"}
_MEDIA = {"image": "image", "audio": "audio", "video": "video"}
_REFUSED = {
    "geotrace": "lines drawn on a map are not supported",
    "geoshape": "areas drawn on a map are not supported",
}
_REFUSED_NAMES = {
    "audit": "the ODK Collect audit log has no meaning on this computer",
    "start-geopoint": "a laptop has no location sensor",
    "background-geopoint": "a laptop has no location sensor",
    "background-audio": "recording in the background is not supported",
    "xml-external": "external XML instances (instance('…')) are not supported",
    "csv-external": "external CSV instances (instance('…')) are not supported",
}


def zhucun_type(kind: str, node: dict) -> tuple[str | None, str]:
    """(base type, '') or (None, why it is refused) for a pyxform JSON question."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    if kind in _SELECTS:
        return ("rank" if kind == "rank" else _SELECTS[kind]), ""
    if kind in _REFUSED_NAMES:
        return None, _REFUSED_NAMES[kind]
    if kind in ("hidden", "range", "calculate", "acknowledge"):
        return kind, ""
    spec = QUESTION_TYPE_DICT.get(kind, {})
    bind = {**spec.get("bind", {}), **{k: v for k, v in (node.get("bind") or {}).items() if k.startswith("jr:pre")}}
    control = spec.get("control", {})
    preload = bind.get("jr:preload")
    if preload == "uid":
        return "instanceid", ""
    if preload == "property":
        return bind.get("jr:preloadParams", "").removeprefix("uri:") or None, "unknown device property"
    if preload:
        base = _PRELOADS.get((preload, bind.get("jr:preloadParams")))
        return (base, "") if base else (None, f"preload {preload} is not supported")
    if control.get("tag") == "trigger":
        return "acknowledge", ""
    if control.get("tag") == "range":
        return "range", ""
    if "note" in kind and bind.get("readonly") == "true()":
        return "note", ""
    if not control and bind.get("type") == "string":
        return ("calculate" if "calculate" in kind else "hidden"), ""
    btype = bind.get("type")
    if btype == "binary":
        return _MEDIA.get(control.get("mediatype", "").split("/")[0], "file"), ""
    if btype in _REFUSED:
        return None, _REFUSED[btype]
    if btype == "odk:rank":
        return "rank", ""
    if btype in _BIND_TYPES:
        return _BIND_TYPES[btype], ""
    return None, "Zhucun does not know this type"
