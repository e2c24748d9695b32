"""Event data: the graph's events (kg:Event nodes, kg/resolve/events.py) as the field's tables.

``kg export events`` (and every build) writes the folder ``events/``:

- ``events.jsonl``: one event a line with PLOVER's field names (the PLOVER manual's "JSON Data Fields":
  id, date, enddate, source, recipient, event, mode, context, event_loc, event_text, quad_code,
  event_scale, text, text_info, cite_info, coder, coded_date; actor objects with code, sector,
  actor_text, identifier_id, identifier_text; a GeoNames location object), plus kg's own fields (CAMEO
  code, counts, date precision, every report with its sentence and offsets). Its JSON Schema is
  ``ontology/events/plover-event.schema.json`` (:func:`schema`);
- ``events.tsv``: one row per event with GDELT's column names where GDELT has the column (Day,
  Actor1Name, Actor1Code, EventCode, QuadClass, GoldsteinScale, NumMentions, NumSources, NumArticles,
  ActionGeo_FullName, ActionGeo_Lat, SOURCEURL…) and the first report's sentence and offsets.

Both are read from the RDF graph, so any exported graph or store can be turned into them, and both
are byte-identical across two builds of the same input (SOURCE_DATE_EPOCH fixes the coding date).

:func:`event_rows` is the typed reading of the graph's events the two formats (and the HTML view's map)
are made from.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, PROV

from kg.export import for_last_graph, register
from kg.export.property_graph import safe_text
from kg.graph.build import facts as _facts
from kg.model import ResolvedGraph
from kg.namespace import KG
from kg.rules.actors import TYPES

CONTEXTS = {"asserted": [], "negated": ["negation"], "hypothetical": ["hypothetical"], "future": ["future"]}
TSV_COLUMNS = (
    "GlobalEventID", "Day", "EndDay", "DatePrecision", "DateSource",
    "Actor1Name", "Actor1Code", "Actor1CountryCode", "Actor1Type1Code", "Actor1Type2Code", "Actor1KgIRI",
    "Actor2Name", "Actor2Code", "Actor2CountryCode", "Actor2Type1Code", "Actor2Type2Code", "Actor2KgIRI",
    "EventCode", "EventBaseCode", "EventRootCode", "PloverCategory", "PloverMode", "EventMode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_Precision",
    "ActionGeo_FeatureID", "ActionGeo_Source", "SOURCEURL", "SourceDocument", "Sentence", "SentenceStart",
    "SentenceEnd")


@dataclass(frozen=True)
class ActorRow:
    """An event's source or target: its entity IRI and name, and its CAMEO code as of the event's date."""

    iri: str
    name: str
    code: str = ""  # "EGYMIL"
    country: str = ""  # ISO 3166-1 alpha-3
    sectors: tuple[str, ...] = ()  # "GOV", "MIL", "IGO"…


@dataclass(frozen=True)
class ReportRow:
    """One sentence that reports an event, with its document."""

    evidence: str  # the evidence node's IRI
    sentence: str
    start: int  # the sentence's offsets in its document
    end: int
    document: str  # the document's path (kg:path)
    document_iri: str
    url: str = ""
    title: str = ""
    publisher: str = ""
    published: str = ""
    polarity: str = ""
    modality: str = ""
    rule: str = ""
    trigger: str = ""
    date_text: str = ""
    coded: str = ""  # when the run that read it started (ISO date-time)


@dataclass(frozen=True)
class EventRow:
    """One event as the graph holds it. ``lat``/``lon`` are None for an event with no place; ``start``
    is "" for an undated one; ``reports`` are in document and offset order."""

    iri: str
    name: str
    plover: str
    cameo: str
    mode: str
    quad: int
    intensity: float
    source: ActorRow
    target: ActorRow | None
    reports: tuple[ReportRow, ...]
    plover_mode: str = ""
    start: str = ""
    end: str = ""
    precision: str = ""
    date_source: str = ""
    week: str = ""
    place: str = ""
    place_iri: str = ""
    lat: float | None = None
    lon: float | None = None
    place_precision: str = ""
    place_country: str = ""
    geonames_id: int | None = None
    place_source: str = ""
    mentions: int = 0
    articles: int = 0
    sources: int = 0


@for_last_graph  # the events folder and the HTML view's map of a build share them
def event_rows(g: Graph) -> list[EventRow]:
    """Every kg:Event of ``g`` with its actors, place and reports, by date (undated last), then IRI."""
    rows = []
    docs: dict = {}
    for event in set(g.subjects(RDF.type, KG.Event)):
        f = _facts(g, event)
        target = f.get(KG.targetActor)
        reports = sorted((_report(g, ev, docs) for ev in g.objects(event, KG.evidence)),
                         key=lambda r: (r.document, r.start, r.evidence))
        rows.append(EventRow(
            iri=str(event), name=_s(f, RDFS.label), plover=_s(f, KG.ploverCategory), cameo=_s(f, KG.cameoCode),
            mode=_s(f, KG.eventMode), quad=int(f[KG.quadClass]), intensity=float(f[KG.intensity]),
            source=_actor(g, event, f, KG.sourceActor, KG.sourceActorCode, KG.sourceCountry, KG.sourceSector),
            target=_actor(g, event, f, KG.targetActor, KG.targetActorCode, KG.targetCountry, KG.targetSector)
            if target is not None else None,
            reports=tuple(reports), plover_mode=_s(f, KG.ploverMode), start=_s(f, KG.startDate),
            end=_s(f, KG.endDate), precision=_s(f, KG.datePrecision), date_source=_s(f, KG.dateSource),
            week=_s(f, KG.isoWeek), place=_s(f, KG.placeName), place_iri=_s(f, KG.eventPlace),
            lat=float(f[KG.latitude]) if KG.latitude in f else None,
            lon=float(f[KG.longitude]) if KG.longitude in f else None,
            place_precision=_s(f, KG.placePrecision), place_country=_s(f, KG.placeCountry),
            geonames_id=int(f[KG.geonamesId]) if KG.geonamesId in f else None, place_source=_s(f, KG.placeSource),
            mentions=int(f.get(KG.mentionCount, 0)), articles=int(f.get(KG.articleCount, 0)),
            sources=int(f.get(KG.sourceCount, 0))))
    return sorted(rows, key=lambda r: (r.start or "9999", r.iri))


def _s(facts: dict, term) -> str:
    """A value as text any format can hold (kg.export.property_graph.safe_text)."""
    value = facts.get(term)
    return "" if value is None else safe_text(str(value))


def _actor(g: Graph, event, f: dict, link, code, country, sector) -> ActorRow:
    entity = f[link]
    return ActorRow(safe_text(str(entity)), safe_text(str(g.value(entity, RDFS.label) or "")), _s(f, code),
                    _s(f, country), tuple(sorted(safe_text(str(o)) for o in g.objects(event, sector))))


def _report(g: Graph, ev, docs: dict) -> ReportRow:
    f = _facts(g, ev)
    doc = f.get(KG.document)
    if doc not in docs:
        d = _facts(g, doc) if doc is not None else {}
        docs[doc] = (_s(d, KG.path), _s(d, DCTERMS.source), _s(d, DCTERMS.title), _s(d, DCTERMS.publisher),
                     _s(d, DCTERMS.date))
    path, url, title, publisher, published = docs[doc]
    run = f.get(PROV.wasGeneratedBy)
    coded = str(g.value(run, PROV.startedAtTime) or "") if run is not None else ""
    return ReportRow(str(ev), _s(f, KG.sentence), int(f.get(KG.startChar, 0)), int(f.get(KG.endChar, 0)), path,
                     safe_text(str(doc or "")), url, title, publisher, published, _s(f, KG.polarity), _s(f, KG.modality),
                     _s(f, KG.rule), _s(f, KG.trigger), _s(f, KG.dateText), coded)


# ---- PLOVER JSON Lines ---------------------------------------------------------------------------------

def plover_record(row: EventRow) -> dict:
    """One event as a PLOVER record (the manual's field names, then kg's own: cameo, date_precision,
    date_source, num_mentions, num_articles, num_sources, reports)."""
    first = row.reports[0] if row.reports else None
    record = {
        "id": row.iri,
        "date": row.start or None,
        "enddate": row.end or None,
        "source": [_plover_actor(row.source)],
        "recipient": [_plover_actor(row.target)] if row.target else [],
        "event": [row.plover],
        "mode": [row.plover_mode] if row.plover_mode else [],
        "context": CONTEXTS.get(row.mode, []),
        "event_loc": _location(row),
        "event_text": sorted({_words(r.trigger) for r in row.reports if r.trigger}),
        "quad_code": row.quad,
        "event_scale": row.intensity,
        "text": first.sentence if first else "",
        "text_info": {"start": first.start, "end": first.end} if first else {},
        "cite_info": {"corpus": first.document, "url": first.url, "title": first.title,
                      "publication": first.publisher, "language": "en"} if first else {},
        "coder": "kg",
        "coded_date": min((r.coded[:10] for r in row.reports if r.coded), default=None),
        "cameo": row.cameo or None,
        "kg_mode": row.mode,
        "date_precision": row.precision or None,
        "date_source": row.date_source or None,
        "num_mentions": row.mentions,
        "num_articles": row.articles,
        "num_sources": row.sources,
        "reports": [{"document": r.document, "url": r.url or None, "publication": r.publisher or None,
                     "published": r.published or None, "sentence": r.sentence, "start": r.start, "end": r.end,
                     "polarity": r.polarity, "modality": r.modality, "trigger": r.trigger, "rule": r.rule,
                     "date_text": r.date_text or None} for r in row.reports],
    }
    return record


def _words(trigger: str) -> str:
    """A trigger's words without the dictionary line a CAMEO frame's key names ("withdraw (CAMEO.2.0.txt:6913)")."""
    return trigger.split(" (", 1)[0]


def _plover_actor(actor: ActorRow) -> dict:
    types = [s for s in actor.sectors if s in TYPES]
    roles = [s for s in actor.sectors if s not in TYPES]
    return {"code": actor.country or (types[0] if types else None), "sector": roles[0] if roles else None,
            "actor_text": actor.name, "identifier_id": actor.iri, "identifier_text": actor.name,
            "cameo_code": actor.code or None, "sectors": list(actor.sectors)}


def _location(row: EventRow) -> dict | None:
    if row.lat is None:
        return None
    return {"geonameid": row.geonames_id, "name": row.place, "latitude": row.lat, "longitude": row.lon,
            "cc3": row.place_country or None, "precision": row.place_precision, "source": row.place_source,
            "identifier_id": row.place_iri or None}


def to_jsonl(rows: list[EventRow]) -> bytes:
    return "".join(json.dumps(plover_record(r), ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


@cache
def schema() -> dict:
    """The JSON Schema (draft 2020-12) every line of events.jsonl meets."""
    path = resources.files("kg.ontology") / "events" / "plover-event.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


# ---- GDELT-style TSV ------------------------------------------------------------------------------------

def tsv_row(row: EventRow) -> list[str]:
    """One event as a row of :data:`TSV_COLUMNS`."""
    first = row.reports[0] if row.reports else None
    url = next((r.url for r in row.reports if r.url), "")
    return [
        row.iri.rsplit("/", 1)[-1], row.start.replace("-", ""), row.end.replace("-", ""), row.precision,
        row.date_source, *_tsv_actor(row.source), *_tsv_actor(row.target),
        row.cameo, row.cameo[:3], row.cameo[:2], row.plover, row.plover_mode, row.mode, str(row.quad),
        f"{row.intensity:.1f}", str(row.mentions), str(row.sources), str(row.articles),
        row.place, row.place_country, "" if row.lat is None else f"{row.lat:.4f}",
        "" if row.lon is None else f"{row.lon:.4f}", row.place_precision,
        "" if row.geonames_id is None else str(row.geonames_id), row.place_source, url,
        first.document if first else "", _one_line(first.sentence) if first else "",
        str(first.start) if first else "", str(first.end) if first else ""]


def _tsv_actor(actor: ActorRow | None) -> list[str]:
    if actor is None:
        return [""] * 6
    roles = list(actor.sectors)
    return [actor.name, actor.code, actor.country, roles[0] if roles else "", roles[1] if len(roles) > 1 else "",
            actor.iri]


def _one_line(text: str) -> str:
    """Tabs and line breaks as spaces: a TSV cell holds one line."""
    return " ".join(text.split())


def to_tsv(rows: list[EventRow]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(TSV_COLUMNS)
    writer.writerows(tsv_row(r) for r in rows)
    return buf.getvalue().encode("utf-8")


@register("events", "events", shares="events", cost=2)
def to_events(graph: Graph, resolved: ResolvedGraph | None = None) -> dict[str, bytes]:
    """The folder ``events/``: events.jsonl (PLOVER) and events.tsv (GDELT-style)."""
    rows = event_rows(graph)
    return {"events.jsonl": to_jsonl(rows), "events.tsv": to_tsv(rows)}
