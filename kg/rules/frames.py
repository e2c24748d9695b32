"""Verb frames: what event a predicate reports, at the breadth of the field's dictionary.

``ontology/frames/cameo_verbs.jsonl`` (derived from PETRARCH2's CAMEO verb dictionary by
scripts/derive/cameo_frames.py, MIT) says, for a verb lemma and particle, optionally an object noun (or a
synonym set of ``cameo_synsets.jsonl``), a preposition with its noun and a subject noun, which CAMEO
event code it reports and where the dictionary puts the source and the target. ``cameo_words.tsv``
(curated) maps a code, by its longest matching prefix, to kg's relation word, the PLOVER category and
mode. ``nominalizations.tsv`` (curated) maps event nouns to the verb whose frames they share ("the
assassination of X" reads as "assassinate X") and says which argument their "of" names.
``complements.tsv`` (curated) lists the verbs whose clause PLOVER codes at the verb ("threatened to
attack Y": THREATEN; "agreed to meet Y": AGREE). ``intents.tsv`` (curated) says what a stated intent
asserts ("X will meet Y": X proposes it; "X is preparing to attack Y": X threatens Y). ``results.tsv``
(curated) says what an act's stated result makes it ("shot to death", "fatally shot": a killing).

kg's own frames, ``lexicons/predicates.tsv``, are looked up before these (kg/extract/frames.py).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.rules.readers import Line, Strings, Unique, jsonl, one_of, tsv
from kg.rules.schema import Schema

PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
_CODE = re.compile(r"\d{2,4}")
_PLACE = re.compile(r"(?:|subject|object|prep:[a-z]+)")
_BLOCK = {"block": str, "where": str, "verbs": list, "patterns": list}
_VERB = {"lemma": str, "particle": str, "before": str, "code": (str, type(None)), "code2": str, "where": str}
_PATTERN = {"particles": list, "subject_noun": str, "subject_modifiers": list, "noun": str, "modifiers": list,
            "prep": str, "prep_noun": str, "prep_modifiers": list, "preps": list, "source_at": str, "target_at": str,
            "code": (str, type(None)), "code2": str, "written_for": str, "where": str}
OF_ROLES = ("patient", "agent", "doer")


# the pseudo-verb of frames/failures.tsv for the act's own verb negated ("did not release Y": a refusal)
NEGATED = "not"


@dataclass(frozen=True)
class Coding:
    """What a CAMEO code means in kg: the relation word ("" for none), PLOVER category and mode."""

    code: str
    word: str
    plover: str = ""
    mode: str = ""


@dataclass(frozen=True)
class Frame:
    """One dictionary pattern of a verb. Empty sets and strings constrain nothing.

    nouns: head lemmas the direct object must have; modifiers: words (sets) it must carry;
    prep/prep_nouns: a prepositional phrase the predicate must have (with one of these heads);
    subject_nouns: head lemmas the subject must have; source_at/target_at: where the dictionary puts the
    event's source and target ("", "subject", "object", "prep:with"); coding None: the pattern reports
    no event ("killed in an accident"). One frame serves every verb of its dictionary block.
    """

    particle: str
    nouns: frozenset[str]
    modifiers: tuple[frozenset[str], ...]
    prep: str
    prep_nouns: frozenset[str]
    subject_nouns: frozenset[str]
    source_at: str
    target_at: str
    coding: Coding | None
    where: str
    # members of the object's synonym set written with modifiers: (head, the words it must carry); "cease
    # fire" in &CEASEFIRE is no "fire", "nuclear weapon" in &WMD no "weapon"
    noun_phrases: tuple[tuple[str, frozenset[str]], ...] = ()
    # the event goes from the target to the source: the dictionary's code after ":" alone ("[:026]"),
    # "X received an invitation from Y" is Y's invitation of X
    reverse: bool = False
    # the verb of the block the dictionary wrote the pattern for ("lemma particle", from its comment), or ""
    written_for: str = ""
    # the words of the pattern's further phrases, each set one of which the clause must hold ("PROTEST * FOR
    # + TO LEAVE": "leave"; a phrase naming no noun, its preposition): "competed for orders" is no protest
    also: tuple[frozenset[str], ...] = ()

    @property
    def has_noun(self) -> bool:
        """Whether the pattern asks for an object noun."""
        return bool(self.nouns or self.noun_phrases)

    @property
    def specificity(self) -> int:
        return (8 * self.has_noun + 4 * bool(self.subject_nouns) + 2 * bool(self.prep)
                + 2 * bool(self.prep_nouns) + len(self.modifiers))

    def admits(self, obj: str, modifiers: frozenset[str]) -> bool:
        """Whether a direct object with head lemma ``obj`` and these modifier words fills the noun slot."""
        return obj in self.nouns or self.admits_phrase(obj, modifiers)

    def admits_phrase(self, obj: str, modifiers: frozenset[str]) -> bool:
        """Whether it fills the slot as a member written with modifiers ("peacekeeping force")."""
        return any(head == obj and words <= modifiers for head, words in self.noun_phrases)


@dataclass(frozen=True)
class Nominal:
    """An event noun: the verb whose frames it shares and what its "of" names ("the killing of X": the
    patient; "the visit of X": the agent)."""

    noun: str
    verb: str  # lemma
    particle: str
    of: str


@dataclass(frozen=True)
class Complement:
    """A verb whose clause PLOVER codes at the verb: the word when the clause's event is hostile, and
    otherwise ("" for none)."""

    verb: str
    mark: str
    hostile: str
    other: str


@dataclass(frozen=True)
class Intents:
    """What an actor's stated intent asserts (frames/intents.tsv): the modality cues that say the act is the
    actor's own intent, and per PLOVER category of the act the word asserted when the intent is stated and
    when it is denied ("" for none)."""

    cues: frozenset[str] = frozenset()
    words: dict[str, tuple[str, str]] = field(default_factory=dict)

    def word(self, plover: str, negative: bool) -> str:
        """The word an intent to do an act of category ``plover`` asserts ("" for none)."""
        return self.words.get(plover, ("", ""))[1 if negative else 0]


HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "PROTEST", "ACCUSE", "REJECT"})
MATERIAL_HARM = frozenset({"ASSAULT", "COERCE", "SANCTION"})  # acts that harm whom they are done to
BACKING = frozenset({"SUPPORT", "AID"})  # acts that back whom they are done to ("rebels backed by X")


@dataclass(frozen=True)
class Frames:
    by_verb: dict[tuple[str, str], tuple[Frame, ...]]  # (lemma, particle) -> frames, most specific first
    codings: dict[str, Coding]  # CAMEO code prefix -> meaning
    nominals: dict[str, Nominal]  # event noun -> its verb
    complements: dict[tuple[str, str], Complement]  # (verb, "to" | "that") -> what its clause makes it
    intents: Intents = Intents()  # what a stated intent to act asserts
    # what an act's stated result makes it (frames/results.tsv): (cue, where) -> (word it applies to, word)
    results: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # what a failed attempt at an act asserts (frames/failures.tsv): (verb, PLOVER category) -> word
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    # senses in which a verb's reading does not hold (frames/senses.tsv): verb -> ((test, what it reads), ...),
    # a coding with no code for a plain word, with no word for "no edge"
    senses: dict[str, tuple[tuple[str, Coding], ...]] = field(default_factory=dict)

    @cached_property
    def failure_verbs(self) -> frozenset[str]:
        return frozenset(verb for verb, _ in self.failures if verb != NEGATED)

    @cached_property
    def acts(self) -> frozenset[str]:
        """The event nouns whose "of" names the patient ("the murder of X"): acts, not parties."""
        return frozenset(n for n, nominal in self.nominals.items() if nominal.of == "patient")

    def coding(self, code: str) -> Coding | None:
        """The meaning of ``code`` by its longest prefix in cameo_words.tsv; None when none matches."""
        for size in range(len(code), 1, -1):
            found = self.codings.get(code[:size])
            if found is not None:
                return Coding(code, found.word, found.plover, found.mode)
        return None

    @cached_property
    def with_further_phrases(self) -> frozenset[tuple[str, str]]:
        """The (verb lemma, particle) keys with a pattern of more than one phrase (Frame.also)."""
        return frozenset(key for key, frames in self.by_verb.items() if any(f.also for f in frames))

    @cached_property
    def candidates(self) -> dict[tuple[str, str], tuple[list, dict[str, list]]]:
        """(verb lemma, particle) -> its frames as (position, frame): those that ask for no object noun,
        and those that do by the nouns they admit. A verb of the CAMEO dictionary has hundreds of frames,
        nearly all for one object noun or another: :meth:`find` tries only those of its noun."""
        out = {}
        for key, frames in self.by_verb.items():
            plain, by_noun = [], {}
            for position, frame in enumerate(frames):
                if not frame.has_noun:
                    plain.append((position, frame))
                for noun in frame.nouns | {head for head, _ in frame.noun_phrases}:
                    by_noun.setdefault(noun, []).append((position, frame))
            out[key] = (plain, by_noun)
        return out

    def find(self, lemma: str, particle: str, obj: str = "", modifiers: frozenset[str] = frozenset(),
             preps: dict[str, frozenset[str]] | None = None, subject: str = "",
             noun_preps: dict[str, frozenset[str]] | None = None,
             present: frozenset[str] | None = None) -> Frame | None:
        """The most specific frame of verb ``lemma`` + ``particle`` that fits: ``obj`` the direct object's
        head lemma, ``modifiers`` its modifiers' lemmas, ``preps`` preposition -> its objects' head lemmas,
        ``subject`` the subject's head lemma. ``noun_preps``: the direct object's own prepositional phrases,
        which fill the preposition of a frame that names the object ("declared a state of emergency":
        STATE (OF EMERGENCY); "lifted the ban on X"). ``present``: the lemmas of the clause, which a
        pattern's further phrases must find theirs among (None: no pattern with further phrases fits)."""
        preps = preps or {}
        with_noun = {**preps, **{q: preps.get(q, frozenset()) | heads for q, heads in noun_preps.items()}} \
            if noun_preps else preps  # no copy per look-up when the object has no phrases
        plain, by_noun = self.candidates.get((lemma, particle), ((), {}))
        candidates = heapq.merge(plain, by_noun.get(obj, ())) if obj in by_noun else plain
        for _, frame in candidates:
            if frame.has_noun and not frame.admits(obj, modifiers):
                continue
            if frame.modifiers and not all(modifiers & wanted for wanted in frame.modifiers):
                continue
            have = with_noun if frame.has_noun else preps
            if frame.prep and (frame.prep not in have or frame.prep_nouns and
                               not have[frame.prep] & frame.prep_nouns):
                continue
            if frame.subject_nouns and subject not in frame.subject_nouns:
                continue
            if frame.also and (present is None or not all(words & present for words in frame.also)):
                continue
            return frame
        return None


