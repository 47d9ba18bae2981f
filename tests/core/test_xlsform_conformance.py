"""pyxform's own test workbooks as a public test suite: each is imported as published and is
either a form Zhucun can fill or refused with the row, column and feature named; never a crash.

    .venv/bin/python tests/core/test_xlsform_conformance.py    # the table in README.md
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.forms.definition import FormError, load_file  # noqa: E402
from app.core.forms.engine import evaluate, initial_answers  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "pyxform"
WORKBOOKS = sorted(p for p in DATA.rglob("*") if p.suffix in (".xls", ".xlsx", ".xlsm", ".md") and p.name != "README.md")
TODAY = date(2026, 11, 20)


def run(path: Path) -> tuple[str, str]:
    """('imported', 'N questions') or ('refused', the reason)."""
    try:
        form = load_file(path)
    except FormError as e:
        reason = str(e).split(": ", 1)[-1] if str(e).startswith(path.name) else str(e)
        where = f"row {e.row}, {e.column}: " if e.row and e.column else ""
        return "refused", where + " ".join(reason.split())[:160]
    state = evaluate(form, initial_answers(form, today=TODAY), TODAY)
    assert isinstance(state.values, dict)
    return "imported", f"{form.summary()['questions']} questions"


def pyxform_converts(path: Path) -> bool:
    """Whether pyxform itself makes an XForm of the workbook (some fixtures are meant to fail)."""
    import warnings

    from pyxform.xls2xform import convert
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            convert(xlsform=str(path), validate=False)
        return True
    except Exception:
        return False


def test_every_workbook_imports_or_is_refused_with_a_reason():
    results = {p: run(p) for p in WORKBOOKS}
    assert len(results) >= 60
    assert all(detail for _, detail in results.values())
    valid = [p for p in WORKBOOKS if pyxform_converts(p)]
    imported = [p for p in valid if results[p][0] == "imported"]
    assert len(imported) / len(valid) >= 0.9, {p.name: results[p] for p in valid if p not in imported}
    # what pyxform refuses, Zhucun refuses too
    assert all(results[p][0] == "refused" for p in WORKBOOKS if p not in valid)


def table() -> str:
    lines = ["| workbook | pyxform | Zhucun | detail |", "|---|---|---|---|"]
    valid = imported = imported_valid = 0
    for p in WORKBOOKS:
        outcome, detail = run(p)
        ok = pyxform_converts(p)
        valid += ok
        imported += outcome == "imported"
        imported_valid += ok and outcome == "imported"
        lines.append(f"| {p.relative_to(DATA).as_posix()} | {'converts' if ok else 'refuses'} | {outcome} | "
                     f"{detail.replace('|', '/')} |")
    lines.append(f"\n{imported_valid} of the {valid} workbooks pyxform converts import "
                 f"({100 * imported_valid / valid:.0f} %); {imported} of all {len(WORKBOOKS)}.")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
