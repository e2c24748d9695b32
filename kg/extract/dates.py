"""When an event happened: the time expression of a relation's clause ("on Tuesday", "last month",
"in 2014") resolved to a date interval against the document's publication date.

spaCy's NER finds the expressions (DATE entities); dateparser reads them. An expression belongs to a
relation when it hangs off the trigger (or, for a noun trigger, the verb that governs it) with no other
verb in between, so in "X said on Tuesday that Y met Z" Tuesday dates the saying, not the meeting.
Without a publication date only expressions that name their year are resolved."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from kg import rules
from kg.ingest.dateline import dateline_end

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_SHIFTED = re.compile(r"\b(last|next|previous|ago|coming)\b", re.IGNORECASE)
_DECADE = re.compile(r"(?:the\s+)?((?:1[89]|20)\d)0s", re.IGNORECASE)
_VERBS = ("VERB", "AUX")


@dataclass(frozen=True)
class When:
    """A resolved time expression: the words as written and the first and last day it covers."""

    text: str
    start: str  # ISO date
    end: str  # ISO date, equal to start for a single day


def when(trigger: Token, published: str, future: bool = False) -> When | None:
    """The time expression that dates the clause of ``trigger``, resolved against ``published``
    (YYYY-MM-DD or ""). ``future``: the relation is planned, so "Tuesday" is the coming one."""
    anchors = {trigger.i}
    # the date may hang off the light verb of a noun trigger ("held talks on Tuesday") or off the first of
    # two conjoined verbs ("In 2014, X annexed … and met …")
    if trigger.pos_ in ("NOUN", "PROPN") or trigger.dep_ == "conj" and trigger.head.pos_ in _VERBS:
        anchors.add(trigger.head.i)
    dates = [ent for ent in trigger.sent.ents if ent.label_ == "DATE"]
    if not dates:
        return None
    filed = dateline_end(trigger.doc.text)  # "CAIRO, March 3 (Reuters) -" dates the report, not the event
    for ent in sorted(dates, key=lambda e: abs(e.root.i - trigger.i)):
        if ent.start_char >= filed and not _is_duration(ent) and _dates(ent.root, anchors):
            found = resolve(ent.text, published, future)
            if found:
                return found
    return None


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


@lru_cache(maxsize=4096)
def resolve(text: str, published: str, future: bool = False) -> When | None:
    """``text`` (a time expression) as a date interval, or None when it cannot be read."""
    words = _rewritten(text.strip())
    if not words:
        return None
    decade = _DECADE.fullmatch(words)
    if decade:  # the date library has no decades
        first = int(decade.group(1)) * 10
        return When(text, date(first, 1, 1).isoformat(), date(first + 9, 12, 31).isoformat())
    if not published and not _YEAR.search(words):
        return None  # "on Tuesday" with no publication date to count from
    base = datetime.fromisoformat(published) if published else datetime(2000, 1, 1)
    parsed = _parser(base, future).get_date_data(words)
    found = parsed.date_obj
    if found is None or found.second or found.microsecond:  # "the 1990s" comes back as a clock time
        return None
    day = found.date()
    if published and abs((day - base.date()).days) == 7 and _WEEKDAY.search(words) and not _SHIFTED.search(words):
        day = base.date()  # "on Sunday" in a paper of Sunday is that day, not a week before
    first, last = _period(day, parsed.period or "day")
    return When(text, first.isoformat(), last.isoformat())


def _period(day: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def _rewritten(text: str) -> str:
    """``text`` with its leading hedge words rewritten (lexicons/date_hedges.tsv)."""
    lowered = text.lower()
    for words, read_as in _hedges():
        if lowered == words or lowered.startswith(words + " ") or words.endswith("-") and lowered.startswith(words):
            rest = text[len(words):].strip()
            return f"{read_as} {rest}".strip() if read_as else _rewritten(rest)
    return text


@cache
def _hedges() -> tuple[tuple[str, str], ...]:
    rows = [(words.lower(), "" if read_as == "-" else read_as) for words, read_as in rules.date_hedges()]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=64)
def _parser(base: datetime, future: bool):
    from dateparser.date import (
        DateDataParser,  # imported on first use: it takes a while to load
    )

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past"})
