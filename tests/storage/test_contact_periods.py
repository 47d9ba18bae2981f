"""contact_periods, the due list's summary of visits, must always equal what the visits say."""
from datetime import date

from app.services import visits

from tests.support.storage import add_family

TODAY = date(2026, 11, 22)


def truth(store) -> set:
    """The summary recomputed from the live, not superseded visits."""
    rows = store.query("SELECT household_id, visit_date, mode FROM visits x WHERE deleted = 0 AND NOT EXISTS"
                       " (SELECT 1 FROM visits n WHERE n.supersedes = x.id AND n.deleted = 0)")
    out: dict = {}
    for r in rows:
        d = r["visit_date"]
        for key in (f"m{d[:7]}", f"q{d[:4]}-{(int(d[5:7]) + 2) // 3}", f"y{d[:4]}"):
            slot = out.setdefault((key, r["household_id"]), {"home": None, "phone": None, "wechat": None})
            slot[r["mode"]] = max(slot[r["mode"]] or "", d)
    return {(k[0], k[1], v["home"], v["phone"], v["wechat"]) for k, v in out.items()}


def summary(store) -> set:
    return {tuple(r.values()) for r in store.query(
        "SELECT period, household_id, last_home, last_phone, last_wechat FROM contact_periods")}


def add(store, hid, day, mode="home"):
    return visits.add_visit(store, hid, {"visit_date": day, "mode": mode, "findings": "情况稳定"}, today=TODAY)


def test_summary_follows_inserts_corrections_and_tombstones(store):
    hid = add_family(store, "张三丰", 1)["household"]["id"]
    other = add_family(store, "李四", 2)["household"]["id"]
    a = add(store, hid, "2026-10-03")
    add(store, hid, "2026-10-20")
    add(store, hid, "2026-10-25", "phone")
    b = add(store, other, "2026-09-30")
    assert summary(store) == truth(store)
    assert ("m2026-10", hid, "2026-10-20", "2026-10-25", None) in summary(store)
    assert ("q2026-3", other, "2026-09-30", None, None) in summary(store)

    # A correction that moves the later October visit into November: October falls back to the 3rd.
    late = store.query("SELECT id FROM visits WHERE visit_date = '2026-10-20'")[0]["id"]
    visits.correct_visit(store, late, {"visit_date": "2026-11-02"}, "日期填错", today=TODAY)
    assert summary(store) == truth(store)
    assert ("m2026-10", hid, "2026-10-03", "2026-10-25", None) in summary(store)

    # A correction that changes the mode moves the date to the other mode.
    visits.correct_visit(store, b["id"], {"mode": "wechat"}, "实为微信联系", today=TODAY)
    assert ("m2026-09", other, None, None, "2026-09-30") in summary(store)
    assert summary(store) == truth(store)

    # A tombstone removes the visit from the summary.
    store.records.delete("visits", a["id"], "重复录入")
    assert summary(store) == truth(store)
    assert ("m2026-10", hid, None, "2026-10-25", None) in summary(store)
