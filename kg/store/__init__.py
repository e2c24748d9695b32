"""A graph store: a folder a graph grows in, document by document (``kg build --into STORE``).

Layout::

    STORE/docs/<key>.json   one file per document: its text, metadata and what extraction found
    STORE/rules/            copies of the user's gazetteer and alias files the store was built with
    STORE/graph.trig        the graph (one named graph per document), and the other formats asked for

A document is known by its id (path relative to its input folder, or its JSON Lines id). Building a
document whose text, model and rules are unchanged reuses what the store holds, so rebuilding changes
nothing; a changed text replaces the document; ``kg remove`` takes it out. Resolution and export always
run over every document of the store in id order, so two orders of the same inputs give the same graph.
The text is kept so that a store re-extracts its documents itself when kg's rules or the model change,
and the user's rule files are kept so that ``kg remove`` and a bare ``kg build --into STORE`` read with
the rules the store was built with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.common.files import write_atomic
from kg.errors import StoreError
from kg.model import Document, DocumentResult, Evidence, Mention, Relation
from kg.rules import RuleSources

FORMAT = 1


@dataclass(frozen=True)
class Stored:
    """One document as the store holds it."""

    document: Document
    result: DocumentResult
    fingerprint: str  # model and rules it was extracted with


def document_key(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:24]


class Store:
    """The documents of a store folder. Reads are lazy; every write is atomic (one file per document)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store must be a folder, not a file: {self.root}")
        self.docs = self.root / "docs"
        self.rules = self.root / "rules"
        self._cache: dict[str, Stored] | None = None

    def rule_sources(self, given: RuleSources) -> RuleSources:
        """The user's rule files this store reads with: the kinds (gazetteers, aliases) ``given`` names are
        copied into STORE/rules/ and replace the ones kept there; the other kinds are the ones kept."""
        kept = {}
        for kind, suffix, files in (("gazetteer", ".jsonl", given.gazetteers), ("aliases", ".tsv", given.aliases)):
            if files:
                for old in self.rules.glob(f"{kind}-*{suffix}") if self.rules.is_dir() else ():
                    old.unlink()
                for n, path in enumerate(files, 1):
                    write_atomic(self.rules / f"{kind}-{n}{suffix}", Path(path).read_bytes())
            kept[kind] = tuple(sorted(self.rules.glob(f"{kind}-*{suffix}"), key=_numbered)) \
                if self.rules.is_dir() else ()
        return RuleSources(given.root, kept["gazetteer"], kept["aliases"])

    def __iter__(self) -> Iterator[Stored]:
        return iter(sorted(self._all().values(), key=lambda s: s.document.id))

    def __len__(self) -> int:
        return len(self._all())

    def get(self, doc_id: str) -> Stored | None:
        return self._all().get(doc_id)

    def put(self, item: Stored) -> None:
        data = json.dumps(_encode(item), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_atomic(self.docs / f"{document_key(item.document.id)}.json", data.encode("utf-8"))
        self._all()[item.document.id] = item

    def remove(self, doc_id: str) -> None:
        (self.docs / f"{document_key(doc_id)}.json").unlink(missing_ok=True)
        self._all().pop(doc_id, None)

    def find(self, ref: str) -> list[str]:
        """Ids of the documents ``ref`` names: an id, the path it was read from, its title, a content
        hash prefix (8+ characters) or its IRI."""
        ref = ref.strip()
        hits = []
        for doc_id, item in self._all().items():
            doc, result = item.document, item.result
            digest = result.content_hash
            if ref in (doc_id, doc.source, doc.title) or Path(ref).name == doc_id or (
                    len(ref) >= 8 and (digest.startswith(ref) or ref.rsplit("/", 1)[-1] == digest[:16])):
                hits.append(doc_id)
        return sorted(hits)

    def _all(self) -> dict[str, Stored]:
        if self._cache is None:
            self._cache = {}
            for path in sorted(self.docs.glob("*.json")) if self.docs.is_dir() else []:
                try:
                    item = _decode(json.loads(path.read_text(encoding="utf-8")))
                except (OSError, ValueError, KeyError, TypeError) as err:
                    raise StoreError(f"store file {path} cannot be read ({err}); remove it and rebuild "
                                     "that document") from err
                self._cache[item.document.id] = item
        return self._cache


def _numbered(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def _encode(item: Stored) -> dict:
    result = asdict(item.result)
    result["shingles"] = sorted(item.result.shingles)
    return {"format": FORMAT, "fingerprint": item.fingerprint, "document": asdict(item.document), "result": result}


def _decode(data: dict) -> Stored:
    if data.get("format") != FORMAT:
        raise ValueError(f"store format {data.get('format')!r}, this kg reads {FORMAT}")
    r = data["result"]
    mentions = tuple(Mention(**m) for m in r["mentions"])
    relations = tuple(_relation(x) for x in r["relations"])
    result = DocumentResult(**{**r, "mentions": mentions, "relations": relations,
                               "shingles": frozenset(r["shingles"])})
    return Stored(Document(**data["document"]), result, data["fingerprint"])


def _relation(x: dict) -> Relation:
    return Relation(Mention(**x["subject"]), x["predicate"], Mention(**x["object"]), Evidence(**x["evidence"]),
                    Mention(**x["source"]) if x.get("source") else None)


def changed(store: Store, docs: Iterable[Document], fingerprint: str) -> Iterator[Document]:
    """The documents of ``docs`` the store lacks or holds in another version (text, model or rules)."""
    for doc in docs:
        held = store.get(doc.id)
        if held is None or held.fingerprint != fingerprint or _content(held.document) != _content(doc):
            yield doc


def _content(doc: Document) -> tuple:
    """What a document is, whichever path it was read from."""
    return doc.text, doc.url, doc.title, doc.date, doc.outlet
