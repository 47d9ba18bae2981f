"""Running the packaged program's tests' helpers: a command's exit checked without a traceback, and
the county server's command line from the development tree (it is not packaged)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "passphrase1"


def ok(proc) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def county(*args) -> dict:
    """The county server's command line, from the development tree (it is not packaged)."""
    proc = subprocess.run([sys.executable, "-m", "county_server", *map(str, args), "--json"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    return json.loads(ok(proc).stdout)
