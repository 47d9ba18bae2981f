"""A same-hand finding a reviewer can judge: the household signature and the investigator's
reference side by side and overlaid, the distance against the threshold and against the
investigator's own spread, the check's measured false-alarm rate, and 已核实：不是同一人."""
from __future__ import annotations

import statistics

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .signature_pad import stroke_path
from ..widgets.style import LINE, PAPER, SIGNATURE_INK, set_role, wrapped

HOUSEHOLD_INK = QColor(SIGNATURE_INK)
REFERENCE_INK = QColor(196, 48, 43, 170)


def _bounds(data: dict) -> QRectF:
    pts = [p for s in data.get("strokes") or [] for p in s]
    if not pts:
        return QRectF(0, 0, 1, 1)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return QRectF(min(xs), min(ys), max(1, max(xs) - min(xs)), max(1, max(ys) - min(ys)))


class SignatureView(QWidget):
    """One or more signatures, each scaled to fill the view (kept in proportion), drawn on top
    of each other in their own ink: one alone is a picture, two are an overlay."""

    def __init__(self, layers=(), parent: QWidget | None = None):
        super().__init__(parent)
        self.layers: list[tuple[dict, QColor]] = list(layers)
        self.setMinimumSize(220, 90)

    def set_layers(self, layers) -> None:
        self.layers = list(layers)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(LINE), 1))
        painter.setBrush(QColor(PAPER))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        box = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        for data, color in self.layers:
            b = _bounds(data)
            scale = min(box.width() / b.width(), box.height() / b.height())
            # Centred: the overlay compares shapes, not where on the pad each was written.
            t = QTransform()
            t.translate(box.center().x(), box.center().y())
            t.scale(scale, scale)
            t.translate(-b.center().x(), -b.center().y())
            painter.setTransform(t)
            painter.setPen(QPen(color, 2.2 / scale, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for stroke in data.get("strokes") or []:
                if stroke:
                    painter.drawPath(stroke_path(stroke))
            painter.resetTransform()
        painter.end()


class SignatureEvidence(QWidget):
    """The evidence of one signature finding (app.services.checks.signature_evidence)."""

    dismiss = Signal(str)   # the note a reviewer gave with 已核实：不是同一人

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signatureEvidence")
        self.household_view = SignatureView()
        self.reference_view = SignatureView()
        self.overlay_view = SignatureView()
        self.household_caption = set_role(QLabel(self.tr("农户签名")), "muted")
        self.reference_caption = set_role(QLabel(), "muted")
        overlay_caption = set_role(QLabel(self.tr("重叠（黑：农户，红：参照）")), "muted")
        row = QHBoxLayout()
        row.setSpacing(10)
        for caption, view in ((self.household_caption, self.household_view),
                              (self.reference_caption, self.reference_view),
                              (overlay_caption, self.overlay_view)):
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(caption)
            box.addWidget(view, 1)
            row.addLayout(box, 1)
        self.figures = wrapped("")
        self.figures.setObjectName("signatureFigures")
        self.dismiss_button = QPushButton(self.tr("已核实：不是同一人…"))
        self.dismiss_button.setObjectName("dismissFinding")
        self.dismiss_button.setToolTip(self.tr("核实后确认两个签名出自不同的人：记录核实结论（留痕、同步），此问题不再提示"))
        self.dismiss_button.clicked.connect(self._ask_note)
        bottom = QHBoxLayout()
        bottom.addWidget(self.figures, 1)
        bottom.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignBottom)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        col.addLayout(row, 1)
        col.addLayout(bottom)
        self.setMinimumHeight(190)

    def show_evidence(self, e: dict) -> None:
        household = e["household"].data
        reference = e.get("reference_strokes")
        self.household_view.set_layers([(household, HOUSEHOLD_INK)])
        self.reference_view.set_layers([(reference, REFERENCE_INK)] if reference else [])
        self.overlay_view.set_layers([(household, HOUSEHOLD_INK)] + ([(reference, REFERENCE_INK)] if reference else []))
        self.reference_caption.setText(self.caption(e))
        self.figures.setText(self.describe(e))

    def caption(self, e: dict) -> str:
        if e.get("reference") == "sample":
            return self.tr("参照：{0}的笔迹样本“{1}”").format(e["investigator"], e.get("reference_text") or "")
        if e.get("reference_strokes") and e.get("sample"):
            return self.tr("参照：{0}在表单上的签名").format(e["investigator"])
        if e.get("reference_strokes"):
            return self.tr("参照：{0}在表单上的签名（未录入笔迹样本）").format(e["investigator"])
        return self.tr("没有可比较的参照签名")

    def describe(self, e: dict) -> str:
        lines = []
        if e.get("distance") is not None:
            verdict = self.tr("不大于阈值：像同一人") if e["distance"] <= e["threshold"] else self.tr("大于阈值")
            lines.append(self.tr("笔迹距离 {0:.2f}，阈值 {1:.2f}（{2}）").format(e["distance"], e["threshold"], verdict))
        if e.get("spread"):
            s = e["spread"]
            what = self.tr("笔迹样本各项（不同字词）之间") if e.get("sample") else self.tr("其表单上各次签名之间")
            lines.append(self.tr("调查人本人{0}的距离：中位数 {1:.2f}，最大 {2:.2f}").format(
                what, statistics.median(s), max(s)))
        if e.get("sample") and e.get("reference") != "sample":
            lines.append(self.tr("与笔迹样本最近的一项距离 {0:.2f}，样本阈值 {1:.2f}：按表单上的签名比较。").format(
                e["sample_distance"], e["sample_threshold"]))
        elif not e.get("sample"):
            lines.append(self.tr("该调查人没有录入笔迹样本（设置 → 我的笔迹样本），只能和其表单上的签名比较。"))
        lines.append(self.tr("此项检查在真实笔迹数据上对不同人的误报率约 {0:.1%}：请人工比对后再下结论。").format(
            e["false_alarms"]))
        return "\n".join(lines)

    def _ask_note(self) -> None:
        note, ok = QInputDialog.getText(self, self.tr("已核实：不是同一人"),
                                        self.tr("核实情况（例如：入户见户主本人签名）："))
        if ok:
            self.dismiss.emit(note.strip())
