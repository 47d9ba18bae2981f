"""The window's header: which village and team the open store holds, and an unmistakable
banner when it is the demo village (so real data never goes into it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.services import households, worklog

from ..widgets.style import set_role

DEMO_SUFFIX = "-demo"


def is_demo_folder(data_dir: Path) -> bool:
    """The demo village is kept beside the team's folder, in `<folder>-demo`."""
    return Path(data_dir).name.endswith(DEMO_SUFFIX)


def village_and_team(store) -> tuple[str, int]:
    """The village most of the store's households are in ("" if none yet) and the team's size."""
    place = households.main_place(store)
    village = " ".join(v for v in (place.get("township"), place.get("village")) if v)
    # The team as the month report counts it: who has days in the village, and every user.
    people = worklog.latest_attendance_people(store)
    people |= {u["name"] for u in store.users() if u["active"]}
    return village, len(people)


class DemoBanner(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setWordWrap(True)
        self.setText(self.tr("示范村·练习用 —— 这里的农户都是虚构的，只供练习。真实农户的信息请录入工作队自己的数据库。"))


class Header(QWidget):
    """驻村 · village · team, the user, and whatever the window adds on the right."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("header")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(16, 8, 16, 8)
        self.row.addWidget(set_role(QLabel(self.tr("驻村")), "title"))
        village, team = session.read(village_and_team)
        self.village_label = QLabel(village or self.tr("（尚未录入农户）"))
        self.village_label.setObjectName("village")
        self.row.addWidget(self.village_label)
        self.team_label = set_role(QLabel(self.tr("驻村工作队 {0} 人").format(team)), "muted")
        self.row.addWidget(self.team_label)
        self.demo = is_demo_folder(session.data_dir)
        if self.demo:
            tag = QLabel(self.tr("示范村·练习用"))
            tag.setObjectName("demoTag")
            self.row.addWidget(tag)
        self.row.addStretch(1)
