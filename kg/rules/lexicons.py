"""Word tables under ontology/lexicons/ (and ontology/patterns/confidence.tsv, ontology/settings.tsv):
triggers, titles, modality cues, group nouns, date hedges, name words, labels, context cues, sectors.
Each reader validates every row against the schema and the other tables and reports ``file:line``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kg.rules.readers import Line, Unique, number, one_of, tsv
from kg.rules.schema import Schema

T = TypeVar("T")


def longest_suffix(words: list[str], table: dict[str, T]) -> T | None:
    """The entry of ``table`` for the longest tail of ``words`` ("deputy military official" tries all three,
    then "military official", then "official"); None when no tail is in the table."""
    for size in range(len(words), 0, -1):
        found = table.get(" ".join(words[-size:]))
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Trigger:
    """What a trigger key means: the predicate, and whether the construction's object is the actor."""

    predicate: str
    inverse: bool = False  # "Hamas received support from Iran": Iran supports Hamas
    # the CAMEO code the frame reports when it is more specific than the word's plain use ("signed an
    # agreement with": 057, whose PLOVER category is SUPPORT), "" for the word's own (events/word_codes.tsv)
    cameo: str = ""


def read_triggers(path: Path, schema: Schema, code_word: Callable[[str], str | None] = lambda code: None,
                  ) -> dict[str, Trigger]:
    """Trigger key ("meet with", "turn down", "visit to") -> Trigger (lexicons/predicates.tsv). An optional
    fourth field is a CAMEO code; ``code_word`` gives the kg word a code means (frames/cameo_words.tsv), None
    for a code events/cameo.tsv does not list, and the row's word must be it."""
    out: dict[str, Trigger] = {}
    seen = Unique("trigger")
    for line, (key, pred, *rest) in tsv(path, ("trigger", "predicate", "direction", "cameo"), optional=2):
        seen.add(key, line)
        direction, code = (rest + ["", ""])[:2]
        if direction:
            one_of(line, "direction", direction, ("forward", "inverse"))
        word = schema.predicate(line, pred)
        if code:
            means = code_word(code)
            if means is None:
                raise line.error(f"cameo {code!r} is no code of events/cameo.tsv")
            if means != word:
                raise line.error(f"cameo {code} means {means!r} (frames/cameo_words.tsv), not {word!r}")
        out[key] = Trigger(word, direction == "inverse", code)
    return out


@dataclass(frozen=True)
class Titles:
    predicate: dict[str, str]  # title phrase -> leaderOf / memberOf
    demoting: frozenset[str]  # modifiers that make a leader title a membership ("deputy")
    former: frozenset[str] = frozenset()  # modifiers that end the relation ("former president")
    title_words: frozenset[str] = frozenset()  # every word of every title ("prime", "minister"…)
    title_heads: frozenset[str] = frozenset()  # last words of titles ("minister", "leader", "state"…)
    # roles only an organisation employs ("professor", "nurse"): no country or place owns them, and
    # their holder is a person
    organisation_only: frozenset[str] = frozenset()
    # roles a town or city fills for itself ("mayor"): their holder serves the place, not the state it lies in
    place_own: frozenset[str] = frozenset()


TITLE_OWNERS = ("actor", "organisation", "place")


def read_titles(path: Path, schema: Schema) -> Titles:
    """Title phrase -> predicate (lexicons/titles.tsv); an optional third field says who can own the
    role: "actor" (any organisation or country, the default), "organisation" or "place"."""
    pred, demote, former, employed, local = {}, set(), set(), set(), set()
    seen = Unique("title")
    for line, (phrase, p, *owner) in tsv(path, ("title", "predicate", "owner"), optional=1):
        seen.add(phrase, line)
        if owner:
            one_of(line, "owner", owner[0], TITLE_OWNERS)
        if p in ("@demote", "@former"):
            if owner:
                raise line.error(f"a {p} row takes no owner")
            (demote if p == "@demote" else former).add(phrase)
            continue
        pred[phrase] = schema.predicate(line, p)
        if owner == ["organisation"]:
            employed.add(phrase)
        elif owner == ["place"]:
            local.add(phrase)
    words = frozenset(w for phrase in pred for w in phrase.replace("-", " ").split())
    heads = frozenset(phrase.replace("-", " ").split()[-1] for phrase in pred)
    return Titles(pred, frozenset(demote), frozenset(former), words, heads, frozenset(employed), frozenset(local))


