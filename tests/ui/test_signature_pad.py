"""The signature pad: strokes from mouse, pen and touch in the pad's own 600×200 units, timed,
cleared, shown read-only, and rendered to PNG."""
import pytest

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPointingDevice, QTabletEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui.forms.signature_pad import SignatureField, SignaturePad, render_png  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def draw(qtbot, widget, points, pause=3):
    """One stroke: press at the first point, move through the rest, release at the last."""
    qtbot.mousePress(widget, LEFT, NONE, QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.wait(pause)
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.wait(pause)
    qtbot.mouseRelease(widget, LEFT, NONE, QPoint(*points[-1]))


def test_an_empty_pad(pad):
    assert pad.is_empty()
    assert pad.strokes() == {"width": 600, "height": 200, "strokes": []}


def test_one_press_makes_one_timed_stroke(pad, qtbot):
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(50, 100), (80, 110), (120, 90), (160, 120)])
    data = pad.strokes()
    assert len(data["strokes"]) == 1
    stroke = data["strokes"][0]
    assert [p[:2] for p in stroke] == [[50, 100], [80, 110], [120, 90], [160, 120]]
    times = [p[2] for p in stroke]
    assert times[0] == 0 and all(a < b for a, b in zip(times, times[1:]))
    assert all(type(v) is int for p in stroke for v in p)
    assert not pad.is_empty()


def test_a_smaller_widget_still_records_in_pad_units(pad, qtbot):
    pad.resize(300, 100)
    draw(qtbot, pad, [(25, 50), (40, 55), (80, 60)])
    data = pad.strokes()
    assert (data["width"], data["height"]) == (600, 200)
    xs = [p[0] for p in data["strokes"][0]]
    ys = [p[1] for p in data["strokes"][0]]
    assert xs == pytest.approx([50, 80, 160], abs=2)
    assert ys == pytest.approx([100, 110, 120], abs=2)


def test_two_strokes_in_order_with_time_running_on(pad, qtbot):
    draw(qtbot, pad, [(50, 100), (100, 100)])
    qtbot.wait(5)
    draw(qtbot, pad, [(200, 60), (200, 140)])
    strokes = pad.strokes()["strokes"]
    assert len(strokes) == 2
    assert strokes[0][0][:2] == [50, 100] and strokes[1][0][:2] == [200, 60]
    assert strokes[1][0][2] > strokes[0][-1][2]


def test_repeated_points_are_skipped_and_points_clamped_to_the_pad(pad, qtbot):
    qtbot.mousePress(pad, LEFT, NONE, QPoint(10, 10))
    qtbot.mouseMove(pad, QPoint(10, 10))
    qtbot.mouseMove(pad, QPoint(-40, 500))
    qtbot.mouseRelease(pad, LEFT, NONE, QPoint(-40, 500))
    assert [p[:2] for p in pad.strokes()["strokes"][0]] == [[10, 10], [0, 199]]


def test_clear_empties_and_says_so(pad, qtbot):
    draw(qtbot, pad, [(50, 100), (100, 120)])
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.strokes()["strokes"] == []


def test_read_only_ignores_input(pad, qtbot):
    pad.set_read_only(True)
    draw(qtbot, pad, [(50, 100), (100, 120)])
    assert pad.is_empty()
    pad.set_read_only(False)
    draw(qtbot, pad, [(50, 100), (100, 120)])
    assert not pad.is_empty()


def test_set_strokes_round_trips_and_drawing_carries_on(pad, qtbot):
    data = {"width": 600, "height": 200, "strokes": [[[10, 20, 0], [30, 40, 15]], [[100, 100, 400]]]}
    pad.set_strokes(data)
    assert pad.strokes() == data
    data["strokes"][0][0][0] = 999          # the pad keeps its own copy
    assert pad.strokes()["strokes"][0][0][0] == 10
    draw(qtbot, pad, [(300, 100), (320, 110)])
    strokes = pad.strokes()["strokes"]
    assert len(strokes) == 3 and strokes[2][0][2] > 400


