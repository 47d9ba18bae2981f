"""Assistance handbooks as a person checks them: the PDF's text, fonts, pages and QR code."""
from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from app.core.errors import ValidationError

from app.services import cases, households, incomes, printing, visits
from app.services import handbook as hb

from tests.support.stores import add_household

TODAY = date(2026, 11, 20)
BY = "王芳"
RARE = "𪚥"       # CJK Extension B: only the fallback font has it
NO_FONT = "𰀀"    # CJK Extension G: no installed font has it


def pdftotext(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdffonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture
def village(store):
    """张三 (monitored, a full case, incomes, visits, a pairing-cadre change), 王𪚥 (a rare
    character), 李𰀀 (a character no font has)."""
    zhang = add_household(store, "张三", members=[
        ("张三", "head", "1968-03-02", "male"), ("李秀英", "spouse", "1970-07-09", "female"),
        ("张小明", "son", "2012-09-01", "male", {"school_status": "junior"})],
        category="lifted", group_name="第三村民小组", number="4305210010010001", phone="13812345678",
        village="自强村", township="安场镇", pairing_cadre="刘建国")
    households.update_household(store, zhang["id"], {"pairing_cadre": "陈红梅"})
    incomes.add_income(store, zhang["id"], "2025-10-10", {"wage": 1_500_000, "pension": 300_000}, today=TODAY)
    incomes.add_income(store, zhang["id"], "2026-10-10", {"wage": 2_400_000, "business": 600_000,
                                                          "business_expense": 100_000}, today=TODAY)
    case = cases.open_case(store, zhang["id"], "2026-01-05", BY, {"source": "走访发现", "note": "住院"}, today=TODAY)
    cases.record_step(store, case["id"], "check", "2026-01-10", BY, {"note": "入户核查"}, today=TODAY)
    cases.record_step(store, case["id"], "identify", "2026-01-15", BY,
                      {"monitoring_category": "sudden_hardship", "risk_types": ["illness"]}, today=TODAY)
    cases.record_step(store, case["id"], "plan", "2026-01-20", BY, {"measures": ["health", "employment"]},
                      today=TODAY)
    for day, mode, text in (("2026-02-03", "home", "住院报销已办理，身体恢复中。"),
                            ("2026-05-12", "phone", "外出务工稳定，每月工资四千元左右"),
                            ("2026-09-30", "home", "家中无新增困难")):
        visits.add_visit(store, zhang["id"], {"date": day, "mode": mode, "findings": text, "visitor": BY},
                         today=TODAY)
    rare = add_household(store, f"王{RARE}", members=[(f"王{RARE}", "head", "1955-01-01", "male")],
                         category="ordinary", group_name="第一村民小组", number="4305210010010002")
    none = add_household(store, f"李{NO_FONT}", members=[(f"李{NO_FONT}", "head", "1960-01-01", "female")],
                         category="ordinary", group_name="第一村民小组", number="4305210010010003")
    return {"zhang": zhang["id"], "rare": rare["id"], "none": none["id"]}


def _print(store, ids, out, **kw):
    return printing.print_handbooks(store, ids, out, today=TODAY, **kw)


def test_the_handbook_has_every_part_with_the_households_figures(store, village, tmp_path):
    out = tmp_path / "zhang.pdf"
    result = _print(store, [village["zhang"]], out)
    assert result.households == 1 and result.files == [out] and result.pages >= 4
    text = pdftotext(out)
    flat = re.sub(r"\s+", "", text)
    for part in ("帮扶手册", "使用说明", "一、家庭基本情况", "二、家庭成员", "三、收入情况", "四、监测帮扶情况",
                 "五、帮扶计划和措施", "六、帮扶责任人", "七、小额信贷、排查和风险线索", "八、走访记录", "九、签字表单",
                 "十、签字确认"):
        assert part in flat
    for name in ("张三", "李秀英", "张小明", "刘建国", "陈红梅"):
        assert name in text
    # 2026: (24,000 + 6,000 − 1,000) / 3 = 9,666.66 per person; 2025: 18,000 / 3 = 6,000
    assert "29,000.00元" in flat and "9,666.66元" in flat and "6,000.00元" in flat
    assert "突发严重困难户" in flat and "健康" in flat and "就业" in flat
    assert "外出务工稳定" in flat
    # The handbook stays in the house: ID numbers and phones are masked.
    assert not re.search(r"\d{17}[\dX]", flat)
    assert "13812345678" not in flat and "138****5678" in flat
    assert f"第1页，共{result.pages}页" in flat


def test_no_line_starts_with_closing_punctuation(store, village, tmp_path):
    out = tmp_path / "zhang.pdf"
    _print(store, [village["zhang"]], out)
    lines = [line.strip() for line in pdftotext(out).splitlines() if line.strip()]
    assert lines
    offenders = [line for line in lines if line[0] in "，。！？：；”》）"]
    assert offenders == []


def test_every_font_is_embedded_and_the_rare_character_prints(store, village, tmp_path):
    out = tmp_path / "rare.pdf"
    result = _print(store, [village["rare"]], out)
    assert result.skipped == [] and result.households == 1
    fonts = pdffonts(out)
    assert fonts and all(row[-5] == "yes" for row in fonts)  # the "emb" column
    assert not any("Helvetica" in row[0] for row in fonts)
    assert any("HanaMin" in row[0] for row in fonts)
    assert f"王{RARE}" in pdftotext(out)  # copy and search find it, not a garbled code


def test_a_character_no_font_has_is_reported_and_not_printed(store, village, tmp_path):
    out = tmp_path / "all.pdf"
    result = _print(store, [village["zhang"], village["none"], village["rare"]], out)
    assert result.households == 2
    assert {u.household_id for u in result.skipped} == {village["none"]}
    fields = {u.field for u in result.skipped}
    assert "household.head_name" in fields and "members[0].name" in fields
    assert all(u.char == NO_FONT for u in result.skipped)
    assert "U+30000" in result.skipped[0].message()
    text = pdftotext(out)
    assert "张三" in text and NO_FONT not in text
    assert printing.check_fonts(store, [village["none"]], TODAY)[0].as_dict()["codepoint"] == "U+30000"


def test_the_qr_code_carries_the_household_and_the_content_code(store, village, tmp_path):
    out = tmp_path / "zhang.pdf"
    _print(store, [village["zhang"]], out)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", "2", "-l", "2", str(out), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p-*.png"))
    scan = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
    code = hb.content_code(hb.Reader(store, TODAY).data(village["zhang"]))
    assert scan == hb.qr_payload(village["zhang"], code)
    assert code in pdftotext(out, "-f", "2", "-l", "2")
    verdict = printing.verify_print(store, scan, TODAY)
    assert verdict["state"] == "current" and verdict["household_id"] == village["zhang"]


