"""The pieces a form definition is drawn with: one editor per question type, the cell that
holds a question's label, editor, hint and message, notes, and grids that close up when the
relevance rules hide a question."""
from __future__ import annotations

import base64
import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QPoint, QRect, QRectF, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QIntValidator, QPainter, QPen, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (QButtonGroup, QCalendarWidget, QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
                               QLayout, QLineEdit, QMenu, QPushButton, QRadioButton, QSizePolicy, QStyledItemDelegate,
                               QToolButton, QWidget, QWidgetAction)

from app.core.forms.answers import MAX_ATTACHMENT
from app.core.forms.definition import FormDef, Question
from app.core.forms.types import MEDIA_TYPES

from ..widgets.style import ACCENT, AMBER_EDGE, CAUTION, INK, MUTED, PAPER, TINT_ACCENT, TINT_AMBER, WARN, set_role
from ..households.visit_dialog import CheckList, mark_invalid

ENGLISH = "English"
CHINESE = "中文"
RADIO_LIMIT = 4                      # more choices than this: a drop-down list
LINE_HEIGHT = 30                     # a line edit's height: labels and radio rows line up with it
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、)]\s*)")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
COUNT = Qt.ItemDataRole.UserRole + 1   # a navigation entry's number of problems


def form_language() -> str:
    """The definition's label language matching the window: the translator the controller
    installs for English turns the full-width colon into an ASCII one."""
    return ENGLISH if QCoreApplication.translate("Punctuation", "：") != "：" else CHINESE


def without_numbering(label: str) -> str:
    """"二、家庭成员" → "家庭成员"; "2. Members" → "Members"."""
    return NUMBERING.sub("", label).strip() or label


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def grouped(value) -> str:
    """A number with thousands separators, as money is read: 38770 → 38,770; 12923.3 → 12,923.30."""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if d == d.to_integral():
        return f"{int(d):,}"
    return f"{d.quantize(Decimal('0.01')):,}"


def file_size(size: int) -> str:
    """Bytes as a person reads them: 532 B, 12.3 KB, 4.1 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def attachment_size(value: dict) -> int:
    """An attached file's size: stored with it, or counted from its base64 content."""
    if isinstance(value.get("size"), int):
        return value["size"]
    data = str(value.get("data") or "")
    return len(data) * 3 // 4 - data[-2:].count("=")


def attachment_text(value: dict, lang: str = CHINESE) -> str:
    """An attached file as a person reads it: its name and size, never its content."""
    name, size = value.get("name") or "?", file_size(attachment_size(value))
    return f"{name} ({size})" if lang == ENGLISH else f"{name}（{size}）"


def shown_value(form: FormDef, q: Question | None, value, lang: str) -> str:
    """An answer as a person reads it: choice labels, lists joined, money grouped, an attached
    file's name and size; "—" when empty."""
    if is_empty(value):
        return "—"
    if isinstance(value, dict) and "name" in value:
        return attachment_text(value, lang)
    if q is not None and q.type == "select_one":
        return form.choice_label(q.list_name, str(value), lang)
    if q is not None and q.type == "select_multiple":
        items = value.split() if isinstance(value, str) else value
        sep = QCoreApplication.translate("Punctuation", "、")
        return sep.join(form.choice_label(q.list_name, v, lang) for v in items)
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("FormWidgets", "是")
        return QCoreApplication.translate("FormWidgets", "否")
    if q is not None and q.type in ("decimal", "calculate") and NUMBER.match(str(value)):
        return grouped(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def substitute(text: str, lookup) -> str:
    """A note's ${name} placeholders replaced by what `lookup(name)` shows."""
    return PLACEHOLDER.sub(lambda m: lookup(m.group(1)), text)


def local_time(stamp: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time ("2026-11-22T09:06:56.316Z") as the laptop's clock shows it."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime(fmt)


def calendar_icon() -> QIcon:
    """A small calendar, drawn: no icon theme or emoji font is needed."""
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(MUTED), 2.2))
    p.setBrush(QColor(PAPER))
    p.drawRoundedRect(QRectF(4, 7, 24, 21), 3, 3)
    p.fillRect(QRectF(5, 8, 22, 6), QColor(ACCENT))
    p.drawLine(10, 4, 10, 10)
    p.drawLine(22, 4, 22, 10)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(MUTED))
    for row in range(2):
        for col in range(3):
            p.drawRect(QRectF(9 + col * 5.5, 17 + row * 5, 3, 3))
    p.end()
    return QIcon(pix)


