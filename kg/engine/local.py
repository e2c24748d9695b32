"""This machine: the batches in this process, or in ``--workers N`` processes (one spaCy pipeline each).

Worker processes parse and extract; only the documents of the batches in flight (two per worker) and
the small results travel between processes, so memory stays bounded however long the stream is.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from kg.config import Settings
from kg.engine import Outcome, extract_batch, fingerprint, in_order, pipeline, register
from kg.model import Document
from kg.rules import Rules, RuleSources, load_rules

IN_FLIGHT_PER_WORKER = 2


@register("local")
def run_local(batches: Iterable[list[Document]], settings: Settings, started: str,
              ) -> Iterator[tuple[Document, Outcome]]:
    rules = load_rules(settings.rule_sources)  # once for the run, not once a batch
    if settings.workers <= 1:
        for batch in batches:
            _, outcomes = extract_batch(batch, settings, started, rules)
            yield from zip(batch, outcomes)
        return
    expected = fingerprint(settings.model, rules)
    # the platform's default start method, as spaCy's own n_process uses: fork on Linux (no main-module
    # guard needed), spawn on macOS and Windows (a script then needs ``if __name__ == "__main__":``)
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":  # forked workers share the pipeline loaded here
        pipeline(settings.model, rules)
    with _frozen(), ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_start_worker,
                                        initargs=(os.getpid(), settings.rule_sources)) as pool:
        yield from in_order(batches, lambda batch: pool.submit(_worker_batch, batch, settings, started),
                            settings.workers * IN_FLIGHT_PER_WORKER, expected, "a worker process")


_worker_rules: list[Rules] = []  # in a worker process: the rules of its run, read when it starts


def _start_worker(parent: int, sources: RuleSources) -> None:
    die_with_parent(parent)
    _worker_rules[:] = [load_rules(sources)]


def _worker_batch(batch: list[Document], settings: Settings, started: str) -> tuple[str, list[Outcome]]:
    return extract_batch(batch, settings, started, _worker_rules[0] if _worker_rules else None)


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects of this process (the pipeline, the rules' tables) out of the garbage collector's
    sight while the workers run: a forked worker's collections then never walk the inherited heap (nor
    copy its pages by touching their headers). Unfrozen after, so a caller's later garbage is collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """In a worker process: end when the process that started it ends, however it ends (a SIGKILL of
    ``kg build`` must not leave workers of 170 MB each running for ever). Linux delivers SIGKILL on the
    parent's death (prctl PR_SET_PDEATHSIG); elsewhere, a thread checks the parent is still there. Only
    there: a second thread in the worker, though it sleeps, made the parse about 8% slower on the
    benchmark's 1,000 articles at two workers."""
    signalled = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            signalled = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    if signalled:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()
