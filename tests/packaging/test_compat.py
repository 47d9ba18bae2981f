"""The Kylin/UOS build (scripts/build_linux_compat.sh): the program built in a Debian 11 root
needs nothing newer than glibc 2.31, its .deb is well formed, and it runs on glibc 2.31 — in
the root it was built in, and installed with apt from the .deb into a bare bullseye root.

The build is made once per session when the .deb is missing or older than a source, or always
with ZHUCUN_REBUILD=1; the slow parts (the root, CPython, the wheels) are cached outside the clone
(ZHUCUN_COMPAT_CACHE). Needs root (debootstrap, chroot). Deselect with -m "not packaging".
"""
from __future__ import annotations

import configparser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from app import __version__

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is built on Linux"),
]

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "dist" / "linux-compat"
FOLDER = OUT / "zhucun"
DEB = OUT / f"zhucun_{__version__}_amd64.deb"
CHROOT_SH = ROOT / "scripts" / "compat" / "chroot.sh"
CACHE = Path(os.environ.get("ZHUCUN_COMPAT_CACHE", "/var/cache/zhucun-build/bullseye"))
GLIBC_MAX = (2, 31)        # Debian 11, Ubuntu 20.04 (Kylin V10), UOS 20
GLIBCXX_MAX = (3, 4, 28)   # bullseye's libstdc++ (GCC 10)
PASS = "passphrase1"
# A window that has not exited after this long has started (it waits for the user).
WINDOW_SECONDS = 6


def _newest_source() -> float:
    files = [ROOT / "build.spec", ROOT / "pyproject.toml", ROOT / "scripts" / "build_linux_compat.sh",
             *(ROOT / "app").rglob("*.py")]
    for folder in ("forms", "resources", "scripts/compat", "packaging/deb"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


@pytest.fixture(scope="session")
def deb() -> Path:
    if os.geteuid() != 0:
        pytest.skip("the bullseye root needs root: debootstrap, chroot and mounts")
    if not DEB.exists() or DEB.stat().st_mtime < _newest_source() or os.environ.get("ZHUCUN_REBUILD") == "1":
        start = time.monotonic()
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "build_linux_compat.sh")], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=3600)
        assert proc.returncode == 0, f"build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
        print(f"\nbuilt {DEB} in {time.monotonic() - start:.0f} s", file=sys.stderr)
    assert DEB.is_file() and (FOLDER / "zhucun").is_file()
    return DEB


def in_root(root: Path, script: str, *args: str, stdin: str | None = None,
            timeout: int = 900) -> subprocess.CompletedProcess:
    """A shell script run as root inside a Debian root (scripts/compat/chroot.sh), with arguments."""
    return subprocess.run(
        ["bash", "-c", 'source "$1"; compat_run "$2" sh -c "$3" sh "${@:4}"', "in_root",
         str(CHROOT_SH), str(root), script, *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)


def ok(proc) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout[-4000:]}\nstderr: {proc.stderr[-4000:]}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _elf_files(folder: Path) -> list[Path]:
    files = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def test_no_binary_needs_a_glibc_newer_than_2_31(deb):
    """objdump -T lists the versioned symbols each ELF file takes from the system: none may be
    newer than GLIBC_2.31 (nor GLIBCXX newer than bullseye's libstdc++)."""
    elves = _elf_files(FOLDER)
    names = {p.name for p in elves}
    assert {"zhucun", "zhucun-gui"} <= names and any(n.startswith("libQt6Core") for n in names), sorted(names)
    too_new = {}
    highest = (0,)
    for path in elves:
        dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True).stdout
        glibc = {_version(v) for v in re.findall(r"\bGLIBC_([0-9.]+)\b", dump)}
        glibcxx = {_version(v) for v in re.findall(r"\bGLIBCXX_([0-9.]+)\b", dump)}
        highest = max([highest, *glibc])
        bad = sorted(v for v in glibc if v > GLIBC_MAX) + sorted(v for v in glibcxx if v > GLIBCXX_MAX)
        if bad:
            too_new[str(path.relative_to(FOLDER))] = bad
    assert not too_new, f"need a glibc or libstdc++ newer than Debian 11's: {too_new}"
    assert (2, 17) <= highest <= GLIBC_MAX
    print(f"\nhighest GLIBC symbol needed: GLIBC_{'.'.join(map(str, highest))} ({len(elves)} ELF files)",
          file=sys.stderr)


