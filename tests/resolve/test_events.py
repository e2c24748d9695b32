"""Events from resolved graphs made by hand: which reports are one event (type family, mode, actors with a
state's organs as the state, overlapping dates at their precision, compatible places), and what each
event carries (codes, date and its source, place, counts of mentions, articles and independent sources)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from kg.model import DocumentResult, Edge, Entity, Evidence, Mention, ResolvedGraph
from kg.resolve.events import find_events, mode_of, precision_of
from kg.rules import load_rules

ENTITIES = (
    Entity("location/israel", "Israel", "Country", mentions=3),
    Entity("organization/israel-defense-forces", "Israel Defense Forces", "GovernmentBody", mentions=2,
           country="location/israel", sector="military"),
    Entity("organization/hezbollah", "Hezbollah", "ArmedGroup", mentions=3),
    Entity("location/lebanon", "Lebanon", "Country", mentions=1),
    Entity("location/russia", "Russia", "Country", mentions=2),
    Entity("location/ukraine", "Ukraine", "Country", mentions=2),
    Entity("location/cairo", "Cairo", "City", mentions=1),
    Entity("person/antony-blinken", "Antony Blinken", "Person", mentions=1, titles=("Secretary of State",)),
    Entity("organization/rapid-support-forces", "Rapid Support Forces", "ArmedGroup", mentions=2),
    Entity("organization/sudanese-armed-forces", "Sudanese Armed Forces", "GovernmentBody", mentions=2),
)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def doc(n: int, date: str = "2024-03-04", outlet: str = "", credit: str = "", dateline: str = "") -> DocumentResult:
    return DocumentResult(f"d{n}", f"d{n}.txt", f"{n:064x}", 1, (), (), date=date, outlet=outlet, credit=credit,
                          dateline=dateline)


def ev(n: int, sentence: str, start: int = 0, plover: str = "ASSAULT", **kw) -> Evidence:
    return Evidence(f"d{n}", sentence, start, start + len(sentence), kw.pop("rule", "frame:active"),
                    kw.pop("trigger", "attack"), 0.9, plover=plover, **kw)


def on(day: str) -> dict:
    return {"when": "on Monday", "date_start": day, "date_end": day}


def graph(edges: list[Edge], docs: list[DocumentResult], duplicates: dict | None = None) -> ResolvedGraph:
    by_triple: dict = {}
    for e in edges:
        key = (e.subject, e.predicate, e.object)
        by_triple[key] = by_triple.get(key, ()) + e.evidence
    merged = tuple(Edge(s, p, o, evs) for (s, p, o), evs in sorted(by_triple.items()))
    return ResolvedGraph(ENTITIES, merged, tuple(docs), duplicates=duplicates or {})


def attack(s: str, o: str, *evidence: Evidence, word: str = "attack") -> Edge:
    return Edge(s, word, o, evidence)


ISR, IDF, HEZ = "location/israel", "organization/israel-defense-forces", "organization/hezbollah"


@pytest.mark.parametrize("start, end, precision", [
    ("2024-03-04", "2024-03-04", "day"),
    ("2024-03-04", "2024-03-10", "week"),
    ("2024-03-01", "2024-03-31", "month"),
    ("2024-02-01", "2024-02-29", "month"),
    ("2024-01-01", "2024-12-31", "year"),
    ("2020-01-01", "2029-12-31", "decade"),
    ("2024-03-05", "2024-03-11", ""),  # seven days, but not Monday to Sunday
])
def test_precision_of_an_interval(start, end, precision):
    assert precision_of(start, end) == precision


@pytest.mark.parametrize("polarity, modality, mode", [
    ("positive", "asserted", "asserted"),
    ("negative", "asserted", "negated"),
    ("negative", "future", "negated"),
    ("positive", "possible", "hypothetical"),
    ("positive", "conditional", "hypothetical"),
    ("positive", "future", "future"),
    ("positive", "intended", "future"),
])
def test_mode_as_plover_has_it(polarity, modality, mode):
    assert mode_of(Evidence("d", "s", 0, 1, "r", "t", 0.5, polarity=polarity, modality=modality)) == mode


def test_reports_of_one_attack_on_one_day_are_one_event_and_another_day_is_another(rules):
    events = find_events(graph([
        attack(ISR, HEZ, ev(1, "Israel struck Hezbollah on Monday.", **on("2024-03-04"))),
        attack(IDF, HEZ, ev(2, "Israeli forces attacked Hezbollah on Monday.", **on("2024-03-04"))),
        attack(ISR, HEZ, ev(3, "Israel struck Hezbollah again on Thursday.", **on("2024-03-07"))),
    ], [doc(1), doc(2), doc(3, "2024-03-07")]), rules)
    assert sorted((e.start, e.mentions, e.articles) for e in events) == [("2024-03-04", 2, 2), ("2024-03-07", 1, 1)]
    first = events[0]
    assert first.source.entity == IDF  # the organ says more than the state it stands for
    assert (first.source.country, first.source.sectors) == ("ISR", ("MIL",))
    assert (first.target.entity, first.target.code) == (HEZ, "LBNREB")


def test_the_other_direction_and_a_denial_are_other_events(rules):
    events = find_events(graph([
        attack(ISR, HEZ, ev(1, "Israel struck Hezbollah on Monday.", **on("2024-03-04"))),
        attack(HEZ, ISR, ev(2, "Hezbollah attacked Israel on Monday.", **on("2024-03-04"))),
        attack(HEZ, ISR, ev(3, "Hezbollah denied attacking Israel on Monday.", polarity="negative",
                            **on("2024-03-04"))),
    ], [doc(1), doc(2), doc(3)]), rules)
    assert sorted((e.source.entity, e.mode) for e in events) == [
        (ISR, "asserted"), (HEZ, "asserted"), (HEZ, "negated")]


def test_a_symmetric_report_joins_a_directed_one_either_way_round(rules):
    sudan = ("organization/rapid-support-forces", "organization/sudanese-armed-forces")
    events = find_events(graph([
        Edge(*sorted(sudan)[:1], "fight", sorted(sudan)[1], (ev(1, "The army clashed with the RSF on Monday.",
                                                               trigger="clash with", **on("2024-04-15")),)),
        attack(sudan[0], sudan[1], ev(2, "The RSF attacked the army on Monday.", **on("2024-04-15"))),
    ], [doc(1, "2024-04-15"), doc(2, "2024-04-15")]), rules)
    assert len(events) == 1 and events[0].mentions == 2
    assert events[0].source.entity == sudan[0]  # the directed report says who did it


def test_a_coarser_date_joins_the_day_it_holds_and_publication_dates_allow_the_day_before(rules):
    events = find_events(graph([
        attack(ISR, HEZ, ev(1, "Israel struck Hezbollah on Monday.", **on("2024-03-04"))),
        attack(ISR, HEZ, ev(2, "In March Israel struck Hezbollah.", when="In March", date_start="2024-03-01",
                            date_end="2024-03-31")),
        attack(ISR, HEZ, ev(3, "Israel struck Hezbollah, officials said.")),  # published the next day
        attack(ISR, HEZ, ev(4, "Israel struck Hezbollah, a week later.")),  # published a week later
    ], [doc(1), doc(2, "2024-04-02"), doc(3, "2024-03-05"), doc(4, "2024-03-12")]), rules)
    assert sorted((e.start, e.precision, e.date_source, e.mentions) for e in events) == [
        ("2024-03-04", "day", "sentence", 3), ("2024-03-12", "day", "publication", 1)]


def test_two_places_of_one_day_are_two_events_and_a_country_holds_its_cities(rules):
    rus, ukr = "location/russia", "location/ukraine"
    events = find_events(graph([
        attack(rus, ukr, ev(1, "Russia attacked Ukraine near Bakhmut on Friday.", place="Bakhmut", place_start=25,
                            place_end=32, **on("2024-03-22"))),
        attack(rus, ukr, ev(2, "Russia attacked Ukraine near Avdiivka on Friday.", place="Avdiivka", place_start=25,
                            place_end=33, **on("2024-03-22"))),
        attack(rus, ukr, ev(3, "Russia attacked Ukraine in Ukraine on Friday.", place="Ukraine", place_start=25,
                            place_end=32, **on("2024-03-22"))),
    ], [doc(1, "2024-03-22"), doc(2, "2024-03-22"), doc(3, "2024-03-22")]), rules)
    assert len(events) == 2
    places = sorted((e.place.name, e.place.precision, e.place.country, e.mentions) for e in events)
    assert [p[:3] for p in places] == [("Avdiyivka", "city", "UKR"), ("Bakhmut", "city", "UKR")]
    assert sum(p[3] for p in places) == 3  # the report placed only in the country joins one of them


def test_a_place_comes_from_the_sentence_else_the_target_else_the_dateline(rules):
    blinken = "person/antony-blinken"
    events = find_events(graph([
        Edge(blinken, "visit", "location/cairo", (ev(1, "Blinken visited Cairo.", plover="CONSULT",
                                                     trigger="visit"),)),
        attack(ISR, HEZ, ev(2, "Israel struck Hezbollah.")),
    ], [doc(1), doc(2, dateline="BEIRUT")]), rules)
    by_type = {e.plover: e.place for e in events}
    assert (by_type["CONSULT"].name, by_type["CONSULT"].source, by_type["CONSULT"].entity) == (
        "Cairo", "target", "location/cairo")
    assert (by_type["ASSAULT"].name, by_type["ASSAULT"].source, by_type["ASSAULT"].precision) == (
        "Beirut", "dateline", "city")


def test_wire_copies_and_reworded_copies_count_as_one_source(rules):
    sentence = "Israeli forces attacked Hezbollah positions in southern Lebanon on Monday, the army said."
    events = find_events(graph([
        attack(IDF, HEZ, ev(1, sentence, **on("2024-03-04"))),
        attack(IDF, HEZ, ev(2, sentence, **on("2024-03-04"))),  # outlet B, the same wire story
        attack(IDF, HEZ, ev(3, "On Monday Israeli forces attacked Hezbollah positions in southern Lebanon, "
                               "the army said.", **on("2024-03-04"))),  # reworded, credited to no one
        attack(IDF, HEZ, ev(4, "Israeli jets bombed Hezbollah on Monday.", **on("2024-03-04"))),  # its own report
        attack(IDF, HEZ, ev(5, "Hezbollah was attacked by Israel, our correspondent saw.", **on("2024-03-04"))),
    ], [doc(1, outlet="Outlet A", credit="Reuters"), doc(2, outlet="Outlet B", credit="Reuters"),
        doc(3, outlet="Outlet C"), doc(4, outlet="Outlet D"), doc(5, outlet="Outlet D")]), rules)
    assert len(events) == 1
    event = events[0]
    assert (event.mentions, event.articles, event.sources) == (5, 5, 2)  # Reuters (A, B, C) and Outlet D
    assert event.outlets == ("Outlet A", "Outlet B", "Outlet C", "Outlet D")


def test_a_near_duplicate_copy_is_its_originals_source(rules):
    events = find_events(graph([
        attack(ISR, HEZ, ev(1, "Israel struck Hezbollah on Monday.", **on("2024-03-04"))),
        attack(ISR, HEZ, ev(2, "Israel struck Hezbollah on Monday.", **on("2024-03-04"))),
    ], [doc(1, outlet="Outlet A"), doc(2, outlet="Outlet B")], duplicates={"d2": "d1"}), rules)
    assert (events[0].articles, events[0].sources) == (2, 1)


def test_type_codes_quad_and_intensity(rules):
    events = find_events(graph([
        attack(ISR, HEZ, ev(1, "Israel shot at Hezbollah.", cameo="193", plover_mode="firearms", **on("2024-03-04"))),
        attack(ISR, HEZ, ev(2, "Israel attacked Hezbollah.", **on("2024-03-04"))),  # kg's frame: the word's 190
        Edge(HEZ, "criticize", ISR, (ev(3, "Hezbollah condemned Israel.", plover="ACCUSE", trigger="condemn",
                                        **on("2024-03-04")),)),
    ], [doc(1), doc(2), doc(3)]), rules)
    by_type = {e.plover: e for e in events}
    assault, accuse = by_type["ASSAULT"], by_type["ACCUSE"]
    assert (assault.cameo, assault.plover_mode, assault.quad, assault.intensity) == ("193", "firearms", 4, -10.0)
    assert (accuse.cameo, accuse.quad, accuse.intensity) == ("111", 3, -2.0)


def test_a_standing_relation_is_no_event(rules):
    events = find_events(graph([Edge(IDF, "partOf", ISR, (ev(1, "the Israeli army", plover=""),))], [doc(1)]), rules)
    assert events == ()


def test_events_are_the_same_on_every_run(rules):
    g = graph([attack(ISR, HEZ, ev(n, f"Israel struck Hezbollah ({n}).", **on("2024-03-04"))) for n in range(1, 6)],
              [doc(n) for n in range(1, 6)])
    assert find_events(g, rules) == find_events(g, rules)
    assert find_events(g, rules)[0].id.startswith("event/")


def said(sentence: str, names: dict[str, str], date: str = "2000-01-01") -> tuple[DocumentResult, dict]:
    """A one-sentence document whose mentions are the first occurrence of each text of ``names`` (entity id ->
    text as written), and the graph's mention index for it."""
    mentions, index = [], {}
    for entity, text in names.items():
        start = sentence.index(text)
        mentions.append(Mention("d1", start, start + len(text), text, text, "Organization"))
        index[("d1", start, start + len(text))] = entity
    mentions = [replace(m, cls="Country") if index[(m.doc_id, m.start, m.end)].startswith("location/") else m
                for m in mentions]
    return DocumentResult("d1", "d1.txt", "0" * 64, 1, tuple(mentions), (), date=date), index


