"""News datelines: "CAIRO, March 3, 2024 (Reuters) - …" at the top of an article says where it was filed,
when and by whom. kg reads the date and outlet from it when the input carries none, and keeps the
dateline's date from being taken for the date of the events the first sentence reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_DATELINE = re.compile(
    rf"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})?)\s*,?\s*"
    rf"(?P<date>{_DATE})?\s*(?:\((?P<outlet>[^()\n]{{1,40}})\))?\s*[-–—]{{1,2}}\s")


@dataclass(frozen=True)
class Dateline:
    place: str
    date: str  # as written, "" when absent
    outlet: str  # "" when absent
    end: int  # offset of the first character after the dateline


def dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, if any: a place in capitals followed by a date, an outlet in
    brackets, or both, then a dash."""
    m = _DATELINE.match(text)
    if not m or not (m.group("date") or m.group("outlet")):
        return None
    return Dateline(m.group("place").strip(), m.group("date") or "", (m.group("outlet") or "").strip(), m.end())


def dateline_end(text: str) -> int:
    found = dateline(text[:200])
    return found.end if found else 0