def read_frames(folder: Path, schema: Schema) -> Frames:
    codings = _read_codings(folder / "cameo_words.tsv", schema)
    synsets, members = _read_synsets(folder / "cameo_synsets.jsonl")
    by_verb: dict[tuple[str, str], list[Frame]] = {}
    for line, block in jsonl(folder / "cameo_verbs.jsonl", _BLOCK):
        verbs = [_checked(line, v, _VERB, "verb") for v in block["verbs"]]
        patterns = [_checked(line, p, _PATTERN, "pattern") for p in block["patterns"]]
        for verb in verbs:
            if not verb["lemma"] or not verb["lemma"].replace("-", "").isalpha():
                raise line.error(f"verb lemma must be a word, got {verb['lemma']!r}")
            key = (verb["lemma"], verb["particle"])
            coding, reverse = _directed(line, verb, codings)
            by_verb.setdefault(key, []).append(Frame(
                verb["particle"], frozenset(), (), "", frozenset(), frozenset(), "", "", coding, verb["where"],
                reverse=reverse))
        for p in patterns:
            for place in ("source_at", "target_at"):
                if not _PLACE.fullmatch(p[place]):
                    raise line.error(f"{place} must be subject, object or prep:<preposition>, got {p[place]!r}")
            single, phrases = _phrases(line, p["noun"], synsets, members)
            coding, reverse = _directed(line, p, codings)
            parts = (single, tuple(_words(line, m, synsets) for m in p["modifiers"]),
                     p["prep"], _words(line, p["prep_noun"], synsets), _words(line, p["subject_noun"], synsets),
                     p["source_at"], p["target_at"], coding, p["where"], phrases)
            also = tuple(_words(line, q["noun"], synsets) or frozenset({q["prep"]}) for q in p["preps"][1:])
            made: dict[str, Frame] = {}  # one frame per particle serves every verb of the block
            for verb in verbs:
                particle = " ".join(filter(None, [verb["particle"], *p["particles"]]))
                if particle not in made:
                    made[particle] = Frame(particle, *parts, reverse=reverse, written_for=p["written_for"], also=also)
                by_verb.setdefault((verb["lemma"], particle), []).append(made[particle])
    for key, frame in _read_transfers(folder, synsets, members, codings):  # after the dictionary's own
        by_verb.setdefault(key, []).append(frame)
    for key, frame in _read_epithets(folder, synsets, members, codings):
        by_verb.setdefault(key, []).append(frame)
    for name in ("placements.tsv", "time_limits.tsv"):
        for key, frame in _read_phrase_frames(folder / name, synsets, codings):
            by_verb.setdefault(key, []).append(frame)
    ordered = {key: _own_first(sorted(frames, key=lambda f: -f.specificity), key) for key, frames in by_verb.items()}
    return Frames(ordered, codings, _read_nominals(folder / "nominalizations.tsv", ordered),
                  _read_complements(folder / "complements.tsv", schema), _read_intents(folder / "intents.tsv", schema),
                  _read_results(folder / "results.tsv", schema), _read_failures(folder / "failures.tsv", schema),
                  _read_senses(folder / "senses.tsv", schema, codings))


