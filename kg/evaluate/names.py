"""How a name in the graph is compared with a name in the gold.

Two levels, both insensitive to what news spelling varies and annotators disagree on:

- :func:`normal` folds case and accents, reads dotted initials as letters ("U.N." = "UN"), drops
  possessive endings ("Hamas'", "Egypt's"), double quotes and a leading "the", and makes dashes spaces.
  Names that agree after it are the same name (the independent scorer's rule, ../shared/eval/score.py).
- :func:`compact` goes further for sentence-level gold, whose mentions are cut from running text: full
  stops and apostrophes dropped, any other punctuation a space ("Dayton, Ohio" = "Dayton Ohio").

:func:`name_match` says how well a set of names matches a gold text: equal, or one containing the other
as whole words (the shorter at least two characters), so "Javad Zarif" stands for "Foreign Minister
Mohammad Javad Zarif" and "Syria" for "Syria, Iraq and Jordan".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_INITIAL = re.compile(r"\b(\w)\.(?=\w\.|\s|$)")  # the "U." of "U.N.", the "S." of "U.S. forces"
_POSSESSIVE = re.compile(r"'s\b|s'(?=\s|$)|'(?=\s|$)")
_SINGLE_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_DOUBLE_QUOTES = re.compile(r"[\"\u201c\u201d]")
_DASHES = re.compile(r"[-\u2010\u2011\u2013\u2014]")

EQUAL, CONTAINED = 2, 1  # levels of name_match


def normal(text: str) -> str:
    """``text`` as names are compared: "The U.N.'s Security Council" -> "un security council"."""
    t = unicodedata.normalize("NFKD", str(text))
    t = unicodedata.normalize("NFKC", "".join(c for c in t if not unicodedata.combining(c))).lower()
    t = _INITIAL.sub(r"\1", t).translate(_SINGLE_QUOTES)
    t = _POSSESSIVE.sub(lambda m: "s" if m.group(0) == "s'" else "", t)  # "ministers'" keeps its s
    t = _DASHES.sub(" ", _DOUBLE_QUOTES.sub("", t))
    t = " ".join(t.split()).strip(" .,;:")
    return t.removeprefix("the ")


def compact(text: str) -> str:
    """:func:`normal`, then full stops and apostrophes dropped and other punctuation made spaces:
    "U.S" = "U.S." = "US", "'Abbas" = "Abbas", "Dayton, Ohio" = "Dayton Ohio"."""
    t = re.sub(r"[.'\u2019`\u00b4]", "", normal(text))
    return " ".join(re.sub(r"[^\w\s]", " ", t).split())


def name_match(names: Iterable[str], text: str) -> int:
    """EQUAL when one of ``names`` is ``text`` (after :func:`compact`), CONTAINED when one contains the
    other as whole words (the shorter side at least two characters), 0 otherwise."""
    gold = compact(text)
    if not gold:
        return 0
    best = 0
    for name in names:
        name = compact(name)
        if not name:
            continue
        if name == gold:
            return EQUAL
        short, long = sorted((name, gold), key=len)
        if len(short) >= 2 and f" {short} " in f" {long} ":
            best = CONTAINED
    return best
