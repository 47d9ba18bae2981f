"""The HTTP side of sync: a small client for the county server's API (docs/sync.md).

Every request after enrollment is signed by the device (`X-Zhucun-Device`,
`X-Zhucun-Signature` over method, path with query, the body's hash and `X-Zhucun-Nonce`, a
single-use nonce the county issued: the first from `POST /nonce`, each next one in the last
answer, so a captured request cannot be sent again and no clock needs to agree). A request that fails
on the way (no route, timeout, a 5xx from a proxy) is tried again a few times with a short
pause, then given up with a SyncError naming the step: the next sync resumes, nothing loops
forever. Answers the county gives on purpose (4xx) go back to the caller, except the ones
every step treats alike: 401 (device unknown), 403 (revoked).

The transport can be replaced (`httpx.MockTransport`, `httpx.ASGITransport` around the county
app) so the whole exchange runs in tests without a network.
"""
from __future__ import annotations

import hashlib
import json
import re
import ssl
import time
from urllib.parse import urlsplit

import httpx

from app.core.errors import ValidationError, ZhucunError

from . import envelope

TIMEOUT = httpx.Timeout(60.0, connect=15.0)
ATTEMPTS = 3
BACKOFF = (1.0, 3.0)  # seconds before the 2nd and 3rd attempt
RETRY_STATUS = {500, 502, 503, 504}
NONCE_HEADER = "X-Zhucun-Nonce"
MIN_PIN = 16          # hex digits of a certificate fingerprint typed by hand (the file carries all 64)
NO_CHECK_TIME = 0x200000  # X509_V_FLAG_NO_CHECK_TIME: a village laptop's clock does not judge the pin


class SyncError(ZhucunError):
    """Sync could not finish a step: the county is not reachable, refused, or its answer is not
    what the protocol says. Nothing local was marked as sent; the next sync resumes."""

    def __init__(self, message: str, step: str = "", status: int | None = None, detail=None):
        self.step = step
        self.status = status
        self.detail = detail
        super().__init__(message)

    def as_dict(self) -> dict:
        return {"error": "sync", "step": self.step, "status": self.status, "message": str(self)}


def normalize_pin(text) -> str | None:
    """A certificate's SHA-256 as hex digits (colons and spaces dropped), or None when it cannot
    be one: all 64 digits, or at least the first 16 typed by hand."""
    if not isinstance(text, str):
        return None
    pin = re.sub(r"[\s:]", "", text).lower()
    return pin if MIN_PIN <= len(pin) <= 64 and re.fullmatch(r"[0-9a-f]+", pin) else None


def pinned_context(der: bytes) -> ssl.SSLContext:
    """TLS that trusts exactly this certificate: no public CA, no host name, no clock."""
    ctx = ssl.create_default_context(cadata=ssl.DER_cert_to_PEM_cert(der))
    ctx.check_hostname = False
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | NO_CHECK_TIME
    return ctx


