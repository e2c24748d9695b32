"""Derive kg's verb frames from PETRARCH2's CAMEO verb dictionary.

    python scripts/derive/cameo_frames.py [--source PATH] [--out DIR]

Run from anywhere; --source defaults to ../shared/dictionaries/petrarch2/CAMEO.2.0.txt and --out to
ontology/frames/, both relative to the project root. Standard library only. The dictionary comes from
openeventdata/petrarch2 (MIT, the LICENSE file next to it); kg ships only the tables written here, each with
the dictionary's SHA-256 and the MIT notice in its header, never the dictionary itself. Two runs on the same
source give byte-identical files.

Writes
    cameo_verbs.jsonl    a header line, then one frame per line (a verb, or a verb with one pattern):
        {"lemma", "particle", "before", "subject_noun", "subject_modifiers", "noun", "modifiers", "prep",
         "prep_noun", "prep_modifiers", "preps", "source_at", "target_at", "code", "code2", "written_for", "block",
         "where"}
    cameo_synsets.jsonl  a header line, then one synonym set per line: {"name", "members", "where"}
and prints a summary (verbs, patterns, rows, rows per CAMEO root, fixed and skipped entries by reason, sizes).

Reading the dictionary, as dictionaries.rst and PETRARCH2's PETRreader.read_verb_dictionary read it:
  - "#" starts a comment anywhere on a line (";" too on verb lines, a TABARI leftover); blank lines are
    skipped. Lines before "####### VERB PATTERNS" define synsets; "~" lines (transformations of verb-verb
    combinations) are counted and not converted.
  - Synsets: "&NAME" then "+WORD_OR_PHRASE" lines. Members are written as lower-case lemmas with "_" as
    blanks: a trailing "_" (no generated plural) is dropped, and the head word (the last one, or the one
    before "of") is made singular, since the file lists some members as plurals (TROOPS, KNIVES_). Members
    of a set whose label ends in "_" (auxiliaries, prepositions: no plurals) are kept as written.
  - "--- NAME [CODE] ---" opens a verb block; CODE is the code of every verb of the block without one of
    its own. Every other line of a block is a verb: "WORD {irregular forms} [CODE]". "{...}" is ignored
    (kg lemmatises with spaCy). In a multi-word verb ("+SHOOT_DOWN", "WIRE_+TAP") "+" marks the verb word:
    it is the lemma, the words after it are the particle, the words before it are "before".
  - Every pattern ("- ...") of a block applies to every verb of the block (PETRARCH2 stores patterns by
    block name), so a block of V verbs and P patterns gives V x P pattern rows, plus one bare row per verb
    that carries the verb's own code or, failing that, the block's.

Verb words that are not base forms. The dictionary lists some inflected forms as verbs (LOST next to LOSE,
SAW, BURNT, +ANGERED_BY, +IS_DETERMINED). INFLECTED below maps each one found in CAMEO.2.0.txt to its
lemma; the fix is counted. As a check for other versions of the file, a verb word that is another entry's
irregular form, or a regular inflection of another verb of the dictionary, and is in neither INFLECTED nor
BASE_FORMS, is reported as suspect (and kept). Multi-word verbs joined by "and"/"or" (+KILLED_AND,
+SHOT_AND, +KIDNAPPED_AND_KILLED) are coordinations, not particle verbs: they are skipped (kg's argument
layer reads coordination itself).

Patterns: "- [pre-verb part] * [post-verb part] [CODE] # comment".
  - A word is a noun head; "{A B C}" is a noun phrase whose last word is the head and the others its
    modifiers; "A_B" outside braces is the same as "{A B}"; "&NAME" is a synset and is kept as written.
    Heads are lemmatised (singular, lower case: "TALKS" -> "talk"); modifiers are lower case as written
    ("{NOT GUILTY}" keeps "not" as a modifier). "a", "an", "the" before a noun are dropped.
  - "(PREP NOUN)", "(PREP {NOUN PHRASE})", "(PREP)" (any object), "(PREP ^)" ("^": any noun phrase, the same
    as no noun) are prepositional parts; several words in parentheses without braces ("(IN AIR ATTACK)")
    are one noun phrase. A preposition written without parentheses ("* IN ELECTION", a TABARI leftover) is
    read as one that takes the next noun, if any.
  - Pre-verb part: at most one noun phrase, the subject's head (subject_noun, subject_modifiers).
  - Post-verb part: first any particles ("* OUT VIEWS" -> particle "out", noun "view"; they are appended
    to the verb's own particle; the particles are up, down, out, off, away, back, forward, aside, together,
    ahead, apart), then at most one object noun phrase (noun, modifiers), then prepositional parts. The
    first prepositional part fills prep, prep_noun and prep_modifiers; preps lists them all.
  - "$" marks where the source is, "+" where the target is: in the pre-verb part "subject", beside the
    object noun or as the object "object", inside or right after an empty "(PREP)" "prep:<prep>". Without a
    marker (source_at/target_at "") the subject is the source and the object the target. ("%", TABARI's
    compound actor, is not represented.)
  - "A/B" in a word gives one row per alternative ("(TO/FOR PROTEST)").
  - The comment's first word, where it names a verb of the block ("- * INDEPENDENCE [054] # RECOGNISE"),
    is the verb the pattern was written for (written_for); the same pattern may stand in a block twice with
    different codes for different verbs ("* INDEPENDENCE [017] # CELEBRATE"), and kg then prefers a verb's
    own.
  - A synset a pattern uses must be defined, as in PETRARCH2 (a pattern with an undefined one is skipped).
Codes: "[190]" -> code "190"; "[---]" -> code null (no event). "[A:B]" is PETRARCH2's active:passive pair
(utilities.convert_code; PETRtree.VerbPhrase.get_meaning): A is the event from the source to the target, B
an event in the other direction, from the target (object) to the source (subject): "rush (to X)" [042:043]
codes a visit 042 by the subject and a hosting 043 by X; "[:173]" has no active event, only the reversed
one: "X appears (before court)" is the court's 173 against X. So code is A (null when empty or "---") and
code2 is B ("" when absent).

Skipped patterns (several bare nouns on one side, which PETRARCH2 reads as separate nouns and TABARI as a
phrase, "* FIRST MOVE"; prepositional parts before the verb; bare negations, "* NO CONCESSION"; adverbs and
auxiliaries, "STRONGLY *", "* PUBLICLY"; markers after a prepositional part with a noun; "%"; odd tokens;
malformed codes; undefined synsets) are counted by reason and printed with the first line; nothing is
silently dropped. Rows that differ only in "where"
(a pattern listed twice, an inflected verb next to its lemma) are written once, at the first line.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUT = ROOT / "ontology" / "frames"
COMMAND = ("python scripts/derive/cameo_frames.py --source ../shared/dictionaries/petrarch2/CAMEO.2.0.txt "
           "--out ontology/frames")
SOURCE = "PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2, dictionaries)"

FIELDS = ("lemma", "particle", "before", "subject_noun", "subject_modifiers", "noun", "modifiers", "prep",
          "prep_noun", "prep_modifiers", "preps", "source_at", "target_at", "code", "code2", "written_for", "block",
          "where")

# Verb words in CAMEO.2.0.txt that are not base forms, and their lemmas.
INFLECTED = {
    "ANGERED": "anger", "BURNT": "burn", "DETERRING": "deter", "DISPELLING": "dispel", "FORGAVE": "forgive",
    "FORGIVEN": "forgive", "IS": "be", "LOSING": "lose", "LOST": "lose", "SAW": "see", "TOURING": "tour",
    "UNDERSTOOD": "understand", "WORRIED": "worry",
}
# Verb words that look inflected (another verb's form) but are base forms in their block.
BASE_FORMS = frozenset({
    "BOUND",  # JUMP: to leap, not BIND
    "FOUND",  # ENACT: to establish, not FIND
    "WOUND",  # HURT: to injure, not WIND
})
COORDINATORS = frozenset({"AND", "OR"})

PARTICLES = frozenset({"up", "down", "out", "off", "away", "back", "forward", "aside", "together", "ahead",
                       "apart"})
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during", "for", "from", "in",
    "inside", "into", "near", "of", "on", "onto", "outside", "over", "past", "since", "through", "throughout",
    "to", "toward", "towards", "under", "until", "upon", "via", "with", "within", "without",
})
ARTICLES = frozenset({"a", "an", "the"})
NOUNS_IN_LY = frozenset({"ASSEMBLY", "RALLY", "FAMILY", "ALLY", "SUPPLY", "ITALY", "MONOPOLY", "REPLY", "BULLY"})
NEGATIONS = frozenset({"not", "no", "never", "nor"})
AUXILIARIES = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must", "been",
                         "be", "is", "are", "was", "were", "has", "have", "had", "do", "does", "did"})
WORD = re.compile(r"^[A-Z0-9][A-Z0-9.'\-]*$")
CODE = re.compile(r"^\d{2,4}$")

# Plural nouns the suffix rules below would get wrong, and singular nouns they would wrongly cut.
IRREGULAR_NOUNS = {
    "analyses": "analysis", "bases": "base", "children": "child", "crises": "crisis", "criteria": "criterion",
    "data": "data", "feet": "foot", "halves": "half", "headquarters": "headquarters", "knives": "knife",
    "lives": "life", "media": "media", "men": "man", "news": "news", "people": "people", "police": "police",
    "series": "series", "species": "species", "thieves": "thief", "wives": "wife", "women": "woman",
    "politics": "politics", "economics": "economics", "physics": "physics", "means": "means",
    "gallows": "gallows", "kroner": "krone", "lats": "lats", "litas": "litas", "alms": "alms", "bias": "bias",
    "alias": "alias", "atlas": "atlas", "canvas": "canvas", "chaos": "chaos", "kudos": "kudos", "ethos": "ethos",
    "metropolis": "metropolis", "tennis": "tennis", "chassis": "chassis", "embargoes": "embargo",
    "heroes": "hero", "vetoes": "veto", "torpedoes": "torpedo", "volcanoes": "volcano", "echoes": "echo",
    "cargoes": "cargo", "mosquitoes": "mosquito", "tornadoes": "tornado",
}
SINGULAR_ENDINGS = ("ss", "us", "sis", "xis", "itis")


def noun_lemma(word: str) -> str:
    """The singular lower-case form of an English noun (the head of a dictionary phrase).

    Suffix rules with a table of exceptions; checked against spaCy's lemmatiser on every noun of
    CAMEO.2.0.txt ("arms" -> "arm", "talks" -> "talk", "hostilities" -> "hostility", "gunmen" -> "gunman").
    """
    w = word.lower()
    if w in IRREGULAR_NOUNS:
        return IRREGULAR_NOUNS[w]
    if w.endswith("men") and len(w) > 4 and w not in {"specimen", "regimen", "abdomen"}:
        return w[:-3] + "man"
    if not w.endswith("s") or w.endswith(SINGULAR_ENDINGS) or len(w) <= 3 or not w[-2:-1].isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return w[:-2]
    return w[:-1]


class Skip(Exception):
    """A dictionary entry the frames cannot represent; the message is the reason."""


@dataclass
class Unit:
    """A noun phrase of a pattern: its head (a lemma or "&NAME") and modifiers."""
    head: str = ""
    modifiers: list[str] = field(default_factory=list)


@dataclass
class Prep:
    prep: str
    unit: Unit = field(default_factory=Unit)
    marker: str = ""


@dataclass
class Verb:
    lemma: str
    particle: str
    before: str
    code: str | None
    code2: str
    line: int


@dataclass
class Block:
    name: str
    code: str | None
    code2: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[int, list[dict]]] = field(default_factory=list)


@dataclass
class Result:
    """What a conversion read, fixed and skipped; printed as the summary."""
    figures: dict[str, int] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    fixed: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    suspects: list[str] = field(default_factory=list)
    roots: Counter = field(default_factory=Counter)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)


# ---------------------------------------------------------------- codes

def read_code(text: str) -> tuple[str | None, str]:
    """(code, code2) of the inside of "[...]": "190", "---", "042:043", ":173"."""
    first, colon, second = text.strip().partition(":")
    for part in (first, second):
        if part not in ("", "---") and not CODE.match(part):
            raise Skip("malformed code")
    if not colon and first == "":
        raise Skip("malformed code")
    return (None if first in ("", "---") else first), ("" if second in ("", "---") else second)


# ---------------------------------------------------------------- synsets

def synset_member(term: str, nouns: bool) -> str:
    """A synset member as a lower-case lemma: "ARMED_FORCES" -> "armed force", "KNIVES_" -> "knife"."""
    words = term.replace("_", " ").lower().split()
    if nouns and words:
        head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        words[head] = noun_lemma(words[head])
    return " ".join(words)


# ---------------------------------------------------------------- verbs

VERB_LINE = re.compile(r"^([^\s\[{]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$")


def read_verb(text: str, block: Block, line: int, where: str, result: Result) -> Verb | None:
    """The verb of a verb line "WORD {forms} [CODE]" of a block, or None (counted) when it is skipped."""
    m = VERB_LINE.match(text)
    if not m:
        result.skip("verb: malformed line", where)
        return None
    head, _, own = m.groups()
    words = head.split("_")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if len(words) > 1 and len(marked) != 1:
        result.skip("verb: multi-word verb without one '+'", where)
        return None
    at = marked[0] if marked else 0
    words = [w.lstrip("+") for w in words]
    if any(w in COORDINATORS for w in words):
        result.skip("verb: coordinated verbs (X_AND_Y, X_OR)", where)
        return None
    if not all(re.match(r"^[A-Z][A-Z'\-]*$", w) for w in words):
        result.skip("verb: odd word", where)
        return None
    word = words[at]
    if word in INFLECTED:
        result.fixed[f"{word} -> {INFLECTED[word]}"] += 1
    lemma = INFLECTED.get(word, word.lower())
    try:
        code, code2 = read_code(own[1:-1]) if own else (block.code, block.code2)
    except Skip as why:
        result.skip(f"verb: {why}", where)
        return None
    return Verb(lemma, " ".join(words[at + 1:]).lower(), " ".join(words[:at]).lower(), code, code2, line)


def verb_word(text: str) -> str:
    """The word marked "+" in a multi-word verb ("+SHOOT_DOWN" -> "SHOOT"), else the text itself."""
    words = text.split("_")
    return next((w for w in words if w.startswith("+")), words[0]).lstrip("+")


def suspects(verbs: list[tuple[str, str]], forms: dict[str, str]) -> list[str]:
    """Verb words that are another verb's irregular form or regular inflection, unless listed as known."""
    heads = {word for word, _ in verbs}
    inflections: dict[str, str] = {}
    for h in sorted(heads):
        endings = {h + "S", h + "ES", h + "ED", h + "ING", h + h[-1] + "ED", h + h[-1] + "ING"}
        if h.endswith("Y"):
            endings |= {h[:-1] + "IES", h[:-1] + "IED"}
        if h.endswith("E"):
            endings |= {h + "D", h[:-1] + "ING"}
        for e in endings - {h}:
            inflections.setdefault(e, h)
    found = []
    for word, where in verbs:
        base = forms.get(word) if forms.get(word, word) != word else inflections.get(word)
        if base and word not in INFLECTED and word not in BASE_FORMS:
            found.append(f"{word} ({where}: a form of {base}?)")
    return sorted(set(found))


