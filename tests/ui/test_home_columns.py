"""The home page keeps its two columns side by side whenever they fit: at 1024×600 and on a
1366×768 laptop at 150 % (910 px) in Chinese; a card's line beside its title wraps rather than
setting how wide its column must be."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(main_window):
    return main_window


@pytest.mark.parametrize("size", [(1024, 568), (910, 480)])
def test_side_by_side_when_it_fits(qtbot, window, size):
    window.resize(*size)
    home = window.home
    qtbot.waitUntil(lambda: home._loaded, timeout=10_000)
    qtbot.wait(100)
    QApplication.processEvents()
    assert home.columns.direction() == home.columns.Direction.LeftToRight
    content = home.scroll.widget()
    assert content.minimumSizeHint().width() <= home.scroll.viewport().width()
    for card in (home.problem_card, home.deadline_card, home.clue_card):
        assert card.geometry().right() <= content.width()


def test_a_long_line_beside_a_title_wraps(qtbot, window):
    from app.ui.widgets.month_view import Card
    card = Card("问题清单")
    qtbot.addWidget(card)
    card.info.setText("未销号 17 项（县反馈 14，逾期 17，另有本月新增 3 项待核实）")
    assert card.minimumSizeHint().width() < card.info.fontMetrics().horizontalAdvance(card.info.text())
