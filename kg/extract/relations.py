"""Typed relations from dependency patterns (ontology/patterns/relations.jsonl) and lexicons.

A pattern says which construction of English it is and which of its nodes are the actor, the target and
the trigger; the trigger's lemmas form a key that the pattern's lexicon maps to a predicate (and
direction). Arguments are then resolved the same way for every construction (kg/extract/arguments.py).
Edges whose ends do not fit the predicate's domain and range in ontology/kg.ttl are dropped. Each
relation carries how its sentence holds it (kg/extract/assertion.py): a negated, planned or reported
relation is kept, marked as such, and the graph does not state it as a plain fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract import constructions
from kg.extract.arguments import (
    arguments,
    conjuncts,
    counted,
    is_harm_doer,
    resolve_argument,
)
from kg.extract.assertion import assess, intent_cue
from kg.extract.dates import when
from kg.extract.event_places import event_place
from kg.extract.frames import (
    MEDIATE,
    PARTNERING,
    PLACE_RECIPIENTS,
    TAKING_CATEGORIES,
    Reading,
    adversary,
    category,
    concessions,
    of_noun,
    peacekeeping,
    proposal_owners,
    readings,
    serving_in,
    with_of_objects,
    with_result,
)
from kg.extract.matcher import SharedNodeDependencyMatcher
from kg.extract.mentions import MentionIndex, local_group, sentence_of, state_of
from kg.extract.roles import (
    HARM_MODIFIER,
    PATH_WORDS,
    Controls,
    clause_mark,
    credit_object,
    noun_owners,
    phrasal,
    sentence_predications,
)
from kg.ingest.dateline import dateline_end
from kg.model import Evidence, Relation
from kg.rules import RelationPattern, Rules, longest_suffix
from kg.rules.frames import NEGATED, SENSE_TESTS, Coding

MEMBERSHIP = "memberOf"  # a person's tie to a body, which a title standing for its body does not have
# A title's owners, strongest first: in "IS's Egyptian affiliate" the possessor is the owner and the
# nationality adjective only says where.
_OWNER_RANK = {"poss": 0, "pobj": 0, "nmod": 1, "compound": 1, "amod": 2}
# spaCy's DependencyMatcher tries every combination of tokens its descendant operators allow, so its cost
# grows with a high power of sentence length (a 400-token run-on took 25 s, 2,000 tokens hours). News
# sentences stay far below this; a longer "sentence" (a table, a list, text with no full stops) is not
# read for relations, and the build reports it.
MAX_SENTENCE_TOKENS = 150


def _acted_on(r: Reading, deps: tuple[str, ...]) -> bool:
    """The reading's object is the verb's own dependent of one of ``deps`` (not a preposition's)."""
    return r.object is not None and r.object.head.i == r.trigger.i and r.object.dep_ in deps


def _actor_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is a person or organisation, not a place ("fired James Comey"; not "fired
    on protesters", whose target is a preposition's)."""
    return _acted_on(r, ("dobj", "obj")) and any(rules.schema.coarse(m.cls) != "Location" for m, _ in objects)


def _control_of_actor(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is "control" of a person or organisation, not of a place ("took control of
    Twitter", "won control of the Senate": a firm bought, a house won; "took control of Goma" keeps its
    reading)."""
    of = r.object.head if r.object is not None else None
    return of is not None and of.lower_ == "of" and of.head.lemma_.lower() == "control" \
        and of.head.head == r.trigger and any(rules.schema.coarse(m.cls) != "Location" for m, _ in objects)


def _person_object(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object is a person ("joined Emmanuel Macron in Kyiv"; not "joined NATO") or a people
    named by its nationality ("two Britons joined the Germans")."""
    return any(rules.schema.coarse(m.cls) == "Person" or m.source == "demonym" for m, _ in objects)


def _place_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is a place, a country included ("the faction that controls Afghanistan",
    "the party that has governed Ghana"): territory held, not a party dealt with. A people named by its
    nationality ("expelled Palestinians") is no place."""
    return _acted_on(r, ("dobj", "obj")) and bool(objects) and all(
        rules.schema.coarse(m.cls) == "Location" and m.source != "demonym" for m, _ in objects)


def _proposal_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb acts on a proposal, plan or bill (lexicons/proposal_nouns.tsv): "killed the bill", "shot
    down X's proposal", "the deal was torpedoed by X"; the reading's object may be the proposal's owner
    ("welcomed Trump's invitation to Putin": Trump)."""
    if r.object is None:
        return False
    acted = [c for c in r.trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass")]  # "killed the bill"
    acted += [o for c in r.trigger.children if c.dep_ == "prep" and r.key.endswith(f" {c.lower_}")
              for o in c.children if o.dep_ == "pobj"]  # the frame's own preposition: "opposed to X's plan"
    return any(c.lemma_.lower() in rules.proposals and (c == r.object or r.object.head == c  # "the Nigerian plan"
                                                         or r.object in proposal_owners(c)) for c in acted)


def _prep_measure(word: str, kind: str) -> Callable[[Reading, list, Rules], bool]:
    def test(r: Reading, objects, rules: Rules) -> bool:
        """The verb's ``word`` phrase names a measure of ``kind`` (lexicons/measure_nouns.tsv): "hit X with
        tariffs", "called for sanctions against X"."""
        return any(prep.dep_ == "prep" and prep.lower_ == word and o.dep_ == "pobj"
                   and rules.measures.get(o.lemma_.lower()) == kind
                   for prep in r.trigger.children for o in prep.children)
    return test


def _sanction_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is a penalty or restriction (lexicons/measure_nouns.tsv, kind sanction):
    "slapped tariffs on Y", "imposed duties on Y", "levied fines on Y"."""
    return any(c.dep_ in ("dobj", "obj") and rules.measures.get(c.lemma_.lower()) == "sanction"
               for c in r.trigger.children)


_with_sanction = _prep_measure("with", "sanction")


def _penalty(r: Reading, rules: Rules) -> bool:
    """Whether the reading's act is a penalty one actor imposes on another (lexicons/measure_nouns.tsv,
    kind "sanction"): the trigger itself ("sanctions on Moscow") or its verb's object or "with" ("imposed
    tariffs on Beijing", "hit Beijing with tariffs", "lifted the embargo on Havana"; the sense tests
    sanction-object and with-sanction). Its target is an actor: a capital there is its state, where a
    blockade or a curfew falls on the city itself."""
    if r.trigger.pos_ == "NOUN":
        return rules.measures.get(r.trigger.lemma_.lower()) == "sanction"
    return r.trigger.pos_ == "VERB" and (_sanction_object(r, [], rules) or _with_sanction(r, [], rules))


def _object_to(r: Reading, objects, rules: Rules) -> bool:
    """The verb hands a direct object to someone: "returned the artefacts to Nigeria", "the artefacts were
    returned to Nigeria by Britain" (not "returned to Nigeria", nor "returned fire")."""
    things = [c for c in r.trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return bool(things) and any(c.dep_ in ("prep", "dative") and c.lower_ == "to"  # the parser puts "to" on
                                for head in (r.trigger, *things) for c in head.children)  # either


# words after a direct object that send it somewhere: "pushed X out of Y", "pushed X back from Y"
_PATH_WORDS = PATH_WORDS | {"from"}


def _moved_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb moves its direct object along a path ("pushed the bill back to parliament", "pushed the
    troops back from Y"), not toward an act ("pushed Somalia to hold elections", a demand); a reading as
    force is that move itself (the dictionary's PUSH * (OUT), an expulsion: "pushed ISIS out of Mosul")."""
    if category(r, rules.schema.plover) in TAKING_CATEGORIES:
        return False
    things = [c for c in r.trigger.children if c.dep_ in ("dobj", "obj")]
    return bool(things) and any(c.i > things[0].i and c.dep_ in ("prt", "advmod", "prep") and c.lower_ in _PATH_WORDS
                                for c in r.trigger.children)


def _contest(r: Reading, objects, rules: Rules) -> bool:
    """A contest noun is in the verb's phrase ("beat Brazil in the semi-final", "in the World Cup")."""
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in rules.contests for t in r.trigger.subtree)


def _verbal_modifier(r: Reading, objects, rules: Rules) -> bool:
    """A modifier makes the act one of speech (lexicons/verbal_modifiers.tsv): "launched a scathing attack on
    X", "verbally attacked X"."""
    heads = [r.trigger, *(c for c in r.trigger.children if c.dep_ in ("dobj", "obj"))]  # "launched a scathing
    return any(c.dep_ in ("amod", "advmod") and c.lemma_.lower() in rules.verbal_modifiers  # attack": the noun's
               for head in heads for c in head.children)


def _test_firing(r: Reading, objects, rules: Rules) -> bool:
    """The verb is hyphened to "test" before it ("test-fired a missile", "test-launched a rocket"): a
    weapon tried out."""
    doc = r.trigger.doc
    return r.trigger.i >= 2 and doc[r.trigger.i - 1].text == "-" and doc[r.trigger.i - 2].lower_ == "test"


def _water_target(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object names a body of water (lexicons/place_words.tsv, water, the word the name
    stands on): "fired a missile into the Sea of Japan"."""
    return r.object is not None and r.object.lower_ in rules.place_words.waters


def _object_noun_in(r: Reading, words, deps: tuple[str, ...] = ("dobj", "obj")) -> bool:
    """The verb's direct object (or another of its ``deps``) is a common noun whose lemma is one of
    ``words`` (whatever the reading's object is: the frame may have found its target elsewhere)."""
    return any(c.dep_ in deps and c.pos_ == "NOUN" and c.lemma_.lower() in words for c in r.trigger.children)


def _intangible_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object, or its passive subject, is something intangible an actor has
    (lexicons/intangible_nouns.tsv): "damaged Togo's diplomatic efforts", "Kenya's economy was hurt by Y"
    assault no one."""
    return _object_noun_in(r, rules.intangibles, ("dobj", "obj", "nsubjpass"))


def _affliction_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is an ill a place suffers (lexicons/affliction_nouns.tsv): "fought the
    cholera epidemic in Yemen", "combat poverty in Malawi" assault neither the ill nor the place."""
    return _object_noun_in(r, rules.afflictions)


def _made_object(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object is the verb's direct object, which a verb of making makes
    (lexicons/creation_verbs.tsv): "the government established the Volta Research Institute" cooperates
    with no institute; "established ties with Somalia" keeps its reading, whose object is in a phrase, and
    a verb with a particle that makes it another verb ("set the hostages free") keeps its own."""
    verb = phrasal(r.trigger)
    return r.object is not None and r.object.dep_ in ("dobj", "obj") and r.object.head.i == r.trigger.i \
        and (verb == r.trigger.lemma_.lower() or verb in rules.creation_verbs)


def _custody_object(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object is a place people are held in (lexicons/custody_nouns.tsv): "served five years
    in prison" is a sentence served, no membership of the prison."""
    return r.object is not None and r.object.pos_ == "NOUN" and r.object.lemma_.lower() in rules.custody


def _verbal_act_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is an act done by saying it (lexicons/verbal_act_nouns.tsv): "offered his
    condolences to X" is no offer to X; the noun's own reading says what was done."""
    return _object_noun_in(r, rules.verbal_acts)


def _credit_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is its noun of authorship (lexicons/credit_claims.tsv): "took responsibility
    for the attack on Y" seizes nothing; the act in its "for" phrase is read as the subject's own."""
    return credit_object(r.trigger, rules.credits) is not None


def _event_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is an event noun (frames/nominalizations.tsv): "welcomed the withdrawal of
    Y's troops" greets an act, it meets no one; so is an act thought of ("welcomed the prospect of talks
    with Y": lexicons/prospect_nouns.tsv)."""
    for c in r.trigger.children:
        if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN":
            if c.lemma_.lower() in rules.prospects:
                c = of_noun(c) or c
            if c.lemma_.lower() in rules.frames.nominals:
                return True
    return False


def _at_phrase(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object is named by an "at" phrase of the verb: where the act is done ("studied at
    Oxford University", "trained at West Point"), or what it is aimed at ("directed its anger at the UN"),
    not what the verb's own reading is done to ("studied the proposal" examines it, "directed the
    ministry" manages it)."""
    return r.object is not None and r.object.dep_ == "pobj" and r.object.head.lower_ == "at" \
        and r.object.head.head == r.trigger


def _place_target(r: Reading, objects, rules: Rules) -> bool:
    """The reading's object is a place, a country included, wherever it stands ("served in Iraq", "worked in
    Kenya"): somewhere the subject was, not a body it belongs to ("served in Congress")."""
    return bool(objects) and all(rules.schema.coarse(m.cls) == "Location" for m, _ in objects)


def _object_infinitive(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is told what to do by an infinitive after it ("told the US to stop
    interfering", not "told reporters about the deal")."""
    return _acted_on(r, ("dobj", "obj")) and any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > r.object.i and clause_mark(c) == "to" for c in r.trigger.children)


# PLOVER categories of what a protest is held for that name whom it is against: "marched to demand X's
# resignation", "rallied to denounce X", "staged a sit-in to reject X's plan"
_PURPOSES = frozenset({"REQUEST", "ACCUSE", "REJECT", "PROTEST", "THREATEN"})
_PURPOSE_DEPS = ("advcl", "xcomp")
MOBILIZE = "mobilize"  # kg's word for moving forces against an adversary (PLOVER MOBILIZE)


def protest_purposes(found: list[Reading], named, plover: dict[str, str]) -> Iterator[Reading]:
    """A protest against whom its purpose clause addresses, where the protest names no actor of its own
    ("students marched in Dhaka to demand the resignation of X", "staged a protest in Nairobi to demand
    payment from X", "protested outside the embassy, denouncing X"): the clause's own reading, by the same
    protesters, has the target (PLOVER codes the protest against it). ``plover``: each word's category."""
    protests = [r for r in found if category(r, plover) == "PROTEST" and (r.object is None or not named.actor(r.object))]
    for protest in protests:
        holders = {protest.trigger.i}
        if protest.trigger.dep_ in ("dobj", "obj"):  # "staged a protest … to demand": the light verb's clause
            holders.add(protest.trigger.head.i)
        for r in found:
            clause = r.trigger
            if r.object is None or category(r, plover) not in _PURPOSES or r is protest or r.subject.i != protest.subject.i:
                continue
            if clause.dep_ not in _PURPOSE_DEPS or clause.head.i not in holders or clause.i < protest.trigger.i:
                continue
            if clause.tag_ != "VBG" and clause_mark(clause) != "to":
                continue  # a purpose: "to demand", "demanding"; not "after X said"
            yield replace(protest, rule=f"purpose:{protest.rule}", object=r.object)


def _stoppage(r: Reading, objects, rules: Rules) -> bool:
    """The noun of war and work the reading stands on names a work stoppage (lexicons/stoppage_cues.tsv):
    "nurses staged a strike", "workers launched an indefinite strike against Y", "went on strike", not
    "launched a strike on Y". Only a reading that takes it for an assault, a verbal attack or a meeting
    ("called a strike against Y" is no phone call; "walked out over wages at Y" no criticism of Y,
    the dictionary's ATTACK block) turns; "called off the strike" keeps its own."""
    if category(r, rules.schema.plover) not in ("ASSAULT", "ACCUSE", "CONSULT"):
        return False
    cues = rules.stoppages
    on = [o for c in r.trigger.children if c.dep_ == "prep" and c.lower_ == "on" for o in c.children if o.dep_ == "pobj"]
    for noun in (r.trigger, *(c for c in r.trigger.children if c.dep_ in ("dobj", "obj")), *on):
        if noun.pos_ != "NOUN" or cues.get(noun.lemma_.lower()) != "noun":
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ == "on":
            return True  # "went on strike"
        if any(c.dep_ in ("amod", "compound", "nmod", "poss") and cues.get(c.lemma_.lower()) in ("modifier", "striker")
               for c in noun.children):
            return True  # "a general strike", "a teachers' strike"
        verb = noun.head if noun.dep_ in ("dobj", "obj") else None
        if verb is not None and (cues.get(verb.lemma_.lower()) == "verb" or any(
                s.dep_ in ("nsubj", "nsubjpass") and cues.get(s.lemma_.lower()) == "striker" for s in verb.children)):
            return True  # "staged a strike", "workers launched a strike"
    return False


def _unit(tok: Token, rules: Rules) -> bool:
    """Whether a noun names an armed unit or its people (lexicons/unit_nouns.tsv): "peacekeepers",
    "reservists", "a contingent of troops"."""
    return any(n.lemma_.lower() in rules.units for n in with_of_objects(tok))


def _unit_subject(r: Reading, objects, rules: Rules) -> bool:
    """The reading's subject is an armed unit or its people: "Kenyan peacekeepers arrived in Haiti", "a
    contingent of troops returned to Y" move troops, they visit no one."""
    return _unit(r.subject, rules)


_PLACE_TYPES = frozenset({"GPE", "LOC"})  # the tagger's labels of places


def _place_subject(r: Reading, objects, rules: Rules) -> bool:
    """The reading's subject is a place (a country, city or region as the tagger names it): "Turkey has a
    military base in Qatar", "Russia's naval base in Tartus" keep forces there; Turkey is not in Qatar."""
    return r.subject is not None and r.subject.ent_type_ in _PLACE_TYPES


def _unit_leaving(r: Reading, objects, rules: Rules) -> bool:
    """An armed unit leaves the place that is the verb's direct object: "French troops began leaving Niger",
    "the last US soldiers left Afghanistan" withdraw from it ("troops left for Mali" go there instead;
    "leaving 100 troops behind" leaves no place)."""
    return _unit(r.subject, rules) and _place_object(r, objects, rules)


def _refugee_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is a people driven from its homes (lexicons/displaced_nouns.tsv): "hosts 3.5
    million Syrian refugees", "received thousands of refugees from Sudan" give them refuge."""
    return _acted_on(r, ("dobj", "obj")) and any(t.lemma_.lower() in rules.displaced for t in with_of_objects(r.object))


def _peacekeeper_subject(r: Reading, objects, rules: Rules) -> bool:
    """The reading's subject is a peacekeeping unit: "peacekeepers", "UN peacekeeping troops", "a contingent
    of peacekeepers" arriving in Y keep the peace there."""
    return peacekeeping(r.subject, rules)


def _peacekeeper_object(r: Reading, objects, rules: Rules) -> bool:
    """The verb's direct object is a peacekeeping unit, or the verb sends its force on, for, under or as
    (part of) a peacekeeping mission: "sent peacekeepers to Lebanon", "deployed 800 UN peacekeepers to Y",
    "sent troops to Y on a peacekeeping mission", "dispatched soldiers to Y as part of a peacekeeping force"
    keep the peace there (CAMEO reads sending a force as an intent, 0334, or a mobilisation)."""
    return any(c.dep_ in ("dobj", "obj") and peacekeeping(c, rules)
               or c.dep_ == "prep" and c.lower_ in _MISSION_PREPOSITIONS
               and any(o.dep_ == "pobj" and peacekeeping(o, rules) for o in c.children)
               for c in r.trigger.children)


# the prepositions by which a verb of sending names the mission its force goes on: "on a peacekeeping
# mission", "for the UN peacekeeping operation", "under a peacekeeping mandate", "as peacekeepers"
_MISSION_PREPOSITIONS = frozenset({"on", "for", "under", "as"})


# PLOVER categories of a reading whose object may be a peacekeeping force that serves in a country: "sent
# troops to the UN peacekeeping force in South Sudan", "contributed troops to the AU peacekeeping mission in
# Somalia", "joined the peacekeeping operation in Mali" (and "deployed troops to…", read as moving forces)
_CONTRIBUTIONS = frozenset({"AID", "COOPERATE", "SUPPORT", "MOBILIZE"})
PEACEKEEPING_AID = ("aid", "074")  # the word and CAMEO code of keeping the peace: "provide military protection
# or peacekeeping" (PLOVER AID)


def peacekeeping_host(r: Reading, rules: Rules) -> Token | None:
    """The country a peacekeeping force or mission that ``r`` gives to or joins serves in, its "in"
    ("contributed troops to the AU peacekeeping mission in Somalia": Somalia, which the troops keep the
    peace in, as PLOVER codes it; the AU only runs the mission). None when the reading is no contribution
    or its object no peacekeeping unit with a place."""
    if r.object is None or category(r, rules.schema.plover) not in _CONTRIBUTIONS or not peacekeeping(r.object, rules):
        return None
    return serving_in(r.object)


# frames/senses.tsv's tests, by name (kg.rules.frames.SENSE_TESTS lists the names the table may use)
SENSES: dict[str, Callable[[Reading, list, Rules], bool]] = {
    "actor-object": _actor_object, "control-of-actor": _control_of_actor, "person-object": _person_object,
    "place-object": _place_object,
    "proposal-object": _proposal_object,
    "with-sanction": _with_sanction, "with-claim": _prep_measure("with", "claim"),
    "for-sanction": _prep_measure("for", "sanction"), "sanction-object": _sanction_object,
    "object-to": _object_to, "moved-object": _moved_object,
    "contest": _contest, "verbal-modifier": _verbal_modifier, "place-target": _place_target,
    "verbal-act-object": _verbal_act_object, "event-object": _event_object,
    "object-infinitive": _object_infinitive, "stoppage": _stoppage,
    "unit-subject": _unit_subject, "peacekeeper-subject": _peacekeeper_subject,
    "peacekeeper-object": _peacekeeper_object, "made-object": _made_object,
    "custody-object": _custody_object, "test-firing": _test_firing,
    "water-target": _water_target, "credit-object": _credit_object, "unit-leaving": _unit_leaving,
    "refugee-object": _refugee_object, "place-subject": _place_subject,
    "intangible-object": _intangible_object, "affliction-object": _affliction_object, "at-phrase": _at_phrase}
assert set(SENSES) == set(SENSE_TESTS), "kg.rules.frames.SENSE_TESTS and SENSES name the same tests"


def _asked_of(r: Reading, index: MentionIndex) -> Reading | None:
    """A request aimed at whom it is asked of, or None: "called for Israel's destruction", "urged the arrest
    of X", "demanded the release of X" ask nothing of whom the act is done to (an event noun whose "of"
    names its patient) but of whoever would do it, when named ("the release of X by Y", "of X held by Y");
    "demanded a halt to Russian attacks on Ukraine" asks it of Russia, the doer of what is to end, not of
    Ukraine."""
    rules = index.rules
    for noun, done_to, doers in concessions(r.trigger, rules):  # "called for the release of X by Y" asks Y
        if r.object.i == noun.i or r.object.i in done_to:
            doer = next((d for d in doers if resolve_argument(d, index, True) is not None), None)
            return replace(r, object=doer) if doer is not None else None
    if r.object.pos_ == "NOUN" and index.at(r.object) is None and r.object.lemma_.lower() in rules.frames.acts:
        return None
    ended = _asked_end(r.trigger, rules)
    if ended is None or r.object.i not in {t.i for t in ended.subtree}:
        return r
    doer = _ended_act_doer(ended, index)
    return replace(r, object=doer) if doer is not None else None


def _ended_against(tok: Token, trigger: Token, rules: Rules) -> bool:
    """Whether the act "against" ``tok`` is one a verb other than ``trigger`` ends ("agreed to lift
    sanctions against Y", "offered to end its blockade against Y": lexicons/modality.tsv, verbs that end
    what they govern): ending it is done for Y, who is then a party to what is agreed or offered, not an
    adversary. The ending verb's own reading is not one ("ease" is CAMEO's FACILITATE)."""
    while tok.dep_ == "conj":
        tok = tok.head
    act = tok.head.head
    return act.dep_ == "dobj" and act.head.i != trigger.i \
        and rules.modality["governor"].get(act.head.lemma_.lower()) == "negative"


def _asked_end(verb: Token, rules: Rules) -> Token | None:
    """The noun of an end, halt or stop that ``verb`` asks for ("demanded an end to…", "called for a halt
    to…"): a noun whose verb ends what it governs (lexicons/modality.tsv), or None."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
    return next((n for n in nouns if n.pos_ == "NOUN" and rules.modality["governor"].get(n.lemma_.lower()) == "negative"),
                None)


def _ended_act_doer(noun: Token, index: MentionIndex) -> Token | None:
    """Who does the act an end, halt or stop of is asked for: "an end to Israel's strikes", "a halt to
    Russian attacks", "an end to attacks by the RSF" (its owners, roles.noun_owners); None when no name."""
    act = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ == "to"
                for o in p.children if o.dep_ == "pobj"), None)
    return next((o for o in noun_owners(act) if index.at(o) is not None), None) if act is not None else None


_INTENT_CHAIN = ("xcomp", "dobj", "acl", "conj", "acomp", "aux")  # from an act up to the words of its intent


def _intent_path(trigger: Token) -> list[Token]:
    """The act's word and the words above it that say its intent ("will", "plans to", "is ready to", "no
    plans to"), up to the first that holds it some other way: the clause's head, a reported clause."""
    path = [trigger]
    for _ in range(5):
        if path[-1].dep_ not in _INTENT_CHAIN or path[-1].head is path[-1]:
            break
        if path[-1].dep_ == "acl" and clause_mark(path[-1]) == "that":
            break  # "no sign that Hamas will release Y": the noun's content clause, not its intent
        path.append(path[-1].head)
    return path


def _stated_by_its_actor(trigger: Token, sayings: frozenset[str]) -> bool:
    """Whether an intended act is said as its actor's own: its clause stands alone or is what a verb or noun
    of saying reports (lexicons/modality.tsv, report and speech: "Iran said it would release Y", "warned
    that it would strike Y", "threats that he would…"), not the content of a verb of expecting, fearing or
    believing ("analysts expect Russia will attack Y") or of a noun of anything but saying ("there is no
    sign that Hamas will release Y"; "its pledge that it would release Y" is said)."""
    top = _intent_path(trigger)[-1]
    if top.dep_ != "ccomp" and not (top.dep_ == "acl" and clause_mark(top) == "that"):
        return True
    prt = next((c.lower_ for c in top.head.children if c.dep_ == "prt"), "")
    return f"{top.head.lemma_.lower()} {prt}".strip() in sayings


def _denied_here(trigger: Token) -> bool:
    """Whether the negation that makes an intended act negative is the act's own or its intent's: "will not
    meet Y", "does not plan to visit Y", "is not ready to send", "has no plans to attack Y"; not a negation
    of a verb that reports it ("did not say it would meet Y") or of another clause."""
    return any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no"
               for tok in _intent_path(trigger) for c in tok.children)


def _people_of_place(tok: Token, trigger: Token, index: MentionIndex) -> Token | None:
    """The place an unnamed people the act reaches is in ("aid to flood victims in Malawi", "assistance to
    thousands of people displaced by floods in Bangladesh", "aid for those hit by the quake in Nepal"): the name
    of the first place after "in" in the noun's phrase, outside any clause of its own, else in the act's
    own phrase ("sent aid to victims in Fiji" with "in Fiji" hung on the verb); None for a named recipient
    or none."""
    found = resolve_argument(tok, index, True)
    if found is not None and found[0].cls != "LocalGroup" or tok.pos_ not in ("NOUN", "PRON"):
        return None

    def place(t: Token) -> bool:
        m = index.at(t) if t.dep_ == "pobj" else None
        return m is not None and index.rules.schema.coarse(m.cls) == "Location"

    for t in tok.subtree:
        if t.head.lower_ != "in" or not place(t):
            continue
        path, up = [], t
        while up.i != tok.i and up.head.i != up.i:
            path.append(up.dep_)
            up = up.head
        if up.i == tok.i and not any(dep in ("relcl", "ccomp", "advcl", "conj") for dep in path):
            return t
    return next((t for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ == "in"
                 for t in prep.children if place(t)), None)


class RelationExtractor:
    """Matches every relation pattern once per document; build it once per pipeline."""

    def __init__(self, nlp: Language, rules: Rules):
        self.rules = rules
        self.patterns = {p.id: p for p in rules.patterns}
        self.matcher = SharedNodeDependencyMatcher(nlp.vocab, validate=True)
        self.predicates = rules.triggers
        self.titles = rules.titles
        for pat in self.patterns.values():
            self.matcher.add(pat.id, [self._narrowed(pat)])
        self.schema = rules.schema
        # auxiliaries of obligation ("must", "should": modality.tsv's "intended" ones), which cancel an intent cue
        self.obligations = frozenset(cue for cue, effect in rules.modality["aux"].items() if effect == "intended")
        self.sayings = frozenset(rules.modality["report"]) | frozenset(rules.modality["speech"])  # "said it would"
        # head lemmas the argument layer looks at: kg's frame keys and the CAMEO verbs and event nouns
        firsts = {key.split()[0] for key in self.predicates}
        self.verbs = frozenset(firsts | {lemma for lemma, _ in rules.frames.by_verb}
                               | {w for kind in ("verb", "onto", "off") for w in rules.designations[kind]}
                               | {w.split()[0] for words in (rules.severances, rules.buildups) for w in words["verb"]}
                               | rules.buildups["setting"]
                               | {w for w, kind in rules.entitlements.items() if kind in ("verb", "strip")})
        self.nouns = frozenset(firsts | set(rules.frames.nominals))
        self.of_roles = {n.noun: n.of for n in rules.frames.nominals.values()}
        self.complement_words = frozenset(verb for verb, _ in rules.frames.complements)
        reporting = frozenset(cue for cue in rules.modality["report"] if " " not in cue)  # "according to": no verb
        self.controls = Controls(rules.object_control, reporting, rules.speech_verbs, rules.perception_verbs,
                                 frozenset(rules.modality["noun"]), rules.charges, rules.giving_verbs,
                                 rules.removal_verbs, rules.rejecting_verbs, rules.receiving_verbs,
                                 rules.command_verbs, rules.call_purposes, rules.efforts,
                                 rules.permissions, rules.credits, rules.errands,
                                 rules.harm_words)

    def extract(self, text: str, sdoc: Doc, index: MentionIndex, published: str = "") -> list[Relation]:
        """Relations of one parsed document whose mentions are in ``index`` (title holders are retyped).
        ``published`` (YYYY-MM-DD) is what relative dates ("on Tuesday") count from."""
        matches = []
        for match_id, token_ids in self._match(sdoc):
            pat = self.patterns[sdoc.vocab.strings[match_id]]
            roles = {node["RIGHT_ID"]: sdoc[i] for node, i in zip(pat.pattern, token_ids)}
            if any(self._has(roles[node], deps) for node, deps in pat.without.items()):
                continue
            matches.append((pat.lexicon != "titles", pat.id, token_ids, pat, roles))
        matches.sort(key=lambda m: (m[0], m[1], m[2]))  # titles first: they fix the holder's class
        out: dict[tuple, Relation] = {}

        def keep(rel: Relation) -> None:
            key = (rel.subject.start, rel.predicate, rel.object.start)
            if key not in out or _rank(out[key]) < _rank(rel):
                out[key] = rel

        for _, _, _, pat, roles in matches:
            for rel in self._relations(text, pat, roles, index, published):
                keep(rel)
        filed = dateline_end(text)  # "MANILA --": the dateline is no argument of what follows it
        tokens = list(sdoc)  # made once for the whole document
        for sent in sdoc.sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue
            for rel in constructions.relations(text, sent, index, published):
                keep(rel)
            named = _Named(index)
            read_with_verb: set[int] = set()  # event nouns a light verb's reading already read ("held talks with")
            predications = sentence_predications(sent, self.verbs, self.nouns, self.verbs, self.of_roles,
                                                 self.complement_words, self.controls,
                                                 self.rules.charges, tokens[sent.start:sent.end])
            sentence_readings: list[Reading] = []
            for p in sorted(predications, key=lambda p: p.kind != "verb"):
                if p.kind == "noun" and p.head.i in read_with_verb:
                    continue
                found = list(readings(p, self.rules, named))
                if p.how == HARM_MODIFIER:  # "killed in a Taliban ambush", not "in the Charlie Hebdo attack"
                    found = [r for r in found if is_harm_doer(next(iter(
                        resolve_argument(r.subject, index, False) or ()), None), self.rules)]
                sentence_readings += found
                noun = p.object_noun
                if noun is not None and any(noun.lemma_.lower() in r.key.split() and "between" not in r.key
                                            for r in found):
                    read_with_verb.add(noun.i)  # "held talks with Y": the noun's own reading would repeat it
                for reading in found:
                    if reading.object is None or reading.subject.idx < filed or reading.object.idx < filed:
                        continue
                    reading = with_result(reading, self.rules)
                    for rel in self._read(text, reading, index, published):
                        keep(rel)
            for reading in protest_purposes(sentence_readings, named, self.schema.plover):
                for rel in self._read(text, reading, index, published):
                    keep(rel)
        index.prune({(m.start, m.end) for rel in out.values() for m in (rel.subject, rel.object)})
        return [out[k] for k in sorted(out)]

    def _read(self, text: str, r: Reading, index: MentionIndex, published: str,
              phrased: bool = False) -> Iterator[Relation]:
        """The relations of one reading of the argument layer: its argument tokens as mentions (a common
        noun naming a kind of actor, "police", becomes an unnamed group of the document), how the sentence
        holds it, its date, and the ontology's domain and range."""
        host = peacekeeping_host(r, self.rules)
        if host is not None:  # "sent troops to the UN peacekeeping force in South Sudan" aids South Sudan
            word, code = PEACEKEEPING_AID
            r = replace(r, predicate=word, object=host, plover=self.schema.plover.get(word, ""), mode="", cameo=code)
        people = _people_of_place(r.object, r.trigger, index) if category(r, self.schema.plover) in PLACE_RECIPIENTS else None
        if people is not None:  # "aid to flood victims in Malawi" reaches Malawi
            r = replace(r, object=people)
        if category(r, self.schema.plover) == "REQUEST":
            r = _asked_of(r, index)
            if r is None:
                return
        for tok, as_object in ((r.subject, False), (r.object, True)):
            for t in conjuncts(tok):
                if resolve_argument(t, index, as_object) is None:
                    local_group(index, counted(t, index))
                else:
                    self._actor_slot(t, index, self.schema.range if as_object else self.schema.domain, r.predicate)
        subjects = list(arguments(r.subject, index, False))
        objects = list(arguments(r.object, index, True))
        if not subjects or not objects:
            return
        # "fired James Comey", "beat Brazil in the semi-final", "forced out 500 refugees" (frames/senses.tsv); a
        # dictionary pattern naming the verb's phrase is a sense of its own ("joined Y for talks")
        sense = None if phrased else self._sense(r, objects)
        if sense is not None and (sense.word != r.predicate or sense.code):
            if not sense.word and r.fallback is not None:  # the phrase pattern stands where the sense voids
                yield from self._read(text, r.fallback, index, published, phrased=True)
            if not sense.word:
                return
            # the frame's codes were its own: the sense's code, if it names one, gives them
            r = replace(r, predicate=sense.word, plover=sense.plover, mode=sense.mode, cameo=sense.code)
        if category(r, self.schema.plover) in PARTNERING and adversary(r.object) \
                and not _ended_against(r.object, r.trigger, self.rules):
            if not self._moves_forces(r):
                return  # "joined the coalition against Y": Y is no partner
            # "sent troops for the campaign against Y": forces moved against an adversary mobilise against it
            r = replace(r, predicate=MOBILIZE, plover="", mode="", cameo="")
        elif r.predicate == MOBILIZE and _unit(r.object, self.rules) and not adversary(r.object):
            return  # "Ethiopia called up reservists": the forces moved are not whom they are moved against
        sentence, start, end = sentence_of(text, r.trigger)
        plover = category(r, self.schema.plover)
        evidence, source = assess(r.trigger, index, Evidence(
            index.doc_id, sentence, start, end, r.rule, r.key, self.rules.confidence(r.rule),
            plover=plover, plover_mode=r.mode, cameo=r.cameo))
        evidence = self._attempted(r.predicate, evidence)
        dated = when(r.trigger, published, future=evidence.modality in ("future", "intended"),
                     hedges=self.rules.date_hedges)
        if dated:
            evidence = replace(evidence, when=dated.text, date_start=dated.start, date_end=dated.end)
        place = event_place(r.trigger, index, r.object)  # "met in Cairo": the event model's place
        if place is not None:
            evidence = replace(evidence, place=place.text, place_start=place.start, place_end=place.end)
        received = people is not None or r.object.dep_ == "dative" \
            or r.object.dep_ == "pobj" and r.object.head.lower_ in ("to", "into")
        intent = self._intent(r.trigger, evidence)
        if intent and intent == r.predicate:  # "X said it would seek peace with Y": stating the intent to propose
            evidence, intent = self._stated(evidence, intent), ""  # is proposing (CAMEO 03), asserted now
        yield from self._typed(r.predicate, subjects, objects, evidence, source, received, self._addressed(r))
        how, failed = self._failure(r.trigger, evidence)
        if failed:  # "X and Y failed to reach an agreement", "X did not release Y": X rejects Y (frames/failures.tsv)
            yield from self._typed(failed, subjects, objects, self._asserted(evidence, how, failed), source)
        if intent:  # "X will meet Y": X states its intent (CAMEO 03, PLOVER AGREE)
            yield from self._typed(intent, subjects, objects, self._stated(evidence, intent), source)

    def _stated(self, evidence: Evidence, intent: str) -> Evidence:
        """``evidence`` restated for the asserted ``intent`` word its actor's stated intent asserts, undated (the
        date the sentence gives is the act's, not the statement's)."""
        return replace(self._asserted(evidence, "intent", intent), when="", date_start="", date_end="")

    def _attempted(self, word: str, evidence: Evidence) -> Evidence:
        """Trying to settle others' quarrel is mediating, whether or not it succeeds: a mediation held back
        only by words of trying (lexicons/settling_words.tsv, kind "attempt") is asserted ("tried to end the
        rift between X and Y", "launched a mediation effort to end the dispute between X and Y"); "will try
        to", "offered to" keep it unasserted."""
        if word != MEDIATE or evidence.modality != "intended" or evidence.polarity != "positive" or not all(
                self.rules.settling.get(cue) == "attempt" for cue in evidence.cue.split()):
            return evidence
        return replace(evidence, modality="asserted", cue="")

    def _moves_forces(self, r: Reading) -> bool:
        """The reading's verb has an armed unit as its object (lexicons/unit_nouns.tsv): "deployed soldiers
        in the fight against Y", "sent troops for the campaign against Y" (CAMEO reads sending troops as help)."""
        return any(o.dep_ in ("dobj", "obj") and _unit(o, self.rules) for o in r.trigger.children)

    def _actor_slot(self, tok, index: MentionIndex, ends: dict[str, str], word: str) -> None:
        """A name in a slot only an actor fills ("Chapman fatally shot Lennon": kill's range is kg:Actor)
        that the tagger called a place no gazetteer or place table knows is a person ("Lennon")."""
        m, end = index.at(tok), ends.get(word)
        if end is None or not self.schema.is_a(end, "Actor"):
            return
        if m is not None and m.cls == "Location" and not m.key and m.source == "ner" and tok.pos_ == "PROPN" \
                and self.rules.places.locate(m.name) is None:
            index.retype(tok, "Person")

    def _asserted(self, evidence: Evidence, how: str, word: str) -> Evidence:
        """``evidence`` restated for the asserted ``word`` a reading implies (an intent, a failure): its rule
        prefixed with ``how``, positive and asserted, coded with the word's PLOVER category."""
        rule = f"{how}:{evidence.rule}"
        return replace(evidence, rule=rule, confidence=self.rules.confidence(rule), polarity="positive",
                       modality="asserted", plover=self.schema.plover.get(word, ""), plover_mode="", cameo="")

    def _intent(self, trigger, evidence: Evidence) -> str:
        """The word an actor's stated intent to do what ``evidence`` reads asserts ("" for none): frames/intents.tsv.
        A conditional intent is one too: "X would strike Y if…" is X threatening Y."""
        intents = self.rules.frames.intents
        if evidence.modality not in ("future", "intended", "conditional") or not intent_cue(trigger, intents.cues,
                                                                                                self.obligations):
            return ""
        if evidence.polarity == "negative" and not _denied_here(trigger):
            return ""  # "X did not say it would meet Y": no intent is stated, none denied
        if not _stated_by_its_actor(trigger, self.sayings):
            return ""  # "analysts expect Russia will attack Y", "Kyiv fears Russia will attack": others' view
        return intents.word(evidence.plover, evidence.polarity == "negative")

    def _sense(self, r: Reading, objects) -> Coding | None:
        """What frames/senses.tsv says reading ``r``'s verb means in this sentence (a coding with no word:
        nothing), or None: the reading's own word."""
        for test, sense in self.rules.frames.senses.get(r.trigger.lemma_.lower(), ()):
            if SENSES[test](r, objects, self.rules):
                return sense
        return None

    def _failure(self, trigger, evidence: Evidence) -> tuple[str, str]:
        """How and which word a failed attempt at what ``evidence`` reads ("failure": "failed to reach an
        agreement"), or a refusal to do it ("refusal": "did not release Y"), asserts: frames/failures.tsv.
        ("", "") for none."""
        frames = self.rules.frames
        if evidence.polarity != "negative" or evidence.modality != "asserted" or not frames.failures:
            return "", ""
        verb, how = intent_cue(trigger, frames.failure_verbs), "failure"
        if not verb and trigger.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in trigger.children):
            verb, how = NEGATED, "refusal"  # "did not allow Y to land": the act's own verb negated
        word = frames.failures.get((verb, evidence.plover), "") if verb else ""
        return (how, word) if word else ("", "")

    def _addressed(self, r: Reading) -> bool:
        """Whether the object of reading ``r`` is whom its verb addresses: the object of a verbal act
        (lexicons/speech_verbs.tsv: "Pyongyang warned Seoul") or its "to" ("protested to Tokyo"), or whom a
        penalty falls on (:func:`_penalty`). One addressed is an actor: a capital there is its state, though the act's word admits places
        ("threatened to shell Haifa" threatens the city; "marched to Paris" goes there)."""
        obj, verb = r.object, r.trigger
        if _penalty(r, self.rules):
            return True
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.rules.speech_verbs:
            return False
        return obj.dep_ in ("dobj", "dative") and obj.head.i == verb.i \
            or obj.dep_ == "pobj" and obj.head.lower_ == "to" and obj.head.head.i == verb.i

    def _typed(self, predicate: str, subjects, objects, evidence: Evidence, source,
               received: bool = False, addressed: bool = False) -> Iterator[Relation]:
        """The relations ``predicate`` states between the subjects and objects the ontology admits; a place an
        act of PLACE_RECIPIENTS goes to (``received``: "sent aid to Gaza") stands for its state, and so
        does a capital ``addressed`` (:meth:`_addressed`)."""
        for subj, s_how in subjects:
            if s_how == "title" and MEMBERSHIP in self.schema.property_ancestors(predicate):
                continue  # "the former Twitter executive now works for Meta": the executive's tie, not Twitter's
            for obj, o_how in objects:
                if addressed:
                    obj = state_of(obj, self.rules) or obj
                if subj.name == obj.name or subj.start == obj.start:
                    continue
                if not self.schema.admits(predicate, subj.cls, obj.cls):
                    # "accused Beijing", "talks with Tehran": a capital where only an actor fits is its state
                    subj, obj = state_of(subj, self.rules) or subj, state_of(obj, self.rules) or obj
                    if received and evidence.plover in PLACE_RECIPIENTS:  # "sent aid to Gaza": to its people
                        obj = state_of(obj, self.rules, any_place=True) or obj
                    if not self.schema.admits(predicate, subj.cls, obj.cls):
                        continue
                if o_how in ("possessor", "modifier") and self.schema.range.get(predicate) == "Location":
                    continue  # "visited Qatar's proposal" is no visit to Qatar
                said = predicate
                if o_how == "possessor" and predicate == "leaderOf":  # "heads Google's cloud unit" leads a part
                    said = "memberOf"  # of Google: works for it ("leads the Sumud coalition" leads Sumud)
                yield Relation(subj, said, obj, evidence, source)

    def _match(self, sdoc: Doc) -> list[tuple[int, list[int]]]:
        sents = list(sdoc.sents)
        if all(len(s) <= MAX_SENTENCE_TOKENS for s in sents):
            return self.matcher(sdoc)  # one call for the document: cheaper than one per sentence
        out = []
        for s in sents:
            if len(s) <= MAX_SENTENCE_TOKENS:
                out += [(match_id, [s.start + i for i in ids]) for match_id, ids in self.matcher(s)]
        return out

    @staticmethod
    def long_sentences(sdoc: Doc) -> list[tuple[int, int, int]]:
        """(start char, end char, tokens) of each sentence too long to be read for relations."""
        return [(s.start_char, s.end_char, len(s)) for s in sdoc.sents if len(s) > MAX_SENTENCE_TOKENS]

    def _relations(self, text, pat, roles, index, published) -> Iterator[Relation]:
        triggers = [roles[name] for name in pat.trigger]
        subject_tok, object_tok = roles[pat.subject], roles[pat.object]
        former = False
        if pat.predicate:  # the construction itself says it: "Santa Clara, California"
            predicate, inverse = pat.predicate, False
            trigger_key = " ".join(t.lower_ for t in triggers)
        elif pat.lexicon == "titles":
            if not _strongest_owner(roles[pat.trigger[0]], object_tok, subject_tok, index):
                return
            (predicate, former), inverse = self._title_predicate(triggers[0]), False
            trigger_key = triggers[0].lemma_.lower()
        else:
            trigger_key = " ".join(t.lemma_.lower() for t in triggers)
            found = self.predicates.get(trigger_key)
            predicate, inverse = (found.predicate, found.inverse) if found else (None, False)
        if predicate is None:
            return
        if pat.symmetric_only and predicate not in self.schema.symmetric:
            return
        if inverse:  # "Hamas receives support from Iran": the object acts
            subject_tok, object_tok = object_tok, subject_tok
        if pat.lexicon == "titles" and predicate in ("leaderOf", "memberOf"):
            index.retype(roles[pat.subject], "Person")
            owner = index.at(object_tok)
            if owner is not None and owner.cls == "Location":  # "the CEO of Nvidia": no bare place has a chief
                index.retype(object_tok, "Organization")
        coordinated = pat.lexicon != "titles"  # a title binds one name, not its conjuncts
        subjects = list(arguments(subject_tok, index, inverse, coordinated))
        objects = list(arguments(object_tok, index, not inverse, coordinated))
        if not subjects or not objects:
            return
        sentence, start, end = sentence_of(text, triggers[0])
        evidence, source = assess(triggers[0], index, Evidence(
            index.doc_id, sentence, start, end, pat.id, trigger_key, self.rules.confidence(pat.id),
            plover=self.schema.plover.get(predicate, ""), former=former))
        dated = when(triggers[0], published, future=evidence.modality in ("future", "intended"),
                     hedges=self.rules.date_hedges)
        if dated:
            evidence = replace(evidence, when=dated.text, date_start=dated.start, date_end=dated.end)
        yield from self._typed(predicate, subjects, objects, evidence, source)



    def _narrowed(self, pat: RelationPattern) -> list[dict]:
        """The pattern with each trigger node limited to the lemmas its lexicon can use in that place,
        so the matcher does not try every noun and verb (same matches, a fraction of the work)."""
        if pat.predicate:
            allowed = {}
        elif pat.lexicon == "titles":
            allowed = {pat.trigger[0]: {k.split()[-1] for k in self.titles.predicate}}
        else:
            keys = [k.split() for k in self.predicates if len(k.split()) == len(pat.trigger)]
            allowed = {node: {k[i] for k in keys} for i, node in enumerate(pat.trigger)}
        nodes = []
        for node in pat.pattern:
            node = dict(node)
            lemmas = allowed.get(node["RIGHT_ID"])
            if lemmas is not None:
                variants = sorted(lemmas | {w.capitalize() for w in lemmas} | {w.upper() for w in lemmas})
                node["RIGHT_ATTRS"] = {**node["RIGHT_ATTRS"], "LEMMA": {"IN": variants}}
            nodes.append(node)
        return nodes

    def _has(self, tok: Token, deps: tuple[str, ...]) -> bool:
        """True when ``tok`` has a child of one of ``deps``; "prep_trigger" stands for a preposition that
        makes a trigger with ``tok`` ("clashed with" has its own object, so no coordinated-subject edge)."""
        for c in tok.children:
            if c.dep_ in deps or ("prep_trigger" in deps and c.dep_ == "prep"
                                  and f"{tok.lemma_.lower()} {c.lower_}" in self.predicates):
                return True
        return False

    def _title_predicate(self, title: Token) -> tuple[str | None, bool]:
        """The word a title before a name gives, and whether the role is a former one ("former Prime
        Minister X" led until some time past)."""
        mods = [c for c in title.lefts if c.dep_ in ("compound", "amod")]
        holder = title.head if title.dep_ in ("compound", "appos", "nmod") else None
        former = any(m.lower_ in self.titles.former for m in mods) or (holder is not None and any(
            c.dep_ == "amod" and c.lower_ in self.titles.former for c in holder.children))
        words = [m.lemma_.lower() for m in mods] + [title.lemma_.lower()]
        predicate = longest_suffix(words, self.titles.predicate)
        if predicate == "leaderOf" and any(w in self.titles.demoting for w in words):
            return "memberOf", former
        return predicate, former


def _strongest_owner(title: Token, owner: Token, holder: Token, index: MentionIndex) -> bool:
    """False when the title has a named owner of higher rank than ``owner`` ("IS's Egyptian affiliate")."""
    rank = _OWNER_RANK.get(owner.dep_, 1)
    others = [c for c in title.children if c.dep_ in _OWNER_RANK and c not in (owner, holder)]
    for prep in title.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            others.extend(c for c in prep.children if c.dep_ == "pobj" and c not in (owner, holder))
    if owner.dep_ == "amod":
        # "Haitian gang leader X" leads a Haitian gang, not Haiti: a common noun before the title that
        # does not make a longer title ("prime minister") is what the person leads.
        titles = index.rules.titles.predicate
        for c in title.lefts:
            if c.dep_ == "compound" and c.is_lower and index.at(c) is None \
                    and f"{c.lemma_.lower()} {title.lemma_.lower()}" not in titles:
                return False
    return all(_OWNER_RANK[c.dep_] >= rank for c in others if index.at(c) is not None)


class _Named:
    """Whether a token stands for a mention of the document (memoised per token); ``direct``: whether it
    is a mention's own word."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.seen: dict[int, bool] = {}

    def direct(self, tok) -> bool:
        return self.index.at(tok) is not None

    def resolves(self, tok) -> bool:
        """Stands for a mention already found (no unnamed group made for it)."""
        return tok.ent_type_ not in ("DATE", "TIME") and resolve_argument(tok, self.index, True) is not None

    def actor(self, tok) -> bool:
        """Stands for a mention already found that is an actor (a country is; a city or region is not)."""
        found = resolve_argument(tok, self.index, True) if tok.ent_type_ not in ("DATE", "TIME") else None
        return found is not None and self.index.rules.schema.is_a(found[0].cls, "Actor")

    def country(self, tok) -> bool:
        m = self.index.at(tok)
        return m is not None and self.index.rules.schema.is_a(m.cls, "Country")

    def __call__(self, tok) -> bool:
        if tok.i not in self.seen:
            self.seen[tok.i] = tok.ent_type_ not in ("DATE", "TIME") and (
                resolve_argument(tok, self.index, True) is not None
                or local_group(self.index, counted(tok, self.index)) is not None)
        return self.seen[tok.i]


def _rank(rel: Relation) -> tuple:
    """Which of two readings of one edge to keep: a plain assertion, then the more reliable rule."""
    return (rel.evidence.asserted, rel.evidence.confidence)

