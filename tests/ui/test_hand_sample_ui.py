"""The hand sample in Settings, and a same-hand finding on the checks page: both signatures and
the figures shown, 已核实：不是同一人 recorded and the finding gone."""
import pytest
from PySide6.QtCore import QPoint, Qt

from app.core import handwriting, signature
from app.services import hand_samples
from app.storage.store import Store

from tests.support.stores import FAST_KDF

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def session(qapp, tmp_path):
    from app.ui.mainwindow.main import make_app
    from app.ui.mainwindow.session import Session
    make_app()
    store, _ = Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)
    yield Session(store)
    if store.conn is not None:
        store.close()


def scribble(qtbot, pad, k):
    points = [(60 + 40 * i, 80 + (15 if (i + k) % 2 else -15)) for i in range(6)]
    qtbot.mousePress(pad, LEFT, NONE, QPoint(*points[0]))
    for p in points[1:]:
        qtbot.wait(2)
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, LEFT, NONE, QPoint(*points[-1]))


def test_settings_records_a_hand_sample_one_text_at_a_time(session, qtbot):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(session)
    qtbot.addWidget(page)
    assert "还没有录入笔迹样本" in page.hand_status.text()
    page.show_hand_sample()
    dialog = page.hand_dialog
    assert "王建国" in dialog.prompt.text() and not dialog.next_button.isEnabled()
    dialog.pad.resize(600, 200)
    for k, text in enumerate(hand_samples.SHEET):
        assert f"“{text}”" in dialog.prompt.text()
        scribble(qtbot, dialog.pad, k)
        dialog.next_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    sample = session.call(lambda store: hand_samples.sample_of(store, store.user_id))
    assert [i["text"] for i in sample["items"]] == list(hand_samples.SHEET)
    assert "已录入笔迹样本：8项" in page.hand_status.text()


def test_a_finding_shows_both_signatures_and_can_be_dismissed(session, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.ui.checks.checks_page import ChecksPage
    own = handwriting.Writer(7_200_001).sign("王芳", 1)

    def seed(store):
        hid = store.records.insert("households", {"head_name": "李四", "category": "stable"})["id"]
        inst = store.records.insert("form_instances", {
            "form_id": "household_info", "form_version": "1", "household_id": hid, "state": "signed",
            "answers": {}, "investigator": "王芳", "filled_on": "2026-10-01"})
        for role, name in (("investigator", "王芳"), ("household", "李四")):
            store.records.insert("form_signatures", {"instance_id": inst["id"], "role": role, "signer_name": name,
                                                     "strokes": own, "image_hash": signature.image_hash(own)})
    session.call(seed)
    page = ChecksPage(session)
    qtbot.addWidget(page)
    page.show()
    page.run_button.click()
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)
    row = next(r for r in range(page.model.rowCount()) if page.model.finding(r).rule == "signature.same_hand")
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.evidence.isVisible(), timeout=20_000)
    assert page.evidence.household_view.layers and page.evidence.reference_view.layers
    assert len(page.evidence.overlay_view.layers) == 2
    assert "阈值" in page.evidence.figures.text() and "误报率" in page.evidence.figures.text()
    assert "没有录入笔迹样本" in page.evidence.figures.text()

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("入户见户主本人签名", True)))
    before = len(page.findings)
    page.evidence.dismiss_button.click()
    qtbot.waitUntil(lambda: len(page.findings) == before - 1, timeout=20_000)
    assert not any(f.rule == "signature.same_hand" for f in page.findings)
    reviews = session.call(lambda store: hand_samples.reviewed(store))
    assert len(reviews) == 1
