"""What a household's assistance handbook (帮扶手册, DOMAIN §9) prints, as plain data.

The data is exactly what goes on paper, so its hash identifies the printed content: the code
in each page's QR footer. Re-reading the store later and comparing the hash tells whether a
paper copy still matches. Nothing here depends on the print date, so an unchanged household
prints the same code every time.

ID numbers and phones are masked: the handbook stays in the household's house.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from app.core import canonical, clock
from app.core.enums import (CaseState, Education, Health, HouseholdCategory, HouseholdFlag, HousingGrade,
                            LabourCapacity, Measure, MonitoringCategory, Relation, Residence, RiskType,
                            SchoolStatus, Sex, VisitMode)
from app.core.idnumber import mask_id_number
from app.core.income import IncomeItems, format_yuan
from app.core.monitoring import KIND_ZH
from app.core.words import zh, zh_list
from app.services import cases as case_service
from app.services import forms as form_service
from app.services.households import get_household, members as household_members
from app.services.profile import guarantees
from app.storage.store import Store

VERSION = 1  # of the printed content's layout in data; part of the hash

INCOME_LABELS = [("wage", "务工收入"), ("welfare_post", "公益性岗位收入"), ("business", "生产经营收入"),
                 ("property", "财产性收入"), ("dividend", "资产收益分红"), ("pension", "养老金"),
                 ("family_planning", "计划生育金"), ("eco_compensation", "生态补偿金"), ("dibao", "低保金"),
                 ("tekun", "特困供养金"), ("other_transfer", "其他转移性收入"),
                 ("business_expense", "生产经营支出")]

GUARANTEE_LABELS = {"education": "义务教育", "medical": "基本医疗", "housing": "住房安全",
                    "water": "饮水安全"}


def mask_phone(phone: str | None) -> str:
    p = (phone or "").strip()
    return p[:3] + "****" + p[-4:] if len(p) >= 11 else ("*" * len(p))


def _yuan(fen) -> str:
    return "" if fen is None else format_yuan(int(fen))


@dataclass
class Reader:
    """Reads handbooks from one store; what is shared by many households (form titles, the
    pairing-cadre changes in the audit log) is read once per batch."""
    store: Store
    today: date = field(default_factory=clock.today)
    _titles: dict | None = None
    _cadres: dict | None = None

    def titles(self) -> dict:
        if self._titles is None:
            self._titles = {(f.form_id, f.version): f.title() for f in form_service.all_forms(self.store)}
        return self._titles

    def cadre_changes(self) -> dict[str, list[tuple[str, str | None, str | None]]]:
        """household id → [(date, old, new)] from the audit log, in order."""
        if self._cadres is None:
            out: dict[str, list] = {}
            rows = self.store.conn.execute(
                "SELECT record_id, at, changes FROM audit_log WHERE tbl = 'households' AND action = 'update'"
                " AND changes LIKE '%pairing_cadre%' ORDER BY seq")
            for hid, at, changes in rows:
                diff = json.loads(changes).get("pairing_cadre")
                if diff:
                    out.setdefault(hid, []).append((at[:10], diff[0], diff[1]))
            self._cadres = out
        return self._cadres

    def data(self, household_id: str) -> dict:
        return handbook_data(self, household_id)


LAND = {"cultivated_mu_x100": "耕地", "forest_mu_x100": "林地", "returned_farmland_mu_x100": "退耕还林",
        "orchard_mu_x100": "林果地", "pasture_mu_x100": "牧草地", "water_surface_mu_x100": "水面"}


def _land(d: dict) -> str:
    """Land in mu, as the household file shows it (stored as hundredths of a mu)."""
    parts = [f"{LAND.get(k, k[:-8])} {d[k] / 100:g} 亩" for k in sorted(d, key=lambda k: (k not in LAND, k))
             if k.endswith("_mu_x100") and d[k]]
    return "，".join(parts)


def _details(d: dict) -> list[list[str]]:
    """The other facts of the household file's 基本情况, as label–value pairs."""
    out = []
    if d.get("housing_area_m2"):
        out.append(["住房面积", f"{d['housing_area_m2']} 平方米"])
    if "road_hardened" in d or "road_distance_m" in d:
        road = "已硬化" if d.get("road_hardened") else "未硬化"
        if d.get("road_distance_m") is not None:
            road += f"，距离 {d['road_distance_m']:,} 米"
        out.append(["入户路", road])
    if d.get("fuel"):
        out.append(["主要燃料", str(d["fuel"])])
    for key, label in (("sanitary_toilet", "卫生厕所"), ("cooperative", "加入合作社"),
                       ("can_solve_alone", "能自身解决困难")):
        if key in d:
            out.append([label, "是" if d[key] else "否"])
    return out


