"""Load a CJK font explicitly: never assume the system picks one that has Chinese."""
from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from app.reports.font_files import main_fonts

CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
]


def load_cjk_font() -> str | None:
    """Register the first CJK font found and return its family name, or None."""
    # The printed pages' main font first, found where they find it (bundled with the packaged
    # program, ZHUCUN_FONT_DIR, the Windows font folder), never a rare-character fallback
    # bundled beside it (HanaMin's Mincho shapes); without loading the PDF library.
    paths = itertools.chain(main_fonts(), (Path(p) for p in CANDIDATES))
    for path in paths:
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                return families[0]
    return None


def apply_cjk_font(app) -> str | None:
    family = load_cjk_font()
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    return family
