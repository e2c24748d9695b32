"""Rule confidence measured on a table of sentences with the edges they state.

A table row (JSON Lines) has "text" and lists of edges by name: "edges" (stated as facts), "absent"
(must not be stated), "not_asserted" (negated, possible, future, intended or conditional, 4th item the
kind), "attributed" (4th item who reports it). ``check`` runs kg on a row and says what is wrong;
``measure`` counts, per rule, how many of the edges it produced the table confirms, and ``write``
stores that share as the rule's confidence in ontology/patterns/confidence.tsv:

    python -m kg.tools.calibrate tests/data/relation_table.jsonl

Names in a row are matched against an entity's label and every surface form seen; an unnamed group
("Egyptian officials") also answers to the names of what it belongs to, as the scorer credits it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.common.names import clean_name
from kg.model import ResolvedGraph
from kg.rules import Gazetteer, Rules, load_rules, shipped_folder

_UPWARD = ("partOf", "memberOf", "leaderOf")
_LINK_RULES = {"group_actor"}  # group -> owner links come from the group lexicon, not from a construction


def load_rows(path: str | Path) -> list[dict]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row.setdefault("id", f"line {n}")
            rows.append(row)
    return rows


def _norm(name: str, gazetteer: Gazetteer) -> str:
    """Lower case, possessives and determiners dropped, nationality words read as their country."""
    demonyms = gazetteer.by_demonym
    gaz = gazetteer.entries
    words = [gaz[demonyms[w]].name.lower() if w in demonyms else w for w in clean_name(name).lower().split()]
    return " ".join(words)


def _same(a: str, b: str) -> bool:
    """Equal, or one name's words a contiguous run of the other's ("Ali Khamenei" in "Ayatollah Ali Khamenei")."""
    if a == b:
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    return len(short) >= 2 and any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


@dataclass
class RowResult:
    row: dict
    problems: list[str] = field(default_factory=list)
    right: Counter = field(default_factory=Counter)  # rule -> evidence the row confirms
    emitted: Counter = field(default_factory=Counter)  # rule -> evidence produced


class _Names:
    """Which row names each entity of a graph answers to."""

    def __init__(self, graph: ResolvedGraph, rules: Rules):
        self.rules = rules
        norm = self.norm
        own = {e.id: {norm(e.label), *(norm(a) for a in (*e.alt_labels, *e.hidden_labels))}
               for e in graph.entities}
        up: dict[str, set[str]] = {}
        for edge in graph.edges:
            if edge.predicate in _UPWARD and any(ev.rule == "group_actor" for ev in edge.evidence):
                up.setdefault(edge.subject, set()).add(edge.object)
        self.names = {}
        for eid, names in own.items():
            names = set(names)
            for owner in up.get(eid, ()):
                names |= own.get(owner, set())
            self.names[eid] = names

    def norm(self, name: str) -> str:
        return _norm(name, self.rules.gazetteer)

    def is_(self, eid: str, name: str) -> bool:
        wanted = self.norm(name)
        return any(_same(wanted, have) for have in self.names.get(eid, set()))


def _matches(names: _Names, s: str, p: str, o: str, want: tuple[str, str, str]) -> bool:
    schema = names.rules.schema
    ws, wp, wo = want
    if wp not in schema.property_ancestors(p):
        return False
    if names.is_(s, ws) and names.is_(o, wo):
        return True
    return wp in schema.symmetric and names.is_(s, wo) and names.is_(o, ws)


def check(row: dict, graph: ResolvedGraph, rules: Rules) -> RowResult:
    """Compare the graph of one row's text with what the row says; fill problems and rule counts."""
    names = _Names(graph, rules)
    result = RowResult(row)
    asserted = [(e.subject, e.predicate, e.object) for e in graph.edges if e.asserted]
    for want in row.get("edges", []):
        if not any(_matches(names, *e, tuple(want)) for e in asserted):
            result.problems.append(f"missing edge {want}")
    for want in row.get("absent", []):
        hits = [e for e in asserted if _matches(names, *e, tuple(want))]
        if hits:
            result.problems.append(f"forbidden edge {want} found as {' '.join(hits[0])}")
    for *want, kind in row.get("not_asserted", []):
        want = tuple(want)
        if any(_matches(names, *e, want) for e in asserted):
            result.problems.append(f"unasserted edge {want} stated as a fact")
        held = [ev for e in graph.edges if _matches(names, e.subject, e.predicate, e.object, want)
                for ev in e.evidence if not ev.asserted]
        if not any(ev.modality == kind or (kind == "negative" and ev.polarity == "negative") for ev in held):
            kinds = sorted({f"{ev.polarity}/{ev.modality}" for ev in held}) or ["nothing"]
            result.problems.append(f"unasserted edge {want} not recorded as {kind} (got {', '.join(kinds)})")
    for *want, source in row.get("attributed", []):
        want = tuple(want)
        evidence = [ev for e in graph.edges if e.asserted and _matches(names, e.subject, e.predicate, e.object, want)
                    for ev in e.evidence]
        if not any((ev.source and names.is_(ev.source, source)) or names.norm(source) in names.norm(ev.source_text)
                   for ev in evidence):
            result.problems.append(f"edge {want} not attributed to {source!r}")
    for want in row.get("former", []):  # a past role: stated as a fact, its evidence marked former
        evidence = [ev for e in graph.edges if e.asserted and _matches(names, e.subject, e.predicate, e.object,
                                                                       tuple(want)) for ev in e.evidence]
        if not evidence:
            result.problems.append(f"missing former edge {want}")
        elif not any(ev.former for ev in evidence):
            result.problems.append(f"edge {want} not marked former")
    for want in row.get("current", []):  # a role the sentence holds now: no evidence says it ended
        if any(ev.former for e in graph.edges if _matches(names, e.subject, e.predicate, e.object, tuple(want))
               for ev in e.evidence):
            result.problems.append(f"current edge {want} marked former")
    stated = [tuple(w) for w in row.get("edges", []) + row.get("former", [])] + [
        tuple(w[:3]) for w in row.get("not_asserted", [])]
    for edge in graph.edges:
        for ev in edge.evidence:
            if ev.rule in _LINK_RULES:
                continue
            result.emitted[ev.rule] += 1
            if any(_matches(names, edge.subject, edge.predicate, edge.object, w) for w in stated):
                result.right[ev.rule] += 1
    return result


