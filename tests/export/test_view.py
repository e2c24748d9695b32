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
from kg.export.view import PAD, SHAPE_EXTENT, SPRING_MAX, layout, sizes, view_data
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
    assert page.count("</script>") == 6  # data, world, vis-network, d3, topojson, the view: nothing from the data closes one
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
    assert all(e.date == e.end == "2024-05-06" for e in edge.evidence) and edge.rest == ()
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


def test_evidence_dates_are_the_events_else_the_documents():
    doc = DocumentResult("d.txt", "d.txt", "a" * 64, 1, (), (), title="T", date="2024-05-06")
    a, b = Entity("person/a", "A", "Person"), Entity("organization/b", "B", "Organization")
    evs = (Evidence("d.txt", "A met B last week.", 0, 18, "r", "meet", 0.8, when="last week",
                    date_start="2024-04-22", date_end="2024-04-28"),
           Evidence("d.txt", "A met B.", 30, 38, "r", "meet", 0.6))
    (edge,) = view_data(to_rdf(ResolvedGraph((a, b), (Edge(a.id, "meetWith", b.id, evs),), (doc,)))).edges
    assert sorted((e.date, e.end, e.confidence) for e in edge.evidence) == [("2024-04-22", "2024-04-28", 0.8),
                                                                             ("2024-05-06", "2024-05-06", 0.6)]
    assert (edge.first, edge.last) == ("2024-04-22", "2024-05-06")


@pytest.mark.parametrize("n", [100, 300, 2000])
def test_no_two_nodes_overlap_at_their_drawn_sizes(n):
    resolved = synthetic_graph(n, lone=5)
    view = view_data(to_rdf(resolved))
    assert {node.size for node in view.nodes} >= {8.0, 36.0}
    boxes = sorted((node.x - h, node.x + h, node.y - h, node.y + h) for node in view.nodes
                   for h in [node.size * SHAPE_EXTENT + PAD / 2 - 0.1])  # 0.1: rounding
    for i, (x0, x1, y0, y1) in enumerate(boxes):
        for a0, a1, b0, b1 in boxes[i + 1:]:
            if a0 >= x1:
                break
            assert not (b0 < y1 and y0 < b1), "two nodes overlap"


def test_sizes_grow_with_the_square_root():
    assert sizes({"a": 0, "b": 25, "c": 100}) == {"a": 8.0, "b": 22.0, "c": 36.0}
    assert sizes({"a": 3, "b": 3}) == {"a": 8.0, "b": 8.0}


def test_the_page_inlines_d3_and_its_licence_ships_beside_it():
    from importlib import resources

    page = render(view_data(to_rdf(_graph("A met B.", ("positive", "asserted"))))).decode("utf-8")
    assets = resources.files("kg.export") / "assets"
    assert "d3-brush@3.0.1" in page and "d3-geo@3.1.2" in page and "__D3_JS__" not in page
    licence = (assets / "d3.LICENSE").read_text("utf-8")
    assert all(f"=== {name}" in licence for name in ("d3-brush", "d3-scale", "d3-selection", "d3-axis", "d3-ease",
                                                      "d3-geo", "d3-zoom"))


def test_the_page_carries_every_vendored_file_and_its_licence():
    """The map's outlines and libraries are inlined (nothing to fetch), each vendored file's licence is
    written into the page, and the page stays small."""
    from importlib import resources

    assets = resources.files("kg.export") / "assets"
    page = render(view_data(to_rdf(_graph("A met B.", ("positive", "asserted"))))).decode("utf-8")
    for name in ("d3.min.js", "topojson-client.min.js", "countries-110m.json"):
        assert (assets / name).read_text("utf-8") in page, name
    comment = page[page.index("<!--"):page.index("-->")]
    for name in ("d3.LICENSE", "topojson-client.LICENSE", "world-atlas.LICENSE"):
        assert (assets / name).read_text("utf-8") in comment, name
    assert "public domain" in comment and "Natural Earth" in comment and "=== topojson-client 3.1.0 (ISC)" in comment
    assert not re.search(r"__[A-Z0-9_]+__", page.replace("__VIS_JS__", ""))  # every placeholder filled
    assert len(page.encode("utf-8")) < 1_100_000  # vis-network is 0.7 MB of it; the map adds 0.2 MB


