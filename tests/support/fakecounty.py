"""A small county server that speaks docs/sync.md, in memory, behind `httpx.MockTransport`
(or a loopback HTTP server for the CLI tests). It checks what a real county checks (request
signatures, part hashes, the envelope, the audit chain, each record against its audit entry)
and lets a test cut the connection, refuse, or answer wrongly at any step."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.hlc import Clock
from app.storage.audit import GENESIS, entry_hash, record_hash
from app.storage.records import utc_now
from app.sync import envelope

VILLAGE = "紫荆村"
TOWNSHIP = "城关镇"


def county_hlc(offset_ms: int = 0) -> str:
    """A county clock reading `offset_ms` from now."""
    return f"{int(time.time() * 1000) + offset_ms:015d}-00000-county"


class FakeCounty:
    def __init__(self, village: str = VILLAGE, township: str = TOWNSHIP):
        self.sign_key = Ed25519PrivateKey.generate()
        self.hpke_key = X25519PrivateKey.generate()
        self.county_id = "430521"
        self.name = "示范县"
        self.village, self.township = village, township
        self.codes: dict[str, dict] = {}
        self.devices: dict[str, dict] = {}
        self.batches: dict[str, dict] = {}
        self.publications: list[dict] = []
        self.records: dict[tuple[str, str], dict] = {}
        self.reject = lambda item: None      # a record's reason for refusal, or None
        self.fault = None                     # fault(request) -> Response | None, may raise
        self.log: list[tuple[str, str]] = []
        self.clock = Clock("county")
        self.nonces: dict[str, str] = {}      # nonce -> device id, single use

    # -- administration ----------------------------------------------------------
    def new_code(self, village: str | None = None) -> str:
        raw = secrets.token_hex(6).upper()
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        self.codes[code] = {"village": village or self.village, "used_by": None}
        return code

    def enrollment_file(self, code: str, server: str | None = None) -> dict:
        return {"code": code, "county_id": self.county_id, "county_name": self.name,
                "sign_key": envelope.public_hex(self.sign_key.public_key()),
                "hpke_key": envelope.public_hex(self.hpke_key.public_key()),
                "village": self.codes[code]["village"], "township": self.township, "server": server}

    def import_enroll_request(self, req: dict) -> None:
        fields = {k: v for k, v in req.items() if k != "signature"}
        from app.core import canonical
        envelope.ed25519_public(req["device_key"]).verify(bytes.fromhex(req["signature"]), canonical.encode(fields))
        self._bind(fields)

    def publish(self, kind: str, data: dict, village: str | None = VILLAGE, key=None) -> dict:
        body = {"seq": len(self.publications) + 1, "kind": kind, "published_at": utc_now(),
                "village": village, "data": data}
        doc = envelope.sign_document(body, key or self.sign_key)
        self.publications.append(doc)
        return doc

    def roster(self, household_id: str, changes: dict, hlc: str | None = None) -> dict:
        return self.publish("roster", {"household_id": household_id, "changes": changes,
                                       "hlc": hlc or self.clock.now()})

    def receipt(self, body: dict, key=None) -> dict:
        return envelope.sign_document(body, key or self.sign_key)

    # -- the USB stick -------------------------------------------------------------
    def import_file(self, path) -> dict:
        """`zhucun-county import FILE.zhb`: ingest, write FILE.receipt.json."""
        from pathlib import Path
        path = Path(path)
        data = path.read_bytes()
        header = envelope.read_header(data)
        receipt = self._ingest(header.batch_id, header.device_id, data)
        village = self.devices[header.device_id]["village"]
        pubs = [d for d in self.publications if d["body"]["village"] in (None, village)]
        out = path.with_name(path.name + ".receipt.json") if not path.name.endswith(".zhb") \
            else path.with_name(path.name[:-4] + ".receipt.json")
        out.write_text(json.dumps({"receipt": receipt, "publications": pubs}, ensure_ascii=False), "utf-8")
        return {"receipt": receipt, "file": out}

    # -- HTTP ----------------------------------------------------------------------------
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p in self.log if m == method and re.search(pattern, p))

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode("ascii")
        if path == "/api/v1/nonce" and request.method == "POST":  # not a step of the protocol: not logged
            device_id = request.headers.get("X-Zhucun-Device", "")
            if device_id not in self.devices:
                return _json(401, {"detail": "unknown device"})
            return _json(200, {"nonce": self._nonce(device_id), "expires_in": 600})
        self.log.append((request.method, path))
        if self.fault is not None:
            answer = self.fault(request)
            if answer is not None:
                return answer
        body = request.content
        if path == "/api/v1/enroll" and request.method == "POST":
            return self._enroll(json.loads(body))
        device = self._authenticate(request, path, body)
        if isinstance(device, httpx.Response):
            return device
        response = self._answer(request, path, body, device)
        response.headers["X-Zhucun-Nonce"] = self._nonce(device["id"])
        return response

    def _nonce(self, device_id: str) -> str:
        nonce = secrets.token_hex(8)
        self.nonces[nonce] = device_id
        return nonce

    def _answer(self, request, path, body, device) -> httpx.Response:
        m = re.fullmatch(r"/api/v1/batches/([^/]+)(/parts/(\d+)|/commit|/receipt)?", path.split("?")[0])
        if m and request.method == "POST" and m.group(2) is None:
            return self._declare(device, m.group(1), json.loads(body))
        if m and request.method == "PUT" and m.group(3) is not None:
            return self._part(device, m.group(1), int(m.group(3)), body, request.headers.get("X-Part-SHA256"))
        if m and request.method == "POST" and m.group(2) == "/commit":
            return self._commit(device, m.group(1))
        if m and request.method == "GET" and m.group(2) == "/receipt":
            b = self.batches.get(m.group(1))
            return _json(200, {"receipt": b["receipt"]}) if b and b.get("receipt") else _json(404, {"detail": "no"})
        if path.startswith("/api/v1/publications") and request.method == "GET":
            after = int(parse_qs(request.url.query.decode()).get("after", ["0"])[0])
            items = [d for d in self.publications if d["body"]["seq"] > after
                     and d["body"]["village"] in (None, device["village"])]
            return _json(200, {"items": items, "last": max(len(self.publications), after)})
        return _json(404, {"detail": "not found"})

    def _enroll(self, req: dict) -> httpx.Response:
        code = self.codes.get(req.get("code"))
        if code is None:
            return _json(404, {"detail": "no such code"})
        if code["used_by"] not in (None, req["device_id"]):
            return _json(410, {"detail": "used"})
        known = self.devices.get(req["device_id"])
        if known and known["key"] != req["device_key"]:
            return _json(409, {"detail": "another key"})
        self._bind(req)
        return _json(200, {"county_id": self.county_id, "county_name": self.name,
                           "sign_key": envelope.public_hex(self.sign_key.public_key()),
                           "hpke_key": envelope.public_hex(self.hpke_key.public_key()),
                           "village": code["village"], "township": self.township, "device_id": req["device_id"]})

    def _bind(self, req: dict) -> None:
        code = self.codes[req["code"]]
        code["used_by"] = req["device_id"]
        self.devices.setdefault(req["device_id"], {
            "key": req["device_key"], "store_id": req["store_id"], "village": code["village"],
            "revoked": False, "head": GENESIS, "seq": 0})

    def _authenticate(self, request, path, body):
        device = self.devices.get(request.headers.get("X-Zhucun-Device", ""))
        if device is None:
            return _json(401, {"detail": "unknown device"})
        nonce = request.headers.get("X-Zhucun-Nonce", "")
        try:
            envelope.ed25519_public(device["key"]).verify(
                bytes.fromhex(request.headers.get("X-Zhucun-Signature", "")),
                envelope.request_message(request.method, path, body, nonce))
        except (InvalidSignature, ValueError):
            return _json(401, {"detail": "bad signature"})
        if self.nonces.pop(nonce, None) != request.headers["X-Zhucun-Device"]:
            return _json(401, {"detail": "nonce: not issued, or used"})
        if device["revoked"]:
            return _json(403, {"detail": "revoked"})
        return {**device, "id": request.headers["X-Zhucun-Device"]}

    def _declare(self, device, batch_id, req) -> httpx.Response:
        b = self.batches.get(batch_id)
        if b is not None:
            if b["sha256"] != req["sha256"]:
                return _json(409, {"detail": "another hash"})
            if b.get("receipt"):
                receipt = dict(b["receipt"]["body"], duplicate=True)
                return _json(200, {"state": "done", "receipt": self.receipt(receipt)})
            return _json(200, {"state": "receiving", "have": sorted(b["have"])})
        self.batches[batch_id] = {**req, "have": {}, "receipt": None, "device": device["id"]}
        return _json(200, {"state": "receiving", "have": []})

    def _part(self, device, batch_id, n, content, digest) -> httpx.Response:
        b = self.batches.get(batch_id)
        if b is None:
            return _json(404, {"detail": "declare first"})
        if hashlib.sha256(content).hexdigest() != digest:
            return _json(400, {"detail": "part hash"})
        b["have"][n] = content
        return _json(200, {"part": n, "have": sorted(b["have"])})

    def _commit(self, device, batch_id) -> httpx.Response:
        b = self.batches.get(batch_id)
        if b is None:
            return _json(404, {"detail": "declare first"})
        if b.get("receipt"):
            return _json(200, {"receipt": self.receipt(dict(b["receipt"]["body"], duplicate=True))})
        missing = [n for n in range(b["parts"]) if n not in b["have"]]
        if missing:
            return _json(400, {"missing": missing})
        data = b"".join(b["have"][n] for n in range(b["parts"]))
        if hashlib.sha256(data).hexdigest() != b["sha256"]:
            b["have"].clear()
            return _json(400, {"missing": list(range(b["parts"]))})
        try:
            receipt = self._ingest(batch_id, device["id"], data)
        except Refused as e:
            return _json(422, {"detail": str(e)})
        return _json(200, {"receipt": receipt})

    # -- ingest ---------------------------------------------------------------------------
    def _ingest(self, batch_id: str, sender: str, data: bytes) -> dict:
        digest = hashlib.sha256(data).hexdigest()
        known = self.batches.get(batch_id)
        if known and known.get("receipt"):
            return self.receipt(dict(known["receipt"]["body"], duplicate=True))
        device = self.devices.get(sender)
        if device is None or device["revoked"]:
            raise Refused("unknown or revoked device")
        try:
            header, batch = envelope.open_envelope(data, county_key=self.hpke_key,
                                                   device_key=envelope.ed25519_public(device["key"]))
        except envelope.EnvelopeError as e:
            raise Refused(f"envelope: {e}") from None
        if header.device_id != sender or header.batch_id != batch_id:
            raise Refused("sent by another device or under another id")
        prev = batch["audit"]["prev"]
        if prev != device["head"]:
            raise Refused("audit chain: does not continue from the last batch")
        last = {}
        for e in batch["audit"]["entries"]:
            if e["prev_hash"] != prev or entry_hash(e) != e["hash"]:
                raise Refused(f"audit chain: entry {e['seq']} broken")
            prev = e["hash"]
            last[(e["tbl"], e["record_id"])] = e
        accepted, rejected = [], []
        for item in batch["records"]:
            entry = last.get((item["tbl"], item["id"]))
            why = None
            if entry is None or entry["record_hash"] != record_hash(item["data"]):
                why = "record_hash: the record does not match its audit entry"
            why = why or self.reject(item)
            if why:
                rejected.append({"tbl": item["tbl"], "id": item["id"], "revision": item["revision"], "reason": why})
            else:
                accepted.append([item["tbl"], item["id"], item["revision"]])
                self.records[(item["tbl"], item["id"])] = item["data"]
        if batch["audit"]["entries"]:
            device["head"] = prev
            self.devices[sender]["head"] = prev
        self.clock.receive(max((e["hlc"] for e in batch["audit"]["entries"]), default=self.clock.now()))
        receipt = self.receipt({"batch_id": batch_id, "device_id": sender, "content_hash": digest,
                                "received_at": utc_now(), "duplicate": False, "accepted": accepted,
                                "rejected": rejected, "audit_head": prev})
        self.batches.setdefault(batch_id, {"sha256": digest, "parts": 1, "have": {}, "device": sender})
        self.batches[batch_id]["receipt"] = receipt
        return receipt


class Refused(Exception):
    pass


def _json(status: int, data) -> httpx.Response:
    return httpx.Response(status, json=data)


# -- a loopback HTTP server around the fake county, for the CLI run as a subprocess ----------------
class LoopbackServer:
    def __init__(self, county: FakeCounty):
        self.county = county
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                request = httpx.Request(self.command, f"http://county{self.path}", headers=dict(self.headers.items()),
                                        content=body)
                response = outer.county.handle(request)
                payload = response.content
                self.send_response(response.status_code)
                self.send_header("Content-Type", response.headers.get("content-type", "application/json"))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
