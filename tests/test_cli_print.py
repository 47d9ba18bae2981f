"""`zhucun print …` and `zhucun verify-print` as a script runs them: exit codes, JSON, and what
the PDFs say (read back with pdftotext).

One store, built with the CLI, serves every test; each call costs a process start and a key
derivation, so the calls are kept few. The store, in 紫荆村:

  张三   脱贫户   第三村民小组  phone and a member with an ID number
  李四   一般农户 第一村民小组  visited in October 2026
  王五   一般农户 第一村民小组  phone and an ID number; identified 监测户 on 2026-10-12 (因病)
  王𰀀   脱贫户   第二村民小组  U+30000 in the head's name: no installed font has it
  赵七 ×2 脱贫户  第四村民小组  two households of one name, neither with a 户编号
"""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.core.enums import Sex
from app.core.idnumber import make_id_number
from tests.support.cli import cli, ok

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")

TODAY = "2026-11-05"
UNPRINTABLE = "\U00030000"  # 𰀀, CJK Extension G: in no installed font
CODE = re.compile(r"核验码 ([0-9a-f]{4}(?:-[0-9a-f]{4}){3})")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def run(env, *args):
    return cli(*args, "--data", env["data"], "--passphrase-stdin", "--json")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli_print")
    data = base / "store"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin"))
    e = {"base": base, "data": data}
    place = ("--village", "紫荆村", "--township", "涧池镇")

    def household(*opts):
        return ok(run(e, "household", "add", *opts, *place)).json["id"]

    e["zhang_phone"], e["wang_phone"] = "13812345678", "13998765432"
    e["zhang_idn"] = make_id_number("430521", date(1968, 3, 2), Sex.MALE, 7)
    e["wang_idn"] = make_id_number("430521", date(1975, 5, 6), Sex.MALE, 3)
    e["zhang"] = household("--head", "张三", "--category", "脱贫户", "--group", "第三村民小组",
                           "--phone", e["zhang_phone"], "--residence", "在家")
    ok(run(e, "member", "add", "--household", e["zhang"], "--name", "张三", "--relation", "户主",
           "--id-number", e["zhang_idn"]))
    e["li"] = household("--head", "李四", "--category", "一般农户", "--group", "第一村民小组")
    e["wang"] = household("--head", "王五", "--category", "一般农户", "--group", "第一村民小组",
                          "--phone", e["wang_phone"])
    ok(run(e, "member", "add", "--household", e["wang"], "--name", "王五", "--relation", "户主",
           "--id-number", e["wang_idn"]))
    e["odd"] = household("--head", "王" + UNPRINTABLE, "--category", "脱贫户", "--group", "第二村民小组")
    e["twins"] = [household("--head", "赵七", "--category", "脱贫户", "--group", "第四村民小组")
                  for _ in range(2)]
    # October 2026: 王五 is identified (a decision for the notice) and 李四 is visited.
    case = ok(run(e, "case", "clue", e["wang"], "--date", "2026-10-08", "--source", "走访发现",
                  "--today", TODAY)).json["id"]
    ok(run(e, "case", "check", case, "--date", "2026-10-09", "--today", TODAY))
    ident = ok(run(e, "case", "identify", case, "--date", "2026-10-12", "--category", "边缘易致贫户",
                   "--risks", "因病", "--today", TODAY)).json
    assert ident["state"] == "identified"
    ok(run(e, "visit", "add", "--household", e["li"], "--date", "2026-10-20", "--mode", "home",
           "--note", "家中正常", "--met", "李四"))
    return e


# -- handbooks ---------------------------------------------------------------------
def test_handbook_of_one_household(env):
    out = env["base"] / "one" / "张三.pdf"
    result = ok(run(env, "print", "handbook", "--household", env["zhang"], "--out", out, "--today", TODAY)).json
    assert {"files", "pages", "households", "skipped"} <= set(result)
    assert result["files"] == [str(out)]
    assert result["households"] == 1 and result["skipped"] == []
    assert result["pages"] >= 1
    assert out.exists() and not out.with_name(out.name + ".part").exists()
    text = pdf_text(out)
    assert "张三" in text
    assert CODE.search(text)
    # The handbook stays in the household's house: phone and ID number are masked.
    assert "138****5678" in text
    assert env["zhang_phone"] not in text and env["zhang_idn"] not in text
    assert not MOBILE.search(text) and not ID_NUMBER.search(text)


