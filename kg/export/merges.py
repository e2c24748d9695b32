"""merges.tsv: why names became one entity, one row per merge, for a user to check and, with a
"different" row in an alias file (ontology/aliases.tsv), undo."""

from __future__ import annotations

from rdflib import Graph

from kg.export import register
from kg.model import ResolvedGraph

HEADER = ("entity", "name", "merged_with", "reason", "detail")


@register("merges", "merges.tsv", needs_build=True)
def to_merges(graph: Graph, resolved: ResolvedGraph) -> bytes:
    rows = ["\t".join(HEADER)]
    for m in resolved.merges:
        rows.append("\t".join(_cell(v) for v in (m.entity, m.name, m.into, m.reason, m.detail)))
    return ("\n".join(rows) + "\n").encode("utf-8")


def _cell(value: str) -> str:
    return " ".join(value.split())  # no tab or line break inside a cell
