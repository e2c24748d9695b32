"""Loading the data under ontology/ (installed as ``kg.ontology``): lexicons, patterns, gazetteer, schema.

Every loader validates what it reads and reports a bad entry as ``file:line``. Results are cached:
rules are read once per process, not once per document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.errors import InputError, PatternError
from kg.graph.namespace import KG
from kg.resolve.normalize import match_key

T = TypeVar("T")


def data_path(*parts: str) -> Path:
    """Path of a file under the installed ontology folder."""
    return Path(str(resources.files("kg.ontology").joinpath(*parts)))


def _rows(name: str, columns: int, optional: int = 0, folder: str = "lexicons") -> list[tuple[int, list[str]]]:
    """Tab-separated rows of a rule file: ``columns`` fields, the last ``optional`` of which may be left out."""
    return _tsv_rows(data_path(folder, name), columns, optional)


def _tsv_rows(path: Path, columns: int, optional: int = 0) -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not columns - optional <= len(cells) <= columns or not all(cells):
            raise PatternError(f"{path}:{n}: expected {columns} tab-separated fields, got {line!r}")
        rows.append((n, cells))
    return rows


def _jsonl(*parts: str) -> list[tuple[Path, int, dict]]:
    return _jsonl_file(data_path(*parts))


def _jsonl_file(path: Path) -> list[tuple[Path, int, dict]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((path, n, json.loads(line)))
        except json.JSONDecodeError as err:
            raise PatternError(f"{path}:{n}: not valid JSON: {err}") from None
    return out


# ---------------------------------------------------------------- schema (ontology/kg.ttl)


@dataclass(frozen=True)
class Schema:
    """What extraction needs to know of the ontology: class ancestry, properties, domains, ranges."""

    ancestors: dict[str, frozenset[str]]
    properties: frozenset[str]
    domain: dict[str, str]
    range: dict[str, str]
    symmetric: frozenset[str]
    super_properties: dict[str, frozenset[str]] = field(default_factory=dict)  # kill -> {kill, attack, relatedTo}

    def property_ancestors(self, prop: str) -> frozenset[str]:
        return self.super_properties.get(prop, frozenset({prop}))

    def coarse(self, cls: str) -> str:
        """Person, Organization or Location: the class ``cls`` falls under (Organization if none)."""
        return next((c for c in ("Person", "Organization", "Location") if self.is_a(cls, c)), "Organization")

    def is_a(self, cls: str, other: str) -> bool:
        return other in self.ancestors.get(cls, frozenset({cls}))

    def admits(self, predicate: str, subject_cls: str, object_cls: str) -> bool:
        """True when the classes fit the predicate's declared domain and range."""
        dom, rng = self.domain.get(predicate), self.range.get(predicate)
        return (dom is None or self.is_a(subject_cls, dom)) and (rng is None or self.is_a(object_cls, rng))


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


@cache
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(data_path("kg.ttl"), format="turtle")
    return g


@cache
def schema() -> Schema:
    g = ontology_graph()
    ns = str(KG._NS)
    classes = [c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)]
    ancestors = {}
    for c in classes:
        seen, todo = set(), [c]
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(g.objects(x, RDFS.subClassOf))
        ancestors[_local(c)] = frozenset(_local(x) for x in seen if str(x).startswith(ns))
    props = {p for p in g.subjects(RDFS.subPropertyOf, None) if str(p).startswith(ns)}
    return Schema(
        ancestors=ancestors,
        properties=frozenset(_local(p) for p in props),
        domain={_local(p): _local(d) for p in props for d in g.objects(p, RDFS.domain)},
        range={_local(p): _local(r) for p in props for r in g.objects(p, RDFS.range)},
        symmetric=frozenset(_local(p) for p in g.subjects(RDF.type, OWL.SymmetricProperty)),
        super_properties={_local(p): frozenset(_local(x) for x in g.transitive_objects(p, RDFS.subPropertyOf)
                                               if str(x).startswith(ns)) for p in props},
    )


# ---------------------------------------------------------------- lexicons


def _checked_predicate(path: str, line: int, predicate: str) -> str:
    if predicate not in schema().properties:
        raise PatternError(f"{data_path('lexicons', path)}:{line}: '{predicate}' is not a property in kg.ttl")
    return predicate


