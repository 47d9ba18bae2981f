"""What wraps every request to the county: a body read whole up to a limit (413 beyond it),
and the nonce for the device's next signed request handed back in every answer."""
from __future__ import annotations

import json

NONCE_HEADER = b"x-zhucun-nonce"


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
