"""County roster edits obey the monitoring case (003 #11): the county cannot mark a household's
risk eliminated or switch it into or out of 监测户 by editing the roster."""
from __future__ import annotations

import pytest

import county_server.county as cty
from app.core.errors import ValidationError
from tests.support.countykit import held


def test_the_county_cannot_eliminate_a_risk_or_enter_monitoring_by_roster_edit(engine, device):
    from county_server.ingest import ingest
    h = device.household(phone="13800138000")
    ingest(engine, device.batch())
    with pytest.raises(ValidationError) as e:
        cty.roster_set(engine, h["id"], {"risk_eliminated": "1"})
    assert e.value.field == "risk_eliminated"
    with pytest.raises(ValidationError) as e:
        cty.roster_set(engine, h["id"], {"category": "监测户", "monitoring_category": "边缘易致贫户"})
    assert e.value.field == "category" and "识别纳入" in str(e.value)
    assert held(engine, "households", h["id"])["category"] == h["category"]
    assert cty.roster_set(engine, h["id"], {"phone": "13922222222"})["changes"] == {"phone": "13922222222"}
