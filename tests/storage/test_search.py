"""The encrypted full-text index: found as the user types, kept in step with every change."""
from __future__ import annotations

import pytest

from app.services.households import (add_household, add_member, delete_household, delete_member,
                                     list_households, update_household)
from app.storage.search import group_keys

from tests.support.storage import TODAY, add_family, id_number


def found(store, query):
    return [h["head_name"] for h in list_households(store, query)]


@pytest.fixture
def village(store):
    zhang = add_family(store, "张三丰", 1, phone="13800138000")
    ouyang = add_household(store, {"head_name": "欧阳娜娜", "category": "lifted", "phone": "13912345678",
                                   "group_name": "第三村民小组", "number": "017"})
    add_member(store, ouyang["id"], {"name": "欧阳小明", "relation": "son", "id_number": id_number(2)}, today=TODAY)
    return store, zhang, ouyang


@pytest.mark.parametrize("query, names", [
    ("张三丰", ["张三丰"]), ("张", ["张三丰"]), ("zhangsanfeng", ["张三丰"]), ("zsf", ["张三丰"]),
    ("ZSF", ["张三丰"]), ("ｚｓｆ", ["张三丰"]), ("38001", ["张三丰"]), ("1234", ["欧阳娜娜"]),
    ("小明", ["欧阳娜娜"]), ("oyxm", ["欧阳娜娜"]), ("三组", ["欧阳娜娜"]), ("017", ["欧阳娜娜"]),
    ("", ["张三丰", "欧阳娜娜"]), ("没有这个人", []),
])
def test_found_as_typed(village, query, names):
    store, *_ = village
    assert sorted(found(store, query)) == sorted(names)


def test_id_number_fragment(village):
    store, zhang, ouyang = village
    assert found(store, zhang["id_number"][-6:]) == ["张三丰"]
    assert found(store, id_number(2)) == ["欧阳娜娜"]


@pytest.mark.parametrize("query", ['"', "%", "_", "\\", "a\"b", "%%%", "' OR 1=1 --", "*", "NEAR("])
def test_odd_input_is_text_not_syntax(village, query):
    store, *_ = village
    assert found(store, query) == []


def test_no_match_across_two_values(village):
    store, *_ = village
    # "…|张三丰|zhangsanfeng|…": the end of one key and the start of the next are not one word.
    assert found(store, "丰zhang") == []
    assert found(store, "张|三") == ["张三丰"]  # the separator is not searchable; it is dropped


def test_index_follows_changes(village):
    store, zhang, ouyang = village
    update_household(store, zhang["household"]["id"], {"phone": "13711112222"})
    assert found(store, "38001") == [] and found(store, "11112222") == ["张三丰"]
    member = store.query("SELECT id FROM members WHERE name = '欧阳小明'")[0]["id"]
    delete_member(store, member, "户籍迁出")
    assert found(store, "小明") == [] and found(store, "欧阳") == ["欧阳娜娜"]
    delete_household(store, ouyang["id"], "整户迁出")
    assert found(store, "欧阳") == [] and found(store, "") == ["张三丰"]
    assert store.verify_audit().ok


def test_group_short_forms():
    assert group_keys("第三村民小组") == ["第三村民小组", "三组", "3组"]
    assert "三组" in group_keys("三组")
    assert group_keys(None) == []


def test_group_typed_with_arabic_numeral(village):
    store, *_ = village
    assert found(store, "3组") == ["欧阳娜娜"]


def test_group_numbers_sort_as_numbers():
    from app.storage.search import group_number, group_sort_key
    assert [group_number(n) for n in ("第十二村民小组", "三组", "12组", "东片", None)] == [12, 3, 12, None, None]
    names = ["第十二村民小组", None, "东片", "第二村民小组", "第三村民小组"]
    assert sorted(names, key=group_sort_key) == ["第二村民小组", "第三村民小组", "第十二村民小组", "东片", None]
