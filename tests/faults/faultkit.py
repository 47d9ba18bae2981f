"""What the fault tests share: the command line as a subprocess, a small demo village made
once and copied for each test, and small file systems (tmpfs) to fill or make read-only."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASS = "demo1234"


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.code}\nstdout: {self.out[-2000:]}\nstderr: {self.err[-2000:]}"


def cli(data: Path, *args, stdin: str = PASS + "\n", timeout: int = 300, extra_env: dict | None = None) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "ZHUCUN_DATA"} | (extra_env or {})
    proc = subprocess.run([sys.executable, "-m", "app", "--data", str(data), "--passphrase-stdin", *map(str, args)],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, env=env, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def start(data: Path, *args) -> subprocess.Popen:
    """The command running, its passphrase given: to be killed."""
    env = {k: v for k, v in os.environ.items() if k != "ZHUCUN_DATA"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "--data", str(data), "--passphrase-stdin", *map(str, args)],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    proc.stdin.write(PASS + "\n")
    proc.stdin.flush()
    return proc


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err + run.out, run
    assert "Error:" not in run.err or "(" in run.err, run  # a sentence, not a bare exception line


def household_ids(data: Path) -> set[str]:
    run = cli(data, "households", "--json")
    assert run.code == 0, run
    return {h["id"] for h in run.json}


def audit_ok(data: Path) -> dict:
    run = cli(data, "audit", "verify", "--json")
    assert run.code == 0 and run.json["ok"], run
    return run.json


@pytest.fixture(scope="session")
def village(tmp_path_factory) -> Path:
    """A demo village of 30 households (passphrase demo1234), made once; copy it to use it."""
    data = tmp_path_factory.mktemp("village") / "store"
    run = cli(data, "demo", "--households", 30, "--json", stdin=f"{PASS}\n{PASS}\n")
    assert run.code == 0, run
    return data


@pytest.fixture(scope="session")
def ledger(tmp_path_factory) -> Path:
    """A national member ledger of 60 households the village does not have yet."""
    from app.ledger.sample import write_national_sample
    path = tmp_path_factory.mktemp("ledger") / "台账.xlsx"
    write_national_sample(path, 60, seed=7, errors=False)
    return path


def copy_store(village: Path, where: Path) -> Path:
    data = where / "store"
    shutil.copytree(village, data, ignore=shutil.ignore_patterns("zhucun.lock"))
    return data


@contextlib.contextmanager
def tmpfs(where: Path, size: str):
    """A small tmpfs at `where` (as root). Tests that need one skip where mount is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"mount -t tmpfs not allowed here: {proc.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True, capture_output=True)


def fill(where: Path, leave: int = 0) -> Path:
    """Fill the file system holding `where` to the last byte but `leave`; returns the filler."""
    filler = where / "filler"
    with open(filler, "wb", buffering=0) as f:
        for block in (b"\0" * 65536, b"\0" * 512, b"\0"):  # then the last partial blocks
            try:
                while f.write(block):
                    pass
            except OSError:
                pass
        if leave:
            f.truncate(max(0, f.tell() - leave))
    return filler
