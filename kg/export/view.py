"""What the HTML view shows, read from an exported kg graph: entities with their names, class, mentions,
degree and drawn size; every typed edge (asserted, and also negated, planned or disputed ones, drawn
differently) with its evidence sentences, documents, confidence and dates; documents; and a layout
computed here with networkx, in which no node is drawn over another, so the browser never has to
simulate a big graph; and the events that have a place with coordinates (kg:Event, read through
:func:`kg.export.events.event_rows`), grouped by place for the page's map, each with its reports'
sentences, its actors and the edges its reports are evidence of.

The result is plain JSON-ready data (:class:`ViewData`); ``kg.export.html`` embeds it in the page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.export.events import event_rows
from kg.export.property_graph import entity_classes
from kg.namespace import KG
from kg.rules import Schema

# Above this many nodes the page opens on an overview (the best-connected actors) with drill-down; below
# it every node is drawn at once. benchmarks/view.py measures where vis-network stops being instant.
OVERVIEW_ABOVE = 1500
OVERVIEW_NODES = 300
# Up to this many nodes the whole graph gets a force-directed layout; beyond, only its best-connected
# core does and the rest is placed around its neighbours (networkx's spring layout is O(n^2) per step).
SPRING_MAX = 400
UNIT, GAP = 70.0, 90.0  # screen units per sqrt(node) of a component; space between components
# Node sizes (vis-network's ``size``: the radius of a dot, half the side of a square) grow with the square
# root of degree (or mentions) from MIN_SIZE to MAX_SIZE. The layout keeps every node's box, its size by
# degree (the page's default) times SHAPE_EXTENT (a triangle's apex rises 1.155 sizes above its centre)
# plus PAD, clear of every other node's, so no node is drawn over another at any zoom. (Room for the
# size by mentions too would make most nodes big and the layout of a large graph sparse and slow.)
MIN_SIZE, MAX_SIZE = 8.0, 36.0
SHAPE_EXTENT, PAD = 1.2, 4.0
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
    "Community": "#b56576",
    "EthnicGroup": "#b56576",
    "ReligiousGroup": "#9d4edd",
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
    size: float  # drawn size when sized by degree
    size_by_mentions: float  # and when sized by mentions (the layout keeps room for the degree size only)
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
    date: str  # ISO date the evidence is about: the event's start (kg:eventStart), else the document's date
    end: str  # the event's last day (kg:eventEnd), else ``date``; "" when undated
    former: bool = False  # the sentence says the relation has ended (kg:former: "former chairman of Y")


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
    evidence: tuple[ViewEvidence, ...]  # the first EVIDENCE_PER_EDGE pieces
    rest: tuple[tuple[str, str, float], ...]  # (date, end, confidence) of every piece beyond those, for the filters


@dataclass(frozen=True)
class ViewEvent:
    """An event with a place that has coordinates: one marker's worth of the map."""

    id: str  # the event IRI
    label: str  # "CONSULT: Egypt → Hamas (2024-03-03)"
    category: str  # PLOVER category
    cameo: str
    mode: str  # "asserted", "negated", "hypothetical", "future"
    start: str  # ISO days; "" when undated
    end: str
    place: str  # id of its ViewPlace
    actors: tuple[str, ...]  # entity IRIs of its source and target that the view has as nodes
    edges: tuple[str, ...]  # ids of the edges its reports are evidence of
    mentions: int
    articles: int
    evidence: tuple[ViewEvidence, ...]  # its reports' sentences, each once, in document and offset order
    # (the first EVIDENCE_PER_EDGE)


@dataclass(frozen=True)
class ViewPlace:
    """Where events happened, at the precision the place was known to: one marker on the map."""

    id: str  # "p0", "p1"… in name order
    name: str
    lat: float
    lon: float
    precision: str  # "city", "region" or "country": how much of the map the point stands for
    country: str  # ISO 3166-1 alpha-3, "" when unknown
    events: tuple[str, ...]  # ViewEvent ids, by date


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
    sizes: dict  # {"min": MIN_SIZE, "max": MAX_SIZE}: the page sizes labels between them
    events: tuple[ViewEvent, ...] = ()  # events with coordinates, for the map
    places: tuple[ViewPlace, ...] = ()

    def to_json(self) -> dict:
        return asdict(self)


