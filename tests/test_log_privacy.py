"""The logs answer "what happened?" without naming anyone: a demo village is built, enrolled with
an in-process county and synced, a handbook printed, a sync fails (the county revoked the
device) and a command crashes with a person's name and numbers in its error; then neither the
device's log, nor the county's, nor the 诊断信息 export holds any head's or member's name, ID
number or phone number, while the log says at which step and why the sync failed and keeps the
crash's traceback under the reference the person was shown."""
from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from contextlib import redirect_stderr, redirect_stdout

import pytest

from app import log
from app.cli import main as zhucun
from app.demo.build import build_demo
from app.services import diagnostics, sync
from app.storage.store import Store
from county_server import county as cty
from county_server.api import create_app
from county_server.cli import main as county_main
from county_server.inprocess import InProcess
from tests.support.stores import FAST_KDF

PASS = "passphrase1"


def run(main, argv, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def people(store) -> set[str]:
    """Every head's and member's name, ID number and phone number in the store."""
    found = set()
    for sql in ("SELECT head_name, phone FROM households", "SELECT name, id_number, phone FROM members"):
        for row in store.conn.execute(sql):
            found |= {str(v) for v in row if v}
    return found


def test_the_logs_and_the_export_explain_without_naming_anyone(tmp_path, engine, db_url, monkeypatch):
    # The county's log goes beside an SQLite database; a PostgreSQL county's to the folder named.
    county_log = tmp_path / log.COUNTY_LOG_NAME
    if db_url.startswith("sqlite"):
        monkeypatch.delenv(log.COUNTY_ENV, raising=False)
    else:
        monkeypatch.setenv(log.COUNTY_ENV, str(tmp_path))
    monkeypatch.setenv(log.ENV, str(tmp_path / "device-log"))
    device_log = log.setup()
    assert device_log == tmp_path / "device-log" / log.LOG_NAME
    folder = tmp_path / "village"
    build_demo(folder, PASS, 12, seed=5, kdf_params=FAST_KDF)
    store = Store.open(folder, PASS)
    try:
        secrets = people(store)
        village = store.conn.execute("SELECT village FROM households WHERE village <> '' LIMIT 1").fetchone()[0]
        # The county's operator makes the code with the county's command line: its log starts beside its database.
        code, out, err = run(county_main, ["enroll", "--db", db_url, "--village", village, "--township", "城关镇",
                                           "--out", str(tmp_path / "codes"), "--json"])
        assert code == 0, err
        enroll_code = json.loads(out)["code"]
        transport = InProcess(create_app(db_url))
        sync.enroll(store, "http://county.test", enroll_code, transport=transport)
        result = sync.sync(store, transport=transport)
        assert result["pushed"] > 0
        cty.revoke(engine, store.device_id)
        with pytest.raises(sync.SyncError):
            sync.sync(store, transport=transport)
    finally:
        store.close()

    # A handbook printed from the command line, and a command that crashes with a person in its error.
    code, _, err = run(zhucun, ["print", "handbook", "--all", "--out", str(tmp_path / "hb.pdf"), "--data", str(folder),
                                "--passphrase-stdin"], PASS + "\n")
    assert code == 0, err
    victim = sorted(s for s in secrets if not any(c.isdigit() for c in s))[0]
    idno = sorted(s for s in secrets if len(s) == 18)[0]

    def crash(*args, **kwargs):
        raise RuntimeError(f"broken record of {victim} ({idno})")
    monkeypatch.setattr("app.services.due.due_list", crash)
    code, _, err = run(zhucun, ["due", "--month", "2026-11", "--data", str(folder), "--passphrase-stdin"], PASS + "\n")
    ref = re.search(r"ZC-[0-9A-F]{6}", err)
    assert code != 0 and ref, err

    # The laptop's settings name the last user: only the settings that name no one go out.
    settings = tmp_path / "settings.ini"
    settings.write_text(f"[General]\nlanguage=en\nautolock_minutes=15\nlast_user={victim}\n", encoding="utf-8")
    monkeypatch.setenv("ZHUCUN_CONFIG", str(settings))
    diag = tmp_path / "diag.zip"
    info = diagnostics.write(diag)
    assert info["settings"] == {"language": "en", "autolock_minutes": "15"}
    assert info["versions"]["sqlcipher"] and info["versions"]["python"]

    device_text = device_log.read_text(encoding="utf-8")
    county_text = county_log.read_text(encoding="utf-8")
    with zipfile.ZipFile(diag) as z:
        exported = "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    for where, text in (("device log", device_text), ("county log", county_text), ("diagnostics", exported)):
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], f"{where} names {len(leaked)} of the village's people"

    # What happened: the failed sync's step and reason, the crash's traceback under its reference.
    failed = [line for line in device_text.splitlines() if "sync failed at step" in line]
    assert failed and "SyncError" in failed[-1] and "server status 403" in failed[-1], device_text[-2000:]
    assert not re.search(r"step -:", failed[-1])
    assert "sync done" in device_text
    after = device_text[device_text.index(ref.group()):]
    assert "Traceback" in after and "RuntimeError" in after
    assert "command enroll" in county_text
    assert "logs/zhucun.log" in zipfile.ZipFile(diag).namelist()
