"""Within one document: a short or partial name to the fuller name it stands for.

Each rule is a function in ``RULES`` looked up by name; every rule sees the document's mentions in text
order and proposes, for a mention, an earlier (or, for surnames, any) mention of the same document
whose name it stands for. The first rule that answers wins. Gazetteer names and group actors are never
re-pointed: the gazetteer already knows them. (Acronyms the text defines, "Palestinian Islamic Jihad
(PIJ)", and definite short forms, "the Strip" after "Gaza Strip", are read when mentions are found:
kg/extract/mentions.py.)

- surname: "Haniyeh" -> "Ismail Haniyeh" (the nearest full name ending with it; persons only)
- part: "Ibn-Taymiya Center" -> "Ibn-Taymiya Media Center" (an organisation name whose words, first and
  last included, all occur in order in a longer organisation name)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from kg.model import Mention
from kg.rules import Schema


@dataclass(frozen=True)
class LocalMerge:
    """Mention ``mention`` stands for the name of ``target`` (both of one document), by ``reason``."""

    mention: Mention
    target: Mention
    reason: str


class Mentions:
    """The mentions of one document in text order, with the indexes the rules look names up in (built
    on first use), so each rule's lookup costs the names that fit, not the whole document."""

    def __init__(self, mentions: tuple[Mention, ...], schema: Schema) -> None:
        self.ordered = sorted(mentions, key=lambda m: (m.start, m.end))
        self.schema = schema
        self._endings: dict[tuple[str, ...], list[Mention]] | None = None
        self._ends: dict[tuple[str, str], list[Mention]] | None = None

    def persons_ending_with(self, words: list[str]) -> list[Mention]:
        """Person mentions of more words than ``words`` whose last words they are, in text order."""
        if self._endings is None:
            self._endings = {}
            for o in self.ordered:
                if o.cls == "Person":
                    name = o.name.split()
                    for n in range(1, len(name)):
                        self._endings.setdefault(tuple(name[-n:]), []).append(o)
        return self._endings.get(tuple(words), [])

    def organisations_framed_by(self, first: str, last: str) -> list[Mention]:
        """Organisation mentions (no group actors) whose lower-case names start with ``first`` and end
        with ``last``, in text order."""
        if self._ends is None:
            self._ends = {}
            for o in self.ordered:
                words = o.name.lower().split()
                if words and o.cls != "GroupActor" and self.schema.coarse(o.cls) == "Organization":
                    self._ends.setdefault((words[0], words[-1]), []).append(o)
        return self._ends.get((first, last), [])


Rule = Callable[[Mention, Mentions], Mention | None]


def _surname(m: Mention, mentions: Mentions) -> Mention | None:
    fits = mentions.persons_ending_with(m.name.split())
    if not fits:
        return None
    before = bisect_left([o.start for o in fits], m.start)  # the nearest full name before, else the first
    return fits[before - 1] if before else fits[0]


def _part(m: Mention, mentions: Mentions) -> Mention | None:
    words = m.name.lower().split()
    if mentions.schema.coarse(m.cls) != "Organization" or len(words) < 2:
        return None
    for o in mentions.organisations_framed_by(words[0], words[-1]):
        longer = o.name.lower().split()
        if o is not m and len(longer) > len(words) and _in_order(words, longer):
            return o
    return None


def _in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


RULES: dict[str, Rule] = {"surname": _surname, "part": _part}


def local_merges(mentions: tuple[Mention, ...], schema: Schema) -> list[LocalMerge]:
    """For every mention of one document that a rule re-points, the mention whose name it takes."""
    indexed = Mentions(mentions, schema)
    out = []
    for m in indexed.ordered:
        if m.key or m.cls == "GroupActor" or m.source in ("acronym", "definite"):
            continue
        for reason, rule in RULES.items():
            target = rule(m, indexed)
            if target is not None and target.name != m.name:
                out.append(LocalMerge(m, target, reason))
                break
    return out