MODALITY_PLACES = ("neg", "aux", "governor", "modifier", "mark", "report", "claim", "speech", "noun", "request",
                   "adverb", "hearsay", "disclaim", "topic", "inversion", "perfect")
MODALITY_EFFECTS = ("negative", "possible", "future", "intended", "conditional", "report", "report+negative")


def read_modality(path: Path) -> dict[str, dict[str, str]]:
    """Where a cue sits ("aux", "governor"…) -> cue lemma or phrase -> its effect (lexicons/modality.tsv)."""
    out: dict[str, dict[str, str]] = {w: {} for w in MODALITY_PLACES}
    seen = Unique("cue")
    for line, (cue, where, effect) in tsv(path, ("cue", "where", "effect")):
        one_of(line, "place", where, MODALITY_PLACES)
        one_of(line, "effect", effect, MODALITY_EFFECTS)
        seen.add((cue, where), line)
        out[where][cue] = effect
    return out


OWNER = "@owner"  # group_nouns.tsv link for means and weapons that stand for whoever owns them


@dataclass(frozen=True)
class GroupNoun:
    phrase: str
    label: str
    link: str
    sector: str = ""


def read_group_nouns(path: Path, schema: Schema, sectors: frozenset[str]) -> dict[str, GroupNoun]:
    out = {}
    seen = Unique("group noun")
    for line, (phrase, label, link, *sector) in tsv(path, ("phrase", "label", "link", "sector"), optional=1):
        seen.add(phrase, line)
        link = link if link == OWNER else schema.predicate(line, link)
        if sector:
            one_of(line, "sector", sector[0], sectors)
        out[phrase] = GroupNoun(phrase, label, link, *sector)
    return out


def read_sectors(path: Path) -> frozenset[str]:
    seen = Unique("sector")
    # the third column, the sector's CAMEO role code, is read by kg/rules/actors.py
    for line, (sector, *_) in tsv(path, ("sector", "description", "cameo"), optional=1):
        seen.add(sector, line)
    return frozenset(seen.first)


def read_date_hedges(path: Path) -> tuple[tuple[str, str], ...]:
    """Leading words of time expressions and what to read them as ("" drops them), longest first."""
    rows = []
    seen = Unique("hedge")
    for line, (words, read_as) in tsv(path, ("words", "read as")):
        seen.add(words.lower(), line)
        rows.append((words.lower(), "" if read_as == "-" else read_as))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def read_confidences(path: Path) -> dict[str, float]:
    """Rule id -> share of its edges that were right on the relation table (patterns/confidence.tsv,
    written by ``python -m kg.tools.calibrate``)."""
    out = {}
    seen = Unique("rule")
    for line, (rule, conf, right, emitted) in tsv(path, ("rule", "confidence", "right", "emitted")):
        seen.add(rule, line)
        out[rule] = number(line, "confidence", conf, 0.0, 1.0)
        if out[rule] == 0:
            raise line.error("confidence must be above 0")
        for name, value in (("right", right), ("emitted", emitted)):
            if not value.isdigit():
                raise line.error(f"{name} must be a count, got {value!r}")
    return out


@dataclass(frozen=True)
class Labels:
    """spaCy entity label -> class ("@nationality" for NORP; labels mapped to nothing are absent), and
    class -> the label a gazetteer name of that class is tagged with."""

    ner: dict[str, str]
    gazetteer: dict[str, str]


NATIONALITY = "@nationality"


