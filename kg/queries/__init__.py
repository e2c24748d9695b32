"""The query pack: SPARQL files shipped with kg, looked up by name ("who-met-whom"); graph loading; and
the SPARQL engines behind ``kg query``, looked up by name in a registry (kg/queries/engines/: rdflib and
oxigraph on a graph file, endpoint on a SPARQL server; ``auto`` picks one by query form and graph size).

Every engine sees the graph as a SPARQL store holds it after ``kg push sparql``: the default graph has the
ontology, entities, typed edges and assertions; each document's node and evidence are in the named graph
whose name is the document's IRI (as graph.trig keeps them). A graph file in another syntax is split the
same way when it is read (:func:`dataset`). So one query gives the same rows on a graph file, a store
folder and a server, and the pack reaches evidence with ``GRAPH ?doc { … }``.

Queries stay local: a query that calls a ``SERVICE``, or names in ``FROM`` a graph the file does not
hold, is refused unless the caller allows remote access (``allow_remote``); rdflib then also fetches
such ``FROM`` graphs, which it otherwise never does. Graph files are read without fetching anything
either: JSON-LD through Oxigraph's parser, which loads no remote ``@context``, and RDF/XML only without
entity declarations (a kilobyte of nested entities expands to gigabytes) or absurd nesting.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.query import Result

from kg.errors import (
    GraphReadError,
    InputError,
    QueryError,
    UnknownNameError,
    UsageError,
)
from kg.registry import Registry


@dataclass(frozen=True)
class QueryOptions:
    """How a query may run: ``allow_remote`` lets it call SERVICEs and fetch FROM graphs; ``user`` and
    ``password`` authenticate to a server (endpoint engine), where ``timeout`` bounds the whole request."""

    allow_remote: bool = False
    user: str | None = None
    password: str | None = None
    timeout: float = 300


LOCAL = QueryOptions()  # the default: nothing but the graph given
# An engine runs query text on a source (a graph file or folder; a URL for the endpoint engine) and
# returns the rows printed as ``output`` (table, csv, json).
Engine = Callable[[str, "Path | str", str, QueryOptions], str]
ENGINES: Registry[Engine] = Registry("query engine", "query_engines", "kg.queries.engines")
OUTPUTS = ("table", "csv", "json")
LOCAL_ENGINES = ("rdflib", "oxigraph")

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
           ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}


def pack() -> dict[str, Path]:
    """Query name -> file of every query shipped with kg."""
    folder = Path(str(resources.files("kg.queries")))
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def describe(path: Path) -> str:
    """The first comment line of a query file: what it answers."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip()


def query_text(query: str) -> str:
    """``query`` as SPARQL: a pack name, a file, or the query itself."""
    known = pack()
    if query in known:
        return known[query].read_text(encoding="utf-8")
    if query.endswith(".rq") or Path(query).is_file():
        if not Path(query).is_file():
            raise InputError(f"query file not found: {query}")
        return Path(query).read_text(encoding="utf-8")
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise UnknownNameError("query", query, list(known))
    return query


