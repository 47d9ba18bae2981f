"""A member ledger as the national system exports it, for a synthetic village: title rows
above the header, columns in the national order shuffled, one column this program does not
know, and (with `errors`) the mistakes real ledgers carry — a wrong check digit, a relation
the system does not have, a person listed twice, a household whose head is missing, an ID
number Excel turned into a number. Used by the benchmark, the tests and the screenshots."""
from __future__ import annotations

import random
from pathlib import Path

from app.demo.plan import build_village_plan

from .roster import COLUMNS, roster_rows

UNKNOWN_HEADER = "帮扶联系人电话"


def sample_rows(households: int, seed: int = 1, today=None) -> tuple[list[str], list[list]]:
    plan = build_village_plan(households, seed, today)
    place = plan["place"]
    hs, ms = [], []
    for h in plan["households"]:
        head = next(m for m in h["members"] if m["relation"] == "head")
        hs.append({"id": h["key"], "province": place["province"], "county": place["county"],
                   "township": place["township"], "village": place["village"], "group_name": h["group_name"],
                   "number": h["number"], "head_name": head["name"], "category": h["category"],
                   "monitoring_category": h.get("monitoring_category"), "monitoring_since": h.get("monitoring_since"),
                   "risk_types": h.get("risk_types") or [], "risk_eliminated": h.get("risk_eliminated"),
                   "pairing_cadre": h.get("pairing_cadre")})
        for m in h["members"]:
            ms.append({"household_id": h["key"], **{k: m.get(k) for k in (
                "name", "id_number", "sex", "birth_date", "relation", "ethnicity", "education", "school_status",
                "health", "disability_grade", "labour", "work_months", "work_place", "phone", "medical_insurance",
                "serious_illness_insurance", "pension_insurance", "welfare_post")}})
    headers = [h for h, _ in COLUMNS]
    return headers, [list(r) for r in roster_rows(hs, ms)]


def write_national_sample(path: Path, households: int = 3000, seed: int = 1, errors: bool = True) -> dict:
    """Write the ledger; returns what was planted: {"rows", "bad": {reason: [row numbers]}}."""
    from openpyxl import Workbook
    rng = random.Random(seed)
    headers, rows = sample_rows(households, seed)
    col = {h: i for i, h in enumerate(headers)}
    planted: list[tuple[str, list]] = []
    if errors and len(rows) > 40:
        relation, number, id_col = col["与户主关系"], col["户编号"], col["证件号码"]
        sizes: dict[str, int] = {}
        for r in rows:
            sizes[r[number]] = sizes.get(r[number], 0) + 1
        victim = rng.choice(sorted(k for k, v in sizes.items() if v >= 3))
        # A household whose head row is missing: every other row of it is rejected.
        rows = [r for r in rows if not (r[number] == victim and r[relation] == "户主")]
        planted += [("head_missing", r) for r in rows if r[number] == victim]
        pool = [r for r in rows if r[number] != victim and r[relation] != "户主"]
        wrong, typo, numeric, twice = rng.sample(pool, 4)
        wrong[id_col] = wrong[id_col][:17] + ("0" if wrong[id_col][17] != "0" else "1")
        typo[relation] = "表兄弟"
        numeric[id_col] = float(numeric[id_col][:17] + "0")
        dup = list(twice)  # the same person a second time, at the end of the sheet
        rows.append(dup)
        planted += [("check_digit", wrong), ("relation", typo), ("numeric_id", numeric), ("duplicate", dup)]
    first_data_row = 4
    where = {id(r): first_data_row + i for i, r in enumerate(rows)}
    bad: dict[str, list[int]] = {}
    for reason, r in planted:
        bad.setdefault(reason, []).append(where[id(r)])
    order = headers[:]
    rng.shuffle(order)
    order.insert(rng.randrange(len(order)), UNKNOWN_HEADER)
    wb = Workbook()  # not write_only: shared strings, as Excel and the national system write
    ws = wb.active
    ws.title = "户成员信息"
    ws.append(["防止返贫监测对象及脱贫户家庭成员信息表"])
    ws.append(["导出单位：县乡村振兴局", None, "导出时间：2026-11-01"])
    ws.append(order)
    for r in rows:
        ws.append([f"139{rng.randrange(10**8):08d}" if h == UNKNOWN_HEADER else r[col[h]] for h in order])
    path = Path(path)
    wb.save(path)
    return {"rows": len(rows), "bad": bad}