@dataclass(frozen=True)
class Trigger:
    """What a trigger key means: the predicate, and whether the construction's object is the actor."""

    predicate: str
    inverse: bool = False  # "Hamas received support from Iran": Iran supports Hamas


@cache
def predicate_lexicon() -> dict[str, Trigger]:
    """Trigger key ("meet with", "turn down", "visit to") -> Trigger (lexicons/predicates.tsv)."""
    out: dict[str, Trigger] = {}
    path = data_path("lexicons", "predicates.tsv")
    for n, (key, pred, *direction) in _rows("predicates.tsv", 3, optional=1):
        if key in out:
            raise PatternError(f"{path}:{n}: duplicate trigger '{key}'")
        if direction not in ([], ["forward"], ["inverse"]):
            raise PatternError(f"{path}:{n}: direction must be 'forward' or 'inverse', got {direction[0]!r}")
        out[key] = Trigger(_checked_predicate("predicates.tsv", n, pred), direction == ["inverse"])
    return out


@cache
def confidences() -> dict[str, float]:
    """Rule id -> share of its edges that were right on the test table (patterns/confidence.tsv,
    written by tools/calibrate.py)."""
    path = data_path("patterns", "confidence.tsv")
    if not path.exists():
        return {}
    out = {}
    for n, (rule, conf, _right, _emitted) in _rows("confidence.tsv", 4, folder="patterns"):
        try:
            out[rule] = float(conf)
        except ValueError:
            raise PatternError(f"{path}:{n}: confidence must be a number, got {conf!r}") from None
        if not 0 < out[rule] <= 1:
            raise PatternError(f"{path}:{n}: confidence must be in (0, 1]")
    return out


# A rule the table has not yet measured: no better than a coin toss until it has rows.
UNCALIBRATED = 0.5


def confidence(rule: str) -> float:
    return confidences().get(rule, UNCALIBRATED)


def longest_suffix(words: list[str], table: dict[str, T]) -> T | None:
    """The entry of ``table`` for the longest tail of ``words`` ("deputy military official" tries all three,
    then "military official", then "official"); None when no tail is in the table."""
    for size in range(len(words), 0, -1):
        found = table.get(" ".join(words[-size:]))
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Titles:
    predicate: dict[str, str]  # title phrase -> leaderOf / memberOf
    demoting: frozenset[str]  # modifiers that make a leader title a membership ("deputy")
    former: frozenset[str] = frozenset()  # modifiers that end the relation ("former president")
    title_words: frozenset[str] = frozenset()  # every word of every title ("prime", "minister"…)
    title_heads: frozenset[str] = frozenset()  # last words of titles ("minister", "leader", "state"…)


@cache
def titles() -> Titles:
    pred, demote, former = {}, set(), set()
    for n, (phrase, p) in _rows("titles.tsv", 2):
        if p == "@demote":
            demote.add(phrase)
        elif p == "@former":
            former.add(phrase)
        else:
            pred[phrase] = _checked_predicate("titles.tsv", n, p)
    words = frozenset(w for phrase in pred for w in phrase.replace("-", " ").split())
    heads = frozenset(phrase.replace("-", " ").split()[-1] for phrase in pred)
    return Titles(pred, frozenset(demote), frozenset(former), words, heads)


MODALITY_PLACES = ("neg", "aux", "governor", "modifier", "mark", "report", "claim", "speech")
MODALITY_EFFECTS = ("negative", "possible", "future", "intended", "conditional", "report", "report+negative")


@cache
def modality() -> dict[str, dict[str, str]]:
    """Where a cue sits ("aux", "governor"…) -> cue lemma or phrase -> its effect (lexicons/modality.tsv)."""
    out: dict[str, dict[str, str]] = {w: {} for w in MODALITY_PLACES}
    path = data_path("lexicons", "modality.tsv")
    for n, (cue, where, effect) in _rows("modality.tsv", 3):
        if where not in MODALITY_PLACES:
            raise PatternError(f"{path}:{n}: unknown place '{where}'; known: {', '.join(MODALITY_PLACES)}")
        if effect not in MODALITY_EFFECTS:
            raise PatternError(f"{path}:{n}: unknown effect '{effect}'; known: {', '.join(MODALITY_EFFECTS)}")
        out[where][cue] = effect
    return out


