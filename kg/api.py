"""Library entry points; the CLI and notebooks call these and nothing else.

build and remove make graphs (``kg build``, ``kg remove``); query, export, push and validate work on a
graph already built (a graph file, a build folder or a store; default: the last build). Each raises
kg's errors (kg.errors) and returns values; printing and exit codes are the CLI's business."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from kg import __version__, queries
from kg import export as exporters
from kg.config import Settings
from kg.engine import batches, fingerprint, get_engine
from kg.errors import ExtractionError, StoreError
from kg.graph.build import run_time, to_rdf
from kg.graph.validate import validate as shacl_validate
from kg.ingest import iter_documents, sample_corpus
from kg.model import Document, DocumentResult, PartlyRead, ResolvedGraph, Skipped
from kg.push import PUSH_TARGETS
from kg.resolve.entities import resolve
from kg.rules import Rules, load_rules
from kg.store import Store, Stored, changed

REPORT = "report.json"
PARALLEL_EXPORT = 200_000  # triples above which --workers processes also share the exports


@dataclass
class BuildReport:
    """What a build did: counts, skipped inputs, files written, seconds."""

    documents: int = 0
    sentences: int = 0
    entities: int = 0
    edges: int = 0
    unasserted: int = 0
    triples: int = 0
    extracted: int = 0  # documents parsed in this run (in a store: new or changed ones)
    removed: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    partly: list[PartlyRead] = field(default_factory=list)  # read, but not all of it
    outputs: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def to_json(self) -> str:
        """The run report written beside the outputs (``report.json``)."""
        data = {"kg_version": __version__, "documents": self.documents, "read_now": self.extracted,
                "removed": self.removed, "sentences": self.sentences, "entities": self.entities,
                "edges": self.edges, "unasserted_edges": self.unasserted, "triples": self.triples,
                "seconds": round(self.seconds, 2),
                "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
                "partly_read": [{"source": s.source, "reason": s.reason} for s in self.partly],
                "outputs": {name: str(path) for name, path in self.outputs.items()},
                "timings": {name: round(seconds, 3) for name, seconds in self.timings.items()}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        docs = f"{self.documents} documents"
        if self.extracted != self.documents or self.removed:  # a store: say what this run changed
            docs += f" ({self.extracted} read now{f', {self.removed} removed' if self.removed else ''})"
        return (f"{docs}, {self.sentences} sentences, {self.entities} entities, "
                f"{self.edges} typed edges (+{self.unasserted} negated or unasserted), "
                f"{self.triples} triples in {self.seconds:.1f} s")


def extract_documents(docs: Iterable[Document], settings: Settings) -> Iterator[DocumentResult]:
    """Parse documents in batches with ``nlp.pipe`` (streaming) and extract mentions and relations."""
    for _, result in extract_pairs(docs, settings):
        yield result


def extract_pairs(docs: Iterable[Document], settings: Settings,
                  problem: Callable[[Skipped | PartlyRead], None] | None = None,
                  ) -> Iterator[tuple[Document, DocumentResult]]:
    """Each document with what extraction found in it, in input order, streamed in batches of
    ``settings.batch_size`` through the engine ``settings.engine`` (kg.engine) with ``settings.workers``.

    A document whose extraction fails is left out and reported to ``problem`` as Skipped (with the
    error), so one bad document never stops a corpus; one with sentences too long to match relations in
    is reported as PartlyRead. Without ``problem`` an extraction error is raised."""
    run = get_engine(settings.engine)
    for doc, outcome in run(batches(docs, settings.batch_size), settings, run_time().isoformat()):
        for item in outcome.problems:
            if problem is None and isinstance(item, Skipped):
                raise ExtractionError(f"{item.source}: {item.reason}")
            if problem is not None:
                problem(item)
        if outcome.result is not None:
            yield doc, outcome.result


def build(inputs: Iterable[str | Path] | None = None, settings: Settings | None = None,
          progress: Callable[[Iterable], Iterable] | None = None) -> tuple[ResolvedGraph, BuildReport]:
    """Build the graph of ``inputs`` (default: the sample corpus) and write ``settings.formats`` to ``settings.out``.

    With ``settings.into`` the documents are added to that store (new and changed ones parsed, the rest
    reused) and the graph of the whole store is written into it.

    ``progress`` may wrap the document stream (the CLI passes a tqdm bar).
    Raises InputError for a missing input, RuleFileError for a bad rule file and ModelMissingError for a
    missing spaCy model, before reading anything.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    report = BuildReport()
    inputs = list(inputs) if inputs else ([] if settings.into else [sample_corpus()])  # a store: refresh it
    for name in settings.formats:
        exporters.get_exporter(name)  # fail on an unknown format or engine before the long part
    get_engine(settings.engine)
    rules = load_rules(settings.rule_sources)  # a bad rule file fails before the long part

    def problem(item: Skipped | PartlyRead) -> None:
        (report.skipped if isinstance(item, Skipped) else report.partly).append(item)

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, settings.fields, settings.date, settings.max_bytes):
            if isinstance(item, Document):
                yield item
            else:
                problem(item)

    if settings.into is None:
        pairs = extract_pairs(documents(), settings, problem)
        results = [result for _, result in (progress(pairs) if progress else pairs)]
        report.extracted = len(results)
        results.sort(key=lambda r: r.doc_id)  # the graph does not depend on the order of the inputs
        if not results:  # nothing usable: the previous outputs stay, the report says why
            report.seconds = time.perf_counter() - started
            return resolve([], rules), report
        return _finish(results, settings, rules, settings.out, report, started)
    store = Store(settings.into)
    rules, settings = _store_rules(store, settings)
    stamp = fingerprint(settings.model, rules)
    pairs = extract_pairs(_to_extract(store, documents(), stamp), settings, problem)
    for doc, result in progress(pairs) if progress else pairs:
        store.put(Stored(doc, result, stamp))
        report.extracted += 1
    return _finish([item.result for item in store], settings, rules, settings.into, report, started)


