"""Households and members through app.services.households: rules, history, search."""
from __future__ import annotations

import json

import pytest

from app.core.enums import HouseholdCategory
from app.core.errors import NotFound, ValidationError
from app.core.words import zh
from app.services import households


def _ids(rows):
    return {r["id"] for r in rows}


def _search(store, text):
    return _ids(households.list_households(store, text))


# -- adding ------------------------------------------------------------------
def test_add_household_and_members(store, hh):
    h = households.add_household(store, {"head_name": "张三", "category": "脱贫户", "group_name": "第三村民小组",
                                         "phone": "138 1234 5678"})
    assert h["category"] == "lifted"
    assert h["phone"] == "13812345678"
    assert h["revision"] == 1
    head = hh.member(h["id"], "张三", "户主", "1968-03-02", "male")
    wife = hh.member(h["id"], "李四", "spouse", "1970-07-09", "female")
    assert head["sex"] == "male" and head["birth_date"] == "1968-03-02"
    assert wife["relation"] == "spouse"
    got = households.members(store, h["id"])
    assert [m["name"] for m in got] == ["张三", "李四"]
    rows = households.list_households(store)
    assert [r["head_name"] for r in rows] == ["张三"]
    assert zh(HouseholdCategory, rows[0]["category"]) == "脱贫户"
    assert households.count_households(store) == 1


def test_member_birth_and_sex_come_from_id_number(store, hh):
    h = hh.household("赵六", members=[])
    number = hh.id_number("1985-06-15", "female")
    m = households.add_member(store, h["id"], {"name": "钱七", "relation": "head", "id_number": number})
    assert m["birth_date"] == "1985-06-15"
    assert m["sex"] == "female"


def test_id_number_bad_check_digit_refused(store, hh):
    h = hh.household("赵六", members=[])
    good = hh.id_number("1985-06-15", "male")
    wrong_last = "0" if good[-1] != "0" else "1"
    with pytest.raises(ValidationError) as e:
        households.add_member(store, h["id"], {"name": "赵六", "relation": "head", "id_number": good[:17] + wrong_last})
    assert e.value.field == "id_number"
    assert "check digit" in e.value.rule
    assert households.members(store, h["id"]) == []


def test_id_number_birth_date_mismatch_refused(store, hh):
    h = hh.household("赵六", members=[])
    number = hh.id_number("1985-06-15", "male")
    with pytest.raises(ValidationError) as e:
        households.add_member(store, h["id"], {"name": "赵六", "relation": "head", "id_number": number,
                                               "birth_date": "1985-06-16", "sex": "male"})
    assert e.value.field == "birth_date"


def test_id_number_sex_mismatch_refused(store, hh):
    h = hh.household("赵六", members=[])
    number = hh.id_number("1985-06-15", "male")
    with pytest.raises(ValidationError) as e:
        households.add_member(store, h["id"], {"name": "赵六", "relation": "head", "id_number": number,
                                               "sex": "女"})
    assert e.value.field == "sex"


def test_member_edit_checks_identity_against_stored_number(store, hh):
    h = hh.household("赵六")
    m = households.members(store, h["id"])[0]
    with pytest.raises(ValidationError) as e:
        households.update_member(store, m["id"], {"sex": "female"})
    assert e.value.field == "sex"
    assert households.members(store, h["id"])[0]["sex"] == "male"


def test_duplicate_id_number_across_households_refused(store, hh):
    a = hh.household("张三", members=[])
    b = hh.household("李四", members=[])
    number = hh.id_number("1975-01-20", "male")
    households.add_member(store, a["id"], {"name": "张三", "relation": "head", "id_number": number})
    with pytest.raises(ValidationError) as e:
        households.add_member(store, b["id"], {"name": "李四", "relation": "head", "id_number": number})
    assert e.value.field == "id_number"
    assert "张三" in str(e.value)
    assert households.members(store, b["id"]) == []


def test_duplicate_id_number_on_member_edit_refused(store, hh):
    a = hh.household("张三")
    b = hh.household("李四")
    ma = households.members(store, a["id"])[0]
    mb = households.members(store, b["id"])[0]
    with pytest.raises(ValidationError) as e:
        households.update_member(store, mb["id"], {"id_number": ma["id_number"]})
    assert e.value.field == "id_number"
    # Saving one's own number again is not a duplicate.
    assert households.update_member(store, ma["id"], {"id_number": ma["id_number"], "name": "张三"})["name"] == "张三"


def test_head_and_spouse_of_same_sex_refused(store, hh):
    h = hh.household("张三")  # head: male
    with pytest.raises(ValidationError) as e:
        hh.member(h["id"], "王五", "spouse", "1971-02-03", "male")
    assert e.value.field == "sex"
    hh.member(h["id"], "李四", "spouse", "1971-02-03", "female")
    assert {m["relation"] for m in households.members(store, h["id"])} == {"head", "spouse"}