def view_data(g: Graph) -> ViewData:
    """Everything the HTML view shows of graph ``g`` (an exported kg graph or dataset)."""
    schema = Schema.of(g)  # an exported graph carries the ontology
    docs = _docs(g)
    doc_index = {d.id: i for i, d in enumerate(docs)}
    entities = sorted(entity_classes(g))
    known = {iri for iri, _ in entities}
    evidence = _evidence_table(g, doc_index, docs)
    all_edges, edge_ids = _edges(g, evidence)
    edges = [e for e in all_edges if e.source in known and e.target in known]
    shown = {e.id for e in edges}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(known))
    graph.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    counts = {iri: int(v) for iri, v in _values(g, KG.mentionCount).items()}
    by_degree = sizes({iri: graph.degree(iri) for iri in known})
    by_mentions = sizes({iri: counts.get(iri, 0) for iri in known})
    pos = layout(graph, by_degree)
    labels = _values(g, RDFS.label)
    alt = _values(g, SKOS.altLabel, many=True)
    titles = _values(g, KG.title, many=True)
    nodes = []
    for iri, cls_iri in entities:
        cls = cls_iri.split("#")[-1]
        label = str(labels.get(iri, iri.rsplit("/", 1)[-1]))
        names = (label, *sorted({str(a) for a in alt.get(iri, ())} - {label}))
        x, y = pos[iri]
        nodes.append(ViewNode(iri, label, cls, names, tuple(sorted(str(t) for t in titles.get(iri, ()))),
                              counts.get(iri, 0), graph.degree(iri), by_degree[iri], by_mentions[iri],
                              round(float(x), 1), round(float(y), 1)))
    used = sorted({n.cls for n in nodes})
    classes = {c: {"label": _label(g, KG[c]) or c, "colour": COLOURS.get(c) or COLOURS[schema.coarse(c)],
                   "shape": SHAPES[schema.coarse(c)]} for c in used}
    predicates = {p: {"label": _label(g, KG[p]) or p, "symmetric": p in schema.symmetric}
                  for p in sorted({e.predicate for e in edges})}
    events, places = _events(g, evidence, {a: i for a, i in edge_ids.items() if i in shown}, known)
    return ViewData(tuple(nodes), tuple(edges), tuple(docs), classes, predicates,
                    {"above": OVERVIEW_ABOVE, "nodes": OVERVIEW_NODES}, {"min": MIN_SIZE, "max": MAX_SIZE},
                    events, places)


def sizes(values: dict[str, int]) -> dict[str, float]:
    """Drawn size per node: MIN_SIZE for the smallest value, MAX_SIZE for the largest, by square root
    between (so a node's area grows with its value)."""
    if not values:
        return {}
    low, top = min(values.values()), max(values.values())
    if top == low:
        return dict.fromkeys(values, MIN_SIZE)
    return {k: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt((v - low) / (top - low)), 1) for k, v in values.items()}


