"""Scoring on graphs written by hand (no build): exact figures and error lists for each kind of gold,
a graph of many one-sentence documents split by its evidence, and the graph contract's rules (names,
sub-properties, symmetric words, groups placed in their body, evidence-only readings)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from kg import api
from kg.evaluate import Counts, GraphView, read, read_gold, score, sentence_views
from kg.evaluate.names import CONTAINED, EQUAL, compact, name_match, normal

DATA = Path(__file__).parent / "data"

PREFIXES = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix id: <https://w3id.org/kg-news/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def kinds(result) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in result.errors:
        out[e.kind] = out.get(e.kind, 0) + 1
    return out


@pytest.mark.parametrize("a, b", [
    ("The U.N. Security Council", "un security council"),
    ("Hamas' military wing", "hamas military wing"),
    ("Al-Qassam Brigades", "al qassam brigades"),
    ("“Café Riche”", "cafe riche"),
])
def test_names_are_compared_as_names(a, b):
    assert normal(a) == b


@pytest.mark.parametrize("names, text, level", [
    (["U.S."], "US", EQUAL),
    (["Dayton, Ohio"], "Dayton Ohio", EQUAL),
    (["Javad Zarif"], "Foreign Minister Mohammad Javad Zarif", CONTAINED),
    (["Syria"], "Syria, Iraq and Jordan", CONTAINED),
    (["Iran"], "Iraq", 0),
    (["Ma"], "Mali", 0),  # whole words only
])
def test_name_match(names, text, level):
    assert name_match(names, text) == level
    assert compact("U.S.") == "us"


# ------------------------------------------------------------------------------------- kg's gold JSON

CORPUS_GOLD = {
    "entities": {"amina": {"type": "Person", "aliases": ["Amina Bello"]},
                 "acme": {"type": "Organization", "aliases": ["Acme Bank"]},
                 "ghana": {"type": "Location", "aliases": ["Ghana"]},
                 "togo": {"type": "Location", "aliases": ["Togo"]},
                 "eu": {"type": "Organization", "aliases": ["European Union", "EU"]}},
    "documents": {"d.txt": {"entities": ["amina", "acme", "ghana", "togo", "eu"], "relations": [
        {"s": "amina", "p": "memberOf", "o": "acme"}, {"s": "ghana", "p": "meetWith", "o": "togo"},
        {"s": "eu", "p": "criticize", "o": "ghana"}, {"s": "togo", "p": "reject", "o": "eu", "evidence": "Togo rejected"}]}},
}
CORPUS_GRAPH = PREFIXES + """
id:amina a kg:Person ; rdfs:label "Amina Bello" .
id:amina2 a kg:Person ; rdfs:label "Bello" ; skos:altLabel "Amina Bello" .          # a duplicate
id:acme a kg:Company ; rdfs:label "Acme Bank" .
id:ghana a kg:Country ; rdfs:label "Ghana" .
id:togo a kg:City ; rdfs:label "Togo" .
id:eu a kg:Country ; rdfs:label "European Union" .                                  # the wrong type
id:officials a kg:GroupActor ; rdfs:label "Ghanaian officials" .                    # a group placed in Ghana
id:officials kg:partOf id:ghana .
id:amina kg:leaderOf id:acme .                    # leaderOf is a kind of memberOf
id:togo kg:meetWith id:officials .                # symmetric, and the group stands for Ghana
id:eu kg:criticize id:ghana .
id:eu kg:reject id:togo .                         # the wrong way round
id:ghana kg:protest id:togo .                     # a word this gold does not judge
id:ev a kg:Evidence ; rdf:subject id:eu ; rdf:predicate kg:reject ; rdf:object id:togo ;
    kg:sentence "Togo rejected the EU's plan." ; kg:polarity "positive" ; kg:modality "asserted" .
id:neg a kg:Evidence ; rdf:subject id:acme ; rdf:predicate kg:attack ; rdf:object id:togo ;
    kg:sentence "Acme Bank did not attack Togo." ; kg:polarity "negative" ; kg:modality "asserted" .
