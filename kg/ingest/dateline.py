"""What the top of a news file says about the article: datelines ("CAIRO, March 3, 2024 (Reuters) - …"),
and the header lines that copies of wire stories, feeds and saved pages carry before the story:

    date 2023-12-26 [Source: Reuters]          Published: 5 March 2024 10:32 GMT
    By Jane Doe, Reuters, 3 March 2024          By John Smith | Associated Press | March 5, 2024
    Source: Al Jazeera                          Tue 5 Mar 2024 10.00 GMT
    GAZA –                                      NEW YORK, March 5, 2024 /PRNewswire/ --

kg reads the date and outlet from them when the input's metadata has none (kg.ingest resolves a date
without its year, "Nov. 3", or a relative one, "yesterday", against the input's reference date), and
keeps their dates from being taken for the dates of the events the story reports (kg.extract.dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_OUTLET = r"(?:\((?P<outlet>[^()\n]{1,40})\)|/(?P<wire>[A-Za-z][^/\n]{0,38})/)"
_DATELINE = re.compile(
    rf"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})?)\s*,?\s*"
    rf"(?P<date>{_DATE})?\s*{_OUTLET}?\s*[-–—]{{1,2}}\s")
# a place alone before a dash that ends its line ("GAZA –"): inline, "LONDON — Britain said" is a sentence
_PLACE_LINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?)"
                         r"\s*[-–—]{1,2}[ \t]*$")


@dataclass(frozen=True)
class Dateline:
    place: str
    date: str  # as written, "" when absent
    outlet: str  # "" when absent
    end: int  # offset of the first character after the dateline


def dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, if any: a place in capitals followed by a date, an outlet in
    brackets (or between slashes, ``/PRNewswire/``), or both, then a dash; a place in capitals and its
    country or state before a dash ("KAMPALA, Uganda -- "); or a place alone before a dash that ends the
    line ("LONDON — Britain said" is a sentence)."""
    m = _DATELINE.match(text)
    if m and (m.group("date") or m.group("outlet") or m.group("wire") or _with_country(m.group("place"))):
        outlet = (m.group("outlet") or m.group("wire") or "").strip()
        return Dateline(m.group("place").strip(), m.group("date") or "", outlet, m.end())
    line = _PLACE_LINE.match(text.split("\n", 1)[0])
    if line:
        return Dateline(line.group("place").strip(), "", "", line.end())
    return None


def _with_country(place: str) -> bool:
    """"KAMPALA, Uganda", "ALBANY, N.Y.": a city in capitals, then its country or state as written in
    running text (not a second word in capitals: "NATO, EU — a fraught partnership" is a headline)."""
    _, comma, country = place.partition(",")
    return bool(comma) and any(ch.islower() or ch == "." for ch in country)


def dateline_end(text: str) -> int:
    found = dateline(text[:200])
    return found.end if found else 0


# ---- header lines ---------------------------------------------------------------------------------------

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = (r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
         r"(?:\s*(?:GMT|UTC|[ECMP][SD]?T|CET|CEST|BST|IST|AST|[+-]\d{2}:?\d{2}|Z)\b)?")
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DAYS = rf"(?:{_WEEKDAY}\s*)?(?:{_ISO}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|" \
        rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?|today|yesterday)"
_WHEN = rf"(?P<when>{_DAYS}(?:\s*(?:,|at|-|–)?\s*{_TIME})?)"
_LABEL = r"(?:date[d]?|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|first\s+published|" \
         r"filed|issued)"
_SOURCE_TAG = r"\[\s*(?:source|via)\s*:\s*(?P<tag>[^\]\n]{1,60})\]"
_LABELLED = re.compile(rf"\A\s*{_LABEL}\s*:?\s*{_WHEN}\.?\s*(?:{_SOURCE_TAG})?\s*\Z", re.IGNORECASE)
_SOURCE = re.compile(r"\A\s*\[?\s*(?:source|via|publisher|published\s+by)\s*:\s*(?P<outlet>[^\]\n|]{1,60}?)\s*\]?\s*\Z",
                     re.IGNORECASE)
