"""What every router shares: the answers' shapes for refusals and signed documents, the
database of the app serving the request, and the enrolled device that signed it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from cryptography.exceptions import InvalidSignature
from fastapi import Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from app.sync import envelope

from .. import county as cty
from .. import db

API = "/api/v1"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
HEX64 = r"^[0-9a-f]{64}$"


class Problem(BaseModel):
    detail: str | list[Any] = Field(description="what is wrong")


class SignedDocument(BaseModel):
    """A receipt or publication: `body` signed by the county's Ed25519 key (hex), over the
    canonical JSON of the body."""
    body: dict[str, Any]
    signature: str


ERRORS = {400: {"model": Problem}, 401: {"model": Problem}, 403: {"model": Problem},
          404: {"model": Problem}, 409: {"model": Problem}, 410: {"model": Problem},
          413: {"model": Problem}, 422: {"model": Problem}, 429: {"model": Problem}}


def errors(*codes: int) -> dict:
    return {c: ERRORS[c] for c in codes}


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


DB = Annotated[Engine, Depends(engine_of)]


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
    engine = engine_of(request)

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
