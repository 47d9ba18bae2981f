"""The Windows program (scripts/build.sh windows: dist/windows/) run under Wine as a village laptop
runs it: zhucun.exe makes a store in a folder with Chinese characters, builds a demo village,
records a visit, prints a handbook, round-trips a backup, exports a USB batch the county accepts
and renders every screen; zhucun-gui.exe opens its first window (Qt's Windows platform, on Xvfb);
the installer installs silently for the user alone, upgrades in place, and its uninstaller
leaves the data folder.

The build is made once per session when it is missing or older than a source, or always with
ZHUCUN_REBUILD=1; the Wine prefixes, the Windows Python and the wheels are cached outside the
clone (ZHUCUN_BUILD_CACHE, scripts/windows/wine.sh). Deselect with -m "not windows".
"""
from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import __version__
from app.core import clock
from tests.support.packaged import PASS, ROOT, county, ok

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.windows,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built and run under Wine on Linux"),
]

OUT = ROOT / "dist" / "windows"
FOLDER = OUT / "zhucun"
SETUP = OUT / f"Zhucun-Setup-{__version__}.exe"
CACHE = Path(os.environ.get("ZHUCUN_BUILD_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhucun-build")
STUBS = {"icuuc.dll", "bcryptprimitives.dll"}  # Wine's stand-ins: never shipped
# Windows ships Microsoft YaHei and SimSun; the test machine's prefix gets free CJK fonts instead.
FONTS = [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
         Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
         Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")]
WINDOW_SECONDS = 120  # the longest a first window may take to map under Wine on a busy machine


def _newest_source() -> float:
    files = [ROOT / "build.spec", ROOT / "pyproject.toml", ROOT / "scripts" / "build_windows.sh",
             *(ROOT / "app").rglob("*.py")]
    for folder in ("forms", "resources", "scripts/windows", "installer"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


def _bash(script: str, *args: str, timeout: int = 600) -> None:
    """A function of scripts/windows/wine.sh."""
    proc = subprocess.run(["bash", "-c", f'source scripts/setup.sh; source scripts/windows/wine.sh; {script}',
                           "_", *args], cwd=ROOT, capture_output=True, text=True, errors="replace",
                          timeout=timeout)
    assert proc.returncode == 0, f"{script}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"


def win(path: Path | str) -> str:
    """A Unix path as the Windows program sees it (Wine's drive Z: is /)."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def unix(path: str) -> Path:
    """A path the Windows program printed (Z:\\…) as this machine sees it."""
    assert re.match(r"[Zz]:\\", path), path
    return Path(path[2:].replace("\\", "/"))


@pytest.fixture(scope="session")
def windist() -> Path:
    cli = FOLDER / "zhucun.exe"
    stale = not cli.exists() or not SETUP.exists() or cli.stat().st_mtime < _newest_source()
    if stale or os.environ.get("ZHUCUN_REBUILD") == "1":
        start = time.monotonic()
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "build.sh"), "windows"], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=3600)
        assert proc.returncode == 0, f"build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
        print(f"\nbuilt {OUT} in {time.monotonic() - start:.0f} s", file=sys.stderr)
    assert cli.is_file() and (FOLDER / "zhucun-gui.exe").is_file() and SETUP.is_file()
    return FOLDER


@pytest.fixture(scope="session")
def display():
    """An X server for Wine's windows (and the installer's, though silent)."""
    proc = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    number = proc.stdout.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=30)


def _prefix(path: Path) -> Path:
    """A Wine prefix with the stand-in DLLs and CJK fonts in C:\\windows\\Fonts (as Windows has)."""
    _bash('zhucun_wine_prefix "$1"', str(path))
    fonts = path / "drive_c" / "windows" / "Fonts"
    for font in FONTS:
        if font.exists() and not (fonts / font.name).exists():
            shutil.copy(font, fonts / font.name)
    return path


def _env(prefix: Path, display: str) -> dict:
    drop = ("PYTHON", "PIP_", "QT_", "VIRTUAL_ENV", "LD_LIBRARY_PATH", "ZHUCUN_DATA", "ZHUCUN_FONT_DIR")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(WINEPREFIX=str(prefix), WINEARCH="win64", WINEDEBUG="-all", DISPLAY=display, LC_ALL="C.UTF-8",
               WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")  # as scripts/windows/wine.sh
    if os.environ.get("ZHUCUN_LOG_DIR"):
        env["ZHUCUN_LOG_DIR"] = win(os.environ["ZHUCUN_LOG_DIR"])
    return env


@pytest.fixture(scope="session")
def wine(windist, display) -> dict:
    """The environment of a Windows machine under Wine: its own prefix, kept between runs."""
    return _env(_prefix(CACHE / "wine-run"), display)


def run(env: dict, exe: Path | str, *args, stdin: str = PASS + "\n", timeout: int = 600):
    """A Windows program under Wine; every standard stream a pipe (Python under Wine dies
    writing to a file). Paths become Z:\\ paths."""
    args = [win(a) if isinstance(a, Path) else str(a) for a in args]
    return subprocess.run(["wine", str(exe), *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env, cwd=ROOT, timeout=timeout)


def zhucun(env, *args, **kw):
    return run(env, FOLDER / "zhucun.exe", *args, **kw)


def as_json(proc) -> dict | list:
    return json.loads(ok(proc).stdout)


def test_the_folder(windist):
    """The two programs and their libraries; Qt's Windows platform; no fonts (Windows has its
    own, Microsoft's may not be redistributed); nothing of the county server; none of Wine's
    stand-ins."""
    internal = windist / "_internal"
    names = {p.name.lower() for p in windist.rglob("*")}
    assert {"python311.dll", "qt6core.dll", "qwindows.dll", "qoffscreen.dll"} <= names
    assert not names & STUBS and "opengl32sw.dll" not in names  # the window never uses OpenGL
    assert not list((internal / "resources").glob("fonts/*"))
    assert (internal / "resources" / "baselines.json").is_file() and list((internal / "forms").iterdir())
    for name in ("county_server", "fastapi", "uvicorn", "sqlalchemy", "psycopg", "pytest", "tkinter"):
        assert not (internal / name).exists(), name
    assert SETUP.stat().st_size > 10_000_000


def test_version(wine):
    proc = ok(zhucun(wine, "--version", stdin=""))
    assert proc.stdout.strip() == f"zhucun {__version__}"


def test_the_command_line_end_to_end(wine, tmp_path):
    """A user folder with Chinese characters, as on C:\\Users\\张三."""
    home = tmp_path / "Users" / "张三" / "AppData" / "Roaming"
    data, demo, restored = home / "Zhucun", home / "示范村", home / "恢复"

    init = as_json(zhucun(wine, "init", "--user", "王芳", "--data", data, "--passphrase-stdin", "--json"))
    assert init["recovery_code"]
    assert not (data / "zhucun.db").read_bytes()[:16].startswith(b"SQLite format 3")

    store = ("--data", demo, "--passphrase-stdin", "--json")
    village = as_json(zhucun(wine, "demo", "--households", "20", *store))
    assert village["households"] == 20
    households = as_json(zhucun(wine, "households", *store))
    assert len(households) == 20
    house = households[0]

    today = clock.today().isoformat()
    visit = as_json(zhucun(wine, "visit", "add", "--household", house["id"], "--date", today, "--mode", "home",
                           "--note", "入户走访：了解务工收入和医疗支出", *store))
    visits = as_json(zhucun(wine, "visit", "list", "--household", house["id"], *store))
    assert visit["id"] in {v["id"] for v in visits}

    pdf = tmp_path / "手册.pdf"
    ok(zhucun(wine, "print", "handbook", "--household", house["id"], "--out", pdf, *store))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert fonts.splitlines()[2:] and all(" yes " in row for row in fonts.splitlines()[2:]), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout
    assert house["head_name"] in text

    backup = as_json(zhucun(wine, "backup", "--out", home / "备份" / "示范村.zhucun-backup", *store))
    assert unix(backup["path"]) == home / "备份" / "示范村.zhucun-backup"
    done = as_json(zhucun(wine, "restore", home / "备份" / "示范村.zhucun-backup", "--data", restored,
                          "--passphrase-stdin", "--json"))
    assert done["entries"] == backup["audit_entries"]
    assert as_json(zhucun(wine, "households", "--data", restored, "--passphrase-stdin", "--json")) == households

    # The USB trip: enrolled from the county's file, the batch exported, the county takes it.
    usb = tmp_path / "U盘"
    db = f"sqlite:///{tmp_path / 'county' / 'county.db'}"
    county("init", "--db", db, "--name", "测试县")
    code = county("enroll", "--db", db, "--village", "示范村", "--township", "示范乡", "--out", usb)
    enrolled = as_json(zhucun(wine, "enroll", "--file", Path(code["file"]), *store))
    assert enrolled["enrolled"]
    assert county("import", "--db", db, unix(enrolled["request"]))["device_id"]
    batch = as_json(zhucun(wine, "batch", "export", "--out", usb, *store))
    assert batch["records"] >= 20 and unix(batch["file"]).suffix == ".zhb"
    received = county("import", "--db", db, unix(batch["file"]))
    assert received["accepted"] >= 20 and received["rejected"] == [], received


def test_every_screen_renders(wine, tmp_path):
    """Drawn by Qt's Windows platform plugin on Xvfb, as on a laptop's screen."""
    out = tmp_path / "shots"
    env = dict(wine, WINEQT_QPA_PLATFORM="windows")  # Wine passes WINEQT_* on as QT_*
    proc = ok(zhucun(env, "screenshots", "--out", out, "--households", "20", stdin="", timeout=1200))
    shots = sorted(p.name for p in out.glob("*.png"))
    assert {"03-home.png", "06-household-file.png", "12-form-filler.png"} <= set(shots), proc.stdout
    assert all((out / name).stat().st_size > 10_000 for name in shots)


def _mapped_windows(display: str, name: str) -> list[str]:
    proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                          env=dict(os.environ, DISPLAY=display), capture_output=True, text=True)
    return proc.stdout.split()


def test_the_window_maps(wine, display, tmp_path):
    """zhucun-gui.exe with no store yet: Qt's Windows platform plugin under Wine maps the first
    run's window on the X server."""
    env = dict(wine, ZHUCUN_DATA=win(tmp_path / "empty"))
    proc = subprocess.Popen(["wine", str(FOLDER / "zhucun-gui.exe")], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + WINDOW_SECONDS
        while time.monotonic() < deadline and not _mapped_windows(display, "Zhucun"):
            assert proc.poll() is None, proc.stdout.read().decode("utf-8", "replace")
            time.sleep(1)
        assert _mapped_windows(display, "Zhucun"), f"no window mapped in {WINDOW_SECONDS} s"
    finally:
        subprocess.run(["wineserver", "-k"], env=env, timeout=60)
        proc.wait(timeout=60)


def test_the_installer(windist, display, tmp_path):
    """Silently (/S), for the user alone, into %LOCALAPPDATA%\\Programs\\Zhucun; shortcuts named
    驻村; the installed program keeps its store in %APPDATA%\\Zhucun; installing again upgrades in
    place; the uninstaller removes the program and leaves the data."""
    prefix = _prefix(tmp_path / "prefix")
    env = _env(prefix, display)
    user = prefix / "drive_c" / "users" / pwd.getpwuid(os.getuid()).pw_name
    installed = user / "AppData" / "Local" / "Programs" / "Zhucun"
    data = user / "AppData" / "Roaming" / "Zhucun"

    def wait():
        subprocess.run(["wineserver", "-w"], env=env, timeout=600)

    ok(run(env, SETUP, "/S", stdin=""))
    wait()
    assert (installed / "zhucun.exe").is_file() and (installed / "uninstall.exe").is_file()
    assert (user / "Desktop" / "驻村.lnk").is_file()
    assert list(user.glob("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/驻村.lnk"))
    registry = (prefix / "user.reg").read_text("utf-8", errors="replace")
    assert "CurrentVersion\\\\Uninstall\\\\Zhucun" in registry
    assert not (prefix / "system.reg").read_text("utf-8", errors="replace").count("Uninstall\\\\Zhucun")

    exe = installed / "zhucun.exe"
    assert ok(run(env, exe, "--version", stdin="")).stdout.strip() == f"zhucun {__version__}"
    init = json.loads(ok(run(env, exe, "init", "--user", "王芳", "--passphrase-stdin", "--json")).stdout)
    assert init["recovery_code"] and (data / "zhucun.db").is_file()
    # The installed program does the month's work: a demo village, a handbook, a backup restored.
    work = tmp_path / "办公"
    demo = ("--data", work / "示范村", "--passphrase-stdin", "--json")
    assert json.loads(ok(run(env, exe, "demo", "--households", "8", *demo)).stdout)["households"] == 8
    house = json.loads(ok(run(env, exe, "households", *demo)).stdout)[0]
    pdf = work / "手册.pdf"
    ok(run(env, exe, "print", "handbook", "--household", house["id"], "--out", pdf, *demo))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout
    assert house["head_name"] in text
    backup = json.loads(ok(run(env, exe, "backup", "--out", work / "备份.zhucun-backup", *demo)).stdout)
    ok(run(env, exe, "restore", work / "备份.zhucun-backup", "--data", work / "恢复", "--passphrase-stdin"))
    restored = json.loads(ok(run(env, exe, "households", "--data", work / "恢复", "--passphrase-stdin",
                                 "--json")).stdout)
    assert backup["audit_entries"] > 0 and house in restored

    # Upgrade in place: the same folder; what the old version had and the new one lacks is gone.
    stale = installed / "_internal" / "stale-from-the-old-version.dll"
    stale.write_bytes(b"old")
    ok(run(env, SETUP, "/S", stdin=""))
    wait()
    assert not stale.exists() and (installed / "zhucun.exe").is_file()
    assert ok(run(env, exe, "--version", stdin="")).stdout.strip() == f"zhucun {__version__}"

    ok(run(env, installed / "uninstall.exe", "/S", stdin=""))
    wait()
    assert not (installed / "zhucun.exe").exists() and not (installed / "_internal").exists()
    assert not (user / "Desktop" / "驻村.lnk").exists()
    assert "Uninstall\\\\Zhucun" not in (prefix / "user.reg").read_text("utf-8", errors="replace")
    assert (data / "zhucun.db").is_file(), "the uninstaller must never delete the data folder"
