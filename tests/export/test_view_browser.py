"""The HTML view in a real browser: Debian's Chromium, headless, driven by Playwright (no browser download;
scripts/test installs the package). Each test opens the exported page from disk and works it as a user
would: counts, search, clicks, filters, the timeline, paths, exports, drill-down, and data that tries to
inject script. Expected values are computed here from the RDF graph or the page's data, never read from
the page's own filter code; the page is waited on through its readiness signals (``kgView.ready``,
``kgView.frames()``), never for a fixed time."""

from __future__ import annotations

import csv
import io
import math
import struct
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, SKOS
from servers.chromium import chromium

from kg.api import build
from kg.config import Settings
from kg.data.synthetic import synthetic_graph
from kg.export.events import event_rows
from kg.export.html import render
from kg.export.property_graph import entity_classes
from kg.export.view import OVERVIEW_ABOVE, OVERVIEW_NODES, view_data
from kg.graph.build import to_rdf
from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph
from kg.namespace import KG

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY = "window.kgView && window.kgView.ready"
LABEL_PX = 12  # the smallest label the view draws, in css px (README: HTML view)
SMALL = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("view")
    build(None, Settings(out=out, formats=("turtle", "html")))
    g = Graph()
    g.parse(out / "graph.ttl")
    return out / "graph.html", g


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Function: node count -> (page path, RDF graph) of a synthetic graph with 8 entities no edge reaches."""
    made = {}

    def run(n):
        if n not in made:
            g = to_rdf(synthetic_graph(n, lone=8))
            path = tmp_path_factory.mktemp(f"syn{n}") / "graph.html"
            path.write_bytes(render(view_data(g)))
            made[n] = path, g
        return made[n]

    return run


@pytest.fixture
def open_page(browser):
    """Function: path -> a ready page; records every request, dialog and script error on the page."""
    pages = []

    def run(path, viewport=None):
        page = browser.new_page(viewport=viewport or {"width": 1400, "height": 900}, accept_downloads=True)
        page.requests, page.dialogs, page.errors = [], [], []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_function(READY)
        pages.append(page)
        return page

    yield run
    for page in pages:
        page.close()


def next_frame(page, action: str):
    """Run ``action`` (JavaScript) on the page and wait until the network has drawn a frame after it."""
    before = page.evaluate("kgView.frames()")
    page.evaluate(f"() => {{ {action}; kgView.network.redraw(); }}")
    page.wait_for_function(f"kgView.frames() > {before}")


# ---------------------------------------------------------------------------------------------- data
def evidence_rows(g: Graph) -> dict:
    """assertion -> [(sentence, first day, last day, confidence)], read from the RDF: the event's dates
    (kg:eventStart/eventEnd) else the document's dcterms:date."""
    out: dict = {}
    for ev, a in g.subject_objects(KG.mentionOf):
        start, end = g.value(ev, KG.eventStart), g.value(ev, KG.eventEnd)
        if start is None:
            doc_date = g.value(g.value(ev, KG.document), DCTERMS.date)
            start = end = doc_date
        day = str(start)[:10] if start is not None else ""
        last = str(end or start)[:10] if start is not None else ""
        out.setdefault(a, []).append((str(g.value(ev, KG.sentence)), day, last, float(g.value(ev, KG.confidence))))
    return out


def in_period(day: str, last: str, start: str, end: str) -> bool:
    return day != "" and last >= start and day <= end


def visible(view, *, classes=None, predicates=None, min_mentions=1, min_confidence=0.0, period=None,
            unlinked=False, unasserted=True):
    """(node ids, edge ids) the view should show, by the rules the README states, from the page's data."""
    ok_nodes = {n.id for n in view.nodes if (classes is None or n.cls in classes) and n.mentions >= min_mentions}

    def sentence_ok(ev):
        return ev.confidence >= min_confidence and (period is None or in_period(ev.date, ev.end, *period))

    edges = {e.id for e in view.edges if e.source in ok_nodes and e.target in ok_nodes
             and (predicates is None or e.predicate in predicates) and e.mentions >= min_mentions
             and (unasserted or e.status in ("asserted", "disputed")) and any(map(sentence_ok, e.evidence))}
    if unlinked:
        return ok_nodes, edges
    ends = {x for e in view.edges if e.id in edges for x in (e.source, e.target)}
    return ends, edges


def counts(page) -> dict:
    return page.evaluate("kgView.counts()")


# ---------------------------------------------------------------------------------------------- tests
def test_page_holds_the_whole_graph_and_draws_it(sample, open_page):
    path, g = sample
    page = open_page(path)
    entities = {iri for iri, _ in entity_classes(g)}
    assertions = set(g.subjects(RDF.type, KG.Assertion))
    assert page.evaluate("kgView.data.nodes.length") == len(entities)
    assert page.evaluate("kgView.data.edges.length") == len(assertions)
    # entities with no relation are hidden at first: every edge is drawn, with the entities it links
    linked = {str(x) for a in assertions for x in (g.value(a, RDF.subject), g.value(a, RDF.object))}
    assert 0 < len(linked) < len(entities)
    assert counts(page) == {"nodes": len(linked), "edges": len(assertions)}
    assert set(page.evaluate("kgView.nodeView.getIds()")) == linked
    # every drawn node at the position computed in Python
    drawn = page.evaluate("Object.values(kgView.network.getPositions(kgView.nodeView.getIds()))")
    computed = page.evaluate("kgView.nodeView.getIds().map(id => kgView.data.nodes.find(n => n.id === id))")
    assert all(abs(d["x"] - c["x"]) < 1 and abs(d["y"] - c["y"]) < 1 for d, c in zip(drawn, computed))  # vis truncates
    assert page.errors == []


