"""Policy tables are data: a replaced baseline table changes the next assessment, a broken
table is refused and the old one stays."""
from datetime import date

import pytest

from app.core.errors import ValidationError
from app.services import config, incomes


def test_replaced_baselines_apply_to_the_next_assessment(store, hh):
    household = hh.household("张三", [("张三", "head", "1970-03-01", "male")], province="43")
    before = incomes.add_income(store, household["id"], "2026-10-01", {"wage": 750_000}, today=date(2026, 11, 1))
    assert before["baseline_fen"] == config.baselines(store).for_year("43", 2026)
    config.set_baselines(store, {"default": {"2026": 800_000}, "provinces": {"43": {"2026": 760_000}}})
    after = incomes.add_income(store, household["id"], "2026-10-02", {"wage": 750_000}, today=date(2026, 11, 1))
    assert after["baseline_fen"] == 760_000
    assert after["comparison"]["below"] and after["comparison"]["gap_fen"] == 10_000


def test_broken_tables_are_refused_and_the_old_one_kept(store):
    good = config.baselines(store).to_dict()
    with pytest.raises(ValidationError):
        config.set_baselines(store, {"default": {"2026": 6900.5}})
    assert config.baselines(store).to_dict() == good
    policy = config.visit_policy_table(store)
    with pytest.raises(ValidationError):
        config.set_visit_policy(store, {"rules": [{"code": "x", "period": "fortnight"}]})
    assert config.visit_policy_table(store) == policy
