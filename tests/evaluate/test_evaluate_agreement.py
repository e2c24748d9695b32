"""kg evaluate's figures agree with the independent scorers in ../shared/eval where both apply: the
graph contract's scorer (score.py) on the sample corpus, and the dev sets' sentence scorer
(dev/sentscore.py) on CoNLL04 gold written for these tests. Skipped where ../shared is absent."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kg import api
from kg.config import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.skipif(not (SHARED / "score.py").is_file(), reason="../shared/eval is not here")


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(f"shared_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_kg_gold_agrees_with_score_py_on_the_sample_corpus(tmp_path, capsys):
    corpus = SHARED.parent / "corpus"
    gold = SHARED / "gold" / "seeds.json"
    api.build([corpus], Settings(out=tmp_path, formats=("turtle",), progress=False))
    ours = api.evaluate(gold, graph=tmp_path / "graph.ttl")
    score = _module(SHARED / "score.py")
    entities, documents = score.load_gold([gold], None)
    theirs = score.score(score.SystemGraph(score.load_graph(tmp_path / "graph.ttl")), entities, documents, [])
    capsys.readouterr()
    assert round(ours.entities.f1, 3) == round(theirs["entity_f1"], 3)
    assert (round(ours.total.f1, 3), round(ours.total.p, 3), round(ours.total.r, 3)) == \
        (round(theirs["edge_f1"], 3), round(theirs["edge_p"], 3), round(theirs["edge_r"], 3))


@pytest.mark.parametrize("name", ["conll04.json", "conll04_news.json"])
def test_conll04_agrees_with_sentscore(tmp_path, name):
    """Each sentence of conll04.json and conll04_news.json built alone into OUT/<id>/, scored by both."""
    from kg.evaluate import read_gold

    gold = read_gold(DATA / name)
    rows = []
    for s in gold.sentences:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{s.id}.txt").write_text(s.text + "\n", encoding="utf-8")
        api.build([tmp_path / "in" / f"{s.id}.txt"], Settings(out=tmp_path / "out" / s.id, formats=("turtle",),
                                                            progress=False))
        rows.append({"id": s.id, "text": s.text,
                     "entities": [{"text": m.text, "type": m.kind} for m in s.mentions],
                     "relations": [{"head": r.head, "tail": r.tail, "conll": r.label, "kg": r.word} for r in s.relations]})
    sentscore = _module(SHARED / "dev" / "sentscore.py")
    sents = {r["id"]: sentscore.Sent.from_file(tmp_path / "out" / r["id"] / "graph.ttl") for r in rows}
    theirs, _ = sentscore.score_conll04(rows, sents, "kg")
    ours = api.evaluate(DATA / name, graph=tmp_path / "out")
    micro = theirs["relations"]["micro"]
    assert (ours.total.tp, ours.total.fp, ours.total.fn) == (micro["tp"], micro["fp"], micro["fn"])
    e = theirs["entities"]["micro"]
    assert (ours.entities.tp, ours.entities.fp, ours.entities.fn) == (e["tp"], e["fp"], e["fn"])
    for label in ("Work_For", "Kill", "OrgBased_In", "Located_In"):
        c = theirs["relations"][label]
        assert (ours.words[label].tp, ours.words[label].fp, ours.words[label].fn) == (c["tp"], c["fp"], c["fn"]), label
    assert json.loads(ours.to_json())["micro"]["tp"] == micro["tp"]
