"""The county's HTTP API (docs/sync.md): enrollment, batches uploaded in parts, receipts and
publications. Every request after enrollment is signed by the device; every input is checked
and answered with a 4xx naming what is wrong, never a 5xx.

`create_app` is the factory: it opens the database engine and mounts the routers of
`county_server/routes/`; nothing else happens at import or creation.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from . import batches, console
from . import county as cty
from . import db, ratelimit
from .middleware import BodyLimit, NextNonce
from .routes import batches as batch_routes
from .routes import devices, publications, records
from .routes.common import API

__all__ = ["API", "MAX_REQUEST", "create_app"]

MAX_REQUEST = batches.MAX_PART + 64 * 1024   # the largest body any request may carry


def create_app(db_url: str) -> FastAPI:
    engine = db.make_engine(db_url)
    app = FastAPI(title="Zhucun county server", version="1",
                  description="Sync for village work teams: enrollment, batches in parts, receipts,"
                              " publications, records down (docs/sync.md).")
    app.state.engine = engine
    app.state.enroll_attempts = ratelimit.Attempts(engine, "enroll")   # in the database: every worker's
    app.add_middleware(BodyLimit, limit=MAX_REQUEST)
    app.add_middleware(NextNonce)

    @app.exception_handler(cty.NotInitialised)
    async def _not_initialised(_request, exc):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def _unexpected(request, exc):
        """A bug: its traceback in the county's log under a reference the answer names."""
        from app import log
        ref = log.log_unexpected(exc, f"{request.method} {request.url.path}", to=log.county_logger)
        return JSONResponse({"detail": "internal error", "reference": ref}, status_code=500)

    for router in (devices.router, batch_routes.router, publications.router, records.router):
        app.include_router(router)
    app.include_router(console.router)  # the web console (console/)
    return app
