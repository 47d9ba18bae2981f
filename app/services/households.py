"""Households and their members: add, edit, look up, search."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.enums import HouseholdCategory, Relation
from app.core.errors import NotFound, ValidationError
from app.core.household import (age_on, check_category_change, check_head_and_spouse, check_household, check_relation_sex,
                                check_school_stage_age, clean_household, clean_member)
from app.storage import search
from app.storage.store import Store

SUMMARY_COLUMNS = ("id", "head_name", "category", "monitoring_category", "residence", "group_name",
                   "number", "phone", "village", "pairing_cadre", "risk_eliminated", "updated_at")


def reindex(store: Store, household_id: str) -> None:
    """Bring the household's search entry up to date with its file and members (removed if
    the household is gone)."""
    household = store.records.get("households", household_id)
    if household is None:
        search.index_household(store.conn, household_id, None)
        return
    members = store.query("SELECT name, id_number, phone FROM members WHERE household_id = ? AND deleted = 0",
                          [household_id])
    search.index_household(store.conn, household_id, search.household_body(household, members))


def _check_duplicate_id(store: Store, id_number: str | None, except_member: str | None = None) -> None:
    if not id_number:
        return
    row = store.conn.execute(
        "SELECT m.id, m.name, h.head_name FROM members m JOIN households h ON h.id = m.household_id"
        " WHERE m.id_number = ? AND m.deleted = 0 AND h.deleted = 0 AND m.id IS NOT ?",
        [id_number, except_member]).fetchone()
    if row:
        raise ValidationError("id_number", "unique in the store",
                              f"id_number: 身份证号已登记在 {row[2]} 户的成员 {row[1]} (already registered)")


def add_household(store: Store, data: dict) -> dict:
    fields = clean_household(data)
    with store.transaction():
        household = store.records.insert("households", fields)
        reindex(store, household["id"])
    return household


def update_household(store: Store, household_id: str, data: dict) -> dict:
    fields = clean_household(data, partial=True)
    with store.transaction():
        old = store.records.require("households", household_id)
        check_household({**old, **fields})
        check_category_change(old["category"], fields.get("category"))
        household = store.records.update("households", household_id, fields)
        reindex(store, household_id)
    return household


def delete_household(store: Store, household_id: str, reason: str) -> dict:
    with store.transaction():
        record = store.records.delete("households", household_id, reason)
        reindex(store, household_id)
    return record


def add_member(store: Store, household_id: str, data: dict, today: date | None = None) -> dict:
    fields = clean_member(data, today=today)
    with store.transaction():
        household = store.records.require("households", household_id)
        _check_duplicate_id(store, fields.get("id_number"))
        if fields["relation"] in (Relation.HEAD.value, Relation.SPOUSE.value):
            _check_head_and_spouse(store, household_id, fields)
        member = store.records.insert("members", {"household_id": household_id, **fields})
        if fields["relation"] == Relation.HEAD.value and household["head_name"] != fields["name"]:
            store.records.update("households", household_id, {"head_name": fields["name"]})
        reindex(store, household_id)
    return member


def _check_head_and_spouse(store: Store, household_id: str, new: dict, except_member: str | None = None) -> None:
    rows = store.query("SELECT name, relation, sex FROM members WHERE household_id = ? AND deleted = 0"
                       " AND relation IN ('head', 'spouse') AND id IS NOT ?", [household_id, except_member])
    check_head_and_spouse(rows, new)


def update_member(store: Store, member_id: str, data: dict, today: date | None = None) -> dict:
    with store.transaction():
        old = store.records.require("members", member_id)
        # Identity fields are checked together, so send the stored ones with any change.
        if {"id_number", "birth_date", "sex"} & set(data):
            data = {k: old[k] for k in ("id_number", "birth_date", "sex")} | data
        fields = clean_member(data, partial=True, today=today)
        if "id_number" in fields:
            _check_duplicate_id(store, fields["id_number"], except_member=member_id)
        merged = {**old, **fields}
        check_relation_sex(merged["relation"], merged["sex"])
        if merged.get("birth_date") and merged.get("school_status") and {"birth_date", "school_status"} & set(fields):
            check_school_stage_age(merged["school_status"], age_on(merged["birth_date"], today or clock.today()))
        # The same rules as adding: one head, one spouse, of opposite sexes.
        if {"relation", "sex"} & set(fields) and merged["relation"] in (Relation.HEAD.value, Relation.SPOUSE.value):
            _check_head_and_spouse(store, old["household_id"], merged, except_member=member_id)
        member = store.records.update("members", member_id, fields)
        if member["relation"] == Relation.HEAD.value:
            household = store.records.require("households", old["household_id"])
            if household["head_name"] != member["name"]:
                store.records.update("households", household["id"], {"head_name": member["name"]})
        reindex(store, old["household_id"])
    return member


def delete_member(store: Store, member_id: str, reason: str) -> dict:
    with store.transaction():
        record = store.records.delete("members", member_id, reason)
        reindex(store, record["household_id"])
    return record


def members(store: Store, household_id: str) -> list[dict]:
    rows = store.query("SELECT * FROM members WHERE household_id = ? AND deleted = 0 ORDER BY"
                       " CASE relation WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END, birth_date",
                       [household_id])
    return rows


def get_household(store: Store, household_id: str) -> dict:
    household = store.records.get("households", household_id)
    if household is None:
        household = by_number(store, household_id)
    if household is None:
        raise NotFound(f"no household {household_id}")
    return household


def by_number(store: Store, number: str) -> dict | None:
    """The live household with this 户编号, or None."""
    row = store.conn.execute("SELECT id FROM households WHERE number = ? AND deleted = 0", [number]).fetchone()
    return store.records.get("households", row[0]) if row else None


def household_filters(search_text: str | None, category: str | None, group: str | None) -> tuple[str, list]:
    where, params = ["h.deleted = 0"], []
    if search_text:
        found = search.matching_rowids(search_text)
        if found:
            # The index is asked first; households are then read by rowid.
            where.append(f"h.rowid IN ({found[0]})")
            params += found[1]
    if category:
        where.append("h.category = ?")
        params.append(HouseholdCategory.parse(category, "category").value)
    if group:
        where.append("h.group_name = ?")
        params.append(group)
    return " AND ".join(where), params


def list_households(store: Store, search_text: str | None = None, category: str | None = None,
                    group: str | None = None, limit: int | None = 200, offset: int = 0) -> list[dict]:
    """Summaries ordered by village group and household number; `search_text` as the user types."""
    where, params = household_filters(search_text, category, group)
    sql = (f"SELECT {', '.join('h.' + c for c in SUMMARY_COLUMNS)} FROM households h"
           f" WHERE {where} ORDER BY h.group_name, h.number, h.head_name")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = store.query(sql, params)
    for row in rows:
        row["risk_eliminated"] = bool(row["risk_eliminated"])
    return rows


def count_households(store: Store, search_text: str | None = None, category: str | None = None,
                     group: str | None = None) -> int:
    """How many households `list_households` gives for the same filters, without reading them."""
    where, params = household_filters(search_text, category, group)
    return store.conn.execute(f"SELECT count(*) FROM households h WHERE {where}", params).fetchone()[0]


# -- small reads the window makes -------------------------------------------------------------

PLACE_FIELDS = ("province", "county", "township", "village")
LISTED_FIELDS = {"group_name", "pairing_cadre", *PLACE_FIELDS}


def main_place(store: Store) -> dict:
    """Where most of the store's households are ({} when there are none): a new one is in the
    same village, and the window's header names it."""
    rows = store.query("SELECT province, county, township, village, count(*) AS n FROM households"
                       " WHERE deleted = 0 GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT 1")
    return {k: rows[0][k] for k in PLACE_FIELDS} if rows else {}


