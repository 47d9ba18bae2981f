"""A form with a repeat inside a repeat fills from the command line, is stored with its inner
entries and calculations, and a wrong inner answer is reported by its full path (exit 3)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import cli, ok

FORM = Path(__file__).parent / "data" / "forms" / "labour_nested.md"


def test_nested_repeat_fills_from_the_cli_and_is_stored(tmp_path):
    data = tmp_path / "store"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin"))
    house = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "赵老汉",
                   "--category", "脱贫户", "--residence", "在家")).json
    ok(cli("form", "import", FORM, "--data", data, "--passphrase-stdin"))
    answers = tmp_path / "answers.json"

    def fill(members):
        answers.write_text(json.dumps({"member": members}, ensure_ascii=False), "utf-8")
        return cli("form", "fill", "--form", "labour", "--household", house["id"], "--answers", answers,
                   "--data", data, "--passphrase-stdin", "--json")

    bad = fill([{"m_name": "赵一", "job": [{"place": "县城", "months": "8"}, {"place": "深圳", "months": "14"}]}])
    assert bad.code == 3
    assert [v["field"] for v in json.loads(bad.out)] == ["member[1].job[2].months"]
    filled = ok(fill([{"m_name": "赵一", "job": [{"place": "县城", "months": "8"}, {"place": "深圳", "months": "3"}]},
                      {"m_name": "赵二", "job": [{"place": "本村", "months": "5"}]}]))
    shown = ok(cli("form", "show", filled.json["id"], "--data", data, "--passphrase-stdin", "--json")).json
    first, second = shown["answers"]["member"]
    assert [j["place"] for j in first["job"]] == ["县城", "深圳"] and first["member_months"] == 11
    assert second == {"m_name": "赵二", "job": [{"place": "本村", "months": 5}], "member_months": 5}
