"""Every file the device reads, fed what hypothesis makes of it: random bytes, damaged real
files, random JSON of every shape and depth. A reader may refuse (the project's own errors:
ValidationError, AccessDenied, FormError, all ZhucunError) and nothing else: no KeyError,
TypeError, RecursionError or MemoryError reaches a person."""
from __future__ import annotations

import io
import json
import zipfile
from contextlib import nullcontext
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import limits, signature
from app.core.errors import ZhucunError
from app.core.forms.definition import load_file
from app.ledger.read import read_ledger
from app.storage.keys import KeyFile

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])

# Any JSON value: scalars, lists and objects, sometimes deep.
scalars = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=40)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        out[at % len(out)] = value
    return bytes(out)


edits = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=8)


def _refuses_or_reads(fn, *args):
    try:
        fn(*args)
    except ZhucunError:
        pass


# -- ledgers ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ledger_bytes(tmp_path_factory) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["户编号", "户主姓名", "姓名", "证件号码", "与户主关系"])
    ws.append(["5203241012020001", "张三", "张三", "52260119680517001X", "户主"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".ods"]))
def test_ledger_random_bytes(tmp_path, data, suffix):
    _refuses_or_reads(read_ledger, _write(tmp_path, "ledger" + suffix, data))


@FUZZ
@given(changes=edits)
def test_ledger_damaged_workbook(tmp_path, ledger_bytes, changes):
    _refuses_or_reads(read_ledger, _write(tmp_path, "ledger.xlsx", _mutate(ledger_bytes, changes)))


@FUZZ
@given(parts=st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                              "xl/sharedStrings.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"]),
                             st.binary(max_size=300) | st.just(b'<c r="XFD1048576"/>'), max_size=6))
def test_ledger_random_zip(tmp_path, parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    _refuses_or_reads(read_ledger, _write(tmp_path, "ledger.xlsx", buf.getvalue()))


def test_ledger_zip_bomb_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (64 * limits.MB) + b"</a>")
    assert path.stat().st_size < limits.MB
    with pytest.raises(limits.LimitExceeded) as e:
        read_ledger(path)
    assert "bomb.xlsx" in str(e.value) and e.value.field == "file"


def test_ledger_ods_repeat_bomb_refused(tmp_path):
    """A few hundred bytes: one value repeated 100,000 rows down and 1,000 columns across."""
    table = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
             ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
             ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
             '<table:table table:name="S"><table:table-row table:number-rows-repeated="100000">'
             '<table:table-cell office:value-type="string" table:number-columns-repeated="300"><text:p>x</text:p>'
             '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
             '</office:document-content>')
    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", table)
    with pytest.raises(limits.LimitExceeded) as e:
        read_ledger(path)
    assert "bomb.ods" in str(e.value) and "100,000 行 × 300 列" in str(e.value)


# -- forms -------------------------------------------------------------------------------------
@FUZZ
@given(value=json_values)
def test_form_any_json(tmp_path, value):
    _refuses_or_reads(load_file, _write(tmp_path, "form.json", json.dumps(value).encode()))


@FUZZ
@given(text=st.text(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".xlsx"]))
def test_form_any_text(tmp_path, text, suffix):
    _refuses_or_reads(load_file, _write(tmp_path, "form" + suffix, text.encode("utf-8", "surrogatepass")))


@pytest.mark.parametrize("suffix,text", [
    (".json", _deep(100_000)),
    (".yaml", _deep(100_000)),
    (".yaml", "".join(" " * i + "- \n" for i in range(3000))),                       # block nesting
    (".yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(                    # aliases, a billion laughs
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
        f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))),
])
def test_form_nesting_refused(tmp_path, suffix, text):
    with pytest.raises(ZhucunError):
        load_file(_write(tmp_path, "deep" + suffix, text.encode()))


# -- key files ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def key_dict() -> dict:
    kf = KeyFile(store_id="s1")
    kf.set_user("u1", "李队长", "passphrase1", b"k" * 32, {"algorithm": "argon2id", "memory_kib": 8,
                                                                "iterations": 1, "lanes": 1})
    return kf.to_dict()


