"""First run: create the team's encrypted store (and show its recovery code once), or build a
demo village to train on.

Also holds the passphrase and recovery-code widgets the unlock dialog and the settings page
reuse: `PassphrasePair` (two fields, a live strength hint) and `RecoveryCodeView` (the code
once, in large type, with PDF and copy).
"""
from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from app.core import clock
from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.storage.keys import MIN_PASSPHRASE
from app.storage.store import DB_NAME, KEYS_NAME, LOCK_NAME, Store, store_exists

from ..widgets.errors import message
from ..widgets.fit import scroll_body, scrolling
from ..widgets.style import ACCENT, EDGE, MUTED, set_role
from ..mainwindow.worker import Cancelled, Task

DEMO_PASSPHRASE = "demo1234"


def demo_folder(data_dir: Path) -> Path:
    """Where the demo village is kept: next to the store folder, never in it."""
    return data_dir.with_name(data_dir.name + "-demo")
DEMO_HOUSEHOLDS = 300


# -- small shared pieces ------------------------------------------------------
def restyle(widget: QWidget, role: str) -> QWidget:
    """Change a widget's stylesheet role after it is shown (Qt re-reads dynamic properties only
    when the style is re-applied)."""
    set_role(widget, role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return widget


def monospace_font(pixel_size: int) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPixelSize(pixel_size)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
    return font


def section(text: str) -> QLabel:
    """A section heading flush with the widgets under it."""
    label = set_role(QLabel(text), "section")
    label.setIndent(0)
    return label


def passphrase_strength(text: str) -> int:
    """0 too short (refused), 1 weak, 2 fair, 3 strong — from length and kinds of character
    (lower case, upper case, digits, anything else: punctuation, spaces, Chinese)."""
    if len(text) < MIN_PASSPHRASE:
        return 0
    kinds = sum((any(c.isascii() and c.islower() for c in text),
                 any(c.isascii() and c.isupper() for c in text),
                 any(c.isdigit() for c in text),
                 any(not (c.isascii() and c.isalnum()) for c in text)))
    if len(set(text)) < 4:          # "aaaaaaaa", "12121212"
        return 1
    if len(text) >= 20 or (len(text) >= 16 and kinds >= 2) or (len(text) >= 12 and kinds >= 3):
        return 3
    if len(text) >= 12 or kinds >= 3 or (len(text) >= 10 and kinds >= 2):
        return 2
    return 1


class PassphrasePair(QObject):
    """A new passphrase typed twice, with a live strength hint and a mismatch note.
    `add_to(form)` puts the rows into a QFormLayout; `changed` fires on every keystroke."""
    changed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.first = QLineEdit(parent)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(self.tr("至少 {0} 个字符").format(MIN_PASSPHRASE))
        self.second = QLineEdit(parent)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel(parent)
        self.hint.setObjectName("strengthHint")
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def add_to(self, form: QFormLayout, first_label: str, second_label: str) -> None:
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        form.addRow("", self.hint)

    def passphrase(self) -> str:
        return self.first.text()

    def acceptable(self) -> bool:
        return len(self.first.text()) >= MIN_PASSPHRASE and self.first.text() == self.second.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def strength_text(self) -> str:
        level = passphrase_strength(self.first.text())
        if not self.first.text():
            return self.tr("密码至少 {0} 个字符；越长越安全，可以用一句话").format(MIN_PASSPHRASE)
        return (self.tr("太短：至少 {0} 个字符（现在 {1} 个）").format(MIN_PASSPHRASE, len(self.first.text())),
                self.tr("强度：弱 — 再长一些，或混用字母、数字和符号"),
                self.tr("强度：中 — 可以使用"),
                self.tr("强度：强"))[level]

    def _update(self) -> None:
        text, again = self.first.text(), self.second.text()
        level = passphrase_strength(text)
        hint = self.strength_text()
        if again and text != again:
            hint += self.tr("；两次输入的密码不一致")
            role = "error"
        elif not text:
            role = "muted"
        else:
            role = ("error", "warn", "muted", "strong")[level]
        self.hint.setText(hint)
        self.hint.setProperty("level", level)
        if role == "strong":
            restyle(self.hint, "")
            self.hint.setStyleSheet(f"color: {ACCENT}; font-weight: 600;")
        else:
            self.hint.setStyleSheet("")
            restyle(self.hint, role)
        self.changed.emit()


def find_pdf_font() -> str | None:
    """The printed pages' main font (TrueType: reportlab cannot embed CFF), found where they
    find it: bundled with the packaged program, ZHUCUN_FONT_DIR, the system's (Windows too)."""
    from app.reports.font_files import main_fonts
    return next((str(p) for p in main_fonts()), None)


def write_recovery_sheet(path: Path, code: str, user_name: str, data_dir: Path | str | None = None,
                         day: date | None = None) -> dict:
    """One A4 page: the recovery code, whose it is, the date, and how to keep it.
    Returns {"path", "missing"}: `missing` holds characters of the name the font cannot print."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font_path = find_pdf_font()
    if font_path is None:
        raise ValidationError("font", "a CJK TrueType font", QCoreApplication.translate(
            "RecoverySheet", "没有找到可用于 PDF 的中文字体（请安装 fonts-wqy-microhei）"))
    if "ZhucunCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ZhucunCJK", font_path, subfontIndex=0))
    glyphs = pdfmetrics.getFont("ZhucunCJK").face.charToGlyph
    missing = "".join(dict.fromkeys(ch for ch in user_name if ord(ch) not in glyphs))
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    day = day or clock.today()
    body = ParagraphStyle("body", fontName="ZhucunCJK", fontSize=11.5, leading=18, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=28, spaceAfter=4)
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=15, textColor=colors.HexColor(MUTED))
    code_style = ParagraphStyle("code", fontName="Courier-Bold", fontSize=19, leading=26, alignment=1)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text), style)

    facts = [[p(QCoreApplication.translate("RecoverySheet", "用户")), p(user_name)],
             [p(QCoreApplication.translate("RecoverySheet", "日期")), p(day.isoformat())]]
    if data_dir is not None:
        facts.append([p(QCoreApplication.translate("RecoverySheet", "数据文件夹")), p(str(data_dir))])
    facts_table = Table(facts, colWidths=[30 * mm, 130 * mm])
    facts_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    code_box = Table([[Paragraph(escape(code), code_style)]], colWidths=[160 * mm])
    code_box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(ACCENT)),
                                  ("TOPPADDING", (0, 0), (-1, -1), 14), ("BOTTOMPADDING", (0, 0), (-1, -1), 14)]))
    story = [
        p(QCoreApplication.translate("RecoverySheet", "驻村 Zhucun — 恢复码"), title),
        p(QCoreApplication.translate("RecoverySheet", "忘记密码时，用这个恢复码可以重设密码，重新打开加密的数据库。"), body),
        Spacer(1, 6 * mm), facts_table, Spacer(1, 6 * mm), code_box, Spacer(1, 8 * mm),
        p(QCoreApplication.translate("RecoverySheet", "请把这张纸放在安全的地方，例如上锁的抽屉，和电脑分开保管。"
                                     "不要拍照，不要发给别人：任何人拿到恢复码都能打开这个数据库。"), body),
        Spacer(1, 3 * mm),
        p(QCoreApplication.translate("RecoverySheet", "每次用恢复码重设密码后，会生成新的恢复码，这张纸随之作废。"), body),
        Spacer(1, 3 * mm),
        p(QCoreApplication.translate("RecoverySheet", "恢复码里没有字母 I、L、O、U：看到 0 是数字零，1 是数字一。"), small),
    ]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=25 * mm, author="Zhucun",
                            title=QCoreApplication.translate("RecoverySheet", "驻村恢复码"))
    doc.build(story)
    return {"path": path, "missing": missing}


class RecoveryCodeView(QWidget):
    """The recovery code shown once: large monospace, save as PDF, copy, and the tick box
    "I have kept it safe" (`confirmed` follows the box)."""
    confirmed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, check_text: str | None = None):
        super().__init__(parent)
        self.code = ""
        self.user_name = ""
        self.data_dir: Path | None = None
        self._task: Task | None = None
        self.last_pdf: Path | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(12)
        card = set_role(QFrame(), "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(20, 18, 20, 18)
        self.code_label = QLabel()
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setFont(monospace_font(24))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet(f"color: {ACCENT};")
        inner.addWidget(self.code_label)
        col.addWidget(card)
        buttons = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("打印/保存为PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        self.status = set_role(QLabel(), "muted")
        self.status.setWordWrap(True)
        self.status.setOpenExternalLinks(True)
        self.status.hide()
        col.addWidget(self.status)
        self.saved_check = QCheckBox(check_text or self.tr("我已妥善保存恢复码"))
        self.saved_check.toggled.connect(self.confirmed)
        col.addWidget(self.saved_check)

    def set_code(self, code: str, user_name: str, data_dir: Path | None = None) -> None:
        self.code, self.user_name, self.data_dir = code, user_name, data_dir
        self.code_label.setText(code)
        self.code_label.setMinimumWidth(self.code_label.fontMetrics().horizontalAdvance(code) + 24)
        self.saved_check.setChecked(False)
        self.status.hide()

    def clear(self) -> None:
        """Forget the code once it has been shown."""
        self.code = ""
        self.code_label.clear()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self._say(self.tr("已复制。粘贴到安全的地方后，请清空剪贴板。"), "muted")

    def default_pdf_path(self) -> str:
        docs = Path.home() / "Documents"
        folder = docs if docs.is_dir() else Path.home()
        name = self.tr("驻村恢复码-{0}-{1}.pdf").format(self.user_name, clock.today().isoformat())
        return str(folder / name)

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存恢复码"), self.default_pdf_path(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        code, user, folder = self.code, self.user_name, self.data_dir
        self.pdf_button.setEnabled(False)
        self._say(self.tr("正在生成 PDF…"), "muted")
        self._task = Task(lambda report: write_recovery_sheet(Path(path), code, user, folder))
        self._task.signals.done.connect(self._pdf_written)
        self._task.signals.failed.connect(self._pdf_failed)
        self._task.start()

    def _pdf_written(self, result: dict) -> None:
        self.pdf_button.setEnabled(True)
        path = self.last_pdf = result["path"]
        url = QUrl.fromLocalFile(str(path)).toString()
        text = self.tr("已保存：{0}　<a href=\"{1}\">打开并打印</a>").format(escape(str(path)), url)
        if result["missing"]:
            text += "<br>" + self.tr("注意：PDF 字体里没有姓名中的“{0}”，打印后请手写补上。").format(
                escape(result["missing"]))
        self._say(text, "muted")

    def _pdf_failed(self, exc: BaseException) -> None:
        self.pdf_button.setEnabled(True)
        self._say(self.tr("无法保存 PDF：{0}").format(message(exc)), "error")

    def _say(self, text: str, role: str) -> None:
        self.status.setText(text)
        restyle(self.status, role)
        self.status.show()


def _page(margins: int = 32) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    col = QVBoxLayout(page)
    col.setContentsMargins(margins, 28, margins, 24)
    col.setSpacing(12)
    return page, col


def _wrap(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


def remove_partial_store(data_dir: Path, remove_folder: bool) -> None:
    """Delete what an unfinished store build left in `data_dir` (only the store's own files)."""
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal", KEYS_NAME, "keys.tmp",
                 LOCK_NAME):
        (data_dir / name).unlink(missing_ok=True)
    if remove_folder and data_dir.is_dir() and not any(data_dir.iterdir()):
        data_dir.rmdir()


# -- the dialog ---------------------------------------------------------------
class FirstRunDialog(QDialog):
    """Choose: a new store for the team, or the demo village. Emits `opened(store)`."""
    opened = Signal(object)

    CHOICE, CREATE, CODE, DEMO = range(4)
    kdf_params: dict | None = None            # tests may use faster parameters
    demo_households = DEMO_HOUSEHOLDS

    def __init__(self, data_dir: Path, prefs=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.prefs = prefs
        self.store: Store | None = None
        self._task: Task | None = None
        self._handed_over = False
        self._abandoned = False
        self.setWindowTitle(self.tr("驻村 Zhucun — 开始使用"))
        # Preferred size only: on a small or scaled screen (682×400 at 150 %) it shrinks, each
        # page's body scrolls and its buttons stay in reach below it.
        self.resize(720, 520)
        self.stack = QStackedWidget()
        self.stack.addWidget(scrolling(self._choice_page()))
        for page in (self._create_page(), self._code_page(), self._demo_page()):
            scroll_body(page)
            self.stack.addWidget(page)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.stack)

    # -- pages -----------------------------------------------------------
    def _choice_page(self) -> QWidget:
        page, col = _page()
        col.addWidget(set_role(QLabel(self.tr("欢迎使用驻村")), "title"))
        col.addWidget(_wrap(set_role(QLabel(self.tr(
            "防止返贫动态监测的走访记录和表格。数据加密保存在这台电脑上，不联网也能用。")), "muted")))
        col.addSpacing(8)
        cards = QHBoxLayout()
        cards.setSpacing(16)

        def card(title: str, text: str, extra: str | None, button: QPushButton) -> QFrame:
            frame = set_role(QFrame(), "card")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(20, 18, 20, 18)
            inner.setSpacing(10)
            inner.addWidget(section(title))
            inner.addWidget(_wrap(QLabel(text)))
            if extra:
                inner.addWidget(_wrap(set_role(QLabel(extra), "warn")))
            inner.addStretch(1)
            inner.addSpacing(8)
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            return frame

        self.new_button = set_role(QPushButton(self.tr("建立新数据库")), "primary")
        self.new_button.clicked.connect(self.show_create)
        self.demo_button = QPushButton(self.tr("打开示范村"))
        self.demo_button.clicked.connect(self.start_demo)
        cards.addWidget(card(self.tr("建立新数据库"),
                             self.tr("为本工作队建立加密的数据库，您是第一位用户。正式使用请选这里。"),
                             None, self.new_button), 1)
        cards.addWidget(card(self.tr("打开示范村"),
                             self.tr("一个虚构的村（{0} 户），用来培训和试用，里面的人和事都是编的。")
                             .format(self.demo_households),
                             self.tr("示范村密码：{0}").format(DEMO_PASSPHRASE), self.demo_button), 1)
        col.addLayout(cards)
        col.addStretch(1)
        col.addWidget(_wrap(set_role(QLabel(self.tr("数据文件夹：{0}").format(self.data_dir)), "muted")))
        return page

    def _create_page(self) -> QWidget:
        page, col = _page()
        col.addWidget(set_role(QLabel(self.tr("建立新数据库")), "title"))
        col.addWidget(_wrap(set_role(QLabel(self.tr(
            "数据库用您的密码加密。请记住密码；忘记时可以用下一步给出的恢复码重设。")), "muted")))
        col.addSpacing(6)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：张建国"))
        self.name_edit.setMaxLength(40)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("队长"), Role.LEADER.value)
        self.role_combo.addItem(self.tr("采集员"), Role.COLLECTOR.value)
        form.addRow(self.tr("您的姓名"), self.name_edit)
        form.addRow(self.tr("角色"), self.role_combo)
        self.passphrase = PassphrasePair(page)
        self.passphrase.add_to(form, self.tr("密码"), self.tr("再输一次"))
        self.strength_label = self.passphrase.hint
        holder = QWidget()
        holder.setMaximumWidth(560)
        holder.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        col.addWidget(holder)
        self.create_error = set_role(_wrap(QLabel()), "error")
        self.create_error.hide()
        col.addWidget(self.create_error)
        col.addStretch(1)
        row = QHBoxLayout()
        back = QPushButton(self.tr("返回"))
        back.clicked.connect(lambda: self.stack.setCurrentIndex(self.CHOICE))
        self.create_button = set_role(QPushButton(self.tr("建立")), "primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_store)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        col.addLayout(row)
        self.name_edit.textChanged.connect(self._update_create)
        self.passphrase.changed.connect(self._update_create)
        self.passphrase.second.returnPressed.connect(self.create_store)
        self._update_create()
        return page

    def _code_page(self) -> QWidget:
        page, col = _page()
        col.addWidget(set_role(QLabel(self.tr("请保存恢复码")), "title"))
        col.addWidget(_wrap(QLabel(self.tr(
            "忘记密码时，恢复码是重新打开数据库的唯一办法。它只显示这一次："
            "请打印或抄写下来，放在安全的地方，和电脑分开保管。"))))
        self.code_view = RecoveryCodeView()
        self.code_label = self.code_view.code_label
        self.pdf_button = self.code_view.pdf_button
        self.copy_button = self.code_view.copy_button
        self.saved_check = self.code_view.saved_check
        col.addWidget(self.code_view)
        col.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.enter_button = set_role(QPushButton(self.tr("进入")), "primary")
        self.enter_button.setEnabled(False)
        self.enter_button.clicked.connect(self.enter)
        self.code_view.confirmed.connect(self.enter_button.setEnabled)
        row.addWidget(self.enter_button)
        col.addLayout(row)
        return page

    def _demo_page(self) -> QWidget:
        page, col = _page()
        col.addWidget(set_role(QLabel(self.tr("打开示范村")), "title"))
        col.addWidget(_wrap(QLabel(self.tr(
            "正在建立一个虚构的村，用来培训和试用。以后锁定或重新打开时，请用下面的密码。"))))
        card = set_role(QFrame(), "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(20, 16, 20, 16)
        self.demo_passphrase_label = QLabel(self.tr("示范村密码：{0}").format(DEMO_PASSPHRASE))
        self.demo_passphrase_label.setObjectName("demoPassphrase")
        font = self.demo_passphrase_label.font()
        font.setPixelSize(22)
        font.setBold(True)
        self.demo_passphrase_label.setFont(font)
        self.demo_passphrase_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.demo_passphrase_label)
        col.addWidget(card)
        col.addSpacing(8)
        self.demo_status = _wrap(QLabel())
        col.addWidget(self.demo_status)
        self.demo_progress = QProgressBar()
        self.demo_progress.setTextVisible(True)
        self.demo_progress.setStyleSheet(
            f"QProgressBar {{ border: 1px solid {EDGE}; border-radius: 4px; background: white; text-align: center;"
            f" min-height: 20px; }} QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}")
        col.addWidget(self.demo_progress)
        col.addWidget(_wrap(set_role(QLabel(self.tr("示范村保存在：{0}").format(demo_folder(self.data_dir))), "muted")))
        col.addStretch(1)
        row = QHBoxLayout()
        self.demo_back = QPushButton(self.tr("返回"))
        self.demo_back.clicked.connect(lambda: self.stack.setCurrentIndex(self.CHOICE))
        self.demo_back.hide()
        self.demo_cancel = QPushButton(self.tr("取消"))
        self.demo_cancel.clicked.connect(self.cancel_demo)
        row.addWidget(self.demo_back)
        row.addStretch(1)
        row.addWidget(self.demo_cancel)
        col.addLayout(row)
        return page

    # -- create ----------------------------------------------------------
    def show_create(self) -> None:
        self.stack.setCurrentIndex(self.CREATE)
        self.name_edit.setFocus()

    def _update_create(self) -> None:
        busy = self._task is not None
        self.create_button.setEnabled(not busy and bool(self.name_edit.text().strip())
                                      and self.passphrase.acceptable())

    def create_store(self) -> None:
        if not self.create_button.isEnabled():
            return
        name = self.name_edit.text().strip()
        passphrase = self.passphrase.passphrase()
        role = Role(self.role_combo.currentData())
        data_dir, kdf = self.data_dir, self.kdf_params
        self.create_error.hide()
        self.create_button.setText(self.tr("正在建立…"))
        self._task = Task(lambda report: Store.create(data_dir, name, passphrase, role, kdf))
        self._update_create()
        self._task.signals.done.connect(self._created)
        self._task.signals.failed.connect(self._create_failed)
        self._task.start()

    def _created(self, result) -> None:
        self._task = None
        store, code = result
        if self._abandoned:
            store.close()
            return
        self.store = store
        self.passphrase.clear()
        self.create_button.setText(self.tr("建立"))
        self.code_view.set_code(code, store.user["name"], self.data_dir)
        self.stack.setCurrentIndex(self.CODE)

    def _create_failed(self, exc: BaseException) -> None:
        self._task = None
        self.create_button.setText(self.tr("建立"))
        if isinstance(exc, AccessDenied) and "already exists" in str(exc):
            text = self.tr("这个文件夹里已经有数据库：{0}").format(self.data_dir)
        elif isinstance(exc, ValidationError):
            text = message(exc)
        else:
            text = self.tr("无法建立数据库：{0}").format(message(exc))
        self.create_error.setText(text)
        self.create_error.show()
        self._update_create()

    def enter(self) -> None:
        if self.store is None or not self.saved_check.isChecked():
            return
        self.code_view.clear()
        self._hand_over(self.store)

    # -- demo ------------------------------------------------------------
    def start_demo(self) -> None:
        # The demo lives beside the team's folder, which stays free for their real store.
        data_dir, households, kdf = demo_folder(self.data_dir), self.demo_households, self.kdf_params
        folder_existed = data_dir.exists()

        def build(report):
            from app.demo.build import build_demo
            if store_exists(data_dir):  # tried before: open it again as it was left
                return Store.open(data_dir, DEMO_PASSPHRASE)
            try:
                build_demo(data_dir, DEMO_PASSPHRASE, households, seed=1, progress=report,
                           kdf_params=kdf)
                report(households, households)      # a cancel during the last step counts too
            except BaseException as e:
                if not (isinstance(e, AccessDenied) and "already exists" in str(e)):  # never someone else's
                    remove_partial_store(data_dir, remove_folder=not folder_existed)
                raise
            return Store.open(data_dir, DEMO_PASSPHRASE)

        self.stack.setCurrentIndex(self.DEMO)
        self.demo_status.setText(self.tr("正在建立示范村（{0} 户）…").format(households))
        restyle(self.demo_status, "")
        self.demo_progress.setRange(0, 0)
        self.demo_progress.show()
        self.demo_cancel.setEnabled(True)
        self.demo_cancel.show()
        self.demo_back.hide()
        self._task = Task(build)
        self._task.signals.progress.connect(self._demo_progress)
        self._task.signals.done.connect(self._demo_built)
        self._task.signals.failed.connect(self._demo_failed)
        self._task.start()

    def _demo_progress(self, done: int, total: int) -> None:
        self.demo_progress.setRange(0, total)
        self.demo_progress.setValue(done)
        self.demo_progress.setFormat(self.tr("%v / %m 户"))

    def cancel_demo(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.demo_cancel.setEnabled(False)
            self.demo_status.setText(self.tr("正在取消…"))

    def _demo_built(self, store) -> None:
        self._task = None
        if self._abandoned:
            store.close()
            return
        self.demo_progress.setRange(0, 1)
        self.demo_progress.setValue(1)
        self._hand_over(store)

    def _demo_failed(self, exc: BaseException) -> None:
        self._task = None
        self.demo_cancel.hide()
        self.demo_back.show()
        self.demo_progress.hide()
        if isinstance(exc, Cancelled):
            self.demo_status.setText(self.tr("已取消，未留下示范村的文件。"))
            restyle(self.demo_status, "muted")
            self.stack.setCurrentIndex(self.CHOICE)
        else:
            self.demo_status.setText(self.tr("无法建立示范村：{0}").format(message(exc)))
            restyle(self.demo_status, "error")

    # -- leaving ---------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Escape must not close the window under a recovery code that was never saved.
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def _hand_over(self, store: Store) -> None:
        self._handed_over = True
        self.store = None
        self.opened.emit(store)
        self.accept()

    def reject(self) -> None:
        """Closing the window: stop a demo build; a created store that was not entered closes."""
        if self._handed_over:
            return super().reject()
        self._abandoned = True
        if self._task is not None:
            self._task.cancel()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().reject()
