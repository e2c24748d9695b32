"""Where the per-document stages run: parse, find mentions, extract relations.

Every engine runs the same function, :func:`extract_batch`, over batches of documents and yields each
document's outcome in input order; resolution, RDF and export then run once, in the calling process, on
results sorted by document id. So the graph is the same whichever engine made it, and only small typed
values (DocumentResult) cross process or machine boundaries, never spaCy Docs.

Engines are looked up by name (``--engine``): ``local`` parses in this process, or in ``--workers N``
processes of this machine (:mod:`kg.engine.local`); ``dask`` sends batches to a Dask distributed
cluster (:mod:`kg.engine.dask`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from kg import __version__
from kg.common import timex
from kg.config import Settings
from kg.errors import VersionMismatchError
from kg.extract import RelationExtractor, find_mentions
from kg.extract.relations import MAX_SENTENCE_TOKENS
from kg.ingest.dateline import header
from kg.model import Document, DocumentResult, PartlyRead, Skipped
from kg.nlp import load_pipeline, parser_text
from kg.registry import Registry
from kg.resolve.duplicates import shingles
from kg.rules import Rules, load_rules

Problem = Skipped | PartlyRead


@dataclass(frozen=True)
class Outcome:
    """What extraction made of one document: its result (None when extraction failed) and what went wrong."""

    result: DocumentResult | None
    problems: tuple[Problem, ...] = ()


# An engine maps extract_batch over the batches and yields (document, outcome) in input order.
Engine = Callable[[Iterable[list[Document]], Settings, str], Iterator[tuple[Document, Outcome]]]
ENGINES: Registry[Engine] = Registry("engine", "engines", "kg.engine")
register = ENGINES.register


def get_engine(name: str) -> Engine:
    """The engine registered as ``name``; UnknownNameError lists the known ones."""
    return ENGINES.get(name)


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    docs = iter(docs)
    while batch := list(islice(docs, size)):
        yield batch


_lock = threading.Lock()  # one spaCy pipeline per process, used by one thread at a time


def extract_batch(docs: list[Document], settings: Settings, started: str, rules: Rules | None = None,
                  ) -> tuple[str, list[Outcome]]:
    """Parse ``docs`` and extract mentions and relations: the per-document stages, run by every engine.

    Returns the fingerprint of the code, rules and model that did it (:func:`fingerprint`), so a merge
    can refuse results of a worker running something else, and one Outcome per document, in order.
    ``started`` (ISO time) is the run's start, recorded with each result. ``rules``: the rules of
    ``settings.rule_sources`` when the caller has read them for the run (reading checks every rule file,
    20 ms a batch); else they are read here.
    """
    with _lock:
        rules = rules if rules is not None and rules.sources == settings.rule_sources else \
            load_rules(settings.rule_sources)
        nlp, extractor = pipeline(settings.model, rules)
        out = []
        try:
            for doc, sdoc in zip(docs, nlp.pipe((parser_text(d.text) for d in docs), batch_size=settings.batch_size)):
                out.append(_outcome(doc, sdoc, extractor, started))
        except Exception:  # noqa: BLE001  (spaCy fails a whole batch for one text: E088, a component's error)
            for doc in docs[len(out):]:  # one at a time, so only the document at fault is skipped
                out.append(_alone(doc, nlp, extractor, started))
        return fingerprint(settings.model, rules), out


def _alone(doc: Document, nlp, extractor: RelationExtractor, started: str) -> Outcome:
    try:
        sdoc = nlp(parser_text(doc.text))
    except Exception as err:  # noqa: BLE001
        return Outcome(None, (Skipped(doc.source, f"parsing failed ({type(err).__name__}: "
                                                  f"{_first_line(err)})"),))
    return _outcome(doc, sdoc, extractor, started)


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return (text.splitlines()[0] if text else "no detail")[:300]


@cache
def pipeline(model: str, rules: Rules) -> tuple:
    """The spaCy pipeline and relation extractor of this process for ``model`` and ``rules`` (made on
    first use), with the rules' tables read (Rules.warm) and the date library loaded: forked workers
    inherit them all."""
    rules.warm()
    timex.warm()
    nlp = load_pipeline(model, rules)
    return nlp, RelationExtractor(nlp, rules)


@cache
def _code_digest() -> bytes:
    """Digest of kg's code as this process loaded it (read once: a worker forked from this process runs
    the same code even if the files change on disk meanwhile)."""
    digest = hashlib.sha256()
    root = Path(__file__).parents[1]
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\x1f" + path.read_bytes())
    return digest.digest()


def fingerprint(model: str, rules: Rules) -> str:
    """What extraction depends on besides the text: kg's version and code, the spaCy pipeline (name and
    version) and the rules (kg's rule files and the user's). A store re-extracts a document when it
    changes; a merge refuses results made with another."""
    import spacy.util

    digest = hashlib.sha256(f"kg {__version__}\x1fmodel {model}\x1f".encode())
    version = spacy.util.get_package_version(model) if spacy.util.is_package(model) else None
    digest.update((version or "").encode())  # a pipeline folder has no package version: its name stands for it
    digest.update(_code_digest())
    digest.update(rules.digest.encode())
    return digest.hexdigest()[:16]


def _outcome(doc: Document, sdoc, extractor: RelationExtractor, started: str) -> Outcome:
    try:
        index = find_mentions(doc.id, doc.text, sdoc, extractor.rules)
        relations = extractor.extract(doc.text, sdoc, index, doc.date)
    except Exception as err:  # noqa: BLE001  (a bug kg should fix, but no reason to lose the other documents)
        return Outcome(None, (Skipped(doc.source, f"extraction failed ({type(err).__name__}: {err}); "
                                                  "please report it"),))
    top = header(doc.text)  # the dateline's place and credited agency: the event model's fallbacks
    problems = ()
    long = extractor.long_sentences(sdoc)
    if long:
        problems = (PartlyRead(doc.source, f"{len(long)} sentence(s) of over {MAX_SENTENCE_TOKENS} tokens not "
                                           f"read for relations (longest: {max(n for _, _, n in long)} tokens, "
                                           f"from character {long[0][0]})"),)
    return Outcome(DocumentResult(
        doc_id=doc.id, source=doc.source,
        content_hash=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        sentences=sum(1 for _ in sdoc.sents),
        mentions=tuple(index.mentions),
        relations=tuple(index.links) + tuple(relations),
        url=doc.url, title=doc.title, date=doc.date, outlet=doc.outlet,
        shingles=shingles(sdoc), extracted=started, kg_version=__version__,
        dateline=top.place, credit=top.credit,
    ), problems)


def in_order(batches: Iterable[list[Document]], submit: Callable[[list[Document]], Future], in_flight: int,
             expected: str, where: str) -> Iterator[tuple[Document, Outcome]]:
    """Submit each batch (``submit`` returns a future of extract_batch's result) with at most
    ``in_flight`` pending, and yield (document, outcome) in input order. A result made by other code,
    rules or model than ``expected`` (a fingerprint) raises VersionMismatchError naming ``where``."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            yield from _collected(*pending.popleft(), expected, where)
    while pending:
        yield from _collected(*pending.popleft(), expected, where)


def _collected(batch: list[Document], future: Future, expected: str, where: str,
               ) -> Iterator[tuple[Document, Outcome]]:
    fingerprint, outcomes = future.result()
    checked(fingerprint, expected, where)
    yield from zip(batch, outcomes)


def checked(fingerprint: str, expected: str, where: str) -> None:
    if fingerprint != expected:
        raise VersionMismatchError(
            f"{where} runs other kg code, rules or model than this process (fingerprint {fingerprint[:12]}, "
            f"expected {expected[:12]}): install the same kg version and model on every worker")
