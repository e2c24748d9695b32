"""GraphML for Gephi, yEd and Cytoscape: valid XML whatever the names hold, and one id per edge (tools
that key edges by id drop or merge edges whose ids repeat)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
from sample_graphs import HOSTILE

from kg.export.graphml import to_graphml
from kg.export.property_graph import property_graph, safe_text

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def _edge_ids(data: bytes) -> list[str]:
    return [e.get("id") for e in ET.parse(io.BytesIO(data)).getroot().iterfind(".//g:edge", NS)]


def test_edge_ids_are_unique_and_the_same_on_every_run(edges_rdf):
    data = to_graphml(edges_rdf)
    ids = _edge_ids(data)
    assert len(ids) == len(property_graph(edges_rdf).relationships) and None not in ids
    assert len(set(ids)) == len(ids)
    assert to_graphml(edges_rdf) == data


def test_hostile_names_give_valid_graphml_that_reads_back(hostile_rdf):
    data = to_graphml(hostile_rdf)
    ET.parse(io.BytesIO(data))  # well-formed XML 1.0
    g = nx.read_graphml(io.BytesIO(data))
    pg = property_graph(hostile_rdf)
    assert set(g.nodes) == {n.iri for n in pg.nodes}
    assert {d["name"] for _, d in g.nodes(data=True) if "name" in d} == {safe_text(t) for t in HOSTILE}
    assert g.number_of_edges() == len(pg.relationships) == len(set(_edge_ids(data)))
    sentences = {d["sentences"] for _, _, d in g.edges(data=True) if "sentences" in d}
    assert sentences == {safe_text(t) for t in HOSTILE[:-1]}
