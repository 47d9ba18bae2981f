"""JSON columns kept deflated at rest.

A signature's strokes are a few thousand whole numbers: about 7.8 KB of canonical JSON, which
deflate brings to about 3 KB, and they were two fifths of a five-year store. The stored value is
the canonical text's UTF-8 bytes deflated (a BLOB); a value stored before packing began is the
text itself, and reads as it always did. Unpacking gives back the exact canonical text, so every
hash taken over it (the audit chain's record hash, the signed content's strokes hash) is the same
whether a row is packed or not.
"""
from __future__ import annotations

import zlib

from app.core import canonical

# Deflate's default level: within 1 % of its best on strokes, at three quarters of the time.
LEVEL = 6

PACKED_COLUMNS = {"form_signatures": {"strokes"}}


class Unpackable(ValueError):
    """A packed value that does not inflate: the store was damaged or edited around the
    application. A ValueError, as unreadable JSON text is."""


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def text(value):
    """The canonical text of a stored JSON value, packed or not (None and text pass through)."""
    if type(value) is bytes:
        try:
            return zlib.decompress(value).decode("utf-8")
        except (zlib.error, UnicodeDecodeError) as e:
            raise Unpackable("a packed column does not inflate") from e
    return value


def stored(table: str, column: str, value) -> str | bytes:
    """A JSON column's value as it is stored: canonical text, deflated for a packed column."""
    out = canonical.dumps(value)
    return pack(out) if column in PACKED_COLUMNS.get(table, ()) else out

