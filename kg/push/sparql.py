"""Push a built graph into a SPARQL store over HTTP, using only the standard library.

The graph goes out through the SPARQL 1.1 Graph Store HTTP Protocol: one request per target graph,
``?graph=<IRI>`` for a named graph and ``?default`` for the store's default graph, the triples as
N-Triples serialised by rdflib. ``mode="replace"`` sends PUT, which replaces that graph, so pushing the
same build twice leaves the store as it was; ``mode="add"`` sends POST, which adds to it. By default
each document's named graph (see :func:`kg.export.rdf_formats.split_by_document`) keeps its name in the
store, so a later push replaces one article's provenance without touching the others; the graph of a
document no longer in the build stays in the store until it is dropped there (``DROP GRAPH <doc>``).

Where the endpoints live (Graph Store Protocol ``endpoint``; SPARQL Update ``update_endpoint``):

- Oxigraph: ``http://host:7878/store``; ``http://host:7878/update``
- GraphDB: ``http://host:7200/repositories/ID/rdf-graphs/service``; ``http://host:7200/repositories/ID/statements``
- Fuseki: ``http://host:3030/ds/data``; ``http://host:3030/ds/update``

GraphDB's ``/repositories/ID/statements`` also takes a plain POST of RDF (RDF4J's REST API), but kg
uses it only for SPARQL Update. A store that answers the first Graph Store request with 404, 405, 415
or 501 is written with SPARQL 1.1 Update instead when ``update_endpoint`` is given: ``DROP SILENT`` of
the graph then ``INSERT DATA`` (replace), or ``INSERT DATA`` alone (add), at most ``BATCH`` triples a
request, terms written by rdflib's ``.n3()``.

Query endpoints (``count_triples``, ``count_graphs``, ``select``): Oxigraph ``/query``, GraphDB
``/repositories/ID``, Fuseki ``/ds/query``.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef

from kg.errors import (
    ServerRefusedError,
    ServerUnreachableError,
    UnknownNameError,
    UsageError,
)
from kg.push import PUSH_TARGETS

GRAPH_STORE = "graph store protocol"
SPARQL_UPDATE = "sparql update"
BATCH = 5000  # triples per SPARQL Update request: well under the request size servers accept by default
FALLBACK_STATUSES = frozenset({404, 405, 415, 501})  # "no Graph Store Protocol here", not "bad data"
NTRIPLES = "application/n-triples"

# A target: the graph's IRI in the store (None: the store's default graph) and the triples it receives.
Target = tuple[URIRef | None, Graph]


@dataclass(frozen=True)
class SparqlPushReport:
    """What a push wrote: ``graphs`` named graphs (the default graph is not counted), ``triples`` sent in
    all, to ``endpoint`` (the update endpoint after a fallback) by ``method``."""

    graphs: int
    triples: int
    endpoint: str
    method: str

    def summary(self) -> str:
        return (f"pushed {self.triples} triples in {self.graphs} named graphs to {self.endpoint} "
                f"({self.method})")


@dataclass(frozen=True)
class _Mode:
    verb: str  # Graph Store Protocol method
    drop: bool  # SPARQL Update: empty the graph before the first INSERT DATA


MODES = {"replace": _Mode("PUT", drop=True), "add": _Mode("POST", drop=False)}


def _per_document(dataset: Graph, graph: URIRef | None) -> list[Target]:
    """Each named graph under its own name; the default graph's triples into ``graph`` (None: default)."""
    if not isinstance(dataset, Dataset):
        return [(graph, dataset)]
    default = dataset.default_graph
    named = sorted((g for g in dataset.graphs() if g.identifier != default.identifier),
                   key=lambda g: str(g.identifier))
    for sub in named:
        if not isinstance(sub.identifier, URIRef):
            raise UsageError(f"the named graph {sub.identifier.n3()} has a blank node for a name; a store "
                             f"addresses graphs by IRI, so push it with per='build'")
    if graph is not None and any(sub.identifier == graph for sub in named):
        raise UsageError(f"graph {graph} is also the name of a document's graph; choose another IRI")
    return [(graph, default), *((sub.identifier, sub) for sub in named)]


