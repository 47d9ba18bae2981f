"""The home page's notice of records the leader sent back to the person signed in
(app/services/review_returns.py, 谁录入、谁负责): "队长退回 N 条记录待修改", the first few with
their notes, and a button to the 审核 page where they are listed. Hidden when there are none: a
record leaves the list once it is corrected. Read on the read thread (ops.QueryOp)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from ..mainwindow.ops import QueryOp
from ..widgets.month_view import Card
from ..widgets.style import set_role

SHOWN = 3   # notes shown on the card; the 审核 page lists them all


def mine(store) -> list[dict]:
    """The records sent back to the person signed in, not yet corrected, oldest first."""
    from app.services import review_returns     # loaded on the read thread, not with the window
    return review_returns.returned(store, store.user_id) if store.user_id else []


class ReturnedCard(Card):
    """The button says `open_review` and, inside the main window, selects its 审核 row."""
    open_review = Signal()

    def __init__(self, session, parent=None):
        super().__init__(self.tr("退回待改"), parent)
        self.session = session
        self.returned: list[dict] = []
        self.loading = None
        self._token = 0
        self.button = set_role(QPushButton(self.tr("去审核页修改")), "primary")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.go_to_review)
        self.tools.addWidget(self.button)
        self.summary = set_role(QLabel(objectName="returnedSummary"), "warn")
        self.summary.setWordWrap(True)
        self.lines = set_role(QLabel(objectName="returnedNotes"), "muted")
        self.lines.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.lines)
        self.setVisible(False)

    def load(self) -> None:
        """Read the list on the read thread; the card shows it when it arrives."""
        if self.loading is not None:
            self.loading.cancel()
        self._token += 1
        token = self._token
        self.loading = QueryOp(self.session, mine, self).success(lambda rows: self._arrived(token, rows)) \
            .failure(lambda _exc: self._arrived(token, [])).run()

    def _arrived(self, token: int, rows: list[dict]) -> None:
        if token == self._token:    # else a later read is on its way
            self.loading = None
            self.show_returned(rows)

    def show_returned(self, rows: list[dict]) -> None:
        self.returned = rows
        n = len(rows)
        self.summary.setText(self.tr("队长退回 {0} 条记录待修改").format(n))
        lines = [f"{r['kind']} · {r['household'] or '—'}：{r['note']}" for r in rows[:SHOWN]]
        if n > SHOWN:
            lines.append(self.tr("……另有 {0} 条，见审核页").format(n - SHOWN))
        self.lines.setText("\n".join(lines))
        self.setVisible(n > 0)

    def go_to_review(self) -> None:
        self.open_review.emit()
        nav = getattr(self.window(), "nav", None)     # the main window's navigation, by its 审核 row
        label = QCoreApplication.translate("MainWindow", "审核")
        for row in range(nav.count() if nav is not None else 0):
            if nav.item(row).text() == label:
                nav.setCurrentRow(row)
