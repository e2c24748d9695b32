"""kg's look-up matcher for the attribute ruler (kg/nlp/attributes.py) finds exactly the matches spaCy's
token Matcher finds, so the pipeline's tags, lemmas and POS stay those of the model; patterns it cannot
read leave spaCy's matcher in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from kg.config import Settings
from kg.engine import pipeline
from kg.ingest import iter_documents, sample_corpus
from kg.nlp import parser_text
from kg.nlp.attributes import LookupMatch, lookup_match, speed_up
from kg.rules import load_rules

TABLE = Path(__file__).parents[1] / "data" / "relation_table.jsonl"
OWN = [
    "Y'all ain't seen nothin' yet, she said.",  # the ruler's regular-expression rules
    "There's a man who does not do what he did; there are two who have.",  # expl + copula, auxiliaries
    "Which ones? Those that the council gets and got.",  # DT/WDT by dependency, LEMMA exceptions
    "A\n\n  B  C\t\tD",  # spaces: IS_SPACE rules
    "",
]


@pytest.fixture(scope="module")
def texts():
    rows = [json.loads(line)["text"] for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows + [parser_text(d.text) for d in iter_documents([sample_corpus()]) if hasattr(d, "text")] + OWN


def test_the_models_ruler_gets_the_same_matches(texts):
    nlp = spacy.load(Settings().model)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = lookup_match(ruler)
    assert fast is not None and len(fast.anywhere) < len(fast.patterns) / 10  # nearly all are looked up
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in ("attribute_ruler", "lemmatizer", "ner")]):
        docs = list(nlp.pipe(texts))
    found = 0
    for doc in docs:
        expected = ruler.match(doc)
        assert fast(doc) == expected, doc.text
        found += len(expected)
    assert found > sum(len(d) for d in docs) * 0.9  # the tag map alone matches nearly every token


def test_kgs_pipeline_annotates_as_with_spacys_matcher(texts):
    nlp, _ = pipeline(Settings().model, load_rules())
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ruler.match
    assert isinstance(fast, LookupMatch)

    def annotations():
        return [[(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, t.ent_type_) for t in doc] for doc in nlp.pipe(texts)]

    ours = annotations()
    del ruler.match  # the class's own method: spaCy's token Matcher
    try:
        assert annotations() == ours
    finally:
        ruler.match = fast


def test_own_patterns_of_every_kind_match_as_spacy_does():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}, {"LOWER": {"IN": ["cat", "dog"]}}]], {"LEMMA": "PET"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^ab+c$"}}]], {"LEMMA": "ABC"})
    ruler.add([[{"LOWER": {"NOT_IN": ["a", "b"]}, "IS_SPACE": False}]], {"NORM": "other"})
    ruler.add([[{"IS_SPACE": True}]], {"NORM": "space"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "dog"}]], {"LEMMA": "DOG"}, index=-1)  # later rules win
    fast = lookup_match(ruler)
    assert fast is not None
    for text in ["The dog and the cat saw abbbc  ABC a b", "the", "dog the", ""]:
        doc = nlp.make_doc(text)
        assert fast(doc) == ruler.match(doc), text
    doc = nlp("The dog met the cat by abbc.")
    assert speed_up(nlp) is True
    again = nlp("The dog met the cat by abbc.")
    assert [(t.lemma_, t.norm_) for t in again] == [(t.lemma_, t.norm_) for t in doc]
    assert [t.lemma_ for t in again][:2] == ["", "DOG"] and again[6].lemma_ == "ABC"


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "+"}],  # an operator
    [{"ORTH": "A"}],  # an attribute it does not read
    [{"TAG": {"FUZZY": "zzzzzzzz"}}],  # a predicate it does not know
])
def test_patterns_it_cannot_read_keep_spacys_matcher(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "b"}]], {"LEMMA": "B"})
    ruler.add([pattern], {"LEMMA": "X"})
    assert lookup_match(ruler) is None
    assert speed_up(nlp) is False
    assert nlp("a b")[1].lemma_ == "B"  # spaCy's own matcher still runs


def test_verb_forms_the_lemmatizer_gets_wrong_are_corrected_for_verbs_only():
    """lexicons/verb_forms.tsv: "staged" is no form of "stag", but "wages" as a noun stays "wage"s lemma;
    the corrections are ruler patterns, so the look-up matcher reads them too."""
    rules = load_rules()
    assert rules.verb_forms["staged"] == ("stage", ("VBD", "VBN"))
    nlp, _ = pipeline(Settings().model, load_rules())
    doc = nlp("Rebels staged raids and waged war; they are fining traders and demand higher wages.")
    lemmas = {t.text: (t.tag_, t.lemma_) for t in doc}
    assert lemmas["staged"][1] == "stage" and lemmas["waged"][1] == "wage" and lemmas["fining"][1] == "fine"
    assert lemmas["wages"] == ("NNS", "wage")
    plain = spacy.load(Settings().model)
    assert [t.lemma_ for t in plain("Rebels staged raids and waged war.")][1:5] == ["stag", "raid", "and", "wag"]
