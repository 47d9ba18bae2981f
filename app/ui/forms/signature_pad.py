"""A handwritten signature (签名) taken with the mouse, a pen or a finger, kept as timed strokes.

The strokes are the record: {"width": 600, "height": 200, "strokes": [[[x, y, t], ...], ...]}, x and y
in the pad's own logical units whatever size the widget has on screen, t in milliseconds since the
first point. Ints only, so the record reads the same on every machine.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from ..widgets.style import MUTED, PAD_RULE, PAPER, SIGNATURE_INK, set_role
from ..widgets.style import EDGE as EDGE_COLOUR

INK = QColor(SIGNATURE_INK)
RULE = QColor(PAD_RULE)
EDGE = QColor(EDGE_COLOUR)
INK_WIDTH = 2.6          # logical units: the line thickens with the pad, as on a larger paper form
BASELINE = 0.72          # of the height: room above for tall characters, a little below for descenders


def stroke_path(points) -> QPainterPath:
    """Curves through the midpoints: sampled mouse points look smooth rather than polygonal."""
    path = QPainterPath(QPointF(points[0][0], points[0][1]))
    if len(points) == 1:
        path.lineTo(points[0][0] + 0.01, points[0][1])   # a dot: a zero-length path draws nothing
        return path
    for (x0, y0, _), (x1, y1, _) in zip(points[1:-1], points[2:]):
        path.quadTo(x0, y0, (x0 + x1) / 2, (y0 + y1) / 2)
    path.lineTo(points[-1][0], points[-1][1])
    return path


def paint_strokes(painter: QPainter, strokes) -> None:
    """Strokes in logical units; the painter's transform maps them onto the page."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(INK, INK_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        if stroke:
            painter.drawPath(stroke_path(stroke))