SENSE_TESTS = ("actor-object", "person-object", "place-object", "proposal-object", "with-sanction", "with-claim",
               "for-sanction", "object-to", "moved-object", "contest", "verbal-modifier", "place-target",
               "verbal-act-object", "event-object", "object-infinitive", "stoppage", "unit-subject",
               "peacekeeper-subject", "intangible-object", "affliction-object",
               "peacekeeper-object", "made-object", "custody-object", "test-firing", "water-target",
               "sanction-object", "credit-object", "unit-leaving",
               "refugee-object", "control-of-actor",
               "place-subject", "at-phrase")  # what kg/extract/relations.py can test of a reading


def _read_transfers(folder: Path, synsets: dict[str, frozenset[str]], members: dict[str, Phrases],
                    codings: dict[str, Coding]) -> Iterator[tuple[tuple[str, str], Frame]]:
    """The frames of handing goods to a party (curated): every verb of transfer_verbs.tsv ("hand over")
    with every goods noun of transfers.tsv and its code, twice: with the recipient's "to", which the sort
    puts before the dictionary's own frame for the same verb and noun without it ("sent arms to Pakistan"
    hands them over, where the dictionary's SEND block reads "* ARMS", written for DEPLOY, as a
    mobilisation), and without it ("sent Ukraine tanks"), put after the dictionary's own. A row that
    names its verbs goes with those only (persons are handed over, not shipped)."""
    def lemma_and_particle(verb: str) -> tuple[str, str]:  # "hand over" -> ("hand", "over")
        lemma, _, particle = verb.strip().partition(" ")
        return lemma, particle

    verbs = []
    seen = Unique("verb")
    for line, (verb,) in tsv(folder / "transfer_verbs.tsv", ("verb",)):
        seen.add(verb, line)
        lemma, particle = lemma_and_particle(verb)
        if not lemma.isalpha() or (particle and not particle.replace(" ", "").isalpha()):
            raise line.error(f"verb must be a lemma and its particle, got {verb!r}")
        verbs.append((lemma, particle))
    goods = Unique("goods")
    for line, (noun, code, *only) in tsv(folder / "transfers.tsv", ("goods", "code", "verbs"), optional=1):
        goods.add(noun, line)
        single, phrases = _phrases(line, noun, synsets, members)
        coding = _code(line, code, codings)
        named = [lemma_and_particle(v) for v in only[0].split(",")] if only else verbs
        unknown = [" ".join(filter(None, v)) for v in named if v not in verbs]
        if unknown:
            raise line.error(f"verb {unknown[0]!r} is not in transfer_verbs.tsv")
        made: dict[tuple[str, str], Frame] = {}
        for lemma, particle in named:
            for prep in ("to", ""):
                if (particle, prep) not in made:
                    made[particle, prep] = Frame(particle, single, (), prep, frozenset(), frozenset(), "", "",
                                                 coding, f"transfers.tsv:{line.number}", phrases)
                yield (lemma, particle), made[particle, prep]


