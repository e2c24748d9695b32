"""kg's command line: a thin shell over kg.api. Exit codes: 0 all fine, 1 some inputs skipped,
2 bad usage or nothing usable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg import __version__, api
from kg.config import DEFAULT_MODEL, Settings
from kg.errors import KgError
from kg.ingest import Fields, describe_skips

EPILOG = """\
examples:
  kg build                         build the sample corpus shipped with kg into output/
  kg build articles/ --out graph/  every file under articles/, recursively
  cat story.txt | kg build -       one article from standard input
  kg build news/ --model en_core_web_trf
  kg build news/ --aliases my_aliases.tsv --gazetteer my_actors.jsonl

outputs (in --out):
  graph.ttl    Turtle: ontology, entities, typed edges and an evidence node per sentence
  graph.html   interactive network view; opens from disk with no network
  merges.tsv   why names became one entity (surname, acronym, transliteration…), to check or overrule
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph of typed, de-duplicated actors and the typed relations "
                               "between them from news articles.",
        epilog="Run 'kg build --help' for the build options.")
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
    build.add_argument("--out", type=Path, default=Path("output"), metavar="DIR",
                       help="folder for graph.ttl and graph.html (default: output/)")
    build.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME",
                       help=f"installed spaCy pipeline to parse with (default: {DEFAULT_MODEL})")
    build.add_argument("--batch-size", type=int, default=32, metavar="N",
                       help="documents per spaCy batch (default: 32)")
    build.add_argument("--gazetteer", type=Path, action="append", default=[], metavar="FILE",
                       help="your own gazetteer (JSONL rows: id, name, class, aliases, country), read after "
                            "kg's; may be repeated")
    build.add_argument("--aliases", type=Path, action="append", default=[], metavar="FILE",
                       help="alias rulings (TSV: same|different, name, other name) that override entity "
                            "resolution; may be repeated")
    build.add_argument("--date", default="", metavar="YYYY-MM-DD",
                       help="publication date of documents that carry none (JSON Lines field, front matter)")
    build.add_argument("--field", action="append", default=[], metavar="PART=NAME",
                       help="JSON Lines field holding PART (text, id, url, title, date, source), e.g. "
                            "--field text=body; may be repeated")
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "build":
        parser.print_help()
        return 2
    try:
        settings = Settings(model=args.model, out=args.out, batch_size=args.batch_size,
                            gazetteers=tuple(args.gazetteer), aliases=tuple(args.aliases),
                            fields=Fields.parse(args.field), date=args.date)
        _, report = api.build(args.inputs, settings, progress=None if args.quiet else _progress)
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    if report.skipped:
        print(describe_skips(report.skipped), file=sys.stderr)
    if not args.quiet:
        print(report.summary())
        for path in report.outputs.values():
            print(f"wrote {path}")
    if report.documents == 0:
        print("kg: error: no usable document in the inputs", file=sys.stderr)
        return 2
    return 1 if report.skipped else 0


def _progress(stream):
    from tqdm import tqdm

    # the bar appears only when a build lasts more than a couple of seconds (more than a few documents)
    return tqdm(stream, desc="documents", unit="doc", delay=2.0, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
