"""审核: the leader's review before the month is sealed (DOMAIN.md §1). The records sent back to
the signed-in person come first; then the checks' findings on the households the month touched;
then each member's changes, where the leader sends a record back with a note; and the approval
(批准本月), signed with the leader's key, which sealing needs while review is on."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.enums import Role
from app.services import review, review_returns, review_signoff

from ..mainwindow.ops import CollectionOp
from ..widgets.columns import fit_columns
from ..widgets.errors import show_error
from ..widgets.style import set_role
from ..widgets.table_model import RowsModel, list_table


class Rows(RowsModel):
    """Dict rows shown by `keys`, read-only; the household id as UserRole."""

    def __init__(self, headers: list[str], keys: list[str], parent=None):
        super().__init__(parent)
        self.headers, self.keys, self.rows = headers, keys, []

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row.get(self.keys[index.column()])
            return "—" if value in (None, "") else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return row.get("household_id")
        return None


class ReviewPage(QWidget):
    open_household = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.leader = session.user_role == Role.LEADER.value
        title = set_role(QLabel(self.tr("审核")), "title")
        self.state_label = QLabel(objectName="reviewState")
        self.state_label.setWordWrap(True)
        self.approve_button = set_role(QPushButton(self.tr("批准本月")), "primary")
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setToolTip(self.tr("以队长的签名批准尚未上传的全部记录；封装批次须先批准")
                                       if self.leader else self.tr("只有队长可以批准"))
        self.approve_button.setEnabled(self.leader)
        self.approve_button.clicked.connect(self.approve)
        self.toggle_button = QPushButton(objectName="reviewToggle")
        self.toggle_button.setEnabled(self.leader)
        self.toggle_button.clicked.connect(self.toggle)

        self.returned = Rows([self.tr("退回日期"), self.tr("类别"), self.tr("户"), self.tr("作者"), self.tr("退回人"),
                              self.tr("说明")], ["returned_on", "kind", "household", "author", "by", "note"], self)
        self.returned_table = self._table(self.returned, "returnedTable")
        self.findings = Rows([self.tr("级别"), self.tr("户"), self.tr("问题")], ["severity", "household", "message"], self)
        self.findings_table = self._table(self.findings, "reviewFindings")
        self.changes = Rows([self.tr("队员"), self.tr("类别"), self.tr("户"), self.tr("更改时间"), self.tr("次数")],
                            ["user", "kind_zh", "household", "at", "changes"], self)
        self.changes_table = self._table(self.changes, "reviewChanges")
        self.send_back_button = QPushButton(self.tr("退回…"), objectName="sendBackButton")
        self.send_back_button.setToolTip(self.tr("把选中的记录退回给作者，并写明要改什么") if self.leader
                                         else self.tr("只有队长可以退回记录"))
        self.send_back_button.setEnabled(self.leader)
        self.send_back_button.clicked.connect(lambda: self.send_back(self.changes_table.currentIndex().row()))

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.toggle_button)
        top.addWidget(self.approve_button)
        changes_head = QHBoxLayout()
        changes_head.addWidget(set_role(QLabel(self.tr("本月更改（按队员）")), "section"))
        changes_head.addStretch(1)
        changes_head.addWidget(self.send_back_button)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(self.state_label)
        col.addWidget(set_role(QLabel(self.tr("退回给我、待改的记录")), "section"))
        col.addWidget(self.returned_table, 1)
        col.addWidget(set_role(QLabel(self.tr("检查发现（先看）")), "section"))
        col.addWidget(self.findings_table, 1)
        col.addLayout(changes_head)
        col.addWidget(self.changes_table, 2)
        self._stale = True
        self.month: str | None = None   # YYYY-MM; None: this month
        self.loading = None             # the worker reading the page's data

    def _table(self, model: Rows, name: str):
        table = list_table(model, name)
        fit_columns(table)
        table.doubleClicked.connect(lambda index: self._open(model, index.row()))
        return table

    def _open(self, model: Rows, row: int) -> None:
        hid = model.rows[row].get("household_id") if 0 <= row < len(model.rows) else None
        if hid:
            self.open_household.emit(hid)

    # -- data ---------------------------------------------------------------------------------------
    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Load in a worker (the checks take seconds in a large village); `loaded` shows it."""
        if self.loading is not None:
            self._stale = True
            return
        self._stale = False
        month = self.month
        self.state_label.setText(self.tr("正在读取本月更改…"))
        self.loading = CollectionOp(self.session, lambda store, report: _load(store, store.user_id, month), self) \
            .success(self.loaded).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.loading = None
        show_error(self, exc)

    def loaded(self, data: dict) -> None:
        self.loading = None
        if self._stale:
            self.refresh()
            return
        status = data["status"]
        state, approval = status["review"], status["approval"]
        if state.get("remote"):
            lines = [self.tr("队长（{0}）在另一台电脑上审核：本机的记录上传后，队长的电脑收到再批准。").format(
                state["leader"] or "—")]
        else:
            lines = [self.tr("审核已开启：上传前须队长批准。") if state["on"]
                     else self.tr("审核已关闭：{0}").format(state["reason"] or "—")]
        lines.append(self.tr("最近批准：{0} {1}（{2}）").format(approval["approver_name"], approval["approved_at"][:10],
                                                        approval["month"]) if approval else self.tr("尚未批准。"))
        if state["on"] and status["unapproved_changes"]:
            lines.append(self.tr("{0} 项更改等待批准。").format(status["unapproved_changes"]))
        self.state_label.setText(" ".join(lines))
        self.toggle_button.setText(self.tr("关闭审核…") if state["on"] else self.tr("开启审核"))
        self.returned.set_rows(data["returned"])
        self.findings.set_rows(data["findings"])
        self.changes.set_rows(data["changes"])

    # -- the leader's actions -------------------------------------------------------------------------
    def ask(self, title: str, label: str) -> str | None:
        """A line of text from the person (None: cancelled); tests replace it."""
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def _do(self, fn, *args) -> bool:
        try:
            self.session.call(fn, *args)
        except Exception as e:  # the message names the field and the rule; no traceback reaches the person
            show_error(self, e)
            return False
        self.refresh()
        return True

    def send_back(self, row: int) -> bool:
        if not 0 <= row < len(self.changes.rows):
            return False
        record = self.changes.rows[row]
        note = self.ask(self.tr("退回记录"), self.tr("退回给 {0}，写明要改什么：").format(record["user"]))
        if note is None:
            return False
        return self._do(review_returns.send_back, record["tbl"], record["id"], note)

    def approve(self) -> bool:
        return self._do(review_signoff.approve, None)

    def toggle(self) -> bool:
        on = self.session.read(review_signoff.review_state)["on"]
        if not on:
            return self._do(review_signoff.set_review, True, None)
        reason = self.ask(self.tr("关闭审核"), self.tr("关闭审核的原因（如一人工作队），会随批次报县里："))
        if reason is None:
            return False
        return self._do(review_signoff.set_review, False, reason)


def _load(store, user_id: str, month: str | None) -> dict:
    """What the page shows, read in one go."""
    month = review.month_changes(store, month)
    heads = {r["id"]: r["head_name"] for r in store.query("SELECT id, head_name FROM households")}
    changes = [{**rec, "user": m["user"], "kind_zh": review.KIND_ZH[rec["kind"]],
                "household": heads.get(rec["household_id"]), "at": (rec["at"] or "")[:16].replace("T", " ")}
               for m in month["members"] for rec in m["records"]]
    return {"status": review_signoff.status(store), "returned": review_returns.returned(store, user_id),
            "findings": month["findings"], "changes": changes}
