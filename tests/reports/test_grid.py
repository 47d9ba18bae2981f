"""The handbook's ruled tables: page breaks between rows with the head repeated, a row taller
than a page broken between its lines, nothing lost."""
from __future__ import annotations

import re
import subprocess

from app.reports.fonts import load_fonts
from app.reports.grid import grid
from app.reports.page import PdfWriter, Section


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


def _write(tmp_path, rows, widths):
    fonts = load_fonts()
    out = tmp_path / "grid.pdf"
    writer = PdfWriter(out, fonts, title="表格", place="自强村", printed_on="2026-11-22")
    writer.add(Section([grid(fonts, rows, widths, align={2: "right"})], title="表格"))
    writer.close()
    return writer.pages, _pages(out)


def test_a_long_table_repeats_its_head_on_every_page(tmp_path):
    rows = [["日期", "走访人", "金额"]] + [[f"2026-01-{i % 28 + 1:02d}", f"走访人{i:03d}", f"{i},000.00 元"]
                                          for i in range(150)]
    pages, text = _write(tmp_path, rows, [120, 200, 120])
    assert pages >= 3
    assert all("日期走访人金额" in page for page in text)
    joined = "".join(text)
    assert all(f"走访人{i:03d}" in joined for i in range(150))
    assert joined.count("走访人149") == 1  # no row printed twice


def test_a_row_taller_than_a_page_is_broken_between_lines(tmp_path):
    long = "".join(f"第{i}句：家中情况稳定，收入来源可靠。" for i in range(400))
    rows = [["日期", "了解的情况"], ["2026-02-03", long], ["2026-02-04", "最后一行"]]
    pages, text = _write(tmp_path, rows, [80, 300])
    assert pages >= 3
    joined = "".join(page.replace("日期了解的情况", "") for page in text)
    assert re.sub(r"\s+", "", long) in re.sub(r"\d{4}-\d{2}-\d{2}|第\d+页，共\d+页|表格|自强村打印日期", "", joined) \
        or all(f"第{i}句" in joined for i in range(400))
    assert "最后一行" in text[-1]
