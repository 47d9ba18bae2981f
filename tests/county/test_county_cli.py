"""The administrator's commands: init, enroll, publish, roster, import from a USB stick, export."""
from __future__ import annotations

import json

import pytest
from tests.support.countykit import Device, held

from app.core import canonical
from app.sync import envelope
from county_server import county as cty
from county_server import db
from county_server.cli import main
from county_server.ingest import ingest


def run(capsys, *args) -> tuple[int, dict | list | str]:
    """Exit code and output (parsed when it is JSON); what went to stderr is in `run.err`."""
    code = main([*args])
    captured = capsys.readouterr()
    run.err = captured.err
    try:
        return code, json.loads(captured.out)
    except json.JSONDecodeError:
        return code, captured.out


def test_init_makes_keys_once(capsys, db_url):
    code, out = run(capsys, "init", "--db", db_url, "--name", "双峰县", "--json")
    assert code == 0 and out["county_name"] == "双峰县" and len(out["sign_key"]) == 64
    code, _ = run(capsys, "init", "--db", db_url, "--name", "别的县")
    assert code == 3 and "已初始化" in run.err and "already" in run.err
    engine = db.make_engine(db_url)
    try:
        assert cty.load_county(engine).sign_public == out["sign_key"]
    finally:
        engine.dispose()


def test_commands_on_a_database_without_a_county_are_refused(capsys, tmp_path):
    code, _ = run(capsys, "stats", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert code == 2 and "zhucun-county init" in run.err
    assert not (tmp_path / "none.db").exists()


def test_enroll_writes_the_qr_code_and_the_enrollment_file(capsys, db_url, engine, county, tmp_path):
    code, out = run(capsys, "enroll", "--db", db_url, "--village", "石门村", "--township", "城关镇",
                    "--server", "https://county.example", "--out", str(tmp_path), "--json")
    assert code == 0
    assert set(out) >= {"code", "village", "expires_at", "qr", "file"}
    assert out["file"].endswith(f"enroll-{out['code']}.json") and out["qr"].endswith(f"enroll-{out['code']}.png")
    document = json.loads((tmp_path / f"enroll-{out['code']}.json").read_text("utf-8"))
    assert document == {"code": out["code"], "county_id": county.id, "county_name": "测试县",
                        "sign_key": county.sign_public, "hpke_key": county.hpke_public, "village": "石门村",
                        "township": "城关镇", "server": "https://county.example"}
    assert (tmp_path / f"enroll-{out['code']}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, _ = run(capsys, "enroll", "--db", db_url, "--village", "", "--json")
    assert code == 3


def test_an_enroll_request_from_a_usb_stick_binds_the_device(capsys, db_url, engine, store, county, tmp_path):
    d = Device(store, county)
    code = cty.new_code(engine, "石门村")["code"]
    req = d.enroll_request(code)
    req["signature"] = d.key.sign(canonical.encode(req)).hex()
    path = tmp_path / f"enroll-request-{d.id}.json"
    path.write_text(json.dumps(req), "utf-8")
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**req, "label": "别的"}), "utf-8")
    assert run(capsys, "import", str(forged), "--db", db_url)[0] == 3
    code, out = run(capsys, "import", str(path), "--db", db_url, "--json")
    assert code == 0 and out["device_id"] == d.id and out["village"] == "石门村"
    code, out = run(capsys, "devices", "--db", db_url, "--json")
    assert [x["device_id"] for x in out] == [d.id]


def test_import_of_a_batch_file_writes_the_receipt_with_the_village_publications(
        capsys, db_url, engine, county, device, tmp_path):
    prompts = tmp_path / "prompts.json"
    prompts.write_text(json.dumps({"month": "2026-12", "title": "十二月提示",
                                   "tasks": [{"title": "走访", "due_date": "2026-12-15"}]}), "utf-8")
    assert run(capsys, "publish-prompts", str(prompts), "--db", db_url, "--village", "石门村")[0] == 0
    assert run(capsys, "publish-prompts", str(prompts), "--db", db_url, "--village", "白沙村")[0] == 0
    h = device.household()
    device.visit(h["id"])
    path = tmp_path / "batch.zhb"
    path.write_bytes(device.batch())
    code, out = run(capsys, "import", str(path), "--db", db_url, "--json")
    assert code == 0 and out["accepted"] == 4 and out["duplicate"] is False
    written = json.loads((tmp_path / "batch.receipt.json").read_text("utf-8"))
    assert set(written) == {"receipt", "publications"}
    body = envelope.verify_document(written["receipt"], county.sign_key.public_key())
    assert body["content_hash"] == envelope.content_hash(path.read_bytes())
    [pub] = written["publications"]
    assert envelope.verify_document(pub, county.sign_key.public_key())["data"]["title"] == "十二月提示"
    assert pub["body"]["village"] == "石门村"
    # the same file again: the same receipt, marked duplicate
    code, out = run(capsys, "import", str(path), "--db", db_url, "--json", "--receipt-out", str(tmp_path / "r2.json"))
    assert code == 0 and out["duplicate"] is True
    code, stats = run(capsys, "stats", "--db", db_url, "--json")
    assert (stats["households"], stats["members"], stats["visits"], stats["users"]) == (1, 1, 1, 1)
    assert (stats["devices"], stats["batches"], stats["forms"], stats["signatures"]) == (1, 1, 0, 0)