def test_second_head_refused(store, hh):
    h = hh.household("张三")
    with pytest.raises(ValidationError) as e:
        hh.member(h["id"], "张大", "head", "1990-02-03", "male")
    assert e.value.field == "relation"
    with pytest.raises(ValidationError) as e:
        hh.member(h["id"], "李四", "spouse", "1971-02-03", "female")
        hh.member(h["id"], "李五", "spouse", "1972-02-03", "female")
    assert e.value.field == "relation"


def test_head_member_renames_household(store, hh):
    h = households.add_household(store, {"head_name": "张叁"})
    hh.member(h["id"], "张三", "head", "1968-03-02", "male")
    got = households.get_household(store, h["id"])
    assert got["head_name"] == "张三"
    assert got["revision"] == 2
    # A member who is not the head leaves the name alone.
    hh.member(h["id"], "张小明", "son", "2000-03-02", "male")
    assert households.get_household(store, h["id"])["head_name"] == "张三"


def test_renaming_head_member_renames_household(store, hh):
    h = hh.household("张三")
    head = households.members(store, h["id"])[0]
    households.update_member(store, head["id"], {"name": "张叁"})
    assert households.get_household(store, h["id"])["head_name"] == "张叁"
    assert [r["head_name"] for r in households.list_households(store, "张叁")] == ["张叁"]


def test_member_edit_keeps_one_head_and_opposite_sex_spouse(store, hh):
    h = hh.household("张三", members=[("张三", "head", "1968-03-02", "male"),
                                      ("张小", "son", "1995-01-01", "male"),
                                      ("李秀英", "spouse", "1970-07-09", "female"),
                                      ("张丽", "daughter", "1996-01-01", "female")])
    by_name = {m["name"]: m for m in households.members(store, h["id"])}
    with pytest.raises(ValidationError) as e:
        households.update_member(store, by_name["张小"]["id"], {"relation": "head"})
    assert e.value.field == "relation"
    with pytest.raises(ValidationError) as e:
        households.update_member(store, by_name["张丽"]["id"], {"relation": "spouse"})
    assert e.value.field == "relation"
    assert households.get_household(store, h["id"])["head_name"] == "张三"
    # Editing the head's own record is not a second head.
    assert households.update_member(store, by_name["张三"]["id"], {"relation": "head", "phone": "13812345678"})
    # Handing over: the old head steps down, the son becomes head and names the household.
    households.update_member(store, by_name["张三"]["id"], {"relation": "之父"})
    households.update_member(store, by_name["张小"]["id"], {"relation": "户主"})
    assert households.get_household(store, h["id"])["head_name"] == "张小"


def test_member_edit_refuses_spouse_of_heads_sex(store, hh):
    h = hh.household("张三")
    wife = households.add_member(store, h["id"], {"name": "李秀英", "relation": "spouse", "sex": "female",
                                                  "birth_date": "1970-07-09"})  # no ID number yet
    with pytest.raises(ValidationError) as e:
        households.update_member(store, wife["id"], {"sex": "male"})
    assert e.value.field == "sex"


def test_monitored_household_needs_monitoring_category(store):
    with pytest.raises(ValidationError) as e:
        households.add_household(store, {"head_name": "张三", "category": "monitored"})
    assert e.value.field == "monitoring_category"
    h = households.add_household(store, {"head_name": "张三"})
    with pytest.raises(ValidationError) as e:
        households.update_household(store, h["id"], {"category": "监测户"})
    assert e.value.field == "monitoring_category"


def test_unknown_category_refused(store):
    with pytest.raises(ValidationError) as e:
        households.add_household(store, {"head_name": "张三", "category": "贫困户"})
    assert e.value.field == "category"


# -- history -----------------------------------------------------------------
def test_edit_bumps_revision_and_keeps_history(store):
    h = households.add_household(store, {"head_name": "张三", "address": "老屋"})
    h2 = households.update_household(store, h["id"], {"address": "新屋", "phone": "13812345678"})
    assert h2["revision"] == 2
    assert h2["address"] == "新屋"
    h3 = households.update_household(store, h["id"], {"address": "新屋"})  # nothing changed
    assert h3["revision"] == 2
    h4 = households.update_household(store, h["id"], {"address": "第三处"})
    assert h4["revision"] == 3
    log = store.query("SELECT action, revision, changes FROM audit_log WHERE tbl = 'households' AND record_id = ?"
                      " ORDER BY seq", [h["id"]])
    assert [(r["action"], r["revision"]) for r in log] == [("insert", 1), ("update", 2), ("update", 3)]
    assert json.loads(log[1]["changes"])["address"] == ["老屋", "新屋"]
    assert json.loads(log[2]["changes"])["address"] == ["新屋", "第三处"]
    assert store.verify_audit().ok


