"""The kg ontology namespace. A term not declared here (and in ontology/kg.ttl) is an error, not a new IRI."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
ID = Namespace("https://w3id.org/kg-news/id/")
# SKOS concept schemes of event types, made from ontology/events/*.tsv when a graph is built: PLOVER
# categories (PLOVER["ASSAULT"], under their quad classes PLOVER["quad/4"]) and CAMEO codes (CAMEO["193"]).
PLOVER_SCHEME = URIRef(ONTOLOGY_IRI + "/plover")
PLOVER = Namespace(ONTOLOGY_IRI + "/plover/")
CAMEO_SCHEME = URIRef(ONTOLOGY_IRI + "/cameo")
CAMEO = Namespace(ONTOLOGY_IRI + "/cameo/")


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl; tests check the two agree."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    PoliticalOrganization: URIRef
    PoliticalParty: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    InternationalOrganization: URIRef
    MediaOrganization: URIRef
    GroupActor: URIRef
    LocalGroup: URIRef
    Community: URIRef
    EthnicGroup: URIRef
    ReligiousGroup: URIRef
    Location: URIRef
    Country: URIRef
    Region: URIRef
    City: URIRef
    Document: URIRef
    Evidence: URIRef
    Assertion: URIRef
    Run: URIRef
    Event: URIRef
    # typed relations
    relatedTo: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    partOf: URIRef
    affiliatedWith: URIRef
    alliedWith: URIRef
    locatedIn: URIRef
    consultWith: URIRef
    meetWith: URIRef
    negotiateWith: URIRef
    visit: URIRef
    mediate: URIRef
    cooperateWith: URIRef
    agreeWith: URIRef
    support: URIRef
    request: URIRef
    propose: URIRef
    reject: URIRef
    deny: URIRef
    criticize: URIRef
    accuse: URIRef
    threaten: URIRef
    attack: URIRef
    kill: URIRef
    fight: URIRef
    detain: URIRef
    sanction: URIRef
    statedTo: URIRef
    aid: URIRef
    concede: URIRef
    release: URIRef
    retreat: URIRef
    investigate: URIRef
    demand: URIRef
    protest: URIRef
    mobilize: URIRef
    coerce: URIRef
    reduceRelations: URIRef
    ploverCategory: URIRef
    ploverMode: URIRef
    cameoCode: URIRef
    # evidence and bookkeeping
    document: URIRef
    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef
    trigger: URIRef
    confidence: URIRef
    polarity: URIRef
    modality: URIRef
    attributedTo: URIRef
    sourceText: URIRef
    cue: URIRef
    former: URIRef
    mentionCount: URIRef
    path: URIRef
    contentHash: URIRef
    country: URIRef
    title: URIRef
    sector: URIRef
    mentionOf: URIRef
    documentCount: URIRef
    firstSeen: URIRef
    lastSeen: URIRef
    dateText: URIRef
    eventStart: URIRef
    eventEnd: URIRef
    nearDuplicateOf: URIRef
    version: URIRef
    # events
    eventType: URIRef
    cameoType: URIRef
    eventMode: URIRef
    quadClass: URIRef
    intensity: URIRef
    sourceActor: URIRef
    targetActor: URIRef
    sourceActorCode: URIRef
    targetActorCode: URIRef
    sourceCountry: URIRef
    targetCountry: URIRef
    sourceSector: URIRef
    targetSector: URIRef
    startDate: URIRef
    endDate: URIRef
    datePrecision: URIRef
    dateSource: URIRef
    isoWeek: URIRef
    eventPlace: URIRef
    placeName: URIRef
    latitude: URIRef
    longitude: URIRef
    placePrecision: URIRef
    placeCountry: URIRef
    geonamesId: URIRef
    placeSource: URIRef
    articleCount: URIRef
    sourceCount: URIRef
    evidence: URIRef
    reportedIn: URIRef


# Each term as a plain class attribute: rdflib looks an annotated name up through the namespace's
# metaclass on every access (checks, then an IRI made), and building a graph reads terms a million times.
# An undeclared name still raises.
for _name in KG.__annotations__:
    setattr(KG, _name, KG._NS[_name])


def term(name: str) -> URIRef:
    """The IRI of ontology term ``name``; raises AttributeError for an undeclared name."""
    return getattr(KG, name)
