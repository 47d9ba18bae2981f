"""One person, two input devices: the same handwriting recorded through the real pad widget from
mouse events (coarse, whole pixels, fewer samples) and from tablet events (every sample,
sub-pixel) stays one hand for the same-hand check."""
import pytest

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QPointingDevice, QTabletEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core import signature  # noqa: E402
from app.core.handwriting import Writer  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
WRITER, OTHER = Writer(7_300_001), Writer(7_300_002)


def _paced(qtbot, stroke, step, send):
    """Send every `step`-th point of a stroke (and its last), waiting as the writer paused,
    as long as the writer paused."""
    points = stroke[::step] + ([stroke[-1]] if (len(stroke) - 1) % step else [])
    last_t = points[0][2]
    for k, (x, y, t) in enumerate(points):
        qtbot.wait(max(1, t - last_t))
        last_t = t
        send(k, len(points), x, y)


def by_mouse(qtbot, pad, data) -> dict:
    pad.clear()
    for stroke in data["strokes"]:
        def send(k, n, x, y):
            pos = QPoint(x, y)
            if k == 0:
                qtbot.mousePress(pad, LEFT, NONE, pos)
            elif k == n - 1:
                qtbot.mouseRelease(pad, LEFT, NONE, pos)
            else:
                qtbot.mouseMove(pad, pos)
        if len(stroke) == 1:
            stroke = stroke * 2
        _paced(qtbot, stroke, 3, send)
    return pad.strokes()


def by_pen(qtbot, pad, data) -> dict:
    pad.clear()
    device = QPointingDevice.primaryPointingDevice()
    for stroke in data["strokes"]:
        def send(k, n, x, y):
            kind = (QEvent.Type.TabletPress if k == 0 else
                    QEvent.Type.TabletRelease if k == n - 1 else QEvent.Type.TabletMove)
            pos = QPointF(x + 0.3 * ((k % 3) - 1), y + 0.3 * ((k % 2) - 0.5))  # a pen's sub-pixel tremor
            buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
            QApplication.sendEvent(pad, QTabletEvent(kind, device, pos, pad.mapToGlobal(pos), 0.5, 0, 0, 0, 0, 0,
                                                     NONE, LEFT, buttons))
        if len(stroke) == 1:
            stroke = stroke * 2
        _paced(qtbot, stroke, 1, send)
    return pad.strokes()


def test_mouse_and_pen_of_one_hand_stay_one_hand(pad, qtbot):
    original = WRITER.sign("王建国", 1)
    mouse, pen = by_mouse(qtbot, pad, original), by_pen(qtbot, pad, original)
    assert signature.validate(mouse) == mouse and signature.validate(pen) == pen
    n_mouse, n_pen = (sum(len(s) for s in d["strokes"]) for d in (mouse, pen))
    assert n_mouse * 2 < n_pen  # the devices really did report differently
    assert signature.same_hand(mouse, pen)
    # Closer than the same writer signing twice, and far from another person's hand.
    again = WRITER.sign("王建国", 2)
    assert signature.distance(mouse, pen) < signature.distance(original, again)
    assert not signature.same_hand(pen, OTHER.sign("王建国", 1))
