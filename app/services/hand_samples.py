"""Each investigator's own hand: a sheet of names and words written on the pad (Settings →
笔迹样本), kept in the encrypted store, signed with the user's key and synced like any record.

The same-hand check compares a household signature with this sample rather than with the
investigator's own signature: someone writing a household head's name writes a text they never
signed before, and the sample is their hand across several texts. A reviewer who has looked at a
finding and judged the two hands different records that here too (`review`), and the finding
does not come back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from app.core import canonical, clock, signature
from app.core.errors import NotFound, ValidationError
from app.storage.store import Store

# The sheet: names of the kind a household head has and words a form carries, so the sample
# holds the investigator's hand on texts other than their own name.
SHEET = ("王建国", "李秀英", "张桂兰", "陈志强", "刘春梅", "杨德福", "情况属实", "本人签字")
MIN_ITEMS = 5
MAX_TEXT = 20
VERDICTS = {"different_people": "已核实，非同一人笔迹"}


@dataclass(frozen=True)
class Comparison:
    """A household signature against a hand sample: the distance to its closest item (each item
    a different text: the one the hand wrote most like the household's line), which item, every
    distance, and the sample's own spread (distances between its items)."""
    distance: float
    closest: int
    distances: tuple[float, ...]
    spread: tuple[float, ...]

    @property
    def alike(self) -> bool:
        return self.distance <= signature.SAMPLE_THRESHOLD


def _content(user_id: str, user_name: str, recorded_on: str, items: list[dict]) -> bytes:
    return canonical.encode({"user_id": user_id, "user_name": user_name, "recorded_on": recorded_on,
                             "items": items})


def clean_items(items) -> list[dict]:
    """The sheet as [{"text", "strokes"}], or ValidationError naming the item and the rule."""
    if not isinstance(items, list):
        raise ValidationError("items", "a list", "笔迹样本应为若干项 (the sample is a list of items)")
    out, seen = [], set()
    for k, item in enumerate(items):
        text = (item.get("text") if isinstance(item, dict) else None) or ""
        text = text.strip() if isinstance(text, str) else ""
        if not text or len(text) > MAX_TEXT:
            raise ValidationError(f"items[{k}].text", f"1 to {MAX_TEXT} characters",
                                  f"第{k + 1}项：请写明所写的字词（1–{MAX_TEXT}个字） / item {k + 1}: write what was written (1–{MAX_TEXT} characters)")
        try:
            strokes = signature.validate(item.get("strokes"))
        except ValidationError as e:
            raise ValidationError(f"items[{k}].strokes", e.rule, f"第{k + 1}项“{text}”：{e}") from e
        if text not in seen:
            seen.add(text)
            out.append({"text": text, "strokes": strokes})
    if len(out) < MIN_ITEMS:
        raise ValidationError("items", f"at least {MIN_ITEMS} different texts",
                              f"笔迹样本至少要写{MIN_ITEMS}个不同的字词，现有{len(out)}个 / a hand sample needs {MIN_ITEMS} different texts, it has {len(out)}")
    return out


def record(store: Store, items, today: date | None = None) -> dict:
    """Keep the signed-in user's hand sample (a new one replaces theirs; the old stays in the
    audit log), signed with their key."""
    items = clean_items(items)
    on = (today or clock.today()).isoformat()
    name = store.user["name"]
    content = _content(store.user_id, name, on, items)
    key = store.signing_key()
    fields = {"user_id": store.user_id, "user_name": name, "recorded_on": on, "items": items,
              "content_hash": hashlib.sha256(content).hexdigest(),
              "signer_key": key.public_key().public_bytes_raw().hex(), "signature": key.sign(content).hex()}
    with store.transaction():
        old = sample_of(store, store.user_id)
        if old:
            return store.records.update("hand_samples", old["id"], fields)
        return store.records.insert("hand_samples", fields)


def sample_of(store: Store, user_id: str) -> dict | None:
    row = store.conn.execute("SELECT id FROM hand_samples WHERE user_id = ? AND deleted = 0"
                             " ORDER BY updated_at DESC LIMIT 1", [user_id]).fetchone()
    return store.records.get("hand_samples", row[0]) if row else None


def verified(store: Store, sample: dict) -> bool:
    """The sample is as its writer signed it, with the key their user record holds."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    row = store.conn.execute("SELECT public_key FROM users WHERE id = ?", [sample["user_id"]]).fetchone()
    if not row or row[0] != sample["signer_key"]:
        return False
    content = _content(sample["user_id"], sample["user_name"], sample["recorded_on"], sample["items"])
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(sample["signer_key"])).verify(
            bytes.fromhex(sample["signature"]), content)
    except (InvalidSignature, ValueError):
        return False
    return hashlib.sha256(content).hexdigest() == sample["content_hash"]


def samples_by_name(store: Store) -> dict[str, dict]:
    """The verified hand sample of each user who has one, by the user's name (the name a form
    gives its investigator)."""
    out = {}
    ids = [r[0] for r in store.conn.execute("SELECT id FROM hand_samples WHERE deleted = 0 ORDER BY updated_at")]
    for rid in ids:
        sample = store.records.get("hand_samples", rid)
        if sample and verified(store, sample):
            out[sample["user_name"].strip()] = sample
    return out


def item_key(sample: dict, k: int) -> str:
    """A stable id for one item of one revision of a sample, for the stored distances."""
    return f"hand:{sample['id']}:{sample['revision']}:{k}"


def spread(sample: dict, distance=signature.distance) -> tuple[float, ...]:
    """Distances between the sample's own items, sorted: how far apart one hand writes texts."""
    feats = [signature.features(i["strokes"]) for i in sample["items"]]
    return tuple(sorted(distance(a, b) for k, a in enumerate(feats) for b in feats[k + 1:]))