def _read_phrase_frames(path: Path, synsets: dict[str, frozenset[str]],
                        codings: dict[str, Coding]) -> Iterator[tuple[tuple[str, str], Frame]]:
    """The frames of a verb, its object and a prepositional phrase (curated): putting the object somewhere
    (placements.tsv: "placed Y under house arrest", "held Y in jail" detain Y), giving it a time limit
    (time_limits.tsv: "gave Y until June to leave" is an ultimatum to Y). A place "*" is any noun."""
    seen = Unique("verb, preposition and place")
    for line, (verb, prep, place, code) in tsv(path, ("verb", "prep", "place", "code")):
        seen.add((verb, prep, place), line)
        lemma, _, particle = verb.partition(" ")
        if not verb.replace(" ", "").isalpha() or not prep.isalpha():
            raise line.error(f"verb and preposition must be words, got {verb!r} and {prep!r}")
        places = frozenset() if place == "*" else _words(line, place, synsets)
        yield (lemma, particle), Frame(particle, frozenset(), (), prep, places, frozenset(),
                                       "", "object", _code(line, code, codings), f"{path.name}:{line.number}")


def _read_epithets(folder: Path, synsets: dict[str, frozenset[str]], members: dict[str, Phrases],
                   codings: dict[str, Coding]) -> Iterator[tuple[tuple[str, str], Frame]]:
    """The frames of calling an actor something bad (curated): every verb of naming_verbs.tsv with every
    epithet of epithets.tsv and its code ("called Y a traitor": the epithet is the noun the verb says its
    object is, kg.extract.frames._predicative)."""
    verbs = []
    seen = Unique("verb")
    for line, (verb,) in tsv(folder / "naming_verbs.tsv", ("verb",)):
        seen.add(verb, line)
        if not verb.isalpha() or not verb.islower():
            raise line.error(f"verb must be a lemma in lower case, got {verb!r}")
        verbs.append(verb)
    epithets = Unique("epithet")
    for line, (noun, code) in tsv(folder / "epithets.tsv", ("epithet", "code")):
        epithets.add(noun, line)
        single, phrases = _phrases(line, noun, synsets, members)
        frame = Frame("", single, (), "", frozenset(), frozenset(), "", "", _code(line, code, codings),
                      f"epithets.tsv:{line.number}", phrases)
        for verb in verbs:
            yield (verb, ""), frame


