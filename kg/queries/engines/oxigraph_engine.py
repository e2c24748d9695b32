"""Oxigraph's SPARQL engine (Rust): SELECT and ASK on a graph file loaded into an in-memory store."""

from __future__ import annotations

from pathlib import Path

from kg.errors import QueryError
from kg.queries import ENGINES, FORMATS, graph_file, query_text, table_of


@ENGINES.register("oxigraph")
def run_oxigraph(query: str, path: Path, output: str = "table") -> str:
    """Run ``query`` with Oxigraph's SPARQL engine (Rust) on the graph at ``path``, loaded into an
    in-memory Oxigraph store; far faster than rdflib's on large graphs (benchmarks/stores.py). The rows
    are printed as ``output``: table, csv or json (SPARQL results formats). SELECT and ASK only."""
    import pyoxigraph as ox

    text = query_text(query)  # a pack name or file, when called directly
    file = graph_file(path)
    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "json-ld": ox.RdfFormat.JSON_LD, "nquads": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=formats[FORMATS.get(file.suffix.lower(), "turtle")])
        result = store.query(text, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"query failed: {err}") from None
    if isinstance(result, ox.QueryBoolean):
        result_rows = [["true" if bool(result) else "false"]]
        names = ["ask"]
    elif isinstance(result, ox.QuerySolutions):
        if output != "table":
            fmt = ox.QueryResultsFormat.CSV if output == "csv" else ox.QueryResultsFormat.JSON
            return result.serialize(format=fmt).decode("utf-8")
        names = [v.value for v in result.variables]
        result_rows = [[None if row[i] is None else row[i].value for i in range(len(names))] for row in result]
    else:
        raise QueryError("--engine oxigraph runs SELECT and ASK queries; use the rdflib engine for CONSTRUCT "
                         "and DESCRIBE")
    return table_of(names, result_rows)
