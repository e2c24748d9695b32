"""Does kg's cost grow in step with its input? Two measurements, printed as tables:

    python benchmarks/scaling.py                          # both, about 15 minutes here
    python benchmarks/scaling.py --only extraction --sentences 500 1000
    python benchmarks/scaling.py --only resolution --names 1000 4000 16000

- extraction: one document of N sentences (the sample corpus's sentences, shuffled by a seeded generator,
  four to a paragraph, under a dated front matter), parsed by spaCy and read by kg (mentions, relations,
  dates). Seconds per sentence should stay flat from 500 to 4,000 sentences: each relation once read the
  whole document's text again to find its dateline (4,000 sentences took 232 s, 60 times 500).
- resolution: N synthetic person names that look alike (two or three words drawn from a small pool of
  syllables, the last one always starting "Ha", so that all names of a word count fall in one block of
  the transliteration pass; each name also written a second way: "Kara Hamo" / "Karah Hamou"), spread
  over documents of 20 mentions, resolved into entities. Milliseconds per name should stay near flat from
  1,000 to 16,000 names: the transliteration pass compared every pair of names sharing a first letter
  (16,000 similar names took 180 s).

Each size runs in this process after a warm-up (the spaCy pipeline and the rules loaded once).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def document(sentences: int, seed: int = 1):
    """A Document of ``sentences`` sentences drawn from the sample corpus."""
    from run import sentence_pool

    from kg.ingest import dated
    from kg.model import Document

    pool, _ = sentence_pool()
    rng = random.Random(seed)
    picked = []
    while len(picked) < sentences:
        batch = pool[:]
        rng.shuffle(batch)
        picked += batch
    picked = picked[:sentences]
    paragraphs = [" ".join(picked[i:i + 4]) for i in range(0, len(picked), 4)]
    text = "CAIRO, March 3 (kg) - " + "\n\n".join(paragraphs) + "\n"
    return dated(Document(f"long-{sentences}.txt", text, origin="long.txt"), "2024-03-05")


def extraction(sizes: list[int]) -> list[tuple[int, float, float, float]]:
    """(sentences, parse seconds, kg extraction seconds, relations) per size."""
    from kg.config import Settings
    from kg.engine import pipeline
    from kg.extract import find_mentions
    from kg.nlp import parser_text
    from kg.rules import load_rules

    settings = Settings()
    rules = load_rules(settings.rule_sources)
    nlp, extractor = pipeline(settings.model, rules)
    nlp.max_length = 2_000_000
    rows = []
    for n in [min(sizes), *sizes]:  # the first run warms up
        doc = document(n)
        started = time.perf_counter()
        sdoc = nlp(parser_text(doc.text))
        parsed = time.perf_counter()
        index = find_mentions(doc.id, doc.text, sdoc, extractor.rules)
        relations = extractor.extract(doc.text, sdoc, index, doc.date)
        done = time.perf_counter()
        rows.append((n, parsed - started, done - parsed, len(relations)))
    return rows[1:]


SYLLABLES = ("ka", "ra", "mo", "li", "sa", "te", "nu", "bo", "di", "fa", "zo", "ye", "ha", "mi", "ru", "lo")


def names(count: int, seed: int = 1) -> list[str]:
    """``count`` person names that look alike, half of them a transliteration of the other half."""
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < count:
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                 for _ in range(rng.choice((1, 1, 2)))]
        words.append("Ha" + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))))  # one block
        name = " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        out.append(name)
        if len(out) < count:
            out.append(" ".join(w + "h" if w[-1] in "aiu" else w.replace("o", "ou", 1) for w in words))
    return out[:count]


def results_of(all_names: list[str], per_doc: int = 20):
    from kg.model import DocumentResult, Mention

    docs = []
    for d in range(0, len(all_names), per_doc):
        doc_id = f"d{d // per_doc:05d}"
        mentions, offset = [], 0
        for name in all_names[d:d + per_doc]:
            mentions.append(Mention(doc_id, offset, offset + len(name), name, name, "Person"))
            offset += len(name) + 2
        docs.append(DocumentResult(doc_id, doc_id, f"{d:064x}", 1, tuple(mentions), ()))
    return docs


def resolution(sizes: list[int]) -> list[tuple[int, float, int]]:
    """(names, seconds, entities) per size."""
    from kg.resolve.entities import resolve
    from kg.rules import load_rules

    rules = load_rules()
    rows = []
    for n in [min(sizes), *sizes]:
        results = results_of(names(n))
        started = time.perf_counter()
        resolved = resolve(results, rules)
        rows.append((n, time.perf_counter() - started, len(resolved.entities)))
    return rows[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    parser.add_argument("--names", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000])
    parser.add_argument("--only", choices=("extraction", "resolution"))
    args = parser.parse_args()
    if args.only != "resolution":
        rows = extraction(args.sentences)
        print(f"{'sentences':>9} {'parse s':>8} {'kg s':>8} {'relations':>9} {'parse ms/sent':>13} "
              f"{'kg ms/sent':>10} {'total ms/sent':>13}")
        for n, parse, kg, relations in rows:
            print(f"{n:>9} {parse:>8.2f} {kg:>8.2f} {relations:>9} {1000 * parse / n:>13.2f} {1000 * kg / n:>10.2f} "
                  f"{1000 * (parse + kg) / n:>13.2f}")
        first, last = rows[0], rows[-1]
        print(f"kg extraction per sentence x{(last[2] / last[0]) / (first[2] / first[0]):.2f} from {first[0]} to "
              f"{last[0]} sentences (linear: x1)")
    if args.only != "extraction":
        rows = resolution(args.names)
        print(f"{'names':>9} {'seconds':>8} {'entities':>9} {'ms/name':>8}")
        for n, seconds, entities in rows:
            print(f"{n:>9} {seconds:>8.2f} {entities:>9} {1000 * seconds / n:>8.3f}")
        first, last = rows[0], rows[-1]
        print(f"resolution per name x{(last[1] / last[0]) / (first[1] / first[0]):.2f} from {first[0]} to "
              f"{last[0]} names (linear: x1)")


if __name__ == "__main__":
    main()
