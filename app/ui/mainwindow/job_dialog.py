"""Dialogs that run one long job at a time (printing, importing a ledger)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog


class JobDialog(QDialog):
    """关闭, Esc or the window's × while the job runs cancel it first (an import is rolled
    back, a print leaves no file); the dialog closes once the job has stopped. Subclasses keep
    `state` ("running", "cancelling", …), `_close_when_stopped`, and implement `cancel()`."""

    state = "ready"
    _close_when_stopped = False

    def cancel(self) -> None:
        raise NotImplementedError

    def reject(self) -> None:
        if self.state == "running":
            self._close_when_stopped = True
            self.cancel()
            return
        if self.state == "cancelling":
            self._close_when_stopped = True
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.state in ("running", "cancelling"):
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
