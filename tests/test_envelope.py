"""The sync envelope: what seals opens, for the county it was sealed for and only with the
sealing device's key; anything else — any flipped byte, any cut, any garbage — is an
EnvelopeError and never another exception (the county parses what strangers send)."""
from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given, settings, strategies as st

from app.sync import envelope as env

DEVICE = Ed25519PrivateKey.generate()
OTHER_DEVICE = Ed25519PrivateKey.generate()
COUNTY = X25519PrivateKey.generate()
OTHER_COUNTY = X25519PrivateKey.generate()
BATCH = {"batch_id": "b-1", "device_id": "d-1",
         "records": [{"tbl": "visits", "id": f"v{i}", "data": {"findings": "家中情况稳定" * 3, "n": i}}
                     for i in range(50)]}
SEALED = env.seal(BATCH, batch_id="b-1", device_id="d-1", device_key=DEVICE, county_key=COUNTY.public_key())


def _open(data: bytes, device=DEVICE, county=COUNTY):
    return env.open_envelope(data, county_key=county, device_key=device.public_key())


def test_what_is_sealed_opens_with_its_header():
    header, body = _open(SEALED)
    assert header == env.Header("b-1", "d-1") and body == BATCH
    assert env.read_header(SEALED).batch_id == "b-1"
    assert env.content_hash(SEALED) == env.content_hash(bytes(SEALED))
    assert b"\xe5\xae\xb6" not in SEALED  # no Chinese text in the clear: it is encrypted


def test_only_the_county_it_was_sealed_for_can_open_it():
    with pytest.raises(env.EnvelopeError, match="decrypt"):
        _open(SEALED, county=OTHER_COUNTY)


def test_another_devices_key_does_not_verify():
    with pytest.raises(env.EnvelopeError, match="signature"):
        _open(SEALED, device=OTHER_DEVICE)


def test_a_changed_header_breaks_decryption():
    forged = SEALED.replace(b'"b-1"', b'"b-2"', 1)
    assert env.read_header(forged).batch_id == "b-2"
    with pytest.raises(env.EnvelopeError):
        _open(forged)


def test_the_device_is_looked_up_from_the_header():
    keys = {"d-1": DEVICE.public_key()}
    header, _ = env.open_envelope(SEALED, county_key=COUNTY, device_keys=keys.get)
    assert header.device_id == "d-1"
    with pytest.raises(env.EnvelopeError, match="unknown device"):
        env.open_envelope(SEALED, county_key=COUNTY, device_keys={}.get)


def test_a_body_that_disagrees_with_its_header_is_refused():
    sealed = env.seal({"batch_id": "other", "device_id": "d-1"}, batch_id="b-1", device_id="d-1",
                      device_key=DEVICE, county_key=COUNTY.public_key())
    with pytest.raises(env.EnvelopeError, match="header"):
        _open(sealed)


def test_a_compression_bomb_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(env, "MAX_BODY", 1000)
    with pytest.raises(env.EnvelopeError, match="too large"):
        _open(SEALED)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEALED) - 1), st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_is_refused(position, flip):
    data = bytearray(SEALED)
    data[position] ^= flip
    with pytest.raises(env.EnvelopeError):
        _open(bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEALED) - 1))
def test_any_truncation_is_refused(cut):
    with pytest.raises(env.EnvelopeError):
        _open(SEALED[:cut])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.builds(lambda b: env.MAGIC + b, st.binary(max_size=400)))
def test_garbage_is_an_envelope_error_never_a_crash(data):
    with pytest.raises(env.EnvelopeError):
        _open(data)


def test_signed_documents_verify_only_unchanged_and_with_the_county_key():
    county = Ed25519PrivateKey.generate()
    doc = env.sign_document({"batch_id": "b-1", "accepted": [["visits", "v1", 1]]}, county)
    assert env.verify_document(doc, county.public_key())["batch_id"] == "b-1"
    changed = {"body": {**doc["body"], "accepted": []}, "signature": doc["signature"]}
    for bad in (changed, {"body": doc["body"]}, "text", {"body": [], "signature": "00"},
                {"body": doc["body"], "signature": "zz"}):
        with pytest.raises(env.EnvelopeError):
            env.verify_document(bad, county.public_key())
    with pytest.raises(env.EnvelopeError):
        env.verify_document(doc, Ed25519PrivateKey.generate().public_key())


def test_request_signatures_cover_method_path_body_and_nonce():
    path = "/api/v1/batches/b-1/parts/0"
    sig = bytes.fromhex(env.request_signature(DEVICE, "put", path, b"abc", "n1"))
    DEVICE.public_key().verify(sig, env.request_message("PUT", path, b"abc", "n1"))
    for other in (("PUT", "/api/v1/batches/b-1/parts/1", b"abc", "n1"), ("POST", path, b"abc", "n1"),
                  ("PUT", path, b"abd", "n1"), ("PUT", path, b"abc", "n2")):
        with pytest.raises(InvalidSignature):
            DEVICE.public_key().verify(sig, env.request_message(*other))


def test_keys_round_trip_as_hex():
    assert env.public_hex(env.ed25519_public(env.public_hex(DEVICE.public_key()))) == env.public_hex(DEVICE.public_key())
    assert env.public_hex(env.x25519_private(env.private_hex(COUNTY)).public_key()) == env.public_hex(COUNTY.public_key())
    assert env.public_hex(env.ed25519_private(env.private_hex(DEVICE)).public_key()) == env.public_hex(DEVICE.public_key())
    assert env.public_hex(env.x25519_public(env.public_hex(COUNTY.public_key()))) == env.public_hex(COUNTY.public_key())
