"""Signatures' strokes kept deflated at rest (app/storage/packed.py): read back as signed, hashed
as the same canonical text, sent as JSON, and a damaged or edited value found by both checks."""
from __future__ import annotations

import json
import zlib

import pytest

from app.core import canonical
from app.services import forms
from app.storage import packed
from app.sync import batch

from tests.services.test_forms import TODAY, family, signed_form  # noqa: F401 (a fixture)


@pytest.fixture
def signed(store, family):
    inst = signed_form(store, family["id"])
    return inst, forms.signatures_of(store, inst["id"])


def stored(store, sid):
    return store.conn.execute("SELECT strokes FROM form_signatures WHERE id = ?", [sid]).fetchone()[0]


def test_strokes_are_stored_deflated_and_read_back_as_signed(store, signed):
    inst, sigs = signed
    for sig in sigs:
        raw = stored(store, sig["id"])
        assert type(raw) is bytes
        text = canonical.dumps(sig["strokes"])
        assert zlib.decompress(raw).decode("utf-8") == text == packed.text(raw)
        assert store.records.get("form_signatures", sig["id"])["strokes"] == sig["strokes"]
    assert forms.verify(store)["ok"] and store.verify_audit().ok


def test_a_handwritten_signature_takes_well_under_half_its_text():
    from app.core import handwriting
    sig = handwriting.Writer(10).sign("李大山", 1)
    text = canonical.dumps(sig)
    assert len(packed.pack(text)) < len(text.encode()) / 2


def test_a_batch_carries_the_strokes_as_json(store, signed):
    inst, sigs = signed
    body = batch.build_body(store, "b1", *batch.pending_range(store))
    sent = {r["id"]: r["data"] for r in body["records"] if r["tbl"] == "form_signatures"}
    assert {sid: d["strokes"] for sid, d in sent.items()} == {s["id"]: s["strokes"] for s in sigs}
    canonical.dumps(body)   # nothing in it is bytes


def test_a_packed_value_that_does_not_inflate_is_found_not_raised(store, signed):
    inst, sigs = signed
    raw = stored(store, sigs[0]["id"])
    store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?", [raw[:-8] + b"\x00" * 8, sigs[0]["id"]])
    result = store.verify_audit()
    assert not result.ok and any(sigs[0]["id"] in p and "changed outside the application" in p
                                 for p in result.problems)
    checked = forms.verify(store)
    assert not checked["ok"]
    assert any("not a signature" in p for p in checked["forms"][0]["problems"])


def test_packed_strokes_edited_around_the_application_are_found(store, signed):
    inst, sigs = signed
    moved = dict(sigs[1]["strokes"])
    moved["strokes"] = [[[x + 2, y, t] for x, y, t in s] for s in moved["strokes"]]
    store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?",
                       [packed.pack(canonical.dumps(moved)), sigs[1]["id"]])
    assert any(sigs[1]["id"] in p for p in store.verify_audit().problems)
    assert any("strokes do not match" in p for p in forms.verify(store)["forms"][0]["problems"])


def test_strokes_stored_as_text_before_packing_still_read_and_verify(store, signed):
    inst, sigs = signed
    for sig in sigs:
        store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?",
                           [canonical.dumps(sig["strokes"]), sig["id"]])
    assert store.conn.execute("SELECT count(*) FROM form_signatures WHERE typeof(strokes) = 'text'").fetchone()[0] == 2
    assert forms.verify(store)["ok"] and store.verify_audit().ok
    assert forms.signatures_of(store, inst["id"]) == sigs
    assert json.loads(packed.text(stored(store, sigs[0]["id"]))) == sigs[0]["strokes"]


def test_the_checks_read_signatures_names_without_the_rows_that_carry_strokes(store, signed):
    """The checks' pass over every signature reads an index of their names, not the table."""
    from app.services import checks
    seen = []
    store.conn.set_trace_callback(seen.append)
    try:
        checks.run_checks(store, today=TODAY)
    finally:
        store.conn.set_trace_callback(None)
    sql = next(q for q in seen if "signer_name, proxy FROM form_signatures" in q and "ORDER BY created_at" in q)
    plan = " ".join(r[-1] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX form_signatures_names" in plan
