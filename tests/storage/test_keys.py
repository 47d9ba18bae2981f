"""The key hierarchy: passphrases and the recovery code wrap one data key; nothing secret in clear."""
from __future__ import annotations

import base64
import json

import pytest

from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.storage import keys
from app.storage.keys import KeyFile, normalize_recovery_code
from app.storage.store import DB_NAME, KEYS_NAME, LOCK_NAME, Store

from tests.support.storage import FAST_KDF, LEADER, PASSPHRASE, add_family, create_store, hash_dir


def test_create_then_open_with_passphrase(store_info):
    family = add_family(store_info.store, "张三丰", 1)
    store_info.store.close()
    with Store.open(store_info.path, PASSPHRASE) as s:
        assert s.user["name"] == LEADER
        assert s.user["role"] == Role.LEADER.value
        assert s.records.get("households", family["household"]["id"])["head_name"] == "张三丰"
        assert s.migrated == []
    with Store.open(store_info.path, PASSPHRASE, user_name=LEADER) as s:
        assert s.user_id == store_info.store.user_id


def test_create_with_default_kdf_parameters(tmp_path):
    store, code = Store.create(tmp_path / "s", "王五", "default-parameters-here")
    store.close()
    data = json.loads((tmp_path / "s" / KEYS_NAME).read_text("utf-8"))
    kdf = data["users"][0]["kdf"]
    for k, v in keys.DEFAULT_KDF.items():
        assert kdf[k] == v
    assert data["recovery"]["kdf"]["memory_kib"] == keys.DEFAULT_KDF["memory_kib"]
    with Store.open(tmp_path / "s", "default-parameters-here") as s:
        assert s.user["name"] == "王五"


def test_wrong_passphrase_changes_nothing_on_disk(store_info):
    add_family(store_info.store, "张三丰", 1)
    store_info.store.close()
    # The lock file is left by the last session; remove it so we can see it is not made again.
    (store_info.path / LOCK_NAME).unlink()
    before = hash_dir(store_info.path)
    assert set(before) == {DB_NAME, KEYS_NAME}
    for attempt in ("wrong passphrase", PASSPHRASE + " ", PASSPHRASE[:-1], ""):
        with pytest.raises(AccessDenied):
            Store.open(store_info.path, attempt)
        with pytest.raises(AccessDenied):
            Store.open(store_info.path, attempt, user_name=LEADER)
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, PASSPHRASE, user_name="nobody")
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(store_info.path, "0" * 30, LEADER)
    assert hash_dir(store_info.path) == before  # same files, same bytes, and no lock file
    assert not (store_info.path / LOCK_NAME).exists()
    with Store.open(store_info.path, PASSPHRASE):
        assert (store_info.path / LOCK_NAME).exists()


def test_open_missing_store(tmp_path):
    with pytest.raises(AccessDenied):
        Store.open(tmp_path / "nothing", PASSPHRASE)
    assert not (tmp_path / "nothing").exists()


def test_open_key_file_without_database_refused(store_info):
    store_info.store.close()
    (store_info.path / DB_NAME).unlink()
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, PASSPHRASE)
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(store_info.path, store_info.recovery_code, LEADER)
    assert not (store_info.path / DB_NAME).exists()  # no empty store made in its place


def test_create_refuses_existing_store(store_info):
    with pytest.raises(AccessDenied):
        Store.create(store_info.path, "someone", "another passphrase", kdf_params=FAST_KDF)


def test_several_users_each_open_with_own_passphrase(store_info, fast_default_kdf):
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    s.add_user("钱采集", "qian-passphrase", Role.COLLECTOR)
    with pytest.raises(ValidationError) as err:
        s.add_user("赵采集", "yet-another-pass", Role.COLLECTOR)
    assert err.value.field == "name"
    s.close()
    expected = {LEADER: (PASSPHRASE, "leader"), "赵采集": ("zhao-passphrase", "collector"),
                "钱采集": ("qian-passphrase", "collector")}
    ids = set()
    for name, (phrase, role) in expected.items():
        with Store.open(store_info.path, phrase) as opened:
            assert opened.user["name"] == name
            assert opened.user["role"] == role
            ids.add(opened.user_id)
            assert {u["name"] for u in opened.users()} == set(expected)
        with Store.open(store_info.path, phrase, user_name=name) as opened:
            assert opened.user["name"] == name
    assert len(ids) == 3
    # One user's passphrase does not open another user's entry.
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, "zhao-passphrase", user_name="钱采集")


