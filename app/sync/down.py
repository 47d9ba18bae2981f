"""The county's records down to a device (docs/sync.md, "Records down"): no HTTP, no database.

A page of the village's records travels as

    MAGIC | u32 header length | header (canonical JSON) | HPKE ciphertext

like a device's batch, the other way round: the header names the device it is for and the
page's range in the clear and is bound into the encryption; the ciphertext is HPKE (X25519,
HKDF-SHA256, AES-256-GCM) to the device, of

    64-byte Ed25519 signature by the county | compressed canonical JSON of the page

The county needs no new key from the device: it encrypts to the X25519 form of the Ed25519
key the device enrolled with (the birational map RFC 7748 §4.1 names; libsodium's
`crypto_sign_ed25519_pk_to_curve25519`), which the device alone can open with the X25519 form
of its private key. The township computer and any relay carrying the file learn nothing.
"""
from __future__ import annotations

import hashlib
import struct
import zlib

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from app.core import canonical

from .envelope import SIGNATURE_BYTES, SUITE, EnvelopeError, clear_header, inflate, private_bytes, public_hex

MAGIC = b"ZHUCUN-DOWN\x01"
_P = 2**255 - 19


def box_public(key: Ed25519PublicKey) -> X25519PublicKey:
    """The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 - y) mod p."""
    raw = bytearray(bytes.fromhex(public_hex(key)))
    raw[31] &= 0x7F
    y = int.from_bytes(raw, "little")
    if y >= _P or (1 - y) % _P == 0:
        raise EnvelopeError("not a usable device key")
    u = (1 + y) * pow((1 - y) % _P, _P - 2, _P) % _P
    return X25519PublicKey.from_public_bytes(u.to_bytes(32, "little"))


def box_private(key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 private key of an Ed25519 private key: the first half of SHA-512 of its seed
    (the scalar Ed25519 itself uses; X25519 clamps it)."""
    return X25519PrivateKey.from_private_bytes(hashlib.sha512(private_bytes(key)).digest()[:32])


def _header(device_id: str, after: int, last: int) -> bytes:
    return canonical.encode({"after": after, "device_id": device_id, "last": last, "v": 1})


def seal_page(page: dict, *, device_id: str, after: int, last: int, county_key: Ed25519PrivateKey,
              device_key: Ed25519PublicKey, level: int = 6) -> bytes:
    """A page of records for one device, signed by the county and encrypted to the device."""
    header = _header(device_id, after, last)
    body = zlib.compress(canonical.encode(page), level)
    signature = county_key.sign(MAGIC + header + body)
    ciphertext = SUITE.encrypt(signature + body, box_public(device_key), info=MAGIC + header)
    return MAGIC + struct.pack(">I", len(header)) + header + ciphertext


def read_page_header(data: bytes) -> dict:
    """The clear header {after, device_id, last, v}, checked for shape only."""
    raw, head = clear_header(data, MAGIC, "records from the county")
    if not isinstance(head, dict) or set(head) != {"after", "device_id", "last", "v"} or head["v"] != 1 \
            or not isinstance(head["device_id"], str) or type(head["after"]) is not int or type(head["last"]) is not int:
        raise EnvelopeError("header fields")
    if _header(head["device_id"], head["after"], head["last"]) != raw:
        raise EnvelopeError("header is not canonical")
    return head


def open_page(data: bytes, *, device_id: str, device_key: Ed25519PrivateKey,
              county_key: Ed25519PublicKey) -> tuple[dict, dict]:
    """(header, page): decrypted with the device's key, the county's signature checked, for
    this device; EnvelopeError otherwise."""
    head = read_page_header(data)
    if head["device_id"] != device_id:
        raise EnvelopeError("records for another device")
    header = _header(head["device_id"], head["after"], head["last"])
    ciphertext = bytes(data[len(MAGIC) + 4 + len(header):])
    try:
        inner = SUITE.decrypt(ciphertext, box_private(device_key), info=MAGIC + header)
    except (InvalidTag, ValueError):
        raise EnvelopeError("cannot decrypt: altered, or sealed for another device") from None
    if len(inner) <= SIGNATURE_BYTES:
        raise EnvelopeError("no body")
    signature, body = inner[:SIGNATURE_BYTES], inner[SIGNATURE_BYTES:]
    try:
        county_key.verify(signature, MAGIC + header + body)
    except InvalidSignature:
        raise EnvelopeError("county signature does not verify") from None
    page = inflate(body)
    if page.get("device_id") != device_id or page.get("after") != head["after"] or page.get("last") != head["last"]:
        raise EnvelopeError("page content does not match its header")
    return head, page
