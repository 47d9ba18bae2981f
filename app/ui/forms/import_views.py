"""The import wizard's pieces: where to look for a ledger, the column letters, the tiles of the
preview's counts and its two lists (rows not imported, fields that change)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ..widgets.style import INK, MUTED, WARN, set_role
from ..widgets.table_model import RowsModel

# The folder the last ledger came from, for the next import of this run.
_last_folder: Path | None = None


def can_write(session) -> bool:
    """Importing writes households: any user of an open store may add them."""
    return session is not None and session.is_open


def remember_folder(folder: Path) -> None:
    global _last_folder
    _last_folder = folder


def start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    if downloads and Path(downloads).is_dir():
        return Path(downloads)
    return Path.home()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel and WPS name it."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


class RejectionModel(RowsModel):
    """The rows that would not be imported, with the column and the reason."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.headers = [self.tr("工作表"), self.tr("行号"), self.tr("户编号"), self.tr("姓名"),
                        self.tr("有误的列"), self.tr("原因")]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.sheet, r.row, r.number or "", r.name or "", r.column, r.reason)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return r.reason
        if role == Qt.ItemDataRole.ForegroundRole and col == 4:
            return QBrush(QColor(WARN))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChangeModel(RowsModel):
    """Each field an import would change in a household or member already on file."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.headers = [self.tr("户编号"), self.tr("姓名"), self.tr("字段"), self.tr("原值"), self.tr("新值")]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return c.number
            if col == 1:
                return c.name
            if col == 2:
                return c.column
            value = c.shown(c.old if col == 3 else c.new)
            return value if value is not None else self.tr("（空）")
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QBrush(QColor(MUTED))
        return None


class StatTile(QFrame):
    """One count of the preview: a caption, a big number, a line under it."""

    def __init__(self, name: str, caption: str, tone: str = INK):
        super().__init__()
        self.setObjectName(name)
        set_role(self, "card")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(2)
        box.addWidget(set_role(QLabel(caption), "muted"))
        self.value = QLabel()
        self.value.setObjectName(name + "Value")
        self.value.setStyleSheet(f"font-size: 22px; font-weight: 600; color: {tone};")
        self.detail = set_role(QLabel(), "muted")
        self.detail.setObjectName(name + "Detail")
        box.addWidget(self.value)
        box.addWidget(self.detail)

    def set(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