def test_added_user_needs_long_passphrase(store):
    with pytest.raises(ValidationError) as err:
        store.add_user("孙", "short", Role.COLLECTOR)
    assert err.value.field == "passphrase"
    assert [u["name"] for u in store.users()] == [LEADER]


def test_passphrase_change_rewraps_only(store_info, fast_default_kdf):
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    add_family(s, "张三丰", 1)
    s.close()
    s = Store.open(store_info.path, PASSPHRASE)
    db_files = {k: v for k, v in hash_dir(store_info.path).items() if k.startswith(DB_NAME)}
    other_before = next(u for u in s.keyfile.users if u.name == "赵采集")
    other_before = (dict(other_before.kdf), dict(other_before.wrapped))
    s.set_passphrase("a brand new passphrase")
    after = hash_dir(store_info.path)
    assert {k: v for k, v in after.items() if k.startswith(DB_NAME)} == db_files  # nothing re-encrypted
    assert not list(store_info.path.glob("*.tmp"))
    s.close()
    db_bytes = (store_info.path / DB_NAME).read_bytes()

    with pytest.raises(AccessDenied):
        Store.open(store_info.path, PASSPHRASE)
    with Store.open(store_info.path, "a brand new passphrase") as opened:
        assert opened.user["name"] == LEADER
        assert opened.records.get("households", opened.query("SELECT id FROM households")[0]["id"])
        other = opened.keyfile.user("赵采集")
        assert (other.kdf, other.wrapped) == other_before  # the other user's entry is untouched
    with Store.open(store_info.path, "zhao-passphrase") as opened:
        assert opened.user["name"] == "赵采集"
    # Same data key: the recovery code still opens, and the database file was never rewritten
    # (sessions that only read leave its bytes as they were).
    with Store.open_with_recovery(store_info.path, store_info.recovery_code, LEADER) as opened:
        assert opened.user["name"] == LEADER
    assert (store_info.path / DB_NAME).read_bytes() == db_bytes


def test_leader_resets_another_users_passphrase(store_info, fast_default_kdf):
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    s.set_passphrase("zhao-forgot-it-2", user_name="赵采集")
    s.close()
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, "zhao-passphrase")
    with Store.open(store_info.path, "zhao-forgot-it-2") as opened:
        assert opened.user["name"] == "赵采集"
    with Store.open(store_info.path, PASSPHRASE) as opened:
        assert opened.user["name"] == LEADER


def test_short_passphrase_refused(tmp_path, store):
    with pytest.raises(ValidationError) as err:
        Store.create(tmp_path / "new", LEADER, "1234567", kdf_params=FAST_KDF)
    assert err.value.field == "passphrase"
    assert "passphrase" in str(err.value)
    assert not (tmp_path / "new" / KEYS_NAME).exists()
    keyfile_before = (store.data_dir / KEYS_NAME).read_bytes()
    with pytest.raises(ValidationError) as err:
        store.set_passphrase("short")
    assert err.value.field == "passphrase"
    assert (store.data_dir / KEYS_NAME).read_bytes() == keyfile_before
    Store.create(tmp_path / "ok", LEADER, "12345678", kdf_params=FAST_KDF)[0].close()


def test_recovery_code_opens_in_every_spelling(store_info):
    code = store_info.recovery_code
    store_info.store.close()
    groups = code.split("-")
    assert len(groups) == 6 and all(len(g) == 5 for g in groups)
    assert set(code.replace("-", "")) <= set(keys.RECOVERY_ALPHABET)
    spellings = [code, code.lower(), code.replace("-", ""), " ".join(groups),
                 code.replace("0", "O"), code.lower().replace("0", "o").replace("1", "l")]
    for spelling in spellings:
        with Store.open_with_recovery(store_info.path, spelling, LEADER) as s:
            assert s.user["name"] == LEADER


def test_recovery_code_with_letter_o_for_zero(tmp_path):
    # Make sure the O-for-0 path is exercised: keep creating until a code has a zero in it.
    for i in range(40):
        s, code = create_store(tmp_path / f"s{i}")
        s.close()
        if "0" in code:
            break
    else:
        pytest.skip("no code with a zero came up")
    assert normalize_recovery_code(code.replace("0", "O")) == code.replace("-", "")
    with Store.open_with_recovery(tmp_path / f"s{i}", code.replace("0", "O").lower(), LEADER) as s:
        assert s.user["name"] == LEADER


