"""Exports beside Turtle, the query pack, `kg query` and `kg validate` on a built sample."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from kg import queries
from kg.api import build
from kg.config import Settings
from kg.namespace import KG


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build(None, Settings(out=out))
    return out


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True, text=True,
                          timeout=300)


def test_every_export_holds_the_same_graph(out):
    turtle = Graph().parse(out / "graph.ttl", format="turtle")
    for name, fmt in (("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        other = Graph().parse(out / name, format=fmt)
        assert len(other) == len(turtle), name
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert sum(len(g) for g in ds.graphs()) == len(turtle)


def test_trig_keeps_each_documents_evidence_in_its_own_graph(out):
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    docs = set(Graph().parse(out / "graph.ttl", format="turtle").subjects(RDF.type, KG.Document))
    named = {g.identifier for g in ds.graphs() if isinstance(g.identifier, URIRef) and g.identifier in docs}
    assert named == docs
    for g in ds.graphs():
        if g.identifier in docs:
            assert all(o == g.identifier for _, o in g.subject_objects(KG.document))


@pytest.mark.parametrize("name", sorted(queries.pack()))
def test_every_pack_query_returns_rows_on_the_sample(out, name):
    rows = list(queries.run(name, queries.dataset(out / "graph.ttl")))
    assert rows, f"{name} returned nothing"


def test_queries_run_on_trig_too(out):
    assert list(queries.run("who-met-whom", queries.dataset(out / "graph.trig")))


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"])
def test_every_file_is_read_as_a_store_holds_it(out, name):
    """The default graph without the evidence, each document's node and evidence in its own named graph."""
    ds = queries.dataset(out / name)
    docs = {s for s, _, _, _ in ds.quads((None, RDF.type, KG.Document, None))}
    assert not set(ds.default_graph.subjects(RDF.type, KG.Evidence)) and not set(
        ds.default_graph.subjects(RDF.type, KG.Document))
    named = {g.identifier for g in ds.graphs() if g.identifier != ds.default_graph.identifier}
    assert named == docs and len(docs) == 7
    assert sum(len(g) for g in ds.graphs()) == len(Graph().parse(out / "graph.ttl"))


def test_kg_query_prints_table_csv_and_json(out):
    table = kg("query", "leaders", "--graph", str(out / "graph.ttl"))
    assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:2] == ["organisation", "leader"]
    csv = kg("query", "leaders", "--graph", str(out / "graph.ttl"), "--output", "csv")
    assert csv.stdout.splitlines()[0] == "organisation,leader,titles"
    js = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(out / "graph.ttl"),
            "--output", "json")
    assert int(json.loads(js.stdout)["results"]["bindings"][0]["n"]["value"]) > 1000
    bad = kg("query", "SELECT nonsense", "--graph", str(out / "graph.ttl"))
    assert bad.returncode == 2 and "query failed" in bad.stderr
    unknown = kg("query", "no-such-query", "--graph", str(out / "graph.ttl"))
    assert unknown.returncode == 2 and "who-met-whom" in unknown.stderr


@pytest.mark.parametrize("name", sorted(queries.pack()))
@pytest.mark.parametrize("graph", ["graph.ttl", "graph.trig", "graph.nt"])
def test_oxigraph_engine_gives_rdflibs_rows(out, name, graph):
    """Every pack query, on every RDF format: Oxigraph gives rdflib's header and rows (rows whose ORDER BY
    keys tie may come in another order)."""
    ox_lines = queries.execute(name, out / graph, "oxigraph").splitlines()
    rdflib_lines = queries.table(queries.run(name, queries.dataset(out / graph))).splitlines()
    assert ox_lines[:2] == rdflib_lines[:2]
    assert sorted(ox_lines[2:]) == sorted(rdflib_lines[2:]) and len(ox_lines) > 2


def test_kg_query_with_the_oxigraph_engine(out):
    csv = kg("query", "leaders", "--graph", str(out), "--engine", "oxigraph", "--output", "csv")
    assert csv.returncode == 0 and csv.stdout.splitlines()[0] == "organisation,leader,titles"
    js = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", "--graph",
            str(out / "graph.ttl"), "--engine", "oxigraph", "--output", "json")
    assert int(json.loads(js.stdout)["results"]["bindings"][0]["n"]["value"]) == len(
        Graph().parse(out / "graph.ttl"))
    ask = kg("query", "ASK { GRAPH ?d { ?d a <https://w3id.org/kg-news/ontology#Document> } }", "--graph",
             str(out / "graph.nt"), "--engine", "oxigraph")
    assert ask.stdout.split()[-1] == "true"
    bad = kg("query", "SELECT nonsense", "--graph", str(out / "graph.ttl"), "--engine", "oxigraph")
    assert bad.returncode == 2 and "query failed" in bad.stderr
    construct = kg("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--graph", str(out / "graph.ttl"),
                   "--engine", "oxigraph")
    assert construct.returncode == 2 and "SELECT and ASK" in construct.stderr


def test_auto_engine_takes_oxigraph_for_select_and_ask_on_large_graphs(out, monkeypatch):
    assert queries.choose_engine("who-met-whom", out / "graph.ttl") == "rdflib"  # the sample is small
    monkeypatch.setattr(queries, "OXIGRAPH_FROM_BYTES", (out / "graph.ttl").stat().st_size)
    assert queries.choose_engine("who-met-whom", out / "graph.ttl") == "oxigraph"
    assert queries.choose_engine("ASK { ?s ?p ?o }", out) == "oxigraph"  # a build folder: its graph.trig
    assert queries.choose_engine("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", out / "graph.ttl") == "rdflib"
    assert queries.choose_engine("SELECT nonsense", out / "graph.ttl") == "rdflib"  # rdflib reports it
    monkeypatch.setattr(queries, "OXIGRAPH_FROM_BYTES", (out / "graph.ttl").stat().st_size + 1)
    assert queries.choose_engine("who-met-whom", out / "graph.ttl") == "rdflib"


def test_kg_validate_exit_codes(out, tmp_path):
    good = kg("validate", str(out / "graph.ttl"))
    assert good.returncode == 0 and "conforms" in good.stdout
    g = Graph().parse(out / "graph.ttl", format="turtle")
    doc = next(g.subjects(RDF.type, KG.Document))
    g.remove((doc, KG.contentHash, None))
    g.serialize(tmp_path / "broken.ttl", format="turtle")
    broken = kg("validate", str(tmp_path / "broken.ttl"))
    assert broken.returncode == 6 and "does NOT conform" in broken.stdout
    assert kg("validate", str(tmp_path / "missing.ttl")).returncode == 3
