"""Push a built graph into a SPARQL store over HTTP, using only the standard library.

The graph goes out through the SPARQL 1.1 Graph Store HTTP Protocol: one request per target graph,
``?graph=<IRI>`` for a named graph and ``?default`` for the store's default graph, the triples as
N-Triples serialised by rdflib. ``mode="replace"`` sends PUT, which replaces that graph, so pushing the
same build twice leaves the store as it was; ``mode="add"`` sends POST, which adds to it. By default
each document's named graph (see :func:`kg.export.rdf_formats.split_by_document`) keeps its name in the
store, so a later push replaces one article's provenance without touching the others. ``prune`` drops
the graphs of documents an earlier push wrote that the build no longer has (after ``kg remove``): kg's
document graphs are known by what kg writes in each, the document node itself (``GRAPH ?g { ?g a
kg:Document }``), so no other graph of the store is ever touched.

A push never reports a write that did not happen: requests go only to http(s) addresses, redirects are
not followed (kg.common.http), each request is bounded as a whole by ``timeout``, and afterwards the
triples of every graph written are counted over the store's SPARQL query endpoint (``query_endpoint``,
found from the Graph Store endpoint for Oxigraph, GraphDB and Fuseki): a named graph replaced must hold
exactly the triples sent, one added to or the default graph at least as many (a store may show the
union of its graphs, or inferred triples, in its default graph), a pruned one none. Any other count is
a ServerRefusedError.

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
import json
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef

from kg.common.http import StatusError, check_url, request, text
from kg.errors import ServerRefusedError, UnknownNameError, UsageError
from kg.namespace import KG
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
    all, to ``endpoint`` (the update endpoint after a fallback) by ``method``; ``pruned`` document graphs
    of earlier pushes dropped. Every count was checked on the server afterwards."""

    graphs: int
    triples: int
    endpoint: str
    method: str
    pruned: int = 0

    def summary(self) -> str:
        pruned = f", {self.pruned} stale document graphs dropped" if self.pruned else ""
        return (f"pushed {self.triples} triples in {self.graphs} named graphs to {self.endpoint} "
                f"({self.method}){pruned}; counts checked on the server")


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
                mode: str = "replace", update_endpoint: str | None = None, query_endpoint: str | None = None,
                user: str | None = None, password: str | None = None, prune: bool = False,
                timeout: float = 60) -> SparqlPushReport:
    """Write ``dataset`` into the store behind the Graph Store Protocol ``endpoint``, then check it arrived.

    per: "document" sends each named graph of the dataset to the graph of that name and the default
        graph's triples to ``graph`` if given, else to the store's default graph; "build" sends all
        triples to ``graph`` if given, else to the store's default graph. A plain Graph counts as a
        dataset with only a default graph. Empty graphs are not sent.
    mode: "replace" (PUT: each target graph ends up holding exactly the pushed triples) or "add" (POST).
    update_endpoint: SPARQL 1.1 Update endpoint used when ``endpoint`` answers the first request with
        404, 405, 415 or 501.
    query_endpoint: the store's SPARQL query endpoint, where the counts are checked (default: found from
        ``endpoint`` or ``update_endpoint``, see :func:`query_endpoint_for`).
    prune: (per "document") also drop the document graphs of earlier pushes that ``dataset`` lacks.
    user, password: HTTP basic authentication, sent to these endpoints only.
    timeout: seconds each request may take, as a whole.

    Raises UnknownNameError for an unknown ``per`` or ``mode``, UsageError for a ``graph`` that is not an
    absolute IRI or an endpoint that is not an http(s) address, ServerUnreachableError for a server that
    cannot be reached or does not answer in time, and ServerRefusedError for one that answers with an
    error or a redirect (the message names the URL, the HTTP status and the start of the server's
    answer), or whose counts afterwards differ from what was sent.
    """
    if per not in PER:
        raise UnknownNameError("push grouping", per, list(PER))
    if mode not in MODES:
        raise UnknownNameError("push mode", mode, list(MODES))
    if prune and per != "document":
        raise UsageError("prune drops the graphs of documents an earlier push wrote; it needs per='document' "
                         "(kg push sparql --per document)")
    how = MODES[mode]
    check_url(endpoint)
    if update_endpoint is not None:
        check_url(update_endpoint, "update endpoint")
    query_endpoint = query_endpoint or query_endpoint_for(endpoint, update_endpoint)
    check_url(query_endpoint, "query endpoint")
    targets = [(name, sub) for name, sub in PER[per](dataset, _graph_iri(graph)) if len(sub)]
    auth = _basic_auth(user, password)
    writer = _Writer(endpoint, update_endpoint, auth, timeout)
    sent = 0
    for name, sub in targets:
        writer.put(name, sub, how)
        sent += len(sub)
    stale: list[URIRef] = []
    if prune:
        keep = {name for name, _ in targets}
        stale = [g for g in _document_graphs(query_endpoint, auth, timeout) if g not in keep]
        writer.drop(stale)
    _check(query_endpoint, auth, timeout, targets, stale, exact=how.drop)
    return SparqlPushReport(graphs=sum(name is not None for name, _ in targets), triples=sent,
                            endpoint=writer.used, method=writer.method, pruned=len(stale))


