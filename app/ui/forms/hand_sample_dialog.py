"""笔迹样本: the signed-in user writes a short sheet of names and words on the pad, one at a
time. The same-hand check compares household signatures with this sample (app/services/
hand_samples.py), so it is kept in the encrypted store and signed with the user's key."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.services import hand_samples

from ..mainwindow.ops import CollectionOp
from ..widgets.errors import message
from ..settings.first_run import section
from .signature_pad import SignaturePad
from ..widgets.style import set_role, wrapped


class HandSampleDialog(QDialog):
    """The sheet, one text per page: write it, 下一项; 上一项 to rewrite; 保存 at the end."""

    saved = Signal(dict)

    def __init__(self, session, parent: QWidget | None = None, texts=hand_samples.SHEET):
        super().__init__(parent)
        self.session = session
        self.texts = list(texts)
        self.values: list[dict | None] = [None] * len(self.texts)
        self.index = 0
        self.busy = False
        self.setWindowTitle(self.tr("录入我的笔迹样本"))
        self.setMinimumWidth(640)   # fits a 1024×600 screen at 150 % (682 px)

        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 18)
        col.setSpacing(12)
        col.addWidget(section(self.tr("我的笔迹样本")))
        col.addWidget(wrapped(self.tr(
            "请按平时签字的习惯，在横线上方依次写下每一项（共{0}项，约两三分钟）。数据检查用它判断农户签名"
            "是否像您的笔迹：样本里是不同的姓名和字词，所以能比较您写别人名字时的笔迹。样本加密保存，并用您的密钥签名。")
            .format(len(self.texts)), "muted"))
        self.prompt = set_role(QLabel(), "section")
        self.prompt.setObjectName("handSamplePrompt")
        self.step = QProgressBar()
        self.step.setRange(0, len(self.texts))
        self.step.setTextVisible(False)
        self.step.setFixedHeight(6)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._update)
        col.addWidget(self.prompt)
        col.addWidget(self.step)
        col.addWidget(self.pad)
        self.error_label = wrapped("", "error")
        self.error_label.hide()
        col.addWidget(self.error_label)

        row = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("重写"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.back_button = QPushButton(self.tr("上一项"))
        self.back_button.clicked.connect(lambda: self._go(-1))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        self.next_button = set_role(QPushButton(), "primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        row.addWidget(self.clear_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.next_button)
        col.addLayout(row)
        self._show()

    def _show(self) -> None:
        text = self.texts[self.index]
        self.prompt.setText(self.tr("第 {0}/{1} 项：请写“{2}”").format(self.index + 1, len(self.texts), text))
        self.step.setValue(self.index)
        self.pad.set_strokes(self.values[self.index]["strokes"] if self.values[self.index] else None)
        self._update()

    def _update(self) -> None:
        last = self.index == len(self.texts) - 1
        self.next_button.setText(self.tr("保存") if last else self.tr("下一项"))
        self.next_button.setEnabled(not self.busy and not self.pad.is_empty())
        self.back_button.setEnabled(not self.busy and self.index > 0)
        self.clear_button.setEnabled(not self.busy and not self.pad.is_empty())

    def _keep(self) -> None:
        if not self.pad.is_empty():
            self.values[self.index] = {"text": self.texts[self.index], "strokes": self.pad.strokes()}

    def _go(self, step: int) -> None:
        self._keep()
        self.index = max(0, min(len(self.texts) - 1, self.index + step))
        self._show()

    def _next(self) -> None:
        if self.pad.is_empty() or self.busy:
            return
        if self.index < len(self.texts) - 1:
            self._go(1)
            return
        self._keep()
        self.save()

    def items(self) -> list[dict]:
        return [v for v in self.values if v]

    def save(self) -> None:
        items = self.items()
        self.busy = True
        self.error_label.hide()
        self._update()
        today = self.session.today()
        CollectionOp(self.session, lambda store, report: hand_samples.record(store, items, today), self) \
            .success(self._done).failure(self._failed).run()

    def _done(self, record: dict) -> None:
        self.busy = False
        self.saved.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._update()
        self.error_label.setText(message(exc))
        self.error_label.show()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
