"""The household file's 线索与台账 tab: the household's risk clues, screening records, medical
costs, months of work, micro-credit loans and pairing cadres over time (app/core/duties.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core import duties
from app.services import duty_report

from ..widgets.style import WARN


def _tr(text: str) -> str:
    return QCoreApplication.translate("DutiesTab", text)


def sections(d: dict) -> list[tuple[str, list[tuple[list[str], bool]]]]:
    """(section title, rows of (cells, warn)) for the tree; plain data, so it is testable."""
    yuan = lambda fen: f"{fen / 100:,.2f} 元"  # noqa: E731
    return [
        (_tr("风险线索"), [([c["found_on"], duties.CLUE_SOURCES[c["source"]][0]
                             + (f"·{duties.DEPARTMENTS[c['department']][0]}" if c["department"] else ""),
                             c["description"], duties.CLUE_STATUS[c["status"]]
                             + (f"（{duties.CLUE_OUTCOMES[c['outcome']][0]}）" if c["outcome"] else "")],
                            c["status"] == "overdue") for c in d["clues"]]),
        (_tr("全覆盖排查"), [([s["screened_on"], s["title"], f"{s['screener']}：{s['findings']}",
                               _tr("发现风险") if s["at_risk"] else _tr("无风险")], bool(s["at_risk"]))
                              for s in d["screenings"]]),
        (_tr("自付医疗费用"), [([str(m["year"]), yuan(m["out_of_pocket_fen"]), m["note"] or "", ""], False)
                               for m in d["medical"]]),
        (_tr("务工月数"), [([str(w["year"]), w["name"], w["place"] or "", _tr("{0} 个月").format(w["months_outside"])],
                            False) for w in d["work"]]),
        (_tr("小额信贷"), [([l["start_date"], yuan(l["amount_fen"]), f"{l['purpose']}，到期 {l['end_date']}",
                             duties.LOAN_STATUS[l["status"]]], l["status"] in ("overdue", "due_soon"))
                            for l in d["loans"]]),
        (_tr("帮扶责任人"), [([p["start_date"], p["cadre"], p["reason"] or "",
                               _tr("至 {0}").format(p["end_date"]) if p["end_date"] else _tr("现任")], False)
                              for p in d["pairings"]]),
    ]


class DutiesTab(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.data: dict = {}
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("日期/年度"), self.tr("项目"), self.tr("内容"), self.tr("状态")])
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)

    def load(self, household_id: str) -> None:
        read = getattr(self.session, "read", self.session.call)
        self.data = read(duty_report.household_duties, household_id, self.session.today())
        self.tree.clear()
        for title, rows in sections(self.data):
            top = QTreeWidgetItem([f"{title}（{len(rows)}）"])
            self.tree.addTopLevelItem(top)
            for cells, warn in rows:
                item = QTreeWidgetItem(cells)
                if warn:
                    item.setForeground(3, QBrush(QColor(WARN)))
                top.addChild(item)
            top.setExpanded(bool(rows))
