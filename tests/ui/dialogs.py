"""Driving modal dialogs from a test."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def drive(trigger, fill):
    """Run `trigger` (which opens a modal dialog and waits for it) while `fill(dialog)` works the
    dialog; a dialog `fill` leaves open is closed so that a failed check cannot hang the test."""
    seen = {}

    def act():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = dialog
        try:
            fill(dialog)
        except BaseException as e:  # noqa: BLE001 - re-raised after the dialog is gone
            seen["error"] = e
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, act)
    result = trigger()
    if "error" in seen:
        raise seen["error"]
    return seen.get("dialog"), result
