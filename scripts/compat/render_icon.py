"""Draw the SVG icon as PNGs for the hicolor theme: render_icon.py ICON.svg HICOLOR_DIR SIZE…
writes HICOLOR_DIR/SIZExSIZE/apps/zhucun.png."""
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

app = QGuiApplication([])
svg, out = sys.argv[1], Path(sys.argv[2])
renderer = QSvgRenderer(svg)
if not renderer.isValid():
    raise SystemExit(f"render_icon.py: {svg} is not a valid SVG")
for size in map(int, sys.argv[3:]):
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path = out / f"{size}x{size}" / "apps" / "zhucun.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise SystemExit(f"render_icon.py: could not write {path}")