def read_labels(ner_path: Path, gazetteer_path: Path, schema: Schema) -> Labels:
    ner, dropped = {}, set()
    seen = Unique("label")
    for line, (label, cls) in tsv(ner_path, ("label", "class")):
        seen.add(label, line)
        if cls == "-":
            dropped.add(label)
        else:
            ner[label] = cls if cls == NATIONALITY else schema.a_class(line, cls)
    gazetteer = {}
    seen = Unique("class")
    for line, (cls, label) in tsv(gazetteer_path, ("class", "label")):
        seen.add(cls, line)
        one_of(line, "spaCy label", label, set(ner) | dropped)
        gazetteer[schema.a_class(line, cls)] = label
    return Labels(ner, gazetteer)


NAME_ROLES = ("class-cue", "person-before", "dropped-prefix", "descriptor-head", "family-first", "state-body",
              "people-before")


@dataclass(frozen=True)
class NameCues:
    """Words in or next to a name that say what it is (lexicons/name_words.tsv, definite_references.tsv)."""

    by_class: dict[str, frozenset[str]]  # class -> name words that mark it ("Brigades" -> Organization)
    person_before: frozenset[str]  # lemmas right before a name that mark a person
    dropped_prefixes: frozenset[str]
    descriptor_heads: frozenset[str] = frozenset()  # "an ... organisation": the name is a description
    definite: dict[str, str] = field(default_factory=dict)  # "the group" -> class of what it refers to
    family_first: frozenset[str] = frozenset()  # family names written first ("Xi Jinping" -> "Xi")
    organisation_words: frozenset[str] = frozenset()  # name words of every organisation class
    state_body_words: frozenset[str] = frozenset()  # "Court", "Command": with a country owner, a state body
    name_classes: dict[str, str] = field(default_factory=dict)  # organisation cue word -> its most specific class
    people_before: frozenset[str] = frozenset()  # "ethnic": the nationality after it is a people, not a state


def read_name_cues(words_path: Path, definite_path: Path, schema: Schema) -> NameCues:
    by_role: dict[str, list[str]] = {role: [] for role in NAME_ROLES}
    by_class: dict[str, set[str]] = {}
    seen = Unique("word")
    for line, (word, role, *cls) in tsv(words_path, ("word", "role", "class"), optional=1):
        one_of(line, "role", role, NAME_ROLES)
        seen.add((word, role), line)
        if role == "class-cue":
            if not cls:
                raise line.error("a class-cue row needs a class (third field)")
            by_class.setdefault(schema.a_class(line, cls[0]), set()).add(word)
        elif cls:
            raise line.error(f"a {role} row takes no class")
        by_role[role].append(word)
    definite = {}
    seen = Unique("noun")
    for line, (noun, cls) in tsv(definite_path, ("noun", "class")):
        seen.add(noun, line)
        definite[noun] = schema.a_class(line, cls)
    classes = {c: frozenset(w) for c, w in by_class.items()}
    name_classes: dict[str, str] = {}  # the most specific class when a word cues several
    for cls, words in classes.items():
        if schema.is_a(cls, "Person"):
            continue
        for word in words:
            if word not in name_classes or schema.is_a(cls, name_classes[word]):
                name_classes[word] = cls
    return NameCues(classes, frozenset(by_role["person-before"]), frozenset(by_role["dropped-prefix"]),
                    frozenset(by_role["descriptor-head"]), definite,
                    frozenset(w.lower() for w in by_role["family-first"]),
                    frozenset().union(*(w for c, w in classes.items() if c != "Person")),
                    frozenset(by_role["state-body"]), name_classes, frozenset(by_role["people-before"]))


@dataclass(frozen=True)
class ContextCue:
    """Where a name stands corrects its class: "told X" (X an outlet), "X, the chipmaker"."""

    role: str  # subject_of, object_of, possessor_of, apposition, place_object_of, of_object_of
    lemmas: frozenset[str]
    from_classes: frozenset[str]  # coarse classes it corrects
    to: str


CONTEXT_ROLES = ("subject_of", "object_of", "possessor_of", "apposition", "place_object_of", "of_object_of")


