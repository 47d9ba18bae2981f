"""The packaged program (dist/zhucun from build.spec) run as a village laptop runs it: the frozen
executables, never this Python, with a store of their own — init, a household and a member, a
printed handbook, a USB batch the county accepts, the window started offscreen.

The folder is built once per session (scripts/build.sh) when it is missing or older than a
source, or always with ZHUCUN_REBUILD=1. Deselect with -m "not packaging".
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.core import clock
from app.core.enums import Sex
from app.core.idnumber import make_id_number
from tests.support.packaged import PASS, ROOT, county, ok

pytestmark = pytest.mark.packaging

DIST = ROOT / "dist" / "zhucun"
SUFFIX = ".exe" if os.name == "nt" else ""
CLI = DIST / f"zhucun{SUFFIX}"
GUI = DIST / f"zhucun-gui{SUFFIX}"


def _newest_source() -> float:
    files = [ROOT / "build.spec", ROOT / "pyproject.toml", *(ROOT / "app").rglob("*.py")]
    for folder in ("forms", "resources"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


@pytest.fixture(scope="session")
def dist() -> Path:
    stale = not CLI.exists() or not GUI.exists() or CLI.stat().st_mtime < _newest_source()
    if stale or os.environ.get("ZHUCUN_REBUILD") == "1":
        command = (["bash", str(ROOT / "scripts" / "build.sh")] if shutil.which("bash") and os.name != "nt"
                   else [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"])
        start = time.monotonic()
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=1800)
        assert proc.returncode == 0, f"build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
        print(f"\nbuilt {DIST} in {time.monotonic() - start:.0f} s", file=sys.stderr)
    assert CLI.is_file() and GUI.is_file()
    return DIST


@pytest.fixture
def env(tmp_path) -> dict:
    """Nothing from this Python or the developer's folders: data, settings and caches in tmp_path."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "ZHUCUN_DATA", "ZHUCUN_FONT_DIR", "LD_LIBRARY_PATH")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
        os.makedirs(env[name], exist_ok=True)
    env["ZHUCUN_DATA"] = str(tmp_path / "default-data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(env, *args, stdin: str | None = PASS + "\n") -> subprocess.CompletedProcess:
    """The packaged command line, started outside the source tree."""
    return subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=env["XDG_CACHE_HOME"], timeout=300)


def test_the_folder(dist):
    """What the program reads at run time is in the folder; what only the county server and
    the tests use is not."""
    internal = dist / "_internal"
    assert (internal / "forms").is_dir() and any((internal / "forms").iterdir())
    assert (internal / "resources" / "baselines.json").is_file()
    assert (internal / "resources" / "visit_policy.json").is_file()
    assert list((internal / "resources" / "i18n").glob("*.qm"))
    if os.name != "nt":  # Windows uses the system's fonts (not redistributable)
        assert list((internal / "resources" / "fonts").glob("*.tt[cf]"))
    for name in ("county_server", "fastapi", "uvicorn", "sqlalchemy", "psycopg", "pytest", "hypothesis", "tkinter"):
        assert not (internal / name).exists(), name
    plugins = {p.name for p in internal.rglob("*") if p.parent.parent.name == "plugins"}
    assert any("offscreen" in p for p in plugins) and not any("webengine" in p.lower() for p in plugins)


def test_version(dist, env):
    assert ok(run(env, "--version", stdin=None)).stdout.strip() == "zhucun 0.1.0"


