"""数据检查: the checks auditors run, over the whole village, in a worker. Findings show worst
first with what to fix; a double-click (or Enter) opens the household's file. A finding asks
for review; it never blocks anything."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.core.quality import RULES, SEVERITIES, Finding
from app.services import checks

from ..mainwindow.ops import CollectionOp, QueryOp
from ..widgets.errors import show_error
from ..forms.signature_evidence import SignatureEvidence
from ..widgets.style import LATE, MUTED, WARN, bar_style, set_role
from ..widgets.columns import fit_columns
from ..widgets.table_model import RowsModel, list_table

SEVERITY_COLORS = {"error": WARN, "warning": LATE, "review": MUTED}


class FindingModel(RowsModel):
    """Findings, filtered by rule and severity; rows are read-only."""

    SEVERITY, HOUSEHOLD, TITLE, MESSAGE, HINT = range(5)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers = [self.tr("级别"), self.tr("户"), self.tr("问题"), self.tr("说明"), self.tr("如何处理")]
        self.severity_names = {"error": self.tr("错误"), "warning": self.tr("警告"), "review": self.tr("待核实")}
        self.findings: list[Finding] = []
        self.rows: list[Finding] = []

    def show(self, findings: list[Finding], rule: str | None = None, severity: str | None = None) -> None:
        """Show those of `findings` of this rule and severity (None: any)."""
        self.beginResetModel()
        self.findings = list(findings)
        self.rows = [f for f in self.findings if (rule is None or f.rule == rule)
                     and (severity is None or f.severity == severity)]
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.severity_names[f.severity], f.household or "—", f.title, f.message, f.hint)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SEVERITY:
                return f"{f.rule} · {f.field}"
            return (None, f.household, f.title, f.message, f.hint)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(SEVERITY_COLORS[f.severity])
        if role == Qt.ItemDataRole.UserRole:
            return f.household_id
        return None


class ChecksPage(QWidget):
    open_household = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.findings: list[Finding] = []
        self.running = False
        self._progress_text = ""
        self._ran = False
        self._stale = False

        title = set_role(QLabel(self.tr("数据检查")), "title")
        self.summary = set_role(QLabel(), "muted")
        self.summary.setObjectName("checksSummary")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(120, 8)
        self.busy.setStyleSheet(bar_style())
        self.busy.hide()
        self.run_button = set_role(QPushButton(self.tr("运行检查")), "primary")
        self.run_button.setToolTip(self.tr("按审计和国家平台的逻辑校验规则检查全村数据；发现的问题只提示核实，不影响录入"))
        self.run_button.clicked.connect(self.run)

        self.severity = QComboBox()
        self.severity.addItem(self.tr("全部级别"), None)
        self.rule = QComboBox()
        self.rule.setMinimumContentsLength(18)
        self.rule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule.addItem(self.tr("全部问题"), None)
        self.severity.currentIndexChanged.connect(lambda _: self._filter())
        self.rule.currentIndexChanged.connect(lambda _: self._filter())

        self.model = FindingModel(self)
        for code in SEVERITIES:
            self.severity.addItem(self.model.severity_names[code], code)
        self.table = list_table(self.model, "checksTable")
        fit_columns(self.table)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_detail(current.row()))
        self.empty_label = set_role(QLabel(), "muted")
        self.empty_label.setObjectName("checksEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay = QVBoxLayout(self.table.viewport())
        self.empty_label.setWordWrap(True)   # inside the table's width, however narrow the screen
        overlay.addWidget(self.empty_label)

        # The selected finding in full: the table cuts long sentences.
        self.detail = QLabel()
        self.detail.setObjectName("checksDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3 + 20)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(title)
        self.summary.setWordWrap(True)     # the counts wrap rather than pushing 运行检查 off a 150 % screen
        top.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.busy)
        top.addWidget(self.run_button)
        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(QLabel(self.tr("级别")))
        filters.addWidget(self.severity)
        filters.addWidget(QLabel(self.tr("问题")))
        filters.addWidget(self.rule)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.detail.hide()
        # A handwriting finding: the two signatures and the figures a reviewer weighs.
        self.evidence = SignatureEvidence()
        self.evidence.dismiss.connect(self._dismiss)
        self.evidence.hide()
        layout.addWidget(self.evidence)
        self._update_summary()

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> None:
        """The quick rules first, their findings shown at once; then the handwriting
        comparisons, which take longer, in a second worker."""
        if self.running:
            return
        self._set_running(True, self.tr("正在检查…"))
        today = self.session.today()

        def quick(store):
            return checks.run_checks(store, today=today, rules=checks.FAST_RULES)

        def slow(store, report):   # remembers the handwriting distances it computes
            return checks.run_checks(store, today=today, rules=checks.SLOW_RULES)

        def quick_done(found):
            self._ran, self._stale = True, False
            self._show(found)
            self._set_running(True, self.tr("正在比对签名笔迹…"))
            CollectionOp(self.session, slow, self).success(slow_done).failure(failed).run()

        def slow_done(found):
            self._set_running(False)
            self._show(sorted(self.findings + found, key=self._order()))

        def failed(exc):
            self._set_running(False)
            show_error(self, exc)

        QueryOp(self.session, quick, self).success(quick_done).failure(failed).run()

    def _order(self):
        rank = {f: i for i, f in enumerate(self.findings)}
        return lambda f: (SEVERITIES.index(f.severity), f.household_id is None, rank.get(f, len(rank)), f.household)

    def _set_running(self, running: bool, text: str = "") -> None:
        self.running = running
        self.run_button.setEnabled(not running)
        self.busy.setVisible(running)
        self._progress_text = text
        self._update_summary()

    def _show(self, findings: list[Finding]) -> None:
        self.findings = findings
        keep = self.rule.currentData()
        self.rule.blockSignals(True)
        self.rule.clear()
        self.rule.addItem(self.tr("全部问题"), None)
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
        for rule_id in RULES:
            if rule_id in counts:
                self.rule.addItem(f"{RULES[rule_id].title}（{counts[rule_id]}）", rule_id)
        self.rule.setCurrentIndex(max(0, self.rule.findData(keep)) if keep else 0)
        self.rule.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        """Show what the filters select, keeping the finding the person is looking at."""
        current = self.model.finding(self.table.currentIndex().row())
        self.model.show(self.findings, self.rule.currentData(), self.severity.currentData())
        self._update_summary()
        if self.model.rowCount():
            self.table.selectRow(self.model.rows.index(current) if current in self.model.rows else 0)
        else:
            self._show_detail(-1)

    # -- what the page says ------------------------------------------------------------------------
    def _update_summary(self) -> None:
        found = self.findings
        parts = []
        if self._ran:
            counts = {s: sum(f.severity == s for f in found) for s in SEVERITIES}
            homes = len({f.household_id for f in found if f.household_id})
            parts.append(self.tr("共 {0} 条：错误 {1}，警告 {2}，待核实 {3}；涉及 {4} 户").format(
                len(found), counts["error"], counts["warning"], counts["review"], homes))
        if self.running:
            parts.append(self._progress_text)
        elif self._stale:
            parts.append(self.tr("数据已更改，请重新运行检查"))
        self.summary.setText("　".join(parts))
        if self.model.rowCount():
            self.empty_label.hide()
            return
        if not self._ran:
            self.empty_label.setText(self.tr("点“运行检查”，按审计发现的问题和国家平台的逻辑校验规则检查全村数据：") + "\n"
                                     + self.tr("身份证号、家庭成员、收入、帮扶措施和时限、必须纳入监测的情形、走访和表单签名。"))
        elif found:
            self.empty_label.setText(self.tr("没有符合筛选条件的问题。"))
        else:
            self.empty_label.setText(self.tr("没有发现问题。"))
        self.empty_label.show()

    def _show_detail(self, row: int) -> None:
        f = self.model.finding(row)
        self.detail.setVisible(f is not None)
        self._show_evidence(f)
        if f is None:
            self.detail.clear()
            return
        where = f"{f.household}：" if f.household else ""
        how = self.tr("如何处理")
        self.detail.setText(f"{where}{f.title}。{f.message}\n{how}：{f.hint}")
        # The rule's id and the column are for support: a tooltip, not the person's text.
        self.detail.setToolTip(f"{f.rule} · {f.field}")

    def _show_evidence(self, f: Finding | None) -> None:
        self.evidence.hide()
        if f is None or not f.rule.startswith("signature.") or not f.record:
            return

        def done(e):
            if e and self.model.finding(self.table.currentIndex().row()) == f:
                self.evidence.show_evidence(e)
                self.evidence.show()

        CollectionOp(self.session, lambda store, report: checks.signature_evidence(store, f), self) \
            .success(done).failure(lambda exc: show_error(self, exc)).run()

    def _dismiss(self, note: str) -> None:
        """已核实：不是同一人: the verdict is kept (audited, synced) and the finding goes."""
        f = self.model.finding(self.table.currentIndex().row())
        if f is None or not f.record:
            return
        from app.services import hand_samples
        today = self.session.today()

        def done(_record):
            self._show([x for x in self.findings if not (x.record == f.record and x.rule == f.rule)])

        CollectionOp(self.session, lambda store, report: hand_samples.review(store, f.record[1], f.rule, note,
                                                                             today=today), self) \
            .success(done).failure(lambda exc: show_error(self, exc)).run()

    # -- the page contract -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Shown: the findings stay as last run; the summary says when the data changed since."""
        self._update_summary()

    def mark_stale(self) -> None:
        self._stale = self._ran
        self._update_summary()

    # -- opening -----------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(obj, event)

    def _open_row(self, row: int) -> None:
        f = self.model.finding(row)
        if f is not None and f.household_id:
            self.open_household.emit(f.household_id)
