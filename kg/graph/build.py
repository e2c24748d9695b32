"""RDF graph from resolved entities and edges: ontology declarations, entities, typed edges and a
reification node (rdf:Statement + kg:Evidence) per piece of evidence.

Only edges that some sentence states as a plain fact become direct triples; a negated, planned or
conditional edge is a reification node only, with its kg:polarity and kg:modality."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import __version__, rules
from kg.graph.namespace import ID, KG, term
from kg.model import Edge, Evidence, ResolvedGraph


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id]


def document_iri(content_hash: str) -> URIRef:
    return ID[f"doc/{content_hash[:16]}"]


def new_graph() -> Graph:
    g = Graph(store="SimpleMemory")  # rdflib's triple store without named-graph bookkeeping: faster to fill
    g.bind("kg", KG._NS)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    return g


def run_time() -> datetime:
    """When this run started: now, or SOURCE_DATE_EPOCH when set (reproducible builds: two runs of the
    same input then give byte-identical files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return now.replace(microsecond=0)


def to_rdf(resolved: ResolvedGraph) -> Graph:
    """The whole graph: ontology (so the file stands alone), the run, documents, entities, edges, one
    assertion per edge with its counts and dates, and an evidence node per mention."""
    g = new_graph()
    for triple in rules.ontology_graph():
        g.add(triple)
    now = run_time().isoformat()
    doc_iris, dates, runs = {}, {}, {}
    taken = set()  # document IRIs given out so far
    for doc in resolved.documents:
        runs[doc.doc_id] = _add_run(g, doc.extracted or now, doc.kg_version or __version__)
        iri = document_iri(doc.content_hash)
        if iri in taken:  # an exact copy under another name: a document of its own all the same
            iri = URIRef(f"{iri}-{hashlib.sha1(doc.doc_id.encode('utf-8')).hexdigest()[:8]}")
        taken.add(iri)
        doc_iris[doc.doc_id] = iri
        dates[doc.doc_id] = doc.date
        g.add((iri, RDF.type, KG.Document))
        g.add((iri, RDFS.label, Literal(doc.title or doc.doc_id)))
        g.add((iri, KG.path, Literal(doc.doc_id)))
        g.add((iri, KG.contentHash, Literal(doc.content_hash)))
        if doc.url:
            g.add((iri, DCTERMS.source, Literal(doc.url, datatype=XSD.anyURI)))
        if doc.title:
            g.add((iri, DCTERMS.title, Literal(doc.title)))
        if doc.date:
            g.add((iri, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
        if doc.outlet:
            g.add((iri, DCTERMS.publisher, Literal(doc.outlet)))
    for copy, original in resolved.duplicates.items():
        g.add((doc_iris[copy], KG.nearDuplicateOf, doc_iris[original]))
    for ent in resolved.entities:
        iri = entity_iri(ent.id)
        g.add((iri, RDF.type, term(ent.cls)))
        g.add((iri, RDFS.label, Literal(ent.label)))
        g.add((iri, SKOS.prefLabel, Literal(ent.label)))
        for alt in ent.alt_labels:
            g.add((iri, SKOS.altLabel, Literal(alt)))
        for hidden in ent.hidden_labels:  # descriptions, not names: found by search, not shown
            g.add((iri, SKOS.hiddenLabel, Literal(hidden)))
        for title in ent.titles:
            g.add((iri, KG.title, Literal(title)))
        if ent.sector:
            g.add((iri, KG.sector, Literal(ent.sector)))
        g.add((iri, KG.mentionCount, Literal(ent.mentions)))
        if ent.country:
            g.add((iri, KG.country, entity_iri(ent.country)))
    for edge in resolved.edges:
        s, p, o = entity_iri(edge.subject), term(edge.predicate), entity_iri(edge.object)
        if edge.asserted:  # negated, planned or hypothetical edges live only in their evidence
            g.add((s, p, o))
        assertion = _add_assertion(g, edge, s, p, o, resolved.duplicates, dates)
        for ev in edge.evidence:
            node = _add_evidence(g, edge, ev, s, p, o, doc_iris[ev.doc_id])
            g.add((node, KG.mentionOf, assertion))
            g.add((node, PROV.wasGeneratedBy, runs[ev.doc_id]))
    return g


def _add_run(g: Graph, started: str, version: str) -> URIRef:
    """The extraction run (time and kg version) a document's evidence comes from. A store keeps each
    document's own run: rebuilding an unchanged document does not make its evidence new."""
    run = ID[f"run/{hashlib.sha1(f'{started} {version}'.encode()).hexdigest()[:16]}"]
    g.add((run, RDF.type, KG.Run))
    g.add((run, KG.version, Literal(version)))
    g.add((run, PROV.startedAtTime, Literal(started, datatype=XSD.dateTime)))
    return run


def _add_assertion(g: Graph, edge: Edge, s, p, o, duplicates: dict[str, str], dates: dict[str, str]) -> URIRef:
    """One node per typed edge: how many sentences and documents report it (a copy of a wire story
    counts only for what the original does not report) and between which publication dates."""
    digest = hashlib.sha1(f"{edge.subject}\x1f{edge.predicate}\x1f{edge.object}".encode()).hexdigest()[:20]
    node = ID[f"assertion/{digest}"]
    reporters = {ev.doc_id for ev in edge.evidence}
    counted = [ev for ev in edge.evidence if duplicates.get(ev.doc_id) not in reporters]
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.type, KG.Assertion))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, KG.mentionCount, Literal(len(counted))))
    g.add((node, KG.documentCount, Literal(len({ev.doc_id for ev in counted}))))
    seen = sorted(dates[ev.doc_id] for ev in edge.evidence if dates.get(ev.doc_id))
    if seen:
        g.add((node, KG.firstSeen, Literal(seen[0], datatype=XSD.date)))
        g.add((node, KG.lastSeen, Literal(seen[-1], datatype=XSD.date)))
    return node


def _add_evidence(g: Graph, edge: Edge, ev: Evidence, s, p, o, doc: URIRef) -> URIRef:
    digest = hashlib.sha1(
        "\x1f".join([edge.subject, edge.predicate, edge.object, ev.doc_id, str(ev.start), ev.rule, ev.trigger])
        .encode("utf-8")).hexdigest()[:20]
    node = ID[f"evidence/{digest}"]
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, KG.sentence, Literal(ev.sentence)))
    g.add((node, KG.document, doc))
    g.add((node, KG.startChar, Literal(ev.start)))
    g.add((node, KG.endChar, Literal(ev.end)))
    g.add((node, KG.rule, Literal(ev.rule)))
    g.add((node, KG.trigger, Literal(ev.trigger)))
    g.add((node, KG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)))
    g.add((node, KG.polarity, Literal(ev.polarity)))
    g.add((node, KG.modality, Literal(ev.modality)))
    if ev.source:
        g.add((node, KG.attributedTo, entity_iri(ev.source)))
    if ev.source_text:
        g.add((node, KG.sourceText, Literal(ev.source_text)))
    if ev.cue:
        g.add((node, KG.cue, Literal(ev.cue)))
    if ev.when:
        g.add((node, KG.dateText, Literal(ev.when)))
        g.add((node, KG.eventStart, Literal(ev.date_start, datatype=XSD.date)))
        g.add((node, KG.eventEnd, Literal(ev.date_end, datatype=XSD.date)))
    return node