def _read_senses(path: Path, schema: Schema, codings: dict[str, Coding]) -> dict[str, tuple[tuple[str, Coding], ...]]:
    out: dict[str, list[tuple[str, Coding]]] = {}
    seen = Unique("verb and test")
    for line, (verb, when, word) in tsv(path, ("verb", "when", "word")):
        one_of(line, "test", when, SENSE_TESTS)
        seen.add((verb, when), line)
        if word.isdigit():  # a CAMEO code: its word, PLOVER category and mode
            coding = _code(line, word, codings)
            if coding is None:
                raise line.error(f"CAMEO code {word!r} has no word in cameo_words.tsv")
        else:
            coding = Coding("", "" if word == "-" else schema.predicate(line, word))
        out.setdefault(verb, []).append((when, coding))
    return {verb: tuple(tests) for verb, tests in out.items()}


def _read_failures(path: Path, schema: Schema) -> dict[tuple[str, str], str]:
    out = {}
    seen = Unique("verb and category")
    for line, (verb, category, word) in tsv(path, ("verb", "category", "word")):
        one_of(line, "PLOVER category", category, PLOVER)
        seen.add((verb, category), line)
        out[(verb, category)] = schema.predicate(line, word)
    return out


def _read_intents(path: Path, schema: Schema) -> Intents:
    cues: set[str] = set()
    words: dict[str, tuple[str, str]] = {}
    seen = Unique("row")
    for line, (kind, key, positive, negative) in tsv(path, ("kind", "key", "if_positive", "if_negative")):
        one_of(line, "kind", kind, ("cue", "category"))
        seen.add((kind, key), line)
        if kind == "cue":
            if (positive, negative) != ("-", "-"):
                raise line.error("a cue row has no words: its last two columns are '-'")
            cues.add(key)
        else:
            one_of(line, "PLOVER category", key, PLOVER)
            words[key] = tuple("" if w == "-" else schema.predicate(line, w) for w in (positive, negative))
    return Intents(frozenset(cues), words)


