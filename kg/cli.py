"""kg's command line: a thin shell over kg.api. It parses arguments, calls the library, prints, and picks
the exit status (kg.errors lists them): 0 all fine, 1 some inputs skipped, 2 usage or setup, 3 input,
4 server, 5 worker mismatch, 6 graph does not conform, 70 internal error, 130 interrupted, 141 output
pipe closed. The library is imported only when a command runs, so ``kg --help`` answers at once."""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import traceback
from dataclasses import fields
from pathlib import Path

from kg import __version__
from kg.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PARTIAL,
    KgError,
    exit_status,
)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shell tools report a reader that went away

EPILOG = """\
examples:
  kg build                         build the sample corpus shipped with kg into output/
  kg build articles/ --out graph/  every file under articles/, recursively
  cat story.txt | kg build -       one article from standard input
  kg build news/ --model en_core_web_trf
  kg build news/ --aliases my_aliases.tsv --gazetteer my_actors.jsonl
  kg build today/ --into store/    grow a graph store; unchanged articles are not read again
  kg build news/ --workers 2       parse in two processes (same graph)
  kg build news/ --engine dask --scheduler tcp://10.0.0.5:8786   parse on a Dask cluster
  kg remove a1 --from store/       take article a1 out of the store

outputs (in --out):
  graph.ttl    Turtle: ontology, entities, typed edges and an evidence node per sentence
  graph.trig   the same as TriG, each document's evidence in a named graph of its own
  graph.nt     the same as N-Triples (sorted lines); graph.jsonld the same as JSON-LD
  graph.html   interactive network view; opens from disk with no network
  merges.tsv   why names became one entity (surname, acronym, transliteration…), to check or overrule
  graph.graphml, graph.cypher, neo4j/   property graph for Gephi/networkx, cypher-shell, neo4j-admin import

loading (see 'kg push --help'):
  kg push neo4j --uri bolt://localhost:7687 --password ...
  kg push sparql --endpoint http://localhost:7878/store
"""


def _default(name: str):
    """The default of a build setting (kg.config.Settings), so the CLI never states it a second time."""
    from kg.config import Settings

    return next(f for f in fields(Settings) if f.name == name).default


