"""Exporters, looked up by name in one registry (kg.registry): each module of this package registers
its formats with ``@register(name, filename, ...)``; another package can add one through the
``kg_exporters`` entry point group. Every output is written atomically (temporary file, then rename),
and a build's outputs are renamed into place together (:class:`Staging`)."""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from rdflib import Graph

from kg.common.files import temporary
from kg.common.forked import copies_that_fit
from kg.model import ResolvedGraph
from kg.registry import Registry

# function(graph, resolved) -> bytes, or {file name: bytes} for a bundle (a folder of that name).
# ``resolved`` is None when exporting a graph read back from a file (kg export).
Make = Callable[[Graph, ResolvedGraph | None], bytes | dict[str, bytes]]


@dataclass(frozen=True)
class Exporter:
    """An output format: its name, the file (or bundle folder) it writes, and how it is made.

    shares: formats with the same value derive one intermediate (the sorted statements; the property
    graph) and are made in one process; cost: its relative cost, so parallel exports start the longest
    first; needs_build: it needs the build itself (``resolved``), not only a graph read from a file."""

    name: str
    filename: str
    make: Make
    shares: str = ""
    cost: int = 1
    needs_build: bool = False


EXPORTERS: Registry[Exporter] = Registry("export format", "exporters", "kg.export")


def register(name: str, filename: str, *, shares: str = "", cost: int = 1,
             needs_build: bool = False) -> Callable[[Make], Make]:
    """Decorator: register ``make`` as export format ``name`` writing ``filename``."""
    def wrap(make: Make) -> Make:
        EXPORTERS.register(name)(Exporter(name, filename, make, shares or name, cost, needs_build))
        return make
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


def get_exporter(name: str) -> Exporter:
    """The exporter registered as ``name``; UnknownNameError lists the known ones."""
    return EXPORTERS.get(name)


def formats(from_graph: bool = False) -> list[str]:
    """Every export format's name; ``from_graph``: only those that work on a graph read from a file."""
    return [name for name, ex in EXPORTERS.all().items() if not (from_graph and ex.needs_build)]


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
        exporter = get_exporter(name)
        data = exporter.make(graph, resolved)
        path = Path(out) / exporter.filename
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
            groups.setdefault(get_exporter(name).shares, []).append(name)
        jobs = sorted(groups.values(), key=lambda g: -sum(get_exporter(n).cost for n in g))  # longest first
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
        self.staged.append((temporary(path, data), path))

    def commit(self) -> None:
        for tmp, path in self.staged:
            os.replace(tmp, path)
        self.staged = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        for tmp, _ in self.staged:
            Path(tmp).unlink(missing_ok=True)


_shared: tuple[Graph, ResolvedGraph | None, Path] | None = None  # what forked export processes inherit


def _stage_in_child(names: list[str]) -> tuple[list[tuple[Path, Path]], dict[str, Path]]:
    """In a forked process: make ``names`` from the inherited graph into temporary files; the parent
    renames them with the rest at commit (or removes them)."""
    graph, resolved, out = _shared
    staging = Staging()
    made = {name: staging.add(name, graph, resolved, out) for name in names}
    staged, staging.staged = staging.staged, []  # handed to the parent, not removed here
    return staged, made


def remove_stale(out: Path) -> None:
    """Remove temporary files a killed run left in ``out`` and its bundle folders (``.graph.ttl.<random>.tmp``)."""
    out = Path(out)
    for folder in (out, *(out / ex.filename for ex in EXPORTERS.all().values())):
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
