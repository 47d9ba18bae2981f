"""农户档案: the whole roster, found as the user types (name, pinyin, initials, ID, phone),
narrowed by category, village group, this month's due visits and open problem items."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QCheckBox, QComboBox, QHBoxLayout, QLabel,
                               QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget)

from app.core.enums import HouseholdCategory, MonitoringCategory, Residence
from app.core.search_keys import name_keys
from app.services import households as hs, worklog
from app.storage import search

from ..mainwindow.ops import QueryOp
from ..widgets.errors import show_error
from .household_dialog import HouseholdDialog
from ..widgets.style import WARN, set_role
from ..widgets.columns import fit_columns
from ..widgets.reflow import reflow, stacked_width
from ..widgets.table_model import RowsModel, list_table
from ..widgets.text import comma
from ..widgets.enum_labels import choices, name_of

ID_ROLE = Qt.ItemDataRole.UserRole


@lru_cache(maxsize=50_000)
def _name_key(name: str | None) -> str:
    """Names sort by their pinyin (张 after 李), not by code point."""
    if not name:
        return ""
    keys = name_keys(name)
    return keys[1] if len(keys) > 1 else keys[0]


_CATEGORY_ORDER = {c.value: i for i, c in enumerate(HouseholdCategory)}
# The roles HouseholdModel answers, as plain numbers (an enum member's lookup costs more than the
# answer); the category's column; the category that is shown in colour while at risk.
_DISPLAY, _TOOLTIP, _FOREGROUND, _ID = (int(getattr(r, "value", r)) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole, ID_ROLE))
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _ID))
_MONITORED = HouseholdCategory.MONITORED.value


class HouseholdModel(RowsModel):
    """Household summaries, read a page at a time as the view scrolls (canFetchMore/fetchMore).

    Sorting by a column, or filtering by a set of ids (due this month, open problems), reads
    every matching summary once and works on them in memory."""

    PAGE = 200
    FIELDS = ("number", "head_name", "category", "group_name", "phone", "pairing_cadre")
    CATEGORY = FIELDS.index("category")
    SORT_KEYS = {
        "number": lambda r: (r["number"] is None, r["number"] or ""),
        "head_name": lambda r: _name_key(r["head_name"]),
        "category": lambda r: (_CATEGORY_ORDER.get(r["category"], 9), r["monitoring_category"] or ""),
        "group_name": lambda r: (search.group_sort_key(r["group_name"]), r["number"] or ""),
        "phone": lambda r: (r["phone"] is None, r["phone"] or ""),
        "pairing_cadre": lambda r: (r["pairing_cadre"] is None, _name_key(r["pairing_cadre"])),
    }

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.headers = [self.tr("户编号"), self.tr("户主"), self.tr("类别"), self.tr("村民小组"), self.tr("电话"),
                        self.tr("帮扶责任人")]
        self._rows: list[dict] = []
        self._search: str | None = None
        self._category: str | None = None
        self._group: str | None = None
        self._ids: set[str] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._offset = 0
        self._exhausted = True
        self.total = 0
        self._category_names: dict[str, str] = {}     # in the window's language, built as met

    # -- what is shown -------------------------------------------------------------------------
    def set_filters(self, search_text: str | None = None, category: str | None = None, group: str | None = None,
                    ids: set[str] | None = None) -> None:
        """Show the households matching all of these; `ids` None means no id filter."""
        self._search = (search_text or "").strip() or None
        self._category = category or None
        self._group = group or None
        self._ids = set(ids) if ids is not None else None
        self.reload()

    def reload(self) -> None:
        """Read again from the store (after a change), keeping filters and sort."""
        self.beginResetModel()
        self._rows = []
        self._offset = 0
        self._exhausted = False
        if self._ids is not None or self._sort is not None:
            self._load_all()
        else:
            self.total = self.session.read(hs.count_households, self._search, self._category, self._group)
            self._rows = self._fetch_page()
        self.endResetModel()

    def _query(self, limit: int | None, offset: int = 0) -> list[dict]:
        return self.session.read(hs.list_households, self._search, self._category, self._group, limit, offset)

    def _load_all(self) -> None:
        rows = self._query(None) if self._ids is None or self._ids else []
        if self._ids is not None:
            rows = [r for r in rows if r["id"] in self._ids]
        if self._sort is not None:
            column, order = self._sort
            rows.sort(key=self.SORT_KEYS[self.FIELDS[column]], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self.total = len(rows)
        self._exhausted = True

    def _fetch_page(self) -> list[dict]:
        rows = self._query(self.PAGE, self._offset)
        self._offset += len(rows)
        if len(rows) < self.PAGE or self._offset >= self.total:
            self._exhausted = True
        return rows

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802 - Qt's name
        if parent.isValid() or self._exhausted:
            return
        rows = self._fetch_page()
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: -1 gives back the roster order (village group, household number)."""
        self._sort = (column, order) if 0 <= column < len(self.FIELDS) else None
        self.reload()

    # -- lookups -------------------------------------------------------------------------------
    def household_id(self, row: int) -> str | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, household_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r["id"] == household_id:
                return i
        return -1

    def summary(self, row: int) -> dict:
        return self._rows[row]

    # -- Qt model ------------------------------------------------------------------------------
    @property
    def rows(self) -> list[dict]:
        return self._rows

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        # Asked for every role of every cell the list paints or sizes (thousands of times a
        # keystroke): the roles this model does not answer return at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == self.CATEGORY:
                return self._category_names.get(row["category"]) or self._category_name(row["category"])
            return row.get(self.FIELDS[column]) or ""
        if role == _ID:
            return row["id"]
        if column != self.CATEGORY:
            return None
        monitored = row["category"] == _MONITORED
        if role == _TOOLTIP:
            parts = [name_of(HouseholdCategory(row["category"]))]
            if monitored and row.get("monitoring_category"):
                parts.append(name_of(MonitoringCategory(row["monitoring_category"])))
            if monitored:
                parts.append(self.tr("风险已消除") if row["risk_eliminated"] else self.tr("风险未消除"))
            if row.get("residence"):
                parts.append(name_of(Residence(row["residence"])))
            return comma().join(parts)
        if role == _FOREGROUND and monitored and not row["risk_eliminated"]:
            return QColor(WARN)
        return None

    def _category_name(self, category: str) -> str:
        name = self._category_names[category] = name_of(HouseholdCategory(category))
        return name


