"""Settings: language and auto-lock (this laptop), the team's users and passphrases, backups."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QFileDialog, QFormLayout, QFrame, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QProgressDialog, QPushButton,
                               QRadioButton, QScrollArea, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)
from PySide6.QtWidgets import QCheckBox

from app.core import clock
from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.services import worklog
from app.storage.keys import KeyFile
from app.storage.store import KEYS_NAME, store_exists

from ..mainwindow.ops import CollectionOp
from ..widgets.errors import message
from .first_run import PassphrasePair, restyle, section
from .preferences import LANGUAGES
from ..widgets.style import set_role, wrapped
from ..mainwindow.worker import Task


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


class _Dialog(QDialog):
    """A small form dialog: title, intro, form, an error line, Cancel / OK."""

    def __init__(self, title: str, intro: str | None, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(24, 20, 24, 18)
        self.col.setSpacing(12)
        self.col.addWidget(section(title))
        if intro:
            self.col.addWidget(wrapped(intro, "muted"))
        self.form = _form()
        self.col.addLayout(self.form)
        self.error_label = wrapped("", "error")
        self.error_label.hide()
        self.col.addWidget(self.error_label)
        self.col.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = set_role(QPushButton(ok_text), "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        self.col.addLayout(row)
        self.busy = False

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        if text:
            self.ok_button.setText(text)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


class AddUserDialog(_Dialog):
    """A new team member with their own passphrase (team leader only)."""
    added = Signal(dict)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(self.tr("添加队员"), self.tr("队员用自己的姓名和密码解锁这台电脑上的数据库。"
                                                    "请让队员本人输入密码。"), self.tr("添加"), parent)
        self.session = session
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("采集员"), Role.COLLECTOR.value)
        self.role_combo.addItem(self.tr("队长"), Role.LEADER.value)
        self.form.addRow(self.tr("姓名"), self.name_edit)
        self.form.addRow(self.tr("角色"), self.role_combo)
        self.passphrase = PassphrasePair(self)
        self.passphrase.add_to(self.form, self.tr("密码"), self.tr("再输一次"))
        self.name_edit.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        if not self.busy:
            self.ok_button.setEnabled(bool(self.name_edit.text().strip()) and self.passphrase.acceptable())

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        name, role = self.name_edit.text().strip(), Role(self.role_combo.currentData())
        passphrase = self.passphrase.passphrase()
        if self.session.user_role != Role.LEADER.value:
            self.show_error(self.tr("只有队长可以添加队员。"))
            return
        self.error_label.hide()
        self.set_busy(True, self.tr("正在添加…"))
        CollectionOp(self.session, lambda store, report: store.add_user(name, passphrase, role), self) \
            .success(self._done).failure(self._failed).run()

    def _done(self, record: dict) -> None:
        self.set_busy(False, self.tr("添加"))
        self.passphrase.clear()
        self.session.notify("users")
        self.added.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False, self.tr("添加"))
        self._update()
        if isinstance(exc, ValidationError) and exc.field == "name" and "already" in exc.rule:
            self.show_error(self.tr("已经有一位叫“{0}”的用户。").format(self.name_edit.text().strip()))
        else:
            self.show_error(message(exc))


class ChangePassphraseDialog(_Dialog):
    """My passphrase: the current one first, then the new one twice."""
    changed = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(self.tr("修改我的密码"), self.tr("只改密码，数据不会重新加密。恢复码不变。"),
                         self.tr("修改"), parent)
        self.session = session
        self.current_edit = QLineEdit()
        self.current_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("用户"), QLabel(session.user_name))
        self.form.addRow(self.tr("当前密码"), self.current_edit)
        self.passphrase = PassphrasePair(self)
        self.passphrase.add_to(self.form, self.tr("新密码"), self.tr("再输一次"))
        self.current_edit.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        if not self.busy:
            self.ok_button.setEnabled(bool(self.current_edit.text()) and self.passphrase.acceptable())

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        current, new = self.current_edit.text(), self.passphrase.passphrase()

        def work(store, report):
            # Proves the current passphrase against the key file on disk before anything changes.
            KeyFile.load(store.data_dir / KEYS_NAME).unlock(store.user["name"], current)
            store.set_passphrase(new)

        self.error_label.hide()
        self.set_busy(True, self.tr("正在修改…"))
        CollectionOp(self.session, work, self).success(self._done).failure(self._failed).run()

    def _done(self, _result) -> None:
        self.set_busy(False, self.tr("修改"))
        self.current_edit.clear()
        self.passphrase.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False, self.tr("修改"))
        if isinstance(exc, AccessDenied) and "wrong passphrase" in str(exc):
            self.show_error(self.tr("当前密码不正确，密码没有修改。"))
            self.current_edit.clear()
            self.current_edit.setFocus()
        else:
            self.show_error(message(exc))
        self._update()


class RestoreDialog(_Dialog):
    """Restore a backup into a new folder (never over the open store)."""
    restored = Signal(dict)

    def __init__(self, backup: Path, current_dir: Path, parent: QWidget | None = None):
        super().__init__(self.tr("从备份恢复"), self.tr(
            "备份会恢复到一个新的文件夹，正在使用的数据库不受影响。恢复时会核验备份的完整性和审计记录。"
            "需要输入备份时任一用户的密码，或当时的恢复码。"), self.tr("恢复"), parent)
        self.setMinimumWidth(640)
        self.backup = Path(backup)
        self.current_dir = Path(current_dir)
        self._task: Task | None = None
        self.info: dict | None = None
        file_label = wrapped(str(self.backup))
        file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.tr("备份文件"), file_label)
        target_row = QHBoxLayout()
        self.target_edit = QLineEdit(str(self.default_target()))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self.choose_target)
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        self.form.addRow(self.tr("恢复到（新文件夹）"), target_row)
        kind = QHBoxLayout()
        self.use_passphrase = QRadioButton(self.tr("用密码"))
        self.use_code = QRadioButton(self.tr("用恢复码"))
        self.use_passphrase.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_passphrase)
        group.addButton(self.use_code)
        kind.addWidget(self.use_passphrase)
        kind.addWidget(self.use_code)
        kind.addStretch(1)
        self.form.addRow(self.tr("解锁方式"), kind)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("密码或恢复码"), self.secret_edit)
        self.result_label = wrapped()
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.col.insertWidget(self.col.indexOf(self.error_label) + 1, self.result_label)
        self.use_code.toggled.connect(lambda on: self.secret_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.secret_edit.textChanged.connect(self._update)
        self.target_edit.textChanged.connect(self._update)
        self._update()

    def default_target(self) -> Path:
        base = self.current_dir.parent / f"{self.current_dir.name}-restored-{clock.today():%Y%m%d}"
        target, n = base, 2
        while target.exists():
            target = base.with_name(f"{base.name}-{n}")
            n += 1
        return target

    def choose_target(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("恢复到哪个文件夹（请选空文件夹）"),
                                                  str(self.current_dir.parent))
        if folder:
            self.target_edit.setText(folder)

    def _update(self) -> None:
        if not self.busy and self.info is None:
            self.ok_button.setEnabled(bool(self.secret_edit.text()) and bool(self.target_edit.text().strip()))

    def submit(self) -> None:
        if self.info is not None:
            self.accept()
            return
        if not self.ok_button.isEnabled():
            return
        target = Path(self.target_edit.text().strip()).expanduser()
        if target.resolve() == self.current_dir.resolve() or store_exists(target):
            self.show_error(self.tr("这个文件夹里已经有数据库。请选一个新的或空的文件夹。"))
            return
        backup, secret, is_code = self.backup, self.secret_edit.text(), self.use_code.isChecked()
        from app.storage.backup import restore_backup
        self.error_label.hide()
        self.set_busy(True, self.tr("正在恢复…"))
        self._task = Task(lambda report: restore_backup(backup, target, secret, is_recovery_code=is_code))
        self._task.signals.done.connect(self._done)
        self._task.signals.failed.connect(self._failed)
        self._task.start()

    def _done(self, info: dict) -> None:
        self._task = None
        self.info = info
        self.secret_edit.clear()
        self.set_busy(False, self.tr("完成"))
        self.cancel_button.hide()
        self.result_label.setText(self.tr(
            "已恢复到：{0}\n核验了 {1} 条审计记录，备份完好。\n\n"
            "正在使用的数据库没有改动。要打开恢复的数据库，请关闭驻村，再运行：\n"
            "zhucun --data \"{0}\"").format(info["data"], info["entries"]))
        self.result_label.show()
        self.restored.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.set_busy(False, self.tr("恢复"))
        if isinstance(exc, AccessDenied) and "wrong passphrase" in str(exc):
            text = self.tr("密码不正确：请输入备份时任一用户的密码。")
        elif isinstance(exc, AccessDenied) and "recovery code" in str(exc):
            text = self.tr("恢复码不正确。")
        elif isinstance(exc, AccessDenied) and "already exists" in str(exc):
            text = self.tr("这个文件夹里已经有数据库。请选一个新的或空的文件夹。")
        else:
            text = self.tr("无法恢复：{0}").format(message(exc))
        self.show_error(text)
        self._update()

    def reject(self) -> None:
        if self.busy:
            return      # the restore finishes (or fails) first; it only writes into the new folder
        super().reject()


class SettingsPage(QWidget):
    """Language, auto-lock, users, passphrase, backup and restore."""

    def __init__(self, session, controller=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self._loading = False
        self.add_dialog: AddUserDialog | None = None
        self.passphrase_dialog: ChangePassphraseDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.hand_dialog = None
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.last_backup: dict | None = None

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget#settingsBody { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        body = QWidget(objectName="settingsBody")
        body.setMaximumWidth(960)
        col = QVBoxLayout(body)
        col.setContentsMargins(24, 20, 24, 24)
        col.setSpacing(14)
        col.addWidget(set_role(QLabel(self.tr("设置")), "title"))
        col.addWidget(self._general_card())
        col.addWidget(self._users_card())
        col.addWidget(self._hand_card())
        col.addWidget(self._backup_card())
        col.addWidget(self._about_card())
        col.addStretch(1)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        session.changed.connect(self._changed)
        self.refresh()

    # -- cards -----------------------------------------------------------
    @staticmethod
    def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
        frame = set_role(QFrame(), "card")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(20, 14, 20, 16)
        inner.setSpacing(10)
        inner.addWidget(section(title))
        return frame, inner

    def _general_card(self) -> QFrame:
        frame, inner = self._card(self.tr("这台电脑"))
        form = _form()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.autolock_spin = QSpinBox()
        self.autolock_spin.setRange(1, 240)
        self.autolock_spin.setSuffix(self.tr(" 分钟"))
        self.autolock_spin.setKeyboardTracking(False)
        self.autolock_spin.setMinimumWidth(120)
        self.autolock_spin.valueChanged.connect(self._autolock_changed)
        form.addRow(self.tr("界面语言"), self.language_combo)
        form.addRow(self.tr("无操作自动锁定"), self.autolock_spin)
        self.auto_sync_check = QCheckBox(self.tr("连上县服务器时自动同步"), objectName="autoSync")
        self.auto_sync_check.toggled.connect(self._auto_sync_changed)
        form.addRow(self.tr("自动同步"), self.auto_sync_check)
        inner.addLayout(form)
        inner.addWidget(wrapped(self.tr("锁定后屏幕上不留任何记录，需要重新输入密码。离开电脑时也可以按 Ctrl+L 立即锁定。"),
                                 "muted"))
        return frame

    def _users_card(self) -> QFrame:
        frame, inner = self._card(self.tr("队员"))
        self.users_tree = QTreeWidget()
        self.users_tree.setHeaderLabels([self.tr("姓名"), self.tr("角色"), self.tr("加入日期")])
        self.users_tree.setRootIsDecorated(False)
        self.users_tree.setAlternatingRowColors(True)
        self.users_tree.setUniformRowHeights(True)
        self.users_tree.setMinimumHeight(110)
        self.users_tree.setMaximumHeight(180)
        self.users_tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.users_tree.header().setStretchLastSection(True)
        self.users_tree.setColumnWidth(0, 260)
        self.users_tree.setColumnWidth(1, 120)
        inner.addWidget(self.users_tree)
        row = QHBoxLayout()
        self.add_user_button = QPushButton(self.tr("添加队员…"))
        self.add_user_button.clicked.connect(self.show_add_user)
        self.change_passphrase_button = QPushButton(self.tr("修改我的密码…"))
        self.change_passphrase_button.clicked.connect(self.show_change_passphrase)
        row.addWidget(self.add_user_button)
        row.addWidget(self.change_passphrase_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.users_status = wrapped("", "muted")
        self.users_status.hide()
        inner.addWidget(self.users_status)
        return frame

    def _hand_card(self) -> QFrame:
        frame, inner = self._card(self.tr("我的笔迹样本"))
        inner.addWidget(wrapped(self.tr(
            "在签名板上写几个不同的姓名和字词（约两三分钟）。数据检查用它判断农户签名是否出自您的笔迹，"
            "并在问题中说明以哪份参照比较。"), "muted"))
        row = QHBoxLayout()
        self.hand_button = QPushButton(self.tr("录入笔迹样本…"))
        self.hand_button.clicked.connect(self.show_hand_sample)
        row.addWidget(self.hand_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.hand_status = wrapped("", "muted")
        self.hand_status.setObjectName("handSampleStatus")
        inner.addWidget(self.hand_status)
        return frame

    def show_hand_sample(self) -> None:
        from ..forms.hand_sample_dialog import HandSampleDialog
        self.hand_dialog = HandSampleDialog(self.session, self)
        self.hand_dialog.saved.connect(lambda _record: self.load_hand_sample())
        self.hand_dialog.open()

    def load_hand_sample(self) -> None:
        """Whether I have a hand sample, and from when."""
        if not self.session.is_open:
            return
        from app.services import hand_samples
        sample = self.session.call(lambda store: hand_samples.sample_of(store, store.user_id))
        if not sample:
            self.hand_status.setText(self.tr("还没有录入笔迹样本。未录入时，签名笔迹检查只能拿您在表单上的签名作比较。"))
        else:
            self.hand_status.setText(self.tr("已录入笔迹样本：{0}项，{1}录入。数据检查以它为您的笔迹参照。").format(
                len(sample["items"]), sample["recorded_on"]))

    def _backup_card(self) -> QFrame:
        frame, inner = self._card(self.tr("备份"))
        inner.addWidget(wrapped(self.tr(
            "备份文件和数据库一样是加密的，要用队员的密码或恢复码才能打开。请定期备份到U盘，和电脑分开保管。"),
            "muted"))
        row = QHBoxLayout()
        self.backup_button = set_role(QPushButton(self.tr("备份到文件夹或U盘…")), "primary")
        self.backup_button.clicked.connect(self.backup)
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.backup_status = wrapped("", "muted")
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_status.hide()
        inner.addWidget(self.backup_status)
        return frame

    def _about_card(self) -> QFrame:
        frame, inner = self._card(self.tr("关于"))
        from app import __version__  # also in the packaged program, which has no package metadata
        self.about_label = wrapped(self.tr("驻村 Zhucun {0} — 防止返贫动态监测").format(__version__))
        self.data_label = wrapped(self.tr("数据文件夹：{0}").format(self.session.data_dir), "muted")
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.about_label)
        inner.addWidget(self.data_label)
        inner.addWidget(wrapped(self.tr("诊断信息：版本、设置和日志，供维护电脑的人查找问题；不含任何个人信息。"), "muted"))
        row = QHBoxLayout()
        self.diagnostics_button = QPushButton(self.tr("保存诊断信息…"))
        self.diagnostics_button.clicked.connect(lambda: self.save_diagnostics())
        row.addWidget(self.diagnostics_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.diagnostics_status = wrapped("", "muted")
        self.diagnostics_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diagnostics_status.hide()
        inner.addWidget(self.diagnostics_status)
        return frame

    def save_diagnostics(self, path: str | None = None) -> None:
        """The 诊断信息 zip (app.services.diagnostics) where the person chooses."""
        if path is None:
            from app.core import clock
            suggested = str(Path.home() / f"zhucun-diagnostics-{clock.today():%Y%m%d}.zip")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("诊断信息保存到哪里"), suggested,
                                                  self.tr("压缩文件 (*.zip)"))
            if not path:
                return
        from app.services import diagnostics
        try:
            diagnostics.write(Path(path))
        except OSError as e:
            text, role = self.tr("无法保存诊断信息：{0}").format(e.strerror or type(e).__name__), "error"
        else:
            text, role = self.tr("已保存诊断信息：{0}（不含个人信息）").format(path), "muted"
        self.diagnostics_status.setText(text)
        restyle(self.diagnostics_status, role)
        self.diagnostics_status.show()

    # -- state -----------------------------------------------------------
    def refresh(self) -> None:
        self._loading = True
        try:
            prefs = getattr(self.controller, "prefs", None)
            language = prefs.language if prefs is not None else "zh_CN"
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
            if prefs is not None:
                self.autolock_spin.setValue(prefs.autolock_minutes)
                self.auto_sync_check.setChecked(prefs.auto_sync)
            else:
                from .preferences import DEFAULT_AUTOLOCK_MINUTES
                self.autolock_spin.setValue(DEFAULT_AUTOLOCK_MINUTES)
        finally:
            self._loading = False
        self.language_combo.setEnabled(self.controller is not None)
        self.autolock_spin.setEnabled(self.controller is not None)
        self.auto_sync_check.setEnabled(self.controller is not None)
        leader = self.session.user_role == Role.LEADER.value
        self.add_user_button.setEnabled(leader)
        self.add_user_button.setToolTip("" if leader else self.tr("只有队长可以添加队员"))
        self.load_users()
        self.load_hand_sample()

    def load_users(self) -> None:
        if not self.session.is_open:
            return
        users = self.session.call(worklog.team)
        roles = {Role.LEADER.value: self.tr("队长"), Role.COLLECTOR.value: self.tr("采集员"),
                 None: self.tr("队员（不在本机登录）")}
        self.users_tree.clear()
        for u in users:
            name = u["name"]
            if name == self.session.user_name:
                name = self.tr("{0}（我）").format(name)
            if not u.get("active", 1):
                name = self.tr("{0}（已停用）").format(name)
            item = QTreeWidgetItem([name, roles.get(u["role"], u["role"]), str(u.get("created_at") or "")[:10]])
            item.setData(0, Qt.ItemDataRole.UserRole, u["name"])
            item.setData(1, Qt.ItemDataRole.UserRole, u["role"])
            self.users_tree.addTopLevelItem(item)

    def team_names(self) -> list[str]:
        """Everyone on the team's roster, as listed."""
        return [self.users_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.users_tree.topLevelItemCount())]

    def user_names(self) -> list[str]:
        """The team members who log in on this laptop."""
        return [self.users_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.users_tree.topLevelItemCount())
                if self.users_tree.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole)]

    def _changed(self, what: str) -> None:
        if what == "users":
            self.load_users()

    def _language_chosen(self, index: int) -> None:
        if self._loading or self.controller is None:
            return
        self.controller.set_language(self.language_combo.itemData(index))

    def _autolock_changed(self, minutes: int) -> None:
        if self._loading or self.controller is None:
            return
        self.controller.set_autolock_minutes(int(minutes))

    def _auto_sync_changed(self, on: bool) -> None:
        if self._loading or self.controller is None:
            return
        self.controller.prefs.auto_sync = bool(on)
        window = getattr(self.controller, "window", None)
        if window is not None and getattr(window, "autosync", None) is not None:
            window.autosync.set_enabled(bool(on))

    # -- users -----------------------------------------------------------
    def show_add_user(self) -> None:
        self.add_dialog = AddUserDialog(self.session, self)
        self.add_dialog.added.connect(lambda record: self._say_users(
            self.tr("已添加队员：{0}").format(record["name"])))
        self.add_dialog.open()

    def show_change_passphrase(self) -> None:
        self.passphrase_dialog = ChangePassphraseDialog(self.session, self)
        self.passphrase_dialog.changed.connect(lambda: self._say_users(self.tr("密码已修改。下次解锁请用新密码。")))
        self.passphrase_dialog.open()

    def _say_users(self, text: str) -> None:
        self.users_status.setText(text)
        self.users_status.show()

    # -- backup ----------------------------------------------------------
    def backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("备份到哪里（文件夹或U盘）"), str(Path.home()))
        if not folder:
            return
        folder_path = Path(folder)
        data_dir = Path(self.session.data_dir).resolve()
        if folder_path.resolve() == data_dir or data_dir in folder_path.resolve().parents:
            self._backup_said(self.tr("请选数据文件夹以外的位置，最好是U盘。"), "error")
            return
        from app.storage.backup import make_backup
        self.backup_button.setEnabled(False)
        self.progress = QProgressDialog(self.tr("正在备份…"), "", 0, 0, self)
        self.progress.setWindowTitle(self.tr("备份"))
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        CollectionOp(self.session, lambda store, report: make_backup(store, folder_path), self) \
            .success(self._backed_up).failure(self._backup_failed).run()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.backup_button.setEnabled(True)

    def _backed_up(self, info: dict) -> None:
        self._close_progress()
        self.last_backup = info
        text = self.tr("已备份到：{0}（{1}）").format(info["path"], _size(int(info["bytes"])))
        self._backup_said(text, "muted")
        self.message_box = QMessageBox(QMessageBox.Icon.Information, self.tr("备份完成"), text,
                                       QMessageBox.StandardButton.Ok, self)
        self.message_box.open()

    def _backup_failed(self, exc: BaseException) -> None:
        self._close_progress()
        self._backup_said(self.tr("备份失败：{0}").format(message(exc)), "error")

    def _backup_said(self, text: str, role: str) -> None:
        self.backup_status.setText(text)
        restyle(self.backup_status, role)
        self.backup_status.show()

    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(Path.home()),
                                              self.tr("驻村备份 (*.zhucun-backup);;所有文件 (*)"))
        if not path:
            return
        self.restore_dialog = RestoreDialog(Path(path), Path(self.session.data_dir), self)
        self.restore_dialog.restored.connect(lambda info: self._backup_said(
            self.tr("已恢复到：{0}（用 zhucun --data 打开）").format(info["data"]), "muted"))
        self.restore_dialog.open()

