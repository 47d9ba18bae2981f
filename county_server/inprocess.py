"""The county app behind a synchronous httpx transport, for a device and a county in one
process (tests, the screenshots): each request runs the ASGI app to the end in its own event
loop, since httpx.ASGITransport serves only the asynchronous client and the device's is not."""
from __future__ import annotations

import asyncio

import httpx


class InProcess(httpx.BaseTransport):
    def __init__(self, app):
        self.inner = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def run():
            again = httpx.Request(request.method, request.url, headers=request.headers, content=request.read())
            response = await self.inner.handle_async_request(again)
            return httpx.Response(response.status_code, headers=response.headers, content=await response.aread())
        return asyncio.run(run())