def last_build_file() -> Path:
    """Where kg notes the folder of the last build (the user's cache folder)."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "kg" / "last-build"


def remember_build(folder: Path) -> None:
    """Note ``folder`` as the last build, for ``kg query`` without --graph. Best effort: a read-only home
    only loses the default."""
    try:
        last_build_file().parent.mkdir(parents=True, exist_ok=True)
        last_build_file().write_text(str(Path(folder).resolve()), encoding="utf-8")
    except OSError:
        pass


def last_build() -> Path:
    """The folder of the last build if it still has a graph, else output/."""
    try:
        folder = Path(last_build_file().read_text(encoding="utf-8").strip())
    except OSError:
        return Path("output")
    return folder if folder.is_dir() else Path("output")


def load(path: Path) -> Graph:
    """An exported graph (any RDF format kg writes, by extension) or a store folder made with --into, as
    one graph: a TriG or N-Quads file's named graphs are read as part of it (rdflib's union dataset).

    Raises InputError when there is no graph there and GraphReadError when the file is not RDF (or is
    RDF/XML kg refuses to expand, see the module's docstring)."""
    path = graph_file(path)
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    graph = Dataset(default_union=True) if fmt in QUAD_FORMATS else Graph()
    return _parse_into(graph, path, fmt)


def dataset(path: Path) -> Dataset:
    """The graph at ``path`` as a SPARQL store holds it after ``kg push sparql``: ontology, entities,
    edges and assertions in the default graph, each document's node and evidence in the named graph of
    the document's IRI (TriG and N-Quads files keep theirs; other files are split so). rdflib's dataset,
    its default graph not the union. Raises as :func:`load`."""
    path = graph_file(path)
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    if fmt in QUAD_FORMATS:
        return _parse_into(Dataset(), path, fmt)
    from kg.export.rdf_formats import split_by_document

    return split_by_document(_parse_into(Graph(), path, fmt))


QUAD_FORMATS = ("trig", "nquads")
MAX_XML_DEPTH = 200  # RDF/XML kg or a user writes is a few levels deep


def _parse_into(graph: Graph, path: Path, fmt: str) -> Graph:
    try:
        if fmt == "xml":
            check_rdf_xml(path)
        if fmt == "json-ld":  # Oxigraph's reader: no remote @context is ever fetched
            import pyoxigraph as ox

            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
            named = any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
            if named and not isinstance(graph, Dataset):
                graph = Dataset(default_union=True)
            data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            return graph.parse(data=data, format="nquads" if isinstance(graph, Dataset) else "nt")
        return graph.parse(path, format=fmt)
    except GraphReadError:
        raise
    except Exception as err:  # noqa: BLE001  (rdflib's parsers raise many types)
        raise GraphReadError(unreadable(path, fmt, err)) from None


def unreadable(path: Path, fmt: str, err: Exception) -> str:
    detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
    names = {"nt": "N-Triples", "nquads": "N-Quads", "json-ld": "JSON-LD", "xml": "RDF/XML", "trig": "TriG",
             "turtle": "Turtle"}
    return (f"{path} is not a graph kg can read: it is not {names.get(fmt, fmt)} ({detail}); give a graph kg "
            "exported (graph.trig, graph.ttl, graph.nt, graph.jsonld), a build folder or a store")


def check_rdf_xml(path: Path) -> None:
    """GraphReadError when the RDF/XML file at ``path`` declares entities (or a DOCTYPE that could) or
    nests elements deeper than MAX_XML_DEPTH. One pass of expat, which expands nothing while it checks."""
    import xml.parsers.expat

    def refuse(*_args) -> None:
        raise GraphReadError(f"{path}: RDF/XML with a DOCTYPE or entity declarations is not read (entities "
                             "can expand a small file into gigabytes); remove the DOCTYPE, or export the graph "
                             "as Turtle or N-Triples")

    depth = [0]
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    def start(name: str, attributes: dict) -> None:
        depth[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            raise GraphReadError(f"{path}: RDF/XML nested deeper than {MAX_XML_DEPTH} elements is not read")
        if depth[0] == 1 and not (name.startswith(rdf) or any(a.startswith(rdf) for a in attributes)):
            raise GraphReadError(unreadable(path, "xml", ValueError(
                f"the root element <{name.split(' ')[-1]}> is neither rdf:RDF nor an RDF node")))

    def end(*_args) -> None:
        depth[0] -= 1

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        with path.open("rb") as fh:
            parser.ParseFile(fh)
    except xml.parsers.expat.ExpatError as err:
        raise GraphReadError(unreadable(path, "xml", err)) from None


def graph_file(path: Path) -> Path:
    """The graph file behind ``path``: the file itself, or the graph a build folder or store holds."""
    path = Path(path)
    if path.is_dir():
        path = next((path / name for name in ("graph.trig", "graph.ttl", "graph.nt", "graph.jsonld")
                     if (path / name).is_file()), path / "graph.trig")
    if not path.is_file():
        raise InputError(f"no graph at {path}: run 'kg build' first or pass --graph")
    return path


# Graph files from this size up (about 20,000 triples) are queried with Oxigraph by default (kg query
# --engine auto): rdflib's SPARQL engine takes seconds on some pack queries at 100,000 triples and more
# than five minutes at a million (benchmarks/stores.py).
OXIGRAPH_FROM_BYTES = 2**20


def choose_engine(query: str, path: Path) -> str:
    """``oxigraph`` for a SELECT or ASK query on a graph file of OXIGRAPH_FROM_BYTES or more, else
    ``rdflib`` (which also runs CONSTRUCT and DESCRIBE, and reports a query that does not parse)."""
    from rdflib.plugins.sparql import prepareQuery

    file = graph_file(path)
    if file.stat().st_size < OXIGRAPH_FROM_BYTES:
        return "rdflib"
    try:
        form = prepareQuery(query_text(query)).algebra.name
    except Exception:  # noqa: BLE001  (rdflib's engine reports the error in its own words)
        return "rdflib"
    return "oxigraph" if form in ("SelectQuery", "AskQuery") else "rdflib"


def run(query: str, graph: Graph, allow_remote: bool = False) -> Result:
    """Run ``query`` (pack name, file or SPARQL text) on ``graph`` with rdflib. A query that does not parse
    or run raises QueryError with rdflib's reason; one that would reach beyond ``graph`` (SERVICE, a FROM
    graph it does not hold) raises QueryError unless ``allow_remote``."""
    text = query_text(query)
    check_local(text, graph_names(graph), allow_remote)
    import rdflib.plugins.sparql as rdflib_sparql

    loading = rdflib_sparql.SPARQL_LOAD_GRAPHS
    rdflib_sparql.SPARQL_LOAD_GRAPHS = allow_remote  # else FROM <g> means the graph g of the dataset
    try:
        result = graph.query(text)
        list(result)  # evaluate now, so errors surface here
    except Exception as err:  # noqa: BLE001  (rdflib raises parse and evaluation errors of many types)
        raise QueryError(f"query failed: {err}") from None
    finally:
        rdflib_sparql.SPARQL_LOAD_GRAPHS = loading
    return result


def graph_names(graph: Graph) -> set[str]:
    """The names of the named graphs of ``graph`` (none for a plain Graph)."""
    if not isinstance(graph, Dataset):
        return set()
    default = graph.default_graph.identifier
    return {str(g.identifier) for g in graph.graphs() if g.identifier != default}


def check_local(text: str, local_graphs: set[str], allow_remote: bool = False) -> None:
    """QueryError unless ``allow_remote`` when the query ``text`` calls a SERVICE, or names in FROM or
    FROM NAMED a graph not in ``local_graphs`` (which a query engine would fetch, or read from a file)."""
    if allow_remote:
        return
    services, froms = remote_parts(text)
    if services:
        raise QueryError(f"the query calls SERVICE {', '.join(services)}; kg query keeps queries on the graph "
                         "you give it: pass --allow-remote to let it reach other servers")
    outside = [iri for iri in froms if iri not in local_graphs]
    if outside:
        raise QueryError(f"the query names graphs the graph file does not hold (FROM {', '.join(outside)}), "
                         "which would be fetched from elsewhere; kg query keeps queries local: drop the FROM, "
                         "or pass --allow-remote to fetch them")


@functools.lru_cache(maxsize=64)
def remote_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(SERVICE IRIs or variables, FROM and FROM NAMED IRIs) of the query ``text``, read by rdflib's
    parser; where it cannot parse the query, by a scan of its words (a prefixed FROM name shows as "?")."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        query = translateQuery(parseQuery(text))
    except Exception:  # noqa: BLE001  (a query rdflib cannot read: another engine may; scan it)
        return _scan(text)

    def walk(node) -> Iterator[CompValue]:
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list | tuple):
            for value in node:
                yield from walk(value)

    services = tuple(str(n.get("term")) for n in walk(query.algebra) if n.name == "ServiceGraphPattern")
    froms = tuple(str(d.get("default") or d.get("named")) for d in query.algebra.get("datasetClause") or [])
    return services, froms


# IRIs (kept), strings and comments (blanked), in the order a SPARQL reader meets them
_TOKENS = re.compile(r'(<[^<>"{}|^`\\\s]*>)|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|'
                     r"'(?:\\.|[^'\\\n])*'|#[^\n]*")


def _scan(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = _TOKENS.sub(lambda m: m.group(1) or " ", text)
    services = tuple(m.group(1) for m in re.finditer(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\S+)", words, re.IGNORECASE))
    froms = tuple(m.group(1)[1:-1] if m.group(1).startswith("<") else "?"
                  for m in re.finditer(r"\bFROM\s+(?:NAMED\s+)?(<[^>]*>|\S+)", words, re.IGNORECASE))
    return services, froms


def table(result: Result) -> str:
    """A result as an aligned text table (header, rule, rows)."""
    return table_of([str(v) for v in result.vars or []], [[None if v is None else str(v) for v in row]
                                                            for row in result])


def table_of(names: list[str], values: list[list[str | None]]) -> str:
    rows = [["" if v is None else v for v in row] for row in values]
    widths = [min(max([len(n)] + [len(r[i]) for r in rows]), 60) for i, n in enumerate(names)]

    def line(cells):
        return "  ".join(c[:60].ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(names), line(["-" * w for w in widths]), *map(line, rows)])


def execute(query: str, graph: Path | None = None, engine: str = "auto", output: str = "table", *,
            endpoint: str | None = None, options: QueryOptions = LOCAL) -> str:
    """Run ``query`` (pack name, .rq file or SPARQL text) on the graph at ``graph`` (a file, build folder
    or store) with the engine named ``engine`` ("auto" picks one), or on the SPARQL server at ``endpoint``
    (its query endpoint, by the SPARQL 1.1 Protocol), and print its rows as ``output``."""
    if output not in OUTPUTS:
        raise UnknownNameError("output", output, list(OUTPUTS))
    if endpoint is not None:
        if graph is not None:
            raise UsageError("give a graph file (--graph) or a server (--endpoint), not both")
        if engine not in ("auto", "endpoint"):
            raise UsageError(f"--endpoint runs the query on the server; --engine {engine} is for graph files")
        return ENGINES.get("endpoint")(query_text(query), endpoint, output, options)
    if graph is None:
        raise UsageError("give the graph to query (--graph PATH) or a server (--endpoint URL)")
    if engine == "auto":
        engine = choose_engine(query, graph)
    elif engine == "endpoint":
        raise UsageError("--engine endpoint needs --endpoint URL, the server's SPARQL query endpoint")
    return ENGINES.get(engine)(query_text(query), Path(graph), output, options)