class CountyClient:
    def __init__(self, base_url: str, *, device_id: str | None = None, device_key=None,
                 transport: httpx.BaseTransport | None = None, timeout=TIMEOUT,
                 attempts: int = ATTEMPTS, backoff=BACKOFF, sleep=time.sleep, pin: str | None = None):
        if not base_url or not str(base_url).startswith(("http://", "https://")):
            raise ValidationError("--server", "an http:// or https:// URL",
                                  f"--server: 服务器地址应以 http:// 或 https:// 开头 (must start with http:// or"
                                  f" https://): {base_url}")
        self.base_url = str(base_url).rstrip("/")
        self.device_id = device_id
        self.device_key = device_key
        self.attempts = max(1, attempts)
        self.backoff = tuple(backoff)
        self.sleep = sleep
        self.nonce: str | None = None   # the county's nonce for the next signed request
        self.timeout = timeout
        # The county's certificate fingerprint pinned at enrollment (https only; a test's
        # in-memory transport has no TLS): checked before the first byte of a request leaves.
        # A transport of its own (the window's) takes the pinned certificate through `pin_tls`.
        self.transport = transport
        tls_here = transport is None or hasattr(transport, "pin_tls")
        self.pin = normalize_pin(pin) if pin and tls_here and self.base_url.startswith("https://") else None
        self.certificate: str | None = None   # the SHA-256 of the certificate the county showed
        self.http = self._client(transport, True)

    def _client(self, transport, verify) -> httpx.Client:
        return httpx.Client(transport=transport, timeout=self.timeout, follow_redirects=False, verify=verify,
                            headers={"User-Agent": "zhucun-device/1"})

    def _pin_certificate(self, step: str) -> None:
        """Fetch the county's certificate, compare it with the pin, and from then on trust that
        certificate alone. A mismatch is said plainly and nothing is sent."""
        parts = urlsplit(self.base_url)
        connect = self.timeout.connect if isinstance(self.timeout, httpx.Timeout) else 15
        pem = ssl.get_server_certificate((parts.hostname, parts.port or 443), timeout=connect or 15)
        der = ssl.PEM_cert_to_DER_cert(pem)
        seen = hashlib.sha256(der).hexdigest()
        if not seen.startswith(self.pin):
            raise SyncError(f"县服务器的证书与登记时的不符，未发送任何数据 (the county's certificate does not match the"
                            f" one pinned at enrollment; nothing was sent): 应为 (expected) {_groups(self.pin)}，"
                            f"实为 (got) {_groups(seen)} — 若县里换了证书，请用新的登记文件重新登记 (if the county"
                            f" changed its certificate, enroll again with its new enrollment file)", step)
        if self.transport is not None:
            self.transport.pin_tls(pinned_context(der))
        else:
            self.http.close()
            self.http = self._client(None, pinned_context(der))
        self.certificate, self.pin = seen, None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CountyClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests ----------------------------------------------------------
    def request(self, method: str, path: str, *, json_body=None, content: bytes | None = None,
                headers: dict | None = None, step: str, signed: bool = True) -> httpx.Response:
        """One request, retried on network failures and 5xx; 401/403 raise, other answers return."""
        headers = dict(headers or {})
        if json_body is not None:
            content = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        body = content or b""
        if signed and (self.device_key is None or not self.device_id):
            raise SyncError("本机尚未登记 (this device is not enrolled): zhucun enroll", step)
        last_problem, failures, nonce_retried = "", 0, False
        while failures < self.attempts:
            if failures:
                self.sleep(self.backoff[min(failures - 1, len(self.backoff) - 1)] if self.backoff else 0)
            failures += 1
            try:
                if self.pin:
                    self._pin_certificate(step)
                request = self.http.build_request(method, self.base_url + path, content=body, headers=headers)
                if signed:
                    self._sign(request, method, body, step)
                response = self.http.send(request)
            except httpx.TransportError as e:
                if "CERTIFICATE_VERIFY_FAILED" in str(e):
                    raise SyncError(f"此电脑不信任县服务器的证书 (the county's certificate at {self.base_url} is not"
                                    " trusted here: a certificate of its own, not from a public CA) — 请用县里的登记文件"
                                    "登记，或在登记时给出证书指纹 (enroll with the county's enrollment file, or give"
                                    " --fingerprint when enrolling)", step) from None
                last_problem = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                continue
            except OSError as e:  # fetching the certificate to compare with the pin
                last_problem = f"{type(e).__name__}: {e}"
                continue
            if signed:
                self.nonce = response.headers.get(NONCE_HEADER)
            if response.status_code in RETRY_STATUS:
                last_problem = f"HTTP {response.status_code}"
                continue
            if signed and response.status_code == 401 and not nonce_retried and _about_nonce(response):
                nonce_retried, failures = True, failures - 1  # used on a try that was cut: a new one, at once
                continue
            self._check_access(response, step)
            return response
        raise SyncError(f"县服务器连不上 (county not reachable) at {self.base_url} — {step}: {last_problem}"
                        f"；下次同步会接着传 (the next sync resumes)", step)

    def _sign(self, request: httpx.Request, method: str, body: bytes, step: str) -> None:
        """Sign with the county's nonce for this request (asked for when the last answer had none);
        a nonce is used once, whatever becomes of the request."""
        if self.nonce is None:
            response = self.http.post(self.base_url + "/api/v1/nonce", headers={"X-Zhucun-Device": self.device_id})
            if response.status_code in RETRY_STATUS:
                raise httpx.TransportError(f"HTTP {response.status_code} (nonce)")
            self._check_access(response, step)
            data = parse_json(response, step)
            if response.status_code != 200 or not isinstance(data, dict) or not isinstance(data.get("nonce"), str):
                raise SyncError(f"县服务器的回答不对 (unexpected answer from the county: HTTP {response.status_code})"
                                f" — {step} (nonce)", step, response.status_code)
            self.nonce = data["nonce"]
        nonce, self.nonce = self.nonce, None
        request.headers["X-Zhucun-Device"] = self.device_id
        request.headers[NONCE_HEADER] = nonce
        request.headers["X-Zhucun-Signature"] = envelope.request_signature(
            self.device_key, method, request.url.raw_path.decode("ascii"), body, nonce)

    def _check_access(self, response: httpx.Response, step: str) -> None:
        if response.status_code == 401:
            raise SyncError("县服务器不认识本机或签名不对 (refused: device unknown to the county or bad request"
                            f" signature — enroll again) — {step}", step, 401, detail_of(response))
        if response.status_code == 403:
            raise SyncError("本机已被县里停用 (revoked: the county no longer accepts this device)",
                            step, 403, detail_of(response))

    def get_json(self, path: str, *, step: str, signed: bool = True) -> tuple[int, object]:
        response = self.request("GET", path, step=step, signed=signed)
        return response.status_code, parse_json(response, step)

    def post_json(self, path: str, body: dict | None = None, *, step: str, signed: bool = True) -> tuple[int, object]:
        response = self.request("POST", path, json_body=body if body is not None else {}, step=step, signed=signed)
        return response.status_code, parse_json(response, step)

    def put_bytes(self, path: str, content: bytes, headers: dict, *, step: str) -> tuple[int, object]:
        response = self.request("PUT", path, content=content, headers={
            "Content-Type": "application/octet-stream", **headers}, step=step)
        return response.status_code, parse_json(response, step)


def parse_json(response: httpx.Response, step: str):
    """The answer's JSON; anything else (a captive portal's page, a proxy's error) is not the county."""
    try:
        return response.json()
    except (ValueError, UnicodeDecodeError):
        kind = response.headers.get("content-type", "?").split(";")[0]
        raise SyncError(f"回答不是县服务器的 (the answer is not from the county server: HTTP {response.status_code},"
                        f" {kind}) — {step}", step, response.status_code) from None


def _groups(hexdigits: str) -> str:
    return ":".join(hexdigits[i:i + 4] for i in range(0, min(len(hexdigits), 32), 4)) + (
        "…" if len(hexdigits) > 32 else "")


def _about_nonce(response: httpx.Response) -> bool:
    detail = detail_of(response)
    return isinstance(detail, str) and detail.startswith("nonce")


def detail_of(response: httpx.Response):
    try:
        data = response.json()
    except (ValueError, UnicodeDecodeError):
        return response.text[:200]
    return data.get("detail", data) if isinstance(data, dict) else data
