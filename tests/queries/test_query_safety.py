"""`kg query` and `kg validate` on what a careless user or a hostile file gives them: queries that would
reach other servers or files (refused unless --allow-remote), files that are not RDF (exit 3, a clear
message, no traceback), RDF/XML that expands without bound, JSON-LD that points elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from rdflib import Graph
from servers.recording_store import recording_store  # noqa: F401  (a fixture)

from kg import queries
from kg.api import build
from kg.config import Settings
from kg.errors import QueryError

SERVICE = "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
FROM = "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }} LIMIT 1"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build(None, Settings(out=out, formats=("turtle", "trig", "ntriples", "jsonld")))
    return out


def kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("template, word", [(SERVICE, "SERVICE"), (FROM, "FROM"),
                                            ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM"),
                                            ("PREFIX x: <{url}> SELECT * WHERE {{ SERVICE SILENT x:y {{ ?s ?p ?o }} }}",
                                             "SERVICE")])
def test_queries_stay_local(out, recording_store, engine, template, word):  # noqa: F811
    query = template.format(url=f"{recording_store.base}/query")
    run = kg("query", query, "--graph", str(out / "graph.ttl"), "--engine", engine)
    assert run.returncode == 2 and word in run.stderr and "--allow-remote" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert recording_store.seen == []


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_file_url_in_from_is_not_read(out, engine):
    with pytest.raises(QueryError, match="FROM file://"):
        queries.execute(FROM.format(url=(out / "graph.nt").resolve().as_uri()), out / "graph.ttl", engine)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_from_a_graph_the_file_holds_is_local(out, engine):
    doc = queries.dataset(out / "graph.trig")
    name = min(g.identifier for g in doc.graphs() if g.identifier != doc.default_graph.identifier)
    printed = queries.execute(f"SELECT (COUNT(*) AS ?n) FROM <{name}> WHERE {{ ?s ?p ?o }}", out / "graph.trig", engine)
    assert int(printed.split()[-1]) == len(doc.graph(name)) > 0


def test_allow_remote_lets_a_service_through(out, recording_store):  # noqa: F811
    """With --allow-remote the query does reach the server (here a recording store, which answers it)."""
    recording_store.store.update("INSERT DATA { <urn:a> <urn:b> 'remote' }")
    printed = queries.execute(SERVICE.format(url=f"{recording_store.base}/query"), out / "graph.ttl", "rdflib",
                              options=queries.QueryOptions(allow_remote=True))
    assert recording_store.paths("/query") and "remote" in printed


# Named ids: pytest puts a test's id in the environment (PYTEST_CURRENT_TEST), and an id made of 2 MB of
# "x" makes every subprocess the test starts fail with E2BIG (pytest 9.0 spells bytes out in ids).
@pytest.mark.parametrize("engine", ["auto", "rdflib", "oxigraph"])
@pytest.mark.parametrize("content, suffix", [(b"hello, this is not rdf {{{\n", ".ttl"), (b"\x00\x01\x02binary", ".nt"),
                                             (b"not json", ".jsonld"), (b"<html><body>a page</body></html>", ".rdf"),
                                             (b"@prefix : <x> .\n:a :b", ".trig"), (b"x" * (2 << 20), ".ttl")],
                         ids=["ttl", "binary", "json", "html", "trig", "2mb"])
def test_a_file_that_is_not_rdf_is_an_input_error(tmp_path, engine, content, suffix):
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(content)
    run = kg("query", "leaders", "--graph", str(path), "--engine", engine)
    assert run.returncode == 3, run.stderr
    assert "[E007]" in run.stderr and "is not a graph kg can read" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_kg_validate_on_a_file_that_is_not_rdf(tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    path.write_text("this is plain prose, not a graph.\n", encoding="utf-8")
    run = kg("validate", str(path))
    assert run.returncode == 3 and "[E007]" in run.stderr and "Traceback" not in run.stderr
    assert "conform" not in run.stdout


def _laughs(levels: int = 9) -> str:
    """A billion laughs in under a kilobyte."""
    text = '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY e0 "' + "lol" * 20 + '">\n'
    for i in range(1, levels + 1):
        text += f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">\n'
    return text + (']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">'
                   f'<rdf:Description rdf:about="http://ex/s"><ex:p>&e{levels};</ex:p></rdf:Description></rdf:RDF>\n')


def _deep(levels: int) -> str:
    return ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://ex/">' + "<rdf:Description><ex:p>" * levels + "x" + "</ex:p></rdf:Description>" * levels
            + "</rdf:RDF>\n")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("text, reason", [(_laughs(), "entity"), (_deep(5000), "nested deeper")],
                         ids=["billion-laughs", "deep-nesting"])  # short ids: pytest puts the id in the
# environment of the kg it runs (PYTEST_CURRENT_TEST), where a 120 KB one is over the kernel's limit
def test_rdf_xml_that_expands_without_bound_is_refused_at_once(tmp_path, engine, text, reason):
    path = tmp_path / "bomb.rdf"
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) < 1024 or reason == "nested deeper"
    started = time.monotonic()
    run = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(path), "--engine", engine,
             timeout=120)
    assert run.returncode == 3 and reason in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_plain_rdf_xml_is_still_read(out, tmp_path, engine):
    path = tmp_path / "graph.rdf"
    Graph().parse(out / "graph.nt").serialize(path, format="xml")
    assert queries.execute("leaders", path, engine).splitlines()[0].split()[:2] == ["organisation", "leader"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_remote_json_ld_context_is_not_fetched(tmp_path, recording_store, engine):  # noqa: F811
    path = tmp_path / "graph.jsonld"
    context = f"{recording_store.base}/context.jsonld"
    path.write_text(json.dumps({"@context": context, "@id": "http://ex/s", "name": "x"}), encoding="utf-8")
    run = kg("query", "leaders", "--graph", str(path), "--engine", engine)
    assert run.returncode == 3 and "[E007]" in run.stderr and "Traceback" not in run.stderr
    assert recording_store.seen == []
