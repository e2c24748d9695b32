"""Library entry points; the CLI and notebooks call these and nothing else.

build and remove make graphs (``kg build``, ``kg remove``); query, export, push and validate work on a
graph already built (a graph file, a build folder or a store; default: ./output, where kg build writes). Each raises
kg's errors (kg.errors) and returns values; printing and exit codes are the CLI's business."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from rdflib import Graph

from kg import __version__, queries
from kg import export as exporters
from kg.common.files import (
    JOURNAL,
    FolderLock,
    commit,
    output_error,
    recover,
    remove_temporaries,
)
from kg.common.forked import beside
from kg.config import Settings
from kg.engine import fingerprint, get_engine
from kg.errors import (
    ExtractionError,
    InputError,
    KgError,
    OutputError,
    StoreError,
    UsageError,
)
from kg.graph.build import run_time, to_rdf
from kg.graph.validate import validate as shacl_validate
from kg.ingest import iter_documents, sample_corpus
from kg.model import (
    Document,
    DocumentResult,
    Notice,
    PartlyRead,
    ResolvedGraph,
    Skipped,
)
from kg.push import PUSH_TARGETS
from kg.resolve.duplicates import near_duplicates
from kg.resolve.entities import resolve
from kg.resolve.events import find_events
from kg.rules import Rules, load_rules
from kg.store import Store, changed
from kg.store.ids import document_version, unique

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
    events: int = 0  # events once each, however many reports carry them (kg/resolve/events.py)
    triples: int = 0
    extracted: int = 0  # documents parsed in this run (in a store: new or changed ones)
    removed: int = 0
    seconds: float = 0.0
    undated: int = 0  # documents with no publication date (relative dates in them stay unresolved)
    skipped: list[Skipped] = field(default_factory=list)
    partly: list[PartlyRead] = field(default_factory=list)  # read, but not all of it
    notices: list[Notice] = field(default_factory=list)  # kg's own files not read, documents renamed
    outputs: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def to_json(self) -> str:
        """The run report written beside the outputs (``report.json``)."""
        data = {"kg_version": __version__, "documents": self.documents, "read_now": self.extracted,
                "removed": self.removed, "sentences": self.sentences, "entities": self.entities,
                "edges": self.edges, "unasserted_edges": self.unasserted, "events": self.events,
                "triples": self.triples,
                "undated_documents": self.undated, "seconds": round(self.seconds, 2),
                "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
                "partly_read": [{"source": s.source, "reason": s.reason} for s in self.partly],
                "notices": [{"source": s.source, "reason": s.reason} for s in self.notices],
                "outputs": {name: str(path) for name, path in self.outputs.items()},
                "timings": {name: round(seconds, 3) for name, seconds in self.timings.items()}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        docs = f"{self.documents} documents"
        if self.extracted != self.documents or self.removed:  # a store: say what this run changed
            docs += f" ({self.extracted} read now{f', {self.removed} removed' if self.removed else ''})"
        if self.undated:
            docs += f" ({self.undated} with no date)"
        return (f"{docs}, {self.sentences} sentences, {self.entities} entities, "
                f"{self.edges} typed edges (+{self.unasserted} negated or unasserted), {self.events} events, "
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
    is reported as PartlyRead. Without ``problem`` an extraction error is raised.

    The first batches are smaller (1, 2, 4… documents, up to the batch size), so the first results, and a
    progress bar, come after one document rather than a whole batch; the graph does not depend on it."""
    run = get_engine(settings.engine)
    for doc, outcome in run(_ramped(docs, settings.batch_size), settings, run_time().isoformat()):
        for item in outcome.problems:
            if problem is None and isinstance(item, Skipped):
                raise ExtractionError(f"{item.source}: {item.reason}")
            if problem is not None:
                problem(item)
        if outcome.result is not None:
            yield doc, outcome.result


