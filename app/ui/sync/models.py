"""The sync page's lists: the records the county refused, the fields edited both here and at the
county, the county's open problems; each row may lead to its household."""
from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt

from app.core import enums

from ..widgets.enum_labels import name_of, names_of
from ..widgets.table_model import RowsModel

# Household fields whose values are codes of a vocabulary: a conflict shows their names.
ENUM_FIELDS = {"category": enums.HouseholdCategory, "monitoring_category": enums.MonitoringCategory,
               "residence": enums.Residence, "housing_grade": enums.HousingGrade,
               "flags": enums.HouseholdFlag, "risk_types": enums.RiskType}
YES_NO_FIELDS = {"water_secured", "has_supporter", "can_fix_housing_alone", "risk_eliminated"}


def local_time(text: str | None, with_time: bool = True) -> str:
    """A stored UTC time (`2026-11-22T12:53:34.100Z`) as this computer's local time."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return str(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


class HouseholdRows(RowsModel):
    """Rows that may belong to a household: UserRole is its id (None when there is none)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.heads: dict = {}

    def household_id(self, row: int) -> str | None:
        return self.rows[row].get("household_id") if 0 <= row < len(self.rows) else None

    def head(self, household_id: str | None) -> str:
        h = self.heads.get(household_id) if household_id else None
        return h["head_name"] if h else "—"

    def show(self, rows: list[dict], heads: dict) -> None:
        self.heads = heads
        self.set_rows(rows)

    def cell(self, r: dict, column: int) -> str:  # pragma: no cover - each list says its own
        raise NotImplementedError

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(r, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return r.get("household_id")
        return None


class RejectedModel(HouseholdRows):
    KIND, RECORD, HOUSEHOLD, REASON, STATE = range(5)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = [self.tr("类型"), self.tr("记录"), self.tr("农户"), self.tr("县里退回的原因"), self.tr("状态")]
        self.tables = {
            "users": self.tr("队员"), "households": self.tr("农户"), "members": self.tr("家庭成员"),
            "income_assessments": self.tr("收入核算"), "cases": self.tr("监测帮扶"),
            "case_events": self.tr("帮扶记录"), "visits": self.tr("走访记录"), "prompts": self.tr("工作提示"),
            "prompt_tasks": self.tr("工作任务"), "attendance": self.tr("驻村考勤"),
            "problem_lists": self.tr("问题清单"), "problem_items": self.tr("问题"),
            "form_definitions": self.tr("表单定义"), "form_instances": self.tr("表单"),
            "form_signatures": self.tr("表单签名")}

    def cell(self, r: dict, column: int) -> str:
        if column == self.KIND:
            return self.tables.get(r["tbl"], r["tbl"])
        if column == self.RECORD:
            return r.get("label") or r["record_id"]
        if column == self.HOUSEHOLD:
            return self.head(r.get("household_id"))
        if column == self.REASON:
            return r["reason"]
        return self.tr("已改正，待上传") if r.get("fixed") else self.tr("待改正")


class ConflictModel(HouseholdRows):
    HOUSEHOLD, FIELD, KEPT, LOST, WINNER, AT = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = [self.tr("农户"), self.tr("字段"), self.tr("保留的值"), self.tr("未采用的值"),
                        self.tr("较新的一方"), self.tr("时间")]
        self.fields = {
            "head_name": self.tr("户主姓名"), "category": self.tr("户类型"),
            "monitoring_category": self.tr("监测对象类别"), "monitoring_since": self.tr("纳入监测时间"),
            "group_name": self.tr("村民小组"), "number": self.tr("户编号"), "phone": self.tr("联系电话"),
            "address": self.tr("住址"), "residence": self.tr("居住情况"), "flags": self.tr("户属性"),
            "risk_types": self.tr("风险类型"), "risk_eliminated": self.tr("风险已消除"),
            "housing_grade": self.tr("住房安全等级"), "can_fix_housing_alone": self.tr("能自行解决住房"),
            "water_secured": self.tr("饮水安全"), "has_supporter": self.tr("有赡养人"),
            "pairing_cadre": self.tr("帮扶责任人"), "details": self.tr("其他情况"), "note": self.tr("备注"),
            "province": self.tr("省"), "county": self.tr("县"), "township": self.tr("乡镇"), "village": self.tr("村")}
        self.winners = {"device": self.tr("本机"), "county": self.tr("县里")}

    def show(self, rows: list[dict], heads: dict) -> None:
        super().show([{**r, "household_id": r["record_id"] if r["tbl"] == "households" else None} for r in rows],
                     heads)

    def value(self, field: str, value) -> str:
        if value is None or value == "" or value == []:
            return self.tr("（空）")
        vocabulary = ENUM_FIELDS.get(field)
        try:
            if vocabulary is not None and isinstance(value, list):
                return names_of(vocabulary(v) for v in value)
            if vocabulary is not None:
                return name_of(vocabulary(value))
        except ValueError:
            pass
        if field in YES_NO_FIELDS and value in (0, 1, True, False):
            return self.tr("是") if value else self.tr("否")
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def cell(self, r: dict, column: int) -> str:
        if column == self.HOUSEHOLD:
            return r.get("label") or self.head(r.get("household_id"))
        if column == self.FIELD:
            return self.fields.get(r["field"], r["field"])
        if column == self.KEPT:
            return self.value(r["field"], r["kept_value"])
        if column == self.LOST:
            return self.value(r["field"], r["lost_value"])
        if column == self.WINNER:
            return self.winners.get(r["winner"], r["winner"])
        return local_time(r["at"])


class ProblemModel(HouseholdRows):
    LIST, ISSUED, HOUSEHOLD, DESCRIPTION = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = [self.tr("问题清单"), self.tr("下发日期"), self.tr("农户"), self.tr("问题")]

    def cell(self, r: dict, column: int) -> str:
        if column == self.LIST:
            return r["list_title"]
        if column == self.ISSUED:
            return str(r["created_on"] or "")
        if column == self.HOUSEHOLD:
            return self.head(r.get("household_id"))
        return r["description"]
