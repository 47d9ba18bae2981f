"""`zhucun-county user add|list|disable`: the console's accounts from the command line."""
from __future__ import annotations

import io
import json

from county_server import users
from county_server.cli import main


def run(capsys, monkeypatch, *args, stdin: str = "") -> tuple[int, object]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([*args])
    out = capsys.readouterr()
    run.err = out.err
    try:
        return code, json.loads(out.out)
    except json.JSONDecodeError:
        return code, out.out


def test_user_add_list_disable(capsys, monkeypatch, db_url, engine):
    code, out = run(capsys, monkeypatch, "user", "add", "--db", db_url, "--name", "wangfang", "--role", "township",
                    "--township", "城关镇", "--passphrase-stdin", "--json", stdin="a long password\n")
    assert code == 0 and out == {"name": "wangfang", "role": "township", "township": "城关镇"}
    user = users.authenticate(engine, "wangfang", "a long password")
    assert user is not None and user.township == "城关镇"
    code, rows = run(capsys, monkeypatch, "user", "list", "--db", db_url, "--json")
    assert code == 0 and [r["name"] for r in rows] == ["wangfang"] and "password" not in json.dumps(rows)
    code, _ = run(capsys, monkeypatch, "user", "disable", "--db", db_url, "wangfang")
    assert code == 0
    assert users.authenticate(engine, "wangfang", "a long password") is None


def test_user_add_names_the_field_it_refuses(capsys, monkeypatch, db_url, engine):
    code, _ = run(capsys, monkeypatch, "user", "add", "--db", db_url, "--name", "x", "--role", "township",
                  "--passphrase-stdin", stdin="a long password\n")
    assert code == 3 and "--township" in run.err
    code, _ = run(capsys, monkeypatch, "user", "add", "--db", db_url, "--name", "x", "--role", "monitor",
                  "--passphrase-stdin", stdin="short\n")
    assert code == 3 and "password" in run.err and "至少" in run.err
    code, _ = run(capsys, monkeypatch, "user", "add", "--db", db_url, "--name", "x", "--role", "monitor",
                  stdin="a long password\n")
    assert code == 3 and "--passphrase-stdin" in run.err


def test_console_refresh_computes_every_village_for_today(capsys, monkeypatch, db_url, engine, device):
    from sqlalchemy import select

    from app.core import clock
    from county_server import db
    from county_server.ingest import ingest
    device.household("甲")
    ingest(engine, device.batch())                 # straight in: nothing computed yet
    code, out = run(capsys, monkeypatch, "console-refresh", "--db", db_url, "--json")
    assert code == 0 and out == {"villages": 1}
    with engine.connect() as conn:
        assert conn.execute(select(db.village_summaries.c.day)).scalars().all() == [clock.today().isoformat()]
        assert conn.execute(select(db.console_cache.c.name).where(db.console_cache.c.name == "checks")).scalar()
