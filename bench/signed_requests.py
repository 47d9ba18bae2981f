"""What a signed request costs at the county server: `python -m county_server serve` (uvicorn, one
process) on SQLCipher, on loopback, one enrolled device.

    .venv/bin/python -m bench.signed_requests [--requests 300]

Each signed request carries a single-use nonce the county issued, so each is one write
transaction at the county besides its own work (docs/sync.md, "Requests"). Three figures, the
median of 3 rounds: a signed `GET /publications` with the nonce taken from the last answer (as a
sync goes), the same asking `POST /nonce` first each time (as after an answer without one), and
the unsigned `GET /health` (HTTP and the county row read, no signature, no nonce).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _timed(n: int, fn) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    n = parser.parse_args().requests

    from app.services import sync
    from app.storage.store import Store
    from county_server import county as cty
    from county_server import db, keys

    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-requests-"))
    os.environ[keys.KEY_FILE_ENV] = str(work / "county.key")
    keys.new_key_file(work / "county.key")
    url = f"sqlite:///{work / 'county' / 'county.db'}"
    engine = db.make_engine(url)
    cty.init_county(engine, "基准县 (bench county)")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "county_server", "serve", "--db", url, "--port", str(port),
                               "--log-level", "warning"], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        store, _ = Store.create(work / "device", "王芳", "passphrase1", kdf_params=FAST_KDF)
        with store:
            sync.enroll(store, base, cty.new_code(engine, "石门村")["code"])
            with sync.client_for(store) as client:
                def signed():
                    client.get_json("/api/v1/publications?after=0", step="bench")

                def signed_fresh():
                    client.nonce = None
                    signed()
                signed()
                rounds = {"chained": [], "fresh": [], "health": []}
                for _ in range(3):
                    rounds["chained"].append(_timed(n, signed))
                    rounds["fresh"].append(_timed(n, signed_fresh))
                    rounds["health"].append(_timed(n, lambda: client.http.get(base + "/api/v1/health")))
    finally:
        server.terminate()
        server.wait(10)
        engine.dispose()
    med = {k: statistics.median(v) for k, v in rounds.items()}
    print(f"signed GET /publications, nonce from the last answer: {med['chained']:.1f} ms")
    print(f"signed GET /publications, POST /nonce first:          {med['fresh']:.1f} ms")
    print(f"unsigned GET /health:                                 {med['health']:.1f} ms")


if __name__ == "__main__":
    main()
