"""The county's HTTP API (docs/sync.md): enrollment, batches uploaded in parts, receipts and
publications. Every request after enrollment is signed by the device; every input is checked
and answered with a 4xx naming what is wrong, never a 5xx.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.core.errors import ValidationError
from app.storage.records import utc_now
from app.sync import envelope

from . import console
from . import county as cty
from . import db, ratelimit
from .ingest import Conflict, Refused, duplicate_receipt, ingest

API = "/api/v1"
MAX_PART = 8 * 2**20
MAX_PARTS = 100_000
MAX_BATCH = 512 * 2**20
MAX_REQUEST = MAX_PART + 64 * 1024   # the largest body any request may carry
NONCE_HEADER = b"x-zhucun-nonce"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
HEX64 = r"^[0-9a-f]{64}$"
CODE_PATTERN = r"^[ -]*(?:[A-HJ-NP-Za-hj-np-z2-9][ -]*){12}$"

BatchId = Annotated[str, Path(min_length=1, max_length=64, pattern=ID_PATTERN,
                              description="the batch id the device chose (letters, digits, . _ -)")]


# -- bodies ------------------------------------------------------------------------------------
class Problem(BaseModel):
    detail: str | list[Any] = Field(description="what is wrong")


class MissingParts(BaseModel):
    detail: str
    missing: list[int] = Field(description="the part numbers the county does not have yet")


class SignedDocument(BaseModel):
    """A receipt or publication: `body` signed by the county's Ed25519 key (hex), over the
    canonical JSON of the body."""
    body: dict[str, Any]
    signature: str


class Health(BaseModel):
    status: Literal["ok"]
    county_id: str
    county_name: str
    time: str


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str = Field(min_length=12, max_length=20, pattern=CODE_PATTERN,
                      description="XXXX-XXXX-XXXX (letters but I and O, digits 2-9)")
    device_id: str = Field(pattern=ID_PATTERN, max_length=64)
    store_id: str = Field(pattern=ID_PATTERN, max_length=64)
    device_key: str = Field(pattern=HEX64, description="the device's Ed25519 public key, hex")
    label: str | None = Field(default=None, max_length=100)


class EnrollAnswer(BaseModel):
    county_id: str
    county_name: str
    sign_key: str
    hpke_key: str
    village: str
    township: str | None
    device_id: str


class BatchStart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    size: int = Field(ge=1, le=MAX_BATCH, description="bytes of the whole envelope")
    sha256: str = Field(pattern=HEX64, description="SHA-256 of the whole envelope, hex")
    part_size: int = Field(ge=1, le=MAX_PART, description="bytes of every part but the last")
    parts: int = Field(ge=1, le=MAX_PARTS)

    @model_validator(mode="after")
    def _parts_cover_size(self):
        if self.parts != -(-self.size // self.part_size):
            raise ValueError("parts must be ceil(size / part_size)")
        return self


class BatchState(BaseModel):
    state: Literal["receiving", "done"]
    have: list[int] | None = None
    receipt: SignedDocument | None = None


class PartAnswer(BaseModel):
    part: int
    have: list[int]


class NonceAnswer(BaseModel):
    nonce: str = Field(description="single use, for the device's next signed request (X-Zhucun-Nonce)")
    expires_in: int = Field(description="seconds, by the county's clock")


class ReceiptAnswer(BaseModel):
    receipt: SignedDocument


class Publications(BaseModel):
    items: list[SignedDocument]
    last: int


ERRORS = {400: {"model": Problem}, 401: {"model": Problem}, 403: {"model": Problem},
          404: {"model": Problem}, 409: {"model": Problem}, 410: {"model": Problem},
          413: {"model": Problem}, 422: {"model": Problem}, 429: {"model": Problem}}


def _errors(*codes: int) -> dict:
    return {c: ERRORS[c] for c in codes}


# -- the size of what comes in --------------------------------------------------------------------
class BodyLimit:
    """Reads each request body up to `limit` bytes, answering 413 beyond it, and hands the
    application the whole body (a part is at most 8 MiB)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _too_large(send)
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.limit:
                return await _too_large(send)
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body, given = b"".join(chunks), False

        async def replay():
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()
        await self.app(scope, replay, send)


