"""Exporters, looked up by name. Each writes its file atomically (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Self

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
    with Staging() as staging:
        path = staging.add(name, graph, resolved, out)
        staging.commit()
    return path


class Staging:
    """Outputs written to temporary files beside their targets and renamed into place together at
    :meth:`commit`, so an error or an interrupt (Ctrl-C, a kill) while any of them is made leaves every
    previous output as it was. Used as a context manager: temporary files not committed are removed."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, target)

    def add(self, name: str, graph: Graph, resolved: ResolvedGraph | None, out: Path) -> Path:
        """Make format ``name`` and stage it; returns the path it will have."""
        filename, fn = get_exporter(name)
        data = fn(graph, resolved)
        path = Path(out) / filename
        if isinstance(data, dict):
            for member, content in sorted(data.items()):
                self.write(path / member, content)
        else:
            self.write(path, data)
        return path

    def write(self, path: Path, data: bytes) -> None:
        self.staged.append((_temporary(path, data), path))

    def commit(self) -> None:
        for tmp, path in self.staged:
            os.replace(tmp, path)
        self.staged = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        for tmp, _ in self.staged:
            Path(tmp).unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    os.replace(_temporary(path, data), path)


def remove_stale(out: Path) -> None:
    """Remove temporary files a killed run left in ``out`` and its bundle folders (``.graph.ttl.<random>.tmp``)."""
    _load_builtin()
    out = Path(out)
    for folder in (out, *(out / filename for filename, _ in EXPORTERS.values())):
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)


def _temporary(path: Path, data: bytes) -> str:
    """``data`` in a new file beside ``path``, flushed to disk, with the permissions a new file gets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes files private (0600); outputs are ordinary files
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _load_builtin() -> None:
    from kg.export import graphml, html, merges, neo4j, rdf_formats  # noqa: F401  (registration on import)
