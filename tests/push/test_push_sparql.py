"""Pushing a build into a SPARQL store over HTTP: a real Oxigraph server checks the counts and the
facts after a push (Graph Store Protocol and the SPARQL Update fallback); a small recording server checks
what goes over the wire; the rest checks the errors a user sees."""

from __future__ import annotations

import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace
from rdflib.compare import isomorphic
from servers import free_port
from servers.oxigraph import PREFIXES
from servers.recording_store import RecordingStore

from kg.api import build
from kg.config import Settings
from kg.errors import (
    ServerRefusedError,
    ServerUnreachableError,
    UnknownNameError,
    UsageError,
)
from kg.namespace import KG
from kg.push import sparql
from kg.push.sparql import count_graphs, count_triples, push_sparql, select
from kg.queries import load

BUILD_GRAPH = "https://example.org/graph/news"
EX = Namespace("https://example.org/")



@pytest.fixture
def store(oxigraph):
    """The server, emptied before each test."""
    oxigraph.run_update("DROP ALL")
    return oxigraph


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Dataset:
    """The sample corpus built once, as the dataset kg writes to graph.trig."""
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build(None, Settings(out=out, formats=("trig",)))
    return load(out / "graph.trig")


def quads(ds: Dataset) -> int:
    return sum(1 for _ in ds.quads((None, None, None, None)))


def distinct_triples(ds: Dataset) -> int:
    return len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})


def documents(ds: Dataset) -> set[str]:
    return {str(doc) for doc in ds.subjects(RDF.type, KG.Document)}


