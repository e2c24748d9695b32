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