def test_unlinked_entities_switch(synthetic, open_page):
    path, g = synthetic(100)
    view = view_data(g)
    page = open_page(path)
    lone = {n.id for n in view.nodes if n.degree == 0}
    assert len(lone) == 8
    shown = set(page.evaluate("kgView.nodeView.getIds()"))
    assert not shown & lone and len(shown) == len(view.nodes) - 8
    page.locator("#show-unlinked").check()
    assert set(page.evaluate("kgView.nodeView.getIds()")) == {n.id for n in view.nodes}
    page.locator("#show-unlinked").uncheck()
    assert set(page.evaluate("kgView.nodeView.getIds()")) == shown


def test_no_request_leaves_the_file(sample, open_page):
    path, _ = sample
    page = open_page(path)
    page.locator("#search").fill("Hamas")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('panel').dataset.kind === 'node'")
    assert page.requests == [path.as_uri()]
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0


def test_search_finds_a_node_by_another_name_and_focuses_it(sample, open_page):
    path, g = sample
    # an entity known by an alias that is not part of its label: the search must read every name
    iri, alias = next((s, str(a)) for s, a in sorted(g.subject_objects(SKOS.altLabel))
                      if str(a).lower() not in str(g.value(s, RDFS.label)).lower())
    label = str(g.value(iri, RDFS.label))
    page = open_page(path)
    page.locator("#search").press_sequentially(alias[:max(4, len(alias) - 2)])
    page.wait_for_selector("#matches li")
    options = page.locator("#matches li").all_inner_texts()
    # pick the option for this entity with the arrow keys, as a user would
    index = next(i for i, o in enumerate(options) if o.startswith(label))
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [str(iri)]
    assert page.evaluate("kgView.focused") == str(iri)
    centre = page.evaluate("kgView.network.getViewPosition()")
    node = page.evaluate("(id) => kgView.network.getPositions([id])[id]", str(iri))
    assert math.dist((centre["x"], centre["y"]), (node["x"], node["y"])) < 1.0
    assert page.locator("#panel h2").inner_text() == label
    assert alias in page.locator("#panel").inner_text()



GEOMETRY = """() => {
  const n = kgView.network, ids = kgView.nodeView.getIds();
  const boxes = ids.map((id) => {
    const b = n.getBoundingBox(id), shape = kgView.nodes.get(id).shape;
    const tl = n.canvasToDOM({x: b.left, y: b.top}), br = n.canvasToDOM({x: b.right, y: b.bottom});
    // vis-network's triangle rises above its bounding box: its apex is 2/sqrt(3) sizes above the centre
    const rise = shape === "triangle" ? (br.y - tl.y) / 2 * (2 / Math.sqrt(3) - 1) : 0;
    return {id, x0: tl.x, y0: tl.y - rise, x1: br.x, y1: br.y};
  });
  // each label's width measured again here, with the font the page says it used
  const ctx = document.createElement("canvas").getContext("2d");
  const labels = kgView.labels().map((l) => {
    ctx.font = l.px + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
    const m = ctx.measureText(l.text);
    return {...l, measured: m.width, height: m.fontBoundingBoxAscent + m.fontBoundingBoxDescent};
  });
  const graph = document.getElementById("graph");
  return {boxes, labels, width: graph.clientWidth, height: graph.clientHeight};
}"""


def _overlap(a, b, pad=0.0) -> bool:
    return a["x0"] < b["x1"] - pad and b["x0"] < a["x1"] - pad and a["y0"] < b["y1"] - pad and b["y0"] < a["y1"] - pad


def _pairs(items, key):
    """Pairs of items whose boxes may overlap (sweep over x)."""
    items = sorted(items, key=lambda i: key(i)["x0"])
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if key(b)["x0"] >= key(a)["x1"]:
                break
            yield a, b


@pytest.mark.parametrize("n", [100, 300])
def test_opening_view_has_no_overlaps_and_readable_labels(synthetic, open_page, n):
    path, _ = synthetic(n)
    page = open_page(path, SMALL)
    geo = page.evaluate(GEOMETRY)
    assert len(geo["boxes"]) == n
    node_overlaps = [(a["id"], b["id"]) for a, b in _pairs(geo["boxes"], lambda b: b) if _overlap(a, b)]
    assert node_overlaps == []
    labels = [{**l, "x0": l["x"], "y0": l["y"], "x1": l["x"] + l["w"], "y1": l["y"] + l["h"]} for l in geo["labels"]]
    assert len(labels) >= 20
    label_overlaps = [(a["text"], b["text"]) for a, b in _pairs(labels, lambda b: b) if _overlap(a, b)]
    assert label_overlaps == []
    for label in labels:
        assert label["px"] >= LABEL_PX and label["h"] >= label["height"] - 0.5 and label["height"] >= LABEL_PX
        assert abs(label["w"] - label["measured"]) < 0.5
        assert 0 <= label["x0"] and label["x1"] <= geo["width"] and 0 <= label["y0"] and label["y1"] <= geo["height"]
    # a label never covers a node as big as its own or bigger
    size = {b["id"]: b["x1"] - b["x0"] for b in geo["boxes"]}
    for label in (x for x in labels if x["kind"] == "node"):
        covered = [b["id"] for b in geo["boxes"] if b["id"] != label["id"] and _overlap(label, b, pad=0.5)
                   and size[b["id"]] >= size[label["id"]] - 0.01]
        assert covered == [], label["text"]
    # biggest first: the five biggest nodes are named; zooming in names more
    biggest = sorted(geo["boxes"], key=lambda b: -(b["x1"] - b["x0"]))[:5]
    assert {b["id"] for b in biggest} <= {l["id"] for l in labels}
    next_frame(page, "kgView.network.moveTo({scale: kgView.network.getScale() * 2.5, animation: false})")
    assert len(page.evaluate("kgView.labels()")) > 0
    zoomed = page.evaluate(GEOMETRY)["labels"]
    assert all(l["px"] >= LABEL_PX for l in zoomed)


