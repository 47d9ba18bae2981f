"""Five years of the autumn information collection (集中排查): a signed household information
form for most households each year, for the five-year village of the benchmarks.

Each household's answers are filled from its file and checked by the form's own rules once;
every year's form carries them with that year's date, signed by one of the work team and by
the head. A head signs in their own hand every year and the team members in theirs; each
signing is the writer's signature of the name moved, scaled, retimed and trembling a little
differently (as one person's signatures differ), not a fresh synthetic signing: twenty
thousand of those would take most of an hour.

The forms are written through the records layer with what `forms.sign` stores — the
signatures with their image hashes, the content hash and the investigator key's Ed25519
signature over `signed_content`, so `form verify` checks them as any other — but without the
handwriting distances signing in Zhucun keeps: they are forms as they arrive from paper or
from another device, and the first `check` over them compares every pair (what the benchmark
measures). About one household line in a hundred is written by the investigator.
"""
from __future__ import annotations

import hashlib
import random
import zlib
from datetime import date

from app.core import signature
from app.core.handwriting import Writer
from app.services import forms
from app.storage.store import Store

from .forms import answers_for

SHARE = 0.67         # households with a signed form in a given year
SAME_HAND = 0.01     # household lines the investigator wrote
POOL = 6             # signings of each team member's name the year's signatures vary from
CHUNK = 50           # households per transaction


def _writer(name: str) -> Writer:
    return Writer(zlib.crc32(name.encode("utf-8")))


def vary(sig: dict, rng: random.Random) -> dict:
    """Another signing of the same name by the same hand: moved, scaled about its centre,
    written a little faster or slower, each point off by up to a pixel."""
    w, h = sig["width"], sig["height"]
    xs = [p[0] for s in sig["strokes"] for p in s]
    ys = [p[1] for s in sig["strokes"] for p in s]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    scale = 1 + rng.gauss(0, 0.03)
    ox, oy = cx + rng.randint(-12, 12) - cx * scale, cy + rng.randint(-6, 6) - cy * scale
    pace = max(0.5, 1 + rng.gauss(0, 0.06))
    shake = [rng.randint(-1, 1) for _ in range(61)]
    strokes, k = [], 0
    for stroke in sig["strokes"]:
        strokes.append([[min(w, max(0, round(ox + x * scale) + shake[(k + i) % 61])),
                         min(h, max(0, round(oy + y * scale) + shake[(k + i + 7) % 61])), int(t * pace)]
                        for i, (x, y, t) in enumerate(stroke)])
        k += len(stroke)
    return {"width": w, "height": h, "strokes": strokes}


def autumns(today: date, years: int) -> list[tuple[int, int]]:
    """(first, last) ordinals of each of the last `years` autumn collections begun before today."""
    out = []
    year = today.year if today >= date(today.year, 9, 10) else today.year - 1
    for y in range(year - years + 1, year + 1):
        first, last = date(y, 9, 10).toordinal(), min(date(y, 11, 30).toordinal(), today.toordinal() - 1)
        out.append((first, last))
    return out


def seed_annual_forms(store: Store, household_ids: list[str], team: list[str], seed: int, today: date,
                      years: int, share: float = SHARE, progress=None) -> dict:
    """Signed information forms for `share` of the households in each of `years` autumns."""
    collection = _Collection(store, team, random.Random(seed * 15485863 + 5), autumns(today, years), share)
    for start in range(0, len(household_ids), CHUNK):
        with store.transaction():
            for hid in household_ids[start:start + CHUNK]:
                collection.household(hid, today)
        if progress:
            progress(min(start + CHUNK, len(household_ids)), len(household_ids))
    return collection.counts


class _Collection:
    """The team's hands and the device's signing key, and what each autumn's visits signed."""

    def __init__(self, store: Store, team: list[str], rng: random.Random, windows: list[tuple[int, int]],
                 share: float):
        self.store, self.team, self.rng, self.windows, self.share = store, team, rng, windows, share
        self.form = forms.get_form(store, "household_info")
        self.hands = {name: _writer(name) for name in team}
        self.pools = {name: [self.hands[name].sign(name, rng.randrange(1 << 30)) for _ in range(POOL)]
                      for name in team}
        self.key = store.signing_key()
        self.public = self.key.public_key().public_bytes_raw().hex()
        self.counts = {"signed": 0, "skipped": 0, "same_hand": 0}

    def household(self, hid: str, today: date) -> None:
        """The household's answers as its file stands, then a signed form in the autumns it was met."""
        store, form, rng = self.store, self.form, self.rng
        answers = answers_for(store, form, hid, today)
        state = forms.check(store, form, hid, answers, today)
        if not state.complete:
            self.counts["skipped"] += 1  # the file breaks a rule the form enforces: no honest form to sign
            return
        portable = forms.portable_answers(state.values)
        head = answers.get("head_name") or "户主"
        number = store.conn.execute("SELECT number FROM households WHERE id = ?", [hid]).fetchone()[0]
        own = _writer(f"{head}{number}").sign(head, rng.randrange(1 << 30))
        for first, last in self.windows:
            if rng.random() >= self.share or last < first:
                continue
            day = date.fromordinal(rng.randint(first, last))
            investigator = self.team[rng.randrange(len(self.team))]
            forged = rng.random() < SAME_HAND
            household_line = self.hands[investigator].sign(head, rng.randrange(1 << 30)) if forged else vary(own, rng)
            investigator_line = vary(rng.choice(self.pools[investigator]), rng)
            inst = store.records.insert("form_instances", {
                "form_id": form.form_id, "form_version": form.version, "household_id": hid, "state": "complete",
                "answers": portable, "investigator": investigator, "filled_on": day.isoformat()})
            self.sign(inst, day, [("investigator", investigator, investigator_line), ("household", head, household_line)])
            self.counts["signed"] += 1
            self.counts["same_hand"] += forged

    def sign(self, inst: dict, day: date, lines: list[tuple[str, str, dict]]) -> None:
        """What `forms.sign` stores, but no handwriting distance: the signatures with their image
        hashes, then the content hash and the key's signature, signed that day."""
        store, rng = self.store, self.rng
        rows = [{"instance_id": inst["id"], "role": role, "signer_name": name, "proxy": False, "proxy_reason": None,
                 "strokes": strokes, "image_hash": signature.image_hash(strokes)} for role, name, strokes in lines]
        for row in rows:
            store.records.insert("form_signatures", row)
        signed_at = f"{day.isoformat()}T{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00.000Z"
        content = forms.signed_content(inst, rows, signed_at, store.user_id)
        store.records.update("form_instances", inst["id"], {
            "state": "signed", "signed_at": signed_at, "signed_by": store.user_id, "signer_key": self.public,
            "content_hash": hashlib.sha256(content).hexdigest(), "signature": self.key.sign(content).hex()})
