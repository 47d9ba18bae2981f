"""What the county publishes reaches every laptop of a team once: a department's warning becomes
one clue on every laptop of the village, however the laptops' trips interleave, not one clue per
laptop that then travels to the others."""
from __future__ import annotations

import pytest

from app.services import sync
from county_server import county as cty

from tests.support.stores import add_household
from tests.support.stores import id_number as id_number_of

from .down_support import VILLAGE


def live_clues(store) -> list[tuple]:
    return [(r["household_id"], r["department"], r["description"]) for r in
            store.query("SELECT household_id, department, description FROM clues WHERE deleted = 0 ORDER BY id")]


@pytest.mark.parametrize("order", ["one after the other", "both before either sends"])
def test_a_warning_is_one_clue_on_every_laptop(team, transport, engine, order):
    a, b = team
    h = add_household(a, "张三", phone="13800000001")
    id_number = a.query("SELECT id_number FROM members WHERE household_id = ?", [h["id"]])[0]["id_number"]
    for s in (a, b):
        sync.sync(s, transport=transport)        # both laptops hold 张三's household
    cty.publish(engine, "warnings", {"department": "住建", "found_on": "2026-11-01",
                                     "items": [{"id_number": id_number, "description": "危房"},
                                               {"id_number": id_number_of("1980-02-03", "female"), "description": "外村"}]},
                village=VILLAGE)
    if order == "both before either sends":
        for s in (a, b):
            sync.pull(s, sync.client_for(s, transport=transport))   # publications alone, nothing sent
    for s in (a, b, a, b):
        sync.sync(s, transport=transport)
    assert live_clues(a) == live_clues(b) == [(h["id"], "housing", "危房")]
    for s in (a, b):
        assert s.verify_audit().ok


PIG_FORM = {"settings": {"form_id": "pig_survey", "version": "3", "form_title::中文": "生猪养殖调查"},
            "survey": [{"type": "integer", "name": "pigs", "label::中文": "生猪存栏（头）", "required": "yes"}]}


@pytest.mark.parametrize("order", ["one after the other", "both before either sends"])
def test_a_published_form_is_one_definition_on_every_laptop(team, transport, engine, order):
    a, b = team
    cty.publish(engine, "form", PIG_FORM, village=VILLAGE)
    if order == "both before either sends":
        for s in (a, b):
            sync.pull(s, sync.client_for(s, transport=transport))
    for s in (a, b, a, b):
        sync.sync(s, transport=transport)
    for s in (a, b):
        rows = s.query("SELECT id, form_id, version FROM form_definitions WHERE deleted = 0 AND form_id = 'pig_survey'")
        assert [(r["form_id"], r["version"]) for r in rows] == [("pig_survey", "3")], rows
        assert s.verify_audit().ok
    assert {r["id"] for r in a.query("SELECT id FROM form_definitions WHERE form_id = 'pig_survey'")} == \
        {r["id"] for r in b.query("SELECT id FROM form_definitions WHERE form_id = 'pig_survey'")}