def _parser() -> argparse.ArgumentParser:
    from kg.export import formats
    from kg.ingest import MAX_BYTES

    all_formats = ",".join(formats())
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph of typed, de-duplicated actors and the typed relations "
                               "between them from news articles.",
        epilog="Run 'kg COMMAND --help' for the options of a command.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = sub.add_parser(
        "build", help="extract entities and typed relations from articles and write graph.ttl and graph.html",
        description="Read articles, extract entities and typed relations, merge them into one RDF graph, and "
                    "write it as Turtle and as an HTML network view.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("inputs", nargs="*", metavar="INPUT",
                       help="text files, JSON Lines files (.jsonl, one article per line), folders (read "
                            "recursively) or '-' for standard input; "
                            "default: the sample corpus shipped with kg")
    build.add_argument("--out", type=Path, default=_default("out"), metavar="DIR",
                       help=f"folder for graph.ttl and graph.html (default: {_default('out')}/)")
    build.add_argument("--into", type=Path, default=None, metavar="STORE",
                       help="add the inputs to the graph store STORE (a folder, made if missing) and write the "
                            "graph of everything in it there; unchanged documents are not read again")
    build.add_argument("--model", default=_default("model"), metavar="NAME",
                       help=f"installed spaCy pipeline to parse with (default: {_default('model')})")
    build.add_argument("--batch-size", type=int, default=_default("batch_size"), metavar="N",
                       help=f"documents per spaCy batch (default: {_default('batch_size')})")
    build.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N",
                       help=f"skip files (and JSON lines) larger than N bytes unread (default: {MAX_BYTES:,})")
    build.add_argument("--workers", type=int, default=_default("workers"), metavar="N",
                       help="processes that parse and extract, each with its own spaCy pipeline (default: 1); "
                            "the graph is the same for any N")
    build.add_argument("--engine", default=_default("engine"), metavar="NAME",
                       help="where parsing and extraction run: local (this machine, default) or dask (a Dask "
                            "cluster)")
    build.add_argument("--scheduler", default="", metavar="ADDRESS",
                       help="Dask scheduler address for --engine dask (tcp://host:8786); without it a local "
                            "cluster of --workers processes is started")
    _add_rule_files(build, "read after kg's")
    build.add_argument("--date", action="append", default=[], metavar="[INPUT=]YYYY-MM-DD",
                       help="publication date of documents that carry none (in their metadata, header lines, "
                            "dateline or file name), and the day a header date with no year ('Nov. 3') or a "
                            "relative one is read against; INPUT=DATE gives it to one input only; may be repeated")
    build.add_argument("--field", action="append", default=[], metavar="PART=NAME",
                       help="JSON Lines field holding PART (text, id, url, title, date, source), e.g. "
                            "--field text=body; may be repeated")
    build.add_argument("--format", default=all_formats, metavar="LIST",
                       help=f"comma-separated outputs to write (default: all: {all_formats})")
    _add_wait(build)
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")

    query = sub.add_parser(
        "query", help="run a SPARQL query (or one of kg's query pack) on a built graph",
        description="Run SPARQL on a graph kg exported. QUERY is a query of the pack shipped with kg "
                    "(kg query --list), a .rq file, or the query text itself.")
    query.add_argument("query", nargs="?", metavar="QUERY")
    query.add_argument("--graph", type=Path, default=None, metavar="PATH",
                       help="exported graph (.ttl, .trig, .nt, .jsonld), or a build folder or store made with "
                            "--into (default: ./output)")
    query.add_argument("--output", choices=("table", "csv", "json"), default="table",
                       help="how to print the rows (default: table)")
    query.add_argument("--engine", default="auto", metavar="NAME",
                       help="SPARQL engine: oxigraph (far faster on large graphs; SELECT and ASK), rdflib, or "
                            "auto (default), which takes Oxigraph for SELECT and ASK on graph files of 1 MB and more "
                            "(and the server with --endpoint)")
    query.add_argument("--endpoint", default=None, metavar="URL",
                       help="run the query on a SPARQL server instead, at its query endpoint (SPARQL 1.1 Protocol; "
                            "Oxigraph: http://host:7878/query, GraphDB: http://host:7200/repositories/ID, Fuseki: "
                            "http://host:3030/ds/query)")
    query.add_argument("--user", default=None, help="user for HTTP basic authentication at --endpoint")
    query.add_argument("--password", default=None,
                       help="password at --endpoint (default: the SPARQL_PASSWORD environment variable)")
    query.add_argument("--allow-remote", action="store_true",
                       help="let the query call SERVICEs and fetch FROM graphs from elsewhere (by default a query "
                            "reads only the graph given)")
    query.add_argument("--list", action="store_true", help="list the query pack and exit")

    remove = sub.add_parser(
        "remove", help="take documents out of a graph store and rewrite its graph",
        description="Remove documents from a store made with 'kg build --into STORE' and rewrite the graph "
                    "of the rest, with the rules the store was built with. DOC is a document's id (its path "
                    "relative to the input folder, or its JSON Lines id), the path it was read from, its "
                    "title, or its content hash.")
    remove.add_argument("docs", nargs="+", metavar="DOC")
    remove.add_argument("--from", dest="store", type=Path, required=True, metavar="STORE",
                        help="the store folder")
    remove.add_argument("--format", default=all_formats, metavar="LIST",
                        help="comma-separated outputs to rewrite (default: all)")
    _add_rule_files(remove, "replacing those the store kept")
    _add_wait(remove)
    remove.add_argument("--quiet", action="store_true", help="print nothing but errors")

    graph_formats = formats(from_graph=True)
    export = sub.add_parser(
        "export", help="write an exported graph in another format (GraphML, Neo4j CSV, Cypher, RDF formats)",
        description="Read a graph kg exported (a file, a build folder or a store) and write it as FORMAT.")
    export.add_argument("format", choices=graph_formats, metavar="FORMAT", help=f"one of: {', '.join(graph_formats)}")
    _add_source(export)
    export.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="folder to write into (default: the folder of the graph read)")

    push = sub.add_parser("push", help="load a built graph into Neo4j (Bolt) or a SPARQL store",
                          description="Load a built graph into a running database.")
    targets = push.add_subparsers(dest="target", metavar="TARGET", required=True)
    neo = targets.add_parser(
        "neo4j", help="Neo4j (or another Bolt server) as a property graph, with the official driver",
        description="Push entities (labelled with their classes), typed edges (relationships with counts, dates, "
                    "confidence and evidence sentences) and documents over Bolt. Batched, idempotent, "
                    "uniqueness constraints first, counts checked on the server afterwards.")
    neo.add_argument("--uri", default="bolt://localhost:7687", help="Bolt URI (default: bolt://localhost:7687)")
    neo.add_argument("--user", default="neo4j", help="user (default: neo4j)")
    neo.add_argument("--password", default=None,
                     help="password (default: the NEO4J_PASSWORD environment variable)")
    neo.add_argument("--database", default="neo4j", help="database (default: neo4j)")
    neo.add_argument("--batch-size", type=int, default=500, metavar="N", help="rows per transaction (default: 500)")
    neo.add_argument("--no-documents", action="store_true", help="leave out document nodes and MENTIONED_IN")
    neo.add_argument("--prune", action="store_true",
                     help="also delete kg nodes and relationships the graph no longer has")
    _add_source(neo)

    spq = targets.add_parser(
        "sparql", help="a SPARQL store (GraphDB, Oxigraph, Fuseki, Virtuoso) by the Graph Store HTTP Protocol",
        description="Send the graph as N-Triples to a SPARQL 1.1 Graph Store HTTP Protocol endpoint: each "
                    "document's evidence into a named graph named by the document's IRI, the rest into the "
                    "default graph (or --graph IRI). Replacing by default, so pushing twice changes nothing. "
                    "Redirects are not followed, and the triples of every graph written are counted on the "
                    "server afterwards.")
    spq.add_argument("--endpoint", required=True, metavar="URL",
                     help="Graph Store endpoint (Oxigraph: http://host:7878/store, GraphDB: "
                          "http://host:7200/repositories/ID/rdf-graphs/service, Fuseki: http://host:3030/ds/data)")
    spq.add_argument("--graph", default=None, metavar="IRI",
                     help="named graph for the build's shared triples (with --per build: for everything)")
    spq.add_argument("--per", choices=("document", "build"), default="document",
                     help="one named graph per document (default), or one for the whole build")
    spq.add_argument("--mode", choices=("replace", "add"), default="replace",
                     help="replace each graph (PUT, default) or add to it (POST)")
    spq.add_argument("--update", default=None, metavar="URL",
                     help="SPARQL Update endpoint to fall back on when --endpoint has no Graph Store Protocol "
                          "(GraphDB: http://host:7200/repositories/ID/statements)")
    spq.add_argument("--query", default=None, metavar="URL",
                     help="the store's SPARQL query endpoint, where kg counts what arrived (default: found from "
                          "--endpoint for Oxigraph, GraphDB and Fuseki)")
    spq.add_argument("--prune", action="store_true",
                     help="also drop the graphs of documents an earlier push wrote that the graph no longer has "
                          "(after kg remove); only kg's document graphs are touched")
    spq.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                     help="seconds each request may take, as a whole (default: 60)")
    spq.add_argument("--user", default=None, help="user for HTTP basic authentication")
    spq.add_argument("--password", default=None, help="password (default: the SPARQL_PASSWORD environment variable)")
    _add_source(spq)

    evaluate = sub.add_parser(
        "evaluate", help="score a graph, or a build, against gold annotations (kg, CoNLL04, PLOVER, PLV)",
        description="Score a graph against gold annotations: per-word (per relation type, per PLOVER root) "
                    "precision, recall and F1, direction, entities where the gold has them, and with -v every "
                    "error with its sentence. Sentence-level gold (CoNLL04, PLOVER, PLV) is scored sentence by "
                    "sentence. Exit status 0 whatever the scores; 3 for a gold file kg cannot read "
                    "(file:line says where).")
    evaluate.add_argument("gold", type=Path, metavar="GOLD",
                          help="gold file: kg's gold JSON, SpERT/CoNLL04 JSON, PLOVER JSON, PLV TSV, or the dev "
                               "runner's JSON Lines of these")
    scored = evaluate.add_mutually_exclusive_group()
    scored.add_argument("--graph", type=Path, default=None, metavar="PATH",
                        help="the graph to score: a graph file, build folder or store; for sentence-level gold a "
                             "build of one file per sentence named by its id, or a folder PATH/<id>/ of one build "
                             "per sentence (default: build the gold's own texts if it has them, else ./output)")
    scored.add_argument("--build", nargs="*", default=None, metavar="INPUT",
                        help="build INPUT... (as kg build does) and score that; with no INPUT, build the gold's own "
                             "texts, each sentence alone")
    evaluate.add_argument("--format", default=None, metavar="NAME",
                          help="the gold file's format: kg, conll04, plover or plv (default: told from the file)")
    evaluate.add_argument("--model", default=_default("model"), metavar="NAME",
                          help=f"spaCy pipeline to build with (default: {_default('model')})")
    _add_rule_files(evaluate, "read after kg's when building")
    evaluate.add_argument("--limit", type=int, default=0, metavar="N",
                          help="score the first N sentences (documents) of the gold only")
    evaluate.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write every figure here as JSON")
    evaluate.add_argument("--errors", type=Path, default=None, metavar="FILE",
                          help="also write every error here, one JSON object a line (kind, where, gold, graph, "
                               "sentence)")
    evaluate.add_argument("-v", "--verbose", action="store_true",
                          help="list every error: missed, false positive, wrong word, wrong direction (and "
                               "entity errors), each with its sentence")

    validate = sub.add_parser(
        "validate", help="check an exported graph against kg's SHACL shapes",
        description="Validate an exported graph against ontology/shapes.ttl. Exit status 0 when it conforms, "
                    f"{EXIT_INVALID} when it does not (the report says where), 3 when it cannot be read.")
    validate.add_argument("graph", type=Path, nargs="?", default=None, metavar="PATH",
                          help="exported graph, build folder or store (default: ./output)")
    return parser


