"""Filling a survey form (表单) for a household: new, resumed from its draft, changed before it is
signed, or amended after. The form engine runs on every change, so relevance, calculated notes,
rule messages and the list of what is still missing are always current; a debounced autosave
keeps a draft inside the encrypted store."""
from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from app.core.errors import StateError, ValidationError
from app.core.forms.definition import META_TYPES, FormDef, Question
from app.core.forms.engine import (FormState, available_choices, evaluate, every_value, path_of, randomized,
                                   split_path)
from app.core.forms.types import MEDIA_TYPES
from app.services import forms, households

from ..widgets.errors import message as error_message, show_error
from .form_widgets import (COUNT, CellGrid, CountDelegate, NoteCell, QuestionCell, form_language,
                           is_empty, local_time, make_editor, shown_value, substitute, without_numbering)
from .sign_dialog import SignDialog
from ..widgets.style import ACCENT, MUTED, WARN, card, set_role
from ..widgets.text import colon
from ..households.visit_dialog import ErrorLine

AUTOSAVE_MS = 800
PROBLEM_ROWS = 4
# Typed in the window; time, date-time, a geopoint, a barcode, a range value and a ranking (choice
# names in order) as text the form checks; photos, recordings and files chosen from the disk.
INPUTS = {"text", "integer", "decimal", "date", "select_one", "select_multiple", "time", "datetime",
          "geopoint", "barcode", "range", "rank", "acknowledge"} | MEDIA_TYPES
FIXED = META_TYPES | {"hidden"}
TARGET = Qt.ItemDataRole.UserRole
PATH = Qt.ItemDataRole.UserRole + 2
LAST = (10**9, 0, 0)   # where a problem with no field of its own sorts


class Scope:
    """The questions of the top level or of one repeat entry, by name; `index` is the entry's
    place (0-based) and changes when an entry above it is deleted."""

    def __init__(self, index: int | None = None, repeat: str | None = None, parent: "Scope | None" = None):
        self.index, self.repeat, self.parent = index, repeat, parent
        self.block: RepeatBlock | None = None
        self.cells: dict[str, QuestionCell] = {}
        self.notes: dict[str, NoteCell] = {}
        self.groups: dict[str, QWidget] = {}
        self.repeats: dict[str, RepeatBlock] = {}
        self.grids: list[CellGrid] = []

    def at(self) -> tuple:
        """The entry's place in each repeat around it, outermost first, as the engine counts."""
        return () if self.index is None else (self.parent.at() if self.parent else ()) + (self.index,)


class Entry(QFrame):
    """One entry of a repeat (a member): a title with 删除, and its questions three to a row."""

    def __init__(self, block: "RepeatBlock", index: int):
        super().__init__()
        self.block = block
        self.scope = Scope(index, block.q.name, block.scope)
        self.scope.block = block
        self.setObjectName("entry")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 12)
        box.setSpacing(8)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet(f"font-weight: 600; color: {ACCENT};")
        head.addWidget(self.title)
        head.addStretch(1)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(lambda: block.filler.delete_entry(self))
        head.addWidget(self.delete_button)
        box.addLayout(head)
        self.grid = CellGrid(3)
        self.grid.grid.setHorizontalSpacing(20)
        self.grid.grid.setVerticalSpacing(6)
        box.addWidget(self.grid)

    def title_text(self) -> str:
        name_cell = self.scope.cells.get(self.block.name_question) if self.block.name_question else None
        name = (name_cell.editor.value() or "") if name_cell else ""
        number = f"{self.block.noun} {self.scope.index + 1}"
        return number + (colon() + name if name else "")

    def refresh_title(self) -> None:
        self.title.setText(self.title_text())


