"""Events: each reported event once, however many sentences and articles carry it.

Every piece of evidence with a PLOVER category (kg:ploverCategory: an event word's reading, not a standing
relation such as memberOf) is a *report*: a typed edge between resolved entities, with its sentence, its
date and its place. Reports are one event when they agree as ACLED's rule asks (same day, place, actors
and type is one event):

- **type**: one family of PLOVER categories (events/plover.tsv: the category, but CONCEDE and RETREAT
  are one family);
- **mode**: as PLOVER's contexts have it, asserted, negated ("did not attack"), hypothetical ("may
  attack", "if X attacks") or future ("will meet", "plans to visit"); a denial is no report of the act.
  As PLOVER and CAMEO code them, a refusal is a rejection ("X will not accept Y": REJECT, not a negated
  AGREE) and an act made conditional by its actor a threat ("X will attack Y unless...": THREATEN), by
  the refusal and threat codes of events/plover.tsv;
- **actors**: the same source and target after resolution (either way round when a report's word is
  symmetric: "X and Y clashed" and "X attacked Y"), a state's organs standing for the state: "Israeli
  forces" (the Israel Defense Forces, partOf Israel) and "Israel" are one actor here, as one report says
  "Israel struck" and another "Israeli warplanes bombed" (a state organ is a government body, or a group
  actor of a state sector: government, military, police, intelligence, judiciary, legislature, or an
  article's unnamed group of such a sector, "the army", when all the article's places are in one country);
- **dates** that overlap, each report's as precise as it is: the interval of its sentence's time
  expression ("on Tuesday", "last month"), else the day it was published and the day before (news tells
  of the day or the day before), else none (fits any date);
- **place**, where both say one: the same place, or a country and a place in it, or a region and a city
  in its country (the tables hold no finer containment).

Clustering is complete-linkage and greedy, in a fixed order (the most precisely dated reports first), so
the result is the same on every run: a report joins the first event all of whose reports it agrees with.
Overlap needs no pairwise check: intervals that pairwise overlap share a day, so an event keeps the
intersection of its reports' intervals.

Counts: ``mentions`` the sentences, ``articles`` the documents, ``sources`` the independent sources. A
document's source is the agency its dateline credits ("(Reuters)"), else its outlet, else the document
itself, each taken from the original when the document is a near-duplicate copy of another
(kg/resolve/duplicates.py); two documents whose reports of the event are the same sentence reworded (most
of the shorter one's content words in the other) are one source too. So two outlets carrying one wire
story count once.

Each event is typed by the most specific CAMEO code its reports give (the frame's own code, else the
word's, events/word_codes.tsv), with its quad class (from the PLOVER category) and Goldstein weight
(from the CAMEO code); its actors are coded as of its date (kg/resolve/codes.py), an actor that code leaves without a country
taking it (and, with no role of its own, its role) from the body the graph says it leads, belongs to or
is part of ("Serbian President X" leaderOf Serbia: SRB), or for an organisation the country it is in, and an organisation with no role the role of
its class (an international organisation IGO, an armed group REB); a body leading, belonging to or
part of a country is no namesake of another country's actor. What a report's sentence says of an actor
comes next: a nationality before a person's or group's name and title ("French Foreign Minister X",
"Kenyan authorities"), "of" a country after a person's name ("Abdoulaye Diop of Mali", which also rules
out a namesake of another country), "in" or "of" a place after a group's ("rebels in Tigray"); a people
named by its nationality ("ethnic Hungarians", "the Hungarians of northern Romania") is coded by the
country it lives in, as CAMEO codes ethnic groups. An unnamed group of the article ("police", "rebels")
still without a country takes the country of the place it acted in, else the one country of its
article's places (a people, "40 Somalis", is no place). Its place is the first
report's "in/at/near" place (kg/extract/event_places.py), else the place it was aimed at (a visit's
place; a place attacked, shelled or blockaded), else the dateline of its first article, located with
rules.places (GeoNames).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from kg.common.names import match_key
from kg.model import (
    DocumentResult,
    Entity,
    Event,
    EventActor,
    EventPlace,
    Evidence,
    Report,
    ResolvedGraph,
)
from kg.resolve.codes import ActorCode, code_actor
from kg.rules import Rules
from kg.rules.actors import TYPES, CameoCode
from kg.rules.places import Place

MODES = ("asserted", "negated", "hypothetical", "future")
PRECISIONS = ("day", "week", "month", "year", "decade")
PUBLICATION_DAYS = 1  # a report dated only by its publication tells of that day or the day before
PARAPHRASE = 0.8  # share of the shorter sentence's content words found in the other: a reworded copy
MIN_WORDS = 6  # a shorter sentence says too little to be told apart from an independent report
MAX_PARAPHRASE_DOCUMENTS = 200  # past this many articles an event's sources are counted without the check
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_ETHNIC = re.compile(r"\bethnic\s+$", re.IGNORECASE)  # right before the people's name
# between a people's name and the place it lives in: "in", "of", and a word or two ("of southern", "in the north of")
_RESIDENCE = re.compile(r"\s+(?:in|of|living in)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:of\s+)?", re.IGNORECASE)
_OF = re.compile(r",?\s+of\s+(?:the\s+)?")  # "Abdoulaye Diop of Mali"
_STOP = frozenset({"a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
                   "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "said", "says", "say", "that",
                   "the", "their", "they", "this", "to", "was", "were", "which", "who", "will", "with", "would",
                   "after", "before", "also"})


def find_events(resolved: ResolvedGraph, rules: Rules) -> tuple[Event, ...]:
    """The events of a resolved graph, by date (undated last), then id."""
    docs = {d.doc_id: d for d in resolved.documents}
    entities = {e.id: e for e in resolved.entities}
    finder = _Finder(resolved, rules, docs, entities)
    groups: dict[tuple, list[_Report]] = {}
    for edge in resolved.edges:
        for ev in edge.evidence:
            if ev.plover in rules.events.categories and edge.subject in entities and edge.object in entities:
                r = finder.report(Report(edge.subject, edge.predicate, edge.object, ev))
                units = frozenset((finder.unit(edge.subject), finder.unit(edge.object)))
                groups.setdefault((r.family, r.mode, units), []).append(r)
    events, seen = [], set()
    for key in sorted(groups, key=lambda k: (k[0], k[1], sorted(k[2]))):
        for cluster in _clusters(groups[key]):
            event = finder.event(cluster)
            if event.id in seen:  # one sentence, one day, two events: its document and place tell them apart
                first = cluster[0].report.evidence
                event = replace(event, id=f"event/{_digest(event.id, first.doc_id, str(first.start))}")
            seen.add(event.id)
            events.append(event)
    return tuple(sorted(events, key=lambda e: (e.start or "9999", e.id)))


def mode_of(ev: Evidence) -> str:
    """How the sentence holds the event, in PLOVER's terms: asserted, negated, hypothetical or future."""
    if ev.polarity == "negative":
        return "negated"
    if ev.modality in ("possible", "conditional"):
        return "hypothetical"
    if ev.modality in ("future", "intended"):
        return "future"
    return "asserted"


