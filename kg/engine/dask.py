"""A Dask distributed cluster: ``kg build --engine dask --scheduler tcp://HOST:8786``.

Batches of documents are submitted to the cluster (at most two per worker thread in flight, so the
client streams a corpus of any size), each worker parses and extracts with its own spaCy pipeline
(loaded once per worker process), and the results come back in input order to be resolved and
exported here, exactly as a local build does. Without ``--scheduler`` a LocalCluster of ``--workers``
processes is started on this machine.

Every worker needs the same kg version and spaCy model installed (a result from a worker running other
code or rules is refused), and any ``--gazetteer``/``--aliases`` file at the same path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from kg.config import Settings
from kg.engine import Outcome, extract_batch, fingerprint, in_order, register
from kg.errors import DependencyMissingError, ServerUnreachableError
from kg.model import Document
from kg.rules import load_rules

IN_FLIGHT_PER_THREAD = 2
CONNECT_TIMEOUT = "30s"  # how long a client tries to reach a scheduler at --scheduler before giving up


@register("dask")
def run_dask(batches: Iterable[list[Document]], settings: Settings, started: str,
             ) -> Iterator[tuple[Document, Outcome]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DependencyMissingError("the dask engine needs Dask distributed: pip install 'kg[dask]'") from None
    expected = fingerprint(settings.model, load_rules(settings.rule_sources))
    with ExitStack() as stack:
        if settings.scheduler:
            try:
                client = stack.enter_context(Client(settings.scheduler, timeout=CONNECT_TIMEOUT))
            except OSError as err:
                raise ServerUnreachableError(f"no Dask scheduler at {settings.scheduler}: {err}; is it running and "
                                             "the address right?") from None
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=settings.workers, threads_per_worker=1,
                                                       processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        threads = max(sum(client.nthreads().values()), 1)
        yield from in_order(batches, lambda batch: client.submit(extract_batch, batch, settings, started, pure=False),
                            threads * IN_FLIGHT_PER_THREAD, expected, "a Dask worker")
