"""The HTML view in a real browser: Debian's Chromium, headless, driven by Playwright (no browser download;
scripts/test installs the package). Each test opens the exported page from disk and works it as a user
would: counts, search, clicks, filters, drill-down, and data that tries to inject script."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS
from servers.chromium import chromium

from kg.api import build
from kg.config import Settings
from kg.data.synthetic import synthetic_graph
from kg.export.html import render
from kg.export.property_graph import entity_classes
from kg.export.view import OVERVIEW_ABOVE, OVERVIEW_NODES, view_data
from kg.graph.build import to_rdf
from kg.graph.namespace import KG
from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY = "window.kgView && window.kgView.ready"


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


@pytest.fixture
def open_page(browser):
    """Function: path -> a ready page; records every request, dialog and script error on the page."""
    pages = []

    def run(path):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
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


def test_page_holds_the_whole_graph_and_draws_it(sample, open_page):
    path, g = sample
    page = open_page(path)
    entities = {iri for iri, _ in entity_classes(g)}
    assertions = set(g.subjects(RDF.type, KG.Assertion))
    assert page.evaluate("kgView.data.nodes.length") == len(entities)
    assert page.evaluate("kgView.data.edges.length") == len(assertions)
    # a graph this small is drawn whole, every node at the position computed in Python
    assert page.evaluate("kgView.counts()") == {"nodes": len(entities), "edges": len(assertions)}
    assert page.evaluate("Object.keys(kgView.network.getPositions()).length") == len(entities)
    drawn = page.evaluate("Object.values(kgView.network.getPositions(kgView.data.nodes.map(n => n.id)))")
    computed = page.evaluate("kgView.data.nodes.map(n => ({x: n.x, y: n.y}))")
    assert all(abs(d["x"] - c["x"]) < 1 and abs(d["y"] - c["y"]) < 1 for d, c in zip(drawn, computed))  # vis truncates
    assert page.errors == []


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


def test_clicking_an_edge_shows_its_evidence(sample, open_page):
    path, g = sample
    page = open_page(path)
    # an edge whose midpoint no node or other edge covers, zoomed in, so a real click lands on it alone
    target = page.evaluate("""() => {
      const n = kgView.network;
      for (const e of kgView.data.edges) {
        const p = n.getPositions([e.source, e.target]);
        if (!p[e.source] || !p[e.target] || e.source === e.target) continue;
        const mid = {x: (p[e.source].x + p[e.target].x) / 2, y: (p[e.source].y + p[e.target].y) / 2};
        n.moveTo({position: mid, scale: 1.5, animation: false});
        const dom = n.canvasToDOM(mid);
        if (n.getNodeAt(dom) === undefined && n.getEdgeAt(dom) === e.id) return {id: e.id, x: dom.x, y: dom.y};
      }
      return null; }""")
    assert target is not None
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_function("document.getElementById('panel').dataset.kind === 'edge'")
    assert page.evaluate("document.getElementById('panel').dataset.id") == target["id"]
    edge = page.evaluate("(id) => kgView.data.edges.find(e => e.id === id)", target["id"])
    assertion = next(a for a in g.subjects(RDF.type, KG.Assertion)
                     if str(g.value(a, RDF.subject)) == edge["source"] and str(g.value(a, RDF.object)) == edge["target"]
                     and str(g.value(a, RDF.predicate)).endswith("#" + edge["predicate"]))
    sentences = {str(g.value(ev, KG.sentence)) for ev in g.subjects(KG.mentionOf, assertion)}
    shown = page.locator("#panel blockquote").all_inner_texts()
    assert sorted(shown) == sorted(sentences)
    panel = page.locator("#panel").inner_text()
    assert "confidence" in panel and str(g.value(assertion, KG.mentionCount)) + " mention" in panel


def test_filters_by_class_relation_mentions_and_date(sample, open_page):
    path, g = sample
    view = view_data(g)
    page = open_page(path)
    counts = lambda: page.evaluate("kgView.counts()")
    total = counts()

    persons = {n.id for n in view.nodes if n.cls == "Person"}
    page.locator('input[data-class="Person"]').uncheck()
    lost_edges = sum(1 for e in view.edges if e.source in persons or e.target in persons)
    assert counts() == {"nodes": total["nodes"] - len(persons), "edges": total["edges"] - lost_edges}
    page.locator('input[data-class="Person"]').check()
    assert counts() == total

    predicate, n = Counter(e.predicate for e in view.edges).most_common(1)[0]
    page.locator(f'input[data-predicate="{predicate}"]').uncheck()
    assert counts() == {"nodes": total["nodes"], "edges": total["edges"] - n}
    page.locator(f'input[data-predicate="{predicate}"]').check()

    page.locator("#min-mentions").fill("2")
    kept = {n.id for n in view.nodes if n.mentions >= 2}
    assert counts()["nodes"] == len(kept)
    assert counts()["edges"] == sum(1 for e in view.edges if e.mentions >= 2 and e.source in kept and e.target in kept)
    page.locator("#min-mentions").fill("1")

    dated = sorted({e.first for e in view.edges if e.first})
    start, end = dated[len(dated) // 3], dated[2 * len(dated) // 3]
    page.locator("#date-from").fill(start)
    page.locator("#date-to").fill(end)
    page.locator("#undated").uncheck()
    inside = [e for e in view.edges if e.first and e.last >= start and e.first <= end]
    assert 0 < counts()["edges"] == len(inside) < total["edges"]

    assert page.evaluate("kgView.network.physics.options.enabled") is False
    page.locator("#physics").check()
    assert page.evaluate("kgView.network.physics.options.enabled") is True


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
    page.evaluate("kgView.showEdge(kgView.data.edges[0].id)")
    assert "</script><script>alert(3)</script>" in page.locator("#panel blockquote").inner_text()
    page.locator("#panel a, #panel span").first.hover()
    assert page.evaluate("document.querySelectorAll('img, b, #panel script').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, vis-network, view
    assert page.evaluate("[...document.querySelectorAll('#panel a[href]')].map(a => a.href)") == []
    assert page.evaluate(f"kgView.nodes.get(kgView.data.nodes.find(n => n.label === {json.dumps(XSS_NAME)}).id).label") \
        == XSS_NAME
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
    assert page.evaluate("kgView.counts().nodes") == OVERVIEW_NODES
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
    assert after == before | set(neighbours) and len(after) > len(before)
    # a node outside the overview is found by search and shown
    leaf = "https://w3id.org/kg-news/id/" + resolved.entities[-1].id
    assert leaf not in after
    page.locator("#search").press_sequentially(resolved.entities[-1].label)
    page.keyboard.press("Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [leaf]
    page.locator("#show-all").click()
    assert page.evaluate("kgView.counts().nodes") == len(resolved.entities)
