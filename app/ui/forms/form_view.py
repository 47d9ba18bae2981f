"""Reading a saved form (查看表单): `FormViewDialog` shows it as it was signed: the answers, the
signatures, who signed on whose behalf, and the hash the investigator's key signed. A change
after signing is an amendment (更正…), opened from there in the form filler."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.core.forms.engine import evaluate
from app.services import forms

from ..widgets.errors import show_error
from ..widgets.style import ACCENT, INK, MUTED, TINT_ACCENT, badge_style, set_role
from ..widgets.text import colon
from .form_filler import FormFiller
from .form_widgets import CAUTION, form_language, local_time, shown_value, substitute, without_numbering
from .sign_dialog import signer_label
from .signature_pad import SignaturePad


def _esc(text) -> str:
    return html.escape(str(text if text is not None else ""))


class FormViewDialog(QDialog):
    """`FormViewDialog(session, instance_id, parent)`: a saved form, read-only, with its
    signatures; 更正… opens the amendment of a signed form that is still the latest version."""

    def __init__(self, session, instance_id: str, parent: QWidget | None = None, lang: str | None = None):
        super().__init__(parent)
        self.session = session
        self.lang = lang or form_language()
        self.inst = session.call(forms.instance_view, instance_id)
        self.form = session.call(forms.get_form, self.inst["form_id"], self.inst["form_version"])
        inst = self.inst
        self.setWindowTitle(self.form.title(self.lang))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(set_role(QLabel(self.form.title(self.lang)), "title"))
        state, tone = self._state()
        self.state_badge = QLabel(state)
        self.state_badge.setStyleSheet(badge_style(tone))
        head.addWidget(self.state_badge)
        head.addStretch(1)
        who = inst["answers"].get("head_name") or ""
        facts = [self.tr("{0}户").format(who)] if who else []
        facts += [self.tr("填表 {0}").format(inst["filled_on"]), self.tr("调查人 {0}").format(inst["investigator"])]
        if inst.get("signed_at"):
            facts.append(self.tr("签名于 {0}").format(local_time(inst["signed_at"])))
        subtitle = set_role(QLabel("  ·  ".join(facts)), "muted")

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        notices = []
        if inst.get("supersedes"):
            notices.append(self.tr("这是更正后的版本，更正原因：{0}").format(inst.get("amend_reason") or ""))
        if inst.get("superseded_by"):
            notices.append(self.tr("此表单已被更正，以更正后的版本为准。"))
        self.notice.setText("\n".join(notices))
        self.notice.setStyleSheet(f"color: {CAUTION}; font-weight: 600;")
        self.notice.setVisible(bool(notices))

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.answers_html())

        sigs = QHBoxLayout()
        sigs.setSpacing(24)
        self.pads: dict[str, SignaturePad] = {}
        order = [q.role for q in self.form.signatures()]
        signed = sorted(inst["signatures"], key=lambda s: order.index(s["role"]) if s["role"] in order else 99)
        for s in signed:
            box = QVBoxLayout()
            box.setSpacing(4)
            caption = f"{signer_label(self.form, s['role'], self.lang)}{colon()}{s['signer_name']}"
            if s.get("proxy"):
                caption += self.tr("（代签）")
            box.addWidget(set_role(QLabel(caption), "section"))
            pad = SignaturePad()
            pad.set_strokes(s["strokes"])
            pad.set_read_only(True)
            pad.setFixedHeight(120)
            pad.setMaximumWidth(360)
            self.pads[s["role"]] = pad
            box.addWidget(pad)
            if s.get("proxy"):
                proxy = QLabel(self.tr("由 {0} 代签，原因：{1}").format(s["signer_name"], s.get("proxy_reason") or ""))
                proxy.setStyleSheet(f"color: {CAUTION};")
                proxy.setWordWrap(True)
                box.addWidget(proxy)
            box.addStretch(1)
            sigs.addLayout(box)
        sigs.addStretch(1)
        self.sigs_host = QWidget()
        self.sigs_host.setLayout(sigs)
        self.sigs_host.setVisible(bool(inst["signatures"]))

        self.hash_label = set_role(QLabel(), "muted")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if inst.get("content_hash"):
            self.hash_label.setText(self.tr("内容摘要（SHA-256）：{0}").format(inst["content_hash"]))
            self.hash_label.setToolTip(self.tr("调查人的密钥签署了这份内容；内容或签名笔迹有任何改动，校验即不通过。"))
        self.hash_label.setVisible(bool(inst.get("content_hash")))

        self.amend_button = QPushButton(self.tr("更正…"))
        self.amend_button.setAutoDefault(False)
        self.amend_button.setToolTip(self.tr("提交更正：原表单保留，更正后的表单取代它并重新签名"))
        self.amend_button.setVisible(inst["state"] == "signed")
        self.amend_button.setEnabled(inst["state"] == "signed" and not inst.get("superseded_by"))
        self.amend_button.clicked.connect(self.amend)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.amend_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(subtitle)
        layout.addWidget(self.notice)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.sigs_host)
        layout.addWidget(self.hash_label)
        layout.addLayout(buttons)
        self.resize(1000, 720)

    def _state(self) -> tuple[str, str]:
        if self.inst.get("superseded_by"):
            return self.tr("已被更正"), "grey"
        if self.inst["state"] == "signed":
            return self.tr("已签名"), "green"
        return self.tr("待签名"), "amber"

    def answers_html(self) -> str:
        """The answers by section, as label and value, the way the paper form reads."""
        answers = self.inst["answers"]
        state = evaluate(self.form, answers, self.session.today(), self.lang)
        values, rel = state.values, state.relevant
        out = [f"<div style='color:{INK}'>"]

        def pairs_of(questions, row: dict, index: int | None, repeat: str | None) -> list[tuple[str, str, bool]]:
            found = []
            for q in questions:
                path = q.name if index is None else f"{repeat}[{index + 1}].{q.name}"
                if not rel.get(path, True) or q.type in ("calculate", "signature"):
                    continue
                if q.type == "group":
                    found += pairs_of(q.children, row, index, repeat)
                elif q.type == "note":
                    lookup = lambda n, r=row: self._value(n, values, r)  # noqa: E731
                    found.append(("", substitute(q.label(self.lang), lookup), True))
                elif q.type != "repeat":
                    found.append((q.label(self.lang), shown_value(self.form, q, row.get(q.name), self.lang), False))
                else:  # a repeat inside an entry: one line for each of its entries
                    for k, inner in enumerate(row.get(q.name) or []):
                        parts = [f"{c.label(self.lang)} {shown_value(self.form, c, inner.get(c.name), self.lang)}"
                                 for c in self.form.walk(q.children) if c.name in inner and c.type != "repeat"]
                        found.append(("", f"{without_numbering(q.label(self.lang))} {k + 1}{colon()}"
                                          + "，".join(parts), True))
            return found

        for q in self.form.questions:
            if not rel.get(q.name, True) or not any(c.type not in ("signature", "note") for c in self.form.walk([q])):
                continue
            title = q.label(self.lang) if q.is_container else ""
            if title:
                out.append(f"<h3 style='color:{ACCENT}; margin: 14px 0 6px 0'>{_esc(title)}</h3>")
            if q.type == "repeat":
                noun = without_numbering(q.label(self.lang))
                for i, row in enumerate(values.get(q.name) or []):
                    name = next((row.get(c.name) for c in q.children if c.type == "text" and row.get(c.name)), "")
                    heading = f"{noun} {i + 1}" + (f"{colon()}{name}" if name else "")
                    out.append(f"<p style='font-weight:600; margin: 8px 0 2px 0'>{_esc(heading)}</p>")
                    out.append(self._table(pairs_of(q.children, row, i, q.name), 2))
            else:
                children = q.children if q.is_container else [q]
                out.append(self._table(pairs_of(children, values, None, None), 2))
        out.append("</div>")
        return "".join(out)

    def _value(self, name: str, values: dict, row: dict) -> str:
        q = self.form.by_name.get(name)
        if q is None:
            return ""
        value = row.get(name) if q.repeat else values.get(name)
        return shown_value(self.form, q, value, self.lang)

    def _table(self, pairs, per_row: int) -> str:
        cells, html_rows = [], []
        for label, value, wide in pairs:
            if wide:
                if cells:
                    html_rows.append(cells)
                    cells = []
                html_rows.append([(label, value, True)])
                continue
            cells.append((label, value, False))
            if len(cells) == per_row:
                html_rows.append(cells)
                cells = []
        if cells:
            html_rows.append(cells)
        out = ["<table width='100%' cellspacing='0' cellpadding='4'>"]
        for row in html_rows:
            out.append("<tr>")
            if row[0][2]:
                out.append(f"<td colspan='{2 * per_row}' style='background:{TINT_ACCENT}'>{_esc(row[0][1])}</td>")
            else:
                for label, value, _wide in row:
                    out.append(f"<td width='{40 // per_row}%' style='color:{MUTED}'>{_esc(label)}</td>"
                               f"<td width='{60 // per_row}%'>{_esc(value)}</td>")
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)

    def amend(self) -> bool:
        try:
            filler = FormFiller(self.session, parent=self, instance_id=self.inst["id"], amend=True, lang=self.lang)
        except Exception as e:  # noqa: BLE001
            show_error(self, e)
            return False
        filler.exec()
        self.accept()
        return True