_DATE_ONLY = re.compile(rf"\A\s*{_WHEN}\s*(?:[|·•]\s*(?P<outlet>[A-Z][^|\n\d]{{0,50}}?))?\s*\Z", re.IGNORECASE)
_BYLINE = re.compile(r"\A\s*By\s+(?P<rest>[A-Z][^\n]{1,160})\Z")
_OUTLET_WORDS = re.compile(r"\A(?:the\s+)?[A-Z][\w&'.\-]*(?:\s+[A-Z][\w&'.\-]*){0,4}\Z")
_STAFF = re.compile(r"\s+(?:Staff|staff|Reporters?|Correspondents?|Newsroom)\Z")
MAX_LINES = 8  # non-blank lines looked at before the story must have begun
MAX_TITLE = 160  # a longer line before any header line is the story, not a headline


@dataclass(frozen=True)
class Header:
    """What the top of a text says: ``date`` as written ("" when none), ``outlet``, ``place``, and the
    character spans of the header lines and dateline (their dates date the article, not its events).
    ``credit``: the agency the dateline itself names ("CAIRO (Reuters) -"), even below a source line
    naming the outlet that carries the story."""

    date: str = ""
    outlet: str = ""
    place: str = ""
    spans: tuple[tuple[int, int], ...] = ()
    credit: str = ""

    def holds(self, start: int, end: int) -> bool:
        """True when the characters ``start``-``end`` lie within a header line or the dateline."""
        return any(a <= start and end <= b for a, b in self.spans)


def header(text: str) -> Header:
    """The header lines and dateline at the top of ``text`` (front matter already blanked): labelled date
    lines, source lines, bylines, date lines, then a dateline opening the story. The first date and the
    first outlet found win."""
    date = outlet = place = credit = ""
    spans: list[tuple[int, int]] = []
    seen = titles = 0
    offset = 0
    for line in text[:4000].split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > MAX_LINES:
            break
        found = _header_line(line)
        if found is not None:
            date, outlet = date or found[0], outlet or found[1]
            spans.append((start, start + len(line)))
            continue
        line_dateline = dateline(line)
        if line_dateline is not None:
            date, outlet = date or line_dateline.date, outlet or line_dateline.outlet
            place, credit = line_dateline.place, line_dateline.outlet
            spans.append((start, start + line_dateline.end))
            break
        titles += 1  # a headline, a kicker: allowed before the header lines, not more than two
        if titles > 2 or len(line) > MAX_TITLE:
            break
    return Header(date, outlet, place, tuple(spans), credit)


def _header_line(line: str) -> tuple[str, str] | None:
    """(date as written, outlet) of a header line, or None for any other line."""
    if len(line) > 200:
        return None
    m = _LABELLED.match(line)
    if m:
        return m.group("when").strip(), (m.group("tag") or "").strip()
    m = _SOURCE.match(line)
    if m and _OUTLET_WORDS.match(m.group("outlet").strip()):
        return "", m.group("outlet").strip()
    m = _DATE_ONLY.match(line)
    if m:
        return m.group("when").strip(), (m.group("outlet") or "").strip()
    m = _BYLINE.match(line)
    if m:
        return _byline(m.group("rest"))
    return None


def _byline(rest: str) -> tuple[str, str] | None:
    """"Jane Doe, Reuters, 3 March 2024" or "John Smith | AP | March 5, 2024": the author first, then an
    outlet and a date in any order; "Reuters Staff" is the outlet itself."""
    parts = [p.strip() for p in re.split(r"\s*[,|·•]\s*(?=[A-Z0-9])|\s+-\s+", rest) if p.strip()]
    if not parts:
        return None
    date = outlet = ""
    staff = _STAFF.search(parts[0])
    if staff:
        outlet = parts[0][:staff.start()]
    parts = _rejoined_dates(parts[1:])
    for part in parts:
        when = re.fullmatch(_WHEN, part, re.IGNORECASE)
        if when and not date:
            date = part
        elif _OUTLET_WORDS.match(part) and not outlet and not re.search(r"\d", part):
            outlet = part
        else:
            return None  # not a byline of author, outlet and date: a sentence that starts with "By"
    return date, outlet


def _rejoined_dates(parts: list[str]) -> list[str]:
    """Parts split at the comma of "March 5, 2024" joined again."""
    out: list[str] = []
    for part in parts:
        if out and re.fullmatch(r"\d{4}", part) and re.search(r"\d{1,2}(?:st|nd|rd|th)?\s*$", out[-1]):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out
