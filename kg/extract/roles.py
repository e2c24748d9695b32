"""The argument layer: for a predicate word (a verb, an event noun, an "X-backed" participle), its
arguments by a small set of general syntactic rules, the same for every predicate.

- agent: the subject of an active verb, the by-phrase of a passive, the possessor, "by" phrase or a
  name/nationality modifier of an event noun, the subject of the light verb an event noun is the object
  of ("launched an attack on"), and for a verb without a subject of its own: the first conjunct's subject
  ("X arrived and met Y"), the controller of an infinitive ("X agreed to meet Y": X; "X urged Y to
  attack": Y), the subject of the clause a participle hangs on ("…, killing three"), the noun a
  participle or relative clause modifies ("troops fighting the rebels", "the man who shot Y"), and the
  object or subject of the verb a gerund after a preposition depends on ("accused X of attacking Y",
  "was charged with killing Y");
- patient: the direct object, the subject of a passive, the noun a passive participle modifies ("the
  man killed by police"), the "of" phrase of a transitive event noun ("the killing of X");
- recipient: the indirect object ("gave Y a truce", "granted … to Y");
- obliques: every prepositional phrase of the predicate (and of its object noun), by preposition;
- complement: the clause a verb takes ("threatened to attack Y", "demanded that Y withdraw").

Each argument is a token; kg/extract/arguments.py turns it into the mentions it stands for (relative
pronouns, appositions, pronouns, coordination). Which argument becomes the subject and which the
object of an edge is the frame's business (kg/extract/frames.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

_VERBS = ("VERB", "AUX")
_NOUNS = ("NOUN", "PROPN")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Nouns for what an actor issues and that speak for it ("a report accusing Y", "a statement calling for")
SPEECH_NOUNS = frozenset({"report", "statement", "letter", "communique", "declaration", "resolution", "decree",
                          "message", "video", "post", "tweet", "petition", "appeal", "complaint", "lawsuit",
                          "motion", "bill", "order", "ruling", "verdict", "document"})
# Light verbs: their object noun is the event ("held talks", "carried out an attack", "issued a warning"),
# and verbs of planning, putting off or calling off one's own act, whose subject does the event noun they
# govern ("prepared an offensive on Y", "postponed a trip to Y", "cancelled a strike on Y"): how the act is
# held (intended, future, negative) is lexicons/modality.tsv's governor cue.
LIGHT_VERBS = frozenset({"hold", "carry", "launch", "conduct", "make", "pay", "stage", "mount", "give", "provide",
                         "deliver", "offer", "issue", "extend", "express", "lodge", "file", "impose", "level",
                         "begin", "start", "resume", "continue", "step", "intensify", "escalate", "announce",
                         "order", "lead", "take", "have", "engage", "wage", "open", "renew", "speed", "accelerate",
                         "hasten", "expedite", "voice", "register", "reiterate", "pledge", "lend", "declare",
                         "perform", "undertake", "tighten", "join", "claim", "send", "signal", "indicate", "promise", "vow",
                         "direct", "aim", "plan", "prepare", "consider", "postpone", "delay", "cancel", "scrap"})


# nouns of acting with a partner: "in cooperation with Y", "in coordination with Y" name a partner of the
# verb's act, never its target, and the verb's subject cooperates with Y
PARTNERSHIPS = frozenset({"cooperation", "coordination", "partnership", "collaboration", "conjunction", "concert",
                          "tandem", "cahoots", "league"})


@dataclass(frozen=True)
class Controls:
    """The verb lists that say who does what a verb without a subject of its own says: verbs whose object
    does their infinitive ("urged Y to attack": lexicons/object_control.tsv), and reporting verbs with the
    verbal acts that, conjoined to what such a verb reports, are the reporter's own ("said its forces shot
    down drones and accused Y": lexicons/modality.tsv, lexicons/speech_verbs.tsv), and verbs of seeing whose
    object does the participle after it (lexicons/perception_verbs.tsv)."""

    object_control: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    perception: frozenset[str] = frozenset()  # "showed Y shooting Z": Y shoots (lexicons/perception_verbs.tsv)
    # nouns whose infinitive their owner does ("Iran's threat to attack Y", "the decision of X to expel Y":
    # lexicons/modality.tsv, place "noun")
    nouns: frozenset[str] = frozenset()
    # the law's words, whose object did the act their "of" or "with" names ("accused the rebels of
    # attacking Y": lexicons/charge_verbs.tsv)
    charges: frozenset[str] = frozenset()
    # verbs of two objects, whom they give to and what ("gave Kenya two helicopters":
    # lexicons/giving_verbs.tsv)
    giving: frozenset[str] = frozenset()
    # verbs of putting out of a body or country, whose agentless passive's "from" names who did it ("were
    # expelled from Russia": lexicons/removal_verbs.tsv)
    removal: frozenset[str] = frozenset()
    # verbs that reject or condemn what they take ("vetoed a resolution censuring Y": the resolution's
    # authors censure, not the vetoing subject: lexicons/rejecting_verbs.tsv)
    rejecting: frozenset[str] = frozenset()
    # verbs whose subject gets what their event noun object is, from whom its "from" phrase names ("won
    # praise from Y", "came under fire from Y": Y praises, fires at the subject; lexicons/receiving_verbs.tsv)
    receiving: frozenset[str] = frozenset()
    # verbs of giving an order, whose object's passive clause is done by the one ordering ("ordered Y
    # jailed", "ordered Y to be released": lexicons/command_verbs.tsv)
    command: frozenset[str] = frozenset()
    # what one telephones someone to say to them, which the caller does ("called Y to congratulate him":
    # lexicons/call_purposes.tsv)
    call_purposes: frozenset[str] = frozenset()
    # nouns of an undertaking whose compound is the act ("its mediation efforts between X and Y": the
    # mediation is between them; lexicons/effort_nouns.tsv)
    efforts: frozenset[str] = frozenset()
    # nouns of leave to act, whose "for" clause's subject is whom it is given ("gave approval for Y to buy
    # Z": lexicons/permission_nouns.tsv)
    permissions: frozenset[str] = frozenset()
    # a verb and its noun of authorship, whose "for" phrase is the subject's own act ("claimed responsibility
    # for the attack on Y": lexicons/credit_claims.tsv)
    credits: frozenset[str] = frozenset()
    # verbs whose subject goes on or comes for the event noun after "on" or "for", and which of the two
    # ("is on a visit to Y", "arrived for talks with Y": lexicons/errand_verbs.tsv)
    errands: dict[str, str] = field(default_factory=dict)
    # event nouns of material harm and the instruments of violence ("were killed in a Taliban ambush": the
    # noun's modifier did it; Rules.harm_nouns, lexicons/instruments.tsv)
    harms: frozenset[str] = frozenset()


NO_CONTROLS = Controls()


@dataclass(frozen=True)
class Predication:
    """A predicate word and the tokens that fill its argument positions.

    head: the predicate token; kind: "verb", "noun" or "participle"; particle: a verb's particle
    ("turn down"); passive: a passive verb or participle; agents, patients, recipients: argument head
    tokens; obliques: (preposition, object token) pairs; object_noun: the direct object when it is a
    common noun (the event of a light verb, or the thing acted on: "rejected the proposal"); complement:
    the verb of the clause the predicate takes; how: how the agent was found (for the rule id).
    """

    head: Token
    kind: str
    particle: str = ""
    passive: bool = False
    agents: tuple[Token, ...] = ()
    patients: tuple[Token, ...] = ()
    recipients: tuple[Token, ...] = ()
    obliques: tuple[tuple[str, Token], ...] = ()
    object_noun: Token | None = None
    complement: Token | None = None
    how: str = "direct"
    noun_obliques: tuple[tuple[str, Token], ...] = ()  # prepositional phrases of the object noun
    light: Token | None = None  # the light verb an event noun is the object of
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    def oblique(self, prep: str) -> tuple[Token, ...]:
        return tuple(t for p, t in self.obliques if p == prep)

    @property
    def indirect_objects(self) -> tuple[Token, ...]:
        """The recipients named without "to" ("gave Kenya two helicopters", "sent Lebanon fuel"), which
        fill a frame's "to" phrase as "to Kenya" would."""
        return tuple(r for r in self.recipients if r.dep_ != "pobj")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not any(c.dep_ == "aux" for c in verb.children)) or (
        # a bare past participle's clause is passive: "…, pursued by US troops", "Backed by Iran, X…"
        verb.tag_ == "VBN" and verb.dep_ == "advcl"
        and not any(c.dep_ in ("aux", "nsubj", "dobj", "obj") for c in verb.children)) or (
        # "X was tried and convicted": a participle conjoined to a passive, with no subject of its own
        verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.pos_ in _VERBS and is_passive(verb.head)
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children))


