"""A county on a certificate of its own (no public CA), served by uvicorn over TLS on loopback:
the enrollment file carries the certificate's fingerprint, the device pins it, syncs through it,
and says plainly — before sending anything — when the certificate it meets is another."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from tests.support.countykit import make_store
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from servers import CountyServer, county_cli, device_cli
from sqlalchemy import select

from app.services import households, sync
from county_server import county as cty
from county_server import db

VILLAGE = "石门村"


def self_signed(folder: Path, name: str = "county.test") -> tuple[Path, Path, str]:
    """A certificate signed by its own key for a host name that is not the address used."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "county.crt", folder / "county.key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path, hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@pytest.fixture
def tls(tmp_path):
    return self_signed(tmp_path)


@pytest.fixture
def tls_server(db_url, engine, tmp_path, tls):
    s = CountyServer(db_url, tmp_path / "server.log", tls=tls[:2])
    s.start()
    try:
        yield s
    finally:
        s.stop()


def a_household(store, name: str) -> None:
    households.add_household(store, {"head_name": name, "village": VILLAGE})


def code_used(engine, code: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(db.enrollment_codes.c.used_by).where(
            db.enrollment_codes.c.code == code)).scalar() is not None


def test_a_county_on_its_own_certificate_is_pinned_and_synced_with(tls_server, tls, engine, db_url, tmp_path):
    fingerprint = tls[2]
    usb = tmp_path / "usb"
    out = county_cli(db_url, "enroll", "--village", VILLAGE, "--server", tls_server.url, "--out", usb).json
    assert out["tls_sha256"] == fingerprint            # as `serve --ssl-certfile` recorded it
    assert json.loads(Path(out["file"]).read_text("utf-8"))["tls_sha256"] == fingerprint

    # The USB route gives the pin with the county's keys; then the network, over TLS.
    store = make_store(tmp_path / "device")
    try:
        request = sync.enroll_from_file(store, out["file"], usb)["request"]
        county_cli(db_url, "import", request)
        a_household(store, "周桂兰")
        result = sync.sync(store)
        assert result["accepted"] == result["pushed"] >= 1 and result["rejected"] == 0
        assert sync.settings(store)["tls_sha256"] == fingerprint
    finally:
        store.close()

    # Over the network, with the fingerprint typed by hand (its first 16 digits): the whole is kept.
    other = make_store(tmp_path / "device2", "赵强")
    try:
        code = cty.new_code(engine, VILLAGE)["code"]
        sync.enroll(other, tls_server.url, code, fingerprint=" ".join(fingerprint[i:i + 4] for i in range(0, 16, 4)))
        assert sync.settings(other)["tls_sha256"] == fingerprint
        a_household(other, "钱多多")
        assert sync.sync(other)["accepted"] >= 1
    finally:
        other.close()


def test_a_certificate_that_is_not_the_pinned_one_is_refused_before_anything_is_sent(tls_server, engine, tmp_path):
    store = make_store(tmp_path / "device")
    code = cty.new_code(engine, VILLAGE)["code"]
    try:
        with pytest.raises(sync.SyncError, match="does not match the one pinned at enrollment"):
            sync.enroll(store, tls_server.url, code, fingerprint="ab" * 32)
        assert not code_used(engine, code)             # the one-time code never left the device
        sync.enroll(store, tls_server.url, code, fingerprint=tls_server_fingerprint(tls_server))
        a_household(store, "孙丽")
        sync.common.put(store, tls_sha256="cd" * 32)         # the county met now is not the one pinned
    finally:
        store.close()
    run = device_cli(tmp_path / "device", "sync")
    assert run.code == 2, run
    assert "does not match the one pinned at enrollment" in run.err and "nothing was sent" in run.err
    assert "Traceback" not in run.err and json.loads(run.out)["error"] == "sync"


def test_without_a_pin_a_certificate_of_its_own_is_explained(tls_server, engine, tmp_path):
    make_store(tmp_path / "device").close()
    code = cty.new_code(engine, VILLAGE)["code"]
    run = device_cli(tmp_path / "device", "enroll", "--server", tls_server.url, "--code", code)
    assert run.code == 2, run
    assert "not trusted" in run.err and "--fingerprint" in run.err and "Traceback" not in run.err
    assert not code_used(engine, code)


class OwnTransport(httpx.BaseTransport):
    """A transport of its own over the real network, as the window's: it takes TLS as the
    client pins it."""

    def __init__(self):
        self.inner, self.pinned = httpx.HTTPTransport(), None

    def pin_tls(self, context) -> None:
        self.inner.close()
        self.inner, self.pinned = httpx.HTTPTransport(verify=context), context

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_transport_of_its_own_is_pinned_too(tls_server, tls, engine, tmp_path):
    store = make_store(tmp_path / "device")
    try:
        wrong = OwnTransport()
        code = cty.new_code(engine, VILLAGE)["code"]
        with pytest.raises(sync.SyncError, match="does not match"):
            sync.enroll(store, tls_server.url, code, fingerprint="0" * 64, transport=wrong)
        assert wrong.pinned is None and not code_used(engine, code)
        right = OwnTransport()
        sync.enroll(store, tls_server.url, code, fingerprint=tls[2], transport=right)
        assert right.pinned is not None and code_used(engine, code)
        a_household(store, "吴静")
        network = OwnTransport()
        assert sync.sync(store, transport=network)["accepted"] >= 1 and network.pinned is not None
    finally:
        store.close()


def tls_server_fingerprint(server: CountyServer) -> str:
    return cty.cert_fingerprint(server.tls[0])
