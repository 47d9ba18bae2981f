"""Importing household and member ledgers exported from the national monitoring system.

Two steps, so nothing is written before the user has seen what will happen:
`plan_import` reads the workbook and decides, row by row, what becomes a new record, what
updates one, what is already up to date and what is rejected and why; `apply_import` writes
the plan in one transaction (a cancel or a crash leaves the store as it was) and the report.

Households are matched by 户编号, members by ID number (or, without one, by name within the
household), so importing the same ledger twice changes nothing, and an updated ledger
changes only what differs — each change an audited update. A blank cell means "not in this
ledger", never "erase". Members missing from the ledger are left alone: a ledger may be a
part of the village.
"""
from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.core import clock
from app.core.enums import (Education, Health, HouseholdCategory, HousingGrade, LabourCapacity,
                            MonitoringCategory, Relation, RiskType, SchoolStatus, Sex)
from app.core.errors import ValidationError
from app.core.household import (LEDGER_ELIMINATED, check_category_change, check_head_and_spouse, check_household,
                                clean_household, clean_member, parse_bool)
from app.ledger.headers import IGNORE, TARGETS, canonical_value, disability_grade, normalize_header, parse_target
from app.ledger.read import Ledger, Sheet, cell_text, read_ledger
from app.services.households import reindex
from app.storage.store import Store

MAPPING_KEY = "ledger_header_map"

_ENUMS = {"household.category": HouseholdCategory, "household.monitoring_category": MonitoringCategory,
          "household.housing_grade": HousingGrade, "member.relation": Relation, "member.sex": Sex,
          "member.education": Education, "member.school_status": SchoolStatus, "member.health": Health,
          "member.labour": LabourCapacity}
_BOOLS = {"risk_eliminated", "medical_insurance", "serious_illness_insurance", "pension_insurance",
          "welfare_post", "disability_certificate", "can_fix_housing_alone", "water_secured", "has_supporter"}
_BOOL_WORDS = {"已参加": "是", "参加": "是", "未参加": "否", "已消除": "是", "未消除": "否", "在岗": "是",
               "√": "是", "×": "否"}


@dataclass
class Rejection:
    sheet: str
    row: int
    number: str | None
    name: str | None
    id_number: str | None
    column: str          # the ledger's header of the offending column (or the field's name)
    reason: str
    raw: tuple = ()


@dataclass
class Change:
    number: str
    name: str
    target: str          # household.<field> or member.<field>
    old: object
    new: object

    @property
    def column(self) -> str:
        return TARGETS.get(self.target, self.target)

    def shown(self, value) -> str | None:
        """A stored value as the ledger writes it (Chinese names, 是/否, lists with 、)."""
        enum = _ENUMS.get(self.target) or (RiskType if self.target == "household.risk_types" else None)
        if value is None or value == []:
            return None
        if isinstance(value, bool) or self.target.split(".")[1] in _BOOLS:
            return "是" if value else "否"
        if isinstance(value, list):
            return "、".join(enum(v).zh if enum else str(v) for v in value)
        if enum is not None:
            try:
                return enum(value).zh
            except ValueError:
                return str(value)
        return str(value)


@dataclass
class _MemberPlan:
    fields: dict
    member_id: str | None  # None: new
    changes: dict = field(default_factory=dict)


@dataclass
class _HouseholdPlan:
    number: str
    household_id: str | None  # None: new
    fields: dict               # new: everything; existing: only what changed
    members: list[_MemberPlan]


@dataclass
class Plan:
    ledger: Ledger
    households: list[_HouseholdPlan]
    rejected: list[Rejection]
    changes: list[Change]
    counts: dict[str, int]

    @property
    def unknown_headers(self) -> list[str]:
        return self.ledger.unknown_headers

    def summary(self) -> dict:
        return {"file": str(self.ledger.path), "rows": self.ledger.row_count,
                "imported": self.counts["accepted_rows"], "rejected": len(self.rejected),
                **{k: v for k, v in self.counts.items() if k != "accepted_rows"},
                "sheets": [{"name": s.name, "kind": s.kind, "header_row": s.header_row, "rows": len(s.rows)}
                           for s in self.ledger.sheets],
                "skipped_sheets": self.ledger.skipped, "unknown_headers": self.unknown_headers}


@dataclass
class ImportResult:
    summary: dict
    report: Path | None
    seconds: float
    rejected: list[Rejection] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {**self.summary, "report": str(self.report) if self.report else None,
                "seconds": round(self.seconds, 2)}