# --------------------------------------------------------------------------------------------
# A layout that wraps, for radio buttons in narrow cells
# --------------------------------------------------------------------------------------------

class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 14, line_spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self._spacing, self._line_spacing = spacing, line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._line_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


# --------------------------------------------------------------------------------------------
# Editors: value() gives the answer as the engine takes it; `edited` fires only for the person
# --------------------------------------------------------------------------------------------

class Editor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(4)

    def value(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError

    def input(self) -> QWidget:
        """The widget that takes focus and shows the invalid outline."""
        raise NotImplementedError

    def focus_input(self) -> None:
        self.input().setFocus(Qt.FocusReason.OtherFocusReason)

    def set_invalid(self, invalid: bool) -> None:
        if bool(self.input().property("invalid")) != invalid:
            mark_invalid(self.input(), invalid)

    def set_choices(self, choices) -> None:
        """Only selects have choices; a choice_filter narrows them as answers change."""


class LineEditor(Editor):
    """text, integer and decimal: a line edit; Enter moves on to the next question."""

    def __init__(self, kind: str, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.line = QLineEdit()
        if hint:
            self.line.setToolTip(hint)
            if kind == "text":   # a number's field is too narrow for it: the cell shows it below instead
                self.line.setPlaceholderText(hint)
        if kind == "integer":
            self.line.setValidator(QIntValidator(-999_999_999, 999_999_999, self.line))
        elif kind == "decimal":
            # Money: yuan with up to two decimals; thousands separators may be typed.
            self.line.setValidator(QRegularExpressionValidator(
                QRegularExpression(r"^-?[0-9,]{0,15}(\.[0-9]{0,2})?$"), self.line))
        if kind in ("integer", "decimal"):
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.line.setMaximumWidth(170)
            self.line.setMinimumWidth(110)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.line.returnPressed.connect(lambda: self.line.focusNextChild())
        self.box.addWidget(self.line)
        if kind in ("integer", "decimal"):
            self.box.addStretch(1)

    def input(self) -> QWidget:
        return self.line

    def value(self):
        text = self.line.text().strip()
        if self.kind == "decimal":
            text = text.replace(",", "")
        return text or None

    def set_value(self, value) -> None:
        self.line.setText("" if is_empty(value) else str(value))
        self.line.setCursorPosition(0)


class DateEditor(Editor):
    """A date that can stay empty: typed as 年-月-日 (1965-7-28, 1965/7/28 and 19650728 are
    tidied) or picked from a calendar."""

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.line = QLineEdit()
        self.line.setPlaceholderText(QCoreApplication.translate("FormWidgets", "年-月-日"))
        self.line.setMaximumWidth(130)
        self.line.setMinimumWidth(110)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.line.editingFinished.connect(self._tidy)
        self.line.returnPressed.connect(lambda: self.line.focusNextChild())
        self.pick = QToolButton()
        self.pick.setIcon(calendar_icon())
        self.pick.setToolTip(QCoreApplication.translate("FormWidgets", "从日历中选择"))
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # the keyboard types the date
        self.pick.clicked.connect(self._popup)
        self.box.addWidget(self.line)
        self.box.addWidget(self.pick)
        self.box.addStretch(1)

    def input(self) -> QWidget:
        return self.line

    def value(self):
        return self.line.text().strip() or None

    def set_value(self, value) -> None:
        self.line.setText("" if is_empty(value) else str(value))

    @staticmethod
    def tidy(text: str) -> str:
        text = text.strip()
        m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
        if not m:
            return text
        y, mo, d = (int(g) for g in m.groups())
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            return text

    def _tidy(self) -> None:
        tidy = self.tidy(self.line.text())
        if tidy != self.line.text():
            self.line.setText(tidy)
            self.edited.emit()

    def _popup(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setGridVisible(False)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        current = QDate.fromString(self.value() or "", "yyyy-MM-dd")
        day = current if current.isValid() else QDate(self.today.year, self.today.month, self.today.day)
        calendar.setSelectedDate(day)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(d: QDate) -> None:
            self.line.setText(d.toString("yyyy-MM-dd"))
            self.edited.emit()
            menu.close()
            self.line.setFocus()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        menu.exec(self.pick.mapToGlobal(QPoint(0, self.pick.height())))


class NoWheelComboBox(QComboBox):
    """In a long scrolling form the wheel scrolls the page: it changes a choice only once the
    list has the focus."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ComboEditor(Editor):
    def __init__(self, choices, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = NoWheelComboBox()
        self.combo.setMinimumWidth(150)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(lambda _i: self.edited.emit())
        self.box.addWidget(self.combo)
        self.box.addStretch(1)
        self.set_choices(choices)

    def input(self) -> QWidget:
        return self.combo

    def set_choices(self, choices) -> None:
        keep = self.value()
        self.combo.clear()
        self.combo.addItem("", None)   # unanswered stays visibly empty
        for name, label in choices:
            self.combo.addItem(label, name)
        self.set_value(keep)

    def value(self):
        return self.combo.currentData()

    def set_value(self, value) -> None:
        index = self.combo.findData(value) if not is_empty(value) else 0
        self.combo.setCurrentIndex(max(0, index))


class RadioEditor(Editor):
    def __init__(self, choices, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.buttonClicked.connect(lambda _b: self.edited.emit())
        self.box.setContentsMargins(0, 5, 0, 5)
        self.flow_host = QWidget()
        self.flow = FlowLayout(self.flow_host)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.flow_host.setSizePolicy(policy)
        self.box.addWidget(self.flow_host, 1)
        self.buttons: list[QRadioButton] = []
        self.set_choices(choices)

    def input(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or (self.buttons[0] if self.buttons else self)

    def set_invalid(self, invalid: bool) -> None:
        colour = f"color: {WARN};" if invalid else ""
        for b in self.buttons:
            b.setStyleSheet(colour)

    def set_choices(self, choices) -> None:
        keep = self.value() if self.buttons else None
        for b in self.buttons:
            self.group.removeButton(b)
            self.flow.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for name, label in choices:
            b = QRadioButton(label)
            b.setProperty("choice", name)
            self.group.addButton(b)
            self.flow.addWidget(b)
            self.buttons.append(b)
        self.set_value(keep)

    def value(self):
        b = self.group.checkedButton()
        return b.property("choice") if b is not None else None

    def set_value(self, value) -> None:
        # An exclusive group will not let its last checked button go: clear with it off.
        self.group.setExclusive(False)
        for b in self.buttons:
            b.setChecked(not is_empty(value) and b.property("choice") == value)
        self.group.setExclusive(True)


class MultiEditor(Editor):
    WIDTH = 640   # what a form row leaves the boxes beside its label, on a 1366-pixel screen

    def __init__(self, choices, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        choices = list(choices)
        # As many columns as the longest choice allows: four short Chinese names, two long English ones.
        widest = max((self.fontMetrics().horizontalAdvance(label) for _, label in choices), default=60) + 52
        columns = max(1, min(4, self.WIDTH // widest, len(choices)))
        self.list = CheckList(choices, columns=columns)
        self.list.itemChanged.connect(self._changed)
        self.box.addWidget(self.list)
        self.box.addStretch(1)

    def _changed(self, _item) -> None:
        if not self._loading:
            self.edited.emit()

    def input(self) -> QWidget:
        return self.list

    def set_choices(self, choices) -> None:
        keep = self.value()
        self._loading = True
        self.list.set_choices(list(choices), keep or ())
        self._loading = False

    def value(self):
        return self.list.checked() or None

    def set_value(self, value) -> None:
        self._loading = True
        items = value.split() if isinstance(value, str) else (value or ())
        self.list.set_checked(items)
        self._loading = False


FILE_FILTERS = {"image": "图片 / Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.heic)",
                "audio": "录音 / Recordings (*.mp3 *.m4a *.aac *.wav *.ogg *.amr *.3gp)",
                "video": "视频 / Videos (*.mp4 *.mov *.avi *.mkv *.3gp *.webm)"}
THUMBNAIL = 96   # pixels: an attached photo's preview


def choose_file(parent: QWidget, caption: str, kind: str) -> str:
    """The path a person picks for a photo, recording or file; "" when cancelled."""
    all_files = QCoreApplication.translate("FormWidgets", "所有文件 (*)")
    filters = ";;".join(f for f in (FILE_FILTERS.get(kind), all_files) if f)
    path, _ = QFileDialog.getOpenFileName(parent, caption, "", filters)
    return path


class AttachmentEditor(Editor):
    """image, audio, video and file: a file chosen from the disk and kept, with the answers, in
    the encrypted store. Shows the file's name and size (a photo also as a thumbnail) and can
    remove it; a file over the engine's limit is refused with the limit named."""

    def __init__(self, kind: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind, self.lang, self._value = kind, lang, None
        self.thumbnail = QLabel()
        self.thumbnail.hide()
        self.choose = QPushButton(QCoreApplication.translate("FormWidgets", "选择文件…"))
        self.choose.clicked.connect(self.pick)
        self.name = set_role(QLabel(), "muted")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove = QToolButton()
        self.remove.setText(QCoreApplication.translate("FormWidgets", "移除"))
        self.remove.clicked.connect(self.clear)
        for w in (self.thumbnail, self.choose, self.name, self.remove):
            self.box.addWidget(w)
        self.box.addStretch(1)
        self._show()

    def input(self) -> QWidget:
        return self.choose

    def value(self):
        return self._value

    def set_value(self, value) -> None:
        self._value = value if isinstance(value, dict) and value.get("data") else None
        self._show()

    def pick(self) -> None:
        path = choose_file(self, QCoreApplication.translate("FormWidgets", "选择要附上的文件"), self.kind)
        if path:
            self.attach(path)

    def attach(self, path: str) -> bool:
        """Reads the file at `path` into the answer; False, with the reason shown, when it cannot."""
        file = Path(path)
        try:
            size = file.stat().st_size
            raw = b"" if size > MAX_ATTACHMENT else file.read_bytes()
        except OSError:
            self._refuse(QCoreApplication.translate("FormWidgets", "无法读取文件：{name}").format(name=file.name))
            return False
        size = max(size, len(raw))   # it may have grown since it was measured
        if size > MAX_ATTACHMENT:
            self._refuse(QCoreApplication.translate("FormWidgets", "文件过大：{size}，最多 {limit} MB").format(
                size=file_size(size), limit=MAX_ATTACHMENT >> 20))
            return False
        self._value = {"name": file.name, "data": base64.b64encode(raw).decode("ascii")}
        self._show(raw)
        self.edited.emit()
        return True

    def clear(self) -> None:
        if self._value is not None:
            self._value = None
            self._show()
            self.edited.emit()

    def _refuse(self, text: str) -> None:
        self.name.setText(text)
        self.name.setStyleSheet(f"color: {WARN};")

    def _show(self, raw: bytes | None = None) -> None:
        self.name.setStyleSheet("")
        value = self._value
        self.name.setText(attachment_text(value, self.lang) if value else
                          QCoreApplication.translate("FormWidgets", "未附文件"))
        self.remove.setVisible(value is not None)
        self.choose.setText(QCoreApplication.translate("FormWidgets", "更换文件…") if value
                            else QCoreApplication.translate("FormWidgets", "选择文件…"))
        pix = QPixmap()
        if value is not None and self.kind == "image":
            try:
                pix.loadFromData(raw if raw is not None else base64.b64decode(value["data"]))
            except (ValueError, TypeError):
                pix = QPixmap()
        if pix.isNull():
            self.thumbnail.clear()
            self.thumbnail.hide()
        else:
            self.thumbnail.setPixmap(pix.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
            self.thumbnail.show()


def make_editor(form: FormDef, q: Question, lang: str, today: date, choices=None) -> Editor:
    """The editor for a question's type; `choices` (name, label) when a filter narrows them."""
    if q.type in ("select_one", "select_multiple"):
        choices = choices if choices is not None else [(c.name, c.label(lang)) for c in form.choices[q.list_name]]
        if q.type == "select_multiple":
            return MultiEditor(choices)
        if len(choices) <= RADIO_LIMIT:
            return RadioEditor(choices)
        return ComboEditor(choices)
    if q.type == "date":
        return DateEditor(today)
    if q.type in MEDIA_TYPES:
        return AttachmentEditor(q.type, lang)
    return LineEditor(q.type, q.hint(lang))


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------

class QuestionCell(QWidget):
    """A question: its label (beside the editor, or above it in a compact entry), the editor,
    a hint for editors without a placeholder, and the rule it breaks, in red, under it."""

    def __init__(self, q: Question, editor: Editor, lang: str, stacked: bool = False, label_width: int = 0,
                 read_only: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.q, self.editor, self.shown = q, editor, True
        required = q.required is True and not read_only
        text = q.label(lang)
        self.label = QLabel(f"{_html(text)}<span style='color:{WARN}'>&nbsp;*</span>" if required else _html(text))
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setToolTip(q.hint(lang) or "")
        self.label.setBuddy(editor.input())
        self.error = set_role(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = None
        if q.hint(lang) and not (isinstance(editor, LineEditor) and editor.kind == "text"):
            self.hint = set_role(QLabel(q.hint(lang)), "muted")
            self.hint.setWordWrap(True)
        if read_only:
            editor.setEnabled(False)
            editor.setToolTip(QCoreApplication.translate("FormWidgets", "取自户档案，不能在表单中修改"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        if stacked:
            grid.addWidget(self.label, 0, 0)
            grid.addWidget(editor, 1, 0)
            below, col = 2, 0
        else:
            if label_width:
                self.label.setFixedWidth(label_width)
            # Level with the first line of the editor, whether that is a line edit or radio buttons.
            self.label.setMinimumHeight(LINE_HEIGHT)
            self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.label, 0, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, 0, 1)
            grid.setColumnStretch(1, 1)
            below, col = 1, 1
        if self.hint is not None:
            grid.addWidget(self.hint, below, col)
            below += 1
        grid.addWidget(self.error, below, col)

    def set_error(self, text: str) -> None:
        if text == self.error.text() and self.error.isVisible() == bool(text):
            return
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.editor.set_invalid(bool(text))


class NoteCell(QLabel):
    """A note: information, or, when it appears only under a condition, a caution about it."""

    def __init__(self, q: Question, conditional: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.q, self.shown = q, True
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if conditional:
            self.setStyleSheet(f"background: {TINT_AMBER}; color: {CAUTION}; border-left: 3px solid {AMBER_EDGE};"
                               " border-radius: 4px; padding: 7px 10px; font-weight: 600;")
        else:
            self.setStyleSheet(f"background: {TINT_ACCENT}; color: {INK}; border-left: 3px solid {ACCENT};"
                               " border-radius: 4px; padding: 7px 10px;")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CellGrid(QWidget):
    """Cells in `columns` columns, in document order; wide cells take a whole row. When the
    relevance rules hide a cell the rest close up instead of leaving a hole."""

    def __init__(self, columns: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.cells: list[tuple[QWidget, bool]] = []   # (cell, wide)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(8)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)
        self._placed: list[QWidget] | None = None

    def add(self, cell: QWidget, wide: bool = False) -> None:
        self.cells.append((cell, wide))
        self._placed = None

    def reflow(self) -> None:
        shown = [c for c, _ in self.cells if getattr(c, "shown", True)]
        if shown == self._placed:
            return
        while self.grid.count():
            self.grid.takeAt(0)
        row = col = 0
        for cell, wide in self.cells:
            if not getattr(cell, "shown", True):
                cell.hide()
                continue
            if wide:
                if col:
                    row, col = row + 1, 0
                self.grid.addWidget(cell, row, 0, 1, self.columns, Qt.AlignmentFlag.AlignTop)
                row += 1
            else:
                # Top-aligned: a taller neighbour (wrapped radios, a message) must not push the label down.
                self.grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
                col += 1
                if col == self.columns:
                    row, col = row + 1, 0
            cell.show()
        self._placed = shown



class CountDelegate(QStyledItemDelegate):
    """A navigation entry with its number of problems in a red pill at the right."""

    @staticmethod
    def _pill_width(option, count: int) -> int:
        return max(20, option.fontMetrics.horizontalAdvance(str(count)) + 12)

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        count = index.data(COUNT) or 0
        if count:   # the title gives way to the pill rather than running under it
            room = option.rect.width() - self._pill_width(option, count) - 34
            option.text = option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, room)

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT) or 0
        if not count:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = str(count)
        fm = option.fontMetrics
        w = self._pill_width(option, count)
        h = fm.height() + 2
        r = QRect(option.rect.right() - w - 8, option.rect.center().y() - h // 2, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(WARN))
        painter.drawRoundedRect(r, h / 2, h / 2)
        painter.setPen(QColor(PAPER))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + 36, max(size.height(), option.fontMetrics.height() + 12))
