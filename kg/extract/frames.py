"""From predications (kg/extract/roles.py) to readings: which kg word a predicate reports, and which of its
arguments is the subject and which the object of the edge.

Frames are looked up in two tables, kg's own first:

1. kg's frames, ``lexicons/predicates.tsv``: keys of lemmas built from the predication, the most
   specific first: verb [+ particle] + object noun [with its modifier] + preposition ("hold talk with",
   "provide military support to"), verb [+ particle] + preposition ("meet with", "turn down" + "to"),
   verb + complement word ("agree to", "threaten to", "demand that"), verb + object noun ("sign
   agreement"), verb [+ particle] alone (its direct object, passive subject or indirect object), event
   noun + preposition ("visit to", "killing of");
2. the CAMEO verb frames (``frames/cameo_verbs.jsonl``): the most specific pattern of the verb (or of the
   verb an event noun stands for, ``frames/nominalizations.tsv``) that fits the object noun, the
   prepositions and the subject; its code gives the word and the PLOVER category.

The object is where the frame puts it (a preposition it names), else the direct object (or passive
subject), else the indirect object, else an actor of the first of OBLIQUE_TARGETS' prepositions, else
the complement clause's object ("threatened to attack Y") or subject ("demanded that Y withdraw").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.extract.arguments import owner_words, people_noun
from kg.extract.mentions import hyphen_prefix, owner_siblings
from kg.extract.roles import (
    ADJUNCT_PREPS,
    LIGHT_VERBS,
    LIMIT_PREPS,
    PARTNERSHIPS,
    PATH_WORDS,
    Predication,
    bare_apposition,
    captive_words,
    clause_mark,
    clause_subject_names,
    for_clause,
    for_subjects,
    infinitive_subjects,
    is_passive,
    modifiers_before,
    noun_clause,
    noun_owners,
    noun_predication,
    obliques,
    phrasal,
    phrase_lemmas,
    question_clause,
)
from kg.rules import Rules
from kg.rules.frames import HOSTILE, MATERIAL_HARM
from kg.rules.lexicons import Trigger

Named = Callable[[Token], bool]  # does a token stand for a mention? (.direct, .resolves, .actor, .country: see relations._Named)

# Where an event's target stands when no frame names its place, in order of preference.
OBLIQUE_TARGETS = ("with", "to", "against", "on", "at", "from", "for", "into", "over", "toward", "towards",
                   "upon", "between")
PROTEST_SITES = frozenset({"outside"})  # where a protest stands before the body it is aimed at
SETTINGS = frozenset({"in", "at"})  # a pattern's noun after these is where its act is ("in court", "at the hearing")
# prepositions of place and path: a noun after one is where the act happens, and no party it names
SPATIAL = frozenset({"above", "across", "along", "alongside", "around", "behind", "below", "beneath", "beside",
                     "beyond", "inside", "near", "outside", "past", "through", "throughout", "under", "within"})
EXCHANGES = frozenset({"exchange", "return"})  # "in exchange for", "in return for": what the doer gets
_COMPLEMENT_MARKS = {"xcomp": "to", "ccomp": "that"}
# PLOVER categories of acts that reach the people of a place named as their recipient, so its state ("sent
# aid to Gaza" aids Palestine), where only an actor may receive them
PLACE_RECIPIENTS = frozenset({"AID"})
DEONTIC = frozenset({"must", "should"})  # a that-clause with one of these is what the speaker demands
MEDIATE = "mediate"  # the word of a third party settling others' quarrel (_settling)


@dataclass(frozen=True)
class Reading:
    """One edge a predication states, before its arguments become mentions.

    rule: how it was read ("frame:active", "cameo:nominal"…: table and construction); key: the frame key
    (the lexicon entry, or the CAMEO verb and its pattern's line); subject, object: argument tokens;
    plover, mode, cameo: the event's PLOVER category, mode and CAMEO code where the frame says them.
    """

    rule: str
    trigger: Token
    key: str
    predicate: str
    subject: Token
    object: Token | None  # None: the frame found no target (kept only for coordinated parties)
    plover: str = ""
    mode: str = ""
    cameo: str = ""
    fallback: Reading | None = None  # the dictionary's reading by a pattern naming the verb's phrase
    # ("joined Y for talks": JOIN * (FOR TALKS)), which stands where frames/senses.tsv voids this one


def category(r: Reading, plover: dict[str, str]) -> str:
    """The PLOVER category of reading ``r``: its frame's own, else its word's (``plover``: word -> category)."""
    return r.plover or plover.get(r.predicate, "")


def readings(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """Every reading of predication ``p`` (of an event noun in a time phrase given the clause's subject,
    "after talks with Erdogan, Putin agreed…", only a meeting: "after the attack on Israel, Netanyahu
    vowed…" is not his attack)."""
    if p.how == "adjunct":
        yield from (r for r in _readings(p, rules, named) if category(r, rules.schema.plover) == "CONSULT")
        return
    yield from _readings(p, rules, named)


def _readings(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """Every reading of predication ``p``: a verb whose clause is the event ("threatened to attack Y")
    first, then kg's frames, then the CAMEO frames when those give nothing. ``named`` says whether a token
    stands for a mention: an argument slot that names none (a date, a thing) is passed over for the next
    place the target may stand."""
    state = list(_state_acts(p, rules, named)) or list(_settling(p, rules, named))
    if state:
        yield from state
        return
    designated = list(_designated(p, rules, named)) or list(_severed(p, rules, named)) \
        or list(_buildup(p, rules, named)) or list(_display(p, rules, named)) or list(_revoked(p, rules, named))
    if designated:  # "took the Houthis off the terrorist list" takes no one: the designation is the act;
        # "pulled out of the deal with Iran" is no retreat from Iran: the bond ended is
        yield from designated
        return
    found = [r for r in (*_complement(p, rules, named), *_demanded_act(p, rules, named), *_verdict(p, rules, named))
             if r.object is not None]
    if found and any(r.predicate in rules.schema.symmetric and any(c.dep_ == "conj" for c in r.subject.children)
                     for r in found):  # "X and Y agreed to share information on Z": X and Y agree
        found = [Reading(r.rule, r.trigger, r.key, r.predicate, r.subject, None, r.plover) for r in found]
        yield from _coordinated(found, rules)
        return
    if found and p.patients:  # "told Y that it must go", "warned Y that it must": the verb's own act too
        own = [r for r in _kg_frames(p, rules, named) if r.object is not None]
        found += own or [r for r in _cameo_frames(p, rules, named) if r.object is not None]
    if not found:
        kg = list(_kg_frames(p, rules, named))
        phrased = [r for r in kg if r.object is not None and len(r.key.split()) > 1]
        # the dictionary's synonym set naming the object with its modifiers says more than kg's own key on
        # the head alone ("withdrew its peacekeeping force": 1661, not "withdraw force from")
        named_phrase = bool(phrased) and _cameo_knows_phrase(p, rules, named)
        if phrased and not named_phrase:  # kg's own key with the preposition or noun ("propose to",
            found = phrased  # "trade fire with")
        elif named_phrase or _cameo_knows_noun(p, rules, named):  # "welcomed X's statement" is no meeting:
            found = [r for r in _cameo_frames(p, rules, named) if r.object is not None]  # CAMEO's pattern
        if not found:
            found = kg + list(_complement(p, rules, named))
    coordinated = list(_coordinated(found, rules))
    if coordinated and not any(r.object is not None for r in found):
        yield from coordinated
        return
    if not any(r.object is not None for r in found):
        # kg's own key for the verb with its object noun says the two are one act, target or not: the
        # dictionary's pattern for the bare verb is another sense ("its demands were met by Y" is no
        # meeting), one that names the noun too may find the target ("failed to reach agreement on Y's ...")
        own = p.object_noun is not None and any(
            r.rule.startswith("frame:") and r.rule != "frame:complement" and len(r.key.split()) > 1 for r in found)
        found += list(_cameo_frames(p, rules, named, noun_only=own))
    targeted = [r for r in found if r.object is not None]
    if not targeted and found:
        party = _conditioning_party(p, rules, named)
        if party is not None:  # "will not lift the embargo until Cuba holds elections"
            targeted = [replace(found[0], object=party)]
    given = next((r for r in found if r.plover in PLACE_RECIPIENTS), None) \
        if not targeted and p.kind == "verb" and p.lemma in rules.theme_verbs else None  # a verb of giving
    place = _given_in(p, named) if given is not None else None
    if place is not None:  # "delivered food aid in Haiti": a gift goes to the country it is given in
        targeted = [replace(given, object=place)]
    yield from _with_fallback(targeted, p, rules, named)
    yield from _taken_from(p, targeted, rules, named)
    if not targeted:
        yield from _coordinated(found, rules)


TAKING_CATEGORIES = frozenset({"ASSAULT", "COERCE"})  # the categories of taking ground by force


def _taken_from(p: Predication, targeted: list[Reading], rules: Rules, named: Named) -> Iterator[Reading]:
    """"Recaptured Kherson from Russia", "liberated the town from the Islamic State": a verb of taking
    ground (lexicons/seizure_verbs.tsv) whose target is a place acts against the actor after its "from" as
    well (a country or group, not a city whence it is done)."""
    verb = _verb_key(p.lemma, p.particle)
    if p.kind != "verb" or verb not in rules.seizure_verbs:
        return
    # (the parser may hang the "from" on the object: "wrested control of Fallujah from Y")
    losers = [o for o in (*p.oblique("from"), *(o for q, o in p.noun_obliques if q == "from")) if named.actor(o)]
    # the act is what it is on the place ("captured Shusha" attacks it, frames/senses.tsv), not what it would
    # be on an actor object ("captured 20 soldiers" detains them)
    on_place = next((sense.word for test, sense in rules.frames.senses.get(p.lemma, ()) if test == "place-object"), None)
    for r in targeted:
        if losers and category(r, rules.schema.plover) in TAKING_CATEGORIES and not named.actor(r.object):
            for loser in losers:
                yield replace(r, object=loser, predicate=on_place or r.predicate)


CONDITION_MARKS = frozenset({"until", "unless"})
# the words of a complement aimed at whoever must meet its condition when it names no target of its own,
# not even a place: "refused to lift the ban until Y apologizes" rejects Y, "threatened to attack unless Y
# withdraws" and "threatened to retaliate if Y attacks" threaten Y ("threatened to shell Haifa if Y
# attacks" threatens Haifa, as PLOVER codes it)
CONDITIONED_WORDS = frozenset({"reject", "threaten"})


def _conditioning_party(p: Predication, rules: Rules, named: Named) -> Token | None:
    """Whom a refusal with a condition is aimed at: the named party of the "until" or "unless" clause of
    an act withheld with no target of its own ("X will not lift the embargo until Y holds elections", "X
    would not withdraw its troops unless Y halts its expansion", "X refused to lift the ban until Y
    apologized"). PETRARCH2 and PLOVER code such a sentence as X rejecting Y: the act is withheld from Y
    until Y does what X demands. A clause of any other mark ("when", "after") states a time, and a
    plain "if" a condition, not a refusal."""
    if p.kind != "verb" or not _withheld(p.head, rules):
        return None
    verb = p.head
    while True:  # the clause may hang on the verb whose open complement the act is ("refused to lift")
        party = condition_party(verb, named)
        if party is not None or verb.dep_ != "xcomp":
            return party
        verb = verb.head


def condition_party(verb: Token, named: Named, any_if: bool = False) -> Token | None:
    """The named party that must act before ``verb``'s act is done: the subject of its "until" or "unless"
    clause, or of an "if" clause that is negated ("if Cuba does not release the prisoners"), or with
    ``any_if`` (a threat: "threatened to close the strait if Y attacked") of any "if" clause; the agent
    of a passive one ("until their demands are met by the government"); the subject of the clause a
    pronoun's verb takes ("until he is sure Laos is cooperating")."""
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if not marks & CONDITION_MARKS and not ("if" in marks and (any_if or any(c.dep_ == "neg" for c in clause.children))):
            continue
        # the clause itself, then what its verb, or its adjective, says of another ("until he is satisfied
        # [that] Y is helping")
        deeper = [g for c in clause.children if c.dep_ == "acomp" for g in c.children if g.dep_ == "ccomp"]
        for level in (clause, *(c for c in clause.children if c.dep_ == "ccomp"), *deeper):
            found = [s for s in level.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"]
            found += [o for a in level.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            party = next((t for t in found if named(t)), None)
            if party is not None:
                return party
    return None


def _withheld(verb: Token, rules: Rules) -> bool:
    """``verb``, or the verb whose open complement it is, says with a modal that it will not be done
    ("will not lift", "would not agree to lift", "cannot withdraw"), or is refused ("refused to lift",
    a verb whose "to" complement is a rejection, frames/complements.tsv). A past "did not withdraw until
    Y fired" tells when it was done."""
    while True:
        if any(c.dep_ == "neg" for c in verb.children) and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
        refusal = rules.frames.complements.get((verb.lemma_.lower(), "to"))
        if refusal is not None and refusal.other == "reject":
            return True


def with_result(r: Reading, rules: Rules) -> Reading:
    """``r`` as its verb's stated result makes it (frames/results.tsv): "shot X to death", "X was fatally
    shot" read as a killing."""
    results = rules.frames.results
    for c, where in [*_result_words(r), *((fate, "victim") for fate in _victim_fates(r))]:
        found = results.get((c.lemma_.lower(), where))
        if found is not None and found[0] == r.predicate:
            return replace(r, predicate=found[1], plover=rules.schema.plover.get(found[1], r.plover), cameo="",
                           mode="")
    return r


def _result_words(r: Reading) -> Iterator[tuple[Token, str]]:
    """The words on the act's verb that may state its result, with where they stand (frames/results.tsv)."""
    verb = r.trigger
    # "shot dead X" parses "dead" as a modifier of X just after the verb
    after = [c for c in r.object.children if c.dep_ == "amod" and c.i == verb.i + 1] if r.object is not None else []
    for c in [*verb.children, *after]:
        if c.dep_ == "advmod" or c in after:
            yield c, "adverb"
        elif c.dep_ in ("acomp", "oprd", "xcomp") and c.pos_ == "ADJ":
            yield c, "complement"
        elif c.dep_ == "prep" and c.lower_ == "to":
            yield next((o for o in c.children if o.dep_ == "pobj"), c), "to"


_HE_SHE_THEY = frozenset({"he", "she", "they", "him", "her", "them"})


def _victim_fates(r: Reading) -> list[Token]:
    """Verbs the act's victim does in a clause tied to the act (frames/results.tsv, place "victim"): the
    verb the act is an adverbial clause of, whose subject is the victim ("Y died after being shot by X",
    "Y died days after he was attacked", "Y died after X shot him"); a relative clause on the victim ("X shot Y, who died in
    hospital"); a verb coordinated with a passive act, sharing its subject ("Y was shot by X and died")."""
    verb, victim = r.trigger, r.object
    if victim is None or verb.pos_ != "VERB":
        return []
    out = []
    fate = verb.head if verb.dep_ == "advcl" else verb.head.head \
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else None  # "after being shot by X"
    if fate is not None and (victim.head == fate and victim.dep_ == "nsubj"
                             or victim.head == verb and victim.lower_ in _HE_SHE_THEY):
        out.append(fate)
    out += [c for c in victim.children if c.dep_ == "relcl"
            and any(s.dep_ == "nsubj" and s.lower_ in ("who", "which", "that") for s in c.children)]
    if victim.dep_ == "nsubjpass" and victim.head == verb:
        out += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)]
    return out


def _coordinated(found: list[Reading], rules: Rules) -> Iterator[Reading]:
    """"X and Y agreed to start talks", "X and Y clashed": a symmetric event with no target of its own is
    between the coordinated parties; harm they do to a truce, each does to the other."""
    for r in found:
        # "X and Y met", and coordinated owners of a shared noun: "French and German officials met", "the
        # leaders of Egypt and Jordan met"
        parties = [c for c in r.subject.children if c.dep_ == "conj"] or [
            c for m in owner_words(r.subject) for c in m.children if c.dep_ == "conj"] or [
            c for m in owner_words(r.subject) for c in owner_siblings(m, r.subject)]  # "UK and EU negotiators"
        if r.object is not None or not parties:
            continue
        symmetric = r.predicate in rules.schema.symmetric and not _party_object(r.trigger, rules)
        # "X and Y violated the ceasefire": a truce is between its parties, and harm done to it is done by
        # each against the other ("X and Y rejected the deal" says nothing of whose deal it is)
        mutual = not symmetric and r.plover in MATERIAL_HARM and _on_truce(r.trigger, rules)
        if symmetric or mutual:
            rule = r.rule.split(":")[0] + ":coordinated"
            for other in parties:
                yield Reading(rule, r.trigger, r.key, r.predicate, r.subject, other, r.plover, r.mode, r.cameo)
                if mutual:
                    yield Reading(rule, r.trigger, r.key, r.predicate, other, r.subject, r.plover, r.mode, r.cameo)
            return


def _on_truce(verb: Token, rules: Rules) -> bool:
    """Whether ``verb``'s direct object is a truce or pact (lexicons/truce_nouns.tsv) with no party of its
    own ("violated the ceasefire", not "violated the ceasefire with Y")."""
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in rules.truces
               and not any(p.dep_ == "prep" and p.lower_ in ("with", "between") for p in c.children)
               for c in verb.children)


def _party_object(verb: Token, rules: Rules) -> bool:
    """Whether ``verb``'s direct object is a party kg cannot name ("X and Y met him", "X and Y fought the
    rebels"): a personal pronoun or a noun for people. The coordinated subjects then act together on it,
    not on each other ("X and Y held talks" or "signed a deal" have no such object)."""
    return any(c.dep_ in ("dobj", "dative") and (c.pos_ == "PRON" or c.pos_ == "NOUN" and people_noun(c, rules))
               for c in verb.children)


_NOUN_STEMS: dict[str, frozenset[str]] = {}


def _noun_stems(rules: Rules) -> frozenset[str]:
    """Every "verb noun" start of kg's frame keys ("trade fire", "hold talk"), once per rules."""
    found = _NOUN_STEMS.get(rules.digest)
    if found is None:
        found = _NOUN_STEMS[rules.digest] = frozenset(
            " ".join(key.split()[:n]) for key in rules.triggers for n in (2, 3) if len(key.split()) > n - 1)
    return found


def _cameo_knows_phrase(p: Predication, rules: Rules, named: Named) -> bool:
    """Whether a synonym set of the verb's patterns holds the object noun with the modifiers it carries
    ("withdrew its peacekeeping force": &PKO's "peacekeeping force", CAMEO 1661), which says more than kg's
    own key on the head alone ("withdraw force from": a retreat)."""
    noun = p.object_noun
    if p.kind != "verb" or noun is None or named.direct(noun):
        return False
    lemma = noun.lemma_.lower()
    modifiers = frozenset(c.lemma_.lower() for c in noun.children)
    return any(frame.admits_phrase(lemma, modifiers) for frame in rules.frames.by_verb.get((p.lemma, p.particle), ()))


def _with_fallback(readings: list[Reading], p: Predication, rules: Rules, named: Named) -> list[Reading]:
    """kg's readings of a verb that frames/senses.tsv may void ("joined Macron in Kyiv" is company), each
    with the dictionary's reading by a pattern naming one of the verb's prepositional phrases with its noun
    to stand in its place ("joined Erdogan for talks": JOIN * (FOR TALKS), CAMEO 046)."""
    if p.kind != "verb" or not p.obliques or p.lemma not in rules.frames.senses \
            or not any(r.rule.startswith("frame:") for r in readings):
        return readings
    noun = p.object_noun
    frame = rules.frames.find(p.lemma, p.particle, noun.lemma_.lower() if noun is not None else "",
                              preps=_phrase_heads(p.obliques),
                              present=clause_lemmas(p.head, p.lemma, p.particle, rules))
    if frame is None or not frame.prep or not frame.prep_nouns or frame.has_noun:
        return readings
    fallback = next((r for r in _cameo_frames(p, rules, named) if r.object is not None), None)
    return [replace(r, fallback=fallback) if r.rule.startswith("frame:") else r for r in readings]


def _cameo_knows_noun(p: Predication, rules: Rules, named: Named) -> bool:
    """Whether the dictionary has a pattern for this verb with this very object noun (and kg's own frames
    have no key for the verb and noun, and the noun is no actor itself: "accused the army of"): then the
    noun decides the event ("welcomed the statement"), not the verb alone."""
    noun = p.object_noun
    if p.kind != "verb" or noun is None or named.direct(noun):
        return False
    lemma = noun.lemma_.lower()
    stem = f"{p.lemma} {p.particle}".strip()
    if f"{stem} {lemma}" in _noun_stems(rules):  # kg's own "trade fire with", "hold talks with"
        return False
    # the pattern may name the noun's phrase too: "received a call from X" is RECEIVE's CALL (FROM)
    frame = rules.frames.find(p.lemma, p.particle, lemma, preps=_phrase_heads(p.obliques),
                              noun_preps=_phrase_heads(p.noun_obliques),
                              present=clause_lemmas(p.head, p.lemma, p.particle, rules))
    return frame is not None and bool(frame.nouns) and lemma in frame.nouns


def _complement(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"X threatened to attack Y", "X vowed to help Y", "X demanded that Y withdraw": the verb's own word
    (frames/complements.tsv) from X to the clause's target, when the verb has no object of its own."""
    if p.complement is None or not p.agents or p.patients and not _deontic(p.complement):
        return  # (a verb with an object of its own and a that-clause of "must": "told Y that it must go")
    lemma = p.lemma
    if p.kind == "noun":  # "Iran's threat to attack Y", "the refusal of X to meet Y": the noun's verb
        nominal = rules.frames.nominals.get(lemma)
        if nominal is None:
            return
        lemma = nominal.verb
    mark = "for" if for_clause(p.complement) else _COMPLEMENT_MARKS.get(p.complement.dep_) or clause_mark(p.complement)
    if mark == "that" and _deontic(p.complement):
        mark = "must"  # "X said that Y must withdraw": X demands it of Y
    elif mark == "that" and _blames(p.complement, rules):
        mark = "blame"  # "X said Y was behind the attack": X accuses Y
    entry = rules.frames.complements.get((lemma, mark)) if mark else None
    if entry is None:
        return
    # a party of the verb's own ("agreed with Y to cut jobs in Z") leaves the clause's deeper names alone
    own_party = any(q in OBLIQUE_TARGETS and named.resolves(o) for q, o in p.obliques)
    target = _complement_target(p.complement, named, deep=not own_party, controls=rules.object_control,
                                creations=rules.creation_verbs, people=rules.titles.title_heads)
    word = entry.hostile if _hostile(p.complement, rules) else entry.other
    if not word:
        return
    # "told Togo that it must close the border", "a reminder to Iran that it must cooperate with UN
    # inspectors": a pronoun subject of what is said is the addressee, of whom it is demanded
    addressees = [*p.patients, *(o for q, o in p.obliques if q == "to" and p.kind == "noun")]
    pronoun = mark in ("that", "must") and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON"
                                               for c in p.complement.children)
    if addressees and (target is None or target.pos_ == "PRON" or pronoun):
        target = next((o for o in addressees if named(o)), None if pronoun else target)
    if target is None or not named(target):
        target = None  # no party named: the coordinated subjects may be the parties ("X and Y agreed to")
    if word in CONDITIONED_WORDS and p.kind == "verb" and target is None:  # "refused to lift the ban until
        threat = word == "threaten"  # Y apologized", "threatened to resume the offensive unless Y withdrew"
        target = condition_party(p.complement, named, threat) or condition_party(p.head, named, threat)
    for agent in p.agents:
        yield Reading("frame:complement", p.head, f"{lemma} {mark}", word, agent, target,
                      rules.schema.plover.get(word, ""))


def _deontic(clause: Token) -> bool:
    """A clause of obligation ("that Y must withdraw", "it should apologise"); not an inference about the
    past ("the suspect must have fled", "should have known": "must" or "should" before a perfect "have")."""
    modal = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in DEONTIC]
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.i > m.i for m in modal for c in clause.children)
    return bool(modal) and not perfect