def compare(household_strokes, sample: dict, distance=None, spread_of=None) -> Comparison:
    """A household signature against a sample: its distance to every item, judged by the
    closest (SAMPLE_THRESHOLD is chosen for that: several items, several chances)."""
    distance = distance or (lambda k, s: signature.distance(s, sample["items"][k]["strokes"]))
    ds = tuple(distance(k, household_strokes) for k in range(len(sample["items"])))
    closest = min(range(len(ds)), key=ds.__getitem__)
    return Comparison(ds[closest], closest, ds, spread_of(sample) if spread_of else spread(sample))


# -- reviews --------------------------------------------------------------------------------------

def review(store: Store, signature_id: str, rule: str, note: str | None = None,
           verdict: str = "different_people", today: date | None = None) -> dict:
    """A reviewer's verdict on a same-hand finding: kept (audited, synced), and the finding is
    not raised again for that signature and rule."""
    if verdict not in VERDICTS:
        raise ValidationError("verdict", " or ".join(VERDICTS), f"核实结论应为：{'、'.join(VERDICTS.values())} / the verdict must be one of {', '.join(VERDICTS)}")
    if not rule.startswith("signature."):
        raise ValidationError("rule", "a signature rule", "只有签名笔迹的问题可以这样核实 / only a signature's handwriting can be verified this way")
    if not store.records.get("form_signatures", signature_id):
        raise NotFound(f"no signature with id {signature_id}")
    fields = {"signature_id": signature_id, "rule": rule, "verdict": verdict, "note": (note or "").strip() or None,
              "reviewed_on": (today or clock.today()).isoformat(), "reviewer": store.user["name"]}
    return store.records.insert("signature_reviews", fields)


def reviewed(store: Store) -> set[tuple[str, str]]:
    """(signature id, rule) of every finding a reviewer has judged."""
    return {(a, b) for a, b in store.conn.execute(
        "SELECT signature_id, rule FROM signature_reviews WHERE deleted = 0")}

