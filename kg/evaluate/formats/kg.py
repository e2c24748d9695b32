"""kg's gold JSON (as ../shared/eval/gold/seeds.json), scored over a whole graph::

    {"about": "what this gold covers",
     "entities": {"hamas": {"type": "Organization", "aliases": ["Hamas", "Islamic Resistance Movement"]},
                  "gaza": {"type": "Location", "aliases": ["Gaza", "Gaza Strip"], "optional": true}, ...},
     "documents": {"article1.txt": {"entities": ["hamas", "gaza", ...],
                                    "relations": [{"s": "hamas", "p": "reject", "o": "egypt",
                                                   "evidence": "Hamas has turned down Egypt's request"},
                                                  {"s": "egypt", "p": "request", "o": "hamas", "optional": true}],
                                    "text": "optional: the article itself, so kg evaluate can build it"}},
     "vocabulary": ["protest"]}

``type`` is Person, Organization or Location; ``p`` a word of kg's vocabulary (kg.ttl), matched
case-insensitively. Optional entities and edges are neither rewarded nor penalised. The graph's edges
are judged when their word falls under a word of the core vocabulary, one the gold's edges use, or one
listed in ``vocabulary``; others are left out (counted as not judged)."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate import jsonfile
from kg.evaluate.formats import GOLD_FORMATS, GoldFormat, Sample, need
from kg.evaluate.gold import COARSE, Gold, GoldDocument, GoldEdge, GoldEntity, GoldError
from kg.evaluate.graph import kg_vocabulary


def sniff(sample: Sample) -> bool:
    return isinstance(sample.json, dict) and "documents" in sample.json and "entities" in sample.json


def read(path: Path) -> Gold:
    data = jsonfile.load(path)
    if not isinstance(data, dict):
        raise GoldError(path, 1, "kg's gold JSON is an object with 'entities' and 'documents'")
    entities = {}
    for eid, row in need(data, "entities", path, dict).items():
        kind = need(row, "type", path)
        if kind not in COARSE:
            raise GoldError(path, row.line, f"entity '{eid}': type '{kind}' is not one of {', '.join(COARSE)}")
        aliases = need(row, "aliases", path, list)
        if not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise GoldError(path, row.line, f"entity '{eid}': 'aliases' must be a list of names, at least one")
        entities[eid] = GoldEntity(eid, kind, tuple(aliases), bool(row.get("optional")), row.line)
    words = set()
    for word in data.get("vocabulary", []):
        words.add(_word(word, path, data.line))
    documents = []
    for name, doc in need(data, "documents", path, dict).items():
        if not isinstance(doc, dict):
            raise GoldError(path, data.line, f"document '{name}' must be an object")
        listed = need(doc, "entities", path, list)
        for eid in listed:
            if eid not in entities:
                raise GoldError(path, doc.line, f"document '{name}' names entity '{eid}', which 'entities' lacks")
        edges = []
        for row in need(doc, "relations", path, list):
            s, p, o = (need(row, key, path) for key in ("s", "p", "o"))
            for end in (s, o):
                if end not in entities:
                    raise GoldError(path, row.line, f"relation {s} {p} {o}: no entity '{end}' in 'entities'")
            word = _word(p, path, row.line)
            words.add(word)
            edges.append(GoldEdge(s, word, o, name, bool(row.get("optional")), str(row.get("evidence", "")),
                                  row.line))
        text = doc.get("text", "")
        if not isinstance(text, str):
            raise GoldError(path, doc.line, f"document '{name}': 'text' must be a string")
        documents.append(GoldDocument(name, tuple(listed), tuple(edges), text, doc.line))
    return Gold(path, "kg", "corpus", entities=entities, documents=tuple(documents), words=frozenset(words))


def _word(name, path: Path, line: int) -> str:
    vocabulary = kg_vocabulary()
    word = vocabulary.spelling(str(name))
    if word not in vocabulary.words:
        raise GoldError(path, line, f"'{name}' is not a word of kg's vocabulary; known: "
                                    f"{', '.join(sorted(vocabulary.words))}")
    return word


GOLD_FORMATS.register("kg")(GoldFormat("kg", "kg's gold JSON: entities with aliases, documents with typed edges",
                                       sniff, read))
