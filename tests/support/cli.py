"""Running `zhucun` as a script runs it: a fresh `python -m app` process with the passphrase on
standard input (and without $ZHUCUN_DATA), its exit code and output kept in a Run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "passphrase1"


class Run:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.code}\nstdout: {self.out}\nstderr: {self.err}"


def cli(*args, stdin: str | None = PASS + "\n") -> Run:
    env = {k: v for k, v in os.environ.items() if k != "ZHUCUN_DATA"}
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)
    return Run(proc)


def ok(run: Run) -> Run:
    assert run.code == 0, run
    return run
