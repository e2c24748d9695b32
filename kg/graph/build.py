"""RDF graph from resolved entities and edges: ontology declarations, entities, typed edges and a
reification node (rdf:Statement + kg:Evidence) per piece of evidence.

Only edges that some sentence states as a plain fact become direct triples; a negated, planned or
conditional edge is a reification node only, with its kg:polarity and kg:modality.

Events (kg/resolve/events.py) are kg:Event nodes linked to the evidence that reports them, typed by two
SKOS concepts made here from the rules' code tables (ontology/events/): a PLOVER category under its quad
class, and a CAMEO code under its broader codes. Only the concepts the events use (and the ones above
them) are written, so a graph without events carries none."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.plugins.stores.memory import SimpleMemory

from kg import __version__
from kg.model import Edge, Event, EventActor, Evidence, ResolvedGraph
from kg.namespace import CAMEO, CAMEO_SCHEME, ID, KG, PLOVER, PLOVER_SCHEME, term
from kg.resolve.events import find_events
from kg.rules import Rules, load_rules
from kg.rules.events import QUADS


@functools.lru_cache(maxsize=1 << 16)
def entity_iri(entity_id: str) -> URIRef:
    """One object per entity while a graph is built: the graph's indexes then find it by identity, not by
    rdflib's term comparison in Python."""
    return ID[entity_id]


def document_iri(content_hash: str) -> URIRef:
    return ID[f"doc/{content_hash[:16]}"]


def evidence_iri(subject: str, predicate: str, obj: str, ev: Evidence) -> URIRef:
    """The evidence node of one sentence's report of edge (``subject``, ``predicate``, ``obj``)."""
    digest = hashlib.sha1("\x1f".join([subject, predicate, obj, ev.doc_id, str(ev.start), ev.rule, ev.trigger])
                          .encode("utf-8")).hexdigest()[:20]
    return ID[f"evidence/{digest}"]


class TripleMemory(SimpleMemory):
    """rdflib's in-memory triple store without named-graph bookkeeping (faster to fill than its default
    Memory store), sized from its subject index, once per change: the exports of a build ask its size
    a dozen times (kg.export.for_last_graph)."""

    _size: int | None = None

    def add(self, triple, context, quoted: bool = False) -> None:
        """SimpleMemory.add, with setdefault where it catches a KeyError for each new key (most keys of a
        graph being built are new: a third of the time of kg's RDF stage went on those exceptions)."""
        self._size = None
        s, p, o = triple
        self._SimpleMemory__spo.setdefault(s, {}).setdefault(p, {})[o] = 1
        self._SimpleMemory__pos.setdefault(p, {}).setdefault(o, {})[s] = 1
        self._SimpleMemory__osp.setdefault(o, {}).setdefault(s, {})[p] = 1

    def remove(self, triple_pattern, context=None) -> None:
        self._size = None
        super().remove(triple_pattern, context)

    def __len__(self, context=None) -> int:
        if self._size is None:
            self._size = sum(len(objects) for by_predicate in self._SimpleMemory__spo.values()
                             for objects in by_predicate.values())
        return self._size


def facts(g: Graph, node) -> dict:
    """Predicate -> a value of ``node`` (the first, as ``Graph.value`` gives), read in one pass: straight
    from the subject index of a graph kg built (TripleMemory), else through rdflib (a graph read from a
    file). The exports read every evidence node and event this way."""
    store = g.store
    if type(store) is TripleMemory:
        return {p: next(iter(objects)) for p, objects in store._SimpleMemory__spo.get(node, {}).items() if objects}
    out: dict = {}
    for p, o in g.predicate_objects(node):
        out.setdefault(p, o)
    return out


def triples(g: Graph) -> Iterator[tuple]:
    """Every triple of ``g``, a subject's together: straight from the subject index of a graph kg built
    (TripleMemory; several times faster than rdflib's generic iteration), else through rdflib."""
    store = g.store
    if type(store) is TripleMemory:
        for s, by_predicate in store._SimpleMemory__spo.items():
            for p, objects in by_predicate.items():
                for o in objects:
                    yield s, p, o
    else:
        yield from g


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


def to_rdf(resolved: ResolvedGraph, rules: Rules | None = None,
           events: Callable[[], tuple[Event, ...]] | None = None) -> Graph:
    """The whole graph: ontology (``rules.ontology``, so the file stands alone), the run, documents,
    entities, edges, one assertion per edge with its counts and dates, and an evidence node per mention.
    ``rules``: the build's rules (default: kg's own, without user files). The events are those of
    ``resolved``, or when it has none what ``events`` gives (asked for last: another process may be
    finding them meanwhile), else found here."""
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
    events = resolved.events if resolved.events is not None else events() if events is not None \
        else find_events(resolved, rules)
    known = {ent.id for ent in resolved.entities}
    for event in events:
        _add_event(add, event, doc_iris, known)
    if events:
        _add_concepts(add, events, rules)
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
    node = evidence_iri(edge.subject, edge.predicate, edge.object, ev)
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
    if ev.former:
        add((node, KG.former, _literal(True)))
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