class RepeatBlock(QWidget):
    """A repeat's entries and its 添加 button."""

    def __init__(self, filler: "FormFiller", q: Question, scope: Scope | None = None):
        super().__init__()
        self.filler, self.q, self.shown, self.scope = filler, q, True, scope
        self.noun = without_numbering(q.label(filler.lang))
        texts = [c for c in filler.form.walk(q.children) if c.type == "text"]
        self.name_question = texts[0].name if texts else None
        self.entries: list[Entry] = []
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(10)
        self.add_button = QPushButton(self.tr("添加{0}").format(self.noun))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: filler.add_entry(self))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.box.addLayout(row)

    def new_entry(self, values: dict) -> Entry:
        entry = Entry(self, len(self.entries))
        self.filler.build(self.q.children, entry.grid, entry.scope, stacked=True)
        self.filler.load(entry.scope, values)
        entry.refresh_title()
        self.entries.append(entry)
        self.box.insertWidget(len(self.entries) - 1, entry)
        return entry


class FormFiller(QDialog):
    """`FormFiller(session, form_id, household_id, parent)` starts a form for a household, or
    resumes its draft; `FormFiller(session, parent=…, instance_id=id)` changes a complete form
    before it is signed; with `amend=True` it amends a signed one (a reason is required).
    After 完成并签名 `instance` holds the saved form and `signed` says whether it was signed."""

    def __init__(self, session, form_id: str | None = None, household_id: str | None = None,
                 parent: QWidget | None = None, *, instance_id: str | None = None, amend: bool = False,
                 lang: str | None = None):
        super().__init__(parent)
        self.session = session
        self.lang = lang or form_language()
        self.today = session.today()
        self.instance: dict | None = None
        self.signed = False
        self.sign_dialog = None
        self.touched: set[str] = set()
        self.show_all = False          # after 完成 every required message shows, touched or not
        self.dirty = False
        self.drafts_written = False
        self.state: FormState | None = None
        self.draft: dict | None = None

        original = session.call(forms.instance_view, instance_id) if instance_id else None
        if original is not None:
            self.mode = "amend" if amend else "edit"
            form_id, household_id = original["form_id"], original["household_id"]
            version = original["form_version"]
            if self.mode == "edit" and original["state"] == "signed":
                raise StateError(self.tr("已签名的表单已锁定，请提交更正"))
        else:
            self.mode, version = "new", None
        self.original = original
        self.instance_id = instance_id
        self.household_id = household_id
        self.draft = self._find_draft(form_id)
        if self.draft is not None:
            version = self.draft["form_version"]
        self.form: FormDef = session.call(forms.get_form, form_id, version)
        self.household = session.call(households.get_household, household_id) if household_id else None
        self.draft_id = self.draft["id"] if self.draft else None
        if self.draft is not None:
            answers = self.draft["answers"]
        elif original is not None:
            answers = original["answers"]
        else:
            answers = session.call(forms.prefill, self.form, household_id, self.today)
        # What the program filled (start time, device, user) and hidden values: kept, never shown.
        self.fixed = {q.name: answers[q.name] for q in self.form.walk()
                      if q.repeat is None and q.type in FIXED and q.name in answers}

        self._build()
        self.top = Scope()
        self.sections: list[dict] = []
        self._build_sections()
        self.load(self.top, answers)
        if self.mode == "amend" and self.draft is not None:
            self.reason.setText(self.draft.get("amend_reason") or "")
        self._register()
        self._fill_nav()
        self.refresh()
        self._size_to_screen()
        if self.mode == "amend":
            self.reason.setFocus()
        else:
            self._focus_first()

    # -- what is being filled ------------------------------------------------------------------

    def _find_draft(self, form_id: str) -> dict | None:
        supersedes = self.instance_id if self.mode in ("edit", "amend") else None
        for d in self.session.call(forms.list_drafts, self.household_id):
            if d["form_id"] == form_id and d["household_id"] == self.household_id and d["supersedes"] == supersedes:
                return d
        return None

    def _subtitle(self) -> str:
        who = self.household["head_name"] if self.household else ""
        parts = [self.tr("{0}户").format(who)] if who else []
        if self.household and self.household.get("group_name"):
            parts.append(self.household["group_name"])
        parts.append(self.tr("调查人 {0}").format(self.session.user_name))
        if self.mode == "edit":
            parts.append(self.tr("已完成，待签名：可修改后再签名"))
        elif self.mode == "amend":
            parts.append(self.tr("更正 {0} 签名的表单").format(self.original.get("filled_on") or ""))
        return "  ·  ".join(parts)

    # -- the window ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = self.form.title(self.lang)
        who = self.household["head_name"] if self.household else ""
        self.setWindowTitle(f"{title} — {who}" if who else title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.title = set_role(QLabel(title), "title")
        self.subtitle = set_role(QLabel(self._subtitle()), "muted")
        head = QHBoxLayout()
        head.setSpacing(14)
        head.addWidget(self.title)
        head.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)

        self.banner = QLabel()
        set_role(self.banner, "banner")
        self.banner.setVisible(self.draft is not None)
        if self.draft is not None:
            self.banner.setText(self.tr("已恢复草稿（{0}）").format(local_time(self.draft.get("updated_at"))))

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("为什么更正，例如：户主电话号码填错"))
        self.reason.textEdited.connect(lambda _t: self._changed())
        self.reason_error = ErrorLine()
        self.reason_box = QFrame()
        self.reason_box.setObjectName("reasonBox")
        reason_row = QVBoxLayout(self.reason_box)
        reason_row.setContentsMargins(12, 8, 12, 8)
        reason_row.setSpacing(6)
        note = set_role(QLabel(self.tr("原表单保留不变；更正后的表单取代它，并须重新签名。")), "muted")
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("更正原因") + "<span style='color:%s'>&nbsp;*</span>" % WARN))
        line.addWidget(self.reason, 1)
        reason_row.addWidget(note)
        reason_row.addLayout(line)
        reason_row.addWidget(self.reason_error)
        self.reason_box.setVisible(self.mode == "amend")

        self.nav = QListWidget()
        self.nav.setFixedWidth(236)
        self.nav.setItemDelegate(CountDelegate(self.nav))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget { font-size: 14px; outline: 0; } QListWidget::item { padding: 6px 8px; }")
        self.nav.currentRowChanged.connect(self._nav_chosen)
        self._syncing = False

        self.content = QWidget()
        self.content.setObjectName("formContent")
        self.content_box = QVBoxLayout(self.content)
        self.content_box.setContentsMargins(4, 0, 12, 12)
        self.content_box.setSpacing(14)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.nav)
        body.addWidget(self.scroll, 1)

        self.problems_title = set_role(QLabel(), "section")
        self.problems_title.setStyleSheet("margin-top: 0px; font-size: 14px;")
        self.problems = QListWidget()
        self.problems.setStyleSheet("QListWidget { outline: 0; } QListWidget::item { padding: 2px 6px; }")
        self._problem_rows_sized = False
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.itemClicked.connect(lambda item: self.jump_to(item.data(PATH)))
        self.problems.itemActivated.connect(lambda item: self.jump_to(item.data(PATH)))

        self.status = QLabel()
        self.draft_label = set_role(QLabel(), "muted")
        self.error = ErrorLine()
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.save_button.setToolTip(self.tr("保存草稿 (Ctrl+S)；填写时也会自动保存"))
        self.save_button.clicked.connect(self.save_draft)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setToolTip(self.tr("关闭；填写的内容保存为草稿"))
        self.close_button.clicked.connect(self.reject)
        self.finish_button = set_role(QPushButton(self.tr("完成并签名")), "primary")
        self.finish_button.setToolTip(self.tr("检查并保存表单，然后签名 (Ctrl+Enter)"))
        self.finish_button.clicked.connect(self.finish)
        for b in (self.save_button, self.close_button, self.finish_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.status)
        buttons.addSpacing(12)
        buttons.addWidget(self.draft_label)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.reason_box)
        layout.addLayout(body, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_draft)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save_draft)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.finish)
        self.session.locked.connect(self._locked)

    def _size_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else QRect(0, 0, 1366, 728)
        self.resize(min(1260, area.width() - 40), min(760, area.height() - 30))

    # -- building the questions ----------------------------------------------------------------

    def _build_sections(self) -> None:
        """One card per top-level group or repeat; questions outside any group share a card."""
        loose: list[Question] = []
        runs: list[tuple[Question | None, list[Question]]] = []
        for q in self.form.questions:
            if q.is_container:
                if loose:
                    runs.append((None, loose))
                    loose = []
                runs.append((q, q.children))
            else:
                loose.append(q)
        if loose:
            runs.append((None, loose))
        for q, children in runs:
            if not any(c.type in INPUTS for c in self.form.walk(children)) and (q is None or q.type != "repeat"):
                continue   # only notes and signatures: they belong to the signing step
            title = q.label(self.lang) if q is not None else self.form.title(self.lang)
            frame, box = card(title, (18, 12, 18, 16), 10)
            names = {c.name for c in self.form.walk(children)} | ({q.name} if q is not None else set())
            section = {"q": q, "title": title, "frame": frame, "names": names, "block": None}
            if q is not None and q.type == "repeat":
                block = RepeatBlock(self, q)
                self.top.repeats[q.name] = block
                section["block"] = block
                box.addWidget(block)
            else:
                columns, label_width = self._columns(children)
                grid = CellGrid(columns)
                self.top.grids.append(grid)
                self.build(children, grid, self.top, stacked=False, label_width=label_width)
                box.addWidget(grid)
            self.sections.append(section)
            self.content_box.addWidget(frame)
        self.content_box.addStretch(1)

    def _columns(self, questions: list[Question]) -> tuple[int, int]:
        """Two columns when every label is short (income items), one when labels are sentences
        (the guarantees); the label column as wide as the widest label."""
        fm = self.fontMetrics()
        inputs = [q for q in questions if q.type in INPUTS]
        widest = max((fm.horizontalAdvance(q.label(self.lang)) + 16 for q in inputs), default=80)
        narrow = [q for q in inputs if q.type != "select_multiple"]
        if widest <= 210 and len(narrow) >= 4:
            return 2, max(64, widest)
        return 1, min(max(64, widest), 330)

    def build(self, questions: list[Question], grid: CellGrid, scope: Scope, stacked: bool,
              label_width: int = 0) -> None:
        """Cells for `questions` into `grid`; calculations and signatures have none (calculated
        values show in the notes that name them; signing is the next step)."""
        if grid not in scope.grids:
            scope.grids.append(grid)
        for q in questions:
            if q.type in ("calculate", "signature"):
                continue
            if q.type == "group":
                sub = QWidget()
                sub.shown = True
                box = QVBoxLayout(sub)
                box.setContentsMargins(0, 6, 0, 0)
                box.setSpacing(6)
                box.addWidget(set_role(QLabel(q.label(self.lang)), "section"))
                inner = CellGrid(grid.columns)
                box.addWidget(inner)
                grid.add(sub, wide=True)
                scope.groups[q.name] = sub
                self.build(q.children, inner, scope, stacked, label_width)
            elif q.type == "repeat":
                block = RepeatBlock(self, q, scope)
                grid.add(block, wide=True)
                scope.repeats[q.name] = block
            elif q.type == "note":
                note = NoteCell(q, conditional=q.relevant is not None)
                grid.add(note, wide=True)
                scope.notes[q.name] = note
            elif q.type in INPUTS:
                choices = self._choices(q, scope) if q.choice_filter is not None or randomized(q) else None
                editor = make_editor(self.form, q, self.lang, self.today, choices)
                cell = QuestionCell(q, editor, self.lang, stacked=stacked, label_width=label_width,
                                    read_only=q.read_only is True)
                editor.edited.connect(partial(self._edited, scope, q))
                grid.add(cell, wide=q.type == "select_multiple")
                scope.cells[q.name] = cell

    def _choices(self, q: Question, scope: Scope, answers: dict | None = None):
        answers = answers if answers is not None else (self.answers() if hasattr(self, "top") else {})
        return [(c.name, c.label(self.lang))
                for c in available_choices(self.form, q, answers, self.today, scope.at())]

    def load(self, scope: Scope, answers: dict) -> None:
        for name, cell in scope.cells.items():
            cell.editor.set_value(answers.get(name))
        for name, block in scope.repeats.items():
            rows = answers.get(name)
            for row in rows if isinstance(rows, list) else []:
                block.new_entry(row if isinstance(row, dict) else {})

    def _scopes(self, scope: Scope | None = None):
        """The top level and every repeat entry, nested entries after their outer entry."""
        scope = scope or self.top
        yield scope
        for block in scope.repeats.values():
            for entry in block.entries:
                yield from self._scopes(entry.scope)

    def _register(self) -> None:
        """Paths (as the engine names them) to cells, in document order, after entries change."""
        self.cells: dict[str, QuestionCell] = {}
        self.order: dict[str, tuple] = {}
        for scope in self._scopes():
            for name, cell in scope.cells.items():
                self.cells[path_of(cell.q, scope.at())] = cell
        position = {q.name: i for i, q in enumerate(self.form.walk())}
        for path in self.cells:
            (name, index) = split_path(path)
            if index is None:
                self.order[path] = (position[name], 0, 0)
            else:
                steps = (index,) if isinstance(index, int) else index
                self.order[path] = sum(((position[n], i + 1) for n, i in zip(name, steps)), ()) + (position[name[-1]],)

    def answers(self) -> dict:
        return {**self.fixed, **self._scope_answers(self.top)}

    def _scope_answers(self, scope: Scope) -> dict:
        out = {}
        for name, cell in scope.cells.items():
            value = cell.editor.value()
            if not is_empty(value):
                out[name] = value
        for name, block in scope.repeats.items():
            out[name] = [self._scope_answers(e.scope) for e in block.entries]
        return out

    # -- repeats ---------------------------------------------------------------------------------

    def add_entry(self, block: RepeatBlock) -> Entry:
        defaults = {q.name: (q.default.split() if q.type == "select_multiple" else q.default)
                    for q in self.form.walk(block.q.children) if isinstance(q.default, str) and q.type in INPUTS}
        entry = block.new_entry(defaults)
        self._register()
        self._fill_nav()
        self._changed()
        QTimer.singleShot(0, lambda: self._show_entry(entry))
        return entry

    def _show_entry(self, entry: Entry) -> None:
        self.scroll.ensureWidgetVisible(entry, 0, 0)
        cells = [c for c in entry.scope.cells.values() if c.isEnabled()]
        if cells:
            self.scroll.ensureWidgetVisible(entry.title, 0, 40)
            cells[0].editor.focus_input()

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("删除"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete_entry(self, entry: Entry) -> bool:
        if not self.confirm(self.tr("删除“{0}”？这一条填写的内容都会删除。").format(entry.title_text())):
            return False
        block = entry.block
        gone = entry.scope.index
        prefix = path_of(block.q, entry.scope.at()[:-1]) + "["
        block.entries.remove(entry)
        block.box.removeWidget(entry)
        entry.hide()
        entry.deleteLater()
        for i, e in enumerate(block.entries):
            e.scope.index = i
            e.refresh_title()
        # What was touched below the deleted entry moves up with it.
        moved = set()
        for path in self.touched:
            n, rest = path[len(prefix):].partition("]")[::2] if path.startswith(prefix) else ("", "")
            if not n.isdigit():
                moved.add(path)
            elif int(n) - 1 != gone:
                moved.add(f"{prefix}{int(n) - (int(n) - 1 > gone)}]{rest}")
        self.touched = moved
        self._register()
        self._fill_nav()
        self._changed()
        return True

    # -- changes ---------------------------------------------------------------------------------

    def _edited(self, scope: Scope, q: Question) -> None:
        self.touched.add(path_of(q, scope.at()))
        if scope.block is not None and scope.index is not None:
            block = scope.block
            if q.name == block.name_question:
                block.entries[scope.index].refresh_title()
                self._fill_nav()
        self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Evaluate and show: relevance, notes, messages under the fields, the problem list."""
        answers = self.answers()
        state = evaluate(self.form, answers, self.today, self.lang)
        self.state = state
        rel = state.relevant
        for scope in self._scopes():
            for name, cell in scope.cells.items():
                cell.shown = rel.get(path_of(cell.q, scope.at()), True)
                if cell.q.choice_filter is not None or randomized(cell.q):
                    offered = self._choices(cell.q, scope, answers)
                    if offered != getattr(cell, "offered", None):   # rebuilt only when they change
                        cell.offered = offered
                        cell.editor.set_choices(offered)
            for name, note in scope.notes.items():
                note.shown = rel.get(path_of(note.q, scope.at()), True)
                if note.shown:
                    text = substitute(note.q.label(self.lang), partial(self._shown, state, scope))
                    if text != note.text():
                        note.setText(text)
            for name, group in scope.groups.items():
                group.shown = rel.get(path_of(self.form.by_name[name], scope.at()), True)
            for name, block in scope.repeats.items():
                block.shown = rel.get(path_of(block.q, scope.at()), True)
            for grid in scope.grids:
                grid.reflow()
        for section in self.sections:
            q = section["q"]
            section["frame"].setVisible(q is None or rel.get(q.name, True))

        messages: dict[str, str] = {}
        for issue in state.issues:
            messages.setdefault(issue.path, issue.message)
        for issue in state.missing:
            if self.show_all or issue.path in self.touched:
                q = self.form.by_name[issue.name]
                custom = q.required_messages.get(self.lang) or q.required_messages.get("中文")
                messages.setdefault(issue.path, custom or self.tr("必填"))
        for path, cell in self.cells.items():
            cell.set_error(messages.get(path, "") if cell.shown else "")
        self._show_problems(state)

    def _shown(self, state: FormState, scope: Scope, name: str) -> str:
        q = self.form.by_name.get(name)
        if q is None:
            return ""
        at, chain = scope.at(), (scope.block.q.repeats + (scope.block.q.name,)) if scope.block else ()
        if q.repeat and q.repeats == chain[:len(q.repeats)]:
            value = state.value(path_of(q, at[:len(q.repeats)]))
        elif q.repeat:
            value = [v for v in every_value(self.form, state.values, name) if not is_empty(v)]
        else:
            value = state.values.get(name)
        return shown_value(self.form, q, value, self.lang)

    def _where(self, path: str) -> str:
        (name, index) = split_path(path)
        if index is None:
            return ""
        titles, scope = [], self.top
        for n, i in zip(name, (index,) if isinstance(index, int) else index):
            block = scope.repeats.get(n)
            if block is None or i >= len(block.entries):
                break
            titles.append(block.entries[i].title_text())
            scope = block.entries[i].scope
        return "".join(t + " · " for t in titles)

    def _show_problems(self, state: FormState) -> None:
        problems = sorted(state.problems(), key=lambda i: self.order.get(i.path, LAST))
        self.problems.clear()
        for issue in problems:
            q = self.form.by_name.get(issue.name)
            label = q.label(self.lang) if q else issue.name
            text = issue.message if label in issue.message else f"{label}{colon()}{issue.message}"
            item = QListWidgetItem(self._where(issue.path) + text, self.problems)
            item.setData(PATH, issue.path)
            if issue.rule != "required":
                item.setForeground(QColor(WARN))
        if not problems:
            item = QListWidgetItem(self.tr("没有待处理的问题"), self.problems)
            item.setForeground(QColor(MUTED))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        if not self._problem_rows_sized:
            # Whole rows: a half-cut last line looks like a glitch, not like "scroll for more".
            self.problems.setFixedHeight(PROBLEM_ROWS * self.problems.sizeHintForRow(0) + 2 * self.problems.frameWidth())
            self._problem_rows_sized = True
        missing, wrong = len(state.missing), len(state.issues)
        self.problems_title.setText(self.tr("待处理 {0} 项（点一项可跳到该处）").format(len(problems)) if problems
                                    else self.tr("待处理"))
        if problems:
            self.status.setText(self.tr("还有 {0} 项未填，{1} 项有误").format(missing, wrong))
            self.status.setStyleSheet(f"color: {WARN if wrong else MUTED};")
        else:
            self.status.setText(self.tr("已全部填好，可以完成并签名"))
            self.status.setStyleSheet(f"color: {ACCENT}; font-weight: 600;")
        self._count_sections(problems)

    def _section_of(self, path: str) -> int | None:
        (name, _index) = split_path(path)
        top = name[0] if isinstance(name, tuple) else name
        for i, section in enumerate(self.sections):
            if top in section["names"]:
                return i
        return None

    def _count_sections(self, problems) -> None:
        counts: dict = {}
        for issue in problems:
            counts[self._section_of(issue.path)] = counts.get(self._section_of(issue.path), 0) + 1
            (name, index) = split_path(issue.path)
            if index is not None:
                first = index if isinstance(index, int) else index[0]
                counts[(name[0], first)] = counts.get((name[0], first), 0) + 1
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = item.data(TARGET)
            if item.data(COUNT) != counts.get(key, 0):
                item.setData(COUNT, counts.get(key, 0))

    # -- navigation ------------------------------------------------------------------------------

    def _fill_nav(self) -> None:
        self._syncing = True
        current = self.nav.currentRow()
        self.nav.clear()
        self.nav_targets: list[QWidget] = []
        for i, section in enumerate(self.sections):
            item = QListWidgetItem(section["title"], self.nav)
            item.setToolTip(section["title"])
            item.setData(TARGET, i)
            self.nav_targets.append(section["frame"])
            block = section["block"]
            for entry in block.entries if block else ():
                sub = QListWidgetItem("    " + entry.title_text(), self.nav)
                sub.setData(TARGET, (block.q.name, entry.scope.index))
                sub.setForeground(QColor(MUTED))
                self.nav_targets.append(entry)
        self.nav.setCurrentRow(min(max(current, 0), self.nav.count() - 1))
        self._syncing = False
        if self.state is not None:
            self._count_sections(self.state.problems())

    def _nav_chosen(self, row: int) -> None:
        if self._syncing or not 0 <= row < len(self.nav_targets):
            return
        target = self.nav_targets[row]
        y = target.mapTo(self.content, QPoint(0, 0)).y()
        self._syncing = True
        self.scroll.verticalScrollBar().setValue(max(0, y - 6))
        self._syncing = False

    def _scrolled(self, value: int) -> None:
        if self._syncing:
            return
        row = 0
        for i, target in enumerate(self.nav_targets):
            if target.isVisible() and target.mapTo(self.content, QPoint(0, 0)).y() <= value + 40:
                row = i
        self._syncing = True
        self.nav.setCurrentRow(row)
        self._syncing = False

    def jump_to(self, path: str | None) -> None:
        """Scroll to a question and put the cursor in it."""
        if not path:
            return
        cell = self.cells.get(path)
        if cell is None or not cell.isVisible():
            (name, _index) = split_path(path)
            block = self.top.repeats.get(name if isinstance(name, str) else name[0])
            if block is not None:
                self.scroll.ensureWidgetVisible(block, 0, 0)
            return
        self.scroll.ensureWidgetVisible(cell, 40, 60)
        cell.editor.focus_input()

    def _focus_first(self) -> None:
        for path in sorted(self.cells, key=lambda p: self.order.get(p, LAST)):
            cell = self.cells[path]
            if cell.isEnabled() and cell.shown:
                cell.editor.focus_input()
                return

    # -- saving ----------------------------------------------------------------------------------

    def save_draft(self) -> bool:
        """Keep the answers as this form's draft (inside the encrypted store)."""
        self.timer.stop()
        if not self.session.is_open:
            return False
        supersedes = self.instance_id if self.mode in ("edit", "amend") else None
        reason = self.reason.text().strip() if self.mode == "amend" else None
        try:
            self.draft_id = self.session.call(forms.save_draft, self.form.form_id, self.form.version,
                                              self.household_id, self.answers(), draft_id=self.draft_id,
                                              supersedes=supersedes, amend_reason=reason or None)
        except Exception as e:  # noqa: BLE001 - typing goes on; the line says the draft is not safe yet
            self.draft_label.setText(self.tr("草稿未能保存：{0}").format(error_message(e)))
            self.draft_label.setStyleSheet(f"color: {WARN};")
            return False
        self.dirty = False
        self.drafts_written = True
        self.draft_label.setStyleSheet("")
        self.draft_label.setText(self.tr("草稿已保存 {0}").format(datetime.now().strftime("%H:%M:%S")))
        return True

    def done(self, result: int) -> None:
        # Closing keeps what was typed: drafts are safe and encrypted, so there is nothing to ask.
        if self.dirty and self.session.is_open:
            self.save_draft()
        self.timer.stop()
        if self.drafts_written and self.session.is_open:
            self.session.notify("forms")
            self.drafts_written = False
        super().done(result)

    def _locked(self) -> None:
        """The store closed under the form (auto-lock): the last autosave is what is kept."""
        self.timer.stop()
        self.dirty = False
        if self.sign_dialog is not None and self.sign_dialog.isVisible():
            self.sign_dialog.reject()
        if self.isVisible():
            self.reject()

    def finish(self) -> None:
        """完成并签名: save the form (new, changed, or amendment), then sign it."""
        self.timer.stop()
        self.show_all = True
        self.error.show_message("")
        self.reason_error.show_message("")
        self.refresh()
        answers = self.answers()
        reason = self.reason.text().strip()
        if self.mode == "amend" and not reason:
            self.reason_error.show_message(self.tr("请填写更正原因"))
            self.reason.setFocus()
            return
        try:
            if self.mode == "new":
                record = self.session.call(forms.fill, self.form.form_id, self.household_id, answers,
                                           version=self.form.version, draft_id=self.draft_id, today=self.today)
            elif self.mode == "edit":
                record = self.session.call(forms.update_answers, self.instance_id, answers, self.today)
            else:
                record = self.session.call(forms.amend, self.instance_id, answers, reason, self.today)
        except forms.FormInvalid as e:
            self._invalid(e.issues)
            return
        except (ValidationError, StateError) as e:
            self.error.show_message(error_message(e))
            return
        except Exception as e:  # noqa: BLE001 - a person sees every failure
            show_error(self, e)
            return
        if self.draft_id and self.mode != "new":
            self.session.call(forms.discard_draft, self.draft_id)
        self.draft_id = None
        self.dirty = False
        self.drafts_written = False
        self.instance = record
        self.session.notify("forms")
        # From here on the filler changes that complete form: if signing is put off, a later
        # 完成并签名 updates it rather than making another.
        self.mode, self.instance_id, self.original = "edit", record["id"], record
        self.banner.hide()
        self.reason_box.hide()
        self.subtitle.setText(self._subtitle())
        self.draft_label.setText(self.tr("表单已保存，等待签名"))
        if self.open_sign_dialog():
            self.signed = True
            self.accept()

    def open_sign_dialog(self) -> bool:
        self.sign_dialog = SignDialog(self.session, self.instance_id, self, lang=self.lang)
        try:
            return self.sign_dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.sign_dialog = None

    def _invalid(self, issues) -> None:
        """The service refused: every message shows, and the cursor goes to the first problem."""
        self.refresh()
        problems = self.state.problems() if self.state is not None else []
        if problems:
            self.error.show_message(self.tr("还有 {0} 处需要填写或修改，见下方列表。").format(len(problems)))
            first = min(problems, key=lambda i: self.order.get(i.path, LAST))
            self.jump_to(first.path)
        else:
            self.error.show_message("；".join(f"{i.path}: {i.message}" for i in issues[:5]))
