"""A form with photo, recording and file questions prints on paper: each as a box to tick when
the photo, recording or file has been taken, to be attached when the form is entered."""
from __future__ import annotations

import re
import subprocess

from app.core.forms.definition import load_rows
from app.reports.blank_form import write_blank_form
from app.reports.fonts import load_fonts


def test_photo_recording_and_file_questions_print_as_boxes_to_tick(tmp_path):
    form = load_rows({"settings": {"form_id": "house_check", "version": "1", "form_title": "住房核查"}, "survey": [
        {"type": "image", "name": "house_photo", "label": "住房照片"},
        {"type": "audio", "name": "talk", "label": "访谈录音"},
        {"type": "file", "name": "proof", "label": "证明材料"},
        {"type": "text", "name": "note", "label": "备注"},
    ]}, "house_check.yaml")
    path = tmp_path / "house_check.pdf"
    assert write_blank_form(form, path, fonts=load_fonts(), printed_on="2026-05-01") >= 1
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    for label, tick in (("住房照片", "已拍照，录入时附上照片"), ("访谈录音", "已录音，录入时附上录音"),
                        ("证明材料", "已收集，录入时附上文件")):
        assert label in text and tick in text, label
    assert text.index("住房照片") < text.index("已拍照") < text.index("访谈录音")
