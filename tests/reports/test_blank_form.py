"""Blank paper forms: every question of the digital form on paper, in embedded fonts, with
the ID number's 18 boxes in the member table."""
from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.core.forms.definition import load_rows
from app.reports.blank_form import CharBoxes, blank_form_flowables, describe, write_blank_form
from app.reports.fonts import load_fonts
from app.services.forms import shipped_forms

REF = re.compile(r"\$\{[^}]*\}")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    return [line.split() for line in lines[2:] if line.strip()]


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the greyscale (or RGB) samples of a PNG written by pdftoppm."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            channels = {0: 1, 2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, ul = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + left) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif f == 4:
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else ul)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, b"".join(rows)


def shipped(form_id: str):
    return next(f for f in shipped_forms() if f.form_id == form_id)


@pytest.fixture(scope="module")
def fonts():
    return load_fonts()


@pytest.fixture(scope="module")
def printed(fonts, tmp_path_factory):
    """Every shipped form printed once: {form_id: (form, pdf path, pages)}."""
    out = {}
    folder = tmp_path_factory.mktemp("blank")
    for form in shipped_forms():
        path = folder / f"{form.form_id}.pdf"
        pages = write_blank_form(form, path, fonts=fonts, place="石门村", printed_on="2026-05-01")
        out[form.form_id] = (form, path, pages)
    return out


def test_every_shipped_form_prints(printed):
    assert set(printed) == {f.form_id for f in shipped_forms()}
    for form, path, pages in printed.values():
        assert path.is_file() and not path.with_name(path.name + ".part").exists()
        assert 1 <= pages <= 6, (form.form_id, pages)


@pytest.mark.parametrize("form_id", [f.form_id for f in shipped_forms()])
def test_every_question_and_choice_is_on_paper(printed, form_id):
    form, path, _ = printed[form_id]
    text = flat(pdftotext(path))
    assert flat(form.title()) in text and form.version in text
    for q in form.walk():
        if q.type == "calculate":
            continue
        if q.type == "note":  # its ${…} are blanks on paper: the words around them are printed
            for piece in REF.split(q.label()):
                assert flat(piece) in text, (q.name, piece)
            continue
        assert flat(q.label()) in text, q.name
        if q.hint():
            assert flat(q.hint()) in text, q.name
        if q.list_name:
            for choice in form.choices[q.list_name]:
                assert flat(choice.label()) in text, (q.name, choice.name)


def test_calculations_are_not_questions_on_paper(printed):
    form, path, _ = printed["household_info"]
    text = pdftotext(path)
    for q in form.walk():
        if q.type == "calculate":
            assert q.name not in text
    assert "${" not in text


@pytest.mark.parametrize("form_id", [f.form_id for f in shipped_forms()])
def test_only_embedded_fonts(printed, form_id):
    _, path, _ = printed[form_id]
    rows = pdffonts(path)
    assert rows
    for row in rows:
        # name type [type…] encoding emb sub uni object ID: emb is the 5th field from the end
        assert row[-5] == "yes", row
    assert not any("Helvetica" in row[0] for row in rows)


def test_first_page_is_not_blank(printed, tmp_path):
    _, path, _ = printed["household_info"]
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-png", str(path),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    width, height, pixels = png_pixels(png)
    assert width > 400 and height > 600
    dark = sum(1 for p in pixels if p < 128)
    assert dark > 0.01 * len(pixels)   # ruled cells, boxes and text, not an empty page


def _drawn_id_boxes(monkeypatch, fonts, tmp_path, form, rows):
    """Each CharBoxes drawn while printing `form`: (its boxes, the width its cell offered)."""
    seen = []
    draw, wrap = CharBoxes.draw, CharBoxes.wrap

    def recording_wrap(self, avail_width, avail_height):
        self.offered = avail_width
        return wrap(self, avail_width, avail_height)

    def recording_draw(self):
        draw(self)
        seen.append((list(self.drawn), self.offered, self.width))

    monkeypatch.setattr(CharBoxes, "wrap", recording_wrap)
    monkeypatch.setattr(CharBoxes, "draw", recording_draw)
    write_blank_form(form, tmp_path / f"ids{rows}.pdf", fonts=fonts, repeat_rows=rows)
    return seen


