"""Reading inputs: text files, folders (recursively) and standard input, one document at a time.

A file that cannot be read is reported as :class:`Skipped` and the rest go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import InputError
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


def iter_documents(inputs: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Documents from ``inputs`` in a stable order: each input in turn, folders sorted by path.

    Raises InputError for an input path that does not exist (a usage error, not a bad document).
    """
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
                yield _read(file, rel.as_posix(), seen)
        else:
            yield _read(path, path.name, seen)


def _read(path: Path, doc_id: str, seen: set[str]) -> Document | Skipped:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Skipped(str(path), f"cannot read: {err.strerror or err}")
    return _document(doc_id, data, str(path), seen)


def _document(doc_id: str, data: bytes, source: str, seen: set[str]) -> Document | Skipped:
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
    return Document(doc_id, text, source)


def describe_skips(skipped: list[Skipped]) -> str:
    return "\n".join(f"skipped {s.source}: {s.reason}" for s in skipped)


