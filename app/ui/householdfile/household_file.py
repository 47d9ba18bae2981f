"""One household's file (一户一档): who they are, the members, income, the monitoring case, the
visits and the forms, loaded with one household_profile call. The building blocks are in
models.py, the data shaping in shaping.py, the 表单 tab in forms_tab.py."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu,
                               QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget)

from app.core.enums import (CaseState, Health, HouseholdCategory, HouseholdFlag, HousingGrade, LabourCapacity,
                            Measure, MonitoringCategory, Relation, Residence, RiskType, SchoolStatus, Sex,
                            VisitMode)
from app.core.errors import NotFound
from app.core.household import age_on
from app.core.idnumber import mask_id_number
from app.core.income import format_yuan
from app.core.monitoring import missing_measures
from app.services import profile, visits

from ..households.case_dialogs import CaseStepDialog, event_label, next_steps, open_case_of, primary_step, step_label
from ..households.income_dialog import IncomeDialog
from ..households.visit_dialog import VisitDialog
from ..widgets.enum_labels import name_of, names_of
from ..widgets.errors import show_error
from ..widgets.problem_text import duties, overdue_mark
from ..widgets.style import ACCENT, MUTED, OK_GREEN, WARN, card, set_role
from ..widgets.text import colon, comma, semicolon
from .duties_tab import DutiesTab
from .forms_tab import FormsTab
from .models import (RECORD, ColumnsModel, RightAligned, TimelineModel, badge, clear_layout, table_view,
                     timeline_view, wrap_label)
from .shaping import PROFILE_VISITS, enum_text, enums_text, html_text


class HouseholdFilePage(FormsTab, QWidget):
    """The household file. `load(household_id)` shows a household; `refresh()` reloads it;
    `mark_stale()` reloads when next shown; `back` asks the window to go back."""
    back = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.household_id: str | None = None
        self.profile: dict | None = None
        self.case: dict | None = None
        self.all_visits = False
        self._stale = False
        self._changes = 0          # session.changed seen
        self._loaded_changes = 0   # … when the page last loaded
        session.changed.connect(self._count_change)

        self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self._build_overview()
        self._build_members()
        self._build_incomes()
        self._build_case()
        self._build_visits()
        self._build_forms()
        self.duties_tab = DutiesTab(self.session)
        self.tabs.addTab(self.duties_tab, self.tr("线索与台账"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)

    # --- header -------------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = QFrame()
        set_role(self.header, "card")
        grid = QGridLayout(self.header)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.back_button = QPushButton(self.tr("← 返回"))
        self.back_button.setToolTip(self.tr("返回上一页 (Alt+←)"))
        self.back_button.clicked.connect(self.back)
        self.name_label = set_role(QLabel(), "title")
        self.name_label.setStyleSheet("font-size: 24px;")
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        self.info_label = set_role(QLabel(), "muted")
        self.info_label.setWordWrap(True)    # the village, group, number and phone wrap at 150 % scaling
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.visit_button = set_role(QPushButton(self.tr("记录走访")), "primary")
        self.visit_button.clicked.connect(self.record_visit)
        self.member_button = QPushButton(self.tr("添加成员"))
        self.member_button.clicked.connect(lambda: self.edit_member(None))
        self.step_button = QPushButton()
        self.step_button.clicked.connect(lambda: self.record_step(self.step_button.property("step")))
        self.print_button = QPushButton(self.tr("打印帮扶手册…"))
        self.print_button.setToolTip(self.tr("把这一户的帮扶手册打印成 PDF"))
        self.print_button.clicked.connect(self.print_handbook)

        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.name_label)
        title_row.addLayout(self.badges)
        title_row.addStretch(1)
        # The actions have a row of their own: with the name and its badges they would need
        # more than a 1024-px screen (and more again in English).
        actions = QHBoxLayout()
        actions.setSpacing(10)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.step_button)
        actions.addWidget(self.member_button)
        actions.addWidget(self.visit_button)
        grid.addWidget(self.back_button, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(title_row, 0, 1)
        grid.addWidget(self.info_label, 1, 1)
        grid.addLayout(actions, 2, 0, 1, 2)   # under the back button too: the row's width is the buttons' alone
        grid.setColumnStretch(1, 1)

    def _fill_header(self) -> None:
        h = self.profile["household"]
        self.name_label.setText(h["head_name"])
        clear_layout(self.badges)
        tone = {"monitored": "amber", "lifted": "green"}.get(h["category"], "grey")
        self.badges.addWidget(badge(name_of(HouseholdCategory(h["category"])), tone))
        if h.get("monitoring_category"):
            self.badges.addWidget(badge(name_of(MonitoringCategory(h["monitoring_category"])), "amber"))
        if self.case:
            self.badges.addWidget(badge(name_of(CaseState(self.case["state"])), self._state_tone(self.case["state"])))
        if any(c["overdue_zh"] for c in self.profile["cases"]):
            self.badges.addWidget(badge(self.tr("逾期"), "red"))
        if self.profile["situations"]:
            flag = badge(self.tr("须纳入监测"), "red")
            flag.setToolTip("\n".join(s["reason_zh"] for s in self.profile["situations"]))
            self.badges.addWidget(flag)
        parts = [" ".join(x for x in (h.get("village"), h.get("group_name")) if x)]
        if h.get("number"):
            parts.append(self.tr("户编号 {0}").format(h["number"]))
        parts.append(self.tr("电话 {0}").format(h.get("phone") or "—"))
        parts.append(self.tr("帮扶责任人 {0}").format(h.get("pairing_cadre") or "—"))
        parts.append(enum_text(Residence, h.get("residence")))
        self.info_label.setText("  ·  ".join(p for p in parts if p))
        step = primary_step(self.case)
        self.step_button.setVisible(step is not None)
        if step:
            self.step_button.setText(step_label(step))
            self.step_button.setProperty("step", step)

    @staticmethod
    def _state_tone(state: str) -> str:
        return {"clue": "amber", "identified": "red", "helping": "amber", "eliminated": "green",
                "stable": "green"}.get(state, "grey")

    # --- loading ------------------------------------------------------------------------------

    def load(self, household_id: str) -> None:
        if household_id != self.household_id:
            self.all_visits = False
            self.tabs.setCurrentIndex(0)
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        if not self.household_id or not self.session.is_open:
            return
        self._stale = False
        self._loaded_changes = self._changes
        try:
            self.profile = self.session.read(profile.household_profile, self.household_id, self.session.today())
            if self.all_visits:
                self.profile["visits"] = self.session.read(visits.list_visits, self.household_id)
        except NotFound:
            self.profile = None
            self.name_label.setText(self.tr("找不到该户（可能已删除）"))
            self.info_label.setText("")
            clear_layout(self.badges)
            self.tabs.setEnabled(False)
            for b in (self.visit_button, self.member_button, self.step_button, self.print_button):
                b.setVisible(False)
            return
        self.tabs.setEnabled(True)
        for b in (self.visit_button, self.member_button, self.print_button):
            b.setVisible(True)
        self.case = open_case_of(self.profile["cases"])
        self._fill_header()
        self._fill_overview()
        self._fill_members()
        self._fill_incomes()
        self._fill_case()
        self._fill_visits()
        self._fill_forms()
        self.duties_tab.load(self.household_id)

    def mark_stale(self) -> None:
        self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _count_change(self, _what: str) -> None:
        self._changes += 1

    def _after_write(self) -> None:
        """Reload unless the window already did when the write was announced."""
        if self._loaded_changes != self._changes or self._stale:
            self.refresh()

    # --- 概况 -----------------------------------------------------------------------------------

    def _build_overview(self) -> None:
        self.overview = QScrollArea()
        self.overview.setWidgetResizable(True)
        self.overview.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(self.overview, self.tr("概况"))

    def _fill_overview(self) -> None:
        p = self.profile
        h = p["household"]
        content = QWidget()
        content.setObjectName("overviewContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(12)
        right = QVBoxLayout()
        right.setSpacing(12)

        overdue = [line for c in p["cases"] for line in c["overdue_zh"]]
        if overdue:
            frame, box = card(self.tr("逾期提醒"))
            for line in overdue:
                box.addWidget(wrap_label("⚠ " + line, "warn"))
            right.addWidget(frame)

        frame, box = card(self.tr("基本情况"))
        form = QGridLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        rows = [(self.tr("地址"), h.get("address") or "—"),
                (self.tr("所在地"), " ".join(x for x in (h.get("county"), h.get("township"), h.get("village"),
                                                       h.get("group_name")) if x) or "—"),
                (self.tr("户类型"), name_of(HouseholdCategory(h["category"]))
                 + (" · " + name_of(MonitoringCategory(h["monitoring_category"])) if h.get("monitoring_category") else "")),
                (self.tr("居住情况"), enum_text(Residence, h.get("residence")) or "—"),
                (self.tr("户标识"), names_of(HouseholdFlag(f) for f in h.get("flags") or ()) or self.tr("无")),
                (self.tr("住房安全"), enum_text(HousingGrade, h.get("housing_grade")) or self.tr("未评定")),
                (self.tr("有无赡养(抚养)人"), self.tr("有") if h.get("has_supporter") else self.tr("无"))]
        if h.get("monitoring_since"):
            rows.insert(3, (self.tr("纳入监测"), h["monitoring_since"]))
        rows += self._detail_rows(h.get("details") or {})
        if h.get("note"):
            rows.append((self.tr("备注"), h["note"]))
        for r, (k, v) in enumerate(rows):
            form.addWidget(set_role(QLabel(k), "muted"), r, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(wrap_label(str(v)), r, 1)
        form.setColumnStretch(1, 1)
        box.addLayout(form)
        left.addWidget(frame)
        left.addStretch(1)

        frame, box = card(self.tr("三保障及饮水"))
        row = QGridLayout()                  # two by two: four in a row would widen the page
        row.setHorizontalSpacing(18)
        for i, (key, name) in enumerate((("education", self.tr("义务教育")), ("medical", self.tr("基本医疗")),
                                         ("housing", self.tr("住房安全")), ("water", self.tr("饮水安全")))):
            ok = p["guarantees"][key]
            label = QLabel(("✓ " if ok else "✗ ") + name)
            label.setStyleSheet(f"color: {OK_GREEN if ok else WARN}; font-weight: 600; font-size: 15px;")
            label.setToolTip(self.tr("有保障") if ok else self.tr("未保障"))
            row.addWidget(label, i // 2, i % 2)
        row.setColumnStretch(2, 1)
        box.addLayout(row)
        right.addWidget(frame)

        frame, box = card(self.tr("风险类型"))
        if h.get("risk_types"):
            row = QHBoxLayout()
            row.setSpacing(6)
            for r in h["risk_types"]:
                row.addWidget(badge(name_of(RiskType(r)), "green" if h.get("risk_eliminated") else "amber"))
            if h.get("risk_eliminated"):
                row.addWidget(set_role(QLabel(self.tr("（风险已消除）")), "muted"))
            row.addStretch(1)
            box.addLayout(row)
        else:
            box.addWidget(set_role(QLabel(self.tr("无")), "muted"))
        right.addWidget(frame)

        frame, box = card(self.tr("须纳入监测的情形"))
        if p["situations"]:
            box.addWidget(wrap_label(self.tr("以下情形由软件按档案判断，须经核实后登记风险线索。"), "muted"))
            for s in p["situations"]:
                title = wrap_label(self.tr("情形{0}：{1}").format(s["number"], s["title_zh"]), "warn")
                box.addWidget(title)
                box.addWidget(wrap_label(s["reason_zh"]))
        else:
            box.addWidget(set_role(QLabel(self.tr("未发现五种须纳入监测的情形")), "muted"))
        right.addWidget(frame)

        # 问题清单、整改措施、责任人、时限 (003 §四) of this household, overdue first.
        if p.get("problems"):
            frame, box = card(self.tr("未销号的问题"))
            for x in p["problems"]:
                title = wrap_label(overdue_mark(x["overdue"]) + x["description"])
                if x["overdue"]:
                    set_role(title, "warn")
                box.addWidget(title)
                box.addWidget(wrap_label(duties(x, "；") or x["list_title"], "muted"))
            right.addWidget(frame)
        right.addStretch(1)

        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.overview.setWidget(content)

    def _detail_rows(self, d: dict) -> list[tuple[str, str]]:
        yes_no = lambda v: self.tr("是") if v else self.tr("否")  # noqa: E731
        land = {"cultivated_mu_x100": self.tr("耕地"), "forest_mu_x100": self.tr("林地"),
                "returned_farmland_mu_x100": self.tr("退耕还林"), "orchard_mu_x100": self.tr("林果地"),
                "pasture_mu_x100": self.tr("牧草地"), "water_surface_mu_x100": self.tr("水面")}
        out = []
        parts = []
        for key, name in land.items():
            if d.get(key):
                parts.append(self.tr("{0} {1} 亩").format(name, f"{d[key] / 100:g}"))
        extra_land = [k for k in d if k.endswith("_mu_x100") and k not in land and d[k]]
        parts += [f"{k[:-8]} {d[k] / 100:g}" for k in extra_land]
        out.append((self.tr("土地"), comma().join(parts) or self.tr("无")))
        if d.get("housing_area_m2"):
            out.append((self.tr("住房面积"), self.tr("{0} 平方米").format(d["housing_area_m2"])))
        if "road_hardened" in d or "road_distance_m" in d:
            road = self.tr("已硬化") if d.get("road_hardened") else self.tr("未硬化")
            if d.get("road_distance_m") is not None:
                road += self.tr("，距离 {0} 米").format(f"{d['road_distance_m']:,}")
            out.append((self.tr("入户路"), road))
        if d.get("fuel"):
            out.append((self.tr("主要燃料"), str(d["fuel"])))
        if "sanitary_toilet" in d:
            out.append((self.tr("卫生厕所"), yes_no(d["sanitary_toilet"])))
        if "cooperative" in d:
            out.append((self.tr("加入合作社"), yes_no(d["cooperative"])))
        if "can_solve_alone" in d:
            out.append((self.tr("能否自身解决困难"), yes_no(d["can_solve_alone"])))
        known = set(land) | {"housing_area_m2", "road_hardened", "road_distance_m", "fuel", "sanitary_toilet",
                             "cooperative", "can_solve_alone", "safe_water"} | set(extra_land)
        for key in sorted(set(d) - known):
            value = d[key]
            out.append((key, yes_no(value) if isinstance(value, bool) else str(value)))
        return out

    # --- 成员 -----------------------------------------------------------------------------------

    def _build_members(self) -> None:
        today = self.session.today()

        def age(m):
            return str(age_on(m["birth_date"], today)) if m.get("birth_date") else ""

        def work(m):
            if m.get("work_months"):
                text = self.tr("{0}个月").format(m["work_months"])
                return text + (" · " + m["work_place"] if m.get("work_place") else "")
            return self.tr("公益岗位") if m.get("welfare_post") else ""

        cols = [(self.tr("姓名"), lambda m: m["name"]),
                (self.tr("与户主关系"), lambda m: enum_text(Relation, m.get("relation"))),
                (self.tr("性别"), lambda m: enum_text(Sex, m.get("sex"))),
                (self.tr("年龄"), age),
                (self.tr("身份证号"), lambda m: mask_id_number(m["id_number"]) if m.get("id_number") else ""),
                (self.tr("健康状况"), lambda m: enum_text(Health, m.get("health"))
                 + (self.tr("（{0}级）").format(m["disability_grade"]) if m.get("disability_grade") else "")),
                (self.tr("在校情况"), lambda m: "" if m.get("school_status") in (None, "none")
                 else enum_text(SchoolStatus, m["school_status"])),
                (self.tr("劳动技能"), lambda m: enum_text(LabourCapacity, m.get("labour"))),
                (self.tr("务工"), work),
                (self.tr("医保"), lambda m: "✓" if m.get("medical_insurance") else "✗")]
        colour = lambda m, c: (WARN if (c == 9 and not m.get("medical_insurance"))  # noqa: E731
                               or (c == 5 and m.get("health") in ("serious_illness", "disabled")) else None)
        self.members_model = ColumnsModel(cols, colour, tip=lambda m: m.get("note") or None, parent=self)
        self.members_view = table_view(self.members_model)
        self.members_view.doubleClicked.connect(
            lambda index: self.edit_member(self.members_model.rows[index.row()]))
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(8)
        bar = QHBoxLayout()
        add = QPushButton(self.tr("添加成员"))
        add.clicked.connect(lambda: self.edit_member(None))
        bar.addWidget(set_role(QLabel(self.tr("双击一行修改成员信息")), "muted"))
        bar.addStretch(1)
        # Every action has a visible button (a pen cannot double-click reliably).
        self.edit_member_button = QPushButton(self.tr("修改…"))
        self.edit_member_button.clicked.connect(
            lambda: self._on_current(self.members_view, lambda row: self.edit_member(self.members_model.rows[row])))
        bar.addWidget(self.edit_member_button)
        bar.addWidget(add)
        self._enable_with_selection(self.members_view, self.edit_member_button)
        box.addLayout(bar)
        box.addWidget(self.members_view, 1)
        self.members_tab = widget
        self.tabs.addTab(widget, self.tr("成员"))

    def _fill_members(self) -> None:
        members = self.profile["members"]
        self.members_model.set_rows(members)
        self.tabs.setTabText(self.tabs.indexOf(self.members_tab), self.tr("成员 ({0})").format(len(members)))

    # --- 收入 -----------------------------------------------------------------------------------

    def _build_incomes(self) -> None:
        def below(r):
            return r["per_capita_fen"] < r["baseline_fen"]

        cols = [(self.tr("核算日期"), lambda r: r["assessed_on"]),
                (self.tr("家庭人口"), lambda r: str(r["household_size"])),
                (self.tr("家庭纯收入"), lambda r: format_yuan(r["net_fen"])),
                (self.tr("人均纯收入"), lambda r: format_yuan(r["per_capita_fen"])),
                (self.tr("基准线"), lambda r: format_yuan(r["baseline_fen"])),
                (self.tr("对比基准线"), lambda r: self.tr("低于") if below(r) else self.tr("高于")),
                (self.tr("备注"), lambda r: r.get("note") or "")]
        colour = lambda r, c: (WARN if below(r) else OK_GREEN) if c in (3, 5) else None  # noqa: E731
        self.incomes_model = ColumnsModel(cols, colour, tip=self._income_tip, parent=self)
        self.incomes_view = table_view(self.incomes_model)
        for c in (2, 3, 4):
            self.incomes_view.setItemDelegateForColumn(c, RightAligned(self.incomes_view))
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(8)
        bar = QHBoxLayout()
        self.income_hint = set_role(QLabel(), "muted")
        bar.addWidget(self.income_hint)
        bar.addStretch(1)
        button = QPushButton(self.tr("核算收入"))
        button.clicked.connect(self.assess_income)
        bar.addWidget(button)
        box.addLayout(bar)
        box.addWidget(self.incomes_view, 1)
        self.incomes_tab = widget
        self.tabs.addTab(widget, self.tr("收入"))

    def _income_tip(self, r: dict) -> str:
        names = {"wage": self.tr("务工收入"), "welfare_post": self.tr("公益性岗位收入"),
                 "business": self.tr("生产经营收入"), "property": self.tr("财产性收入"),
                 "dividend": self.tr("资产收益分红"), "pension": self.tr("养老金"),
                 "family_planning": self.tr("计划生育金"), "eco_compensation": self.tr("生态补偿金"),
                 "dibao": self.tr("低保金"), "tekun": self.tr("特困供养金"),
                 "other_transfer": self.tr("其他转移性收入"), "business_expense": self.tr("生产经营性支出")}
        return "\n".join(f"{names.get(k, k)}{colon()}{format_yuan(v)}" for k, v in (r.get("items") or {}).items() if v)

    def _fill_incomes(self) -> None:
        rows = self.profile["incomes"]
        self.incomes_model.set_rows(rows)
        self.income_hint.setText(self.tr("收入按核算日前12个月计算；鼠标停在一行上可看明细") if rows
                                 else self.tr("尚未核算收入"))

    # --- 监测帮扶 -------------------------------------------------------------------------------

    def _build_case(self) -> None:
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(10)
        top = QHBoxLayout()
        self.case_picker = QComboBox()
        self.case_picker.currentIndexChanged.connect(self._show_case)
        top.addWidget(self.case_picker)
        top.addStretch(1)
        self.case_buttons = QHBoxLayout()
        self.case_buttons.setSpacing(8)
        top.addLayout(self.case_buttons)
        box.addLayout(top)
        self.case_card, self.case_box = card()
        box.addWidget(self.case_card)
        box.addWidget(set_role(QLabel(self.tr("经过")), "section"))
        self.events_model = TimelineModel(self._event_text, self._event_html, self)
        self.events_view = timeline_view(self.events_model)
        box.addWidget(self.events_view, 1)
        self.case_tab = widget
        self.tabs.addTab(widget, self.tr("监测帮扶"))

    def _fill_case(self) -> None:
        cases = self.profile["cases"]
        self.case_picker.blockSignals(True)
        self.case_picker.clear()
        for c in cases:
            self.case_picker.addItem(self.tr("{0} 起 · {1}").format(c["clue_date"], name_of(CaseState(c["state"]))), c["id"])
        self.case_picker.setVisible(len(cases) > 1)
        self.case_picker.setCurrentIndex(0 if cases else -1)
        self.case_picker.blockSignals(False)
        self._show_case()

    def _show_case(self, *_) -> None:
        cases = self.profile["cases"]
        index = self.case_picker.currentIndex()
        c = cases[index] if 0 <= index < len(cases) else None
        clear_layout(self.case_box)
        clear_layout(self.case_buttons)
        is_current = c is not None and c is self.case
        steps = next_steps(c) if is_current else ([] if self.case else ["clue"])
        primary = primary_step(c if is_current else None)
        for step in steps:
            button = QPushButton(step_label(step))
            if step == primary:
                set_role(button, "primary")
            if step == "stable" and not self._may_close(c):
                button.setEnabled(False)
                button.setToolTip(self.tr("四个季度回头看完成或风险消除满一年（{0}）后才能结束").format(
                    c.get("stable_from") or ""))
            button.clicked.connect(lambda _=False, s=step: self.record_step(s))
            self.case_buttons.addWidget(button)
        if c is None:
            self.case_box.addWidget(set_role(QLabel(self.tr("本户没有监测帮扶案例")), "section"))
            self.case_box.addWidget(wrap_label(self.tr("发现返贫致贫风险时，点“登记风险线索”开始：15天内入户核查并"
                                                       "识别认定，识别后10天内制定帮扶计划。"), "muted"))
            self.events_model.set_rows([])
            return
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self._section_inline(self.tr("监测帮扶案例")))
        head.addWidget(badge(name_of(CaseState(c["state"])), self._state_tone(c["state"])))
        if c.get("monitoring_category"):
            head.addWidget(badge(name_of(MonitoringCategory(c["monitoring_category"])), "amber"))
        head.addStretch(1)
        self.case_box.addLayout(head)

        form = QGridLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        missing = missing_measures([RiskType(r) for r in c.get("risk_types") or ()],
                                   [Measure(m) for m in c.get("measures") or ()])
        clue_risks = [r for e in c["events"] if e["kind"] == "clue" for r in e["data"].get("risk_types", [])]
        unidentified = self.tr("未识别") + (self.tr("（线索：{0}）").format(enums_text(RiskType, clue_risks))
                                            if clue_risks else "")
        rows = [(self.tr("风险类型"), enums_text(RiskType, c.get("risk_types")) or unidentified, None),
                (self.tr("帮扶措施"), enums_text(Measure, c.get("measures")) or self.tr("尚未制定"), None)]
        if missing:
            rows.append((self.tr("缺少措施"), self.tr("{0} 还没有对应的帮扶措施").format(
                names_of(missing)), "warn"))
        dates = [(self.tr("线索"), c.get("clue_date")), (self.tr("识别"), c.get("identified_date")),
                 (self.tr("计划"), c.get("plan_date")), (self.tr("消除"), c.get("eliminated_date"))]
        rows.append((self.tr("日期"), "  ·  ".join(f"{k} {v}" for k, v in dates if v), None))
        deadline = self._next_deadline(c) if is_current else None
        if deadline:
            rows.append((self.tr("下一期限"), deadline, None))
        for r, (k, v, role) in enumerate(rows):
            form.addWidget(set_role(QLabel(k), "muted"), r, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(wrap_label(v, role), r, 1)
        form.setColumnStretch(1, 1)
        self.case_box.addLayout(form)
        for line in c["overdue_zh"]:
            self.case_box.addWidget(wrap_label("⚠ " + line, "warn"))
        self.events_model.set_rows(list(reversed(c["events"])))

    def _section_inline(self, text: str) -> QLabel:
        return set_role(QLabel(text), "heading")

    def _may_close(self, c: dict) -> bool:
        """Whether 结束回头看 is allowed yet: every quarterly 回头看 done, or a year since elimination."""
        satisfied = c.get("followups_satisfied") or []
        if satisfied and all(satisfied):
            return True
        return bool(c.get("stable_from")) and self.session.today().isoformat() >= c["stable_from"]

    def _next_deadline(self, c: dict) -> str | None:
        state = c["state"]
        if state == "clue":
            return self.tr("{0} 前完成识别认定（发现线索后15天）").format(c["identify_by"])
        if state == "identified":
            return self.tr("{0} 前制定帮扶计划（识别后10天）").format(c["plan_by"])
        if state == "helping" and "plan" in c.get("overdue", ()):
            return self.tr("{0} 前补齐帮扶措施").format(c["plan_by"])
        if state == "eliminated":
            for k, (due, ok) in enumerate(zip(c.get("followup_due") or (), c.get("followups_satisfied") or []), 1):
                if not ok:
                    return self.tr("第{0}次回头看：{1} 前（当季度内）").format(k, due)
            if c.get("stable_from"):
                return self.tr("回头看已完成，可结束回头看（满一年：{0}）").format(c["stable_from"])
        if state == "stable":
            return self.tr("已稳定，结束回头看")
        return None

    def _event_text(self, e: dict) -> str:
        return f"{e['on']} {event_label(e['kind'])} {e['by']} {self._event_details(e)}"

    def _event_details(self, e: dict) -> str:
        d = e.get("data") or {}
        parts = []
        if d.get("source"):
            parts.append(self.tr("来源：{0}").format(d["source"]))
        if d.get("monitoring_category"):
            parts.append(self.tr("类别：{0}").format(enum_text(MonitoringCategory, d["monitoring_category"])))
        if d.get("risk_types"):
            parts.append(self.tr("风险类型：{0}").format(enums_text(RiskType, d["risk_types"])))
        if d.get("measures"):
            parts.append(self.tr("措施：{0}").format(enums_text(Measure, d["measures"])))
        if d.get("measure"):
            parts.append(self.tr("措施：{0}").format(enum_text(Measure, d["measure"])))
        if d.get("method"):
            parts.append(self.tr("方式：{0}").format(d["method"]))
        if d.get("result"):
            parts.append(self.tr("结果：{0}").format(
                {"stable": self.tr("稳定"), "risk": self.tr("发现风险")}.get(d["result"], d["result"])))
        if e["kind"] == "eliminate" and d.get("per_capita_fen") is not None and d.get("baseline_fen"):
            parts.append(self.tr("人均纯收入 {0}（基准线 {1}）").format(format_yuan(d["per_capita_fen"]),
                                                                 format_yuan(d["baseline_fen"])))
        elif e["kind"] == "check" and d.get("per_capita_fen") is not None:
            parts.append(self.tr("人均纯收入约 {0}").format(format_yuan(d["per_capita_fen"])))
        if d.get("reason"):
            parts.append(self.tr("理由：{0}").format(d["reason"]))
        if d.get("note"):
            parts.append(d["note"])
        return semicolon().join(parts)

    def _event_html(self, e: dict) -> str:
        return (f"<b>{html_text(e['on'])}</b>&nbsp;&nbsp;<span style='color:{ACCENT}; font-weight:600'>"
                f"{html_text(event_label(e['kind']))}</span>&nbsp;&nbsp;<span style='color:{MUTED}'>{html_text(e['by'])}</span>"
                f"<div style='margin-top:3px'>{html_text(self._event_details(e)) or '&nbsp;'}</div>")

    # --- 走访记录 -------------------------------------------------------------------------------

    def _build_visits(self) -> None:
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(8)
        bar = QHBoxLayout()
        self.visits_hint = set_role(QLabel(), "muted")
        self.visits_hint.setWordWrap(True)   # wraps rather than widening the page at 150 % scaling
        bar.addWidget(self.visits_hint, 1)
        self.more_visits = QPushButton(self.tr("显示全部走访"))
        self.more_visits.clicked.connect(self.show_all_visits)
        bar.addWidget(self.more_visits)
        self.correct_visit_button = QPushButton(self.tr("更正…"))
        self.correct_visit_button.clicked.connect(
            lambda: self._on_current(self.visits_view, lambda row: self.correct_visit(
                self.visits_model.index(row, 0).data(RECORD))))
        bar.addWidget(self.correct_visit_button)
        add = set_role(QPushButton(self.tr("记录走访")), "primary")
        add.clicked.connect(self.record_visit)
        bar.addWidget(add)
        box.addLayout(bar)
        self.visits_model = TimelineModel(self._visit_text, self._visit_html, self)
        self.visits_view = timeline_view(self.visits_model)
        self.visits_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.visits_view.customContextMenuRequested.connect(self._visit_menu)
        self._enable_with_selection(self.visits_view, self.correct_visit_button)
        box.addWidget(self.visits_view, 1)
        self.visits_tab = widget
        self.tabs.addTab(widget, self.tr("走访记录"))

    def _fill_visits(self) -> None:
        rows = self.profile["visits"]
        self.visits_model.set_rows(rows)
        partial = not self.all_visits and len(rows) >= PROFILE_VISITS
        self.more_visits.setVisible(partial)
        if not rows:
            self.visits_hint.setText(self.tr("尚无走访记录"))
        elif partial:
            self.visits_hint.setText(self.tr("最近 {0} 次走访，新的在上；右键一条可更正").format(len(rows)))
        else:
            self.visits_hint.setText(self.tr("共 {0} 次走访，新的在上；右键一条可更正").format(len(rows)))
        self.tabs.setTabText(self.tabs.indexOf(self.visits_tab),
                             self.tr("走访记录 ({0})").format(str(len(rows)) + ("+" if partial else "")))

    def show_all_visits(self) -> None:
        self.all_visits = True
        self.profile["visits"] = self.session.read(visits.list_visits, self.household_id)
        self._fill_visits()

    def _visit_text(self, v: dict) -> str:
        text = (f"{v['visit_date']} {enum_text(VisitMode, v['mode'])} {v['visitor']} {v.get('met_person') or ''} "
                f"{v['findings']} {enums_text(RiskType, v.get('risks_seen'))} {v.get('followups') or ''}")
        if v.get("supersedes"):
            text += " " + self.tr("已更正：{0}").format(v.get("supersede_reason") or "")
        return text

    def _visit_html(self, v: dict) -> str:
        line = (f"<b>{html_text(v['visit_date'])}</b>&nbsp;&nbsp;<span style='color:{ACCENT}; font-weight:600'>"
                f"{html_text(enum_text(VisitMode, v['mode']))}</span>&nbsp;&nbsp;<span style='color:{MUTED}'>"
                + html_text(self.tr("走访人 {0}").format(v["visitor"])))
        if v.get("met_person"):
            line += " · " + html_text(self.tr("见到 {0}").format(v["met_person"]))
        line += "</span>"
        if v.get("supersedes"):
            corrected = self.tr("已更正")
            line += (f"&nbsp;&nbsp;<span style='color:{WARN}; font-weight:600'>{html_text(corrected)}</span>"
                     f"<span style='color:{WARN}'>{colon()}{html_text(v.get('supersede_reason'))}</span>")
        out = line + f"<div style='margin-top:3px'>{html_text(v['findings'])}</div>"
        extra = []
        if v.get("risks_seen"):
            extra.append(f"<span style='color:{WARN}'>"
                         + html_text(self.tr("发现风险：{0}").format(enums_text(RiskType, v["risks_seen"]))) + "</span>")
        if v.get("followups"):
            extra.append(html_text(self.tr("后续：{0}").format(v["followups"])))
        if extra:
            out += f"<div style='margin-top:3px; color:{MUTED}'>" + "&nbsp;&nbsp;·&nbsp;&nbsp;".join(extra) + "</div>"
        return out

    @staticmethod
    def _enable_with_selection(view, button) -> None:
        """`button` is enabled while a row of `view` is chosen."""
        def update(*_args):
            button.setEnabled(view.selectionModel().hasSelection())
        view.selectionModel().selectionChanged.connect(update)
        view.model().modelReset.connect(update)
        update()

    def _on_current(self, view, act) -> bool:
        """`act(row)` for the view's current row; False (and the view focused) if none is chosen."""
        index = view.currentIndex()
        if not index.isValid():
            view.setFocus()
            return False
        return act(index.row())

    def _visit_menu(self, pos: QPoint) -> None:
        index = self.visits_view.indexAt(pos)
        if not index.isValid():
            return
        visit = index.data(RECORD)
        menu = QMenu(self)
        action = menu.addAction(self.tr("更正…"))
        action.triggered.connect(lambda: self.correct_visit(visit))
        menu.exec(self.visits_view.viewport().mapToGlobal(pos))

    # --- actions ------------------------------------------------------------------------------

    def print_handbook(self):
        """打印帮扶手册 for this household."""
        if not self.household_id:
            return None
        from ..printing.print_dialog import open_print_dialog
        return open_print_dialog(self.session, self, household_ids=[self.household_id])

    def _run_dialog(self, dialog: QDialog) -> bool:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self._after_write()
        return accepted

    def record_visit(self) -> bool:
        if not self.household_id:
            return False
        return self._run_dialog(VisitDialog(self.session, self.household_id, self))

    def correct_visit(self, visit: dict) -> bool:
        return self._run_dialog(VisitDialog(self.session, self.household_id, self, correct=visit))

    def record_step(self, step: str) -> bool:
        if not self.household_id or not step:
            return False
        case_id = self.case["id"] if self.case and step != "clue" else None
        return self._run_dialog(CaseStepDialog(self.session, self.household_id, step, case_id, self))

    def assess_income(self) -> bool:
        if not self.household_id:
            return False
        return self._run_dialog(IncomeDialog(self.session, self.household_id, self))

    def edit_member(self, member: dict | None) -> bool:
        if not self.household_id:
            return False
        try:
            from app.ui.households.member_dialog import MemberDialog
        except ImportError as e:
            show_error(self, e)
            return False
        member_id = member["id"] if member else None
        return self._run_dialog(MemberDialog(self.session, self.household_id, member_id, self))