# -- deletion ----------------------------------------------------------------
def test_delete_is_a_tombstone(store, hh):
    keep = hh.household("李四")
    gone = hh.household("张三", phone="13812345678")
    with pytest.raises(ValidationError):
        households.delete_household(store, gone["id"], "")
    record = households.delete_household(store, gone["id"], "户籍迁出")
    assert record["deleted"] == 1 and record["delete_reason"] == "户籍迁出"
    row = store.conn.execute("SELECT deleted, head_name FROM households WHERE id = ?", [gone["id"]]).fetchone()
    assert row == (1, "张三")  # still there, marked
    assert _ids(households.list_households(store)) == {keep["id"]}
    assert _search(store, "张三") == set()
    assert _search(store, "zhangsan") == set()
    assert _search(store, "13812345678") == set()
    with pytest.raises(NotFound):
        households.get_household(store, gone["id"])
    assert households.count_households(store) == 1
    # The deleted household's names and numbers are gone from the search index too.
    assert store.conn.execute("SELECT count(*) FROM household_search WHERE body LIKE '%zhangsan%'"
                              " OR body LIKE '%13812345678%'").fetchone()[0] == 0
    assert store.verify_audit().ok


def test_id_number_free_again_after_household_deleted(store, hh):
    old = hh.household("李四")
    number = households.members(store, old["id"])[0]["id_number"]
    households.delete_household(store, old["id"], "分户")
    new = households.add_household(store, {"head_name": "李四"})
    m = households.add_member(store, new["id"], {"name": "李四", "relation": "head", "id_number": number})
    assert m["household_id"] == new["id"]


# -- search ------------------------------------------------------------------
@pytest.fixture
def village(store, hh):
    zhang = hh.household("张三", members=[("张三", "head", "1968-03-02", "male"),
                                         ("李秀英", "spouse", "1970-07-09", "female")],
                         group_name="第三村民小组", phone="13812345678", number="430521001")
    wang = hh.household("王五", members=[("王五", "head", "1955-11-30", "male"),
                                        ("刘小红", "spouse", "1958-01-01", "female", {"phone": "13998765432"})],
                        group_name="第一村民小组", number="430521002")
    zeng = hh.household("曾国华", members=[("曾国华", "head", "1980-04-04", "male")], group_name="第一村民小组")
    return {"zhang": zhang, "wang": wang, "zeng": zeng}


def test_search_chinese_substring(store, village):
    assert _search(store, "张三") == {village["zhang"]["id"]}
    assert _search(store, "张") == {village["zhang"]["id"]}
    assert _search(store, "国华") == {village["zeng"]["id"]}


def test_search_full_pinyin(store, village):
    assert _search(store, "zhangsan") == {village["zhang"]["id"]}
    assert _search(store, "ZhangSan") == {village["zhang"]["id"]}
    assert _search(store, "wangwu") == {village["wang"]["id"]}


def test_search_initials(store, village):
    assert _search(store, "zs") == {village["zhang"]["id"]}
    assert _search(store, "ww") == {village["wang"]["id"]}


def test_search_id_number_fragment(store, village):
    zhang_members = households.members(store, village["zhang"]["id"])
    wife = next(m for m in zhang_members if m["name"] == "李秀英")
    assert _search(store, wife["id_number"][-6:]) == {village["zhang"]["id"]}
    assert _search(store, wife["id_number"]) == {village["zhang"]["id"]}


def test_search_phone_fragment(store, village):
    assert _search(store, "12345678") == {village["zhang"]["id"]}
    # A member's own phone finds the household too.
    assert _search(store, "98765432") == {village["wang"]["id"]}


def test_search_village_group_short_form(store, village):
    assert _search(store, "三组") == {village["zhang"]["id"]}
    assert _search(store, "一组") == {village["wang"]["id"], village["zeng"]["id"]}
    assert _search(store, "第三村民小组") == {village["zhang"]["id"]}


def test_search_by_second_members_name(store, village):
    assert _search(store, "刘小红") == {village["wang"]["id"]}
    assert _search(store, "liuxiaohong") == {village["wang"]["id"]}
    assert _search(store, "lxy") == {village["zhang"]["id"]}  # 李秀英


def test_search_polyphonic_surname(store, village):
    assert _search(store, "zengguohua") == {village["zeng"]["id"]}
    assert _search(store, "cengguohua") == {village["zeng"]["id"]}
    assert _search(store, "zgh") == {village["zeng"]["id"]}


def test_search_follows_renamed_member(store, village):
    wife = next(m for m in households.members(store, village["wang"]["id"]) if m["name"] == "刘小红")
    households.update_member(store, wife["id"], {"name": "刘晓燕"})
    assert _search(store, "刘小红") == set()
    assert _search(store, "liuxiaoyan") == {village["wang"]["id"]}


def test_search_no_match_and_filters(store, village):
    assert _search(store, "nobody") == set()
    assert _ids(households.list_households(store, group="第一村民小组")) == {village["wang"]["id"], village["zeng"]["id"]}
    assert households.list_households(store, category="monitored") == []
    assert len(households.list_households(store, category="一般农户")) == 3


def test_get_household_by_number(store, village):
    assert households.get_household(store, "430521002")["id"] == village["wang"]["id"]
    with pytest.raises(NotFound):
        households.get_household(store, "999")
