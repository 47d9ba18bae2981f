"""The encrypted full-text index behind search-as-you-type.

One entry per household: names with their pinyin and initials, ID numbers, phone numbers,
household number, village group and address, joined by '|' so that no query matches across
two values. Queries of three characters or more use the trigram index; shorter ones
("zs", "张") scan the index's own small table, which stays fast at village scale.
"""
from __future__ import annotations

import re

from app.core.search_keys import name_keys, normalize_query

SEPARATOR = "|"
_GROUP_NUMBER = re.compile(r"第?(.+?)(?:村民)?小?组$")


def group_keys(group_name: str | None) -> list[str]:
    """"第三村民小组" is typed as "三组" or "3组"; index the short forms too."""
    if not group_name:
        return []
    keys = [group_name]
    m = _GROUP_NUMBER.match(group_name)
    if m:
        keys.append(m.group(1) + "组")
    return keys


def household_body(household: dict, members: list[dict]) -> str:
    parts: list[str] = list(name_keys(household["head_name"]))
    for m in members:
        parts += name_keys(m["name"])
        parts += [m.get("id_number") or "", m.get("phone") or ""]
    parts += [household.get("phone") or "", household.get("number") or "", household.get("address") or ""]
    parts += group_keys(household.get("group_name"))
    seen = dict.fromkeys(normalize_query(p) for p in parts if p)
    return SEPARATOR + SEPARATOR.join(k for k in seen if k) + SEPARATOR


def index_household(conn, household_id: str, body: str | None) -> None:
    """Replace the household's entry; `body=None` removes it (a deleted household)."""
    rowid = conn.execute("SELECT rowid FROM households WHERE id = ?", [household_id]).fetchone()[0]
    conn.execute("DELETE FROM household_search WHERE rowid = ?", [rowid])
    if body is not None:
        conn.execute("INSERT INTO household_search (rowid, body) VALUES (?, ?)", [rowid, body])


def match_clause(query: str) -> tuple[str, list] | None:
    """SQL condition on `household_search` and its parameters, or None for an empty query."""
    q = normalize_query(query).replace(SEPARATOR, "")
    if not q:
        return None
    if len(q) >= 3:
        return "household_search MATCH ?", ['"' + q.replace('"', '""') + '"']
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "household_search.body LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
