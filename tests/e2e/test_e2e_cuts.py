"""Cut connections between the device and the county server, a hundred times: a small TCP
proxy on loopback reads the HTTP/1.1 messages going through it and, when armed, cuts the
connection after a random number of bytes of one chosen request (device → county) or of one
chosen answer (county → device). After each cut the device syncs again through the same proxy,
not cutting any more, and then: no record is lost, none is held twice, every batch is receipted
once, and at most the one part that was in flight was sent again."""
from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from tests.support.countykit import id_number
from ledger import assert_exactly_once

from app.services import households, sync

TRIALS = 100
SEED = 20261122
PART_SIZE = 512          # a batch of a few records is several parts
PART = re.compile(r"^PUT /api/v1/batches/([^/]+)/parts/(\d+) ")


@dataclass
class Cut:
    direction: str       # "up": device → county; "down": county → device
    message: int         # which request (up) or answer (down) of this trial, from 0
    fraction: float      # how far into that message, 0 ≤ fraction < 1


class CuttingProxy:
    """127.0.0.1:port → the county server, one thread per direction of each connection. Every
    request line going up is written down; an armed cut closes both sides of the connection
    after `fraction` of the bytes of the chosen message (head and body) went through."""

    def __init__(self, upstream_port: int):
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.cut: Cut | None = None
        self.fired: list[tuple[Cut, str]] = []
        self.requests: list[str] = []
        self.seen = {"up": 0, "down": 0}
        self.errors: list[str] = []
        self.closing = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def arm(self, cut: Cut | None) -> None:
        with self.lock:
            self.cut = cut
            self.requests = []
            self.seen = {"up": 0, "down": 0}

    def close(self) -> None:
        self.closing = True
        self.listener.close()

    # -- the plumbing --------------------------------------------------------------------
    def _accept(self) -> None:
        while not self.closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            for s in (client, server):  # no Nagle: a head and its body are two small writes
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pair = (client, server)
            threading.Thread(target=self._pump, args=(client, server, "up", pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down", pair), daemon=True).start()

    @staticmethod
    def _sever(pair) -> None:
        for s in pair:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _begin(self, direction: str, head: bytes, total: int) -> int | None:
        """A new message in `direction`: note it; where to cut it, when it is the chosen one."""
        with self.lock:
            index = self.seen[direction]
            self.seen[direction] += 1
            if direction == "up":
                self.requests.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
            cut = self.cut
            if cut is None or cut.direction != direction or cut.message != index:
                return None
            self.cut = None  # once per arming
            line = self.requests[index] if index < len(self.requests) else "?"
            self.fired.append((cut, line))
            return int(cut.fraction * total)

    def _pump(self, src: socket.socket, dst: socket.socket, direction: str, pair) -> None:
        buf = bytearray()
        remaining = pos = 0        # bytes of the current message still to forward, and forwarded
        cut_at: int | None = None
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    try:
                        dst.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                    return
                buf += data
                while buf:
                    if remaining == 0:   # a message begins: its head tells how long it is
                        end = buf.find(b"\r\n\r\n")
                        if end < 0:
                            break
                        head = bytes(buf[:end + 4])
                        fields = dict(line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line)
                        fields = {k.strip().lower(): v.strip() for k, v in fields.items()}
                        if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
                            self.errors.append(f"chunked {direction} message: {head[:80]!r}")
                        remaining = len(head) + int(fields.get(b"content-length", b"0"))
                        pos = 0
                        cut_at = self._begin(direction, head, remaining)
                    take = min(remaining, len(buf))
                    if cut_at is not None and pos + take > cut_at:
                        dst.sendall(bytes(buf[:cut_at - pos]))
                        time.sleep(0.01)  # let those bytes arrive before the connection goes
                        self._sever(pair)
                        return
                    dst.sendall(bytes(buf[:take]))
                    del buf[:take]
                    remaining -= take
                    pos += take
        except OSError:
            self._sever(pair)


# -- the trials -------------------------------------------------------------------------------
def _change(store, n: int, homes: list[str]) -> None:
    """A fresh change: a household with its head, and a note on an earlier household."""
    h = households.add_household(store, {"head_name": f"王{n:03d}", "village": "石门村", "number": f"{n:04d}",
                                         "address": f"{n}号" * 20, "note": "入户登记 " * 10})
    households.add_member(store, h["id"], {"name": f"王{n:03d}", "relation": "head",
                                           "id_number": id_number("1966-04-0%d" % (1 + n % 9), "male")})
    if homes:
        households.update_household(store, homes[n % len(homes)], {"note": f"第{n}次走访后更新"})
    homes.append(h["id"])


def _sync(store, url: str) -> dict:
    with sync.client_for(store, url, attempts=1, backoff=(0,)) as client:
        return sync.sync(store, client=client)


def test_a_hundred_cut_connections_lose_and_duplicate_nothing(enrolled, engine, server, monkeypatch):
    store = enrolled
    monkeypatch.setattr(sync.upload, "PART_SIZE", PART_SIZE)
    rng = random.Random(SEED)
    proxy = CuttingProxy(server.port)
    homes: list[str] = []
    resent_total = 0
    expected_resent = 0
    try:
        for trial in range(TRIALS):
            _change(store, trial, homes)
            batch = sync.seal_pending(store)
            assert batch["parts"] >= 3, batch["size"]
            # The requests of a sync: its first nonce, declare, the parts, commit, publications;
            # parts are cut most often, and commits often enough that some answers with a receipt
            # get lost.
            parts = batch["parts"]
            message = rng.choice([1, 2 + rng.randrange(parts), 2 + rng.randrange(parts), parts + 2, parts + 3])
            cut = Cut("up" if rng.random() < 0.6 else "down", message, rng.random())
            proxy.arm(cut)
            with pytest.raises(sync.SyncError):
                _sync(store, proxy.url)
            assert proxy.fired and proxy.fired[-1][0] is cut, f"trial {trial}: the cut did not happen"
            line = proxy.fired[-1][1]
            cut_requests = list(proxy.requests)

            proxy.arm(None)
            result = _sync(store, proxy.url)
            assert result["rejected"] == 0, result
            sent = Counter(m.groups() for m in map(PART.match, cut_requests + proxy.requests) if m)
            resent = sum(n - 1 for n in sent.values())
            assert resent <= 1, f"trial {trial} ({cut}, {line}): parts sent again: {sent}"
            # Exactly the part whose request was cut goes again; an answer lost on the way down
            # costs nothing, the county says it has the part.
            assert resent == (1 if cut.direction == "up" and line.startswith("PUT ") else 0), (trial, cut, line)
            if cut.direction == "down" and _step(line) == "commit":  # ingested, its receipt lost
                assert [b["duplicate"] for b in result["batches"]] == [True], result
            resent_total += resent
            expected_resent += cut.direction == "up" and line.startswith("PUT ")
            assert_exactly_once(store, engine)
    finally:
        proxy.close()
    assert not proxy.errors, proxy.errors
    assert len(proxy.fired) == TRIALS and resent_total == expected_resent
    steps = Counter((c.direction, _step(line)) for c, line in proxy.fired)
    assert {step for _, step in steps} == {"declare", "part", "commit", "publications"}, steps
    assert {direction for direction, _ in steps} == {"up", "down"}, steps


def _step(request_line: str) -> str:
    method, path = request_line.split(" ")[:2]
    if path == "/api/v1/nonce":
        return "nonce"
    if method == "GET":
        return "publications"
    if method == "PUT":
        return "part"
    return "commit" if path.endswith("/commit") else "declare"
