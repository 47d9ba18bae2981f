"""A malicious enrolled device squats another's batch id against the county server as it runs
(uvicorn on loopback): it reads the id from the victim's `.zhb` header, declares it, uploads the
victim's real bytes under it and commits. The victim's `zhucun sync` — and, for another
victim, its USB trip — still goes through, every record exactly once."""
from __future__ import annotations

import hashlib

from tests.support.countykit import id_number, make_store
from ledger import assert_exactly_once, county_batches
from servers import county_cli, device_cli

from app.services import households, sync
from app.sync import envelope
from county_server import county as cty

API = "/api/v1"
VILLAGE = "石门村"


def _work(store, names: list[str]) -> None:
    for i, name in enumerate(names):
        h = households.add_household(store, {"head_name": name, "village": VILLAGE})
        households.add_member(store, h["id"], {"name": name, "relation": "head",
                                               "id_number": id_number("1969-02-1%d" % i, "female")})


def _squat(attacker, url: str, data: bytes) -> tuple[str, int, int]:
    """What the attacker does with the victim's envelope: declare its id (as read from the
    header), upload the very bytes, commit. Returns the id, the declare's and the commit's status."""
    batch_id = envelope.read_header(data).batch_id
    with sync.client_for(attacker, url) as client:
        declared, _ = client.post_json(f"{API}/batches/{batch_id}", {
            "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "part_size": len(data), "parts": 1},
            step="declare")
        client.put_bytes(f"{API}/batches/{batch_id}/parts/0", data,
                         {"X-Part-SHA256": hashlib.sha256(data).hexdigest()}, step="part")
        committed, _ = client.post_json(f"{API}/batches/{batch_id}/commit", {}, step="commit")
    return batch_id, declared, committed


def test_a_squatted_batch_id_blocks_neither_the_network_nor_the_usb_stick(enrolled, engine, server, db_url, tmp_path):
    victim = enrolled
    attacker = make_store(tmp_path / "attacker", "赵强")
    usb_victim = make_store(tmp_path / "usb-victim", "孙丽")
    try:
        sync.enroll(attacker, server.url, cty.new_code(engine, VILLAGE)["code"])
        sync.enroll(usb_victim, server.url, cty.new_code(engine, VILLAGE)["code"])

        # The network: the victim's sealed batch, squatted before it is sent.
        _work(victim, ["张秀英", "李建国", "王桂芝"])
        batch = sync.seal_pending(victim)
        batch_id, declared, committed = _squat(attacker, server.url, bytes(batch["envelope"]))
        assert (batch_id, declared, committed) == (batch["batch_id"], 200, 422)
        result = sync.sync(victim)
        assert result["rejected"] == 0 and result["accepted"] == result["pushed"] > 0
        assert_exactly_once(victim, engine)
        assert county_batches(engine, attacker.device_id) == {batch_id: "refused"}

        # The USB stick: the file exported, squatted by network, then imported at the township.
        _work(usb_victim, ["周桂兰", "吴静"])
        exported = sync.export_batch(usb_victim, tmp_path / "usb" / "batch.zhb")
        data = (tmp_path / "usb" / "batch.zhb").read_bytes()
        assert _squat(attacker, server.url, data)[1:] == (200, 422)
        received = county_cli(db_url, "import", exported["file"]).json
        assert received["device_id"] == usb_victim.device_id and received["accepted"] == exported["records"]
        sync.import_receipt(usb_victim, received["receipt_file"])
        assert_exactly_once(usb_victim, engine)
    finally:
        attacker.close()
        usb_victim.close()
    # and its next `zhucun sync` by network finds nothing left to send and nothing refused
    run = device_cli(tmp_path / "usb-victim", "sync")
    assert run.code == 0, run
    assert run.json["pushed"] == 0 and run.json["rejected"] == 0