def _household(h: dict) -> dict:
    details = h.get("details") or {}
    return {
        "id": h["id"], "number": h.get("number") or "", "head_name": h["head_name"],
        "province": h.get("province") or "", "county": h.get("county") or "",
        "township": h.get("township") or "", "village": h.get("village") or "",
        "group": h.get("group_name") or "", "address": h.get("address") or "",
        "phone": mask_phone(h.get("phone")),
        "category": zh(HouseholdCategory, h["category"]),
        "monitoring_category": zh(MonitoringCategory, h.get("monitoring_category")),
        "monitoring_since": h.get("monitoring_since") or "",
        "residence": zh(Residence, h["residence"]),
        "flags": zh_list(HouseholdFlag, h.get("flags")),
        "risk_types": zh_list(RiskType, h.get("risk_types")),
        "risk_eliminated": bool(h.get("risk_eliminated")),
        "housing_grade": zh(HousingGrade, h.get("housing_grade")) or "未评定",
        "can_fix_housing_alone": bool(h.get("can_fix_housing_alone")),
        "water_secured": bool(h.get("water_secured")),
        "has_supporter": bool(h.get("has_supporter")),
        "land": _land(details),
        "details": _details(details),
        "pairing_cadre": h.get("pairing_cadre") or "",
        "note": h.get("note") or "",
    }


def _member(m: dict) -> dict:
    disability = ""
    if m.get("disability_grade"):
        disability = f"{m['disability_grade']}级" + ("（有证）" if m.get("disability_certificate") else "（无证）")
    work = "、".join(x for x in (m.get("work_place"), m.get("employer")) if x)
    if m.get("work_months"):
        work = (work + f" {m['work_months']}个月").strip()
    insured = "、".join(label for key, label in (("medical_insurance", "医保"),
                                                 ("serious_illness_insurance", "大病保险"),
                                                 ("pension_insurance", "养老保险")) if m.get(key))
    return {"name": m["name"], "relation": zh(Relation, m["relation"]), "sex": zh(Sex, m["sex"]),
            "birth_date": m["birth_date"], "id_number": mask_id_number(m["id_number"]) if m.get("id_number") else "",
            "education": zh(Education, m.get("education")),
            "school": "" if m.get("school_status") in (None, "none") else zh(SchoolStatus, m["school_status"]),
            "health": zh(Health, m.get("health")), "disability": disability,
            "labour": zh(LabourCapacity, m.get("labour")), "work": work,
            "wage": _yuan(m.get("monthly_wage_fen")) if m.get("monthly_wage_fen") else "",
            "welfare_post": bool(m.get("welfare_post")), "insurance": insured}


def _incomes(store: Store, household_id: str) -> list[dict]:
    """The latest assessment of each year, oldest year first."""
    rows = store.query("SELECT assessed_on, household_size, items, net_fen, per_capita_fen, baseline_fen, note"
                       " FROM income_assessments WHERE household_id = ? AND deleted = 0 ORDER BY assessed_on",
                       [household_id])
    by_year: dict[str, dict] = {}
    for r in rows:
        by_year[r["assessed_on"][:4]] = r
    out = []
    for year, r in sorted(by_year.items()):
        items = IncomeItems.from_dict(json.loads(r["items"]))
        out.append({
            "year": year, "assessed_on": r["assessed_on"], "size": r["household_size"],
            "items": [(label, _yuan(getattr(items, key))) for key, label in INCOME_LABELS if getattr(items, key)],
            "net": _yuan(r["net_fen"]), "per_capita": _yuan(r["per_capita_fen"]),
            "baseline": _yuan(r["baseline_fen"]),
            "above": None if r["baseline_fen"] is None else r["per_capita_fen"] > r["baseline_fen"],
            "note": r["note"] or ""})
    return out


def _event_detail(e: dict) -> str:
    d = e.get("data") or {}
    parts = []
    if d.get("monitoring_category"):
        parts.append(zh(MonitoringCategory, d["monitoring_category"]))
    if d.get("risk_types"):
        parts.append("风险：" + zh_list(RiskType, d["risk_types"]))
    if d.get("measures"):
        parts.append("措施：" + zh_list(Measure, d["measures"]))
    if d.get("measure"):
        parts.append("措施：" + zh(Measure, d["measure"]))
    for key in ("reason", "result", "note", "findings"):
        if d.get(key):
            parts.append(str(d[key]))
    return "；".join(parts)


