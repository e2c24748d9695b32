"""The entity table (tests/data/entity_table.jsonl): small corpora of our own news sentences, each with what
entity resolution must conclude: which surfaces are one actor, which must stay apart, classes, group
actors with owner and sector, edges that must attach to the named actor a pronoun or "the group" refers
to, preferred labels. One test per row; a row with "known_gap" is a strict xfail naming what kg cannot
yet do. A surface "X#2" is X in the row's second document only.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.api import extract_documents
from kg.common.names import match_key
from kg.config import Settings
from kg.model import Document, ResolvedGraph
from kg.resolve.entities import resolve
from kg.rules import load_rules

TABLE = Path(__file__).parents[1] / "data" / "entity_table.jsonl"
ROWS = [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
RULES = {"normalise", "surname", "acronym_text", "acronym_lexicon", "pronoun", "definite", "cross_document",
         "transliteration", "no_merge", "type_context", "type_vote", "gazetteer", "group_actor", "acronym_initials"}


@pytest.fixture(scope="module")
def graphs() -> dict[str, ResolvedGraph]:
    docs = [Document(f"{row['id']}/{n}", text) for row in ROWS for n, text in enumerate(row["docs"], 1)]
    results = list(extract_documents(docs, Settings()))
    by_row: dict[str, list] = {}
    for res in results:
        by_row.setdefault(res.doc_id.split("/")[0], []).append(res)
    return {row_id: resolve(res) for row_id, res in by_row.items()}


def entities_of(row: dict, graph: ResolvedGraph, surface: str) -> set[str]:
    """Entities of the mentions that best cover each occurrence of ``surface`` (in document N for "X#N"):
    the mention with exactly its span, else one containing it, else the one overlapping it most
    ("Israeli troops" is the group, not the country its first word names)."""
    text, _, only = surface.rpartition("#") if "#" in surface else (surface, "", "")
    found = set()
    for n, doc in enumerate(row["docs"], 1):
        if only and int(only) != n:
            continue
        start = doc.find(text)
        while start >= 0:
            end = start + len(text)
            fits = {}
            for (doc_id, s, e), eid in graph.mention_entity.items():
                if doc_id == f"{row['id']}/{n}" and s < end and start < e:
                    overlap = min(e, end) - max(s, start)
                    fits.setdefault(((s, e) == (start, end), s <= start and end <= e, overlap), set()).add(eid)
            if fits:
                found |= fits[max(fits)]
            start = doc.find(text, end)
    return found


def problems(row: dict, graph: ResolvedGraph) -> list[str]:
    out = []
    ents = {e.id: e for e in graph.entities}
    schema = load_rules().schema

    def of(surface: str) -> set[str]:
        found = entities_of(row, graph, surface)
        if not found:
            out.append(f"no entity for {surface!r}")
        return found

    for group in row.get("one", []):
        found = set().union(*(of(s) for s in group))
        if len(found) > 1:
            out.append(f"{group} are {sorted(found)}, not one entity")
    for group in row.get("apart", []):
        seen: Counter = Counter()
        for s in group:
            seen.update(of(s))
        shared = [e for e, n in seen.items() if n > 1]
        if shared:
            out.append(f"{group} share {shared}")
    for surface, cls in row.get("types", []):
        for eid in of(surface):
            if not schema.is_a(ents[eid].cls, cls):
                out.append(f"{surface!r} is {ents[eid].cls}, not {cls}")
    for surface, owner, sector in row.get("groups", []):
        for eid in of(surface):
            ups = {e.object for e in graph.edges if e.subject == eid and e.predicate in ("partOf", "memberOf")}
            ups |= {ents[eid].country} - {None}  # a gazetteer body ("Egyptian Armed Forces") names its country
            if not any(match_key(owner) in {match_key(n) for n in (ents[u].label, *ents[u].alt_labels)} for u in ups):
                out.append(f"{surface!r} ({eid}) is not part of {owner!r}")
            if ents[eid].sector != sector:
                out.append(f"{surface!r} has sector {ents[eid].sector}, not {sector}")
    for s, p, o in row.get("edges", []):
        subjects, objects = of(s), of(o)
        hit = any(e.asserted and p in schema.property_ancestors(e.predicate)
                  and (e.subject in subjects and e.object in objects
                       or p in schema.symmetric and e.subject in objects and e.object in subjects)
                  for e in graph.edges)
        if not hit:
            out.append(f"missing edge {s} {p} {o}")
    for surface, label in row.get("label", []):
        for eid in of(surface):
            if ents[eid].label != label:
                out.append(f"{surface!r} is labelled {ents[eid].label!r}, not {label!r}")
    return out


def _param(row):
    marks = [pytest.mark.xfail(strict=True, reason=row["known_gap"])] if row.get("known_gap") else []
    return pytest.param(row["id"], id=f"{row['id']}-{row['rule']}", marks=marks)


@pytest.mark.parametrize("row_id", [_param(r) for r in ROWS])
def test_row(graphs, row_id):
    row = next(r for r in ROWS if r["id"] == row_id)
    found = problems(row, graphs[row_id])
    assert not found, "\n".join(row["docs"]) + "\n" + "\n".join(found)


def test_table_covers_every_rule_with_cases_that_must_not_merge():
    by_rule = Counter(r["rule"] for r in ROWS)
    assert set(by_rule) == RULES
    assert all(n >= 4 for n in by_rule.values()), by_rule
    assert sum(1 for r in ROWS if r.get("apart")) >= 15
    assert sum(1 for r in ROWS if len(r["docs"]) > 1) >= 20
    assert len({r["id"] for r in ROWS}) == len(ROWS)
