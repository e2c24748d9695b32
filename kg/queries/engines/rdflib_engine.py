"""rdflib's SPARQL engine: every query form (SELECT, ASK, CONSTRUCT, DESCRIBE), on any graph kg exports."""

from __future__ import annotations

from pathlib import Path

from kg.queries import ENGINES, LOCAL, QueryOptions, dataset, run, table


@ENGINES.register("rdflib")
def run_rdflib(query: str, path: Path, output: str = "table", options: QueryOptions = LOCAL) -> str:
    """Run ``query`` with rdflib on the graph at ``path``, read as a store holds it (kg.queries.dataset);
    rows printed as ``output`` (table, csv or json); a CONSTRUCT or DESCRIBE result is printed as Turtle."""
    result = run(query, dataset(path), options.allow_remote)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")
    if output == "table":
        return table(result) + "\n"
    return result.serialize(format=output).decode("utf-8")