def test_the_command_line_end_to_end(dist, env, tmp_path):
    data = tmp_path / "store"
    store = ("--data", data, "--passphrase-stdin", "--json")

    init = json.loads(ok(run(env, "init", "--user", "王芳", *store)).stdout)
    assert init["recovery_code"]
    # SQLCipher from the bundle: every page encrypted, the header too.
    assert not (data / "zhucun.db").read_bytes()[:16].startswith(b"SQLite format 3")

    zhang = json.loads(ok(run(env, "household", "add", "--head", "张三", "--category", "脱贫户",
                              "--group", "第一村民小组", "--phone", "13812345678", *store)).stdout)
    id_number = make_id_number("430521", date(1968, 3, 2), Sex.MALE, 7)
    member = json.loads(ok(run(env, "member", "add", "--household", zhang["id"], "--name", "张三",
                               "--relation", "户主", "--id-number", id_number, *store)).stdout)
    assert member["sex"] == "male" and member["birth_date"] == "1968-03-02"

    # Global options before the command, as the README shows them.
    listed = json.loads(ok(run(env, "--data", data, "--passphrase-stdin", "--json", "households")).stdout)
    assert [h["head_name"] for h in listed] == ["张三"]

    pdf = tmp_path / "handbook.pdf"
    ok(run(env, "print", "handbook", "--household", zhang["id"], "--out", pdf, *store))
    assert pdf.stat().st_size > 0
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout
    assert "张三" in text

    # The USB trip: enroll from the county's file, export the batch, the county takes it, the
    # receipt comes back.
    usb = tmp_path / "usb"
    db = f"sqlite:///{tmp_path / 'county' / 'county.db'}"
    county("init", "--db", db, "--name", "测试县")
    code = county("enroll", "--db", db, "--village", "示范村", "--township", "示范乡", "--out", usb)
    enrolled = json.loads(ok(run(env, "enroll", "--file", code["file"], *store)).stdout)
    assert enrolled["enrolled"] and Path(enrolled["request"]).is_file()
    assert county("import", "--db", db, enrolled["request"])["device_id"] == init["device_id"]

    batch = json.loads(ok(run(env, "batch", "export", "--out", usb, *store)).stdout)
    assert batch["records"] >= 2 and Path(batch["file"]).suffix == ".zhb"
    received = county("import", "--db", db, batch["file"])
    assert received["accepted"] >= 2 and received["rejected"] == [], received
    applied = json.loads(ok(run(env, "batch", "import-receipt", received["receipt_file"], *store)).stdout)
    assert applied["accepted"] == received["accepted"] and applied["rejected"] == 0
    status = json.loads(ok(run(env, "sync", "status", *store)).stdout)
    assert status["pending"] == 0 and status["ready_batches"] == 0


def test_ledgers_in_and_out(dist, env, tmp_path):
    """A national-system ledger in (python-calamine reads it), the month's ledgers out (openpyxl)."""
    from openpyxl import load_workbook

    from app.ledger.sample import write_national_sample
    data = tmp_path / "store"
    store = ("--data", data, "--passphrase-stdin", "--json")
    ok(run(env, "init", "--user", "王芳", *store))
    planted = write_national_sample(tmp_path / "台账.xlsx", households=30, seed=2)
    bad = sum(len(rows) for rows in planted["bad"].values())
    proc = run(env, "import-ledger", tmp_path / "台账.xlsx", "--report", tmp_path / "report.xlsx", *store)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr  # 3: rows were rejected
    result = json.loads(proc.stdout)
    assert (result["imported"], result["rejected"]) == (planted["rows"] - bad, bad)
    assert load_workbook(result["report"])["未导入"].max_row == bad + 1
    out = json.loads(ok(run(env, "export-ledger", "roster", "--out", tmp_path / "roster.xlsx", *store)).stdout)
    assert out["rows"] == result["imported"]
    month = clock.today().strftime("%Y-%m")
    visits = json.loads(ok(run(env, "export-ledger", "visits", "--month", month, "--out", tmp_path / "v.xlsx",
                               *store)).stdout)
    assert visits["rows"] == 0 and load_workbook(visits["path"]).sheetnames == ["走访台账"]


def test_the_window_starts(dist, env, tmp_path):
    """zhucun-gui with no store yet: it offers the first run and keeps running."""
    env["ZHUCUN_DATA"] = str(tmp_path / "empty")
    err = tmp_path / "gui.err"
    with open(err, "w", encoding="utf-8") as stderr:
        proc = subprocess.Popen([str(GUI)], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            time.sleep(6)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    log = err.read_text("utf-8", errors="replace")
    assert alive, f"the window exited with {proc.returncode}:\n{log}"
    assert "Traceback" not in log and "could not load the Qt platform plugin" not in log.lower(), log


def test_every_screen_renders(dist, env, tmp_path):
    """`zhucun screenshots` drives the whole window on a demo village: every page, the form
    filler and signature pad, printing from the dialog (the sync pictures need the county
    server, which is not packaged)."""
    out = tmp_path / "shots"
    proc = ok(run(env, "screenshots", "--out", out, "--households", "20", stdin=None))
    shots = sorted(p.name for p in out.glob("*.png"))
    assert {"03-home.png", "06-household-file.png", "12-form-filler.png", "15-print-done.png"} <= set(shots), \
        proc.stdout
    assert all((out / name).stat().st_size > 10_000 for name in shots)
