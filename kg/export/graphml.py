"""networkx and GraphML (Gephi, yEd, Cytoscape): the property graph as a networkx MultiDiGraph."""

from __future__ import annotations

import hashlib
import io

import networkx as nx
from rdflib import Graph

from kg.export import register
from kg.export.property_graph import PropertyGraph, property_graph
from kg.model import ResolvedGraph


def to_networkx(pg: PropertyGraph) -> nx.MultiDiGraph:
    """Nodes keyed by IRI with ``labels`` and their properties; one edge per relationship, keyed by its
    type, with its properties."""
    g = nx.MultiDiGraph()
    for node in pg.nodes:
        g.add_node(node.iri, labels=list(node.labels), **node.props)
    for rel in pg.relationships:
        g.add_edge(rel.start, rel.end, key=rel.type, type=rel.type, **rel.props)
    return g


@register("graphml", "graph.graphml", shares="property graph", cost=4)
def to_graphml(graph: Graph, resolved: ResolvedGraph | None = None) -> bytes:
    """GraphML has no lists: list properties are joined with " | ". Each edge has an id of its own
    (:func:`edge_id`): Gephi and yEd drop or merge edges whose ids repeat."""
    g = to_networkx(property_graph(graph))
    for _, data in g.nodes(data=True):
        _flatten(data)
    taken: set[str] = set()
    for start, end, data in g.edges(data=True):
        data["id"] = edge_id(start, data["type"], end, data.get("predicate", ""), taken)
        _flatten(data)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", edge_id_from_attribute="id")
    return buf.getvalue()


def edge_id(start: str, rtype: str, end: str, predicate: str, taken: set[str]) -> str:
    """``TYPE:`` and a digest of the edge's ends and predicate: the same on every run, and unique (a
    digest already in ``taken`` gets a suffix)."""
    digest = hashlib.sha1(f"{start}\x1f{end}\x1f{predicate}".encode()).hexdigest()[:16]
    ident, n = f"{rtype}:{digest}", 1
    while ident in taken:
        n += 1
        ident = f"{rtype}:{digest}-{n}"
    taken.add(ident)
    return ident


def _flatten(data: dict) -> None:
    data.pop("iri", None)  # the node id already
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = " | ".join(map(str, value))
