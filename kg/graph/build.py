"""RDF graph from resolved entities and edges: ontology declarations, entities, typed edges and a
reification node (rdf:Statement + kg:Evidence) per piece of evidence.

Only edges that some sentence states as a plain fact become direct triples; a negated, planned or
conditional edge is a reification node only, with its kg:polarity and kg:modality."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.plugins.stores.memory import SimpleMemory

from kg import __version__
from kg.model import Edge, Evidence, ResolvedGraph
from kg.namespace import ID, KG, term
from kg.rules import Rules, load_rules


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id]


def document_iri(content_hash: str) -> URIRef:
    return ID[f"doc/{content_hash[:16]}"]


class TripleMemory(SimpleMemory):
    """rdflib's in-memory triple store without named-graph bookkeeping (faster to fill than its default
    Memory store), sized from its subject index instead of by counting every triple on each ``len()``."""

    def __len__(self, context=None) -> int:
        return sum(len(objects) for by_predicate in self._SimpleMemory__spo.values()
                   for objects in by_predicate.values())


def new_graph() -> Graph:
    g = Graph(store=TripleMemory())
    g.bind("kg", KG._NS)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    return g


Add = Callable[[tuple], None]  # puts one triple in the graph being built

# Literals repeat (rules, triggers, polarities, counts, the sentence behind several edges): each is made
# once, as rdflib's Literal constructor costs more than adding the triple.
_literal = functools.lru_cache(maxsize=1 << 16, typed=True)(Literal)


@functools.lru_cache(maxsize=1 << 12)
def _decimal(text: str) -> Literal:
    return Literal(Decimal(text), datatype=XSD.decimal)


def run_time() -> datetime:
    """When this run started: now, or SOURCE_DATE_EPOCH when set (reproducible builds: two runs of the
    same input then give byte-identical files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return now.replace(microsecond=0)


def to_rdf(resolved: ResolvedGraph, rules: Rules | None = None) -> Graph:
    """The whole graph: ontology (``rules.ontology``, so the file stands alone), the run, documents,
    entities, edges, one assertion per edge with its counts and dates, and an evidence node per mention.
    ``rules``: the build's rules (default: kg's own, without user files)."""
    rules = rules or load_rules()
    g = new_graph()
    add = functools.partial(g.store.add, context=g)  # Graph.add, without its per-triple checks
    for triple in rules.ontology:
        add(triple)
    now = run_time().isoformat()
    doc_iris, dates, runs = {}, {}, {}
    taken = set()  # document IRIs given out so far
    for doc in resolved.documents:
        runs[doc.doc_id] = _add_run(add, doc.extracted or now, doc.kg_version or __version__)
        iri = document_iri(doc.content_hash)
        if iri in taken:  # an exact copy under another name: a document of its own all the same
            iri = URIRef(f"{iri}-{hashlib.sha1(doc.doc_id.encode('utf-8')).hexdigest()[:8]}")
        taken.add(iri)
        doc_iris[doc.doc_id] = iri
        dates[doc.doc_id] = doc.date
        add((iri, RDF.type, KG.Document))
        add((iri, RDFS.label, _literal(doc.title or doc.doc_id)))
        add((iri, KG.path, _literal(doc.doc_id)))
        add((iri, KG.contentHash, _literal(doc.content_hash)))
        if doc.url:
            add((iri, DCTERMS.source, _literal(doc.url, datatype=XSD.anyURI)))
        if doc.title:
            add((iri, DCTERMS.title, _literal(doc.title)))
        if doc.date:
            add((iri, DCTERMS.date, _literal(doc.date, datatype=XSD.date)))
        if doc.outlet:
            add((iri, DCTERMS.publisher, _literal(doc.outlet)))
    for copy, original in resolved.duplicates.items():
        add((doc_iris[copy], KG.nearDuplicateOf, doc_iris[original]))
    for ent in resolved.entities:
        iri = entity_iri(ent.id)
        add((iri, RDF.type, term(ent.cls)))
        add((iri, RDFS.label, _literal(ent.label)))
        add((iri, SKOS.prefLabel, _literal(ent.label)))
        for alt in ent.alt_labels:
            add((iri, SKOS.altLabel, _literal(alt)))
        for hidden in ent.hidden_labels:  # descriptions, not names: found by search, not shown
            add((iri, SKOS.hiddenLabel, _literal(hidden)))
        for title in ent.titles:
            add((iri, KG.title, _literal(title)))
        if ent.sector:
            add((iri, KG.sector, _literal(ent.sector)))
        add((iri, KG.mentionCount, _literal(ent.mentions)))
        if ent.country:
            add((iri, KG.country, entity_iri(ent.country)))
    for edge in resolved.edges:
        s, p, o = entity_iri(edge.subject), term(edge.predicate), entity_iri(edge.object)
        if edge.asserted:  # negated, planned or hypothetical edges live only in their evidence
            add((s, p, o))
        assertion = _add_assertion(add, edge, s, p, o, resolved.duplicates, dates)
        for ev in edge.evidence:
            node = _add_evidence(add, edge, ev, s, p, o, doc_iris[ev.doc_id])
            add((node, KG.mentionOf, assertion))
            add((node, PROV.wasGeneratedBy, runs[ev.doc_id]))
    return g


def _add_run(add: Add, started: str, version: str) -> URIRef:
    """The extraction run (time and kg version) a document's evidence comes from. A store keeps each
    document's own run: rebuilding an unchanged document does not make its evidence new."""
    run = ID[f"run/{hashlib.sha1(f'{started} {version}'.encode()).hexdigest()[:16]}"]
    add((run, RDF.type, KG.Run))
    add((run, KG.version, _literal(version)))
    add((run, PROV.startedAtTime, _literal(started, datatype=XSD.dateTime)))
    return run


def _add_assertion(add: Add, edge: Edge, s, p, o, duplicates: dict[str, str], dates: dict[str, str]) -> URIRef:
    """One node per typed edge: how many sentences and documents report it (a copy of a wire story
    counts only for what the original does not report) and between which publication dates."""
    digest = hashlib.sha1(f"{edge.subject}\x1f{edge.predicate}\x1f{edge.object}".encode()).hexdigest()[:20]
    node = ID[f"assertion/{digest}"]
    reporters = {ev.doc_id for ev in edge.evidence}
    counted = [ev for ev in edge.evidence if duplicates.get(ev.doc_id) not in reporters]
    add((node, RDF.type, RDF.Statement))
    add((node, RDF.type, KG.Assertion))
    add((node, RDF.subject, s))
    add((node, RDF.predicate, p))
    add((node, RDF.object, o))
    add((node, KG.mentionCount, _literal(len(counted))))
    add((node, KG.documentCount, _literal(len({ev.doc_id for ev in counted}))))
    seen = sorted(dates[ev.doc_id] for ev in edge.evidence if dates.get(ev.doc_id))
    if seen:
        add((node, KG.firstSeen, _literal(seen[0], datatype=XSD.date)))
        add((node, KG.lastSeen, _literal(seen[-1], datatype=XSD.date)))
    return node


def _add_evidence(add: Add, edge: Edge, ev: Evidence, s, p, o, doc: URIRef) -> URIRef:
    digest = hashlib.sha1(
        "\x1f".join([edge.subject, edge.predicate, edge.object, ev.doc_id, str(ev.start), ev.rule, ev.trigger])
        .encode("utf-8")).hexdigest()[:20]
    node = ID[f"evidence/{digest}"]
    add((node, RDF.type, RDF.Statement))
    add((node, RDF.type, KG.Evidence))
    add((node, RDF.subject, s))
    add((node, RDF.predicate, p))
    add((node, RDF.object, o))
    add((node, KG.sentence, _literal(ev.sentence)))
    add((node, KG.document, doc))
    add((node, KG.startChar, _literal(ev.start)))
    add((node, KG.endChar, _literal(ev.end)))
    add((node, KG.rule, _literal(ev.rule)))
    add((node, KG.trigger, _literal(ev.trigger)))
    add((node, KG.confidence, _decimal(str(ev.confidence))))
    add((node, KG.polarity, _literal(ev.polarity)))
    add((node, KG.modality, _literal(ev.modality)))
    if ev.source:
        add((node, KG.attributedTo, entity_iri(ev.source)))
    if ev.source_text:
        add((node, KG.sourceText, _literal(ev.source_text)))
    if ev.cue:
        add((node, KG.cue, _literal(ev.cue)))
    if ev.plover:
        add((node, KG.ploverCategory, _literal(ev.plover)))
    if ev.plover_mode:
        add((node, KG.ploverMode, _literal(ev.plover_mode)))
    if ev.cameo:
        add((node, KG.cameoCode, _literal(ev.cameo)))
    if ev.when:
        add((node, KG.dateText, _literal(ev.when)))
        add((node, KG.eventStart, _literal(ev.date_start, datatype=XSD.date)))
        add((node, KG.eventEnd, _literal(ev.date_end, datatype=XSD.date)))
    return node
