"""The command line and the ledger import refuse a school stage the age rules out, with the
same member rule the window uses (app.core.household.check_school_stage_age)."""
from __future__ import annotations

import io
import json
import sys

from app.cli import main as cli_main
from app.services import ledger_import
from app.storage.store import Store
from tests.ledgers.test_import import TODAY, family, ident, ledger
from tests.support.stores import FAST_KDF


def cli(tmp_path, capsys, *argv) -> tuple[int, dict]:
    sys.stdin = io.StringIO("passphrase1\n")
    try:
        code = cli_main(["--data", str(tmp_path / "s"), "--passphrase-stdin", "--json", *argv])
    finally:
        sys.stdin = sys.__stdin__
    out = capsys.readouterr()
    return code, json.loads(out.out or out.err or "{}")


def test_the_command_line_refuses_a_six_year_old_at_college(tmp_path, capsys):
    Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)[0].close()
    code, home = cli(tmp_path, capsys, "household", "add", "--head", "张三", "--category", "ordinary")
    assert code == 0
    child = ident(f"{TODAY.year - 6}-01-02", "男", 5)
    code, out = cli(tmp_path, capsys, "member", "add", "--household", home["id"], "--name", "张小宝",
                    "--relation", "之孙子", "--id-number", child, "--school-status", "大专及以上")
    assert code == 3 and out["field"] == "school_status"
    assert "6岁" in out["message"]
    code, _ = cli(tmp_path, capsys, "member", "add", "--household", home["id"], "--name", "张小宝",
                  "--relation", "之孙子", "--id-number", child, "--school-status", "小学")
    assert code == 0


def test_the_ledger_import_rejects_the_row_naming_the_column(store, tmp_path):
    rows = family(extra=[{"户编号": "001", "户主姓名": "张建国", "村民小组": "一组", "户类型": "脱贫户",
                          "姓名": "张大", "证件号码": ident("1986-01-02", "男", 3), "与户主关系": "之子",
                          "健康状况": "健康", "劳动技能": "无劳动力", "在校生状况": "小学"}])
    ledger(tmp_path / "a.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "a.xlsx", today=TODAY)
    [bad] = result.rejected
    assert "在校生状况" in bad.column and "40岁" in bad.reason
