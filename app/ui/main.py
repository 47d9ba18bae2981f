"""The desktop window. The full work-team screens build on this shell."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.storage.store import store_exists

from .fonts import apply_cjk_font


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path):
        super().__init__()
        self.setWindowTitle("驻村 Zhucun — 防止返贫动态监测")
        self.resize(900, 600)
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel("驻村 Zhucun")
        title.setStyleSheet("font-size: 28px; font-weight: bold;")
        state = ("已找到数据库" if store_exists(data_dir) else "尚未建立数据库：请运行 ./zhucun init --user 姓名")
        info = QLabel(f"{state}\n数据位置 (data): {data_dir}\n\n"
                      "户档案、走访、监测帮扶、工作提示：当前请使用命令行 ./zhucun --help")
        info.setWordWrap(True)
        layout.addStretch(1)
        for w in (title, info):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(w)
        layout.addStretch(1)
        self.info = info
        self.setCentralWidget(body)


def run(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_cjk_font(app)
    window = MainWindow(Path(data_dir))
    window.show()
    return app.exec()