def _replace_at(data, path: list, value):
    """`data` with the item at `path` (keys or indexes, as deep as it goes) replaced by `value`."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return value
    data = json.loads(json.dumps(data))
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    data[key] = _replace_at(data[key], path[1:], value)
    return data


@FUZZ
@given(path=st.lists(st.integers(0, 20), max_size=5), value=json_values)
def test_key_file_any_structure(tmp_path, key_dict, path, value):
    file = _write(tmp_path, "keys.json", json.dumps(_replace_at(key_dict, path, value)).encode())
    try:
        kf = KeyFile.load(file)
        if all(u.kdf["memory_kib"] <= 65536 and u.kdf["iterations"] <= 4 for u in kf.users):  # a real cost
            kf.unlock_any("passphrase1")
    except ZhucunError:
        pass


@FUZZ
@given(data=st.binary(max_size=600))
def test_key_file_random_bytes(tmp_path, data):
    _refuses_or_reads(KeyFile.load, _write(tmp_path, "keys.json", data))


# -- stroke files and config tables (the JSON the CLI reads, then validates) --------------------
@FUZZ
@given(value=json_values | st.fixed_dictionaries({"width": scalars, "height": scalars, "strokes": json_values}))
def test_stroke_file_any_json(tmp_path, value):
    file = _write(tmp_path, "strokes.json", json.dumps(value).encode())
    _refuses_or_reads(lambda p: signature.validate(limits.load_json(p, "strokes")), file)


class _Store:
    """Enough of a store for the policy tables' setters: writes go nowhere."""

    def transaction(self):
        return nullcontext()

    class conn:  # noqa: N801 - stands in for the connection attribute
        @staticmethod
        def execute(*_):
            return None


@FUZZ
@given(value=json_values, table=st.sampled_from(["set_baselines", "set_visit_policy"]))
def test_config_table_any_json(tmp_path, value, table):
    from app.services import config
    file = _write(tmp_path, "table.json", json.dumps(value).encode())
    _refuses_or_reads(lambda p: getattr(config, table)(_Store(), limits.load_json(p, "config")), file)


@pytest.mark.parametrize("kind", ["strokes", "config", "answers", "keys"])
def test_deep_json_refused_without_recursion(tmp_path, kind):
    with pytest.raises(limits.LimitExceeded):
        limits.load_json(_write(tmp_path, "deep.json", _deep(200_000).encode()), kind)


def test_oversized_file_refused_unread(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(limits.MAX_BYTES["strokes"] + 1)
    with pytest.raises(limits.LimitExceeded) as e:
        limits.load_json(path, "strokes", "--investigator-strokes")
    assert "big.json" in str(e.value) and "--investigator-strokes" in str(e.value)


# -- backups -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def backup_bytes(tmp_path_factory) -> bytes:
    from app.storage.backup import make_backup
    from app.storage.store import Store
    base = tmp_path_factory.mktemp("fuzz-backup")
    store, _ = Store.create(base / "store", "李队长", "passphrase1",
                            kdf_params={"algorithm": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1})
    with store:
        info = make_backup(store, base / "b.zhucun-backup")
    return Path(info["path"]).read_bytes()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=edits)
def test_backup_damaged(tmp_path_factory, backup_bytes, changes):
    from app.storage.backup import restore_backup
    base = tmp_path_factory.mktemp("restore")
    file = _write(base, "b.zhucun-backup", _mutate(backup_bytes, changes))
    _refuses_or_reads(restore_backup, file, base / "restored", "passphrase1")


@FUZZ
@given(data=st.binary(max_size=2048))
def test_backup_random_bytes(tmp_path, data):
    from app.storage.backup import restore_backup
    _refuses_or_reads(restore_backup, _write(tmp_path, "b.zhucun-backup", data), tmp_path / "restored", "x" * 8)
