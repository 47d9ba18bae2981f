"""The same-hand check on labelled signatures: synthetic writers (the default: measures the
shipped threshold on tuning and held-out writers, times a comparison), or a labelled set of real
pen data (--labelled: measures the shipped threshold, or --choose one on it).

    .venv/bin/python -m bench.signatures [--writers 60] [--seed 1]
    .venv/bin/python -m bench.signatures --labelled FILE [--users 1-20] [--choose] [--json]

Prints Markdown for BENCHMARKS.md (or, with --json, an object with precision, recall,
false_alarms and eer). A labelled set is gzip or plain JSON: a list of records, or an object whose
"records" are that list; a record is {"user": int, "sample": int, "kind": "genuine"|"forgery",
"signature": {"width", "height", "strokes": [[[x, y, t_ms], ...], ...]}}
(scripts/signature_data/ converts public corpora to it; bench/data/SOURCE.md says which).

SAME_HAND_THRESHOLD and SAMPLE_THRESHOLD are chosen on real pen data: SVC2004 users 1-20
(`--labelled bench/data/svc2004.json.gz --users 1-20 --choose --max-false-alarms 0.015`), the best
recall with at most 1.5 % false alarms on pairs of different people, a margin under the 2 % a
village can bear (honest forms far outnumber forged ones; a check that cries wolf is ignored);
users 21-40 are held out and only measured. A finding only asks a person to look; it never blocks.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import time

from app.core import signature
from app.core.handwriting import Writer, random_name

OWN, OTHER = 5, 5       # signatures per writer: of their own name, of other writers' names
MAX_FALSE_ALARMS = 0.02
FORGERY_REFERENCES = 5  # genuine signatures of a user each skilled forgery of it is compared with
SAMPLE_ITEMS = 5  # reference signatures per user when judging against a hand sample (the closest counts)
DIFFERENT_PER_USER_PAIR = 20  # random pairs of genuine signatures for every two users of a labelled set


def labelled_set(seeds: list[int], rng: random.Random) -> list[tuple[float, bool, bool]]:
    """(distance, same hand, same name) for every same-hand pair and as many different-hand
    pairs, as many of those with the same name as there are same-hand pairs with the same name."""
    names = [random_name(s) for s in seeds]
    sigs = []  # (writer, name, features)
    for i, seed in enumerate(seeds):
        w = Writer(seed)
        others = rng.sample([j for j in range(len(seeds)) if j != i], OTHER)
        sigs += [(i, names[i], signature.features(w.sign(names[i], k))) for k in range(OWN)]
        sigs += [(i, names[j], signature.features(w.sign(names[j], 100 + k))) for k, j in enumerate(others)]
    pairs = {(hand, name): [] for hand in (True, False) for name in (True, False)}
    for a, b in itertools.combinations(sigs, 2):
        pairs[a[0] == b[0], a[1] == b[1]].append((a[2], b[2]))
    for name in (True, False):
        want = len(pairs[True, name])
        pairs[False, name] = rng.sample(pairs[False, name], min(want, len(pairs[False, name])))
    return [(signature.distance(a, b), hand, name) for (hand, name), ps in pairs.items() for a, b in ps]


def rates(scored, threshold: float) -> dict:
    tp = sum(1 for d, hand, _ in scored if hand and d <= threshold)
    fp = sum(1 for d, hand, _ in scored if not hand and d <= threshold)
    pos = sum(1 for _, hand, _ in scored if hand)
    neg = len(scored) - pos
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / pos if pos else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "false alarms": fp / neg if neg else 0.0, "same": pos, "different": neg}


def choose(scored, max_false_alarms: float | None = None) -> float:
    """The threshold with the best F1, or the best recall with false alarms at most
    `max_false_alarms`, tried at every distance; placed halfway to the next distance so rounding
    cannot move a pair across."""
    ordered = sorted(scored)
    pos = sum(1 for _, hand, _ in scored if hand)
    neg = len(scored) - pos
    tp = fp = 0
    best = (-1.0, 0.0)
    for k, (d, hand, _) in enumerate(ordered):
        tp, fp = tp + hand, fp + (not hand)
        if k + 1 < len(ordered) and ordered[k + 1][0] == d:
            continue
        p, r = tp / (tp + fp), tp / pos
        if max_false_alarms is not None:
            score = r if fp / neg <= max_false_alarms else -1.0
        else:
            score = 2 * p * r / (p + r) if tp else 0.0
        if score > best[0]:
            nxt = ordered[k + 1][0] if k + 1 < len(ordered) else d
            best = (score, round((d + nxt) / 2, 4))
    return best[1]


def eer(scored) -> float:
    """The equal error rate: where the share of same-hand pairs missed equals the share of
    different-hand pairs flagged, swept over every distance."""
    ordered = sorted(scored)
    pos = sum(1 for _, hand, _ in scored if hand)
    neg = len(scored) - pos
    if not pos or not neg:
        return 0.0
    tp = fp = 0
    best = (2.0, 1.0)
    for d, hand, _ in ordered:
        tp, fp = tp + hand, fp + (not hand)
        miss, alarm = 1 - tp / pos, fp / neg
        if abs(miss - alarm) < best[0]:
            best = (abs(miss - alarm), (miss + alarm) / 2)
    return best[1]


def user_range(text: str) -> set[int]:
    """"1-20,25" as {1, ..., 20, 25}."""
    out: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def labelled_pairs(records: list[dict], rng: random.Random, per_user_pair: int = DIFFERENT_PER_USER_PAIR
                   ) -> tuple[list, list, list]:
    """(same hand, different hands, skilled forgeries) as lists of (features, features):
    every two genuine signatures of one user; `per_user_pair` random pairs of genuine signatures
    for every two users; a user's first few genuine signatures against every forgery of them."""
    genuine: dict[int, list] = {}
    forged: dict[int, list] = {}
    for r in sorted(records, key=lambda r: (r["user"], r["sample"])):
        f = signature.features(r["signature"])
        (genuine if r["kind"] == "genuine" else forged).setdefault(r["user"], []).append(f)
    same = [p for sigs in genuine.values() for p in itertools.combinations(sigs, 2)]
    different = []
    for u, v in itertools.combinations(sorted(genuine), 2):
        pairs = list(itertools.product(genuine[u], genuine[v]))
        different += rng.sample(pairs, min(per_user_pair, len(pairs)))
    forgeries = [(g, f) for u, fs in forged.items() for g in genuine.get(u, ())[:FORGERY_REFERENCES] for f in fs]
    return same, different, forgeries


