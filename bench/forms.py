"""Figures for the forms: what the filler pays per keystroke, and signing and verifying.

    .venv/bin/python -m bench.forms [--members 6] [--runs 200]

*evaluate*: `engine.evaluate` of the household information form (types, relevance,
calculations, constraints, the missing list), as the filler calls it after every change;
*load*: parsing and checking every shipped definition; *sign*: `forms.sign` (two signatures,
Ed25519, the household-file update); *verify*: `forms.verify` per signed form.
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=6)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
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
    print("| step | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for label, xs in rows:
        print(f"| {label} | {pct(xs, 50):.2f} | {pct(xs, 95):.2f} |")


if __name__ == "__main__":
    main()
