"""Batches up in parts: the HTTP face of `county_server.batches` (start → parts → commit →
receipt); every request signed by the device."""
from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Header, HTTPException, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import batches
import county_server.console.checks as console_checks
from .common import API, DB, HEX64, ID_PATTERN, Auth, SignedDocument, errors

router = APIRouter(prefix=f"{API}/batches", tags=["batches"])
log = logging.getLogger("zhucun.county")

BatchId = Annotated[str, Path(min_length=1, max_length=64, pattern=ID_PATTERN,
                              description="the batch id the device chose (letters, digits, . _ -)")]


class MissingParts(BaseModel):
    detail: str
    missing: list[int] = Field(description="the part numbers the county does not have yet")


class BatchStart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    size: int = Field(ge=1, le=batches.MAX_BATCH, description="bytes of the whole envelope")
    sha256: str = Field(pattern=HEX64, description="SHA-256 of the whole envelope, hex")
    part_size: int = Field(ge=1, le=batches.MAX_PART, description="bytes of every part but the last")
    parts: int = Field(ge=1, le=batches.MAX_PARTS)

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


class ReceiptAnswer(BaseModel):
    receipt: SignedDocument


def _refused(e: batches.BatchRefused):
    log.warning("batch refused: HTTP %s, %s", e.status, e.detail)
    if e.missing is not None:
        return JSONResponse({"detail": e.detail, "missing": e.missing}, status_code=e.status)
    raise HTTPException(e.status, e.detail) from None


@router.post("/{batch_id}", response_model=BatchState, response_model_exclude_none=True,
             responses=errors(400, 401, 403, 409, 413, 422))
def start_batch(batch_id: BatchId, req: BatchStart, dev: Auth, engine: DB):
    try:
        return batches.start(engine, dev.device_id, batch_id, size=req.size, sha256=req.sha256,
                             part_size=req.part_size, parts=req.parts)
    except batches.BatchRefused as e:
        return _refused(e)


@router.put("/{batch_id}/parts/{n}", response_model=PartAnswer, responses=errors(400, 401, 403, 404, 409, 413, 422),
            openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary"}}}}})
def put_part(batch_id: BatchId, n: Annotated[int, Path(ge=0, lt=batches.MAX_PARTS)], dev: Auth, engine: DB,
             x_part_sha256: Annotated[str | None, Header(description="SHA-256 of the part, hex")] = None):
    try:
        return batches.put_part(engine, dev.device_id, batch_id, n, dev.body, x_part_sha256)
    except batches.BatchRefused as e:
        return _refused(e)


@router.post("/{batch_id}/commit", response_model=ReceiptAnswer,
             responses={400: {"model": MissingParts}} | errors(401, 403, 404, 409, 413, 422))
def commit(batch_id: BatchId, dev: Auth, engine: DB, after: BackgroundTasks):
    after.add_task(console_checks.after_batch, engine, dev.village)   # the console's rows, once the receipt is sent
    try:
        return {"receipt": batches.commit(engine, dev.device_id, batch_id)}
    except batches.BatchRefused as e:
        return _refused(e)


@router.get("/{batch_id}/receipt", response_model=ReceiptAnswer, responses=errors(401, 403, 404, 422))
def receipt(batch_id: BatchId, dev: Auth, engine: DB):
    try:
        return {"receipt": batches.receipt(engine, dev.device_id, batch_id)}
    except batches.BatchRefused as e:
        return _refused(e)
