"""Fixtures of the export tests: the small hand-made graphs of tests/sample_graphs.py as RDF."""

from __future__ import annotations

import pytest
from sample_graphs import edges_graph, hostile_graph

from kg.graph.build import to_rdf


@pytest.fixture(scope="session")
def edges_rdf():
    return to_rdf(edges_graph())


@pytest.fixture(scope="session")
def hostile_rdf():
    return to_rdf(hostile_graph())