def _add_event(add: Add, event: Event, doc_iris: dict[str, URIRef], known: set[str]) -> None:
    """An event node: its type, actors and their codes, date, place, counts and the evidence of its reports."""
    node = ID[event.id]
    add((node, RDF.type, KG.Event))
    target = f" → {event.target.label}" if event.target else ""
    add((node, RDFS.label, _literal(f"{event.plover}: {event.source.label}{target}"
                                    f"{f' ({event.start})' if event.start else ''}")))
    add((node, KG.eventType, PLOVER[event.plover]))
    add((node, KG.ploverCategory, _literal(event.plover)))
    if event.plover_mode:
        add((node, KG.ploverMode, _literal(event.plover_mode)))
    if event.cameo:
        add((node, KG.cameoType, CAMEO[event.cameo]))
        add((node, KG.cameoCode, _literal(event.cameo)))
    add((node, KG.eventMode, _literal(event.mode)))
    add((node, KG.quadClass, _literal(event.quad)))
    add((node, KG.intensity, _decimal(f"{event.intensity:.1f}")))
    _add_actor(add, node, event.source, KG.sourceActor, KG.sourceActorCode, KG.sourceCountry, KG.sourceSector)
    if event.target is not None:
        _add_actor(add, node, event.target, KG.targetActor, KG.targetActorCode, KG.targetCountry, KG.targetSector)
    if event.start:
        add((node, KG.startDate, _literal(event.start, datatype=XSD.date)))
        add((node, KG.endDate, _literal(event.end, datatype=XSD.date)))
        add((node, KG.datePrecision, _literal(event.precision)))
        add((node, KG.dateSource, _literal(event.date_source)))
        if event.precision in ("day", "week"):
            year, week, _ = datetime.fromisoformat(event.start).isocalendar()
            add((node, KG.isoWeek, _literal(f"{year}-W{week:02d}")))
    place = event.place
    if place is not None:
        if place.entity in known:
            add((node, KG.eventPlace, entity_iri(place.entity)))
        add((node, KG.placeName, _literal(place.name)))
        add((node, KG.latitude, _decimal(f"{place.lat:.4f}")))
        add((node, KG.longitude, _decimal(f"{place.lon:.4f}")))
        add((node, KG.placePrecision, _literal(place.precision)))
        if place.country:
            add((node, KG.placeCountry, _literal(place.country)))
        if place.geonames_id is not None:
            add((node, KG.geonamesId, _literal(place.geonames_id)))
        add((node, KG.placeSource, _literal(place.source)))
    add((node, KG.mentionCount, _literal(event.mentions)))
    add((node, KG.articleCount, _literal(event.articles)))
    add((node, KG.sourceCount, _literal(event.sources)))
    for r in event.reports:
        add((node, KG.evidence, evidence_iri(r.subject, r.predicate, r.object, r.evidence)))
    for doc in sorted({r.evidence.doc_id for r in event.reports}):
        add((node, KG.reportedIn, doc_iris[doc]))


def _add_actor(add: Add, node: URIRef, actor: EventActor, link, code, country, sector) -> None:
    add((node, link, entity_iri(actor.entity)))
    if actor.code:
        add((node, code, _literal(actor.code)))
    if actor.country:
        add((node, country, _literal(actor.country)))
    for role in actor.sectors:
        add((node, sector, _literal(role)))


def _add_concepts(add: Add, events: tuple[Event, ...], rules: Rules) -> None:
    """The PLOVER scheme (every category kg codes, under its quad class) and the CAMEO codes the events
    use with the codes above them, as SKOS concepts."""
    tables = rules.events
    add((PLOVER_SCHEME, RDF.type, SKOS.ConceptScheme))
    add((PLOVER_SCHEME, SKOS.prefLabel, _literal("PLOVER event categories")))
    add((PLOVER_SCHEME, DCTERMS.source, _literal("https://github.com/openeventdata/PLOVER", datatype=XSD.anyURI)))
    for quad, name in QUADS.items():
        concept = PLOVER[f"quad/{quad}"]
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.prefLabel, _literal(name)))
        add((concept, SKOS.notation, _literal(str(quad))))
        add((concept, SKOS.inScheme, PLOVER_SCHEME))
        add((concept, SKOS.topConceptOf, PLOVER_SCHEME))
        add((concept, KG.quadClass, _literal(quad)))
    for category in tables.categories.values():
        concept = PLOVER[category.name]
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.prefLabel, _literal(category.name)))
        add((concept, SKOS.notation, _literal(category.name)))
        add((concept, SKOS.definition, _literal(category.definition)))
        add((concept, SKOS.inScheme, PLOVER_SCHEME))
        add((concept, SKOS.broader, PLOVER[f"quad/{category.quad}"]))
        add((concept, KG.quadClass, _literal(category.quad)))
        add((concept, KG.intensity, _decimal(f"{category.scale:.1f}")))
    used = sorted({code for e in events if e.cameo for code in tables.chain(e.cameo)})
    if not used:
        return
    add((CAMEO_SCHEME, RDF.type, SKOS.ConceptScheme))
    add((CAMEO_SCHEME, SKOS.prefLabel, _literal("CAMEO event codes")))
    add((CAMEO_SCHEME, DCTERMS.source, _literal("http://eventdata.parusanalytics.com/data.dir/cameo.html",
                                                datatype=XSD.anyURI)))
    for code in used:
        entry = tables.cameo[code]
        concept = CAMEO[code]
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.prefLabel, _literal(entry.name)))
        add((concept, SKOS.notation, _literal(code)))
        add((concept, SKOS.inScheme, CAMEO_SCHEME))
        add((concept, SKOS.broader, CAMEO[entry.broader]) if entry.broader else (concept, SKOS.topConceptOf, CAMEO_SCHEME))
        add((concept, KG.intensity, _decimal(f"{tables.intensity(code):.1f}")))
        coding = rules.frames.coding(code)
        if coding is not None and coding.plover in tables.categories:
            add((concept, SKOS.broadMatch, PLOVER[coding.plover]))
