"""The sync envelope, the county's receipts and its publications: the formats both sides
speak, and nothing else (no HTTP, no database). The same envelope travels over HTTP or on a
USB stick, so the township computer and any relay learn nothing.

Envelope (a device's batch):

    MAGIC | u32 header length | header (canonical JSON) | HPKE ciphertext

The header names the batch and the device in the clear (the county must know whose key to
check before it reads the rest) and is bound into the encryption as HPKE `info`, so changing
it breaks decryption. The ciphertext is HPKE (RFC 9180: X25519, HKDF-SHA256, AES-256-GCM)
to the county's public key, of

    64-byte Ed25519 signature by the device | compressed canonical JSON of the batch

the signature covering MAGIC, the header and the compressed body. Every way a file can be
malformed is an EnvelopeError naming what is wrong; nothing is trusted before the signature
checks.

Receipts and publications are JSON objects `{"body": {...}, "signature": hex}` signed by the
county's Ed25519 key over the canonical JSON of the body.
"""
from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from app.core import canonical

MAGIC = b"ZHUCUN-BATCH\x01"
VERSION = 1
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
MAX_HEADER = 4096
MAX_BODY = 512 * 2**20       # what a batch may inflate to: a compressed bomb stops here
SIGNATURE_BYTES = 64


class EnvelopeError(ValueError):
    """A batch, receipt or publication that is malformed, altered or not signed by who it says."""


@dataclass(frozen=True)
class Header:
    batch_id: str
    device_id: str
    version: int = VERSION

    def to_bytes(self) -> bytes:
        return canonical.encode({"batch_id": self.batch_id, "device_id": self.device_id, "v": self.version})


def content_hash(envelope: bytes) -> str:
    """What identifies a batch's content: the same id with another hash is a different batch."""
    return hashlib.sha256(envelope).hexdigest()


def seal(batch: dict, *, batch_id: str, device_id: str, device_key: Ed25519PrivateKey,
         county_key: X25519PublicKey, level: int = 6) -> bytes:
    """The envelope of `batch` (a JSON-able dict with integers, never floats)."""
    header = Header(batch_id, device_id).to_bytes()
    body = zlib.compress(canonical.encode(batch), level)
    signature = device_key.sign(MAGIC + header + body)
    ciphertext = SUITE.encrypt(signature + body, county_key, info=MAGIC + header)
    return MAGIC + struct.pack(">I", len(header)) + header + ciphertext


def clear_header(envelope: bytes, magic: bytes, what: str) -> tuple[bytes, object]:
    """The clear header's bytes after `magic` and the header parsed as JSON; EnvelopeError
    when the bytes are not `what` or the header is cut or not JSON."""
    if not isinstance(envelope, (bytes, bytearray)) or not envelope.startswith(magic):
        raise EnvelopeError(f"not {what} (magic)")
    rest = memoryview(envelope)[len(magic):]
    if len(rest) < 4:
        raise EnvelopeError("truncated before the header length")
    (size,) = struct.unpack(">I", rest[:4])
    if size == 0 or size > MAX_HEADER or size > len(rest) - 4:
        raise EnvelopeError("header length out of range")
    head = bytes(rest[4:4 + size])
    try:
        return head, json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EnvelopeError("header is not JSON") from None


def read_header(envelope: bytes) -> Header:
    """The clear header, checked for shape only (it is authenticated when the body opens)."""
    head, raw = clear_header(envelope, MAGIC, "a Zhucun batch")
    if not isinstance(raw, dict) or set(raw) != {"batch_id", "device_id", "v"}:
        raise EnvelopeError("header fields")
    if raw["v"] != VERSION:
        raise EnvelopeError(f"envelope version {raw['v']!r} not understood")
    if not all(isinstance(raw[k], str) and 0 < len(raw[k]) <= 64 for k in ("batch_id", "device_id")):
        raise EnvelopeError("header ids")
    header = Header(raw["batch_id"], raw["device_id"])
    if header.to_bytes() != head:
        raise EnvelopeError("header is not canonical")
    return header


