"""The graph as a property graph, for Neo4j (CSV bundle, Cypher script, ``kg push neo4j``), networkx
and GraphML: entities are nodes labelled with their class and its parents (``:Entity:Actor:Organization:
ArmedGroup``), each typed edge is one relationship carrying its counts, dates, confidence and evidence
sentences instead of reification nodes, and documents are nodes an entity is ``:MENTIONED_IN``. Events
(kg:Event) are ``:Event`` nodes with their type, codes, date, place and counts, linked ``:SOURCE_ACTOR``,
``:TARGET_ACTOR`` and ``:AT_PLACE`` to entities and ``:REPORTED_IN`` to documents.

An edge some sentence states as a fact is a relationship of its predicate's type (``:MEET_WITH``,
``asserted: true``; ``former: true`` when every such sentence says the role has ended, "former
president"); an edge that sentences only deny, negate, plan, predict or make conditional is an
``:UNASSERTED`` relationship (``relation: "MEET_WITH"``, ``asserted: false``), so a query for meetings
never returns "did not meet". Every relationship lists its sentences with, in the same order and the
same number, the document, polarity, modality, confidence, rule, reported source and event dates of
each (:data:`PER_SENTENCE`); a list whose every value would be empty is left out.

Text is made safe for every format the property graph is written to: characters XML 1.0 cannot hold
(NUL and the other C0 controls but tab and line ends, among them the CSV bundle's array delimiter
U+001F; U+FFFE, U+FFFF and lone surrogates) become U+FFFD in values and are percent-encoded in IRIs.

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
from kg.graph.build import facts as _facts
from kg.namespace import KG
from kg.rules import Schema

ENTITY, DOCUMENT, MENTIONED_IN, UNASSERTED = "Entity", "Document", "MENTIONED_IN", "UNASSERTED"
EVENT = "Event"
_NOT_ENTITIES = {"Document", "Evidence", "Assertion", "Run", "Event"}
# An event's relationships: to its actors and place (entities) and to the documents that report it.
EVENT_LINKS = {"SOURCE_ACTOR": KG.sourceActor, "TARGET_ACTOR": KG.targetActor, "AT_PLACE": KG.eventPlace,
               "REPORTED_IN": KG.reportedIn}
# A typed relationship's lists with one value per evidence sentence, in the order of ``sentences``.
PER_SENTENCE = ("sentences", "document_ids", "polarities", "modalities", "confidences", "rules", "sources",
                "source_ids", "event_dates")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold (see the module's docstring) replaced by U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def safe_iri(iri: str) -> str:
    """``iri`` with each character XML 1.0 cannot hold percent-encoded (as UTF-8; a lone surrogate as U+FFFD)."""
    def encode(match: re.Match) -> str:
        char = match.group()
        data = "\ufffd".encode() if "\ud800" <= char <= "\udfff" else char.encode("utf-8")
        return "".join(f"%{b:02X}" for b in data)

    return _UNSAFE.sub(encode, iri)


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
        props = {"iri": safe_iri(iri), "name": _one(g, iri, RDFS.label), "class": local,
                 "aliases": _all(g, iri, SKOS.altLabel), "titles": _all(g, iri, KG.title),
                 "country": _iri(g.value(URIRef(iri), KG.country)), "sector": _one(g, iri, KG.sector),
                 "mentions": _int(g, iri, KG.mentionCount)}
        nodes.append(Node(safe_iri(iri), (ENTITY, *parents, local), _clean(props)))
    known = {n.iri for n in nodes}
    evidence = {ev: _facts(g, ev) for ev in g.subjects(RDF.type, KG.Evidence)}
    rels = [rel for rel in _typed_edges(g, evidence) if rel.start in known and rel.end in known]
    if documents:
        for iri in sorted(str(d) for d in g.subjects(RDF.type, KG.Document)):
            props = {"iri": safe_iri(iri), "path": _one(g, iri, KG.path), "title": _one(g, iri, DCTERMS.title),
                     "date": _one(g, iri, DCTERMS.date), "url": _one(g, iri, DCTERMS.source),
                     "publisher": _one(g, iri, DCTERMS.publisher), "content_hash": _one(g, iri, KG.contentHash),
                     "near_duplicate_of": _iri(g.value(URIRef(iri), KG.nearDuplicateOf))}
            nodes.append(Node(safe_iri(iri), (DOCUMENT,), _clean(props)))
        seen = Counter()
        for facts in evidence.values():
            doc = safe_iri(str(facts.get(KG.document)))
            for end in (facts.get(RDF.subject), facts.get(RDF.object)):
                if safe_iri(str(end)) in known:
                    seen[(safe_iri(str(end)), doc)] += 1
        rels += [Relationship(ent, MENTIONED_IN, doc, {"evidence": n}, ENTITY, DOCUMENT)
                 for (ent, doc), n in sorted(seen.items())]
    event_nodes, event_rels = _events(g, known, {n.iri for n in nodes if n.labels[0] == DOCUMENT})
    return PropertyGraph(tuple(nodes + event_nodes), tuple(rels + event_rels))


# Event node properties: name -> (kg term, kind); kind "int", "float" or "" (text).
EVENT_PROPERTIES = {
    "name": (RDFS.label, ""), "plover": (KG.ploverCategory, ""), "plover_mode": (KG.ploverMode, ""),
    "cameo": (KG.cameoCode, ""), "mode": (KG.eventMode, ""), "quad_class": (KG.quadClass, "int"),
    "intensity": (KG.intensity, "float"), "date": (KG.startDate, ""), "end_date": (KG.endDate, ""),
    "date_precision": (KG.datePrecision, ""), "date_source": (KG.dateSource, ""),
    "source_code": (KG.sourceActorCode, ""), "source_country": (KG.sourceCountry, ""),
    "target_code": (KG.targetActorCode, ""), "target_country": (KG.targetCountry, ""),
    "place": (KG.placeName, ""), "latitude": (KG.latitude, "float"), "longitude": (KG.longitude, "float"),
    "place_precision": (KG.placePrecision, ""), "place_country": (KG.placeCountry, ""),
    "geonames_id": (KG.geonamesId, "int"), "place_source": (KG.placeSource, ""),
    "mentions": (KG.mentionCount, "int"), "articles": (KG.articleCount, "int"), "sources": (KG.sourceCount, "int"),
}


def _events(g: Graph, entities: set[str], documents: set[str]) -> tuple[list[Node], list[Relationship]]:
    """Event nodes (``:Event``) with their type, codes, date, place and counts, and their relationships to
    the entities that are their actors and place and to the documents that report them."""
    nodes, rels = [], []
    for event in sorted(str(e) for e in g.subjects(RDF.type, KG.Event)):
        facts = _facts(g, URIRef(event))
        props = {"iri": safe_iri(event)}
        for name, (term, kind) in EVENT_PROPERTIES.items():
            value = facts.get(term)
            if value is not None:
                props[name] = int(value) if kind == "int" else float(value) if kind == "float" else _text(value)
        props["source_sectors"] = sorted(safe_text(str(o)) for o in g.objects(URIRef(event), KG.sourceSector))
        props["target_sectors"] = sorted(safe_text(str(o)) for o in g.objects(URIRef(event), KG.targetSector))
        iri = safe_iri(event)
        nodes.append(Node(iri, (EVENT,), _clean(props)))
        for rtype, term in EVENT_LINKS.items():
            ends = documents if term == KG.reportedIn else entities
            for end in sorted(safe_iri(str(o)) for o in g.objects(URIRef(event), term)):
                if end in ends:
                    rels.append(Relationship(iri, rtype, end, {"predicate": safe_iri(str(term))}, EVENT,
                                             DOCUMENT if term == KG.reportedIn else ENTITY))
    return nodes, rels


def entity_classes(g: Graph) -> set[tuple[str, str]]:
    """(entity IRI, class IRI) of every entity in ``g``, by its most specific kg class."""
    classes = {str(KG._NS) + c for c in Schema.of(g).ancestors if c not in _NOT_ENTITIES}
    return {(str(s), str(o)) for s, o in g.subject_objects(RDF.type) if str(o) in classes}


def _typed_edges(g: Graph, evidence: dict) -> list[Relationship]:
    """One relationship per typed edge (kg:Assertion node), with the evidence that is a kg:mentionOf it
    (``evidence``: each evidence node's facts): of the predicate's type when the direct triple exists
    (some sentence states it), else UNASSERTED."""
    of = defaultdict(list)
    for ev, assertion in g.subject_objects(KG.mentionOf):
        of[assertion].append(evidence[ev] if ev in evidence else _facts(g, ev))
    out = []
    for a in g.subjects(RDF.type, KG.Assertion):
        s, p, o = g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)
        if s is None or p is None or o is None:
            continue
        asserted = (s, p, o) in g
        evs = sorted(of[a],
                     key=lambda f: (str(f.get(KG.document)), int(f.get(KG.startChar) or 0), str(f.get(KG.sentence))))
        stated = [f for f in evs if str(f.get(KG.polarity)) == "positive" and str(f.get(KG.modality)) == "asserted"]
        relation = relationship_type(str(p).split("#")[-1])
        props = {"predicate": safe_iri(str(p)), "relation": relation, "asserted": asserted,
                 "mentions": _int(g, a, KG.mentionCount), "documents": _int(g, a, KG.documentCount),
                 "confidence": max((float(f[KG.confidence]) for f in (stated or evs) if KG.confidence in f),
                                   default=0.0),
                 "first_seen": _one(g, a, KG.firstSeen), "last_seen": _one(g, a, KG.lastSeen)}
        if (stated or evs) and all(str(f.get(KG.former)).lower() == "true" for f in (stated or evs)):
            props["former"] = True  # every sentence that states it says the role has ended ("former X")
        per_sentence = {
            "sentences": [_text(f.get(KG.sentence)) for f in evs],
            "document_ids": [_iri(f.get(KG.document)) for f in evs],
            "polarities": [_text(f.get(KG.polarity)) for f in evs],
            "modalities": [_text(f.get(KG.modality)) for f in evs],
            "confidences": [float(f.get(KG.confidence) or 0) for f in evs],
            "rules": [_text(f.get(KG.rule)) for f in evs],
            "sources": [_text(f.get(KG.sourceText)) for f in evs],
            "source_ids": [_iri(f.get(KG.attributedTo)) for f in evs],
            "event_dates": [f"{f[KG.eventStart]}/{f.get(KG.eventEnd, f[KG.eventStart])}" if KG.eventStart in f
                            else "" for f in evs]}
        props.update({name: values for name, values in per_sentence.items() if any(v != "" for v in values)})
        out.append(Relationship(safe_iri(str(s)), relation if asserted else UNASSERTED, safe_iri(str(o)),
                                _clean(props)))
    return sorted(out, key=lambda r: (r.start, r.type, r.end, r.props["predicate"]))


def _text(value) -> str:
    return "" if value is None else safe_text(str(value))


def _iri(value) -> str:
    return "" if value is None else safe_iri(str(value))


def _one(g: Graph, s, p) -> str:
    return _text(g.value(URIRef(s) if isinstance(s, str) else s, p))


def _all(g: Graph, s: str, p) -> list[str]:
    return sorted(safe_text(str(o)) for o in g.objects(URIRef(s), p))


def _int(g: Graph, s, p) -> int:
    value = g.value(URIRef(s) if isinstance(s, str) else s, p)
    return int(value) if value is not None else 0


def _clean(props: dict) -> dict:
    """Leave out empty strings and lists (Neo4j stores no null; an absent property reads as null)."""
    return {k: v for k, v in props.items() if v != "" and v != []}