# --- a real store --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_per_document_replace_is_exact_and_idempotent(store, built):
    docs = documents(built)
    assert docs and quads(built) > len(built.default_graph) > 0
    first = push_sparql(built, store.store)
    assert first == sparql.SparqlPushReport(graphs=len(docs), triples=quads(built), endpoint=store.store,
                                            method="graph store protocol")
    assert count_triples(store.query) == quads(built)
    assert count_graphs(store.query) == len(docs)
    assert {row["g"] for row in select(store.query, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")} == docs
    assert store.count("?s ?p ?o") == len(built.default_graph)

    assert push_sparql(built, store.store) == first
    assert count_triples(store.query) == quads(built)
    assert count_graphs(store.query) == len(docs)


@pytest.mark.slow
def test_pushed_facts_answer_queries(store, built):
    push_sparql(built, store.store)
    hamas = select(store.query, f'{PREFIXES}SELECT ?e WHERE {{ ?e rdfs:label "Hamas" }}')
    assert [row["e"] for row in hamas] == ["https://w3id.org/kg-news/id/organization/hamas"]
    evidence = store.count("GRAPH ?g { ?ev a kg:Evidence }")
    assert evidence == len(set(built.subjects(RDF.type, KG.Evidence))) > 0
    assert store.count("GRAPH ?g { ?ev a kg:Evidence } FILTER NOT EXISTS { GRAPH ?g { ?ev kg:sentence ?s } }") == 0
    assert store.count("GRAPH ?g { ?ev a kg:Evidence ; kg:document ?doc } FILTER (?g != ?doc)") == 0
    assert store.count("?ev a kg:Evidence") == 0  # provenance stays out of the default graph


@pytest.mark.slow
def test_per_build_puts_everything_in_one_graph(store, built):
    report = push_sparql(built, store.store, graph=BUILD_GRAPH, per="build")
    assert (report.graphs, report.triples) == (1, distinct_triples(built))
    assert count_graphs(store.query) == 1
    assert store.count(f"GRAPH <{BUILD_GRAPH}> {{ ?s ?p ?o }}") == distinct_triples(built)
    assert count_triples(store.query) == distinct_triples(built)


@pytest.mark.slow
def test_per_document_with_graph_moves_the_default_graph(store, built):
    report = push_sparql(built, store.store, graph=BUILD_GRAPH)
    assert report.graphs == len(documents(built)) + 1
    assert store.count("?s ?p ?o") == 0
    assert store.count(f"GRAPH <{BUILD_GRAPH}> {{ ?s ?p ?o }}") == len(built.default_graph)
    assert count_triples(store.query) == quads(built)


@pytest.mark.slow
@pytest.mark.parametrize("per, graph", [("build", BUILD_GRAPH), ("document", None)])
def test_add_twice_is_a_set(store, built, per, graph):
    """POST adds, but a store holds each triple of a graph once: a second add changes nothing (the build
    has no blank nodes, which would be new nodes each time)."""
    expected = distinct_triples(built) if per == "build" else quads(built)
    for _ in range(2):
        report = push_sparql(built, store.store, graph=graph, per=per, mode="add")
        assert report.triples == expected
        assert count_triples(store.query) == expected


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/store", "/no-such-path"])
def test_replace_drops_what_the_build_no_longer_has(store, built, path):
    doc = min(documents(built))
    store.run_update(f"INSERT DATA {{ <{EX.stale}> <{EX.p}> 1 . GRAPH <{doc}> {{ <{EX.stale}> <{EX.p}> 2 }} }}")
    push_sparql(built, store.base + path, update_endpoint=store.update)
    assert count_triples(store.query) == quads(built)
    assert store.count(f"{{ <{EX.stale}> ?p ?o }} UNION {{ GRAPH ?g {{ <{EX.stale}> ?p ?o }} }}") == 0


@pytest.mark.slow
@pytest.mark.parametrize("batch", [sparql.BATCH, 100])
def test_sparql_update_fallback_is_exact(store, built, monkeypatch, batch):
    monkeypatch.setattr(sparql, "BATCH", batch)
    for _ in range(2):
        report = push_sparql(built, f"{store.base}/no-such-path", update_endpoint=store.update)
        assert (report.method, report.endpoint) == ("sparql update", store.update)
        assert (report.graphs, report.triples) == (len(documents(built)), quads(built))
        assert count_triples(store.query) == quads(built)
        assert count_graphs(store.query) == len(documents(built))
    report = push_sparql(built, f"{store.base}/no-such-path", update_endpoint=store.update, per="build",
                         graph=BUILD_GRAPH, mode="add")
    assert store.count(f"GRAPH <{BUILD_GRAPH}> {{ ?s ?p ?o }}") == distinct_triples(built)


@pytest.mark.slow
def test_missing_endpoint_without_update_endpoint_says_so(store):
    url = f"{store.base}/no-such-path"
    with pytest.raises(ServerRefusedError, match=r"(?s)no-such-path\?default failed with HTTP 404.*update_endpoint"):
        push_sparql(tiny(), url, query_endpoint=store.query)


def _without(ds: Dataset, doc: str) -> Dataset:
    """``ds`` less one document's graph (as after kg remove; the shared triples are left as they were)."""
    out = Dataset()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if str(g.identifier if isinstance(g, Graph) else g) != doc:
            (out.default_graph if g is None or g == ds.default_graph.identifier else out.graph(g)).add((s, p, o))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/store", "/no-such-path"])
def test_prune_drops_only_the_graphs_of_documents_kg_pushed_before(store, built, path):
    docs = sorted(documents(built))
    push_sparql(built, store.base + path, update_endpoint=store.update)
    theirs = "urn:theirs:graph"
    store.run_update(f"INSERT DATA {{ GRAPH <{theirs}> {{ <{EX.x}> a <{KG.Document}> }} "
                     f"GRAPH <{EX.report}> {{ <{EX.report}> <{EX.p}> 1 }} }}")
    smaller = _without(built, docs[0])
    kept = push_sparql(smaller, store.base + path, update_endpoint=store.update)  # no prune: it stays
    assert kept.pruned == 0 and store.count(f"GRAPH <{docs[0]}> {{ ?s ?p ?o }}") > 0
    report = push_sparql(smaller, store.base + path, update_endpoint=store.update, prune=True)
    assert report.pruned == 1 and "1 stale document graphs dropped" in report.summary()
    assert store.count(f"GRAPH <{docs[0]}> {{ ?s ?p ?o }}") == 0
    assert {row["g"] for row in select(store.query, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")} == {
        *docs[1:], theirs, str(EX.report)}
    assert push_sparql(smaller, store.base + path, update_endpoint=store.update, prune=True).pruned == 0


# --- the wire --------------------------------------------------------------------------------------------

def tiny() -> Dataset:
    ds = Dataset()
    ds.default_graph.add((EX.a, RDFS.label, Literal('say "hi"\nthen go', lang="en")))
    ds.graph(EX["doc/1?lang=en&v=2"]).add((EX.ev, KG.sentence, Literal("Zürich – ünïcode")))
    return ds


@pytest.mark.parametrize("mode, verb", [("replace", "PUT"), ("add", "POST")])
def test_graph_store_requests(recording_store, mode, verb):
    base = recording_store.base
    ds = tiny()
    report = push_sparql(ds, f"{base}/gsp", mode=mode, user="ana", password="s3cret:x", query_endpoint=f"{base}/query")
    assert (report.graphs, report.triples) == (1, 2)
    sent = {path: (command, headers, body) for command, path, headers, body in recording_store.seen
            if path.startswith("/gsp")}
    assert set(sent) == {"/gsp?default", "/gsp?graph=https%3A%2F%2Fexample.org%2Fdoc%2F1%3Flang%3Den%26v%3D2"}
    for path, (command, headers, body) in sent.items():
        assert command == verb
        assert headers["Content-Type"] == "application/n-triples"
        assert headers["Authorization"] == "Basic " + base64.b64encode(b"ana:s3cret:x").decode()
        expected = ds.default_graph if path.endswith("default") else ds.graph(EX["doc/1?lang=en&v=2"])
        assert isomorphic(Graph().parse(data=body, format="nt"), expected)
    assert recording_store.paths("/query")  # and the counts were checked


def test_update_requests_parse_and_batch(recording_store, monkeypatch):
    """SPARQL Update text written by .n3(): quotes, newlines and non-ASCII survive; DROP only once."""
    monkeypatch.setattr(sparql, "BATCH", 1)
    base = recording_store.base
    ds = tiny()
    ds.default_graph.add((EX.b, RDFS.label, Literal("b")))
    recording_store.reply = lambda verb, path: (404, b"not here", {}) if path.startswith("/gsp") else None
    report = push_sparql(ds, f"{base}/gsp", update_endpoint=f"{base}/update", user="ana", password="pw")
    assert report.method == "sparql update"
    updates = [body.decode("utf-8") for command, path, headers, body in recording_store.seen
               if path == "/update" and headers["Content-Type"] == "application/sparql-update"]
    assert len(updates) == 3
    assert [u.count("DROP SILENT") for u in updates] == [1, 0, 1]
    default, named = Graph(), Dataset()  # rdflib's Dataset fails on INSERT DATA into its default graph
    for text in updates:
        (named if "GRAPH <" in text else default).update(text)
    assert isomorphic(default, ds.default_graph)
    doc = EX["doc/1?lang=en&v=2"]
    assert isomorphic(named.graph(doc), ds.graph(doc))


def test_server_error_is_reported_not_fallen_back(recording_store):
    base = recording_store.base
    recording_store.reply = lambda verb, path: (500, b"boom " + b"x" * 1000, {})
    with pytest.raises(ServerRefusedError, match=r"/gsp\?default failed with HTTP 500: boom x{295}$") as err:
        push_sparql(tiny(), f"{base}/gsp", update_endpoint=f"{base}/update")
    assert "x" * 296 not in str(err.value)
    assert [path for _, path, _, _ in recording_store.seen] == ["/gsp?default"]


@pytest.fixture
def elsewhere():
    server = RecordingStore()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("where", ["/gsp", "/query", "/update"])
def test_a_redirect_is_an_error_and_credentials_stay_home(recording_store, elsewhere, status, where):
    """A redirect on a write would turn it into an empty GET to the other address (with the password):
    kg follows none, says so, and never reports a write that did not happen."""
    base = recording_store.base

    def redirect(verb, path):
        if path.startswith(where) or (where == "/update" and path.startswith("/gsp")):
            return status, b"", {"Location": f"{elsewhere.base}{path}"}
        return None

    recording_store.reply = redirect
    with pytest.raises(ServerRefusedError, match=rf"redirect \(HTTP {status}\) to {elsewhere.base}"):
        push_sparql(tiny(), f"{base}/gsp", update_endpoint=f"{base}/update", user="ana", password="secret")
    assert elsewhere.seen == []


@pytest.mark.parametrize("url", ["data:,hello", "file:///tmp/store#", "ftp://127.0.0.1/store", "localhost:7878/store",
                                 "http:///store", "http://127.0.0.1:port/store", "//127.0.0.1/store"])
@pytest.mark.parametrize("which", ["endpoint", "update_endpoint", "query_endpoint"])
def test_only_http_endpoints(recording_store, url, which):
    endpoints = {"endpoint": f"{recording_store.base}/gsp", "update_endpoint": f"{recording_store.base}/update",
                 "query_endpoint": f"{recording_store.base}/query", which: url}
    with pytest.raises(UsageError, match="URL"):
        push_sparql(tiny(), endpoints.pop("endpoint"), **endpoints)
    assert recording_store.seen == []


def test_a_store_that_keeps_nothing_is_an_error(recording_store):
    """A server (or a proxy before it) that answers 204 and stores nothing: the counts say so."""
    recording_store.lie = True
    with pytest.raises(ServerRefusedError, match=r"counts differ after the push: the default graph: 0 on the "
                                                 r"server, 1 sent; https://example.org/doc/1\S* 0 on the server"):
        push_sparql(tiny(), f"{recording_store.base}/gsp", query_endpoint=f"{recording_store.base}/query")


class Drip(BaseHTTPRequestHandler):
    """Answers, then sends one byte of its body every 0.2 s, for ever (until the test stops it)."""

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        while not self.server.stop.wait(0.2):
            self.wfile.write(b" ")
            self.wfile.flush()

    def log_message(self, *args):
        pass


def test_a_server_sending_a_byte_at_a_time_is_cut_off_at_the_timeout():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.stop = threading.Event()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    outcome = []

    def push():
        try:
            push_sparql(tiny(), f"http://127.0.0.1:{server.server_port}/store", timeout=1)
        except Exception as err:  # noqa: BLE001  (the test looks at what it was)
            outcome.append(err)

    started = time.monotonic()
    worker = threading.Thread(target=push, daemon=True)
    worker.start()
    worker.join(30)
    server.stop.set()
    server.shutdown()
    server.server_close()
    assert not worker.is_alive(), "the push outlived its timeout"
    assert time.monotonic() - started < 10
    assert isinstance(outcome[0], ServerUnreachableError) and "within 1 s" in str(outcome[0])


def test_refused_connection_names_the_url():
    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there once the probe socket is closed
    with pytest.raises(ServerUnreachableError, match=rf"could not reach {url}\?default"):
        push_sparql(tiny(), url, timeout=5)
    with pytest.raises(ServerUnreachableError, match=rf"could not reach {url}"):
        count_triples(url)


@pytest.mark.parametrize("endpoint, update, query", [
    ("http://h:7878/store", None, "http://h:7878/query"),
    ("http://h:7200/repositories/news/rdf-graphs/service", None, "http://h:7200/repositories/news"),
    ("http://h:3030/ds/data", None, "http://h:3030/ds/query"),
    ("http://h/other", "http://h:7200/repositories/news/statements", "http://h:7200/repositories/news"),
    ("http://h/other", "http://h:7878/update", "http://h:7878/query"),
    ("https://h/a/store?x=1", None, "https://h/a/query"),
])
def test_query_endpoint_is_found_from_the_graph_store_endpoint(endpoint, update, query):
    assert sparql.query_endpoint_for(endpoint, update) == query


def test_an_unknown_query_endpoint_is_asked_for():
    with pytest.raises(UsageError, match="--query URL"):
        push_sparql(tiny(), "http://127.0.0.1:9/somewhere")


@pytest.mark.parametrize("kwargs, error, message", [
    ({"per": "page"}, UnknownNameError, "known: build, document"),
    ({"mode": "upsert"}, UnknownNameError, "known: add, replace"),
    ({"graph": "news"}, UsageError, "absolute IRI"),
    ({"graph": "https://example.org/a b"}, UsageError, "absolute IRI"),
    ({"graph": str(EX["doc/1?lang=en&v=2"])}, UsageError, "also the name of a document's graph"),
    ({"per": "build", "prune": True}, UsageError, "per='document'"),
])
def test_bad_arguments_fail_before_any_request(kwargs, error, message):
    with pytest.raises(error, match=message):
        push_sparql(tiny(), "http://127.0.0.1:9/store", **kwargs)


def test_summary():
    report = sparql.SparqlPushReport(graphs=7, triples=2498, endpoint="http://127.0.0.1:7878/store",
                                     method="graph store protocol")
    assert report.summary() == ("pushed 2498 triples in 7 named graphs to http://127.0.0.1:7878/store "
                                "(graph store protocol); counts checked on the server")
    assert sparql.SparqlPushReport(7, 2498, "u", "m", pruned=1).summary().endswith(
        "(m), 1 stale document graphs dropped; counts checked on the server")
