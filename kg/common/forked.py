"""A function run in a forked copy of this process while this one goes on with other work.

A build's stages after the parse run on one core while the machine's others idle; where one stage does
not need another's result until late (the RDF graph needs the events only at its end), the first runs
in a fork that inherits this process's objects (no copy, no pickling of the input) and sends back its
result. Without fork (macOS, Windows), or without the memory for a copy, the function runs here when its
result is first asked for, so the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

_job: tuple[Callable, tuple] | None = None  # what the forked process runs: set while it is forked


def copies_that_fit() -> int:
    """How many copies of this process the machine's available memory holds. A forked process that walks
    a large structure copies most of its copy-on-write pages (Python's reference counts), so each costs
    about as much memory as this one; where the figures cannot be read (not Linux), as many as asked."""
    try:
        available = _kib("/proc/meminfo", "MemAvailable:")
        resident = _kib("/proc/self/status", "VmRSS:")
    except (OSError, StopIteration, ValueError):
        return 1 << 16
    return available // max(resident, 1)


def _kib(path: str, field: str) -> int:
    with open(path, encoding="ascii") as fh:
        return int(next(line for line in fh if line.startswith(field)).split()[1])


@contextmanager
def beside(fn: Callable[..., T], *args, fork: bool = True) -> Iterator[Callable[[], T]]:
    """Start ``fn(*args)`` in a forked process (when ``fork`` and the platform and memory allow) and give
    a function that returns its result, waiting for it. Should the fork fail in any way (the result does
    not pickle, the process dies), ``fn`` runs here instead, so an error it raises is raised here."""
    global _job
    result: list = []
    future = pool = None
    if fork and "fork" in multiprocessing.get_all_start_methods() and copies_that_fit() > 1:
        _job = (fn, args)
        try:  # a forking pool starts its process inside submit(), which copies _job
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            future = pool.submit(_run)
        finally:
            _job = None

    def get() -> T:
        if not result:
            if future is None:
                result.append(fn(*args))
            else:
                try:
                    result.append(future.result())
                except Exception:  # noqa: BLE001  (whatever failed in the fork: run here, where an error is raised)
                    result.append(fn(*args))
        return result[0]

    try:
        yield get
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _run():
    fn, args = _job
    return fn(*args)