# -- remembered header mapping -----------------------------------------------
def saved_mapping(store: Store) -> dict[str, str]:
    raw = store.meta(MAPPING_KEY)
    return json.loads(raw) if raw else {}


def remember_mapping(store: Store, mapping: dict[str, str]) -> None:
    merged = saved_mapping(store) | {normalize_header(k): parse_target(v) for k, v in mapping.items()}
    with store.transaction():
        store.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [MAPPING_KEY, json.dumps(merged, ensure_ascii=False, sort_keys=True)])


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`HEADER=FIELD` pairs from the command line (FIELD: member.work_place, 务工地点 or 不导入)."""
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ValidationError("map", "HEADER=FIELD", f"map: '{pair}' 应为 表头=字段 (expected HEADER=FIELD)")
        header, target = pair.split("=", 1)
        out[normalize_header(header)] = parse_target(target)
    return out


def read(store: Store, path: Path, mapping: dict[str, str] | None = None, progress=None, cancel=None) -> Ledger:
    """The workbook read with the remembered mapping, overridden by `mapping`."""
    return read_ledger(path, saved_mapping(store) | (mapping or {}), progress, cancel)


# -- converting cells ----------------------------------------------------------
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def _date_text(value) -> str:
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    t = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{8}", t):
        t = f"{t[:4]}-{t[4:6]}-{t[6:]}"
    m = _DATE.fullmatch(t)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else t


def _month_text(value) -> str:
    t = _date_text(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t[:7]
    if re.fullmatch(r"\d{6}", t):
        return f"{t[:4]}-{t[4:]}"
    m = _MONTH.fullmatch(t)
    return f"{int(m[1]):04d}-{int(m[2]):02d}" if m else t


def _convert(target: str, value):
    """A cell as the value clean_household / clean_member expect (they check the rules)."""
    if target == "household.risk_types":
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            for part in re.split(r"[,，、;；/\s]+", cell_text(item) or ""):
                if part:
                    out.append(canonical_value(RiskType, part))
        return out
    if target == "member.id_number" and isinstance(value, float):
        raise ValidationError("id_number", "text, not a number",
                              "id_number: 证件号码在表格中被存成了数字，末几位已丢失；请将该列设为文本后重新导出"
                              " (stored as a number in the sheet: the last digits are lost)")
    if target == "member.birth_date":
        return _date_text(value)
    if target == "household.monitoring_since":
        return _month_text(value)
    text = cell_text(value)
    if target in _ENUMS:
        return canonical_value(_ENUMS[target], text)
    if target == "member.disability_grade":
        return disability_grade(text)
    if target in ("household.risk_eliminated", "member.medical_insurance", "member.serious_illness_insurance",
                  "member.pension_insurance", "member.welfare_post"):
        return _BOOL_WORDS.get(text, text)
    return text


def _reason(e: ValidationError, prefix: str = "member.") -> str:
    enum = _ENUMS.get(prefix + e.field) or (RiskType if e.field == "risk_types" else None)
    if enum is not None and e.rule.startswith("must be one of"):
        given = re.search(r"'([^']*)'", str(e))
        allowed = "、".join(m.zh for m in enum)
        return f"“{given[1] if given else ''}”不在可选项中，应为：{allowed} (not one of the allowed values)"
    text = str(e)
    return text[len(e.field) + 1:].strip() if text.startswith(e.field + ":") else text


# -- planning ------------------------------------------------------------------
class _Rows:
    """One sheet row being planned: its cells by target and how to name its columns."""

    def __init__(self, sheet: Sheet, number: int, values: dict, raw: tuple):
        self.sheet, self.number, self.values, self.raw = sheet, number, values, raw

    def header(self, target: str) -> str:
        return self.sheet.header_of(target)

    def text(self, target: str) -> str | None:
        v = self.values.get(target)
        return None if v is None else cell_text(v[0] if isinstance(v, list) else v)

    def fields(self, prefix: str) -> tuple[dict, list[tuple[str, ValidationError]]]:
        out, errors = {}, []
        for target, value in self.values.items():
            if not target.startswith(prefix) or target == IGNORE:
                continue
            try:
                converted = _convert(target, value)
            except ValidationError as e:
                errors.append((target, e))
                continue
            if converted is not None and converted != []:
                out[target[len(prefix):]] = converted
        return out, errors


class _Planner:
    def __init__(self, store: Store, ledger: Ledger, today: date):
        self.store, self.ledger, self.today = store, ledger, today
        self.rejected: list[Rejection] = []
        self.rejected_rows: set[tuple[str, int]] = set()
        self.changes: list[Change] = []
        self.households: list[_HouseholdPlan] = []
        self.counts = dict.fromkeys(("households_new", "households_updated", "households_unchanged",
                                     "members_new", "members_updated", "members_unchanged", "accepted_rows"), 0)
        # The store as it is, read once: households by number, members by ID number and by household.
        self.by_number = {r["number"]: store.records.decode("households", r) for r in store.query(
            "SELECT * FROM households WHERE deleted = 0 AND number IS NOT NULL")}
        rows = store.query("SELECT m.*, h.number AS _number, h.head_name AS _head FROM members m"
                           " JOIN households h ON h.id = m.household_id WHERE m.deleted = 0 AND h.deleted = 0")
        self.by_id_number = {r["id_number"]: r for r in rows if r["id_number"]}
        self.by_household: dict[str, list[dict]] = {}
        for r in rows:
            self.by_household.setdefault(r["household_id"], []).append(r)

    def reject(self, row: _Rows, target: str | None, reason: str) -> None:
        self.rejected_rows.add((row.sheet.name, row.number))
        self.rejected.append(Rejection(
            row.sheet.name, row.number, row.text("household.number"),
            row.text("member.name") or row.text("household.head_name"),
            row.text("member.id_number"), row.header(target) if target else "", reason, row.raw))

    def run(self, progress=None, cancel=None) -> None:
        groups: dict[str, dict] = {}
        seen_household_rows: dict[str, _Rows] = {}
        for sheet in self.ledger.sheets:
            for number, values, raw in sheet.rows:
                row = _Rows(sheet, number, values, raw)
                key = row.text("household.number")
                if not key:
                    self.reject(row, "household.number", "户编号必填，无法确定所属的户 (household number required)")
                    continue
                g = groups.setdefault(key, {"household": [], "members": []})
                if sheet.kind == "households":
                    first = seen_household_rows.get(key)
                    if first is not None:
                        self.reject(row, "household.number",
                                    f"户编号与{first.sheet.name}第{first.number}行重复 (duplicate household number)")
                        continue
                    seen_household_rows[key] = row
                    g["household"].append(row)
                else:
                    g["members"].append(row)
        seen_ids: dict[str, _Rows] = {}
        total = len(groups)
        for i, (number, g) in enumerate(groups.items()):
            self.plan_household(number, g["household"], g["members"], seen_ids)
            if i % 100 == 99 or i == total - 1:
                if cancel is not None and cancel():
                    raise KeyboardInterrupt
                if progress is not None:
                    progress(i + 1, total)

    def plan_household(self, number: str, household_rows: list[_Rows], member_rows: list[_Rows],
                       seen_ids: dict[str, _Rows]) -> None:
        existing = self.by_number.get(number) or self.unnumbered_match(member_rows)
        every = household_rows + member_rows

        def reject_all(reason: str, target: str | None = None) -> None:
            for r in every:
                if (r.sheet.name, r.number) not in self.rejected_rows:
                    self.reject(r, target, reason)

        # The household's fields: its own row first, then the head's row, then the others.
        fields: dict = {}
        source: dict[str, _Rows] = {}
        heads = [r for r in member_rows if canonical_value(Relation, r.text("member.relation") or "") in ("head", "户主")]
        for r in household_rows + heads + member_rows:
            got, errors = r.fields("household.")
            if errors:
                target, e = errors[0]
                reject_all(f"户信息有误：{_reason(e, 'household.')}", target)
                return
            for k, v in got.items():
                if k in fields and fields[k] != v:
                    # Household columns repeat on every person's row; rows that disagree say
                    # the ledger was edited by hand, and which value is right is not ours to pick.
                    first = source[k]
                    shown = Change(number, "", "household." + k, None, None).shown
                    reject_all(f"本户各行的{r.header('household.' + k)}不一致：第{first.number}行“{shown(fields[k])}”，"
                               f"第{r.number}行“{shown(v)}” (rows of one household disagree)", "household." + k)
                    return
                fields.setdefault(k, v)
                source.setdefault(k, r)
        # The household's phone: its own column, else the head's.
        head_phone = fields.pop("phone", None) or next(
            (cell_text(r.values["member.phone"]) for r in heads if "member.phone" in r.values), None)
        fields["number"] = number

        # Members, each on its own.
        accepted: list[tuple[_Rows, _MemberPlan]] = []
        stored = self.by_household.get(existing["id"], []) if existing else []
        for r in member_rows:
            data, errors = r.fields("member.")
            if errors:
                target, e = errors[0]
                self.reject(r, target, _reason(e))
                continue
            plan = self.plan_member(r, data, existing, stored, seen_ids)
            if plan is not None:
                accepted.append((r, plan))

        # One head and at most one spouse of the other sex, counting members already stored.
        final = {m["id"]: {"relation": m["relation"], "sex": m["sex"], "name": m["name"]} for m in stored}
        kept: list[_MemberPlan] = []
        for r, plan in accepted:
            merged = {**final.get(plan.member_id, {}), **plan.fields}
            try:
                check_head_and_spouse((m for mid, m in final.items() if mid != plan.member_id), merged)
            except ValidationError as e:
                self.reject(r, "member." + e.field, _reason(e))
                continue
            final[plan.member_id or f"new:{id(plan)}"] = merged
            kept.append(plan)

        head = next((m for m in final.values() if m.get("relation") == "head"), None)
        if existing is None and head is None:
            why = "缺少户主（与户主关系为“户主”的成员）(no member is the head)"
            for r in every:
                if (r.sheet.name, r.number) not in self.rejected_rows:
                    self.reject(r, "member.relation", why)
            return
        if head is not None:
            given = fields.get("head_name")
            if given and given != head["name"]:
                reject_all(f"户主姓名“{given}”与户主成员“{head['name']}”不一致 (head's name differs)", "household.head_name")
                return
            fields["head_name"] = head["name"]
        if head_phone and (existing is None or not existing.get("phone")):
            fields["phone"] = head_phone

        try:
            self.eliminated_claim(fields, existing)
            if existing is None:
                clean = clean_household(fields)
            else:
                clean = clean_household(fields, partial=True)
                check_household({**existing, **clean})
                check_category_change(existing["category"], clean.get("category"))
        except ValidationError as e:
            target = "household." + e.field
            reject_all(f"户信息有误：{_reason(e, 'household.')}", target)
            return

        if existing is None:
            self.counts["households_new"] += 1
            hplan = _HouseholdPlan(number, None, clean, kept)
        else:
            diff = {k: v for k, v in clean.items() if existing.get(k) != v}
            for k, v in diff.items():
                self.changes.append(Change(number, existing["head_name"], "household." + k, existing.get(k), v))
            self.counts["households_updated" if diff else "households_unchanged"] += 1
            hplan = _HouseholdPlan(number, existing["id"], diff, kept)
        for plan in kept:
            if plan.member_id is None:
                self.counts["members_new"] += 1
            elif plan.changes:
                self.counts["members_updated"] += 1
                for k, v in plan.changes.items():
                    self.changes.append(Change(number, plan.fields.get("name") or "", "member." + k, v[0], v[1]))
            else:
                self.counts["members_unchanged"] += 1
        self.counts["accepted_rows"] += len(household_rows) + len(kept)
        self.households.append(hplan)

    @staticmethod
    def eliminated_claim(fields: dict, existing: dict | None) -> None:
        """是否风险消除 is the monitoring case's to decide (003 #11): a ledger's 是 for a household
        whose risk was not eliminated here is kept as a claim the checks report, not as its state."""
        claim = fields.pop("risk_eliminated", None)
        if claim is None or not parse_bool(claim, "risk_eliminated"):
            return
        if existing is not None and existing.get("risk_eliminated"):
            return
        details = {**((existing or {}).get("details") or {}), **(fields.get("details") or {})}
        fields["details"] = {**details, LEDGER_ELIMINATED: 1}

    def unnumbered_match(self, member_rows: list[_Rows]) -> dict | None:
        """A household typed in here before its 户编号 was known: the one holding these
        people's ID numbers, when it is one household and has no number yet."""
        ids = {unicodedata.normalize("NFKC", t).strip().upper() for t in
               (r.text("member.id_number") for r in member_rows) if t}
        homes = {self.by_id_number[i]["household_id"] for i in ids if i in self.by_id_number}
        if len(homes) != 1:
            return None
        home = self.store.records.get("households", homes.pop())
        return home if home is not None and not home.get("number") else None

    def plan_member(self, r: _Rows, data: dict, household: dict | None, stored: list[dict],
                    seen_ids: dict[str, _Rows]) -> _MemberPlan | None:
        try:
            number = data.get("id_number")
            if number:
                number = unicodedata.normalize("NFKC", number).strip().upper()
                data["id_number"] = number
                first = seen_ids.get(number)
                if first is not None:
                    self.reject(r, "member.id_number",
                                f"证件号码与{first.sheet.name}第{first.number}行重复 (duplicate ID number in the ledger)")
                    return None
                seen_ids[number] = r
                current = self.by_id_number.get(number)
                if current is not None and (household is None or current["household_id"] != household["id"]):
                    self.reject(r, "member.id_number",
                                f"证件号码已登记在户编号{current['_number'] or '（无）'}、户主{current['_head']}的户中"
                                " (ID number registered in another household)")
                    return None
            else:
                current = next((m for m in stored if m["name"] == data.get("name") and not m["id_number"]), None)
            if current is None:
                return _MemberPlan(clean_member(data, today=self.today), None)
            if {"id_number", "birth_date", "sex"} & set(data):
                data = {k: current[k] for k in ("id_number", "birth_date", "sex")} | data
            fields = clean_member(data, partial=True, today=self.today)
            changes = {k: (current.get(k), v) for k, v in fields.items() if current.get(k) != v}
            return _MemberPlan({"name": current["name"], **fields}, current["id"], changes)
        except ValidationError as e:
            target = "member." + e.field
            self.reject(r, target, _reason(e))
            return None


