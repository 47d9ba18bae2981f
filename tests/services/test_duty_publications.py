"""What the county sends down for the duties: department warnings by ID number become clues of the
household they name; the duties' thresholds and the visit policy replace the shipped tables."""
from __future__ import annotations

import json

import pytest

from app.core.errors import ValidationError
from app.services import clues, config
from app.services.sync.publications import apply_one
from county_server.county import check_table

from policykit import TODAY, village  # noqa: F401 - fixture


def test_published_warnings_duties_and_visit_policy_apply_on_the_device(village):
    h = village.household()
    id_number = village.store.query("SELECT id_number FROM members WHERE household_id = ? AND relation = 'head'",
                                    [h["id"]])[0]["id_number"]
    apply_one(village.store, {"kind": "warnings", "data": {"department": "住建", "found_on": "2026-11-01",
                                                           "items": [{"id_number": id_number, "description": "危房"}]}})
    [clue] = clues.list_clues(village.store, today=TODAY)
    assert (clue["household_id"], clue["department"]) == (h["id"], "housing")
    table = config.duties_table(village.store)
    apply_one(village.store, {"kind": "duties", "data": {**table, "thresholds": {**table["thresholds"],
                                                                                 "stable_work_months": 8}}})
    assert config.duty_policy(village.store).stable_work_months == 8
    policy = config.visit_policy_table(village.store)
    apply_one(village.store, {"kind": "visit_policy", "data": {**policy, "version": "county-2027"}})
    assert config.visit_policy_table(village.store)["version"] == "county-2027"


def test_the_visit_policy_names_its_choices_where_the_documents_disagree():
    from app.services.config import RESOURCES
    choices = json.loads((RESOURCES / "visit_policy.json").read_text("utf-8"))["choices"]
    assert {"chosen", "chosen_zh", "topic"} <= set(choices[0]) and len(choices) >= 2


def test_the_county_refuses_a_table_the_devices_would_refuse():
    with pytest.raises(ValidationError):
        check_table("duties", {"thresholds": {"stable_work_months": 0}})
    with pytest.raises(ValidationError):
        check_table("warnings", {"items": "x"})