CAIRO = "Egyptian officials met Hamas leaders in Cairo on Monday."


def _events_graph() -> ResolvedGraph:
    """An event in Cairo reported through two edges in one sentence, one placed only in a country (Ukraine),
    one with no place, and a relation that is no event."""
    doc = DocumentResult("d1", "d1.txt", "a" * 64, 1, (), (), title="T", date="2024-03-05")
    entities = (Entity("location/egypt", "Egypt", "Country", mentions=2), Entity("location/cairo", "Cairo", "City"),
                Entity("organization/egyptian-officials", "Egyptian officials", "GroupActor", country="location/egypt",
                       sector="government"),
                Entity("organization/hamas", "Hamas", "ArmedGroup", mentions=2),
                Entity("location/russia", "Russia", "Country"), Entity("location/ukraine", "Ukraine", "Country"),
                Entity("location/qatar", "Qatar", "Country"))
    monday = {"when": "on Monday", "date_start": "2024-03-04", "date_end": "2024-03-04"}

    def ev(sentence, start, plover, trigger, **kw):
        return Evidence("d1", sentence, start, start + len(sentence), "frame:active", trigger, 0.9, plover=plover, **kw)

    cairo = {"place": "Cairo", "place_start": CAIRO.index("Cairo"), "place_end": CAIRO.index("Cairo") + 5}
    ukraine = "Russia attacked Ukraine in Ukraine on Monday."
    edges = (Edge("location/egypt", "meetWith", "organization/hamas", (ev(CAIRO, 0, "CONSULT", "meet", **cairo, **monday),)),
             Edge("organization/egyptian-officials", "meetWith", "organization/hamas",
                  (ev(CAIRO, 0, "CONSULT", "meet", **cairo, **monday),)),
             Edge("location/russia", "attack", "location/ukraine",
                  (ev(ukraine, 100, "ASSAULT", "attack", place="Ukraine", place_start=27, place_end=34, **monday),)),
             Edge("location/qatar", "meetWith", "organization/hamas", (ev("Qatar met Hamas.", 200, "CONSULT", "meet"),)),
             Edge("organization/egyptian-officials", "memberOf", "location/egypt", (ev(CAIRO, 0, "", "of"),)))
    return ResolvedGraph(entities, edges, (doc,))


def test_events_with_coordinates_are_given_for_the_map():
    from kg.export.events import event_rows

    g = to_rdf(_events_graph())
    view = view_data(g)
    rows = {r.iri: r for r in event_rows(g)}
    assert len(rows) == 3 and sum(r.lat is None for r in rows.values()) == 1  # Qatar met Hamas: no place
    assert {e.id for e in view.events} == {iri for iri, r in rows.items() if r.lat is not None}
    places = {p.name: p for p in view.places}
    assert {(p.name, p.precision, p.country) for p in places.values()} == {("Cairo", "city", "EGY"),
                                                                         ("Ukraine", "country", "UKR")}
    edge_id = {(e.source.rsplit("/", 1)[1], e.predicate, e.target.rsplit("/", 1)[1]): e.id for e in view.edges}
    (meeting,) = (e for e in view.events if e.place == places["Cairo"].id)
    assert places["Cairo"].events == (meeting.id,)
    row = rows[meeting.id]
    assert (places["Cairo"].lat, places["Cairo"].lon) == (row.lat, row.lon) and abs(row.lat - 30.06) < 0.1
    assert (meeting.category, meeting.start, meeting.end) == ("CONSULT", "2024-03-04", "2024-03-04")
    assert set(meeting.actors) == {row.source.iri, row.target.iri} <= {n.id for n in view.nodes}
    assert set(meeting.edges) == {edge_id["egypt", "meetWith", "hamas"], edge_id["egyptian-officials", "meetWith", "hamas"]}
    assert [ev.sentence for ev in meeting.evidence] == [CAIRO]  # one sentence through two edges: listed once
    assert view.to_json()["places"][0]["events"]  # JSON-ready


def test_a_graph_without_events_gives_the_map_nothing():
    view = view_data(to_rdf(_graph("A met B.", ("positive", "asserted"))))
    assert view.events == () and view.places == ()
