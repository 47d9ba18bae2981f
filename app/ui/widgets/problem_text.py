"""How the window names a problem item's duties (003 §四 问题清单、整改措施清单、责任清单), the
same on the home page and in the household file."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def overdue_mark(overdue: bool) -> str:
    return QCoreApplication.translate("Problems", "【逾期】") if overdue else ""


def duties(item: dict, sep: str = "\n") -> str:
    """整改措施, 责任人 and 时限 of an item, those it has, one per line (or joined by `sep`)."""
    parts = (
        QCoreApplication.translate("Problems", "整改措施：{0}").format(item["measure"]) if item.get("measure") else "",
        QCoreApplication.translate("Problems", "责任人：{0}").format(item["responsible"]) if item.get("responsible") else "",
        QCoreApplication.translate("Problems", "时限：{0}").format(item["deadline"]) if item.get("deadline") else "")
    return sep.join(p for p in parts if p)
