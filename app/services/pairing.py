"""The pairing cadre (结对帮扶责任人) as a person with a history (002 帮扶责任人不得随意更换;
003 #18 “五个一”): each household's cadres with the dates they served; a change closes the old
pairing and needs a reason. The household's `pairing_cadre` follows the current one. The monthly
home visit of a monitored household is checked against its cadre (`check`)."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import ValidationError
from app.core.household import parse_date, parse_text
from app.storage.store import Store


def current(store: Store, household_id: str) -> dict | None:
    rows = store.query("SELECT * FROM pairings WHERE household_id = ? AND deleted = 0 AND end_date IS NULL"
                       " ORDER BY start_date DESC LIMIT 1", [household_id])
    return rows[0] if rows else None


def assign(store: Store, household_id: str, cadre: str, start, reason: str | None = None,
           phone: str | None = None, today: date | None = None) -> dict:
    """Pair the household with `cadre` from `start`; replacing another cadre needs `reason`."""
    today = today or clock.today()
    cadre = parse_text(cadre, "cadre", required=True, max_len=40)
    day = parse_date(start or today, "start", today)
    reason = parse_text(reason, "reason", max_len=500)
    with store.transaction():
        household = store.records.require("households", household_id)
        now = current(store, household_id)
        if now and now["cadre"] == cadre:
            return now
        if now:
            if not reason:
                raise ValidationError("reason", "required to change the cadre",
                                      f"reason: 更换帮扶责任人（{now['cadre']} → {cadre}）须写明原因 "
                                      f"(a change of pairing cadre needs a reason: the cadre is not changed at will)")
            if day <= now["start_date"]:
                raise ValidationError("start", "after the current pairing's start",
                                      f"start: {day} 不晚于现任结对开始日期 {now['start_date']} (not after the current start)")
            store.records.update("pairings", now["id"], {"end_date": day})
        pairing = store.records.insert("pairings", {"household_id": household_id, "cadre": cadre, "start_date": day,
                                                    "reason": reason, "phone": parse_text(phone, "phone", max_len=20)})
        if household["pairing_cadre"] != cadre:
            store.records.update("households", household_id, {"pairing_cadre": cadre})
    return pairing


def history(store: Store, household_id: str) -> list[dict]:
    return store.query("SELECT * FROM pairings WHERE household_id = ? AND deleted = 0 ORDER BY start_date",
                       [household_id])


def cadre_on(rows: list[dict], day: str) -> str | None:
    """Who was the cadre on `day` (ISO) among a household's pairings."""
    for r in rows:
        if r["start_date"] <= day and (r["end_date"] is None or day < r["end_date"]):
            return r["cadre"]
    return None