def _cases(store: Store, household_id: str, today: date) -> tuple[list[dict], list[dict]]:
    """The monitoring cases (with their timeline) and the measures taken, each with its date,
    who decided it and what came of it."""
    out, measures = [], []
    ids = [r["id"] for r in store.query("SELECT id FROM cases WHERE household_id = ? AND deleted = 0"
                                          " ORDER BY clue_date, created_at", [household_id])]
    for cid in ids:
        view = case_service.case_view(store, cid, today)
        events = [{"on": e["on"], "kind": KIND_ZH.get(e["kind"], e["kind"]), "by": e["by"],
                   "detail": _event_detail(e)} for e in view["events"]]
        out.append({"state": CaseState(view["state"]).zh, "clue_date": view.get("clue_date") or "",
                    "identified_date": view.get("identified_date") or "",
                    "plan_date": view.get("plan_date") or "", "eliminated_date": view.get("eliminated_date") or "",
                    "monitoring_category": zh(MonitoringCategory, view.get("monitoring_category")),
                    "risk_types": zh_list(RiskType, view.get("risk_types")),
                    "followup_due": list(view["followup_due"]), "followups_done": list(view["followups_done"]),
                    "events": events})
        for e in view["events"]:
            d = e.get("data") or {}
            codes = d.get("measures") or ([d["measure"]] if d.get("measure") else [])
            for code in codes:
                measures.append({"measure": zh(Measure, code), "since": e["on"], "by": e["by"],
                                 "content": "", "result": str(d.get("note") or d.get("result") or "")})
    return out, measures


def _plan_forms(store: Store, household_id: str) -> list[dict]:
    """Measures written into signed help-plan forms: what, who, from when, expected result."""
    rows = store.query("SELECT id, answers, filled_on FROM form_instances WHERE household_id = ? AND deleted = 0"
                       " AND state = 'signed' AND form_id = 'help_plan' AND NOT EXISTS (SELECT 1 FROM"
                       " form_instances n WHERE n.supersedes = form_instances.id AND n.deleted = 0)"
                       " ORDER BY filled_on", [household_id])
    out = []
    for r in rows:
        for m in json.loads(r["answers"]).get("measures_plan") or []:
            out.append({"measure": zh(Measure, m.get("measure")), "since": m.get("start_date") or r["filled_on"] or "",
                        "by": m.get("responsible") or "", "content": m.get("content") or "",
                        "result": m.get("expected_result") or ""})
    return out


def _cadres(reader: Reader, household: dict) -> list[dict]:
    """The household's pairing cadres with the dates they served and why one was changed (the
    pairing records); from the file's edits in the audit log for a household paired before them."""
    from app.services.pairing import history
    paired = history(reader.store, household["id"])
    if paired:
        return [{"name": p["cadre"], "from": p["start_date"], "to": p["end_date"] or "", "reason": p["reason"] or ""}
                for p in paired]
    changes = reader.cadre_changes().get(household["id"], [])
    if not changes:
        name = household.get("pairing_cadre")
        return [{"name": name, "from": "", "to": ""}] if name else []
    periods, start = [], ""  # when the first cadre was paired is older than this store
    for on, old, new in changes:
        if old:
            periods.append({"name": old, "from": start, "to": on})
        start = on
    if changes[-1][2]:
        periods.append({"name": changes[-1][2], "from": start, "to": ""})
    return periods


def _loans(store: Store, household_id: str) -> list[dict] | None:
    """Micro-credit loans as the household knows them: amount, start, term, due, purpose and what
    became of them (renewed or extended, repaid, reported overdue); None without any."""
    from app.core.duties import loan_end
    rows = store.query("SELECT * FROM loans WHERE household_id = ? AND deleted = 0 ORDER BY start_date", [household_id])
    out = []
    for r in rows:
        end = loan_end(date.fromisoformat(r["start_date"]), r["term_months"],
                       date.fromisoformat(r["extended_to"]) if r["extended_to"] else None).isoformat()
        state = (f"{r['repaid_on']} 已还清" if r["repaid_on"] else "逾期" if r["overdue"] else
                 f"已展期至 {r['extended_to']}" if r["extended_to"] else "在贷")
        out.append({"amount": _yuan(r["amount_fen"]), "start": r["start_date"], "term": f"{r['term_months']} 个月",
                    "due": end, "purpose": r["purpose"], "state": state})
    return out or None