def test_verify_print_says_what_changed_since_printing(store, village, tmp_path):
    _print(store, [village["zhang"]], tmp_path / "zhang.pdf")
    code = hb.content_code(hb.Reader(store, TODAY).data(village["zhang"]))
    assert printing.verify_print(store, code.upper().replace("-", ""), TODAY)["state"] == "current"
    visits.add_visit(store, village["zhang"], {"date": "2026-11-18", "mode": "home", "findings": "新发现：孩子辍学",
                                               "visitor": BY}, today=TODAY)
    verdict = printing.verify_print(store, code, TODAY)
    assert verdict["state"] == "changed"
    assert verdict["changed"] == ["走访记录"]
    assert verdict["current_code"] != code
    assert printing.verify_print(store, "0000-0000-0000-0000", TODAY)["state"] == "unknown"
    with pytest.raises(Exception, match="16"):
        printing.verify_print(store, "12ab", TODAY)


def test_the_same_data_prints_the_same_code(store, village):
    a = hb.content_code(hb.Reader(store, TODAY).data(village["zhang"]))
    b = hb.content_code(hb.Reader(store, date(2026, 11, 21)).data(village["zhang"]))
    assert a == b and re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", a)


def test_one_file_per_household_and_a_group(store, village, tmp_path):
    ids = printing.select_households(store, group="第一村民小组")
    assert set(ids) == {village["rare"], village["none"]}
    result = _print(store, [village["zhang"], village["rare"]], tmp_path / "out", per_household=True)
    assert len(result.files) == 2 and all(f.exists() and f.suffix == ".pdf" for f in result.files)
    assert any("张三" in f.name for f in result.files)
    assert result.pages == sum(int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(f)], capture_output=True, text=True).stdout).group(1)) for f in result.files)


def test_cancel_leaves_no_file_behind(store, village, tmp_path):
    class Stop(Exception):
        pass

    def report(done, total):
        if done == 1:
            raise Stop()

    out = tmp_path / "all.pdf"
    with pytest.raises(Stop):
        _print(store, [village["zhang"], village["rare"]], out, report=report)
    assert list(tmp_path.glob("all.pdf*")) == []  # neither the PDF nor its .part
    assert store.query("SELECT count(*) AS n FROM print_log")[0]["n"] == 0