def sample_scores(records: list[dict], rng: random.Random, k: int = SAMPLE_ITEMS, per_user_pair: int = 2
                  ) -> list[tuple[float, bool, bool]]:
    """(distance to the closest of a reference, same hand, False) as the check judges against a
    hand sample: the first `k` genuine signatures of a user are the reference; every later genuine
    signature of that user is a same-hand query, `per_user_pair` of every other user's are
    different-hand queries."""
    from app.services.hand_samples import compare
    genuine: dict[int, list] = {}
    for r in sorted(records, key=lambda r: (r["user"], r["sample"])):
        if r["kind"] == "genuine":
            genuine.setdefault(r["user"], []).append(signature.features(r["signature"]))
    refs = {u: {"items": [{"strokes": f} for f in sigs[:k]]} for u, sigs in genuine.items() if len(sigs) > k}
    out = []
    for u, ref in refs.items():
        def closest(query, ref=ref):
            return compare(query, ref, distance=lambda i, q: signature.distance(q, ref["items"][i]["strokes"]),
                           spread_of=lambda _s: ()).distance
        out += [(closest(q), True, False) for q in genuine[u][k:]]
        for v in sorted(genuine):
            if v != u:
                out += [(closest(q), False, False) for q in rng.sample(genuine[v][k:] or genuine[v],
                                                                           min(per_user_pair, len(genuine[v])))]
    return out


def labelled_report(path: str, users: set[int] | None, choose_at: float | None, as_json: bool,
                    seed: int = 1) -> dict:
    """The figures of a labelled set at the shipped threshold, or at the one chosen on it: the
    best recall with at most `choose_at` false alarms."""
    from scripts.signature_data.labelled import read

    records = [r for r in read(path) if users is None or r["user"] in users]
    same, different, forgeries = labelled_pairs(records, random.Random(seed))
    scored = [(signature.distance(a, b), True, False) for a, b in same]
    scored += [(signature.distance(a, b), False, False) for a, b in different]
    threshold = choose(scored, choose_at) if choose_at is not None else signature.SAME_HAND_THRESHOLD
    m = rates(scored, threshold)
    result = {"file": path, "users": len({r["user"] for r in records}), "threshold": threshold,
              "precision": round(m["precision"], 4), "recall": round(m["recall"], 4),
              "false_alarms": round(m["false alarms"], 4), "eer": round(eer(scored), 4),
              "same_pairs": m["same"], "different_pairs": m["different"]}
    sample = sample_scores(records, random.Random(seed))
    if sample:
        t = choose(sample, choose_at) if choose_at is not None else signature.SAMPLE_THRESHOLD
        ms = rates(sample, t)
        result.update(sample_threshold=t, sample_recall=round(ms["recall"], 4),
                      sample_false_alarms=round(ms["false alarms"], 4), sample_eer=round(eer(sample), 4),
                      sample_queries=len(sample))
    if forgeries:
        skilled = [(d, True, False) for d, hand, _ in scored if hand]
        skilled += [(signature.distance(a, b), False, False) for a, b in forgeries]
        result["skilled_forgery_eer"] = round(eer(skilled), 4)
        result["skilled_forgeries_flagged"] = round(rates(skilled, threshold)["false alarms"], 4)
    if not as_json:
        q = sorted(d for d, hand, _ in scored if hand), sorted(d for d, hand, _ in scored if not hand)
        pct = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")  # noqa: E731
        result["same p10/p50/p90"] = "/".join(f"{pct(q[0], p):.3f}" for p in (0.1, 0.5, 0.9))
        result["different p2/p10/p50"] = "/".join(f"{pct(q[1], p):.3f}" for p in (0.02, 0.1, 0.5))
    return result


