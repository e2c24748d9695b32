"""kg's remembering rule lemmatizer (kg/nlp/lemmas.py) gives the lemmas spaCy's own rule lemmatizer gives,
for base forms, inflected forms and the same word under other parts of speech."""

from __future__ import annotations

import spacy

from kg.config import Settings
from kg.engine import pipeline
from kg.ingest import iter_documents, sample_corpus
from kg.nlp import parser_text
from kg.nlp.lemmas import remember_lemmas
from kg.rules import load_rules

OWN = [
    "The rebels attack. The attack failed; they attacked again and were attacking still.",
    "She said she says what he had said, and the sayings of the elders are better said.",
    "Better mice lived in the best houses; the geese were housed by the oldest children.",
    "He's been meeting ministers who've met, and the meetings meet twice.",
]


def lemmas(nlp, texts):
    return [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]


def test_remembered_lemmas_are_spacys():
    texts = OWN + [parser_text(d.text) for d in iter_documents([sample_corpus()]) if hasattr(d, "text")]
    nlp = spacy.load(Settings().model)
    expected = lemmas(nlp, texts)
    assert remember_lemmas(nlp)
    assert lemmas(nlp, texts) == expected
    assert lemmas(nlp, texts) == expected  # the second time from what it remembered


def test_kgs_pipeline_remembers_and_a_pipeline_without_a_rule_lemmatizer_is_left_alone():
    nlp, _ = pipeline(Settings().model, load_rules())
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert lemmatizer.lemmatize != lemmatizer.rule_lemmatize
    assert not remember_lemmas(spacy.blank("en"))
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not remember_lemmas(lookup)


def test_a_verb_written_with_a_prefix_and_a_hyphen_is_one_token_with_the_verbs_lemma():
    nlp, _ = pipeline(Settings().model, load_rules())
    doc = nlp("The bloc re-imposed its sanctions and agreed to re-open the Iran-backed office it re-staged.")
    words = {t.text: t for t in doc}
    assert words["re-imposed"].lemma_ == "reimpose"  # kg's frames know "reimpose"
    assert words["re-open"].lemma_ == "reopen"
    assert words["re-staged"].lemma_ == "stage"  # no "restage": the verb itself ("stag" by the rules)
    assert nlp("Iran will co-operate with the IAEA.")[2].lemma_ == "cooperate"
    assert [t.text for t in doc if t.text in ("Iran", "-", "backed")] == ["Iran", "-", "backed"]  # other hyphens split


def test_a_plain_verb_keeps_spacys_lemma_with_the_prefixed_forms():
    nlp = spacy.load(Settings().model)
    expected = lemmas(nlp, OWN)
    assert remember_lemmas(nlp, {"re-attack": "attack"})
    assert lemmas(nlp, OWN) == expected
