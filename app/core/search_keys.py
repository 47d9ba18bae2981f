"""The text indexed so households and members are found as the user types (拼音检索).

A name is found by its characters, its full pinyin without tones ("zhangsan") or its initials
("zs"). Polyphonic characters (多音字) add alternative readings, surname readings first (曾 is
zeng as a surname, ceng elsewhere), so that 曾 can be typed either way.
Keys and queries go through the same `normalize_query`, so they compare directly.
"""
import unicodedata
from functools import lru_cache

# Most combinations of readings kept per name: each alternative reading multiplies the index.
MAX_READINGS = 4

# Separators inside transliterated minority names (阿依·买买提), in the forms people type them.
_NAME_DOTS = "·•‧・."

# Surnames (姓氏) read differently from the character's common-word reading: pypinyin knows
# the character but not that it is a surname, and lists the word reading first (曾 → ceng).
# These readings replace pypinyin's for the first character, usual one first; the second is
# how people who do not know the surname reading will type it.
_SURNAME_READINGS = {
    "曾": ("zeng", "ceng"), "单": ("shan", "dan"), "解": ("xie", "jie"), "仇": ("qiu", "chou"),
    "区": ("ou", "qu"), "朴": ("piao", "pu"), "查": ("zha", "cha"), "盖": ("ge", "gai"),
    "缪": ("miao", "mou"), "翟": ("zhai", "di"), "乐": ("yue", "le"), "覃": ("qin", "tan"),
    "种": ("chong", "zhong"), "召": ("shao", "zhao"), "繁": ("po", "fan"), "员": ("yun", "yuan"),
    "秘": ("bi", "mi"), "折": ("she", "zhe"), "牟": ("mou", "mu"), "卜": ("bu",), "尉": ("wei",),
}
# Common surnames with a single surname reading, which is pypinyin's first; its other readings
# (王 yu, 沈 chen, 石 dan …) are archaic and would only crowd out the given name's real ones.
_PLAIN_SURNAMES = frozenset(
    "王吴朱许冯邓彭董潘于蔡余杜叶丁任沈姚陆汪石贾夏方白尹陶郝万莫汤温施邢齐倪庄殷詹焦俞甘祝包"
    "宁尚舒阮童裴霍涂谷盛冉蓝路游柴祁蒲房屈艾司古车芦褚戚景冷柏瞿臧卞姬和隋沙甄明池苑"
)
# Compound surnames (复姓) whose reading differs from the characters' usual ones.
_COMPOUND_SURNAMES = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"), "单于": ("chan", "yu"),
}

_SPACE_AND_DOTS = str.maketrans("", "", " \t\r\n" + _NAME_DOTS)


def normalize_query(text: str) -> str:
    """What the user typed, in the form keys are stored in.

    NFKC turns full-width letters, digits and spaces (ＡＢ１２　) into ASCII; spaces and the
    dots of minority names are dropped; letters are lower-cased.
    """
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).translate(_SPACE_AND_DOTS).lower().strip()


@lru_cache(maxsize=20_000)
def _char_readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one character, pypinyin's most common first; unknown → the char."""
    from pypinyin import Style, pinyin  # here: its dictionaries take ~0.3 s to load, and a command
    # that lists or shows households never spells a name
    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=lambda s: [s])[0]
    out = []
    for r in readings:
        r = r.lower()
        if r and r not in out:
            out.append(r)
    return tuple(out) or (ch,)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f" or "\uf900" <= ch <= "\ufaff"


def _positions(name: str) -> list[tuple[str, ...]]:
    """Readings for each character of `name` (already normalized, no dots), best first.

    Per character from the cache, not pypinyin's phrase-aware conversion: names are rarely
    dictionary phrases, every reading is kept as an alternative anyway, and the phrase
    pipeline is ~5x slower when a whole village is indexed.
    """
    return [_char_readings(ch) if _is_han(ch) else (ch,) for ch in name]


def _apply_surname(name: str, positions: list[tuple[str, ...]]) -> None:
    """Replace the readings at the surname positions with surname readings (in place)."""
    if len(name) < 2:
        return
    compound = _COMPOUND_SURNAMES.get(name[:2]) if len(name) > 2 else None
    if compound:
        for i, reading in enumerate(compound):
            positions[i] = (reading,)
    elif name[0] in _SURNAME_READINGS:
        positions[0] = _SURNAME_READINGS[name[0]]
    elif name[0] in _PLAIN_SURNAMES:
        positions[0] = _char_readings(name[0])[:1]  # dictionary reading, not a phrase's


def _combinations(positions: list[tuple[str, ...]], limit: int) -> list[list[str]]:
    """The best reading of every character, then one character changed at a time, from the
    first character (the surname) on, until `limit` combinations."""
    base = [p[0] for p in positions]
    combos = [base]
    for i, alts in enumerate(positions):
        for alt in alts[1:]:
            if len(combos) >= limit:
                return combos
            combos.append(base[:i] + [alt] + base[i + 1:])
    return combos


def name_keys(name: str) -> list[str]:
    """Search keys for a person's name: the name, full pinyin readings, initials.

    "张三" → ["张三", "zhangsan", "zs"]; "曾国藩" → [..., "zengguofan", "cengguofan", ..., "zgf", "cgf"].
    A minority name keeps its dotted form as typed and adds the dotless one queries compare with.
    """
    if not name or not name.strip():
        return []
    shown = name.strip()
    key = normalize_query(shown)
    if not key:
        return []
    keys = [shown, key]
    positions = _positions(key)
    if all(p == (ch,) for p, ch in zip(positions, key)):
        return list(dict.fromkeys(keys))  # nothing to spell: letters, digits or characters pypinyin lacks
    # A dotted name is a transliteration (阿依·买买提): its first character is no Han surname.
    if not any(d in shown for d in _NAME_DOTS):
        _apply_surname(key, positions)
    combos = _combinations(positions, MAX_READINGS)
    keys += ["".join(c) for c in combos]
    keys += ["".join(r[0] for r in c) for c in combos]
    return list(dict.fromkeys(keys))