def read_context_cues(path: Path, schema: Schema) -> tuple[ContextCue, ...]:
    out = []
    for line, (role, lemmas, from_, to, _example) in tsv(path, ("role", "lemmas", "from", "to", "example")):
        one_of(line, "role", role, CONTEXT_ROLES)
        froms = frozenset(schema.a_class(line, c.strip()) for c in from_.split(","))
        out.append(ContextCue(role, frozenset(w.strip() for w in lemmas.split(",")), froms, schema.a_class(line, to)))
    return tuple(out)


@dataclass(frozen=True)
class Thresholds:
    transliteration: float  # least spelling-key similarity for two names to be one actor


# setting -> (lowest, highest) value that makes sense
SETTINGS = {"transliteration_threshold": (0.5, 1.0)}


def read_settings(path: Path) -> Thresholds:
    values = {}
    seen = Unique("setting")
    for line, (name, value) in tsv(path, ("setting", "value")):
        one_of(line, "setting", name, tuple(SETTINGS))
        seen.add(name, line)
        values[name] = number(line, name, value, *SETTINGS[name])
    missing = sorted(set(SETTINGS) - set(values))
    if missing:
        raise Line(path, 0).error(f"missing setting {missing[0]!r}")
    return Thresholds(values["transliteration_threshold"])


PLACE_ROLES = ("abbreviation", "place-noun", "based", "direction", "part", "abroad", "prefix", "seat", "settle",
               "name-end", "water")
PLACE_KINDS = ("city", "district", "region", "land")


@dataclass(frozen=True)
class PlaceWords:
    """Words that say where a name lies (lexicons/place_words.tsv)."""

    abbreviations: dict[str, str]  # "Calif." -> "California": news abbreviations of states and provinces
    place_nouns: dict[str, str]  # "region" -> "region", "suburb" -> "city": the kind of place a name before it is
    based: frozenset[str]  # "based", "headquartered": "a Lagos-based bank" lies in Lagos
    directions: frozenset[str]  # "northern", "south": words between a place and its name ("in northern Ghana")
    parts: frozenset[str] = frozenset()  # "part", "outskirts": "the southern part of Ghana" is in Ghana
    abroad: frozenset[str] = frozenset()  # "embassy": a body named for a country that sits in another
    prefixes: frozenset[str] = frozenset()  # "Fort", "Camp": first words of place names ("Fort Totten, N.Y.")
    seats: frozenset[str] = frozenset()  # "headquarters": "the FDA's headquarters in Silver Spring" puts the FDA there
    settles: frozenset[str] = frozenset()  # "found", "run": "founded X in Wetzlar" puts X there
    name_ends: frozenset[str] = frozenset()  # "parish", "county": "Cameron Parish" is a place, not a person
    waters: frozenset[str] = frozenset()  # "sea", "ocean": "the Sea of Japan" is water, which no attack targets


def read_place_words(path: Path) -> PlaceWords:
    """lexicons/place_words.tsv: word, role and, for an abbreviation, the name it stands for or, for a
    place noun, the kind of place (city or region)."""
    by_role: dict[str, dict[str, str]] = {role: {} for role in PLACE_ROLES}
    seen = Unique("place word")
    for line, (word, role, *value) in tsv(path, ("word", "role", "value"), optional=1):
        one_of(line, "role", role, PLACE_ROLES)
        seen.add((word, role), line)
        if role in ("abbreviation", "place-noun") and not value:
            raise line.error(f"role {role!r} needs a third field (the name, or the kind of place)")
        if role not in ("abbreviation", "place-noun") and value:
            raise line.error(f"role {role!r} takes no third field")
        if role == "place-noun":
            one_of(line, "kind of place", value[0], PLACE_KINDS)
        by_role[role][word if role == "abbreviation" else word.lower()] = value[0] if value else ""
    return PlaceWords(by_role["abbreviation"], by_role["place-noun"], frozenset(by_role["based"]),
                      frozenset(by_role["direction"]), frozenset(by_role["part"]), frozenset(by_role["abroad"]),
                      frozenset(by_role["prefix"]), frozenset(by_role["seat"]), frozenset(by_role["settle"]),
                      frozenset(by_role["name-end"]), frozenset(by_role["water"]))