def field_values(store: Store, field: str) -> list[str]:
    """The different non-empty values of a household field in use (group names, cadres, places)."""
    if field not in LISTED_FIELDS:
        raise ValueError(field)
    rows = store.query(f"SELECT DISTINCT {field} AS v FROM households WHERE deleted = 0"
                       f" AND {field} IS NOT NULL AND {field} != '' ORDER BY {field}")
    return [r["v"] for r in rows]


def heads(store: Store, household_ids: list[str] | None = None) -> dict[str, dict]:
    """id → {id, number, head_name} of the given households (all when None), deleted ones too."""
    if household_ids is None:
        rows = store.query("SELECT id, number, head_name FROM households")
    else:
        marks = ",".join("?" * len(household_ids))
        rows = store.query(f"SELECT id, number, head_name FROM households WHERE id IN ({marks})", list(household_ids))
    return {r["id"]: r for r in rows}


def counts_by_category_and_group(store: Store) -> list[dict]:
    """[{category, group_name, n}] over the households that are not deleted."""
    return store.query("SELECT category, group_name, count(*) AS n FROM households WHERE deleted = 0"
                       " GROUP BY category, group_name")


def member_count(store: Store, household_id: str) -> int:
    return store.conn.execute("SELECT count(*) FROM members WHERE household_id = ? AND deleted = 0",
                              [household_id]).fetchone()[0]


def first_by_number(store: Store, limit: int) -> list[dict]:
    """The first `limit` households by 户编号: id, number and where they are."""
    return store.query("SELECT id, number, county, township, village FROM households WHERE deleted = 0"
                       " ORDER BY number LIMIT ?", [limit])
