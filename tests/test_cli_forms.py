"""`zhucun form …` as a script runs it: list, prefill, fill (exit 3 with the violations), sign,
verify (and what it says once a signed form is changed behind the application's back)."""
from __future__ import annotations

import json

import pytest

from app.core.handwriting import Writer

from tests.support.cli import cli, ok

TODAY = "2026-11-05"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli_forms")
    data = base / "store"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin"))
    house = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "赵老汉",
                   "--category", "脱贫户", "--residence", "在家")).json
    return {"data": data, "base": base, "household": house["id"]}


def run(env, *args):
    return cli(*args, "--data", env["data"], "--passphrase-stdin")


def test_form_list_json(env):
    forms = ok(run(env, "form", "list", "--json")).json
    assert {"household_info", "visit_record"} <= {f["id"] for f in forms}
    assert all({"id", "version", "title"} <= set(f) for f in forms)


def test_fill_sign_verify(env):
    answers = ok(run(env, "form", "prefill", "--form", "household_info", "--household", env["household"],
                     "--today", TODAY)).json
    assert answers["head_name"] == "赵老汉"
    path = env["base"] / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    bad = run(env, "form", "fill", "--form", "household_info", "--household", env["household"],
              "--answers", path, "--today", TODAY)
    assert bad.code == 3
    violations = json.loads(bad.out)
    assert {"field": "housing_grade", "rule": "required", "message": "必填：住房安全等级"} in violations

    answers.update({"members": [{"m_name": "赵老汉", "m_sex": "male", "m_birth_date": "1950-02-03",
                                 "m_relation": "head", "m_school_status": "none", "m_health": "chronic",
                                 "m_labour": "weak", "m_medical_insurance": "yes"}],
                    "inc_pension": "2400", "inc_dibao": "6000", "income_explanation": "仅有养老金和低保金",
                    "education_ok": "yes", "medical_ok": "yes", "housing_grade": "A", "water_quantity_ok": "yes",
                    "water_quality_ok": "yes", "water_access_ok": "yes", "water_reliable_ok": "yes",
                    "has_supporter": "no"})
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    inst = ok(run(env, "form", "fill", "--form", "household_info", "--household", env["household"],
                  "--answers", path, "--today", TODAY, "--json")).json
    assert inst["state"] == "complete" and inst["investigator"] == "王芳"

    inv, head = env["base"] / "inv.json", env["base"] / "head.json"
    inv.write_text(json.dumps(Writer(1).sign("王芳", 1)), "utf-8")
    head.write_text(json.dumps(Writer(2).sign("赵老汉", 1)), "utf-8")
    signed = ok(run(env, "form", "sign", inst["id"], "--investigator-strokes", inv, "--household-strokes", head,
                    "--today", TODAY, "--json")).json
    assert signed["state"] == "signed"
    result = ok(run(env, "form", "verify", "--json")).json
    assert result == {"ok": True, "checked": 1, "failed": 0, "forms": result["forms"]}

    again = run(env, "form", "sign", inst["id"], "--investigator-strokes", inv, "--household-strokes", head)
    assert again.code == 3 and "already signed" in again.err

    # Changed behind the application's back: the lock trigger dropped, one answer rewritten.
    from app.storage.store import Store
    with Store.open(env["data"], "passphrase1") as store:
        store.conn.execute("DROP TRIGGER form_instances_locked")
        row = store.records.get("form_instances", inst["id"])
        store.conn.execute("UPDATE form_instances SET answers = ? WHERE id = ?",
                           [json.dumps(dict(row["answers"], inc_dibao="9000")), inst["id"]])
    tampered = run(env, "form", "verify")
    assert tampered.code == 3
    assert inst["id"] in tampered.out and "content does not match" in tampered.out


def test_a_county_excel_form_in_chinese_imports_fills_and_prints(env):
    """As a county writes it: Chinese labels, no form_id or version, `list name`, a cascading
    select in the bare form, a default of today(), a calculation; imported, filled and printed."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (["type", "name", "label::中文 (zh)", "required", "choice_filter", "default", "calculation",
                 "constraint"],
                ["date", "survey_date", "调查日期", "yes", "", "today()", "", ""],
                ["select_one town", "town", "乡镇", "yes", "", "", "", ""],
                ["select_one village", "village", "行政村", "yes", "town=${town}", "", "", ""],
                ["integer", "pigs", "生猪存栏（头）", "yes", "", "", "", ". >= 0"],
                ["decimal", "price", "出栏均价（元/头）", "", "", "", "", ""],
                ["calculate", "value", "存栏估值", "", "", "", "${pigs} * ${price}", ""]):
        ws.append(row)
    choices = wb.create_sheet("choices")
    for row in (["list name", "name", "label::中文 (zh)", "town"], ["town", "t1", "城关镇", ""],
                ["town", "t2", "白马乡", ""], ["village", "v1", "东村", "t1"], ["village", "v2", "西村", "t2"]):
        choices.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_title"])
    settings.append(["生猪存栏调查"])
    path = env["base"] / "pigs_county.xlsx"
    wb.save(path)

    imported = ok(run(env, "form", "import", path, "--json")).json
    assert imported["imported"] and imported["title"] == "生猪存栏调查" and imported["version"] == "1"
    form_id = imported["id"]
    answers = ok(run(env, "form", "prefill", "--form", form_id, "--household", env["household"],
                     "--today", TODAY)).json
    assert answers["survey_date"] == TODAY
    answers.update({"town": "t1", "village": "v2", "pigs": 12, "price": "1850.5"})
    file = env["base"] / "pigs_answers.json"
    file.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    bad = run(env, "form", "fill", "--form", form_id, "--household", env["household"], "--answers", file,
              "--today", TODAY)
    assert bad.code == 3 and json.loads(bad.out)[0]["field"] == "village"  # 西村 is not in 城关镇
    answers["village"] = "v1"
    file.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    inst = ok(run(env, "form", "fill", "--form", form_id, "--household", env["household"], "--answers", file,
                  "--today", TODAY, "--json")).json
    assert inst["answers"]["value"] == 22206 and inst["state"] == "complete"

    out = env["base"] / "pigs_blank.pdf"
    ok(run(env, "print", "blank-form", form_id, "--out", out, "--today", TODAY))
    assert out.read_bytes().startswith(b"%PDF")