# ---------------------------------------------------------------- patterns

TOKEN = re.compile(r"\{[^{}()]*\}|\([^()]*\)|[^\s(){}]+|\S")


def alternatives(body: str) -> list[str]:
    """The pattern once per choice of every "A/B" word."""
    parts = re.split(r"([^\s(){}&]+/[^\s(){}]+)", body)
    choices = [p.split("/") if i % 2 else [p] for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


def word_unit(token: str, synsets: dict) -> Unit:
    """A noun phrase from one word: "TALKS", "&PROPOSAL", "AIR_STRIKE", "FIGHTER_&AIRCRAFT"."""
    parts = [token] if token.startswith("&") else token.split("_")
    return phrase_unit(parts, synsets)


def phrase_unit(words: list[str], synsets: dict) -> Unit:
    flat: list[str] = []
    for w in words:
        flat += [w] if w.startswith("&") else w.split("_")
    while flat and flat[0].lower() in ARTICLES:
        flat.pop(0)
    if not flat:
        raise Skip("odd token")
    for w in flat:
        if w.startswith("&"):
            if w not in synsets:
                raise Skip("undefined synset")
        elif w in ("$", "+", "^", "%", "*"):
            raise Skip("marker inside a noun phrase")
        elif not WORD.match(w) or w.lower() in PREPOSITIONS | ARTICLES | COORDINATORS:
            raise Skip("odd token")
    if flat[-1].lower() in NEGATIONS:
        raise Skip("negation")
    head = flat[-1] if flat[-1].startswith("&") else noun_lemma(flat[-1])
    return Unit(head, [w if w.startswith("&") else w.lower() for w in flat[:-1]])


def is_unit(token: str) -> bool:
    return token[0] == "{" or token[0] == "&" or (token[0] not in "($+^%*" and token.lower() not in PREPOSITIONS)


def unit_of(token: str, synsets: dict) -> Unit:
    if token[0] == "{":
        return phrase_unit(token[1:-1].split(), synsets)
    if token.lower() in NEGATIONS:
        raise Skip("negation")
    return word_unit(token, synsets)


def read_paren(inner: str, synsets: dict) -> Prep:
    """"FOR {FINANCIAL AID}", "TO +", "FROM ^", "INTO + POSIT", "IN AIR ATTACK"."""
    tokens = TOKEN.findall(inner)
    if not tokens or not WORD.match(tokens[0]):
        raise Skip("odd prepositional part")
    prep = Prep(tokens[0].lower())
    rest = tokens[1:]
    if len(rest) == 1 and rest[0].lower() in PREPOSITIONS:  # a two-word preposition, "(OUT OF)": the parser
        return prep  # hangs the second word on the first ("drove them out" + "of Y"), so the first one names it
    if rest and rest[0] in ("$", "+"):
        prep.marker = rest.pop(0)
    if rest == ["^"]:
        return prep
    if len(rest) == 1:
        prep.unit = unit_of(rest[0], synsets)
    elif rest:
        if any(t[0] in "{($+^%*" for t in rest):
            raise Skip("odd prepositional part")
        prep.unit = phrase_unit(rest, synsets)
    return prep


@dataclass
class Parsed:
    subject: Unit = field(default_factory=Unit)
    particles: list[str] = field(default_factory=list)
    obj: Unit = field(default_factory=Unit)
    preps: list[Prep] = field(default_factory=list)
    source_at: str = ""
    target_at: str = ""

    def mark(self, marker: str, at: str) -> None:
        slot = "source_at" if marker == "$" else "target_at"
        if getattr(self, slot):
            raise Skip("marker used twice")
        setattr(self, slot, at)


def read_pattern(body: str, synsets: dict, notes: Counter) -> Parsed:
    """The parts of one pattern body (between "-" and the code), or Skip."""
    tokens = TOKEN.findall(body)
    if any(t in "(){}" or t.startswith(("(", "{")) and not t.endswith((")", "}")) for t in tokens):
        raise Skip("unbalanced brackets")
    if tokens.count("*") != 1:
        raise Skip("verb position '*' missing, repeated or inside a word")
    star = tokens.index("*")
    pre, post = tokens[:star], tokens[star + 1:]
    p = Parsed()
    if "%" in tokens:
        raise Skip("compound-actor marker %")
    # pre-verb part: markers and at most one noun phrase
    for t in pre:
        if t in ("$", "+"):
            p.mark(t, "subject")
        elif t[0] == "(" or t.lower() in PREPOSITIONS:
            raise Skip("prepositional phrase before the verb")
        elif t == "^":
            raise Skip("wildcard ^ outside a prepositional phrase")
        elif t.lower() in AUXILIARIES or t.lower() in NEGATIONS or (t.endswith("LY") and t not in NOUNS_IN_LY):
            raise Skip("auxiliary, adverb or negation before the verb")
        elif p.subject.head:
            raise Skip("several words before the verb")
        else:
            p.subject = unit_of(t, synsets)
    # post-verb part: particles, an object, prepositional parts
    i = 0
    while i < len(post) and post[i].lower() in PARTICLES:
        p.particles.append(post[i].lower())
        i += 1
    obj_marker = ""
    while i < len(post):
        t = post[i]
        i += 1
        if t[0] == "(":
            p.preps.append(read_paren(t[1:-1], synsets))
        elif t.lower() in PREPOSITIONS:
            prep = Prep(t.lower())
            if i < len(post) and post[i] in ("$", "+"):
                prep.marker = post[i]
                i += 1
            if i < len(post) and post[i] == "^":
                i += 1
            elif i < len(post) and is_unit(post[i]) and post[i].lower() not in PARTICLES:
                prep.unit = unit_of(post[i], synsets)
                i += 1
            p.preps.append(prep)
            notes["preposition written without parentheses"] += 1
        elif t in ("$", "+"):
            if p.preps:
                last = p.preps[-1]
                if last.unit.head or last.marker:
                    raise Skip("marker after a prepositional phrase with a noun")
                last.marker = t
            elif obj_marker:
                raise Skip("marker used twice")
            else:
                obj_marker = t
        elif t == "^":
            raise Skip("wildcard ^ outside a prepositional phrase")
        elif t.lower() in NEGATIONS:
            raise Skip("negation")
        elif t.lower() in PARTICLES:
            raise Skip("particle after the object or a marker")
        elif t.endswith("LY") and t not in NOUNS_IN_LY:
            raise Skip("adverb after the verb")
        elif p.preps:
            raise Skip("noun after a prepositional phrase")
        elif p.obj.head:
            raise Skip("several nouns after the verb")
        else:
            p.obj = unit_of(t, synsets)
    if obj_marker:
        p.mark(obj_marker, "object")
    for prep in p.preps:
        if prep.marker:
            p.mark(prep.marker, f"prep:{prep.prep}")
    return p


def pattern_rows(line_text: str, synsets: dict, result: Result, where: str) -> list[dict]:
    """The pattern fields of one "- ..." line (one dict per alternative), or [] when skipped."""
    text = line_text.split("#", 1)[0].rstrip()
    m = re.match(r"^-(.*?)\[([^\[\]]*)\]$", text)
    if not m:
        result.skip("pattern: no code at the end", where)
        return []
    body, code_text = m.groups()
    try:
        code, code2 = read_code(code_text)
        variants = []
        for alt in alternatives(body):
            variants.append(read_pattern(alt, synsets, result.notes))
    except Skip as why:
        result.skip(f"pattern: {why}", where)
        return []
    if len(variants) > 1:
        result.notes["alternatives 'A/B' expanded (extra rows)"] += len(variants) - 1
    comment = line_text.split("#", 1)[1].split() if "#" in line_text else []
    written_for = comment[0] if comment and re.match(r"^[A-Z+][A-Z_+'\-]*$", comment[0]) else ""
    rows = []
    for p in variants:
        first = p.preps[0] if p.preps else Prep("")
        rows.append({
            "particles": p.particles,
            "subject_noun": p.subject.head, "subject_modifiers": p.subject.modifiers,
            "noun": p.obj.head, "modifiers": p.obj.modifiers,
            "prep": first.prep, "prep_noun": first.unit.head, "prep_modifiers": first.unit.modifiers,
            "preps": [{"prep": q.prep, "noun": q.unit.head, "modifiers": q.unit.modifiers} for q in p.preps],
            "source_at": p.source_at, "target_at": p.target_at, "code": code, "code2": code2,
            "written_for": written_for,
        })
    return rows


# ---------------------------------------------------------------- reading the file

def read_dictionary(text: str, name: str, result: Result) -> tuple[dict, list[Block]]:
    """Synsets (name -> (members, line)) and verb blocks of the dictionary text."""
    synsets: dict[str, tuple[list[str], int]] = {}
    blocks: list[Block] = []
    current_set = ""
    in_patterns = False
    forms: dict[str, str] = {}
    verb_words: list[tuple[str, str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        where = f"{name}:{n}"
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        stripped = line.split("#", 1)[0].strip()
        if not stripped:
            continue
        if not in_patterns:
            if stripped.startswith("&"):
                current_set = stripped.split()[0]
                synsets.setdefault(current_set, ([], n))
            elif stripped.startswith("+") and current_set:
                members = synsets[current_set][0]
                member = synset_member(stripped[1:].strip(), nouns=not current_set.endswith("_"))
                if member and member not in members:
                    members.append(member)
            else:
                result.skip("synset: line outside a set", where)
            continue
        if stripped.startswith("~"):
            result.skip("transformation (verb-verb rule, not a frame)", where)
            continue
        if stripped.startswith("---"):
            m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\][\s-]*$", stripped)
            if m and "]-" in stripped:
                result.notes["block headers '[CODE]--- ---' read as '[CODE] ---'"] += 1
            if not m:
                result.skip("block: malformed header", where)
                blocks.append(Block("?", None, "", n))
                continue
            try:
                code, code2 = read_code(m.group(2))
            except Skip:
                result.skip("block: malformed code", where)
                code, code2 = None, ""
            blocks.append(Block(m.group(1), code, code2, n))
            continue
        if not blocks:
            result.skip("line before the first block", where)
            continue
        block = blocks[-1]
        if stripped.startswith("-"):
            block.patterns.append((n, pattern_rows(line, synsets, result, where)))
            continue
        verb_line = stripped.split(";", 1)[0].strip()
        verb = read_verb(verb_line, block, n, where, result)
        if verb:
            block.verbs.append(verb)
            m = VERB_LINE.match(verb_line)
            word = verb_word(m.group(1))
            verb_words.append((word, where))
            for form in (m.group(2) or "").replace(",", " ").split():
                forms.setdefault(verb_word(form), word)
    result.suspects = suspects(verb_words, forms)
    for block in blocks:  # the verb a pattern's comment names, now that the block's verbs are known
        for _, rows in block.patterns:
            for row in rows:
                row["written_for"] = written_for(row["written_for"], block.verbs)
    return synsets, blocks


# ---------------------------------------------------------------- rows

def frame(verb: Verb, block: Block, where: str, pattern: dict | None) -> dict:
    p = pattern or {}
    particle = " ".join(filter(None, [verb.particle, *p.get("particles", [])]))
    row = {
        "lemma": verb.lemma, "particle": particle, "before": verb.before,
        "subject_noun": p.get("subject_noun", ""), "subject_modifiers": p.get("subject_modifiers", []),
        "noun": p.get("noun", ""), "modifiers": p.get("modifiers", []),
        "prep": p.get("prep", ""), "prep_noun": p.get("prep_noun", ""), "prep_modifiers": p.get("prep_modifiers", []),
        "preps": p.get("preps", []), "source_at": p.get("source_at", ""), "target_at": p.get("target_at", ""),
        "code": p["code"] if pattern else verb.code, "code2": p["code2"] if pattern else verb.code2,
        "written_for": p.get("written_for", ""), "block": block.name, "where": where,
    }
    return row


def block_rows(blocks: list[Block], name: str) -> list[dict]:
    """One row per verb block, as written to cameo_verbs.jsonl: its verbs (each with its own or the
    block's code) and its patterns (each applying to every verb of the block, as in PETRARCH2)."""
    out = []
    for block in blocks:
        verbs = {}  # an inflected form read as its lemma ("LOST" -> "lose") repeats that verb: kept once
        for v in block.verbs:
            verbs.setdefault((v.lemma, v.particle, v.before), v)
        out.append({
            "block": block.name, "where": f"{name}:{block.line}",
            "verbs": [{"lemma": v.lemma, "particle": v.particle, "before": v.before, "code": v.code,
                       "code2": v.code2, "where": f"{name}:{v.line}"} for v in verbs.values()],
            "patterns": [{**p, "where": f"{name}:{n}"} for n, ps in block.patterns for p in ps],
        })
    return out


def written_for(word: str, verbs: list[Verb]) -> str:
    """The verb of the block a pattern's comment names ("- * INDEPENDENCE [054] # RECOGNISE": the pattern
    was written for "recognise"), as "lemma particle"; "" when the comment names none of them."""
    wanted = word.replace("+", "").replace("_", " ").lower()
    for v in verbs:
        if " ".join(filter(None, [v.before, v.lemma, v.particle])) == wanted:
            return " ".join(filter(None, [v.lemma, v.particle]))
    return ""


def expand(blocks: list[dict]) -> list[dict]:
    """The frame rows of block rows: each verb bare, then each verb with each pattern (the reader in
    kg/rules/frames.py does the same)."""
    rows = []
    for block in blocks:
        for verb in block["verbs"]:
            for p in [None, *block["patterns"]]:
                q = p or {}
                rows.append({
                    "lemma": verb["lemma"], "particle": " ".join(filter(None, [verb["particle"], *q.get("particles", [])])),
                    "before": verb["before"], "subject_noun": q.get("subject_noun", ""),
                    "subject_modifiers": q.get("subject_modifiers", []), "noun": q.get("noun", ""),
                    "modifiers": q.get("modifiers", []), "prep": q.get("prep", ""), "prep_noun": q.get("prep_noun", ""),
                    "prep_modifiers": q.get("prep_modifiers", []), "preps": q.get("preps", []),
                    "source_at": q.get("source_at", ""), "target_at": q.get("target_at", ""),
                    "code": q["code"] if p else verb["code"], "code2": q["code2"] if p else verb["code2"],
                    "written_for": q.get("written_for", ""), "block": block["block"], "where": q["where"] if p else verb["where"]})
    return rows


def frames(blocks: list[Block], name: str, result: Result) -> list[dict]:
    """Every frame row, sorted; rows that differ only in "where" are written once, at the first line."""
    kept: dict[str, tuple[int, dict, bool]] = {}
    for block in blocks:
        for verb in block.verbs:
            candidates = [(verb.line, None)] + [(n, p) for n, ps in block.patterns for p in ps]
            for line, pattern in candidates:
                row = frame(verb, block, f"{name}:{line}", pattern)
                key = json.dumps([row[k] for k in FIELDS if k != "where"])
                if key in kept:
                    result.notes["rows differing only in 'where', written once"] += 1
                    if kept[key][0] <= line:
                        continue
                kept[key] = (line, row, pattern is None)
    result.figures["bare verb rows"] = sum(1 for _, _, bare in kept.values() if bare)
    ordered = sorted(kept.values(), key=lambda k: (k[1]["lemma"], k[1]["before"], k[1]["particle"], k[0],
                                                   json.dumps(k[1], sort_keys=True)))
    return [row for _, row, _ in ordered]


# ---------------------------------------------------------------- output

VERBS_ABOUT = (
    "Verb frames of kg: predicates (verb lemma, particle, optional subject, object and prepositional nouns) "
    "with the CAMEO event code they report, derived from the PETRARCH2 CAMEO verb dictionary by "
    "scripts/derive/cameo_frames.py (its docstring has every rule) with the command: " + COMMAND + ". "
    "ontology/frames/cameo_words.tsv maps a code to kg's relation word. One verb block per line after this "
    "header, in dictionary order: {block, where, verbs: [{lemma, particle, before, code, code2, where}], "
    "patterns: [{particles, subject_noun, ..., code, code2, where}]}; every pattern of a block applies to "
    "every verb of the block (the particles a pattern adds follow the verb's own), and each verb alone "
    "reports its own or its block's code. Empty string or empty list means 'no constraint'; 'fields' below "
    "says what each field of a frame (a verb with a pattern) means. "
    "The dictionary file carries the same MIT terms under 'Copyright (c) 2015 Open Event Data Alliance'. "
    "Do not edit: regenerate.")
SYNSETS_ABOUT = (
    "Synonym sets (&NAME) of the PETRARCH2 CAMEO verb dictionary that cameo_verbs.jsonl frames refer to, "
    "derived by scripts/derive/cameo_frames.py with the command: " + COMMAND + ". One set per line after this "
    "header, in file order: name as written, members as lower-case lemmas (head word made singular, '_' as "
    "blanks; members of sets whose name ends in '_' kept as written), where the set is defined. "
    "Do not edit: regenerate.")
VERB_FIELDS = {
    "lemma": "the verb word's base form, lower case (the word marked '+' in a multi-word verb)",
    "particle": "words after the verb word (multi-word verb, then particles the pattern adds), or ''",
    "before": "words before the verb word in a multi-word verb, or ''",
    "subject_noun": "head lemma (or &SYNSET) the subject must have, or ''",
    "subject_modifiers": "other words of the subject's noun phrase, in order",
    "noun": "head lemma (or &SYNSET) the direct object must have, or ''",
    "modifiers": "other words of the object's noun phrase, in order (lower case as written, &SYNSET kept)",
    "prep": "preposition of the first prepositional part, or ''",
    "prep_noun": "head lemma (or &SYNSET) of that preposition's object, '' for any",
    "prep_modifiers": "other words of that object's noun phrase",
    "preps": "every prepositional part in order: [{prep, noun, modifiers}]",
    "source_at": "where the source actor is when not the subject: 'subject', 'object', 'prep:<prep>'; '' default",
    "target_at": "where the target actor is when not the object: 'subject', 'object', 'prep:<prep>'; '' default",
    "code": "CAMEO code of the event from source to target; null for no event ([---] or [:B])",
    "code2": "CAMEO code after ':' ([A:B]): an event in the other direction, target (object) to source "
             "(subject); '' when absent",
    "written_for": "the verb of the block the pattern's comment names ('# RECOGNISE': written for that verb), "
                   "as 'lemma particle', or ''; where patterns of a block fit alike, a verb's own come first",
    "block": "name of the dictionary's verb block",
    "where": "CAMEO.2.0.txt:LINE of the pattern, or of the verb for a bare frame",
}


def header(about: str, sha: str, notice: str, fields: dict | None = None) -> dict:
    head = {"about": about, "source": SOURCE, "source_sha256": sha, "licence": "MIT", "notice": notice}
    if fields:
        head["fields"] = fields
    return head


def jsonl(head: dict, rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in [head, *rows])


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    os.chmod(tmp, 0o644)  # mkstemp makes the file private; the tables are ordinary readable data
    os.replace(tmp, path)


# ---------------------------------------------------------------- driver

def convert(text: str, notice: str, name: str = "CAMEO.2.0.txt") -> tuple[dict[str, str], Result]:
    """The two output files' text from the dictionary's text and the licence notice."""
    result = Result()
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    synsets, blocks = read_dictionary(text, name, result)
    rows = frames(blocks, name, result)
    sets = [{"name": k, "members": v[0], "where": f"{name}:{v[1]}"} for k, v in synsets.items()]
    out = {
        "cameo_verbs.jsonl": jsonl(header(VERBS_ABOUT, sha, notice, VERB_FIELDS), block_rows(blocks, name)),
        "cameo_synsets.jsonl": jsonl(header(SYNSETS_ABOUT, sha, notice), sets),
    }
    pattern_lines = [ps for b in blocks for _, ps in b.patterns]
    result.figures["synsets"] = len(synsets)
    result.figures["verb blocks"] = len(blocks)
    result.figures["verbs"] = sum(len(b.verbs) for b in blocks)
    result.figures["distinct verb lemmas (+ particle)"] = len(
        {(v.lemma, v.before, v.particle) for b in blocks for v in b.verbs})
    result.figures["pattern lines"] = len(pattern_lines)
    result.figures["pattern lines represented"] = sum(1 for ps in pattern_lines if ps)
    result.figures["patterns (after alternatives)"] = sum(len(ps) for ps in pattern_lines)
    result.figures["rows written"] = len(rows)
    for r in rows:
        result.roots[r["code"][:2] if r["code"] else "none"] += 1
        if r["code2"]:
            result.roots[f"{r['code2'][:2]} (code2)"] += 1
    return out, result


def read_source(source: Path) -> tuple[str, str]:
    text = source.read_text(encoding="utf-8")
    notice = (source.parent / "LICENSE").read_text(encoding="utf-8").strip()
    return text, notice


def summary(result: Result, sizes: dict[str, int]) -> str:
    lines = [f"{k}: {v}" for k, v in result.figures.items()]
    lines.append("rows per CAMEO root (code; code2 counted apart):")
    lines += [f"  {root:>10}  {n}" for root, n in sorted(result.roots.items())]
    lines.append(f"verb words fixed to their lemma: {sum(result.fixed.values())}")
    lines += [f"  {n:6d}  {what}" for what, n in sorted(result.fixed.items())]
    lines.append(f"suspect verb words kept as written: {len(result.suspects)}")
    lines += [f"  {s}" for s in result.suspects]
    lines.append(f"skipped: {sum(result.skipped.values())}")
    for reason, n in sorted(result.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {n:6d}  {reason}  (first at {result.examples[reason]})")
    lines.append("notes:")
    lines += [f"  {n:6d}  {what}" for what, n in sorted(result.notes.items())]
    lines += [f"{name}: {size:,} bytes" for name, size in sizes.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the CAMEO verb dictionary")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write the frames to")
    args = parser.parse_args(argv)
    try:
        text, notice = read_source(args.source)
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read {args.source} and the LICENSE next to it: {err}", file=sys.stderr)
        return 2
    out, result = convert(text, notice, args.source.name)
    for name, body in out.items():
        write(args.out / name, body)
    sizes = {name: (args.out / name).stat().st_size for name in out}
    print(summary(result, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
