"""Standing relations a construction of English states by itself, with no event word: roles in apposition
("X, a spokesman for Y"), organisations in places ("the University of Ghana in Accra", "a Lagos-based
bank", datelines), places in places ("Tema, Ghana"). Each construction is a function of this module's
READERS table, run once per sentence after mentions are found."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span

from kg.extract.mentions import MentionIndex
from kg.model import Relation

# name -> function(text, sentence, index, published) -> relations
Reader = Callable[[str, Span, MentionIndex, str], Iterator[Relation]]
READERS: dict[str, Reader] = {}


def relations(text: str, sent: Span, index: MentionIndex, published: str) -> Iterator[Relation]:
    """Every relation the constructions of READERS find in ``sent``."""
    for read in READERS.values():
        yield from read(text, sent, index, published)