def open_envelope(envelope: bytes, *, county_key: X25519PrivateKey,
                  device_key: Ed25519PublicKey | None = None, device_keys=None) -> tuple[Header, dict]:
    """Decrypt, check the device's signature, inflate and parse. `device_key`, or
    `device_keys(device_id) -> Ed25519PublicKey | None` to look it up from the header."""
    header = read_header(envelope)
    head = header.to_bytes()
    ciphertext = bytes(envelope[len(MAGIC) + 4 + len(head):])
    try:
        inner = SUITE.decrypt(ciphertext, county_key, info=MAGIC + head)
    except (InvalidTag, ValueError):
        raise EnvelopeError("cannot decrypt: altered, or sealed for another county") from None
    if len(inner) <= SIGNATURE_BYTES:
        raise EnvelopeError("no body")
    signature, body = inner[:SIGNATURE_BYTES], inner[SIGNATURE_BYTES:]
    key = device_key or (device_keys(header.device_id) if device_keys else None)
    if key is None:
        raise EnvelopeError(f"unknown device {header.device_id}")
    try:
        key.verify(signature, MAGIC + head + body)
    except InvalidSignature:
        raise EnvelopeError("device signature does not verify") from None
    batch = inflate(body)
    if batch.get("batch_id") != header.batch_id or batch.get("device_id") != header.device_id:
        raise EnvelopeError("batch content does not match its header")
    return header, batch


def inflate(body: bytes) -> dict:
    d = zlib.decompressobj()
    try:
        raw = d.decompress(body, MAX_BODY)
    except zlib.error:
        raise EnvelopeError("body is not compressed data") from None
    if d.unconsumed_tail or not d.eof:
        raise EnvelopeError("body too large or truncated")
    try:
        value = canonical.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise EnvelopeError("body is not JSON") from None
    if not isinstance(value, dict):
        raise EnvelopeError("body is not an object")
    return value


# -- signed documents from the county: receipts and publications ---------------------------
def sign_document(body: dict, key: Ed25519PrivateKey) -> dict:
    return {"body": body, "signature": key.sign(canonical.encode(body)).hex()}


def verify_document(doc, key: Ed25519PublicKey) -> dict:
    """The body of a county-signed document, or EnvelopeError."""
    if not isinstance(doc, dict) or set(doc) != {"body", "signature"} or not isinstance(doc["body"], dict):
        raise EnvelopeError("not a signed document")
    try:
        key.verify(bytes.fromhex(doc["signature"]), canonical.encode(doc["body"]))
    except (InvalidSignature, ValueError, TypeError):
        raise EnvelopeError("county signature does not verify") from None
    return doc["body"]


# -- keys as text (JSON, QR codes, the store's meta) --------------------------------------
def public_hex(key) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def private_hex(key) -> str:
    return private_bytes(key).hex()


def private_bytes(key) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def ed25519_public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))


def x25519_public(text: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(bytes.fromhex(text))


def ed25519_private(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text))


def x25519_private(text: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(text))


def request_signature(key: Ed25519PrivateKey, method: str, path: str, body: bytes, nonce: str) -> str:
    """A device signs each HTTP request: method, path (with query), the body's hash and the
    single-use nonce the county issued for it (so a captured request cannot be sent again)."""
    return key.sign(request_message(method, path, body, nonce)).hex()


def request_message(method: str, path: str, body: bytes, nonce: str) -> bytes:
    return f"{method.upper()}\n{path}\n{hashlib.sha256(body).hexdigest()}\n{nonce}".encode("utf-8")


# -- the team leader's approval of a batch (app/services/review_signoff.py) ------------------
# What the leader signs with the Ed25519 key of their `users` record (the key that signs
# forms): the kind (approve / off / on), who and when, the month, and the range of the device's
# audit chain approved (first and last seq and the hash at the last), on this device.
APPROVAL_MAGIC = b"ZHUCUN-REVIEW\x01"
APPROVAL_FIELDS = ("kind", "month", "approver", "approver_name", "approved_at", "audit_from", "audit_to",
                   "audit_head", "records", "reason", "device_id")
# Signed when present: the place in the county's records-down feed the leader's laptop had read
# to, so the approval also covers the team's other laptops' records seen by then. Approvals made
# before it existed are signed without it and still verify.
APPROVAL_OPTIONAL = ("down_to",)


def approval_message(approval: dict) -> bytes:
    fields = {k: approval.get(k) for k in APPROVAL_FIELDS}
    fields.update({k: approval[k] for k in APPROVAL_OPTIONAL if approval.get(k) is not None})
    return APPROVAL_MAGIC + canonical.encode(fields)


def sign_approval(approval: dict, key: Ed25519PrivateKey) -> str:
    return key.sign(approval_message(approval)).hex()


def verify_approval(approval: dict, public_key_hex: str) -> None:
    """EnvelopeError unless `approval` carries a signature by `public_key_hex` over its fields."""
    try:
        ed25519_public(public_key_hex).verify(bytes.fromhex(approval["signature"]), approval_message(approval))
    except (InvalidSignature, ValueError, TypeError, KeyError):
        raise EnvelopeError("approval signature does not verify") from None
