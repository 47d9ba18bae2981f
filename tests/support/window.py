"""Working the window from a test: driving a modal dialog, typing as a person does, and a demo
household whose file fills the household survey completely."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.core.forms.engine import evaluate
from app.services import forms

# What a visit finds out that the household file does not say.
VISIT = {"education_ok": "yes", "medical_ok": "yes", "water_quantity_ok": "yes", "water_quality_ok": "yes",
         "water_access_ok": "yes", "water_reliable_ok": "yes"}


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


def type_into(qtbot, filler, path, text):
    """Typed by the person into a form filler's cell: keys for ASCII, an input-method commit (as
    pinyin input gives) for Chinese."""
    line = filler.cells[path].editor.line
    line.clear()
    line.setFocus()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)


def complete_household(store, today):
    """A demo household without forms whose file, with what a visit adds, fills the form completely."""
    form = forms.get_form(store, "household_info")
    for row in store.query("SELECT id FROM households h WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM"
                           " form_instances f WHERE f.household_id = h.id) ORDER BY id"):
        answers = forms.prefill(store, form, row["id"], today) | VISIT
        if len(answers.get("members") or []) >= 2 and evaluate(form, answers, today).complete:
            return row["id"]
    pytest.skip("no demo household fills the form completely")


FORMS = Path(__file__).resolve().parents[1] / "data" / "forms"


def open_form(qtbot, session, hid, path, form_id):
    """A form imported from a file and opened in the form window for a household, shown."""
    from app.ui.forms.form_filler import FormFiller
    forms.import_form(session.store, path)
    window = FormFiller(session, form_id, hid)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