def test_wrong_recovery_code_refused(store_info):
    code = store_info.recovery_code
    store_info.store.close()
    before = hash_dir(store_info.path)
    flipped = ("1" if code[0] != "1" else "2") + code[1:]
    for wrong in (flipped, keys.new_recovery_code(), code[:-1], ""):
        with pytest.raises(AccessDenied):
            Store.open_with_recovery(store_info.path, wrong, LEADER)
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(store_info.path, code, "nobody")
    assert hash_dir(store_info.path) == before


def test_new_recovery_code_replaces_old(store_info, fast_default_kdf):
    old = store_info.recovery_code
    new = store_info.store.new_recovery_code()
    assert new != old
    store_info.store.close()
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(store_info.path, old, LEADER)
    with Store.open_with_recovery(store_info.path, new, LEADER) as s:
        assert s.user["name"] == LEADER


def test_key_file_holds_no_data_key_in_clear(store_info, fast_default_kdf):
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    key = s._data_key
    assert len(key) == 32
    text = (store_info.path / KEYS_NAME).read_text("utf-8")
    raw = (store_info.path / KEYS_NAME).read_bytes()
    forms = [key.hex(), key.hex().upper(), base64.b64encode(key).decode(),
             base64.urlsafe_b64encode(key).decode(), base64.b32encode(key).decode(),
             base64.b64encode(key).decode().rstrip("=")]
    for form in forms:
        assert form not in text
    assert key not in raw
    for secret in (PASSPHRASE, "zhao-passphrase", store_info.recovery_code,
                   store_info.recovery_code.replace("-", "")):
        assert secret not in text
    data = json.loads(text)
    assert set(data) == {"format", "store_id", "users", "recovery"}
    for u in data["users"]:
        assert set(u) == {"user_id", "name", "kdf", "wrapped"}
        assert set(u["wrapped"]) == {"nonce", "ciphertext"}
        assert len(base64.b64decode(u["wrapped"]["ciphertext"])) == 32 + 16  # AES-GCM: key + tag
    # Every wrapped copy is different (own salt and nonce), yet each yields the same key.
    ciphertexts = [u["wrapped"]["ciphertext"] for u in data["users"]] + [data["recovery"]["wrapped"]["ciphertext"]]
    assert len(set(ciphertexts)) == len(ciphertexts)
    kf = KeyFile.from_dict(data)
    assert kf.unlock("赵采集", "zhao-passphrase")[0] == key
    assert kf.unlock_recovery(store_info.recovery_code) == key


def test_wrapped_key_bound_to_its_user_and_store(store_info, fast_default_kdf):
    """Swapping wrapped entries between users or stores does not open (the AAD binds them)."""
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    kf = KeyFile.from_dict(json.loads((store_info.path / KEYS_NAME).read_text("utf-8")))
    leader, zhao = kf.user(LEADER), kf.user("赵采集")
    leader.wrapped, leader.kdf, zhao.wrapped, zhao.kdf = zhao.wrapped, zhao.kdf, leader.wrapped, leader.kdf
    with pytest.raises(AccessDenied):
        kf.unlock(LEADER, "zhao-passphrase")
    kf = KeyFile.from_dict(json.loads((store_info.path / KEYS_NAME).read_text("utf-8")))
    kf.store_id = "another-store"
    with pytest.raises(AccessDenied):
        kf.unlock(LEADER, PASSPHRASE)


def test_key_file_written_atomically(store_info, fast_default_kdf, monkeypatch):
    s = store_info.store
    path = store_info.path / KEYS_NAME
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    s.set_passphrase("another long passphrase")
    s.new_recovery_code()
    assert sorted(p.name for p in store_info.path.iterdir() if "tmp" in p.name or p.suffix == ".tmp") == []
    json.loads(path.read_text("utf-8"))
    # A crash while writing (here: the rename fails) leaves the old key file whole.
    before = path.read_bytes()
    import os

    def boom(src, dst):
        raise OSError("disk pulled")
    monkeypatch.setattr(keys.os, "replace", boom)
    with pytest.raises(OSError):
        s.set_passphrase("yet another long one")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.path.exists(path)
    s.close()
    with Store.open(store_info.path, "another long passphrase") as opened:
        assert opened.user["name"] == LEADER


def test_damaged_key_file_refused(store_info):
    store_info.store.close()
    path = store_info.path / KEYS_NAME
    path.write_bytes(path.read_bytes()[:50])
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, PASSPHRASE)
    path.write_text(json.dumps({"format": "something-else/9"}), "utf-8")
    with pytest.raises(AccessDenied):
        Store.open(store_info.path, PASSPHRASE)
