"""The half-yearly full-coverage screening (003 #3 拉网式全覆盖排查; #23(2) 每半年开展一次
农村居民家庭返贫致贫风险全覆盖排查): a campaign with its period and scope (the whole village or
some groups), a record per household screened (who, when, what was found) and the list of those
not yet screened; a household found at risk becomes a clue (source 排查发现)."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import StateError, ValidationError
from app.core.household import parse_date, parse_text
from app.storage.store import Store

from . import clues


def add_campaign(store: Store, title: str, start, end, groups: list[str] | None = None,
                 note: str | None = None) -> dict:
    start_day, end_day = parse_date(start, "start"), parse_date(end, "end")
    if not start_day or not end_day:
        raise ValidationError("start", "required", "start/end: 排查起止日期必填 (the period is required)")
    if end_day < start_day:
        raise ValidationError("end", "not before the start", f"end: {end_day} 早于开始日期 {start_day} (before the start)")
    return store.records.insert("screening_campaigns", {
        "title": parse_text(title, "title", required=True, max_len=200), "start_date": start_day,
        "end_date": end_day, "scope": sorted({g.strip() for g in groups or [] if g.strip()}),
        "note": parse_text(note, "note", max_len=2000)})


def _in_scope(campaign: dict) -> tuple[str, list]:
    scope = campaign["scope"]
    if not scope:
        return "h.deleted = 0", []
    return f"h.deleted = 0 AND h.group_name IN ({', '.join('?' * len(scope))})", list(scope)


def record_screening(store: Store, campaign_id: str, household_id: str, screened_on, findings: str,
                     at_risk: bool = False, risk_types=None, screener: str | None = None,
                     today: date | None = None) -> dict:
    """A household's screening record; when it is at risk, a clue of source 排查发现 with it."""
    today = today or clock.today()
    day = parse_date(screened_on, "date", today)
    with store.transaction():
        campaign = store.records.require("screening_campaigns", campaign_id)
        store.records.require("households", household_id)
        if not day or not campaign["start_date"] <= day <= campaign["end_date"]:
            raise ValidationError("date", "within the campaign",
                                  f"date: {day} 不在排查期 {campaign['start_date']}–{campaign['end_date']} 内 "
                                  f"(not within the campaign's period)")
        where, params = _in_scope(campaign)
        if not store.conn.execute(f"SELECT 1 FROM households h WHERE h.id = ? AND {where}",
                                  [household_id, *params]).fetchone():
            raise ValidationError("household", "within the campaign's scope",
                                  "household: 本户不在排查范围内 (not in the campaign's groups)")
        if store.conn.execute("SELECT 1 FROM screenings WHERE campaign_id = ? AND household_id = ? AND deleted = 0",
                              [campaign_id, household_id]).fetchone():
            raise StateError("本户已在本次排查中记录 (already screened in this campaign)")
        risks = clues.risk_codes(risk_types)
        if risks and not at_risk:
            at_risk = True
        findings = parse_text(findings, "findings", required=True, max_len=2000)
        record = store.records.insert("screenings", {
            "campaign_id": campaign_id, "household_id": household_id, "screened_on": day,
            "screener": parse_text(screener, "screener", max_len=40) or (store.user["name"] if store.user else ""),
            "findings": findings, "at_risk": bool(at_risk), "risk_types": risks})
        if at_risk:
            clue = clues.add_clue(store, household_id, "screening", day, f"{campaign['title']}：{findings}",
                                  risk_types=risks, reported_by=record["screener"], origin=record["id"], today=today)
            record = store.records.update("screenings", record["id"], {"clue_id": clue["id"]})
    return record


def campaign_progress(store: Store, campaign_id: str) -> dict:
    """The campaign, its screened households (with their records) and those not yet screened."""
    campaign = store.records.require("screening_campaigns", campaign_id)
    where, params = _in_scope(campaign)
    scope = store.query(f"SELECT h.id, h.head_name, h.number, h.group_name FROM households h WHERE {where}"
                        " ORDER BY h.group_name, h.number", params)
    done = {r["household_id"]: r for r in store.query(
        "SELECT * FROM screenings WHERE campaign_id = ? AND deleted = 0", [campaign_id])}
    screened = [{**h, **{k: done[h["id"]][k] for k in ("screened_on", "screener", "findings", "at_risk", "clue_id")}}
                for h in scope if h["id"] in done]
    return {**campaign, "households": len(scope), "screened": screened,
            "not_screened": [h for h in scope if h["id"] not in done],
            "at_risk": sum(1 for s in screened if s["at_risk"])}


def campaigns(store: Store, limit: int | None = None) -> list[dict]:
    """The campaigns with their progress, the latest first (the first `limit` of them)."""
    return [campaign_progress(store, c["id"]) for c in store.query(
        "SELECT id FROM screening_campaigns WHERE deleted = 0 ORDER BY start_date DESC LIMIT ?",
        [-1 if limit is None else limit])]


def latest_campaign(store: Store) -> dict | None:
    """The latest campaign with its progress (the home page's card), or None."""
    return next(iter(campaigns(store, 1)), None)


def latest_campaign_end(store: Store) -> str | None:
    row = store.conn.execute("SELECT max(end_date) FROM screening_campaigns WHERE deleted = 0").fetchone()
    return row[0] if row else None
