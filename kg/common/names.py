"""Name normalisation shared by every stage (mentions, resolution, identifiers, the rule tables)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_DETERMINERS = ("the ", "a ", "an ")


def clean_name(text: str) -> str:
    """Surface text -> display name: quotes, leading determiners and possessive endings removed."""
    t = " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())
    t = t.strip(" \"'.,;:()[]")
    lowered = t.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            t = t[len(det):]
            break
    t = re.sub(r"(?:'s|')$", "", t).strip()
    return t


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # resolution, actor coding and the exports key the same names many times over
def slug(text: str) -> str:
    """ASCII lower-case hyphenated form used in IRIs: "Mousa Abu Marzouk" -> "mousa-abu-marzouk"."""
    if not text.isascii():
        t = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in t if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "x"


def match_key(text: str) -> str:
    """Comparison key for names: case, accents, punctuation and spacing ignored."""
    return slug(text).replace("-", " ")


# Spelling classes of romanised names: letters and digraphs that transliterations of one sound swap
# ("Haniyeh"/"Haniya", "Marzouk"/"Marzuq", "Zelensky"/"Zelenskyy", "Mohammed"/"Muhammad").
_SOUNDS = (("ou", "u"), ("oo", "u"), ("o", "u"), ("ee", "i"), ("y", "i"), ("e", "a"), ("q", "k"),
           ("ck", "k"), ("x", "ks"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("w", "u"), ("'", ""))
# Arabic articles and particles that transliterations attach, hyphenate or leave out ("al-Sinwar").
_ARTICLES = {"al", "el", "ul"}


def name_words(name: str) -> list[str]:
    """The words of a name as compared across spellings: hyphens split words, articles dropped
    ("Abdel-Fattah al-Burhan" -> ["Abdel", "Fattah", "Burhan"])."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    kept = [w for w in words if w.lower() not in _ARTICLES]
    return kept or words


def sound_key(word: str) -> str:
    """A romanised word reduced to its spelling class: vowels folded, doubled letters and a final "h"
    after a vowel dropped. Two transliterations of one name usually share it; different names rarely do."""
    k = slug(word).replace("-", "")
    for a, b in _SOUNDS:
        k = k.replace(a, b)
    if len(k) > 2 and k.endswith("h") and k[-2] in "aiu":
        k = k[:-1]
    return re.sub(r"(.)\1+", r"\1", k)
