"""N-Triples, JSON-LD and TriG beside Turtle. TriG keeps each document's evidence in a named graph of
its own (the document's IRI), so a store can replace or drop one article's provenance."""

from __future__ import annotations

from rdflib import RDF, Dataset, Graph, URIRef

from kg.export import register
from kg.graph.namespace import KG
from kg.model import ResolvedGraph


@register("ntriples", "graph.nt")
def to_ntriples(graph: Graph, resolved: ResolvedGraph) -> bytes:
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))  # sorted: equal graphs, equal bytes


@register("jsonld", "graph.jsonld")
def to_jsonld(graph: Graph, resolved: ResolvedGraph) -> bytes:
    context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in ("kg", "id", "skos", "rdfs",
                                                                                   "prov", "dcterms", "xsd")}
    return graph.serialize(format="json-ld", context=context, encoding="utf-8", sort_keys=True)


@register("trig", "graph.trig")
def to_trig(graph: Graph, resolved: ResolvedGraph) -> bytes:
    """TriG written graph by graph in IRI order, each as sorted Turtle, so equal graphs give equal bytes
    (rdflib's TriG serialiser writes the named graphs in no fixed order)."""
    ds = split_by_document(graph)
    prefixes: set[str] = set()
    blocks = []
    named = sorted((g for g in ds.graphs() if g.identifier != ds.default_graph.identifier),
                   key=lambda g: str(g.identifier))
    for sub in [ds.default_graph, *named]:
        view = Graph()
        for prefix, ns in graph.namespaces():
            view.bind(prefix, ns)
        for triple in sub:
            view.add(triple)
        lines = view.serialize(format="turtle").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        if sub is ds.default_graph:
            blocks.append(body)
        else:
            indented = "\n".join(f"    {line}" if line else line for line in body.splitlines())
            blocks.append(f"<{sub.identifier}> {{\n{indented}\n}}")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n").encode("utf-8")


def split_by_document(graph: Graph) -> Dataset:
    """The graph as a dataset: the document node and the evidence of each document in a named graph
    whose name is the document's IRI; ontology, entities, edges, assertions and the run in the default
    graph."""
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns)
    home: dict[URIRef, URIRef] = {}
    for doc in graph.subjects(RDF.type, KG.Document):
        home[doc] = doc
    for ev, doc in graph.subject_objects(KG.document):
        home[ev] = doc
    default = ds.default_graph
    for s, p, o in graph:
        target = home.get(s)
        (ds.graph(target) if target is not None else default).add((s, p, o))
    return ds