class HouseholdsPage(QWidget):
    open_household = Signal(str)

    # A search takes a few ms even at 10,000 households, so results follow every key. The
    # zero-interval timer still folds keys that arrive together (a paste, fast typing) into one.
    DEBOUNCE_MS = 0

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.add_dialog: HouseholdDialog | None = None
        self._due_ids: set[str] | None = None
        self._due_task = None
        self._problem_ids: set[str] | None = None
        self._stale = False
        self._keep_id: str | None = None

        title = set_role(QLabel(self.tr("农户档案")), "title")
        self.count_label = set_role(QLabel(), "muted")
        self.count_label.setObjectName("householdCount")
        self.add_button = set_role(QPushButton(self.tr("添加农户")), "primary")
        self.add_button.clicked.connect(self.add_household)
        self.print_button = QPushButton(self.tr("打印"))
        self.print_button.setObjectName("rosterPrint")
        self.print_menu = QMenu(self)
        self.handbook_action = self.print_menu.addAction(self.tr("帮扶手册…"), self.print_handbooks)
        self.print_menu.aboutToShow.connect(self._name_print_action)
        self.print_menu.addAction(self.tr("空白表单…"), self.print_blank_form)
        self.print_menu.addSeparator()
        self.print_menu.addAction(self.tr("核对打印件…"), self.verify_print)
        self.print_button.setMenu(self.print_menu)
        from ..forms.import_views import can_write
        self.import_button = QPushButton(self.tr("导入台账…"))
        self.import_button.setObjectName("rosterImport")
        self.import_button.setToolTip(self.tr("导入国家防返贫监测信息系统导出的户信息表或家庭成员信息表"))
        self.import_button.setEnabled(can_write(session))
        self.import_button.clicked.connect(self.import_ledger)

        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(self.tr("姓名、拼音、首字母、身份证或电话号码"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for code, zh in choices(HouseholdCategory):
            self.category.addItem(zh, code)
        self.group = QComboBox()
        self.group.setMinimumContentsLength(8)
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group.addItem(self.tr("全部小组"), None)
        self.due_check = QCheckBox(self.tr("本月应走访"))
        self.due_check.setToolTip(self.tr("本月还须入户走访、电话或微信联系、回头看的户（含逾期）"))
        self.problem_check = QCheckBox(self.tr("有未销号问题"))
        self.problem_check.setToolTip(self.tr("问题清单中尚未销号的户"))

        self.model = HouseholdModel(session, self)
        self.table = list_table(self.model, "householdTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)   # rows to print
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        fit_columns(self.table)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        # Shown inside the empty table, where the eye already is.
        self.empty_label = set_role(QLabel(), "muted")
        self.empty_label.setObjectName("householdEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignCenter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: self.timer.start())
        self.category.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.group.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.due_check.toggled.connect(self._due_toggled)
        self.problem_check.toggled.connect(self._problem_toggled)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._model_reset)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)

        # Rows that fold on a narrow screen (1024×600 at 150 %: 510 px beside the sidebar): the
        # buttons under the title, the search above the filters, the check boxes under the lists.
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(title)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addStretch(1)
        for button in (self.import_button, self.print_button, self.add_button):
            actions.addWidget(button)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.setSpacing(12)
        top.addLayout(heading, 1)
        top.addLayout(actions)
        lists = QHBoxLayout()
        lists.setSpacing(10)
        lists.addWidget(self.category)
        lists.addWidget(self.group)
        checks = QHBoxLayout()
        checks.setSpacing(10)
        checks.addWidget(self.due_check)
        checks.addWidget(self.problem_check)
        checks.addStretch(1)
        narrowing = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        narrowing.setSpacing(10)
        narrowing.addLayout(lists)
        narrowing.addLayout(checks)
        filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        filters.setSpacing(10)
        filters.addWidget(self.search, 1)
        filters.addLayout(narrowing)
        self.folding = (top, filters, narrowing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.search)
        for a, b in ((self.search, self.category), (self.category, self.group), (self.group, self.due_check),
                     (self.due_check, self.problem_check), (self.problem_check, self.table),
                     (self.table, self.import_button), (self.import_button, self.print_button),
                     (self.print_button, self.add_button)):
            QWidget.setTabOrder(a, b)
        self.refresh()

    # -- refresh -------------------------------------------------------------------------------
    # -- fitting a narrow screen ---------------------------------------------------------------
    SIDE_MARGINS = 40

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        folded = max(stacked_width(box) for box in self.folding) + self.SIDE_MARGINS
        return QSize(min(hint.width(), max(folded, self.table.minimumSizeHint().width() + self.SIDE_MARGINS)),
                     hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        width = event.size().width() - self.SIDE_MARGINS
        top, filters, narrowing = self.folding
        reflow(top, width)
        reflow(filters, width)
        reflow(narrowing, width)
        super().resizeEvent(event)

    def refresh(self) -> None:
        """Read the roster again (shown, or data changed): groups, id filters, rows."""
        self._stale = False
        self._load_groups()
        self._problem_ids = None
        self._due_ids = None
        if self.problem_check.isChecked():
            self._problem_ids = self.session.read(worklog.open_problem_households)
        if self.due_check.isChecked():
            self._start_due()
        self.apply_filters()

    def mark_stale(self) -> None:
        """Data changed while hidden: the next refresh() (on show) reads it again."""
        self._stale = True

    def _load_groups(self) -> None:
        names = sorted(self.session.read(hs.field_values, "group_name"), key=search.group_sort_key)
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("全部小组"), None)
        for name in names:
            self.group.addItem(name, name)
        index = self.group.findData(current) if current else 0
        self.group.setCurrentIndex(max(index, 0))
        self.group.blockSignals(False)

    def apply_filters(self) -> None:
        self.timer.stop()
        ids = None
        if self.problem_check.isChecked() and self._problem_ids is not None:
            ids = set(self._problem_ids)
        if self.due_check.isChecked() and self._due_ids is not None:
            ids = self._due_ids if ids is None else ids & self._due_ids
        self.model.set_filters(self.search.text(), self.category.currentData(), self.group.currentData(), ids)

    def _filtered(self) -> bool:
        return bool(self.search.text().strip() or self.category.currentData() or self.group.currentData()
                    or self.due_check.isChecked() or self.problem_check.isChecked())

    def _remember_current(self) -> None:
        if self._keep_id is None:
            self._keep_id = self.model.household_id(self.table.currentIndex().row())

    def _model_reset(self) -> None:
        keep, self._keep_id = self._keep_id, None
        if keep:
            self.select_household(keep, fetch=False)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(self.tr("共 {0} 户").format(total))
        if total:
            self.empty_label.hide()
            return
        if self._filtered():
            self.empty_label.setText(self.tr("没有符合条件的农户。可换个写法，或清除筛选条件。"))
        else:
            self.empty_label.setText(self.tr("还没有农户档案。点“添加农户”录入第一户。"))
        self.empty_label.show()

    # -- id filters ----------------------------------------------------------------------------
    def _problem_toggled(self, on: bool) -> None:
        if on and self._problem_ids is None:
            self._problem_ids = self.session.read(worklog.open_problem_households)
        self.apply_filters()

    def _due_toggled(self, on: bool) -> None:
        if on and self._due_ids is None:
            self._start_due()
            return
        self.apply_filters()

    def _start_due(self) -> None:
        """The due list reads a month of contacts (≈160 ms at 10,000 households): in a worker."""
        if self._due_task is not None:
            return
        from app.services.due import due_list
        today = self.session.today()
        month = today.strftime("%Y-%m")
        self.due_check.setEnabled(False)
        self.due_check.setText(self.tr("本月应走访（计算中…）"))

        def work(store):
            return {row["household_id"] for row in due_list(store, month, today)}

        self._due_task = QueryOp(self.session, work, self).success(self._due_done).failure(self._due_failed).run()

    def _due_finished(self) -> None:
        self._due_task = None
        self.due_check.setEnabled(True)
        self.due_check.setText(self.tr("本月应走访"))

    def _due_done(self, ids) -> None:
        self._due_finished()
        self._due_ids = set(ids)
        if self.due_check.isChecked():
            self.apply_filters()

    def _due_failed(self, exc) -> None:
        self._due_finished()
        self.due_check.setChecked(False)
        show_error(self, exc)

    # -- keys and opening ----------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.search:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self.timer.isActive():
                        self.apply_filters()
                    row = self.table.currentIndex().row()
                    self._open_row(row if row >= 0 else 0)
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                    if self.timer.isActive():
                        self.apply_filters()
                    if self.model.rowCount():
                        if not self.table.currentIndex().isValid():
                            self.table.selectRow(0)
                        self.table.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
            elif obj is self.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._open_row(self.table.currentIndex().row())
                    return True
                if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                    self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                    return True
        return super().eventFilter(obj, event)

    def _open_row(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id:
            self.open_household.emit(household_id)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        """Header clicks cycle ascending, descending, then the roster order (column -1)."""
        self.model.sort(column, order)

    def select_household(self, household_id: str, fetch: bool = True) -> bool:
        """Select and show a household's row, reading further pages if needed."""
        row = self.model.row_of(household_id)
        while row < 0 and fetch and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(household_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # -- printing --------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [hid for hid in (self.model.household_id(r) for r in rows) if hid]

    def _name_print_action(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.handbook_action.setText(self.tr("选中的 {0} 户的帮扶手册…").format(n) if n else self.tr("帮扶手册…"))

    def print_handbooks(self):
        """帮扶手册 of the selected rows, or of a 户类型, a 村民小组 or everyone (the filters propose one)."""
        from ..printing.print_dialog import open_print_dialog
        return open_print_dialog(self.session, self, household_ids=self.selected_ids(), scope="roster",
                                 category=self.category.currentData(), group=self.group.currentData())

    def print_blank_form(self):
        from ..printing.print_other import BlankFormDialog, run_dialog
        return run_dialog(lambda: BlankFormDialog(self.session, self), self)

    def verify_print(self):
        from ..printing.print_other import VerifyDialog, run_dialog
        return run_dialog(lambda: VerifyDialog(self.session, self), self)

    # -- importing -------------------------------------------------------------------------------
    def import_ledger(self):
        """导入台账…: the import wizard, modal; the roster reads again once an import is written."""
        from ..forms.import_wizard import open_import_wizard
        return open_import_wizard(self.session, self, on_imported=self._imported)

    def _imported(self, _summary: dict) -> None:
        self._stale = True
        self.session.notify("households")
        if self._stale:          # the main window refreshes the shown page; alone, do it here
            self.refresh()

    # -- adding ----------------------------------------------------------------------------------
    def add_household(self) -> None:
        dialog = HouseholdDialog(self.session, parent=self, group=self.group.currentData())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog.record))
        dialog.destroyed.connect(lambda *_: setattr(self, "add_dialog", None))
        self.add_dialog = dialog
        dialog.open()

    def _added(self, record: dict | None) -> None:
        if not record:
            return
        self._stale = True
        self.session.notify("households")
        if self._stale:          # the main window refreshes the shown page; alone, do it here
            self.refresh()
        if not self.select_household(record["id"]):
            # Not among the filtered rows: clear the filters so the new household shows.
            for box in (self.due_check, self.problem_check):
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
            self.category.blockSignals(True)
            self.category.setCurrentIndex(0)
            self.category.blockSignals(False)
            self.group.blockSignals(True)
            self.group.setCurrentIndex(0)
            self.group.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.apply_filters()
            self.select_household(record["id"])
