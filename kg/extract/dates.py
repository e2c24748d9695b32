"""When an event happened: the time expression of a relation's clause ("on Tuesday", "last month",
"in 2014") resolved to a date interval against the document's publication date.

spaCy's NER finds the expressions (DATE entities); dateparser reads them. An expression belongs to a
relation when it hangs off the trigger (or, for a noun trigger, the verb that governs it) with no other
verb in between, so in "X said on Tuesday that Y met Z" Tuesday dates the saying, not the meeting.
Without a publication date only expressions that name their year are resolved."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from kg.common.timex import Hedges, When, resolve
from kg.ingest.dateline import Header, header
from kg.nlp import HEADER_KEY, HEADER_TOKENS

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_VERBS = ("VERB", "AUX")


def when(trigger: Token, published: str, future: bool = False, hedges: Hedges = ()) -> When | None:
    """The time expression that dates the clause of ``trigger``, resolved against ``published``
    (YYYY-MM-DD or ""). ``future``: the relation is planned, so "Tuesday" is the coming one;
    ``hedges``: the rules' date hedges (kg.common.timex)."""
    anchors = {trigger.i}
    # the date may hang off the light verb of a noun trigger ("held talks on Tuesday") or off the first of
    # two conjoined verbs ("In 2014, X annexed … and met …")
    if trigger.pos_ in ("NOUN", "PROPN") or trigger.dep_ == "conj" and trigger.head.pos_ in _VERBS:
        anchors.add(trigger.head.i)
    dates = _dates_in(trigger.sent)
    if not dates:
        return None
    top = header_of(trigger.doc)  # "CAIRO, March 3 (Reuters) -" dates the report, not the event
    for ent in sorted(dates, key=lambda e: abs(e.root.i - trigger.i)):
        if not top.holds(ent.start_char, ent.end_char) and not _is_duration(ent) and _dates(ent.root, anchors):
            found = resolve(ent.text, published, future, hedges)
            if found:
                return found
    return None


def _dates_in(sent: Span) -> list[Span]:
    """The DATE entities of sentence ``sent``. ``Span.ents`` walks every entity of the document (and
    ``Doc.ents`` every token) on each call, so the document's are listed once and looked up by offset."""
    doc = sent.doc
    found = doc.user_data.get("kg_dates")
    if found is None:
        found = doc.user_data["kg_dates"] = ([e.start for e in doc.ents if e.label_ == "DATE"],
                                             [e for e in doc.ents if e.label_ == "DATE"])
    starts, ents = found
    first = bisect_left(starts, sent.start)
    return [e for e in ents[first:bisect_left(starts, sent.end)] if e.end <= sent.end]


def header_of(doc: Doc) -> Header:
    """The header lines and dateline of a parsed document, as kg's pipeline found them while parsing
    (kg.nlp.paragraph_breaks), or read once here for a Doc another pipeline made (``Doc.text`` joins
    every token: reading it for each relation made extraction quadratic in the document's length)."""
    found = doc.user_data.get(HEADER_KEY)
    if found is None:
        found = doc.user_data[HEADER_KEY] = header(doc[:HEADER_TOKENS].text)
    return found


def _dates(root: Token, anchors: set[int]) -> bool:
    """True when ``root`` reaches an anchor going up the tree without passing another verb."""
    tok = root
    for _ in range(6):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.i in anchors:
            return True
        if tok.pos_ in _VERBS:
            return False
    return False


def _is_duration(ent: Span) -> bool:
    """"two years", "65-year-old", "decades": a length of time, not a point in it."""
    if any(t.lower_ == "ago" for t in ent):
        return False
    first = ent[0]
    counted = (first.like_num or first.lower_ in ("a", "an")) and not _YEAR.fullmatch(first.text) and len(ent) > 1
    return counted or "-year-old" in ent.text.lower() or ent.root.lower_ in ("decades", "years", "months")
