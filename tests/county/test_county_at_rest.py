"""The county keeps its secrets: the embedded database is SQLCipher, the private keys are
wrapped under the operator's master key (on PostgreSQL too), every file it writes is 0600 in a
0700 folder, and a key file others may read, the wrong key or the wrong passphrase is refused
with a sentence (exit 2)."""
from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import sys

import pytest
from tests.support.countykit import id_number, make_store
from sqlalchemy import select

from app.services import households
from app.sync import envelope
from county_server import county as cty
from county_server import db, keys
from county_server.cli import main

NAME, ID_NUMBER = "欧阳娜娜", id_number("1971-05-09", "female")


def secrets_of(county: cty.County) -> list[bytes]:
    raw = [envelope.private_bytes(county.sign_key), envelope.private_bytes(county.hpke_key)]
    return raw + [k.hex().encode() for k in raw]


def plant(device) -> int:
    """A household whose head's name and ID number must never be readable at the county."""
    h = households.add_household(device.store, {"head_name": NAME, "village": "石门村", "phone": "13912345678"})
    households.add_member(device.store, h["id"], {"name": NAME, "relation": "head", "id_number": ID_NUMBER})
    body = device.body()
    return len(body["records"]), device.seal(body), body["batch_id"]


def readable(files, needles) -> list[tuple[str, bytes]]:
    return [(f.name, n) for f in files for n in needles if n in f.read_bytes()]


@pytest.fixture
def fresh_process(monkeypatch):
    """Each command below unlocks as a new process would: nothing remembered from the last."""
    monkeypatch.setattr(keys, "_unlocked", {})


def test_no_person_and_no_private_key_in_what_the_county_stores(client, engine, county, device, db_url):
    n, data, batch_id = plant(device)
    assert device.upload(client, data, batch_id).status_code == 200
    with engine.connect() as conn:
        row = conn.execute(select(db.county)).mappings().one()
        stored = conn.execute(select(db.records.c.data)).scalars().all()
    assert len(stored) == n and any(NAME in d and ID_NUMBER in d for d in stored)   # it is there, decrypted
    # the private keys, on SQLite and PostgreSQL alike, are wrapped under the master key
    for column in ("sign_key_private", "hpke_key_private"):
        assert row[column].startswith(keys.WRAPPED_PREFIX)
        assert not any(s.decode("latin-1") in row[column] for s in secrets_of(county))
    path = db.sqlite_file(db_url)
    if path is None:
        return
    needles = [NAME.encode("utf-8"), ID_NUMBER.encode(), "13912345678".encode(), *secrets_of(county)]
    files = [f for f in path.parent.iterdir() if f.is_file() and f.name.startswith(path.name)]
    assert {f.name for f in files} >= {"county.db", "county.db-wal"}   # the WAL too, while it is open
    assert readable(files, needles) == []
    engine.dispose()
    client.app.state.engine.dispose()
    files = [f for f in path.parent.iterdir() if f.is_file() and f.name.startswith(path.name)]
    assert readable(files, needles) == []
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files), [(f.name, oct(f.stat().st_mode)) for f in files]


def run(capsys, *args, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_commands_write_every_file_0600_in_a_0700_folder(capsys, tmp_path, fresh_process, county_key_file):
    folder = tmp_path / "county"                  # made by the county
    url = f"sqlite:///{folder / 'county.db'}"
    assert run(capsys, "init", "--db", url, "--name", "测试县")[0] == 0
    usb = tmp_path / "usb"
    code, out, _ = run(capsys, "enroll", "--db", url, "--village", "石门村", "--out", usb, "--json")
    assert code == 0
    enrolled = json.loads(out)
    store = make_store(tmp_path / "device")
    try:
        from app.services import sync
        sync.enroll_from_file(store, enrolled["file"], usb)
        assert run(capsys, "import", "--db", url, usb / f"enroll-request-{store.device_id}.json")[0] == 0
        households.add_household(store, {"head_name": NAME, "village": "石门村"})
        batch = sync.export_batch(store, usb / "batch.zhb")
        assert run(capsys, "import", "--db", url, batch["file"])[0] == 0
    finally:
        store.close()
    assert run(capsys, "export", "--db", url, "--out", tmp_path / "out" / "records.jsonl")[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    written = [*folder.iterdir(), *usb.iterdir(), tmp_path / "out" / "records.jsonl"]
    assert {f.name for f in written} >= {"county.db", "batch.zhb", "batch.receipt.json",
                                         f"enroll-{enrolled['code']}.json", f"enroll-{enrolled['code']}.png"}
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in written} == {f.name: "0o600" for f in written}


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_key_file_others_may_read_or_the_wrong_key_is_refused(capsys, tmp_path, fresh_process, county_key_file):
    url = f"sqlite:///{tmp_path / 'c' / 'county.db'}"
    assert run(capsys, "init", "--db", url)[0] == 0
    keys._unlocked.clear()
    os.chmod(county_key_file, 0o644)
    code, _, err = run(capsys, "stats", "--db", url)
    assert code == 2 and "0600" in err and "Traceback" not in err
    os.chmod(county_key_file, 0o600)
    other = tmp_path / "other.key"
    keys.new_key_file(other)
    code, _, err = run(capsys, "stats", "--db", url, "--key-file", other)
    assert code == 2 and "does not open" in err
    keys._unlocked.clear()
    code, _, err = run(capsys, "stats", "--db", url, "--key-file", tmp_path / "missing.key")
    assert code == 2 and "no such key file" in err
    assert run(capsys, "stats", "--db", url)[0] == 0
    # a database of an older version, in clear
    sqlite3.connect(tmp_path / "old.db").execute("CREATE TABLE county (id TEXT)").connection.commit()
    code, _, err = run(capsys, "stats", "--db", f"sqlite:///{tmp_path / 'old.db'}")
    assert code == 2 and "older version, not encrypted" in err


def test_a_county_unlocked_by_a_passphrase(capsys, db_url, tmp_path, fresh_process, monkeypatch):
    monkeypatch.delenv(keys.KEY_FILE_ENV)
    assert run(capsys, "init", "--db", db_url, "--passphrase-stdin", stdin="county passphrase\ncounty passphrase\n",
               monkeypatch=monkeypatch)[0] == 0
    keys._unlocked.clear()
    code, _, err = run(capsys, "stats", "--db", db_url, "--passphrase-stdin", stdin="wrong passphrase\n",
                       monkeypatch=monkeypatch)
    assert code == 2 and "wrong passphrase" in err
    keys._unlocked.clear()
    code, out, _ = run(capsys, "stats", "--db", db_url, "--passphrase-stdin", "--json", stdin="county passphrase\n",
                       monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["devices"] == 0
    keys._unlocked.clear()
    code, _, err = run(capsys, "stats", "--db", db_url, stdin="", monkeypatch=monkeypatch)   # no terminal to ask on
    assert code == 2 and "--passphrase-stdin" in err
    path = db.sqlite_file(db_url)
    if path is not None:   # the keyring beside the database holds the master key wrapped, never in clear
        ring = keys.keyring_file(path)
        assert stat.S_IMODE(ring.stat().st_mode) == 0o600 or os.name != "posix"
        master = keys.open_keyring(json.loads(ring.read_text("utf-8")), "county passphrase")
        assert master.hex().encode() not in ring.read_bytes()