def _screenings(store: Store, household_id: str) -> list[dict] | None:
    """The full-coverage screenings of the household: when, by whom, what was found."""
    rows = store.query("SELECT s.screened_on, s.screener, s.findings, s.at_risk, c.title FROM screenings s"
                       " JOIN screening_campaigns c ON c.id = s.campaign_id WHERE s.household_id = ? AND s.deleted = 0"
                       " ORDER BY s.screened_on", [household_id])
    return [{"date": r["screened_on"], "campaign": r["title"], "screener": r["screener"], "findings": r["findings"],
             "at_risk": "发现风险" if r["at_risk"] else "无风险"} for r in rows] or None


def _clues(store: Store, household_id: str) -> list[dict] | None:
    """The risk clues about the household, where each came from and how it was handled."""
    from app.core.duties import CLUE_OUTCOMES, CLUE_SOURCES, DEPARTMENTS
    rows = store.query("SELECT found_on, source, department, description, handled_on, outcome FROM clues"
                       " WHERE household_id = ? AND deleted = 0 ORDER BY found_on, created_at", [household_id])
    for r in rows:
        store.records.decode("clues", r)
    return [{"date": r["found_on"], "source": CLUE_SOURCES[r["source"]][0]
             + (f"·{DEPARTMENTS[r['department']][0]}" if r["department"] else ""), "description": r["description"],
             "handled": f"{r['handled_on']} {CLUE_OUTCOMES[r['outcome']][0]}" if r["handled_on"] else "待核实"}
            for r in rows] or None


def _visits(store: Store, household_id: str) -> list[dict]:
    rows = store.query(
        "SELECT id, visit_date, mode, visitor, met_person, findings, risks_seen, followups, supersede_reason"
        " FROM visits v WHERE household_id = ? AND deleted = 0 AND NOT EXISTS"
        " (SELECT 1 FROM visits n WHERE n.supersedes = v.id AND n.deleted = 0) ORDER BY visit_date, created_at",
        [household_id])
    return [{"date": r["visit_date"], "mode": zh(VisitMode, r["mode"]), "visitor": r["visitor"],
             "met": r["met_person"] or "", "findings": r["findings"],
             "risks": zh_list(RiskType, json.loads(r["risks_seen"] or "[]")),
             "followups": r["followups"] or "", "corrected": r["supersede_reason"] or ""} for r in rows]


def _forms(reader: Reader, household_id: str) -> list[dict]:
    store = reader.store
    rows = store.query(
        "SELECT f.id, f.form_id, f.form_version, f.state, f.investigator, f.filled_on, f.signed_at, f.content_hash,"
        " f.amend_reason, EXISTS (SELECT 1 FROM form_instances n WHERE n.supersedes = f.id AND n.deleted = 0) AS old"
        " FROM form_instances f WHERE f.household_id = ? AND f.deleted = 0 ORDER BY f.filled_on, f.created_at",
        [household_id])
    signers: dict[str, list[str]] = {}
    if rows:
        marks = ",".join("?" * len(rows))
        for s in store.query(f"SELECT instance_id, role, signer_name, proxy FROM form_signatures"
                             f" WHERE deleted = 0 AND instance_id IN ({marks}) ORDER BY role",
                             [r["id"] for r in rows]):
            who = s["signer_name"] + ("（代签）" if s["proxy"] else "")
            signers.setdefault(s["instance_id"], []).append(who)
    titles = reader.titles()
    return [{"title": titles.get((r["form_id"], r["form_version"]), r["form_id"]), "version": r["form_version"],
             "state": "已更正" if r["old"] else ("已签字" if r["state"] == "signed" else "未签字"),
             "filled_on": r["filled_on"] or "", "investigator": r["investigator"] or "",
             "signers": "、".join(signers.get(r["id"], [])),
             "content_hash": (r["content_hash"] or "")[:12], "amend_reason": r["amend_reason"] or ""}
            for r in rows]


