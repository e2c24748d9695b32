"""Argument finding on parses fixed by hand, for the parser's errors a test sentence cannot be relied on
to reproduce (the model parses most sentences well, and which ones it gets wrong changes with it)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.roles import doer_predication

VOCAB = spacy.blank("en").vocab


def parsed(words, heads, deps, pos, people):
    """A Doc with the given parse and PERSON entities over the (start, end) token spans of ``people``."""
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label="PERSON") for s, e in people]
    return doc


# "Surgeons treated Lennon's killer, Mark Chapman, who was stabbed.", with the name hung on the verb
WORDS = ["Surgeons", "treated", "Lennon", "'s", "killer", ",", "Mark", "Chapman", ",", "who", "was", "stabbed", "."]
POS = ["NOUN", "VERB", "PROPN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"]
DEPS = ["nsubj", "ROOT", "poss", "case", "dobj", "punct", "compound", "npadvmod", "punct", "nsubjpass", "auxpass",
        "relcl", "punct"]


def test_a_person_set_off_after_a_doer_noun_is_its_doer_wherever_the_parser_hung_the_name():
    heads = [1, 1, 4, 2, 1, 7, 7, 1, 7, 11, 11, 7, 1]
    p = doer_predication(parsed(WORDS, heads, DEPS, POS, [(2, 3), (6, 8)])[4])
    assert p is not None
    assert [t.text for t in p.agents] == ["Chapman"] and [t.text for t in p.patients] == ["Lennon"]


def test_a_name_after_the_comma_that_runs_on_into_a_verb_is_not_set_off():
    words = [*WORDS[:8], "said", "."]
    heads = [1, 1, 4, 2, 1, 7, 7, 8, 8, 8]
    deps = [*DEPS[:7], "nsubj", "ROOT", "punct"]
    pos = [*POS[:8], "VERB", "PUNCT"]
    assert doer_predication(parsed(words, heads, deps, pos, [(2, 3), (6, 8)])[4]) is None


def test_no_person_no_doer():
    heads = [1, 1, 4, 2, 1, 7, 7, 1, 7, 11, 11, 7, 1]
    assert doer_predication(parsed(WORDS, heads, DEPS, POS, [(2, 3)])[4]) is None


def _role_edges(words, heads, deps, pos, ents):
    """The standing relations kg/extract/constructions.py reads from a hand-fixed parse with the given
    entities ((start, end, label) token spans)."""
    from kg.extract.constructions import relations
    from kg.extract.mentions import find_mentions
    from kg.rules import load_rules

    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label) for s, e, label in ents]
    index = find_mentions("d", doc.text, doc, load_rules())
    return {(r.subject.name, r.predicate, r.object.name) for sent in doc.sents
            for r in relations(doc.text, sent, index, "")}


# "Army chief X overthrew President Y", parsed as one noun phrase whose head is Y (the verb tagged a noun)
TITLE_POS = ["PROPN", "NOUN", "PROPN", "PROPN", "NOUN", "PROPN", "PROPN", "PROPN", "PUNCT"]
TITLE_DEPS = ["compound", "compound", "compound", "compound", "amod", "compound", "compound", "ROOT", "punct"]
TITLE_HEADS = [1, 7, 3, 4, 7, 7, 7, 7, 7]


def test_a_title_before_a_name_belongs_to_that_name_when_the_parser_makes_a_later_name_the_head():
    words = ["Army", "chief", "Musa", "Bello", "overthrew", "President", "Ali", "Kone", "."]
    edges = _role_edges(words, TITLE_HEADS, TITLE_DEPS, TITLE_POS, [(0, 1, "ORG"), (2, 4, "PERSON"), (6, 8, "PERSON")])
    assert ("Musa Bello", "leaderOf", "Army") in edges
    assert ("Ali Kone", "leaderOf", "Army") not in edges


def test_a_title_right_before_its_head_name_still_belongs_to_it():
    words = ["Army", "chief", "Musa", "Bello", "resigned", "."]
    heads = [1, 3, 3, 4, 4, 4]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT", "punct"]
    pos = ["PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
    assert ("Musa Bello", "leaderOf", "Army") in _role_edges(words, heads, deps, pos, [(0, 1, "ORG"), (2, 4, "PERSON")])

