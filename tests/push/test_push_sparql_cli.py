"""`kg push sparql` as a user runs it: a build folder (Turtle) and a store (TriG) pushed into a real
Oxigraph server, counted over HTTP, twice."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import RDF, URIRef

from kg.api import build
from kg.config import Settings
from kg.ingest import sample_corpus
from kg.namespace import KG
from kg.push.sparql import count_graphs, count_triples
from kg.queries import load


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("formats", [("turtle",), ("trig",)])
def test_kg_push_sparql_sends_every_triple_and_twice_changes_nothing(oxigraph, tmp_path, formats):
    out = tmp_path / "out"
    build(None, Settings(out=out, formats=formats))
    graph = load(out)
    triples, documents = len(graph), len(set(graph.subjects(RDF.type, KG.Document)))
    for _ in range(2):
        run = kg("push", "sparql", "--endpoint", oxigraph.store, "--from", str(out))
        assert run.returncode == 0, run.stderr
        assert f"pushed {triples} triples in {documents} named graphs" in run.stdout
        assert count_triples(oxigraph.query) == triples
        assert count_graphs(oxigraph.query) == documents > 0


def test_kg_push_sparql_to_a_closed_port_is_a_clear_error(tmp_path):
    build(None, Settings(out=tmp_path, formats=("turtle",)))
    run = kg("push", "sparql", "--endpoint", "http://127.0.0.1:9/store", "--from", str(tmp_path))
    assert run.returncode == 4 and "127.0.0.1:9" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.slow
def test_kg_push_sparql_prune_after_kg_remove(oxigraph, tmp_path):
    """The README's loop: build a store, push it, remove an article, push again with --prune: the article's
    evidence leaves the server; without --prune it stays."""
    oxigraph.run_update("DROP ALL")
    store = tmp_path / "store"
    build([sample_corpus()], Settings(into=store, formats=("trig",)))
    graph = load(store)
    docs = sorted(str(d) for d in graph.subjects(RDF.type, KG.Document))
    assert kg("push", "sparql", "--endpoint", oxigraph.store, "--from", str(store)).returncode == 0
    first = docs[0]
    assert kg("remove", str(graph.value(URIRef(first), KG.path)), "--from", str(store), "--quiet").returncode == 0
    kept = kg("push", "sparql", "--endpoint", oxigraph.store, "--from", str(store))
    assert kept.returncode == 0, kept.stderr
    assert oxigraph.count(f"GRAPH <{first}> {{ ?ev a kg:Evidence }}") > 0
    pruned = kg("push", "sparql", "--endpoint", oxigraph.store, "--from", str(store), "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert "1 stale document graphs dropped" in pruned.stdout
    assert oxigraph.count(f"GRAPH <{first}> {{ ?s ?p ?o }}") == 0
    assert count_graphs(oxigraph.query) == len(docs) - 1


@pytest.mark.parametrize("endpoint", ["data:,x", "file:///tmp/x#", "localhost:7878/store"])
def test_kg_push_sparql_refuses_what_is_not_http(tmp_path, endpoint):
    build(None, Settings(out=tmp_path, formats=("turtle",)))
    run = kg("push", "sparql", "--endpoint", endpoint, "--from", str(tmp_path))
    assert run.returncode == 2 and "http://" in run.stderr and "Traceback" not in run.stderr
    assert "pushed" not in run.stdout
