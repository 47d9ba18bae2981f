"""The window says what the command line says: a full disk or a read-only folder as a sentence,
an unforeseen error (in a slot, or in a background task) as a sentence with the log's
reference; never a traceback, never the exception's own text (it may hold a name)."""
from __future__ import annotations

import errno

import pytest
from PySide6.QtWidgets import QMessageBox

from app import log
from app.ui.widgets import errors
from app.ui.mainwindow.main import _window_excepthook
from app.ui.mainwindow.worker import Task

NAME = "蒯瑾瑜"


@pytest.fixture
def shown(qapp, monkeypatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    return texts


def _logged(ref: str) -> str:
    text = (log.log_dir() / log.LOG_NAME).read_text("utf-8")
    assert ref in text and NAME not in text
    return text


def test_disk_full_and_read_only_are_sentences(qapp):
    full = errors.message(OSError(errno.ENOSPC, "No space left on device", "/v/store/zhucun.db"))
    assert "磁盘已满" in full and "/v/store/zhucun.db" in full
    ro = errors.message(OSError(errno.EROFS, "Read-only file system", "/v/store/zhucun.lock"))
    assert "只读" in ro and "zhucun.lock" in ro


def test_an_error_no_slot_caught_is_shown_with_its_reference(shown):
    try:
        raise KeyError(NAME)
    except KeyError as e:
        _window_excepthook(type(e), e, e.__traceback__)
        ref = e.reference
    assert len(shown) == 1 and ref in shown[0] and NAME not in shown[0] and "Traceback" not in shown[0]
    assert "Traceback" in _logged(ref)


def test_a_failed_background_task_is_logged_and_shown(shown):
    failures = []

    def job(report):
        raise RuntimeError(f"{NAME} 52260119710309xxxx")

    task = Task(job)
    task.signals.failed.connect(failures.append)
    task.run()  # in this thread: the pool is not needed to see what it reports
    error = failures[0]
    assert "job" in _logged(error.reference)
    errors.show_error(None, error)
    assert error.reference in shown[0] and NAME not in shown[0]
