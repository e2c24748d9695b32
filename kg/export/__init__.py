"""Exporters, looked up by name. Each writes its file atomically (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from kg.errors import UnknownNameError
from kg.model import ResolvedGraph

# name -> (file name, function(graph, resolved) -> bytes). Modules register themselves on import.
# An exporter that returns {file name: bytes} writes a bundle: a folder of that name holding those files.
# ``resolved`` is None when exporting a graph read back from a file (kg export): only the build's own
# outputs (html, merges) need it.
Exporter = Callable[[Graph, ResolvedGraph | None], bytes | dict[str, bytes]]
EXPORTERS: dict[str, tuple[str, Exporter]] = {}


def register(name: str, filename: str) -> Callable[[Exporter], Exporter]:
    def wrap(fn: Exporter) -> Exporter:
        EXPORTERS[name] = (filename, fn)
        return fn
    return wrap


def get_exporter(name: str) -> tuple[str, Exporter]:
    _load_builtin()
    if name not in EXPORTERS:
        raise UnknownNameError("export format", name, list(EXPORTERS))
    return EXPORTERS[name]


def export(name: str, graph: Graph, resolved: ResolvedGraph | None, out: Path) -> Path:
    """Write format ``name`` into folder ``out``; the previous file stays intact until the new one is complete."""
    filename, fn = get_exporter(name)
    data = fn(graph, resolved)
    path = Path(out) / filename
    if isinstance(data, dict):
        for member, content in sorted(data.items()):
            write_atomic(path / member, content)
    else:
        write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _load_builtin() -> None:
    from kg.export import graphml, html, merges, neo4j, rdf_formats, turtle  # noqa: F401  (registration on import)