RESULT_PLACES = ("adverb", "complement", "to", "victim")  # "fatally shot", "shot dead", "shot to death", "died after being shot"


def _read_results(path: Path, schema: Schema) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    seen = Unique("cue and place")
    for line, (cue, where, word, becomes) in tsv(path, ("cue", "where", "word", "becomes")):
        one_of(line, "where", where, RESULT_PLACES)
        seen.add((cue, where), line)
        out[(cue, where)] = (schema.predicate(line, word), schema.predicate(line, becomes))
    return out


def _read_complements(path: Path, schema: Schema) -> dict[tuple[str, str], Complement]:
    out = {}
    seen = Unique("verb and mark")
    for line, (verb, mark, hostile, other) in tsv(path, ("verb", "mark", "if_hostile", "otherwise")):
        one_of(line, "mark", mark, ("to", "for", "that", "must", "blame", "verdict"))
        seen.add((verb, mark), line)
        words = ["" if w == "-" else schema.predicate(line, w) for w in (hostile, other)]
        out[(verb, mark)] = Complement(verb, mark, *words)
    return out


def _own_first(frames: list[Frame], verb: tuple[str, str]) -> tuple[Frame, ...]:
    """``frames`` (most specific first) with the same pattern written for several verbs of a block under
    different codes put in order: the one written for ``verb`` first ("recognised Kosovo's independence":
    RECOGNISE's "* INDEPENDENCE [054]", not CELEBRATE's "[017]"); British and American spellings are one
    verb (RECOGNISE, RECOGNIZE)."""
    own = _spelling(" ".join(filter(None, verb)))
    alike: dict[tuple, list[int]] = {}
    for i, f in enumerate(frames):
        alike.setdefault((f.nouns, f.modifiers, f.prep, f.prep_nouns, f.subject_nouns, f.noun_phrases), []).append(i)
    out = list(frames)
    for places in alike.values():
        if len(places) > 1:
            mine = sorted((frames[i] for i in places),
                          key=lambda f: _spelling(f.written_for) != own)
            for i, f in zip(places, mine, strict=True):
                out[i] = f
    return tuple(out)


def _spelling(words: str) -> str:
    return re.sub(r"our\b", "or", re.sub(r"is(e|ation)\b", r"iz\1", words))


def _checked(line: Line, item: object, fields: dict, kind: str) -> dict:
    """A verb or pattern object of a block row, with exactly ``fields`` of their types."""
    if not isinstance(item, dict) or set(item) != set(fields):
        got = sorted(item) if isinstance(item, dict) else type(item).__name__
        raise line.error(f"a {kind} must have the fields {', '.join(sorted(fields))}; got {got}")
    for name, wanted in fields.items():
        if not isinstance(item[name], wanted):
            raise line.error(f"{kind} field {name!r} has the wrong type: {item[name]!r}")
    return item


def _directed(line: Line, entry: dict, codings: dict[str, Coding]) -> tuple[Coding | None, bool]:
    """The coding of a dictionary verb or pattern and whether its event is reversed: the code before ":",
    else the code after it alone ("[:173]": "X appeared before the court" is the court's act against X),
    an event from the target to the source (scripts/derive/cameo_frames.py). Where there are both, the
    code before ":" is the sentence's event and kg reads it alone."""
    if entry["code"] is None and entry["code2"]:
        return _code(line, entry["code2"], codings), True
    return _code(line, entry["code"], codings), False


