"""`python -m bench similarity`: precision and recall of "the same idea" on labelled pairs.

Positive = a pair labelled `same`; a pair counts as found when `similarity.score` reaches the
threshold. Related pairs (same topic, another idea) are the ones that must stay apart. The pairs
are split: two of every three tune (threshold, stopwords, stems, synonyms), every third is held
out and reported beside them, so a figure bought by fitting the set shows up as a gap.

`--no-write` prints without touching docs/BENCHMARKS.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.report import write_section
from bench.similarity_pairs import FRESH, PAIRS, Label, split
from bot.rules import similarity

THRESHOLDS = tuple(range(50, 96, 2))


def confusion(scores: Sequence[float], same: Sequence[bool], threshold: float) -> tuple[int, ...]:
    """(true positives, false positives, false negatives) at `threshold`."""
    tp = sum(1 for s, y in zip(scores, same, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, same, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, same, strict=True) if s < threshold and y)
    return tp, fp, fn


def precision_recall(
    scores: Sequence[float], same: Sequence[bool], threshold: float
) -> tuple[float, float]:
    tp, fp, fn = confusion(scores, same, threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def evaluate(
    indices: Sequence[int], pairs: Sequence[tuple[str, str, Label]] = PAIRS
) -> tuple[list[float], list[bool], list[str]]:
    scores = [similarity.score(pairs[i][0], pairs[i][1]) for i in indices]
    same = [pairs[i][2] == "same" for i in indices]
    labels = [pairs[i][2] for i in indices]
    return scores, same, labels


def main(argv: list[str]) -> int:
    write = "--no-write" not in argv
    verbose = "-v" in argv
    tune, held = split(PAIRS)
    parts = {
        "tuning": evaluate(tune),
        "held-out": evaluate(held),
        "fresh": evaluate(range(len(FRESH)), FRESH),
        "all": evaluate(range(len(PAIRS))),
    }
    chosen = similarity.THRESHOLD
    lines = [
        f"{len(PAIRS)} labelled pairs ({sum(p[2] == 'same' for p in PAIRS)} same, "
        f"{sum(p[2] == 'related' for p in PAIRS)} related, "
        f"{sum(p[2] == 'unrelated' for p in PAIRS)} unrelated) in `bench/similarity_pairs.py`; "
        f"tuning = two of every three ({len(tune)}), held out = every third ({len(held)}). "
        f"Positive = `same`. THRESHOLD = {chosen:g}. The held-out part was looked at while "
        "tuning (its misjudged pairs were printed), so it flatters; `fresh` is "
        f"{len(FRESH)} more pairs ({sum(p[2] == 'same' for p in FRESH)} same) written after "
        "tuning ended and scored once, never tuned on: the honest figure. `all` = tuning + "
        "held-out.",
        "",
        "| threshold | tuning P | tuning R | held-out P | held-out R | fresh P | fresh R "
        "| all P | all R |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for threshold in sorted({*THRESHOLDS, chosen}):
        cells = []
        for scores, same, _ in parts.values():
            p, r = precision_recall(scores, same, threshold)
            cells += [f"{p:.2f}", f"{r:.2f}"]
        mark = " **(chosen)**" if threshold == chosen else ""
        lines.append(f"| {threshold:g}{mark} | " + " | ".join(cells) + " |")
    scores, same, labels = parts["all"]
    false_pos = {
        kind: sum(1 for s, k in zip(scores, labels, strict=True) if k == kind and s >= chosen)
        for kind in ("related", "unrelated")
    }
    lines += [
        "",
        f"At {chosen:g}, over all pairs: {false_pos['related']} related and "
        f"{false_pos['unrelated']} unrelated pairs taken for the same idea.",
    ]
    fresh_scores, fresh_same, _ = parts["fresh"]
    tp, fp, fn = confusion(fresh_scores, fresh_same, chosen)
    lines.append(
        f"On the fresh pairs at {chosen:g}: {tp} same found, {fn} missed, {fp} taken wrongly."
    )
    body = "\n".join(lines)
    print(body)
    if verbose:
        print("\nmisjudged at the chosen threshold:")
        for i, (s, y) in enumerate(zip(scores, same, strict=True)):
            if (s >= chosen) != y:
                a, b, label = PAIRS[i]
                part = "held" if i % 3 == 2 else "tune"
                print(f"  {s:5.1f} {label:9} {part} | {a} || {b}")
                print(f"        {similarity.normalise(a)!r} || {similarity.normalise(b)!r}")
    if write:
        path = write_section(
            "Similarity of ideas (issue 13)",
            body,
            "python -m bench similarity",
        )
        print(f"written to {path}")
    return 0