"""


def test_kg_gold_on_a_graph(tmp_path):
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(CORPUS_GOLD), encoding="utf-8")
    graph = tmp_path / "graph.ttl"
    graph.write_text(CORPUS_GRAPH, encoding="utf-8")
    result = api.evaluate(gold_file, graph=graph)
    assert result.entities == Counts(tp=4, fp=2, fn=1)
    assert result.total == Counts(tp=3, fp=1, fn=1)
    assert result.words == {"memberOf": Counts(1, 0, 0), "meetWith": Counts(1, 0, 0), "criticize": Counts(1, 0, 0),
                            "reject": Counts(0, 1, 1)}
    assert result.direction == (2, 3)
    assert result.figures["edges_not_judged"] == 1
    assert kinds(result) == {"duplicate": 1, "wrong_type": 1, "missed_entity": 1, "wrong_direction": 1,
                             "false_positive": 1}
    wrong = next(e for e in result.errors if e.kind == "wrong_direction")
    assert (wrong.where, wrong.gold, wrong.system, wrong.text) == ("d.txt", "togo reject eu",
                                                                   "European Union reject Togo", "Togo rejected")
    false = next(e for e in result.errors if e.kind == "false_positive")
    assert false.text == "Togo rejected the EU's plan."
    lines = result.lines(verbose=True)
    assert lines[-1] == "SUMMARY format=kg documents=1 f1=0.750 p=0.750 r=0.750 direction=0.667 entity_f1=0.727"
    assert "-- wrong direction (1): the right word between the right actors, the wrong way round" in lines


def test_a_word_the_gold_uses_is_judged(tmp_path):
    gold = json.loads(json.dumps(CORPUS_GOLD))
    gold["vocabulary"] = ["protest"]  # now kg's protest edges count, as gold words
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "graph.ttl").write_text(CORPUS_GRAPH, encoding="utf-8")
    result = api.evaluate(tmp_path / "gold.json", graph=tmp_path / "graph.ttl")
    assert result.figures["edges_not_judged"] == 0
    assert result.words["protest"] == Counts(0, 1, 0)


# ------------------------------------------------------------------------------------- sentence gold

def test_conll04_on_a_graph_of_one_sentence_documents():
    result = api.evaluate(DATA / "conll04.json", graph=DATA / "conll04_graph.ttl")
    assert result.entities == Counts(tp=8, fp=1, fn=0)
    assert result.total == Counts(tp=1, fp=3, fn=2)
    assert result.words["Work_For"] == Counts(1, 1, 1) and result.words["Located_In"] == Counts(0, 2, 1)
    assert result.figures["relations_strict"]["micro"] == {"p": 0.25, "r": 0.3333, "f1": 0.2857, "tp": 1, "fp": 3, "fn": 2}
    assert result.figures["not_judged"] == {"unscored pair": 1}  # the edge on the Live_In pair
    assert result.direction == (1, 3)
    assert sorted((e.kind, e.where, e.system) for e in result.errors) == [
        ("false_positive", "conll04-1", "Acme Bank memberOf Amina Bello (Organization, Person)"),
        ("false_positive", "conll04-3", "Accra locatedIn Ghana (Location, Location)"),
        ("false_positive", "conll04-3", "Ghana locatedIn Tema (Location, Location)"),
        ("unknown_entity", "conll04-3", "Accra (Location)"),
        ("wrong_direction", "conll04-1", "Acme Bank memberOf Amina Bello"),
        ("wrong_direction", "conll04-3", "Ghana locatedIn Tema")]


def test_plv_roots_come_from_the_evidence_then_the_word():
    result = api.evaluate(DATA / "plv.tsv", graph=DATA / "plv_graph.ttl")
    f = result.figures
    assert (f["found"], f["found_with_root"], f["root_right"]) == (4, 3, 3)
    assert f["per_root"]["SUPPORT"] == {"gold": 1, "found": 1, "right": 1}  # kg:ploverCategory on the evidence
    assert f["per_root"]["YIELD"] == {"gold": 2, "found": 1}  # memberOf has no PLOVER category
    assert result.total == Counts(tp=3, fp=0, fn=2)
    assert result.direction == (2, 3)
    assert f["ways"] == {"source_is_subject": 2, "symmetric": 1, "target_is_subject": 1}
    assert sorted((e.kind, e.where) for e in result.errors) == [
        ("missed", "plv-2"), ("wrong_direction", "plv-5"), ("wrong_word", "plv-4")]
    assert f["anchor_accuracy"] == 0.6


def test_a_folder_of_one_build_per_sentence(tmp_path):
    (tmp_path / "plv-1").mkdir()
    shutil.copy(DATA / "plv_graph.ttl", tmp_path / "plv-1" / "graph.ttl")
    gold = read_gold(DATA / "plv.tsv")
    views, _ = sentence_views(tmp_path, gold.texts)
    assert [sid for sid, v in views.items() if v.edges] == ["plv-1"]  # the other sentences: empty graphs
    result = score(gold, views)
    assert (result.figures["found"], result.figures["root_right"]) == (1, 1)


def test_split_by_document_and_by_sentence_text(tmp_path):
    """Evidence whose document is not a gold sentence's file is placed by its sentence's text."""
    text = (DATA / "conll04_graph.ttl").read_text(encoding="utf-8")
    text = text.replace('kg:path "conll04-1.txt"', 'kg:path "elsewhere.txt"')
    text = text.replace('kg:document id:doc1 ;', 'kg:document id:doc1 ; kg:sentence "Amina Bello, a spokeswoman for '
                                                 'Acme Bank, said the bank would close." ;', 1)
    (tmp_path / "g.ttl").write_text(text, encoding="utf-8")
    gold = read_gold(DATA / "conll04.json")
    views, unplaced = sentence_views(tmp_path / "g.ttl", gold.texts)
    assert unplaced == 0
    assert [views["conll04-1"].show(e) for e in views["conll04-1"].edges] == ["Acme Bank memberOf Amina Bello"]
    assert score(gold, read(tmp_path / "g.ttl")).total == Counts(tp=1, fp=3, fn=2)  # a GraphView is split too


def test_a_graph_of_another_system_by_the_contract():
    """Local names matched case-insensitively, sub-properties declared in the graph, classes by name."""
    g = Graph().parse(data=PREFIXES + """
@prefix ex: <http://example.org/> .
ex:Human rdfs:subClassOf ex:Person .
ex:employedBy rdfs:subPropertyOf ex:member_of .
ex:a a ex:Human ; rdfs:label "Amina Bello" .
ex:b a ex:Organisation ; rdfs:label "Acme Bank" .
ex:a ex:employedBy ex:b .
""", format="turtle")
    view = GraphView(g)
    assert set(view.entities.values()) == {"Person", "Organization"}
    assert [(e.word, view.label(e.subject)) for e in view.edges] == [("employedBy", "Amina Bello")]
    assert "memberOf" in view.vocabulary.ancestors("employedBy")  # so it counts for a gold memberOf
