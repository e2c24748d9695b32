"""Gold file formats, one module each, looked up by name (``kg evaluate --format NAME``):

    kg        kg's gold JSON (entities with aliases and types, documents with typed edges), as
              ../shared/eval/gold/seeds.json
    conll04   CoNLL04 as SpERT publishes it (a JSON array of {tokens, entities, relations}), or the dev
              runner's JSON Lines of it
    plover    PLOVER event records (the PLOVER GSR's JSON array), or the dev runner's JSON Lines of them
    plv       PLV-style TSV (Zero-Shot-PLOVER's columns: sentence_id, sentence, source, target,
              gold_root…), or the dev runner's JSON Lines of it

Each registers a :class:`GoldFormat`: ``sniff`` tells its files from the others' (``kg evaluate``
without --format asks each in turn), ``read`` makes a :class:`kg.evaluate.gold.Gold`. Another package can
add a format through the entry point group ``kg_gold_formats``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.evaluate import jsonfile
from kg.evaluate.gold import Gold, GoldError
from kg.registry import Registry


@dataclass(frozen=True)
class Sample:
    """The start of a gold file, parsed every way a format may want to look at it."""

    text: str

    @cached_property
    def json(self):
        return jsonfile.first_json(self.text)

    @cached_property
    def first_row(self):
        row = jsonfile.first_line_json(self.text)
        return row if isinstance(row, dict) else None

    @cached_property
    def header(self) -> list[str]:
        first = self.text.split("\n", 1)[0]
        return [c.strip() for c in first.split("\t")] if "\t" in first else []


@dataclass(frozen=True)
class GoldFormat:
    name: str
    describe: str
    sniff: Callable[[Sample], bool]
    read: Callable[[Path], Gold]


GOLD_FORMATS: Registry[GoldFormat] = Registry("gold format", "kg_gold_formats", "kg.evaluate.formats")


def detect(path: Path) -> str:
    """The name of the format of the gold file at ``path``; GoldError when no format owns it."""
    sample = Sample(jsonfile.read_text(Path(path)))
    for name, fmt in GOLD_FORMATS.all().items():
        if fmt.sniff(sample):
            return name
    raise GoldError(path, 0, "not a gold file kg knows (kg's gold JSON, SpERT/CoNLL04 JSON, PLOVER JSON, "
                             f"PLV TSV or the dev runner's JSON Lines); name its format with --format "
                             f"{'|'.join(GOLD_FORMATS.names())}")


def read_gold(path: str | Path, fmt: str | None = None) -> Gold:
    """The gold file at ``path`` in format ``fmt`` (None: detected). Raises GoldError (an InputError)
    naming ``file:line`` for a bad entry, UnknownNameError for an unknown format."""
    path = Path(path)
    reader = GOLD_FORMATS.get(fmt or detect(path))
    return reader.read(path)


def need(row, key: str, path: Path, kind: type | tuple[type, ...] = str):
    """``row[key]``, which must be of ``kind``; GoldError at the row's line otherwise."""
    line = getattr(row, "line", 0)
    if not isinstance(row, dict):
        raise GoldError(path, line, f"expected a JSON object, found {type(row).__name__}")
    if key not in row:
        raise GoldError(path, line, f"missing '{key}'")
    value = row[key]
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in _as_tuple(kind):
        names = "/".join(k.__name__ for k in _as_tuple(kind))
        raise GoldError(path, line, f"'{key}' must be {names}, not {type(value).__name__} ({str(value)[:40]!r})")
    return value


def unique(sentences, path: Path) -> tuple:
    """``sentences`` as a tuple, when no two share an id (each is scored against its own graph)."""
    seen = {}
    for s in sentences:
        if s.id in seen:
            raise GoldError(path, s.line, f"sentence id '{s.id}' given twice (first at line {seen[s.id]})")
        seen[s.id] = s.line
    return tuple(sentences)


def _as_tuple(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)