def timing(seed: int, n: int = 200) -> tuple[float, float, float]:
    """p50 and p95 ms of distance on stored features, and p50 ms with both features computed."""
    w1, w2 = Writer(seed), Writer(seed + 1)
    a = [w1.sign(random_name(k), k) for k in range(20)]
    b = [w2.sign(random_name(k + 50), k) for k in range(20)]
    fa, fb = [signature.features(x) for x in a], [signature.features(x) for x in b]
    stored, whole = [], []
    for k in range(n):
        t = time.perf_counter()
        signature.distance(fa[k % 20], fb[(k * 7) % 20])
        stored.append(time.perf_counter() - t)
    for k in range(n // 4):
        t = time.perf_counter()
        signature.distance(a[k % 20], b[(k * 7) % 20])
        whole.append(time.perf_counter() - t)
    stored.sort()
    return (statistics.median(stored) * 1000, stored[int(len(stored) * 0.95)] * 1000,
            statistics.median(whole) * 1000)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--labelled", metavar="FILE", help="a labelled set of real signatures (gzip or plain JSON)")
    ap.add_argument("--users", help="only these users of the labelled set, as 1-20 or 1,3,5-9")
    ap.add_argument("--choose", action="store_true", help="choose the threshold on this set instead of the shipped one")
    ap.add_argument("--json", action="store_true", help="print an object: precision, recall, false_alarms, eer, ...")
    ap.add_argument("--max-false-alarms", type=float, default=MAX_FALSE_ALARMS,
                    help=f"with --choose: the most false alarms allowed (default {MAX_FALSE_ALARMS})")
    args = ap.parse_args(argv)
    if args.labelled:
        r = labelled_report(args.labelled, user_range(args.users) if args.users else None,
                            args.max_false_alarms if args.choose else None, args.json, args.seed)
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
        else:
            print(" | ".join(f"{k} {v}" for k, v in r.items()))
        return
    if args.writers <= OTHER:
        ap.error(f"--writers must be more than {OTHER}")
    rng = random.Random(args.seed)
    base = args.seed * 1_000_000  # tuning writers, held-out writers from base + 500,000, timing from base + 900,000
    tuning = labelled_set([base + i for i in range(args.writers)], rng)
    held = labelled_set([base + 500_000 + i for i in range(args.writers)], rng)
    tuning_apart = [x for x in tuning if not x[2]]  # pairs of different names
    held_apart = [x for x in held if not x[2]]
    shipped = signature.SAME_HAND_THRESHOLD  # chosen on real pen data: SVC2004 users 1-20
    own = choose(tuning_apart, MAX_FALSE_ALARMS)
    p50, p95, whole = timing(base + 900_000)

    def row(label, scored, t):
        m = rates(scored, t)
        return (f"| {label} | {m['same']:,} | {m['different']:,} | {t:.4f} | {m['precision']:.3f} | {m['recall']:.3f}"
                f" | {m['f1']:.3f} | {m['false alarms']:.3f} | {eer(scored):.3f} |")

    print("### Synthetic writers\n")
    print(f"Command: `.venv/bin/python -m bench.signatures --writers {args.writers} --seed {args.seed}`."
          f" {args.writers} synthetic writers (`app/core/handwriting.py`) each sign their own name {OWN} times"
          f" and {OTHER} other writers' names once; every same-hand pair, and as many different-hand pairs;"
          f" measured at the shipped threshold ({shipped}, chosen on real pen data), and at the one these"
          f" writers would choose (the best recall with at most {MAX_FALSE_ALARMS:.0%} false alarms on the"
          " tuning writers' pairs of different names).\n")
    print("| pairs | same hand | different hands | threshold | precision | recall | F1 | false alarms | EER |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(row("tuning, different names", tuning_apart, shipped))
    print(row("**held-out, different names**", held_apart, shipped))
    print(row("held-out, same name", [x for x in held if x[2]], shipped))
    print(row("held-out, different names, at the tuning writers' own threshold", held_apart, own))
    print("\nClasses are balanced here. The writers are synthetic; the figures say how well the check"
          " separates the generator's hands, not real ones.\n")
    print(f"Time per comparison: {p50:.2f} ms p50, {p95:.2f} ms p95 from stored features"
          f" ({signature.N_POINTS} points, band {signature.BAND}, plain Python); {whole:.2f} ms p50 from the strokes.")


if __name__ == "__main__":
    main()
