"""The home page's 风险线索 card: clues not yet handled, overdue first (past their 15-day
verification deadline), each with its source; double-click opens the household, 处理… closes one
(opened as a case, or verified as no risk with a note)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTreeWidget, QTreeWidgetItem)

from app.core import duties
from app.core.errors import ZhucunError
from app.services import clues

from ..widgets.errors import show_error
from ..widgets.month_view import TREE_STYLE, Card, tree_height
from ..widgets.problem_text import overdue_mark
from ..widgets.style import WARN, set_role


def source_text(clue: dict) -> str:
    text = duties.CLUE_SOURCES[clue["source"]][0]
    return text + (f"·{duties.DEPARTMENTS[clue['department']][0]}" if clue.get("department") else "")


class CluesCard(Card):
    open_household = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(self.tr("风险线索"), parent)
        self.session = session
        self.clues: list[dict] = []
        self.handle_button = QPushButton(self.tr("处理…"))
        self.handle_button.clicked.connect(self.handle_selected)
        self.tools.addWidget(self.handle_button)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("户主"), self.tr("线索"), self.tr("核实期限")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet(TREE_STYLE)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):   # as wide as the header or the widest name/date, in either language
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(self._open)
        self.tree.itemSelectionChanged.connect(self._selection)
        self.empty = set_role(QLabel(self.tr("没有待核实的风险线索")), "muted")
        self.body.addWidget(self.tree)
        self.body.addWidget(self.empty)

    def load(self) -> None:
        read = getattr(self.session, "read", self.session.call)   # reads on the read-only connection where there is one
        self.clues = read(clues.list_clues, True, None, self.session.today())
        self.tree.clear()
        late = sum(1 for c in self.clues if c["status"] == "overdue")
        self.info.setText(self.tr("待核实 {0} 条（逾期 {1}）").format(len(self.clues), late) if self.clues else "")
        for c in self.clues:
            item = QTreeWidgetItem([c["head_name"], overdue_mark(c["status"] == "overdue") + source_text(c) + "："
                                    + c["description"], c["deadline"]])
            item.setData(0, Qt.ItemDataRole.UserRole, c["id"])
            item.setToolTip(1, c["description"])
            if c["status"] == "overdue":
                item.setForeground(2, QBrush(QColor(WARN)))
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(self.clues))
        self.empty.setVisible(not self.clues)
        self.tree.setFixedHeight(tree_height(self.tree, len(self.clues), 2, 4))
        self._selection()

    def selected(self) -> dict | None:
        items = self.tree.selectedItems()
        cid = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        return next((c for c in self.clues if c["id"] == cid), None)

    def _selection(self) -> None:
        self.handle_button.setEnabled(self.selected() is not None)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        clue = next((c for c in self.clues if c["id"] == item.data(0, Qt.ItemDataRole.UserRole)), None)
        if clue:
            self.open_household.emit(clue["household_id"])

    def handle_selected(self, outcome: str | None = None, note: str | None = None) -> bool:
        """Close the selected clue; without `outcome`, ask for it (and a note) in a dialog."""
        clue = self.selected()
        if clue is None:
            return False
        if outcome is None:
            dialog = HandleDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            outcome, note = dialog.outcome.currentData(), dialog.note.text()
        try:
            self.session.call(clues.handle_clue, clue["id"], outcome, None, note or None, None, self.session.today())
        except ZhucunError as e:
            show_error(self, e)
            return False
        self.load()
        return True


class HandleDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("处理风险线索"))
        form = QFormLayout(self)
        self.outcome = QComboBox()
        for code, (zh, _en) in duties.CLUE_OUTCOMES.items():
            self.outcome.addItem(zh, code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("核实情况（核实无风险时必填）"))
        form.addRow(self.tr("处理结果"), self.outcome)
        form.addRow(self.tr("说明"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
