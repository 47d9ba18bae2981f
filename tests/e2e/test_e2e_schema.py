"""schemathesis against the running county server's own OpenAPI document: every operation,
with inputs generated from the document (valid ones and invalid ones), signed as an enrolled
device so the generated requests reach the handlers past the signature check. The one check:
no input gets a 5xx."""
from __future__ import annotations

import hashlib

import httpx
import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from app.services import sync  # noqa: E402
from app.sync import envelope  # noqa: E402

EXAMPLES = {GenerationMode.POSITIVE: 50, GenerationMode.NEGATIVE: 25}
OPERATIONS = {"GET /api/v1/health", "POST /api/v1/enroll", "POST /api/v1/nonce", "POST /api/v1/batches/{batch_id}",
              "PUT /api/v1/batches/{batch_id}/parts/{n}", "POST /api/v1/batches/{batch_id}/commit",
              "GET /api/v1/batches/{batch_id}/receipt", "GET /api/v1/publications", "GET /api/v1/records"}
CODE_PATTERN = r"^[ -]*(?:[A-HJ-NP-Za-hj-np-z2-9][ -]*){12}$"
PRINTED_CODE = r"^[A-HJ-NP-Za-hj-np-z2-9]{4}-[A-HJ-NP-Za-hj-np-z2-9]{4}-[A-HJ-NP-Za-hj-np-z2-9]{4}$"


class DeviceSignature(requests.auth.AuthBase):
    """Signs each request as it leaves, over what is really sent: the method, the path with its
    query as written on the wire, the body's bytes and a nonce the county issued for it
    (docs/sync.md, "Requests")."""

    def __init__(self, device_id: str, key, url: str):
        self.device_id, self.key, self.url = device_id, key, url
        self.parts = 0

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = r.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):  # a generator or file: read once, send the same bytes
            body = b"".join(body)
            r.body = body
        if r.method == "PUT" and "X-Part-SHA256" in r.headers:
            # Every other part carries its true hash, so the handler goes on to its other checks.
            self.parts += 1
            if self.parts % 2:
                r.headers["X-Part-SHA256"] = hashlib.sha256(body).hexdigest()
        r.headers["X-Zhucun-Device"] = self.device_id
        if r.path_url.startswith("/api/v1/nonce"):  # asks for a nonce: nothing to sign
            return r
        nonce = httpx.post(self.url + "/api/v1/nonce", headers={"X-Zhucun-Device": self.device_id}).json()["nonce"]
        r.headers["X-Zhucun-Nonce"] = nonce
        r.headers["X-Zhucun-Signature"] = envelope.request_signature(self.key, r.method, r.path_url, body, nonce)
        return r


def _document(url: str) -> dict:
    """The server's OpenAPI document, as it serves it, with one change for generating inputs:
    the enrollment code's pattern admits any number of blanks and dashes between its 12
    characters within 20, which Hypothesis can only meet by filtering (a handful of examples in
    tens of seconds); valid codes are generated in the shape the county prints instead. Invalid
    ones still come from the negative mode against the same rules."""
    doc = httpx.get(url + "/openapi.json", timeout=30).json()
    code = doc["components"]["schemas"]["EnrollRequest"]["properties"]["code"]
    assert code["pattern"] == CODE_PATTERN, code
    code["pattern"] = PRINTED_CODE
    return doc


def _batches_to_find(store, url: str) -> None:
    """A few batches the device has declared under short ids, which generated ids often are, so
    that parts, commits and receipts meet a batch that exists, not only a 404."""
    with sync.client_for(store, url) as client:
        for batch_id in ("0", "A", "a", "00"):
            code, _ = client.post_json(f"/api/v1/batches/{batch_id}", {
                "size": 10, "sha256": hashlib.sha256(batch_id.encode()).hexdigest(), "part_size": 4, "parts": 3},
                step="declare")
            assert code == 200


def test_no_input_gets_a_server_error(enrolled, server):
    store = enrolled
    _batches_to_find(store, server.url)
    signer = DeviceSignature(store.device_id, envelope.ed25519_private(sync.settings(store)["device_key"]), server.url)
    schema = schemathesis.openapi.from_dict(_document(server.url))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} == OPERATIONS
    calls: dict[str, int] = {}
    session = requests.Session()

    for operation in operations:
        for mode, examples in EXAMPLES.items():
            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                response = case.call(base_url=server.url, session=session, auth=signer, timeout=30)
                label = f"{operation.method.upper()} {operation.path} {response.status_code}"
                calls[label] = calls.get(label, 0) + 1
                case.validate_response(response, checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (GET /health takes no input)
                assert mode is GenerationMode.NEGATIVE and not operation.query and not operation.body
    session.close()
    # The signature was right: the handlers were reached, not only the 401 of the check.
    reached = {label.rsplit(" ", 1)[0] for label, n in calls.items() if not label.endswith((" 401", " 403"))}
    assert reached == OPERATIONS, sorted(calls)
    # A part with the right hash goes through to the batch it belongs to (generated parts seldom
    # carry a matching hash, so this one is sent by hand).
    with sync.client_for(store, server.url) as client:
        part = b"abcd"  # part 0 of the batch "0" declared above: 10 bytes in parts of 4
        code, answer = client.put_bytes("/api/v1/batches/0/parts/0", part,
                                        {"X-Part-SHA256": hashlib.sha256(part).hexdigest()}, step="part")
    assert code == 200 and 0 in answer["have"], (code, answer)
