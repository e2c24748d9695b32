"""Measure the transliteration threshold: precision and recall of kg's name similarity on labelled pairs.

    python benchmarks/name_pairs.py [tests/data/name_pairs.tsv]

Each row of the table is two names, whether they name one actor (1) or two (0), and a class. A pair is
predicted "same" when kg.resolve.entities.name_similarity of the names' spelling keys reaches the
threshold. Prints precision, recall and F1 for a range of thresholds and marks the shipped one
(ontology/settings.tsv transliteration_threshold). Only pairs of one class are ever compared by kg.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from kg.rules import load_rules
from kg.resolve.entities import name_similarity
from kg.common.names import name_words, sound_key

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "name_pairs.tsv"


def load(path: Path) -> list[tuple[str, str, bool]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["name_a"], r["name_b"], r["same"] == "1") for r in csv.DictReader(fh, delimiter="\t")]


def keys(name: str) -> list[str]:
    return [sound_key(w) for w in name_words(name)]


def scores(pairs: list[tuple[str, str, bool]]) -> list[tuple[float, bool]]:
    return [(name_similarity(keys(a), keys(b)), same) for a, b, same in pairs]


def measure(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, same in scored if s >= threshold and same)
    fp = sum(1 for s, same in scored if s >= threshold and not same)
    fn = sum(1 for s, same in scored if s < threshold and same)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else TABLE
    pairs = load(path)
    scored = scores(pairs)
    shipped = load_rules().thresholds.transliteration
    print(f"{len(pairs)} pairs, {sum(s for _, _, s in pairs)} same")
    print("threshold  precision  recall  f1")
    for t in (0.70, 0.75, 0.80, 0.83, 0.85, 0.88, 0.90, 0.95, 1.00):
        p, r, f = measure(scored, t)
        print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}  {f:.3f}{'   <- shipped' if abs(t - shipped) < 1e-9 else ''}")
    wrong = [(a, b, s) for (a, b, same), (s, _) in zip(pairs, scored) if (s >= shipped) != same]
    print(f"\nwrong at {shipped}:")
    for a, b, s in wrong:
        print(f"  {a} / {b}  similarity {s:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