# Particles the parser may take for a preposition or an adverb when a phrase follows: in "pulled out of Y"
# it hangs "of Y" on "out", which has no object of its own ("pulled out" + "of Y"), and "from Y" on "away"
# in "backed away from Y"
_PARTICLE_WORDS = frozenset({"out", "away", "off", "back", "down", "up"})
# the ones that, after a direct object with no object of their own, say where the verb sends it: the
# parser hangs them on the verb or on its object ("drove the militants out of Y")
PATH_WORDS = frozenset({"out", "away", "off", "back"})


def _particle_prep(tok: Token) -> bool:  # (or an adverb: "backed away from Y", "hit back at Y")
    if tok.dep_ not in ("prep", "advmod") or tok.lower_ not in _PARTICLE_WORDS \
            or any(c.dep_ in ("pobj", "pcomp") for c in tok.children):
        return False
    if any(c.dep_ == "prep" for c in tok.children):
        return True
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None  # the preposition hung on the verb
    return tok.dep_ == "advmod" and after is not None and after.dep_ == "prep" and after.head == tok.head


def particle_of(tok: Token) -> str:
    """The verb's particle ("turned down"); one the parser took for a preposition is the particle of a verb
    without an object ("pulled out of Y"), and after an object the path it moves ("forced X out of Y"); a
    word of the state the object is left in ("set X free", "let X go"), whatever the parser made of it."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    found = [c.lower_ for c in tok.children if c.dep_ == "prt" or not objects and _particle_prep(c)]
    if objects and not found:  # "kicked the diplomats out (of Y)" is "kicked out the diplomats"
        found = [c.lower_ for c in (*tok.children, *objects[0].children) if c.i > objects[0].i
                 and c.dep_ in ("prep", "advmod") and c.lower_ in PATH_WORDS
                 and not any(o.dep_ in ("pobj", "pcomp") for o in c.children)][:1]
    result = _result_word(tok)
    return " ".join([*found, result.lower_] if result is not None else found)


# words of the state a verb leaves its object in that make one act with it ("set X free", "let X go"):
# the frames name the pair ("set free", "let go" in lexicons/predicates.tsv)
_RESULT_WORDS = frozenset({"free", "go", "loose"})
_RESULT_DEPS = frozenset({"advcl", "oprd", "ccomp", "xcomp", "acomp", "advmod", "prt"})


def _result_word(verb: Token) -> Token | None:
    """The word of the state ``verb`` leaves its object in: after the object ("set the hostages free",
    "let Y go", parsed as a clause, a complement, an adverb or an adjective on the object) or right after
    the verb, on the object ("set free 20 prisoners")."""
    if verb.pos_ not in _VERBS:
        return None
    for c in verb.children:
        if c.dep_ in _RESULT_DEPS and c.lower_ in _RESULT_WORDS and c.i > verb.i \
                and not any(a.dep_ == "aux" for a in c.children):  # not an infinitive: "an offer to free Y"
            return c
        if c.dep_ in ("dobj", "obj"):  # "set free 20 prisoners", "set 20 hostages free" (an adjective after
            for a in c.children:  # its noun says the state the verb leaves it in)
                if a.dep_ == "amod" and a.lower_ in _RESULT_WORDS and (a.i == verb.i + 1 or a.i > c.i):
                    return a
    return None


def released(verb: Token) -> list[Token]:
    """Whom "let Y go" lets go, parsed as the subject of a clause "Y go"."""
    result = _result_word(verb)
    return [c for c in result.children if c.dep_ == "nsubj"] if result is not None and result.dep_ == "ccomp" else []


def _named_as(verb: Token) -> list[Token]:
    """A name parsed as the predicate of an active verb that has a subject and no object: the parser's
    naming reading ("called [it] Erdogan") names nothing, so the name is what the verb acts on."""
    if not any(c.dep_ == "nsubj" for c in verb.children) or any(c.dep_ == "auxpass" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN" and c.i > verb.i]


def phrasal(verb: Token) -> str:
    """The verb's lemma with its particle, as the word lists write it ("kick out", "set up")."""
    return " ".join(filter(None, [verb.lemma_.lower(), particle_of(verb)]))


INTERROGATIVE_MARKS = frozenset({"if", "whether"})  # "asked if Y would attack Z": a question, not a condition


def question_clause(clause: Token) -> bool:
    """A complement clause that asks ("asked if Russia would attack Y", "wonder whether China will…")."""
    return clause.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in INTERROGATIVE_MARKS
                                          for c in clause.children)


