"""What the HTML view shows, read from an exported kg graph: entities with their names, class, mentions
and degree; every typed edge (asserted, and also negated, planned or disputed ones, drawn differently)
with its evidence sentences, documents, confidence and dates; documents; and a layout computed here with
networkx so the browser never has to simulate a big graph.

The result is plain JSON-ready data (:class:`ViewData`); ``kg.export.html`` embeds it in the page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import rules
from kg.export.property_graph import entity_classes
from kg.graph.namespace import KG

# Above this many nodes the page opens on an overview (the best-connected actors) with drill-down; below
# it every node is drawn at once. benchmarks/view.py measures where vis-network stops being instant.
OVERVIEW_ABOVE = 1500
OVERVIEW_NODES = 300
# Up to this many nodes the whole graph gets a force-directed layout; beyond, only its best-connected
# core does and the rest is placed around its neighbours (networkx's spring layout is O(n^2) per step).
SPRING_MAX = 400
UNIT, GAP = 70.0, 90.0  # screen units per sqrt(node) of a component; space between components
EVIDENCE_PER_EDGE = 50  # sentences kept per edge in the page; the counts stay exact

COLOURS = {  # by class; a class not listed takes its coarse class's colour
    "Person": "#e4572e",
    "Organization": "#2e86ab",
    "ArmedGroup": "#6b2737",
    "PoliticalOrganization": "#3d5a80",
    "PoliticalParty": "#5c4d7d",
    "GovernmentBody": "#1b998b",
    "InternationalOrganization": "#0b6e4f",
    "MediaOrganization": "#76b041",
    "Company": "#7d8491",
    "GroupActor": "#8fb8de",
    "Location": "#ffc857",
    "Country": "#f3a712",
    "Region": "#e9c46a",
    "City": "#f4a261",
}
SHAPES = {"Person": "dot", "Organization": "square", "Location": "triangle"}


@dataclass(frozen=True)
class ViewNode:
    id: str  # the entity IRI
    label: str
    cls: str
    names: tuple[str, ...]  # every name it goes by, label first
    titles: tuple[str, ...]
    mentions: int
    degree: int
    x: float
    y: float


@dataclass(frozen=True)
class ViewEvidence:
    sentence: str
    doc: int  # index into ViewData.docs
    confidence: float
    status: str  # "asserted", "negated", "possible", "future", "intended", "conditional"
    source: str  # who said it, when reported
    when: str  # the date expression in the sentence
    date: str  # ISO date the evidence is about: the event's, else the document's


@dataclass(frozen=True)
class ViewEdge:
    id: str
    source: str
    target: str
    predicate: str  # local name, "meetWith"
    status: str  # "asserted", "disputed" (asserted, but some evidence denies it) or an unasserted status
    mentions: int
    documents: int
    confidence: float
    first: str  # earliest and latest date of its evidence ("" when none is dated)
    last: str
    evidence: tuple[ViewEvidence, ...]


@dataclass(frozen=True)
class ViewDoc:
    id: str
    title: str
    date: str
    publisher: str
    path: str
    url: str


@dataclass(frozen=True)
class ViewData:
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    docs: tuple[ViewDoc, ...]
    classes: dict  # class -> {"label", "colour", "shape"}
    predicates: dict  # predicate -> {"label", "symmetric"}
    overview: dict  # {"above": OVERVIEW_ABOVE, "nodes": OVERVIEW_NODES}

    def to_json(self) -> dict:
        return asdict(self)


def view_data(g: Graph) -> ViewData:
    """Everything the HTML view shows of graph ``g`` (an exported kg graph or dataset)."""
    schema = rules.schema()
    docs = _docs(g)
    doc_index = {d.id: i for i, d in enumerate(docs)}
    entities = sorted(entity_classes(g))
    known = {iri for iri, _ in entities}
    edges = [e for e in _edges(g, doc_index, docs) if e.source in known and e.target in known]
    graph = nx.Graph()
    graph.add_nodes_from(sorted(known))
    graph.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    pos = layout(graph)
    labels = _values(g, RDFS.label)
    alt = _values(g, SKOS.altLabel, many=True)
    titles = _values(g, KG.title, many=True)
    counts = _values(g, KG.mentionCount)
    nodes = []
    for iri, cls_iri in entities:
        cls = cls_iri.split("#")[-1]
        label = str(labels.get(iri, iri.rsplit("/", 1)[-1]))
        names = (label, *sorted({str(a) for a in alt.get(iri, ())} - {label}))
        x, y = pos[iri]
        nodes.append(ViewNode(iri, label, cls, names, tuple(sorted(str(t) for t in titles.get(iri, ()))),
                              int(counts.get(iri, 0)), graph.degree(iri), round(float(x), 1), round(float(y), 1)))
    used = sorted({n.cls for n in nodes})
    classes = {c: {"label": _label(g, KG[c]) or c, "colour": COLOURS.get(c) or COLOURS[schema.coarse(c)],
                   "shape": SHAPES[schema.coarse(c)]} for c in used}
    predicates = {p: {"label": _label(g, KG[p]) or p, "symmetric": p in schema.symmetric}
                  for p in sorted({e.predicate for e in edges})}
    return ViewData(tuple(nodes), tuple(edges), tuple(docs), classes, predicates,
                    {"above": OVERVIEW_ABOVE, "nodes": OVERVIEW_NODES})


def layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in screen units. Small graphs get networkx's spring layout, one per connected component
    (see :func:`_packed_springs`). A big one gets it for its ``SPRING_MAX`` best-connected nodes; every other node is set on a ring around the neighbour that
    brought it in (breadth first from that core), and nodes unconnected to the core start their own
    rings on a spiral outside it. Deterministic for a given graph."""
    if len(graph) == 0:
        return {}
    order = sorted(graph, key=lambda n: (-graph.degree(n), n))
    core = order[:SPRING_MAX]
    placed: dict = _packed_springs(_induced(graph, core), seed)
    xs, ys = [p[0] for p in placed.values()], [p[1] for p in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    placed = {n: (x - cx, y - cy) for n, (x, y) in placed.items()}
    spread = max(max(xs) - min(xs), max(ys) - min(ys)) / 2
    children = defaultdict(list)  # anchor -> nodes placed around it
    frontier = list(core)
    outer = 0  # how many components have been started outside the core
    pending = [n for n in order if n not in placed]
    while pending:
        nxt = []
        for node in frontier:
            for nb in sorted(graph[node], key=lambda n: (-graph.degree(n), n)):
                if nb not in placed:
                    placed[nb] = None  # claimed; positioned below
                    children[node].append(nb)
                    nxt.append(nb)
        if not nxt:  # a part of the graph the core does not reach: start it on the outer spiral
            start = next(n for n in pending if n not in placed)
            angle = outer * 2.399963  # the golden angle spreads starts evenly
            radius = spread * 1.3 + 60.0 * math.sqrt(outer + 1) * 4
            placed[start] = (radius * math.cos(angle), radius * math.sin(angle))
            outer += 1
            nxt = [start]
        for anchor in frontier:
            _ring(placed, anchor, children.pop(anchor, []))
        frontier = nxt
        pending = [n for n in pending if n not in placed]
    for anchor in frontier:
        _ring(placed, anchor, children.pop(anchor, []))
    return placed


def _packed_springs(graph: nx.Graph, seed: int) -> dict:
    """A spring layout per connected component, sized by its node count, the components packed in
    rows, biggest first, lone nodes last in a grid (one spring layout of everything would fling the
    small components and lone nodes to the rim and squeeze the big one in the middle)."""
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = []
    for comp in comps:
        if len(comp) == 1:
            boxes.append({next(iter(comp)): (0.0, 0.0)})
            continue
        pos = nx.spring_layout(_induced(graph, comp), seed=seed, iterations=100, scale=UNIT * math.sqrt(len(comp)))
        boxes.append({n: (float(x), float(y)) for n, (x, y) in pos.items()})
    widths = [max(x for x, _ in b.values()) - min(x for x, _ in b.values()) + GAP for b in boxes]
    heights = [max(y for _, y in b.values()) - min(y for _, y in b.values()) + GAP for b in boxes]
    row_width = max(max(widths), 1.3 * math.sqrt(sum(w * h for w, h in zip(widths, heights))))  # a screen's shape
    placed, x0, y0, row_height = {}, 0.0, 0.0, 0.0
    for box, width in zip(boxes, widths):
        bx = min(x for x, _ in box.values())
        by0, by1 = min(y for _, y in box.values()), max(y for _, y in box.values())
        if x0 > 0 and x0 + width > row_width:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        for n, (x, y) in box.items():
            placed[n] = (x0 + x - bx, y0 + y - by0)
        x0 += width
        row_height = max(row_height, by1 - by0 + GAP)
    return placed


def _induced(graph: nx.Graph, nodes) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges in sorted order. (networkx's subgraph view lists a
    small subset in the order of the set it was given, which for strings changes from one Python process
    to the next, and the spring layout depends on node order.)"""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes))
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(nodes).edges()))
    return sub


def _ring(placed: dict, anchor: str, kids: list[str]) -> None:
    """Set ``kids`` on a sunflower spiral around ``anchor`` (dense, no overlaps, any count)."""
    ax, ay = placed[anchor]
    for i, kid in enumerate(kids):
        r = 28.0 * math.sqrt(i + 1)
        a = i * 2.399963
        placed[kid] = (ax + r * math.cos(a), ay + r * math.sin(a))


def _docs(g: Graph) -> list[ViewDoc]:
    out = []
    for d in sorted(g.subjects(RDF.type, KG.Document)):
        def one(p, d=d):
            v = g.value(d, p)
            return "" if v is None else str(v)
        out.append(ViewDoc(str(d), one(DCTERMS.title) or one(KG.path), one(DCTERMS.date), one(DCTERMS.publisher),
                           one(KG.path), one(DCTERMS.source)))
    return out


_EVIDENCE_PROPS = {"doc": KG.document, "sentence": KG.sentence, "confidence": KG.confidence,
                   "polarity": KG.polarity, "modality": KG.modality, "source": KG.sourceText,
                   "when": KG.dateText, "start": KG.eventStart, "char": KG.startChar, "of": KG.mentionOf}


def _edges(g: Graph, doc_index: dict[str, int], docs: list[ViewDoc]) -> list[ViewEdge]:
    """One edge per kg:Assertion, with the evidence that is a mention of it."""
    table: dict = defaultdict(dict)
    for name, pred in _EVIDENCE_PROPS.items():  # one pass per property: far faster than g.value per node
        for s, o in g.subject_objects(pred):
            table[s][name] = o
    by_assertion = defaultdict(list)
    for row in table.values():
        if "of" in row:
            by_assertion[row["of"]].append(row)
    assertions = []
    for a in g.subjects(RDF.type, KG.Assertion):
        s, p, o = g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)
        if s is not None and p is not None and o is not None:
            assertions.append((str(s), str(p).split("#")[-1], str(o), a, (s, p, o) in g))
    out = []
    for i, (s, p, o, a, asserted) in enumerate(sorted(assertions, key=lambda t: t[:3])):
        rows = sorted(by_assertion[a], key=lambda r: (str(r.get("doc", "")), int(r.get("char", 0))))
        evidence = tuple(_evidence(r, doc_index, docs) for r in rows)
        statuses = {e.status for e in evidence}
        if asserted:
            status = "disputed" if statuses - {"asserted"} else "asserted"
        else:
            status = next((s for s in ("negated", "conditional", "possible", "intended", "future") if s in statuses),
                          "unasserted")
        dates = sorted(e.date for e in evidence if e.date)
        out.append(ViewEdge(f"e{i}", s, o, p, status, len(evidence), len({e.doc for e in evidence}),
                            max((e.confidence for e in evidence), default=0.0), dates[0] if dates else "",
                            dates[-1] if dates else "", evidence[:EVIDENCE_PER_EDGE]))
    return out


def _evidence(row: dict, doc_index: dict[str, int], docs: list[ViewDoc]) -> ViewEvidence:
    doc = doc_index.get(str(row.get("doc", "")), -1)
    status = "negated" if str(row.get("polarity", "positive")) == "negative" else str(row.get("modality", "asserted"))
    date = str(row["start"]) if "start" in row else (docs[doc].date if doc >= 0 else "")
    return ViewEvidence(str(row.get("sentence", "")), doc, round(float(row.get("confidence", 0.0)), 3), status,
                        str(row.get("source", "")), str(row.get("when", "")), date[:10])


def _values(g: Graph, pred: URIRef, many: bool = False) -> dict:
    out: dict = defaultdict(list) if many else {}
    for s, o in g.subject_objects(pred):
        if many:
            out[str(s)].append(o)
        else:
            out.setdefault(str(s), o)
    return out


def _label(g: Graph, term: URIRef) -> str:
    value = g.value(term, RDFS.label) or rules.ontology_graph().value(term, RDFS.label)
    return "" if value is None else str(value)