def test_selection_errors_name_the_rule(store, village):
    with pytest.raises(ValidationError) as e:
        printing.select_households(store)
    assert e.value.field == "households"
    with pytest.raises(Exception, match="no household"):
        printing.select_households(store, household_ids=["nope"])
    assert printing.select_households(store, household_ids=["4305210010010001"]) == [village["zhang"]]
    assert printing.select_households(store, category="监测户") == [village["zhang"]]  # identified
    assert len(printing.select_households(store, all_households=True)) == 3


def test_page_images_are_drawn(store, village, tmp_path):
    out = tmp_path / "zhang.pdf"
    _print(store, [village["zhang"]], out)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(out), str(tmp_path / "g")], check=True)
    pages = sorted(tmp_path.glob("g-*.pgm"))
    assert len(pages) >= 4
    for page in pages:
        raw = page.read_bytes()
        pixels = raw[raw.index(b"255\n") + 4:]
        dark = sum(1 for b in pixels[::7] if b < 128)
        assert dark > 40, page.name  # text, rules and the QR code: a blank page has none


def test_every_households_qr_code_scans_from_a_plain_rendering(tmp_path):
    """Forty handbooks of a demo village: the footer QR code of each one's first page reads
    back at 90 dpi (about what a phone gets from a printed page) with its own payload."""
    from app.demo import build as demo
    from app.storage.store import Store
    from tests.support.stores import FAST_KDF
    folder = tmp_path / "v"
    demo.build_demo(folder, "demo1234", 40, seed=5, today=TODAY, kdf_params=FAST_KDF)
    with Store.open(folder, "demo1234") as store:
        ids = printing.select_households(store, all_households=True)
        result = _print(store, ids, tmp_path / "all.pdf")
        reader = hb.Reader(store, TODAY)
        expected = {hb.qr_payload(h, hb.content_code(reader.data(h))) for h in ids}
    assert result.households == len(ids) == 40
    first_pages, page = [], 1
    for line in pdftotext(tmp_path / "all.pdf").split("\f"):
        if "帮扶手册" in line and "（一户一册）" in line:
            first_pages.append(page)
        page += 1
    assert len(first_pages) == 40
    for n in first_pages:
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-f", str(n), "-l", str(n), str(tmp_path / "all.pdf"),
                        str(tmp_path / f"q{n:04d}")], check=True)
    scans = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("q*.png")))],
                           capture_output=True, text=True).stdout.split()
    assert set(scans) == expected


def test_the_handbook_shows_what_the_household_expects_of_its_duties(store, village, tmp_path):
    """Its pairing cadre since when and why changed, its loans with term and due date, its
    screenings and the risk clues about it with how they were handled."""
    from app.services import clues, credit, pairing, screening
    hid = village["zhang"]
    pairing.assign(store, hid, "刘建国", "2025-03-01", today=TODAY)
    pairing.assign(store, hid, "陈红梅", "2026-04-01", "刘建国调回县直单位", today=TODAY)
    credit.add_loan(store, hid, "30000", "2026-03-15", 36, "养殖肉牛", today=TODAY)
    campaign = screening.add_campaign(store, "2026年上半年全覆盖排查", "2026-05-01", "2026-06-30")
    screening.record_screening(store, campaign["id"], hid, "2026-05-20", "务工收入稳定，无新增风险",
                               screener="王芳", today=TODAY)
    clue = clues.add_clue(store, hid, "self_report", "2026-08-02", "本人申报：孩子上学费用增加", today=TODAY)
    clues.handle_clue(store, clue["id"], "no_risk", "2026-08-10", "已享受教育资助", today=TODAY)
    out = tmp_path / "zhang.pdf"
    _print(store, [hid], out)
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "2025-03-01" in flat and "2026-04-01" in flat and "刘建国调回县直单位" in flat
    assert "30,000.00元" in flat and "36个月" in flat and "2029-03-15" in flat and "养殖肉牛" in flat
    assert "2026年上半年全覆盖排查" in flat and "务工收入稳定" in flat
    assert "农户自主申报" in flat and "孩子上学费用增加" in flat and "核实无风险" in flat


def test_a_household_without_duties_keeps_the_code_printed_before_them(store, village):
    data = hb.handbook_data(hb.Reader(store, TODAY), village["rare"])
    assert data["loans"] is None and data["screenings"] is None and data["clues"] is None
    before = {k: v for k, v in data.items() if k not in ("loans", "screenings", "clues")}
    assert hb.fingerprint(data).code == hb.fingerprint(before).code
