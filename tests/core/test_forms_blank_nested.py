"""A repeat inside a repeat prints on paper as its own table after the outer one: the outer table
has no inner columns, and each inner row is numbered by hand with its outer row (2-1)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from app.core.forms.definition import load_file
from app.reports.blank_form import write_blank_form
from app.reports.fonts import load_fonts

FORM = Path(__file__).resolve().parents[1] / "data" / "forms" / "labour_nested.md"


def test_inner_repeat_prints_as_its_own_table_numbered_by_outer_row(tmp_path):
    form = load_file(FORM)
    path = tmp_path / "labour.pdf"
    assert write_blank_form(form, path, fonts=load_fonts(), printed_on="2026-05-01") >= 1
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert "姓名" in text and "地点" in text and "月数" in text
    outer = text[text.index("姓名"):text.index("每行填写一人")]
    assert "工作" not in outer and "地点" not in outer
    assert text.index("姓名") < text.index("地点")
    assert "序号写成所属成员的序号" in text and "序号写成所属成员的序号和本条的序号（如2-1）" in text
