"""Print jobs: handbooks for a selection of households (one PDF or one per household), with
progress and cancel; the font check before printing; the print log and `verify_print`.

`report(done, total)` is called after each household; it may raise to cancel, and then no
file that looks finished is left behind (a PDF is written as `.part` and renamed at the end).
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from app.core import clock
from app.core.errors import NotFound, ValidationError
from app.reports.fonts import FontSet, load_fonts
from app.reports.handbook import handbook_section
from app.reports.page import TEXT_WIDTH, PdfWriter
from app.services import handbook as hb
from app.services import households
from app.storage.records import utc_now
from app.storage.store import Store

from .place import place_text

Report = Callable[[int, int], None]


@dataclass
class Unprintable:
    """A character that none of the fonts has, and where it would have been printed."""
    household_id: str
    head_name: str
    field: str
    char: str

    def as_dict(self) -> dict:
        return {"household_id": self.household_id, "head_name": self.head_name, "field": self.field,
                "field_zh": self.field_zh, "char": self.char, "codepoint": f"U+{ord(self.char):04X}"}

    @property
    def field_zh(self) -> str:
        return hb.field_zh(self.field)

    def message(self) -> str:
        return (f"{self.head_name}户 {self.field_zh}：字符「{self.char}」(U+{ord(self.char):04X}) 没有字体可以打印"
                f" / no font has this character ({self.field})")


@dataclass
class PrintResult:
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    households: int = 0
    skipped: list[Unprintable] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"files": [str(f) for f in self.files], "pages": self.pages, "households": self.households,
                "skipped": [u.as_dict() for u in self.skipped], "seconds": round(self.seconds, 3)}


def select_households(store: Store, *, household_ids: list[str] | None = None, all_households: bool = False,
                      category: str | None = None, group: str | None = None) -> list[str]:
    """Household ids in print order (village group, number, head). References may be ids or
    户编号; a category may be given in Chinese or as its code."""
    if household_ids:
        out = []
        for ref in household_ids:
            row = store.conn.execute("SELECT id FROM households WHERE (id = ? OR number = ?) AND deleted = 0",
                                     [ref, ref]).fetchone()
            if row is None:
                raise NotFound(f"没有这一户 / no household '{ref}'")
            out.append(row[0])
        return out
    if not (all_households or category or group):
        raise ValidationError("households", "choose households, a category, a group or all",
                              "请选择要打印的农户：某一户、某类、某村民小组或全部 / choose what to print")
    where, params = households.household_filters(None, category, group)
    rows = store.conn.execute(f"SELECT h.id FROM households h WHERE {where}"
                              " ORDER BY h.group_name, h.number, h.head_name", params).fetchall()
    if not rows:
        raise NotFound("没有符合条件的农户 / no household matches")
    return [r[0] for r in rows]


def unprintable(fonts: FontSet, data: dict, chars=None) -> list[Unprintable]:
    """Each character no font has, with the field it is in. `chars` (every character the
    data prints) lets the usual case, all printable, skip the walk through the fields."""
    if chars is not None and all(fonts.has(ch) for ch in chars):
        return []
    h = data["household"]
    out = []
    for path, text in hb.text_fields(data):
        for ch in fonts.missing(text):
            out.append(Unprintable(h["id"], h["head_name"], path, ch))
    return out


def check_fonts(store: Store, household_ids: list[str], today: date | None = None,
                fonts: FontSet | None = None) -> list[Unprintable]:
    """Every character these handbooks would print that no font has."""
    fonts = fonts or load_fonts()
    reader = hb.Reader(store, today or clock.today())
    return [u for hid in household_ids for u in unprintable(fonts, reader.data(hid))]


def _file_name(data: dict, taken: set[str]) -> str:
    """`第一村民小组_户编号_户主_帮扶手册.pdf`; without a 户编号 the id's random tail tells
    namesakes apart, and a name already used in this batch gets a number."""
    h = data["household"]
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{h['group']}_{h['number'] or h['id'][-12:]}_{h['head_name']}_帮扶手册")
    name, n = f"{stem}.pdf", 1
    while name in taken:
        n += 1
        name = f"{stem}_{n}.pdf"
    taken.add(name)
    return name


def prepare_output(out: Path, folder: bool = False) -> None:
    """Check `--out` is what the print needs (a file name, or a folder for one file per
    household), make its folder, and remove the `.pdf.part` files a killed print left there
    (the store's lock says no other print of this store is running)."""
    if folder:
        if out.exists() and not out.is_dir():
            raise ValidationError("--out", "a folder", f"--out: {out} 是文件，每户一份时应为文件夹 (is a file: give a folder)")
        out.mkdir(parents=True, exist_ok=True)
        for part in out.glob("*.pdf.part"):
            part.unlink(missing_ok=True)
    else:
        if out.is_dir():
            raise ValidationError("--out", "a file name", f"--out: {out} 是文件夹，应为 PDF 文件名 (is a folder: give a file name)")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_name(out.name + ".part").unlink(missing_ok=True)


def print_handbooks(store: Store, household_ids: list[str], out: Path, *, per_household: bool = False,
                    today: date | None = None, report: Report | None = None,
                    fonts: FontSet | None = None) -> PrintResult:
    """Handbooks of `household_ids` into the file `out` (or, per household, files in the folder
    `out`). Households with a character no font has are skipped and listed in the result."""
    started = time.perf_counter()
    today = today or clock.today()
    fonts = fonts or load_fonts()
    reader = hb.Reader(store, today)
    printed_on = today.isoformat()
    out = Path(out)
    result = PrintResult()
    place = place_text(store)
    writer: PdfWriter | None = None
    log: list[tuple] = []
    taken: set[str] = set()
    total = len(household_ids)
    prepare_output(out, folder=per_household)
    try:
        for done, hid in enumerate(household_ids, 1):
            data = reader.data(hid)
            mark = hb.fingerprint(data)
            problems = unprintable(fonts, data, mark.chars)
            if problems:
                result.skipped += problems
            else:
                code = mark.code
                h = data["household"]
                section = handbook_section(fonts, data, code, hb.qr_payload(hid, code), TEXT_WIDTH, printed_on)
                section.place = "".join(x for x in (h["township"], h["village"], h["group"]) if x) or place
                if per_household:
                    writer = _writer(out / _file_name(data, taken), fonts, place, printed_on)
                    writer.add(section)
                    result.files.append(writer.close())
                    result.pages += writer.pages
                    writer = None
                else:
                    writer = writer or _writer(out, fonts, place, printed_on)
                    writer.add(section)
                file = result.files[-1] if per_household else out
                log.append((code, hid, "handbook", utc_now(), store.user_id, str(file),
                            json.dumps(mark.sections)))
                if per_household:  # this file is finished: a later cancel keeps it, and its log
                    _log_prints(store, log)
                    log = []
                result.households += 1
            if report:
                report(done, total)
        if writer is not None:
            result.files.append(writer.close())
            result.pages += writer.pages
            writer = None
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    _log_prints(store, log)
    result.seconds = time.perf_counter() - started
    return result


def _log_prints(store: Store, log: list[tuple]) -> None:
    with store.transaction():
        store.conn.executemany("INSERT OR REPLACE INTO print_log (code, household_id, kind, printed_at,"
                               " printed_by, file, sections) VALUES (?, ?, ?, ?, ?, ?, ?)", log)


def _writer(path: Path, fonts: FontSet, place: str, printed_on: str) -> PdfWriter:
    return PdfWriter(path, fonts, title="帮扶手册", place=place, printed_on=printed_on)


def verify_print(store: Store, text: str, today: date | None = None) -> dict:
    """Check a printed code (or a scanned QR payload) against the store now.
    state: `current` (the paper matches the store), `changed` (printed from older data;
    `changed` lists the parts that differ when the print was logged here) or `unknown`."""
    household_id, code = hb.normalise_code(text)
    if len(code.replace("-", "")) != 16:
        raise ValidationError("code", "16 hexadecimal digits",
                              "核验码应为16位（如 1a2b-3c4d-5e6f-7a8b）/ a code has 16 hex digits")
    reader = hb.Reader(store, today or clock.today())
    sql = "SELECT * FROM print_log WHERE code = ?"
    params = [code]
    if household_id:
        sql += " AND household_id = ?"
        params.append(household_id)
    logged = store.query(sql + " ORDER BY printed_at DESC", params)
    candidates = [r["household_id"] for r in logged] or ([household_id] if household_id else [])
    if not candidates:
        # Printed elsewhere or before the log: look for a household whose content has this code.
        candidates = [r[0] for r in store.conn.execute("SELECT id FROM households WHERE deleted = 0")]
        for hid in candidates:
            data = reader.data(hid)
            mark = hb.fingerprint(data)
            if mark.code == code:
                return _verdict(code, data, mark, None)
        return {"state": "unknown", "code": code, "message": "本台账中没有打印过这个核验码 / not printed from this store"}
    hid = candidates[0]
    if store.records.get("households", hid) is None:
        return {"state": "unknown", "code": code, "household_id": hid,
                "message": "这一户已不在台账中 / the household is no longer in the store"}
    data = reader.data(hid)
    return _verdict(code, data, hb.fingerprint(data), logged[0] if logged else None)


def _verdict(code: str, data: dict, mark: hb.Fingerprint, entry: dict | None) -> dict:
    h = data["household"]
    state = "current" if mark.code == code else "changed"
    out = {"state": state, "code": code, "current_code": mark.code, "household_id": h["id"],
           "head_name": h["head_name"], "number": h["number"],
           "printed_at": entry["printed_at"] if entry else None, "changed": [], "changed_parts": []}
    if state == "changed" and entry:
        then = json.loads(entry["sections"])
        out["changed_parts"] = [k for k in hb.SECTIONS if then.get(k) != mark.sections.get(k)]
        out["changed"] = [hb.SECTION_ZH[k] for k in out["changed_parts"]]
    if state == "current":
        out["message"] = f"与台账一致：{h['head_name']}户的帮扶手册是最新的 / the printed copy matches the store"
    else:
        parts = "、".join(out["changed"]) or "内容"
        out["message"] = (f"{h['head_name']}户的帮扶手册打印后台账已更新（{parts}），请重新打印"
                          f" / the store changed since this copy was printed")
    return out


def print_blank_form(store: Store, form_id: str, out: Path, *, version: str | None = None, copies: int = 1,
                     today: date | None = None) -> PrintResult:
    """The paper fallback of a form, field for field as the digital one."""
    from app.reports.blank_form import write_blank_form
    from app.services.forms import get_form
    if copies < 1 or copies > 200:
        raise ValidationError("copies", "between 1 and 200", "份数应在 1 到 200 之间 / copies: 1–200")
    started = time.perf_counter()
    form = get_form(store, form_id, version)
    out = Path(out)
    prepare_output(out)
    pages = write_blank_form(form, out, place=place_text(store), printed_on=(today or clock.today()).isoformat(),
                             copies=copies)
    return PrintResult(files=[out], pages=pages, seconds=time.perf_counter() - started)


def print_month_report(store: Store, month: str, out: Path, today: date | None = None) -> PrintResult:
    """驻村工作月报 for the township."""
    from app.reports.month_report import write_month_report
    from app.services.reporting import month_summary
    started = time.perf_counter()
    today = today or clock.today()
    summary = month_summary(store, month, today)
    out = Path(out)
    prepare_output(out)
    pages = write_month_report(summary, out, printed_on=today.isoformat())
    return PrintResult(files=[out], pages=pages, seconds=time.perf_counter() - started)


def print_notice(store: Store, month: str, out: Path, today: date | None = None, days: int = 5) -> PrintResult:
    """The village public notice (公示) of the month's identification and elimination decisions:
    names, group, category and decision only."""
    from app.reports.notice import write_notice
    from app.services.reporting import notice_entries
    if days < 5:
        raise ValidationError("days", "at least 5 days", "公示期不少于5天 / a notice stays up at least 5 days")
    started = time.perf_counter()
    today = today or clock.today()
    entries = notice_entries(store, month)
    out = Path(out)
    prepare_output(out)
    row = store.conn.execute("SELECT village, township FROM households WHERE deleted = 0 AND village IS NOT NULL"
                             " GROUP BY village, township ORDER BY count(*) DESC LIMIT 1").fetchone()
    pages = write_notice(entries, out, village=row[0] if row else "", township=(row[1] or "") if row else "",
                         month=month, printed_on=today.isoformat(), days=days)
    return PrintResult(files=[out], pages=pages, households=len(entries), seconds=time.perf_counter() - started)


def review_sheet(store: Store, findings, out, today: date | None = None) -> int:
    """The handwriting findings among `findings` printed for a reviewer (app/reports/
    signature_review.py), at `out`; returns the number of pages (0: none to print, no file)."""
    from app.reports.signature_review import write_review
    from .checks import signature_evidence
    items = [(f.as_dict(), signature_evidence(store, f)) for f in findings if f.rule.startswith("signature.")]
    if not items:
        return 0
    return write_review(items, out, place=place_text(store), printed_on=(today or clock.today()).isoformat())


def latest_print_code(store: Store) -> str | None:
    """The code on the last page printed, if anything was printed."""
    rows = store.query("SELECT code FROM print_log ORDER BY printed_at DESC LIMIT 1")
    return rows[0]["code"] if rows else None
