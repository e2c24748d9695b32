"""A graph store: a folder a graph grows in, document by document (``kg build --into STORE``).

Layout::

    STORE/kg-store.json     marks the folder as a kg store (so kg never reads it as articles)
    STORE/.kg.lock          held by the kg writing the store (kg.common.files.FolderLock)
    STORE/docs/<key>.json   one file per document: its text, metadata and what extraction found
    STORE/rules/            copies of the user's gazetteer and alias files the store was built with
    STORE/graph.trig        the graph (one named graph per document), and the other formats asked for

A document is known by its id (path relative to its input folder, or its JSON Lines id; kg.ingest).
Building a document whose text, model and rules are unchanged reuses what the store holds, so rebuilding
changes nothing; a changed text from the same file replaces the document; another text claiming its id
from another file is kept beside it, both renamed ``<id>@<version>`` (kg.store.ids); ``kg remove``
takes one out. Resolution and export always run over every document of the store in id order, so two
orders of the same inputs give the same graph.
The text is kept so that a store re-extracts its documents itself when kg's rules or the model change,
and the user's rule files are kept so that ``kg remove`` and a bare ``kg build --into STORE`` read with
the rules the store was built with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from kg.common.files import write_atomic
from kg.errors import StoreError, UsageError
from kg.ingest import STORE_MARKER
from kg.model import Document, DocumentResult, Evidence, Mention, Notice, Relation
from kg.rules import RuleSources
from kg.store.ids import document_version, qualified, rekeyed, renamed

FORMAT = 1


@dataclass(frozen=True)
class Stored:
    """One document as the store holds it."""

    document: Document
    result: DocumentResult
    fingerprint: str  # model and rules it was extracted with
    declared: str = ""  # the id its input gave it ("" for the document's id), before any renaming

    @property
    def given_id(self) -> str:
        return self.declared or self.document.id

    @property
    def version(self) -> str:
        return document_version(self.document)


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
        self._given: dict[str, set[str]] = {}  # id an input gave -> ids of the documents stored under it

    def create(self) -> None:
        """Make the store folder (if missing) and its marker."""
        marker = self.root / STORE_MARKER
        if not marker.is_file():
            write_atomic(marker, json.dumps({"kg_store": FORMAT}).encode("utf-8") + b"\n")

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
        self._given.setdefault(item.given_id, set()).add(item.document.id)

    def remove(self, doc_id: str) -> None:
        (self.docs / f"{document_key(doc_id)}.json").unlink(missing_ok=True)
        item = self._all().pop(doc_id, None)
        if item is not None:
            self._given.get(item.given_id, set()).discard(doc_id)

    def versions(self, declared: str) -> list[Stored]:
        """The stored documents their inputs gave the id ``declared``."""
        self._all()
        return [self._cache[doc_id] for doc_id in sorted(self._given.get(declared, ()))]

    def held(self, doc: Document, fingerprint: str) -> Stored | None:
        """The stored document that is ``doc`` (same given id, same text and metadata) extracted with
        ``fingerprint``, if any."""
        digest = document_version(doc)
        return next((item for item in self.versions(doc.id) if item.version == digest
                     and item.fingerprint == fingerprint), None)

    def admit(self, doc: Document, result: DocumentResult, fingerprint: str, now: set[str]) -> list[Notice]:
        """Store ``doc`` (as its input named it) with its ``result``, under an id no other text holds:

        - the same text already held under that id is replaced by this extraction of it;
        - another text from the same file (origin), not given in this run (``now``: ids stored in this
          run), is an older version of it and is replaced;
        - any other text holding the id is kept, and both are renamed ``<id>@<version>``.

        Returns what was renamed (as Notices). ``now`` gets the id ``doc`` is stored under."""
        declared, digest = doc.id, document_version(doc)
        versions = self.versions(declared)
        same = next((v for v in versions if v.version == digest), None)
        if same is not None:
            final = same.document.id
        else:
            for old in versions:
                if old.document.id not in now and (not old.document.origin or old.document.origin == doc.origin):
                    self.remove(old.document.id)
            final = declared if not self.versions(declared) else qualified(declared, digest)
        notices = []
        for other in self.versions(declared):
            if other.document.id == declared and final != declared:  # the id is shared now: rename the holder
                new_id = qualified(declared, other.version)
                self.remove(declared)
                self.put(Stored(replace(other.document, id=new_id), rekeyed(other.result, new_id), other.fingerprint,
                                declared))
                if declared in now:
                    now.discard(declared)
                    now.add(new_id)
                notices.append(renamed(other.document.source, declared, new_id))
        if final != declared:
            notices.append(renamed(doc.source, declared, final))
        self.put(Stored(replace(doc, id=final), rekeyed(result, final), fingerprint, declared))
        now.add(final)
        return notices

    def find(self, ref: str) -> list[str]:
        """Ids of the documents ``ref`` names: exactly the document whose id it is, else every document
        whose given id, path read from, file name, title, content hash prefix (8+ characters) or IRI it
        is. Raises UsageError for an empty reference (an unset shell variable must not name anything)."""
        ref = ref.strip()
        if not ref:
            raise UsageError("an empty document reference names no document: give an id, path, title or content "
                             "hash (is a shell variable unset?)")
        if ref in self._all():
            return [ref]
        hits = []
        for doc_id, item in self._all().items():
            doc, result = item.document, item.result
            digest = result.content_hash
            names = {item.given_id, doc.source, doc.origin, doc.title} - {""}
            if ref in names or Path(ref).name == item.given_id or (
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
                self._given.setdefault(item.given_id, set()).add(item.document.id)
        return self._cache


def _numbered(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def _encode(item: Stored) -> dict:
    result = asdict(item.result)
    result["shingles"] = sorted(item.result.shingles)
    data = {"format": FORMAT, "fingerprint": item.fingerprint, "document": asdict(item.document), "result": result}
    if item.declared and item.declared != item.document.id:
        data["declared"] = item.declared
    return data


def _decode(data: dict) -> Stored:
    if data.get("format") != FORMAT:
        raise ValueError(f"store format {data.get('format')!r}, this kg reads {FORMAT}")
    r = data["result"]
    mentions = tuple(Mention(**m) for m in r["mentions"])
    relations = tuple(_relation(x) for x in r["relations"])
    result = DocumentResult(**{**r, "mentions": mentions, "relations": relations,
                               "shingles": frozenset(r["shingles"])})
    return Stored(Document(**data["document"]), result, data["fingerprint"], data.get("declared", ""))


def _relation(x: dict) -> Relation:
    return Relation(Mention(**x["subject"]), x["predicate"], Mention(**x["object"]), Evidence(**x["evidence"]),
                    Mention(**x["source"]) if x.get("source") else None)


def changed(store: Store, docs: Iterable[Document], fingerprint: str, now: set[str]) -> Iterator[Document]:
    """The documents of ``docs`` the store lacks or holds in another version (text, metadata, model or
    rules); ``now`` gets the ids of those it holds as they are."""
    for doc in docs:
        held = store.held(doc, fingerprint)
        if held is None:
            yield doc
        else:
            now.add(held.document.id)