STATED = (
    Entity("person/jane-roe", "Jane Roe", "Person", titles=("Foreign Minister",)),
    Entity("person/john-doe", "John Doe", "Person", titles=("Minister",)),
    Entity("person/abdoulaye-diop", "Abdoulaye Diop", "Person", titles=("Foreign Minister",)),
    Entity("person/jo-bloggs", "Jo Bloggs", "Person", titles=("chief",)),
    Entity("organization/authorities--d1", "authorities", "LocalGroup", sector="government"),
    Entity("organization/rebels--d1", "rebels", "LocalGroup", sector="armed"),
    Entity("organization/police--d1", "police", "LocalGroup", sector="police"),
    Entity("location/mali", "Mali", "Country"),
    Entity("location/tigray", "Tigray", "Region", country="location/ethiopia"),
    Entity("location/hungary", "Hungary", "Country", alt_labels=("Hungarians",)),
    Entity("location/romania", "Romania", "Country"),
    Entity("location/somalia", "Somalia", "Country", alt_labels=("Somalis",)),
    Entity("location/mozambique", "Mozambique", "Country"),
)
ROE, DOE, DIOP, BLOGGS = "person/jane-roe", "person/john-doe", "person/abdoulaye-diop", "person/jo-bloggs"
AUTH, REBELS, POLICE = "organization/authorities--d1", "organization/rebels--d1", "organization/police--d1"
HUN, ROU, SOM, MOZ = "location/hungary", "location/romania", "location/somalia", "location/mozambique"

