"""Actor country codes and PLOVER categories of kg's events, measured on the PLOVER gold-standard
records (the CAMEO manual's example sentences, PLOVER-coded by the Open Event Data Alliance; CC BY-SA
4.0; read from ../shared/eval/plover/PLOVER_GSR_CAMEO.json and never copied into the project).

Each record's sentence is one document (its id the record's id, its date the record's date, so actors are
coded as of that day), built alone with ``kg.api.build`` (as ``kg evaluate`` builds sentence-level gold:
322 unrelated sentences built together would merge namesakes across them). A record is *found* when one of the
events kg reads from its document has a source actor standing for one of the record's source actors and,
when the record names a recipient, a target standing for one of its recipients (either way round: PLOVER
lists both parties of a meeting as sources). "Standing for" is kg evaluate's name match
(kg.evaluate.names: a name of the entity, or of a body it is part of, equal to or containing the actor
text). When several events fit, the best name match wins, then the one with the record's category, as
``kg evaluate`` picks among edges.

On the found records:

- **source / target country right**: the code of kg's actor (its ISO 3166-1 alpha-3 country as of the
  date, or for an international actor its CAMEO type, IGO, NGO…) equals the code of the record's actor
  it stands for (the record's ``code``: ISO alpha-3 or a non-state code; CAMEO's own JAP, ITL and VTN
  read as ISO's JPN, ITA and VNM);
- **category right**: the event's PLOVER category equals the record's, compared at the roots kg and the
  gold share (kg.evaluate.plover.root: the record's DEMAND is kg's REQUEST, DISAPPROVE and INVESTIGATE are
  ACCUSE, FIGHT is ASSAULT; CONCEDE and RETREAT, both YIELD).

    python benchmarks/plover_codes.py [PLOVER_GSR_CAMEO.json] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.api import build
from kg.config import Settings
from kg.evaluate.names import name_match
from kg.evaluate.plover import root
from kg.rules import load_rules
from kg.rules.actors import TYPES

GSR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.json"


def records(path: Path) -> list[dict]:
    """The coded records (the file's first record documents the file and is left out)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT" and r.get("text")]


def actors(spec) -> list[dict]:
    return [a for a in (spec if isinstance(spec, list) else []) if isinstance(a, dict) and a.get("actorText")]


# Country codes of CAMEO's own that the records use where ISO 3166-1 has another (kg codes by ISO)
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def gold_code(actor: dict) -> str:
    code = actor.get("code") or ""
    return CAMEO_COUNTRIES.get(code, code)


def code_of(actor) -> str:
    """kg's code of an event actor as PLOVER writes an actor's code: its country, else its CAMEO type."""
    return actor.country or next((s for s in actor.sectors if s in TYPES), "")


class Names:
    """The names an entity goes by, and the bodies it is part or member of (two steps)."""

    def __init__(self, resolved):
        self.names = {e.id: (e.label, *e.alt_labels, *e.hidden_labels) for e in resolved.entities}
        self.up: dict[str, set[str]] = {}
        for edge in resolved.edges:
            if edge.predicate in ("partOf", "memberOf", "leaderOf"):
                self.up.setdefault(edge.subject, set()).add(edge.object)

    def fit(self, entity: str, actor: dict) -> int:
        own = name_match(self.names.get(entity, ()), actor["actorText"])
        if own:
            return own + 2
        ups = self.up.get(entity, set())
        ups |= {x for u in ups for x in self.up.get(u, ())}
        return max((name_match(self.names.get(u, ()), actor["actorText"]) for u in ups), default=0)


def best_match(event, record: dict, names: Names, symmetric: frozenset[str]):
    """(fit, source actor of the record kg's source stands for, its target's, swapped) or None. kg's
    actors are taken the other way round only when the record names both roles (a wrong direction is a
    found event all the same, as kg evaluate counts dyads) or kg's word is symmetric (a meeting)."""
    sources, targets = actors(record.get("source")), actors(record.get("target"))
    options = []
    for swapped in (False, True):
        kg_s, kg_t = (event.target, event.source) if swapped else (event.source, event.target)
        if kg_s is None or swapped and not targets and not any(r.predicate in symmetric for r in event.reports):
            continue
        s_fit, s_actor = max(((names.fit(kg_s.entity, a), -i) for i, a in enumerate(sources)), default=(0, 1))
        s_actor = -s_actor
        if not s_fit:
            continue
        pool = targets or [a for i, a in enumerate(sources) if i != s_actor]
        if pool and kg_t is not None:
            t_fit, t_actor = max(((names.fit(kg_t.entity, a), -i) for i, a in enumerate(pool)), default=(0, 1))
            t_actor = -t_actor
            if not t_fit and targets:
                continue
            options.append((min(s_fit, t_fit) if t_fit else s_fit, sources[s_actor],
                            pool[t_actor] if t_fit and targets else None, swapped))
        elif not targets:
            options.append((s_fit, sources[s_actor], None, swapped))
    return max(options, key=lambda o: (o[0], not o[3]), default=None)


def measure(path: Path = GSR, verbose: bool = False) -> dict:
    gold = records(path)
    counts = Counter()
    with tempfile.TemporaryDirectory(prefix="kg-plover-") as tmp:
        settings = Settings(out=Path(tmp, "out"), formats=("turtle",), progress=False)
        for record in gold:
            counts["records"] += 1
            inputs = Path(tmp, "record.jsonl")
            inputs.write_text(json.dumps({"id": record["id"], "text": record["text"],
                                          "date": record.get("date", "")}) + "\n", encoding="utf-8")
            resolved, _ = build([inputs], settings)
            _judge(record, resolved, counts, verbose)

    def share(a: str, b: str) -> float:
        return round(counts[a] / counts[b], 3) if counts[b] else 0.0

    return {"records": counts["records"], "found": counts["found"], "found_share": share("found", "records"),
            "source_country_right": share("source_right", "source_coded"),
            "target_country_right": share("target_right", "target_coded"),
            "targets_compared": counts["target_coded"],
            "category_right": share("category_right", "found")}


def _judge(record: dict, resolved, counts: Counter, verbose: bool) -> None:
    """Count what the events of ``resolved`` (one record's build) get right of ``record``."""
    names = Names(resolved)
    symmetric = load_rules().schema.symmetric
    fits = [(m, e) for e in (resolved.events or ()) if (m := best_match(e, record, names, symmetric))]
    if not fits:
        return
    top = max(m[0] for m, _ in fits)
    best = [(m, e) for m, e in fits if m[0] == top]
    (_fit, source, target, swapped), event = next(
        ((m, e) for m, e in best if root(e.plover) == root(record["event"])), best[0])
    counts["found"] += 1
    kg_source, kg_target = (event.target, event.source) if swapped else (event.source, event.target)
    right = root(event.plover) == root(record["event"])
    counts["category_right"] += right
    counts["source_coded"] += 1
    s_right = code_of(kg_source) == gold_code(source)
    counts["source_right"] += s_right
    t_right = None
    if target is not None and kg_target is not None:
        counts["target_coded"] += 1
        t_right = code_of(kg_target) == gold_code(target)
        counts["target_right"] += t_right
    if verbose:
        print(f"{record['id']:30s} {record['event']:10s} kg {event.plover:9s} {'ok' if right else '--'}  "
              f"source {source['actorText'][:20]!r} {source.get('code')} kg {kg_source.label[:20]!r} "
              f"{code_of(kg_source) or '-'} {'ok' if s_right else '--'}" + (
                  f"  target {target['actorText'][:20]!r} {target.get('code')} kg {kg_target.label[:20]!r} "
                  f"{code_of(kg_target) or '-'} {'ok' if t_right else '--'}" if t_right is not None else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GSR)
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per found record")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"no PLOVER GSR file at {args.gold}")
    print(json.dumps(measure(args.gold, args.verbose), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
