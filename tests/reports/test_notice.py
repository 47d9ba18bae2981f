"""The village public notice (公示) of October 2026's decisions, printed from a demo village
whose households all have ID numbers and phones: names and decisions only."""
from __future__ import annotations

import re
import shutil

import pytest

from app.core.errors import ValidationError
from app.reports.fonts import load_fonts
from app.reports.notice import notice_flowables, notice_title, write_notice
from app.services import reporting
from app.storage.store import Store
from tests.support.printed import (MONTH, PASSPHRASE, TODAY, assert_only_embedded_fonts, build_village, inked,
                                   page_pages, pdf_text)

ID_NUMBER = re.compile(r"\d{17}[\dXx]")
MOBILE = re.compile(r"1[3-9]\d{9}")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notice") / "v"
    heads = build_village(folder)
    with Store.open(folder, PASSPHRASE) as store:
        entries = reporting.notice_entries(store, MONTH)
        place = reporting.village_place(store)
        names = [e["head_name"] for e in entries]
        marks = store.query(
            "SELECT m.id_number AS id, h.phone AS phone FROM members m JOIN households h ON h.id = m.household_id"
            f" WHERE h.head_name IN ({', '.join('?' * len(names))}) AND m.deleted = 0", names)
    return entries, place, heads, marks


@pytest.fixture(scope="module")
def printed(village, tmp_path_factory):
    entries, place, _, _ = village
    out = tmp_path_factory.mktemp("pdf") / "公示.pdf"
    pages = write_notice(entries, out, village=place["village"], township=place["township"], month=MONTH,
                         printed_on=TODAY.isoformat())
    return out, pages


def test_the_notice_names_the_decisions(village, printed):
    entries, place, heads, _ = village
    out, pages = printed
    assert [(e["head_name"], e["decision"]) for e in entries] == [
        (heads["identified"], "纳入监测"), (heads["eliminated"], "风险消除")]
    text = pdf_text(out)
    assert notice_title("紫荆村") == "关于紫荆村防止返贫监测对象识别纳入和风险消除的公示"
    assert "关于紫荆村防止返贫监测对象识别纳入和风险消除的公示" in text
    for column in ("序号", "户主姓名", "村民小组", "类别", "决定", "日期"):
        assert column in text
    for e in entries:
        assert e["head_name"] in text and e["group_name"] in text and e["category"] in text
    assert "纳入监测" in text and "风险消除" in text
    assert "2026年10月12日" in text and "2026年10月20日" in text
    assert "公示期为5天：2026年11月20日至2026年11月24日" in text
    assert "紫荆村村民委员会或涧池镇人民政府反映" in text
    assert "紫荆村村民委员会（盖章）" in text
    assert pages == page_pages(out) == 1


def test_no_id_numbers_phones_or_health_in_the_notice(village, printed):
    entries, _, _, marks = village
    ids = [m["id"] for m in marks if m["id"]]
    phones = [m["phone"] for m in marks if m["phone"]]
    assert ids and phones  # the households in the notice do have them in the store
    text = pdf_text(printed[0])
    assert not ID_NUMBER.search(text)
    assert not MOBILE.search(text)
    assert not any(x in text for x in ids + phones)
    assert "因病" not in text  # a risk type would tell the village about an illness


def test_only_the_listed_fields_are_printed_whatever_the_entries_hold(village, tmp_path):
    entries, place, _, marks = village
    leaky = [{**e, "id_number": marks[0]["id"], "phone": "13912345678", "bank_account": "6222020200112233445",
              "health": "患有大病"} for e in entries]
    out = tmp_path / "n.pdf"
    write_notice(leaky, out, village=place["village"], month=MONTH, printed_on="2026-11-20")
    text = pdf_text(out)
    assert not ID_NUMBER.search(text) and not MOBILE.search(text)
    assert "6222020200112233445" not in text and "患有大病" not in text
    assert "乡（镇）人民政府" in text  # no township given


def test_fonts_embedded_and_page_not_blank(printed, tmp_path):
    assert_only_embedded_fonts(printed[0])
    assert inked(printed[0], tmp_path) > 0.005


def test_no_decisions_no_notice(village, tmp_path):
    _, place, _, _ = village
    out = tmp_path / "empty.pdf"
    with pytest.raises(ValidationError) as e:
        write_notice([], out, village=place["village"], month="2026-09", printed_on="2026-11-20")
    assert (e.value.field, e.value.rule) == ("month", "no decisions this month")
    assert list(tmp_path.iterdir()) == []


def test_publicity_period_and_inputs_checked(village, tmp_path):
    entries, place, _, _ = village
    with pytest.raises(ValidationError) as e:
        write_notice(entries, tmp_path / "a.pdf", village=place["village"], month=MONTH, printed_on="2026-11-20",
                     days=3)
    assert (e.value.field, e.value.rule) == ("days", "at least 5 days")
    with pytest.raises(ValidationError) as e:
        write_notice(entries, tmp_path / "b.pdf", village="紫荆村", month="2026年10月", printed_on="2026-11-20")
    assert e.value.field == "month"
    with pytest.raises(ValidationError) as e:
        write_notice(entries, tmp_path / "c.pdf", village=" ", month=MONTH, printed_on="2026-11-20")
    assert e.value.field == "village"
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "seven.pdf"
    write_notice(entries, out, village=place["village"], month=MONTH, printed_on="2026-11-28", days=7)
    assert "公示期为7天：2026年11月28日至2026年12月4日" in pdf_text(out)


def test_flowables_without_a_posting_date_leave_the_dates_to_write_in(village):
    entries, place, _, _ = village
    flowables = notice_flowables(load_fonts(), entries, village=place["village"], month=MONTH, width=480)
    texts = [getattr(f, "text", "") for f in flowables]
    assert any("＿＿＿＿年＿＿月＿＿日至＿＿＿＿年＿＿月＿＿日" in t for t in texts)
    assert texts[-1] == "＿＿＿＿年＿＿月＿＿日"
