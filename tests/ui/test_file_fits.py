"""A household file and the households page lay out on a 1024×600 screen at 150 % scaling (682 px across) without
scrolling sideways: its header, the actions row and every tab fit beside the sidebar."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.widgets.reflow import side_by_side_width

SCALED_WIDTH = 682    # 1024 px at 150 %


def test_every_tab_of_the_busiest_file_fits_beside_the_sidebar(qtbot, main_window, session):
    hid = session.store.conn.execute(
        "SELECT household_id FROM members WHERE deleted = 0 GROUP BY household_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    main_window.open_household(hid)
    page = main_window.file
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
    room = SCALED_WIDTH - main_window.nav.width() - 2
    wide = {page.tabs.tabText(i): page.tabs.widget(i).minimumSizeHint().width() for i in range(page.tabs.count())}
    assert page.minimumSizeHint().width() <= room, wide


def test_the_households_page_folds_its_buttons_and_filters(qtbot, main_window):
    main_window.nav.setCurrentRow(1)
    page = main_window.households
    room = SCALED_WIDTH - main_window.nav.width() - 2
    assert page.minimumSizeHint().width() <= room
    page.resize(room, 400)                 # the page as it is laid out beside the sidebar at 150 %
    top, filters, narrowing = page.folding
    assert filters.direction() == filters.Direction.TopToBottom       # the search above the filters
    for box in page.folding:               # what stays side by side fits
        assert box.direction() == box.Direction.TopToBottom or side_by_side_width(box) <= room - page.SIDE_MARGINS
    page.resize(1200, 600)                 # a wide window puts them back side by side
    assert top.direction() == filters.direction() == top.Direction.LeftToRight
