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


Rule = Callable[[Mention, list[Mention], Schema], Mention | None]


def _surname(m: Mention, ordered: list[Mention], schema: Schema) -> Mention | None:
    words = m.name.split()
    fits = [o for o in ordered if o.cls == "Person" and len(o.name.split()) > len(words)
            and o.name.split()[-len(words):] == words]
    if not fits:
        return None
    before = [o for o in fits if o.start < m.start]
    return before[-1] if before else fits[0]


def _part(m: Mention, ordered: list[Mention], schema: Schema) -> Mention | None:
    words = m.name.lower().split()
    coarse = schema.coarse
    if coarse(m.cls) != "Organization" or len(words) < 2:
        return None
    for o in ordered:
        longer = o.name.lower().split()
        if o is m or o.cls == "GroupActor" or len(longer) <= len(words) or coarse(o.cls) != "Organization":
            continue
        if longer[0] == words[0] and longer[-1] == words[-1] and _in_order(words, longer):
            return o
    return None


def _in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


RULES: dict[str, Rule] = {"surname": _surname, "part": _part}


def local_merges(mentions: tuple[Mention, ...], schema: Schema) -> list[LocalMerge]:
    """For every mention of one document that a rule re-points, the mention whose name it takes."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out = []
    for m in ordered:
        if m.key or m.cls == "GroupActor" or m.source in ("acronym", "definite"):
            continue
        for reason, rule in RULES.items():
            target = rule(m, ordered, schema)
            if target is not None and target.name != m.name:
                out.append(LocalMerge(m, target, reason))
                break
    return out
