"""Type pinyin through the system's input method into the real window and say what happened.

Run under an X display with an IBus daemon on the pinyin engine (scripts/ime_check.sh starts
Xvfb, D-Bus and IBus with ibus-libpinyin, then this). It opens a small demo village, focuses
the households page's search box and then the member dialog's name field, types pinyin with
xdotool as a person would, and checks: the composition shows in place (the preedit reaches the
focused field, not a separate window), the candidate window opens next to the caret, a
candidate commits Chinese characters, and the ID number field takes digits with no input method.
Prints one JSON object; screenshots go to --out.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=20).stdout.strip()


def candidate_window() -> tuple[int, int, int, int] | None:
    """The geometry of the IBus candidate popup, if one is mapped."""
    ids = xdotool("search", "--onlyvisible", "--class", "ibus-ui-gtk3").split()
    best = None
    for wid in ids:
        out = xdotool("getwindowgeometry", "--shell", wid)
        geo = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        box = tuple(int(geo[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
        if box[2] > 20 and box[3] > 10 and (best is None or box[2] * box[3] > best[2] * best[3]):
            best = box
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="ime-check")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_IM_MODULE", "ibus")
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from app.core import clock
    from app.demo import build as demo
    from app.storage.store import Store
    from app.ui.households.member_dialog import MemberDialog
    from app.ui.mainwindow.main import MainWindow, make_app
    from app.ui.mainwindow.session import Session

    app = make_app()
    work = Path(tempfile.mkdtemp(prefix="zhucun-ime-"))
    fast = {"algorithm": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}
    demo.build_demo(work / "village", "passphrase1", 20, seed=3, today=clock.today(), kdf_params=fast)
    store = Store.open(work / "village", "passphrase1")
    session = Session(store)
    window = MainWindow(session)
    window.showNormal()
    window.resize(1200, 700)

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    preedits: list[str] = []

    def watch(widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Spy(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
                if event.type() == QEvent.Type.InputMethod and event.preeditString():
                    preedits.append(event.preeditString())
                return False
        spy = Spy(widget)
        widget.installEventFilter(spy)

    def shot(name: str) -> str:
        path = out / name
        subprocess.run(["import", "-window", "root", str(path)], timeout=30, check=False)
        return str(path)

    def type_pinyin(widget, pinyin: str, name: str) -> dict:
        widget.activateWindow()
        widget.setFocus()
        settle(0.5)
        preedits.clear()
        xdotool("type", "--delay", "120", pinyin)
        settle(1.0)
        caret = widget.mapToGlobal(widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).bottomLeft())
        popup = candidate_window()
        image = shot(f"{name}-composing.png")
        xdotool("key", "space")
        settle(0.8)
        text = widget.text()
        near = popup is not None and abs(popup[0] - caret.x()) < 250 and 0 <= popup[1] - caret.y() < 120
        return {"typed": pinyin, "preedit_in_place": bool(preedits), "preedit": preedits[-1] if preedits else "",
                "candidate_window": popup, "caret": [caret.x(), caret.y()], "candidates_near_caret": near,
                "committed": text, "screenshot": image}

    settle(2.0)
    window.nav.setCurrentRow(1)
    settle(1.0)
    search = window.households.search
    watch(search)
    report = {"im_module": os.environ.get("QT_IM_MODULE"), "platform": QGuiApplication.platformName(),
              "search": type_pinyin(search, "zhang", "search")}
    hid = session.store.conn.execute("SELECT id FROM households WHERE deleted = 0 LIMIT 1").fetchone()[0]
    dialog = MemberDialog(session, hid, parent=window)
    dialog.show()
    settle(1.0)
    watch(dialog.name)
    report["member_name"] = type_pinyin(dialog.name, "wangfang", "member-name")
    # The ID number takes digits straight from the keyboard: no composition, no candidates.
    dialog.id_number.setFocus()
    settle(0.4)
    preedits.clear()
    xdotool("type", "--delay", "80", os.environ.get("IME_ID_KEYS", "43052119900101123x"))
    settle(0.8)
    report["id_number"] = {"text": dialog.id_number.text(), "preedit": preedits[-1] if preedits else "",
                           "ime_enabled": dialog.id_number.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled),
                           "screenshot": shot("member-id-number.png")}
    dialog.reject()
    window.close()
    store.close()
    ok = (report["search"]["preedit_in_place"] and report["search"]["committed"] != ""
          and all("\u4e00" <= ch <= "\u9fff" for ch in report["search"]["committed"])
          and report["member_name"]["committed"] != "" and report["id_number"]["text"].upper() == "43052119900101123X"
          and not report["id_number"]["preedit"])
    report["ok"] = bool(ok)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