def read_sector_list(path: Path, sectors: frozenset[str]) -> frozenset[str]:
    """A one-column list of sectors of lexicons/sectors.tsv, each once."""
    seen = Unique("sector")
    for line, (sector,) in tsv(path, ("sector",)):
        seen.add(one_of(line, "sector", sector, sectors), line)
    return frozenset(seen.first)


MEASURE_KINDS = ("claim", "sanction")  # what a measure noun makes a verb's reading (lexicons/measure_nouns.tsv)
STOPPAGE_KINDS = ("noun", "modifier", "striker", "verb")  # lexicons/stoppage_cues.tsv
SETTLING_KINDS = ("verb", "noun", "attempt")  # lexicons/settling_words.tsv: a verb of settling, a noun of a
# quarrel, a word of trying
DESIGNATION_KINDS = ("verb", "onto", "off", "list", "blacklist", "status")  # lexicons/designations.tsv
SEVERANCE_KINDS = ("verb", "noun", "membership")  # lexicons/severance_words.tsv
BUILDUP_KINDS = ("verb", "noun", "setting", "state", "staging", "display")  # lexicons/buildup_words.tsv
ERRAND_PHRASES = ("on", "any")  # lexicons/errand_verbs.tsv
ENTITLEMENT_KINDS = ("verb", "strip", "noun")  # lexicons/entitlements.tsv
BLAME_ACTS = ("any", "hostile")  # what act a blame word needs after it (lexicons/blame_predicates.tsv)


def read_word_kinds(path: Path, column: str, kinds: tuple[str, ...]) -> dict[str, str]:
    """A list of words (lemmas), each once, with one of ``kinds`` in the column named ``column``: measure
    nouns -> MEASURE_KINDS ("hit X with tariffs"), blame words -> BLAME_ACTS ("Y was behind the attack")."""
    seen = Unique("word")
    out = {}
    for line, (word, kind) in tsv(path, ("word", column)):
        seen.add(word, line)
        out[word] = one_of(line, column, kind, kinds)
    return out


def read_word_sets(path: Path, column: str, kinds: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Words (lemmas) by kind, each word once for each of ``kinds`` (the column named ``column``): a word
    may be of two kinds ("list" the verb, "list" the noun: lexicons/designations.tsv)."""
    seen = Unique("word and kind")
    out: dict[str, set[str]] = {kind: set() for kind in kinds}
    for line, (word, kind) in tsv(path, ("word", column)):
        seen.add((word, kind), line)
        out[one_of(line, column, kind, kinds)].add(word)
    return {kind: frozenset(words) for kind, words in out.items()}


def read_word_list(path: Path, column: str) -> frozenset[str]:
    """A one-column list of words (lemmas), each once."""
    seen = Unique(column)
    for line, (word,) in tsv(path, (column,)):
        seen.add(word, line)
    return frozenset(seen.first)


VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})  # Penn Treebank's verb tags


def read_verb_forms(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Verb forms the pipeline's lemmatizer gets wrong: form -> (lemma, the verb tags it applies to)."""
    seen = Unique("form")
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line, (form, lemma, tags) in tsv(path, ("form", "lemma", "tags")):
        if form != form.lower() or lemma != lemma.lower():
            raise line.error(f"form and lemma must be lower case, got {form!r} and {lemma!r}")
        given = tuple(t.strip() for t in tags.split(","))
        unknown = [t for t in given if t not in VERB_TAGS]
        if unknown or not all(given):
            raise line.error(f"unknown verb tag {(unknown or [''])[0]!r}; known: {', '.join(sorted(VERB_TAGS))}")
        seen.add(form, line)
        out[form] = (lemma, given)
    return out
