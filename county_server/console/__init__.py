"""The county's web console: a browser's view of every village for the county monitor and the
township reviewers, served by the county server with the device API (`router`)."""
from __future__ import annotations

from fastapi import APIRouter

from . import conflicts, exports, manage, pages, publish, review, web

router = APIRouter(include_in_schema=False)
for part in (web, pages, publish, manage, review, conflicts, exports):  # publish's /publications/tables before /publications/{seq}
    router.include_router(part.router)
