"""What the HTML view is given (kg.export.view) and how it is put into the page (kg.export.html), without a
browser; tests/test_view_browser.py works the page in Chromium."""

from __future__ import annotations

import itertools
import json
import math
import re

import networkx as nx
import pytest

from kg.data.synthetic import synthetic_graph
from kg.export.html import render, script_json
from kg.export.view import SPRING_MAX, layout, view_data
from kg.graph.build import to_rdf
from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph

HOSTILE = ['</script><script>alert(1)</script>', "<!--", "__VIS_JS__", "\u2028", "&amp;", '"\\\n\x00', "\u202e", "🙂"]


def _graph(sentence: str, *evidence_kinds: tuple[str, str]) -> ResolvedGraph:
    doc = DocumentResult("d.txt", "d.txt", "a" * 64, 1, (), (), title="T", date="2024-05-06")
    a, b = Entity("person/a", "A " + HOSTILE[0], "Person", mentions=3), Entity("organization/b", "B", "Organization")
    evs = tuple(Evidence("d.txt", sentence, 100 * i, 100 * i + len(sentence), "r", "meet", 0.8, polarity=p,
                         modality=m) for i, (p, m) in enumerate(evidence_kinds))
    return ResolvedGraph((a, b), (Edge(a.id, "meetWith", b.id, evs),), (doc,))


@pytest.mark.parametrize("text", HOSTILE)
def test_data_block_survives_any_text(text):
    view = view_data(to_rdf(_graph(f"A met B {text} today.", ("positive", "asserted"))))
    page = render(view).decode("utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert json.loads(block) == json.loads(json.dumps(view.to_json()))
    assert page.count("</script>") == 3  # data, vis-network, the view: nothing from the data closes a script
    assert "<!--" not in block and "\u2028" not in block


def test_script_json_escapes_markup():
    assert script_json({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'


@pytest.mark.parametrize("kinds, status", [
    ((("positive", "asserted"),), "asserted"),
    ((("positive", "asserted"), ("negative", "asserted")), "disputed"),
    ((("negative", "asserted"),), "negated"),
    ((("positive", "future"),), "future"),
    ((("positive", "conditional"), ("positive", "possible")), "conditional"),
])
def test_edge_status(kinds, status):
    view = view_data(to_rdf(_graph("A met B.", *kinds)))
    (edge,) = view.edges
    assert edge.status == status and edge.mentions == len(kinds)
    assert edge.first == edge.last == "2024-05-06"  # no event date: the document's
    assert {e.sentence for e in edge.evidence} == {"A met B."}


def test_every_name_and_the_predicate_words_are_given():
    g = _graph("A met B.", ("positive", "asserted"))
    a = g.entities[0]
    g = ResolvedGraph((Entity(a.id, a.label, a.cls, alt_labels=("Alias One",), mentions=3), g.entities[1]),
                      g.edges, g.documents)
    view = view_data(to_rdf(g))
    node = next(n for n in view.nodes if n.id.endswith("person/a"))
    assert node.names == (a.label, "Alias One") and node.degree == 1 and node.mentions == 3
    assert view.predicates["meetWith"] == {"label": "met with", "symmetric": True}
    assert view.classes["Person"]["shape"] == "dot"


@pytest.mark.parametrize("n", [60, SPRING_MAX * 3])
def test_layout_places_every_node_apart_and_is_deterministic(n):
    graph = nx.Graph()
    resolved = synthetic_graph(n)
    graph.add_nodes_from(e.id for e in resolved.entities)
    graph.add_edges_from((e.subject, e.object) for e in resolved.edges)
    graph.add_nodes_from(f"lone{i}" for i in range(5))
    pos = layout(graph)
    assert set(pos) == set(graph) and all(isinstance(v, tuple) and len(v) == 2 for v in pos.values())
    assert pos == layout(graph)
    points = sorted(pos.values())
    assert all(math.dist(p, q) > 1.0 for p, q in itertools.pairwise(points))


def test_layout_is_the_same_in_every_python_process():
    """Node order must not follow string hashing, which changes per process (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    code = ("import json, networkx as nx; from kg.data.synthetic import synthetic_graph; from kg.export.view import layout;"
            "r = synthetic_graph(1200); g = nx.Graph(); g.add_nodes_from(e.id for e in r.entities);"
            "g.add_edges_from((e.subject, e.object) for e in r.edges); print(json.dumps(sorted(layout(g).items())))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
