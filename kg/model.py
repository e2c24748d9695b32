"""Small frozen values passed between pipeline stages. Each carries its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skipped:
    """An input that gave no document, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class PartlyRead:
    """A document that was read, but not all of it (cut to a length, sentences too long to parse for
    relations), and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """Something a build did that is no failure but the user should know: an input kg did not read
    because kg wrote it (its own outputs, a store), a document given a new id because another text
    claimed its id."""

    source: str
    reason: str


@dataclass(frozen=True)
class Document:
    """One input article. ``id`` is stable: its JSON Lines id, else its path relative to its input
    folder, ``stdin:<content hash prefix>`` for standard input (kg.ingest); two texts claiming one id
    are both kept, each as ``id@<version>`` (kg.store.ids)."""

    id: str
    text: str
    source: str = ""
    url: str = ""
    title: str = ""
    date: str = ""  # publication date, ISO 8601 (YYYY-MM-DD), when known
    outlet: str = ""  # who published it ("Reuters"), when known
    origin: str = ""  # the file it came from (absolute path), or "stdin": a changed text from it replaces it


@dataclass(frozen=True)
class Mention:
    """A named actor or place, or an unnamed group actor, as it occurs in one document.

    name: the normalised name (titles, determiners and possessives stripped).
    cls: the ontology class local name ("Person", "ArmedGroup", "Country", "GroupActor"…).
    key: a gazetteer id when the name is a known actor or place.
    title: the role words stripped from the name ("former Prime Minister"), kept as a role.
    sector: for a group actor, the sector of its unit ("military", "diplomatic"…).
    """

    doc_id: str
    start: int
    end: int
    text: str
    name: str
    cls: str
    key: str | None = None
    source: str = "ner"
    title: str = ""
    sector: str = ""


@dataclass(frozen=True)
class Evidence:
    """Where a relation was read: the sentence (verbatim), its offsets, the rule and trigger, and how
    the sentence holds it.

    polarity: "positive" or "negative" ("did not meet", "denied meeting").
    modality: "asserted", or "possible", "future", "intended", "conditional" for what has not happened.
    source: entity id of who is reported as saying it ("X said that…", "according to X"), once resolved.
    source_text: the words naming the source, as written ("a Hamas official"); cue: the word that
    changed polarity, modality or attribution. plover, plover_mode, cameo: the event coding of the
    reading (kg/rules/frames.py). place, place_start, place_end: the place an "in", "at" or "near" phrase
    of the event's predicate names ("an attack in North Sinai"). former: the relation held until some
    time past, as a title says ("former chairman of Y", "retired general"): still a fact, not a current one.
    """

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str
    trigger: str
    confidence: float
    polarity: str = "positive"
    modality: str = "asserted"
    source: str | None = None
    source_text: str = ""
    cue: str = ""
    when: str = ""
    date_start: str = ""
    date_end: str = ""
    plover: str = ""  # PLOVER event category the reading codes ("ASSAULT"), "" for a standing relation
    plover_mode: str = ""  # its PLOVER mode where the frame says it ("arrest", "firearms")
    cameo: str = ""  # the CAMEO code of the dictionary frame that read it, when one did
    place: str = ""  # where the sentence puts the event ("met in Cairo"), as written; "" for nowhere
    place_start: int = -1  # the place's offsets in the document (its mention's), -1 with no place
    place_end: int = -1
    former: bool = False  # a role the sentence says has ended ("former president", "retired general")

    @property
    def asserted(self) -> bool:
        """Stated as a plain fact: positive and not merely possible, planned or conditional."""
        return self.polarity == "positive" and self.modality == "asserted"


@dataclass(frozen=True)
class Relation:
    """A typed edge between two mentions of the same document."""

    subject: Mention
    predicate: str
    object: Mention
    evidence: Evidence
    source: Mention | None = None  # who is reported as stating it, when that is a mention


@dataclass(frozen=True)
class DocumentResult:
    """What the per-document stages produce; the text itself is not kept."""

    doc_id: str
    source: str
    content_hash: str
    sentences: int
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    url: str = ""
    title: str = ""
    date: str = ""
    outlet: str = ""
    shingles: frozenset[int] = frozenset()  # hashed word 5-grams, for near-duplicate detection
    extracted: str = ""  # when the run that extracted it started (ISO date-time, UTC)
    kg_version: str = ""  # the kg that extracted it
    dateline: str = ""  # the place the dateline names ("CAIRO"), as written
    credit: str = ""  # the agency the dateline credits ("CAIRO, March 3 (Reuters) -": "Reuters")


@dataclass(frozen=True)
class Entity:
    """One real-world actor or place after resolution: one node in the graph."""

    id: str  # path segment of its IRI: "<class>/<slug>"
    label: str
    cls: str
    alt_labels: tuple[str, ...] = ()
    mentions: int = 0
    country: str | None = None  # entity id of its country, from the gazetteer
    titles: tuple[str, ...] = ()  # roles seen with the name ("former Prime Minister")
    sector: str | None = None  # for a group actor: military, government, diplomatic…
    hidden_labels: tuple[str, ...] = ()  # descriptions, not names ("Egyptian security officials")


@dataclass(frozen=True)
class Merge:
    """Why a name became part of an entity: the explanation a user can check and undo in an alias file."""

    entity: str  # entity id
    name: str  # the name that was merged in
    into: str  # the name it was merged with
    reason: str  # "surname", "acronym", "transliteration", "alias file", "gazetteer"…
    detail: str = ""  # e.g. the document that defined an acronym, or the similarity score


@dataclass(frozen=True)
class Edge:
    """A typed edge between resolved entities with every piece of evidence for it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def asserted(self) -> bool:
        """True when at least one piece of evidence states the edge as a plain fact."""
        return any(ev.asserted for ev in self.evidence)


