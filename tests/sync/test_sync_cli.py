"""`zhucun enroll`, `zhucun sync …` and `zhucun batch …` run as a script runs them, against
the fake county served on loopback HTTP: exit codes, JSON, messages."""
from __future__ import annotations

import json

import pytest

from tests.support.cli import cli, ok

from tests.support.fakecounty import FakeCounty, LoopbackServer, county_hlc


@pytest.fixture(scope="module")
def county():
    c = FakeCounty()
    with LoopbackServer(c) as server:
        c.url = server.url
        yield c


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("sync-cli")
    data = base / "store"
    ok(cli("init", "--data", data, "--user", "王芳", "--passphrase-stdin", "--json", stdin="passphrase1\n" * 2))
    house = ok(cli("household", "add", "--data", data, "--passphrase-stdin", "--json", "--head", "张三",
                   "--category", "脱贫户", "--set", "number=0301")).json
    return {"base": base, "data": data, "house": house}


def z(env, *args):
    return cli(*args, "--data", env["data"], "--passphrase-stdin", "--json")


def test_sync_before_enrolling(env):
    st = ok(z(env, "sync", "status")).json
    assert st["enrolled"] is False and st["pending"] == 2
    run = z(env, "sync")
    assert run.code == 3 and "not enrolled" in run.err and "zhucun enroll" in run.err
    run = z(env, "enroll", "--server", "http://x.test")
    assert run.code == 3 and "--code" in run.err


def test_enroll_sync_status_and_lists(env, county):
    run = z(env, "enroll", "--server", county.url, "--code", "WRNG-CODE-0000")
    assert run.code == 2 and "code not known" in run.err and json.loads(run.out)["error"] == "sync"
    enrolled = ok(z(env, "enroll", "--server", county.url, "--code", county.new_code())).json
    assert enrolled["enrolled"] and enrolled["village"] == county.village

    county.reject = lambda item: "member: 缺身份证号" if item["tbl"] == "users" else None
    county.publish("prompts", {"month": "2026-11", "title": "11月驻村工作提示", "tasks": [{"title": "走访"}]})
    result = ok(z(env, "sync")).json
    assert (result["pushed"], result["accepted"], result["rejected"], result["pulled"]) == (2, 1, 1, 1)

    rejected = ok(z(env, "sync", "rejected")).json
    assert [r["tbl"] for r in rejected] == ["users"] and rejected[0]["reason"] == "member: 缺身份证号"
    text = ok(cli("sync", "rejected", "--data", env["data"], "--passphrase-stdin"))
    assert "缺身份证号" in text.out and "待改正 (to fix)" in text.out

    # The county edits the note; later, not knowing, so does the device: the device's is newer.
    county.roster(env["house"]["id"], {"note": "县里改的"}, hlc=county_hlc())
    ok(cli("household", "edit", env["house"]["id"], "--data", env["data"], "--passphrase-stdin",
           "--set", "note=本机改的"))
    result = ok(z(env, "sync")).json
    assert result["conflicts"] == 1 and result["accepted"] >= 1
    [conflict] = ok(z(env, "sync", "conflicts")).json
    assert (conflict["field"], conflict["kept_value"], conflict["lost_value"], conflict["winner"]) == \
        ("note", "本机改的", "县里改的", "device")
    text = ok(cli("sync", "conflicts", "--data", env["data"], "--passphrase-stdin")).out
    assert "本机 (device)" in text and "县里改的" in text
    assert ok(z(env, "sync", "conflicts", "--reviewed", str(conflict["id"]))).json == []

    st = ok(z(env, "sync", "status")).json
    assert st["enrolled"] and st["last_sync"] and st["rejected"] == 1 and st["conflicts"] == 0
    text = ok(cli("sync", "status", "--data", env["data"], "--passphrase-stdin")).out
    assert county.name in text and "上次同步 (last sync)" in text


def test_batch_export_and_import_receipt(env, county):
    ok(cli("household", "add", "--data", env["data"], "--passphrase-stdin", "--head", "李四"))
    county.publish("prompts", {"month": "2026-12", "title": "12月驻村工作提示", "tasks": []})
    out = env["base"] / "usb" / "zijing.zhb"
    exported = ok(z(env, "batch", "export", "--out", out)).json
    assert exported["file"] == str(out) and exported["records"] >= 1 and out.exists()
    receipt = county.import_file(out)["file"]
    applied = ok(z(env, "batch", "import-receipt", receipt)).json
    assert applied["accepted"] == exported["records"] and applied["pulled"] == 1
    again = ok(z(env, "batch", "import-receipt", receipt)).json
    assert again["already"] is True and again["pulled"] == 0

    receipt.write_text(receipt.read_text("utf-8").replace("12月驻村工作提示", "改过的提示"), "utf-8")
    run = z(env, "batch", "import-receipt", receipt)
    assert run.code == 3 and "does not verify" in run.err

    # The prompt just taken from the county is a record written here: it goes up next time.
    nxt = env["base"] / "usb" / "next.zhb"
    assert ok(z(env, "batch", "export", "--out", nxt)).json["records"] == 1
    ok(z(env, "batch", "import-receipt", county.import_file(nxt)["file"]))
    nothing = env["base"] / "usb" / "nothing.zhb"
    run = ok(cli("batch", "export", "--out", nothing, "--data", env["data"], "--passphrase-stdin"))
    assert "nothing to send" in run.out and not nothing.exists()


def test_enroll_from_file_and_a_wrong_passphrase(env, county, tmp_path):
    code = county.new_code()
    path = tmp_path / f"enroll-{code}.json"
    path.write_text(json.dumps(county.enrollment_file(code, county.url)), "utf-8")
    result = ok(z(env, "enroll", "--file", path)).json
    request = json.loads((tmp_path / f"enroll-request-{result['device_id']}.json").read_text("utf-8"))
    assert request["code"] == code and request["signature"]
    run = cli("sync", "status", "--data", env["data"], "--passphrase-stdin", stdin="wrong passphrase\n")
    assert run.code == 2
    run = z(env, "enroll", "--file", path, "--server", county.url)
    assert run.code == 3