def _demanded_act(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"X demanded the withdrawal of Y's troops", "demanded Y's withdrawal": a verb that asks for an act
    (frames/complements.tsv with "that") whose object is an event noun done by its possessor or its "of"
    phrase (frames/nominalizations.tsv, of = agent) asks it of that doer, as "demanded that Y withdraw"
    does."""
    if p.kind != "verb" or len(p.patients) != 1 or not p.agents:
        return
    entry = rules.frames.complements.get((p.lemma, "that"))
    noun = p.patients[0]
    nominal = rules.frames.nominals.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
    if entry is None or not entry.other or nominal is None or nominal.of != "agent":
        return
    doers = [c for c in noun.children if c.dep_ == "poss" and named(c)]  # "demanded Uganda's withdrawal"
    doers += [o for q, o in obliques(noun) if q == "of" and named(o)]
    for agent in p.agents:
        for doer in doers[:1]:
            yield Reading("frame:complement", p.head, f"{p.lemma} that", entry.other, agent, doer,
                          rules.schema.plover.get(entry.other, ""))


def _verdict(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"Z found Y guilty of fraud", "Z held Y responsible for the attack", "Y was found guilty by Z": a
    verb whose small clause is a blame word said of Y (lexicons/blame_predicates.tsv) lays the act on Y
    itself, the verb's word for it in frames/complements.tsv (mark "verdict"). "found Y not guilty"
    lays nothing."""
    if p.kind != "verb" or not p.agents:
        return
    entry = rules.frames.complements.get((p.lemma, "verdict"))
    adjective = next((c for c in p.head.children if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp")
                      and c.pos_ == "ADJ"), None)
    if adjective is None:  # "held Y responsible for", parsed as an adjective after the object noun
        adjective = next((a for o in p.patients for a in o.children if a.dep_ == "amod" and a.i > o.i
                          and a.pos_ == "ADJ"), None)
    if entry is None or not entry.other or adjective is None or not _blames(adjective, rules, itself=True):
        return
    held = p.patients or [c for c in adjective.children if c.dep_ in ("nsubj", "nsubjpass")]
    for agent in p.agents:
        for target in held[:1]:
            if named(target):
                yield Reading("frame:complement", p.head, f"{p.lemma} verdict", entry.other, agent, target,
                              rules.schema.plover.get(entry.other, ""))


DESIGNATION_CODE = "172"  # impose administrative sanctions (PLOVER COERCE): an official designation
DELISTING_CODE = "081"  # ease administrative sanctions (PLOVER YIELD): taking one off such a list


def _designated(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"The US designated the Houthis a terrorist organisation", "listed the IRGC as a terrorist entity",
    "declared Meduza an undesirable organisation": a verb of designating whose object is said to be a
    status of outlawry (lexicons/designations.tsv) sanctions the one designated (CAMEO 172); so does putting
    it on a list of such a status ("added Y to its list of terrorist organisations", "put Y on a blacklist"),
    and taking it off one eases the sanction (081: "removed Y from the terrorism blacklist")."""
    words = rules.designations
    kind = next((k for k in ("verb", "onto", "off") if p.lemma in words[k]), None)
    if p.kind != "verb" or p.passive or kind is None or not p.agents:
        return
    verb = p.head
    held = [*p.patients, *(c for c in verb.children if c.dep_ == "dative")]
    if kind == "verb":
        # the noun said of the object: the verb's object predicate or "as" object, the object's apposition,
        # a second object ("designated Cuba a state sponsor of terrorism"), or the noun of a small clause
        # ("declared [Meduza an undesirable organisation]")
        said = [c for c in verb.children if c.dep_ in ("oprd", "ccomp") and c.pos_ == "NOUN"]
        said += [o for q, o in p.obliques if q == "as" and o.pos_ == "NOUN"]
        said += [c for o in held for c in o.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        said += [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and any(
            o.i < c.i for o in held)]
        held += [s for c in said if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    else:  # "added Y to its list of terrorist organisations", "put Y on a blacklist"; "removed Y from the list"
        said = [o for q, o in p.obliques if q in (("to", "on", "onto") if kind == "onto" else ("from", "off"))
                and o.lemma_.lower() in words["list"] | words["blacklist"]]
    status = next((noun for noun in said if _outlawed(noun, words)), None)
    if status is None:
        return
    target = next((t for t in held if t.i != status.i and named(t)), None)
    if target is None:
        return
    coding = rules.frames.coding(DESIGNATION_CODE if kind != "off" else DELISTING_CODE)
    key = f"{p.lemma} as" if kind == "verb" else f"{p.lemma} {kind} list"
    for agent in p.agents:
        yield Reading(f"frame:{_how(p)}", verb, key, coding.word, agent, target, coding.plover, coding.mode,
                      coding.code)


SEVERANCE_CODE = "160"  # reduce relations (PLOVER SANCTION): ending a bond with another actor


def _severed(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"Niger ended its military cooperation with France", "tore up the nuclear deal with Iran", "pulled
    out of the Iran nuclear deal": a verb of ending whose object (or the noun after its preposition) is a
    bond had with another actor (lexicons/severance_words.tsv) reduces relations with that actor (CAMEO
    160). The party is the bond's "with" object, the other of its "between" objects, or a country or body
    named before it (not a city: "the Paris agreement"), never the agent itself."""
    words = rules.severances
    nominal = rules.frames.nominals.get(p.lemma) if p.kind == "noun" else None
    if p.kind != "verb" and nominal is None or not p.agents:
        return
    if nominal is not None:  # "Niger's termination of its pact with France", "the US withdrawal from the
        # deal with Iran": the noun's verb, its "of" the bond ended when that names the patient
        verb = _verb_key(nominal.verb, nominal.particle)
        ended = [o for q, o in obliques(p.head) if q == "of"] if nominal.of == "patient" else []
    else:
        verb = _verb_key(p.lemma, p.particle)
        ended = list(p.patients)
    bonds = [n for n in ended if verb in words["verb"]]
    bonds += [o for q, o in p.obliques if f"{verb} {q}" in words["verb"]]
    bond = next((n for n in bonds if n.pos_ == "NOUN" and (n.lemma_.lower() in words["noun"]
                                                          or n.lemma_.lower() in words["membership"])), None)
    if bond is None:
        return
    body = ("in", "of") if bond.lemma_.lower() in words["membership"] else ()  # "its membership in the AU"
    own = _agent_words(p.agents)
    # (the parser may hang the bond's "with" on the verb: "cancelled its pact with France")
    phrases = [*obliques(bond), *((q, o) for q, o in p.obliques if q == "with" or q in body and named.actor(o))]
    # a bond "between" others is theirs, not the agent's: "abandoned the deal between X and Y" ends none of his
    parties = [c for q, o in phrases for c in (o, *o.conjuncts) if named(c) and c.lower_ not in own
               and (q == "with" or q in body or q == "between" and any(t.lower_ in own for t in (o, *o.conjuncts)))]
    parties += [c for c in bond.lefts if c.dep_ in ("compound", "amod", "nmod") and named.actor(c)
                and c.lower_ not in own]
    coding = rules.frames.coding(SEVERANCE_CODE)
    key = f"{verb} {bond.lemma_.lower()}"
    for agent in p.agents:
        for party in parties:
            yield Reading(f"frame:{_how(p)}", p.head, key, coding.word, agent, party, coding.plover, coding.mode,
                          coding.code)


BUILDUP_CODE = "154"  # mobilize or increase armed forces (PLOVER MOBILIZE)
ALERT_CODE = "152"  # increase military alert status (PLOVER MOBILIZE)
BUILDUP_PLACES = frozenset({"in", "along", "near", "on", "at", "around"})
DISPLAY_CODE = "150"  # demonstrate military or police power (PLOVER MOBILIZE)
DISPLAY_PLACES = frozenset({"along", "near", "on", "around", "off"})  # not "in": where one drills is no target
_BORDERS = frozenset({"border", "frontier", "boundary"})  # a line one shares "with" another


def _buildup(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"Israel reinforced its troops in the West Bank", "boosted its forces along the border with India": a
    verb of increase whose object is an armed unit (lexicons/unit_nouns.tsv) or a word of armed presence
    (lexicons/buildup_words.tsv) mobilises forces at the place or border named after the verb or the object
    (CAMEO 154); so does a verb of putting such a unit on alert ("placed its army on alert along the border
    with Guyana": 152)."""
    words = rules.buildups
    verb = _verb_key(p.lemma, p.particle)
    if p.kind != "verb" or not p.agents:
        return
    # "placed its army on alert": a verb of putting with a state of readiness
    states = [o for q, o in p.obliques if q in ("on", "in") and o.lemma_.lower() in words["state"]] \
        if verb in words["setting"] else []
    alert = bool(states)
    if verb not in words["verb"] and not alert:
        return
    forces = [n for n in p.patients if n.pos_ == "NOUN" and any(
        t.lemma_.lower() in rules.units or t.lemma_.lower() in words["noun"] for t in with_of_objects(n))]
    if not forces:
        return
    own = _agent_words(p.agents)
    # (a unit put on alert is based where its own phrase says, "placed a brigade in Italy on alert": not
    # where it is made ready for)
    phrases = [(q, o) for q, o in (*p.obliques, *(phrase for n in ([] if alert else forces) for m in with_of_objects(n)
                                                    for phrase in obliques(m)),
                                   *(phrase for state in states for phrase in obliques(state)))  # "on alert near Y"
               if q in BUILDUP_PLACES]
    places = [o for _, o in phrases if named(o)]
    if any(not named(o) and o.pos_ == "NOUN" for _, o in phrases):  # "along the border with Y", the parser
        places += [o for o in p.oblique("with") if named(o)]  # hanging the noun's "with" on the verb
    places = [o for o in places if o.lower_ not in own]
    coding = rules.frames.coding(ALERT_CODE if alert else BUILDUP_CODE)
    for agent in p.agents:
        for place in places:
            yield Reading(f"frame:{_how(p)}", p.head, f"{verb} {forces[0].lemma_.lower()}", coding.word, agent, place,
                          coding.plover, coding.mode, coding.code)


def _display(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"Belarus held military drills near the Polish border", "China staged war games around Taiwan":
    a verb of staging whose object is a show of force (lexicons/buildup_words.tsv, display) aims it at the
    place or border named after "near", "along", "around", "off" or "on" (CAMEO 150); where the drills are
    held ("in Poland") is no target, and drills held with a partner are the cooperation predicates.tsv reads."""
    words = rules.buildups
    if p.kind != "verb" or not p.agents or _verb_key(p.lemma, p.particle) not in words["staging"]:
        return
    shows = [n for n in p.patients if n.pos_ == "NOUN" and _compound_key(n) & words["display"]]
    if not shows:
        return
    own = _agent_words(p.agents)
    every = [*p.obliques, *(phrase for n in shows for phrase in obliques(n))]
    phrases = [(q, o) for q, o in every if q in DISPLAY_PLACES]
    own_place = [o for _, o in phrases if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)]
    places = [o for _, o in phrases if named(o) and o.lower_ not in own and o not in own_place]
    for _, o in phrases:  # "along its border with Y", "off the coast of Y" (or the "with" right after the
        if (o in own_place or not named(o)) and o.pos_ == "NOUN":  # noun, which the parser may hang higher)
            after = [(q, w) for q, w in every if w.head.i == o.right_edge.i + 1]
            places += [w for q, w in (*obliques(o), *after) if (q == "of" or q == "with" and o.lemma_.lower() in _BORDERS)
                       and named(w) and w not in places]
    coding = rules.frames.coding(DISPLAY_CODE)
    show = max(_compound_key(shows[0]) & words["display"], key=len)  # "war game"
    for agent in p.agents:
        for place in places:
            yield Reading(f"frame:{_how(p)}", p.head, f"{p.lemma} {show}", coding.word, agent,
                          place, coding.plover, coding.mode, coding.code)


def _compound_key(noun: Token) -> set[str]:
    """The noun's lemma alone and with the compound nouns before it ("war game")."""
    lemma = noun.lemma_.lower()
    before = [c.lemma_.lower() for c in noun.lefts if c.dep_ == "compound"]
    return {lemma, " ".join([*before, lemma])}


REVOCATION_CODE = "172"  # impose administrative sanctions (PLOVER COERCE)


def _revoked(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """"Israel revoked Al Jazeera's licence", "lifted the immunity of Imran Khan", "stripped Bobi Wine of his
    seat": taking away an entitlement (lexicons/entitlements.tsv) sanctions its named holder (CAMEO 172):
    the entitlement's possessor, "of" object or a name before it, or the object of a verb of stripping. The
    dictionary's own pattern for the verb and noun reads first ("cancelled Y's visa": 160, reduce relations)."""
    words = rules.entitlements
    kind = words.get(p.lemma)
    if p.kind != "verb" or not p.agents or kind not in ("verb", "strip"):
        return
    if kind == "verb":
        # the dictionary's own pattern for the verb and noun comes first ("cancelled the visa of Y": 160)
        held = [n for n in p.patients if n.pos_ == "NOUN" and words.get(n.lemma_.lower()) == "noun"
                and not _dictionary_names(p, n, rules)]
        holders = [h for n in held for h in (*(c for c in n.children if c.dep_ == "poss"),
                                             *(o for q, o in obliques(n) if q == "of"),
                                             *(c for c in n.lefts if c.dep_ in ("compound", "amod", "nmod")))]
    else:
        # (the parser may hang the "of" on the object: "stripped [Imran Khan of his immunity]")
        phrases = [*p.obliques, *(phrase for n in p.patients for phrase in obliques(n))]
        held = [o for q, o in phrases if q == "of" and words.get(o.lemma_.lower()) == "noun"]
        holders = list(p.patients) if held else []
    holders = [h for h in holders if named(h)]
    if not held or not holders:
        return
    coding = rules.frames.coding(REVOCATION_CODE)
    for agent in p.agents:
        for holder in holders:
            yield Reading(f"frame:{_how(p)}", p.head, f"{p.lemma} {held[0].lemma_.lower()}", coding.word, agent,
                          holder, coding.plover, coding.mode, coding.code)


def _dictionary_names(p: Predication, noun: Token, rules: Rules) -> bool:
    """Whether the CAMEO dictionary has a pattern of ``p``'s verb that names ``noun`` as its object."""
    frame = rules.frames.find(p.lemma, p.particle, noun.lemma_.lower())
    return frame is not None and frame.has_noun


def _outlawed(noun: Token, words: dict[str, frozenset[str]], depth: int = 0) -> bool:
    """Whether a said noun names a status of outlawry: itself ("an extremist"), a word before it ("a
    terrorist organisation", "a foreign agent") or its "of" object ("a state sponsor of terrorism", "the
    list of state sponsors of terrorism")."""
    if noun.lemma_.lower() in words["blacklist"]:
        return True  # a list that is itself one of outlawry ("a blacklist")
    of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return any(w in words["status"] for w in (*phrase_lemmas(noun), *(c.lemma_.lower() for c in modifiers_before(noun)))) \
        or depth < 2 and any(_outlawed(o, words, depth + 1) for o in of)


def _blames(clause: Token, rules: Rules, itself: bool = False) -> bool:
    """Whether a reported clause lays an act on its subject (lexicons/blame_predicates.tsv): "Y was
    responsible for the bombing", "Y was behind the attack", "Y was to blame" (not "Y was responsible for
    security"). An act named after a word the lexicon marks "hostile" must be one, or what violence is
    done with ("the blast"). A negated clause lays nothing ("Y was not behind the attack" clears Y).
    ``itself``: the clause is the blame word, a verb's small clause ("found Y guilty")."""
    if any(c.dep_ == "neg" for c in clause.children):
        return False
    for word in [clause] if itself else clause.children:
        needs = rules.blame_words.get(word.lemma_.lower())
        if needs is None or not itself and word.dep_ not in ("acomp", "prep", "xcomp"):
            continue
        acts = [word] if word.dep_ == "prep" else [c for c in word.children if c.dep_ == "prep"
                                                      and c.lower_ in ("for", "of")]
        objects = [o for a in acts for o in a.children if o.dep_ in ("pobj", "pcomp")]
        if not objects and word.dep_ != "prep" or needs == "any" and objects \
                or any(_hostile_act(o, rules) for o in objects):
            return True
    return False


def _hostile_act(noun: Token, rules: Rules) -> bool:
    """A noun for a hostile act: an event noun of a hostile verb ("bombing"), a noun that is such a verb
    ("fire", "strike") or what violence is done with ("the blast")."""
    lemma = noun.lemma_.lower()
    nominal = rules.frames.nominals.get(lemma)
    return lemma in rules.instruments or _hostile_lemma(nominal.verb if nominal else lemma, rules)


def _hostile(verb: Token, rules: Rules) -> bool:
    """Whether the event a clause's verb reports is hostile (kg's frame of the verb alone, else its CAMEO
    frame): "attack", "punish", "expel" are; "meet", "help" are not."""
    return _hostile_lemma(verb.lemma_.lower(), rules)


def _hostile_lemma(lemma: str, rules: Rules) -> bool:
    return rules.verb_plover(lemma) in HOSTILE


# An event noun of material harm (kg.rules.frames.MATERIAL_HARM) names whom it harms in its "of" phrase
# ("the killing of X", "the arrest of X") and in these phrases
HARMED = frozenset({"against", "on", "upon", "toward", "towards"})


def _victims(p: Predication, plover: str, rules: Rules) -> frozenset[int]:
    """The tokens naming whom the harm a verb appraises was done to: "condemned the killing of X",
    "investigated abuses against X", "denounced sanctions on X". Disapproving of a harm (PLOVER's ACCUSE)
    is aimed at whoever did it, never at X, though the dictionary's patterns put the target there
    (lexicons/harm_nouns.tsv). A light verb's noun is the act itself ("voiced criticism of X")."""
    noun = p.object_noun
    if plover != "ACCUSE" or p.kind != "verb" or noun is None or p.lemma in LIGHT_VERBS:
        return frozenset()
    lemma = noun.lemma_.lower()
    act = lemma in rules.frames.acts and lemma in rules.harm_nouns
    if not act and lemma not in rules.harms:
        return frozenset()
    harmed = HARMED | {"of"} if act else HARMED
    phrases = obliques(noun)  # the parser may hang the harmed on the doer: "crimes by militias against X"
    phrases += [inner for q, o in phrases if q == "by" for inner in obliques(o) if inner[0] != "of"]
    if rules.verb_plover(p.lemma) != "ACCUSE":  # approving of a harm ("praised the attack by X on Y", CAMEO
        # 110) is hostility to whom it harms: there the doer is never the target
        return frozenset(t.i for o in noun_owners(noun) for t in (o, *o.conjuncts))
    return frozenset(t.i for q, o in phrases if q in harmed for t in (o, *o.conjuncts))


# PLOVER categories of working with a party: whom an act is against is never their target ("joined the
# coalition against Y", "provided weapons for the offensive against Y" help someone else, if anyone)
PARTNERING = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})


def adversary(t: Token) -> bool:
    """Whether ``t`` (or the first of the conjuncts it is in) is the object of "against": "deployed troops
    against Y", "sent troops for the campaign against Y and Z"."""
    while t.dep_ == "conj":
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ == "against"


# PLOVER categories of acts only a state's authorities do: "X was arrested in Rwanda" is Rwanda's act
STATE_ACTS = frozenset({"COERCE", "RETREAT"})


def _agents(p: Predication) -> tuple[Token, ...]:
    return p.agents


def _state_acts(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """A passive act of authorities with no agent, done in a named country ("X was arrested in Rwanda",
    "Y was released in Libya"): the country's, as event coders read it."""
    if p.kind != "verb" or not p.passive or p.agents or not p.patients:
        return
    countries = [o for q, o in p.obliques if q == "in" and named.country(o)]
    if not countries:
        return
    state = replace(p, passive=False, agents=(countries[0],), how="state act",
                    obliques=tuple((q, o) for q, o in p.obliques if o is not countries[0]))
    for r in list(_kg_frames(state, rules, named)) or list(_cameo_frames(state, rules, named)):
        plover = category(r, rules.schema.plover)
        if r.object is not None and plover in STATE_ACTS:
            yield Reading(r.rule.split(":")[0] + ":state", r.trigger, r.key, r.predicate, r.subject, r.object,
                          plover, r.mode, r.cameo)


def _settling(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    """A third party settling a quarrel between others mediates between them (lexicons/settling_words.tsv):
    "Kuwait resolved the dispute between Qatar and Saudi Arabia", "tried to end the rift between X and Y".
    Nothing when the subject is one of the parties ("Qatar ended its rift between ...")."""
    if p.kind != "verb" or p.passive or rules.settling.get(p.lemma) != "verb" or p.object_noun is None \
            or rules.settling.get(p.object_noun.lemma_.lower()) != "noun":
        return
    parties = [c for q, o in p.noun_obliques if q == "between" for c in (o, *o.conjuncts) if named(c)]
    agents = [a for a in p.agents if named(a)]
    own = _agent_words(agents)
    if not parties or any(c.pos_ == "PRON" or c.lower_ in own for c in parties):
        return  # "Qatar and Bahrain ended the dispute between them": no third party
    key = f"{p.lemma} {p.object_noun.lemma_.lower()} between"
    for agent in agents:
        for party in parties:
            yield Reading(f"frame:{_how(p)}", p.head, key, MEDIATE, agent, party)


def _verb_key(lemma: str, particle: str) -> str:
    """A verb's lemma with its particle, as the lexicons write it ("tear up", "pull out")."""
    return f"{lemma} {particle}" if particle else lemma


def _agent_words(agents: Iterable[Token]) -> frozenset[str]:
    """The words of the agents and their conjuncts, which a party of their own act is not ("X and Y ended
    the dispute between them", "ended its pact with Y")."""
    return frozenset(t.lower_ for a in agents for t in (a, *a.conjuncts))


def _how(p: Predication) -> str:
    if p.kind == "noun":
        return {"light verb": "light", "doer": "doer", "charge": "charge", "received": "received"}.get(p.how, "nominal")
    if p.kind == "participle":
        return "hyphen"
    if p.passive:
        return "passive"
    return {"direct": "active", "conjunct": "conjunct", "control": "control", "object control": "control",
            "participle clause": "participle", "gerund": "gerund", "participle": "participle",
            "relative": "relative", "relative object": "relative", "reduced relative": "passive"}.get(p.how, "active")


def _reading(rule: str, p: Predication, key: str, word: str, inverse: bool, subject: Token, obj: Token,
             plover: str = "", mode: str = "", cameo: str = "") -> Reading:
    if inverse:
        subject, obj = obj, subject
    return Reading(rule, p.head, key, word, subject, obj, plover, mode, cameo)


def _coded(found: Trigger, rules: Rules) -> tuple[str, str, str]:
    """The PLOVER category, mode and CAMEO code of a kg frame row that names its own code ("sign agreement
    with": 057, SUPPORT); empty for a row that takes its word's (events/word_codes.tsv)."""
    coding = rules.frames.coding(found.cameo) if found.cameo else None
    return (coding.plover, coding.mode, coding.code) if coding is not None else ("", "", "")


def _kg_frames(p: Predication, rules: Rules, named: Named) -> Iterator[Reading]:
    triggers = rules.triggers
    rule = f"frame:{_how(p)}"
    head = p.lemma if p.kind != "verb" or not p.particle else f"{p.lemma} {p.particle}"
    stems = [head] if head == p.lemma else [head, p.lemma]
    # "X's killer, Y", "sentenced for Y's murder", "won Y's backing" and "the suspension of aid to Y" (an act
    # on a thing): the noun's verb's frames
    nominal = rules.frames.nominals.get(p.lemma) \
        if p.how in ("doer", "charge", "received") or p.kind == "noun" and p.object_noun is not None else None
    if nominal is not None and p.how == "doer":  # "X's killer, Y": the verb's own frame ("kill")
        stems = [nominal.verb]
    elif nominal is not None and nominal.verb not in stems:  # "sentenced for Y's murder", "jailed for Y's
        stems.append(nominal.verb)  # assassination": the noun's own keys first ("murder of"), then its verb's
    agents = _agents(p)
    holder = not agents and p.passive  # "X, based in Y", "X was linked to Y": the passive subject holds it
    if holder:
        agents = p.patients
        if p.head.tag_ == "VBN" and p.head.lower_ not in stems:  # "X is opposed to Y": the participle's
            stems.append(p.head.lower_)  # adjective ("opposed to", as in "X remains opposed to Y")
    if not agents and p.kind == "noun":  # "talks between X and Y": the parties of a symmetric word
        for prep, obj in p.obliques:  # (in "mediation between X and Y" they are whom it is between)
            found = triggers.get(f"{p.lemma} {prep}") if prep == "between" else None
            if found is not None and found.predicate in rules.schema.symmetric:
                for other in (c for c in obj.children if c.dep_ == "conj"):
                    yield Reading(rule, p.head, f"{p.lemma} between", found.predicate, obj, other)
                return
    if not agents:
        return
    seen_objects: set[int] = set()
    noun = p.object_noun
    noun_keys = []
    for counted in _counted(noun, rules):  # "began a round of talks": the talks' keys, then the round's
        lemma = counted.lemma_.lower()
        mods = [c.lemma_.lower() for c in counted.children if c.dep_ in ("amod", "compound") and c.i < counted.i
                and c.pos_ in ("ADJ", "NOUN")]
        kinds = [f"{lemma} of {o.lemma_.lower()}" for c in counted.children if c.dep_ == "prep" and c.lower_ == "of"
                 for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]  # "a state of siege"
        noun_keys += kinds + [f"{m} {lemma}" for m in mods] + [lemma]
        if counted.ent_type_ == "MONEY" and lemma != "money":  # "gave $2 million to Y": a sum is money
            noun_keys.append("money")
    # the verb's own prepositions make "V P" keys; the object noun's make "V N P" keys ("held talks with"),
    # and "V P" keys too where the parser may have hung the verb's phrase on the noun ("proposed a truce to
    # Y"), but not "of" and not a phrase the noun has a frame for ("captured the town of Y")
    own_noun = noun.lemma_.lower() if noun is not None else ""
    # a noun after the verb's preposition with a phrase of its own comes first, the longer key: "agreed to a
    # ceasefire with Y", "bowed to demands from Y" ("agree to ceasefire with"), "walked out of talks with Y"
    # (and the noun read so is not read again as the object of the verb's preposition alone)
    # (not an act's partner: "mediated in coordination with Y" is no mediation in Y)
    # ("went to war with Y", the parser hanging "with Y" on the verb: the next phrase of the verb's own)
    phrases = [(f"{prep} {noun.lemma_.lower()} {inner}", obj, True, noun) for prep, noun in p.obliques
               if noun.pos_ == "NOUN" for inner, obj in obliques(noun)] + [
        (f"{prep} {noun.lemma_.lower()} {then}", obj, True, noun) for prep, noun in p.obliques
        if noun.pos_ == "NOUN" for then, obj in p.obliques if obj.i > noun.i and then != prep] + [
        (prep, obj, True, None) for prep, obj in p.obliques
        if not (prep == "in" and obj.lemma_.lower() in PARTNERSHIPS)] + [
        (prep, obj, prep != "of" and f"{own_noun} {prep}" not in triggers, None) for prep, obj in p.noun_obliques] + [
        ("to", obj, True, None) for obj in p.indirect_objects]  # "lent Y money": "lent money to Y"
    # a noun another actor owns is that actor's act, with that actor's parties: "approved Israel's deal with Y"
    # makes no deal with Y ("its deal with Y" does)
    others = bool(p.agents) and noun is not None and any(c.dep_ == "poss" and c.pos_ != "PRON" and c not in p.agents
                                                         for c in noun.children)
    for stem in stems:
        for prep, obj, own, via in phrases:
            keys = ([] if others else [f"{stem} {n} {prep}" for n in noun_keys]) + ([f"{stem} {prep}"] if own else [])
            obj = _named_conjunct(obj, named)  # "called X on Saturday": a date is no target of "call on"
            if obj is None:
                continue
            for key in keys:
                found = triggers.get(key)
                if found is not None and obj.i not in seen_objects:
                    seen_objects.update((obj.i, via.i) if via is not None else (obj.i,))
                    for agent in agents:
                        yield _reading(rule, p, key, found.predicate, found.inverse, agent, obj,
                                       *_coded(found, rules))
                    break
        if seen_objects:
            return
        if holder:
            continue  # a passive subject holds only a phrase's frame (the participle's own next)
        for n in noun_keys:  # "signed an agreement", "held talks": the coordinated subjects are the parties
            found = triggers.get(f"{stem} {n}")
            if found is not None and noun is not None:
                # "took 20 soldiers hostage": the key's noun is what they are taken as, the object the held
                held = [] if noun in p.patients else _named_objects(p.patients, named)
                for agent in agents:
                    for obj in held:
                        yield _reading(rule, p, f"{stem} {n}", found.predicate, found.inverse, agent, obj,
                                       *_coded(found, rules))
                    if held:
                        continue
                    if named(noun) and noun not in captive_words(p.head) and not _joint(noun):
                        # "were taken hostage": the held; "expelled UN inspectors": whose they are (but a
                        # joint act is the parties' own: "began joint border patrols" patrols no one)
                        yield _reading(rule, p, f"{stem} {n}", found.predicate, found.inverse, agent, noun,
                                       *_coded(found, rules))
                    else:
                        yield Reading(rule, p.head, f"{stem} {n}", found.predicate, agent, None, *_coded(found, rules))
                return
        found = triggers.get(stem)
        # an event noun of a light verb with no phrase of its own ("X and Y renewed negotiations"): the
        # noun's bare frame, whose parties the coordinated subjects may be
        if found is not None and (p.kind in ("verb", "participle") or nominal is not None or p.how == "light verb"):
            objects = _named_objects((*p.patients, *p.recipients), named)  # "captured the mosque in X":
            for obj in objects or [None]:  # no named object leaves the reading to CAMEO's patterns
                for agent in agents:
                    if obj is None:
                        yield Reading(rule, p.head, stem, found.predicate, agent, None, *_coded(found, rules))
                    else:
                        yield _reading(rule, p, stem, found.predicate, found.inverse, agent, obj,
                                       *_coded(found, rules))
            return


def _joint(noun: Token) -> bool:
    """"joint patrols", "a joint exercise": the act the parties do together."""
    return any(c.dep_ == "amod" and c.lower_ == "joint" for c in noun.children)


def clause_lemmas(head: Token, lemma: str, particle: str, rules: Rules) -> frozenset[str] | None:
    """The lemmas of the words under ``head``, which a dictionary pattern's further phrases look among; None
    (looked at only then) for a verb with no such pattern."""
    if (lemma, particle) not in rules.frames.with_further_phrases:
        return None
    return frozenset(t.lemma_.lower() for t in head.subtree)


def _named_objects(tokens: Iterable[Token], named: Named) -> list[Token]:
    """For each of ``tokens``, the name it stands for or the first named conjunct (_named_conjunct)."""
    return [o for o in (_named_conjunct(t, named) for t in tokens) if o is not None]


def _named_conjunct(obj: Token, named: Named) -> Token | None:
    """``obj`` when it stands for an actor, else the first name coordinated with it ("met Japarov and
    Indian Prime Minister Narendra Modi" with the first name missed by the tagger), else None."""
    if named(obj):
        return obj
    return next((c for c in obj.children if c.dep_ == "conj" and named(c)), None)


def _complement_target(verb: Token, named: Named | None = None, deep: bool = True,
                       controls: frozenset[str] = frozenset(), creations: frozenset[str] = frozenset(),
                       people: frozenset[str] = frozenset()) -> Token | None:
    """The target an event carried by a complement clause names: for "threatened to attack Y" the
    infinitive's object (or its first prepositional object: "agreed to open its borders to Y"; for a verb
    of ``controls``, lexicons/object_control.tsv, the one it lets act: "refused to allow Y to land"); for
    "demanded that Y withdraw" the clause's subject. With ``named``, the first candidate that names an
    actor; when none does and ``deep``, the nearest name deeper in the clause ("agreed to lift a ban on
    imports of British beef": Britain). What a verb of ``creations`` (lexicons/creation_verbs.tsv) makes is
    no target: "agreed to set up an institute in Barcelona" is aimed at Barcelona. A subject that names a
    party or holds a role (``people``: title heads, lexicons/titles.tsv) is whom a "that" clause asks it of."""
    if question_clause(verb):
        return None  # "asked if Russia would attack Y" asks a question of no one in it
    candidates = []
    candidates += for_subjects(verb)  # "called for Y to withdraw"
    if verb.dep_ == "ccomp" or clause_mark(verb) == "that":
        candidates += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if noun_clause(verb):  # "demanded that Mugabe resign", parsed as one noun phrase
            candidates += clause_subject_names(verb)
    owned = next((c for c in candidates if _owned(c)), None)
    if owned is not None and named is not None:  # the subject is whom it is asked of: "demanded that its NATO
        return owned if named.resolves(owned) else None  # allies reject the plan"; "that its troops withdraw
        # from Y" asks it of the actor's own, not of Y
    if named is not None:  # "demanded that the minister apologize to Y" asks it of the minister (an unnamed
        # group of the document, or the actor that owns the title: "Y's prime minister"), not of Y; "that any
        # exchange must include Y" asks it of Y
        party = next((c for c in candidates if c.dep_ == "nsubj" and (named(c) or c.lemma_.lower() in people)), None)
        if party is not None:
            return party if named(party) else None  # (its owner, "Y's prime minister", resolves it)
    made = {t.i for c in verb.children if c.dep_ == "dobj" for t in _name_of(c)} \
        if phrasal(verb) in creations else set()
    candidates += [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i not in made]
    if verb.lemma_.lower() in controls:  # "refused to allow Y to land", "agreed to let Y inspect"
        candidates += infinitive_subjects(verb)
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in OBLIQUE_TARGETS:
            candidates += [o for o in c.children if o.dep_ == "pobj"]
    for obj in [c for c in verb.children if c.dep_ == "dobj"]:
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in OBLIQUE_TARGETS:
                candidates += [o for o in c.children if o.dep_ == "pobj"]
    for purpose in [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB"]:
        candidates += [c for c in purpose.children if c.dep_ in ("dobj", "dative")]  # "to send troops to help Y"
    candidates = [c for c in candidates if not _owned(c)]
    # (an actor's own is no target: "to withdraw its troops from Y"); a name before a kind of people
    # ("offered to send troops to help the Philippine army": the army)
    names: list[Token] = []
    if named is not None:
        for candidate in candidates:
            if named.resolves(candidate):
                return candidate
        if deep:  # "agreed to lift a ban on imports of British beef": an actor named deeper in the clause
            names = [t for t in _clause_names(verb) if t.i not in made and named.resolves(t)]
            actor = next((t for t in names if named.actor(t)), None)
            if actor is not None:
                return actor
    for candidate in candidates:  # an unnamed group ("agreed to free the protesters in Cairo")
        if named is None or named(candidate):
            return candidate
    return names[0] if names else None  # else a place ("agreed to set up a hospital in Mombasa")


def _owned(noun: Token) -> bool:
    """A noun an actor's pronoun owns: "its troops", "their allies"."""
    return any(d.dep_ == "poss" and d.pos_ == "PRON" for d in noun.children)


# what a clause's deeper phrases are reached through; clauses of their own (relative, adverbial, other
# conjuncts) and the clause's own subject are not its targets
_CLAUSE_PATHS = frozenset({"dobj", "dative", "prep", "pobj", "amod", "compound", "nmod", "poss", "appos",
                           "xcomp", "acl", "attr", "oprd", "npadvmod", "pcomp", "advmod", "nummod"})


def _name_of(noun: Token) -> list[Token]:
    """``noun`` with the words that name it with it: its compounds, flat parts, appositions and conjuncts
    ("two hospitals and a strike team", "the new Marie Curie Cancer Institute")."""
    out, todo = [], [noun]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ in ("compound", "flat", "appos", "conj", "nmod", "amod")]
    return out


def _clause_names(verb: Token, depth: int = 8) -> Iterator[Token]:
    """The words of ``verb``'s clause below its arguments, nearest first (breadth first, at most ``depth``
    links down, then left to right): where a party the clause's act concerns may be named when no
    argument position names one. An actor's own ("its weapons") is passed over."""
    level = [c for c in verb.children if c.dep_ in _CLAUSE_PATHS]
    for _ in range(depth):
        nxt = []
        for tok in sorted(level, key=lambda t: t.i):
            if tok.pos_ == "PRON":
                continue
            yield tok
            nxt += [c for c in tok.children if c.dep_ in _CLAUSE_PATHS]
        level = nxt


def _cameo_frames(p: Predication, rules: Rules, named: Named, noun_only: bool = False) -> Iterator[Reading]:
    """CAMEO's reading of ``p``; with ``noun_only``, only by a pattern that names the object noun."""
    frames = rules.frames
    if p.kind == "verb" and any(c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"
                                and (c.lemma_.lower(), "complement") not in rules.frames.results for c in p.head.children):
        return  # "pleaded guilty", "remained silent": the verb with its adjective is no CAMEO act ("shot dead
        # X" is: the adjective says its result, frames/results.tsv)
    if p.kind == "verb" and p.lemma in rules.undergoers:
        return  # "X died in Y": X did nothing to Y (lexicons/undergoer_verbs.tsv)
    if p.kind == "verb":
        lemma, particle = p.lemma, p.particle
    elif p.kind == "noun":
        nominal = frames.nominals.get(p.lemma)
        if nominal is None:
            return
        lemma, particle = nominal.verb, nominal.particle
    else:
        return
    agents = _agents(p)
    if not agents:
        return
    # "called Y a liar", "branded Y a terrorist state": the noun said of the object, or a word before it,
    # is what the verb's pattern must name (CALL * LIAR, BRAND * TERRORIST); naming Y is no call to Y
    predicative = _predicative(p)
    noun_only = noun_only or bool(predicative)
    preps = _phrase_heads(p.obliques)
    if particle in PATH_WORDS and (lemma, particle) not in frames.candidates \
            and (p.passive or any(c.dep_ in ("dobj", "obj") for c in p.head.children)):
        # no particle verb "drive out": the dictionary writes the path after the object as a preposition with
        # no noun, DRIVE * (OUT OF), PUSH * (OUT) ("drove the militants out of Y", "were pushed out")
        preps[particle], particle = frozenset(), ""
    if p.indirect_objects:  # "gave Kenya two helicopters" fills the frames of "gave two helicopters to Kenya"
        preps = {**preps, "to": preps.get("to", frozenset()) | {r.lemma_.lower() for r in p.indirect_objects}}
    subject = agents[0].lemma_.lower()
    frame = None
    present = clause_lemmas(p.light or p.head, lemma, particle, rules)  # for a pattern with further phrases
    for noun in predicative or _object_nouns(p.object_noun, rules):  # "sent a shipment of weapons": weapons,
        # then shipment
        modifiers = frozenset(c.lemma_.lower() for c in noun.children) if noun is not None else frozenset()
        # the object's own phrases fill a frame that names it ("a state of emergency", "the ban on X"); an
        # undertaking's act has the undertaking's ("a mediation effort between X and Y")
        holder = noun.head if noun is not None and noun.dep_ == "compound" else noun
        # a sum is money ("disbursed $1.2 billion to Y": &CURRENCY), as kg's own frames take it
        heads = [noun.lemma_.lower()] + (["money"] if noun.ent_type_ == "MONEY" else []) if noun is not None else [""]
        for head in heads:
            frame = frames.find(lemma, particle, head, modifiers, preps,
                                subject, _phrase_heads(obliques(holder)) if holder is not None else None, present)
            if frame is not None and frame.has_noun:
                break
        if frame is not None and frame.has_noun:
            break
    if frame is None or frame.coding is None or not frame.coding.word or noun_only and not frame.has_noun:
        return
    if _event_noun_speaks(p, frame, rules) or _verb_speaks(p, frame, rules):
        return
    coding = frame.coding
    target_at = frame.target_at if p.kind == "verb" else ""  # a verb's pattern says nothing of its noun's phrases
    # "supplied Y with arms"; "the delivery of arms to Y"; not a frame whose target is the object ("gave Y until June")
    theme = lemma in rules.theme_verbs and not p.oblique("with") and target_at != "object"
    victims = _victims(p, coding.plover, rules)
    given_up, doers = _given_up(p, coding, rules)
    target = _proposer(p, rules, named) or next(
        (t for t in _cameo_targets(p, target_at, frame.prep, frame.has_noun, theme)
         if (named(t) or _unnamed_peacekeepers(t, rules, named))
         and t.i not in victims and t.i not in given_up
         and not (t.lemma_.lower() in frames.acts and t.dep_ == "pobj")
         and not (frame.prep in SETTINGS and t.pos_ == "NOUN" and t.lemma_.lower() in frame.prep_nouns)
         and not _setting_place(t, coding, rules, named)
         and not _talked_about(t, p, coding)),
        None)  # "convicted for the murder of Y": an act after a preposition is what the verb is about, not a
    # party to it; nor is the common noun of the setting the pattern names ("appeared in a magistrates
    # court": APPEAR (IN COURT) is the act; "opened fire on the troops" keeps its target)
    if target is None and coding.plover == "REQUEST":  # "demanded the release of X held by Y": asked of Y
        target = next((d for d in doers if named(d)), None)
    if target is None and _on_places(coding, rules):  # "imposed a curfew in X", "attacked in X", "launched
        # airstrikes on militant targets in X" (where an unnamed target is)
        unnamed = [o for o in (*p.patients, *(o for q, o in p.obliques if q in OBLIQUE_TARGETS)) if not named(o)]
        places = [*p.obliques, *p.noun_obliques, *(phrase for o in unnamed for phrase in obliques(o))]
        target = next((o for q, o in places if q == "in" and named(o)), None)
    if target is None and (coding.plover in ON_COUNTRIES or coding.word in EXAMINED_COUNTRIES):
        # "agreed to a ceasefire in Syria", "will investigate the killings in Kenya": the country the act
        # agreed to or looked into is in, not where the agreeing is ("signed a deal in Ethiopia" is aimed at
        # no Ethiopia)
        phrases = [phrase for t in (*p.patients, *(o for q, o in p.obliques if q in OBLIQUE_TARGETS))
                   if not named(t) for n in with_of_objects(t) for phrase in obliques(n)]
        if coding.word in EXAMINED_COUNTRIES:  # "investigated the killings in Burundi", "in Burundi" on the
            phrases += p.obliques  # verb: where one looks into a thing is where it is
        target = next((o for q, o in phrases if q == "in" and named.country(o)), None)
    if target is None and coding.word in EXAMINED_COUNTRIES:  # "sent experts to Iran to investigate the
        target = _sent_to(p, rules, named)  # crash": where those sent to look into it go
    if target is None and coding.plover in PLACE_RECIPIENTS:  # "donated $5 million to help Kenya"
        target = _purpose_target(p, rules, named)
    if target is None and coding.plover == "PROTEST":  # "protested outside the Ugandan embassy": the body
        # whose building a protest besieges is what it protests against
        target = next((o for q, o in p.obliques if q in PROTEST_SITES and named(o)), None)
    source_agents = agents
    if frame.source_at.startswith("prep:") and p.kind == "verb":
        source_agents = p.oblique(frame.source_at[5:]) or agents
    rule = f"cameo:{_how(p)}"
    key = f"{lemma}{' ' + particle if particle else ''} ({frame.where})"
    for agent in source_agents:
        if frame.reverse:  # "X received an invitation from Y", "X came under fire from Y": Y acts on X
            if target is not None:
                yield Reading(rule, p.head, key, coding.word, target, agent, coding.plover, coding.mode, coding.code)
            continue
        yield Reading(rule, p.head, key, coding.word, agent, target, coding.plover, coding.mode, coding.code)


def concessions(verb: Token, rules: Rules) -> list[tuple[Token, frozenset[int], list[Token]]]:
    """The acts a verb asks for, or refuses, that someone must do to something: its object noun or the
    noun after its "for", when the noun's "of" names the patient (frames/nominalizations.tsv): "demanded
    the release of X", "called for the extradition of X", "refused the handover of X". Each with the
    tokens naming what the act is done to (X, its conjuncts; "X's release" with no "of": X) and those
    naming who would do it ("the release of X by Y", "Y's release of X", "the release of X held by Y")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    phrases = obliques(verb)
    out = []
    for noun in [c for c in verb.children if c.dep_ == "dobj"] + [o for q, o in phrases if q == "for"]:
        nominal = rules.frames.nominals.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if nominal is None or nominal.of != "patient":
            continue
        act = noun_predication(noun)
        if act.patients:
            done_to = [t for o in act.patients for t in (o, *o.conjuncts)]
            doers = [a for a in act.agents if a not in done_to]
        else:  # "X's release": the released
            done_to = [c for c in noun.children if c.dep_ == "poss"]
            doers = [o for q, o in act.obliques if q == "by"]
        if not doers and not is_passive(verb):  # "called for the handover of X by Y" with "by Y" hung on the
            doers = [o for q, o in phrases if q == "by" and o.i > noun.i]  # verb: an active verb has no "by" agent
        out.append((noun, frozenset(t.i for t in done_to), doers))
    return out


def _given_up(p: Predication, coding, rules: Rules) -> tuple[frozenset[int], list[Token]]:
    """For a demand, or a refusal, of an act done to something (concessions): the tokens it is done to,
    never the party asked ("demanded the release of X": X is released, not asked), and who would do it,
    the party a demand is made of. Demands (PLOVER REQUEST) and refusals to yield (mode ``yield``) only."""
    if p.kind != "verb" or coding.plover != "REQUEST" and coding.mode != "yield":
        return frozenset(), []
    found = concessions(p.head, rules)
    return frozenset(i for _, done_to, _ in found for i in done_to), [d for *_, doers in found for d in doers]


def _purpose_target(p: Predication, rules: Rules, named: Named) -> Token | None:
    """Whom a gift is for when only its purpose names them: the object of an infinitive of doing good
    (lexicons/benefit_verbs.tsv, or a verb fighting an ill of lexicons/affliction_nouns.tsv) hung on the
    verb or on the thing given ("donated $5 million to help Kenya", "provided funding to combat cholera in
    Yemen"); an object that names no actor stands for the place its phrase or the infinitive puts it in
    ("gave 300 million euros to promote investment in Ethiopia", "pledged $10 million to rebuild schools
    in Haiti"). None when no purpose names one."""
    if p.kind != "verb":
        return None
    hosts = [p.head, *([p.object_noun] if p.object_noun is not None else [])]
    for purpose in (c for h in hosts for c in h.children if c.dep_ in ("advcl", "xcomp", "acl", "relcl")
                    and (c.dep_ != "relcl" or h is not p.head)
                    and clause_mark(c) == "to" and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)):
        objects = [o for o in purpose.children if o.dep_ == "dobj"]
        if purpose.lemma_.lower() not in rules.benefit_verbs and not any(
                o.lemma_.lower() in rules.afflictions for o in objects):
            continue
        objects += infinitive_subjects(purpose)  # "to help Kenya fight the floods"
        where = next((o for c in purpose.children if c.dep_ == "prep" and c.lower_ == "in"
                      for o in c.children if o.dep_ == "pobj" and named.resolves(o)), None)
        for obj in (c for o in objects for c in (o, *o.conjuncts)):
            if named.resolves(obj):
                return obj
            owner = next((t for t in obj.subtree if (t.dep_ == "poss" or t.dep_ == "pobj" and t.head.lower_ in ("in", "of"))
                          and named.resolves(t) and not any(
                              a.dep_ in ("relcl", "ccomp") for a in t.ancestors if obj.is_ancestor(a))), None)
            if owner is not None or where is not None:
                return owner or where  # "to promote investment in Ethiopia", "to rebuild schools in Haiti"
            if named(obj):
                return obj  # an unnamed people: kg/extract/relations.py places it
        return where
    return None


def _unnamed_peacekeepers(t: Token, rules: Rules, named: Named) -> bool:
    """An unnamed peacekeeping force serving in a named place ("contributed troops to an international
    peace-keeping force in Liberia"): a target kg/extract/relations.py moves to the place."""
    place = serving_in(t) if t.pos_ == "NOUN" and peacekeeping(t, rules) else None
    return place is not None and named(place)


def _proposer(p: Predication, rules: Rules, named: Named) -> Token | None:
    """The object noun when it is a proposal whose owner is named ("rejected Russia's proposal to the UN",
    "welcomed Trump's invitation to Putin", "accepted an offer by Qatar"): the verb answers the one who
    made it, not the one it was made to (lexicons/proposal_nouns.tsv). A body named before the noun made it
    too ("vetoed a UN resolution on Syria", "an EU plan"), where a country or place may be what it is about
    ("a Syria resolution", "a Gaza ceasefire plan")."""
    noun = p.object_noun
    if p.kind != "verb" or noun is None or noun.lemma_.lower() not in rules.proposals or p.lemma in rules.restating:
        return None  # "reaffirmed America's commitment to Y": the speaker's own side's (lexicons/restating_verbs.tsv)
    return next((o for o in proposal_owners(noun) if (
        named.direct(o) and named.actor(o) and not named.country(o) if o.dep_ in _NAMED_BEFORE else named(o))), None)


def proposal_owners(noun: Token) -> list[Token]:
    """Who made a proposal: its possessor, its "by", "from" or "of" phrase ("Russia's proposal", "an offer
    by Qatar", "a request from the army", "the appeal of X") and the agent of a participle that says who
    put it forward ("an appeal filed by X's lawyers", "the plan drawn up by France"), then a name before it
    ("a UN resolution", which may also say what it is about: "a Gaza ceasefire plan")."""
    filed = [o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for q, o in obliques(c) if q == "by"]
    return [c for c in noun.children if c.dep_ == "poss"] + [
        o for q, o in obliques(noun) if q in ("by", "from", "of")] + filed + [
        c for c in noun.children if c.dep_ in _NAMED_BEFORE and c.i < noun.i]


_NAMED_BEFORE = ("compound", "nmod")  # "a UN resolution": a name before a proposal noun


def _event_noun_speaks(p: Predication, frame, rules: Rules) -> bool:
    """Whether a light verb's object is an event noun of its own that the verb's pattern does not name
    ("issued a condemnation of Y", "offered criticism of Y"): the noun is the event and is read as one
    (frames/nominalizations.tsv), so the verb's bare code ("issue": grant, 060) says nothing of it."""
    noun = p.object_noun
    return (p.kind == "verb" and p.lemma in LIGHT_VERBS and noun is not None and not frame.has_noun
            and noun.lemma_.lower() in rules.frames.nominals)


def _verb_speaks(p: Predication, frame, rules: Rules) -> bool:
    """Whether a light verb's event noun would be read only by its verb's bare code where the light verb's
    own pattern names the noun as another kind of act: "declared a ceasefire" is DECLARE * CEASEFIRE (0871,
    de-escalation), and "ceasefire" read as AGREE's bare 050 (cooperation) would add a second, wrong event.
    The verb's reading is the event's; a noun read by a pattern of its own ("a ceasefire with Y") keeps its
    reading."""
    if p.kind != "noun" or p.how != "light verb" or frame.has_noun or p.head.dep_ not in ("dobj", "obj"):
        return False
    verb = p.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    own = rules.frames.find(verb.lemma_.lower(), "", p.head.lemma_.lower(),
                            frozenset(c.lemma_.lower() for c in p.head.children))
    return own is not None and own.has_noun and own.coding is not None and bool(own.coding.word) \
        and own.coding.plover != frame.coding.plover  # "launched airstrikes on Y": both say the same act, and
    # the noun's reading, whose phrases name Y, stays


TIME_TYPES = frozenset({"DATE", "TIME"})  # spaCy's entity types of time expressions


def _phrase_heads(phrases) -> dict[str, frozenset[str]]:
    """Preposition -> the head lemmas of its objects, times left out ("called X on Saturday" is no "call
    on": a time is an adjunct) unless the preposition is one of a time limit ("gave Y until June")."""
    out: dict[str, set[str]] = {}
    for prep, obj in phrases:
        if obj.ent_type_ not in TIME_TYPES or prep in LIMIT_PREPS:
            out.setdefault(prep, set()).add(obj.lemma_.lower())
    return {prep: frozenset(heads) for prep, heads in out.items()}


def _predicative(p: Predication) -> list[Token | None]:
    """The noun a verb says its object is ("called Y a war criminal": criminal, then war), the noun first
    and then the words before it; [] when the verb says none."""
    if p.kind != "verb" or not p.patients:
        return []
    said = next((c for c in p.head.children if c.dep_ == "oprd" and c.pos_ == "NOUN"), None)
    if said is None:  # "called Lula a corrupt man": the parser may hang the noun on the object as its
        # appositive, but an appositive is set off by a comma and this one follows the object bare
        said = next((c for o in p.patients for c in o.children if c.dep_ == "appos" and c.pos_ == "NOUN"
                     and c.left_edge.lower_ in ("a", "an") and bare_apposition(o, c)), None)
    if said is None:
        return []
    return [said, *(c for c in said.children if c.dep_ in ("amod", "compound") and c.i < said.i)]


def _object_nouns(noun: Token | None, rules: Rules) -> list[Token | None]:
    """The object nouns a frame is looked up with, in order: what the object counts, then the object itself
    (_counted: "a team of doctors" is read as doctors sent, else as a team sent); an undertaking's
    act before it (lexicons/effort_nouns.tsv: "a mediation effort"), alone when it is an event noun ("a
    bombing campaign" is no campaign of appeals); a share of something (lexicons/partitive_nouns.tsv: "part of
    the city") only as what it is a share of."""
    out: list[Token | None] = [*_counted(noun, rules)] or [None]
    if len(out) > 1 and noun is not None and noun.lemma_.lower() in rules.partitives:
        out = out[:-1]  # "captured part of the stronghold": the stronghold, never the idiom "take part"
    if out[0] is not None and out[0].lemma_.lower() in rules.efforts:  # "a mediation effort": the mediation
        act = next((c for c in out[0].children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        if act is not None:
            out = [act] if act.lemma_.lower() in rules.frames.nominals else [act, *out]
    return out


def _counted(noun: Token | None, rules: Rules) -> list[Token]:
    """The thing an amount, a body or a number of events counts, before the noun itself: "a shipment of
    weapons", "dozens of artefacts", "a new round of talks" (lexicons/quantity_nouns.tsv,
    collective_nouns.tsv) -> [weapons, shipment]; so for an act thought of ("ruled out the prospect of
    talks": lexicons/prospect_nouns.tsv); [noun] for any other noun, [] for none."""
    out = [noun] if noun is not None else []
    while noun is not None and (noun.lemma_.lower() in rules.quantities or noun.lemma_.lower() in rules.collectives
                                or noun.lemma_.lower() in rules.partitives or noun.lemma_.lower() in rules.prospects):
        noun = of_noun(noun)
        if noun is not None:
            out.insert(0, noun)
    return out


def of_noun(noun: Token) -> Token | None:
    """The common noun after ``noun``'s "of" ("a shipment of weapons": weapons), or None."""
    return next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)


# PLOVER categories whose events may be aimed at a place when no actor is named ("a curfew in X", "a
# ceasefire in X", "eased the curfew in X")
ON_PLACES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "THREATEN", "CONCEDE"})
# PLOVER categories whose events may be aimed at the country the act they agree to is in, when no party is
# named ("agreed to a ceasefire in Syria", "agreed to an expansion of its mission in Afghanistan")
ON_COUNTRIES = frozenset({"AGREE"})
# kg words whose events are aimed at the country the thing looked into is in, or those sent to look into it
# go to ("will investigate the killings in Kenya", "sent experts to Iran to investigate the crash")
EXAMINED_COUNTRIES = frozenset({"investigate"})


def _given_in(p: Predication, named: Named) -> Token | None:
    """The country a gift with no recipient named is given in: "delivered food aid in Haiti", "provided
    food in Yemen", "9 million euros for refugee programmes in northern Kenya" (the "in" of the verb, of
    the thing given, or of what it is for) goes to that country's people. For verbs of giving
    (lexicons/theme_verbs.tsv) only: "refugees fleeing the war in Liberia" give nothing."""
    given = [t for t in (*p.patients, *(o for q, o in (*p.obliques, *p.noun_obliques) if q == "for")) if not named(t)]
    phrases = [*p.obliques, *p.noun_obliques, *(phrase for t in given for n in with_of_objects(t) for phrase in obliques(n))]
    return next((o for q, o in phrases if q == "in" and named.country(o)), None)


def _sent_to(p: Predication, rules: Rules, named: Named) -> Token | None:
    """The named country a purpose infinitive's sender sends its subject's people to: Iran in "sent a team
    to Iran to investigate the crash" (a verb of lexicons/theme_verbs.tsv with a "to" phrase)."""
    sender = p.head.head
    if p.kind != "verb" or p.head.dep_ not in ("advcl", "xcomp") or sender.lemma_.lower() not in rules.theme_verbs \
            or clause_mark(p.head) != "to":
        return None
    return next((o for c in sender.children if c.dep_ == "prep" and c.lower_ == "to"
                 for o in c.children if o.dep_ == "pobj" and named.country(o)), None)


def _setting_place(t: Token, coding, rules: Rules, named) -> bool:
    """A city or region after "in" or "at" is where an act aimed at actors happens, not one of its
    parties: "opened a summit in Accra", "held talks in Geneva" (a country may be the party: "talks in
    Iran" stand for it in CAMEO's patterns; words whose object is a place, "visit", keep theirs). A
    meeting's "at" names where it is held whatever is there: "held talks at the Kremlin", "a press
    conference at Parliament House" (its parties stand after "with")."""
    if t.dep_ != "pobj" or t.head.lower_ not in SETTINGS:
        return False
    where = rules.schema.range.get(coding.word)
    return where not in (None, "Location") and not named.actor(t) \
        or t.head.lower_ == "at" and coding.plover == "CONSULT" and where != "Location"


_TOPIC_MARKS = frozenset({"on", "about", "over", "regarding", "concerning"})


def _talked_about(t: Token, p: Predication, coding) -> bool:
    """A name inside what talks are about is no party to them: "began talks on the pullout of Eritrean
    troops", "held consultations about Y's debt" (a CONSULT reading whose candidate stands in a noun's
    "on", "about" or "over" phrase below the predicate)."""
    if coding.plover != "CONSULT":
        return False
    up = t
    for _ in range(12):
        if up.i == p.head.i or up.head.i == up.i:
            return False
        if up.dep_ == "prep" and up.lower_ in _TOPIC_MARKS and up.head.pos_ == "NOUN":
            return True  # the phrase of a noun ("talks on…"), not a verb's path ("went on strike against Y")
        up = up.head
    return False


def _on_places(coding, rules: Rules) -> bool:
    return coding.plover in ON_PLACES and rules.schema.range.get(coding.word) in (None, "Location")


def with_of_objects(tok: Token) -> list[Token]:
    """A noun and the objects of its "of" ("a contingent of troops": contingent, troops)."""
    return [tok] + [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children if o.dep_ == "pobj"]


def peacekeeping(tok: Token, rules: Rules) -> bool:
    """Whether a noun names a peacekeeping unit or mission (lexicons/peacekeeping_words.tsv): "peacekeepers",
    "UN peacekeeping troops", "a contingent of peacekeepers", "an international peace-keeping force"."""
    for noun in with_of_objects(tok):
        for t in [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound"))]:
            # "peace-keeping", "peace-keepers": words the tokenizer split at a hyphen
            before = hyphen_prefix(t)
            if {t.lemma_.lower(), before + t.lower_, before + t.lemma_.lower()} & rules.peacekeeping:
                return True
    return False


def serving_in(force: Token) -> Token | None:
    """The place a force or mission is "in" ("the UN peacekeeping force in South Sudan": South Sudan)."""
    return next((o for c in force.children if c.dep_ == "prep" and c.lower_ == "in"
                 for o in c.children if o.dep_ == "pobj"), None)


def _cameo_targets(p: Predication, target_at: str, prep: str, noun_frame: bool, theme: bool = False,
                   ) -> Iterator[Token]:
    """Where the target of a CAMEO reading may stand, in order: where the frame puts it, else the direct
    object (an event or thing noun stands for its owner: "released Somali prisoners" -> Somalia), or for a
    light verb's event noun first its prepositions ("held talks with Y"), the indirect object, then the
    prepositions of OBLIQUE_TARGETS. The direct object is never the target of a verb of sending or giving
    (``theme``: lexicons/theme_verbs.tsv, "deployed troops"), nor the noun a pattern names when it goes to
    someone ("contributed troops to Y"): it is what is moved. A complement clause is never searched here:
    the matrix verbs PLOVER codes with it ("threatened to attack Y") are kg's own frames ("threaten to")."""
    if target_at.startswith("prep:"):
        yield from p.oblique(target_at[5:])
        return
    if target_at == "subject":
        return  # the dictionary's reverse frames ("X was visited by Y") are read by the passive rule
    # the object noun is the event itself when the verb is light ("held talks with Y") or the pattern names
    # it ("lifted the ban on Y"): the target is then in its phrases, not the noun's owner
    light = p.kind == "verb" and p.object_noun is not None and (p.lemma in LIGHT_VERBS or noun_frame)
    moved = theme or noun_frame and bool(p.recipients or p.oblique("to"))  # the object is what goes
    if not light and not moved:
        yield from p.patients
    yield from p.recipients
    phrases = list(p.noun_obliques) + list(p.obliques) if light else list(p.obliques) + list(p.noun_obliques)
    if prep:
        yield from (o for q, o in phrases if q == prep)
    for wanted in OBLIQUE_TARGETS:
        yield from (o for q, o in phrases if q == wanted)
    if light and not moved:
        yield from p.patients
    for q, o in phrases:  # an event noun's own target: "called for sanctions against Y"
        if q in SPATIAL or q == "in" and o.lemma_.lower() in EXCHANGES | PARTNERSHIPS:
            continue  # a place the act is at: "deployed troops along its borders with Y" is aimed at no Y; what
            # it is done in exchange for is what the doer gets ("would free more in exchange for Y's prisoners");
            # whom it is done in cooperation with is a partner ("struck the bridge in coordination with Y")
        for c in o.children:  # a time around the act names only a counterpart ("declared a ceasefire after
            # clashes with Y"), not another's target ("after the attack on Kharkiv, X vowed revenge")
            if c.dep_ == "prep" and c.lower_ in OBLIQUE_TARGETS and (q not in ADJUNCT_PREPS or c.lower_ == "with"):
                yield from (g for g in c.children if g.dep_ == "pobj")
