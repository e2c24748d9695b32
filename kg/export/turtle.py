"""Turtle: rdflib's serialiser sorts subjects and predicates, so equal graphs give equal bytes."""

from __future__ import annotations

from rdflib import Graph

from kg.export import register
from kg.model import ResolvedGraph


@register("turtle", "graph.ttl")
def to_turtle(graph: Graph, resolved: ResolvedGraph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")