@pytest.mark.parametrize("rows", [6, 3])
def test_member_id_column_has_18_boxes_per_row(monkeypatch, fonts, tmp_path, rows):
    form = shipped("household_info")
    seen = _drawn_id_boxes(monkeypatch, fonts, tmp_path, form, rows)
    assert len(seen) == rows                      # one ID field per empty member row
    for boxes, offered, width in seen:
        assert len(boxes) == 18
        assert width <= offered + 0.01              # inside the column, not over its neighbour
        xs = [x for x, _, _, _ in boxes]
        assert xs == sorted(xs)
        for (x, _, w, h), (nx, _, _, _) in zip(boxes, boxes[1:]):
            assert nx >= x + w - 0.01               # side by side, never overlapping
        assert all(w >= 3.5 * mm and h >= 5 * mm for _, _, w, h in boxes)   # room for a digit by pen


def test_relevance_in_words():
    form = shipped("household_info")
    q = form.question
    assert describe(form, q("monitoring_category").relevant) == "户类型为“监测户”"
    assert describe(form, q("can_fix_housing_alone").relevant) == \
        "住房安全等级为“C级（局部危房）”或“D级（整幢危房）”"
    assert describe(form, q("m_welfare_post").relevant) == "年龄大于或等于16"
    assert describe(form, q("risk_description").relevant) == "风险类型（最多5项）有勾选"
    assert describe(form, q("below_note").relevant) is None   # a calculation: no words for it


def test_flowables_start_with_the_title(fonts):
    form = shipped("help_plan")
    flows = blank_form_flowables(fonts, form, repeat_rows=2)
    assert all(isinstance(f, Flowable) for f in flows)
    assert flows[0].text == "帮扶计划"
    assert any("help_plan" in getattr(f, "text", "") and "2026.1" in f.text for f in flows[:3])


def test_copies_restart_and_add_pages(fonts, tmp_path):
    form = shipped("visit_record")
    one = write_blank_form(form, tmp_path / "one.pdf", fonts=fonts)
    three = write_blank_form(form, tmp_path / "three.pdf", fonts=fonts, copies=3)
    assert three == 3 * one
    assert pdftotext(tmp_path / "three.pdf").count(f"共 {one} 页") == three


XLSFORM_ROWS = {
    "settings": [{"form_id": "village_survey", "version": "1", "form_title": "村级摸底表"}],
    "survey": [
        {"type": "begin_group", "name": "g", "label": "一、户情况"},
        {"type": "text", "name": "head", "label": "户主", "required": "yes"},
        {"type": "integer", "name": "size", "label": "家庭人口", "constraint": ". >= 1 and . <= 20"},
        {"type": "decimal", "name": "income", "label": "年收入（元）"},
        {"type": "date", "name": "day", "label": "填表日期"},
        {"type": "select_multiple help", "name": "needs", "label": "需要的帮助"},
        {"type": "note", "name": "hint", "label": "以下由本人填写"},
        {"type": "end_group"},
        {"type": "begin_repeat", "name": "people", "label": "二、人员"},
        {"type": "text", "name": "pname", "label": "姓名"},
        {"type": "text", "name": "pid", "label": "证件号码", "constraint": "id-valid(.)"},
        {"type": "select_one yn", "name": "works", "label": "是否务工"},
        {"type": "end_repeat"},
        {"type": "signature", "name": "sig", "label": "填表人签名", "parameters": "role=investigator"},
    ],
    "choices": [
        {"list_name": "help", "name": "loan", "label": "小额信贷"},
        {"list_name": "help", "name": "job", "label": "就业岗位"},
        {"list_name": "yn", "name": "y", "label": "是"},
        {"list_name": "yn", "name": "n", "label": "否"},
    ],
}


def test_an_imported_xlsform_prints(monkeypatch, fonts, tmp_path):
    form = load_rows(XLSFORM_ROWS, "摸底表.xlsx")
    path = tmp_path / "imported.pdf"
    pages = write_blank_form(form, path, fonts=fonts, place="石门村", printed_on="2026-05-01")
    assert pages >= 1
    text = flat(pdftotext(path))
    for label in ("村级摸底表", "户主", "家庭人口", "年收入（元）", "填表日期", "需要的帮助", "以下由本人填写",
                  "二、人员", "姓名", "证件号码", "是否务工", "填表人签名", "小额信贷", "就业岗位", "签名", "日期"):
        assert flat(label) in text, label
    assert "户编号" in text and "户主姓名" in text    # the form has neither: the paper asks for both
    assert all(row[-5] == "yes" for row in pdffonts(path))
    seen = _drawn_id_boxes(monkeypatch, fonts, tmp_path, form, 2)
    assert len(seen) == 2 and all(len(boxes) == 18 for boxes, _, _ in seen)
