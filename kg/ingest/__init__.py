"""Reading inputs: text files, JSON Lines files, folders (recursively) and standard input, one document
at a time, with their metadata.

- A text file may open with front matter (``---`` lines around ``title: …``, ``date: …``, ``url: …``,
  ``source: …``); the text after it is the document.
- A ``.jsonl`` file holds one document per line: a JSON object with ``text`` and optionally ``id``,
  ``url``, ``title``, ``date``, ``source`` (field names configurable with :class:`Fields`).
- A news dateline ("CAIRO, March 3, 2024 (Reuters) - …") gives the date (when it has a year) and the
  outlet of a document whose metadata lacks them.
- A date is normalised to ``YYYY-MM-DD``; a document without one takes the build's default date.

- Any encoding is read (see :mod:`kg.ingest.decode`); an HTML page is reduced to its article text and
  metadata (:mod:`kg.ingest.html`).

A file or line that cannot be read (binary, empty, too large, bad JSON) is reported as :class:`Skipped`
and the rest go on; one read only in part is reported as :class:`PartlyRead`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date as Date
from importlib import resources
from pathlib import Path

from kg.common.timex import resolve
from kg.errors import InputError, UsageError
from kg.ingest.dateline import dateline
from kg.ingest.decode import NotText, clean, decode
from kg.ingest.html import html_to_text, looks_like_html
from kg.model import Document, PartlyRead, Skipped

STDIN = "-"


def sample_corpus() -> Path:
    """The folder of sample articles shipped inside the package."""
    return Path(str(resources.files("kg.data").joinpath("corpus")))


@dataclass(frozen=True)
class Fields:
    """Names of the JSON Lines fields that hold each part of a document."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    title: str = "title"
    date: str = "date"
    source: str = "source"

    @classmethod
    def parse(cls, specs: Iterable[str]) -> Fields:
        """``["text=body", "date=published"]`` -> Fields; raises InputError for an unknown part."""
        names = {}
        for spec in specs:
            part, _, field = spec.partition("=")
            if part not in cls.__dataclass_fields__ or not field:
                raise UsageError(f"--field takes PART=NAME with PART one of {', '.join(cls.__dataclass_fields__)}, "
                                 f"got {spec!r}")
            names[part] = field
        return cls(**names)


MAX_BYTES = 10_000_000  # a file larger than this is skipped unread (a news article is a few kB)
MAX_CHARS = 1_000_000  # spaCy's default max_length: a longer text is cut at a paragraph break before it


def iter_documents(inputs: Iterable[str | Path], fields: Fields = Fields(), default_date: str = "",
                   max_bytes: int = MAX_BYTES) -> Iterator[Document | Skipped | PartlyRead]:
    """Documents from ``inputs`` in a stable order: each input in turn, folders sorted by path.
    A document with no date of its own takes ``default_date``. A file over ``max_bytes`` (or a JSON line
    over it) is skipped without being read, so memory stays bounded whatever the input.

    Raises InputError for an input path that does not exist (a usage error, not a bad document).
    """
    for item in _iter_documents(inputs, fields, max_bytes):
        if isinstance(item, Document):
            item = _with_dateline(item)
        if isinstance(item, Document) and not item.date and default_date:
            item = replace(item, date=default_date)
        yield item


def _iter_documents(inputs: Iterable[str | Path], fields: Fields, max_bytes: int) -> Iterator:
    inputs = [str(i) for i in inputs]
    for raw in inputs:
        if raw != STDIN and not Path(raw).exists():
            raise InputError(f"input not found: {raw}")
    seen: set[str] = set()
    for raw in inputs:
        if raw == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Skipped("<stdin>", _too_large(max_bytes, None))
            else:
                yield from _document("stdin", data, "<stdin>", seen)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = file.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                yield from _read(file, rel.as_posix(), seen, fields, max_bytes)
        else:
            yield from _read(path, path.name, seen, fields, max_bytes)


def _too_large(limit: int, size: int | None) -> str:
    """The reason for skipping an input of ``size`` bytes (None: unknown, more than ``limit``)."""
    amount = f"{size / 1e6:.1f} MB" if size is not None else f"more than {limit / 1e6:g} MB"
    return f"too large: {amount} (limit {limit / 1e6:g} MB; raise it with --max-bytes)"


