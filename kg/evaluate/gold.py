"""Gold annotations as kg reads them, whatever file they came from: small frozen values, each with the
line of the gold file it was read from (so a problem found while scoring can name it too).

Two shapes of gold:

- a **corpus** (kg's gold JSON): entities with their aliases and coarse type, and per document the
  entities it mentions and the typed edges it states; scored over the whole graph at once;
- **sentences** (CoNLL04, PLV, PLOVER, the dev runner's JSON Lines): each sentence with its text and
  one kind of annotation (mentions and relations, coded dyads, or coded events); every sentence is
  scored against its own graph. ``Gold.task`` says which kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

COARSE = ("Person", "Organization", "Location")


class GoldError(InputError):
    """A gold file kg cannot read, with the place (``path:line``) and what is wrong there."""

    def __init__(self, path: Path | str, line: int, reason: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = Path(path), line, reason


# ----------------------------------------------------------------------------------------------- corpus

@dataclass(frozen=True)
class GoldEntity:
    """One real-world entity: every ``aliases`` string names it; ``kind`` is Person, Organization or
    Location. An optional entity is neither rewarded when found nor penalised when missed."""

    id: str
    kind: str
    aliases: tuple[str, ...]
    optional: bool = False
    line: int = 0


@dataclass(frozen=True)
class GoldEdge:
    """``subject word object`` between gold entity ids, stated in ``document``; ``evidence`` quotes it."""

    subject: str
    word: str
    object: str
    document: str
    optional: bool = False
    evidence: str = ""
    line: int = 0


@dataclass(frozen=True)
class GoldDocument:
    name: str
    entities: tuple[str, ...]
    edges: tuple[GoldEdge, ...]
    text: str = ""  # kg's gold JSON may carry the text, so kg evaluate can build it
    line: int = 0


# -------------------------------------------------------------------------------------------- sentences

@dataclass(frozen=True)
class Mention:
    """An entity mention of a sentence: its text and type (Person, Organization, Location or Other)."""

    text: str
    kind: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Relation:
    """A relation between two mentions (indices into the sentence's mentions). ``label`` is the gold
    set's own (Work_For); ``word`` the kg word it is scored as (memberOf), None when kg has none (then it
    is listed, never scored)."""

    head: int
    tail: int
    label: str
    word: str | None


@dataclass(frozen=True)
class Dyad:
    """A PLOVER-coded pair of actors (PLV): ``root`` the gold PLOVER root, ``quad`` its quad class (1-4, 0
    if not given), ``anchor`` what another system answered for it (PLV's ZSP model), if the file says."""

    source: str
    target: str
    root: str
    quad: int = 0
    anchor: str = ""
    line: int = 0


@dataclass(frozen=True)
class Event:
    """A PLOVER-coded event: ``code`` its type and mode as the gold writes them (COERCE/arrest),
    ``root`` the PLOVER root it is scored as; actor texts (empty: any actor will do)."""

    code: str
    root: str
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    line: int = 0
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    dyads: tuple[Dyad, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class RelationType:
    """A gold set's relation type and the kg word it is scored as; an edge of that word that finds no
    gold relation is counted against this type (against the one with the subject's kind, if several)."""

    label: str
    word: str
    subject_kind: str = ""


TASKS = ("corpus", "relations", "dyads", "events")


@dataclass(frozen=True)
class Gold:
    """A gold file read: ``format`` the reader's name, ``task`` how it is scored (TASKS)."""

    path: Path
    format: str
    task: str
    entities: dict[str, GoldEntity] = field(default_factory=dict)
    documents: tuple[GoldDocument, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    words: frozenset[str] = frozenset()  # words the graph's edges are judged on (corpus: besides the core)
    relation_types: tuple[RelationType, ...] = ()  # relations: the gold set's types

    @property
    def texts(self) -> dict[str, str]:
        """Id -> text of every sentence (or document with a text) kg can build itself."""
        if self.task == "corpus":
            return {d.name: d.text for d in self.documents if d.text}
        return {s.id: s.text for s in self.sentences}

    def limited(self, n: int) -> Gold:
        """The first ``n`` sentences (or documents) only."""
        from dataclasses import replace

        return replace(self, documents=self.documents[:n], sentences=self.sentences[:n])
