"""kg's DependencyMatcher (node shapes matched once, roots from the head array) finds exactly what
spaCy's own DependencyMatcher finds, for kg's relation patterns, on every relation-table sentence and
the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher

from kg.config import Settings
from kg.engine import pipeline
from kg.extract.matcher import SharedNodeDependencyMatcher, _roots
from kg.ingest import iter_documents, sample_corpus
from kg.nlp import parser_text
from kg.rules import load_rules

TABLE = Path(__file__).parents[1] / "data" / "relation_table.jsonl"


@pytest.fixture(scope="module")
def parsed():
    nlp, extractor = pipeline(Settings().model, load_rules())
    texts = [json.loads(line)["text"] for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [parser_text(d.text) for d in iter_documents([sample_corpus()]) if hasattr(d, "text")]
    return nlp, extractor, list(nlp.pipe(texts))


def test_same_matches_as_spacys_dependency_matcher(parsed):
    nlp, extractor, docs = parsed
    spacys, ours = DependencyMatcher(nlp.vocab), SharedNodeDependencyMatcher(nlp.vocab)
    for pattern in extractor.patterns.values():
        spacys.add(pattern.id, [extractor._narrowed(pattern)])
        ours.add(pattern.id, [extractor._narrowed(pattern)])
    assert len(ours._matcher) < len(spacys._matcher)  # shapes shared between patterns are matched once
    found = 0
    for doc in docs:
        expected = sorted((key, tuple(tokens)) for key, tokens in spacys(doc))
        assert sorted((key, tuple(tokens)) for key, tokens in ours(doc)) == expected, doc.text[:80]
        found += len(expected)
    assert found > 0  # the one pattern left (a denied claim) is matched on the table's denial rows


def test_roots_are_the_ends_of_the_head_chains(parsed):
    for doc in parsed[2][:50]:
        assert _roots(doc) == [([t] + list(t.ancestors))[-1].i for t in doc]
