"""A synthetic village in a new store, for demos, training and benchmarks.

The plan comes from `app.demo.plan.build_village_plan` (deterministic for a seed); every record
goes through the same validation, audit chain and outbox as a real one.
"""
from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from app.core import clock
from app.core.enums import Role
from app.core.household import clean_household, clean_member
from app.core.income import IncomeItems, per_capita
from app.core.monitoring import CaseEvent
from app.services import cases, config, review_signoff, worklog
from app.services.visits import clean_visit
from app.storage import search
from app.storage.store import Store

from .annual_forms import seed_annual_forms
from .duties import seed_duties
from .forms import seed_fabrications, seed_forms
from .plan import build_village_plan

CHUNK = 50  # households per transaction: a crash mid-build keeps what was committed


def build_demo(data_dir: Path, passphrase: str, households: int, seed: int = 1, user_name: str | None = None,
               today: date | None = None, progress=None, kdf_params: dict | None = None, years: int = 2,
               extra_visits: float = 1.0, annual_forms: bool = False) -> dict:
    """The village of `build_village_plan` (with its `years` and `extra_visits`) in a new store.
    With `annual_forms`, most households have a signed information form from each autumn (the
    five-year village of the benchmarks) instead of the demo's one household in five."""
    started = time.perf_counter()
    today = today or clock.today()
    plan = build_village_plan(households, seed=seed, today=today, years=years, extra_visits=extra_visits)
    phases = {"plan": time.perf_counter() - started}
    leader = next((t["name"] for t in plan["team"] if t["role"] == "leader"), plan["team"][0]["name"])
    store, code = Store.create(data_dir, user_name or leader, passphrase, Role.LEADER, kdf_params)
    counts = {"members": 0, "visits": 0, "cases": 0}
    with store:
        baselines = config.baselines(store)
        place = plan["place"]
        keys: dict[str, str] = {}
        items = plan["households"]
        for start in range(0, len(items), CHUNK):
            with store.transaction():
                for h in items[start:start + CHUNK]:
                    keys[h["key"]] = load_household(store, h, place, baselines, today, counts)
            if progress:
                progress(min(start + CHUNK, len(items)), len(items))
        with store.transaction():
            for p in plan["prompts"]:
                prompt = worklog.add_prompt(store, p["month"], p["title"], issued_by=p.get("issued_by"),
                                            source="county")
                for t in p["tasks"]:
                    worklog.add_task(store, prompt["id"], t)
            for a in plan["attendance"]:
                store.records.insert("attendance", {"person": a["person"], "month": a["month"], "days": a["days"]})
            for pl in plan["problem_lists"]:
                plist = worklog.add_problem_list(store, pl["title"], source=pl["source"], created_on=pl["created_on"])
                for item in pl["items"]:
                    worklog.add_problem(store, plist["id"], {**item, "household_id": keys.get(item.get("household_key"))})
        counts["duties"] = seed_duties(store, seed, today, [t["name"] for t in plan["team"]])
        phases["records"] = time.perf_counter() - started - phases["plan"]
        if annual_forms:
            signed = seed_annual_forms(store, list(keys.values()), [t["name"] for t in plan["team"]], seed, today,
                                       years)
            signed["planted"] = {}
        else:
            signed = seed_forms(store, list(keys.values()), seed, today)
        counts["forms"] = signed["signed"]
        phases["forms"] = time.perf_counter() - started - phases["plan"] - phases["records"]
        # What was planted for the checks to find, by household: for training and for tests.
        planted = {**signed["planted"], **seed_fabrications(store, list(keys.values()), seed, today)}
        # The leader's review on, and the village's records so far approved for last month.
        review_signoff.set_review(store, True, "演示村：上传前由队长审核 (the demo village: the leader reviews)")
        review_signoff.approve(store, (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m"))
        user = store.user["name"]
    return {"data": str(data_dir), "village": f"{place['county']}{place['township']}{place['village']}",
            "households": len(items), "members": counts["members"], "visits": counts["visits"],
            "cases": counts["cases"], "forms": counts["forms"], "planted": planted, "user": user, "recovery_code": code,
            "seconds": round(time.perf_counter() - started, 1),
            "phases": {k: round(v, 1) for k, v in phases.items()}}


def load_household(store: Store, h: dict, place: dict, baselines, today: date, counts: dict) -> str:
    fields = {k: h[k] for k in ("number", "group_name", "address", "phone", "category", "monitoring_category",
                                "residence", "flags", "risk_types", "risk_eliminated", "housing_grade",
                                "can_fix_housing_alone", "water_secured", "has_supporter", "pairing_cadre",
                                "details") if k in h}
    head = next((m for m in h["members"] if m["relation"] == "head"), h["members"][0])
    fields.update(head_name=head["name"], province=place["province"], county=place["county"],
                  township=place["township"], village=place["village"])
    household = store.records.insert("households", clean_household(fields, by_case=True))
    hid = household["id"]
    for m in h["members"]:
        store.records.insert("members", {"household_id": hid, **clean_member(m, today=today)})
    counts["members"] += len(h["members"])
    size = len(h["members"])
    for inc in h.get("incomes", []):
        items = IncomeItems.from_dict(inc["items"])
        store.records.insert("income_assessments", {
            "household_id": hid, "assessed_on": inc["assessed_on"], "household_size": size,
            "items": items.to_dict(), "net_fen": items.net_income, "per_capita_fen": per_capita(items, size),
            "baseline_fen": baselines.for_year(place["province"], int(inc["assessed_on"][:4]))})
    for v in h.get("visits", []):
        store.records.insert("visits", {"household_id": hid, **clean_visit(v, today)})
    counts["visits"] += len(h.get("visits", []))
    if h.get("case"):
        cases.insert_case(store, hid, [CaseEvent.from_dict(e) for e in h["case"]["events"]])
        counts["cases"] += 1
    members = [{"name": m["name"], "id_number": m.get("id_number"), "phone": m.get("phone")} for m in h["members"]]
    search.index_household(store.conn, hid, search.household_body(household, members))
    return hid