def plan_import(store: Store, ledger: Ledger, today: date | None = None, progress=None, cancel=None) -> Plan:
    """What importing `ledger` would do; writes nothing. `progress(done, total)` counts households."""
    planner = _Planner(store, ledger, today or clock.today())
    planner.run(progress, cancel)
    planner.rejected.sort(key=lambda x: (x.sheet, x.row))
    return Plan(ledger, planner.households, planner.rejected, planner.changes, planner.counts)


# -- writing -------------------------------------------------------------------
def apply_import(store: Store, plan: Plan, progress=None, cancel=None) -> None:
    """Write the plan in one transaction; `cancel()` returning True rolls everything back."""
    total = len(plan.households)
    with store.transaction():
        for i, h in enumerate(plan.households):
            if h.household_id is None:
                household_id = store.records.insert("households", h.fields)["id"]
            else:
                household_id = h.household_id
                if h.fields:
                    store.records.update("households", household_id, h.fields)
            for m in h.members:
                if m.member_id is None:
                    store.records.insert("members", {"household_id": household_id, **m.fields})
                elif m.changes:
                    store.records.update("members", m.member_id, {k: v[1] for k, v in m.changes.items()})
            if h.household_id is None or h.fields or any(m.member_id is None or m.changes for m in h.members):
                reindex(store, household_id)
            if cancel is not None and cancel():
                raise KeyboardInterrupt
            if progress is not None and (i % 50 == 49 or i == total - 1):
                progress(i + 1, total)