def test_an_altered_batch_file_is_refused_with_exit_2(capsys, db_url, engine, device, tmp_path):
    device.household()
    data = bytearray(device.batch())
    data[-1] ^= 1
    path = tmp_path / "bad.zhb"
    path.write_bytes(bytes(data))
    code, out = run(capsys, "import", str(path), "--db", db_url, "--json")
    assert code == 2 and out["error"] == "refused" and "FILE" in out["message"]
    assert not (tmp_path / "bad.receipt.json").exists()


def test_publish_commands_check_their_input(capsys, db_url, engine, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"month": "2026-13", "title": "x", "tasks": []}), "utf-8")
    code, out = run(capsys, "publish-prompts", str(bad), "--db", db_url, "--json")
    assert code == 3 and out["field"] == "month"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"default": {"2026": 720000}}), "utf-8")
    code, out = run(capsys, "publish-baseline", str(baseline), "--db", db_url, "--json")
    assert code == 0 and out["kind"] == "baseline" and out["village"] is None
    baseline.write_text(json.dumps({"defaults": {}}), "utf-8")
    assert run(capsys, "publish-baseline", str(baseline), "--db", db_url)[0] == 3
    assert run(capsys, "publish-baseline", str(tmp_path / "missing.json"), "--db", db_url)[0] == 3


def test_problems_and_roster_edits_are_published(capsys, db_url, engine, county, device):
    h = device.household(number="12")
    ingest(engine, device.batch())
    code, out = run(capsys, "problems", "add", "--db", db_url, "--title", "疑点数据", "--item",
                    f"{h['id']}=人均收入偏高", "--item", "7=缺少联系电话", "--village", "石门村", "--json")
    assert code == 0
    assert out["data"] == {"title": "疑点数据", "items": [
        {"household_id": h["id"], "description": "人均收入偏高"},
        {"household_number": "7", "description": "缺少联系电话"}]}
    code, out = run(capsys, "roster", "set", h["id"], "phone=13922222222", "risk_types=illness",
                    "--db", db_url, "--json")
    assert code == 0 and out["changes"] == {"phone": "13922222222", "risk_types": ["illness"]}
    assert held(engine, "households", h["id"])["risk_types"] == ["illness"]
    code, out = run(capsys, "roster", "set", h["id"], "category=nonsense", "--db", db_url, "--json")
    assert code == 3 and out["field"] == "category"
    assert run(capsys, "roster", "set", "no-such-household", "phone=13922222222", "--db", db_url)[0] == 3
    pubs = cty.publications_after(engine, 0, "石门村")["items"]
    assert [p["body"]["kind"] for p in pubs] == ["problems", "roster"]


def test_conflicts_batches_devices_revoke_and_export(capsys, db_url, engine, device, tmp_path):
    from app.services import households
    from tests.support.countykit import later
    h = device.household(phone="13800138000")
    ingest(engine, device.batch())
    households.update_household(device.store, h["id"], {"phone": "13811111111"})
    later()
    run(capsys, "roster", "set", h["id"], "phone=13922222222", "--db", db_url)
    ingest(engine, device.batch())
    code, out = run(capsys, "conflicts", "--db", db_url, "--json")
    assert code == 0 and [(c["field"], c["winner"], c["lost_value"]) for c in out] == [
        ("phone", "county", "13811111111")]
    assert run(capsys, "conflicts", "--db", db_url, "--reviewed", str(out[0]["id"]))[0] == 0
    assert run(capsys, "conflicts", "--db", db_url, "--json")[1] == []
    code, out = run(capsys, "batches", "--db", db_url, "--json")
    assert code == 0 and [b["state"] for b in out] == ["done", "done"]
    assert run(capsys, "conflicts", "--db", db_url)[0] == 0 and run(capsys, "batches", "--db", db_url)[0] == 0
    code, out = run(capsys, "export", "--db", db_url, "--out", str(tmp_path / "all.jsonl"), "--json")
    lines = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()]
    assert code == 0 and out["records"] == len(lines) == 3
    assert {x["tbl"] for x in lines} == {"households", "members", "users"}
    household = next(x for x in lines if x["tbl"] == "households")
    assert household["data"]["phone"] == "13922222222" and household["field_hlc"]["phone"].endswith("county")
    code, out = run(capsys, "revoke", device.id, "--db", db_url, "--json")
    assert code == 0 and out["revoked_at"]
    assert run(capsys, "revoke", "no-such-device", "--db", db_url)[0] == 3
    code, out = run(capsys, "devices", "--db", db_url)
    assert code == 0 and "revoked" in out


@pytest.mark.parametrize("argv", [["nonsense"], ["stats", "--bogus"], ["roster", "set", "x"]])
def test_usage_mistakes_exit_3(capsys, argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 3


def test_import_measures_a_file_before_reading_it(capsys, db_url, tmp_path):
    """A batch over 512 MB (here a sparse file) is refused with the limit before it is read."""
    assert run(capsys, "init", "--db", db_url, "--name", "双峰县")[0] == 0
    big = tmp_path / "huge.zhb"
    with open(big, "wb") as f:
        f.truncate(512 * 1024 * 1024 + 1)
    code, _ = run(capsys, "import", "--db", db_url, str(big))
    assert code == 3 and "超出限制" in run.err and "huge.zhb" in run.err
