"""Alias rulings (ontology/aliases.tsv, then the user's ``--aliases`` files): a user's rulings on pairs of
names that override entity resolution."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.rules.readers import Unique, one_of, tsv


@dataclass(frozen=True)
class AliasRule:
    """"same" merges two names, "different" keeps them apart whatever the resolver thinks. ``where`` is
    file:line, shown in the merge report."""

    ruling: str
    name: str
    other: str
    where: str


ALIAS_RULINGS = ("same", "different")


def read_aliases(paths: list[Path]) -> tuple[AliasRule, ...]:
    out = []
    for path in paths:
        seen = Unique("pair")
        for line, (ruling, name, other) in tsv(path, ("ruling", "name", "other")):
            one_of(line, "ruling", ruling, ALIAS_RULINGS)
            if name == other:
                raise line.error("a ruling needs two different names")
            seen.add(frozenset((name, other)), line)
            out.append(AliasRule(ruling, name, other, f"{path.name}:{line.number}"))
    return tuple(out)
