import pytest

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics  # noqa: E402

from app.ui.widgets.fonts import load_cjk_font  # noqa: E402


def test_cjk_font_is_loaded_and_has_the_glyphs(qapp):
    family = load_cjk_font()
    assert family, "no CJK font found: install fonts-wqy-microhei"
    metrics = QFontMetrics(QFont(family))
    for ch in "驻村防止返贫动态监测张三丰":
        assert metrics.inFontUcs4(ord(ch)), ch
    assert QFontDatabase.families().count(family) == 1
