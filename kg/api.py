"""Library entry points; the CLI and notebooks call these."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__, queries, rules
from kg import export as exporters
from kg.config import Settings
from kg.engine import batches, get_engine
from kg.errors import ExtractionError, InputError
from kg.graph.build import run_time, to_rdf
from kg.ingest import PartlyRead, Skipped, iter_documents, sample_corpus
from kg.model import Document, DocumentResult, ResolvedGraph
from kg.resolve.entities import resolve
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
    rules.use_user_files(settings.gazetteers, settings.aliases)
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
    Raises InputError for a missing input and ModelMissingError for a missing spaCy model.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    report = BuildReport()
    inputs = list(inputs) if inputs else ([] if settings.into else [sample_corpus()])  # a store: refresh it
    for name in settings.formats:
        exporters.get_exporter(name)  # fail on an unknown format or engine before the long part
    get_engine(settings.engine)

    def problem(item: Skipped | PartlyRead) -> None:
        (report.skipped if isinstance(item, Skipped) else report.partly).append(item)

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, settings.fields, settings.date, settings.max_bytes):
            if isinstance(item, Document):
                yield item
            else:
                problem(item)

    rules.use_user_files(settings.gazetteers, settings.aliases)  # a bad file fails before the long part
    if settings.into is None:
        pairs = extract_pairs(documents(), settings, problem)
        results = [result for _, result in (progress(pairs) if progress else pairs)]
        report.extracted = len(results)
        results.sort(key=lambda r: r.doc_id)  # the graph does not depend on the order of the inputs
        if not results:  # nothing usable: the previous outputs stay, the report says why
            report.seconds = time.perf_counter() - started
            return resolve([]), report
        return _finish(results, settings, settings.out, report, started)
    store = Store(settings.into)
    fingerprint = rules.fingerprint(settings.model)
    pairs = extract_pairs(_to_extract(store, documents(), fingerprint), settings, problem)
    for doc, result in progress(pairs) if progress else pairs:
        store.put(Stored(doc, result, fingerprint))
        report.extracted += 1
    return _finish([item.result for item in store], settings, settings.into, report, started)


def remove(refs: Iterable[str], store_path: str | Path, settings: Settings | None = None,
           ) -> tuple[ResolvedGraph, BuildReport]:
    """Take the documents ``refs`` name (id, path, title or content hash) out of a store and rewrite its graph.

    Raises InputError when the store does not exist or a reference names no document of it.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    if not (Path(store_path) / "docs").is_dir():
        raise InputError(f"not a kg store (no docs/ folder): {store_path}")
    store = Store(store_path)
    report = BuildReport()
    targets = []
    for ref in refs:
        found = store.find(ref)
        if not found:
            raise InputError(f"no document {ref!r} in {store_path} (give its id, path, title or content hash)")
        targets += found
    for doc_id in sorted(set(targets)):
        store.remove(doc_id)
        report.removed += 1
    rules.use_user_files(settings.gazetteers, settings.aliases)
    return _finish([item.result for item in store], settings, store_path, report, started)


def _to_extract(store: Store, docs: Iterable[Document], fingerprint: str) -> Iterator[Document]:
    """The new and changed documents of ``docs``, then every stored one read with other rules or model
    (from the text the store keeps)."""
    given = set()

    def noted(stream):
        for doc in stream:
            given.add(doc.id)
            yield doc

    yield from changed(store, noted(docs), fingerprint)
    for item in list(store):
        if item.document.id not in given and item.fingerprint != fingerprint:
            yield item.document


def _finish(results: list[DocumentResult], settings: Settings, out: Path, report: BuildReport,
            started: float) -> tuple[ResolvedGraph, BuildReport]:
    """Resolve, convert to RDF, export; fill in the report. Python's cyclic garbage collector is paused
    meanwhile: these stages make millions of long-lived objects and no garbage cycles, and its full
    passes over them cost a fifth of this time on a 10,000-document build."""
    with _gc_paused():
        report.timings["read, parse and extract"] = time.perf_counter() - started
        with _timed(report, "resolve"):
            resolved = resolve(results)
        with _timed(report, "rdf"):
            graph = to_rdf(resolved)
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


def to_networkx(source: str | Path | None = None, documents: bool = True):
    """An exported graph (file, build folder or store; default: the last build) as a networkx
    MultiDiGraph: entity (and document) nodes keyed by IRI with their labels and properties, one edge per
    typed relationship with its counts, dates and evidence sentences."""
    from kg.export.graphml import to_networkx as pg_to_networkx
    from kg.export.property_graph import property_graph

    return pg_to_networkx(property_graph(queries.load(source or queries.last_build()), documents))
