"""The household file's 线索与台账 tab: the household's risk clues, screening records, medical
costs, months of work, micro-credit loans and pairing cadres over time (app/core/duties.py), with
the buttons that record each of them (duty_dialogs.py). Codes are named in the window's language
(app/core/words.py); only what was typed (descriptions, names, places) stays as written."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QGridLayout, QHeaderView, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from app.core import duties
from app.core.words import CLUE_STATE, LOAN_STATE, say
from app.services import duty_report

from ..widgets.bilingual import window_language
from ..widgets.style import WARN
from . import duty_dialogs


def _tr(text: str) -> str:
    return QCoreApplication.translate("DutiesTab", text)


def _yuan(fen: int) -> str:
    return _tr("{0} 元").format(f"{fen / 100:,.2f}")


def clue_source(c: dict, language: str) -> str:
    text = say(duties.CLUE_SOURCES, c["source"], language)
    return text + (f"·{say(duties.DEPARTMENTS, c['department'], language)}" if c.get("department") else "")


def sections(d: dict, language: str | None = None) -> list[tuple[str, list[tuple[list[str], bool, tuple]]]]:
    """(section title, rows of (cells, warn, (table, id))) for the tree; plain data, so it is
    testable. `language`: "zh" or "en" (default: the window's)."""
    lang = language or window_language()
    return [
        (_tr("风险线索"), [([c["found_on"], clue_source(c, lang), c["description"],
                             _tr("{0}（{1}）").format(say(CLUE_STATE, c["status"], lang),
                                                     say(duties.CLUE_OUTCOMES, c["outcome"], lang))
                             if c["outcome"] else say(CLUE_STATE, c["status"], lang)],
                            c["status"] == "overdue", ("clues", c["id"])) for c in d["clues"]]),
        (_tr("全覆盖排查"), [([s["screened_on"], s["title"], _tr("{0}：{1}").format(s["screener"], s["findings"]),
                               _tr("发现风险") if s["at_risk"] else _tr("无风险")], bool(s["at_risk"]),
                              ("screenings", s["id"])) for s in d["screenings"]]),
        (_tr("自付医疗费用"), [([str(m["year"]), _yuan(m["out_of_pocket_fen"]), m["note"] or "", ""], False,
                                ("medical_costs", m["id"])) for m in d["medical"]]),
        (_tr("务工月数"), [([str(w["year"]), w["name"], w["place"] or "", _tr("{0} 个月").format(w["months_outside"])],
                            False, ("work_years", w["id"])) for w in d["work"]]),
        (_tr("小额信贷"), [([loan["start_date"], _yuan(loan["amount_fen"]),
                             _tr("{0}，到期 {1}").format(loan["purpose"], loan["end_date"]),
                             say(LOAN_STATE, loan["status"], lang)], loan["status"] in ("overdue", "due_soon"),
                            ("loans", loan["id"])) for loan in d["loans"]]),
        (_tr("帮扶责任人"), [([p["start_date"], p["cadre"], p["reason"] or "",
                               _tr("至 {0}").format(p["end_date"]) if p["end_date"] else _tr("现任")], False,
                              ("pairings", p["id"])) for p in d["pairings"]]),
    ]


class DutiesTab(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.household_id: str | None = None
        self.data: dict = {}
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("日期/年度"), self.tr("项目"), self.tr("内容"), self.tr("状态")])
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._selection)
        # What a cadre records here, each in its dialog.
        self.buttons = {
            "screening": QPushButton(self.tr("记录排查…")),
            "loan": QPushButton(self.tr("登记贷款…")),
            "loan_change": QPushButton(self.tr("还清/展期…")),
            "medical": QPushButton(self.tr("医疗费用…")),
            "work": QPushButton(self.tr("务工月数…")),
            "pairing": QPushButton(self.tr("帮扶责任人…")),
        }
        tips = {"screening": self.tr("记录本户在全覆盖排查中的情况（谁、何时、发现什么）；发现风险即转为风险线索"),
                "loan": self.tr("登记小额信贷：金额、放贷日期、期限、用途"),
                "loan_change": self.tr("选中的贷款已还清、续贷/展期或银行通报逾期"),
                "medical": self.tr("登记一年的自付医疗费用（三重保障报销后）"),
                "work": self.tr("登记成员一年在县外务工的月数"),
                "pairing": self.tr("结对或更换帮扶责任人；更换须写明原因")}
        # Three to a row, so a narrow screen (1024×600 at 150 %) needs no horizontal scrolling.
        row = QGridLayout()
        row.setHorizontalSpacing(6)
        for index, (key, button) in enumerate(self.buttons.items()):
            button.setToolTip(tips[key])
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, key=key: self.open_dialog(key))
            row.addWidget(button, index // 3, index % 3)
        row.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self._selection()

    def load(self, household_id: str) -> None:
        self.household_id = household_id
        read = getattr(self.session, "read", self.session.call)
        self.data = read(duty_report.household_duties, household_id, self.session.today())
        self.tree.clear()
        for title, rows in sections(self.data):
            top = QTreeWidgetItem([self.tr("{0}（{1}）").format(title, len(rows))])
            self.tree.addTopLevelItem(top)
            for cells, warn, ref in rows:
                item = QTreeWidgetItem(cells)
                item.setData(0, Qt.ItemDataRole.UserRole, ref)
                if warn:
                    item.setForeground(3, QBrush(QColor(WARN)))
                top.addChild(item)
            top.setExpanded(bool(rows))
        self._selection()

    def selected_loan(self) -> dict | None:
        items = self.tree.selectedItems()
        ref = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        if not ref or ref[0] != "loans":
            return None
        return next((loan for loan in self.data.get("loans", []) if loan["id"] == ref[1]), None)

    def _selection(self) -> None:
        loan = self.selected_loan()
        self.buttons["loan_change"].setEnabled(loan is not None and not loan.get("repaid_on"))

    def dialog(self, key: str) -> QDialog | None:
        """The dialog behind button `key` for this household (None when it needs a selected loan)."""
        hid = self.household_id
        if key == "loan_change":
            loan = self.selected_loan()
            return duty_dialogs.LoanRepaidDialog(self.session, loan, self) if loan else None
        make = {"screening": duty_dialogs.ScreeningDialog, "loan": duty_dialogs.LoanDialog,
                "medical": duty_dialogs.MedicalDialog, "work": duty_dialogs.WorkDialog,
                "pairing": duty_dialogs.PairingDialog}[key]
        return make(self.session, hid, self)

    def open_dialog(self, key: str) -> bool:
        if self.household_id is None:
            return False
        dialog = self.dialog(key)
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.load(self.household_id)
        return True