def precision_of(start: str, end: str) -> str:
    """What an interval of a time expression pins down: day, week (Monday to Sunday), month, year or
    decade; "" for another span."""
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    if a == b:
        return "day"
    if a.weekday() == 0 and b - a == timedelta(days=6):
        return "week"
    if a.day == 1 and (b + timedelta(days=1)).day == 1 and (a.year, a.month) == (b.year, b.month):
        return "month"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return "year" if a.year == b.year else "decade" if b.year - a.year == 9 and a.year % 10 == 0 else ""
    return ""


@dataclass
class _Report:
    """A report with what clustering compares: its family, mode, direction, dates and place."""

    report: Report
    plover: str  # the report's PLOVER category, a refusal or a threat made what it is
    cameo: str  # its most specific CAMEO code
    family: str
    mode: str
    symmetric: bool
    source_unit: str  # the source as actors are compared: a state organ's state, else itself
    low: date | None  # the days its date allows (None: undated, fits any)
    high: date | None
    dated_by: str  # "sentence", "publication" or ""
    precision: str  # of its sentence's interval ("" for none)
    place: _Spot | None
    rank: tuple = ()


@dataclass(frozen=True)
class _Spot:
    """A place as compared: its key (gazetteer or GeoNames id, else its name), precision and country."""

    key: str
    precision: str
    country: str
    place: Place | None


@dataclass
class _Cluster:
    reports: list[_Report] = field(default_factory=list)
    low: date | None = None
    high: date | None = None
    source: str | None = None  # the source of its directed reports, once one has joined
    spots: dict[str, _Spot] = field(default_factory=dict)

    def admits(self, r: _Report) -> bool:
        if not r.symmetric and self.source is not None and r.source_unit != self.source:
            return False
        if r.low is not None and self.low is not None and (r.low > self.high or r.high < self.low):
            return False
        return r.place is None or all(_same_place(r.place, s) for s in self.spots.values())

    def add(self, r: _Report) -> None:
        self.reports.append(r)
        if not r.symmetric and self.source is None:
            self.source = r.source_unit
        if r.low is not None:
            self.low = r.low if self.low is None else max(self.low, r.low)
            self.high = r.high if self.high is None else min(self.high, r.high)
        if r.place is not None:
            self.spots.setdefault(r.place.key, r.place)


