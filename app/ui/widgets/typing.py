"""Fields of digits and Latin letters (an ID number, a phone number, an amount, a code) take
keys straight from the keyboard, not through the system's input method: a pinyin engine would
turn an ID number's final X into a pinyin composition and wait for a candidate."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

KEYBOARD_HINTS = (Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhNoPredictiveText
                  | Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhLatinOnly)


class KeyboardLineEdit(QLineEdit):
    """A line edit the input method leaves alone (QLineEdit answers "enabled" to the input
    method whatever its WA_InputMethodEnabled says, so the answer is changed here)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(KEYBOARD_HINTS)

    def inputMethodQuery(self, query, *args):  # noqa: N802 - Qt's name
        if query == Qt.InputMethodQuery.ImEnabled:
            return False
        return super().inputMethodQuery(query, *args)
