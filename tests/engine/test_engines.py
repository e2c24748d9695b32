"""Engines: --workers N processes and a Dask cluster give byte for byte the graph of one local process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg import api, engine
from kg import export as exporters
from kg.api import build, extract_documents
from kg.config import Settings
from kg.engine import VersionMismatchError
from kg.engine import local as local_engine
from kg.errors import KgError, UsageError
from kg.graph.build import to_rdf
from kg.ingest import iter_documents, sample_corpus
from kg.resolve.entities import resolve

FORMATS = ("turtle", "trig", "ntriples", "html")
FILES = ("graph.ttl", "graph.trig", "graph.nt", "graph.html")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # two builds, one run time


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build(None, Settings(out=out, formats=FORMATS, batch_size=2))
    return {name: (out / name).read_bytes() for name in FILES}


def outputs(out):
    return {name: (out / name).read_bytes() for name in FILES}


@pytest.mark.slow
def test_two_worker_processes_give_the_same_graph(local, tmp_path, monkeypatch):
    """Parsing in two processes, and the exports shared between two forked processes too."""
    monkeypatch.setattr(api, "PARALLEL_EXPORT", 0)
    _, report = build(None, Settings(out=tmp_path, formats=FORMATS, batch_size=2, workers=2))
    assert report.documents == 7
    assert outputs(tmp_path) == local


def test_exports_stay_in_one_process_without_memory_for_copies(local, tmp_path, monkeypatch):
    """Asked for two export processes where memory holds no copy of the build: one process, same files."""
    def no_pool(*args, **kwargs):
        raise AssertionError("an export process was started")

    monkeypatch.setattr(exporters, "copies_that_fit", lambda: 1)
    monkeypatch.setattr(exporters, "ProcessPoolExecutor", no_pool)
    resolved = resolve(list(extract_documents(iter_documents([sample_corpus()]), Settings())))
    with exporters.Staging() as staging:
        staging.add_all(list(FORMATS), to_rdf(resolved), resolved, tmp_path, processes=2)
        staging.commit()
    assert outputs(tmp_path) == local


def test_copies_that_fit_reads_this_machine():
    assert exporters.copies_that_fit() >= 1


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.mark.slow
def test_dask_cluster_of_two_workers_gives_the_same_turtle(local, cluster, tmp_path):
    from distributed import Client

    _, report = build(None, Settings(out=tmp_path, formats=FORMATS, batch_size=1, engine="dask",
                                     scheduler=cluster.scheduler_address))
    assert report.documents == 7
    assert outputs(tmp_path) == local
    with Client(cluster.scheduler_address) as client:  # both workers parsed: each loaded a pipeline
        loaded = client.run(lambda: __import__("kg.engine").engine.pipeline.cache_info().currsize)
    assert sorted(loaded.values()) == [1, 1]


@pytest.mark.slow
def test_cli_builds_on_a_dask_scheduler(local, cluster, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(tmp_path), "--format", ",".join(FORMATS),
                           "--batch-size", "2", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                           "--quiet"], check=False, capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert outputs(tmp_path) == local


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from kg.engine import dask as dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "3s")  # a client retries until then; 30 s by default
    with pytest.raises(KgError, match="no Dask scheduler at tcp://127.0.0.1:9"):
        build(None, Settings(out=tmp_path, formats=("turtle",), engine="dask", scheduler="tcp://127.0.0.1:9"))
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.slow
def test_a_worker_running_other_rules_is_refused(tmp_path, monkeypatch):
    """This process expects another fingerprint than the one its worker processes compute."""
    real, here = engine.fingerprint, os.getpid()

    def fingerprint(model, rules):  # the parent's differs from what its forked workers compute
        return ("0" * 12 if os.getpid() == here else "") + real(model, rules)

    monkeypatch.setattr(engine, "fingerprint", fingerprint)
    monkeypatch.setattr(local_engine, "fingerprint", fingerprint)
    with pytest.raises(VersionMismatchError, match="other kg code, rules or model"):
        build(None, Settings(out=tmp_path, formats=("turtle",), workers=2, batch_size=2))
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.parametrize("kwargs", [{"workers": 0}, {"scheduler": "tcp://x:1"}, {"engine": "spark"}])
def test_bad_engine_settings(kwargs, tmp_path):
    with pytest.raises(KgError):
        build(None, Settings(out=tmp_path, **kwargs))


def test_scheduler_without_dask_engine_is_refused():
    with pytest.raises(UsageError, match="--engine dask"):
        Settings(scheduler="tcp://x:1")


def _env():
    return {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
