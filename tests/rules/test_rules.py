"""The rule files under ontology/ agree with the ontology and are checked on load."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF

from kg import rules
from kg.errors import PatternError
from kg.graph.namespace import KG

CORE = ["memberOf", "leaderOf", "partOf", "affiliatedWith", "alliedWith", "locatedIn", "consultWith",
        "meetWith", "negotiateWith", "visit", "mediate", "cooperateWith", "agreeWith", "support", "request",
        "propose", "reject", "deny", "criticize", "accuse", "threaten", "attack", "kill", "fight", "detain",
        "sanction", "statedTo"]


def test_ontology_declares_the_core_vocabulary():
    g = rules.ontology_graph()
    schema = rules.schema()
    for word in CORE:
        assert (getattr(KG, word), RDF.type, OWL.ObjectProperty) in g, word
        assert word in schema.properties
    assert schema.is_a("leaderOf", "leaderOf")
    assert {"meetWith", "fight", "alliedWith"} <= schema.symmetric and "attack" not in schema.symmetric


def test_namespace_and_ontology_agree():
    g = rules.ontology_graph()
    declared = {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    in_code = {str(getattr(KG, name)) for name in KG.__annotations__}
    assert declared == in_code
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018


def test_every_lexicon_predicate_and_pattern_is_valid():
    assert {t.predicate for t in rules.predicate_lexicon().values()} <= rules.schema().properties
    assert set(rules.titles().predicate.values()) <= rules.schema().properties
    ids = [p.id for p in rules.relation_patterns()]
    assert len(ids) == len(set(ids)) >= 15


def test_every_core_word_is_reachable_from_the_lexicons():
    reachable = {t.predicate for t in rules.predicate_lexicon().values()} | set(rules.titles().predicate.values())
    assert set(CORE) <= reachable


def test_gazetteer_classes_and_demonyms():
    gaz = rules.gazetteer()
    assert gaz.entries["egypt"].cls == "Country"
    assert gaz.by_demonym["egyptian"] == "egypt"
    for entry in gaz.entries.values():
        assert rules.schema().is_a(entry.cls, "Actor") or rules.schema().is_a(entry.cls, "Location")


@pytest.fixture
def rule_dir(tmp_path, monkeypatch):
    """A scratch ontology folder the loaders read instead of the real one; caches cleared around it."""
    monkeypatch.setattr(rules, "data_path", lambda *parts: tmp_path.joinpath(*parts))
    loaders = (rules.predicate_lexicon, rules.relation_patterns)
    for loader in loaders:
        loader.cache_clear()
    yield tmp_path
    for loader in loaders:
        loader.cache_clear()


def test_a_bad_lexicon_row_names_file_and_line(rule_dir):
    (rule_dir / "lexicons").mkdir()
    (rule_dir / "lexicons" / "predicates.tsv").write_text("# comment\nmeet\tmeetWith\nhug\tembrace\n")
    with pytest.raises(PatternError, match=r"predicates.tsv:3: 'embrace' is not a property"):
        rules.predicate_lexicon()


def test_a_bad_pattern_names_file_and_line(rule_dir):
    (rule_dir / "patterns").mkdir()
    (rule_dir / "patterns" / "relations.jsonl").write_text(
        '{"id": "x", "description": "d", "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}],'
        ' "subject": "v", "object": "nope", "trigger": ["v"]}\n')
    with pytest.raises(PatternError, match=r"relations.jsonl:1: 'nope' is not a node"):
        rules.relation_patterns()