def _clusters(reports: list[_Report]) -> list[list[_Report]]:
    clusters: list[_Cluster] = []
    for r in sorted(reports, key=lambda r: r.rank):
        home = next((c for c in clusters if c.admits(r)), None)
        if home is None:
            home = _Cluster()
            clusters.append(home)
        home.add(r)
    return [c.reports for c in clusters]


def _same_place(a: _Spot, b: _Spot) -> bool:
    if a.key == b.key:
        return True
    if not a.country or a.country != b.country:
        return False
    kinds = {a.precision, b.precision}
    return "country" in kinds or kinds == {"region", "city"}


class _Finder:
    """What reports and events need of the build: documents, entities, places and actor codes, each
    looked up once."""

    def __init__(self, resolved: ResolvedGraph, rules: Rules, docs: dict[str, DocumentResult],
                 entities: dict[str, Entity]):
        self.resolved, self.rules, self.docs, self.entities = resolved, rules, docs, entities
        self.symmetric = rules.schema.symmetric
        self._spots: dict[tuple[str, str], _Spot | None] = {}
        self._codes: dict[tuple[str, str, bool], ActorCode] = {}
        self._countries: dict[str, str] = {}  # document -> the one country of its places
        self.sources = _source_keys(resolved)
        self.units = _state_organs(resolved, rules, entities)
        self.units.update(self._local_organs())
        self.bodies: dict[str, list[str]] = {}  # entity -> what it leads, belongs to or is part of
        for edge in sorted(resolved.edges, key=lambda e: (AFFILIATIONS.index(e.predicate)
                                                           if e.predicate in AFFILIATIONS else 9, e.object)):
            if edge.predicate in AFFILIATIONS and edge.object in entities and edge.subject in entities and (
                    edge.predicate != "locatedIn" or not rules.schema.is_a(entities[edge.subject].cls, "Person")):
                self.bodies.setdefault(edge.subject, []).append(edge.object)

    def unit(self, entity: str) -> str:
        return self.units.get(entity, entity)

    def _local_organs(self) -> dict[str, str]:
        """An unnamed group of a state's sector ("the army", "police") in an article whose places are all in
        one country stands for that country's organ, as "Sudan's army" does: "the army clashed with the
        RSF in Khartoum" and "Sudan's army fought the RSF" are reports of one event. Only when the graph
        has that country's node."""
        schema, roles = self.rules.schema, self.rules.actors.sectors
        groups = [e for e in self.entities.values() if schema.is_a(e.cls, "LocalGroup") and e.id not in self.units
                  and STATE_ROLES & set(roles.get(e.sector or "", CameoCode()).sectors)]
        if not groups:
            return {}
        countries = {}
        for e in self.entities.values():
            if schema.is_a(e.cls, "Country"):
                spot = self._spot(e.label, "")
                if spot is not None and spot.precision == "country":
                    countries.setdefault(spot.country, e.id)
        return {g.id: countries[c] for g in groups if (c := self._document_country(g.id)) in countries}

    def report(self, report: Report) -> _Report:
        ev = report.evidence
        events = self.rules.events
        plover, cameo, mode = ev.plover, events.code(ev.cameo, report.predicate), mode_of(ev)
        category = events.categories[plover]
        if mode == "negated" and ev.modality in ("future", "intended") and self._coding(category.refusal):
            plover, cameo, mode = self._coding(category.refusal), category.refusal, "asserted"
        elif ev.modality == "conditional" and ev.polarity == "positive" and self._coding(category.threat):
            plover, cameo, mode = self._coding(category.threat), category.threat, "asserted"
        family = events.family(plover)
        low = high = None
        dated_by = precision = ""
        if ev.date_start:
            low, high = date.fromisoformat(ev.date_start), date.fromisoformat(ev.date_end or ev.date_start)
            dated_by, precision = "sentence", precision_of(ev.date_start, ev.date_end or ev.date_start)
        elif self.docs[ev.doc_id].date:
            high = date.fromisoformat(self.docs[ev.doc_id].date)
            low, dated_by = high - timedelta(days=PUBLICATION_DAYS), "publication"
        place = self._spot(self._place_name(ev), "") if ev.place else None
        fineness = (PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)) \
            if dated_by == "sentence" else (0.5 if dated_by else 9)
        rank = (fineness, low or date.max, ev.doc_id, ev.start, report.predicate, report.subject, report.object,
                ev.rule, ev.trigger)
        return _Report(report, plover, cameo, family, mode, report.predicate in self.symmetric,
                       self.unit(report.subject), low, high, dated_by, precision, place, rank)

    def _coding(self, code: str) -> str:
        """The PLOVER category of CAMEO ``code`` (frames/cameo_words.tsv), "" for none."""
        coding = self.rules.frames.coding(code) if code else None
        return coding.plover if coding is not None and coding.plover in self.rules.events.categories else ""

    def _place_name(self, ev: Evidence) -> str:
        """The name a sentence place is located by: its entity's label when it resolved to one."""
        entity = self.resolved.mention_entity.get((ev.doc_id, ev.place_start, ev.place_end))
        return self.entities[entity].label if entity in self.entities else ev.place

    def _spot(self, name: str, hint: str) -> _Spot | None:
        key = (name, hint)
        if key not in self._spots:
            place = self.rules.places.locate(name, hint or None) if name else None
            if place is None and "," in name:  # a dateline's "KINGS BAY, Ga.": its first part
                place = self.rules.places.locate(name.split(",")[0], hint or None)
            self._spots[key] = (_Spot(place.key, place.precision, place.country, place) if place is not None
                                else _Spot(f"name:{match_key(name)}", "", "", None) if name else None)
        return self._spots[key]

    def code(self, entity: str, day: str, affiliated: bool = True) -> ActorCode:
        """The actor code of ``entity`` on ``day``; ``affiliated``: with a country (and a role) from the
        body it leads, belongs to or is part of when its own code has none."""
        key = (entity, day, affiliated)
        if key not in self._codes:
            ent = self.entities[entity]
            if affiliated and not ent.country:  # "King Hassan of Morocco": not Jordan's Prince Hassan
                home = next((b for b in self.bodies.get(entity, ())
                             if self.rules.schema.is_a(self.entities[b].cls, "Country")), None)
                ent = replace(ent, country=home) if home else ent
            code = code_actor(ent, day or None, self.rules)
            if affiliated and not (code.country or code.region or set(code.sectors) & _TYPES):
                for body in self.bodies.get(entity, ()):
                    their = self.code(body, day, False)
                    if their.country:
                        code = replace(code, country=their.country, sectors=code.sectors or their.sectors,
                                       group=code.group or their.group, source=code.source or "affiliation")
                        break
            if not code.sectors:  # an organisation no table names: the role of its class (IGO, REB, MED…)
                role = self.rules.actors.class_code(self.entities[entity].cls, self.rules.schema)
                if role.sectors and self.rules.schema.is_a(self.entities[entity].cls, "Organization"):
                    code = replace(code, sectors=role.sectors, source=code.source or "class")
            self._codes[key] = code
        return self._codes[key]

    def event(self, cluster: list[_Report]) -> Event:
        events = self.rules.events
        first = cluster[0]
        reports = tuple(r.report for r in cluster)
        plover = _most_common([r.plover for r in cluster])
        codes = Counter(r.cameo for r in cluster if r.plover == plover)
        cameo = max(sorted(codes), key=lambda c: (_specificity(c), codes[c]))  # the most specific, then the most told
        category = events.categories[plover]
        intensity = events.intensity(cameo) if cameo else None
        directed = next((r for r in cluster if not r.symmetric), first)
        start, end, precision, dated_by = _when(cluster, self.docs)
        source_entity, target_entity = self._roles(cluster, directed.source_unit)
        source = self._nationality(self._actor(source_entity, start), cluster, start)
        target = self._nationality(self._actor(target_entity, start), cluster, start)
        place = self._event_place(cluster, source.country or target.country)
        source = self._local(self._residence(source, cluster, place), place)
        target = self._local(self._residence(target, cluster, place), place)
        counts = self._counts(cluster)
        # from what the event is and its first report's words, not the document's name (nor an article's own
        # group's id, which holds it): the same articles under other file names give the same ids
        # (find_events tells apart the rare two that collide)
        actors = sorted((source_entity, target_entity))
        names = (f"{self.entities[a].cls}:{self.entities[a].label}" for a in actors)
        digest = _digest(first.family, first.mode, *names, first.report.predicate, start,
                         first.report.evidence.sentence)
        return Event(
            id=f"event/{digest}", plover=plover, cameo=cameo, mode=first.mode, quad=category.quad,
            intensity=intensity if intensity is not None else category.scale, source=source, target=target,
            reports=reports, plover_mode=self._mode(cluster, plover, cameo),
            start=start, end=end, precision=precision, date_source=dated_by, place=place, **counts)

    def _nationality(self, actor: EventActor, cluster: list[_Report], day: str) -> EventActor:
        """A person or group whose report's sentence states its country: a nationality word or a
        country's possessive before its name and title ("French Foreign Minister X", "Kenyan Interior
        Minister X", "Kenyan authorities" where the tagger did not join the adjective to the group), "of" a
        country after a person's name ("Foreign Minister Abdoulaye Diop of Mali"), or "in" or "of" a place
        after a group's ("rebels in Tigray"). An actor with no country takes that country; a person coded
        as of another country (a namesake in the dictionaries: Senegal's Abdoulaye Diop) is coded again as
        of the stated one when that rules the namesake out."""
        schema = self.rules.schema
        entity = self.entities[actor.entity]
        person = schema.is_a(entity.cls, "Person")
        if not (person or schema.is_a(entity.cls, "LocalGroup") or schema.is_a(entity.cls, "GroupActor")) \
                or actor.country and not person:
            return actor
        for r in cluster:
            ev = r.report.evidence
            for start, end, _text in self._mentions(actor.entity, ev):
                place, role = self._owner_before(ev.sentence[:start - ev.start], entity.titles)
                place = place or self._place_after(ev, end, _OF if person else _RESIDENCE, countries_only=person)
                if place is None or place.country == actor.country:
                    continue
                if not actor.country:
                    if role.sectors and not actor.sectors:  # "Egyptian intelligence chief X": SPY, not "chief"
                        actor = replace(actor, sectors=role.sectors, code="".join(role.sectors) + role.group,
                                        coded_by=actor.coded_by or "title")
                    return replace(actor, country=place.country, code=_with_country(actor, place.country),
                                   coded_by=actor.coded_by or "nationality")
                code = code_actor(replace(entity, country=f"location/{place.name}"), day or None, self.rules)
                if code.country == place.country:
                    return replace(actor, code=code.code, country=code.country, sectors=code.sectors,
                                   coded_by=code.source)
        return actor

    def _owner_before(self, text: str, titles: tuple[str, ...]) -> tuple[Place | None, CameoCode]:
        """The country of the nationality word or country possessive that ends ``text`` once the title
        that ends it is cut off, with the words before it that make it a longer title the tables know
        ("Egyptian intelligence chief" when the name's title is "chief") or up to two capitalised words of
        its portfolio ("French Foreign Minister", "Kenyan Interior Minister"), None for none; and the role
        of that longer title (an empty code for none)."""
        words = text.split()
        cut, role = False, CameoCode()
        for title in sorted(titles, key=lambda t: -len(t.split())):
            n = len(title.split())
            if n <= len(words) and match_key(" ".join(words[-n:])) == match_key(title):
                words, cut = words[:-n], True
                actors = self.rules.actors
                for k in range(min(3, len(words)), 0, -1):
                    longer = match_key(" ".join(words[-k:]) + " " + title)
                    known = actors.titles.get(longer, actors.agents.get(longer))
                    if known is not None:
                        words, role = words[:-k], known
                        break
                break
        gazetteer, places = self.rules.gazetteer, self.rules.places
        for skip in range(3 if cut else 1):
            if skip and (skip > len(words) or not words[-skip][:1].isupper()):
                break
            head = words[:len(words) - skip]
            for n in (2, 1):  # "South African" before "African"
                if len(head) < n:
                    continue
                phrase = " ".join(head[-n:])
                owner = _POSSESSIVE.sub("", phrase)
                country = gazetteer.by_demonym.get(phrase.lower()) if owner == phrase else None
                if country is None and owner != phrase:
                    entry = gazetteer.lookup(owner)
                    country = entry.id if entry is not None and self.rules.schema.is_a(entry.cls, "Country") else None
                place = places.locate(gazetteer.entries[country].name) if country else None
                if place is not None and place.precision == "country":
                    return place, role
        return None, role

    def _residence(self, actor: EventActor, cluster: list[_Report], place: EventPlace | None) -> EventActor:
        """A people a sentence names by its nationality ("ethnic Hungarians", "the Hungarians of northern
        Romania") is coded, as CAMEO codes an ethnic group, by the country it lives in: the place its name
        is followed by ("in Romania", "of northern Romania"), else, for a group called "ethnic", the
        country of the place its sentence puts the event in or aims it at (not the dateline's). The state
        itself ("Hungary", "Hungarian forces") is not a people and keeps its code."""
        schema = self.rules.schema
        if not schema.is_a(self.entities[actor.entity].cls, "Country"):
            return actor
        for r in cluster:
            ev = r.report.evidence
            found = self._mentions(actor.entity, ev)
            for start, end, text in found:
                if match_key(text) not in self._peoples:
                    continue
                found = self._place_after(ev, end)
                country = found.country if found is not None else ""
                if not country and _ETHNIC.search(ev.sentence[:start - ev.start]):
                    country = place.country if place is not None and place.source != "dateline" else ""
                if country and country != actor.country:
                    return replace(actor, country=country, code=CameoCode(country, actor.sectors).code,
                                   coded_by="residence")
        return actor

    def _place_after(self, ev: Evidence, end: int, between: re.Pattern | None = None,
                     countries_only: bool = False) -> Place | None:
        """The place a phrase right after a name (offset ``end``) names: "in" or "of" and a place
        (``between``: _RESIDENCE, or _OF for "of" alone); with ``countries_only`` a country alone. None for
        none."""
        follow = [(s, e) for (d, s, e) in self._located.get(ev.doc_id, ()) if end < s < ev.end]
        if not follow:
            return None
        s, e = min(follow)
        if not (between or _RESIDENCE).fullmatch(ev.sentence[end - ev.start:s - ev.start]):
            return None
        spot = self._spot(self.entities[self.resolved.mention_entity[(ev.doc_id, s, e)]].label, "")
        if spot is None or spot.place is None or not spot.country \
                or countries_only and spot.precision != "country":
            return None
        return spot.place

    @cached_property
    def _peoples(self) -> frozenset[str]:
        """The plural demonyms, which name a people ("Somalis", "Serbs"), not the state as the adjectives
        do ("Serbian officials"): the ones the gazetteer also lists without their final s."""
        keys = {match_key(d) for d in self.rules.gazetteer.by_demonym}
        return frozenset(k for k in keys if k.endswith("s") and k[:-1] in keys)

    @cached_property
    def _mention_index(self) -> tuple[dict[tuple[str, str], list[tuple[str, int, int]]], dict[tuple[str, int, int], str]]:
        by_entity: dict[tuple[str, str], list[tuple[str, int, int]]] = {}  # (entity, document) -> its mentions
        for key, entity in self.resolved.mention_entity.items():
            by_entity.setdefault((entity, key[0]), []).append(key)
        texts = {(d.doc_id, m.start, m.end): m.text for d in self.docs.values() for m in d.mentions}
        return by_entity, texts

    @cached_property
    def _group_documents(self) -> dict[str, str]:
        """Entity -> the first document it is mentioned in (an unnamed group is of one document)."""
        out: dict[str, str] = {}
        for (doc, _, _), entity in self.resolved.mention_entity.items():
            out.setdefault(entity, doc)
        return out

    @cached_property
    def _located(self) -> dict[str, list[tuple[str, int, int]]]:
        """Document -> the mentions that resolved to a place."""
        out: dict[str, list[tuple[str, int, int]]] = {}
        for key, entity in self.resolved.mention_entity.items():
            if entity in self.entities and self.rules.schema.is_a(self.entities[entity].cls, "Location"):
                out.setdefault(key[0], []).append(key)
        return out

    def _people(self, entity: str, ev: Evidence) -> bool:
        """Whether the sentence of ``ev`` names ``entity`` by its people only ("Somalis")."""
        found = self._mentions(entity, ev)
        return bool(found) and all(match_key(text) in self._peoples for _s, _e, text in found)

    def _mentions(self, entity: str, ev: Evidence) -> list[tuple[int, int, str]]:
        """(start, end, text as written) of the entity's mentions in the sentence of ``ev``, in order."""
        by_entity, texts = self._mention_index
        return sorted((s, e, texts.get((d, s, e), "")) for d, s, e in by_entity.get((entity, ev.doc_id), ())
                      if ev.start <= s and e <= ev.end)

    def _local(self, actor: EventActor, place: EventPlace | None) -> EventActor:
        """An unnamed group of the article ("police", "rebels") with no country takes the country of the
        place its sentence or its article's dateline puts the event in ("police fired on protesters in
        Nairobi": Kenya's police), else the one country its article's places are all in."""
        if actor.country or not self.rules.schema.is_a(self.entities[actor.entity].cls, "LocalGroup"):
            return actor
        country = place.country if place is not None and place.source != "target" else ""
        country = country or self._document_country(actor.entity)
        if not country:
            return actor
        code = CameoCode(country, actor.sectors).code
        return replace(actor, country=country, code=code, coded_by=actor.coded_by or "place")

    def _document_country(self, group: str) -> str:
        """The one country every place of the group's article is in ("" for none, or for several)."""
        doc = self._group_documents.get(group)
        if doc is None or doc not in self.docs:
            return ""
        if doc not in self._countries:
            found = set()
            for m in self.docs[doc].mentions:  # a people ("40 Somalis") is not a place of the article
                if self.rules.schema.is_a(m.cls, "Location") and match_key(m.text) not in self._peoples:
                    spot = self._spot(self.entities[self.resolved.mention_entity[(doc, m.start, m.end)]].label
                                      if (doc, m.start, m.end) in self.resolved.mention_entity else m.name, "")
                    if spot is not None and spot.country:
                        found.add(spot.country)
            self._countries[doc] = found.pop() if len(found) == 1 else ""
        return self._countries[doc]

    def _mode(self, cluster: list[_Report], plover: str, cameo: str) -> str:
        """The PLOVER mode its reports' frames give most ("firearms"), else its CAMEO code's."""
        own = [r.report.evidence.plover_mode for r in cluster
               if r.plover == plover == r.report.evidence.plover and r.report.evidence.plover_mode]
        coding = self.rules.frames.coding(cameo) if cameo else None
        return _most_common(own) or (coding.mode if coding is not None and coding.plover == plover else "")

    def _roles(self, cluster: list[_Report], source_unit: str) -> tuple[str, str]:
        """The event's source and target entities: the ones its reports name most in each role (a state's
        organ before the state on a tie: "Israeli forces" says more than "Israel"; "Sudan's army" more
        than an article's "the army")."""
        sources, targets = Counter(), Counter()
        for r in cluster:
            s, o = r.report.subject, r.report.object
            if r.symmetric and self.unit(s) != source_unit:
                s, o = o, s
            sources[s] += 1
            targets[o] += 1

        def best(counts: Counter) -> str:  # then a named actor before an article's unnamed group
            return max(sorted(counts), key=lambda e: (counts[e], e in self.units,
                                                      not self.rules.schema.is_a(self.entities[e].cls, "LocalGroup")))

        return best(sources), best(targets)

    def _actor(self, entity: str, day: str) -> EventActor:
        code = self.code(entity, day)
        return EventActor(entity, self.entities[entity].label, code.code, code.country, code.sectors, code.source)

    def _event_place(self, cluster: list[_Report], hint: str) -> EventPlace | None:
        for r in cluster:
            ev = r.report.evidence
            if ev.place:
                spot = self._spot(self._place_name(ev), hint)
                entity = self.resolved.mention_entity.get((ev.doc_id, ev.place_start, ev.place_end))
                return _event_place(spot, self._place_name(ev), entity, "sentence")
        category = self.rules.events.categories.get(cluster[0].plover)
        for r in cluster:  # "visited Cairo", "shelled Kharkiv": the place the event was aimed at
            target = self.entities[r.report.object]
            if self._people(r.report.object, r.report.evidence):
                continue  # "killed three Somalis": a people, not the land
            if self.rules.schema.is_a(target.cls, "Location") and (
                    self.rules.schema.range.get(r.report.predicate) == "Location" or category and category.quad == 4):
                spot = self._spot(target.label, hint)
                if spot is not None and spot.place is not None:
                    return _event_place(spot, target.label, target.id, "target")
        for r in cluster:
            line = self.docs[r.report.evidence.doc_id].dateline
            spot = self._spot(line, hint) if line else None
            if spot is not None and spot.place is not None:
                return _event_place(spot, line, None, "dateline")
        return None

    def _counts(self, cluster: list[_Report]) -> dict:
        reports = [r.report.evidence for r in cluster]
        docs = sorted({ev.doc_id for ev in reports})
        keys = {d: self.sources[d] for d in docs}
        if 1 < len(docs) <= MAX_PARAPHRASE_DOCUMENTS:
            keys = _paraphrases(docs, keys, {d: [ev.sentence for ev in reports if ev.doc_id == d] for d in docs})
        outlets = sorted({self.docs[d].outlet or d for d in docs})
        return {"mentions": len({(ev.doc_id, ev.start) for ev in reports}), "articles": len(docs),
                "sources": len(set(keys.values())), "outlets": tuple(outlets)}