def clause_mark(clause: Token) -> str:
    """How a clause is marked: "to" (an infinitive: "the threat to attack Y"), "that" (a content clause:
    "the demand that Y withdraw"), else ""."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return "to"
    return "that" if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) else ""


def noun_clause(tok: Token) -> bool:
    """A that-clause whose bare verb the tagger took for a noun, with its subject as its own subject or hung
    on it as a compound ("demanded that Mugabe resign": "Mugabe resign" parsed as one noun phrase)."""
    return tok.dep_ == "ccomp" and tok.pos_ == "NOUN" and tok.tag_ == "NN" and clause_mark(tok) == "that" \
        and (bool(clause_subject_names(tok)) or any(c.dep_ == "nsubj" for c in tok.children))


def clause_subject_names(tok: Token) -> list[Token]:
    """The name before the bare verb of a noun clause (``noun_clause``): its subject."""
    return [c for c in tok.children if c.dep_ in ("compound", "poss") and c.i < tok.i and c.pos_ == "PROPN"][-1:]


def for_subjects(clause: Token) -> list[Token]:
    """The subject of an infinitive brought in by "for" ("called for Y to withdraw", "a deadline for Y to
    respond"), whether the parser hangs it on the infinitive or makes it the object of a "for" phrase on
    the word above, right before the "to" ("pressed for Y to release the journalists"); else none."""
    if clause_mark(clause) != "to":
        return []
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if clause.dep_ not in ("advcl", "xcomp", "acl") or any(c.dep_ in _SUBJECTS for c in clause.children):
        return []
    return [o for c in clause.head.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < clause.i
            for o in c.children if o.dep_ == "pobj" and o.right_edge.i + 1 == clause.left_edge.i]


def for_clause(clause: Token) -> bool:
    """An infinitive with its own subject brought in by "for" (``for_subjects``)."""
    return bool(for_subjects(clause))


def infinitive(verb: Token) -> bool:
    """A verb marked "to" ("to attack")."""
    return verb.pos_ in _VERBS and clause_mark(verb) == "to"


def _named_before(noun: Token) -> list[Token]:
    """A name or nationality before a noun ("a Hamas delegation", "the Israeli strike"), not a plain
    adjective ("cyber warfare")."""
    named = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
             and (c.pos_ == "PROPN" or c.pos_ == "ADJ" and c.ent_type_)]
    return named or leaders(noun)


def leaders(noun: Token) -> list[Token]:
    """Who "X-led" says leads a group or an act: "a Saudi-led strike", "the US-led coalition" (not "an
    Iran-backed attack", "Iran-backed militias": backing is no doing)."""
    return [g for c in noun.children if c.dep_ == "amod" and c.lower_ == "led" and c.i < noun.i
            for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i < c.i
            and (g.pos_ == "PROPN" or g.ent_type_)]


def _light_verb(noun: Token) -> Token | None:
    """The light verb a noun is the direct object of ("launched an attack", "made a decision"), or None; a
    later one of coordinated nouns shares the first's ("expressed its rejection and condemnation of Y")."""
    while noun.dep_ == "conj" and noun.head.pos_ in _NOUNS:
        noun = noun.head
    noun = sum_of(noun) or noun
    verb = noun.head
    return verb if noun.dep_ in ("dobj", "obj") and verb.pos_ in _VERBS and verb.lemma_.lower() in LIGHT_VERBS \
        else None


def claimed_credit(noun: Token, credits: frozenset[str]) -> Token | None:
    """The word of authorship whose "for" (or "in") object ``noun`` is, with the verb that claims it (lexicons/
    credit_claims.tsv): the noun "claimed responsibility for the attack", "took credit for the bombing",
    "denied involvement in the attack", or
    the preposition itself, "was behind the attack"; None when there is none. The word's head is the verb.
    ("Y was responsible for the attack" is lexicons/charge_verbs.tsv's.)"""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "behind", "in"):  # "denied involvement in the attack"
        return None
    if prep.lower_ == "behind":
        return prep if prep.head.pos_ in _VERBS and f"{prep.head.lemma_.lower()} behind" in credits else None
    # the "for" phrase hangs on the word or, as the parser may have it, on the verb ("took credit for Y")
    verb = prep.head if prep.head.pos_ in _VERBS else prep.head.head
    credit = credit_object(verb, credits) if verb.pos_ in _VERBS else None
    return credit if credit is not None and prep.head.i in (verb.i, credit.i) else None


def credit_object(verb: Token, credits: frozenset[str]) -> Token | None:
    """The direct object of ``verb`` that is its noun of authorship ("claimed responsibility", "took
    credit": lexicons/credit_claims.tsv), or None."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "obj")
                 and f"{verb.lemma_.lower()} {c.lemma_.lower()}" in credits), None)


def _receiver(noun: Token, receiving: frozenset[str]) -> Token | None:
    """The verb of getting whose object ``noun`` is ("won praise", "drew criticism", "came under pressure",
    "met with condemnation": lexicons/receiving_verbs.tsv), or None."""
    while noun.dep_ == "conj" and noun.head.pos_ in _NOUNS:
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.pos_ in _VERBS and head.lemma_.lower() in receiving:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in _VERBS \
            and f"{head.head.lemma_.lower()} {head.lower_}" in receiving:
        return head.head
    return None


def _received(noun: Token, verb: Token, obls: list[tuple[str, Token]]) -> Predication | None:
    """An event noun its recipient gets ("X won praise from Y", "X drew condemnation from Y", "X won the
    backing of Y", "X won Y's backing"): done by the giver (the "from" phrase of the noun or the verb, else
    the noun's possessor, "of" or "by" phrase or a name before it) to the verb's subject."""
    givers = [o for p, o in obls + obliques(verb) if p == "from"]
    if not givers:
        givers = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
            o for p, o in obls if p in ("of", "by")] or _named_before(noun)
    recipients = subjects(verb) or controller(verb)[0]
    if not givers or not recipients or is_passive(verb):
        return None
    rest = tuple((p, o) for p, o in obls if p not in ("from", "of", "by"))
    return Predication(noun, "noun", agents=tuple(givers), patients=tuple(recipients), obliques=rest,
                       how="received", light=verb)


def sum_of(noun: Token) -> Token | None:
    """The sum or number a noun says what it is made of ("announced $40 million in aid for Y", "pledged 2
    billion euros in loans to Y": the aid, the loans), or None: the object "in" follows, on the sum itself
    or on the verb after it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    above = prep.head
    if _counts(above):
        return above
    if above.pos_ in _VERBS:
        return next((o for o in above.children if o.dep_ in ("dobj", "obj") and o.i < prep.i and _counts(o)), None)
    return None


def _counts(tok: Token) -> bool:
    """Whether a noun is a sum or a number of things: "$40 million", "2 billion euros", "billions"."""
    return (tok.pos_ in _NOUNS or tok.pos_ == "NUM") and (tok.ent_type_ in ("MONEY", "QUANTITY") or any(
        c.dep_ in ("nummod", "compound", "quantmod", "nmod") and (c.like_num or c.tag_ == "$" or c.ent_type_ == "MONEY")
        for c in tok.children))


def noun_owners(noun: Token) -> list[Token]:
    """Whose act an event noun names when no argument rule of its own finds an agent: its possessor, its "by"
    phrase, a name or nationality before it ("the Iranian threat"), else the subject of the light verb it
    is the object of ("made a decision to", "issued a threat to")."""
    owners = [c for c in noun.children if c.dep_ == "poss"] + [o for p, o in obliques(noun) if p == "by"]
    owners = owners or _named_before(noun)
    if not owners and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        return noun_owners(noun.head)  # "expressed its rejection and condemnation of Y": the first noun's owner
    light = _light_verb(noun) if not owners else None
    return subjects(light) or controller(light)[0] if light is not None else owners


def subjects(verb: Token) -> list[Token]:
    """The verb's subjects, less a fronted apposition of a named one ("A Hamas spokesman, X said…")."""
    out = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return [c for c in out if not fronted_subjects(c)] if len(out) > 1 else out


def fronted_subjects(tok: Token) -> list[Token]:
    """The named subjects ``tok`` is set off before: "A Stanford law professor, X helped…", "A former
    spokesman for Y, X now runs…", where the parser makes the noun phrase a second subject of the verb."""
    if tok.dep_ not in _SUBJECTS or tok.i > tok.head.i or tok.pos_ == "PROPN":
        return []
    edge = tok.right_edge  # the parser may hang the comma on the noun
    comma = edge.i if edge.text == "," else edge.i + 1
    if comma + 1 >= len(tok.doc) or tok.doc[comma].text != ",":
        return []
    return [c for c in tok.head.children if c.dep_ == tok.dep_ and c.left_edge.i == comma + 1 and c.pos_ == "PROPN"]


def objects(verb: Token) -> list[Token]:
    """The verb's direct objects. A noun of captivity after the object says what it is taken as, not what
    is taken ("took the engineers hostage", "held 20 soldiers hostage", "kept two contractors prisoner",
    parsed as a second object, as a clause, or with the object as its compound): the held are the object.
    "Let Y go", parsed as a clause "Y go", has Y as its object, and a name the parser made the predicate
    of an active verb with no object is its object ("X called Recep Tayyip Erdogan on Sunday", read as a
    naming with no one named)."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or released(verb) or _named_as(verb) \
        or _shifted(verb)
    captives = captive_words(verb)
    if not captives:
        return found
    held = [c for c in found if c not in captives]
    # the noun of captivity is never the held: with no other object, the held is elsewhere ("the aid
    # workers it had held hostage": the relative clause's noun)
    return held or [k for c in captives for k in _compound_held(c)]


def _shifted(verb: Token) -> list[Token]:
    """The object put after the verb's "as" phrase ("rejected as unfounded the allegations", "denounced as
    an ugly crime Serbia's crackdown"), which the parser reads into the "as" phrase: a noun whose "the" (or
    possessor) follows an adjective of its own, or a noun set bare beside the "as" object as its appositive."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as" or prep.i < verb.i:
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            adjectives = [c.i for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ"]
            opener = [c.i for c in noun.children if c.dep_ in ("det", "poss") and c.i < noun.i]
            if adjectives and opener and min(adjectives) < min(opener):
                out.append(noun)  # "as unfounded the allegations"
            out += [c for c in noun.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")
                    and bare_apposition(noun, c)]  # "as a crime Y's act"
    return out


def bare_apposition(head: Token, appos: Token) -> bool:
    """Whether nothing but words stands between ``head`` and its appositive ("as a crime Serbia's crackdown",
    "called Lula a corrupt man"): a true apposition is set off by a comma, so this is a word the parser
    hung on ``head`` in the wrong place."""
    first = appos.left_edge
    return first.i > head.i and not any(t.is_punct for t in head.doc[head.i + 1:first.i])


def captive_words(verb: Token) -> list[Token]:
    """The noun of captivity after a verb's object ("hostage" in "took X hostage"): singular, with no
    determiner of its own, whatever the parser made of it."""
    return [c for c in verb.children if c.dep_ in _CAPTIVE_DEPS and c.i > verb.i and c.tag_ != "NNS"
            and c.lemma_.lower() in CAPTIVE_STATUS and not any(d.dep_ in ("det", "poss") for d in c.children)]


_CAPTIVE_DEPS = frozenset({"dobj", "obj", "oprd", "advcl", "ccomp", "xcomp"})


def _compound_held(noun: Token) -> list[Token]:
    """The held noun the parser made a compound of the noun of captivity ("20 soldiers hostage")."""
    mods = [c for c in noun.children if c.dep_ == "compound" and c.pos_ in _NOUNS]
    return mods[-1:] if mods and mods[-1].i == noun.i - 1 else []


def obliques(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object) of every prepositional phrase on ``tok``, the datives' "to" included;
    a phrase of two words ("according to", "because of") keeps its last word, and a particle the parser
    took for a preposition ("pulled out of Y") gives the phrase it heads, "out of" read as "of" and as "from".
    A phrase the parser hangs on a date is the word's own ("the assassination in 1914 of X", "met on
    Tuesday with Y"): a date has no "of" or "with"."""
    out = []
    for c in tok.children:
        if _particle_prep(c):  # "out of Y", "off of Y" also name where from, as "from Y" does
            inner = obliques(c)
            out += inner + [("from", o) for q, o in inner if q == "of"]
        elif c.dep_ in ("prep", "dative", "agent") and c.pos_ == "ADP":
            if _partner_of(c) is not None:
                continue  # "struck Y in coordination with Z": the parser hung the partner's phrase on the verb
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp") and o.pos_ != "VERB":
                    out.append(("by" if c.dep_ == "agent" else c.lower_, o))
                    if o.ent_type_ in _TIME_TYPES:
                        out += obliques(o)
    for c in tok.children if tok.pos_ in _NOUNS else ():
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > tok.i and c.lemma_.lower() in LIGHT_VERBS:
            # "the sanctions imposed on Y", "the attacks carried out by X against Y", "the aid provided to Y": a
            # light verb's participle after its noun hands the noun its phrases, as "sanctions on Y" has them
            out += obliques(c)
    if tok.lemma_.lower() in PARTNERSHIPS and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        out += [("with", o) for c in tok.head.head.children if c.dep_ == "prep" and c.lower_ == "with"
                and (partner := _partner_of(c)) is not None and partner.i == tok.i
                for o in c.children if o.dep_ == "pobj"]  # its own "with" phrase, hung on the verb
    if tok.dep_ == "conj" and tok.pos_ == "NOUN" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i:
        # "concern and condemnation of Y": the parser hangs the phrase after the second noun on the first;
        # it is the second's too (a preposition the second has of its own stays its own)
        own = {q for q, _ in out}
        out += [(q, o) for q, o in obliques(tok.head) if q not in own and o.i > tok.i]
    return out


_TIME_TYPES = frozenset({"DATE", "TIME"})


def _partner_of(prep: Token) -> Token | None:
    """The noun of partnership right before a "with" phrase the parser hung on the verb, in the verb's own
    "in" phrase ("struck Y in coordination with Z": coordination), or None."""
    if prep.lower_ != "with" or prep.i == 0:
        return None
    before = prep.doc[prep.i - 1]
    if before.lemma_.lower() in PARTNERSHIPS and before.dep_ == "pobj" and before.head.lower_ == "in" \
            and before.head.head.i == prep.head.i:
        return before
    return None


def call_to_say(verb: Token, purposes: frozenset[str]) -> bool:
    """Whether infinitive ``verb`` is what a call to someone was made to say ("X called Y to congratulate
    him", "to express support": ``purposes``, lexicons/call_purposes.tsv), which the caller does, not the
    one called."""
    head = verb.head
    return head.lemma_.lower() in TELEPHONING and bool(objects(head)) and verb.lemma_.lower() in purposes


# prepositions of a time around the clause's act, whose event noun with no owner of its own is the clause
# subject's when it is a meeting ("after talks with Y", "following a meeting with Y", "before a call with Y")
ADJUNCT_PREPS = frozenset({"after", "following", "before", "during", "since", "upon"})
LIMIT_PREPS = frozenset({"until", "till"})  # prepositions of a time limit ("gave Y until June to leave")


def time_limited(verb: Token) -> bool:
    """Whether ``verb`` gives its object a time limit to act in ("gave Sweden until June to extradite Y"):
    its infinitive is what the object is to do, not yet done."""
    return any(c.dep_ == "prep" and c.lower_ in LIMIT_PREPS for c in verb.children) and bool(objects(verb))


def controller(verb: Token, depth: int = 0, controls: Controls = NO_CONTROLS) -> tuple[list[Token], str]:
    """Who does what ``verb`` says when it has no subject of its own, and how that was found (``controls``:
    the verb lists that decide it)."""
    if depth > 4:
        return [], ""
    head = verb.head
    dep = verb.dep_
    if dep == "conj" and head.pos_ in _VERBS:  # "X arrived and met Y": the first conjunct's subject
        reporter = head.head
        if head.dep_ == "ccomp" and verb.lemma_.lower() in controls.speech \
                and reporter.lemma_.lower() in controls.reporting and subjects(reporter):
            return subjects(reporter), "conjunct"  # "X said its forces shot down drones and accused Y": X
        own = subjects(head)
        return (own, "conjunct") if own else (controller(head, depth + 1, controls)[0], "conjunct")
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":  # "X is willing to withdraw": X
        return subjects(head.head), "control"
    if dep == "xcomp":  # "X agreed to meet Y": X; "X urged Y to attack", "called on Y to attack": Y
        objs = objects(head) or [o for p, o in obliques(head) if p in _CONTROL_PREPS and o.i < verb.i]
        if objs and head.lemma_.lower() in controls.object_control and not call_to_say(verb, controls.call_purposes):
            return objs, "object control"
        own = subjects(head)
        return (own, "control") if own else (controller(head, depth + 1, controls)[0], "control")
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN") and not any(c.dep_ == "mark" for c in verb.children):
        objs = objects(head) if verb.tag_ == "VBG" and head.lemma_.lower() in controls.perception \
            or verb.tag_ == "VBN" else []
        if objs and objs[-1].right_edge.i < verb.left_edge.i and not any(
                t.is_punct for t in verb.doc[objs[-1].right_edge.i + 1:verb.left_edge.i]):
            return objs, "participle clause"  # "TV showed Y shooting Z", no comma: Y shoots; "criticized the
            # tariffs levied by Y", no comma: the tariffs are levied
        own = subjects(head) if head.pos_ in _VERBS else []  # "…, killing three soldiers"
        return own, "participle clause"
    if for_clause(verb):  # "pressed for Y to release the journalists": Y
        return for_subjects(verb), "for subject"
    if dep == "advcl" and infinitive(verb) and head.pos_ in _VERBS and time_limited(head):
        return objects(head), "object control"  # "gave Y until June to leave": Y is to leave
    if dep == "advcl" and infinitive(verb) and head.lemma_.lower() in controls.object_control \
            and not call_to_say(verb, controls.call_purposes):
        objs = objects(head)  # "demanded the rebels to free the hostages", parsed as a purpose: the rebels
        if objs and objs[-1].right_edge.i + 1 == verb.left_edge.i:
            return objs, "object control"
    if dep in ("advcl", "xcomp") and verb.tag_ == "VB" and head.pos_ in _VERBS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        own = subjects(head) or controller(head, depth + 1, controls)[0]  # "X donated Y to assist Z": X's purpose
        return own, "purpose"
    if dep == "pcomp":  # "accused X of attacking Y", "was charged with killing Y"
        prep = head
        above = prep.head
        if above.pos_ in ("ADJ", "ADV") and above.dep_ in ("acomp", "oprd", "advmod") and above.head.pos_ in _VERBS:
            above = above.head  # "pleaded guilty to killing Y", "stopped short of condemning Y"
        if above.pos_ in _NOUNS and above.dep_ == "dobj" and prep.lower_ in ("of", "with") \
                and above.head.lemma_.lower() in controls.charges:
            return [above], "gerund"  # "accused the rebels of attacking Y": the parser hangs "of" on the object
        if above.pos_ in _NOUNS:  # "the EU's commitment to backing X": the noun's owner, else the noun
            owner = [c for c in above.children if c.dep_ == "poss"]
            if not owner and above.dep_ == "dobj" and above.head.pos_ in _VERBS:
                owner = subjects(above.head)  # "X is serving a life sentence for killing Y": X
            return owner or [above], "gerund"
        if above.pos_ in _VERBS and above.dep_ == "acl" and above.tag_ == "VBN" and above.head.pos_ in _NOUNS:
            return [above.head], "gerund"  # "X, convicted of killing Y": X
        if above.pos_ in _VERBS:
            # "accused X of", "charged X with", "blamed X for", "warned X against": the object; "by", "after"…:
            # the subject
            objs = [o for o in objects(above) if o.ent_type_ not in MEASURES] if prep.lower_ in (
                "of", "with", "for", "against", "from") else []  # and not "serving 20 years for"; "warned X
            # against attacking Y", "barred X from entering Y": the object too
            if objs:
                return objs, "gerund"
            own = [c for c in above.children if c.dep_ in _SUBJECTS]
            return (own, "gerund") if own else (controller(above, depth + 1, controls)[0], "gerund")
    if dep == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in controls.nouns and infinitive(verb):
        # "Iran's threat to attack Y", "the refusal of X to meet Y", "X announced its decision to expel Y"
        owners = noun_owners(head) or [o for p, o in obliques(head) if p == "of"]
        return owners, "nominal control"
    if dep == "acl" and verb.tag_ == "VBG" and head.pos_ in _NOUNS:  # "troops fighting the rebels"
        return authored(head, controls), "participle"
    if dep == "relcl" and head.pos_ in _NOUNS:  # an object gap's subject is its own; a subject gap: the noun
        return [head], "relative"
    return [], ""


def authored(noun: Token, controls: Controls) -> list[Token]:
    """The noun a participle or adjective describes, and when it is a text put out by someone (the object
    of a verb other than one of rejecting it), that someone too: "X put out a report accusing Y", "X
    published a report critical of Y": X speaks; not "X vetoed a resolution censuring Y"."""
    if noun.lemma_.lower() in SPEECH_NOUNS and noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in _VERBS \
            and noun.head.lemma_.lower() not in controls.rejecting:
        return [noun, *subjects(noun.head)]
    return [noun]


_PLACE_PREPS = frozenset({"in", "at", "on", "near", "outside", "inside"})
# the prepositions that name whom an object-control verb asks to act: "called on Y to", "appealed to Y to",
# "pleaded with Y to"
_CONTROL_PREPS = frozenset({"on", "upon", "to", "with"})
_AGENT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _place_by(obl: list[tuple[str, Token]]) -> list[Token]:
    """A passive's "by" phrase the parser hung on the place phrase before it ("was shot in the courtyard
    of his building by X"): a place has no "by" of its own, so a name there is the verb's agent."""
    out = []
    for prep, place in obl:
        if prep not in _PLACE_PREPS:
            continue
        nouns = [place, *(o for q, o in obliques(place) if q == "of")]
        out += [o for noun in nouns for q, o in obliques(noun)
                if q == "by" and o.pos_ == "PROPN" and o.ent_type_ in _AGENT_TYPES]
    return out


def _amount(noun: Token) -> bool:
    """A sum or a count: "1.8 billion euros", "$5 million"."""
    return noun.ent_type_ == "MONEY" or any(c.dep_ == "nummod" for c in noun.children)


_NOT_ON_NAMES = frozenset({"for", "against"})
_PUT_OUT_OF = frozenset({"GPE", "ORG"})  # a country or a body one is expelled from, which expels
_GIVEN_TO = frozenset({"GPE", "NORP", "ORG"})  # who a thing is given to, named before it as one noun phrase


def _commander(verb: Token, controls: Controls) -> Token | None:
    """The verb of giving an order (``controls.command``) whose ordered act ``verb`` is, done to someone
    and not by them: a passive infinitive ("ordered Y to be released"), a bare participle as a small clause
    ("ordered Y jailed", parsed as a clause with Y its subject, or as a participle on the object: "ordered
    the troops withdrawn"). None for an act with an agent of its own ("ordered Y arrested by the police")
    or an active one ("ordered Y to attack")."""
    head = verb.head.head if verb.dep_ == "acl" and verb.head.dep_ == "dobj" else verb.head
    if head.lemma_.lower() not in controls.command or head.pos_ not in _VERBS or verb.tag_ not in ("VBN", "VBD") \
            or verb.dep_ not in ("ccomp", "xcomp", "acl") or any(c.dep_ == "agent" for c in verb.children):
        return None
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux - {"to", "be"} or aux and not any(c.dep_ == "auxpass" for c in verb.children) \
            or any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return None
    return head


def _orderers(commander: Token, controls: Controls) -> list[Token]:
    """Who gives the order ``commander`` says: its subject, or whoever controls it ("decided to order…")."""
    return subjects(commander) or controller(commander, controls=controls)[0]


HARM_MODIFIER = "harm modifier"  # the Predication.how of a doer named by a modifier of the harm noun


def harm_modifiers(noun: Token, harms: frozenset[str]) -> list[Token]:
    """The words before a noun of harm that may name who did it: its modifiers and possessor, and those of an
    instrument noun of ``harms`` before it ("a Taliban ambush", "Russia's shelling", "a Russian missile
    attack")."""
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i
            and c.pos_ != "PRON"]
    return mods + [g for c in mods if c.pos_ == "NOUN" and c.lemma_.lower() in harms
                   for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]


def _harm_doers(obl: list[tuple[str, Token]], harms: frozenset[str]) -> list[Token]:
    """Who did the harm a passive verb's "in" phrase names by a modifier of its noun: "were killed in a Taliban
    ambush", "in an Israeli strike", "in a Russian missile attack on Y" (the modifier may be the
    instrument's). The reader keeps only a state or an armed body: "killed in the Charlie Hebdo attack" names
    the target, "in a Russian strike" the doer."""
    return [m for prep, noun in obl if prep == "in" and noun.lemma_.lower() in harms
            for m in harm_modifiers(noun, harms) if m.pos_ in ("PROPN", "ADJ")]


def infinitive_subjects(verb: Token) -> list[Token]:
    """The object of an object-control verb, which the parser makes the subject of the infinitive it hangs
    under the verb as a clause: Kenya in "allowed Kenya to deliver food", "let Kenya inspect the site",
    and the inspectors in "allowed UN inspectors access to the site" (the noun read as a present verb, or as
    the head of a clause of its own)."""
    return [s for c in verb.children if c.dep_ == "ccomp" and clause_mark(c) != "that" and not question_clause(c)
            and (c.tag_ in ("VB", "VBP", "NN") or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
            for s in c.children if s.dep_ == "nsubj"]


def _verb_of_head_noun(verb: Token, controls: Controls) -> bool:
    """Whether ``verb`` is the verb of the noun the parser made the sentence's head: with no other verb
    to head it, "Israeli airstrikes killed at least 20 people in Rafah" may be parsed as a noun with a
    participle on it (acl, VBN). A participle right after that noun taking a direct object, with no "by"
    agent or auxiliary, is the noun's verb, active; not a verb of two objects ("a journalist given a
    prize": lexicons/giving_verbs.tsv), whose passive takes an object."""
    head = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ == "ROOT" and head.pos_ in _NOUNS \
        and verb.i == head.i + 1 and any(c.dep_ == "dobj" for c in verb.children) \
        and not any(c.dep_ in ("agent", "aux", "auxpass") for c in verb.children) \
        and verb.lemma_.lower() not in controls.giving


def verb_predication(verb: Token, controls: Controls = NO_CONTROLS) -> Predication:
    passive = is_passive(verb)
    subj = subjects(verb)
    if passive and _verb_of_head_noun(verb, controls):  # "Israeli airstrikes killed 20 people"
        passive, subj = False, [verb.head]
    how = "direct"
    if not subj:
        subj, how = controller(verb, controls=controls)
    obl = obliques(verb)
    objs = objects(verb)
    # a name takes no "for" or "against" phrase: one the parser hung on a named object is the verb's
    # ("covers the Kremlin for The New York Times")
    obl += [(p, o) for name in objs if name.pos_ == "PROPN" for p, o in obliques(name) if p in _NOT_ON_NAMES]
    by = [o for p, o in obl if p == "by"]
    patients: list[Token] = []
    agents: list[Token] = []
    if passive:
        patients = [s for s in subj]
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in _NOUNS and not patients:
            patients = [verb.head]  # "the man killed by police"
            how = "reduced relative"
        agents = by or [g for p, o in obl if p in ("on", "at", "under") and o.lemma_.lower() in ORDER_NOUNS
                        for g in [*(g for q, g in obliques(o) if q == "of"),  # "killed on the orders of X",
                                  *(c for c in o.children if c.dep_ == "poss" and c.pos_ != "PRON")]  # "on X's
                        ] or _place_by(obl)  # orders", "at X's behest"
        if not agents and controls.harms and (agents := _harm_doers(obl, controls.harms)):
            how = HARM_MODIFIER  # "were killed in a Taliban ambush"
        if not agents and phrasal(verb) in controls.removal:
            agents = [o for p, o in obl if p == "from" and o.ent_type_ in _PUT_OUT_OF]
        if not agents and (commander := _commander(verb, controls)) is not None:
            agents = _orderers(commander, controls)
            patients = patients or objects(commander)  # "ordered Y to be released", Y parsed as its object
            how = "commanded"
    elif (commander := _commander(verb, controls)) is not None:  # "ordered Y jailed", Y parsed as the subject
        agents = _orderers(commander, controls)
        patients = subj or objects(commander)
        passive, how = True, "commanded"
    else:
        agents = subj
        # "ordered the troops withdrawn": the troops are what is done, not whom the order is given to
        patients = objs = [o for o in objs if not any(c.dep_ == "acl" and _commander(c, controls) == verb
                                                      for c in o.children)]
        if not objs and verb.lemma_.lower() in controls.object_control:  # "allowed Kenya to deliver food"
            patients = infinitive_subjects(verb)  # Kenya is allowed
        if verb.dep_ == "relcl" and not objs and subjects(verb) and verb.head.pos_ in _NOUNS:
            patients = [verb.head]  # "the man the police arrested": the noun fills the object gap
            how = "relative object"
    recipients = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    # a name the parser joined to the object as one noun phrase is whom the act goes to: before a sum, after
    # any verb ("fined Apple 1.8 billion euros"); before a thing given, after a verb of giving with no "to"
    # phrase, when it names a country, people or organisation ("sent Lebanon fuel", "gave the Houthis drones")
    fused = [c for o in objs for c in o.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.i < o.i]
    recipients += [c for c in fused if _amount(c.head)]
    recipients += [o for p, o in obl if p == "to" and any(
        c.dep_ == "dative" and c.lower_ == "to" for c in verb.children)]
    if not recipients and verb.lemma_.lower() in controls.giving and not passive and "to" not in (p for p, _ in obl):
        recipients = [c for c in fused if c.dep_ == "compound" and c.head.pos_ == "NOUN" and c.ent_type_ in _GIVEN_TO]
        first = min(objs, key=lambda o: o.i, default=None)  # "handed Ukraine the prisoners": the parser makes
        if not recipients and first is not None and first.ent_type_ in _GIVEN_TO and any(  # both direct objects
                o.pos_ == "NOUN" and o.i > first.i for o in objs):
            recipients = [first]
            objs = patients = [o for o in objs if o is not first]
    # a sum is a thing; a passive verb's subject is the thing acted on ("the war game was staged by X and Y")
    noun = next((o for o in (patients if passive else objs) if o.pos_ == "NOUN" or o.ent_type_ == "MONEY"), None)
    # "took 20 soldiers hostage": the noun of captivity, not the held, is what the verb's key names ("take hostage")
    noun = next(iter(captive_words(verb)), noun)
    if noun is not None and not recipients and _names_leave(noun, controls.permissions):
        # "gave approval for Y to buy Z", "refused permission for Y to land": the leave is Y's, as in "gave Y
        # approval to buy Z"
        recipients = [s for c in (*verb.children, *noun.children) if c.dep_ in ("advcl", "acl") for s in for_subjects(c)]
    comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and (c.pos_ in _VERBS or noun_clause(c))),
                None) or next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and for_clause(c)), None)
    return Predication(verb, "verb", particle_of(verb), passive, tuple(agents), tuple(patients),
                       tuple(recipients), tuple(obl), noun, comp, how,
                       noun_obliques=tuple(obliques(noun)) if noun is not None else ())


