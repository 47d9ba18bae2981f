"""Queries of one or two characters are looked up in `household_grams`, kept with each entry:
the same households as `LIKE '%q%'` over the entries, after every change, and the same table
when a store from before it is migrated."""
from __future__ import annotations

from app.services.households import add_household, add_member, delete_household, delete_member, update_household
from app.storage import search

from tests.support.storage import TODAY, add_family, id_number


def by_like(store, query: str) -> set[int]:
    q = search.normalize_query(query).replace(search.SEPARATOR, "")
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {r for (r,) in store.conn.execute(
        "SELECT rowid FROM household_search WHERE body LIKE ? ESCAPE '\\'", [f"%{escaped}%"])}


def by_index(store, query: str) -> set[int]:
    found, params = search.matching_rowids(query)
    return {r for (r,) in store.conn.execute(found, params)}


def short_queries(store) -> set[str]:
    out = {"Z", "zS", "Ｚ", "%", "_", "a_", "\\", "x|", "3组", "没"}  # "|" alone is an empty query
    for (body,) in store.conn.execute("SELECT body FROM household_search"):
        for value in body.split(search.SEPARATOR):
            out.update(value)
            out.update(value[i:i + 2] for i in range(len(value) - 1))
            out.update(value[i:i + 2].upper() for i in range(len(value) - 1))
    return out


def same_as_like(store) -> None:
    queries = short_queries(store)
    assert len(queries) > 50
    for q in queries:
        assert by_index(store, q) == by_like(store, q), q


def test_short_queries_find_what_like_finds_after_every_change(store):
    zhang = add_family(store, "张三丰", 1, phone="13800138000")
    ouyang = add_household(store, {"head_name": "欧阳娜娜", "category": "lifted", "phone": "13912345678",
                                   "group_name": "第三村民小组", "number": "017", "address": "A_1%号"})
    son = add_member(store, ouyang["id"], {"name": "欧阳小明", "relation": "son", "id_number": id_number(2)},
                     today=TODAY)
    same_as_like(store)
    assert by_index(store, "zs") and by_index(store, "张") and by_index(store, "3组")
    update_household(store, ouyang["id"], {"head_name": "欧阳青", "group_name": "第五村民小组"})
    same_as_like(store)
    delete_member(store, son["id"], "录入错误")
    same_as_like(store)
    delete_household(store, zhang["household"]["id"], "迁出")
    same_as_like(store)
    assert not by_index(store, "丰")


def test_a_store_from_before_the_table_gets_it_filled(store):
    add_family(store, "张三丰", 1, phone="13800138000")
    add_household(store, {"head_name": "欧阳娜娜", "category": "lifted", "group_name": "第三村民小组"})
    kept = set(store.conn.execute("SELECT gram, rid FROM household_grams"))
    store.conn.execute("DROP TABLE household_grams")
    search.create_grams(store.conn)
    assert set(store.conn.execute("SELECT gram, rid FROM household_grams")) == kept
    same_as_like(store)
