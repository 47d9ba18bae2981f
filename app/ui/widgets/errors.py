"""How errors reach a person: the field and the rule, in their language; nothing they typed
is cleared."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import AccessDenied, NotFound, StateError, ValidationError, ZhucunError


def message(exc: BaseException) -> str:
    """One or two lines for a person, in the window's language: messages are stored Chinese
    first with the English after; the column name and the cited documents are left out."""
    if not isinstance(exc, ZhucunError):
        # A full disk, a read-only folder, a bug: the sentence the command line gives, with the
        # log's reference for the unforeseen; never the exception's own text.
        from app.faults import explain
        return explain(exc)[2]
    from .bilingual import in_language
    text, _details = in_language(str(exc))   # one language; the cited documents are for support
    return text


def title(exc: BaseException) -> str:
    t = QCoreApplication.translate
    if isinstance(exc, ValidationError):
        return t("errors", "输入有误")
    if isinstance(exc, AccessDenied):
        return t("errors", "无法打开")
    if isinstance(exc, (StateError, NotFound)):
        return t("errors", "无法执行")
    if isinstance(exc, ZhucunError):
        return t("errors", "出错了")
    return t("errors", "程序错误")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title(exc), message(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.exec()