def modifiers_before(noun: Token) -> list[Token]:
    """The adjectives and nouns that modify ``noun`` before it ("green" in "green light")."""
    return [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]


def phrase_lemmas(noun: Token) -> list[str]:
    """``noun``'s lemma, then each modifier before it with the lemma ("light", "green light")."""
    lemma = noun.lemma_.lower()
    return [lemma, *(f"{c.lemma_.lower()} {lemma}" for c in modifiers_before(noun))]


def _names_leave(noun: Token, permissions: frozenset[str]) -> bool:
    """Whether ``noun`` (with a modifier before it: "green light") is a noun of leave to act."""
    return any(phrase in permissions for phrase in phrase_lemmas(noun))


def doer_predication(noun: Token) -> Predication | None:
    """A noun naming the doer of an act ("assassin", "killer"): the person it is said of does the act
    ("X's assassin, Y", "Y, the killer of X", "assassin Y", "Y was X's killer"), to its possessor or the
    object of its "of" ("the assassin of X"). None when no one is named as the doer."""
    patients = [c for c in noun.children if c.dep_ == "poss"  # a compound name, even one tagged a common
                or c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_)]  # noun ("Rabin assassin Y")
    patients += [o for p, o in obliques(noun) if p == "of"]  # "X's assassin", "X assassin Y", "the assassin of X"
    agents = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos" or (noun.dep_ == "compound" and noun.head.pos_ == "PROPN"):
        agents.append(noun.head)  # "Y, X's assassin", "assassin James Earl Ray"
        if noun.dep_ == "compound":  # "X's assassin Y": the parser hangs X's on Y, and the name just before
            patients += [c for c in noun.head.children if c.dep_ == "poss"]  # the noun in "Kennedy assassin
            before = noun.i - 1  # Lee Oswald" on Oswald too
            while before >= 0 and noun.doc[before].dep_ == "compound" and noun.doc[before].head == noun.head \
                    and (noun.doc[before].pos_ == "PROPN" or noun.doc[before].ent_type_):
                before -= 1
            patients += [t for t in noun.doc[before + 1:noun.i] if t.dep_ == "compound" and t.head == noun.head][-1:]
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        agents += subjects(noun.head)  # "Y was the killer of X"
    if not agents:
        agents += _set_off_person(noun)
    if not agents or not patients:
        return None
    return Predication(noun, "noun", agents=tuple(agents), patients=tuple(patients), how="doer")


