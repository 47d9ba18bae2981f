"""The monthly work report (驻村工作月报) printed from a small demo village with October 2026's
decisions and a missed deadline added: what it says, its fonts, and that its pages show."""
from __future__ import annotations

import re
import shutil

import pytest

from app.core.enums import DueKind, MonitoringCategory
from app.core.words import zh
from app.reports.fonts import load_fonts
from app.reports.month_report import date_zh, month_report_flowables, write_month_report
from app.services import reporting
from app.storage.store import Store
from tests.support.printed import (MONTH, PASSPHRASE, TODAY, assert_only_embedded_fonts, build_village, inked,
                                   page_pages, pdf_text)
from tests.support.stores import FAST_KDF

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report") / "v"
    heads = build_village(folder)
    with Store.open(folder, PASSPHRASE) as store:
        summary = reporting.month_summary(store, MONTH, TODAY)
    return summary, heads


@pytest.fixture(scope="module")
def printed(village, tmp_path_factory):
    summary, _ = village
    out = tmp_path_factory.mktemp("pdf") / "月报.pdf"
    pages = write_month_report(summary, out, printed_on=TODAY.isoformat())
    return out, pages


def test_the_report_says_the_months_figures_and_names(village, printed):
    summary, heads = village
    out, pages = printed
    text = pdf_text(out)
    f = summary["figures"]
    assert "紫荆村2026年10月驻村工作月报" in text
    assert "汉阴县涧池镇紫荆村" in text
    for heading in ("一、本月概况", "二、工作提示完成情况", "三、走访完成情况", "四、发现的风险",
                    "五、识别纳入与风险消除", "六、超期未办", "七、出勤", "八、问题清单"):
        assert heading in text
    assert f"{f['visits']}次，涉及{f['households_visited']}户" in text
    assert f"{f['visits_due']}户次，已完成{f['visits_due_done']}户次" in text
    assert f"共{f['tasks_total']}项，已完成{f['tasks_done']}项" in text
    for p in summary["prompts"]:
        for t in p["tasks"]:
            assert t["title"] in text
    for person in summary["attendance"]["people"]:
        assert person["person"] in text
    for name in summary["team"]:
        assert name in text
    assert heads["identified"] in text and heads["eliminated"] in text
    assert f"识别纳入（{f['identified']}户）" in text and f"风险消除（{f['eliminated']}户）" in text
    assert zh(MonitoringCategory, summary["cases"]["identified"][0]["monitoring_category"]) in text
    for r in summary["risks"]["visits"]:
        assert r["head_name"] in text
    assert pages == page_pages(out) >= 2


def test_the_missed_deadline_is_printed(village, printed):
    summary, heads = village
    late = [d for d in summary["deadlines"] if d["head_name"] == heads["late"]]
    assert [(d["step"], d["deadline"], d["done_on"]) for d in late] == [("identify", "2026-10-25", None)]
    text = pdf_text(printed[0])
    section = text[text.index("六、超期未办"):text.index("七、出勤")]
    assert heads["late"] in section and "识别认定" in section
    assert date_zh("2026-10-25") in section and "已超期6天" in section


def test_visits_section_has_the_chart_in_the_report_font(village, printed):
    summary, _ = village
    text = pdf_text(printed[0])
    section = text[text.index("三、走访完成情况"):text.index("四、发现的风险")]
    assert "应完成" in section and "已完成" in section  # the chart's legend
    for k in summary["due"]["kinds"]:
        assert zh(DueKind, k["kind"]) in section
    late = [r for r in summary["due"]["not_done"] if r["status"] == "overdue"]
    assert late and f"逾期未完成名单（{len(late)}户次）" in section
    assert all(r["head_name"] in section for r in late)
    assert_only_embedded_fonts(printed[0])


def test_page_one_is_not_blank(printed, tmp_path):
    assert inked(printed[0], tmp_path) > 0.01


def test_an_empty_month_says_so_in_every_section(tmp_path):
    store, _ = Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)
    with store:
        summary = reporting.month_summary(store, MONTH, TODAY)
    out = tmp_path / "empty.pdf"
    assert write_month_report(summary, out, printed_on="2026-11-20") == 1
    text = pdf_text(out)
    assert "本月未收到驻村工作提示" in text and "本月无应走访联系的农户" in text
    for a, b in (("四、发现的风险", "五、"), ("五、识别纳入与风险消除", "六、"), ("六、超期未办", "七、")):
        assert "本月无" in text[text.index(a):text.index(b, text.index(a))]
    assert "本月未登记出勤" in text and "本月无未销号问题" in text
    assert_only_embedded_fonts(out)


def test_flowables_and_no_file_left_when_writing_fails(village, tmp_path):
    summary, _ = village
    fonts = load_fonts()
    flowables = month_report_flowables(fonts, summary, 480)
    assert len(flowables) > 20
    broken = {**summary, "figures": {}}
    out = tmp_path / "broken.pdf"
    with pytest.raises(KeyError):
        write_month_report(broken, out, printed_on="2026-11-20")
    assert list(tmp_path.iterdir()) == []
