"""visit_months, the due list's summary of visits, must always equal what the visits say."""
from datetime import date

from app.services import visits

from .conftest import add_family

TODAY = date(2026, 11, 22)

TRUTH = """
    SELECT household_id, mode, substr(visit_date, 1, 7) AS month, max(visit_date) AS last_date FROM visits x
    WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = x.id AND n.deleted = 0)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""


def summary(store):
    return store.query("SELECT household_id, mode, month, last_date FROM visit_months ORDER BY 1, 2, 3")


def add(store, hid, day, mode="home"):
    return visits.add_visit(store, hid, {"visit_date": day, "mode": mode, "findings": "情况稳定"}, today=TODAY)


def test_summary_follows_inserts_corrections_and_tombstones(store):
    hid = add_family(store, "张三丰", 1)["household"]["id"]
    other = add_family(store, "李四", 2)["household"]["id"]
    a = add(store, hid, "2026-10-03")
    add(store, hid, "2026-10-20")
    add(store, hid, "2026-10-25", "phone")
    b = add(store, other, "2026-09-30")
    assert summary(store) == store.query(TRUTH)
    assert {(r["mode"], r["month"], r["last_date"]) for r in summary(store)
            if r["household_id"] == hid and r["month"] == "2026-10"} == {
        ("home", "2026-10", "2026-10-20"), ("phone", "2026-10", "2026-10-25")}

    # A correction that moves the later October visit into November: October falls back to the 3rd.
    late = store.query("SELECT id FROM visits WHERE visit_date = '2026-10-20'")[0]["id"]
    visits.correct_visit(store, late, {"visit_date": "2026-11-02"}, "日期填错", today=TODAY)
    assert summary(store) == store.query(TRUTH)
    assert ("home", "2026-10", "2026-10-03") in {(r["mode"], r["month"], r["last_date"]) for r in summary(store)}

    # A correction that changes the mode empties the month for the old mode.
    visits.correct_visit(store, b["id"], {"mode": "wechat"}, "实为微信联系", today=TODAY)
    rows = [(r["mode"], r["month"]) for r in summary(store) if r["household_id"] == other and r["month"] == "2026-09"]
    assert rows == [("wechat", "2026-09")]

    # A tombstone removes the visit from the summary.
    store.records.delete("visits", a["id"], "重复录入")
    assert summary(store) == store.query(TRUTH)
    assert ("home", "2026-10") not in {(r["mode"], r["month"]) for r in summary(store) if r["household_id"] == hid}
