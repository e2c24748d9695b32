"""RDF graph from resolved entities and edges: ontology declarations, entities, typed edges and a
reification node (rdf:Statement + kg:Evidence) per piece of evidence.

Only edges that some sentence states as a plain fact become direct triples; a negated, planned or
conditional edge is a reification node only, with its kg:polarity and kg:modality."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg import rules
from kg.graph.namespace import ID, KG, term
from kg.model import Edge, Evidence, ResolvedGraph


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id]


def document_iri(content_hash: str) -> URIRef:
    return ID[f"doc/{content_hash[:16]}"]


def new_graph() -> Graph:
    g = Graph()
    g.bind("kg", KG._NS)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    return g


def to_rdf(resolved: ResolvedGraph) -> Graph:
    """The whole graph: ontology (so the file stands alone), documents, entities, edges, evidence."""
    g = new_graph()
    for triple in rules.ontology_graph():
        g.add(triple)
    doc_iris = {}
    for doc in resolved.documents:
        iri = document_iri(doc.content_hash)
        doc_iris[doc.doc_id] = iri
        g.add((iri, RDF.type, KG.Document))
        g.add((iri, RDFS.label, Literal(doc.doc_id)))
        g.add((iri, KG.path, Literal(doc.doc_id)))
        g.add((iri, KG.contentHash, Literal(doc.content_hash)))
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
        for ev in edge.evidence:
            _add_evidence(g, edge, ev, s, p, o, doc_iris[ev.doc_id])
    return g


def _add_evidence(g: Graph, edge: Edge, ev: Evidence, s, p, o, doc: URIRef) -> None:
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