def _ramped(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    docs = iter(docs)
    n = 1
    while batch := list(islice(docs, min(n, size))):
        yield batch
        n *= 2


COUNT_JSONL_BYTES = 64 * 2**20  # JSON Lines files up to this size have their lines counted for a total


def count_documents(inputs: Iterable[str | Path] | None) -> int | None:
    """About how many documents ``inputs`` hold (default: the sample corpus), for a progress bar's total,
    when that is cheap to tell: the files under folders (hidden ones and kg's own output folders and
    stores left out), the non-blank lines of JSON Lines files up to COUNT_JSONL_BYTES. None when it is
    not (standard input, a larger JSON Lines file, an input that cannot be read)."""
    import os

    total = 0
    try:
        for raw in list(inputs) if inputs else [sample_corpus()]:
            if str(raw) == "-":
                return None
            path = Path(raw)
            files = [path]
            if path.is_dir():
                files = []
                for folder, subfolders, names in os.walk(path):
                    if Path(folder, REPORT).is_file() and Path(folder) != path:
                        subfolders[:] = []  # a kg output folder or store: not read as articles
                        continue
                    subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                    files += [Path(folder, n) for n in names if not n.startswith(".")]
            for file in files:
                if file.suffix.lower() != ".jsonl":
                    total += 1
                elif file.stat().st_size > COUNT_JSONL_BYTES:
                    return None
                else:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
    except OSError:
        return None
    return total


def build(inputs: Iterable[str | Path] | None = None, settings: Settings | None = None,
          progress: Callable[[Iterable], Iterable] | None = None,
          waiting: Callable[[str], None] | None = None) -> tuple[ResolvedGraph, BuildReport]:
    """Build the graph of ``inputs`` (default: the sample corpus) and write ``settings.formats`` to ``settings.out``.

    With ``settings.into`` the documents are added to that store (new and changed ones parsed, the rest
    reused) and the graph of the whole store is written into it.

    The folder written (``settings.out`` or ``settings.into``) is locked for the whole build: another kg
    writing it is waited for, up to ``settings.wait`` seconds (``waiting`` is told who holds it).
    ``progress`` may wrap the document stream (the CLI passes a tqdm bar).
    Raises InputError for a missing input, RuleFileError for a bad rule file and ModelMissingError for a
    missing spaCy model, before reading anything; OutputError when the folder cannot be written;
    StoreBusyError when the wait runs out.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    report = BuildReport()
    inputs = list(inputs) if inputs else ([] if settings.into else [sample_corpus()])  # a store: refresh it
    for name in settings.formats:
        exporters.get_exporter(name)  # fail on an unknown format or engine before the long part
    get_engine(settings.engine)
    rules = load_rules(settings.rule_sources)  # a bad rule file fails before the long part
    target = Path(settings.into or settings.out)
    _must_be_folder(target, "--into" if settings.into else "--out")
    unknown = [where for where, _ in settings.dates if where not in {str(i) for i in inputs}]
    if unknown:
        raise UsageError(f"--date {unknown[0]}=DATE names no input of this build; give INPUT exactly as on the "
                         f"command line (inputs: {', '.join(str(i) for i in inputs) or 'none'})")

    def problem(item: Skipped | PartlyRead | Notice) -> None:
        {Skipped: report.skipped, PartlyRead: report.partly, Notice: report.notices}[type(item)].append(item)

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, settings.fields, settings.date, settings.max_bytes,
                                   dict(settings.dates), exclude=[target]):
            if isinstance(item, Document):
                yield item
            else:
                problem(item)

    with FolderLock(target, settings.wait, waiting):
        _settle(target)
        if settings.into is None:
            pairs = extract_pairs(documents(), settings, problem)
            results, renamed = unique(result for _, result in (progress(pairs) if progress else pairs))
            report.notices += renamed
            report.extracted = len(results)
            if not results:  # nothing usable: the previous outputs stay, the report says why
                report.seconds = time.perf_counter() - started
                return resolve([], rules), report
            return _finish(results, settings, rules, settings.out, report, started)
        store = Store(settings.into)
        with _writing(target):
            store.create()
            rules, settings = _store_rules(store, settings)
        stamp = fingerprint(settings.model, rules)
        now: set[str] = set()
        pairs = extract_pairs(_to_extract(store, documents(), stamp, now), settings, problem)
        for doc, result in progress(pairs) if progress else pairs:
            with _writing(target):
                report.notices += store.admit(doc, result, stamp, now)
            report.extracted += 1
        return _finish([item.result for item in store], settings, rules, settings.into, report, started)


def _must_be_folder(path: Path, option: str) -> None:
    if path.exists() and not path.is_dir():
        raise OutputError(f"{option} {path} is a file; kg writes a folder of outputs there: give a folder")


@contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """OSErrors while writing outputs or a store (disk full, read-only, no permission) as OutputError."""
    try:
        yield
    except OSError as err:
        raise output_error(err, folder) from None


def _settle(folder: Path) -> None:
    """Before a writer starts (holding the folder's lock): undo a commit a kill cut short and remove the
    temporary files killed runs left."""
    with _writing(folder):
        recover(folder)
        remove_temporaries([folder, *(folder / exporters.get_exporter(name).filename for name in exporters.formats())])


def _store_rules(store: Store, settings: Settings) -> tuple[Rules, Settings]:
    """The rules a store builds with (the user's files given now, else those the store kept) and the
    settings that name them."""
    load_rules(settings.rule_sources)  # check the files given before the store keeps them
    sources = store.rule_sources(settings.rule_sources)
    settings = replace(settings, gazetteers=sources.gazetteers, aliases=sources.aliases)
    return load_rules(sources), settings


def remove(refs: Iterable[str], store_path: str | Path, settings: Settings | None = None,
           waiting: Callable[[str], None] | None = None) -> tuple[ResolvedGraph, BuildReport]:
    """Take the documents ``refs`` name (id, path, title or content hash) out of a store and rewrite its graph.

    The store is read with the rules it was built with (its own copies of the user's files), under its
    lock (another kg writing it is waited for, as :func:`build` does).
    Raises UsageError for an empty reference, or one naming several documents that is no document's exact
    id (the error lists them); StoreError when the store does not exist or a reference names no document.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    store_path = Path(store_path)
    if not (store_path / "docs").is_dir():
        raise StoreError(f"not a kg store (no docs/ folder): {store_path}")
    for ref in refs:
        if not ref.strip():
            Store(store_path).find(ref)  # raises: an empty reference names nothing
    with FolderLock(store_path, settings.wait, waiting):
        _settle(store_path)
        store = Store(store_path)
        report = BuildReport()
        targets = []
        for ref in refs:
            found = store.find(ref)
            if not found:
                raise StoreError(f"no document {ref!r} in {store_path} (give its id, path, title or content hash)")
            if len(found) > 1:
                listed = "\n  ".join(f"{doc_id}  ({store.get(doc_id).document.title or 'no title'})"
                                     for doc_id in found)
                raise UsageError(f"{ref!r} names {len(found)} documents of {store_path}:\n  {listed}\n"
                                 "give the id of the one to remove (or each id to remove several)")
            targets += found
        with _writing(store_path):
            rules, settings = _store_rules(store, settings)
            for doc_id in sorted(set(targets)):
                store.remove(doc_id)
                report.removed += 1
        return _finish([item.result for item in store], settings, rules, store_path, report, started)


def _to_extract(store: Store, docs: Iterable[Document], stamp: str, now: set[str]) -> Iterator[Document]:
    """The new and changed documents of ``docs``, then every stored one read with other rules or model
    (from the text the store keeps, under the id its input gave it)."""
    given = set()

    def noted(stream):
        for doc in stream:
            given.add((doc.id, document_version(doc)))
            yield doc

    yield from changed(store, noted(docs), stamp, now)
    for item in list(store):
        if (item.given_id, item.version) not in given and item.fingerprint != stamp:
            yield replace(item.document, id=item.given_id)


def _finish(results: list[DocumentResult], settings: Settings, rules: Rules, out: Path, report: BuildReport,
            started: float) -> tuple[ResolvedGraph, BuildReport]:
    """Resolve, convert to RDF, export; fill in the report. The folder then holds exactly this build's
    outputs: they replace the previous ones all together or not at all (kg.common.files.commit), and
    outputs of formats this build did not write are deleted, so no reader ever takes a stale graph.trig
    for the current graph. Python's cyclic garbage collector is paused meanwhile: these stages make
    millions of long-lived objects and no garbage cycles, and its full passes over them cost a fifth of
    this time on a 10,000-document build."""
    out = Path(out)
    with _gc_paused():
        report.timings["read, parse and extract"] = time.perf_counter() - started
        resolved, graph, results = _isolated(results, rules, report, fork=settings.workers > 1)
        if not results:  # every document failed: the previous outputs stay, the report says why
            report.seconds = time.perf_counter() - started
            return resolved, report
        stale = _previous_outputs(out)
        with _writing(out), exporters.Staging() as staging:  # all outputs or none
            processes = settings.workers if len(graph) > PARALLEL_EXPORT else 1
            with _timed(report, "export"):
                report.outputs.update(staging.add_all(list(settings.formats), graph, resolved, out, processes))
            _fill(report, results, resolved, graph, started)
            report.outputs["report"] = out / REPORT
            staging.write(report.outputs["report"], report.to_json().encode("utf-8"))
            written = {Path(target) for _, target in staging.staged}
            commit(staging.staged, sorted(stale - written), folder=out)
            staging.staged = []
            for folder in {path.parent for path in stale} - {out}:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()  # a bundle folder this build did not write
    return resolved, report


def _previous_outputs(out: Path) -> set[Path]:
    """The outputs in ``out`` when it is a build's output folder (it holds kg's report.json): the files
    that report names, and any file of a kg output's name (``kg export`` may have added one), a bundle
    folder's files included."""
    try:
        named = json.loads((out / REPORT).read_text(encoding="utf-8"))["outputs"].values()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()
    names = {Path(str(name)).name for name in named} | {exporters.get_exporter(f).filename for f in exporters.formats()}
    files = set()
    for name in names:
        path = out / name
        if path.is_dir():
            files |= {p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")}
        elif path.is_file():
            files.add(path)
    return files


def _isolated(results: list[DocumentResult], rules: Rules, report: BuildReport, fork: bool = False,
              ) -> tuple[ResolvedGraph, Graph, list[DocumentResult]]:
    """Resolve and convert to RDF; with ``fork`` (a build of more than one process) the near-duplicate
    documents and the events are found in a forked process while this one resolves the entities and makes
    the rest of the graph. These stages run over the whole corpus at once, so a failure on one
    document would stop them all: when they fail, each document is run through them alone, those that
    fail alone are left out (reported as skipped, with the error) and the rest run again. A failure no
    single document causes is raised (a bug in kg)."""
    while True:
        try:
            with _timed(report, "resolve"), beside(near_duplicates, results, fork=fork) as duplicates:
                resolved = resolve(results, rules, duplicates)  # the copies are found in a fork meanwhile
            with _timed(report, "events and rdf"), beside(find_events, resolved, rules, fork=fork) as events:
                graph = to_rdf(resolved, rules, events)  # the events are found in a fork meanwhile
                resolved = replace(resolved, events=events())
            return resolved, graph, results
        except Exception:  # a bug in kg, but no reason to lose the other documents
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
                raise
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
    report.undated = sum(1 for r in results if not r.date)
    report.sentences = sum(r.sentences for r in results)
    report.entities = len(resolved.entities)
    report.edges = sum(1 for e in resolved.edges if e.asserted)
    report.unasserted = len(resolved.edges) - report.edges
    report.events = len(resolved.events or ())
    report.triples = len(graph)
    report.seconds = time.perf_counter() - started


def query(text: str, graph: str | Path | None = None, engine: str = "auto", output: str = "table", *,
          endpoint: str | None = None, allow_remote: bool = False, user: str | None = None,
          password: str | None = None) -> str:
    """Run a SPARQL query (a pack name, a .rq file or the query text) on ``graph`` (a graph file, build
    folder or store; default: ./output) and return its rows printed as ``output``: "table", "csv"
    or "json" (SPARQL JSON results); a CONSTRUCT or DESCRIBE result comes back as Turtle. ``engine``:
    "rdflib", "oxigraph" or "auto" (Oxigraph for SELECT and ASK on large graphs).
    ``endpoint``: run it on that SPARQL server instead (its query endpoint, e.g. Oxigraph's /query), with
    ``user`` and ``password`` if given. ``allow_remote``: let the query call SERVICEs and fetch FROM
    graphs; by default a query that would reach beyond the graph raises QueryError."""
    options = queries.QueryOptions(allow_remote=allow_remote, user=user, password=password)
    if endpoint is not None:
        return queries.execute(text, Path(graph) if graph else None, engine, output, endpoint=endpoint,
                               options=options)
    return queries.execute(text, _graph(graph), engine, output, options=options)


def query_pack() -> dict[str, str]:
    """Name -> what it answers, for every query shipped with kg."""
    return {name: queries.describe(path) for name, path in queries.pack().items()}


def export(fmt: str, source: str | Path | None = None, out: str | Path | None = None) -> Path:
    """Write the graph at ``source`` (default: ./output) as format ``fmt`` into folder ``out``
    (default: beside the graph read); returns the file written."""
    source = _graph(source)
    graph = queries.load(source)
    folder = Path(out) if out else (source if source.is_dir() else source.parent)
    _must_be_folder(folder, "--out")
    with FolderLock(folder), _writing(folder):  # not while a build writes that folder
        return exporters.export(fmt, graph, None, folder)


def export_formats() -> list[str]:
    """The formats :func:`export` writes from a graph file (the build-only ones left out)."""
    return exporters.formats(from_graph=True)


def push(target: str, source: str | Path | None = None, **options):
    """Load the graph at ``source`` (default: ./output) into the database behind push target
    ``target`` ("neo4j", "sparql"), with that target's ``options``; returns its report (``summary()``).
    Raises ServerUnreachableError / ServerRefusedError when the server cannot be reached or refuses."""
    push_to = PUSH_TARGETS.get(target)
    return push_to(queries.load(_graph(source)), **options)


def validate(source: str | Path | None = None) -> tuple[bool, str]:
    """(conforms, SHACL report text) for the graph at ``source`` (default: ./output) under kg's shapes."""
    graph = queries.load(_graph(source))
    return shacl_validate(graph, load_rules())


def to_networkx(source: str | Path | None = None, documents: bool = True):
    """An exported graph (file, build folder or store; default: ./output) as a networkx
    MultiDiGraph: entity (and document) nodes keyed by IRI with their labels and properties, one edge per
    typed relationship with its counts, dates and evidence sentences."""
    from kg.export.graphml import to_networkx as pg_to_networkx
    from kg.export.property_graph import property_graph

    return pg_to_networkx(property_graph(queries.load(_graph(source)), documents))


def evaluate(gold: str | Path, graph: str | Path | None = None, inputs: Iterable[str | Path] | None = None,
             fmt: str | None = None, settings: Settings | None = None, limit: int = 0,
             progress: Callable[[Iterable], Iterable] | None = None):
    """Score a graph, or a build, against the gold file ``gold`` (format ``fmt``: kg, conll04, plover or
    plv; None: told from the file) and return a :class:`kg.evaluate.Evaluation` (``lines()`` prints it).

    ``graph``: a graph file, build folder or store; for sentence-level gold also a graph built from one
    file per sentence named by its id (each edge's evidence names its document), or a folder of one build
    per sentence (``graph/<id>/graph.ttl``). ``inputs``: what to build first, as ``kg build`` does (into a
    temporary folder), and score; an empty list builds the gold's own texts: each sentence as a document
    alone, in this process (spaCy loads once), or the documents of kg's gold JSON that carry a ``text``
    together. Neither given: the gold's own texts when it has them, else ./output. ``settings``: the
    model and rule files to build with; ``limit``: the first N sentences (documents) only; ``progress``
    may wrap the sentences as they are built.

    Raises GoldError (an InputError, with ``file:line``) for a bad gold file, UnknownNameError for an
    unknown format, UsageError for both ``graph`` and ``inputs`` or no text to build, and what build and
    the graph readers raise."""
    import tempfile

    from kg import evaluate as scoring

    settings = settings or Settings()
    answer = scoring.read_gold(gold, fmt)
    if limit:
        answer = answer.limited(limit)
    if graph is not None and inputs is not None:
        raise UsageError("give the graph to score (--graph) or what to build (--build), not both")
    inputs = None if inputs is None else list(inputs)
    own = inputs == [] or (inputs is None and graph is None and bool(answer.texts))
    if own and not answer.texts:
        raise UsageError(f"{gold} holds no text to build (kg's gold JSON may give each document a 'text'); "
                         "give --build INPUT... or --graph PATH")
    if own and answer.task != "corpus":
        views, failed = _build_each(answer.texts, settings, progress)
        result = scoring.score(answer, views)
        result.source, result.failed = f"kg, each of its {len(views)} sentences built alone", failed
        return result
    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
        if own:  # kg's gold JSON: its documents built together, as kg build reads a folder of articles
            folder = Path(tmp, "in")
            for n, (name, text) in enumerate(answer.texts.items()):
                _write_text(folder, name if _safe_name(name) else f"document-{n + 1}.txt", text)
            inputs, shown = [folder], f"kg, its {len(answer.texts)} documents built together"
        elif inputs:
            shown = f"kg build {' '.join(str(i) for i in inputs)}"
        if inputs:
            path = Path(tmp, "out")
            _, report = build(inputs, replace(settings, out=path, formats=("turtle",), progress=False))
            if not report.documents:
                raise InputError("no usable document in the inputs to build; nothing to score")
        else:
            path = _graph(graph)
            shown = str(path)
        if answer.task == "corpus":
            result = scoring.score(answer, scoring.read(path))
        else:
            views, unplaced = scoring.sentence_views(path, answer.texts)
            result = scoring.score(answer, views)
            result.figures["evidence_in_no_gold_sentence"] = unplaced
        result.source = shown
        return result


def _build_each(texts: dict[str, str], settings: Settings,
                progress: Callable[[Iterable], Iterable] | None) -> tuple[dict, list[str]]:
    """Each text built as a document alone, in this process (spaCy loads once): id -> its view, and the
    ids kg failed on (their views are empty graphs)."""
    import tempfile

    from kg import evaluate as scoring

    rules = load_rules(settings.rule_sources)
    views, failed = {}, []
    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
        folder = Path(tmp, "in")
        one = replace(settings, out=Path(tmp, "out"), formats=("turtle",), progress=False)
        items = list(texts.items())
        for n, (sid, text) in enumerate(progress(items) if progress else items):
            file = _write_text(folder, f"{sid if _safe_name(sid) and '/' not in sid else f'sentence-{n + 1}'}.txt", text)
            try:
                resolved, report = build([file], one)
            except KgError:
                raise
            except Exception:  # noqa: BLE001  (a bug in kg on this sentence: scored as an empty graph)
                resolved, report = None, None
            file.unlink()
            if report is None or report.skipped or not report.documents:
                failed.append(sid)
                views[sid] = scoring.SentenceView()
                continue
            # the graph that build wrote, made again from what it resolved rather than parsed back
            views[sid] = scoring.SentenceView.of(scoring.GraphView(to_rdf(resolved, rules)))
    return views, failed


def _safe_name(name: str) -> bool:
    """A relative file name that stays inside the folder it is written in."""
    import re

    return bool(re.fullmatch(r"[\w.\- /]+", name)) and not Path(name).is_absolute() and ".." not in Path(name).parts


def _write_text(folder: Path, name: str, text: str) -> Path:
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text + "\n", encoding="utf-8")
    return file


DEFAULT_GRAPH = Path("output")


def _graph(path: str | Path | None) -> Path:
    """The graph a reader works on: ``path``, else the current folder's ``output/`` (kg build's default
    --out), never whatever build ran last elsewhere. A commit a kill cut short there is undone first.
    Raises InputError when no path is given and ./output holds no graph."""
    if path is None:
        if not _has_graph(DEFAULT_GRAPH):
            raise InputError(f"no graph given, and none in ./{DEFAULT_GRAPH} (where 'kg build' writes by default): "
                             "pass the graph file, build folder or store (--graph PATH for kg query, --from PATH "
                             "for kg export and kg push, PATH for kg validate), or run 'kg build' here first")
        path = DEFAULT_GRAPH
    path = Path(path)
    if path.is_dir() and (path / JOURNAL).exists():
        try:
            with FolderLock(path, timeout=60):  # a writer holds it only while it commits, or it was killed
                _settle(path)
        except OutputError:
            pass  # a folder this reader may not write: read it as it is
    return path


def _has_graph(folder: Path) -> bool:
    try:
        queries.graph_file(folder)
    except InputError:
        return False
    return True
