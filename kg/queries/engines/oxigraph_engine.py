"""Oxigraph's SPARQL engine (Rust): SELECT and ASK on a graph file loaded into an in-memory store."""

from __future__ import annotations

from pathlib import Path

from kg.errors import GraphReadError, QueryError
from kg.namespace import KG
from kg.queries import (
    ENGINES,
    FORMATS,
    LOCAL,
    QUAD_FORMATS,
    QueryOptions,
    check_local,
    check_rdf_xml,
    graph_file,
    query_text,
    table_of,
    unreadable,
)

# A graph file without named graphs (Turtle, N-Triples, JSON-LD), split as kg.queries.dataset splits it:
# each document node and its evidence into the graph named by the document.
SPLIT_BY_DOCUMENT = f"""
INSERT {{ GRAPH ?d {{ ?s ?p ?o }} }} WHERE {{ ?s <{KG.document}> ?d . ?s ?p ?o }} ;
INSERT {{ GRAPH ?d {{ ?d ?p ?o }} }} WHERE {{ ?d a <{KG.Document}> ; ?p ?o }} ;
DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH ?d {{ ?s ?p ?o }} }}
"""


@ENGINES.register("oxigraph")
def run_oxigraph(query: str, path: Path, output: str = "table", options: QueryOptions = LOCAL) -> str:
    """Run ``query`` with Oxigraph's SPARQL engine (Rust) on the graph at ``path``, loaded into an
    in-memory Oxigraph store as a SPARQL store holds it (kg.queries.dataset); far faster than rdflib's on
    large graphs (benchmarks/stores.py). The rows are printed as ``output``: table, csv or json (SPARQL
    results formats). SELECT and ASK only."""

    text = query_text(query)  # a pack name or file, when called directly
    store = load_store(graph_file(path))
    check_local(text, {g.value for g in store.named_graphs()}, options.allow_remote)
    try:
        result = store.query(text)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"query failed: {err}") from None
    return printed(result, output)


def load_store(file: Path):
    """An in-memory Oxigraph store holding the graph file ``file``, split by document unless it has named
    graphs of its own. GraphReadError when it is not RDF."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "json-ld": ox.RdfFormat.JSON_LD, "nquads": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}
    fmt = FORMATS.get(file.suffix.lower(), "turtle")
    if fmt == "xml":
        check_rdf_xml(file)
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=formats[fmt])
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphReadError(unreadable(file, fmt, err)) from None
    if fmt not in QUAD_FORMATS:
        store.update(SPLIT_BY_DOCUMENT)
    return store


def printed(result, output: str) -> str:
    """An Oxigraph query result (solutions or boolean) printed as ``output``: table, csv or json."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        if output != "table":
            fmt = ox.QueryResultsFormat.CSV if output == "csv" else ox.QueryResultsFormat.JSON
            return result.serialize(format=fmt).decode("utf-8")
        return table_of(["ask"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QuerySolutions):
        if output != "table":
            fmt = ox.QueryResultsFormat.CSV if output == "csv" else ox.QueryResultsFormat.JSON
            return result.serialize(format=fmt).decode("utf-8")
        names = [v.value for v in result.variables]
        rows = [[None if row[i] is None else row[i].value for i in range(len(names))] for row in result]
        return table_of(names, rows)
    raise QueryError("--engine oxigraph runs SELECT and ASK queries; use the rdflib engine for CONSTRUCT "
                     "and DESCRIBE")