def test_handbook_by_group(env):
    out = env["base"] / "group.pdf"
    result = ok(run(env, "print", "handbook", "--group", "第三村民小组", "--out", out, "--today", TODAY)).json
    assert result["households"] == 1 and result["skipped"] == []
    text = pdf_text(out)
    assert "张三" in text
    assert "李四" not in text and "王五" not in text


def test_handbook_by_category(env):
    # 王五 was 一般农户 but is 监测户 since his identification: only 李四 is left.
    out = env["base"] / "category.pdf"
    result = ok(run(env, "print", "handbook", "--category", "一般农户", "--out", out, "--today", TODAY)).json
    assert result["households"] == 1 and result["skipped"] == []
    text = pdf_text(out)
    assert "李四" in text
    assert "王五" not in text and "张三" not in text


def test_handbook_per_household_writes_one_file_each(env):
    folder = env["base"] / "per-household"
    result = ok(run(env, "print", "handbook", "--group", "第一村民小组", "--per-household", "--out", folder,
                    "--today", TODAY)).json
    assert result["households"] == 2 and result["skipped"] == []
    files = sorted(Path(f) for f in result["files"])
    assert files == sorted(folder.iterdir())  # nothing else (no .part) in the folder
    assert len(files) == 2 and all(f.suffix == ".pdf" for f in files)
    heads = {}
    for f in files:
        text = pdf_text(f)
        heads[f] = [name for name in ("李四", "王五") if name in text]
    assert sorted(h for hs in heads.values() for h in hs) == ["李四", "王五"]
    for f, hs in heads.items():
        assert len(hs) == 1 and hs[0] in f.name


def test_handbook_needs_a_selection(env):
    # A usage mistake: argparse refuses it before the store is opened. The CLI maps usage
    # mistakes to exit 3 (invalid input), not argparse's usual 2.
    out = env["base"] / "none.pdf"
    none = cli("print", "handbook", "--out", out, "--data", env["data"], "--passphrase-stdin")
    assert none.code == 3, none
    assert "--household --all --category --group is required" in none.err
    both = cli("print", "handbook", "--all", "--group", "第一村民小组", "--out", out, "--data", env["data"],
               "--passphrase-stdin")
    assert both.code == 3, both
    assert "not allowed with argument" in both.err
    assert not out.exists()


def test_all_skips_the_household_no_font_can_print(env):
    out = env["base"] / "all.pdf"
    run_ = run(env, "print", "handbook", "--all", "--out", out, "--today", TODAY)
    assert run_.code == 3, run_
    result = run_.json
    assert result["households"] == 5  # every other household is printed
    assert result["skipped"] == [{"household_id": env["odd"], "head_name": "王" + UNPRINTABLE,
                                  "field": "household.head_name", "field_zh": "家庭基本情况 户主姓名",
                                  "char": UNPRINTABLE, "codepoint": "U+30000"}]
    assert result["files"] == [str(out)]
    text = pdf_text(out)
    for name in ("张三", "李四", "王五", "赵七"):
        assert name in text
    assert UNPRINTABLE not in text


def test_per_household_files_of_namesakes_do_not_overwrite_each_other(env):
    folder = env["base"] / "namesakes"
    result = ok(run(env, "print", "handbook", "--group", "第四村民小组", "--per-household", "--out", folder,
                    "--today", TODAY)).json
    assert result["households"] == 2
    assert len(set(result["files"])) == 2
    assert len(list(folder.glob("*.pdf"))) == 2


# -- verify-print --------------------------------------------------------------------
def test_verify_print_current_then_changed(env):
    out = env["base"] / "verify" / "张三.pdf"
    ok(run(env, "print", "handbook", "--household", env["zhang"], "--out", out, "--today", TODAY))
    codes = set(CODE.findall(pdf_text(out)))
    assert len(codes) == 1  # the same code in every page's footer
    code = codes.pop()

    current = ok(run(env, "verify-print", code, "--today", TODAY)).json
    assert current["state"] == "current"
    assert current["household_id"] == env["zhang"] and current["head_name"] == "张三"
    assert current["current_code"] == code and current["changed"] == []
    assert current["printed_at"]
    # The QR code's payload (upper case, with the household id) is accepted as well.
    scanned = ok(run(env, "verify-print", f"ZHUCUN:HANDBOOK:{env['zhang']}:{code}".upper(), "--today", TODAY)).json
    assert scanned["state"] == "current"

    ok(run(env, "visit", "add", "--household", env["zhang"], "--date", "2026-10-15", "--mode", "home",
           "--note", "家中正常", "--met", "张三"))
    changed = run(env, "verify-print", code, "--today", TODAY)
    assert changed.code == 3, changed
    verdict = changed.json
    assert verdict["state"] == "changed"
    assert verdict["household_id"] == env["zhang"]
    assert verdict["changed"] == ["走访记录"]
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", verdict["current_code"])
    assert verdict["current_code"] != code


