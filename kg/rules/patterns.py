"""Relation patterns (ontology/patterns/relations.jsonl): constructions of English as spaCy
DependencyMatcher patterns plus the roles of their nodes. Each pattern is checked when read, spaCy's own
pattern validation included, so a bad attribute is reported at its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.rules.readers import Strings, Unique, jsonl, one_of
from kg.rules.schema import Schema


@dataclass(frozen=True)
class RelationPattern:
    """A construction of English as a spaCy DependencyMatcher pattern plus the roles of its nodes.

    subject/object name the nodes that hold the actor and the target; trigger names the nodes whose
    lemmas, joined by spaces, form the key looked up in ``lexicon``. A pattern whose structure alone says
    the relation ("Santa Clara, California") gives ``predicate`` instead and uses no lexicon.
    """

    id: str
    description: str
    pattern: tuple[dict, ...]
    subject: str
    object: str
    trigger: tuple[str, ...]
    lexicon: str = "predicates"
    without: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node -> child deps it must lack
    symmetric_only: bool = False  # "talks between X and Y" names two parties, not an actor and a target
    source: str = ""
    predicate: str = ""  # a fixed predicate, for constructions with no trigger word


LEXICONS = ("predicates", "titles")
REQUIRED = {"id": str, "description": str, "pattern": list, "subject": str, "object": str, "trigger": Strings}
OPTIONAL = {"lexicon": str, "without": dict, "symmetric_only": bool, "predicate": str}


def read_patterns(path: Path, schema: Schema) -> tuple[RelationPattern, ...]:
    from spacy.matcher import DependencyMatcher
    from spacy.schemas import validate_token_pattern
    from spacy.vocab import Vocab

    checker = DependencyMatcher(Vocab(), validate=True)
    out = []
    seen = Unique("pattern id")
    for line, row in _rows(path):
        seen.add(row["id"], line)
        nodes = row["pattern"]
        if not all(isinstance(n, dict) for n in nodes) or not nodes:
            raise line.error("'pattern' must be a non-empty list of node objects")
        names = [n.get("RIGHT_ID") for n in nodes]
        for node in nodes:  # spaCy's own check of each node's token attributes, named by its RIGHT_ID
            problems = validate_token_pattern([node.get("RIGHT_ATTRS", {})])
            if problems:
                raise line.error(f"spaCy rejects the pattern: node '{node.get('RIGHT_ID')}' "
                                 + "; ".join(_spacy_reason(p) for p in problems))
        try:
            checker.add(row["id"], [nodes])
        except Exception as err:  # noqa: BLE001  (spaCy raises MatchPatternError, ValueError, KeyError…)
            raise line.error(f"spaCy rejects the pattern: {str(err).splitlines()[0]}") from None
        for role in (row["subject"], row["object"], *row["trigger"]):
            if role not in names:
                raise line.error(f"'{role}' is not a node (RIGHT_ID) of the pattern")
        one_of(line, "lexicon", row.get("lexicon", "predicates"), LEXICONS)
        without = row.get("without", {})
        for node, deps in without.items():
            if node not in names:
                raise line.error(f"'without' names '{node}', not a node of the pattern")
            if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
                raise line.error(f"'without' of '{node}' must be a list of dependency labels")
        out.append(RelationPattern(
            id=row["id"], description=row["description"], pattern=tuple(nodes), subject=row["subject"],
            object=row["object"], trigger=tuple(row["trigger"]), lexicon=row.get("lexicon", "predicates"),
            without={k: tuple(v) for k, v in without.items()}, symmetric_only=bool(row.get("symmetric_only")),
            source=str(line), predicate=schema.predicate(line, row["predicate"]) if "predicate" in row else ""))
    return tuple(out)


def _rows(path: Path):
    for line, row in jsonl(path, REQUIRED, OPTIONAL):
        if not row["trigger"] and "predicate" not in row:
            raise line.error("a pattern needs trigger nodes or a fixed 'predicate'")
        yield line, row


def _spacy_reason(problem: str) -> str:
    """"[pattern -> 0 -> POS -> INN] Extra inputs…" -> "POS -> INN: Extra inputs…"."""
    found = re.fullmatch(r"\[pattern -> 0(?: -> (.*))?\] (.*)", problem.strip())
    return f"{found.group(1)}: {found.group(2)}" if found and found.group(1) else problem