@dataclass(frozen=True)
class EventActor:
    """A source or target actor of an event, coded as of the event's date.

    entity: the entity id; code: the CAMEO actor code as event data writes it ("EGYMIL", "" for none);
    country: ISO 3166-1 alpha-3 ("" when unknown); sectors: CAMEO role codes ("GOV", "MIL"); coded_by:
    what gave the code (gazetteer, phoenix, sector, title, country; "" for nothing).
    """

    entity: str
    label: str
    code: str = ""
    country: str = ""
    sectors: tuple[str, ...] = ()
    coded_by: str = ""


@dataclass(frozen=True)
class EventPlace:
    """Where an event happened: a name, its point and how much of the map it stands for.

    precision: "city", "region" or "country"; country: ISO 3166-1 alpha-3; geonames_id: the GeoNames
    feature, None for a hand-placed region; entity: the place's entity id when the graph has it;
    source: "sentence" (the event's own "in"/"at"/"near" phrase), "target" (the place visited or
    attacked) or "dateline" (the document's dateline).
    """

    name: str
    lat: float
    lon: float
    precision: str
    country: str = ""
    geonames_id: int | None = None
    entity: str | None = None
    source: str = "sentence"


@dataclass(frozen=True)
class Report:
    """One sentence's report of an event: the typed edge it gives and its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    """One event however many reports carry it (kg/resolve/events.py).

    plover, plover_mode, cameo: its type (PLOVER category and mode, the most specific CAMEO code); mode:
    "asserted", "negated", "hypothetical" or "future" (PLOVER's contexts); quad: 1 verbal cooperation,
    2 material cooperation, 3 verbal conflict, 4 material conflict; intensity: the Goldstein weight of
    the CAMEO code. start, end, precision: the day or interval (day, week, month, year, decade);
    date_source: "sentence" (a time expression of a report) or "publication" (a report's publication
    date), "" when undated. mentions: the sentences that report it; articles: their documents; sources:
    the independent sources among them (copies of one wire story, and paraphrases, count once);
    outlets: who published the articles.
    """

    id: str
    plover: str
    cameo: str
    mode: str
    quad: int
    intensity: float
    source: EventActor
    target: EventActor | None
    reports: tuple[Report, ...]
    plover_mode: str = ""
    start: str = ""
    end: str = ""
    precision: str = ""
    date_source: str = ""
    place: EventPlace | None = None
    mentions: int = 0
    articles: int = 0
    sources: int = 0
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolvedGraph:
    entities: tuple[Entity, ...]
    edges: tuple[Edge, ...]
    documents: tuple[DocumentResult, ...]
    merges: tuple[Merge, ...] = ()
    duplicates: dict[str, str] = field(default_factory=dict)  # document id -> the earlier one it copies
    mention_entity: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (doc, start, end) -> id
    events: tuple[Event, ...] | None = None  # None: not yet found (kg.resolve.events.find_events)