def default_report_path(ledger_path: Path, data_dir: Path, when: datetime | None = None) -> Path:
    """Beside the ledger (where the user looks), or in the store's folder when that is read-only."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{Path(ledger_path).stem}-导入报告-{stamp}.xlsx"
    folder = Path(ledger_path).resolve().parent
    probe = folder / f".{name}.probe"
    try:
        probe.touch()
        probe.unlink()
        return folder / name
    except OSError:
        out = Path(data_dir) / "reports"
        out.mkdir(parents=True, exist_ok=True)
        return out / name


def import_ledger(store: Store, path: Path, mapping: dict[str, str] | None = None, report: Path | None = None,
                  preview: bool = False, today: date | None = None, progress=None, cancel=None) -> ImportResult:
    """Read, plan, and (unless `preview`) write; the report is written either way.

    `progress(stage, done, total)` with stage "read" (rows, total None), "plan" or "write" (households).
    """
    from app.ledger.report import write_report
    started = time.perf_counter()
    ledger = read(store, path, mapping, progress=(lambda n: progress("read", n, None)) if progress else None,
                  cancel=cancel)
    plan = plan_import(store, ledger, today, progress=(lambda d, t: progress("plan", d, t)) if progress else None,
                       cancel=cancel)
    if not preview:
        apply_import(store, plan, progress=(lambda d, t: progress("write", d, t)) if progress else None,
                     cancel=cancel)
        if mapping:
            remember_mapping(store, mapping)
    out = report or default_report_path(path, store.data_dir)
    write_report(plan, out, applied=not preview)
    summary = {**plan.summary(), "preview": preview}
    return ImportResult(summary, out, time.perf_counter() - started, plan.rejected)
