"""Figures for the forms: what the filler pays per keystroke, and signing and verifying.

    .venv/bin/python -m bench.forms [--members 6] [--runs 200]

*evaluate*: `engine.evaluate` of the household information form (types, relevance,
calculations, constraints, the missing list), as the filler calls it after every change;
*load*: parsing and checking every shipped definition; *sign*: `forms.sign` (two signatures,
Ed25519, the household-file update); *verify*: `forms.verify` per signed form.

    .venv/bin/python -m bench.forms --xlsforms [--runs 50]

*XLSForms*: importing (pyxform reads the workbook, the definition is checked) a generated
1,000-question workbook and a 30,000-choice list; evaluate() per keystroke on the 1,000-question
form; and a hostile form's evaluation (42 rows of concat doubling, regex `(a+)+$` on 35 and on
10,000 characters, a 1,400-term sum, a 1E+10000000 decimal answer), which the limits bound.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from app.core.forms.definition import load_file
from app.core.forms.engine import evaluate
from app.core.handwriting import Writer
from app.core.idnumber import make_id_number
from app.core.enums import Sex
from app.services import forms, households
from app.storage.store import Store

from .run import pct

TODAY = date(2026, 11, 20)
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}


def answers(n_members: int) -> dict:
    members = []
    for i in range(n_members):
        birth = date(1960 + 7 * i, 1 + i % 12, 1 + i)
        members.append({"m_name": f"成员{i}", "m_id_number": make_id_number("430521", birth, Sex.MALE, i),
                        "m_sex": "male", "m_birth_date": birth.isoformat(),
                        "m_relation": "head" if i == 0 else "son", "m_school_status": "none", "m_health": "healthy",
                        "m_labour": "ordinary", "m_work_months": 10, "m_monthly_wage": "3500",
                        "m_medical_insurance": "yes"})
    return {"head_name": "成员0", "category": "lifted", "residence": "at_home", "members": members,
            "inc_wage": "42000", "inc_business": "3000.5", "inc_business_expense": "800", "baseline": "7300",
            "education_ok": "yes", "medical_ok": "yes", "housing_grade": "A", "water_quantity_ok": "yes",
            "water_quality_ok": "yes", "water_access_ok": "yes", "water_reliable_ok": "yes",
            "has_supporter": "yes", "risk_types": ["illness"], "risk_description": "大病"}


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _workbook(path: Path, survey: list[list], choices: list[list]) -> Path:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    for title, rows in (("survey", survey), ("choices", choices),
                        ("settings", [["form_id", "version", "form_title"], [path.stem, "1", path.stem]])):
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def big_form(path: Path, n: int = 1000) -> tuple[Path, dict]:
    """n questions in groups of 50: integers with constraints, selects, texts, dates, relevance
    and calculation chains; and answers for all of them."""
    head = ["type", "name", "label::中文", "relevant", "constraint", "calculation", "required"]
    survey, answers = [head], {}
    for i in range(n):
        if i % 50 == 0:
            survey.append(["begin group", f"g{i // 50}", f"第{i // 50}组", "", "", "", ""])
        kind = ("integer", "select_one yn", "text", "date", "calculate")[i % 5]
        prev = f"q{i - 1}" if i else None
        relevant = f"${{{prev}}} != ''" if prev and i % 7 == 0 else ""
        calc = f"coalesce(${{q{i - 4}}}, 0) + 1" if kind == "calculate" and i >= 4 else ("1" if kind == "calculate" else "")
        survey.append([kind, f"q{i}", f"问题{i}", relevant, ". >= 0" if kind == "integer" else "", calc,
                       "yes" if kind == "integer" else ""])
        answers[f"q{i}"] = {"integer": i, "select_one yn": "y", "text": f"答案{i}", "date": "2026-11-20"}.get(kind)
        if i % 50 == 49:
            survey.append(["end group", "", "", "", "", "", ""])
    choices = [["list_name", "name", "label::中文"], ["yn", "y", "是"], ["yn", "n", "否"]]
    return _workbook(path, survey, choices), {k: v for k, v in answers.items() if v is not None}


def many_choices(path: Path, n: int = 30_000) -> Path:
    survey = [["type", "name", "label::中文", "choice_filter"], ["select_one town", "town", "乡镇", ""],
              ["select_one village", "village", "村", "town=${town}"]]
    choices = [["list_name", "name", "label::中文", "town"]]
    choices += [["town", f"t{i}", f"乡镇{i}", ""] for i in range(100)]
    choices += [["village", f"v{i}", f"村{i}", f"t{i % 100}"] for i in range(n)]
    return _workbook(path, survey, choices)


def hostile_form() -> tuple:
    from app.core.forms.definition import load_rows
    survey = [{"type": "text", "name": "s0"}, {"type": "text", "name": "t", "constraint": "regex(., '(a+)+$')"},
              {"type": "decimal", "name": "d"},
              {"type": "calculate", "name": "sum", "calculation": " + ".join(["${d}"] * 1400)}]
    survey += [{"type": "calculate", "name": f"s{i}", "calculation": f"concat(${{s{i - 1}}}, ${{s{i - 1}}})"}
               for i in range(1, 43)]
    form = load_rows({"settings": {"form_id": "hostile", "version": "1"}, "survey": survey}, "hostile.yaml")
    return form, [{"s0": "ab", "t": "a" * 35 + "b", "d": "1E+10000000"},
                  {"s0": "ab", "t": "a" * 9_999 + "b", "d": "1.5"}]


def xlsform_figures(runs: int) -> list:
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-xlsform-"))
    try:
        big, data = big_form(work / "big_form.xlsx")
        lists = many_choices(work / "villages.xlsx")
        rows = [("import a 1,000-question XLSForm (.xlsx)", timed(lambda: load_file(big), 5)),
                ("import a 30,000-choice list (.xlsx)", timed(lambda: load_file(lists), 5))]
        form = load_file(big)
        rows.append(("evaluate the 1,000-question form (per keystroke)", timed(lambda: evaluate(form, data, TODAY),
                                                                               runs)))
        villages = load_file(lists)
        from app.core.forms.definition import load_rows
        from app.services.forms import _portable
        stored = _portable(villages.rows)
        rows.append(("load the stored 30,000-choice definition (each command that lists forms)",
                     timed(lambda: load_rows(stored, "stored"), 5)))
        rows.append(("evaluate a select filtered from 30,000 choices", timed(
            lambda: evaluate(villages, {"town": "t7", "village": "v7"}, TODAY), runs)))
        hostile, inputs = hostile_form()
        rows.append(("evaluate the hostile form (worst of two answer sets)", timed(
            lambda: [evaluate(hostile, a, TODAY) for a in inputs], 5)))
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=6)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--xlsforms", action="store_true", help="the XLSForm figures instead")
    args = ap.parse_args()
    if args.xlsforms:
        return _print(xlsform_figures(min(args.runs, 50)))
    paths = sorted(forms.FORMS_DIR.glob("*.yaml"))
    form = load_file(forms.FORMS_DIR / "household_info.yaml")
    data = answers(args.members)
    rows = [("load every shipped definition", timed(lambda: [load_file(p) for p in paths], 20))]
    rows.append((f"evaluate household_info, {args.members} members", timed(lambda: evaluate(form, data, TODAY),
                                                                            args.runs)))
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-forms-"))
    try:
        store, _ = Store.create(work / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)
        with store:
            hid = households.add_household(store, {"head_name": "成员0", "category": "lifted"})["id"]
            inv, head = Writer(1), Writer(2)
            signing, n = [], 0

            def one():
                nonlocal n
                n += 1
                inst = forms.fill(store, "household_info", hid, data, today=TODAY)
                t = time.perf_counter()
                forms.sign(store, inst["id"], {"investigator": inv.sign("王芳", n), "household": head.sign("成员0", n)},
                           today=TODAY)
                signing.append((time.perf_counter() - t) * 1000)
            rows.append(("fill and sign", timed(one, 40)))
            rows.append(("sign (two signatures, key, household file)", signing))
            t = time.perf_counter()
            result = forms.verify(store)
            per = (time.perf_counter() - t) * 1000 / result["checked"]
            rows.append((f"verify, per signed form ({result['checked']} forms)", [per]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(rows)


def _print(rows) -> None:
    print("| step | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for label, xs in rows:
        print(f"| {label} | {pct(xs, 50):.2f} | {pct(xs, 95):.2f} |")


if __name__ == "__main__":
    main()
