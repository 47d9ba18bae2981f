"""Mistakes a new user makes get a sentence naming the file and the rule, with the exit status
the README gives (2 refused, 3 invalid), never a traceback; nothing stored is lost."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from faultkit import audit_ok, cli, copy_store, household_ids, ledger, no_traceback, village  # noqa: F401

from app.core import limits


@pytest.fixture(scope="module")
def store(tmp_path_factory, village) -> Path:
    return copy_store(village, tmp_path_factory.mktemp("cli-faults"))


def _deep_json(path: Path, depth: int = 100_000) -> Path:
    path.write_text("[" * depth + "]" * depth, "utf-8")
    return path


def _invalid(run, *words) -> None:
    assert run.code == 3, run
    no_traceback(run)
    for word in words:
        assert word in run.err, (word, run)


def test_out_naming_a_folder(store, tmp_path):
    _invalid(cli(store, "print", "month-report", "--month", "2026-11", "--out", tmp_path), "--out", "文件夹")
    _invalid(cli(store, "export-ledger", "visits", "--month", "2026-11", "--out", tmp_path), tmp_path.name, "xlsx")


def test_paths_of_the_wrong_kind(store, tmp_path, ledger):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    _invalid(cli(a_file, "init", "--user", "王芳", stdin="passphrase1\npassphrase1\n"), "--data", "不是文件夹")
    _invalid(cli(store, "import-ledger", tmp_path, "--yes"), "是文件夹")
    _invalid(cli(store, "import-ledger", ledger, "--preview", "--report", tmp_path), "--report", "是文件夹")


def test_deep_json_in_form_fill_form_sign_and_config_set(store, tmp_path):
    deep = _deep_json(tmp_path / "deep.json")
    _invalid(cli(store, "form", "fill", "--form", "visit_record", "--household", "x", "--answers", deep),
             "--answers", "deep.json", "嵌套")
    _invalid(cli(store, "form", "sign", "x", "--investigator-strokes", deep, "--household-strokes", deep),
             "--investigator-strokes", "deep.json")
    _invalid(cli(store, "config", "set", "baselines", deep), "deep.json", "嵌套")


def test_config_table_of_the_wrong_shape(store, tmp_path):
    table = tmp_path / "baselines.json"
    table.write_text(json.dumps({"贵州": [1, 2, {"x": None}]}), "utf-8")
    _invalid(cli(store, "config", "set", "baselines", table), "baselines")


def test_ledger_bomb_and_wide_sheet(store, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (64 * limits.MB) + b"</a>")
    _invalid(cli(store, "import-ledger", bomb, "--yes"), "bomb.xlsx", "压缩比")
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"], wb.active["XFD3"] = "户编号", "x"
    wide = tmp_path / "wide.xlsx"
    wb.save(wide)
    _invalid(cli(store, "import-ledger", wide, "--yes"), "wide.xlsx", "16,384 列")


def test_form_import_refuses_a_path_as_id_and_a_huge_title(store, tmp_path):
    for settings, column in (({"form_id": "../../evil", "version": "1"}, "form_id"),
                             ({"form_id": "ok", "version": "1", "form_title": "长" * 350_000}, "form_title")):
        path = tmp_path / "form.json"
        form = {"settings": settings, "survey": [{"type": "text", "name": "a", "label": "A"}]}
        path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")  # a title of about 1 MB
        run = cli(store, "form", "import", path)
        _invalid(run, "form.json", column)
    assert not (tmp_path.parent / "evil").exists()


def test_households_json_is_complete_or_says_it_is_not(store):
    everyone = cli(store, "households", "--json")
    assert everyone.code == 0 and isinstance(everyone.json, list)
    page = cli(store, "households", "--json", "--limit", 5)
    assert page.code == 0, page
    assert page.json["total"] == len(everyone.json) and page.json["truncated"] is True
    assert len(page.json["households"]) == 5
    whole = cli(store, "households", "--json", "--limit", 0).json
    assert whole["truncated"] is False and len(whole["households"]) == whole["total"]


@pytest.mark.parametrize("damage,word", [
    (lambda d: d["users"][0]["kdf"].update(algorithm="pbkdf2"), "pbkdf2"),
    (lambda d: d["users"][0].pop("wrapped"), "wrapped"),
    (lambda d: d.update(users=[{"user_id": 1}]), "users[0]"),
    (lambda d: d.update(users="all"), "users"),
    (lambda d: d["users"][0]["kdf"].update(memory_kib=2**40), "memory_kib"),
])
def test_key_file_of_the_wrong_structure(tmp_path, village, damage, word):
    data = copy_store(village, tmp_path)
    keys = data / "keys.json"
    original = keys.read_bytes()
    content = json.loads(original)
    damage(content)
    keys.write_text(json.dumps(content), "utf-8")
    run = cli(data, "households")
    assert run.code == 2, run
    no_traceback(run)
    assert "keys.json" in run.err and word in run.err and "wrong passphrase" not in run.err, run
    keys.write_bytes(original)  # nothing else was touched: the store opens as before
    audit_ok(data)


def test_audit_and_store_unharmed(store):
    assert household_ids(store)
    audit_ok(store)
