"""Time expressions ("on Tuesday", "last month", "in 2014", "Nov. 3, 2023") resolved to date intervals
against a reference date (the document's publication date), with dateparser.

Stage-neutral: ingestion reads datelines with it, extraction dates relations with it. Hedge words the
date library does not read ("early", "mid-") are rewritten first with the table ``hedges`` (the rules'
``lexicons/date_hedges.tsv``); without a reference date only expressions that name a year are read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_SHIFTED = re.compile(r"\b(last|next|previous|ago|coming)\b", re.IGNORECASE)
_DECADE = re.compile(r"(?:the\s+)?((?:1[89]|20)\d)0s", re.IGNORECASE)
# Words whose date is the same number of days from any publication date of the same weekday ("on Tuesday",
# "last week", "three days ago", "yesterday"): read once per weekday and shifted, not once per document.
_UNIT = r"(?:days?|weeks?)"
_DAY_WORD = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|tomorrow"
             rf"|last|next|this|previous|coming|ago|{_UNIT})")
_COUNT = rf"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}})\s+{_UNIT}"
_WEEKLY = re.compile(rf"(?:{_COUNT}|{_DAY_WORD})(?:\s+(?:{_COUNT}|{_DAY_WORD}))*", re.IGNORECASE)
# Words that name a month counted from the publication date's month ("last month"): read once per month.
_MONTHLY = re.compile(r"(?:last|next|this|previous|coming)\s+month", re.IGNORECASE)
A_MONDAY = datetime(2001, 1, 1)

# (leading words, what to read them as; "" drops them), longest first
Hedges = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class When:
    """A resolved time expression: the words as written and the first and last day it covers."""

    text: str
    start: str  # ISO date
    end: str  # ISO date, equal to start for a single day
    precision: str = "day"  # day, week, month, year or decade: what the words pin down

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def has_year(text: str) -> bool:
    return bool(_YEAR.search(text))


@lru_cache(maxsize=4096)
def resolve(text: str, published: str, future: bool = False, hedges: Hedges = ()) -> When | None:
    """``text`` (a time expression) as a date interval counted from ``published`` (YYYY-MM-DD or ""),
    or None when it cannot be read. ``future``: a planned event, so "Tuesday" is the coming one."""
    words = _rewritten(text.strip(), hedges)
    if not words:
        return None
    decade = _DECADE.fullmatch(words)
    if decade:  # the date library has no decades
        first = int(decade.group(1)) * 10
        return When(text, date(first, 1, 1).isoformat(), date(first + 9, 12, 31).isoformat(), "decade")
    if not published and not _YEAR.search(words):
        return None  # "on Tuesday" with no publication date to count from
    if published and _YEAR.search(words) and not _WEEKDAY.search(words) and not _SHIFTED.search(words):
        return resolve(text, "", False, hedges)  # "August 2022" reads the same from any day: read it once
    base = datetime.fromisoformat(published) if published else datetime(2000, 1, 1)
    found, period = _read(words, base, future, published != "")
    if found is None or found.second or found.microsecond:  # "the 1990s" comes back as a clock time
        return None
    day = found.date()
    if published and abs((day - base.date()).days) == 7 and _WEEKDAY.search(words) and not _SHIFTED.search(words):
        day = base.date()  # "on Sunday" in a paper of Sunday is that day, not a week before
    first, last = _period(day, period)
    return When(text, first.isoformat(), last.isoformat(), period if period in ("day", "week", "month", "year")
                else "day")


def _read(words: str, base: datetime, future: bool, dated: bool) -> tuple[datetime | None, str]:
    """What the date library reads ``words`` as from ``base``, and the period it names. Words counted in
    days from the base (_WEEKLY) are read from a reference day of the base's weekday and shifted by the
    days between the two; words counted in months (_MONTHLY), from the middle of the base's month. The
    library takes a millisecond or two a phrase, and every document has its own publication date."""
    if dated and _WEEKLY.fullmatch(words):
        reference = A_MONDAY + timedelta(days=base.weekday())
        found, period = _read_from(words, reference, future)
        return (None if found is None else found + (base - reference)), period
    if dated and _MONTHLY.fullmatch(words):
        return _read_from(words, base.replace(day=15), future)
    return _read_from(words, base, future)


@lru_cache(maxsize=4096)
def _read_from(words: str, base: datetime, future: bool) -> tuple[datetime | None, str]:
    parsed = _parser(base, future).get_date_data(words)
    return parsed.date_obj, parsed.period or "day"


def _period(day: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def _rewritten(text: str, hedges: Hedges) -> str:
    """``text`` with its leading hedge words rewritten (the longest matching row first)."""
    lowered = text.lower()
    for words, read_as in hedges:
        if lowered == words or lowered.startswith(words + " ") or words.endswith("-") and lowered.startswith(words):
            rest = text[len(words):].strip()
            return f"{read_as} {rest}".strip() if read_as else _rewritten(rest, hedges)
    return text


def warm() -> None:
    """Load the date library and compile its patterns now (a third of a second on first use): a process
    that forks workers calls it first, so they inherit them."""
    resolve("on Tuesday", "2000-01-01")
    resolve("Nov. 3, 2023", "2000-01-01")


@lru_cache(maxsize=64)
def _parser(base: datetime, future: bool):
    from dateparser.date import (
        DateDataParser,  # imported on first use: it takes a while to load
    )

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past"})