POINT_ON_EDGE = """([id, nearId]) => {
  // a point on the drawn line of edge id, clear of every node box and at least 10 px from every other
  // shown edge; with nearId, the such point closest to that node
  const n = kgView.network, e = kgView.data.edges.find((x) => x.id === id);
  const dom = (p) => n.canvasToDOM(p);
  const A = dom(n.getPositions([e.source])[e.source]), B = dom(n.getPositions([e.target])[e.target]);
  const boxes = kgView.nodeView.getIds().map((nid) => {
    const b = n.getBoundingBox(nid), tl = dom({x: b.left, y: b.top}), br = dom({x: b.right, y: b.bottom});
    return {nid, x0: tl.x - 2, y0: tl.y - (br.y - tl.y) * 0.1 - 2, x1: br.x + 2, y1: br.y + 2};
  });
  const others = kgView.edgeView.getIds().filter((x) => x !== id).map((x) => {
    const o = kgView.data.edges.find((y) => y.id === x);
    return [dom(n.getPositions([o.source])[o.source]), dom(n.getPositions([o.target])[o.target])];
  });
  const dist = (p, a, b) => { const dx = b.x - a.x, dy = b.y - a.y, l = dx * dx + dy * dy;
    const t = l ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy); };
  const W = document.getElementById("graph").clientWidth, H = document.getElementById("graph").clientHeight;
  const ok = [];
  for (let i = 1; i < 400; i++) {
    const t = i / 400, p = {x: A.x + (B.x - A.x) * t, y: A.y + (B.y - A.y) * t};
    if (p.x < 5 || p.y < 5 || p.x > W - 5 || p.y > H - 5) continue;
    if (boxes.some((b) => p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1)) continue;
    if (others.some(([a, b]) => dist(p, a, b) < 10)) continue;
    ok.push(p);
  }
  if (!ok.length) return null;
  if (!nearId) return ok[Math.floor(ok.length / 2)];
  const c = dom(n.getPositions([nearId])[nearId]);
  ok.sort((p, q) => Math.hypot(p.x - c.x, p.y - c.y) - Math.hypot(q.x - c.x, q.y - c.y));
  return ok[0];
}"""


def test_a_click_on_an_edge_opens_it_even_beside_a_big_node(sample, open_page):
    path, g = sample
    view = view_data(g)
    page = open_page(path, SMALL)
    size = {n.id: n.size for n in view.nodes}
    hub = max(view.nodes, key=lambda n: (n.size, n.id)).id
    near_hub = [e for e in view.edges if hub in (e.source, e.target)]
    negated = [e for e in view.edges if e.status == "negated"]
    assert near_hub and negated

    def gap_to_hub(edge):  # px from the hub's box to the clear point of ``edge`` nearest the hub
        point = page.evaluate(POINT_ON_EDGE, [edge.id, hub])
        if point is None:
            return math.inf
        box = page.evaluate("(id) => { const n = kgView.network, b = n.getBoundingBox(id);"
                             " return [n.canvasToDOM({x: b.left, y: b.top}), n.canvasToDOM({x: b.right, y: b.bottom})]; }", hub)
        return max(box[0]["x"] - point["x"], point["x"] - box[1]["x"], box[0]["y"] - point["y"], point["y"] - box[1]["y"])

    beside = min(near_hub, key=lambda e: (gap_to_hub(e), e.id))  # the hardest click beside the hub
    picks = [(beside, hub), (negated[0], None)]
    rest = sorted((e for e in view.edges if e not in (beside, negated[0]) and e.source != e.target),
                  key=lambda e: -(size[e.source] + size[e.target]))
    rows = evidence_rows(g)
    by_edge = {}
    for a in g.subjects(RDF.type, KG.Assertion):
        key = (str(g.value(a, RDF.subject)), str(g.value(a, RDF.predicate)).split("#")[-1], str(g.value(a, RDF.object)))
        by_edge[key] = sorted(r[0] for r in rows.get(a, []))
    box = page.locator("#graph canvas").bounding_box()
    clicked = 0
    for edge, near in picks + [(e, None) for e in rest]:
        if clicked == 5:
            break
        point = page.evaluate(POINT_ON_EDGE, [edge.id, near])
        if point is None:
            assert (edge, near) not in picks, "no clear point on a required edge"
            continue
        if near:  # the point lies right beside the hub: within a third of its size of its box
            hub_box = page.evaluate("(id) => { const n = kgView.network, b = n.getBoundingBox(id);"
                                    " return [n.canvasToDOM({x: b.left, y: b.top}), n.canvasToDOM({x: b.right, y: b.bottom})]; }", near)
            gap = max(hub_box[0]["x"] - point["x"], point["x"] - hub_box[1]["x"], hub_box[0]["y"] - point["y"], point["y"] - hub_box[1]["y"])
            assert gap < (hub_box[1]["x"] - hub_box[0]["x"]) / 3
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_function("(id) => document.getElementById('panel').dataset.id === id", arg=edge.id)
        assert page.evaluate("document.getElementById('panel').dataset.kind") == "edge"
        shown = sorted(page.locator("#panel blockquote").all_inner_texts())
        assert shown == by_edge[(edge.source, edge.predicate, edge.target)]
        assert page.evaluate("kgView.network.getSelectedEdges()") == [edge.id]
        clicked += 1
        page.mouse.click(box["x"] + 3, box["y"] + 3)  # empty canvas: nothing selected
    assert clicked == 5


