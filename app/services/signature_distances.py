"""The handwriting distances kept between signatures (table `signature_distances`): a form
writes, when it is signed, every distance the same-hand rules will read for its household
signature (`remember_at_signing`), so `check` reads them instead of comparing again; what is
missing (a store from before, a form that came by sync) is compared by the check and kept, or
all at once with `backfill`. Kept only while the comparison that made them is today's."""
from __future__ import annotations

from app.core import quality, signature
from app.core.errors import ZhucunError
from app.storage import packed
from app.storage.store import Store

from . import hand_samples

# The signatures the rules judge: of live signed forms (not superseded, of a live household or none).
LIVE_SIGNATURES = (
    "SELECT s.id, s.instance_id, x.household_id, s.role, s.signer_name, s.proxy, x.filled_on"
    " FROM form_signatures s JOIN form_instances x ON x.id = s.instance_id"
    " WHERE s.deleted = 0 AND x.state = 'signed' AND x.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM form_instances n WHERE n.supersedes = x.id AND n.deleted = 0)"
    " AND (x.household_id IS NULL OR x.household_id IN (SELECT id FROM households WHERE deleted = 0))"
    " {role} ORDER BY s.role, x.filled_on, s.created_at, s.id")


def current(store: Store, signature) -> bool:
    """Clear the kept distances if an older comparison made them; True if they were kept."""
    if store.meta("signature_distance_version") == signature.DISTANCE_VERSION:
        return True
    with store.transaction():
        store.conn.execute("DELETE FROM signature_distances")
        store.conn.execute("INSERT OR REPLACE INTO meta VALUES ('signature_distance_version', ?)",
                           [signature.DISTANCE_VERSION])
    return False


def stored_distances(store: Store, signature) -> dict[tuple[str, str], float]:
    """The distances kept in this store, if the comparison that made them is today's."""
    if not current(store, signature):
        return {}
    return {(a, b): d for a, b, d in store.conn.execute("SELECT a, b, distance FROM signature_distances")}


def pair_key(a: str, b: str) -> str:
    """How `kept_pairs` names the pair of signatures (or sample items) a and b."""
    return f"{a} {b}" if a < b else f"{b} {a}"


def kept_pairs(store: Store, signature, threshold: float) -> tuple[set[str], set[str]]:
    """The pairs kept in this store (if the comparison that made them is today's), as
    `pair_key`s: those within `threshold` (alike) and those beyond it. The threshold is applied
    here, in the query, so a check reads two sets of keys rather than every distance."""
    if not current(store, signature):
        return set(), set()
    # One text of all the keys each, split in Python: far cheaper than a row per pair.
    sql = "SELECT group_concat(a || ' ' || b, ',') FROM signature_distances WHERE distance {} ?"
    return tuple(set(text.split(",")) if (text := store.conn.execute(sql.format(op), [threshold]).fetchone()[0])
                 else set() for op in ("<=", ">"))


def remember_distances(store: Store, rows: list[tuple[str, str, float]]) -> None:
    """Keep (id, id, distance) rows, the two ids in order."""
    if rows:
        with store.transaction():
            store.conn.executemany("INSERT OR REPLACE INTO signature_distances (a, b, distance) VALUES (?, ?, ?)",
                                   [(min(a, b), max(a, b), d) for a, b, d in rows])


def live_signatures(store: Store, strokes_of, role: str | None = None) -> list[quality.Signature]:
    """Every signature the rules judge (or those of one role), by role, date and creation;
    `strokes_of(id)` gives the callable that reads a signature's strokes when a comparison needs them."""
    sql = LIVE_SIGNATURES.format(role="AND s.role = ?" if role else "")
    return [quality.Signature(sid, form, hid, role, name, bool(proxy), strokes_of(sid), filled)
            for sid, form, hid, role, name, proxy, filled in store.conn.execute(sql, [role] if role else [])]


