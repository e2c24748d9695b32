"""Reading inputs: text files, JSON Lines files, folders (recursively) and standard input, one document
at a time, with their metadata.

- A text file may open with front matter (``---`` lines around ``title: …``, ``date: …``, ``url: …``,
  ``source: …``); the text after it is the document.
- A ``.jsonl`` file holds one document per line: a JSON object with ``text`` and optionally ``id``,
  ``url``, ``title``, ``date``, ``source`` (field names configurable with :class:`Fields`).
- A news dateline ("CAIRO, March 3, 2024 (Reuters) - …") gives the date (when it has a year) and the
  outlet of a document whose metadata lacks them.
- A date is normalised to ``YYYY-MM-DD``; a document without one takes the build's default date.

A file or line that cannot be read is reported as :class:`Skipped` and the rest go on.
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

from kg.errors import InputError
from kg.ingest.dateline import dateline
from kg.model import Document

STDIN = "-"


@dataclass(frozen=True)
class Skipped:
    """An input that gave no document, and why."""

    source: str
    reason: str


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
                raise InputError(f"--field takes PART=NAME with PART one of {', '.join(cls.__dataclass_fields__)}, "
                                 f"got {spec!r}")
            names[part] = field
        return cls(**names)


def iter_documents(inputs: Iterable[str | Path], fields: Fields = Fields(),
                   default_date: str = "") -> Iterator[Document | Skipped]:
    """Documents from ``inputs`` in a stable order: each input in turn, folders sorted by path.
    A document with no date of its own takes ``default_date``.

    Raises InputError for an input path that does not exist (a usage error, not a bad document).
    """
    for item in _iter_documents(inputs, fields):
        if isinstance(item, Document):
            item = _with_dateline(item)
        if isinstance(item, Document) and not item.date and default_date:
            item = replace(item, date=default_date)
        yield item


def _iter_documents(inputs: Iterable[str | Path], fields: Fields) -> Iterator[Document | Skipped]:
    inputs = [str(i) for i in inputs]
    for raw in inputs:
        if raw != STDIN and not Path(raw).exists():
            raise InputError(f"input not found: {raw}")
    seen: set[str] = set()
    for raw in inputs:
        if raw == STDIN:
            yield _document("stdin", sys.stdin.buffer.read(), "<stdin>", seen)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = file.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                yield from _read(file, rel.as_posix(), seen, fields)
        else:
            yield from _read(path, path.name, seen, fields)


def _read(path: Path, doc_id: str, seen: set[str], fields: Fields) -> Iterator[Document | Skipped]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(str(path), f"cannot read: {err.strerror or err}")
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_documents(doc_id, data, str(path), seen, fields)
    else:
        yield _document(doc_id, data, str(path), seen)


def _jsonl_documents(doc_id: str, data: bytes, source: str, seen: set[str],
                     fields: Fields) -> Iterator[Document | Skipped]:
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"not valid JSON: {err.msg}")
            continue
        if not isinstance(row, dict) or not isinstance(row.get(fields.text), str):
            yield Skipped(where, f"no text field {fields.text!r}")
            continue
        item = _document(str(row.get(fields.id) or f"{doc_id}:{n}"), row[fields.text].encode("utf-8"), where, seen,
                         front_matter=False)
        if isinstance(item, Document):
            meta = {k: str(row.get(getattr(fields, k)) or "") for k in ("url", "title", "source")}
            item = replace(item, url=meta["url"], title=meta["title"], outlet=meta["source"],
                           date=normalise_date(str(row.get(fields.date) or "")))
        yield item


def _document(doc_id: str, data: bytes, source: str, seen: set[str],
              front_matter: bool = True) -> Document | Skipped:
    if b"\x00" in data[:4096]:
        return Skipped(source, "binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(source, "empty document")
    if doc_id in seen:
        doc_id = source
    seen.add(doc_id)
    meta = {}
    if front_matter:
        text, meta = _front_matter(text)
    return Document(doc_id, text, source, url=meta.get("url", ""), title=meta.get("title", ""),
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
        from kg.extract.dates import (
            resolve,  # only "Nov. 3, 2023": a date without its year is no date
        )

        when = resolve(found.date, "")
        day = when.start if when and when.start == when.end else ""
    return replace(doc, outlet=doc.outlet or found.outlet, date=day)


def normalise_date(value: str) -> str:
    """An ISO date (``2024-07-31``, ``2024-07-31T10:00:00Z``) -> ``2024-07-31``; "" when not a date."""
    try:
        return Date.fromisoformat(value.strip()[:10]).isoformat() if value.strip() else ""
    except ValueError:
        return ""


def describe_skips(skipped: list[Skipped]) -> str:
    return "\n".join(f"skipped {s.source}: {s.reason}" for s in skipped)


