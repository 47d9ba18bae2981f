"""The county server as it runs in production: `python -m county_server serve` in its own
process on loopback, started on a free port, waited for on /api/v1/health, stopped politely or
killed outright; and the county's command line (`python -m county_server …`) as a subprocess."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
HEALTH = "/api/v1/health"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


class CountyServer:
    """One uvicorn process serving the county database `db_url`. `start()` may be called again
    after `stop()` or `kill()`: the server comes back on the same port and database."""

    def __init__(self, db_url: str, log: Path, port: int | None = None, log_level: str = "warning",
                 tls: tuple[Path, Path] | None = None):
        self.db_url = db_url
        self.tls = tls          # (certificate, private key): serve https
        self.log = Path(log)
        self.port = port or free_port()
        self.log_level = log_level
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> CountyServer:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.starts += 1
        with self.log.open("ab") as log:
            log.write(f"--- start {self.starts} on port {self.port}\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "county_server", "serve", "--db", self.db_url, "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-level", self.log_level,
                 *(["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])] if self.tls else [])],
                cwd=REPO, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the county server exited ({self.proc.returncode}):\n{self.log_text()}")
            try:
                if httpx.get(self.url + HEALTH, timeout=1, verify=False).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"the county server did not answer within {timeout} s:\n{self.log_text()}")
            time.sleep(0.05)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 10) -> None:
        """SIGTERM (uvicorn finishes what it is doing), SIGKILL when it does not end in time."""
        if not self.running:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL: no cleanup, no finishing the request in flight."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def log_text(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""

    def __enter__(self) -> CountyServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- the county's command line ---------------------------------------------------------------
class Run:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"exit {self.code}\nstdout: {self.out}\nstderr: {self.err}"


def county_cli(db_url: str, *args, cwd: Path | None = None) -> Run:
    """`zhucun-county ARGS --db URL --json`; fails the test unless it exits 0."""
    proc = subprocess.run([sys.executable, "-m", "county_server", *map(str, args), "--db", db_url, "--json"],
                          cwd=cwd or REPO, env=_env(), capture_output=True, text=True, timeout=120)
    run = Run(proc)
    assert run.code == 0, run
    return run


def device_cli(data: Path, *args, passphrase: str = "passphrase1") -> Run:
    """`zhucun ARGS --data DIR --passphrase-stdin --json` (the device's command line)."""
    env = {k: v for k, v in _env().items() if k != "ZHUCUN_DATA"}
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args), "--data", str(data), "--passphrase-stdin",
                           "--json"], cwd=REPO, env=env, input=passphrase + "\n", capture_output=True, text=True,
                          timeout=120)
    return Run(proc)
