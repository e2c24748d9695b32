"""The graph as a property graph, for Neo4j (CSV bundle, Cypher script, ``kg push neo4j``), networkx
and GraphML: entities are nodes labelled with their class and its parents (``:Entity:Actor:Organization:
ArmedGroup``), each asserted typed edge is one relationship (``:MEET_WITH``) carrying its counts, dates,
confidence and evidence sentences instead of reification nodes, and documents are nodes an entity is
``:MENTIONED_IN``.

It is read from the RDF graph kg exports (not from the build's memory), so any exported file or store
can be turned into it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.export import for_last_graph
from kg.namespace import KG
from kg.rules import Schema

ENTITY, DOCUMENT, MENTIONED_IN = "Entity", "Document", "MENTIONED_IN"
_NOT_ENTITIES = {"Document", "Evidence", "Assertion", "Run"}


@dataclass(frozen=True)
class Node:
    iri: str
    labels: tuple[str, ...]  # "Entity" or "Document" first, then the class and its parents, general first
    props: dict = field(hash=False)  # name -> str, int, float or list of str; "iri" included


@dataclass(frozen=True)
class Relationship:
    start: str  # node IRIs
    type: str  # "MEET_WITH"
    end: str
    props: dict = field(hash=False)
    start_label: str = ENTITY
    end_label: str = ENTITY


@dataclass(frozen=True)
class PropertyGraph:
    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]

    def count(self, label: str) -> int:
        return sum(1 for n in self.nodes if label in n.labels)


def relationship_type(predicate: str) -> str:
    """``meetWith`` -> ``MEET_WITH`` (Neo4j's convention for relationship types)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", predicate).upper()


@for_last_graph  # GraphML, Cypher and the CSV bundle of a build share it
def property_graph(g: Graph, documents: bool = True) -> PropertyGraph:
    """The property graph of an exported kg graph; ``documents``: add document nodes and MENTIONED_IN."""
    schema = Schema.of(g)  # an exported graph carries the ontology
    nodes: list[Node] = []
    for iri, cls in sorted(entity_classes(g)):
        local = cls.split("#")[-1]
        parents = sorted(schema.ancestors.get(local, frozenset({local})) - {local},
                         key=lambda c: (len(schema.ancestors.get(c, ())), c))
        props = {"iri": iri, "name": _one(g, iri, RDFS.label), "class": local,
                 "aliases": _all(g, iri, SKOS.altLabel), "titles": _all(g, iri, KG.title),
                 "country": _one(g, iri, KG.country), "sector": _one(g, iri, KG.sector),
                 "mentions": _int(g, iri, KG.mentionCount)}
        nodes.append(Node(iri, (ENTITY, *parents, local), _clean(props)))
    known = {n.iri for n in nodes}
    rels = [rel for rel in _typed_edges(g) if rel.start in known and rel.end in known]
    if documents:
        for iri in sorted(str(d) for d in g.subjects(RDF.type, KG.Document)):
            props = {"iri": iri, "path": _one(g, iri, KG.path), "title": _one(g, iri, DCTERMS.title),
                     "date": _one(g, iri, DCTERMS.date), "url": _one(g, iri, DCTERMS.source),
                     "publisher": _one(g, iri, DCTERMS.publisher), "content_hash": _one(g, iri, KG.contentHash),
                     "near_duplicate_of": _one(g, iri, KG.nearDuplicateOf)}
            nodes.append(Node(iri, (DOCUMENT,), _clean(props)))
        seen = Counter()
        for ev in g.subjects(RDF.type, KG.Evidence):
            facts = _facts(g, ev)
            doc = str(facts.get(KG.document))
            for end in (facts.get(RDF.subject), facts.get(RDF.object)):
                if str(end) in known:
                    seen[(str(end), doc)] += 1
        rels += [Relationship(ent, MENTIONED_IN, doc, {"evidence": n}, ENTITY, DOCUMENT)
                 for (ent, doc), n in sorted(seen.items())]
    return PropertyGraph(tuple(nodes), tuple(rels))


def entity_classes(g: Graph) -> set[tuple[str, str]]:
    """(entity IRI, class IRI) of every entity in ``g``, by its most specific kg class."""
    classes = {str(KG._NS) + c for c in Schema.of(g).ancestors if c not in _NOT_ENTITIES}
    return {(str(s), str(o)) for s, o in g.subject_objects(RDF.type) if str(o) in classes}


def _typed_edges(g: Graph) -> list[Relationship]:
    """One relationship per asserted typed edge (the direct triple exists), from its kg:Assertion node
    and the evidence that is a kg:mentionOf it."""
    evidence = defaultdict(list)
    for ev, assertion in g.subject_objects(KG.mentionOf):
        evidence[assertion].append(ev)
    out = []
    for a in g.subjects(RDF.type, KG.Assertion):
        s, p, o = g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)
        if (s, p, o) not in g:
            continue  # negated, planned or conditional only: no edge
        facts = {e: _facts(g, e) for e in evidence[a]}
        evs = sorted(facts.values(), key=lambda f: (str(f.get(KG.document)), int(f.get(KG.startChar) or 0)))
        asserted = [f for f in evs if str(f.get(KG.polarity)) == "positive" and str(f.get(KG.modality)) == "asserted"]
        props = {"predicate": str(p), "mentions": _int(g, a, KG.mentionCount),
                 "documents": _int(g, a, KG.documentCount),
                 "confidence": max((float(f[KG.confidence]) for f in asserted), default=0.0),
                 "first_seen": _one(g, a, KG.firstSeen), "last_seen": _one(g, a, KG.lastSeen),
                 "sentences": _unique(str(f.get(KG.sentence)) for f in asserted),
                 "document_ids": _unique(str(f.get(KG.document)) for f in asserted),
                 "rules": _unique(str(f.get(KG.rule)) for f in asserted),
                 "event_dates": _unique(f"{f[KG.eventStart]}/{f.get(KG.eventEnd)}" for f in asserted
                                        if KG.eventStart in f)}
        out.append(Relationship(str(s), relationship_type(str(p).split("#")[-1]), str(o), _clean(props)))
    return sorted(out, key=lambda r: (r.start, r.type, r.end))


def _facts(g: Graph, node) -> dict:
    """Predicate -> a value of ``node`` (one each, as ``Graph.value`` gives), read in one pass."""
    facts: dict = {}
    for p, o in g.predicate_objects(node):
        facts.setdefault(p, o)
    return facts


def _one(g: Graph, s, p) -> str:
    value = g.value(URIRef(s) if isinstance(s, str) else s, p)
    return "" if value is None else str(value)


def _all(g: Graph, s: str, p) -> list[str]:
    return sorted(str(o) for o in g.objects(URIRef(s), p))


def _int(g: Graph, s, p) -> int:
    value = g.value(URIRef(s) if isinstance(s, str) else s, p)
    return int(value) if value is not None else 0


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))


def _clean(props: dict) -> dict:
    """Leave out empty strings and lists (Neo4j stores no null; an absent property reads as null)."""
    return {k: v for k, v in props.items() if v != "" and v != []}