def handbook_data(reader: Reader, household_id: str) -> dict:
    store = reader.store
    h = get_household(store, household_id)
    members = household_members(store, h["id"])
    cases, measures = _cases(store, h["id"], reader.today)
    g = guarantees(h, members, reader.today)
    return {
        "version": VERSION,
        "household": _household(h),
        "members": [_member(m) for m in members],
        "guarantees": {GUARANTEE_LABELS[k]: bool(v) for k, v in g.items()},
        "incomes": _incomes(store, h["id"]),
        "cases": cases,
        "measures": measures + _plan_forms(store, h["id"]),
        "cadres": _cadres(reader, h),
        # None rather than empty, so a household without them keeps the code printed before them.
        "loans": _loans(store, h["id"]),
        "screenings": _screenings(store, h["id"]),
        "clues": _clues(store, h["id"]),
        "visits": _visits(store, h["id"]),
        "forms": _forms(reader, h["id"]),
    }


SECTIONS = ("household", "members", "guarantees", "incomes", "cases", "measures", "cadres", "loans", "screenings",
            "clues", "visits", "forms")
SECTION_ZH = {"household": "家庭基本情况", "members": "家庭成员", "guarantees": "三保障及饮水",
              "incomes": "收入情况", "cases": "监测帮扶", "measures": "帮扶措施", "cadres": "帮扶责任人",
              "loans": "小额信贷", "screenings": "全覆盖排查", "clues": "风险线索",
              "visits": "走访记录", "forms": "签字表单"}


@dataclass(frozen=True)
class Fingerprint:
    """The printed content's code, a hash per part (to say later which part changed) and the
    set of characters it prints (for the font check)."""
    code: str
    sections: dict
    chars: frozenset


def fingerprint(data: dict) -> Fingerprint:
    texts = {name: canonical.dumps(data.get(name)) for name in SECTIONS}
    digests = {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in texts.items()}
    whole = hashlib.sha256(canonical.dumps({"version": data.get("version"), "sections": digests})
                           .encode("utf-8")).hexdigest()[:16]
    return Fingerprint(code="-".join(whole[i:i + 4] for i in range(0, 16, 4)),
                       sections={name: d[:16] for name, d in digests.items()},
                       chars=frozenset("".join(texts.values())))


def content_code(data: dict) -> str:
    """16 hex digits of the content's SHA-256, grouped for reading aloud: `1a2b-3c4d-5e6f-7a8b`."""
    return fingerprint(data).code


def normalise_code(text: str) -> tuple[str | None, str]:
    """(household id or None, code) from a typed code or a scanned QR payload."""
    text = (text or "").strip()
    household_id = None
    if text.lower().startswith(QR_PREFIX):
        parts = text.split(":")
        if len(parts) >= 4:
            household_id, text = parts[2].lower(), parts[3]
            if len(household_id) == 32 and "-" not in household_id:  # the QR code's compact form
                h = household_id
                household_id = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    raw = "".join(ch for ch in text.lower() if ch in "0123456789abcdef")
    code = "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))
    return household_id, code


QR_PREFIX = "zhucun:"


def qr_payload(household_id: str, code: str) -> str:
    """Upper case without dashes: QR's alphanumeric mode then holds it in a version-3 code
    (29 modules), large modules for a worn page and a phone held at arm's length."""
    return f"{QR_PREFIX}hb:{household_id.replace('-', '')}:{code.replace('-', '')}".upper()


FIELD_ZH = {"head_name": "户主姓名", "name": "姓名", "visitor": "走访人", "met": "见到", "findings": "了解的情况",
            "followups": "后续事项", "by": "经办人", "pairing_cadre": "帮扶责任人", "address": "住址",
            "investigator": "调查人", "signers": "签字人", "detail": "情况", "content": "具体内容",
            "result": "成效", "note": "备注", "group": "村民小组", "village": "村", "work": "务工"}


def field_zh(path: str) -> str:
    """`members[2].name` → `家庭成员第3行 姓名`: where a character is, in the handbook's words."""
    match = re.fullmatch(r"(\w+)(?:\[(\d+)\])?(?:\.(\w+))?(?:.*\.(\w+))?", path)
    if not match:
        return path
    section, row, key, inner = match.groups()
    where = SECTION_ZH.get(section, section) + (f"第{int(row) + 1}行" if row is not None else "")
    last = inner or key
    return f"{where} {FIELD_ZH.get(last, last)}" if last else where


def text_fields(data: dict, path: str = ""):
    """(field path, text) of every printed string, for the font check."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from text_fields(v, f"{path}.{k}" if path else k)
    elif isinstance(data, (list, tuple)):
        for i, v in enumerate(data):
            yield from text_fields(v, f"{path}[{i}]")
    elif isinstance(data, str):
        yield path, data
