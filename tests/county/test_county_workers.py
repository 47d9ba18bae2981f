"""Several county processes ingesting at once (`serve --workers N`): each batch is stored exactly
once, whichever process commits it, and batches of different devices go in side by side."""
from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.support.countykit import count_records

from app.sync import envelope
from county_server import county as cty
from county_server.ingest import ingest

REPO = Path(__file__).resolve().parents[2]


def _ingest_in_a_process(url: str, data: bytes, start, out) -> None:
    from county_server import db
    engine = db.make_engine(url)
    try:
        start.wait(30)
        out.put(ingest(engine, data))
    except Exception as e:  # the parent asserts on what each process answered
        out.put(f"{type(e).__name__}: {e}")
    finally:
        engine.dispose()


def _run_together(url: str, batches: list[bytes]) -> list:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(len(batches)), ctx.Queue()
    procs = [ctx.Process(target=_ingest_in_a_process, args=(url, data, start, out)) for data in batches]
    for p in procs:
        p.start()
    answers = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    return answers


def test_the_same_batch_committed_by_two_processes_at_once_is_stored_once(engine, county, device):
    h = device.household()
    for i in range(5):
        device.visit(h["id"], f"第{i}次走访")
    data = device.batch()
    answers = _run_together(engine.url_text, [data, data, data])
    assert all(isinstance(a, dict) for a in answers), answers
    bodies = [envelope.verify_document(a, county.sign_key.public_key()) for a in answers]
    assert sorted(b["duplicate"] for b in bodies) == [False, True, True]
    first = next(b for b in bodies if not b["duplicate"])
    assert all({k: v for k, v in b.items() if k != "duplicate"} == {k: v for k, v in first.items() if k != "duplicate"}
               for b in bodies)
    stats = cty.stats(engine)
    assert (stats["households"], stats["visits"], stats["batches"]) == (1, 5, 1)
    assert count_records(engine) == len(first["accepted"])
    with engine.connect() as conn:
        row = cty.device_row(conn, device.id)
    assert (row["audit_head"], row["audit_seq"]) == (device.store.audit.head, device.store.audit.head_seq)


def test_two_devices_batches_ingested_by_two_processes_are_both_stored(engine, county, device, other_device):
    for d, head in ((device, "李大山"), (other_device, "王小河")):
        h = d.household(head)
        d.visit(h["id"])
    answers = _run_together(engine.url_text, [device.batch(), other_device.batch()])
    bodies = [envelope.verify_document(a, county.sign_key.public_key()) for a in answers]
    assert [b["duplicate"] for b in bodies] == [False, False] and all(not b["rejected"] for b in bodies)
    stats = cty.stats(engine)
    assert (stats["households"], stats["visits"], stats["batches"]) == (2, 2, 2)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="serve --workers forks: Linux")
def test_serve_with_two_workers_takes_two_devices_batches_over_a_socket(db_url, engine, county, device, other_device,
                                                                        tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "county_server", "serve", "--db", db_url, "--workers", "2",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "no answer within 30 s"
            time.sleep(0.1)
        assert len(_children(proc.pid)) == 2
        sent = []
        for d, head in ((device, "李大山"), (other_device, "王小河")):
            d.visit(d.household(head)["id"])
            body = d.body()
            sent.append((d, d.seal(body), body["batch_id"]))

        def upload(item):
            d, data, batch_id = item
            with httpx.Client(base_url=base, timeout=60) as http:
                return d.upload(http, data, batch_id, part_size=4000)
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(upload, sent))
        assert [r.status_code for r in answers] == [200, 200], [r.text for r in answers]
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0
        log.close()
    assert cty.stats(engine)["households"] == 2 and cty.stats(engine)["batches"] == 2
