"""Where a sentence puts its event (kg/extract/event_places.py): the place of an "in", "at" or "near"
phrase of the event's predicate, recorded on the evidence with its offsets; never the event's own target."""

from __future__ import annotations

import pytest


def _places(graph, word: str) -> set[str]:
    return {ev.place for e in graph.edges if e.predicate == word for ev in e.evidence}


@pytest.mark.parametrize("text, word, place", [
    ("Hamas leaders met Qatari officials in Doha on Sunday.", "meetWith", "Doha"),
    ("Ismail Haniyeh held talks with Egyptian officials in Cairo.", "consultWith", "Cairo"),
    ("Egypt and Qatar met Hamas negotiators in Cairo to discuss a truce.", "meetWith", "Cairo"),
    ("Israeli forces attacked Hezbollah positions in southern Lebanon on Monday.", "attack", "southern Lebanon"),
    ("Russian forces attacked Ukrainian troops near Bakhmut on Friday.", "attack", "Bakhmut"),
    ("Russia attacked Ukrainian defenders near Avdiivka on Friday.", "attack", "Avdiivka"),
    ("Israeli troops arrested Hamas members in Jenin on Friday.", "detain", "Jenin"),
    ("Sudan's army fought the Rapid Support Forces in Khartoum on Monday.", "fight", "Khartoum"),
])
def test_the_place_of_the_event_is_on_its_evidence(graph_of, text, word, place):
    g = graph_of(text)
    assert place in _places(g, word), [(e.predicate, [ev.place for ev in e.evidence]) for e in g.edges]
    for edge in g.edges:
        for ev in edge.evidence:
            if ev.place:
                assert text[ev.place_start:ev.place_end] == ev.place


@pytest.mark.parametrize("text, word", [
    ("Hezbollah fired rockets at Israel on Monday.", "attack"),  # the target, not the place
    ("Egypt condemned Israel on Tuesday.", "criticize"),  # no place at all
    ("Haniyeh met Abbas, who lives in Ramallah.", "meetWith"),  # a place of something else
])
def test_no_place_where_the_sentence_gives_none(graph_of, text, word):
    g = graph_of(text)
    assert _places(g, word) == {""}, [(e.predicate, [ev.place for ev in e.evidence]) for e in g.edges]
