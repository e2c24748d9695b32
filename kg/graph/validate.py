"""SHACL validation of a built graph against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from rdflib import Graph

from kg import rules


def validate(graph: Graph) -> tuple[bool, str]:
    """(conforms, report text) for ``graph`` under ontology/shapes.ttl, with RDFS inference."""
    try:
        from pyshacl import validate as shacl
    except ImportError as err:  # pragma: no cover
        raise ImportError("SHACL validation needs pyshacl: pip install pyshacl") from err
    shapes = Graph().parse(rules.data_path("shapes.ttl"), format="turtle")
    if not graph.store.context_aware:  # pyshacl wraps the data graph in a ConjunctiveGraph
        copy = Graph()
        copy += graph
        graph = copy
    conforms, _, text = shacl(graph, shacl_graph=shapes, ont_graph=rules.ontology_graph(), inference="none")
    return bool(conforms), text
