"""同步: this device and the county server (docs/sync.md). Joining the county with its one-time
code, or with the enrollment file from a USB stick; what waits to be sent; 同步 in a worker with
progress and 取消; what came back: the records the county refused and why, fields edited both
here and at the county, the county's problem lists; and the USB-stick route when there is no
network."""
from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QFileDialog, QFrame, QHBoxLayout,
                               QLabel, QPushButton, QScrollArea, QTabWidget,
                               QVBoxLayout, QWidget)

from app.core import clock
from app.services import households, sync, worklog
from app.storage.schema import RECORD_TABLES
from app.sync import client as county_client

from ..widgets.errors import message, show_error
from ..widgets.style import INK, WARN, card, set_role, thin_progress, wrapped
from ..widgets.columns import fit_columns
from ..widgets.typing import KeyboardLineEdit
from ..widgets.table_model import list_table
from ..mainwindow.ops import CollectionOp
from ..mainwindow.worker import Cancelled
from .models import ConflictModel, HouseholdRows, ProblemModel, RejectedModel, local_time

def server_address(text: str) -> str:
    """The address as typed, with http:// when no scheme was given (`192.168.1.10:8000`)."""
    text = (text or "").strip().rstrip("/")
    if text and "://" not in text:
        text = "http://" + text
    return text


def _household_of(store, tbl: str, record_id: str) -> str | None:
    """The household a record belongs to, when it belongs to one."""
    if tbl == "households":
        return record_id
    if tbl not in RECORD_TABLES:
        return None
    record = store.records.get(tbl, record_id, include_deleted=True)
    if not record:
        return None
    if record.get("household_id"):
        return record["household_id"]
    if tbl == "form_signatures" and record.get("instance_id"):
        instance = store.records.get("form_instances", record["instance_id"], include_deleted=True)
        return instance.get("household_id") if instance else None
    return None


def page_data(store) -> dict:
    """Everything the page shows, read in one go."""
    heads = households.heads(store)
    rejected = sync.rejected(store)
    for r in rejected:
        r["household_id"] = _household_of(store, r["tbl"], r["record_id"])
    problems = []
    for plist in worklog.problem_lists(store, open_only=True):
        if plist["source"] != "county":
            continue
        for item in plist["items"]:
            problems.append({**item, "list_title": plist["title"], "created_on": plist["created_on"]})
    return {"status": sync.status(store), "rejected": rejected, "conflicts": sync.conflicts(store),
            "problems": problems, "heads": heads}


class _Network(httpx.BaseTransport):
    """The county's HTTP for one sync or enrollment, in a worker that holds the store. While a
    request is on its way the store is let go, so the window stays usable over a slow line (the
    service changes the store only between requests, never during one). 取消 takes effect before
    the next request; a store locked meanwhile ends the sync the same way. `transport`, when
    given, carries the requests (tests and screenshots talk to a county in the same process)."""

    def __init__(self, session, cancel: threading.Event, transport: httpx.BaseTransport | None = None):
        self.session = session
        self.cancel = cancel
        self.inner = transport
        self.http = None if transport is not None else httpx.Client(timeout=county_client.TIMEOUT)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.cancel.is_set():
            raise sync.SyncCancelled("request")
        with self.session.released():
            response = self._send(request)
        if not self.session.is_open:
            raise sync.SyncCancelled("locked")
        return response

    def _send(self, request: httpx.Request) -> httpx.Response:
        if self.inner is not None:
            response = self.inner.handle_request(request)
            response.read()
            return response
        answer = self.http.send(request, stream=True)
        try:
            raw = b"".join(answer.iter_raw())
        finally:
            answer.close()
        return httpx.Response(answer.status_code, headers=answer.headers, content=raw)

    def pin_tls(self, context) -> None:
        """Trust the county's pinned certificate alone (the client has checked its fingerprint)."""
        if self.http is not None:
            self.http.close()
            self.http = httpx.Client(timeout=county_client.TIMEOUT, verify=context)

    def close(self) -> None:
        if self.http is not None:
            self.http.close()


Network = _Network   # the window's sync when online (mainwindow/autosync.py) sends through it too


