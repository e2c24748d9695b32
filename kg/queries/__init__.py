"""The query pack: SPARQL files shipped with kg, looked up by name ("who-met-whom"); graph loading; and
the SPARQL engines behind ``kg query``, looked up by name in a registry (kg/queries/engines/: rdflib,
oxigraph; ``auto`` picks one by query form and graph size)."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.query import Result

from kg.errors import GraphReadError, InputError, QueryError, UnknownNameError
from kg.registry import Registry

# An engine runs query text on a graph file and returns the rows printed as ``output`` (table, csv, json).
Engine = Callable[[str, Path, str], str]
ENGINES: Registry[Engine] = Registry("query engine", "query_engines", "kg.queries.engines")
OUTPUTS = ("table", "csv", "json")

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
    """An exported graph (any RDF format kg writes, by extension) or a store folder made with --into.

    Raises InputError when there is no graph there and GraphReadError when the file is not RDF."""
    path = graph_file(path)
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset(default_union=True)
            ds.parse(path, format=fmt)
            return ds
        return Graph().parse(path, format=fmt)
    except Exception as err:  # noqa: BLE001  (rdflib's parsers raise many types)
        raise GraphReadError(f"{path} is not a {fmt} graph kg can read ({type(err).__name__}: "
                             f"{str(err).splitlines()[0][:200] if str(err) else 'no detail'})") from None


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


def run(query: str, graph: Graph) -> Result:
    """Run ``query`` (pack name, file or SPARQL text) on ``graph``; a query that does not parse or run
    raises InputError with rdflib's reason."""
    text = query_text(query)
    try:
        result = graph.query(text)
        list(result)  # evaluate now, so errors surface here
    except Exception as err:  # noqa: BLE001  (rdflib raises parse and evaluation errors of many types)
        raise QueryError(f"query failed: {err}") from None
    return result


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


def execute(query: str, graph: Path, engine: str = "auto", output: str = "table") -> str:
    """Run ``query`` (pack name, .rq file or SPARQL text) on the graph at ``graph`` (a file, build folder
    or store) with the engine named ``engine`` ("auto" picks one) and print its rows as ``output``."""
    if output not in OUTPUTS:
        raise UnknownNameError("output", output, list(OUTPUTS))
    if engine == "auto":
        engine = choose_engine(query, graph)
    return ENGINES.get(engine)(query_text(query), Path(graph), output)
