"""Turtle, TriG, N-Triples and JSON-LD, serialised by Oxigraph (pyoxigraph, in Rust).

rdflib holds the graph; its own serialisers spent more time on a large build than the whole of
extraction (Turtle 3 s and TriG 6 s for 450 articles, against 0.1 s each here). Triples are sorted
before they are written, so equal graphs give equal bytes. TriG keeps each document's evidence in a named
graph of its own (the document's IRI), so a store can replace or drop one article's provenance.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef

from kg.export import for_last_graph, register
from kg.graph.build import triples
from kg.model import ResolvedGraph
from kg.namespace import KG

PREFIXES = ("kg", "skos", "rdfs", "rdf", "xsd", "owl", "prov", "dcterms")


@register("turtle", "graph.ttl", shares="rdf", cost=6)
def to_turtle(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    return _spaced(ox.serialize(_parsed(graph), format=ox.RdfFormat.TURTLE, prefixes=prefixes(graph)))


@register("trig", "graph.trig", shares="rdf")
def to_trig(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    """The default graph (ontology, entities, edges, assertions, runs), then one graph per document."""
    return _spaced(ox.serialize(_quads(graph), format=ox.RdfFormat.TRIG, prefixes=prefixes(graph)))


@register("ntriples", "graph.nt", shares="rdf")
def to_ntriples(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    return _ntriples(graph)


@register("jsonld", "graph.jsonld", shares="rdf")
def to_jsonld(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    """Expanded JSON-LD (full IRIs, no context): what JSON-LD processors and stores read fastest."""
    return ox.serialize(_parsed(graph), format=ox.RdfFormat.JSON_LD)


def prefixes(graph: Graph) -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in PREFIXES}


@for_last_graph  # the four RDF syntaxes of a build share them
def statements(graph: Graph) -> list[tuple[str, list[str]]]:
    """The graph's triples as sorted N-Triples statements (subject, predicate and object, without the
    final `` .``), grouped by named graph: the default graph (named ``""``) first, then each document's
    graph (see :func:`split_by_document`) by name. Terms are written by Oxigraph, once per distinct term.

    Oxigraph then reads these lines back in Rust to write Turtle, TriG and JSON-LD, which is several
    times faster than handing it one Python quad object per triple."""
    home = document_homes(graph)
    written: dict = {}

    def nt(t) -> str:
        found = written.get(t)
        if found is None:
            found = written[t] = str(_term(t))
        return found

    groups: dict[str, list[str]] = {}
    last = lines = subject = None
    for s, p, o in triples(graph):  # a subject's triples come together
        if s is not last:
            last, subject, target = s, nt(s), home.get(s)
            lines = groups.setdefault(nt(target) if target is not None else "", [])
        lines.append(f"{subject} {written.get(p) or nt(p)} {written.get(o) or nt(o)}")
    for lines in groups.values():
        lines.sort()
    return sorted(groups.items())


@for_last_graph
def _ntriples(graph: Graph) -> bytes:
    return "".join(_ended(lines, " .\n") for _, lines in statements(graph)).encode("utf-8")


@for_last_graph
def _quads(graph: Graph) -> list:
    """The graph's statements in :func:`statements` order, each in its named graph, as Oxigraph reads
    them from N-Quads: read once for the three syntaxes Oxigraph writes."""
    nquads = "".join(_ended(lines, f" {name} .\n" if name else " .\n")
                     for name, lines in statements(graph)).encode("utf-8")
    return list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True))


def _ended(lines: list[str], end: str) -> str:
    """Each line followed by ``end`` (one join, not a string per line: 260,000 lines on a large build)."""
    return end.join(lines) + end if lines else ""


def _parsed(graph: Graph):
    """The graph's triples, in :func:`statements` order."""
    return (q.triple for q in _quads(graph))


def document_homes(graph: Graph) -> dict[URIRef, URIRef]:
    """Subject -> the document whose named graph holds it: the document node and its evidence nodes."""
    home = {doc: doc for doc in graph.subjects(RDF.type, KG.Document)}
    for ev, doc in graph.subject_objects(KG.document):
        home[ev] = doc
    return home


def split_by_document(graph: Graph) -> Dataset:
    """The graph as an rdflib dataset, split as TriG writes it: the document node and the evidence of
    each document in a named graph whose name is the document's IRI; ontology, entities, edges,
    assertions and the run in the default graph."""
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns)
    home = document_homes(graph)
    default = ds.default_graph
    for s, p, o in graph:
        target = home.get(s)
        (ds.graph(target) if target is not None else default).add((s, p, o))
    return ds


def _term(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    assert isinstance(t, Literal)
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)


_SUBJECT_END = re.compile(rb" \.\n(?=[<_])")  # literals are written with escaped line breaks


def _spaced(data: bytes) -> bytes:
    """A blank line after each subject's block, as people write Turtle."""
    return _SUBJECT_END.sub(b" .\n\n", data)