class NextNonce:
    """Hands the device the nonce for its next signed request in every answer (X-Zhucun-Nonce),
    refusals included, so a sync asks for one only at its start."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            nonce = (scope.get("state") or {}).get("next_nonce")
            if message["type"] == "http.response.start" and nonce:
                message = {**message, "headers": [*message.get("headers", []), (NONCE_HEADER, nonce.encode())]}
            await send(message)
        await self.app(scope, receive, sending)


async def _too_large(send):
    payload = json.dumps({"detail": "request body too large (at most 8 MiB a part)"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


# -- the device behind a request --------------------------------------------------------------------
@dataclass(frozen=True)
class Device:
    device_id: str
    village: str
    body: bytes


def signed_path(request: Request) -> str:
    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    query = request.scope.get("query_string") or b""
    return raw.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")


async def device(request: Request,
                 x_zhucun_device: Annotated[str | None, Header(description="the device id")] = None,
                 x_zhucun_nonce: Annotated[str | None, Header(
                     description="the single-use nonce the county issued (POST /nonce, or its last answer)")] = None,
                 x_zhucun_signature: Annotated[str | None, Header(
                     description="hex Ed25519 of METHOD\\nPATH_WITH_QUERY\\nsha256hex(BODY)\\nNONCE")] = None) -> Device:
    """The enrolled device that signed this request with a fresh nonce: 401 unknown, bad
    signature or a nonce not issued, used or expired (a replay); 403 revoked."""
    body = await request.body()
    if not x_zhucun_device or not x_zhucun_signature or not x_zhucun_nonce or len(x_zhucun_device) > 64 \
            or len(x_zhucun_signature) != 128 or len(x_zhucun_nonce) > 64:
        raise HTTPException(401, "X-Zhucun-Device, X-Zhucun-Nonce and X-Zhucun-Signature required")
    engine = request.app.state.engine

    def lookup():
        with db.reading(engine) as conn:
            return cty.device_row(conn, x_zhucun_device)
    row = await run_in_threadpool(lookup)
    if row is None:
        raise HTTPException(401, "unknown device")
    try:
        envelope.ed25519_public(row["public_key"]).verify(bytes.fromhex(x_zhucun_signature), envelope.request_message(
            request.method, signed_path(request), body, x_zhucun_nonce))
    except (InvalidSignature, ValueError):
        raise HTTPException(401, "request signature does not verify") from None
    if row["revoked_at"] is not None:
        raise HTTPException(403, "device revoked")

    def fresh():
        with db.unsynced(engine) as conn:
            used = cty.use_nonce(conn, row["device_id"], x_zhucun_nonce)
            request.state.next_nonce = cty.issue_nonce(conn, row["device_id"])
            return used
    if not await run_in_threadpool(fresh):
        raise HTTPException(401, "nonce: not issued to this device, used already or expired (a request is"
                                 " sent once: sign it again with the nonce in this answer)")
    return Device(device_id=row["device_id"], village=row["village"], body=body)


Auth = Annotated[Device, Depends(device)]


def create_app(db_url: str) -> FastAPI:
    engine = db.make_engine(db_url)
    app = FastAPI(title="Zhucun county server", version="1",
                  description="Sync for village work teams: enrollment, batches in parts, receipts,"
                              " publications (docs/sync.md).")
    app.state.engine = engine
    app.state.enroll_attempts = attempts = ratelimit.Attempts()
    app.add_middleware(BodyLimit, limit=MAX_REQUEST)
    app.add_middleware(NextNonce)

    @app.exception_handler(cty.NotInitialised)
    async def _not_initialised(_request, exc):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.get(f"{API}/health", response_model=Health, tags=["server"])
    def health():
        c = cty.load_county(engine)
        return {"status": "ok", "county_id": c.id, "county_name": c.name, "time": utc_now()}

    @app.post(f"{API}/nonce", response_model=NonceAnswer, tags=["requests"], responses=_errors(401, 403))
    def nonce(request: Request, x_zhucun_device: Annotated[str | None, Header(description="the device id")] = None):
        """A nonce for the device's first signed request (each answer then carries the next)."""
        with db.unsynced(engine) as conn:
            row = cty.device_row(conn, x_zhucun_device) if x_zhucun_device and len(x_zhucun_device) <= 64 else None
            if row is None:
                raise HTTPException(401, "unknown device")
            if row["revoked_at"] is not None:
                raise HTTPException(403, "device revoked")
            value = cty.issue_nonce(conn, row["device_id"])
        request.state.next_nonce = value
        return {"nonce": value, "expires_in": cty.NONCE_SECONDS}

    @app.post(f"{API}/enroll", response_model=EnrollAnswer, tags=["enrollment"],
              responses=_errors(400, 404, 409, 410, 413, 422, 429))
    def enroll(req: EnrollRequest, request: Request):
        client = request.client.host if request.client else "-"
        wait = attempts.wait(client)
        if wait:
            raise HTTPException(429, f"too many wrong enrollment codes: try again in {wait} s",
                                headers={"Retry-After": str(wait)})
        try:
            return cty.enroll_device(engine, req.model_dump())
        except cty.EnrollmentRefused as e:
            attempts.failed(client)
            raise HTTPException(e.status, str(e)) from None
        except ValidationError as e:
            raise HTTPException(422, str(e)) from None

    @app.post(f"{API}/batches/{{batch_id}}", response_model=BatchState, response_model_exclude_none=True,
              tags=["batches"], responses=_errors(400, 401, 403, 409, 413, 422))
    def start_batch(batch_id: BatchId, req: BatchStart, dev: Auth):
        c = cty.load_county(engine)
        try:
            with engine.begin() as conn:
                db.lock_device(conn, dev.device_id)
                row = _batch(conn, dev.device_id, batch_id)
                if row is not None:
                    if row["sha256"] != req.sha256:
                        raise HTTPException(409, f"batch {batch_id} is known with other content")
                    if row["state"] == "done":
                        return {"state": "done", "receipt": duplicate_receipt(row["receipt"], c.sign_key)}
                    declared = (row["size"], row["part_size"], row["parts"])
                    if row["state"] == "refused" or declared != (req.size, req.part_size, req.parts):
                        conn.execute(delete(db.batch_parts).where(*_parts_of(dev.device_id, batch_id)))
                    conn.execute(update(db.batches).where(*_key(dev.device_id, batch_id)).values(
                        state="receiving", size=req.size, part_size=req.part_size, parts=req.parts, receipt=None))
                else:
                    conn.execute(insert(db.batches).values(
                        batch_id=batch_id, device_id=dev.device_id, sha256=req.sha256, size=req.size,
                        part_size=req.part_size, parts=req.parts, state="receiving", started_at=utc_now()))
                return {"state": "receiving", "have": _have(conn, dev.device_id, batch_id)}
        except IntegrityError:
            raise HTTPException(409, f"batch {batch_id} is known with other content") from None

    @app.put(f"{API}/batches/{{batch_id}}/parts/{{n}}", response_model=PartAnswer, tags=["batches"],
             responses=_errors(400, 401, 403, 404, 409, 413, 422),
             openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                 "schema": {"type": "string", "format": "binary"}}}}})
    def put_part(batch_id: BatchId, n: Annotated[int, Path(ge=0, lt=MAX_PARTS)], dev: Auth,
                 x_part_sha256: Annotated[str | None, Header(description="SHA-256 of the part, hex")] = None):
        data = dev.body
        digest = hashlib.sha256(data).hexdigest()
        if x_part_sha256 is None or x_part_sha256.lower() != digest:
            raise HTTPException(400, "X-Part-SHA256: the part does not match its hash (send it again)")
        with engine.begin() as conn:
            row = _own_batch(conn, batch_id, dev)
            if row["state"] != "receiving":
                raise HTTPException(409, f"batch {batch_id} is {row['state']}: start it again")
            if n >= row["parts"]:
                raise HTTPException(400, f"part {n}: the batch has parts 0 to {row['parts'] - 1}")
            want = row["part_size"] if n < row["parts"] - 1 else row["size"] - row["part_size"] * (row["parts"] - 1)
            if len(data) != want:
                raise HTTPException(400, f"part {n}: {len(data)} bytes, expected {want}")
            conn.execute(delete(db.batch_parts).where(*_parts_of(dev.device_id, batch_id), db.batch_parts.c.n == n))
            conn.execute(insert(db.batch_parts).values(device_id=dev.device_id, batch_id=batch_id, n=n, data=data,
                                                       sha256=digest))
            return {"part": n, "have": _have(conn, dev.device_id, batch_id)}

    @app.post(f"{API}/batches/{{batch_id}}/commit", response_model=ReceiptAnswer, tags=["batches"],
              responses={400: {"model": MissingParts}} | _errors(401, 403, 404, 409, 413, 422))
    def commit(batch_id: BatchId, dev: Auth):
        c = cty.load_county(engine)
        with engine.begin() as conn:
            row = _own_batch(conn, batch_id, dev)
            if row["state"] == "done":
                return {"receipt": duplicate_receipt(row["receipt"], c.sign_key)}
            if row["state"] == "refused":
                raise HTTPException(422, json.loads(row["receipt"]).get("refused", "refused"))
            have = _have(conn, dev.device_id, batch_id)
            missing = sorted(set(range(row["parts"])) - set(have))
            if missing:
                return JSONResponse({"detail": "parts missing", "missing": missing[:10000]}, status_code=400)
            data = b"".join(r[0] for r in conn.execute(
                select(db.batch_parts.c.data).where(*_parts_of(dev.device_id, batch_id))
                .order_by(db.batch_parts.c.n)))
            whole_ok = len(data) == row["size"] and hashlib.sha256(data).hexdigest() == row["sha256"]
            if not whole_ok:
                conn.execute(delete(db.batch_parts).where(*_parts_of(dev.device_id, batch_id)))
        if not whole_ok:
            return JSONResponse({"detail": "the parts together do not match the declared size and sha256:"
                                           " send them again", "missing": list(range(row["parts"]))[:10000]},
                                status_code=400)
        try:
            receipt = ingest(engine, data, sender_device_id=dev.device_id, batch_id=batch_id)
        except Refused as e:
            with engine.begin() as conn:
                conn.execute(delete(db.batch_parts).where(*_parts_of(dev.device_id, batch_id)))
                conn.execute(update(db.batches).where(*_key(dev.device_id, batch_id),
                                                      db.batches.c.state == "receiving").values(
                    state="refused", received_at=utc_now(), receipt=json.dumps({"refused": e.reason})))
            raise HTTPException(422, e.reason) from None
        except Conflict as e:
            raise HTTPException(409, str(e)) from None
        return {"receipt": receipt}

    @app.get(f"{API}/batches/{{batch_id}}/receipt", response_model=ReceiptAnswer, tags=["batches"],
             responses=_errors(401, 403, 404, 422))
    def receipt(batch_id: BatchId, dev: Auth):
        with db.reading(engine) as conn:
            row = _batch(conn, dev.device_id, batch_id, lock=False)
        if row is None or row["state"] != "done":
            raise HTTPException(404, f"no receipt for batch {batch_id}")
        return {"receipt": json.loads(row["receipt"])}

    @app.get(f"{API}/publications", response_model=Publications, tags=["publications"],
             responses=_errors(401, 403, 422))
    def publications(dev: Auth, after: Annotated[int, Query(ge=0, le=2**53)] = 0):
        return cty.publications_after(engine, after, dev.village)

    app.include_router(console.router)  # the web console (console/)
    return app


def _key(device_id: str, batch_id: str) -> tuple:
    return db.batches.c.device_id == device_id, db.batches.c.batch_id == batch_id


def _parts_of(device_id: str, batch_id: str) -> tuple:
    return db.batch_parts.c.device_id == device_id, db.batch_parts.c.batch_id == batch_id


def _batch(conn, device_id: str, batch_id: str, lock: bool = True):
    """The device's own batch of this id: another device's batch of the same id is another batch."""
    q = select(db.batches).where(*_key(device_id, batch_id))
    if lock and db.is_postgres(conn):
        q = q.with_for_update()
    return conn.execute(q).mappings().first()


def _own_batch(conn, batch_id: str, dev: Device):
    row = _batch(conn, dev.device_id, batch_id)
    if row is None:
        raise HTTPException(404, f"no batch {batch_id}: start it first")
    return row


def _have(conn, device_id: str, batch_id: str) -> list[int]:
    return [r[0] for r in conn.execute(select(db.batch_parts.c.n).where(*_parts_of(device_id, batch_id))
                                       .order_by(db.batch_parts.c.n))]