def _fields(deb: Path) -> dict[str, str]:
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.M))


def _listing(deb: Path) -> dict[str, tuple[str, str]]:
    """Path in the package -> (mode, owner)."""
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    files = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        files[path.split(" -> ")[0].removeprefix(".")] = (mode, owner)
    return files


def test_the_package(deb):
    fields = _fields(deb)
    assert fields["Package"] == "zhucun" and fields["Version"] == __version__
    assert fields["Architecture"] == "amd64"
    assert "fonts-wqy-microhei" in fields["Recommends"]
    depends = [d.strip() for d in fields["Depends"].split(",")]
    libc = next(d for d in depends if d.startswith("libc6 "))
    assert _version(re.search(r">= ([0-9.]+)", libc).group(1)) <= GLIBC_MAX
    assert int(fields["Installed-Size"]) > 50_000  # KiB: Qt, Python and the fonts
    assert "Kylin" in subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True,
                                     check=True).stdout

    files = _listing(deb)
    for path in ("/opt/zhucun/zhucun", "/opt/zhucun/zhucun-gui", "/usr/bin/zhucun"):
        assert files[path][0] == "-rwxr-xr-x", (path, files[path])
    assert "/usr/share/applications/zhucun.desktop" in files
    assert "/usr/share/icons/hicolor/scalable/apps/zhucun.svg" in files
    assert "/usr/share/icons/hicolor/256x256/apps/zhucun.png" in files
    assert any(p.startswith("/opt/zhucun/_internal/resources/fonts/") for p in files)
    assert {owner for _mode, owner in files.values()} == {"root/root"}
    assert not [p for p in files if not p.startswith(("/opt/zhucun", "/usr/bin/", "/usr/share/"))
                and p not in ("/", "/opt/", "/usr/")]


def _member(deb: Path, path: str) -> bytes:
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        return archive.extractfile("." + path).read()


