"""Exporters, looked up by name. Each writes its file atomically (temporary file, then rename)."""

from __future__ import annotations

import functools
import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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


def for_last_graph(fn: Callable) -> Callable:
    """Memoise ``fn(graph, ...)`` for the last graph it was given (the same object, same size): the
    exports of one build share what they derive from it (the sorted N-Triples statements, the property graph)."""
    last: list = [None, None, None]  # graph, (size, args), result

    @functools.wraps(fn)
    def wrapper(graph: Graph, *args, **kwargs):
        key = (len(graph), args, sorted(kwargs.items()))
        if last[0] is not graph or last[1] != key:
            last[:] = [graph, key, fn(graph, *args, **kwargs)]
        return last[2]
    return wrapper


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

    def add_all(self, names: list[str], graph: Graph, resolved: ResolvedGraph | None, out: Path,
                processes: int = 1) -> dict[str, Path]:
        """Make and stage every format of ``names``; with ``processes`` > 1 (and fork available), in that
        many forked processes that share the graph with this one (no copy, no pickling): the formats
        are independent, and on a large build they cost as much as a quarter of the parse. Formats that
        share work (the four RDF syntaxes, the three property-graph ones) stay in one process."""
        processes = min(processes, copies_that_fit())
        if processes <= 1 or len(names) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return {name: self.add(name, graph, resolved, out) for name in names}
        global _shared
        _shared = (graph, resolved, Path(out))
        groups: dict[str, list[str]] = {}
        for name in names:
            groups.setdefault(SHARED_WORK.get(name, name), []).append(name)
        jobs = sorted(groups.values(), key=lambda g: -sum(_COST.get(n, 1) for n in g))  # longest first
        try:
            with ProcessPoolExecutor(min(processes, len(jobs)), mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_stage_in_child, job) for job in jobs]
                paths: dict[str, Path] = {}
                for future in futures:
                    staged, made = future.result()
                    self.staged += staged
                    paths.update(made)
        finally:
            _shared = None
        return {name: paths[name] for name in names}

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


# formats that share an intermediate (the sorted statements; the property graph) are made in one process
SHARED_WORK = {"turtle": "rdf", "trig": "rdf", "ntriples": "rdf", "jsonld": "rdf",
               "graphml": "property graph", "cypher": "property graph", "neo4j-csv": "property graph"}
_COST = {"turtle": 6, "trig": 1, "ntriples": 1, "jsonld": 1, "graphml": 4, "cypher": 1, "neo4j-csv": 1, "html": 1}
_shared: tuple[Graph, ResolvedGraph | None, Path] | None = None  # what forked export processes inherit


def copies_that_fit() -> int:
    """How many copies of this process the machine's available memory holds. A forked exporter walks
    the whole graph, and Python's reference counts then copy most of its copy-on-write pages, so each
    export process costs about as much memory as the build; with too little room they run in this one.
    Where the figures cannot be read (not Linux), as many as asked."""
    try:
        available = _kib("/proc/meminfo", "MemAvailable:")
        resident = _kib("/proc/self/status", "VmRSS:")
    except (OSError, StopIteration, ValueError):
        return 1 << 16
    return available // max(resident, 1)


def _kib(path: str, field: str) -> int:
    with open(path, encoding="ascii") as fh:
        return int(next(line for line in fh if line.startswith(field)).split()[1])


def _stage_in_child(names: list[str]) -> tuple[list[tuple[Path, Path]], dict[str, Path]]:
    """In a forked process: make ``names`` from the inherited graph into temporary files; the parent
    renames them with the rest at commit (or removes them)."""
    graph, resolved, out = _shared
    staging = Staging()
    made = {name: staging.add(name, graph, resolved, out) for name in names}
    staged, staging.staged = staging.staged, []  # handed to the parent, not removed here
    return staged, made


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
