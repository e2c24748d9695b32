"""rdflib's in-memory store against Oxigraph (in memory and on disk) for loading and querying a large kg graph.

    python benchmarks/stores.py --entities 11000     # about 1.1M triples

Makes a synthetic resolved graph (kg.data.synthetic: made-up actors, preferential-attachment degrees,
dated evidence) and writes it as N-Triples with kg's own exporter, then, each in a fresh process so each
gets its own peak RSS, loads the file and runs queries of kg's query pack:

- rdflib: ``Graph().parse`` into rdflib's Memory store, ``graph.query`` (rdflib's SPARQL engine);
- oxigraph: ``pyoxigraph.Store()`` in memory, ``bulk_load`` and ``query``;
- oxigraph-disk: the same on a RocksDB folder.

Prints a table and writes JSON (--json).
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

QUERIES = ("who-met-whom", "busiest-actors", "edges-by-mentions", "contested-claims", "timeline")
STORES = ("rdflib", "oxigraph", "oxigraph-disk")


def make_graph(path: Path, entities: int) -> int:
    from kg.data.synthetic import synthetic_graph
    from kg.export.rdf_formats import to_ntriples
    from kg.graph.build import to_rdf

    graph = to_rdf(synthetic_graph(entities))
    path.write_bytes(to_ntriples(graph, None))
    return len(graph)


def run_store(store: str, path: str, workdir: str) -> dict:
    from kg import queries

    texts = {name: queries.query_text(name) for name in QUERIES}
    started = time.perf_counter()
    if store == "rdflib":
        from rdflib import Graph

        graph = Graph()
        graph.parse(path, format="nt")
        triples = len(graph)

        def run(text):
            return len(list(graph.query(text)))
    else:
        import pyoxigraph as ox

        db = ox.Store(str(Path(workdir) / "oxigraph")) if store == "oxigraph-disk" else ox.Store()
        db.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
        triples = len(db)

        def run(text):
            return len(list(db.query(text)))
    out = {"load_s": time.perf_counter() - started, "triples": triples, "queries": {}}
    for name, text in texts.items():
        t = time.perf_counter()
        rows = run(text)
        out["queries"][name] = {"seconds": time.perf_counter() - t, "rows": rows}
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entities", type=int, default=11000, help="synthetic entities (11,000: about 1.1M triples)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/stores.json"))
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(run_store(*a.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        t = time.perf_counter()
        triples = make_graph(path, a.entities)
        print(f"{triples:,} triples ({path.stat().st_size / 2**20:.0f} MB of N-Triples) made in "
              f"{time.perf_counter() - t:.0f} s", flush=True)
        results = {}
        for store in STORES:
            proc = subprocess.run([sys.executable, __file__, "--child", store, str(path), tmp],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                sys.exit(f"{store} failed:\n{proc.stderr[-3000:]}")
            results[store] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{'store':15}{'load s':>8}{'peak MB':>9}" + "".join(f"{q[:16]:>18}" for q in QUERIES))
    for store, r in results.items():
        print(f"{store:15}{r['load_s']:8.1f}{r['peak_rss_mb']:9.0f}"
              + "".join(f"{r['queries'][q]['seconds']:17.2f}s" for q in QUERIES))
    rows = {store: [r["queries"][q]["rows"] for q in QUERIES] for store, r in results.items()}
    print("same rows from every store:", len({tuple(v) for v in rows.values()}) == 1, flush=True)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"entities": a.entities, "triples": triples, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
