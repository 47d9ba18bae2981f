import time

from hypothesis import given, strategies as st

from app.core.search_keys import MAX_READINGS, name_keys, normalize_query


def test_plain_name():
    assert name_keys("张三") == ["张三", "zhangsan", "zs"]


def test_polyphonic_surnames_surname_reading_first():
    for name, surname_reading, word_reading, initials in [
        ("曾国藩", "zengguofan", "cengguofan", "zgf"),
        ("单田芳", "shantianfang", "dantianfang", "stf"),
        ("解缙", "xiejin", "jiejin", "xj"),
        ("仇英", "qiuying", "chouying", "qy"),
    ]:
        keys = name_keys(name)
        assert keys[0] == name
        assert keys[1] == surname_reading
        assert word_reading in keys
        assert initials in keys
        assert keys.index(surname_reading) < keys.index(word_reading)


def test_surname_without_surname_alternatives():
    # 王 has an archaic reading yu; as a surname it is only wang, leaving room for 明 ming/meng
    keys = name_keys("王小明")
    assert not any(k.startswith("yu") for k in keys)
    assert "wangxiaoming" in keys and "wxm" in keys


def test_compound_surname():
    assert name_keys("尉迟恭")[1] == "yuchigong"
    assert "zhangsunwuji" in name_keys("长孙无忌")


def test_given_name_polyphones_included():
    keys = name_keys("李乐")
    assert "lile" in keys and "liyue" in keys


def test_readings_capped():
    # every character polyphonic: without a cap this would be dozens of keys
    keys = name_keys("单长乐行重")
    assert MAX_READINGS == 4
    # surname alternatives come before the given name's
    assert keys == ["单长乐行重",
                    "shanzhanglexingzhong", "danzhanglexingzhong", "shanchanglexingzhong", "shanzhangyuexingzhong",
                    "szlxz", "dzlxz", "sclxz", "szyxz"]


def test_rare_character_is_kept():
    keys = name_keys("𠀾明")
    assert keys[0] == "𠀾明"
    assert "𠀾ming" in keys
    assert "𠀾m" in keys


def test_minority_name_with_middle_dot():
    keys = name_keys("阿依·买买提")
    assert keys[0] == "阿依·买买提"
    assert "阿依买买提" in keys
    assert "ayimaimaiti" in keys
    assert "aymmt" in keys
    # typed with another dot or none, the query still matches a key
    for typed in ("阿依•买买提", "阿依.买买提", "阿依买买提", "ayi maimaiti", "AYMMT"):
        assert normalize_query(typed) in keys


def test_name_with_latin_letters_and_spaces():
    assert name_keys("Ａ李") == ["Ａ李", "a李", "ali", "al"]
    assert name_keys(" 李 四 ") == ["李 四", "李四", "lisi", "ls"]
    assert name_keys("Tom") == ["Tom", "tom"]


def test_empty_names():
    assert name_keys("") == []
    assert name_keys("   ") == []
    assert name_keys("·") == []
    assert name_keys(None) == []


def test_normalize_query():
    assert normalize_query("  Zhang San ") == "zhangsan"
    assert normalize_query("ＺＳ１２３") == "zs123"
    assert normalize_query("张　三") == "张三"  # full-width space
    assert normalize_query("") == ""
    assert normalize_query(None) == ""


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
rare = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF)


@given(st.text(alphabet=st.one_of(han, rare), min_size=1, max_size=6))
def test_any_han_name_is_found_by_itself_and_keys_are_normalized(name):
    keys = name_keys(name)
    assert keys[0] == name
    assert normalize_query(name) in keys
    assert all(normalize_query(k) == k for k in keys[1:])
    assert len(keys) <= 2 + 2 * MAX_READINGS
    assert len(keys) == len(set(keys))


def test_village_scale_indexing_is_fast():
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗曾单解仇"
    given_names = ["建国", "小明", "秀英", "德华", "晓红", "丽颖", "长乐", "朝阳", "志强", "桂兰"]
    names = [s + g for s in surnames for g in given_names] * 62  # ~15,000 members
    start = time.perf_counter()
    for n in names:
        name_keys(n)
    assert time.perf_counter() - start < 3.0
