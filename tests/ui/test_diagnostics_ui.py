"""诊断信息 in Settings: one zip where the person chooses, with the versions and the log, and
without the demo village's names and numbers."""
import zipfile

from PySide6.QtWidgets import QFileDialog


def test_settings_saves_the_diagnostics_where_the_person_chooses(session, qtbot, tmp_path, monkeypatch):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(session)
    qtbot.addWidget(page)
    target = tmp_path / "诊断.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.zip"))
    page.diagnostics_button.click()
    assert target.is_file() and not page.diagnostics_status.isHidden()
    assert str(target) in page.diagnostics_status.text()
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        text = "\n".join(z.read(n).decode("utf-8") for n in names)
    assert "diagnostics.json" in names and '"sqlcipher"' in text and '"qt"' in text
    heads = [r[0] for r in session.store.conn.execute("SELECT head_name FROM households")]
    assert heads and not [h for h in heads if h in text]


def test_a_folder_that_cannot_take_the_file_is_said(session, qtbot, tmp_path):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.save_diagnostics(str(tmp_path / "no-such-folder" / "d.zip"))
    assert not page.diagnostics_status.isHidden() and "d.zip" not in page.diagnostics_status.text()