def run(rows: Iterable[dict], settings=None) -> list[RowResult]:
    """Build each row's text on its own and check it (the spaCy model loads once)."""
    from kg.api import extract_documents
    from kg.config import Settings
    from kg.model import Document
    from kg.resolve.entities import resolve

    rows = list(rows)
    settings = settings or Settings()
    rules = load_rules(settings.rule_sources)
    docs = [Document(f"{row['id']}.txt", row["text"]) for row in rows]
    results = list(extract_documents(docs, settings))
    return [check(row, resolve([res], rules), rules) for row, res in zip(rows, results)]


def measure(results: Iterable[RowResult]) -> dict[str, tuple[int, int]]:
    """Rule -> (edges the table confirms, edges produced)."""
    right, emitted = Counter(), Counter()
    for r in results:
        right.update(r.right)
        emitted.update(r.emitted)
    return {rule: (right[rule], emitted[rule]) for rule in sorted(emitted)}


def confidence_of(right: int, emitted: int) -> float:
    """Share right with one pseudo-count each way (Laplace), so two lucky rows do not make a certainty."""
    return round((right + 1) / (emitted + 2), 2)


def render(counts: dict[str, tuple[int, int]], table: str) -> str:
    lines = [
        "# rule\tconfidence\tright\temitted",
        f"# Written by `python -m kg.tools.calibrate {table}`; do not edit by hand.",
        "# confidence = (right + 1) / (emitted + 2): the share of the rule's edges that the table confirms.",
        "# A rule missing here gets kg.rules.UNCALIBRATED until the table has rows for it.",
    ]
    lines += [f"{rule}\t{confidence_of(r, n):.2f}\t{r}\t{n}" for rule, (r, n) in counts.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    table = argv[0] if argv else "tests/data/relation_table.jsonl"
    results = run(load_rows(table))
    failed = [r for r in results if r.problems]
    for r in failed:
        print(f"{r.row['id']}: {r.row['text']}")
        for p in r.problems:
            print(f"    {p}")
    counts = measure(results)
    out = shipped_folder() / "patterns" / "confidence.tsv"
    out.write_text(render(counts, table), encoding="utf-8")
    print(f"{len(results) - len(failed)}/{len(results)} rows pass; wrote {out}")
    for rule, (r, n) in counts.items():
        print(f"  {rule:28} {r:3}/{n:<3} -> {confidence_of(r, n):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
