"""Hybrid logical clock: orders changes across devices whose clocks drift.

A timestamp is (wall milliseconds, counter, node). It never goes backwards on one device,
even when the device clock is set back, and it moves past any timestamp received.
Encoded as a fixed-width string so that text order is time order.
"""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.millis:015d}-{self.counter:05d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


MAX_COUNTER = 99_999  # five digits in the encoding


class Clock:
    def __init__(self, node: str, last: str | None = None, wall=None):
        self.node = node
        self._wall = wall or (lambda: int(time.time() * 1000))
        self._last = Timestamp.decode(last) if last else Timestamp(0, 0, node)

    def now(self) -> str:
        wall = self._wall()
        if wall > self._last.millis:
            self._last = Timestamp(wall, 0, self.node)
        else:
            self._last = self._next(self._last.millis, self._last.counter + 1)
        return self._last.encode()

    def _next(self, millis: int, counter: int) -> Timestamp:
        # A full counter borrows the next millisecond, so the text order stays the time order.
        if counter > MAX_COUNTER:
            return Timestamp(millis + 1, 0, self.node)
        return Timestamp(millis, counter, self.node)

    def receive(self, remote: str) -> str:
        """Advance past a timestamp seen from another device."""
        r = Timestamp.decode(remote)
        wall = self._wall()
        top = max(wall, self._last.millis, r.millis)
        if top == self._last.millis == r.millis:
            counter = max(self._last.counter, r.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == r.millis:
            counter = r.counter + 1
        else:
            counter = 0
        self._last = self._next(top, counter)
        return self._last.encode()