def layout(graph: nx.Graph, node_sizes: dict[str, float] | None = None, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in screen units, in which no two nodes' boxes (size × SHAPE_EXTENT + PAD/2 either side
    of the centre; ``node_sizes`` default to MIN_SIZE) overlap. Small graphs get networkx's spring
    layout, one per connected component (see :func:`_packed_springs`). A big one gets it for its
    ``SPRING_MAX`` best-connected nodes; every other node is set at the free place nearest the neighbour
    that brought it in (breadth first from that core), and parts unconnected to the core start on a
    spiral outside it. Deterministic for a given graph."""
    if len(graph) == 0:
        return {}
    half = {n: (node_sizes or {}).get(n, MIN_SIZE) * SHAPE_EXTENT + PAD / 2 for n in graph}
    order = sorted(graph, key=lambda n: (-graph.degree(n), n))
    springs = _packed_springs(_induced(graph, order[:SPRING_MAX]), seed)
    xs, ys = [p[0] for p in springs.values()], [p[1] for p in springs.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    room = _Room(2 * min(half.values()))
    placed = separate({n: (x - cx, y - cy) for n, (x, y) in springs.items()}, half, room)
    spread = max(max(abs(x) for x, _ in placed.values()), max(abs(y) for _, y in placed.values()))
    frontier, outer, next_start = list(order[:SPRING_MAX]), 0, 0
    rings: dict = {}  # anchor -> the lattice ring its last child went to (inner rings are full)
    while len(placed) < len(graph):
        nxt = []
        for anchor in frontier:
            for nb in sorted(graph[anchor], key=lambda n: (-graph.degree(n), n)):
                if nb not in placed:
                    ax, ay = placed[anchor]
                    first = max(rings.get(anchor, 1), math.ceil((half[anchor] + half[nb]) / room.step) - 1)
                    placed[nb], rings[anchor] = room.nearest(ax, ay, half[nb], first)
                    room.take(*placed[nb], half[nb])
                    nxt.append(nb)
        if not nxt:  # a part of the graph the core does not reach: start it on the outer spiral
            while order[next_start] in placed:
                next_start += 1
            start = order[next_start]
            angle = outer * 2.399963  # the golden angle spreads starts evenly
            radius = spread * 1.3 + 60.0 * math.sqrt(outer + 1) * 4
            x, y = radius * math.cos(angle), radius * math.sin(angle)
            placed[start] = (x, y) if room.free(x, y, half[start]) else room.nearest(x, y, half[start], 1)[0]
            room.take(*placed[start], half[start])
            outer += 1
            nxt = [start]
        frontier = nxt
    return placed


def separate(pos: dict[str, tuple[float, float]], half: dict[str, float],
             room: _Room | None = None) -> dict[str, tuple[float, float]]:
    """``pos`` moved so that no two nodes' squares (centre ± ``half``) overlap: nodes are set down
    biggest first, each at its place when that is free, else at the nearest free place (so hubs keep
    their places and small nodes move aside). A layout denser than a third of its bounding box is
    first spread to that. Deterministic."""
    if not pos:
        return {}
    room = room or _Room(2 * min(half.values()))
    names = sorted(pos, key=lambda n: (-half[n], n))
    xs, ys = [pos[n][0] for n in names], [pos[n][1] for n in names]
    need = sum((2 * half[n]) ** 2 for n in names)
    box = max(max(xs) - min(xs), 1.0) * max(max(ys) - min(ys), 1.0)
    spread = max(1.0, math.sqrt(3 * need / box)) if len(names) > 1 else 1.0
    out = {}
    for n, x, y in zip(names, xs, ys):
        x, y = x * spread, y * spread
        if not room.free(x, y, half[n]):
            (x, y), _ = room.nearest(x, y, half[n], 1)
        room.take(x, y, half[n])
        out[n] = (x, y)
    return out


class _Room:
    """Squares set down on the plane, found through a grid in which each is entered in every cell it
    touches. Free places are sought on a lattice of ``step`` (the smallest square's side); a lattice
    point found taken for a square stays taken for it and every bigger one (squares are only added),
    so later searches skip it."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.grid: dict = defaultdict(list)
        self.taken: dict = {}  # lattice point -> the smallest half-side found not to fit there

    def _cells(self, x: float, y: float, h: float):
        s = self.step
        i0, i1, j0, j1 = math.floor((x - h) / s), math.floor((x + h) / s), math.floor((y - h) / s), math.floor((y + h) / s)
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def free(self, x: float, y: float, h: float) -> bool:
        for c in self._cells(x, y, h):
            for x2, y2, h2 in self.grid.get(c, ()):
                if abs(x - x2) < h + h2 and abs(y - y2) < h + h2:
                    return False
        return True

    def take(self, x: float, y: float, h: float) -> None:
        for c in self._cells(x, y, h):
            self.grid[c].append((x, y, h))

    def nearest(self, x: float, y: float, h: float, first: int) -> tuple[tuple[float, float], int]:
        """The free lattice point nearest (x, y), searched ring by ring from ring ``first`` (within a
        ring the nearest first, then by angle), and the ring it is on."""
        ci, cj = round(x / self.step), round(y / self.step)
        taken = self.taken
        d = max(0, first)
        while True:
            for i, j in _ring_offsets(d):
                point = (ci + i, cj + j)
                if h >= taken.get(point, math.inf):
                    continue
                px, py = point[0] * self.step, point[1] * self.step
                if self.free(px, py, h):
                    return (px, py), d
                taken[point] = h
            d += 1


@cache
def _ring_offsets(d: int) -> tuple[tuple[int, int], ...]:
    """Lattice offsets at Chebyshev distance ``d``, nearest first, then by angle."""
    if d == 0:
        return ((0, 0),)
    ring = [(i, j) for i in range(-d, d + 1) for j in (-d, d)] + [(i, j) for i in (-d, d) for j in range(-d + 1, d)]
    return tuple(sorted(ring, key=lambda ij: (ij[0] ** 2 + ij[1] ** 2, math.atan2(ij[1], ij[0]))))


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
                   "when": KG.dateText, "start": KG.eventStart, "end": KG.eventEnd, "char": KG.startChar,
                   "of": KG.mentionOf, "former": KG.former}


@dataclass(frozen=True, slots=True)
class _Piece:
    """One kg:Evidence node as the view reads it: the assertion it is a mention of, where it stands
    (document IRI, character offset) and its view form."""

    of: URIRef | None
    order: tuple[str, int]
    view: ViewEvidence


def _evidence_table(g: Graph, doc_index: dict[str, int], docs: list[ViewDoc]) -> dict[str, _Piece]:
    """Every kg:Evidence node of ``g`` (by IRI) in its view form."""
    table: dict = defaultdict(dict)
    for name, pred in _EVIDENCE_PROPS.items():  # one pass per property: far faster than g.value per node
        for s, o in g.subject_objects(pred):
            table[s][name] = o
    return {str(s): _Piece(row.get("of"), (str(row.get("doc", "")), int(row.get("char", 0))), _evidence(row, doc_index, docs))
            for s, row in table.items() if "of" in row or "sentence" in row}


