"""Gold files in every format kg evaluate reads: what is read from them, which format a file is told to
be, and a bad file reported as file:line. Every file here was written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError, UnknownNameError
from kg.evaluate import GoldError, detect, read_gold

DATA = Path(__file__).parent / "data"


def test_kg_gold_json():
    gold = read_gold(DATA / "news.json")
    assert (gold.format, gold.task) == ("kg", "corpus")
    assert gold.entities["bello"].aliases == ("Amina Bello", "Bello") and gold.entities["lagos"].optional
    bank = gold.documents[0]
    assert bank.name == "bank.txt" and bank.text.startswith("Amina Bello")
    assert [(e.subject, e.word, e.object, e.optional) for e in bank.edges] == [
        ("bello", "memberOf", "acme", False), ("eu", "criticize", "ghana", False), ("acme", "locatedIn", "lagos", True)]
    assert bank.edges[0].line == 20  # each edge knows its line
    assert gold.words == {"memberOf", "criticize", "locatedIn", "kill", "sanction", "support"}


def test_conll04_spert_json_is_detokenised_with_mention_offsets():
    gold = read_gold(DATA / "conll04.json")
    assert (gold.format, gold.task) == ("conll04", "relations")
    first, second = gold.sentences[:2]
    assert first.id == "conll04-1"
    assert first.text == "Amina Bello, a spokeswoman for Acme Bank, said the bank would close."
    assert [(m.text, m.kind) for m in first.mentions] == [("Amina Bello", "Person"), ("Acme Bank", "Organization")]
    assert all(s.text[m.start:m.end] == m.text for s in gold.sentences for m in s.mentions)
    assert [(r.label, r.word) for r in second.relations] == [("Work_For", "memberOf"), ("Live_In", None)]
    assert gold.words == {"memberOf", "kill", "locatedIn"}


@pytest.mark.parametrize("tokens, text", [
    (["He", "said", "``", "no", "''", "."], 'He said "no".'),
    (["the", "U.S.", "'s", "army", "(", "AP", ")"], "the U.S.'s army (AP)"),
    (["-LRB-", "Reuters", "-RRB-", "--", "It", "did", "n't", "cost", "$", "5", "."], "(Reuters) -- It didn't cost $5."),
    (["She", "said", '"', "yes", '"', "twice", ";", "then", "left", "!"], 'She said "yes" twice; then left!'),
])
def test_conll04_tokens_become_text(tokens, text):
    from kg.evaluate.formats.conll04 import detokenise

    joined, spans = detokenise(tokens)
    assert joined == text
    assert len(spans) == len(tokens)


def test_plv_tsv():
    gold = read_gold(DATA / "plv.tsv")
    assert (gold.format, gold.task) == ("plv", "dyads")
    assert [s.id for s in gold.sentences] == ["plv-1", "plv-2", "plv-3", "plv-4", "plv-5"]
    d = gold.sentences[2].dyads[0]
    assert (d.source, d.target, d.root, d.quad, d.anchor, d.line) == ("Ghana", "Togo", "SUPPORT", 1, "AGREE", 4)


def test_plover_json_skips_the_documenting_record_and_reads_roots():
    gold = read_gold(DATA / "plover.json")
    assert (gold.format, gold.task) == ("plover", "events")
    assert [s.id for s in gold.sentences] == ["TEST-SANCTION-0001", "TEST-RETREAT-0001", "TEST-PROTEST-0001",
                                              "TEST-DISAPPROVE-0001"]
    events = [s.events[0] for s in gold.sentences]
    assert [(e.code, e.root) for e in events] == [("SANCTION", "SANCTION"), ("RETREAT/military", "YIELD"),
                                                  ("PROTEST/demo-spon", "PROTEST"), ("DISAPPROVE", "ACCUSE")]
    assert events[2].sources == ("students",) and events[2].targets == ()  # "" means any actor


def _dev_lines(tmp_path: Path, name: str, rows: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


DEV_ROWS = {  # the dev runner's JSON Lines (../shared/eval/dev/convert.py), rows written for these tests
    "conll04": {"id": "c-1", "text": "Amina Bello works for Acme Bank.",
                "entities": [{"text": "Amina Bello", "type": "Person", "start": 0, "end": 11},
                             {"text": "Acme Bank", "type": "Organization", "start": 22, "end": 31}],
                "relations": [{"head": 0, "tail": 1, "conll": "Work_For", "kg": "memberOf"}]},
    "plv": {"id": "p-1", "text": "Ghana accused Togo of harbouring rebels.",
            "dyads": [{"source": "Ghana", "target": "Togo", "root": "ACCUSE", "penta": 3, "zsp_root": "ACCUSE"}]},
    "plover": {"id": "g-1", "text": "Germany imposed sanctions on Iran.", "subset": "SANCTION",
               "events": [{"code": "SANCTION", "family": ["sanction"], "source": {"texts": ["Germany"]},
                           "target": {"texts": ["Iran"]}}]},
}


@pytest.mark.parametrize("fmt", sorted(DEV_ROWS))
def test_the_dev_runners_json_lines(tmp_path, fmt):
    path = _dev_lines(tmp_path, f"{fmt}.jsonl", [DEV_ROWS[fmt]])
    gold = read_gold(path)
    assert gold.format == fmt and len(gold.sentences) == 1
    assert gold.sentences[0].text == DEV_ROWS[fmt]["text"]


@pytest.mark.parametrize("name, fmt", [
    ("news.json", "kg"), ("conll04.json", "conll04"), ("plv.tsv", "plv"), ("plover.json", "plover")])
def test_format_is_told_from_the_file(name, fmt, tmp_path):
    assert detect(DATA / name) == fmt
    moved = tmp_path / "gold.data"  # by what it holds, not by its name
    moved.write_bytes((DATA / name).read_bytes())
    assert detect(moved) == fmt


def test_an_unknown_file_or_format_name(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n")
    with pytest.raises(GoldError, match=r"notes.txt: not a gold file kg knows .* --format conll04\|kg\|plover\|plv"):
        detect(other)
    with pytest.raises(UnknownNameError, match="unknown gold format 'spert'; known: conll04, kg, plover, plv"):
        read_gold(DATA / "conll04.json", "spert")


BAD = [  # (file name, content, line, what the message says)
    ("g.json", '{"entities": {"a": {"type": "Persn", "aliases": ["A"]}}, "documents": {}}', 1,
     "type 'Persn' is not one of Person, Organization, Location"),
    ("g.json", ('{"entities": {\n "a": {"type": "Person", "aliases": ["A"]}},\n "documents": {"d": {"entities": ["a"],\n'
                ' "relations": [\n  {"s": "a", "p": "meetsWith", "o": "a"}]}}}'), 5, "'meetsWith' is not a word of kg's vocabulary"),
    ("g.json", ('{"entities": {\n "a": {"type": "Person", "aliases": ["A"]}},\n "documents": {"d": {"entities": ["a"],\n'
                ' "relations": [\n  {"s": "a", "p": "memberOf", "o": "b"}]}}}'), 5, "no entity 'b' in 'entities'"),
    ("g.json", '{"entities": {\n "a": {"type": "Person", "aliases": []}}, "documents": {}}', 2,
     "'aliases' must be a list of names"),
    ("g.json", '{"entities": {},\n "documents": {\n "d": {"relations": []}}}', 3, "missing 'entities'"),
    ("g.json", '{"entities": {},\n\n "documents": {,}}', 3, "not valid JSON"),
    ("c.json", '[{"tokens": ["A", "B"], "entities": [{"type": "Peop", "start": 0, "end": 3}], "relations": []}]', 1,
     "entity tokens 0:3 outside the sentence's 2 tokens"),
    ("c.json", ('[\n{"tokens": ["A"], "entities": [{"type": "Person", "start": 0, "end": 1}],\n'
                ' "relations": [{"type": "Kill", "head": 0, "tail": 1}]}]'), 3, "relation Kill: entity 1 does not exist"),
    ("c.json", ('[{"tokens": ["A"], "entities": [{"type": "Peop", "start": 0, "end": 1}],\n'
                ' "relations": [{"type": "Works_For", "head": 0, "tail": 0}]}]'), 2, "relation type 'Works_For' is not one of"),
    ("c.jsonl", ('{"id": "1", "text": "A", "entities": [], "relations": []}\n{"id": "1", "text": "B", "entities": [], '
                 '"relations": []}\n'), 2, "sentence id '1' given twice (first at line 1)"),
    ("p.tsv", "sentence_id\tsentence\tsource\ttarget\tgold_root\n1\tA met B.\tA\tB\tCONSULT\n2\tC hit D.\tC\tD\tPUNCH\n", 3,
     "'PUNCH' is not a PLOVER root"),
    ("p.tsv", "sentence_id\tsentence\tsource\ttarget\tgold_root\n1\tA met B.\tA\tB\tCONSULT\n1\tOther.\tA\tB\tAGREE\n", 3,
     "sentence_id 1 carries another sentence than at line 2"),
    ("p.tsv", "sentence_id\tsentence\tsource\ttarget\tgold_root\tgold_penta\n1\tA met B.\tA\tB\tCONSULT\t7\n", 2,
     "quad class (gold_penta) '7' is not 1, 2, 3 or 4"),
    ("e.json", '[{"id": "x", "event": "DOCUMENT"},\n {"id": "y", "event": "GREET", "text": "A greeted B."}]', 2,
     "'GREET' is not a PLOVER event type"),
    ("e.json", '[{"id": "x", "event": "DOCUMENT"},\n {"id": "y", "event": "AGREE"}]', 2, "missing 'text'"),
]


@pytest.mark.parametrize("name, content, line, message", BAD)
def test_a_bad_gold_file_says_where(tmp_path, name, content, line, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    fmt = {"g": "kg", "c": "conll04", "p": "plv", "e": "plover"}[name[0]]
    with pytest.raises(GoldError) as caught:
        read_gold(path, fmt)
    assert isinstance(caught.value, InputError)  # exit status 3
    assert caught.value.line == line
    assert f"{path}:{line}: " in str(caught.value) and message in str(caught.value)


def test_a_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        read_gold(tmp_path / "none.json", "kg")