class SignaturePad(QWidget):
    """The paper: draw with mouse, pen or touch. `changed` fires when a stroke ends and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, width: int = 600, height: int = 200):
        super().__init__(parent)
        self._size = (width, height)
        self._strokes: list[list[list[int]]] = []
        self._device: str | None = None      # who draws the current stroke; None between strokes
        self._timer = QElapsedTimer()
        self._offset = 0                     # t carries on after the last point of a loaded signature
        self._read_only = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- the record ----------------------------------------------------------------------------

    def strokes(self) -> dict:
        return {"width": self._size[0], "height": self._size[1],
                "strokes": [[list(p) for p in s] for s in self._strokes]}

    def set_strokes(self, data: dict | None) -> None:
        data = data or {}
        self._size = (int(data.get("width") or self._size[0]), int(data.get("height") or self._size[1]))
        self._strokes = [[[int(v) for v in p[:3]] for p in s] for s in data.get("strokes") or [] if s]
        self._device = None
        self._timer.invalidate()
        self._offset = max((p[2] for s in self._strokes for p in s), default=0)
        self.update()

    def clear(self) -> None:
        self._strokes, self._device, self._offset = [], None, 0
        self._timer.invalidate()
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._device = None
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)
        self.update()

    def is_read_only(self) -> bool:
        return self._read_only

    # -- geometry --------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(*self._size)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._size[0] // 3, self._size[1] // 3)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - the layout keeps the paper's proportions
        return round(width * self._size[1] / self._size[0])

    def _transform(self) -> QTransform:
        """Logical units to widget pixels: the largest paper of the pad's proportions, so a signature
        is never stretched; at the top left, in line with the caption and fields of a form."""
        scale = min(self.width() / self._size[0], self.height() / self._size[1])
        return QTransform(scale, 0, 0, scale, 0, 0)

    def _logical(self, pos: QPointF) -> tuple[int, int]:
        p = self._transform().inverted()[0].map(pos)
        w, h = self._size
        return min(max(round(p.x()), 0), w - 1), min(max(round(p.y()), 0), h - 1)

    # -- input: a stroke runs from press to release, from one device -----------------------------

    def _begin(self, device: str, pos: QPointF) -> None:
        if self._read_only or self._device is not None:
            return   # a second device at once (a pen's synthesised mouse press) would double the stroke
        if not self._timer.isValid():
            self._timer.start()
            self._offset = self._offset + 1 if self._strokes else 0
        self._device = device
        self._strokes.append([])
        self._add(device, pos)

    def _add(self, device: str, pos: QPointF) -> None:
        if self._device != device:
            return
        x, y = self._logical(pos)
        stroke = self._strokes[-1]
        if not stroke or stroke[-1][:2] != [x, y]:
            stroke.append([x, y, self._offset + self._timer.elapsed()])
            self.update()

    def _end(self, device: str, pos: QPointF | None) -> None:
        if self._device != device:
            return
        if pos is not None:
            self._add(device, pos)
        self._device = None
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin("mouse", event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self._add("mouse", event.position())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._end("mouse", event.position())

    def tabletEvent(self, event) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin("pen", event.position())
        elif kind == QEvent.Type.TabletMove:
            self._add("pen", event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end("pen", event.position())
        event.accept()   # accepted, Qt sends no mouse events made up from the pen

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            points = event.points()
            pos = points[0].position() if points else None
            if kind == QEvent.Type.TouchBegin and pos is not None:
                self._begin("touch", pos)
            elif kind == QEvent.Type.TouchUpdate and pos is not None:
                self._add("touch", pos)
            else:
                self._end("touch", pos if kind == QEvent.Type.TouchEnd else None)
            event.accept()   # accepted, Qt sends no mouse events made up from the finger
            return True
        return super().event(event)

    # -- the paper -------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        w, h = self._size
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._transform()
        # The edge inside the paper's outermost pixels, so all four sides show.
        painter.setPen(self._hairline(EDGE))
        painter.setBrush(QColor(PAPER))
        painter.drawRoundedRect(transform.mapRect(QRectF(0, 0, w, h)).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setTransform(transform)
        base = h * BASELINE
        painter.setPen(self._hairline(RULE))   # one pixel at any size, like a printed rule
        painter.drawLine(QPointF(w * 0.05, base), QPointF(w * 0.95, base))
        # The "✕" of paper forms, drawn rather than typed so it needs no font.
        mark = h * 0.06
        cx, cy = w * 0.05 + mark, base - mark * 1.6
        painter.setPen(QPen(RULE, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(cx - mark / 2, cy - mark / 2), QPointF(cx + mark / 2, cy + mark / 2))
        painter.drawLine(QPointF(cx - mark / 2, cy + mark / 2), QPointF(cx + mark / 2, cy - mark / 2))
        paint_strokes(painter, self._strokes)
        if not self._strokes and not self._read_only:
            # In widget pixels: the hint keeps the interface's font size on a small pad.
            below = transform.mapRect(QRectF(0, base, w, h - base))
            painter.resetTransform()
            painter.setPen(QColor(MUTED))
            painter.drawText(below.adjusted(0, 6, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.tr("在横线上方签名"))
        painter.end()

    @staticmethod
    def _hairline(color: QColor) -> QPen:
        pen = QPen(color, 1)
        pen.setCosmetic(True)
        return pen

    @staticmethod
    def render_png(data: dict, path: str, scale: float = 1.0) -> bool:
        """The strokes alone on white, `scale` times the logical size: for review and reports."""
        w, h = int(data.get("width") or 600), int(data.get("height") or 200)
        image = QImage(max(1, round(w * scale)), max(1, round(h * scale)), QImage.Format.Format_RGB32)
        image.fill(QColor(PAPER))
        painter = QPainter(image)
        painter.scale(scale, scale)
        paint_strokes(painter, data.get("strokes") or [])
        painter.end()
        return image.save(str(path), "PNG")


render_png = SignaturePad.render_png


class SignatureField(QWidget):
    """Who signs (the caption), the pad and 重写; with `proxy=True` also a tick for a signature made
    by someone else on the signer's behalf, whose name and reason are then required."""

    changed = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None, proxy: bool = False):
        super().__init__(parent)
        self.caption = set_role(QLabel(caption), "section")
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("重写"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.setToolTip(self.tr("擦掉签名，重新签"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.proxy = QCheckBox(self.tr("由他人代签（本人不能书写）"))
        self.proxy_name = QLineEdit()
        self.proxy_name.setPlaceholderText(self.tr("代签人的姓名"))
        self.proxy_reason = QLineEdit()
        self.proxy_reason.setPlaceholderText(self.tr("例如：不识字、手部有伤"))

        top = QHBoxLayout()
        top.addWidget(self.caption)
        top.addStretch(1)
        top.addWidget(self.clear_button)
        self.proxy_box = QWidget()
        form = QFormLayout(self.proxy_box)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("代签人"), self.proxy_name)
        form.addRow(self.tr("代签原因"), self.proxy_reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.pad)
        layout.addWidget(self.proxy)
        layout.addWidget(self.proxy_box)
        layout.addStretch(1)
        self.proxy.setVisible(proxy)
        self.proxy_box.setVisible(False)

        self.pad.changed.connect(self._pad_changed)
        self.proxy.toggled.connect(self._proxy_toggled)
        self.proxy_name.textChanged.connect(lambda _text: self.changed.emit())
        self.proxy_reason.textChanged.connect(lambda _text: self.changed.emit())
        self._sync_clear()

    def _sync_clear(self) -> None:
        self.clear_button.setEnabled(not self.pad.is_empty() and not self.pad.is_read_only())

    def _pad_changed(self) -> None:
        self._sync_clear()
        self.changed.emit()

    def _proxy_toggled(self, on: bool) -> None:
        self.proxy_box.setVisible(on)
        if on and self.proxy.hasFocus():   # ticked by the person: the name is what they type next
            self.proxy_name.setFocus()
        self.changed.emit()

    def value(self) -> dict:
        proxy = self.proxy.isChecked()
        return {"strokes": self.pad.strokes(), "proxy": proxy,
                "proxy_name": (self.proxy_name.text().strip() or None) if proxy else None,
                "proxy_reason": (self.proxy_reason.text().strip() or None) if proxy else None}

    def set_value(self, value: dict) -> None:
        self.pad.set_strokes(value.get("strokes"))
        self.proxy.setChecked(bool(value.get("proxy")))
        self.proxy_name.setText(value.get("proxy_name") or "")
        self.proxy_reason.setText(value.get("proxy_reason") or "")
        self._pad_changed()

    def problems(self) -> list[str]:
        """What still stops the signature from counting, in the person's words."""
        value, found = self.value(), []
        if self.pad.is_empty():
            found.append(self.tr("还没有签名"))
        if value["proxy"] and not value["proxy_name"]:
            found.append(self.tr("请填写代签人的姓名"))
        if value["proxy"] and not value["proxy_reason"]:
            found.append(self.tr("请填写代签原因"))
        return found

    def set_read_only(self, read_only: bool) -> None:
        self.pad.set_read_only(read_only)
        for widget in (self.proxy, self.proxy_name, self.proxy_reason):
            widget.setEnabled(not read_only)
        self.clear_button.setVisible(not read_only)
        self._sync_clear()
