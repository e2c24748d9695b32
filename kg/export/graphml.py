"""GraphML (Gephi, yEd, Cytoscape) and networkx: the property graph as a GraphML file, and as a networkx
MultiDiGraph for Python users (``kg.api.to_networkx``)."""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape, quoteattr

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
    (:func:`edge_id`): Gephi and yEd drop or merge edges whose ids repeat. Written directly, in the
    layout networkx's writer gives (one ``<key>`` per attribute name, scope and type), in a ninth of its
    time; networkx reads it back to the same graph (the tests check)."""
    pg = property_graph(graph)
    nodes = [(node.iri, {"labels": list(node.labels), **node.props}) for node in pg.nodes]
    taken: set[str] = set()
    edges = [(rel.start, rel.end, {"id": edge_id(rel.start, rel.type, rel.end, rel.props.get("predicate", ""), taken),
                                   "type": rel.type, **rel.props}) for rel in pg.relationships]
    keys: dict[tuple[str, str, str], str] = {}  # (scope, name, GraphML type) -> key id

    def data(scope: str, props: dict) -> str:
        out = []
        for name, value in props.items():
            if name == "iri" or value is None:  # a node's IRI is its id already
                continue
            if isinstance(value, list):
                value = " | ".join(map(str, value))
            kind = _TYPES.get(type(value), "string")
            key = keys.setdefault((scope, name, kind), f"d{len(keys)}")
            text = ("true" if value else "false") if kind == "boolean" else str(value)
            out.append(f'      <data key="{key}">{escape(text)}</data>\n')
        return "".join(out)

    body = ['  <graph edgedefault="directed">\n']
    for iri, props in nodes:
        body.append(f'    <node id={quoteattr(iri)}>\n{data("node", props)}    </node>\n')
    for start, end, props in edges:
        body.append(f'    <edge source={quoteattr(start)} target={quoteattr(end)} id={quoteattr(props["id"])}>\n'
                    f'{data("edge", props)}    </edge>\n')
    body.append("  </graph>\n</graphml>\n")
    head = [_HEAD] + [f'  <key id="{key}" for="{scope}" attr.name={quoteattr(name)} attr.type="{kind}" />\n'
                      for (scope, name, kind), key in keys.items()]
    return "".join(head + body).encode("utf-8")


_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
         ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


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
