"""A team of three laptops against the county server as it runs (uvicorn on loopback), through
both command lines: two laptops of one village record different households and the same
household's different fields, each syncs twice and both hold the same file with the conflicts
listed on both; a third laptop, enrolled with a restore code in place of a lost one, holds the
same file and every signed form verifies; a laptop of another village receives nothing; the
USB file of records down carries the same."""
from __future__ import annotations

from servers import CountyServer, county_cli, device_cli

from app.services import forms, households, sync
from app.storage.store import Store
from county_server import db

from tests.support.countykit import make_store, signed_form
from tests.support.stores import add_household

VILLAGE = "石门村"
PASS = "passphrase1"


def _file(store) -> dict:
    out = {}
    for tbl in ("households", "members", "visits", "cases", "form_instances", "form_signatures"):
        for r in store.query(f"SELECT * FROM {tbl} ORDER BY id"):
            out[(tbl, r["id"])] = {k: v for k, v in r.items()}
    return out


def _enrol(db_url, server, data, tmp_path, village=VILLAGE, *extra) -> dict:
    make_store(data).close()
    args = ("--restore", extra[0]) if extra else ("--village", village)
    code = county_cli(db_url, "enroll", *args, "--server", server.url, "--out", tmp_path / "codes").json["code"]
    run = device_cli(data, "enroll", "--server", server.url, "--code", code)
    assert run.code == 0, run
    return run


def _sync(data, *args) -> dict:
    run = device_cli(data, "sync", *args)
    assert run.code == 0, run
    return run.json


def test_a_team_of_laptops_and_a_lost_one(db_url, tmp_path):
    county_cli(db_url, "init", "--name", "测试县")
    engine = db.make_engine(db_url)
    a, b, c, other = (tmp_path / n for n in ("a", "b", "c", "other"))
    try:
        with CountyServer(db_url, tmp_path / "server.log") as server:
            _enrol(db_url, server, a, tmp_path)
            _enrol(db_url, server, b, tmp_path)
            _enrol(db_url, server, other, tmp_path, "别村")
            with Store.open(a, PASS) as s:
                shared = add_household(s, "张三", note="甲")
                signed_form(s, shared["id"])
                a_id = s.device_id
            with Store.open(b, PASS) as s:
                add_household(s, "李四")
            for d in (a, b, a, b):
                _sync(d)
            # The same household's different fields, one on each laptop; each syncs twice.
            with Store.open(a, PASS) as s:
                households.update_household(s, shared["id"], {"address": "一组", "phone": "13800000001"})
            with Store.open(b, PASS) as s:
                households.update_household(s, shared["id"], {"note": "乙", "phone": "13800000002"})
            for d in (a, b, a, b):
                _sync(d)
            with Store.open(a, PASS) as sa, Store.open(b, PASS) as sb:
                assert _file(sa) == _file(sb)
                got = sa.records.get("households", shared["id"])
                assert (got["address"], got["note"], got["phone"]) == ("一组", "乙", "13800000002")
                for s in (sa, sb):
                    assert [(x["field"], x["lost_value"]) for x in sync.conflicts(s)] == [("phone", "13800000001")]
                    assert s.verify_audit().ok
            listed = device_cli(b, "sync", "conflicts")
            assert listed.code == 0 and listed.json[0]["field"] == "phone"

            # The other village's laptop received nothing.
            assert _sync(other)["records"] == 0
            with Store.open(other, PASS) as s:
                assert s.query("SELECT count(*) AS n FROM households")[0]["n"] == 0

            # a's laptop is lost: a restore code revokes it; the new laptop gets the whole file.
            run = _enrol(db_url, server, c, tmp_path, VILLAGE, a_id)
            assert run.json["restore"]["restored_from"]["device_id"] == a_id
            assert any("草稿" in line for line in run.json["restore"]["not_restored"])
            assert _sync(c, "--pull-only")["records"] > 0
            with Store.open(c, PASS) as sc, Store.open(b, PASS) as sb:
                assert _file(sc) == _file(sb)
                assert len(sync.conflicts(sc)) == 1
                check = forms.verify(sc)
                assert check["ok"] and check["checked"] == 1, check
                assert sc.verify_audit().ok
                c_id = sc.device_id
            assert device_cli(a, "sync").code == 2      # the lost laptop, if found, is refused

            # The USB route: the township computer writes c's records down; c imports them (nothing new).
            out = tmp_path / "records.zhd"
            county_cli(db_url, "records-export", "--device", c_id, "--out", out)
            run = device_cli(c, "batch", "import-records", out)
            assert run.code == 0 and run.json["records"] == 0, run
    finally:
        engine.dispose()