def _event_place(spot: _Spot | None, name: str, entity: str | None, source: str) -> EventPlace | None:
    if spot is None or spot.place is None:
        return None
    p = spot.place
    return EventPlace(p.name or name, p.lat, p.lon, p.precision, p.country, p.geonames_id, entity, source)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _with_country(actor: EventActor, country: str) -> str:
    """The code of an actor of no country with ``country`` put in after its types ("GOV": "GBRGOV")."""
    types = "".join(s for s in actor.sectors if s in _TYPES)
    return types + country + actor.code.removeprefix(types)


def _specificity(code: str) -> tuple[int, bool]:
    """Longer codes say more; of one length, a code "not specified below" ("190") says less than its
    siblings ("193")."""
    return len(code), not (len(code) == 3 and code.endswith("0"))


def _when(cluster: list[_Report], docs: dict[str, DocumentResult]) -> tuple[str, str, str, str]:
    """(start, end, precision, source) of an event: its most precise sentence date, else its earliest
    publication date, else nothing."""
    dated = [r for r in cluster if r.dated_by == "sentence"]
    if dated:
        best = min(dated, key=lambda r: (r.high - r.low, r.low))
        return best.low.isoformat(), best.high.isoformat(), best.precision or "interval", "sentence"
    published = sorted(docs[r.report.evidence.doc_id].date for r in cluster if r.dated_by == "publication")
    if published:
        return published[0], published[0], "day", "publication"
    return "", "", "", ""