class _Writer:
    """Writes graphs by the Graph Store Protocol, falling back for good on SPARQL Update when the first
    request finds no Graph Store endpoint and an update endpoint is given."""

    def __init__(self, endpoint: str, update_endpoint: str | None, auth: str | None, timeout: float):
        self.endpoint, self.update_endpoint, self.auth, self.timeout = endpoint, update_endpoint, auth, timeout
        self.method, self.used, self.done = GRAPH_STORE, endpoint, 0

    def put(self, name: URIRef | None, triples: Graph, how: _Mode) -> None:
        if self.method == GRAPH_STORE:
            body = triples.serialize(format="nt", encoding="utf-8")
            try:
                _send(how.verb, _graph_url(self.endpoint, name), body, NTRIPLES, self.auth, self.timeout)
            except StatusError as err:
                self._fall_back(err)
        if self.method == SPARQL_UPDATE:
            for update in _updates(name, triples, how.drop):
                self._update(update)
        self.done += 1

    def drop(self, graphs: list[URIRef]) -> None:
        for name in graphs:
            if self.method == GRAPH_STORE:
                try:
                    _send("DELETE", _graph_url(self.endpoint, name), b"", NTRIPLES, self.auth, self.timeout)
                    continue
                except StatusError as err:
                    if err.status == 404 and self.done:  # already gone
                        continue
                    self._fall_back(err)
            self._update(f"DROP SILENT GRAPH {name.n3()}")
            self.done += 1

    def _fall_back(self, err: StatusError) -> None:
        if self.done or err.status not in FALLBACK_STATUSES:
            raise err
        if self.update_endpoint is None:
            raise ServerRefusedError(
                f"{err.detail}\n{self.endpoint} does not look like a Graph Store Protocol endpoint "
                f"(Oxigraph: /store, GraphDB: /repositories/ID/rdf-graphs/service, Fuseki: /ds/data); "
                f"fix the address, or give update_endpoint to write with SPARQL Update") from None
        self.method, self.used = SPARQL_UPDATE, self.update_endpoint

    def _update(self, update: str) -> None:
        _send("POST", self.update_endpoint, update.encode("utf-8"), "application/sparql-update", self.auth,
              self.timeout)


# Where a store's query endpoint is, from its Graph Store (or Update) endpoint: (pattern, replacement).
QUERY_ENDPOINTS = (
    (r"/store$", "/query"),  # Oxigraph
    (r"/rdf-graphs/service$", ""),  # GraphDB (RDF4J): the repository's own URL
    (r"/statements$", ""),  # GraphDB: from its update endpoint
    (r"/(data|update)$", "/query"),  # Fuseki (/ds/data, /ds/update); Oxigraph's /update
)


