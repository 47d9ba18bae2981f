"""Photos, recordings and files in the form window: chosen from the disk, shown by name and size
(a photo also as a thumbnail), removed, refused over the limit, and never shown as their content."""
import base64
import hashlib

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402

from app.core.forms.answers import MAX_ATTACHMENT  # noqa: E402
from app.services import forms  # noqa: E402
from app.ui.forms import form_widgets  # noqa: E402
from app.ui.forms.form_widgets import AttachmentEditor, file_size, shown_value  # noqa: E402
from tests.support.window import open_form  # noqa: E402

FORM = """
| survey |  |  |  |  |
|  | type | name | label::中文 (zh) | required |
|  | image | house_photo | 住房照片 | yes |
|  | file | proof | 证明材料 | |
| settings |  |  |  |  |
|  | form_id | version | form_title::中文 (zh) | |
|  | house_check | 1 | 住房核查 | |
"""


@pytest.fixture
def filler(qtbot, session, hid, tmp_path):  # noqa: F811
    path = tmp_path / "house_check.md"
    path.write_text(FORM, "utf-8")
    return open_form(qtbot, session, hid, path, "house_check")


@pytest.fixture
def photo(tmp_path):
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7d5c"))
    path = tmp_path / "住房.png"
    assert image.save(str(path))
    return path


def choose(qtbot, monkeypatch, editor, path):
    monkeypatch.setattr(form_widgets, "choose_file", lambda parent, caption, kind: str(path))
    qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)


def test_a_photo_is_chosen_shown_and_kept_in_the_answers(qtbot, monkeypatch, filler, photo):
    editor = filler.cells["house_photo"].editor
    assert isinstance(editor, AttachmentEditor) and not editor.remove.isVisible()
    assert [i.path for i in filler.state.missing] == ["house_photo"]
    choose(qtbot, monkeypatch, editor, photo)
    raw = photo.read_bytes()
    assert editor.name.text() == f"住房.png（{file_size(len(raw))}）"
    assert editor.thumbnail.isVisible() and max(editor.thumbnail.pixmap().width(),
                                                editor.thumbnail.pixmap().height()) == form_widgets.THUMBNAIL
    assert editor.remove.isVisible()
    stored = filler.state.values["house_photo"]
    assert stored["name"] == "住房.png" and stored["size"] == len(raw)
    assert stored["sha256"] == hashlib.sha256(raw).hexdigest() and base64.b64decode(stored["data"]) == raw
    assert filler.state.complete, filler.state.problems()


def test_a_file_is_removed(qtbot, monkeypatch, filler, tmp_path):
    doc = tmp_path / "低保证明.pdf"
    doc.write_bytes(b"%PDF-1.4 " + b"x" * 3000)
    editor = filler.cells["proof"].editor
    choose(qtbot, monkeypatch, editor, doc)
    assert filler.state.values["proof"]["size"] == 3009
    assert editor.name.text() == "低保证明.pdf（2.9 KB）" and not editor.thumbnail.isVisible()
    qtbot.mouseClick(editor.remove, Qt.MouseButton.LeftButton)
    assert editor.value() is None and "proof" not in filler.answers()
    assert filler.state.values.get("proof") is None and editor.name.text() == "未附文件"


def test_a_file_over_the_limit_is_refused_with_the_limit(qtbot, monkeypatch, filler, tmp_path):
    big = tmp_path / "录像.mp4"
    with big.open("wb") as f:
        f.truncate(MAX_ATTACHMENT + 1)   # sparse: nothing is written
    editor = filler.cells["proof"].editor
    choose(qtbot, monkeypatch, editor, big)
    assert editor.value() is None and "proof" not in filler.answers()
    assert editor.name.text() == f"文件过大：8.0 MB，最多 {MAX_ATTACHMENT >> 20} MB"


def test_a_missing_file_is_named(qtbot, monkeypatch, filler, tmp_path):
    editor = filler.cells["proof"].editor
    choose(qtbot, monkeypatch, editor, tmp_path / "gone.jpg")
    assert editor.value() is None and editor.name.text() == "无法读取文件：gone.jpg"


def test_a_saved_attachment_is_shown_by_name_and_size_never_its_content(qtbot, monkeypatch, filler, photo):
    choose(qtbot, monkeypatch, filler.cells["house_photo"].editor, photo)
    stored = filler.state.values["house_photo"]
    q = filler.form.by_name["house_photo"]
    text = shown_value(filler.form, q, stored, "中文")
    assert text == f"住房.png（{file_size(stored['size'])}）" and stored["data"][:16] not in text
    assert shown_value(filler.form, q, stored, "English") == f"住房.png ({file_size(stored['size'])})"
    # Only name and content, as the command line gives it: the size is counted from the content.
    assert shown_value(filler.form, q, {"name": "a.txt", "data": base64.b64encode(b"hello").decode()},
                       "中文") == "a.txt（5 B）"
    # Reopened from the stored answer, the editor shows the same.
    again = AttachmentEditor("image", "中文")
    qtbot.addWidget(again)
    again.set_value(stored)
    assert again.name.text() == text and again.value() == stored and not again.thumbnail.pixmap().isNull()