def test_edge_labels_follow_the_selection(sample, open_page):
    path, g = sample
    view = view_data(g)
    page = open_page(path, SMALL)
    assert [l for l in page.evaluate("kgView.labels()") if l["kind"] == "edge"] == []
    hub = max(view.nodes, key=lambda n: (n.degree, n.id))
    page.locator("#search").fill(hub.label)
    page.keyboard.press("Enter")
    page.wait_for_function("(id) => kgView.highlighted() && kgView.highlighted().nodes.includes(id)", arg=hub.id)
    edge_labels = [l for l in page.evaluate("kgView.labels()") if l["kind"] == "edge"]
    mine = {e.id for e in view.edges if hub.id in (e.source, e.target)}
    assert edge_labels and {l["id"] for l in edge_labels} <= mine
    # a second search leaves no label of the first one's edges behind
    other = next(n for n in sorted(view.nodes, key=lambda n: -n.degree)
                 if n.id != hub.id and not any({n.id, hub.id} == {e.source, e.target} for e in view.edges))
    page.locator("#search").fill(other.label)
    page.keyboard.press("Enter")
    page.wait_for_function("(id) => kgView.highlighted() && kgView.highlighted().nodes.includes(id)", arg=other.id)
    now = {l["id"] for l in page.evaluate("kgView.labels()") if l["kind"] == "edge"}
    assert not now & (mine - {e.id for e in view.edges if other.id in (e.source, e.target)})


def test_filters_by_class_relation_and_mentions(sample, open_page):
    path, g = sample
    view = view_data(g)
    page = open_page(path)

    def expect(**kw):
        nodes, edges = visible(view, **kw)
        return {"nodes": len(nodes), "edges": len(edges)}

    assert counts(page) == expect()
    classes = {n.cls for n in view.nodes}
    page.locator('input[data-class="Person"]').uncheck()
    assert counts(page) == expect(classes=classes - {"Person"}) != expect()
    page.locator('input[data-class="Person"]').check()
    assert counts(page) == expect()

    predicate, _ = Counter(e.predicate for e in view.edges).most_common(1)[0]
    page.locator(f'input[data-predicate="{predicate}"]').uncheck()
    assert counts(page) == expect(predicates={e.predicate for e in view.edges} - {predicate}) != expect()
    page.locator(f'input[data-predicate="{predicate}"]').check()

    page.locator("#min-mentions").fill("2")
    assert counts(page) == expect(min_mentions=2) != expect()
    page.locator("#min-mentions").fill("1")

    page.locator("#unasserted").uncheck()
    assert counts(page) == expect(unasserted=False) != expect()

    assert page.evaluate("kgView.network.physics.options.enabled") is False
    page.locator("#physics").check()
    assert page.evaluate("kgView.network.physics.options.enabled") is True


def test_confidence_filter(synthetic, open_page):
    path, g = synthetic(300)
    view = view_data(g)
    page = open_page(path)
    rows = evidence_rows(g)
    strong = sum(1 for a in g.subjects(RDF.type, KG.Assertion) if any(r[3] >= 0.9 for r in rows.get(a, [])))
    page.locator("#min-confidence").fill("0.9")
    assert counts(page)["edges"] == strong == len(visible(view, min_confidence=0.9)[1]) < len(view.edges)
    mixed = next(e for e in view.edges if e.id in visible(view, min_confidence=0.9)[1]
                 and any(ev.confidence < 0.9 for ev in e.evidence))
    page.evaluate("(id) => kgView.select({edges: [id]}, 'test')", mixed.id)
    shown = page.locator("#panel blockquote").all_inner_texts()
    assert sorted(shown) == sorted(ev.sentence for ev in mixed.evidence if ev.confidence >= 0.9)