def _set_off_person(noun: Token) -> list[Token]:
    """The person named between commas right after ``noun`` when the parser hung the name elsewhere
    ("operated on X's assassin, Y, who…" with Y parsed as a modifier of the verb): the last token of a
    tagged person's name that starts right after the comma and ends at a comma or full stop."""
    doc = noun.doc
    first = noun.i + 2
    if first >= len(doc) or doc[noun.i + 1].text != "," or doc[first].ent_type_ != "PERSON" \
            or doc[first].ent_iob_ != "B" or doc[first].head.i == noun.i:
        return []
    last = first
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return [doc[last]] if last + 1 == len(doc) or doc[last + 1].text in (",", ".") else []


TELEPHONING = frozenset({"call"})  # object-control verbs that also name a call ("called Y to congratulate him")
CAPTIVE_STATUS = frozenset({"hostage", "captive", "prisoner"})  # "took X hostage": what X is taken as
ORDER_NOUNS = frozenset({"order", "behest", "instruction", "command", "direction"})  # "on the orders of X"
MEASURES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})  # "20 years" is no actor
CHARGE_PREPS = frozenset({"for", "of", "with", "to", "in"})  # "arrested in the killing of Y"


def _charged(noun: Token, charges: frozenset[str]) -> list[Token]:
    """Who the law's word an event noun depends on is said of ("X was convicted of the murder of Y": X;
    "charged X with the abduction of Y": X); [] when the noun depends on none (lexicons/charge_verbs.tsv)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in CHARGE_PREPS:
        return []
    above = noun.head.head
    if above.pos_ == "ADJ" and above.dep_ in ("acomp", "oprd") and above.lemma_.lower() in charges:
        above = above.head  # "found guilty of the murder of Y"
    elif above.lemma_.lower() not in charges:
        return []
    if above.pos_ in _NOUNS and above.dep_ in ("dobj", "pobj"):  # "serving a sentence for", "held on a
        verb = above.head if above.dep_ == "dobj" else above.head.head  # sentence for the slaying of Y"
        return subjects(verb) if verb.pos_ in _VERBS else []
    if above.pos_ not in _VERBS:
        return []
    if above.dep_ == "acl" and above.tag_ == "VBN" and above.head.pos_ in _NOUNS:
        return [above.head]  # "X, convicted of the murder of Y"
    objs = [o for o in objects(above) if o.ent_type_ not in MEASURES]
    return objs or subjects(above) or controller(above)[0]  # "was tried and convicted for…": the first verb's


def noun_predication(noun: Token, of_role: str = "patient", charges: frozenset[str] = frozenset(),
                     receiving: frozenset[str] = frozenset(), efforts: frozenset[str] = frozenset(),
                     credits: frozenset[str] = frozenset(), errands: dict[str, str] | None = None) -> Predication:
    """An event noun: "X's visit to Cairo", "the killing of X by Y", "the Israeli strike on Gaza",
    "launched an attack on Y" (the agent is the light verb's subject), "X was convicted of the murder of
    Y" (the one the law's word is said of), "X's mediation efforts between Y and Z" (an undertaking of
    ``efforts`` lends the act before it its owner and its phrases)."""
    undertaking = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in efforts else None
    obls = obliques(noun) + (obliques(undertaking) if undertaking is not None else [])
    charged = _charged(noun, charges) if charges and of_role == "patient" else []
    if charged:  # "sentenced for Y's murder": the possessor is the victim
        patients = [c for c in noun.children if c.dep_ == "poss"] + [o for p, o in obls if p == "of"]
        return Predication(noun, "noun", agents=tuple(charged), patients=tuple(patients), obliques=tuple(obls),
                           how="charge")
    receiver = _receiver(noun, receiving) if receiving else None
    received = _received(noun, receiver, obls) if receiver is not None else None
    if received is not None:
        return received
    # (a time is no owner: "claimed Friday's attack on Y" is the claimant's)
    agents: list[Token] = [c for c in (undertaking or noun).children if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")]
    agents += [o for p, o in obls if p == "by"]
    if not agents:  # "the killing of X by Y" with "by Y" hung on X: the act's agent, as "of X" is its patient
        agents = [a for p, o in obls if p == "of" for q, a in obliques(o) if q == "by"]
    if not agents:  # "a Hamas delegation to Cairo", "the Israeli strike on Gaza" ("launched cyber warfare
        agents = _named_before(noun)  # against Y" leaves the agent to the light verb)
    if not agents and noun.dep_ == "conj" and noun.head.pos_ in _NOUNS:  # "its rejection and condemnation
        agents = [c for c in noun.head.children if c.dep_ == "poss"]  # of Y": one owner for both nouns
    patients = [o for p, o in obls if p == "of"]
    # the clause the noun takes: "the threat to attack Y", "the demand that Y withdraw"
    comp = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in _VERBS and clause_mark(c)
                 or c.dep_ == "advcl" and for_clause(c)), None)  # "its appeal for Y to recognise Z"
    if comp is None and noun.dep_ == "dobj":  # "reiterated its demand today that Y withdraw", "renewed its
        comp = next((c for c in noun.head.children if c.i > noun.i and (  # call for Y to withdraw": the parser
            c.dep_ == "ccomp" and clause_mark(c) == "that" or c.dep_ == "advcl" and for_clause(c))),  # hangs
            None)  # the noun's clause on the verb
    if (of_role == "agent" or comp is not None and infinitive(comp)) and not agents:
        agents, patients = patients, []  # "the refusal of X to meet Y": X refuses
    how = "nominal"
    # "offered his condolences to Y", "launched its attack on Y": an owner pronoun is the light verb's subject,
    # and the verb's phrases are the noun's
    owned = bool(agents) and all(a.pos_ == "PRON" for a in agents)
    light = _light_verb(undertaking or noun) if not agents or owned else None
    credit = claimed_credit(noun, credits) if not agents and light is None else None
    if credit is not None:  # "claimed responsibility for the attack on Y": the claimant's own attack
        light = credit.head
    if not agents and light is None and noun.lemma_.lower() in PARTNERSHIPS and noun.dep_ == "pobj" \
            and noun.head.lower_ == "in" and noun.head.head.pos_ in _VERBS:
        agents = subjects(noun.head.head) or controller(noun.head.head)[0]  # "struck Y in coordination with
        # Z": the striker cooperates with Z
    errand = errand_verb(noun, errands) if not agents and light is None and errands else None
    if errand is not None:  # "Lavrov is on a visit to Y", "arrived in Washington for talks with Y": the one
        agents = subjects(errand) or controller(errand)[0]  # who goes on it or comes for it
    if not agents and light is None and noun.dep_ == "pobj" and noun.head.lower_ in ADJUNCT_PREPS \
            and noun.head.head.pos_ in _VERBS:  # "After talks with Erdogan, Putin agreed…": the clause's subject
        agents = subjects(noun.head.head) or controller(noun.head.head)[0]  # (frames keep only its meetings)
        how = "adjunct"
    if light is not None:  # (the owner pronoun still stands when the parser gave the verb no subject)
        agents = subjects(light) or controller(light)[0] or (agents if owned else [])
        obls += [(p, o) for p, o in obliques(light) if p not in ("by",)]
        how = "light verb"
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
    # "the suspension of aid to Y": a thing the act is done to is its object noun, as a verb's would be
    thing = next((o for o in patients if o.pos_ == "NOUN"), None) if of_role == "patient" else None
    return Predication(noun, "noun", agents=tuple(agents), patients=tuple(patients), obliques=tuple(obls), how=how,
                       light=light, extra={"modifiers": tuple(modifiers)}, object_noun=thing, complement=comp,
                       noun_obliques=tuple(obliques(thing)) if thing is not None else ())


def errand_verb(noun: Token, errands: dict[str, str]) -> Token | None:
    """The verb whose subject goes on or comes for ``noun`` (lexicons/errand_verbs.tsv): "is on a visit to
    Y", "arrived for talks with Y"; None for any other."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "for") or prep.head.pos_ not in _VERBS:
        return None
    phrase = errands.get(prep.head.lemma_.lower())
    return prep.head if phrase == "any" or phrase == prep.lower_ else None