# -- the page ---------------------------------------------------------------------------------------
class SyncPage(QWidget):
    open_household = Signal(str)

    FIGURES = ("pushed", "accepted", "rejected", "pulled", "conflicts")

    def __init__(self, session, parent: QWidget | None = None, *, load: bool = True):
        """`load=False`: read the store when first shown (the window refreshes a page it shows)."""
        super().__init__(parent)
        self.session = session
        self.transport: httpx.BaseTransport | None = None   # None: the network
        self.busy: str | None = None        # enroll, sync, export, import
        self.task = None
        self.last_result: dict | None = None
        self.status: dict = {}
        self._cancel = threading.Event()
        self._latest: list = [None]
        self._server_edited = False
        self.auto_running = False           # the window's sync when online is in a round

        title = set_role(QLabel(self.tr("与县里同步")), "title")
        self.summary = set_role(QLabel(), "muted")
        self.summary.setObjectName("syncSummary")
        self.progress = thin_progress("syncProgress")
        self.progress.setFixedWidth(180)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("syncProgressLabel")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.sync_button = set_role(QPushButton(self.tr("同步")), "primary")
        self.sync_button.setObjectName("syncStart")
        self.sync_button.setToolTip(self.tr("把本机的更改传给县里，再取回县里下发的工作提示、问题清单和修改"))
        self.sync_button.clicked.connect(self.start_sync)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(title)
        top.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.sync_button)
        self._show_progress(False)

        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(self._enroll_card(), 5)
        cards.addWidget(self._status_card(), 4)
        cards.addWidget(self._usb_card(), 5)

        self.result_card = self._result_card()
        self.tabs = self._lists()

        body = QWidget(objectName="syncBody")
        col = QVBoxLayout(body)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(12)
        col.addLayout(top)
        col.addLayout(cards)
        col.addWidget(self.result_card)
        col.addWidget(self.tabs, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget#syncBody { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        if load:
            self.refresh()

    # -- building --------------------------------------------------------------------------------
    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _enroll_card(self) -> QFrame:
        frame, box = card(self.tr("县服务器"))
        # Not enrolled yet: the address and the one-time code, or the file from a USB stick.
        self.join_box = QWidget()
        join = QVBoxLayout(self.join_box)
        join.setContentsMargins(0, 0, 0, 0)
        join.setSpacing(8)
        form = self._form()
        self.address_edit = KeyboardLineEdit()
        self.address_edit.setObjectName("syncAddress")
        self.address_edit.setPlaceholderText(self.tr("如 http://192.168.1.10:8000"))
        self.code_edit = KeyboardLineEdit()
        self.code_edit.setObjectName("syncCode")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX")
        self.code_edit.setMaxLength(20)
        self.code_edit.returnPressed.connect(self.join)
        self.fingerprint_edit = KeyboardLineEdit()
        self.fingerprint_edit.setObjectName("syncFingerprint")
        self.fingerprint_edit.setPlaceholderText(self.tr("https 地址且县里给了证书指纹时填写"))
        self.fingerprint_edit.setToolTip(self.tr("县服务器证书的 SHA-256 指纹（至少前16位）：本机只信任这张证书"))
        form.addRow(self.tr("服务器地址"), self.address_edit)
        form.addRow(self.tr("登记码"), self.code_edit)
        form.addRow(self.tr("证书指纹"), self.fingerprint_edit)
        join.addLayout(form)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.join_button = QPushButton(self.tr("加入"))
        self.join_button.setObjectName("syncJoin")
        self.join_button.clicked.connect(self.join)
        self.join_file_button = QPushButton(self.tr("从U盘文件加入…"))
        self.join_file_button.setObjectName("syncJoinFile")
        self.join_file_button.clicked.connect(self.join_from_file)
        row.addWidget(self.join_button)
        row.addWidget(self.join_file_button)
        row.addStretch(1)
        join.addLayout(row)
        join.addWidget(wrapped(self.tr("登记码由县里提供，只能用一次。没有网络时，用县里给的登记文件"
                                             "（enroll-….json）从U盘加入。"), "muted"))
        box.addWidget(self.join_box)

        # Enrolled: which county and village, and where to reach it.
        self.enrolled_box = QWidget()
        form = self._form()
        self.enrolled_box.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        self.county_label = QLabel()
        self.county_label.setObjectName("syncCounty")
        self.village_label = QLabel()
        self.village_label.setObjectName("syncVillage")
        self.server_edit = KeyboardLineEdit()
        self.server_edit.setObjectName("syncServer")
        self.server_edit.setPlaceholderText(self.tr("没有网络时可不填，用U盘同步"))
        self.server_edit.setToolTip(self.tr("县服务器地址；改了以后，下次同步就用新地址"))
        self.server_edit.textEdited.connect(self._server_typed)
        self.enrolled_label = QLabel()
        self.enrolled_label.setObjectName("syncEnrolledAt")
        form.addRow(self.tr("县"), self.county_label)
        form.addRow(self.tr("村"), self.village_label)
        form.addRow(self.tr("服务器地址"), self.server_edit)
        form.addRow(self.tr("加入日期"), self.enrolled_label)
        box.addWidget(self.enrolled_box)

        self.enroll_error = wrapped("", "error")
        self.enroll_error.setObjectName("syncEnrollError")
        self.enroll_error.hide()
        self.enroll_notice = wrapped("", "muted")
        self.enroll_notice.setObjectName("syncEnrollNotice")
        self.enroll_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enroll_notice.hide()
        box.addWidget(self.enroll_error)
        box.addWidget(self.enroll_notice)
        box.addStretch(1)
        return frame

    def _status_card(self) -> QFrame:
        frame, box = card(self.tr("同步状态"))
        form = self._form()
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("syncLastSync")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.rejected_label = QLabel()
        self.rejected_label.setObjectName("syncRejected")
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("syncConflicts")
        form.addRow(self.tr("上次同步"), self.last_sync_label)
        form.addRow(self.tr("待上传的更改"), self.pending_label)
        form.addRow(self.tr("被退回的记录"), self.rejected_label)
        form.addRow(self.tr("待查看的冲突"), self.conflicts_label)
        box.addLayout(form)
        box.addStretch(1)
        return frame

    def _usb_card(self) -> QFrame:
        frame, box = card(self.tr("用U盘同步"))
        box.addWidget(wrapped(self.tr("没有网络时：把批次导出到U盘，带到乡镇导入县服务器；"
                                            "再把县里给的回执文件带回来导入。"), "muted"))
        row = QHBoxLayout()
        row.setSpacing(8)
        self.export_button = QPushButton(self.tr("导出批次到U盘…"))
        self.export_button.setObjectName("syncExport")
        self.export_button.clicked.connect(self.export_batch)
        self.import_button = QPushButton(self.tr("导入回执…"))
        self.import_button.setObjectName("syncImport")
        self.import_button.clicked.connect(self.import_receipt)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)
        self.usb_status = wrapped("", "muted")
        self.usb_status.setObjectName("syncUsbStatus")
        self.usb_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.usb_status.hide()
        box.addWidget(self.usb_status)
        box.addStretch(1)
        return frame

    def _result_card(self) -> QFrame:
        frame, box = card(margins=(16, 10, 16, 12), spacing=6)
        frame.setObjectName("syncResult")
        head = QHBoxLayout()
        self.result_title = set_role(QLabel(), "heading")
        self.result_title.setObjectName("syncResultTitle")
        self.result_time = set_role(QLabel(), "muted")
        head.addWidget(self.result_title)
        head.addWidget(self.result_time, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        box.addLayout(head)
        self.figures_row = QWidget()
        figures = QHBoxLayout(self.figures_row)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.setSpacing(28)
        captions = {"pushed": self.tr("上传的记录"), "accepted": self.tr("县里接收"), "rejected": self.tr("被退回"),
                    "pulled": self.tr("采用的县里发布"), "conflicts": self.tr("冲突")}
        self.figures: dict[str, QLabel] = {}
        for key in self.FIGURES:
            cell = QVBoxLayout()
            cell.setSpacing(0)
            number = QLabel("0")
            number.setObjectName(f"syncFigure_{key}")
            number.setStyleSheet(f"font-size: 20px; font-weight: 600; color: {INK};")
            cell.addWidget(number)
            cell.addWidget(set_role(QLabel(captions[key]), "muted"))
            figures.addLayout(cell)
            self.figures[key] = number
        figures.addStretch(1)
        box.addWidget(self.figures_row)
        self.result_note = wrapped()
        self.result_note.setObjectName("syncResultNote")
        self.result_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.result_note)
        frame.hide()
        return frame

    def _list_tab(self, model: HouseholdRows, name: str, hint: str, empty: str) -> tuple[QWidget, object, QVBoxLayout]:
        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(10, 8, 10, 10)
        col.setSpacing(6)
        col.addWidget(wrapped(hint, "muted"))
        table = list_table(model, name)
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 4 + 32)
        fit_columns(table)
        table.activated.connect(lambda index, m=model: self._open(m.household_id(index.row())))
        empty_label = set_role(QLabel(empty), "muted")
        empty_label.setObjectName(name + "Empty")
        overlay = QVBoxLayout(table.viewport())
        overlay.addWidget(empty_label, 0, Qt.AlignmentFlag.AlignCenter)
        table.empty_label = empty_label
        col.addWidget(table, 1)
        return page, table, col

    def _lists(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setObjectName("syncLists")
        self.rejected_model = RejectedModel(self)
        page, self.rejected_table, _ = self._list_tab(
            self.rejected_model, "syncRejectedTable",
            self.tr("县里没有接收这些记录。按原因改正后，下次同步会重新上传。双击打开该户。"),
            self.tr("没有被退回的记录。"))
        tabs.addTab(page, "")
        self.conflict_model = ConflictModel(self)
        page, self.conflict_table, col = self._list_tab(
            self.conflict_model, "syncConflictTable",
            self.tr("同一字段在本机和县里都改过：较新的修改已保留，另一个值记在这里，请核对。双击打开该户。"),
            self.tr("没有待查看的冲突。"))
        self.conflict_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        row = QHBoxLayout()
        self.review_button = QPushButton(self.tr("已查看"))
        self.review_button.setObjectName("syncReviewed")
        self.review_button.setToolTip(self.tr("把选中的冲突标为已查看，不再列出"))
        self.review_button.clicked.connect(self.review_selected)
        self.conflict_table.selectionModel().selectionChanged.connect(lambda *_: self._update_review_button())
        row.addStretch(1)
        row.addWidget(self.review_button)
        col.addLayout(row)
        tabs.addTab(page, "")
        self.problem_model = ProblemModel(self)
        page, self.problem_table, _ = self._list_tab(
            self.problem_model, "syncProblemTable",
            self.tr("县里下发、尚未销号的问题（在“本月工作”的问题清单中销号）。双击打开该户。"),
            self.tr("县里没有下发问题。"))
        tabs.addTab(page, "")
        tabs.setMinimumHeight(260)
        return tabs

    # -- what the page shows ---------------------------------------------------------------------
    def refresh(self) -> None:
        """The figures and lists as the store has them now."""
        if not self.session.is_open:
            return
        data = self.session.read(page_data)
        st = self.status = data["status"]
        enrolled = bool(st["enrolled"])
        self.join_box.setVisible(not enrolled)
        self.enrolled_box.setVisible(enrolled)
        if enrolled:
            self.county_label.setText(st.get("county_name") or st.get("county_id") or "")
            self.village_label.setText(" ".join(x for x in (st.get("township"), st.get("village")) if x))
            if not self._server_edited:
                self.server_edit.setText(st.get("county_url") or "")
            self.enrolled_label.setText(local_time(st.get("enrolled_at"), with_time=False))
            self.summary.setText(" · ".join(x for x in (st.get("county_name"), st.get("village")) if x))
        else:
            self.summary.setText(self.tr("本机尚未加入县服务器"))
        self.last_sync_label.setText(local_time(st.get("last_sync")) or self.tr("从未同步"))
        self.pending_label.setText(self.tr("{0} 条记录").format(st["pending"]))
        self.rejected_label.setText(self.tr("{0} 条").format(st["rejected"]))
        self.conflicts_label.setText(self.tr("{0} 处").format(st["conflicts"]))
        for label, n in ((self.rejected_label, st["rejected"]), (self.conflicts_label, st["conflicts"])):
            label.setStyleSheet(f"color: {WARN}; font-weight: 600;" if n else "")

        heads = data["heads"]
        for model, table, rows in ((self.rejected_model, self.rejected_table, data["rejected"]),
                                   (self.conflict_model, self.conflict_table, data["conflicts"]),
                                   (self.problem_model, self.problem_table, data["problems"])):
            model.show(rows, heads)
            table.empty_label.setVisible(not rows)
        self.tabs.setTabText(0, self.tr("被退回的记录（{0}）").format(len(data["rejected"])))
        self.tabs.setTabText(1, self.tr("冲突（{0}）").format(len(data["conflicts"])))
        self.tabs.setTabText(2, self.tr("县里下发的问题（{0}）").format(len(data["problems"])))
        self._update_buttons()

    def mark_stale(self) -> None:
        """Data changed elsewhere: the figures are read again when the page is shown."""

    def _update_buttons(self) -> None:
        enrolled = bool(self.status.get("enrolled"))
        idle = self.busy is None and not self.auto_running
        self.sync_button.setEnabled(enrolled and idle)
        self.sync_button.setText(self.tr("自动同步进行中…") if self.auto_running else self.tr("同步"))
        self.sync_button.setToolTip(
            self.tr("本机正在自动同步，结束后这里会显示结果") if self.auto_running
            else self.tr("把本机的更改传给县里，再取回县里下发的工作提示、问题清单和修改") if enrolled
            else self.tr("请先加入县服务器"))
        for button in (self.join_button, self.join_file_button, self.address_edit, self.code_edit):
            button.setEnabled(idle)
        self.server_edit.setEnabled(idle)
        self.export_button.setEnabled(enrolled and idle)
        self.import_button.setEnabled(enrolled and idle)
        self._update_review_button()

    # -- the window's sync when online (mainwindow/autosync.py) -----------------------------------
    def watch(self, autosync) -> None:
        """While the automatic round runs, 同步 and the USB buttons wait (自动同步进行中…); when it
        ends, the page shows its outcome and reads the store again."""
        autosync.state_changed.connect(self._auto_state)
        self._auto_state(autosync.state)

    def _auto_state(self, state) -> None:
        was, self.auto_running = self.auto_running, state.phase == "syncing"
        if was == self.auto_running:
            return
        if not self.auto_running:
            if state.phase == "synced" and state.result is not None:
                self.last_result = state.result
                self._show_result(state.result)
            elif state.phase == "failed":
                self._show_outcome(self.tr("自动同步未完成"), state.why + "\n"
                                   + self.tr("本机的更改都还在，下次同步会接着传。"), "error")
            self.refresh()
        self._update_buttons()

    def _update_review_button(self) -> None:
        self.review_button.setEnabled(bool(self.conflict_table.selectionModel().selectedRows()))

    def _set_busy(self, what: str | None) -> None:
        self.busy = what
        self._show_progress(what == "sync")
        self._update_buttons()

    def _show_progress(self, shown: bool) -> None:
        for w in (self.progress, self.progress_label, self.cancel_button):
            w.setVisible(shown)

    def _say(self, label: QLabel, text: str, role: str = "muted") -> None:
        label.setText(text)
        set_role(label, role)
        label.style().unpolish(label)
        label.style().polish(label)
        label.setVisible(bool(text))

    def _server_typed(self, _text: str) -> None:
        self._server_edited = True

    def _changed(self) -> None:
        self.refresh()
        self.session.notify("sync")

    def _open(self, household_id: str | None) -> None:
        if household_id:
            self.open_household.emit(household_id)

    # -- joining the county ----------------------------------------------------------------------
    def join(self) -> None:
        """加入: the county binds this device to the village of the one-time code."""
        if self.busy:
            return
        server = server_address(self.address_edit.text())
        code = self.code_edit.text().strip()
        fingerprint = self.fingerprint_edit.text().strip() or None
        if not server:
            self._say(self.enroll_error, self.tr("请填写县服务器地址。"), "error")
            self.address_edit.setFocus()
            return
        if not code:
            self._say(self.enroll_error, self.tr("请填写县里给的登记码。"), "error")
            self.code_edit.setFocus()
            return
        self.address_edit.setText(server)
        self._say(self.enroll_error, "")
        self._say(self.enroll_notice, self.tr("正在联系县服务器…"))
        cancel = threading.Event()
        network = _Network(self.session, cancel, self.transport)

        def work(session, report):
            try:
                with session.db() as store:
                    return sync.enroll(store, server, code, transport=network, fingerprint=fingerprint)
            finally:
                network.close()

        self._set_busy("enroll")
        self.task = CollectionOp(self.session, work, self, hold=False).success(self._joined) \
            .failure(self._join_failed).run()

    def _joined(self, st: dict) -> None:
        self.task = None
        self._set_busy(None)
        self.code_edit.clear()
        self._server_edited = False
        self._say(self.enroll_notice, self.tr("已加入{0}（{1}）。现在可以同步了。").format(
            st.get("county_name") or "", st.get("village") or "") + self._restore_text())
        self._changed()

    def _join_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(None)
        self._say(self.enroll_notice, "")
        self._say(self.enroll_error, message(exc), "error")
        show_error(self, exc)

    def join_from_file(self) -> None:
        """从U盘文件加入: keep the county's keys from its file; write the request for the county."""
        if self.busy:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择县里给的登记文件"), str(Path.home()),
                                              self.tr("登记文件 (*.json);;所有文件 (*)"))
        if not path:
            return
        self._say(self.enroll_error, "")
        try:
            result = self.session.call(sync.enroll_from_file, path)
        except Exception as e:  # noqa: BLE001 - the person is told; nothing else changes
            self._say(self.enroll_error, message(e), "error")
            show_error(self, e)
            self.refresh()
            return
        self._server_edited = False
        self._say(self.enroll_notice, self.tr(
            "已用登记文件加入{0}（{1}）。登记申请已写入：{2}\n请把这个文件带到乡镇，由县里导入后，本机就可以同步了。").format(
            result.get("county_name") or "", result.get("village") or "", result["request"]) + self._restore_text())
        self._changed()

    def _restore_text(self) -> str:
        """On a laptop enrolled in place of a lost one: which one, and what cannot come back."""
        notice = self.session.read(sync.restore_notice)
        if not notice:
            return ""
        lost = notice["restored_from"]
        return "\n" + self.tr("本机代替丢失的电脑 {0}：同步时从县里取回全村档案。不能取回：").format(
            lost.get("label") or lost["device_id"]) + "".join(f"\n  · {line}" for line in notice["not_restored"])

    # -- syncing ---------------------------------------------------------------------------------
    def start_sync(self) -> None:
        """同步: send what is pending, then take the county's publications, in a worker."""
        if self.busy or self.auto_running or not self.status.get("enrolled"):
            return
        server = server_address(self.server_edit.text())
        if not server:
            self._say(self.enroll_error, self.tr("请填写县服务器地址；没有网络时请用U盘同步。"), "error")
            self.server_edit.setFocus()
            return
        self.server_edit.setText(server)
        self._say(self.enroll_error, "")
        changed = server if server != (self.status.get("county_url") or "") else None
        cancel = self._cancel = threading.Event()
        latest = self._latest = [None]
        network = _Network(self.session, cancel, self.transport)

        def work(session, report):
            def progress(stage, done, total):
                latest[0] = (stage, done, total)
                report(done, total)
            try:
                with session.db() as store:
                    return sync.sync(store, changed, report=progress, cancel=cancel, transport=network)
            finally:
                network.close()

        self._set_busy("sync")
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("正在连接县服务器…"))
        self.task = CollectionOp(self.session, work, self, hold=False).success(self._synced) \
            .failure(self._sync_failed).progress(self._progress).run()

    def cancel(self) -> None:
        """取消: the sync stops before its next request; what was sent stays sent."""
        if self.busy != "sync":
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("正在取消…"))

    def _progress(self, _done: int, _total: int) -> None:
        if self.busy != "sync" or self._cancel.is_set():
            return
        latest = self._latest[0]
        if latest is None:
            return
        stage, done, total = latest
        if stage == "upload":
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress_label.setText(self.tr("正在上传更改：{0}/{1} 段").format(done, total))
        else:
            self.progress.setRange(0, 0)
            self.progress_label.setText(self.tr("正在接收县里的发布：已采用 {0} 项").format(done))

    def _synced(self, result: dict) -> None:
        self.task = None
        self.last_result = result
        self._server_edited = False
        self._set_busy(None)
        self._say(self.enroll_notice, "")
        self._show_result(result)
        self._changed()

    def _sync_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(None)
        if isinstance(exc, (sync.SyncCancelled, Cancelled)):
            self._show_outcome(self.tr("已取消同步"), self.tr("已传的部分保留，下次同步会接着传。"))
            self._changed()
            return
        self._show_outcome(self.tr("同步未完成"), message(exc) + "\n" + self.tr("本机的更改都还在，下次同步会接着传。"),
                           "error")
        self._changed()
        show_error(self, exc)

    def _show_outcome(self, title: str, note: str, role: str = "muted") -> None:
        self.result_title.setText(title)
        self.result_time.setText(datetime.now().strftime("%Y-%m-%d %H:%M"))
        self.figures_row.hide()
        self._say(self.result_note, note, role)
        self.result_card.show()

    def _show_result(self, result: dict) -> None:
        self.result_title.setText(self.tr("同步完成"))
        self.result_time.setText(datetime.now().strftime("%Y-%m-%d %H:%M"))
        for key in self.FIGURES:
            self.figures[key].setText(str(result.get(key, 0)))
        self.figures["rejected"].setStyleSheet("font-size: 20px; font-weight: 600; color: %s;"
                                               % (WARN if result.get("rejected") else INK))
        self.figures_row.show()
        notes = []
        if not result.get("pushed") and not result.get("pulled"):
            notes.append(self.tr("没有要上传的更改，县里也没有新的发布。"))
        if result.get("rejected"):
            notes.append(self.tr("被退回的记录见下方列表，改正后下次同步会重新上传。"))
        if result.get("conflicts"):
            notes.append(self.tr("有字段在本机和县里都改过，请在下方“冲突”中核对。"))
        if result.get("review_required"):  # not yet approved by the leader: sent once approved
            notes.append(result["review_required"])
        for s in result.get("skipped") or []:
            notes.append(self.tr("县里的发布 {0}（{1}）未能采用：{2}").format(s["seq"], s["kind"], s["reason"]))
        self._say(self.result_note, "\n".join(notes))
        self.result_card.show()
        if result.get("rejected"):
            self.tabs.setCurrentIndex(0)
        elif result.get("conflicts"):
            self.tabs.setCurrentIndex(1)
        elif result.get("pulled"):
            self.tabs.setCurrentIndex(2)

    # -- the USB stick ---------------------------------------------------------------------------
    def export_batch(self) -> None:
        """导出批次到U盘: the pending batch's envelope, to take to the township."""
        if self.busy or self.auto_running:
            return
        suggested = Path.home() / f"zhucun-{clock.today().isoformat()}.zhb"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("把批次保存到U盘"), str(suggested),
                                                self.tr("同步批次 (*.zhb)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".zhb" and not path.is_dir():
            path = path.with_name(path.name + ".zhb")
        self._say(self.usb_status, self.tr("正在导出…"))
        self._set_busy("export")
        self.task = CollectionOp(self.session, lambda store, report: sync.export_batch(store, path), self) \
            .success(self._exported).failure(self._usb_failed).run()

    def _exported(self, result: dict | None) -> None:
        self.task = None
        self._set_busy(None)
        if result is None:
            self._say(self.usb_status, self.tr("没有待上传的更改，不需要导出。"))
        else:
            self._say(self.usb_status, self.tr(
                "已导出批次：{0}（{1} 条记录）。带到乡镇导入县服务器后，把回执文件（.receipt.json）带回来，"
                "点“导入回执…”。").format(result["file"], result["records"]))
        self._changed()

    def import_receipt(self) -> None:
        """导入回执: the county's receipt and publications from the USB stick."""
        if self.busy or self.auto_running:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择县里给的回执文件"), str(Path.home()),
                                                self.tr("回执文件 (*.receipt.json *.json);;所有文件 (*)"))
        if not chosen:
            return
        self._say(self.usb_status, self.tr("正在导入回执…"))
        self._set_busy("import")
        self.task = CollectionOp(self.session, lambda store, report: sync.import_receipt(store, chosen), self) \
            .success(self._imported).failure(self._usb_failed).run()

    def _imported(self, result: dict) -> None:
        self.task = None
        self._set_busy(None)
        lines = [self.tr("回执已核验并采用：县里接收 {0} 条，退回 {1} 条；采用县里发布 {2} 项，冲突 {3} 处。").format(
            result["accepted"], result["rejected"], result["pulled"], result["conflicts"])]
        if result.get("already"):
            lines.append(self.tr("这份回执以前已经导入过。"))
        for s in result.get("skipped") or []:
            lines.append(self.tr("县里的发布 {0}（{1}）未能采用：{2}").format(s["seq"], s["kind"], s["reason"]))
        self._say(self.usb_status, "\n".join(lines))
        self._changed()

    def _usb_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(None)
        self._say(self.usb_status, message(exc), "error")
        self.refresh()
        show_error(self, exc)

    # -- conflicts -------------------------------------------------------------------------------
    def review_selected(self) -> None:
        """已查看: the selected conflicts leave the list (the county keeps its own list)."""
        rows = sorted({i.row() for i in self.conflict_table.selectionModel().selectedRows()})
        ids = [self.conflict_model.rows[r]["id"] for r in rows if r < len(self.conflict_model.rows)]
        if not ids:
            return
        try:
            self.session.call(sync.review_conflicts, ids)
        except Exception as e:  # noqa: BLE001 - e.g. reviewed meanwhile
            show_error(self, e)
        self._changed()
