"""The real window, not offscreen: the program started as a user starts it, on Qt's xcb
platform plugin under a virtual X server (Xvfb), maps its first window and closes cleanly
when the window is closed. It fails when a library the xcb plugin needs is missing
(ZHUCUN_APT_PACKAGES in scripts/setup.sh)."""
import ctypes
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TITLE = "驻村 Zhucun — 开始使用"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is the Linux desktop")


@pytest.fixture
def display():
    """A private Xvfb on a display number it picks itself; stopped after the test."""
    read, write = os.pipe()
    try:
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                                   "-nolisten", "tcp"], pass_fds=(write,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        pytest.fail("Xvfb is missing: install the Debian package xvfb (./run-tests does, as root)")
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(30)


def x11(display: str, *args: str) -> str:
    return subprocess.run(list(args), env={**os.environ, "DISPLAY": display}, check=True,
                          capture_output=True, text=True, timeout=30).stdout


def find_window(display: str, title: str) -> str | None:
    for line in x11(display, "xwininfo", "-root", "-tree").splitlines():
        m = re.match(r'\s*(0x[0-9a-f]+) "(.*)":', line)
        if m and m.group(2) == title:
            return m.group(1)
    return None


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _Event(ctypes.Union):
    _fields_ = [("message", _ClientMessage), ("pad", ctypes.c_long * 24)]


def close_window(display: str, window: str) -> None:
    """What a window manager sends when the user clicks the close button: WM_DELETE_WINDOW."""
    xlib = ctypes.CDLL("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                ctypes.POINTER(_Event)]
    xlib.XFlush.argtypes = xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = xlib.XOpenDisplay(display.encode())
    assert dpy, f"cannot open display {display}"
    try:
        event = _Event()
        m = event.message
        m.type, m.send_event, m.display, m.window, m.format = 33, 1, dpy, int(window, 16), 32  # ClientMessage
        m.message_type = xlib.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
        m.data[0] = xlib.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
        xlib.XSendEvent(dpy, int(window, 16), 0, 0, ctypes.byref(event))
        xlib.XFlush(dpy)
    finally:
        xlib.XCloseDisplay(dpy)


def test_the_program_maps_its_window_on_x11_and_closes_cleanly(display, tmp_path):
    data = tmp_path / "用户 张三" / "Zhucun"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "ZHUCUN_DATA": str(data), "ZHUCUN_CONFIG": str(tmp_path / "settings.ini")}
    env.pop("WAYLAND_DISPLAY", None)
    log = tmp_path / "program.log"
    with open(log, "wb") as out:
        program = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        window = None
        deadline = time.monotonic() + 120
        while window is None and program.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
            window = find_window(display, TITLE)
        assert window, f"no window {TITLE!r}; the program said:\n{log.read_text(errors='replace')}"
        info = x11(display, "xwininfo", "-id", window)
        assert "Map State: IsViewable" in info
        width, height = (int(re.search(rf"{k}: (\d+)", info).group(1)) for k in ("Width", "Height"))
        assert width > 400 and height > 300

        close_window(display, window)
        assert program.wait(60) == 0, log.read_text(errors="replace")
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    said = log.read_text(errors="replace")
    assert "Traceback" not in said and "could not load the Qt platform plugin" not in said.lower()
    assert not data.exists()  # opening the window writes nothing until a store is made