def adjective_predication(adj: Token, controls: Controls = NO_CONTROLS) -> Predication | None:
    """"militias loyal to X", "the group is allied with Y": the noun the adjective describes (or the
    copula's subject) and the adjective's prepositional phrases; "X issued a report critical of Y": the
    report's author too."""
    if adj.dep_ == "amod" and adj.head.pos_ in _NOUNS:
        holder = authored(adj.head, controls)
    elif adj.dep_ in ("acomp", "oprd") and adj.head.pos_ in _VERBS:
        holder = subjects(adj.head) or controller(adj.head)[0]
    elif adj.dep_ == "relcl" or adj.dep_ == "acl":
        holder = [adj.head]
    elif adj.dep_ == "advcl" and adj.head.pos_ in _VERBS:
        holder = _depicted(adj, controls)
    else:
        return None
    obls = obliques(adj)
    if not holder or not obls:
        return None
    return Predication(adj, "adjective", agents=tuple(holder), obliques=tuple(obls), how="adjective")


def _depicted(adj: Token, controls: Controls) -> list[Token]:
    """Who an adjective the parser hung on the verb says something of: the verb's object when the adjective
    (with its adverbs) follows it ("published a report sharply critical of Y", the report and its author),
    else the verb's subject ("Wary of Y, X recalled its envoy")."""
    start = adj.left_edge.i
    objects = [c for c in adj.head.children if c.dep_ in ("dobj", "obj") and c.right_edge.i == start - 1]
    return authored(objects[0], controls) if objects else subjects(adj.head)


