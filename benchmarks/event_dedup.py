"""Reports of one event counted once: kg's events against a gold of clusters of reports, by B-cubed
precision and recall.

The gold, ``tests/data/event_clusters.jsonl``, is ours: 48 short news reports (one document each, with
its publication date and outlet) of 19 events, written for this measure. Its traps are the ones event
data gets wrong: one dyad and type on two days (e01/e02, e04/e05, e16/e17), the same day but the other
direction (e01/e03) or another place (e07/e08), a symmetric and a directed telling of one fight (e10),
names spelt two ways (Haniyeh/Haniya, Zelensky/Zelenskyy), relative dates read against the publication
date ("on Monday" in a paper of Tuesday), a denial, which is no report of the act (e12), a report with
only its month (e13, "In April"), a meeting two papers tell a day apart with no time expression, dated
by their publication (e18), and one told as planned (e19, "will meet", "is expected to meet": a future
event, not the meeting).

Each gold report is a document; kg builds them all together (``kg.api.build``), and the report's
predicted cluster is the kg event of the gold's PLOVER family that its document's evidence belongs to
(a report kg reads no such event from is a cluster of its own: a miss costs recall, not precision).
B-cubed (Bagga and Baldwin 1998) averages, over reports, the share of a report's predicted cluster that
is in its gold cluster (precision) and the share of its gold cluster that is in its predicted cluster
(recall).

    python benchmarks/event_dedup.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from kg.api import build
from kg.config import Settings

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "event_clusters.jsonl"


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predicted(gold: list[dict], events) -> dict[str, str]:
    """Report id -> the id of the kg event it was read into (its own id when none was)."""
    rules_family = _families()
    out = {}
    for report in gold:
        family = rules_family.get(report["family"], report["family"])
        found = [e for e in events if rules_family.get(e.plover, e.plover) == family
                 and any(r.evidence.doc_id == report["id"] for r in e.reports)]
        best = max(found, key=lambda e: (e.mentions, e.id), default=None)
        out[report["id"]] = best.id if best else f"missed:{report['id']}"
    return out


def _families() -> dict[str, str]:
    from kg.rules import load_rules

    return {c.name: c.family for c in load_rules().events.categories.values()}


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of ``found`` (item -> cluster) against ``gold`` (item -> cluster)."""
    by_gold, by_found = defaultdict(set), defaultdict(set)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    for item, cluster in found.items():
        by_found[cluster].add(item)
    p = r = 0.0
    for item in gold:
        same = by_gold[gold[item]] & by_found[found[item]]
        p += len(same) / len(by_found[found[item]])
        r += len(same) / len(by_gold[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def measure(path: Path = GOLD, verbose: bool = False) -> dict:
    gold = read_gold(path)
    with tempfile.TemporaryDirectory(prefix="kg-events-") as tmp:
        resolved, _ = build([path], Settings(out=Path(tmp), formats=("turtle",), progress=False))
    found = predicted(gold, resolved.events)
    truth = {g["id"]: g["event"] for g in gold}
    p, r, f = bcubed(truth, found)
    read = sum(1 for v in found.values() if not v.startswith("missed:"))
    if verbose:
        for g in gold:
            print(f"{g['id']}  gold {g['event']}  kg {found[g['id']][-8:]}  {g['text'][:90]}")
    return {"reports": len(gold), "gold_events": len(set(truth.values())), "reports_read": read,
            "kg_events": len({v for v in found.values() if not v.startswith('missed:')}),
            "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3), "bcubed_f1": round(f, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("-v", "--verbose", action="store_true", help="list each report with its gold and kg event")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.gold, args.verbose), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