def _most_common(values: list[str]) -> str:
    """The most frequent value, ties to the first seen; "" for none."""
    if not values:
        return ""
    counts = Counter(values)
    return max(dict.fromkeys(values), key=lambda v: counts[v])


STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})  # CAMEO roles of a state's own bodies
# the edges an uncoded actor takes its country along, in this order; locatedIn not for people (a body
# based in a country is of it; a person in one may be visiting)
AFFILIATIONS = ("leaderOf", "memberOf", "partOf", "locatedIn")
_TYPES = frozenset(TYPES)


def _state_organs(resolved: ResolvedGraph, rules: Rules, entities: dict[str, Entity]) -> dict[str, str]:
    """Entity id -> the country it is an organ of: a government body, or a group actor of a state sector,
    part of (or, for a group of officials, member of) a country, by the graph's own edges or the gazetteer's
    country link."""
    schema, roles = rules.schema, rules.actors.sectors

    def organ(e: Entity) -> bool:
        return schema.is_a(e.cls, "GovernmentBody") or schema.is_a(e.cls, "GroupActor") and bool(
            STATE_ROLES & set(roles.get(e.sector or "", ActorCode()).sectors))

    def country(entity_id: str | None) -> bool:
        return entity_id in entities and schema.is_a(entities[entity_id].cls, "Country")

    out = {}
    for edge in resolved.edges:
        if edge.predicate in ("partOf", "memberOf") and edge.subject in entities and country(edge.object) \
                and organ(entities[edge.subject]):
            out.setdefault(edge.subject, edge.object)
    for e in entities.values():
        if e.id not in out and country(e.country) and organ(e):
            out[e.id] = e.country
    return out


