"""A Reuters story carried by two outlets (tests/data/wire_story/: our own pair of articles, each with
its outlet's headline, publication line and source line over the same wire text): each fact it reports
is one event, reported by both articles, from one independent source."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import build
from kg.config import Settings

WIRE = Path(__file__).parents[1] / "data" / "wire_story"


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    resolved, report = build([WIRE], Settings(out=tmp_path_factory.mktemp("wire"), formats=("turtle", "events"),
                                              progress=False))
    assert report.documents == 2
    return resolved


@pytest.mark.parametrize("category, actors", [
    ("CONSULT", {"Ismail Haniyeh", "Abbas Kamel"}),
    ("ASSAULT", {"Israel Defense Forces", "Hamas"}),
    ("ACCUSE", {"Qatar", "Israel"}),
])
def test_each_fact_of_the_wire_story_is_one_event_with_two_articles_and_one_source(resolved, category, actors):
    events = [e for e in resolved.events if e.plover == category and {e.source.label, e.target.label} == actors]
    assert len(events) == 1, [(e.plover, e.source.label, e.target.label) for e in resolved.events]
    event = events[0]
    assert (event.articles, event.sources, event.mentions) == (2, 1, 2)
    assert event.outlets == ("Gulf Herald", "Nile Daily")
    assert {r.evidence.doc_id for r in event.reports} == {"gulf_herald.txt", "nile_daily.txt"}
    assert (event.start, event.date_source, event.mode) == ("2024-03-04", "sentence", "asserted")


def test_the_copy_is_known_as_one_and_both_credit_reuters(resolved):
    assert resolved.duplicates == {"gulf_herald.txt": "nile_daily.txt"}
    assert {(d.outlet, d.credit, d.dateline) for d in resolved.documents} == {
        ("Nile Daily", "Reuters", "CAIRO"), ("Gulf Herald", "Reuters", "CAIRO")}


def test_the_attack_is_placed_in_rafah_and_coded(resolved):
    attack = next(e for e in resolved.events if e.plover == "ASSAULT" and e.target.label == "Hamas")
    assert (attack.place.name, attack.place.precision, attack.place.country, attack.place.source) == (
        "Rafah", "city", "PSE", "sentence")
    assert (attack.source.code, attack.target.code, attack.quad, attack.cameo) == ("ISRMIL", "PSEREBHMS", 4, "193")
