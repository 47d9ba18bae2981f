"""The bottom of a job dialog (print, export, verify): secondary actions on the left, 关闭 and the
primary action on the right in the platform's order, and the dialog's one column of sections."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from .style import set_role


def action_button(text: str, name: str, slot: Callable, *, tip: str = "", hidden: bool = False) -> QPushButton:
    """A secondary action that never takes Enter from the primary button."""
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    button.setVisible(not hidden)
    return button


def primary_button(text: str, name: str, slot: Callable) -> QPushButton:
    button = set_role(QPushButton(text), "primary")
    button.setObjectName(name)
    button.setDefault(True)
    button.clicked.connect(slot)
    return button


def close_button(dialog: QDialog) -> QPushButton:
    button = QPushButton(QCoreApplication.translate("DialogRows", "关闭"))
    button.setAutoDefault(False)
    button.clicked.connect(dialog.reject)
    return button


def button_row(left: Iterable[QPushButton], right: Iterable[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in left:
        row.addWidget(button)
    row.addStretch(1)
    for button in right:
        row.addWidget(button)
    return row


def dialog_column(dialog: QDialog, sections: Iterable[QWidget | QLayout], buttons: QLayout) -> QVBoxLayout:
    """Sections top to bottom, the free space above the buttons."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(12)
    for section in sections:
        if isinstance(section, QLayout):
            layout.addLayout(section)
        else:
            layout.addWidget(section)
    layout.addStretch(1)
    layout.addLayout(buttons)
    return layout
