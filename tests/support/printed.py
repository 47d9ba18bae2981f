"""A month's work printed: a small demo village with October 2026's decisions and a missed
deadline, and reading a PDF back with poppler (its text, fonts, pages, ink)."""
from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from PIL import Image

from app.demo import build as demo
from app.services import cases, incomes
from app.storage.store import Store
from tests.support.stores import FAST_KDF

TODAY = date(2026, 11, 20)
MONTH = "2026-10"
BY = "姚涛"
PASSPHRASE = "demo1234"


def build_village(folder: Path) -> dict:
    """A 60-household demo village plus, in October 2026, one identification, one elimination
    and one risk clue left past its 15 days. Returns the heads' names of each."""
    demo.build_demo(folder, PASSPHRASE, 60, seed=3, today=TODAY, kdf_params=FAST_KDF)
    with Store.open(folder, PASSPHRASE) as store:
        free = store.query("SELECT id, head_name FROM households h WHERE category = 'ordinary' AND deleted = 0"
                           " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id)"
                           " ORDER BY group_name, number LIMIT 3")
        new, gone, late = free

        def step(cid, kind, on, data=None):
            cases.record_step(store, cid, kind, on, BY, data or {}, today=TODAY)

        def opened(h, on):
            return cases.open_case(store, h["id"], on, BY, {"source": "干部排查", "note": "家中有人住院"},
                                   today=TODAY)["id"]

        cid = opened(new, "2026-10-02")
        step(cid, "check", "2026-10-05")
        step(cid, "identify", "2026-10-12", {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]})
        step(cid, "plan", "2026-10-15", {"measures": ["health", "employment"]})
        cid = opened(gone, "2026-05-10")
        step(cid, "check", "2026-05-12")
        step(cid, "identify", "2026-05-20", {"monitoring_category": "sudden_hardship", "risk_types": ["illness"]})
        step(cid, "plan", "2026-05-25", {"measures": ["health", "employment"]})
        incomes.add_income(store, gone["id"], "2026-09-30", {"wage": 10_000_000}, note="务工收入", today=TODAY)
        step(cid, "eliminate", "2026-10-20", {"method": "就业帮扶", "has_labour": True})
        cid = opened(late, "2026-10-10")
        step(cid, "check", "2026-10-12")
    return {"identified": new["head_name"], "eliminated": gone["head_name"], "late": late["head_name"]}


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def page_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def inked(path: Path, tmp: Path) -> float:
    """The share of page 1 (rendered at 60 dpi) that is not white."""
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(tmp / "page")], check=True)
    image = Image.open(next(tmp.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:200])
    return dark / (image.width * image.height)


def assert_only_embedded_fonts(path: Path) -> None:
    rows = pdf_fonts(path)
    assert rows, "no fonts at all"
    for row in rows:
        assert "Helvetica" not in row[0] and "Times" not in row[0], row
        emb = row[-5]  # name, type…, encoding, emb, sub, uni, object, ID
        assert emb == "yes", row