def _per_build(dataset: Graph, graph: URIRef | None) -> list[Target]:
    """Every triple of every graph into the one graph ``graph`` (None: the default graph)."""
    flat = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    return [(graph, flat)]


PER: dict[str, Callable[[Graph, URIRef | None], list[Target]]] = {"document": _per_document,
                                                                   "build": _per_build}


def push_sparql(dataset: Dataset, endpoint: str, *, graph: str | None = None, per: str = "document",
                mode: str = "replace", update_endpoint: str | None = None, user: str | None = None,
                password: str | None = None, timeout: float = 60) -> SparqlPushReport:
    """Write ``dataset`` into the store behind the Graph Store Protocol ``endpoint``.

    per: "document" sends each named graph of the dataset to the graph of that name and the default
        graph's triples to ``graph`` if given, else to the store's default graph; "build" sends all
        triples to ``graph`` if given, else to the store's default graph. A plain Graph counts as a
        dataset with only a default graph. Empty graphs are not sent.
    mode: "replace" (PUT: each target graph ends up holding exactly the pushed triples) or "add" (POST).
    update_endpoint: SPARQL 1.1 Update endpoint used when ``endpoint`` answers the first request with
        404, 405, 415 or 501.
    user, password: HTTP basic authentication.

    Raises UnknownNameError for an unknown ``per`` or ``mode``, UsageError for a ``graph`` that is not an
    absolute IRI, ServerUnreachableError for a server that cannot be reached and ServerRefusedError for
    one that answers with an error (the message names the URL, the HTTP status and the start of the
    server's answer).
    """
    if per not in PER:
        raise UnknownNameError("push grouping", per, list(PER))
    if mode not in MODES:
        raise UnknownNameError("push mode", mode, list(MODES))
    how = MODES[mode]
    targets = [(name, sub) for name, sub in PER[per](dataset, _graph_iri(graph)) if len(sub)]
    auth = _basic_auth(user, password)
    method, used, sent = GRAPH_STORE, endpoint, 0
    for name, sub in targets:
        if method == GRAPH_STORE:
            body = sub.serialize(format="nt", encoding="utf-8")
            try:
                _request(how.verb, _graph_url(endpoint, name), body, NTRIPLES, auth, timeout)
            except _StatusError as err:
                if sent or err.status not in FALLBACK_STATUSES:
                    raise
                if update_endpoint is None:
                    raise ServerRefusedError(
                        f"{err.detail}\n{endpoint} does not look like a Graph Store Protocol endpoint "
                        f"(Oxigraph: /store, GraphDB: /repositories/ID/rdf-graphs/service, Fuseki: /ds/data); "
                        f"fix the address, or give update_endpoint to write with SPARQL Update") from None
                method, used = SPARQL_UPDATE, update_endpoint
        if method == SPARQL_UPDATE:
            for update in _updates(name, sub, how.drop):
                _request("POST", update_endpoint, update.encode("utf-8"), "application/sparql-update", auth,
                         timeout)
        sent += len(sub)
    return SparqlPushReport(graphs=sum(name is not None for name, _ in targets), triples=sent,
                            endpoint=used, method=method)