def _read(path: Path, doc_id: str, seen: set[str], fields: Fields, max_bytes: int) -> Iterator:
    try:
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_documents(path, doc_id, seen, fields, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(str(path), _too_large(max_bytes, size))
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(str(path), f"cannot read: {err.strerror or err}")
        return
    yield from _document(doc_id, data, str(path), seen, html=looks_like_html(path.name, data))


def _jsonl_documents(path: Path, doc_id: str, seen: set[str], fields: Fields, max_bytes: int) -> Iterator:
    """One document per line, read line by line (a JSON Lines file may be far bigger than memory)."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path}:{n}"
            if len(raw) > max_bytes:
                yield Skipped(where, _too_large(max_bytes, len(raw)))
                continue
            line = raw.decode("utf-8", errors="replace")
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield Skipped(where, f"not valid JSON: {err.msg}")
                continue
            if not isinstance(row, dict) or not isinstance(row.get(fields.text), str):
                yield Skipped(where, f"no text field {fields.text!r}")
                continue
            meta = {k: clean(str(row.get(getattr(fields, k)) or "")) for k in ("url", "title", "source")}
            text = row[fields.text]
            for item in _document(str(row.get(fields.id) or f"{doc_id}:{n}"), text.encode("utf-8", "replace"),
                                  where, seen, front_matter=False, html=looks_like_html("", text[:2048].encode())):
                if isinstance(item, Document):
                    item = replace(item, url=item.url or meta["url"], title=item.title or meta["title"],
                                   outlet=item.outlet or meta["source"],
                                   date=normalise_date(str(row.get(fields.date) or "")) or item.date)
                yield item


def _document(doc_id: str, data: bytes, source: str, seen: set[str], front_matter: bool = True,
              html: bool = False) -> Iterator[Document | Skipped | PartlyRead]:
    try:
        text = decode(data)
    except NotText as err:
        yield Skipped(source, str(err))
        return
    meta = {}
    if html:
        text, meta = html_to_text(text)
        text = clean(text)
    if not text.strip():
        yield Skipped(source, "empty document" if not html else "no text in the HTML page")
        return
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else text.rfind(" ", 0, MAX_CHARS)
        yield PartlyRead(source, f"cut to its first {cut:,} of {len(text):,} characters (kg reads at most "
                                 f"{MAX_CHARS:,} per document; split the file to read it all)")
        text = text[:cut]
    if doc_id in seen:
        doc_id = source
    seen.add(doc_id)
    if front_matter and not html:
        text, meta = _front_matter(text)
    yield Document(doc_id, text, source, url=meta.get("url", ""), title=meta.get("title", ""),
                   date=normalise_date(meta.get("date", "")), outlet=meta.get("source", ""))


_FRONT = re.compile(r"\A---\n((?:[A-Za-z_]+:.*\n)+)---\n")


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Front matter of ``key: value`` lines between ``---`` lines at the top; the text is blanked (not
    cut) so character offsets stay those of the file."""
    m = _FRONT.match(text)
    if not m:
        return text, {}
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip().strip('"')
    return re.sub(r"[^\n]", " ", m.group(0)) + text[m.end():], meta


def _with_dateline(doc: Document) -> Document:
    """``doc`` with the outlet and date of its dateline where its metadata has none."""
    found = dateline(doc.text[:200]) if not (doc.outlet and doc.date) else None
    if found is None:
        return doc
    day = doc.date
    if not day and found.date:
        when = resolve(found.date, "")  # only "Nov. 3, 2023": a date without its year is no date
        day = when.start if when and when.start == when.end else ""
    return replace(doc, outlet=doc.outlet or found.outlet, date=day)


def normalise_date(value: str) -> str:
    """An ISO date (``2024-07-31``, ``2024-07-31T10:00:00Z``) -> ``2024-07-31``; "" when not a date."""
    try:
        return Date.fromisoformat(value.strip()[:10]).isoformat() if value.strip() else ""
    except ValueError:
        return ""


def describe_skips(skipped: list[Skipped | PartlyRead]) -> str:
    return "\n".join(f"{'skipped' if isinstance(s, Skipped) else 'partly read'} {s.source}: {s.reason}"
                     for s in skipped)


