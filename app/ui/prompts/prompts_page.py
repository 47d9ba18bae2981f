"""工作提示: the monthly work prompts (驻村工作提示) with their tasks, ticked one by one with a
note; a summary of the month; and the earlier months that still have open tasks."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from app.core.errors import ZhucunError
from app.services import worklog

from ..widgets.errors import show_error
from ..widgets.reflow import reflow, stacked_width
from ..widgets.month_view import DONE_COLOR, TREE_STYLE, Card, MonthPage, NoteDialog, month_of
from ..widgets.style import MUTED, WARN, set_role

TASK_ROLE = Qt.ItemDataRole.UserRole


class PromptsPage(MonthPage, QWidget):
    """工作提示. `refresh()` reloads the shown month; `tasks` holds the month's tasks."""
    open_household = Signal(str)   # the page contract; prompts name no household

    COLUMNS = 6
    TITLE, DUE, STATE, DONE_ON, DONE_BY, NOTE = range(COLUMNS)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.month = month_of(session.today())
        self.prompts: list[dict] = []
        self.tasks: list[dict] = []
        self.earlier: list[dict] = []
        self.summary_counts = (0, 0, 0)
        self._loaded = False
        self._stale = True
        self._refreshes = 0

        header, self.summary = self.month_header(self.tr("工作提示"))
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.summary.setFont(font)
        self.report_button = QPushButton(self.tr("打印月报…"))
        self.report_button.setToolTip(self.tr("打印这个月的驻村工作月报，报乡镇"))
        self.report_button.clicked.connect(lambda: self.print_month("report"))
        self.notice_button = QPushButton(self.tr("打印公示…"))
        self.notice_button.setToolTip(self.tr("打印这个月纳入监测和风险消除的公示，张贴在村务公开栏"))
        self.notice_button.clicked.connect(lambda: self.print_month("notice"))
        self.ledger_button = QPushButton(self.tr("导出台账…"))
        self.ledger_button.setToolTip(self.tr("把这个月的走访、监测对象、工作提示、问题清单或考勤导出为 Excel 表格"))
        self.ledger_button.clicked.connect(lambda: self.export_ledger())
        # The summary and print buttons beside the month, or under it on a narrow screen (and in English).
        del_item = header.takeAt(header.indexOf(self.summary))   # (takeAt: the item's wrapper dies with it)
        del del_item
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.ledger_button)
        buttons.addStretch(1)
        self.header = header
        self.printing = printing = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        printing.setSpacing(14)
        printing.addWidget(self.summary)
        printing.addLayout(buttons, 1)
        self.top_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top_row.setSpacing(14)
        self.top_row.addLayout(header, 1)
        self.top_row.addLayout(printing)

        # The month's prompts and tasks.
        self.month_card = Card(self.tr("本月任务"))
        self.tick_button = set_role(QPushButton(self.tr("标记完成…")), "primary")
        self.tick_button.setToolTip(self.tr("标记选中的任务已完成，并写明完成情况"))
        self.tick_button.clicked.connect(self.tick_selected)
        self.month_card.tools.addWidget(self.tick_button)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setHeaderLabels([self.tr("任务"), self.tr("截止日期"), self.tr("状态"), self.tr("完成日期"),
                                   self.tr("完成人"), self.tr("备注")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet(TREE_STYLE)
        head = self.tree.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Interactive)
        for col, width in ((self.TITLE, 250), (self.DUE, 92), (self.STATE, 64), (self.DONE_ON, 92),
                           (self.DONE_BY, 72)):
            head.resizeSection(col, width)
        self.tree.itemSelectionChanged.connect(self._selection)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._tick_item(item))
        self.empty = set_role(QLabel(self.tr("本月没有工作提示")), "muted")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setObjectName("taskDetail")
        self.month_card.body.addWidget(self.tree, 1)
        self.month_card.body.addWidget(self.empty)
        self.month_card.body.addWidget(self.detail)
        hint = set_role(QLabel(self.tr("双击未完成的任务即可标记完成。工作提示由县、乡下发，随每月同步更新。")), "muted")
        hint.setWordWrap(True)
        self.month_card.body.addWidget(hint)

        # Earlier months with open tasks.
        self.earlier_card = Card(self.tr("往月未完成"))
        self.earlier_tree = QTreeWidget()
        self.earlier_tree.setColumnCount(3)
        self.earlier_tree.setHeaderLabels([self.tr("月份"), self.tr("任务"), self.tr("截止")])
        self.earlier_tree.setRootIsDecorated(False)
        self.earlier_tree.setAlternatingRowColors(True)
        self.earlier_tree.setStyleSheet(TREE_STYLE)
        eh = self.earlier_tree.header()
        eh.setStretchLastSection(False)
        eh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        eh.resizeSection(0, 86)
        eh.resizeSection(2, 56)
        self.earlier_tree.itemDoubleClicked.connect(self._go_earlier)
        self.earlier_tree.itemSelectionChanged.connect(self._selection)
        self.earlier_tick = QPushButton(self.tr("标记完成…"))
        self.earlier_tick.clicked.connect(self.tick_earlier)
        self.earlier_card.tools.addWidget(self.earlier_tick)
        self.earlier_empty = set_role(QLabel(self.tr("往月任务均已完成")), "muted")
        self.earlier_card.body.addWidget(self.earlier_tree, 1)
        self.earlier_card.body.addWidget(self.earlier_empty)
        earlier_hint = set_role(QLabel(self.tr("双击查看该月的工作提示")), "muted")
        self.earlier_card.body.addWidget(earlier_hint)

        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(12)
        columns.addWidget(self.month_card, 13)
        columns.addWidget(self.earlier_card, 7)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(self.top_row)
        layout.addLayout(columns, 1)

    # -- fitting a narrow screen ---------------------------------------------------------------
    SIDE_MARGINS = 32

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        stacked = max(self.header.minimumSize().width(), stacked_width(self.printing),
                      stacked_width(self.columns)) + self.SIDE_MARGINS
        return QSize(min(hint.width(), stacked), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.fit_width(event.size().width())
        super().resizeEvent(event)

    def fit_width(self, page_width: int) -> None:
        """The summary, the print buttons and the earlier months go below when `page_width` is too
        narrow."""
        for box in (self.printing, self.top_row, self.columns):
            reflow(box, page_width - self.SIDE_MARGINS)

    # -- page contract: see MonthPage ---------------------------------------------------------
    def refresh(self) -> None:
        today = self.session.today()
        self.month_selector.set_current(month_of(today))
        selected = self.selected_task()
        self.prompts = self.session.read(worklog.prompts_for_month, self.month, today)
        self.tasks = [t for p in self.prompts for t in p["tasks"]]
        self._fill_tree(selected["id"] if selected else None)
        self._fill_summary()
        self.earlier = self.session.read(worklog.open_tasks_before, self.month, today)
        self._fill_earlier()
        self._selection()
        self._loaded = True
        self._stale = False
        self._refreshes += 1
        self.fit_width(self.width())

    # -- the month -----------------------------------------------------------------------------
    def _fill_tree(self, keep: str | None) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        keep_item = None
        for p in self.prompts:
            parts = [p["title"]] + ([p["issued_by"]] if p.get("issued_by") else [])
            parts.append(self.tr("已完成 {0}/{1}").format(p["done"], len(p["tasks"])))
            top = QTreeWidgetItem(["   ·   ".join(parts)])
            top.setFont(self.TITLE, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for t in p["tasks"]:
                state = {"done": self.tr("已完成"), "overdue": self.tr("逾期"), "open": self.tr("未完成")}[t["status"]]
                item = QTreeWidgetItem([t["title"], t["due_date"] or "", state, t["done_on"] or "",
                                        t["done_by"] or "", t["note"] or ""])
                item.setData(self.TITLE, TASK_ROLE, t["id"])
                item.setToolTip(self.NOTE, t["note"] or "")
                item.setToolTip(self.TITLE, t["title"])
                if t["status"] == "overdue":
                    item.setForeground(self.STATE, QBrush(QColor(WARN)))
                    item.setFont(self.STATE, bold)
                elif t["status"] == "done":
                    item.setForeground(self.STATE, QBrush(QColor(DONE_COLOR)))
                for col in (self.DONE_ON, self.DONE_BY, self.NOTE):
                    item.setForeground(col, QBrush(QColor(MUTED)))
                top.addChild(item)
                if t["id"] == keep:
                    keep_item = item
        self.tree.expandAll()
        self.tree.setVisible(bool(self.prompts))
        self.empty.setVisible(not self.prompts)
        if keep_item is not None:
            self.tree.setCurrentItem(keep_item)

    def _fill_summary(self) -> None:
        done = sum(1 for t in self.tasks if t["done_on"])
        overdue = sum(1 for t in self.tasks if t["status"] == "overdue")
        self.summary_counts = (done, len(self.tasks), overdue)
        text = self.tr("已完成 {0}/{1}，逾期 {2}").format(done, len(self.tasks), overdue)
        self.summary.setText(text if not overdue else f'<span style="color:{WARN}">{text}</span>')
        self.month_card.info.setText(self.tr("{0} 份工作提示，{1} 项任务").format(len(self.prompts), len(self.tasks))
                                     if self.prompts else "")

    def summary_text(self) -> str:
        done, total, overdue = self.summary_counts
        return self.tr("已完成 {0}/{1}，逾期 {2}").format(done, total, overdue)

    def selected_task(self) -> dict | None:
        item = self.tree.currentItem() if self.tree.selectedItems() else None
        task_id = item.data(self.TITLE, TASK_ROLE) if item is not None else None
        return next((t for t in self.tasks if t["id"] == task_id), None) if task_id else None

    def _selection(self) -> None:
        task = self.selected_task()
        self.tick_button.setEnabled(task is not None and not task["done_on"])
        self.detail.setVisible(task is not None)
        if task is not None:
            lines = [task["title"], self.tr("截止日期：{0}").format(task["due_date"] or self.tr("未定"))]
            if task["done_on"]:
                lines.append(self.tr("{0} 由 {1} 完成").format(task["done_on"], task["done_by"] or ""))
            if task["note"]:
                lines.append(self.tr("备注：{0}").format(task["note"]))
            self.detail.setText("\n".join(lines))
        self.earlier_tick.setEnabled(bool(self.earlier_tree.selectedItems()))

    def _tick_item(self, item: QTreeWidgetItem) -> None:
        task_id = item.data(self.TITLE, TASK_ROLE)
        task = next((t for t in self.tasks if t["id"] == task_id), None)
        if task and not task["done_on"]:
            self.tick(task)

    def tick_selected(self) -> bool:
        task = self.selected_task()
        return self.tick(task) if task and not task["done_on"] else False

    def tick(self, task: dict) -> bool:
        """Mark a task done on a date with a note (asked in a small dialog)."""
        dialog = NoteDialog(self.tr("完成工作任务"), task["title"], self.session.today(), self.tr("完成情况（备注）"),
                            placeholder=self.tr("例如：已全部完成，共走访 32 户"), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        done_on, note = dialog.values()
        try:
            self.session.call(worklog.complete_task, task["id"], done_on, note or None, today=self.session.today())
        except ZhucunError as e:
            show_error(self, e)
            return False
        before = self._refreshes
        self.session.notify("prompts")
        if self._refreshes == before:
            self.refresh()
        return True

    def print_month(self, kind: str):
        """驻村工作月报 (`report`) or 公示 (`notice`) of the month shown."""
        from ..printing.print_other import MonthPrintDialog, run_dialog
        return run_dialog(lambda: MonthPrintDialog(self.session, kind, self.month, self), self)

    def export_ledger(self):
        """导出台账 (Excel) of the month shown."""
        from ..printing.ledger_export_dialog import open_ledger_export
        return open_ledger_export(self.session, self.month, self)

    # -- earlier months ------------------------------------------------------------------------
    def _fill_earlier(self) -> None:
        self.earlier_tree.clear()
        for r in self.earlier:
            y, m = r["month"].split("-")
            item = QTreeWidgetItem([self.tr("{0}年{1}月").format(y, int(m)), r["title"],
                                    r["due_date"][5:] if r["due_date"] else ""])
            item.setData(0, TASK_ROLE, r["id"])
            item.setToolTip(1, "\n".join(x for x in (r["prompt_title"], r["title"], r["note"] or "") if x))
            if r["status"] == "overdue":
                item.setForeground(2, QBrush(QColor(WARN)))
            self.earlier_tree.addTopLevelItem(item)
        self.earlier_tree.setVisible(bool(self.earlier))
        self.earlier_empty.setVisible(not self.earlier)
        self.earlier_card.info.setText(self.tr("{0} 项").format(len(self.earlier)) if self.earlier else "")

    def _go_earlier(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        task_id = item.data(0, TASK_ROLE)
        row = next((r for r in self.earlier if r["id"] == task_id), None)
        if row is None:
            return
        self.set_month(row["month"])
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for k in range(top.childCount()):
                if top.child(k).data(self.TITLE, TASK_ROLE) == task_id:
                    self.tree.setCurrentItem(top.child(k))
                    self.tree.scrollToItem(top.child(k))
                    return

    def tick_earlier(self) -> bool:
        items = self.earlier_tree.selectedItems()
        if not items:
            return False
        row = next((r for r in self.earlier if r["id"] == items[0].data(0, TASK_ROLE)), None)
        return self.tick(row) if row else False
