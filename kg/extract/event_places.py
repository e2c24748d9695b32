"""Where the sentence puts an event: the place an "in", "at" or "near" phrase of its predicate names
("met in Cairo", "an attack in North Sinai", "carried out a raid near Rafah", "clashed in the town of
El Arish"). The event model (kg/resolve/events.py) takes it, else the document's dateline.

The phrase may hang on the predicate itself, on the light verb an event noun is the object of ("held
talks in Doha"), or on the event noun a light verb takes ("launched an attack in X"); a place noun before
"of" stands for the place it names ("the town of El Arish"); a direction before the name is part of the
place ("in southern Lebanon"). The event's own target is no place of it ("fired rockets at Israel").
After "near" and "outside" any name is a place, whatever the tagger made of it ("near Avdiivka")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.extract.mentions import MentionIndex
from kg.model import Mention

PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
NEAR = frozenset({"near", "outside"})
DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                        "west", "northeastern", "northwestern", "southeastern", "southwestern"})
_NOUNS = ("NOUN", "PROPN")


def event_place(trigger: Token, index: MentionIndex, target: Token | None = None) -> Mention | None:
    """The place mention of the nearest "in"/"at"/"near" phrase of ``trigger``'s predicate, or None.
    ``target``: the event's target token, never its place."""
    heads = [trigger]
    if trigger.pos_ in _NOUNS and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "held talks in Doha"
    heads += [c for c in trigger.children if c.dep_ in ("dobj", "obj") and c.pos_ in _NOUNS]  # "an attack in X"
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPOSITIONS:
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (target is None or pobj.i != target.i):
                    found = _place(pobj, index, prep.lower_ in NEAR)
                    if found is not None:
                        return found
    return None


def _place(tok: Token, index: MentionIndex, near: bool) -> Mention | None:
    m = index.at(tok)
    if m is None and tok.pos_ == "NOUN":  # "the town of El Arish", "the city of Rafah"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                m = next((index.at(o) for o in prep.children if o.dep_ == "pobj" and index.at(o)), None)
    if m is None or not (near or index.rules.schema.is_a(m.cls, "Location")):
        return None
    way = [c for c in tok.lefts if c.dep_ == "amod" and c.lower_ in DIRECTIONS]
    if way and way[0].idx < m.start:  # "southern Lebanon": the region, not the country
        text = index.text[way[0].idx:m.end] if index.text else f"{way[0].text} {m.text}"
        return replace(m, text=text, start=way[0].idx)
    return m
