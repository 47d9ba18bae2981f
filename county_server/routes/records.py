"""Records down: a page of the device's village's records after its cursor, signed by the
county and encrypted to the device (county_server/down.py, app/sync/down.py)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from .. import county as cty
from .. import down
from .common import API, DB, Auth, errors

router = APIRouter(prefix=API, tags=["records"])


@router.get("/records", responses={200: {"content": {"application/octet-stream": {}},
                                         "description": "a sealed page (ZHUCUN-DOWN)"}} | errors(401, 403, 422))
async def records(dev: Auth, engine: DB, after: Annotated[int, Query(ge=0, le=2**53)] = 0,
                  limit: Annotated[int, Query(ge=1, le=down.MAX_PAGE_ITEMS)] = down.PAGE_ITEMS):
    def build():
        return down.sealed_page(engine, cty.load_county(engine), dev.device_id, after, limit)
    return Response(await run_in_threadpool(build), media_type="application/octet-stream")
