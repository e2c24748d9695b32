"""Library entry points; the CLI and notebooks call these."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import export as exporters
from kg import rules
from kg.config import Settings
from kg.extract import RelationExtractor, find_mentions
from kg.graph.build import to_rdf
from kg.ingest import Skipped, iter_documents, sample_corpus
from kg.model import Document, DocumentResult, ResolvedGraph
from kg.nlp import load_pipeline, parser_text
from kg.resolve.duplicates import shingles
from kg.resolve.entities import resolve


@dataclass
class BuildReport:
    """What a build did: counts, skipped inputs, files written, seconds."""

    documents: int = 0
    sentences: int = 0
    entities: int = 0
    edges: int = 0
    unasserted: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
                f"{self.edges} typed edges (+{self.unasserted} negated or unasserted), "
                f"{self.triples} triples in {self.seconds:.1f} s")


def extract_documents(docs: Iterable[Document], settings: Settings) -> Iterator[DocumentResult]:
    """Parse documents in batches with ``nlp.pipe`` (streaming) and extract mentions and relations."""
    rules.use_user_files(settings.gazetteers, settings.aliases)
    nlp = load_pipeline(settings.model, rules.user_gazetteers())
    extractor = RelationExtractor(nlp)
    pairs = ((parser_text(d.text), d) for d in docs)
    for sdoc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        index = find_mentions(doc.id, doc.text, sdoc)
        relations = extractor.extract(doc.text, sdoc, index, doc.date)
        yield DocumentResult(
            doc_id=doc.id, source=doc.source,
            content_hash=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
            sentences=sum(1 for _ in sdoc.sents),
            mentions=tuple(index.mentions),
            relations=tuple(index.links) + tuple(relations),
            url=doc.url, title=doc.title, date=doc.date, outlet=doc.outlet,
            shingles=shingles(sdoc),
        )


def build(inputs: Iterable[str | Path] | None = None, settings: Settings | None = None,
          progress: Callable[[Iterable], Iterable] | None = None) -> tuple[ResolvedGraph, BuildReport]:
    """Build the graph of ``inputs`` (default: the sample corpus) and write ``settings.formats`` to ``settings.out``.

    ``progress`` may wrap the document stream (the CLI passes a tqdm bar).
    Raises InputError for a missing input and ModelMissingError for a missing spaCy model.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    report = BuildReport()
    inputs = list(inputs) if inputs else [sample_corpus()]
    for name in settings.formats:
        exporters.get_exporter(name)  # fail on an unknown format before the long part

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, settings.fields, settings.date):
            if isinstance(item, Skipped):
                report.skipped.append(item)
            else:
                yield item

    rules.use_user_files(settings.gazetteers, settings.aliases)  # a bad file fails before the long part
    stream = extract_documents(documents(), settings)
    results = list(progress(stream) if progress else stream)
    resolved = resolve(results)
    graph = to_rdf(resolved)
    for name in settings.formats:
        report.outputs[name] = exporters.export(name, graph, resolved, settings.out)
    report.documents = len(results)
    report.sentences = sum(r.sentences for r in results)
    report.entities = len(resolved.entities)
    report.edges = sum(1 for e in resolved.edges if e.asserted)
    report.unasserted = len(resolved.edges) - report.edges
    report.triples = len(graph)
    report.seconds = time.perf_counter() - started
    return resolved, report