def query_endpoint_for(endpoint: str, update_endpoint: str | None = None) -> str:
    """The SPARQL query endpoint of the store whose Graph Store endpoint is ``endpoint`` (or whose update
    endpoint is ``update_endpoint``), for Oxigraph, GraphDB and Fuseki; UsageError when it cannot be told."""
    for url in (endpoint, update_endpoint):
        if not url:
            continue
        parts = urllib.parse.urlsplit(url)
        for pattern, replacement in QUERY_ENDPOINTS:
            if re.search(pattern, parts.path):
                path = re.sub(pattern, replacement, parts.path)
                return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    raise UsageError(f"cannot tell the SPARQL query endpoint of {endpoint}, where kg checks what arrived; "
                     "give it (kg push sparql --query URL: Oxigraph http://host:7878/query, GraphDB "
                     "http://host:7200/repositories/ID, Fuseki http://host:3030/ds/query)")


def _document_graphs(query_endpoint: str, auth: str | None, timeout: float) -> list[URIRef]:
    """The document graphs kg wrote to the store: graphs named by a kg:Document that lives in them."""
    rows = _select(query_endpoint, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{KG.Document}> }} }}", auth,
                   timeout)
    return sorted(URIRef(row["g"]) for row in rows if "g" in row)


def _check(query_endpoint: str, auth: str | None, timeout: float, targets: list, dropped: list[URIRef],
           exact: bool) -> None:
    """ServerRefusedError unless the store holds what was written (see the module's docstring)."""
    named = {URIRef(row["g"]): int(row["n"]) for row in _select(
        query_endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", auth, timeout)
        if "g" in row}
    differ = []
    for name, sub in targets:
        if name is None:
            found = int(_select(query_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", auth,
                                timeout)[0]["n"])
        else:
            found = named.get(name, 0)
        if found < len(sub) or (exact and name is not None and found != len(sub)):
            differ.append(f"{'the default graph' if name is None else name}: {found} on the server, "
                          f"{len(sub)} sent")
    differ += [f"{name}: {named[name]} triples left after it was dropped" for name in dropped if named.get(name)]
    if differ:
        shown = "; ".join(differ[:5]) + (f"; and {len(differ) - 5} more" if len(differ) > 5 else "")
        raise ServerRefusedError(f"{query_endpoint}: counts differ after the push: {shown}. The store accepted "
                                 "the requests but does not hold what was sent (a proxy or a read-only "
                                 "repository?)")


def select(query_endpoint: str, query: str, *, user: str | None = None, password: str | None = None,
           timeout: float = 60) -> list[dict[str, str]]:
    """Run a SELECT query over HTTP (SPARQL 1.1 Protocol, form POST); rows map variable -> value text.
    Raises ServerUnreachableError or ServerRefusedError when the server cannot be reached, fails, or does
    not answer with SPARQL JSON."""
    return _select(query_endpoint, query, _basic_auth(user, password), timeout)


def _select(query_endpoint: str, query: str, auth: str | None, timeout: float) -> list[dict[str, str]]:
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    answer = _send("POST", query_endpoint, body, "application/x-www-form-urlencoded", auth, timeout,
                   accept="application/sparql-results+json")
    try:
        bindings = json.loads(answer)["results"]["bindings"]
        return [{var: cell["value"] for var, cell in row.items()} for row in bindings]
    except (ValueError, KeyError, TypeError):
        raise ServerRefusedError(f"{query_endpoint} did not answer with SPARQL JSON results: "
                                 f"{text(answer)!r}; is it the store's query endpoint?") from None


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


def _send(verb: str, url: str, body: bytes, content_type: str, auth: str | None, timeout: float,
          accept: str | None = None) -> bytes:
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    if auth:
        headers["Authorization"] = auth
    return request(verb, url, body, headers, timeout=timeout).body


@PUSH_TARGETS.register("sparql")
def push_target(source: Graph, *, endpoint: str, graph: str | None = None, per: str = "document",
                mode: str = "replace", update: str | None = None, query: str | None = None,
                user: str | None = None, password: str | None = None, prune: bool = False,
                timeout: float = 60) -> SparqlPushReport:
    """``kg push sparql``: the graph read from a build (a TriG build keeps its named graphs; a Turtle one is
    split by document) into the store behind ``endpoint``."""
    from kg.export.rdf_formats import split_by_document

    dataset = source if isinstance(source, Dataset) else split_by_document(source)
    return push_sparql(dataset, endpoint, graph=graph, per=per, mode=mode, update_endpoint=update,
                       query_endpoint=query, user=user, password=password, prune=prune, timeout=timeout)
