"""A synthetic resolved graph of any size, for measuring and testing what comes after extraction (the HTML
view, exports) on graphs far bigger than the sample corpus gives. Entities have made-up names, degrees
follow a preferential-attachment graph (a few hubs, many leaves, as in news), and every edge has one to
three pieces of evidence in dated documents, with confidences from 0.55 to 0.95 and one in eight about an
event that lasts a week; about one piece of evidence in twenty is negated. ``lone`` adds entities that
no edge reaches.

    from kg.data.synthetic import synthetic_graph
    resolved = synthetic_graph(5000)      # then kg.graph.build.to_rdf(resolved)
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

import networkx as nx

from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph

_CLASSES = ("Person", "Person", "Person", "Organization", "ArmedGroup", "GovernmentBody", "Country", "City")
_PREDICATES = {  # predicate -> the sentence it is read from
    "meetWith": "{s} met {o} on {d}.",
    "visit": "{s} visited {o} on {d}.",
    "criticize": "{s} criticised {o} in a statement on {d}.",
    "support": "{s} said on {d} it backed {o}.",
    "attack": "{s} attacked positions held by {o} on {d}.",
    "negotiateWith": "{s} held talks with {o} on {d}.",
}
_CONFIDENCES = (0.55, 0.7, 0.8, 0.9, 0.95)
_SYLLABLES = ("ka", "ra", "mo", "li", "sa", "te", "nu", "bo", "di", "fa", "zo", "ye", "qu", "xi", "pe", "ha")


def synthetic_graph(nodes: int, edges_per_node: int = 2, seed: int = 1, lone: int = 0) -> ResolvedGraph:
    """A resolved graph with ``nodes`` entities and about ``nodes * edges_per_node`` typed edges, and
    ``lone`` more entities with no edge."""
    rnd = random.Random(seed)
    shape = nx.barabasi_albert_graph(nodes, min(edges_per_node, max(nodes - 1, 1)), seed=seed)
    entities = []
    for i in range(nodes):
        cls = _CLASSES[i % len(_CLASSES)]
        label = _name(i)
        entities.append(Entity(f"{cls.lower()}/{label.lower().replace(' ', '-')}-{i}", f"{label} {i}", cls,
                               alt_labels=(f"{label.split()[0]} {i}",), mentions=1 + rnd.randrange(20)))
    start = date(2023, 1, 1)
    docs = []
    for d in range(max(1, nodes // 10)):
        day = (start + timedelta(days=d % 730)).isoformat()
        h = hashlib.sha256(f"synthetic {seed} {d}".encode()).hexdigest()
        docs.append(DocumentResult(f"synthetic/{d:06d}.txt", f"synthetic/{d:06d}.txt", h, 10, (), (),
                                   title=f"Synthetic report {d}", date=day, outlet="kg synthetic"))
    predicates = sorted(_PREDICATES)
    edges = []
    for a, b in sorted(shape.edges()):
        s, o = entities[a], entities[b]
        p = predicates[rnd.randrange(len(predicates))]
        evidence = []
        for d in rnd.sample(range(len(docs)), min(len(docs), 1 + rnd.randrange(3))):  # one piece per document
            doc = docs[d]
            sentence = _PREDICATES[p].format(s=s.label, o=o.label, d=doc.date)
            negative = rnd.random() < 0.05
            confidence = _CONFIDENCES[rnd.randrange(len(_CONFIDENCES))]
            end = (date.fromisoformat(doc.date) + timedelta(days=6)).isoformat() if rnd.random() < 0.125 else doc.date
            evidence.append(Evidence(doc.doc_id, sentence, 0, len(sentence), "synthetic", p, confidence,
                                     polarity="negative" if negative else "positive", when=doc.date,
                                     date_start=doc.date, date_end=end))
        edges.append(Edge(s.id, p, o.id, tuple(evidence)))
    for i in range(nodes, nodes + lone):
        label = _name(i)
        entities.append(Entity(f"person/{label.lower().replace(' ', '-')}-{i}", f"{label} {i}", "Person", mentions=1))
    return ResolvedGraph(tuple(entities), tuple(edges), tuple(docs))


def _name(i: int) -> str:
    """A pronounceable made-up two-word name, different for every ``i``."""
    def word(n: int) -> str:
        out = ""
        for _ in range(3):
            out += _SYLLABLES[n % len(_SYLLABLES)]
            n //= len(_SYLLABLES)
        return out.capitalize()
    return f"{word(i * 7919 + 3)} {word(i * 104729 + 11)}"