def _store_rules(store: Store, settings: Settings) -> tuple[Rules, Settings]:
    """The rules a store builds with (the user's files given now, else those the store kept) and the
    settings that name them."""
    load_rules(settings.rule_sources)  # check the files given before the store keeps them
    sources = store.rule_sources(settings.rule_sources)
    settings = replace(settings, gazetteers=sources.gazetteers, aliases=sources.aliases)
    return load_rules(sources), settings


def remove(refs: Iterable[str], store_path: str | Path, settings: Settings | None = None,
           ) -> tuple[ResolvedGraph, BuildReport]:
    """Take the documents ``refs`` name (id, path, title or content hash) out of a store and rewrite its graph.

    The store is read with the rules it was built with (its own copies of the user's files).
    Raises StoreError when the store does not exist or a reference names no document of it.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    if not (Path(store_path) / "docs").is_dir():
        raise StoreError(f"not a kg store (no docs/ folder): {store_path}")
    store = Store(store_path)
    report = BuildReport()
    targets = []
    for ref in refs:
        found = store.find(ref)
        if not found:
            raise StoreError(f"no document {ref!r} in {store_path} (give its id, path, title or content hash)")
        targets += found
    rules, settings = _store_rules(store, settings)
    for doc_id in sorted(set(targets)):
        store.remove(doc_id)
        report.removed += 1
    return _finish([item.result for item in store], settings, rules, store_path, report, started)


def _to_extract(store: Store, docs: Iterable[Document], stamp: str) -> Iterator[Document]:
    """The new and changed documents of ``docs``, then every stored one read with other rules or model
    (from the text the store keeps)."""
    given = set()

    def noted(stream):
        for doc in stream:
            given.add(doc.id)
            yield doc

    yield from changed(store, noted(docs), stamp)
    for item in list(store):
        if item.document.id not in given and item.fingerprint != stamp:
            yield item.document


def _finish(results: list[DocumentResult], settings: Settings, rules: Rules, out: Path, report: BuildReport,
            started: float) -> tuple[ResolvedGraph, BuildReport]:
    """Resolve, convert to RDF, export; fill in the report. Python's cyclic garbage collector is paused
    meanwhile: these stages make millions of long-lived objects and no garbage cycles, and its full
    passes over them cost a fifth of this time on a 10,000-document build."""
    with _gc_paused():
        report.timings["read, parse and extract"] = time.perf_counter() - started
        resolved, graph, results = _isolated(results, rules, report)
        exporters.remove_stale(out)
        with exporters.Staging() as staging:  # all outputs or none: an interrupt leaves the previous ones
            processes = settings.workers if len(graph) > PARALLEL_EXPORT else 1
            with _timed(report, "export"):
                report.outputs.update(staging.add_all(list(settings.formats), graph, resolved, out, processes))
            _fill(report, results, resolved, graph, started)
            report.outputs["report"] = Path(out) / REPORT
            staging.write(report.outputs["report"], report.to_json().encode("utf-8"))
            staging.commit()
    queries.remember_build(out)
    return resolved, report


def _isolated(results: list[DocumentResult], rules: Rules, report: BuildReport,
              ) -> tuple[ResolvedGraph, Graph, list[DocumentResult]]:
    """Resolve and convert to RDF. These stages run over the whole corpus at once, so a failure on one
    document would stop them all: when they fail, each document is run through them alone, those that
    fail alone are left out (reported as skipped, with the error) and the rest run again. A failure no
    single document causes is raised (a bug in kg)."""
    while True:
        try:
            with _timed(report, "resolve"):
                resolved = resolve(results, rules)
            with _timed(report, "rdf"):
                graph = to_rdf(resolved, rules)
            return resolved, graph, results
        except Exception as err:  # noqa: BLE001  (a bug in kg, but no reason to lose the other documents)
            failed = {}
            for result in results:
                stage = "resolution"
                try:
                    alone = resolve([result], rules)
                    stage = "RDF conversion"
                    to_rdf(alone, rules)
                except Exception as own:  # noqa: BLE001
                    failed[result.doc_id] = f"left out of the graph: {stage} failed ({type(own).__name__}: {own}); " \
                                            "please report it"
            if not failed:
                raise err
            report.skipped += [Skipped(r.source, failed[r.doc_id]) for r in results if r.doc_id in failed]
            results = [r for r in results if r.doc_id not in failed]


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    report.timings[stage] = time.perf_counter() - started


def _fill(report: BuildReport, results: list[DocumentResult], resolved: ResolvedGraph, graph, started: float,
          ) -> None:
    report.documents = len(results)
    report.sentences = sum(r.sentences for r in results)
    report.entities = len(resolved.entities)
    report.edges = sum(1 for e in resolved.edges if e.asserted)
    report.unasserted = len(resolved.edges) - report.edges
    report.triples = len(graph)
    report.seconds = time.perf_counter() - started


def query(text: str, graph: str | Path | None = None, engine: str = "auto", output: str = "table") -> str:
    """Run a SPARQL query (a pack name, a .rq file or the query text) on ``graph`` (a graph file, build
    folder or store; default: the last build) and return its rows printed as ``output``: "table", "csv"
    or "json" (SPARQL JSON results); a CONSTRUCT or DESCRIBE result comes back as Turtle. ``engine``:
    "rdflib", "oxigraph" or "auto" (Oxigraph for SELECT and ASK on large graphs)."""
    return queries.execute(text, Path(graph or queries.last_build()), engine, output)


def query_pack() -> dict[str, str]:
    """Name -> what it answers, for every query shipped with kg."""
    return {name: queries.describe(path) for name, path in queries.pack().items()}


def export(fmt: str, source: str | Path | None = None, out: str | Path | None = None) -> Path:
    """Write the graph at ``source`` (default: the last build) as format ``fmt`` into folder ``out``
    (default: beside the graph read); returns the file written."""
    source = Path(source or queries.last_build())
    graph = queries.load(source)
    folder = Path(out) if out else (source if source.is_dir() else source.parent)
    return exporters.export(fmt, graph, None, folder)


def export_formats() -> list[str]:
    """The formats :func:`export` writes from a graph file (the build-only ones left out)."""
    return exporters.formats(from_graph=True)


def push(target: str, source: str | Path | None = None, **options):
    """Load the graph at ``source`` (default: the last build) into the database behind push target
    ``target`` ("neo4j", "sparql"), with that target's ``options``; returns its report (``summary()``).
    Raises ServerUnreachableError / ServerRefusedError when the server cannot be reached or refuses."""
    push_to = PUSH_TARGETS.get(target)
    return push_to(queries.load(Path(source or queries.last_build())), **options)


def validate(source: str | Path | None = None) -> tuple[bool, str]:
    """(conforms, SHACL report text) for the graph at ``source`` (default: the last build) under kg's shapes."""
    graph = queries.load(Path(source or queries.last_build()))
    return shacl_validate(graph, load_rules())


def to_networkx(source: str | Path | None = None, documents: bool = True):
    """An exported graph (file, build folder or store; default: the last build) as a networkx
    MultiDiGraph: entity (and document) nodes keyed by IRI with their labels and properties, one edge per
    typed relationship with its counts, dates and evidence sentences."""
    from kg.export.graphml import to_networkx as pg_to_networkx
    from kg.export.property_graph import property_graph

    return pg_to_networkx(property_graph(queries.load(source or queries.last_build()), documents))