def test_verify_print_unknown_and_malformed_codes(env):
    unknown = run(env, "verify-print", "0000-1111-2222-3333", "--today", TODAY)
    assert unknown.code == 3, unknown
    assert unknown.json["state"] == "unknown"
    assert unknown.json["code"] == "0000-1111-2222-3333"

    malformed = run(env, "verify-print", "12ab-zz", "--today", TODAY)
    assert malformed.code == 3, malformed
    assert malformed.json["field"] == "code"
    assert "code" in malformed.err and "16" in malformed.err


# -- blank forms -----------------------------------------------------------------------
def test_blank_form(env):
    out = env["base"] / "forms" / "household_info.pdf"
    result = ok(run(env, "print", "blank-form", "household_info", "--out", out)).json
    assert result["files"] == [str(out)] and result["pages"] >= 1
    text = pdf_text(out)
    for label in ("农户信息采集表", "户主姓名", "村民小组", "联系电话", "家庭成员", "身份证号", "务工收入"):
        assert label in text, label


def test_blank_form_refusals(env):
    unknown = run(env, "print", "blank-form", "no_such_form", "--out", env["base"] / "forms" / "x.pdf")
    assert unknown.code != 0, unknown
    assert "no form no_such_form" in unknown.err
    assert not (env["base"] / "forms" / "x.pdf").exists()

    none = run(env, "print", "blank-form", "household_info", "--copies", "0", "--out", env["base"] / "forms" / "0.pdf")
    assert none.code == 3, none
    assert none.json["field"] == "copies"
    assert "copies" in none.err
    assert not (env["base"] / "forms" / "0.pdf").exists()


# -- the monthly report ----------------------------------------------------------------
def test_month_report(env):
    out = env["base"] / "report" / "2026-10.pdf"
    result = ok(run(env, "print", "month-report", "--month", "2026-10", "--out", out, "--today", TODAY)).json
    assert result["files"] == [str(out)] and result["pages"] >= 1
    text = pdf_text(out)
    assert "2026年10月驻村工作月报" in text
    assert "紫荆村" in text


def test_month_report_bad_month(env):
    out = env["base"] / "report" / "bad.pdf"
    bad = run(env, "print", "month-report", "--month", "2026-13", "--out", out, "--today", TODAY)
    assert bad.code == 3, bad
    assert bad.json["field"] == "month"
    assert "month" in bad.err
    assert not out.exists()


# -- the public notice -----------------------------------------------------------------
def test_notice_without_decisions_is_refused(env):
    out = env["base"] / "notice" / "2026-09.pdf"
    run_ = run(env, "print", "notice", "--month", "2026-09", "--out", out, "--today", TODAY)
    assert run_.code == 3, run_
    assert run_.json["field"] == "month"
    assert run_.json["rule"] == "no decisions this month"
    assert "no decisions" in run_.err
    assert not out.exists() and not out.with_name(out.name + ".part").exists()


def test_notice_names_the_decision_and_nothing_private(env):
    out = env["base"] / "notice" / "2026-10.pdf"
    result = ok(run(env, "print", "notice", "--month", "2026-10", "--out", out, "--today", TODAY)).json
    assert result["files"] == [str(out)]
    assert result["households"] == 1
    text = pdf_text(out)
    assert "关于紫荆村防止返贫监测对象识别纳入和风险消除的公示" in text
    assert "王五" in text and "第一村民小组" in text and "纳入监测" in text
    assert "2026年10月12日" in text
    assert "涧池镇人民政府" in re.sub(r"\s+", "", text)  # objections go to the named township
    # Names and decisions only: no ID number, no mobile number, no risk type (an illness).
    assert not ID_NUMBER.search(text)
    assert not MOBILE.search(text)
    assert env["wang_idn"] not in text and env["wang_phone"] not in text
    assert "因病" not in text