def _add_rule_files(parser: argparse.ArgumentParser, when: str) -> None:
    parser.add_argument("--gazetteer", type=Path, action="append", default=[], metavar="FILE",
                        help=f"your own gazetteer (JSONL rows: id, name, class, aliases, country), {when}; "
                             "may be repeated")
    parser.add_argument("--aliases", type=Path, action="append", default=[], metavar="FILE",
                        help=f"alias rulings (TSV: same|different, name, other name) that override entity "
                             f"resolution, {when}; may be repeated")


def _add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", type=Path, default=None, metavar="PATH",
                        help="exported graph, build folder or store (default: ./output)")


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=float, default=_default("wait"), metavar="SECONDS",
                        help="how long to wait for another kg writing the same store or output folder before "
                             f"giving up (default: {_default('wait'):g})")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = COMMANDS.get(args.command)
    if command is None:
        parser.print_help()
        return 2
    try:
        return command(args)
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return exit_status(err)
    except KeyboardInterrupt:  # outputs are renamed into place only when all are complete
        print("kg: interrupted; the previous outputs are as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away (kg … | head): nothing more to say
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as err:  # noqa: BLE001  (a bug in kg: one line, the traceback in a file)
        return _internal_error(err)


def _internal_error(err: Exception) -> int:
    fd, path = tempfile.mkstemp(prefix="kg-traceback-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"kg {__version__}, python {sys.version.split()[0]}, argv {sys.argv!r}\n")
        traceback.print_exception(err, file=fh)
    print(f"kg: internal error ({type(err).__name__}: {str(err)[:200]}); this is a bug in kg: please report it "
          f"with the traceback written to {path}", file=sys.stderr)
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so Python's exit flush raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def _query(args) -> int:
    from kg import api

    if args.list:
        _out("\n".join(f"{name:24s} {what}" for name, what in api.query_pack().items()))
        return EXIT_OK
    if not args.query:
        print("kg: error: give a QUERY (kg query --list shows the pack)", file=sys.stderr)
        return 2
    password = args.password if args.password is not None else os.environ.get("SPARQL_PASSWORD")
    _out(api.query(args.query, args.graph, engine=args.engine, output=args.output, endpoint=args.endpoint,
                   allow_remote=args.allow_remote, user=args.user, password=password))
    return EXIT_OK


def _validate(args) -> int:
    from kg import api

    conforms, text = api.validate(args.graph)
    shown = args.graph or "output"
    _out(f"{shown}: {'conforms' if conforms else 'does NOT conform'} to kg's shapes")
    if not conforms:
        _out(text)
    return EXIT_OK if conforms else EXIT_INVALID


def _build(args) -> int:
    from kg import api
    from kg.config import Settings
    from kg.ingest import Fields, describe_skips, shown

    date, dates = _dates(args.date)
    settings = Settings(model=args.model, out=args.out, batch_size=args.batch_size,
                        gazetteers=tuple(args.gazetteer), aliases=tuple(args.aliases),
                        fields=Fields.parse(args.field), date=date, dates=dates,
                        formats=_formats(args.format), into=args.into, max_bytes=args.max_bytes,
                        workers=args.workers, engine=args.engine, scheduler=args.scheduler, wait=args.wait)
    # a total only for a fresh build: a store reads only what changed
    total = None if args.quiet or args.into else api.count_documents(args.inputs)
    progress = None if args.quiet else functools.partial(_progress, total=total)
    _, report = api.build(args.inputs, settings, progress=progress, waiting=_waiting(args.quiet))
    if report.skipped or report.partly:
        print(describe_skips(report.skipped + report.partly), file=sys.stderr)
    if report.notices and not args.quiet:
        print(describe_skips(report.notices), file=sys.stderr)
    if not args.quiet:
        _out(report.summary())
        for path in report.outputs.values():
            _out(f"wrote {shown(path)}")
    if report.documents == 0:
        print("kg: error: [E005] no usable document in the inputs; nothing was written", file=sys.stderr)
        return 3
    return EXIT_PARTIAL if report.skipped else EXIT_OK


def _dates(specs: list[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """--date values: a bare date for every input, INPUT=DATE for one (the date is what follows the last '=')."""
    date, dates = "", []
    for spec in specs:
        where, sep, day = spec.rpartition("=")
        if sep:
            dates.append((where, day))
        else:
            date = day
    return date, tuple(dates)


def _waiting(quiet: bool):
    def tell(holder: str) -> None:
        if not quiet:
            print(f"kg: waiting for the folder's lock, held by {holder}", file=sys.stderr, flush=True)
    return tell


def _evaluate(args) -> int:
    from kg import api
    from kg.config import Settings
    from kg.errors import OutputError

    settings = Settings(model=args.model, gazetteers=tuple(args.gazetteer), aliases=tuple(args.aliases))
    result = api.evaluate(args.gold, args.graph, args.build, args.format, settings, args.limit,
                          progress=lambda items: _progress(items, total=len(items)))
    _out("\n".join(result.lines(args.verbose)))
    for path, text in ((args.json, result.to_json), (args.errors, result.errors_jsonl)):
        if path:
            try:
                path.write_text(text(), encoding="utf-8")
            except OSError as err:
                raise OutputError(f"cannot write {path}: {err.strerror or err}") from None
    return EXIT_OK


def _remove(args) -> int:
    from kg import api
    from kg.config import Settings

    settings = Settings(formats=_formats(args.format), gazetteers=tuple(args.gazetteer),
                        aliases=tuple(args.aliases), wait=args.wait)
    _, report = api.remove(args.docs, args.store, settings, waiting=_waiting(args.quiet))
    if not args.quiet:
        _out(report.summary())
    return EXIT_OK


def _export(args) -> int:
    from kg import api

    _out(f"wrote {api.export(args.format, args.source, args.out)}")
    return EXIT_OK


def _push(args) -> int:
    from kg import api

    options = {name: value for name, value in vars(args).items()
               if name not in ("command", "target", "source", "no_documents")}
    if args.target == "neo4j":
        options["documents"] = not args.no_documents
        options["password"] = args.password if args.password is not None else os.environ.get("NEO4J_PASSWORD", "")
    else:
        options["password"] = args.password if args.password is not None else os.environ.get("SPARQL_PASSWORD")
    _out(api.push(args.target, args.source, **options).summary())
    return EXIT_OK


def _formats(spec: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in spec.split(",") if f.strip())


COMMANDS = {"build": _build, "evaluate": _evaluate, "export": _export, "push": _push, "query": _query,
            "remove": _remove, "validate": _validate}


def _progress(stream, total: int | None = None):
    """A bar on standard error, one step per document, with ``total`` (an estimate) when known; at the end
    the total becomes the count, so the bar closes at 100% whatever was skipped."""
    from tqdm import tqdm

    # the bar appears only when a build lasts more than a couple of seconds (more than a few documents);
    # documents come from the engine a batch at a time, so each is shown (no minimum interval), else the
    # last of a batch would show only when the next batch is done
    with tqdm(total=total, desc="documents", unit="doc", delay=2.0, mininterval=0, miniters=1,
              file=sys.stderr) as bar:
        for item in stream:
            bar.update(1)
            yield item
        if bar.total is not None and bar.total != bar.n:
            bar.total = bar.n
            bar.refresh()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
