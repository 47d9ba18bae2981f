"""The home page's 年度计划与排查 card: this year's plan (003 #22) with its items, each with the
person responsible and deadline, overdue ones marked; and the latest full-coverage screening
campaign (003 #23) with how many households are screened. Its buttons create and edit the plan and
its items, mark an item done and open a campaign (app/ui/householdfile/duty_dialogs.py).

The campaign's progress goes over every household (a tenth of a second at 6,000): in the window
(`later`) it is counted on the read thread and shown when it arrives, 正在统计… until the first
count; a later count replaces the one shown when it arrives."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QGridLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem

from app.core.errors import ZhucunError
from app.core.words import PLAN_ITEM_STATE, say
from app.services import plan, screening

from ..householdfile import duty_dialogs
from ..mainwindow.ops import QueryOp
from ..widgets.bilingual import window_language
from ..widgets.errors import show_error
from ..widgets.month_view import TREE_STYLE, Card, tree_height
from ..widgets.style import WARN, set_role


def _read(session, fn, *args):
    read = getattr(session, "read", session.call)
    return read(fn, *args)


def _year_plan(store, year: int, today) -> dict | None:
    plans = plan.plans(store, year, today)
    return plans[0] if plans else None


class PlanCard(Card):
    def __init__(self, session, parent=None, *, later: bool = False):
        super().__init__(self.tr("年度计划与排查"), parent)
        self.session = session
        self.later = later
        self.plan: dict | None = None
        self.campaign: dict | None = None
        self.counting = None        # the campaign's progress on its way from the read thread
        self._token = 0
        self.buttons = {
            "plan": QPushButton(self.tr("新建计划…")),
            "item": QPushButton(self.tr("添加事项…")),
            "edit": QPushButton(self.tr("编辑…")),
            "done": QPushButton(self.tr("完成")),
            "campaign": QPushButton(self.tr("新建排查…")),
        }
        self.buttons["edit"].setToolTip(self.tr("编辑选中的计划事项，未选中时编辑计划本身"))
        self.buttons["done"].setToolTip(self.tr("选中的计划事项已完成"))
        self.buttons["campaign"].setToolTip(self.tr("开展一次全覆盖排查（每半年一次）：名称、起止日期、范围"))
        actions = {"plan": self.edit_plan, "item": self.add_item, "edit": self.edit_selected,
                   "done": self.complete_selected, "campaign": self.add_campaign}
        # Under the list, three to a row, so the card folds into a narrow column (widgets/reflow.py).
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for index, (key, button) in enumerate(self.buttons.items()):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, key=key: actions[key]())
            grid.addWidget(button, index // 3, index % 3)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("事项"), self.tr("责任人"), self.tr("时限"), self.tr("状态")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet(TREE_STYLE)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # In a narrow column (1024×600 at 150 %) the item's words shorten with "…" (whole in the
        # tooltip) rather than the list scrolling sideways.
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemSelectionChanged.connect(self._selection)
        self.empty = set_role(QLabel(), "muted")
        self.screening = set_role(QLabel(), "muted")
        self.screening.setWordWrap(True)
        self.body.addWidget(self.tree)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.screening)
        self.body.addLayout(grid)

    def load(self) -> None:
        today = self.session.today()
        self.plan = _read(self.session, _year_plan, today.year, today)
        self._load_campaign()
        lang = window_language()
        self.tree.clear()
        items = self.plan["items"] if self.plan else []
        if self.plan:
            self.info.setText(self.tr("{0}：完成 {1}/{2}，逾期 {3}").format(
                self.plan["title"], self.plan["done"], len(items), self.plan["overdue"]))
        else:
            self.info.setText("")
        for i in items:
            row = QTreeWidgetItem([i["description"], i["responsible"] or "", i["deadline"] or "",
                                   say(PLAN_ITEM_STATE, i["status"], lang)])
            row.setData(0, Qt.ItemDataRole.UserRole, i["id"])
            row.setToolTip(0, i["description"])
            if i["status"] == "overdue":
                row.setForeground(3, QBrush(QColor(WARN)))
            self.tree.addTopLevelItem(row)
        self.tree.setVisible(bool(items))
        self.empty.setText(self.tr("{0}年还没有年度计划").format(today.year) if not self.plan
                           else self.tr("计划还没有事项"))
        self.empty.setVisible(not items)
        self.tree.setFixedHeight(tree_height(self.tree, len(items), 2, 5))
        self.buttons["plan"].setText(self.tr("新建计划…") if not self.plan else self.tr("编辑计划…"))
        self._selection()

    def _load_campaign(self) -> None:
        if not self.later:
            self.show_campaign(_read(self.session, screening.latest_campaign))
            return
        self._token += 1
        token = self._token
        if not self.screening.text():           # the first count: until then no number at all
            self.screening.setText(self.tr("正在统计…"))
        self.counting = QueryOp(self.session, screening.latest_campaign, self) \
            .success(lambda c: self._counted(token, c)) \
            .failure(lambda exc: self._counted(token, exc)).run()

    def _counted(self, token: int, result) -> None:
        if token != self._token:                # a later count is on its way
            return
        self.counting = None
        if isinstance(result, BaseException):
            self.campaign = None
            self.screening.setText(self.tr("无法统计排查进度"))
        else:
            self.show_campaign(result)

    def show_campaign(self, c: dict | None) -> None:
        self.campaign = c
        self.screening.setText(self.tr("全覆盖排查「{0}」{1}–{2}：已排查 {3}/{4} 户，发现风险 {5} 户").format(
            c["title"], c["start_date"], c["end_date"], len(c["screened"]), c["households"], c["at_risk"])
            if c else self.tr("还没有全覆盖排查（每半年一次）"))

    def selected_item(self) -> dict | None:
        items = self.tree.selectedItems()
        iid = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        return next((i for i in (self.plan or {}).get("items", []) if i["id"] == iid), None)

    def _selection(self) -> None:
        item = self.selected_item()
        self.buttons["item"].setEnabled(self.plan is not None)
        self.buttons["edit"].setEnabled(self.plan is not None)
        self.buttons["done"].setEnabled(item is not None and item["status"] != "done")

    def _run(self, dialog: QDialog) -> bool:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.load()
        return True

    def plan_dialog(self) -> QDialog:
        return duty_dialogs.PlanDialog(self.session, self.plan, self)

    def edit_plan(self) -> bool:
        return self._run(self.plan_dialog())

    def item_dialog(self, item: dict | None = None) -> QDialog | None:
        return duty_dialogs.PlanItemDialog(self.session, self.plan["id"], item, self) if self.plan else None

    def add_item(self) -> bool:
        dialog = self.item_dialog()
        return dialog is not None and self._run(dialog)

    def edit_selected(self) -> bool:
        item = self.selected_item()
        if item is None:
            return self.edit_plan()
        dialog = self.item_dialog(item)
        return dialog is not None and self._run(dialog)

    def complete_selected(self) -> bool:
        item = self.selected_item()
        if item is None:
            return False
        try:
            self.session.call(plan.complete_item, item["id"], None, None, self.session.today())
        except ZhucunError as e:
            show_error(self, e)
            return False
        self.load()
        return True

    def campaign_dialog(self) -> QDialog:
        return duty_dialogs.CampaignDialog(self.session, self)

    def add_campaign(self) -> bool:
        return self._run(self.campaign_dialog())
