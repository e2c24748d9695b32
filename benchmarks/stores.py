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
import signal
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


class QueryTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise QueryTimeout


def run_store(store: str, path: str, workdir: str, timeout: int) -> dict:
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
    print(f"{store}: loaded {triples:,} triples in {out['load_s']:.0f} s", file=sys.stderr, flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    for name, text in texts.items():
        t = time.perf_counter()
        signal.alarm(timeout)
        try:
            rows = run(text)
        except QueryTimeout:
            rows = None  # gave up after --timeout seconds
        finally:
            signal.alarm(0)
        out["queries"][name] = {"seconds": time.perf_counter() - t, "rows": rows}
        print(f"{store}: {name} {out['queries'][name]['seconds']:.1f} s", file=sys.stderr, flush=True)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program. Linux keeps ``ru_maxrss``
    across exec, so a child started by a parent holding the graph would report the parent's peak;
    VmHWM belongs to the new program's memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entities", type=int, default=11000, help="synthetic entities (11,000: about 1.1M triples)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/stores.json"))
    ap.add_argument("--timeout", type=int, default=900, help="seconds before a query is given up (shown as >N s)")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        store, path, workdir, timeout = a.child
        print(json.dumps(run_store(store, path, workdir, int(timeout))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        t = time.perf_counter()
        triples = make_graph(path, a.entities)
        print(f"{triples:,} triples ({path.stat().st_size / 2**20:.0f} MB of N-Triples) made in "
              f"{time.perf_counter() - t:.0f} s", flush=True)
        results = {}
        for store in STORES:
            proc = subprocess.run([sys.executable, __file__, "--child", store, str(path), tmp, str(a.timeout)],
                                  stdout=subprocess.PIPE, text=True, check=False)
            if proc.returncode != 0:
                sys.exit(f"{store} failed (exit {proc.returncode})")
            results[store] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{'store':15}{'load s':>8}{'peak MB':>9}" + "".join(f"{q[:16]:>18}" for q in QUERIES))
    for store, r in results.items():
        cells = (f"{r['queries'][q]['seconds']:17.2f}s" if r["queries"][q]["rows"] is not None
                 else f"{'>' + str(a.timeout):>17}s" for q in QUERIES)
        print(f"{store:15}{r['load_s']:8.1f}{r['peak_rss_mb']:9.0f}" + "".join(cells))
    answered = [q for q in QUERIES if all(r["queries"][q]["rows"] is not None for r in results.values())]
    rows = {store: [r["queries"][q]["rows"] for q in answered] for store, r in results.items()}
    print("same row counts from every store (queries all answered):",
          len({tuple(v) for v in rows.values()}) == 1, flush=True)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"entities": a.entities, "triples": triples, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