# sentence, (source, its text), (target, its text), other mentions, source code, target code, source coded_by
SENTENCES = [
    # a nationality before the title and name, or before a group the tagger did not join it to
    ("French Foreign Minister Jane Roe promised aid to Mozambique.", (ROE, "Jane Roe"), (MOZ, "Mozambique"),
     {}, "FRAGOV", "MOZ", "title"),
    ("Kenyan Interior Minister John Doe was attacked by police.", (POLICE, "police"),
     (DOE, "John Doe"), {}, "COP", "KENGOV", "sector"),  # a portfolio word between them
    ("Kenyan intelligence chief Jo Bloggs met Jane Roe.", (BLOGGS, "Jo Bloggs"), (ROE, "Jane Roe"), {},
     "KENSPY", "GOV", "title"),  # the title as written is longer than the name's, and a known one
    ("Kenyan authorities deported 40 Somalis.", (AUTH, "authorities"), (SOM, "Somalis"), {},
     "KENGOV", "SOM", "sector"),  # and the Somalis are no place of the article
    # "of" a country after a person's name: not Phoenix's Abdoulaye Diop of Senegal
    ("Foreign Minister Abdoulaye Diop of Mali met Jane Roe.", (DIOP, "Abdoulaye Diop"), (ROE, "Jane Roe"),
     {"location/mali": "Mali"}, "MLIGOV", "GOV", "title"),
    # "in" a place after a group
    ("Jane Roe attacked the rebels in Tigray.", (ROE, "Jane Roe"), (REBELS, "rebels"),
     {"location/tigray": "Tigray"}, "GOV", "ETHUAF", "title"),
    # a people is coded by the country it lives in, as CAMEO codes an ethnic group
    ("The Hungarians of northern Romania attacked police.", (HUN, "Hungarians"), (POLICE, "police"),
     {ROU: "Romania"}, "ROU", "ROUCOP", "residence"),
    ("Ethnic Hungarians attacked police in Romania.", (HUN, "Hungarians"), (POLICE, "police"),
     {ROU: "Romania"}, "ROU", "ROUCOP", "residence"),
    ("Hungary attacked police in Romania.", (HUN, "Hungary"), (POLICE, "police"),  # the state is no people
     {ROU: "Romania"}, "HUN", "ROUCOP", "gazetteer"),
    ("Hungarians attacked police in Romania.", (HUN, "Hungarians"), (POLICE, "police"),  # nor said to live there
     {ROU: "Romania"}, "HUN", "ROUCOP", "gazetteer"),
]