OWNER = "@owner"  # group_nouns.tsv link for means and weapons that stand for whoever owns them


@dataclass(frozen=True)
class GroupNoun:
    phrase: str
    label: str
    link: str
    sector: str = ""


@cache
def group_nouns() -> dict[str, GroupNoun]:
    out = {}
    for n, (phrase, label, link, *sector) in _rows("group_nouns.tsv", 4, optional=1):
        link = link if link == OWNER else _checked_predicate("group_nouns.tsv", n, link)
        out[phrase] = GroupNoun(phrase, label, link, *sector)
    return out


@cache
def entity_types() -> dict:
    path = data_path("entity_types.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("labels", "gazetteer_labels", "name_cues", "person_cues", "name_prefixes_dropped"):
        if key not in data:
            raise PatternError(f"{path}: missing key '{key}'")
    known = set(schema().ancestors)
    for label, cls in data["labels"].items():
        if cls not in (None, "@nationality") and cls not in known:
            raise PatternError(f"{path}: label {label} maps to unknown class '{cls}'")
    for cls in list(data["gazetteer_labels"]) + list(data["name_cues"]) + list(data.get("definite_references", {}).values()):
        if cls not in known:
            raise PatternError(f"{path}: unknown class '{cls}'")
    return data


@dataclass(frozen=True)
class NameCues:
    """Word sets from entity_types.json, as sets, read once."""

    by_class: dict[str, frozenset[str]]  # class -> name words that mark it ("Brigades" -> Organization)
    person_before: frozenset[str]  # lemmas right before a name that mark a person
    dropped_prefixes: frozenset[str]
    descriptor_heads: frozenset[str] = frozenset()  # "an ... organisation": the name is a description
    definite: dict[str, str] = field(default_factory=dict)  # "the group" -> class of what it refers to


    family_first: frozenset[str] = frozenset()  # family names written first ("Xi Jinping" -> "Xi")
    organisation_words: frozenset[str] = frozenset()  # name words of every organisation class
    state_body_words: frozenset[str] = frozenset()  # "Court", "Command": with a country owner, a state body


@cache
def name_cues() -> NameCues:
    data = entity_types()
    return NameCues({cls: frozenset(words) for cls, words in data["name_cues"].items()},
                    frozenset(data["person_cues"]), frozenset(data["name_prefixes_dropped"]),
                    frozenset(data.get("descriptor_heads", ())), dict(data.get("definite_references", {})),
                    frozenset(w.lower() for w in data.get("family_name_first", ())),
                    frozenset().union(*(frozenset(w) for c, w in data["name_cues"].items() if c != "Person")),
                    frozenset(data.get("state_body_words", ())))


# ---------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    sector: str = ""  # for a state body: military, security, diplomatic… (as in lexicons/group_nouns.tsv)
    capital: bool = False  # a capital city, which as a subject stands for its state ("Moscow denied")


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    by_demonym: dict[str, str] = field(default_factory=dict)  # lower-cased demonym -> country id
    by_name: dict[str, str] = field(default_factory=dict)  # match key of a name or alias -> id

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry one of whose names is ``name`` (case, accents and punctuation ignored)."""
        found = self.by_name.get(match_key(name))
        return self.entries[found] if found else None


GAZETTEER_FILES = ("countries.jsonl", "places.jsonl", "actors.jsonl", "parties.jsonl", "companies.jsonl",
                   "people.jsonl")

# A user's own gazetteer and alias files, added to the shipped ones for this process (see use_user_files).
_user_gazetteers: tuple[Path, ...] = ()
_user_aliases: tuple[Path, ...] = ()


def use_user_files(gazetteers: tuple[Path, ...] = (), aliases: tuple[Path, ...] = ()) -> None:
    """Read these gazetteer (JSONL) and alias (TSV) files after the shipped ones, from now on.

    Raises InputError for a file that does not exist; bad rows raise PatternError at first use.
    """
    global _user_gazetteers, _user_aliases
    for path in (*gazetteers, *aliases):
        if not Path(path).is_file():
            raise InputError(f"no such file: {path}")
    if (tuple(gazetteers), tuple(aliases)) != (_user_gazetteers, _user_aliases):
        _user_gazetteers, _user_aliases = tuple(map(Path, gazetteers)), tuple(map(Path, aliases))
        gazetteer.cache_clear()
        aliases_table.cache_clear()


def user_gazetteers() -> tuple[Path, ...]:
    return _user_gazetteers


@cache
def gazetteer() -> Gazetteer:
    known = set(schema().ancestors)
    entries: dict[str, GazetteerEntry] = {}
    demonyms: dict[str, str] = {}
    sources = [_jsonl("gazetteer", name) for name in GAZETTEER_FILES]
    sources += [_jsonl_file(path) for path in _user_gazetteers]
    for rows in sources:
        for path, n, row in rows:
            try:
                entry = GazetteerEntry(
                    id=row["id"], name=row["name"], cls=row["class"],
                    aliases=tuple(row.get("aliases") or ()), demonyms=tuple(row.get("demonyms") or ()),
                    country=row.get("country"), sector=row.get("sector") or "",
                    capital=bool(row.get("capital", False)),
                )
            except KeyError as err:
                raise PatternError(f"{path}:{n}: missing field {err}") from None
            if entry.cls not in known:
                raise PatternError(f"{path}:{n}: unknown class '{entry.cls}'")
            if entry.id in entries and path.parent == data_path("gazetteer"):
                raise PatternError(f"{path}:{n}: duplicate id '{entry.id}'")  # a user file may override
            entries[entry.id] = entry
            for d in entry.demonyms:
                demonyms[d.lower()] = entry.id
    by_name: dict[str, str] = {}
    for entry in entries.values():  # a name wins over another entry's alias
        for alias in entry.aliases:
            by_name.setdefault(match_key(alias), entry.id)
    for entry in entries.values():
        by_name[match_key(entry.name)] = entry.id
    return Gazetteer(entries, demonyms, by_name)


# ---------------------------------------------------------------- relation patterns


@dataclass(frozen=True)
class RelationPattern:
    """A construction of English as a spaCy DependencyMatcher pattern plus the roles of its nodes.

    subject/object name the nodes that hold the actor and the target; trigger names the nodes whose
    lemmas, joined by spaces, form the key looked up in ``lexicon``. A pattern whose structure alone says
    the relation ("Santa Clara, California") gives ``predicate`` instead and uses no lexicon.
    """

    id: str
    description: str
    pattern: tuple[dict, ...]
    subject: str
    object: str
    trigger: tuple[str, ...]
    lexicon: str = "predicates"
    without: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node -> child deps it must lack
    symmetric_only: bool = False  # "talks between X and Y" names two parties, not an actor and a target
    source: str = ""
    predicate: str = ""  # a fixed predicate, for constructions with no trigger word


LEXICONS = ("predicates", "titles")
_PATTERN_FIELDS = {"id", "description", "pattern", "subject", "object", "trigger", "lexicon", "without",
                   "symmetric_only", "predicate"}


@cache
def relation_patterns() -> tuple[RelationPattern, ...]:
    out, seen = [], set()
    for path, n, row in _jsonl("patterns", "relations.jsonl"):
        where = f"{path}:{n}"
        try:
            pat = RelationPattern(
                id=row["id"], description=row["description"], pattern=tuple(row["pattern"]),
                subject=row["subject"], object=row["object"], trigger=tuple(row["trigger"]),
                lexicon=row.get("lexicon", "predicates"),
                without={k: tuple(v) for k, v in row.get("without", {}).items()},
                symmetric_only=bool(row.get("symmetric_only", False)), source=where,
                predicate=_checked_predicate(str(path), n, row["predicate"]) if "predicate" in row else "",
            )
        except KeyError as err:
            raise PatternError(f"{where}: missing field {err}") from None
        names = {node.get("RIGHT_ID") for node in pat.pattern}
        for role in (pat.subject, pat.object, *pat.trigger):
            if role not in names:
                raise PatternError(f"{where}: '{role}' is not a node (RIGHT_ID) of the pattern")
        if pat.lexicon not in LEXICONS:
            raise PatternError(f"{where}: unknown lexicon '{pat.lexicon}'; known: {', '.join(LEXICONS)}")
        if pat.id in seen:
            raise PatternError(f"{where}: duplicate pattern id '{pat.id}'")
        for node in pat.without:
            if node not in names:
                raise PatternError(f"{where}: 'without' names '{node}', not a node of the pattern")
        if set(row) - _PATTERN_FIELDS:
            raise PatternError(f"{where}: unknown field(s) {sorted(set(row) - _PATTERN_FIELDS)}")
        seen.add(pat.id)
        out.append(pat)
    return tuple(out)


# ---------------------------------------------------------------- alias file


@dataclass(frozen=True)
class AliasRule:
    """A user's ruling on two names: "same" merges them, "different" keeps them apart whatever the
    resolver thinks. ``where`` is file:line, shown in the merge report."""

    ruling: str
    name: str
    other: str
    where: str


ALIAS_RULINGS = ("same", "different")


@cache
def aliases_table() -> tuple[AliasRule, ...]:
    """Rows of ontology/aliases.tsv and of the user's alias files: ruling, name, other name."""
    out = []
    for path in (data_path("aliases.tsv"), *_user_aliases):
        for n, (ruling, name, other) in _tsv_rows(Path(path), 3):
            if ruling not in ALIAS_RULINGS:
                raise PatternError(f"{path}:{n}: ruling must be one of {', '.join(ALIAS_RULINGS)}, got {ruling!r}")
            out.append(AliasRule(ruling, name, other, f"{Path(path).name}:{n}"))
    return tuple(out)


@dataclass(frozen=True)
class ContextCue:
    """Where a name stands corrects its class: "told X" (X an outlet), "X, the chipmaker"."""

    role: str  # subject_of, object_of, possessor_of, apposition
    lemmas: frozenset[str]
    from_classes: frozenset[str]  # coarse classes it corrects
    to: str


CONTEXT_ROLES = ("subject_of", "object_of", "possessor_of", "apposition")


@cache
def context_cues() -> tuple[ContextCue, ...]:
    path = data_path("entity_types.json")
    known = set(schema().ancestors)
    out = []
    for n, cue in enumerate(entity_types().get("context_cues", []), 1):
        if cue.get("role") not in CONTEXT_ROLES or cue.get("to") not in known \
                or not set(cue.get("from", [])) <= known:
            raise PatternError(f"{path}: context_cues entry {n}: role must be one of {', '.join(CONTEXT_ROLES)} "
                               f"and from/to ontology classes, got {cue}")
        out.append(ContextCue(cue["role"], frozenset(cue["lemmas"]), frozenset(cue["from"]), cue["to"]))
    return tuple(out)


@cache
def date_hedges() -> list[tuple[str, str]]:
    """Leading words of time expressions and what to read them as ("-": drop), lexicons/date_hedges.tsv."""
    return [(words, read_as) for _, (words, read_as) in _rows("date_hedges.tsv", 2)]


@cache
def _code_and_rules_digest() -> bytes:
    """Digest of kg's code and shipped rule files as this process loaded them (read once: a worker
    forked from this process runs the same code even if the files change on disk meanwhile)."""
    digest = hashlib.sha256()
    for root, suffixes in ((data_path(), (".ttl", ".tsv", ".json", ".jsonl")), (Path(__file__).parent, (".py",))):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes):
            digest.update(path.relative_to(root).as_posix().encode() + b"\x1f" + path.read_bytes())
    return digest.digest()


def fingerprint(model: str) -> str:
    """What extraction depends on besides the text: kg's version and code, the spaCy pipeline (name and
    version), every shipped rule file and the user's gazetteers. A store re-extracts a document when it
    changes."""
    import spacy.util

    from kg import __version__

    digest = hashlib.sha256(f"kg {__version__}\x1fmodel {model}\x1f".encode())
    version = spacy.util.get_package_version(model) if spacy.util.is_package(model) else None
    digest.update((version or "").encode())  # a pipeline folder has no package version: its name stands for it
    digest.update(_code_and_rules_digest())
    for path in _user_gazetteers:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]
