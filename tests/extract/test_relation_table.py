"""The relation table (tests/data/relation_table.jsonl): our own news sentences across domains, each with
the typed edges it states, must not state, states only as negated/planned/possible, or reports from a
source. One test per row; a row with "known_gap" is a strict xfail naming what kg cannot yet read.

The same table measures rule confidence (kg.tools.calibrate); the last test keeps
ontology/patterns/confidence.tsv in step with it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from helpers import table_row_param

from kg.rules import load_rules, shipped_folder
from kg.tools import calibrate

TABLE = Path(__file__).parents[1] / "data" / "relation_table.jsonl"
ROWS = calibrate.load_rows(TABLE)
CORE = ["memberOf", "leaderOf", "partOf", "affiliatedWith", "alliedWith", "locatedIn", "consultWith",
        "meetWith", "negotiateWith", "visit", "mediate", "cooperateWith", "agreeWith", "support", "request",
        "propose", "reject", "deny", "criticize", "accuse", "threaten", "attack", "kill", "fight", "detain",
        "sanction", "statedTo"]


@pytest.fixture(scope="module")
def results():
    return {r.row["id"]: r for r in calibrate.run(ROWS)}


@pytest.mark.parametrize("row_id", [table_row_param(r) for r in ROWS])
def test_row(results, row_id):
    result = results[row_id]
    assert not result.problems, f"{result.row['text']}\n" + "\n".join(result.problems)


def test_table_covers_every_word_in_several_constructions():
    constructions = defaultdict(set)
    rows_of = defaultdict(int)
    for row in ROWS:
        for _, p, _ in row.get("edges", []):
            rows_of[p] += 1
            constructions[p].add(row["construction"])
    thin = {p: (rows_of[p], sorted(constructions[p])) for p in CORE
            if rows_of[p] < 3 or len(constructions[p]) < 2}
    assert not thin, thin
    assert len(ROWS) >= 100
    assert sum(1 for r in ROWS if r.get("not_asserted")) >= 15
    assert sum(1 for r in ROWS if r.get("attributed")) >= 8
    assert len({r["domain"] for r in ROWS}) >= 5


def test_table_rows_are_well_formed():
    known = load_rules().schema.properties
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        for key in ("edges", "absent", "not_asserted", "attributed"):
            for item in row.get(key, []):
                assert item[1] in known, (row["id"], item)
        for item in row.get("not_asserted", []):
            assert item[3] in ("negative", "possible", "future", "intended", "conditional"), row["id"]


def test_negated_rows_never_give_plain_edges(results):
    """Every negated or unasserted row is checked for the absence of a plain edge (by check())."""
    rows = [r for r in ROWS if r.get("not_asserted")]
    assert rows
    stated = [p for r in rows for p in results[r["id"]].problems if "stated as a fact" in p]
    assert not stated, stated


def test_confidence_file_is_measured_on_this_table(results):
    counts = calibrate.measure(results.values())
    current = shipped_folder().joinpath("patterns", "confidence.tsv").read_text(encoding="utf-8")
    expected = calibrate.render(counts, "tests/data/relation_table.jsonl")
    assert current == expected, "run: python -m kg.tools.calibrate tests/data/relation_table.jsonl"
