"""The server's health, nonces for signed requests, and enrolment with a one-time code."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from app.core.errors import ValidationError
from app.storage.records import utc_now

from .. import county as cty
from .. import db
from .common import API, DB, HEX64, ID_PATTERN, errors

CODE_PATTERN = r"^[ -]*(?:[A-HJ-NP-Za-hj-np-z2-9][ -]*){12}$"

router = APIRouter(prefix=API)


class Health(BaseModel):
    status: Literal["ok"]
    county_id: str
    county_name: str
    time: str


class NonceAnswer(BaseModel):
    nonce: str = Field(description="single use, for the device's next signed request (X-Zhucun-Nonce)")
    expires_in: int = Field(description="seconds, by the county's clock")


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str = Field(min_length=12, max_length=20, pattern=CODE_PATTERN,
                      description="XXXX-XXXX-XXXX (letters but I and O, digits 2-9)")
    device_id: str = Field(pattern=ID_PATTERN, max_length=64)
    store_id: str = Field(pattern=ID_PATTERN, max_length=64)
    device_key: str = Field(pattern=HEX64, description="the device's Ed25519 public key, hex")
    label: str | None = Field(default=None, max_length=100)


class RestoreOf(BaseModel):
    device_id: str
    label: str | None
    last_batch_at: str | None = Field(description="when the county received the lost device's last batch")


class EnrollAnswer(BaseModel):
    county_id: str
    county_name: str
    sign_key: str
    hpke_key: str
    village: str
    township: str | None
    device_id: str
    restore_of: RestoreOf | None = Field(default=None, description="the lost device this laptop replaces"
                                                                  " (a restore code)")


@router.get("/health", response_model=Health, tags=["server"])
def health(engine: DB):
    c = cty.load_county(engine)
    return {"status": "ok", "county_id": c.id, "county_name": c.name, "time": utc_now()}


@router.post("/nonce", response_model=NonceAnswer, tags=["requests"], responses=errors(401, 403))
def nonce(request: Request, engine: DB,
          x_zhucun_device: Annotated[str | None, Header(description="the device id")] = None):
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


@router.post("/enroll", response_model=EnrollAnswer, response_model_exclude_none=True, tags=["enrollment"],
             responses=errors(400, 404, 409, 410, 413, 422, 429))
def enroll(req: EnrollRequest, request: Request, engine: DB):
    attempts = request.app.state.enroll_attempts
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
