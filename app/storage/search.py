"""The encrypted full-text index behind search-as-you-type.

One entry per household: names with their pinyin and initials, ID numbers, phone numbers,
household number, village group and address, joined by '|' so that no query matches across
two values. Queries of three characters or more use the trigram index; shorter ones ("zs",
"张", "7组") look up `household_grams`, every one- and two-character piece of each value,
kept with the entry: the same households as `LIKE '%q%'` over the entry, without the scan.
"""
from __future__ import annotations

import re

from app.core.search_keys import name_keys, normalize_query

SEPARATOR = "|"
_GROUP_NUMBER = re.compile(r"第?(.+?)(?:村民)?小?组$")


_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int; None if `text` is not such a numeral."""
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def group_number(group_name: str | None) -> int | None:
    """The number of a village group: 第十二村民小组 → 12, 3组 → 3; None if it has none."""
    m = _GROUP_NUMBER.match(group_name or "")
    if not m:
        return None
    text = m.group(1)
    return int(text) if text.isdigit() else chinese_number(text)


def group_sort_key(group_name: str | None) -> tuple:
    """Sort village groups by their number: 第二 before 第十二; unnumbered ones after, by name."""
    number = group_number(group_name)
    return (0 if group_name else 1, number if number is not None else 10_000, group_name or "")


def group_keys(group_name: str | None) -> list[str]:
    """"第三村民小组" is typed as "三组" or "3组"; index the short forms too."""
    if not group_name:
        return []
    keys = [group_name]
    m = _GROUP_NUMBER.match(group_name)
    if m:
        keys.append(m.group(1) + "组")
        number = chinese_number(m.group(1))
        if number is not None:
            keys.append(f"{number}组")
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


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def grams(body: str | None) -> set[str]:
    """Every one- and two-character piece of each value of an entry: what a short query
    matches. ASCII letters folded to lower case, as LIKE compares them."""
    out: set[str] = set()
    for value in (body or "").translate(_ASCII_LOWER).split(SEPARATOR):
        out.update(value)
        out.update(value[i:i + 2] for i in range(len(value) - 1))
    return out


def index_household(conn, household_id: str, body: str | None) -> None:
    """Replace the household's entry; `body=None` removes it (a deleted household)."""
    rowid = conn.execute("SELECT rowid FROM households WHERE id = ?", [household_id]).fetchone()[0]
    old = conn.execute("SELECT body FROM household_search WHERE rowid = ?", [rowid]).fetchone()
    conn.execute("DELETE FROM household_search WHERE rowid = ?", [rowid])
    if body is not None:
        conn.execute("INSERT INTO household_search (rowid, body) VALUES (?, ?)", [rowid, body])
    before, after = grams(old[0] if old else None), grams(body)
    conn.executemany("DELETE FROM household_grams WHERE gram = ? AND rid = ?", [(g, rowid) for g in before - after])
    conn.executemany("INSERT INTO household_grams (gram, rid) VALUES (?, ?)", [(g, rowid) for g in after - before])


def index_households(conn, bodies: dict[str, str | None]) -> None:
    """`index_household` for many households at once (a page of records down): a few
    statements for them all instead of a few each."""
    rowids: dict[str, int] = {}
    old: dict[int, str] = {}
    ids = list(bodies)
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        rowids.update(conn.execute(f"SELECT id, rowid FROM households WHERE id IN ({', '.join('?' * len(part))})",
                                   part))
    rids = [rowids[h] for h in ids]     # a household not held fails here, as one at a time fails
    for start in range(0, len(rids), 500):
        part = rids[start:start + 500]
        old.update(conn.execute(f"SELECT rowid, body FROM household_search WHERE rowid IN"
                                f" ({', '.join('?' * len(part))})", part))
    conn.executemany("DELETE FROM household_search WHERE rowid = ?", [(r,) for r in old])
    conn.executemany("INSERT INTO household_search (rowid, body) VALUES (?, ?)",
                     [(rowids[h], body) for h, body in bodies.items() if body is not None])
    drop, add = [], []
    for h, body in bodies.items():
        rowid = rowids[h]
        before, after = grams(old.get(rowid)), grams(body)
        drop += [(g, rowid) for g in before - after]
        add += [(g, rowid) for g in after - before]
    conn.executemany("DELETE FROM household_grams WHERE gram = ? AND rid = ?", drop)
    conn.executemany("INSERT INTO household_grams (gram, rid) VALUES (?, ?)", add)


def create_grams(conn) -> None:
    """The short-query index, filled from the entries already there (a store from before it)."""
    conn.execute("CREATE TABLE household_grams (gram TEXT NOT NULL, rid INTEGER NOT NULL,"
                 " PRIMARY KEY (gram, rid)) WITHOUT ROWID")
    for rowid, body in conn.execute("SELECT rowid, body FROM household_search").fetchall():
        conn.executemany("INSERT INTO household_grams (gram, rid) VALUES (?, ?)", [(g, rowid) for g in grams(body)])


def matching_rowids(query: str) -> tuple[str, list] | None:
    """A SELECT of the rowids of the households the query finds (households' rowids) and its
    parameters, or None for an empty query."""
    q = normalize_query(query).replace(SEPARATOR, "")
    if not q:
        return None
    if len(q) >= 3:
        return "SELECT rowid FROM household_search WHERE household_search MATCH ?", ['"' + q.replace('"', '""') + '"']
    # Straight from the pieces, not through the full-text table: half the time for a common one.
    return "SELECT rid FROM household_grams WHERE gram = ?", [q.translate(_ASCII_LOWER)]
