"""The county server as it runs: `python -m county_server serve` on loopback, a device talking
to it over a real socket."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.sync import envelope
from county_server import county as cty

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_url, engine, tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "county_server", "serve", "--db", db_url,
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited: {(tmp_path / 'server.log').read_text()}")
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the server did not answer within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_enroll_send_a_batch_and_read_publications_over_a_socket(server, engine, county, store):
    from tests.support.countykit import Device
    device = Device(store, county)
    cty.publish(engine, "prompts", {"month": "2026-12", "title": "十二月", "tasks": []}, "石门村")
    with httpx.Client(base_url=server, timeout=30) as http:
        code = cty.new_code(engine, "石门村")["code"]
        r = http.post("/api/v1/enroll", json=device.enroll_request(code))
        assert r.status_code == 200 and r.json()["hpke_key"] == county.hpke_public
        h = device.household()
        device.visit(h["id"])
        body = device.body()
        data = device.seal(body)
        r = device.upload(http, data, body["batch_id"], part_size=700)
        assert r.status_code == 200, r.text
        receipt = envelope.verify_document(r.json()["receipt"], county.sign_key.public_key())
        assert len(receipt["accepted"]) == 4 and receipt["rejected"] == []
        r = device.request(http, "GET", "/api/v1/publications?after=0")
        assert [d["body"]["data"]["title"] for d in r.json()["items"]] == ["十二月"]
        assert http.get("/api/v1/publications?after=0").status_code == 401
    assert cty.stats(engine)["visits"] == 1


def test_serve_on_a_new_machine_makes_its_county_first(tmp_path):
    """`zhucun-county serve` on the embedded default with no database yet: it creates the
    county (keys and all) and answers, rather than sending people to `init` first."""
    port = free_port()
    url = f"sqlite:///{tmp_path / 'county.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "ZHUCUN_COUNTY_DB": url}
    proc = subprocess.Popen([sys.executable, "-m", "county_server", "serve", "--port", str(port),
                             "--log-level", "warning", "--name", "正安县"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stdout.read().decode()
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                if answer.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "no answer within 30 s"
            time.sleep(0.1)
        assert "正安县" in answer.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    from county_server import db
    assert cty.load_county(db.make_engine(url)).name == "正安县"
