"""Unlock: choose the user, type the passphrase; Argon2 runs in a worker so the window never
freezes. Wrong passphrases wait longer each time. A forgotten passphrase is reset with the
recovery code."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.core.errors import AccessDenied, ZhucunError
from app.storage.keys import KeyFile
from app.storage.store import KEYS_NAME, Store

from ..widgets.errors import message
from .first_run import PassphrasePair, RecoveryCodeView, restyle
from ..widgets.style import ACCENT, set_role
from ..widgets.typing import KeyboardLineEdit
from ..mainwindow.worker import Task

MAX_WAIT_S = 30


def user_names(data_dir: Path) -> list[str]:
    """The names in the key file: readable without any passphrase."""
    return [u.name for u in KeyFile.load(Path(data_dir) / KEYS_NAME).users]


def failure_wait(failures: int) -> int:
    """Seconds to wait after the n-th wrong passphrase in a row: 1, 2, 4, … at most 30."""
    return min(MAX_WAIT_S, 2 ** max(0, failures - 1))


def is_busy_elsewhere(exc: BaseException) -> bool:
    return isinstance(exc, AccessDenied) and "open in another" in str(exc)


class UnlockDialog(QDialog):
    """Emits `opened(store)` once the passphrase opens the store."""
    opened = Signal(object)

    def __init__(self, data_dir: Path, prefs=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.prefs = prefs
        self.failures = 0
        self.wait_left = 0
        self._task: Task | None = None
        self._abandoned = False
        self.recovery_dialog: RecoveryDialog | None = None
        self.setWindowTitle(self.tr("驻村 Zhucun — 解锁"))
        self.setMinimumWidth(480)

        col = QVBoxLayout(self)
        col.setContentsMargins(32, 28, 32, 24)
        col.setSpacing(12)
        col.addWidget(set_role(QLabel(self.tr("解锁数据库")), "title"))
        folder = set_role(QLabel(self.tr("数据文件夹：{0}").format(self.data_dir)), "muted")
        folder.setWordWrap(True)
        col.addWidget(folder)
        col.addSpacing(4)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.user_combo = QComboBox()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.returnPressed.connect(self.unlock)
        form.addRow(self.tr("用户"), self.user_combo)
        form.addRow(self.tr("密码"), self.passphrase_edit)
        col.addLayout(form)
        self.error_label = set_role(QLabel(), "error")
        self.error_label.setObjectName("unlockError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        col.addWidget(self.error_label)
        col.addStretch(1)
        row = QHBoxLayout()
        self.forgot_button = QPushButton(self.tr("忘记密码？用恢复码"))
        self.forgot_button.setFlat(True)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.setStyleSheet(f"QPushButton {{ border: none; color: {ACCENT}; text-decoration: underline;"
                                         " padding: 5px 0; background: transparent; }")
        self.forgot_button.clicked.connect(self.show_recovery)
        self.unlock_button = set_role(QPushButton(self.tr("解锁")), "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        row.addWidget(self.forgot_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        col.addLayout(row)

        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick)
        self.load_users()
        self.passphrase_edit.setFocus()

    def load_users(self, select: str | None = None) -> None:
        self.user_combo.clear()
        try:
            names = user_names(self.data_dir)
        except ZhucunError as e:
            names = []
            self.show_message(self.tr("无法读取密钥文件：{0}").format(message(e)))
        self.user_combo.addItems(names)
        want = select or (self.prefs.last_user if self.prefs is not None else None)
        if want in names:
            self.user_combo.setCurrentText(want)
        self.unlock_button.setEnabled(bool(names))
        self.forgot_button.setEnabled(bool(names))

    def show_message(self, text: str, role: str = "error") -> None:
        self.error_label.setText(text)
        restyle(self.error_label, role)
        self.error_label.show()

    # -- unlocking -------------------------------------------------------
    def unlock(self) -> None:
        if not self.unlock_button.isEnabled() or self._task is not None:
            return
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self.passphrase_edit.setFocus()
            return
        name = self.user_combo.currentText()
        data_dir = self.data_dir
        self.unlock_button.setEnabled(False)
        self.passphrase_edit.setEnabled(False)
        self.unlock_button.setText(self.tr("正在解锁…"))
        self._task = Task(lambda report: Store.open(data_dir, passphrase, name))
        self._task.signals.done.connect(self._opened)
        self._task.signals.failed.connect(self._failed)
        self._task.start()

    def _opened(self, store: Store) -> None:
        self._task = None
        if self._abandoned:
            store.close()
            return
        self.passphrase_edit.clear()
        self.opened.emit(store)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.unlock_button.setText(self.tr("解锁"))
        self.passphrase_edit.setEnabled(True)
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()
        if is_busy_elsewhere(exc):
            self.show_message(self.tr("这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口，再解锁。"))
            self.unlock_button.setEnabled(True)
        elif isinstance(exc, AccessDenied) and "wrong passphrase" in str(exc):
            self.failures += 1
            self.wait_left = failure_wait(self.failures)
            self._tick(first=True)
            self.wait_timer.start()
        elif isinstance(exc, ZhucunError):
            self.show_message(message(exc))
            self.unlock_button.setEnabled(True)
        else:
            self.show_message(self.tr("无法解锁：{0}").format(message(exc)))
            self.unlock_button.setEnabled(True)

    def _tick(self, first: bool = False) -> None:
        if not first:
            self.wait_left -= 1
        if self.wait_left > 0:
            self.unlock_button.setEnabled(False)
            self.unlock_button.setText(self.tr("解锁（{0}）").format(self.wait_left))
            self.show_message(self.tr("密码错误。请 {0} 秒后再试。").format(self.wait_left))
        else:
            self.wait_timer.stop()
            self.unlock_button.setText(self.tr("解锁"))
            self.unlock_button.setEnabled(True)
            self.show_message(self.tr("密码错误，请重新输入。"))

    # -- recovery --------------------------------------------------------
    def show_recovery(self) -> None:
        self.recovery_dialog = RecoveryDialog(self.data_dir, self.user_combo.currentText(), self)
        self.recovery_dialog.reset_done.connect(self._recovered)
        self.recovery_dialog.open()

    def _recovered(self, name: str) -> None:
        self.failures = 0
        self.wait_left = 0
        self.wait_timer.stop()
        self.load_users(select=name)
        self.unlock_button.setText(self.tr("解锁"))
        self.show_message(self.tr("{0} 的密码已重设。请用新密码解锁。").format(name), "muted")
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()

    def reject(self) -> None:
        self._abandoned = True
        super().reject()


class RecoveryDialog(QDialog):
    """Set a new passphrase with the recovery code; the old code is replaced by a new one,
    shown once. Emits `reset_done(user_name)` when the new code has been acknowledged."""
    reset_done = Signal(str)

    def __init__(self, data_dir: Path, user_name: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._task: Task | None = None
        self.reset_user: str | None = None
        self.setWindowTitle(self.tr("用恢复码重设密码"))
        self.stack = QStackedWidget()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.stack)

        # page 1: the code and the new passphrase
        page = QWidget()
        pcol = QVBoxLayout(page)
        pcol.setContentsMargins(28, 24, 28, 20)
        pcol.setSpacing(12)
        pcol.addWidget(set_role(QLabel(self.tr("用恢复码重设密码")), "title"))
        intro = QLabel(self.tr("输入建立数据库时保存的恢复码（30 个字母和数字，短横线可以不输），"
                               "再设一个新密码。重设后旧恢复码作废，会给出新的恢复码。"))
        intro.setWordWrap(True)
        pcol.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.user_combo = QComboBox()
        try:
            self.user_combo.addItems(user_names(self.data_dir))
        except ZhucunError:
            pass
        if user_name:
            self.user_combo.setCurrentText(user_name)
        self.code_edit = KeyboardLineEdit()
        self.code_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        form.addRow(self.tr("用户"), self.user_combo)
        form.addRow(self.tr("恢复码"), self.code_edit)
        self.passphrase = PassphrasePair(page)
        self.passphrase.add_to(form, self.tr("新密码"), self.tr("再输一次"))
        pcol.addLayout(form)
        self.error_label = set_role(QLabel(), "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        pcol.addWidget(self.error_label)
        pcol.addStretch(1)
        row = QHBoxLayout()
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        self.reset_button = set_role(QPushButton(self.tr("重设密码")), "primary")
        self.reset_button.setDefault(True)
        self.reset_button.clicked.connect(self.reset)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.reset_button)
        pcol.addLayout(row)
        self.stack.addWidget(page)
        self.code_edit.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)

        # page 2: the new recovery code, once
        page = QWidget()
        pcol = QVBoxLayout(page)
        pcol.setContentsMargins(28, 24, 28, 20)
        pcol.setSpacing(12)
        pcol.addWidget(set_role(QLabel(self.tr("密码已重设：请保存新的恢复码")), "title"))
        note = QLabel(self.tr("旧恢复码已经作废。新的恢复码只显示这一次：请打印或抄写下来，放在安全的地方。"))
        note.setWordWrap(True)
        pcol.addWidget(note)
        self.code_view = RecoveryCodeView(check_text=self.tr("我已妥善保存新的恢复码"))
        pcol.addWidget(self.code_view)
        pcol.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = set_role(QPushButton(self.tr("完成")), "primary")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.finish)
        self.code_view.confirmed.connect(self.done_button.setEnabled)
        row.addWidget(self.done_button)
        pcol.addLayout(row)
        self.stack.addWidget(page)
        self.resize(max(600, self.minimumSizeHint().width()), self.sizeHint().height())
        self._update()

    def _update(self) -> None:
        self.reset_button.setEnabled(self._task is None and bool(self.code_edit.text().strip())
                                     and self.passphrase.acceptable() and self.user_combo.count() > 0)

    def reset(self) -> None:
        if not self.reset_button.isEnabled():
            return
        data_dir, name = self.data_dir, self.user_combo.currentText()
        code, new = self.code_edit.text().strip(), self.passphrase.passphrase()

        def work(report):
            with Store.open_with_recovery(data_dir, code, name) as store:
                store.set_passphrase(new, name)
                return store.new_recovery_code()

        self.error_label.hide()
        self.reset_button.setText(self.tr("正在重设…"))
        self._task = Task(work)
        self._update()
        self._task.signals.done.connect(lambda new_code: self._reset(name, new_code))
        self._task.signals.failed.connect(self._failed)
        self._task.start()

    def _reset(self, name: str, new_code: str) -> None:
        self._task = None
        self.reset_user = name
        self.passphrase.clear()
        self.code_edit.clear()
        self.code_view.set_code(new_code, name, self.data_dir)
        self.stack.setCurrentIndex(1)
        self.resize(max(self.width(), self.minimumSizeHint().width()), self.height())

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.reset_button.setText(self.tr("重设密码"))
        if is_busy_elsewhere(exc):
            text = self.tr("这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口。")
        elif isinstance(exc, AccessDenied) and "recovery code" in str(exc):
            text = self.tr("恢复码错误。请核对后重新输入（0 是数字零，1 是数字一）。")
        else:
            text = message(exc)
        self.error_label.setText(text)
        self.error_label.show()
        self._update()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.reset_user is not None:
            event.ignore()      # not past a new recovery code by accident
            return
        super().keyPressEvent(event)

    def finish(self) -> None:
        self.code_view.clear()
        self.accept()
        self.reset_done.emit(self.reset_user)

    def reject(self) -> None:
        # Once the passphrase is reset, leaving still tells the unlock window (the old code is void).
        if self.reset_user is not None:
            self.code_view.clear()
            super().reject()
            self.reset_done.emit(self.reset_user)
            return
        super().reject()