@pytest.mark.parametrize("sentence, source, target, others, source_code, target_code, coded_by", SENTENCES,
                         ids=[row[0][:40] for row in SENTENCES])
def test_the_sentence_states_an_actors_country(rules, sentence, source, target, others, source_code,
                                               target_code, coded_by):
    document, index = said(sentence, {source[0]: source[1], target[0]: target[1], **others})
    place = {}
    m = re.search(r" in (Romania|Tigray)\.$", sentence)
    if m:
        start = m.start(1)
        place = {"place": m[1], "place_start": start, "place_end": start + len(m[1])}
    evidence = Evidence("d1", sentence, 0, len(sentence), "frame:active", "attack", 0.9, plover="ASSAULT", **place)
    g = ResolvedGraph(STATED, (Edge(source[0], "attack", target[0], (evidence,)),), (document,),
                      mention_entity=index)
    (event,) = find_events(g, rules)
    assert (event.source.code, event.target.code, event.source.coded_by) == (source_code, target_code, coded_by)


def test_an_unnamed_state_body_of_a_one_country_article_is_that_states_organ(rules):
    """ "The army" of an article whose places are all in Sudan is Sudan's army: its report and one naming
    "Sudan's army" are one event."""
    army, local, rsf = "organization/sudanese-army", "organization/army--d2", "organization/rapid-support-forces"
    entities = (
        Entity(army, "Sudanese army", "GroupActor", sector="military"),
        Entity(local, "army", "LocalGroup", sector="military"),
        Entity(rsf, "Rapid Support Forces", "ArmedGroup"),
        Entity("location/sudan", "Sudan", "Country"),
        Entity("location/khartoum", "Khartoum", "City", country="location/sudan"),
    )
    first, second = "Sudan's army fought the RSF in Khartoum on Monday.", "The army clashed with the RSF in Khartoum."
    k, k2 = first.index("Khartoum"), second.index("Khartoum")
    docs = [DocumentResult("d1", "d1.txt", "1" * 64, 1, (Mention("d1", k, k + 8, "Khartoum", "Khartoum", "City"),),
                           (), date="2024-03-05"),
            DocumentResult("d2", "d2.txt", "2" * 64, 1, (Mention("d2", 4, 8, "army", "army", "LocalGroup"),
                                                         Mention("d2", k2, k2 + 8, "Khartoum", "Khartoum", "City")),
                           (), date="2024-03-05")]
    index = {("d1", k, k + 8): "location/khartoum", ("d2", 4, 8): local, ("d2", k2, k2 + 8): "location/khartoum"}
    edges = (Edge(army, "partOf", "location/sudan", (ev(1, first, plover=""),)),
             Edge(army, "clash", rsf, (ev(1, first, trigger="fight", **on("2024-03-04")),)),
             Edge(local, "clash", rsf, (ev(2, second, trigger="clash", **on("2024-03-04")),)))
    g = ResolvedGraph(entities, edges, tuple(docs), mention_entity=index)
    (event,) = find_events(g, rules)
    assert (event.articles, event.source.entity) == (2, army)
