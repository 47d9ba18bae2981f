"""The county's signed publications for the device's village, after the last one it read."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from .. import county as cty
from .. import taken
from .common import API, DB, Auth, SignedDocument, errors

router = APIRouter(prefix=API, tags=["publications"])


class Publications(BaseModel):
    items: list[SignedDocument]
    last: int


@router.get("/publications", response_model=Publications, responses=errors(401, 403, 422))
def publications(dev: Auth, engine: DB, after: Annotated[int, Query(ge=0, le=2**53)] = 0):
    taken.note(engine, dev.device_id, after)   # it holds those up to `after` (console: what each village took)
    return cty.publications_after(engine, after, dev.village)