def _code(line: Line, code: str | None, codings: dict[str, Coding]) -> Coding | None:
    if code is None:
        return None
    if not _CODE.fullmatch(code):
        raise line.error(f"code must be a CAMEO code (2 to 4 digits), got {code!r}")
    return _coding(line, code, codings)


def _coding(line: Line, code: str, codings: dict[str, Coding]) -> Coding | None:
    for size in range(len(code), 1, -1):
        found = codings.get(code[:size])
        if found is not None:
            return Coding(code, found.word, found.plover, found.mode) if found.word else None
    raise line.error(f"code {code!r} matches no prefix of cameo_words.tsv")


def _words(line: Line, word: str, synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    """A noun slot as the set of head lemmas it admits (a synonym set's members' last words)."""
    if not word:
        return frozenset()
    if word.startswith("&"):
        if word not in synsets:
            raise line.error(f"unknown synonym set {word!r}")
        return synsets[word]
    return frozenset({word.split()[-1]})


Phrases = tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]


def _phrases(line: Line, word: str, synsets: dict[str, frozenset[str]], members: dict[str, Phrases]) -> Phrases:
    """The object slot: the head lemmas it admits alone, and the synonym set's members written with
    modifiers as (head, modifier words) pairs, which it admits only with those words ("cease fire" in
    &CEASEFIRE is no "fire", "nuclear weapon" in &WMD no "weapon")."""
    if not word.startswith("&"):
        return _words(line, word, synsets), ()
    _words(line, word, synsets)  # an unknown set is an error
    return members[word]


def _read_synsets(path: Path) -> tuple[dict[str, frozenset[str]], dict[str, Phrases]]:
    """Each synonym set's head lemmas (every member's last word: the subject and preposition slots, whose
    modifiers are not read, take any of them), and its members split as the object slot reads them."""
    heads, members = {}, {}
    seen = Unique("synonym set")
    for line, row in jsonl(path, {"name": str, "members": Strings, "where": str}):
        seen.add(row["name"], line)
        heads[row["name"]] = frozenset(m.split()[-1] for m in row["members"])
        members[row["name"]] = (frozenset(m for m in row["members"] if " " not in m), tuple(sorted(
            (m.split()[-1], frozenset(m.split()[:-1])) for m in row["members"] if " " in m)))
    return heads, members


def _read_codings(path: Path, schema: Schema) -> dict[str, Coding]:
    out = {}
    seen = Unique("code prefix")
    for line, (prefix, word, plover, *mode) in tsv(path, ("cameo_prefix", "kg_word", "plover", "plover_mode"),
                                                    optional=1):
        if not _CODE.fullmatch(prefix):
            raise line.error(f"cameo_prefix must be 2 to 4 digits, got {prefix!r}")
        seen.add(prefix, line)
        if word != "-":
            schema.predicate(line, word)
        if plover != "-":
            one_of(line, "PLOVER category", plover, PLOVER)
        out[prefix] = Coding(prefix, "" if word == "-" else word, "" if plover == "-" else plover,
                             mode[0] if mode else "")
    for root in (f"{n:02d}" for n in range(1, 21)):
        if root not in out:
            raise Line(path, 0).error(f"no row for CAMEO root {root}")
    return out


def _read_nominals(path: Path, verbs: dict[tuple[str, str], tuple[Frame, ...]]) -> dict[str, Nominal]:
    out = {}
    seen = Unique("noun")
    for line, (noun, verb, of) in tsv(path, ("noun", "verb", "of")):
        seen.add(noun, line)
        one_of(line, "role of 'of'", of, OF_ROLES)
        lemma, _, particle = verb.partition(" ")
        if (lemma, particle) not in verbs:
            raise line.error(f"verb {verb!r} has no frame in cameo_verbs.jsonl")
        out[noun] = Nominal(noun, lemma, particle, of)
    return out
