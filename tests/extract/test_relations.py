"""Relations in the RDF graph: evidence, polarity, modality and attribution as written to Turtle.

The construction-by-construction rows live in tests/data/relation_table.jsonl (test_relation_table.py).
"""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal

from kg.graph.build import to_rdf
from kg.graph.validate import validate
from kg.namespace import KG


def test_every_edge_has_its_sentence(graph_of):
    text = "Qatar condemned Israel on Monday. Hamas turned down Qatar's request on Friday."
    g = graph_of(text)
    assert g.edges
    for edge in g.edges:
        for ev in edge.evidence:
            assert text[ev.start:ev.end] == ev.sentence
            assert ev.rule and 0 < ev.confidence <= 1


def test_a_line_break_ends_a_sentence(graph_of):
    text = "Egypt hosts Hamas talks\n\nCAIRO (kg) - Egypt hosted a Hamas delegation on Sunday."
    g = graph_of(text)
    sentences = {ev.sentence for edge in g.edges for ev in edge.evidence}
    assert sentences and all("\n" not in s for s in sentences), sentences


def _statements(rdf, predicate):
    return [node for node in rdf.subjects(RDF.predicate, KG[predicate]) if (node, RDF.type, KG.Evidence) in rdf]


@pytest.mark.parametrize("text, predicate, polarity, modality", [
    ("Hamas did not meet with Egyptian officials on Sunday.", "meetWith", "negative", "asserted"),
    ("Jordan denied that it had attacked Syria.", "attack", "negative", "asserted"),
    ("Turkey plans to visit Cairo next month.", "visit", "positive", "intended"),
    ("Russia may attack Moldova, officials warned.", "attack", "positive", "possible"),
    ("Qatar will host Hamas leaders next week.", "meetWith", "positive", "future"),
])
def test_unasserted_edges_are_evidence_only(graph_of, text, predicate, polarity, modality):
    rdf = to_rdf(graph_of(text))
    nodes = _statements(rdf, predicate)
    assert nodes, f"no {predicate} statement for: {text}"
    for node in nodes:
        assert rdf.value(node, KG.polarity) == Literal(polarity)
        assert rdf.value(node, KG.modality) == Literal(modality)
        s, o = rdf.value(node, RDF.subject), rdf.value(node, RDF.object)
        assert (s, KG[predicate], o) not in rdf, "an unasserted edge must not be a plain triple"
    assert validate(rdf)[0]


def test_a_plain_triple_for_a_negated_edge_breaks_the_shapes(graph_of):
    rdf = to_rdf(graph_of("Hamas did not meet with Egyptian officials on Sunday."))
    node = _statements(rdf, "meetWith")[0]
    rdf.add((rdf.value(node, RDF.subject), KG.meetWith, rdf.value(node, RDF.object)))
    conforms, text = validate(rdf)
    assert not conforms and "NegatedEdgeShape" in text


def test_reported_speech_names_its_source(graph_of):
    g = graph_of("A Hezbollah official told Reuters that Israel had struck Tyre overnight. "
                 "According to the BBC, Iran supplied the Houthis with drones.")
    label = {e.id: e.label for e in g.entities}
    sources = {(label[e.subject], e.predicate, label[e.object]): ev for e in g.edges for ev in e.evidence}
    struck = sources[("Israel", "attack", "Tyre")]
    assert struck.asserted and struck.source_text == "A Hezbollah official" and label[struck.source] == "Hezbollah"
    supplied = sources[("Iran", "aid", "Houthis")]
    assert supplied.asserted and supplied.cue == "according to" and "BBC" in supplied.source_text
    rdf = to_rdf(g)
    assert any(rdf.value(n, KG.attributedTo) is not None for n in _statements(rdf, "attack"))


@pytest.mark.parametrize("text, predicate, plover, cameo", [
    # a frame row's own CAMEO code (lexicons/predicates.tsv) decides the PLOVER category, not the word's
    ("Kenya signed a trade agreement with Uganda on Monday.", "agreeWith", "SUPPORT", "057"),
    ("Kenya agreed with Uganda on Monday.", "agreeWith", "AGREE", ""),
    ("Britain imposed sanctions on Belarus.", "sanction", "COERCE", "163"),  # the 2021 CAMEO-PLOVER table
    ("Japan halted aid to Serbia.", "reduceRelations", "SANCTION", "162"),
    ("Israel blockaded Gaza.", "sanction", "COERCE", "191"),
    ("The European Union lifted sanctions on Belarus in 2016.", "concede", "CONCEDE", "081"),
    ("Mette Frederiksen cancelled a planned visit to Canada.", "reject", "REJECT", "125"),
    ("Turkey opened its borders to Syrians.", "aid", "AID", "075"),
    # a time is no prepositional part of a CAMEO pattern: "called X on Monday" is a call (041), "called on
    # X to" an appeal (020)
    ("Joe Biden called Emmanuel Macron on Tuesday.", "consultWith", "CONSULT", "041"),
    ("Olaf Scholz called on Vladimir Putin to withdraw his troops.", "request", "REQUEST", ""),
    # a sense's code (frames/senses.tsv) stands for the frame's: forcing refugees out is a mass expulsion,
    # not the dictionary's cut in aid (FORCE * &REFUGEE, 162); DRIVE * (OUT OF) is one too
    ("The Kenyan army forced out 500 Somali refugees from a camp near Dadaab.", "coerce", "ASSAULT", "201"),
    ("Nigerian soldiers drove Boko Haram fighters out of the Sambisa Forest.", "coerce", "ASSAULT", "201"),
    ("Azerbaijani forces pushed Armenian troops out of the town.", "coerce", "COERCE", "174"),
])
def test_a_frames_own_code_gives_the_event_its_category(graph_of, text, predicate, plover, cameo):
    found = [ev for edge in graph_of(text).edges if edge.predicate == predicate for ev in edge.evidence]
    assert found, f"no {predicate} edge for: {text}"
    assert {ev.plover for ev in found} == {plover}
    assert not cameo or {ev.cameo for ev in found} == {cameo}