def test_a_pen_draws_one_stroke(pad, qtbot):
    device = QPointingDevice.primaryPointingDevice()

    def tablet(kind, x, y, buttons):
        pos = QPointF(x, y)
        event = QTabletEvent(kind, device, pos, pad.mapToGlobal(pos), 0.5, 0, 0, 0, 0, 0, NONE, LEFT, buttons)
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()

    tablet(QEvent.Type.TabletPress, 40, 50, LEFT)
    tablet(QEvent.Type.TabletMove, 60, 70, LEFT)
    tablet(QEvent.Type.TabletRelease, 80, 90, Qt.MouseButton.NoButton)
    assert [[p[:2] for p in s] for s in pad.strokes()["strokes"]] == [[[40, 50], [60, 70], [80, 90]]]


def test_a_finger_draws_one_stroke(pad, qtbot):
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(40, 50), pad).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(70, 60), pad).commit()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, screen).release(0, QPoint(90, 80), pad).commit()
    assert [[p[:2] for p in s] for s in pad.strokes()["strokes"]] == [[[40, 50], [70, 60], [90, 80]]]


@pytest.fixture
def field(qtbot):
    widget = SignatureField("户主签名", proxy=True)
    qtbot.addWidget(widget)
    widget.resize(620, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_field_problems_name_the_proxy_only_when_ticked(field, qtbot):
    assert field.problems() == ["还没有签名"]
    draw(qtbot, field.pad, [(50, 100), (150, 120)])
    assert field.problems() == []
    assert field.value()["proxy"] is False and field.value()["proxy_name"] is None

    field.proxy.setChecked(True)
    assert field.proxy_name.isVisible()
    assert field.problems() == ["请填写代签人的姓名", "请填写代签原因"]
    field.proxy_name.setText(" 李明 ")
    assert field.problems() == ["请填写代签原因"]
    field.proxy_reason.setText("不识字")
    assert field.problems() == []
    value = field.value()
    assert value["proxy"] is True and value["proxy_name"] == "李明" and value["proxy_reason"] == "不识字"
    assert len(value["strokes"]["strokes"]) == 1


def test_field_clear_button_and_read_only(field, qtbot):
    assert not field.clear_button.isEnabled()
    draw(qtbot, field.pad, [(50, 100), (150, 120)])
    assert field.clear_button.isEnabled()
    with qtbot.waitSignal(field.changed):
        qtbot.mouseClick(field.clear_button, LEFT)
    assert field.pad.is_empty()
    field.set_value({"strokes": {"width": 600, "height": 200, "strokes": [[[1, 2, 0], [3, 4, 5]]]},
                     "proxy": True, "proxy_name": "李明", "proxy_reason": "手部有伤"})
    field.set_read_only(True)
    assert field.clear_button.isHidden() and not field.proxy_name.isEnabled()
    assert field.value()["proxy_name"] == "李明"


def test_render_png_inks_where_the_stroke_passes(tmp_path):
    data = {"width": 600, "height": 200, "strokes": [[[100, 100, 0], [500, 100, 200]]]}
    path = tmp_path / "sig.png"
    assert render_png(data, str(path), scale=0.5)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (300, 100)
    assert min(image.pixelColor(150, y).lightness() for y in range(47, 54)) < 160    # on the stroke
    assert image.pixelColor(150, 10).lightness() == 255                                # far from it
    assert SignaturePad.render_png is render_png


def test_screenshot_of_a_signed_field(field, qtbot):
    """A signature drawn into the field, saved for a person to look at."""
    field.proxy.setChecked(True)
    field.proxy_name.setText("李明")
    field.proxy_reason.setText("不识字")
    zhang = [[(90, 60), (130, 58), (170, 62)], [(130, 40), (128, 90), (120, 130)],
             [(100, 100), (140, 95), (165, 105), (150, 140), (130, 150)],
             [(200, 50), (205, 140)], [(200, 70), (250, 65), (245, 135), (205, 138)],
             [(205, 100), (245, 98)], [(280, 80), (320, 60), (300, 110), (340, 120), (380, 90), (420, 130)]]
    for stroke in zhang:
        draw(qtbot, field.pad, stroke, pause=1)
    assert len(field.pad.strokes()["strokes"]) == len(zhang)
    assert field.grab().save("/tmp/signature_pad.png")