def select(query_endpoint: str, query: str, *, user: str | None = None, password: str | None = None,
           timeout: float = 60) -> list[dict[str, str]]:
    """Run a SELECT query over HTTP (SPARQL 1.1 Protocol, form POST); rows map variable -> value text.
    Raises ServerUnreachableError or ServerRefusedError when the server cannot be reached, fails, or does
    not answer with SPARQL JSON."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    answer = _request("POST", query_endpoint, body, "application/x-www-form-urlencoded",
                      _basic_auth(user, password), timeout, accept="application/sparql-results+json")
    try:
        bindings = json.loads(answer)["results"]["bindings"]
        return [{var: cell["value"] for var, cell in row.items()} for row in bindings]
    except (ValueError, KeyError, TypeError):
        raise ServerRefusedError(f"{query_endpoint} did not answer with SPARQL JSON results: "
                         f"{_text(answer)!r}; is it the store's query endpoint?") from None


def count_triples(query_endpoint: str, user: str | None = None, password: str | None = None, *,
                  timeout: float = 60) -> int:
    """Triples in the store's default graph plus those in its named graphs. A store whose default graph
    is the union of all graphs (GraphDB, Fuseki with unionDefaultGraph) counts named triples twice."""
    rows = select(query_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                  user=user, password=password, timeout=timeout)
    return int(rows[0]["n"])


def count_graphs(query_endpoint: str, user: str | None = None, password: str | None = None, *,
                 timeout: float = 60) -> int:
    """Named graphs of the store that hold at least one triple."""
    rows = select(query_endpoint, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                  user=user, password=password, timeout=timeout)
    return int(rows[0]["n"])


def _graph_iri(graph: str | None) -> URIRef | None:
    if graph is None:
        return None
    if not urllib.parse.urlsplit(graph).scheme or any(c in graph for c in ' <>"{}|\\^`\n\t'):
        raise UsageError(f"graph must be an absolute IRI such as https://example.org/graph/news, got {graph!r}")
    return URIRef(graph)


def _graph_url(endpoint: str, name: URIRef | None) -> str:
    query = "default" if name is None else urllib.parse.urlencode({"graph": str(name)})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _updates(name: URIRef | None, triples: Graph, drop: bool) -> Iterator[str]:
    """SPARQL Update requests writing ``triples`` into graph ``name`` (None: default), BATCH triples each;
    with ``drop`` the first request empties the graph first."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    target = "DEFAULT" if name is None else f"GRAPH {name.n3()}"
    for start in range(0, len(lines), BATCH):
        block = "\n".join(lines[start:start + BATCH])
        data = block if name is None else f"GRAPH {name.n3()} {{\n{block}\n}}"
        first = f"DROP SILENT {target} ;\n" if drop and start == 0 else ""
        yield f"{first}INSERT DATA {{\n{data}\n}}"


def _basic_auth(user: str | None, password: str | None) -> str | None:
    if user is None and password is None:
        return None
    token = base64.b64encode(f"{user or ''}:{password or ''}".encode()).decode("ascii")
    return f"Basic {token}"  # sent up front: urllib's auth handler would send each body twice


class _StatusError(ServerRefusedError):
    """The server answered with an HTTP error status; ``status`` lets a push fall back to SPARQL Update."""

    def __init__(self, verb: str, url: str, status: int, answer: str):
        self.status = status
        self.detail = f"{verb} {url} failed with HTTP {status}: {answer}"
        super().__init__(self.detail)


def _request(verb: str, url: str, body: bytes, content_type: str, auth: str | None, timeout: float,
             accept: str | None = None) -> bytes:
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    if auth:
        headers["Authorization"] = auth
    try:
        request = urllib.request.Request(url, data=body, headers=headers, method=verb)
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.read()
    except urllib.error.HTTPError as err:  # before URLError, its base class
        raise _StatusError(verb, url, err.code, _text(_read(err))) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise ServerUnreachableError(f"could not reach {url}: {reason}; is the server running and the address "
                                     "right?") from None
    except ValueError as err:  # urllib's answer to a malformed URL
        raise UsageError(f"bad endpoint URL {url!r}: {err}") from None


def _read(err: urllib.error.HTTPError) -> bytes:
    try:
        return err.read()
    except (OSError, http.client.HTTPException):
        return b""


def _text(answer: bytes) -> str:
    return answer.decode("utf-8", errors="replace").strip()[:300]


@PUSH_TARGETS.register("sparql")
def push_target(source: Graph, *, endpoint: str, graph: str | None = None, per: str = "document",
                mode: str = "replace", update: str | None = None, user: str | None = None,
                password: str | None = None) -> SparqlPushReport:
    """``kg push sparql``: the graph read from a build (a TriG build keeps its named graphs; a Turtle one is
    split by document) into the store behind ``endpoint``."""
    from kg.export.rdf_formats import split_by_document

    dataset = source if isinstance(source, Dataset) else split_by_document(source)
    return push_sparql(dataset, endpoint, graph=graph, per=per, mode=mode, update_endpoint=update, user=user,
                       password=password)
