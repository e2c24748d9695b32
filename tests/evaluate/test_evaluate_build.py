"""kg evaluate building the gold's own texts with kg (spaCy loads once) and scoring what kg read: exact
figures on the small gold files written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.evaluate import Counts

DATA = Path(__file__).parent / "data"


def kinds(result) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in result.errors:
        out[e.kind] = out.get(e.kind, 0) + 1
    return out


def test_kg_gold_with_texts_is_built_as_one_corpus():
    result = api.evaluate(DATA / "news.json")
    assert result.source == "kg, its 2 documents built together"
    assert result.entities == Counts(tp=8, fp=0, fn=0)
    assert result.total == Counts(tp=3, fp=1, fn=2)
    assert result.direction == (3, 4)
    assert kinds(result) == {"wrong_word": 1, "false_positive": 1, "wrong_direction": 1}
    other = next(e for e in result.errors if e.kind == "wrong_word")  # the sanction edge joins them
    assert (other.gold, other.system) == ("germany support iran", "Germany sanction Iran")
    wrong = next(e for e in result.errors if e.kind == "wrong_direction")
    assert (wrong.where, wrong.gold, wrong.system) == ("world.txt", "doe kill okafor", "John Okafor kill Samuel Doe")


def test_conll04_each_sentence_built_alone():
    seen = []
    result = api.evaluate(DATA / "conll04_news.json", progress=lambda items: (seen.append(i) or i for i in items))
    assert len(seen) == 4 and result.failed == []
    assert result.entities == Counts(tp=9, fp=0, fn=0)
    assert result.total == Counts(tp=4, fp=0, fn=0)
    assert {label: c.tp for label, c in result.words.items()} == {"Work_For": 1, "Kill": 1, "OrgBased_In": 1,
                                                                  "Located_In": 1}
    assert result.figures["relations_strict"]["micro"]["tp"] == 4
    assert result.errors == []


def test_plv_each_sentence_built_alone():
    """kg reads "signed a trade agreement" as PLOVER codes signing, SUPPORT (CAMEO 057)."""
    result = api.evaluate(DATA / "plv.tsv")
    f = result.figures
    assert (f["found"], f["found_with_root"], f["root_right"]) == (5, 5, 5)
    assert result.words["YIELD"] == Counts(2, 0, 0)  # release and retreat: kg:ploverCategory RETREAT
    assert result.errors == []
    assert result.direction == (4, 4)


def test_plover_each_sentence_built_alone():
    """"Thousands of students protested against the government": the students protest (a collective word
    stands for the people it counts), against anyone, as the record codes it."""
    result = api.evaluate(DATA / "plover.json")
    assert result.total == Counts(tp=4, fp=0, fn=0)
    assert result.figures["found_by_type"] == {"DISAPPROVE": {"gold": 1, "found": 1}, "PROTEST": {"gold": 1, "found": 1},
                                               "RETREAT": {"gold": 1, "found": 1}, "SANCTION": {"gold": 1, "found": 1}}
    assert result.errors == []


def test_a_build_of_one_file_per_sentence_is_split_by_document(tmp_path):
    """--build INPUT: one build of every sentence's file (named by its id), the graph split by the
    documents its evidence names; here the same figures as each sentence built alone."""
    from kg.evaluate import read_gold

    for sentence in read_gold(DATA / "plv.tsv").sentences:
        (tmp_path / f"{sentence.id}.txt").write_text(sentence.text + "\n", encoding="utf-8")
    result = api.evaluate(DATA / "plv.tsv", inputs=[tmp_path])
    assert result.source == f"kg build {tmp_path}"
    assert (result.figures["found"], result.figures["root_right"]) == (5, 5)
    assert result.figures["evidence_in_no_gold_sentence"] == 0


def test_limit_and_no_text_to_build(tmp_path):
    assert api.evaluate(DATA / "conll04_news.json", limit=1).units == 1
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": {}, "documents": {"a.txt": {"entities": [], "relations": []}}}', encoding="utf-8")
    from kg.errors import UsageError

    with pytest.raises(UsageError, match="holds no text to build"):
        api.evaluate(gold, inputs=[])
    with pytest.raises(UsageError, match="not both"):
        api.evaluate(gold, graph=tmp_path, inputs=[tmp_path])