def remember_at_signing(store: Store, saved: list[dict], filled_on: str | None, samples_at=None) -> int:
    """For a form just signed (its signature rows `saved`, with their strokes): the distance of
    each household signature to every signature the same-hand rules compare it with (the
    investigators' samples of earlier forms or their first, `quality.samples_before`: all of its own
    investigator's, another investigator's up to the first that differs) and to the form's
    investigator's hand sample, and between the form's own signatures. `samples_at`: the
    investigators' `quality.samples_before`, when the caller has it. Returns how many."""
    current(store, signature)
    feats = {s["id"]: signature.features(s["strokes"]) for s in saved}
    made = [0]
    _compare(store, [(a["id"], b["id"]) for i, a in enumerate(saved) for b in saved[i + 1:]], feats, made)
    households = [s for s in saved if s["role"] == "household"]
    if households:
        own = {s["signer_name"].strip() for s in saved if s["role"] == "investigator"}
        earlier = (samples_at or investigators_before(store))(filled_on, saved[0]["instance_id"])
        samples = hand_samples.samples_by_name(store)
        for h in households:
            for name, pool in earlier.items():
                for s in pool:
                    if s.id not in feats:
                        feats[s.id] = signature.features(s.data)
                    [d] = _compare(store, [(h["id"], s.id)], feats, made)
                    if name not in own and not d <= signature.SAME_HAND_THRESHOLD:
                        break  # the rule stops at the first of another investigator's that differs
            for name in own & set(samples):
                sample = samples[name]
                for k, item in enumerate(sample["items"]):
                    key = hand_samples.item_key(sample, k)
                    feats.setdefault(key, signature.features(item["strokes"]))
                    _compare(store, [(h["id"], key)], feats, made)
    return made[0]


def strokes_of(store: Store, sid: str):
    """A callable giving one signature's strokes as canonical text, read only when called."""
    return lambda: packed.text(store.conn.execute("SELECT strokes FROM form_signatures WHERE id = ?",
                                                  [sid]).fetchone()[0])


def investigators_before(store: Store):
    """`quality.samples_before` of the investigators' signatures in this store."""
    return quality.samples_before(live_signatures(store, lambda sid: strokes_of(store, sid), "investigator"),
                                  quality.MAX_PER_INVESTIGATOR)


def remember_arrived(store: Store, signature_ids, most: int = 200) -> int:
    """Signatures that came by sync, kept as signing keeps them, when they are of at most `most`
    signed forms (a device's first pull of a whole village leaves them to the next check or
    `checks.remember_all_distances`). Strokes that are not a signature are left to `form verify`.
    Returns how many pairs it compared."""
    ids = sorted(set(signature_ids))
    by_form: dict[str, tuple[str | None, list[dict]]] = {}
    cols = store.records.columns("form_signatures")
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for row in store.conn.execute(
                f"SELECT s.*, x.filled_on FROM form_signatures s JOIN form_instances x ON x.id = s.instance_id"
                f" WHERE s.id IN ({', '.join('?' * len(chunk))}) AND s.deleted = 0 AND x.state = 'signed'", chunk):
            sig = store.records.decode("form_signatures", dict(zip(cols, row[:-1])))
            by_form.setdefault(sig["instance_id"], (row[-1], []))[1].append(sig)
    if not by_form or len(by_form) > most:
        return 0
    samples_at, made = investigators_before(store), 0
    for filled_on, saved in sorted(by_form.values(), key=lambda f: f[0] or ""):
        try:
            made += remember_at_signing(store, saved, filled_on, samples_at)
        except (ZhucunError, ValueError, TypeError, KeyError, IndexError):
            continue
    return made


def _compare(store: Store, pairs: list[tuple[str, str]], feats: dict, made: list[int]) -> list[float]:
    """Each pair's distance: kept, or compared now (from `feats`) and kept; `made[0]` counts
    the comparisons."""
    known = kept_values(store, pairs)
    out, rows = [], []
    for a, b in pairs:
        key = (min(a, b), max(a, b))
        if key not in known:
            known[key] = signature.distance(feats[a], feats[b])
            rows.append((a, b, known[key]))
        out.append(known[key])
    remember_distances(store, rows)
    made[0] += len(rows)
    return out


def kept_values(store: Store, pairs) -> dict[tuple[str, str], float]:
    """The kept distances of `pairs` (each in either order), by (smaller id, larger id)."""
    keys = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    found = {}
    for i in range(0, len(keys), 400):
        chunk = keys[i:i + 400]
        found.update(((a, b), d) for a, b, d in store.conn.execute(
            "SELECT a, b, distance FROM signature_distances WHERE " + " OR ".join(["(a = ? AND b = ?)"] * len(chunk)),
            [x for k in chunk for x in k]))
    return found
