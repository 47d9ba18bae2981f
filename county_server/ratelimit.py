"""How many wrong enrollment codes the county hears before it stops listening for a while.

A code is 12 characters of 32 (60 bits) and valid 14 days, so guessing one is hopeless anyway;
the limit keeps a guesser from trying at all: at most PER_CLIENT refused codes from one
address, and OVERALL from every address together, in any WINDOW seconds. Beyond that the
enrollment endpoint answers 429 with Retry-After until the oldest failure ages out. Kept in the
server's memory (one uvicorn process serves the county).
"""
from __future__ import annotations

import threading
import time
from collections import deque

WINDOW = 600.0
PER_CLIENT = 10
OVERALL = 200


class Attempts:
    def __init__(self, per_client: int = PER_CLIENT, overall: int = OVERALL, window: float = WINDOW,
                 clock=time.monotonic):
        self.per_client, self.overall, self.window, self.clock = per_client, overall, window, clock
        self.lock = threading.Lock()
        self.by_client: dict[str, deque] = {}
        self.everyone: deque = deque()

    def _expire(self, now: float) -> None:
        for q in (self.everyone, *self.by_client.values()):
            while q and q[0] <= now - self.window:
                q.popleft()
        for client in [c for c, q in self.by_client.items() if not q]:
            del self.by_client[client]

    def wait(self, client: str) -> int:
        """Seconds before this client may try again (0: now)."""
        with self.lock:
            now = self.clock()
            self._expire(now)
            full = [q for q, limit in ((self.by_client.get(client), self.per_client), (self.everyone, self.overall))
                    if q is not None and len(q) >= limit]
            return max((int(q[0] + self.window - now) + 1 for q in full), default=0)

    def failed(self, client: str) -> None:
        with self.lock:
            now = self.clock()
            self.by_client.setdefault(client, deque()).append(now)
            self.everyone.append(now)