def _source_keys(resolved: ResolvedGraph) -> dict[str, str]:
    """Document id -> its source: the credited agency, else the outlet, else the document, each of the
    original when the document is a near-duplicate copy."""
    docs = {d.doc_id: d for d in resolved.documents}
    out = {}
    for doc_id, doc in docs.items():
        root, seen = doc_id, {doc_id}
        while root in resolved.duplicates and resolved.duplicates[root] not in seen:
            root = resolved.duplicates[root]
            seen.add(root)
        original = docs.get(root, doc)
        credit = original.credit or doc.credit
        out[doc_id] = (f"agency:{match_key(credit)}" if credit else
                       f"outlet:{match_key(original.outlet)}" if original.outlet else f"document:{root}")
    return out


def _paraphrases(docs: list[str], keys: dict[str, str], sentences: dict[str, list[str]]) -> dict[str, str]:
    """``keys`` with the documents whose report sentences are one reworded sentence made one source."""
    words = {d: [_content(s) for s in sentences[d]] for d in docs}
    parent = {k: k for k in keys.values()}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            ka, kb = find(keys[a]), find(keys[b])
            if ka != kb and any(_reworded(x, y) for x in words[a] for y in words[b]):
                parent[max(ka, kb)] = min(ka, kb)
    return {d: find(k) for d, k in keys.items()}


def _content(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.lower()) if w not in _STOP)


def _reworded(a: frozenset[str], b: frozenset[str]) -> bool:
    small = min(len(a), len(b))
    return small >= MIN_WORDS and len(a & b) >= PARAPHRASE * small