def hyphen_predication(participle: Token) -> Predication | None:
    """"Iran-backed militias", "a Lagos-based bank": the word before the hyphen is the agent (or the
    place), the noun the participle modifies is the patient."""
    left = [c for c in participle.children if c.i < participle.i and c.dep_ in ("npadvmod", "compound", "nmod",
                                                                                  "amod", "nsubj", "dobj")]
    hyphens = [c for c in participle.children if c.dep_ == "punct" and c.text in ("-", "\u2010", "\u2011")]
    if not left or not hyphens:
        doc = participle.doc
        before = doc[participle.i - 1] if participle.i > 0 else None
        if before is None or before.text not in ("-", "\u2010", "\u2011") or participle.i < 2:
            return None
        left = [doc[participle.i - 2]]
    target = participle.head if participle.dep_ in ("amod", "compound") else None
    if target is None or target.pos_ not in _NOUNS:
        return None
    return Predication(participle, "participle", passive=True, agents=(left[-1],), patients=(target,), how="hyphen")


def sentence_predications(sent: Span, verbs: frozenset[str], nouns: frozenset[str],
                          participles: frozenset[str], of_roles: dict[str, str],
                          complements: frozenset[str] = frozenset(),
                          controls: Controls = NO_CONTROLS,
                          charges: frozenset[str] = frozenset(),
                          tokens: list[Token] | None = None) -> list[Predication]:
    """The predications of ``sent`` whose head lemma is in the frame lexicons: verbs (``verbs``), event
    nouns (``nouns``; their "of" role in ``of_roles``), hyphenated participles (``participles``), and
    adjectives that take a clause (``complements``: "willing to"). ``tokens``: the sentence's tokens, if
    already made (a walk over a span makes a new Token object per token)."""
    out = []
    for tok in tokens if tokens is not None else sent:
        lemma = tok.lemma_.lower()
        if lemma not in verbs and lemma not in nouns and lemma not in participles and lemma not in complements:
            continue  # most words head no predication: skip them before reading their tags
        if tok.pos_ in _VERBS and lemma in verbs:
            if tok.tag_ == "VBN" and lemma in participles and hyphen_predication(tok):
                out.append(hyphen_predication(tok))
            else:
                out.append(verb_predication(tok, controls))
        elif lemma in nouns and of_roles.get(lemma) == "doer" and (tok.pos_ in _NOUNS or tok.dep_ == "compound"):
            # (the tagger may call "assassin" in "Kennedy assassin Sirhan" a verb)
            found = doer_predication(tok)
            if found:
                out.append(found)
        elif tok.pos_ in _NOUNS and lemma in nouns:
            out.append(noun_predication(tok, of_roles.get(lemma, "patient"), charges, controls.receiving,
                                        controls.efforts, controls.credits, controls.errands))
        elif tok.tag_ in ("VBN", "JJ") and lemma in participles:
            found = hyphen_predication(tok) or adjective_predication(tok, controls)
            if found:
                out.append(found)
        elif tok.pos_ == "ADJ" and lemma in complements and tok.dep_ in ("acomp", "oprd"):
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in _VERBS), None)
            holder = subjects(tok.head) or controller(tok.head)[0]
            if comp is not None and holder:  # "X is willing to withdraw": X, and the clause it is willing to
                out.append(Predication(tok, "adjective", agents=tuple(holder), complement=comp, how="adjective"))
        elif tok.pos_ == "ADJ" and lemma in nouns:
            found = adjective_predication(tok, controls)
            if found:
                out.append(found)
    return out