def test_the_desktop_entry(deb, tmp_path):
    entry = tmp_path / "zhucun.desktop"
    entry.write_bytes(_member(deb, "/usr/share/applications/zhucun.desktop"))
    proc = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    assert desktop["Name"] == "驻村" and desktop["Name[en]"] == "Zhucun"
    assert "Office" in desktop["Categories"].split(";") and desktop["Icon"] == "zhucun"
    assert desktop["Exec"].split()[0] in _listing(deb)
    png = _member(deb, "/usr/share/icons/hicolor/256x256/apps/zhucun.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (256).to_bytes(4, "big") * 2


# Inside a root: the command line's version, a new store with the passphrase on standard input,
# a household in it, and the window (offscreen) still running after WINDOW_SECONDS.
RUN_SCRIPT = """set -e
prog="$1"; data="$2"
rm -rf "$data"
"$prog/zhucun" --version
echo @@
read -r pass
printf '%s\\n' "$pass" | "$prog/zhucun" init --user 王芳 --data "$data" --passphrase-stdin --json
echo @@
printf '%s\\n' "$pass" | "$prog/zhucun" household add --head 张三 --category 脱贫户 --data "$data" \
    --passphrase-stdin --json
echo @@
QT_QPA_PLATFORM=offscreen ZHUCUN_DATA="$data.empty" "$prog/zhucun-gui" 2> /tmp/gui.err &
sleep {seconds}
if kill -0 $! 2>/dev/null; then echo window-alive; kill $!; else echo window-exited; fi
cat /tmp/gui.err >&2
rm -rf "$data" "$data.empty"
""".format(seconds=WINDOW_SECONDS)


def _check_run(proc) -> None:
    ok(proc)
    version, init, household, window = proc.stdout.split("@@\n")
    assert version.strip() == f"zhucun {__version__}", proc.stdout
    assert json.loads(init)["recovery_code"]
    assert json.loads(household)["id"]
    assert window.strip() == "window-alive", proc.stdout + proc.stderr
    assert "could not load the qt platform plugin" not in proc.stderr.lower(), proc.stderr
    assert "GLIBC" not in proc.stderr, proc.stderr


def test_runs_on_glibc_2_31(deb):
    """The built folder (dist/linux-compat/zhucun) in the bullseye root it was built in (glibc 2.31)."""
    inside = f"/build/run-{os.getpid()}"
    shutil.copytree(FOLDER, CACHE / "root" / inside.lstrip("/") / "zhucun", symlinks=True)
    try:
        proc = in_root(CACHE / "root", RUN_SCRIPT, f"{inside}/zhucun", f"{inside}/store", stdin=PASS + "\n")
    finally:
        shutil.rmtree(CACHE / "root" / inside.lstrip("/"))
    _check_run(proc)
    assert ok(in_root(CACHE / "root", "ldd --version")).stdout.startswith("ldd (Debian GLIBC 2.31")


def test_the_deb_installs_with_apt_and_runs(deb, tmp_path):
    """A bare bullseye root: apt installs the .deb and what it depends on, nothing it recommends;
    no library in /opt/zhucun is left unresolved; /usr/bin/zhucun runs and the window starts."""
    root = tmp_path / "bullseye"
    root.mkdir()
    subprocess.run(["tar", "-C", str(root), "-xf", str(CACHE / "runtime.tar")], check=True)
    archives = CACHE / "archives"  # the dependencies' .debs, kept between runs
    archives.mkdir(exist_ok=True)
    apt_cache = root / "var" / "cache" / "apt" / "archives"
    for cached in archives.glob("*.deb"):
        shutil.copy2(cached, apt_cache)
    shutil.copy2(deb, root / "root" / deb.name)
    install = ok(in_root(root, f"apt-get update -qq && apt-get install -y -qq /root/{deb.name} && dpkg -s zhucun"))
    assert "Status: install ok installed" in install.stdout
    for fetched in apt_cache.glob("*.deb"):
        if not (archives / fetched.name).exists():
            shutil.copy2(fetched, archives)

    # the libraries of the folder as the program loads them (its bootloader puts _internal first)
    missing = ok(in_root(root, "LD_LIBRARY_PATH=/opt/zhucun/_internal find /opt/zhucun -name '*.so*' -type f "
                               "-exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true"))
    assert not missing.stdout.strip(), missing.stdout
    assert ok(in_root(root, "zhucun --version")).stdout.strip() == f"zhucun {__version__}"
    _check_run(in_root(root, RUN_SCRIPT, "/opt/zhucun", "/root/compat-store", stdin=PASS + "\n"))
    assert (root / "usr" / "share" / "applications" / "zhucun.desktop").is_file()
    _window_maps_on_xvfb(root, tmp_path)
    ok(in_root(root, "apt-get remove -y -qq zhucun"))
    assert not (root / "opt" / "zhucun").exists() and not (root / "usr" / "bin" / "zhucun").exists()


def _window_maps_on_xvfb(root: Path, tmp_path: Path) -> None:
    """The real window, through Qt's xcb plugin and the libraries the package depends on, on an
    Xvfb screen of this machine (the root shares its network namespace: X's abstract socket)."""
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        display = ":" + xvfb.stdout.readline().strip()
        gui = subprocess.Popen(
            ["bash", "-c", 'source "$1"; compat_run "$2" sh -c "$3"', "gui", str(CHROOT_SH), str(root),
             f"ZHUCUN_DATA=/root/xcb-store QT_QPA_PLATFORM=xcb DISPLAY={display} /usr/bin/zhucun & sleep 20; kill $!"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        found = ""
        deadline = time.monotonic() + 18
        while not found and time.monotonic() < deadline and gui.poll() is None:
            time.sleep(0.5)
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Zhucun"],
                                   env={**os.environ, "DISPLAY": display}, capture_output=True, text=True).stdout
        _out, err = gui.communicate(timeout=60)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=20)
    assert found.strip(), f"no window of Zhucun mapped on {display}:\n{err}"
    assert "could not load the qt platform plugin" not in err.lower() and "Traceback" not in err, err
