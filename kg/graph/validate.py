"""SHACL validation of a built graph against the rules' shapes (ontology/shapes.ttl, pySHACL)."""

from __future__ import annotations

from rdflib import Graph

from kg.errors import DependencyMissingError
from kg.rules import Rules, load_rules


def validate(graph: Graph, rules: Rules | None = None) -> tuple[bool, str]:
    """(conforms, report text) for ``graph`` under ``rules``' SHACL shapes, with its ontology (default:
    kg's own)."""
    rules = rules or load_rules()
    try:
        from pyshacl import validate as shacl
    except ImportError:  # pragma: no cover
        raise DependencyMissingError("SHACL validation needs pyshacl: pip install pyshacl") from None
    shapes = Graph().parse(rules.shapes, format="turtle")
    if not graph.store.context_aware:  # pyshacl wraps the data graph in a ConjunctiveGraph
        copy = Graph()
        copy += graph
        graph = copy
    conforms, _, text = shacl(graph, shacl_graph=shapes, ont_graph=rules.ontology, inference="none")
    return bool(conforms), text
