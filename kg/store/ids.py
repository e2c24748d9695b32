"""Document ids that never collide: when two different texts claim one id (two JSON Lines files that
both number their rows from 1, ``day1/article1.txt`` and ``day2/article1.txt`` read from two folders),
both are kept, each as ``<id>@<version>`` where the version is the first 12 hex digits of a digest of
what the document is (text, address, title, date, outlet). The same text under one id is one document,
whichever file it came from; a changed text from the same file (its origin) replaces it.

The rule depends only on the documents, not on the order they come in, so one build of ``a.jsonl`` and
``b.jsonl``, two builds into a store in either order, all give the same ids and the same graph."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from kg.model import Document, DocumentResult, Mention, Notice, Relation

QUALIFIER = "@"


def version(content_hash: str, url: str, title: str, date: str, outlet: str) -> str:
    """Digest of what a document is (its text's SHA-256 and its metadata)."""
    return hashlib.sha256(f"{content_hash}\x1f{url}\x1f{title}\x1f{date}\x1f{outlet}".encode()).hexdigest()


def document_version(doc: Document) -> str:
    return version(hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), doc.url, doc.title, doc.date, doc.outlet)


def result_version(result: DocumentResult) -> str:
    return version(result.content_hash, result.url, result.title, result.date, result.outlet)


def qualified(doc_id: str, digest: str) -> str:
    """``doc_id`` told apart from the other texts claiming it: ``<id>@<first 12 hex digits of its version>``."""
    return f"{doc_id}{QUALIFIER}{digest[:12]}"


def rekeyed(result: DocumentResult, doc_id: str) -> DocumentResult:
    """``result`` (its mentions, relations and evidence) under the id ``doc_id``."""
    if result.doc_id == doc_id:
        return result

    def mention(m: Mention | None) -> Mention | None:
        return None if m is None else replace(m, doc_id=doc_id)

    def relation(r: Relation) -> Relation:
        return replace(r, subject=mention(r.subject), object=mention(r.object), source=mention(r.source),
                       evidence=replace(r.evidence, doc_id=doc_id))

    return replace(result, doc_id=doc_id, mentions=tuple(mention(m) for m in result.mentions),
                   relations=tuple(relation(r) for r in result.relations))


def unique(results: Iterable[DocumentResult]) -> tuple[list[DocumentResult], list[Notice]]:
    """The results of one build with one document per id: copies of one text under one id are one
    document (the first by source kept), and different texts under one id are each renamed
    ``<id>@<version>`` (a Notice says so). Sorted by id."""
    by_id: dict[str, dict[str, DocumentResult]] = {}
    for result in results:
        versions = by_id.setdefault(result.doc_id, {})
        held = versions.get(digest := result_version(result))
        if held is None or result.source < held.source:
            versions[digest] = result
    out, notices = [], []
    for doc_id, versions in by_id.items():
        if len(versions) == 1:
            out += versions.values()
            continue
        for digest, result in sorted(versions.items()):
            out.append(rekeyed(result, qualified(doc_id, digest)))
            notices.append(renamed(result.source, doc_id, qualified(doc_id, digest)))
    return sorted(out, key=lambda r: r.doc_id), notices


def renamed(source: str, doc_id: str, new_id: str) -> Notice:
    return Notice(source, f"kept as {new_id!r}: another text has the id {doc_id!r} too")