def _edges(g: Graph, evidence: dict[str, _Piece]) -> tuple[list[ViewEdge], dict]:
    """One edge per kg:Assertion, with the evidence that is a mention of it; and each assertion's edge id."""
    by_assertion = defaultdict(list)
    for piece in evidence.values():
        if piece.of is not None:
            by_assertion[piece.of].append(piece)
    assertions = []
    for a in g.subjects(RDF.type, KG.Assertion):
        s, p, o = g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)
        if s is not None and p is not None and o is not None:
            assertions.append((str(s), str(p).split("#")[-1], str(o), a, (s, p, o) in g))
    out, ids = [], {}
    for i, (s, p, o, a, asserted) in enumerate(sorted(assertions, key=lambda t: t[:3])):
        ids[a] = f"e{i}"
        evidence_of = tuple(piece.view for piece in sorted(by_assertion[a], key=lambda piece: piece.order))
        statuses = {e.status for e in evidence_of}
        if asserted:
            status = "disputed" if statuses - {"asserted"} else "asserted"
        else:
            status = next((s for s in ("negated", "conditional", "possible", "intended", "future") if s in statuses),
                          "unasserted")
        dates = sorted(e.date for e in evidence_of if e.date)
        out.append(ViewEdge(f"e{i}", s, o, p, status, len(evidence_of), len({e.doc for e in evidence_of}),
                            max((e.confidence for e in evidence_of), default=0.0), dates[0] if dates else "",
                            max((e.end for e in evidence_of if e.end), default=""), evidence_of[:EVIDENCE_PER_EDGE],
                            tuple((e.date, e.end, e.confidence) for e in evidence_of[EVIDENCE_PER_EDGE:])))
    return out, ids


def _events(g: Graph, evidence: dict[str, _Piece], edge_of: dict,
            known: set[str]) -> tuple[tuple[ViewEvent, ...], tuple[ViewPlace, ...]]:
    """The events of ``g`` whose place has coordinates, and their places (one per name, point and
    precision), linked to the view's nodes and edges."""
    rows = [r for r in event_rows(g) if r.lat is not None and r.lon is not None]
    if not rows:
        return (), ()
    where = sorted({(r.place, r.lat, r.lon, r.place_precision, r.place_country) for r in rows})
    place_id = {w: f"p{i}" for i, w in enumerate(where)}
    events, members = [], defaultdict(list)
    for r in rows:  # by date, then IRI (event_rows' order)
        pid = place_id[(r.place, r.lat, r.lon, r.place_precision, r.place_country)]
        pieces = [evidence[rep.evidence] for rep in r.reports if rep.evidence in evidence]
        actors = tuple(dict.fromkeys(a.iri for a in (r.source, r.target) if a is not None and a.iri in known))
        linked = tuple(sorted({edge_of[p.of] for p in pieces if p.of in edge_of}, key=lambda e: int(e[1:])))
        # a sentence that reports the event through two edges (Egypt met Hamas, its officials met Hamas) once
        sentences = tuple(dict.fromkeys(p.view for p in pieces))[:EVIDENCE_PER_EDGE]
        events.append(ViewEvent(r.iri, r.name, r.plover, r.cameo, r.mode, r.start, r.end or r.start, pid, actors,
                                linked, r.mentions, r.articles, sentences))
        members[pid].append(r.iri)
    places = tuple(ViewPlace(place_id[w], w[0], w[1], w[2], w[3], w[4], tuple(members[place_id[w]])) for w in where)
    return tuple(events), places


def _evidence(row: dict, doc_index: dict[str, int], docs: list[ViewDoc]) -> ViewEvidence:
    doc = doc_index.get(str(row.get("doc", "")), -1)
    status = "negated" if str(row.get("polarity", "positive")) == "negative" else str(row.get("modality", "asserted"))
    if "start" in row:
        date, end = str(row["start"])[:10], str(row.get("end", row["start"]))[:10]
    else:
        date = end = (docs[doc].date if doc >= 0 else "")[:10]
    return ViewEvidence(str(row.get("sentence", "")), doc, round(float(row.get("confidence", 0.0)), 3), status,
                        str(row.get("source", "")), str(row.get("when", "")), date, max(date, end),
                        str(row.get("former", "")).lower() == "true")


def _values(g: Graph, pred: URIRef, many: bool = False) -> dict:
    out: dict = defaultdict(list) if many else {}
    for s, o in g.subject_objects(pred):
        if many:
            out[str(s)].append(o)
        else:
            out.setdefault(str(s), o)
    return out


def _label(g: Graph, term: URIRef) -> str:
    value = g.value(term, RDFS.label)
    return "" if value is None else str(value)