def _brush(page, start: str, end: str):
    """Drag across the timeline from the start of day ``start`` to the start of day ``end``."""
    svg = page.locator("#timeline svg").bounding_box()
    x0, x1 = page.evaluate("([a, b]) => [kgView.timeline.x(a), kgView.timeline.x(b)]", [start, end])
    y = svg["y"] + svg["height"] / 2
    page.mouse.move(svg["x"] + x0 + 1, y)
    page.mouse.down()
    page.mouse.move(svg["x"] + x1 - 1, y, steps=8)
    page.mouse.up()
    page.wait_for_function("document.getElementById('date-from').value !== ''")
    return page.locator("#date-from").input_value(), page.locator("#date-to").input_value()


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_timeline_brush_keeps_the_edges_with_a_sentence_in_the_period(which, sample, synthetic, open_page):
    path, g = sample if which == "sample" else synthetic(300)
    page = open_page(path)
    bins = page.evaluate("kgView.timeline.bins()")
    busy = [day for day, n in bins if n]
    start, end = busy[len(busy) // 3], busy[2 * len(busy) // 3]
    since, until = _brush(page, start, end)
    assert since <= start and until >= start and since < end
    rows = evidence_rows(g)
    kept = {a for a in g.subjects(RDF.type, KG.Assertion)
            if any(in_period(day, last, since, until) for _, day, last, _ in rows.get(a, []))}
    total = len(set(g.subjects(RDF.type, KG.Assertion)))
    assert 0 < counts(page)["edges"] == len(kept) < total
    # the panel of an edge with sentences on both sides of the period lists only those inside it
    view = view_data(g)
    mixed = [e for e in view.edges if e.id in visible(view, period=(since, until))[1]
             and not all(in_period(ev.date, ev.end, since, until) for ev in e.evidence)]
    if which == "synthetic":
        assert mixed
    for e in mixed[:3]:
        page.evaluate("(id) => kgView.select({edges: [id]}, 'test')", e.id)
        shown = page.locator("#panel blockquote").all_inner_texts()
        assert sorted(shown) == sorted(ev.sentence for ev in e.evidence if in_period(ev.date, ev.end, since, until))
    # clearing the period (the date boxes) brings every edge back
    page.locator("#date-from").fill("")
    page.locator("#date-from").dispatch_event("change")
    page.locator("#date-to").fill("")
    page.locator("#date-to").dispatch_event("change")
    assert counts(page)["edges"] == total


def test_neighbours_light_up_on_hover(synthetic, open_page):
    path, g = synthetic(100)
    view = view_data(g)
    page = open_page(path)
    hub = max(view.nodes, key=lambda n: (n.degree, n.id))
    neighbours = {hub.id} | {x for e in view.edges if hub.id in (e.source, e.target) for x in (e.source, e.target)}
    far = max((n for n in view.nodes if n.id not in neighbours and n.degree),
              key=lambda n: math.dist((n.x, n.y), (hub.x, hub.y)))
    pixel = """(id) => { const n = kgView.network, p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = n.canvas.pixelRatio, c = n.canvas.frame.canvas.getContext("2d");
        const d = c.getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data; return [d[0], d[1], d[2], d[3]]; }"""
    before = page.evaluate(pixel, far.id)
    at = page.evaluate("(id) => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", hub.id)
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    page.wait_for_function("kgView.highlighted() !== null")
    lit = page.evaluate("kgView.highlighted()")
    assert set(lit["nodes"]) == neighbours
    assert set(lit["edges"]) == {e.id for e in view.edges if hub.id in (e.source, e.target)}
    after = page.evaluate(pixel, far.id)
    assert after[3] == 255 and sum(after[:3]) > sum(before[:3]) + 60  # faded towards white
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.wait_for_function("kgView.highlighted() === null")


def test_shortest_path_between_two_actors(synthetic, open_page):
    path, g = synthetic(300)
    view = view_data(g)
    page = open_page(path)
    graph = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in view.edges)
    label = {n.id: n.label for n in view.nodes}
    a = min(graph)
    far = nx.single_source_shortest_path_length(graph, a)
    b = max(sorted(far), key=lambda x: far[x])
    page.locator("#path-from").fill(label[a])
    page.keyboard.press("Enter")
    page.locator("#path-to").fill(label[b])
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('panel').dataset.kind === 'path'")
    p = page.evaluate("kgView.state.path")
    assert p["nodes"][0] == a and p["nodes"][-1] == b
    assert len(p["edges"]) == nx.shortest_path_length(graph, a, b) >= 2
    ends = {e.id: {e.source, e.target} for e in view.edges}
    assert all(ends[eid] == {p["nodes"][i], p["nodes"][i + 1]} for i, eid in enumerate(p["edges"]))
    listed = page.locator("#panel ol.path li").evaluate_all("items => items.map(i => i.dataset.edge)")
    assert listed == p["edges"]
    page.wait_for_function("kgView.highlighted() && kgView.highlighted().edges.length > 0")
    assert set(page.evaluate("kgView.highlighted().edges")) == set(p["edges"])
    # a step of the path opens that edge
    page.locator("#panel ol.path li a").first.click()
    assert page.evaluate("document.getElementById('panel').dataset.id") == p["edges"][0]


