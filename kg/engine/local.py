"""This machine: the batches in this process, or in ``--workers N`` processes (one spaCy pipeline each).

Worker processes parse and extract; only the documents of the batches in flight (two per worker) and
the small results travel between processes, so memory stays bounded however long the stream is.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from kg.config import Settings
from kg.engine import Outcome, extract_batch, fingerprint, in_order, pipeline, register
from kg.model import Document
from kg.rules import load_rules

IN_FLIGHT_PER_WORKER = 2


@register("local")
def run_local(batches: Iterable[list[Document]], settings: Settings, started: str,
              ) -> Iterator[tuple[Document, Outcome]]:
    if settings.workers <= 1:
        for batch in batches:
            _, outcomes = extract_batch(batch, settings, started)
            yield from zip(batch, outcomes)
        return
    rules = load_rules(settings.rule_sources)
    expected = fingerprint(settings.model, rules)
    # the platform's default start method, as spaCy's own n_process uses: fork on Linux (no main-module
    # guard needed), spawn on macOS and Windows (a script then needs ``if __name__ == "__main__":``)
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":  # forked workers share the pipeline loaded here
        pipeline(settings.model, rules)
    with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
        yield from in_order(batches, lambda batch: pool.submit(extract_batch, batch, settings, started),
                            settings.workers * IN_FLIGHT_PER_WORKER, expected, "a worker process")
