"""The rules kg reads text with, as one frozen, validated value made once per build and passed to every
stage (the spaCy pipeline, mention finding, relation extraction, resolution, RDF building).

``load_rules(RuleSources(...))`` reads kg's ontology folder (ontology/, installed as ``kg.ontology``)
and the user's gazetteer and alias files, checks every row (a bad one raises RuleFileError with
``file:line`` and the reason) and returns a :class:`Rules`. Two loads of the same files give the same
value: it is memoised by the files' content, which is also its ``digest`` (recorded by stores and
compared across worker processes).

Layout of the ontology folder, one reader per file format (kg/rules/readers.py)::

    kg.ttl, shapes.ttl              classes and properties (schema.py), SHACL shapes
    settings.tsv                    numbers the resolver uses (lexicons.py)
    aliases.tsv                     alias rulings (aliases.py)
    gazetteer/*.jsonl               well-known actors and places (gazetteer.py)
    places/places.tsv               coordinates of places, and the world's cities (places.py)
    actors/*                        CAMEO actor codes: Phoenix actors and agents, curated tables (actors.py)
    lexicons/*.tsv                  triggers, titles, modality, group nouns, sectors, date hedges, labels,
                                    name words, place words, definite references, context cues (lexicons.py)
    patterns/relations.jsonl        relation constructions (patterns.py)
    patterns/confidence.tsv         measured confidence per rule (lexicons.py)
    frames/                         CAMEO verb frames, their codes' kg words and PLOVER categories,
                                    event nouns (frames.py)
    events/                         PLOVER categories, CAMEO codes and Goldstein weights, each event
                                    word's CAMEO code: the code tables of event data (events.py)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.common.timex import Hedges
from kg.rules.actors import Actors, read_actors
from kg.rules.aliases import AliasRule, read_aliases
from kg.rules.events import EventCodes, read_events
from kg.rules.frames import MATERIAL_HARM, Frames, read_frames
from kg.rules.gazetteer import FILES as GAZETTEER_FILES
from kg.rules.gazetteer import Gazetteer, GazetteerEntry, read_gazetteer
from kg.rules.lexicons import (
    BLAME_ACTS,
    BUILDUP_KINDS,
    DESIGNATION_KINDS,
    ENTITLEMENT_KINDS,
    ERRAND_PHRASES,
    MEASURE_KINDS,
    OWNER,
    SETTLING_KINDS,
    SEVERANCE_KINDS,
    STOPPAGE_KINDS,
    ContextCue,
    GroupNoun,
    Labels,
    NameCues,
    PlaceWords,
    Thresholds,
    Titles,
    Trigger,
    longest_suffix,
    read_confidences,
    read_context_cues,
    read_date_hedges,
    read_group_nouns,
    read_labels,
    read_modality,
    read_name_cues,
    read_place_words,
    read_sector_list,
    read_sectors,
    read_settings,
    read_titles,
    read_triggers,
    read_verb_forms,
    read_word_kinds,
    read_word_list,
    read_word_sets,
)
from kg.rules.patterns import RelationPattern, read_patterns
from kg.rules.places import Places, read_places
from kg.rules.schema import Schema, read_ontology

__all__ = ["OWNER", "UNCALIBRATED", "AliasRule", "ContextCue", "Gazetteer", "GazetteerEntry", "GroupNoun",
           "Labels", "NameCues", "PlaceWords", "RelationPattern", "RuleSources", "Rules", "Schema", "Thresholds",
           "Titles", "Trigger", "load_rules", "longest_suffix", "shipped_folder"]

# A rule the relation table has not yet measured: no better than a coin toss until it has rows.
UNCALIBRATED = 0.5


def shipped_folder() -> Path:
    """The ontology folder installed with kg."""
    return Path(str(resources.files("kg.ontology")))


@dataclass(frozen=True)
class RuleSources:
    """Where rules are read from: an ontology folder (None: kg's own) and the user's files, read after it."""

    root: Path | None = None
    gazetteers: tuple[Path, ...] = ()
    aliases: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "gazetteers", tuple(Path(p) for p in self.gazetteers))
        object.__setattr__(self, "aliases", tuple(Path(p) for p in self.aliases))

    @property
    def folder(self) -> Path:
        return Path(self.root) if self.root is not None else shipped_folder()

    def files(self) -> list[Path]:
        """Every file these rules are read from, in a fixed order."""
        folder = self.folder
        shipped = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".ttl", ".tsv", ".jsonl"))
        return [*shipped, *self.gazetteers, *self.aliases]


@dataclass(frozen=True, eq=False)
class Rules:
    """Every rule table kg reads text with; equal (and hashed) by ``digest``, the hash of the files."""

    sources: RuleSources
    digest: str
    ontology: Graph
    schema: Schema
    labels: Labels
    names: NameCues
    context_cues: tuple[ContextCue, ...]
    triggers: dict[str, Trigger]
    titles: Titles
    place_words: PlaceWords
    modality: dict[str, dict[str, str]]
    group_nouns: dict[str, GroupNoun]
    sectors: frozenset[str]
    date_hedges: Hedges
    confidences: dict[str, float]
    gazetteer: Gazetteer
    patterns: tuple[RelationPattern, ...]
    aliases: tuple[AliasRule, ...]
    thresholds: Thresholds
    frames: Frames
    places: Places  # coordinates and ISO codes of places (places.py)
    actors: Actors  # CAMEO actor codes (actors.py)
    object_control: frozenset[str]  # verbs whose object does their infinitive
    events: EventCodes  # PLOVER categories, CAMEO codes and their weights (events.py)
    shapes: Path = field(default=Path())
    charges: frozenset[str] = frozenset()  # the law's words: whom they are said of did the act they name
    instruments: frozenset[str] = frozenset()  # what violence is done with: the subject stands for its user
    firing_verbs: frozenset[str] = frozenset()  # "fired the shots that killed Y": the verbs of using them
    displaced: frozenset[str] = frozenset()  # "hosts Syrian refugees": a refuge given, no meeting
    collectives: frozenset[str] = frozenset()  # "a group of", "hundreds of": the argument is the "of" object
    quantities: frozenset[str] = frozenset()  # "a shipment of", "tonnes of": a frame's object is the "of" object
    partitives: frozenset[str] = frozenset()  # "part of", "half of": the "of" object alone is the frame's object
    prospects: frozenset[str] = frozenset()  # "the possibility of", "the prospect of": the act after "of" is the argument
    efforts: frozenset[str] = frozenset()  # "a mediation effort", "a bombing campaign": the compound is the act
    permissions: frozenset[str] = frozenset()  # "gave permission for Y to land": leave to act, given to Y
    credits: frozenset[str] = frozenset()  # "claimed responsibility for the attack on Y": the claimant's attack
    blame_words: dict[str, str] = field(default_factory=dict)  # "said Y was behind the attack": blame
    undergoers: frozenset[str] = frozenset()  # verbs whose subject undergoes them ("died in X")
    theme_verbs: frozenset[str] = frozenset()  # verbs whose object is what is sent or given ("deployed troops")
    benefit_verbs: frozenset[str] = frozenset()  # verbs of doing good, a gift's purpose ("gave $5m to help Y")
    perception_verbs: frozenset[str] = frozenset()  # verbs whose object does the participle ("showed Y firing")
    removal_verbs: frozenset[str] = frozenset()  # "were expelled from Russia": Russia expelled them
    seizure_verbs: frozenset[str] = frozenset()  # "recaptured Kherson from Russia": against Russia too
    rejecting_verbs: frozenset[str] = frozenset()  # "vetoed a resolution condemning Y": not the vetoer's act
    receiving_verbs: frozenset[str] = frozenset()  # "won praise from Y": Y praises the subject
    command_verbs: frozenset[str] = frozenset()  # "ordered Y jailed": the one ordering jails Y
    call_purposes: frozenset[str] = frozenset()  # "called Y to congratulate him": the caller congratulates
    truces: frozenset[str] = frozenset()  # "X and Y violated the ceasefire": against each other
    restating: frozenset[str] = frozenset()  # "reaffirmed the government's backing": the speaker's side
    settling: dict[str, str] = field(default_factory=dict)  # word -> verb|noun ("resolved the dispute between")
    designations: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> words ("designated Y a
    # terrorist group": lexicons/designations.tsv)
    severances: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> words ("ended its pact
    # with Y": lexicons/severance_words.tsv)
    buildups: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> words ("reinforced its troops
    # in Y": lexicons/buildup_words.tsv)
    errands: dict[str, str] = field(default_factory=dict)  # verb -> "on" | "any" ("is on a visit to Y":
    # lexicons/errand_verbs.tsv)
    entitlements: dict[str, str] = field(default_factory=dict)  # word -> verb | strip | noun ("revoked
    # Y's licence": lexicons/entitlements.tsv)
    creation_verbs: frozenset[str] = frozenset()  # "agreed to set up X in Y": X is made, no party
    giving_verbs: frozenset[str] = frozenset()  # verbs of two objects, the recipient first ("gave Y arms")
    appointers: frozenset[str] = frozenset()  # verbs that give their object a role ("appointed X as head of Y")
    identifiers: frozenset[str] = frozenset()  # verbs that name an unnamed noun ("the gunman was identified as X")
    speech_verbs: frozenset[str] = frozenset()  # verbal acts: after "X said Y …, and" they are X's own
    portfolios: frozenset[str] = frozenset()  # government portfolios ("Defence Minister X": no organisation)
    verb_forms: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # lemmatizer corrections
    proxies: frozenset[str] = frozenset()  # nouns for who speaks or acts for an actor ("X's spokesman")
    allegiances: frozenset[str] = frozenset()  # adjectives putting a group under an actor ("loyal to X")
    stance_prefixes: frozenset[str] = frozenset()  # "pro-Russian", "anti-French": a stance, no mention
    place_owners: frozenset[str] = frozenset()  # sectors whose bodies a place owns ("police in Kenya")
    commanded_sectors: frozenset[str] = frozenset()  # sectors of a person's own armed men ("Haftar's forces")
    contests: frozenset[str] = frozenset()  # nouns of contests ("beat Brazil in the semi-final")
    gatherings: frozenset[str] = frozenset()  # nouns of gatherings ("a speaker at the Harvard conference")
    verbal_modifiers: frozenset[str] = frozenset()  # words that make an attack verbal ("a scathing attack")
    proposals: frozenset[str] = frozenset()  # nouns of proposals and plans ("killed the bill")
    verbal_acts: frozenset[str] = frozenset()  # nouns of acts done by saying them ("offered condolences")
    intangibles: frozenset[str] = frozenset()  # nouns of an actor's intangibles ("damaged Y's reputation")
    afflictions: frozenset[str] = frozenset()  # ills a place suffers ("fight the epidemic in Y": no assault)
    custody: frozenset[str] = frozenset()  # places people are held in ("served five years in prison")
    harms: frozenset[str] = frozenset()  # nouns of harm done to someone ("violence against X")
    measures: dict[str, str] = field(default_factory=dict)  # measure noun -> kind ("hit X with tariffs")
    stoppages: dict[str, str] = field(default_factory=dict)  # cue -> kind ("a general strike" is a stoppage)
    units: frozenset[str] = frozenset()  # armed units: their journeys are no visits ("troops arrived in X")
    peacekeeping: frozenset[str] = frozenset()  # words of peacekeeping units: their arrival is aid ("peacekeepers arrived in X")

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rules) and other.digest == self.digest

    def warm(self) -> None:
        """Read now the tables otherwise read on first use (the Phoenix actors and agent nouns, GeoNames'
        cities, the CAMEO frames by object noun). A process that parses calls it once with its pipeline
        (kg.engine.pipeline), before it forks workers, so the workers and the stages after the parse share
        one copy instead of each reading its own (a second apiece)."""
        self.actors.phoenix  # noqa: B018  (cached properties: reading them loads them)
        self.actors.agents  # noqa: B018
        self.places.world.load()
        self.frames.candidates  # noqa: B018

    def confidence(self, rule: str) -> float:
        return self.confidences.get(rule, UNCALIBRATED)

    @cached_property
    def harm_nouns(self) -> frozenset[str]:
        """The event nouns (frames/nominalizations.tsv) of an act of material harm (kg.rules.frames.
        MATERIAL_HARM): "attack", "bombing", "killing", "killer"."""
        nominals = self.frames.nominals
        return frozenset(n for n, nominal in nominals.items() if self.verb_plover(nominal.verb) in MATERIAL_HARM)

    @cached_property
    def harm_words(self) -> frozenset[str]:
        """The event nouns of material harm (``harm_nouns``) and what violence is done with (``instruments``):
        the nouns whose modifier, possessor or "by" phrase names who did the harm."""
        return self.harm_nouns | self.instruments

    def verb_plover(self, lemma: str, obj: str = "") -> str:
        """The PLOVER category of a verb alone: kg's frame of it, else its CAMEO frame ("" when neither), for
        the object noun ``obj`` if given ("hold" a hostage: 181, an abduction)."""
        found = self.triggers.get(lemma)
        plover = self.schema.plover.get(found.predicate, "") if found else ""
        if not plover:
            frame = self.frames.find(lemma, "", obj)
            plover = frame.coding.plover if frame is not None and frame.coding is not None else ""
        return plover


def load_rules(sources: RuleSources | None = None) -> Rules:
    """The rules read from ``sources`` (default: kg's own ontology folder alone), validated.

    Raises RuleFileError (``file:line: reason``) for a bad or missing file."""
    sources = sources or RuleSources()
    digest = hashlib.sha256()
    for path in sources.files():
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            from kg.errors import RuleFileError

            raise RuleFileError(path, 0, f"cannot be read ({err.strerror or err})") from None
        name = path.relative_to(sources.folder).as_posix() if path.is_relative_to(sources.folder) else path.name
        digest.update(name.encode() + b"\x1f" + data + b"\x1e")
    return _load(sources, digest.hexdigest()[:16])


@cache
def _load(sources: RuleSources, digest: str) -> Rules:
    folder = sources.folder
    lexicons = folder / "lexicons"
    ontology = read_ontology(folder / "kg.ttl")
    schema = Schema.of(ontology)
    sectors = read_sectors(lexicons / "sectors.tsv")
    gazetteer = read_gazetteer([folder / "gazetteer" / name for name in GAZETTEER_FILES], sources.gazetteers,
                               schema, sectors)
    frames = read_frames(folder / "frames", schema)
    events = read_events(folder / "events", ontology, schema)

    def code_word(code: str) -> str | None:  # the kg word a CAMEO code of a trigger row means
        coding = frames.coding(code) if code in events.cameo else None
        return coding.word if coding is not None else None

    return Rules(
        sources=sources, digest=digest, ontology=ontology, schema=schema,
        labels=read_labels(lexicons / "ner_labels.tsv", lexicons / "gazetteer_labels.tsv", schema),
        names=read_name_cues(lexicons / "name_words.tsv", lexicons / "definite_references.tsv", schema),
        context_cues=read_context_cues(lexicons / "context_cues.tsv", schema),
        triggers=read_triggers(lexicons / "predicates.tsv", schema, code_word),
        titles=read_titles(lexicons / "titles.tsv", schema),
        place_words=read_place_words(lexicons / "place_words.tsv"),
        modality=read_modality(lexicons / "modality.tsv"),
        group_nouns=read_group_nouns(lexicons / "group_nouns.tsv", schema, sectors),
        sectors=sectors,
        date_hedges=read_date_hedges(lexicons / "date_hedges.tsv"),
        confidences=read_confidences(folder / "patterns" / "confidence.tsv"),
        gazetteer=gazetteer,
        patterns=read_patterns(folder / "patterns" / "relations.jsonl", schema),
        aliases=read_aliases([folder / "aliases.tsv", *sources.aliases]),
        thresholds=read_settings(folder / "settings.tsv"),
        frames=frames,
        object_control=read_word_list(lexicons / "object_control.tsv", "verb"),
        charges=read_word_list(lexicons / "charge_verbs.tsv", "word"),
        instruments=read_word_list(lexicons / "instruments.tsv", "word"),
        firing_verbs=read_word_list(lexicons / "firing_verbs.tsv", "verb"),
        displaced=read_word_list(lexicons / "displaced_nouns.tsv", "word"),
        collectives=read_word_list(lexicons / "collective_nouns.tsv", "word"),
        quantities=read_word_list(lexicons / "quantity_nouns.tsv", "word"),
        partitives=read_word_list(lexicons / "partitive_nouns.tsv", "word"),
        prospects=read_word_list(lexicons / "prospect_nouns.tsv", "word"),
        efforts=read_word_list(lexicons / "effort_nouns.tsv", "word"),
        permissions=read_word_list(lexicons / "permission_nouns.tsv", "word"),
        credits=read_word_list(lexicons / "credit_claims.tsv", "phrase"),
        blame_words=read_word_kinds(lexicons / "blame_predicates.tsv", "act", BLAME_ACTS),
        undergoers=read_word_list(lexicons / "undergoer_verbs.tsv", "verb"),
        theme_verbs=read_word_list(lexicons / "theme_verbs.tsv", "verb"),
        benefit_verbs=read_word_list(lexicons / "benefit_verbs.tsv", "verb"),
        perception_verbs=read_word_list(lexicons / "perception_verbs.tsv", "verb"),
        removal_verbs=read_word_list(lexicons / "removal_verbs.tsv", "verb"),
        seizure_verbs=read_word_list(lexicons / "seizure_verbs.tsv", "verb"),
        rejecting_verbs=read_word_list(lexicons / "rejecting_verbs.tsv", "verb"),
        receiving_verbs=read_word_list(lexicons / "receiving_verbs.tsv", "verb"),
        command_verbs=read_word_list(lexicons / "command_verbs.tsv", "verb"),
        call_purposes=read_word_list(lexicons / "call_purposes.tsv", "verb"),
        truces=read_word_list(lexicons / "truce_nouns.tsv", "noun"),
        restating=read_word_list(lexicons / "restating_verbs.tsv", "verb"),
        settling=read_word_kinds(lexicons / "settling_words.tsv", "kind", SETTLING_KINDS),
        designations=read_word_sets(lexicons / "designations.tsv", "kind", DESIGNATION_KINDS),
        severances=read_word_sets(lexicons / "severance_words.tsv", "kind", SEVERANCE_KINDS),
        buildups=read_word_sets(lexicons / "buildup_words.tsv", "kind", BUILDUP_KINDS),
        errands=read_word_kinds(lexicons / "errand_verbs.tsv", "phrase", ERRAND_PHRASES),
        entitlements=read_word_kinds(lexicons / "entitlements.tsv", "kind", ENTITLEMENT_KINDS),
        creation_verbs=read_word_list(lexicons / "creation_verbs.tsv", "verb"),
        giving_verbs=read_word_list(lexicons / "giving_verbs.tsv", "verb"),
        appointers=read_word_list(lexicons / "appointment_verbs.tsv", "verb"),
        identifiers=read_word_list(lexicons / "identity_verbs.tsv", "verb"),
        speech_verbs=read_word_list(lexicons / "speech_verbs.tsv", "verb"),
        portfolios=read_word_list(lexicons / "portfolio_words.tsv", "word"),
        verb_forms=read_verb_forms(lexicons / "verb_forms.tsv"),
        proxies=read_word_list(lexicons / "proxy_nouns.tsv", "word"),
        allegiances=read_word_list(lexicons / "allegiance_words.tsv", "word"),
        stance_prefixes=read_word_list(lexicons / "stance_prefixes.tsv", "prefix"),
        place_owners=read_sector_list(lexicons / "place_owners.tsv", sectors),
        commanded_sectors=read_sector_list(lexicons / "commanded_sectors.tsv", sectors),
        contests=read_word_list(lexicons / "contest_nouns.tsv", "word"),
        gatherings=read_word_list(lexicons / "gathering_nouns.tsv", "word"),
        verbal_modifiers=read_word_list(lexicons / "verbal_modifiers.tsv", "word"),
        proposals=read_word_list(lexicons / "proposal_nouns.tsv", "word"),
        verbal_acts=read_word_list(lexicons / "verbal_act_nouns.tsv", "word"),
        intangibles=read_word_list(lexicons / "intangible_nouns.tsv", "word"),
        afflictions=read_word_list(lexicons / "affliction_nouns.tsv", "word"),
        custody=read_word_list(lexicons / "custody_nouns.tsv", "word"),
        harms=read_word_list(lexicons / "harm_nouns.tsv", "word"),
        measures=read_word_kinds(lexicons / "measure_nouns.tsv", "kind", MEASURE_KINDS),
        stoppages=read_word_kinds(lexicons / "stoppage_cues.tsv", "kind", STOPPAGE_KINDS),
        units=read_word_list(lexicons / "unit_nouns.tsv", "word"),
        peacekeeping=read_word_list(lexicons / "peacekeeping_words.tsv", "word"),
        places=read_places(folder / "places" / "places.tsv", gazetteer),
        actors=read_actors(folder / "actors", lexicons / "sectors.tsv", schema),
        events=events,
        shapes=folder / "shapes.ttl",
    )