def test_exports_of_what_is_shown(synthetic, open_page):
    path, g = synthetic(100)
    view = view_data(g)
    page = open_page(path)
    page.locator("#min-confidence").fill("0.8")
    with page.expect_download() as got:
        page.locator("#export-csv").click()
    text = Path(got.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["subject", "predicate", "object", "edge status", "sentence"]
    shown = visible(view, min_confidence=0.8)[1]
    assert counts(page)["edges"] == len(shown)
    expected = Counter(ev.sentence for e in view.edges if e.id in shown for ev in e.evidence if ev.confidence >= 0.8)
    assert len(rows) - 1 == sum(expected.values())
    assert Counter(r[4] for r in rows[1:]) == expected

    with page.expect_download() as got:
        page.locator("#export-png").click()
    png = Path(got.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == tuple(page.evaluate("[kgView.network.canvas.frame.canvas.width, kgView.network.canvas.frame.canvas.height]"))
    assert got.value.suggested_filename == "kg-view.png" and len(png) > 20_000  # a drawing, not a blank
    assert page.requests == [path.as_uri()]


def test_screenshot_shows_the_drawing(sample, open_page, tmp_path):
    path, _ = sample
    page = open_page(path)
    shot = tmp_path / "view.png"
    page.locator("#graph").screenshot(path=str(shot))
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] > 400 and pixels.shape[1] > 400
    # a blank canvas is one colour; a drawn graph has node colours on it
    assert len({tuple(p) for p in pixels.reshape(-1, pixels.shape[-1])[::97]}) > 20


XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ALIAS = '"><script>alert(2)</script>'


def _hostile_graph() -> Graph:
    sentence = f'{XSS_NAME} met {XSS_ALIAS} </script><script>alert(3)</script> & "quotes" \\ \u202eevil'
    doc = DocumentResult("evil.txt", "evil.txt", "e" * 64, 1, (), (), url="javascript:alert(4)",
                         title="<b onmouseover=alert(5)>title</b>", date="2024-01-02")
    a = Entity("person/evil", XSS_NAME, "Person", alt_labels=(XSS_ALIAS,), mentions=2)
    b = Entity("organization/target", "Target </script>", "Organization", mentions=1)
    ev = Evidence("evil.txt", sentence, 0, len(sentence), "test", "meet", 0.9)
    return to_rdf(ResolvedGraph((a, b), (Edge(a.id, "meetWith", b.id, (ev,)),), (doc,)))


def test_names_and_sentences_that_look_like_html_stay_text(open_page, tmp_path):
    path = tmp_path / "graph.html"
    path.write_bytes(render(view_data(_hostile_graph())))
    page = open_page(path)
    page.locator("#search").press_sequentially("<img")
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == XSS_NAME
    assert XSS_ALIAS in page.locator("#panel").inner_text()
    page.evaluate("kgView.select({edges: [kgView.data.edges[0].id]}, 'test')")
    assert "</script><script>alert(3)</script>" in page.locator("#panel blockquote").inner_text()
    page.locator("#panel a, #panel span").first.hover()
    assert page.evaluate("document.querySelectorAll('img, b, #panel script').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 6  # data, world, vis-network, d3, topojson, view
    assert page.evaluate("[...document.querySelectorAll('#panel a[href]')].map(a => a.href)") == []
    next_frame(page, "kgView.select({}, 'test')")
    assert XSS_NAME in [l["text"] for l in page.evaluate("kgView.labels()")]  # drawn on the canvas as text
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    # the detector works: a real alert is caught
    page.evaluate("setTimeout(() => alert('control'), 0)")
    page.wait_for_timeout(300)
    assert page.dialogs == ["control"]


@pytest.fixture(scope="module")
def big_page(tmp_path_factory):
    n = OVERVIEW_ABOVE + 500
    resolved = synthetic_graph(n)
    path = tmp_path_factory.mktemp("big") / "graph.html"
    path.write_bytes(render(view_data(to_rdf(resolved))))
    return path, resolved


def test_big_graph_opens_on_an_overview_and_drills_down(big_page, open_page):
    path, resolved = big_page
    page = open_page(path)
    assert page.evaluate("kgView.data.nodes.length") == len(resolved.entities)
    view = view_data(to_rdf(resolved))
    top = {n.id for n in sorted(view.nodes, key=lambda n: (-n.degree, n.label))[:OVERVIEW_NODES]}
    linked = {x for e in view.edges if e.source in top and e.target in top for x in (e.source, e.target)}
    assert page.evaluate("kgView.counts().nodes") == len(linked) > OVERVIEW_NODES * 0.9
    # double-click the best-connected node: its neighbours join the view
    hub = page.evaluate("kgView.data.nodes.slice().sort((a, b) => b.degree - a.degree)[0].id")
    neighbours = page.evaluate("""(id) => { const s = new Set();
        for (const e of kgView.data.edges) { if (e.source === id) s.add(e.target); if (e.target === id) s.add(e.source); }
        return [...s]; }""", hub)
    before = set(page.evaluate("kgView.nodeView.getIds()"))
    page.evaluate("(id) => kgView.network.focus(id, {scale: 1.5, animation: false})", hub)
    at = page.evaluate("(id) => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", hub)
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.dblclick(box["x"] + at["x"], box["y"] + at["y"])
    after = set(page.evaluate("kgView.nodeView.getIds()"))
    opened = top | {hub} | set(neighbours)  # an overview node with no edge to another shown one appears once linked
    assert after == {x for e in view.edges if e.source in opened and e.target in opened for x in (e.source, e.target)}
    assert after >= before | set(neighbours) and len(after) > len(before)
    # a node outside the overview is found by search and shown
    leaf = "https://w3id.org/kg-news/id/" + resolved.entities[-1].id
    assert leaf not in after
    page.locator("#search").press_sequentially(resolved.entities[-1].label)
    page.keyboard.press("Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [leaf]
    page.locator("#show-all").click()
    assert page.evaluate("kgView.counts().nodes") == len(resolved.entities)  # every one has an edge


# ---------------------------------------------------------------------------------------------- the map
CAIRO = "Egyptian officials met Hamas leaders in Cairo on Monday."
ARTICLES = {  # a meeting in Cairo (a city), a strike placed only in a country, and a later article with no event
    "cairo.txt": ("Egypt hosts Hamas", "2024-03-05", f"CAIRO, March 5 (kg) - {CAIRO}"),
    "ukraine.txt": ("Strikes on Ukraine", "2024-04-10", "Russian forces attacked Ukraine on Tuesday, officials said."),
    "ankara.txt": ("Lavrov and Fidan", "2024-06-20",
                   "Russian Foreign Minister Sergei Lavrov criticised Turkish Foreign Minister Hakan Fidan on Thursday."),
}


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    """A small corpus built end to end: (page path, RDF graph, the geocoded events by IRI)."""
    src = tmp_path_factory.mktemp("map-corpus")
    for name, (title, date, body) in ARTICLES.items():
        (src / name).write_text(f"---\ntitle: {title}\ndate: {date}\nsource: kg test wire\n---\n{title}\n\n{body}\n",
                                encoding="utf-8")
    out = tmp_path_factory.mktemp("map")
    build(sorted(src.iterdir()), Settings(out=out, formats=("turtle", "html"), progress=False))
    g = Graph()
    g.parse(out / "graph.ttl")
    events = {r.iri: r for r in event_rows(g) if r.lat is not None}
    return out / "graph.html", g, events


def _cairo(events):
    (event,) = [r for r in events.values() if r.place == "Cairo" and any(CAIRO in x.sentence for x in r.reports)]
    return event


MARKER = """(id) => { const c = document.querySelector('#map g.place[data-place="' + id + '"] circle');
  if (!c) return null; const r = c.getBoundingClientRect(), m = document.querySelector('#map svg.map').getBoundingClientRect();
  return {x: r.x + r.width / 2 - m.x, y: r.y + r.height / 2 - m.y, width: r.width, cls: c.getAttribute('class'),
          left: m.x, top: m.y}; }"""


def _place_of(page, event) -> str:
    return page.evaluate("(id) => kgView.data.events.find((e) => e.id === id).place", event.iri)


def _shown_places(page) -> set:
    return {m["place"] for m in page.evaluate("kgView.map.markers()")}


def test_the_map_marks_a_geocoded_event_and_a_click_opens_its_evidence(mapped, open_page):
    path, g, events = mapped
    cairo = _cairo(events)
    page = open_page(path)
    assert page.evaluate("kgView.map.shown()") and page.locator("#map svg.map").is_visible()
    # one marker per place of a geocoded event, each at its coordinates through the page's own projection
    places = {(r.place, r.lat, r.lon, r.place_precision) for r in events.values()}
    markers = page.evaluate("kgView.map.markers()")
    assert len(markers) == len(places) >= 2
    place = _place_of(page, cairo)
    at = page.evaluate(MARKER, place)
    projected = page.evaluate("([lon, lat]) => kgView.map.project(lon, lat)", [cairo.lon, cairo.lat])
    assert math.dist((at["x"], at["y"]), (projected["x"], projected["y"])) < 1.0
    # and that point of the drawing lies on Egypt's outline (the vendored Natural Earth data), not just anywhere
    x, y = at["left"] + at["x"], at["top"] + at["y"]
    under = page.evaluate("([x, y]) => document.elementsFromPoint(x, y).map((e) => e.getAttribute('data-name')).filter(Boolean)", [x, y])
    assert under == ["Egypt"]
    # precision shown: a city is a dot, a place known only to its country a wider ring
    assert "city" in at["cls"].split()
    country = next(r for r in events.values() if r.place_precision == "country")
    ring = page.evaluate(MARKER, _place_of(page, country))
    assert "country" in ring["cls"].split() and ring["width"] > at["width"] * 1.5
    # a click on the marker opens the event's evidence and lights its actors and edges in the graph
    page.mouse.click(x, y)
    page.wait_for_function("(id) => document.getElementById('panel').dataset.kind === 'place' && document.getElementById('panel').dataset.id === id", arg=place)
    assert page.locator("#panel h2").inner_text() == "Cairo"
    assert "city precision" in page.locator("#panel").inner_text()
    shown = page.locator("#panel blockquote").all_inner_texts()
    assert {x.sentence for x in cairo.reports} <= set(shown) and any(CAIRO in s for s in shown)
    view = view_data(g)
    edge_of = {(e.source, e.predicate, e.target): e.id for e in view.edges}
    reported = {ev for r in events.values() if r.place == "Cairo" for ev in (x.evidence for x in r.reports)}
    edges = {edge_of[(str(g.value(a, RDF.subject)), str(g.value(a, RDF.predicate)).split("#")[-1], str(g.value(a, RDF.object)))]
             for ev, a in g.subject_objects(KG.mentionOf) if str(ev) in reported}
    page.wait_for_function("kgView.highlighted() !== null")
    lit = page.evaluate("kgView.highlighted()")
    assert set(lit["edges"]) == edges
    assert {cairo.source.iri, cairo.target.iri} <= set(lit["nodes"])
    assert page.evaluate("kgView.network.getSelectedEdges()") and set(page.evaluate("kgView.network.getSelectedEdges()")) == edges
    assert page.requests == [path.as_uri()] and page.errors == []
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0


def test_the_marker_stays_on_its_place_when_the_map_is_zoomed(mapped, open_page):
    path, _, events = mapped
    cairo = _cairo(events)
    page = open_page(path)
    place = _place_of(page, cairo)
    before = page.evaluate(MARKER, place)
    page.mouse.move(before["left"] + before["x"] + 30, before["top"] + before["y"] + 20)
    page.mouse.wheel(0, -400)
    page.wait_for_function("document.querySelector('#map svg.map > g').getAttribute('transform') !== null")
    after = page.evaluate(MARKER, place)
    projected = page.evaluate("([lon, lat]) => kgView.map.project(lon, lat)", [cairo.lon, cairo.lat])
    assert math.dist((after["x"], after["y"]), (projected["x"], projected["y"])) < 1.0
    assert math.dist((after["x"], after["y"]), (before["x"], before["y"])) > 5  # it did zoom
    assert abs(after["width"] - before["width"]) < 1.0  # markers keep their size on screen


def test_selecting_in_the_graph_lights_its_events_on_the_map(mapped, open_page):
    path, _, events = mapped
    cairo = _cairo(events)
    page = open_page(path)
    assert not any(m["lit"] or m["dim"] for m in page.evaluate("kgView.map.markers()"))
    hamas = cairo.target.iri if "hamas" in cairo.target.iri else cairo.source.iri
    page.evaluate("(id) => kgView.select({nodes: [id]}, 'test')", hamas)
    markers = {m["place"]: m for m in page.evaluate("kgView.map.markers()")}
    with_hamas = {_place_of(page, r) for r in events.values() if hamas in (r.source.iri, r.target and r.target.iri)}
    assert {p for p, m in markers.items() if m["lit"]} == with_hamas and _place_of(page, cairo) in with_hamas
    assert all(m["dim"] for p, m in markers.items() if p not in with_hamas)
    # the node's panel lists its events on the map; one opens its place
    listed = page.locator("#panel ul.events li a")
    assert cairo.name in listed.all_inner_texts()
    listed.filter(has_text=cairo.name).first.click()
    page.wait_for_function("(id) => document.getElementById('panel').dataset.id === id", arg=_place_of(page, cairo))
    assert cairo.name in page.locator("#panel section.event h3").all_inner_texts()
    # an edge: the places of the events it is evidence of
    country = next(r for r in events.values() if r.place_precision == "country")
    edge = page.evaluate("(id) => kgView.data.events.find((e) => e.id === id).edges[0]", country.iri)
    page.evaluate("(id) => kgView.select({edges: [id]}, 'test')", edge)
    assert {m["place"] for m in page.evaluate("kgView.map.markers()") if m["lit"]} == {_place_of(page, country)}
    page.evaluate("kgView.select({}, 'test')")
    assert not any(m["lit"] or m["dim"] for m in page.evaluate("kgView.map.markers()"))


def test_the_timeline_brush_keeps_the_markers_of_events_in_the_period(mapped, open_page):
    path, _, events = mapped
    cairo = _cairo(events)
    page = open_page(path)
    busy = [day for day, n in page.evaluate("kgView.timeline.bins()") if n]
    later = [day for day in busy if day > cairo.end]
    assert later
    since, until = _brush(page, later[0], busy[-1])
    assert since > cairo.end
    expected = {_place_of(page, r) for r in events.values() if r.start and r.start <= until and (r.end or r.start) >= since}
    page.wait_for_function("(n) => kgView.map.markers().length === n", arg=len(expected))
    assert _shown_places(page) == expected and _place_of(page, cairo) not in expected
    assert page.evaluate(MARKER, _place_of(page, cairo)) is None
    # the period back to all: every marker again
    page.locator("#date-from").fill("")
    page.locator("#date-from").dispatch_event("change")
    page.locator("#date-to").fill("")
    page.locator("#date-to").dispatch_event("change")
    assert _shown_places(page) == {_place_of(page, r) for r in events.values()}


def test_the_map_pane_can_be_hidden_and_the_graph_takes_its_room(mapped, open_page):
    path, _, _ = mapped
    page = open_page(path, SMALL)  # a narrow window opens on the graph alone
    assert page.locator("#map").is_hidden() and page.locator("#map-toggle").get_attribute("aria-pressed") == "false"
    page.close()
    page = open_page(path)
    width = page.evaluate("document.getElementById('graph').clientWidth")
    assert abs(page.evaluate("kgView.network.canvas.frame.canvas.clientWidth") - width) <= 1
    page.locator("#map-toggle").click()
    assert page.locator("#map").is_hidden() and page.locator("#map-toggle").get_attribute("aria-pressed") == "false"
    wider = page.evaluate("document.getElementById('graph').clientWidth")
    assert wider > width + 200
    page.wait_for_function("(w) => Math.abs(kgView.network.canvas.frame.canvas.clientWidth - w) <= 1", arg=wider)
    page.locator("#map-toggle").click()
    assert page.locator("#map svg.map").is_visible()


@pytest.mark.parametrize("viewport", [{"width": 1600, "height": 1000}, SMALL])
def test_with_the_map_open_the_graph_keeps_nodes_and_labels_apart(sample, open_page, viewport):
    path, _ = sample
    page = open_page(path, viewport)
    if page.locator("#map").is_hidden():  # a narrow window opens on the graph alone: open the map
        page.locator("#map-toggle").click()
        page.wait_for_function("(w) => Math.abs(kgView.network.canvas.frame.canvas.clientWidth - w) <= 1",
                               arg=page.evaluate("document.getElementById('graph').clientWidth"))
        next_frame(page, "kgView.network.fit({animation: false})")
    assert page.evaluate("kgView.map.markers().length") > 0
    geo = page.evaluate(GEOMETRY)
    assert [(a["id"], b["id"]) for a, b in _pairs(geo["boxes"], lambda b: b) if _overlap(a, b)] == []
    labels = [{**l, "x0": l["x"], "y0": l["y"], "x1": l["x"] + l["w"], "y1": l["y"] + l["h"]} for l in geo["labels"]]
    assert len(labels) >= 10 and [(a["text"], b["text"]) for a, b in _pairs(labels, lambda b: b) if _overlap(a, b)] == []
    assert all(0 <= l["x0"] and l["x1"] <= geo["width"] for l in labels)


def test_no_map_without_geocoded_events(synthetic, open_page):
    path, _ = synthetic(100)
    page = open_page(path)
    assert page.evaluate("kgView.map") is None
    assert page.locator("#map").is_hidden() and page.locator("#map-toggle").is_hidden()
