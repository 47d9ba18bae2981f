"""本月工作: what the team has to do this month on one screen — the month's work prompt, who is
due a visit, case deadlines, open problem items, days in the village with a daily check-in, and
visits done against due over the last six months."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QCheckBox, QComboBox, QDialog, QFrame, QGridLayout,
                               QHeaderView, QLabel, QProgressBar,
                               QPushButton, QScrollArea, QTableView, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from app.core.errors import ZhucunError
from app.services import cases, due, worklog
from app.storage import search
from app.core.enums import CaseState

from ..mainwindow.ops import QueryOp
from .clues_card import CluesCard
from .plan_card import PlanCard
from .returned_card import ReturnedCard
from ..widgets.chart import BarChart
from ..widgets.columns import fit_columns
from ..widgets.errors import show_error
from ..widgets.problem_text import duties, overdue_mark
from ..widgets.reflow import reflow, stacked_width
from ..widgets.style import ACCENT, MUTED, ORANGE, PAGE, WARN, bar_style, set_role
from ..widgets.table_model import RowsModel
from ..widgets.enum_labels import name_of
from ..widgets.month_view import (DONE_COLOR, TREE_STYLE, Card, MonthPage, NoteDialog, clear_layout,
                         days_in_month, month_of, shift_month, short_date, tree_height)

DEADLINE_WINDOW_DAYS = 5          # a case deadline shows from 5 days before it
CHECKIN_TAG = "签到:"              # kept in the attendance note: "签到:2026-11-22" (data, not UI text)
_CHECKIN_RE = re.compile(r"签到:\d{4}-\d{2}-\d{2}")


STATUS_ORDER = {"overdue": 0, "due": 1, "done": 2}


class DueTableModel(RowsModel):
    """The due list: 户主, 村民小组, 事项, 状态, 上次联系, 依据 (the rule, also as tooltip)."""
    HEAD, GROUP, KIND, STATUS, LAST, RULE = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.headers = [self.tr("户主"), self.tr("村民小组"), self.tr("事项"), self.tr("状态"),
                        self.tr("上次联系"), self.tr("依据")]
        self.kinds = kind_labels(self)
        self.statuses = {"overdue": self.tr("逾期"), "due": self.tr("待完成"), "done": self.tr("已完成")}

    def row(self, i: int) -> dict:
        return self.rows[i]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.HEAD:
                return r["head_name"]
            if col == self.GROUP:
                return r["group_name"] or ""
            if col == self.KIND:
                return self.kinds.get(r["kind"], r["kind"])
            if col == self.STATUS:
                return self.statuses.get(r["status"], r["status"])
            if col == self.LAST:
                return r["last_contact"] or self.tr("无记录")
            if col == self.RULE:
                return r["rule_zh"]
        elif role == Qt.ItemDataRole.ToolTipRole:
            lines = [r["rule_zh"]]
            if r.get("overdue_reason_zh"):
                lines.append(r["overdue_reason_zh"])
            lines.append(self.tr("双击打开农户档案"))
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.ForegroundRole:
            if col == self.STATUS and r["status"] == "overdue":
                return QBrush(QColor(WARN))
            if col == self.STATUS and r["status"] == "done":
                return QBrush(QColor(DONE_COLOR))
            if col in (self.LAST, self.RULE):
                return QBrush(QColor(MUTED))
        elif role == Qt.ItemDataRole.FontRole:
            if col == self.STATUS and r["status"] == "overdue" or col == self.HEAD:
                font = QFont()
                font.setBold(True)
                return font
        elif role == Qt.ItemDataRole.UserRole:
            return r["household_id"]
        return None


def kind_labels(obj=None) -> dict[str, str]:
    t = lambda text: QCoreApplication.translate("DueTableModel", text)  # noqa: E731
    return {"home_visit": t("入户走访"), "remote_contact": t("电话/微信联系"),
            "followup_check": t("消除风险后回头看"), "annual_visit": t("年度入户走访")}


def sort_due(rows: list[dict]) -> list[dict]:
    """Overdue first, then due, then done; within each, by group (in number order) and head."""
    return sorted(rows, key=lambda r: (STATUS_ORDER.get(r["status"], 9), search.group_sort_key(r["group_name"]), r["head_name"]))


def upcoming_deadlines(store, today: date) -> list[dict]:
    """The open cases whose 识别认定 (step "identify") or 帮扶计划 ("plan") is due within
    DEADLINE_WINDOW_DAYS or overdue, the nearest first."""
    out = []
    for c in cases.list_cases(store, today=today):
        if c["state"] == "clue":
            deadline, step = c["identify_by"], "identify"
        elif c["state"] == "identified":
            deadline, step = c["plan_by"], "plan"
        else:
            continue
        if not deadline:
            continue
        left = (date.fromisoformat(deadline) - today).days
        if left > DEADLINE_WINDOW_DAYS:
            continue
        view = cases.case_view(store, c["id"], today)
        out.append({"case_id": c["id"], "household_id": c["household_id"], "head_name": c["head_name"],
                    "state": c["state"], "step": step, "deadline": deadline, "days_left": left,
                    "overdue_zh": view["overdue_zh"]})
    return sorted(out, key=lambda d: d["days_left"])


# -- the page ---------------------------------------------------------------------------------
class HomePage(MonthPage, QWidget):
    """本月工作. `refresh()` reloads everything for the shown month; the chart is computed in a
    worker (`chart_data` holds its figures once done)."""
    open_household = Signal(str)

    def __init__(self, session, parent: QWidget | None = None, *, due_later: bool = False):
        super().__init__(parent)
        self.session = session
        # In the window the due list is read on the read thread and shown when it arrives: the
        # first is a full computation (a quarter of a second at 6,000 households), and the read
        # thread's connection keeps it (services/due_state.py), so each one after a save
        # computes only the households that changed. The case deadlines (a replay of each open
        # case) and the plan card's screening count are read there too.
        self.due_later = due_later
        self._due_token = 0
        self._due_key: tuple | None = None      # (month, done shown too) of the list shown
        self._deadline_token = 0
        today = session.today()
        self.month = month_of(today)
        self.due_rows: list[dict] = []
        self.prompts: list[dict] = []
        self.deadlines: list[dict] = []
        self.problems: list[dict] = []
        self.attendance: list[dict] = []
        self.chart_data: list[dict] | None = None
        self.checkin_message = ""
        self._stale = True
        self._loaded = False
        self._refreshes = 0
        self._chart_task = None
        self._chart_token = 0
        self._chart_key = None

        # Header: title, month, the month at a glance.
        header, self.glance = self.month_header(self.tr("本月工作"))
        # The month at a glance goes under the title when the page is narrow.
        del_item = header.takeAt(header.indexOf(self.glance))   # (takeAt: the item's wrapper dies with it)
        del del_item
        self.top_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top_row.setSpacing(14)
        self.top_row.addLayout(header, 1)
        self.top_row.addWidget(self.glance)

        # (a) the month's work prompt
        self.prompt_card = Card(self.tr("本月工作提示"))
        self.prompt_grid = QGridLayout()
        self.prompt_grid.setHorizontalSpacing(12)
        self.prompt_grid.setVerticalSpacing(6)
        self.prompt_card.body.addLayout(self.prompt_grid)

        # (b) the due list
        self.due_card = Card(self.tr("应走访清单"))
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("全部事项"), None)
        for code, text in kind_labels(self).items():
            self.kind_filter.addItem(text, code)
        self.kind_filter.currentIndexChanged.connect(self._apply_due_filter)
        self.show_done = QCheckBox(self.tr("显示已完成"))
        self.show_done.toggled.connect(self._reload_due)
        self.visit_button = set_role(QPushButton(self.tr("记录走访…")), "primary")
        self.visit_button.setToolTip(self.tr("为选中的农户记录一次走访或电话/微信联系"))
        self.visit_button.clicked.connect(self.record_visit)
        # The tools on a row of their own: beside the title they would not fit 150 % scaling.
        due_tools = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        due_tools.addWidget(self.kind_filter)
        due_tools.addWidget(self.show_done)
        due_tools.addStretch(1)
        due_tools.addWidget(self.visit_button)
        self.due_card.body.addLayout(due_tools)
        self.due_model = DueTableModel(self)
        self.due_view = QTableView()
        self.due_view.setModel(self.due_model)
        self.due_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.due_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due_view.setAlternatingRowColors(True)
        self.due_view.setWordWrap(False)
        self.due_view.verticalHeader().hide()
        self.due_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.due_view.horizontalHeader().setHighlightSections(False)
        fit_columns(self.due_view)
        self.due_view.setMinimumHeight(300)
        self.due_view.doubleClicked.connect(self._open_due)
        self.due_view.selectionModel().selectionChanged.connect(self._due_selection)
        self.due_empty = set_role(QLabel(), "muted")
        self.due_card.body.addWidget(self.due_view, 1)
        self.due_card.body.addWidget(self.due_empty)

        # Risk clues not yet handled (风险线索), overdue first.
        self.clue_card = CluesCard(session)
        self.clue_card.open_household.connect(self.open_household)
        # The team's yearly plan and the latest screening campaign (003 #22, #23).
        self.plan_card = PlanCard(session, later=due_later)
        # Records the leader sent back to the person signed in (shown only when there are some).
        self.returned_card = ReturnedCard(session)

        # (c) case deadlines
        self.deadline_card = Card(self.tr("即将到期"))
        self.deadline_card.info.setText(self.tr("识别认定15天、帮扶计划10天"))
        self.deadline_tree = QTreeWidget()
        self.deadline_tree.setColumnCount(4)
        self.deadline_tree.setHeaderLabels([self.tr("户主"), self.tr("环节"), self.tr("期限"), self.tr("剩余")])
        self.deadline_tree.setRootIsDecorated(False)
        self.deadline_tree.setAlternatingRowColors(True)
        self.deadline_tree.setStyleSheet(TREE_STYLE)
        dh = self.deadline_tree.header()
        dh.setStretchLastSection(False)
        dh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        dh.resizeSection(0, 80)
        dh.resizeSection(2, 96)
        dh.resizeSection(3, 78)
        self.deadline_tree.itemDoubleClicked.connect(self._open_deadline)
        self.deadline_empty = set_role(QLabel(self.tr("{0}天内没有到期的识别或帮扶计划").format(DEADLINE_WINDOW_DAYS)),
                                       "muted")
        self.deadline_card.body.addWidget(self.deadline_tree)
        self.deadline_card.body.addWidget(self.deadline_empty)

        # (d) problem lists
        self.problem_card = Card(self.tr("问题清单"))
        self.close_button = QPushButton(self.tr("销号…"))
        self.close_button.setToolTip(self.tr("整改完成后销号：须写明如何整改"))
        self.close_button.clicked.connect(self.close_selected_problem)
        self.problem_card.tools.addWidget(self.close_button)
        self.problem_tree = QTreeWidget()
        self.problem_tree.setColumnCount(2)
        self.problem_tree.setHeaderLabels([self.tr("问题"), self.tr("来源")])
        self.problem_tree.setRootIsDecorated(False)
        self.problem_tree.setAlternatingRowColors(True)
        self.problem_tree.setStyleSheet(TREE_STYLE)
        self.problem_tree.setWordWrap(False)
        self.problem_tree.header().setStretchLastSection(False)
        self.problem_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problem_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.problem_tree.header().resizeSection(1, 150)
        self.problem_tree.itemSelectionChanged.connect(self._problem_selection)
        self.problem_tree.itemDoubleClicked.connect(self._open_problem)
        self.problem_empty = set_role(QLabel(self.tr("没有未销号的问题")), "muted")
        self.problem_card.body.addWidget(self.problem_tree)
        self.problem_card.body.addWidget(self.problem_empty)

        # (e) days in the village
        self.attendance_card = Card(self.tr("在村天数"))
        self.attendance_card.info.setText(self.tr("每月不少于{0}天").format(worklog.MIN_DAYS_IN_VILLAGE))
        self.checkin_button = set_role(QPushButton(self.tr("今日签到")), "primary")
        self.checkin_button.clicked.connect(self.check_in)
        self.attendance_card.tools.addWidget(self.checkin_button)
        self.attendance_grid = QGridLayout()
        self.attendance_grid.setHorizontalSpacing(10)
        self.attendance_grid.setVerticalSpacing(4)
        self.attendance_card.body.addLayout(self.attendance_grid)
        self.checkin_label = set_role(QLabel(), "muted")
        self.attendance_card.body.addWidget(self.checkin_label)

        # (f) visits done vs due, six months
        self.chart_card = Card(self.tr("走访完成情况"))
        self.chart_card.info.setText(self.tr("近六个月"))
        self.chart = BarChart()
        self.chart.setMinimumHeight(150)
        self.chart.set_placeholder(self.tr("计算中…"))
        self.chart_card.body.addWidget(self.chart)

        # Two columns in a scroll area; one under the other on a narrow screen.
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.returned_card)
        left.addWidget(self.prompt_card)
        left.addWidget(self.due_card, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.clue_card)
        right.addWidget(self.plan_card)
        right.addWidget(self.deadline_card)
        right.addWidget(self.attendance_card)
        right.addWidget(self.problem_card)
        right.addWidget(self.chart_card)
        right.addStretch(1)
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(12)
        columns.addLayout(left, 11)
        columns.addLayout(right, 8)
        content = QWidget()
        content.setObjectName("homeContent")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(16, 4, 16, 10)
        content_layout.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        self.setStyleSheet(f"QScrollArea {{ background: {PAGE}; }}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(16, 10, 16, 8)
        top_layout.addLayout(self.top_row)
        layout.addWidget(top)
        layout.addWidget(scroll, 1)

    # -- fitting a narrow screen ---------------------------------------------------------------
    SIDE_MARGINS = 32

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), stacked_width(self.top_row) + self.SIDE_MARGINS), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.fit_width(event.size().width())
        super().resizeEvent(event)

    def fit_width(self, page_width: int) -> None:
        """The header's glance and the right column go below when `page_width` is too narrow."""
        width = page_width - self.SIDE_MARGINS
        reflow(self.top_row, width)
        # The columns share the width with the scroll area's vertical bar.
        reflow(self.columns, width - self.scroll.verticalScrollBar().sizeHint().width())

    # -- page contract: see MonthPage ---------------------------------------------------------
    def refresh(self) -> None:
        today = self.session.today()
        self.month_selector.set_current(month_of(today))
        self._load_prompts(today)
        self._reload_due()
        self._load_deadlines(today)
        self.clue_card.load()
        self.plan_card.load()
        self.returned_card.load()
        self._load_problems()
        self._load_attendance(today)
        self._load_chart(today)
        self._update_glance()
        self._stale = False
        self._loaded = True
        self._refreshes += 1
        self.fit_width(self.width())

    # -- (a) prompts ---------------------------------------------------------------------------
    def _load_prompts(self, today: date) -> None:
        self.prompts = self.session.read(worklog.prompts_for_month, self.month, today)
        grid = self.prompt_grid
        clear_layout(grid)
        tasks = [t for p in self.prompts for t in p["tasks"]]
        done = sum(1 for t in tasks if t["done_on"])
        self.prompt_card.info.setText(self.tr("已完成 {0}/{1}").format(done, len(tasks)) if tasks else "")
        if not self.prompts:
            grid.addWidget(set_role(QLabel(self.tr("本月没有工作提示")), "muted"), 0, 0)
            return
        row = 0
        for p in self.prompts:
            source = p.get("issued_by") or ""
            head = set_role(QLabel(p["title"] + (f" · {source}" if source else "")), "muted")
            head.setWordWrap(True)
            grid.addWidget(head, row, 0, 1, 4)
            row += 1
            for t in p["tasks"]:
                title = QLabel(t["title"])
                title.setWordWrap(True)
                title.setToolTip(t["note"] or "")
                due_label = set_role(QLabel(self.tr("截止 {0}").format(short_date(t["due_date"]))
                                            if t["due_date"] else ""), "muted")
                state = QLabel()
                if t["status"] == "done":
                    state.setText(self.tr("✓ 已完成 {0}").format(short_date(t["done_on"])))
                    state.setStyleSheet(f"color: {DONE_COLOR};")
                    tip = self.tr("{0} 完成").format(t["done_by"] or "")
                    if t["note"]:
                        tip += "\n" + t["note"]
                    state.setToolTip(tip)
                elif t["status"] == "overdue":
                    set_role(state, "warn")
                    state.setText(self.tr("逾期"))
                else:
                    state.setText(self.tr("未完成"))
                grid.addWidget(title, row, 0)
                grid.addWidget(due_label, row, 1)
                grid.addWidget(state, row, 2)
                if not t["done_on"]:
                    button = QPushButton(self.tr("完成…"))
                    button.setToolTip(self.tr("标记完成并写明情况"))
                    button.clicked.connect(lambda _=False, task=t: self.tick_task(task))
                    grid.addWidget(button, row, 3)
                row += 1
        grid.setColumnStretch(0, 1)

    def tick_task(self, task: dict) -> bool:
        """Mark a prompt task done, with the date and a note asked in a small dialog."""
        dialog = NoteDialog(self.tr("完成工作任务"), task["title"], self.session.today(), self.tr("完成情况（备注）"),
                            placeholder=self.tr("例如：已全部完成，共走访 32 户"), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        done_on, note = dialog.values()
        try:
            self.session.call(worklog.complete_task, task["id"], done_on, note or None,
                              today=self.session.today())
        except ZhucunError as e:
            show_error(self, e)
            return False
        self._notify("prompts")
        return True

    # -- (b) the due list -----------------------------------------------------------------------
    def _reload_due(self) -> None:
        self._due_token += 1
        month, today, include_done = self.month, self.session.today(), self.show_done.isChecked()
        key = (month, include_done)
        if self.due_later:
            token = self._due_token
            if key != self._due_key:
                # The first list, another month: no row or count of another list meanwhile.
                # After a save the list shown stays until the new one (a few households) arrives.
                self._due_key = None
                self.due_rows = []
                self.due_model.set_rows([])
                self.due_empty.setVisible(False)
                self.due_card.info.setText(self.tr("计算中…"))
            QueryOp(self.session, lambda store: sort_due(due.due_list(store, month, today, include_done=include_done)),
                    self) \
                .success(lambda rows: self._due_arrived(token, key, rows)) \
                .failure(lambda exc: self._due_arrived(token, key, None)).run()
            return
        self.due_rows = sort_due(self.session.read(due.due_list, month, today, include_done=include_done))
        self._due_key = key
        self._apply_due_filter()

    def _due_arrived(self, token: int, key: tuple, rows: list[dict] | None) -> None:
        """A due list read on the read thread (None: it failed: read it here)."""
        if token != self._due_token or not self.session.is_open:
            return                  # a later reload already showed a newer list
        if rows is None:
            self.due_later = False
            self._reload_due()
        else:
            self.due_rows = rows            # sorted on the read thread
            self._due_key = key
            self._apply_due_filter()
        self._update_glance()

    def _apply_due_filter(self) -> None:
        kind = self.kind_filter.currentData()
        selected = self.selected_due()
        current = self.due_view.currentIndex().row()
        rows = [r for r in self.due_rows if kind is None or r["kind"] == kind]
        self.due_model.set_rows(rows)
        open_rows = [r for r in self.due_rows if r["status"] != "done"]
        overdue = sum(1 for r in open_rows if r["status"] == "overdue")
        text = self.tr("待完成 {0} 项").format(len(open_rows))
        if overdue:
            text += self.tr("，逾期 {0} 项").format(overdue)
        self.due_card.info.setText(text)
        self.due_empty.setText(self.tr("本月应走访的农户都已走访") if not rows else "")
        self.due_empty.setVisible(not rows)
        # Keep the place: the same household if still listed, else the row that took its place.
        target = -1
        if selected is not None:
            target = next((i for i, r in enumerate(rows) if r["household_id"] == selected["household_id"]
                           and r["kind"] == selected["kind"]), min(current, len(rows) - 1))
        if target >= 0:
            self.due_view.selectRow(target)
        self._due_selection()

    def selected_due(self) -> dict | None:
        rows = self.due_view.selectionModel().selectedRows() if self.due_view.selectionModel() else []
        if not rows:
            return None
        i = rows[0].row()
        return self.due_model.row(i) if 0 <= i < len(self.due_model.rows) else None

    def _due_selection(self, *_):
        self.visit_button.setEnabled(self.selected_due() is not None)

    def _open_due(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_household.emit(self.due_model.row(index.row())["household_id"])

    def record_visit(self) -> bool:
        """Open the visit dialog for the selected due item; the list follows after a save."""
        row = self.selected_due()
        if row is None:
            return False
        from app.ui.households.visit_dialog import VisitDialog
        dialog = VisitDialog(self.session, row["household_id"], self, due_kind=row["kind"])
        before = self._refreshes
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and self._refreshes == before:
            self.refresh()   # the window refreshes the page on session.changed; standalone, do it here
        return accepted

    # -- (c) case deadlines --------------------------------------------------------------------
    def _load_deadlines(self, today: date) -> None:
        self._deadline_token += 1
        if not self.due_later:
            self._show_deadlines(self.session.read(upcoming_deadlines, today))
            return
        token = self._deadline_token
        if not self._loaded:            # the first read: no count, and no "none due", meanwhile
            self.deadline_card.info.setText(self.tr("计算中…"))
            self.deadline_tree.setVisible(False)
            self.deadline_empty.setVisible(False)
        QueryOp(self.session, lambda store: upcoming_deadlines(store, today), self) \
            .success(lambda rows: self._deadlines_arrived(token, rows)) \
            .failure(lambda exc: self._deadlines_arrived(token, None)).run()

    def _deadlines_arrived(self, token: int, rows: list[dict] | None) -> None:
        """The deadlines read on the read thread (None: it failed: read them here)."""
        if token != self._deadline_token or not self.session.is_open:
            return
        self._show_deadlines(rows if rows is not None else self.session.read(upcoming_deadlines, self.session.today()))
        self._update_glance()

    def _show_deadlines(self, rows: list[dict]) -> None:
        steps = {"identify": self.tr("识别认定"), "plan": self.tr("帮扶计划")}
        self.deadlines = [{**d, "state_zh": name_of(CaseState(d["state"])), "step": steps[d["step"]]} for d in rows]
        tree = self.deadline_tree
        tree.clear()
        late = sum(1 for d in self.deadlines if d["days_left"] < 0)
        info = self.tr("{0} 项").format(len(self.deadlines)) if self.deadlines else ""
        if late:
            info += self.tr("，已逾期 {0} 项").format(late)
        self.deadline_card.info.setText(info or self.tr("识别认定15天、帮扶计划10天"))
        for d in self.deadlines:
            left = d["days_left"]
            if left < 0:
                text = self.tr("逾期 {0} 天").format(-left)
            elif left == 0:
                text = self.tr("今天到期")
            else:
                text = self.tr("还剩 {0} 天").format(left)
            item = QTreeWidgetItem([d["head_name"], self.tr("{0} · {1}").format(d["state_zh"], d["step"]),
                                    d["deadline"], text])
            item.setData(0, Qt.ItemDataRole.UserRole, d["household_id"])
            tip = "\n".join(d["overdue_zh"] + [self.tr("双击打开农户档案")])
            for col in range(4):
                item.setToolTip(col, tip)
            item.setForeground(2, QBrush(QColor(MUTED)))
            if left <= 1:
                item.setForeground(3, QBrush(QColor(WARN)))
                bold = QFont(tree.font())
                bold.setBold(True)
                item.setFont(3, bold)
            tree.addTopLevelItem(item)
        tree.setVisible(bool(self.deadlines))
        self.deadline_empty.setVisible(not self.deadlines)
        tree.setFixedHeight(tree_height(tree, len(self.deadlines), 1, 4))

    def _open_deadline(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_household.emit(item.data(0, Qt.ItemDataRole.UserRole))

    # -- (d) problem lists ---------------------------------------------------------------------
    def _load_problems(self) -> None:
        lists = self.session.read(worklog.problem_lists, True, self.session.today())
        # Overdue items (past their 整改时限) first.
        self.problems = sorted(({**item, "list_title": pl["title"], "source": pl["source"]}
                                for pl in lists for item in pl["items"]), key=lambda p: p["status"] != "overdue")
        self.problem_tree.clear()
        county = sum(1 for p in self.problems if p["source"] == "county")
        overdue = sum(1 for p in self.problems if p["status"] == "overdue")
        self.problem_card.info.setText(self.tr("未销号 {0} 项（县反馈 {1}，逾期 {2}）").format(
            len(self.problems), county, overdue) if self.problems else "")
        for p in self.problems:
            item = QTreeWidgetItem([overdue_mark(p["status"] == "overdue") + p["description"], p["list_title"]])
            item.setData(0, Qt.ItemDataRole.UserRole, p["id"])
            duty = duties(p)
            item.setToolTip(0, p["description"] + ("\n" + duty if duty else "")
                            + ("\n" + self.tr("双击打开农户档案") if p["household_id"] else ""))
            if p["status"] == "overdue":
                item.setForeground(0, QBrush(QColor(WARN)))
            item.setToolTip(1, p["list_title"])
            if p["source"] == "county":
                item.setForeground(1, QBrush(QColor(MUTED)))
            self.problem_tree.addTopLevelItem(item)
        self.problem_tree.setVisible(bool(self.problems))
        self.problem_empty.setVisible(not self.problems)
        self.problem_tree.setFixedHeight(tree_height(self.problem_tree, len(self.problems), 2, 4))
        self._problem_selection()

    def _problem_selection(self) -> None:
        self.close_button.setEnabled(self._selected_problem() is not None)

    def _selected_problem(self) -> dict | None:
        items = self.problem_tree.selectedItems()
        if not items:
            return None
        pid = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((p for p in self.problems if p["id"] == pid), None)

    def _open_problem(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        pid = item.data(0, Qt.ItemDataRole.UserRole)
        problem = next((p for p in self.problems if p["id"] == pid), None)
        if problem and problem["household_id"]:
            self.open_household.emit(problem["household_id"])

    def close_selected_problem(self) -> bool:
        problem = self._selected_problem()
        if problem is None:
            return False
        dialog = NoteDialog(self.tr("问题销号"), problem["description"], self.session.today(),
                            self.tr("整改情况（必填）"), require_note=True,
                            placeholder=self.tr("例如：已入户核实并补录住房安全等级"), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        closed_on, note = dialog.values()
        try:
            self.session.call(worklog.close_problem, problem["id"], note, closed_on, self.session.today())
        except ZhucunError as e:
            show_error(self, e)
            return False
        self._notify("problems")
        return True

    # -- (e) attendance ------------------------------------------------------------------------
    def _load_attendance(self, today: date) -> None:
        this_month = month_of(today)
        rows = self.session.read(worklog.attendance_for_month, self.month)
        by_person = {r["person"]: r for r in rows}
        # The team's roster (the same people as Settings lists), so that someone not yet entered
        # this month shows too.
        team = [p["name"] for p in self.session.read(worklog.team) if p.get("active", 1)]
        for person in team:
            by_person.setdefault(person, {"person": person, "month": self.month, "days": 0, "note": None,
                                          "short": True, "missing": True})
        me = self.session.user_name
        self.attendance = sorted(by_person.values(), key=lambda r: (r["person"] != me, r["person"]))
        total = days_in_month(self.month)
        left_in_month = total - today.day + 1 if self.month == this_month else (0 if self.month < this_month else total)
        target = worklog.MIN_DAYS_IN_VILLAGE

        grid = self.attendance_grid
        clear_layout(grid)
        if not self.attendance:
            grid.addWidget(set_role(QLabel(self.tr("本月尚无登记")), "muted"), 0, 0)
        for row, r in enumerate(self.attendance):
            name = QLabel(r["person"] + (self.tr("（我）") if r["person"] == me else ""))
            bar = QProgressBar()
            bar.setRange(0, total)
            bar.setValue(r["days"])
            bar.setTextVisible(False)
            bar.setFixedHeight(8)
            missing = bool(r.get("missing"))
            short = r["days"] < target and not missing
            cannot_reach = short and r["days"] + left_in_month < target
            color = WARN if cannot_reach else (ACCENT if not short else ORANGE)
            bar.setStyleSheet(bar_style(color))
            days = QLabel(self.tr("{0} 天").format(r["days"]) if not missing else "—")
            days.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if short:
                hint = set_role(QLabel(self.tr("还差 {0} 天").format(target - r["days"])),
                                "warn" if cannot_reach else "muted")
                if cannot_reach:
                    set_role(days, "warn")
            else:
                hint = QLabel("")
            if missing:
                hint = set_role(QLabel(self.tr("未登记")), "muted")
                set_role(days, "muted")
            for col, w in enumerate((name, bar, days, hint)):
                grid.addWidget(w, row, col)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(3, 64)

        is_this_month = self.month == this_month
        self.checkin_button.setVisible(is_this_month)
        mine = by_person.get(me) or {}
        checked = f"{CHECKIN_TAG}{today.isoformat()}" in (mine.get("note") or "")
        self.checkin_button.setText(self.tr("今天已签到") if checked else self.tr("今日签到"))
        self.checkin_button.setToolTip(self.tr("记一天在村：{0} 本月在村天数加 1，每天一次").format(me))
        self.checkin_label.setText(self.checkin_message)
        self.checkin_label.setVisible(bool(self.checkin_message) and is_this_month)

    def check_in(self) -> bool:
        """Today's check-in: one more day in the village for the current user, once a day."""
        today = self.session.today()
        month, person = month_of(today), self.session.user_name
        tag = f"{CHECKIN_TAG}{today.isoformat()}"
        rows = self.session.read(worklog.attendance_for_month, month)
        mine = next((r for r in rows if r["person"] == person), None)
        note = (mine or {}).get("note") or ""
        if tag in note:
            self.checkin_message = self.tr("今天已签到，本月在村 {0} 天").format(mine["days"])
            self.checkin_label.setText(self.checkin_message)
            self.checkin_label.setVisible(True)
            return False
        days = min((mine["days"] if mine else 0) + 1, days_in_month(month))
        if _CHECKIN_RE.search(note):
            note = _CHECKIN_RE.sub(tag, note)
        else:
            note = f"{note}；{tag}" if note else tag
        try:
            self.session.call(worklog.set_attendance, person, month, days, note)
        except ZhucunError as e:
            show_error(self, e)
            return False
        self.checkin_message = self.tr("已签到：{0}，本月在村 {1} 天").format(today.isoformat(), days)
        self._notify("attendance")
        return True

    # -- (f) the chart -------------------------------------------------------------------------
    def chart_months(self) -> list[str]:
        return [shift_month(self.month, k) for k in range(-5, 1)]

    def _load_chart(self, today: date) -> None:
        months = self.chart_months()
        key = tuple(months)
        if key != self._chart_key:
            self.chart_data = None
            self.chart.set_placeholder(self.tr("计算中…"))
        self._chart_key = key
        if self._chart_task is not None:
            self._chart_task.cancel()
        self._chart_token += 1
        token = self._chart_token

        def work(session, report):
            out = []
            for i, m in enumerate(months):
                with session.reading() as store:  # one month at a time: the window reads in between
                    rows = due.due_list(store, m, today, include_done=True)
                out.append({"month": m, "due": len(rows), "done": sum(1 for r in rows if r["status"] == "done")})
                report(i + 1, len(months))
            return out

        self._chart_task = QueryOp(self.session, work, self, hold=False) \
            .success(lambda result: self._chart_done(token, result)) \
            .failure(lambda exc: self._chart_failed(token, exc)).run()

    def _chart_done(self, token: int, result: list[dict]) -> None:
        if token != self._chart_token:
            return
        self._chart_task = None
        self.chart_data = result
        labels = []
        for i, r in enumerate(result):
            y, m = r["month"].split("-")
            labels.append(self.tr("{0}年{1}月").format(y, int(m)) if i == 0 or m == "01"
                          else self.tr("{0}月").format(int(m)))
        captions = [self.tr("完成 {0}%").format(round(100 * r["done"] / r["due"])) if r["due"] else "—"
                    for r in result]
        self.chart.set_data(labels, [(self.tr("应走访"), [r["due"] for r in result]),
                                     (self.tr("已完成"), [r["done"] for r in result])], captions=captions)
        self._update_glance()

    def _chart_failed(self, token: int, exc: BaseException) -> None:
        if token != self._chart_token:
            return
        self._chart_task = None
        from ..mainwindow.worker import Cancelled
        if not isinstance(exc, Cancelled):
            self.chart.set_placeholder(self.tr("无法计算：{0}").format(exc))

    # -- helpers -------------------------------------------------------------------------------
    def _update_glance(self) -> None:
        open_rows = [r for r in self.due_rows if r["status"] != "done"]
        overdue = sum(1 for r in open_rows if r["status"] == "overdue")
        tasks = [t for p in self.prompts for t in p["tasks"]]
        late_tasks = sum(1 for t in tasks if t["status"] == "overdue")
        if self._due_key is None:     # the list is on its way
            parts = [self.tr("待走访 <b>…</b>")]
        else:
            parts = [self.tr("待走访 <b>{0}</b>").format(len(open_rows))]
        if overdue:
            parts.append(self.tr('<span style="color:{0}">逾期 <b>{1}</b></span>').format(WARN, overdue))
        parts.append(self.tr("工作任务 <b>{0}/{1}</b>").format(sum(1 for t in tasks if t["done_on"]), len(tasks)))
        if late_tasks:
            parts.append(self.tr('<span style="color:{0}">任务逾期 <b>{1}</b></span>').format(WARN, late_tasks))
        if self.deadlines:
            parts.append(self.tr("案例到期 <b>{0}</b>").format(len(self.deadlines)))
        parts.append(self.tr("未销号问题 <b>{0}</b>").format(len(self.problems)))
        self.glance.setText(f'<span style="color:{MUTED}">' + " · ".join(parts) + "</span>")

    def _notify(self, what: str) -> None:
        before = self._refreshes
        self.session.notify(what)
        if self._refreshes == before:
            self.refresh()   # standalone (no window listening): show the change here

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(1196, 700)

