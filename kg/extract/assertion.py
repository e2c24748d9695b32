"""How a sentence holds a relation: polarity, modality and attribution, from ontology/lexicons/modality.tsv.

Starting at a relation's trigger, the clause chain is walked upwards: the trigger's own negation and
auxiliaries, then each governing verb that takes the clause as its complement ("plans to visit",
"refused to meet", "denied that…", "said that…"). A nominal trigger ("the visit") also looks at its
modifiers ("the planned visit") and at the verb it is the object or subject of ("cancelled the visit").
The walk stops at relative clauses and participles, whose content the main clause does not govern.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from kg.extract.arguments import doer_noun, resolve_argument
from kg.extract.mentions import MentionIndex
from kg.extract.roles import (
    ADJUNCT_PREPS,
    LIGHT_VERBS,
    PARTNERSHIPS,
    call_to_say,
    claimed_credit,
    clause_mark,
    errand_verb,
    for_clause,
    infinitive,
    question_clause,
    sum_of,
    time_limited,
)
from kg.model import Evidence, Mention

# Strongest first: a conditional plan is conditional.
_MODALITY_ORDER = ("conditional", "possible", "intended", "future")
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "advcl"}
_SINCE_PREPS = ADJUNCT_PREPS - {"before"}  # a time phrase whose act is done before the clause's: "after meeting Y"
_NOMINAL_DEPS = {"dobj", "nsubjpass", "nsubj", "attr"}
_TOPIC_PREPS = frozenset({"on", "over", "about", "for"})  # "talks on X", "a deal over X", "negotiations for X"
_STOP_DEPS = {"relcl", "acl", "appos", "amod"}


@dataclass
class _State:
    negations: int = 0
    modality: str = "asserted"
    source: Mention | None = None
    source_text: str = ""
    cues: list[str] = field(default_factory=list)
    reported: tuple[int, int] | None = None  # the negation count before and after the first report's own
    unrealised: bool = False  # a modal perfect ("would have attacked"): possible, whatever else holds it

    def apply(self, effect: str, cue: str) -> None:
        self.cues.append(cue)
        if effect.endswith("negative"):
            self.negations += 1
        elif effect in _MODALITY_ORDER and (self.modality == "asserted" or
                                            _MODALITY_ORDER.index(effect) < _MODALITY_ORDER.index(self.modality)):
            self.modality = effect


def assess(trigger: Token, index: MentionIndex, evidence: Evidence) -> tuple[Evidence, Mention | None]:
    """``evidence`` with the polarity, modality, source text and cue of the relation whose (first)
    trigger token is ``trigger``, and the mention reported as its source, if any."""
    cues = index.rules.modality
    state = _State()
    credit = claimed_credit(trigger, index.rules.credits) if trigger.pos_ in ("NOUN", "PROPN") else None
    if credit is not None and credit.pos_ != "NOUN":  # "was not behind the attack": the copula's clause
        trigger = credit.head  # holds the act
    elif trigger.lemma_.lower() in PARTNERSHIPS and trigger.dep_ == "pobj" and trigger.head.lower_ == "in" \
            and trigger.head.head.pos_ in ("VERB", "AUX"):
        trigger = trigger.head.head  # "did not act in concert with Y": the verb's clause holds the cooperation
    if trigger.pos_ in ("NOUN", "PROPN"):
        _negating_determiners(state, trigger, cues, ("det",))  # "no talks"
        for child in trigger.children:
            if child.dep_ in ("amod", "compound") and child.lower_ in cues["modifier"]:
                state.apply(cues["modifier"][child.lower_], child.lower_)
        if trigger.dep_ != "attr" and doer_noun(trigger, index.rules):
            return _held(state, evidence)  # "X's killer was denied parole": the noun presupposes its act; what
            # governs the noun governs the doer, not the act ("X was not the killer of Y" still denies it)
        trigger = sum_of(trigger) or trigger  # "would give $5 million in aid": the sum is the verb's object
        if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in index.rules.efforts:
            trigger = trigger.head  # "ended its mediation efforts": the undertaking stands for its act
        trigger = claimed_credit(trigger, index.rules.credits) or trigger  # "denied responsibility for the
        # attack": the claim stands for the act ("was not behind the attack": the copula's clause, below)
        topic = _topic(trigger, cues["topic"]) if index.at(trigger) is None else None
        if topic is not None:  # "talks on the withdrawal of X", "reached a deal over the release of Y": an act
            state.apply(cues["topic"][topic.lemma_.lower()], topic.lemma_.lower())  # under negotiation
            return _held(state, evidence)
        if trigger.dep_ == "pobj" and trigger.head.lower_ in _SINCE_PREPS and index.at(trigger) is None:
            _since(state, trigger.head, cues, index)  # "After talks with Erdogan, Putin agreed…": the talks were held
            return _held(state, evidence)
        if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and index.at(trigger) is None:
            governor = trigger.head.head  # "accused X of the murder of Y", "charged X with the murder of Y"
            effect = cues["governor"].get(_phrase(governor)) if not _with_adjective(governor) else None
            if effect and governor.pos_ == "NOUN" and _asker(governor, cues) is not None:
                return _held(state, evidence)  # "demanded an end to the attacks": only the end is asked for
            if effect:
                _apply_governor(state, effect, governor, index)
                return _held(state, evidence)
        errand = errand_verb(trigger, index.rules.errands) if index.at(trigger) is None else None
        if errand is not None:  # "is not on a visit to Y", "will fly to X for talks with Y": the verb of going
            clause = errand  # on or coming for the event holds it
        else:
            if trigger.dep_ not in _NOMINAL_DEPS or index.at(trigger) is not None:
                return _held(state, evidence)  # an actor noun ("the delegation to Cairo") is no event to qualify
            governor = trigger.head
            effect = cues["governor"].get(_phrase(governor))
            if effect and trigger.dep_ in ("dobj", "nsubjpass") and not (  # "cancelled the visit", "the visit was
                    effect != "negative" and trigger.lemma_.lower() in index.rules.verbal_acts) \
                    and trigger.lemma_.lower() not in index.rules.titles.predicate:  # postponed"; an offered apology
                _apply_governor(state, effect, governor, index)  # is made, an arrested chairman stays chairman
            if any(c.dep_ == "poss" and index.at(c) is not None for c in trigger.children) \
                    and governor.lemma_.lower() not in LIGHT_VERBS:
                return _held(state, evidence)  # "X will condemn Y's attack": Y's act is presupposed, not X's plan
            clause = governor
    else:
        clause = trigger
    own = True  # the act's own clause, or one it is the infinitive of ("neither X nor Y agreed to meet Z")
    for _ in range(8):
        _clause_cues(state, clause, cues, index, speech=_speech_act(clause, trigger, cues["speech"]), own=own)
        own = own and clause.dep_ == "xcomp"
        if clause.dep_ == "ROOT" and _yes_no_question(clause):
            state.apply("possible", "?")  # "Did Russia attack Y?" asks; it does not assert
        if clause.dep_ in _STOP_DEPS - {"acl"} or clause.dep_ == "ROOT" or clause.head is clause:
            break
        if _before_colon(clause):  # "X issued an ultimatum to Y: if it buys Z, sanctions will follow"
            break
        noun = clause.head
        held = cues["noun"].get(noun.lemma_.lower()) or cues["request"].get(noun.lemma_.lower())
        if clause.dep_ in ("acl", "ccomp") and noun.pos_ == "NOUN" and held and clause_mark(clause):
            # "Iran's threat to attack Y", "the refusal of X to meet Y", "its demand that Y withdraw": the
            # noun holds the act, and what governs the noun governs it ("cancelled its plan to visit Y")
            state.apply(held, noun.lemma_.lower())
            _negating_determiners(state, noun, cues, ("det",))  # "has no plans to attack Y", "no intention to"
            if noun.dep_ not in _NOMINAL_DEPS or noun.head.pos_ not in ("VERB", "AUX"):
                break
            effect = cues["governor"].get(_phrase(noun.head))
            if effect and noun.dep_ in ("dobj", "nsubjpass"):
                _apply_governor(state, effect, noun.head, index)
            clause = noun.head
            continue
        asker = _asker(noun, cues) if noun.dep_ == "dobj" and clause_mark(clause) == "that" else None
        if clause.dep_ in ("acl", "ccomp") and noun.pos_ == "NOUN" and asker is not None:
            # "demanded proof that Y attacked Z", "sought assurances that…": the clause says what is asked for
            _apply_governor(state, "intended", asker, index)
            clause = asker
            continue
        if clause.dep_ == "acl" and clause.head.pos_ == "NOUN":
            for child in clause.head.children:  # "alleged crimes committed by X": the doubt on the noun is
                effect = cues["modifier"].get(child.lower_) if child.dep_ == "amod" else None
                if effect == "possible":  # doubt on its act (a "planned" or "cancelled" noun is no such cue)
                    state.apply(effect, child.lower_)
        if clause.dep_ == "acl" and not (clause.head.pos_ == "NOUN" and clause.head.lemma_.lower() in cues["claim"]):
            break
        head = clause.head
        if clause.dep_ == "conj":
            if state.negations % 2 and cues["governor"].get(_phrase(clause), "").endswith("negative") and any(
                    c.dep_ in ("neg", "preconj") and c.lower_ in cues["neg"] for c in head.children):
                state.negations -= 1  # "neither confirmed nor denied striking Y", "did not confirm or deny
                state.apply("possible", "neither")  # that…": the denial is not made, and nothing is affirmed
            finite = clause.tag_ in _FINITE  # "said it would appeal and accused X": "accused" has its own tense
            clause = head  # a conjoined verb shares its first conjunct's governors, not its negation
            if not finite:
                _shared_auxiliaries(state, clause, cues)
            if clause.dep_ in _STOP_DEPS or clause.dep_ == "ROOT":
                break
            head = clause.head
        if clause.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in cues["claim"]:
            # "denied U.S. accusations that it had supplied…": the claim noun carries the content to
            # whatever governs the noun
            _negating_determiners(state, head, cues, ("det",))  # "there is no evidence that Y attacked Z"
            verdict = _claim_verdict(head, cues["disclaim"])
            if verdict is not None:  # "X's claim that Y attacked Z was false"
                state.apply(cues["disclaim"][verdict.lower_], verdict.lower_)
            elif head.dep_ in ("dobj", "nsubjpass", "pobj", "appos"):
                governor = head.head
                phrase = _phrase(governor)
                effect = cues["disclaim"].get(phrase) or cues["governor"].get(phrase) or cues["report"].get(phrase)
                if effect:  # "dismissed reports that…", "denied accusations that…", "said reports that…"
                    _apply_governor(state, effect, governor, index)
                else:
                    state.apply("report", head.lemma_.lower())
            else:
                state.apply("report", head.lemma_.lower())
            break
        if clause.dep_ == "pcomp" and head.dep_ == "prep":
            # "accused X of attacking Y", "was charged with killing Y": the verb above the preposition
            # (or above the noun it hangs on) governs the gerund; the preposition may mark it ("without
            # consulting Y")
            if head.lower_ in cues["mark"]:
                state.apply(cues["mark"][head.lower_], head.lower_)
            if head.lower_ in _SINCE_PREPS:  # "After meeting Erdogan, Putin agreed to Y"
                _since(state, head, cues, index)
                break
            prep, head = head, head.head
            held = cues["noun"].get(head.lemma_.lower()) or cues["request"].get(head.lemma_.lower())
            if head.pos_ == "NOUN" and prep.lower_ in ("for", "of") and held:
                state.apply(held, head.lemma_.lower())  # "a U.N. appeal for deploying troops", "plans of attacking Y"
                _negating_determiners(state, head, cues, ("det",))  # "has no intention of attacking Y"
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass", "pobj"):
                head = head.head
        if clause.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
            clause = head  # "X is not loyal to Y", "may be critical of Y": the copula's cues are the adjective's
            continue
        if clause.dep_ in _COMPLEMENT_DEPS or (clause.dep_ == "dep" and head.pos_ in ("VERB", "AUX", "ADJ")):
            effect = cues["governor"].get(_phrase(head)) or cues["report"].get(_phrase(head))
            if effect == "report" and clause.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in head.children):
                effect = "intended"  # "told Hamas to release Y", "warned X to leave": a directive, not a report
            if not effect and _ordered_act(clause, head, index.rules.command_verbs):
                effect = "intended"  # "(did not) order the army to attack Y": what the army is to do, not done ("ordered
                # Y to be released" is the releasing of the one who orders: lexicons/command_verbs.tsv)
            if clause.dep_ in ("xcomp", "advcl") and call_to_say(clause, index.rules.call_purposes):
                effect = ""  # "called Y to express support": the call says it; no one is asked to
            if clause.dep_ == "advcl" and infinitive(clause) and head.pos_ in ("VERB", "AUX") and time_limited(head):
                effect = "intended"  # "gave Y until June to leave": what Y is to do, not done
            if effect:
                _apply_governor(state, effect, head, index)
            if clause.dep_ == "xcomp" and _phrase(head) in cues["hearsay"] \
                    and any(c.dep_ == "auxpass" for c in head.children):
                state.apply(cues["hearsay"][_phrase(head)], _phrase(head))  # "X is said to have bombed Y"
            clause = head
            continue
        break
    return _held(state, evidence)


def _since(state: _State, prep: Token, cues: dict[str, dict[str, str]], index: MentionIndex) -> None:
    """An act in a phrase of time before the clause's own ("after meeting Erdogan", "following talks with
    Y"): done, whatever the clause's verb or negation says of its own act; only its tense and its reporter
    carry over ("will sign it after meeting Y" is future; "…, according to the UN")."""
    for child in prep.head.children:
        if child.dep_ == "aux" and child.lemma_.lower() in cues["aux"]:
            state.apply(cues["aux"][child.lemma_.lower()], child.lower_)
        elif child.dep_ == "prep" and child.lower_ == "according":
            _according_to(state, child, index)


def _clause_cues(state: _State, verb: Token, cues: dict[str, dict[str, str]], index: MentionIndex,
                 speech: bool = False, own: bool = False) -> None:
    """Negation, auxiliaries, subordinators and "according to X" attached to one clause's verb, and in
    the act's ``own`` clause a negation on its subject or object ("neither X nor Y signed it", "sent no
    troops"; not "gave no warning before it struck Y", another clause's object); a
    that-clause in the subjunctive ("… that Israel ease the restrictions": a base form with a subject of
    its own and no auxiliary) says what is wanted, not what is done."""
    inverted = _inverted(verb, cues["inversion"])
    if inverted:  # "Should Turkey attack Y, …": a condition with no "if"
        state.apply(cues["inversion"][inverted], inverted)
    if clause_mark(verb) == "that" and _subjunctive(verb):
        state.apply("intended", "that")
    elif for_clause(verb):  # "renewed its call for Y to withdraw": what is wanted of Y
        state.apply("intended", "for")
    for child in verb.children:
        lower = child.lower_
        if child.dep_ == "neg" and lower in cues["neg"]:
            state.apply(cues["neg"][lower], lower)
        elif child.dep_ == "advmod":  # "no longer supports Y": the parser hangs "no" on the adverb
            if lower in cues["adverb"]:  # "allegedly bombed Y", "will probably meet Y"
                state.apply(cues["adverb"][lower], lower)
            for neg in child.children:
                phrase = f"{neg.lower_} {lower}"
                if neg.dep_ == "neg" and phrase in cues["neg"]:
                    state.apply(cues["neg"][phrase], phrase)
        elif own and child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            _negating_determiners(state, child, cues, ("det", "preconj"))
        elif child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in cues["aux"]:
            state.apply(cues["aux"][child.lemma_.lower()], lower)
            if lower in cues["perfect"] and any(a.dep_ == "aux" and a.lemma_ == "have" and a.i > child.i
                                                for a in verb.children):  # "would have attacked"
                state.apply(cues["perfect"][lower], f"{lower} have")
                state.unrealised = True
        elif child.dep_ == "mark" and lower in cues["mark"]:  # "asked if Y would attack Z" asks; no condition
            state.apply("possible" if question_clause(verb) else cues["mark"][lower], lower)
        elif child.dep_ == "advcl" and not speech:  # "X will attack Y if the siege goes on"; not "threatened X if…"
            for mark in child.children:
                if mark.dep_ == "mark" and cues["mark"].get(mark.lower_) == "conditional":
                    state.apply("conditional", mark.lower_)
            if inverted := _inverted(child, cues["inversion"]):  # "Had Russia invaded Y, NATO would have…"
                state.apply(cues["inversion"][inverted], inverted)
        elif child.dep_ == "prep" and lower == "according":
            _according_to(state, child, index)


def _inverted(clause: Token, inversions: dict[str, str]) -> str:
    """The auxiliary that opens an adverbial clause before its subject, making it a condition ("Should
    Turkey attack Y, …", "Had Russia invaded Y, …", "Were Iran to attack Y, …"), or ""."""
    if clause.dep_ != "advcl":
        return ""
    first = clause.left_edge
    opens = first.i == clause.i or first.dep_ == "aux" and first.head.i == clause.i
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if not opens or subject is None or subject.i < first.i or first.lower_ not in inversions:
        return ""
    return first.lower_


def _according_to(state: _State, according: Token, index: MentionIndex) -> None:
    """"…, according to X": X reports the act (the first such phrase up the clause chain)."""
    if state.source_text:
        return
    for to in according.children:
        for pobj in to.children:
            if pobj.dep_ == "pobj":
                state.apply("report", "according to")
                state.source_text = _np_text(pobj)
                state.source = _mention(pobj, index)


def _topic(noun: Token, topics: dict[str, str]) -> Token | None:
    """The noun of negotiation (lexicons/modality.tsv, topic) whose "on", "over", "about" or "for" phrase
    ``noun`` is: on the noun itself ("talks on X"), or on the verb it is the object of, where the parser
    hangs the phrase ("reached a deal on X", "signed an agreement over X"); None when there is none."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in _TOPIC_PREPS:
        return None
    host = noun.head.head
    if host.pos_ == "NOUN":
        return host if host.lemma_.lower() in topics else None
    if host.pos_ in ("VERB", "AUX"):
        return next((c for c in host.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in topics),
                    None)
    return None


def _before_colon(clause: Token) -> bool:
    """A clause that a colon or semicolon ends, hung by the parser on a verb after it: it is said on its own,
    and what follows explains it ("X issued an ultimatum to Y: if it buys Z, sanctions will follow"); the
    later clause's conditions and auxiliaries are not its own."""
    head = clause.head
    return clause.dep_ in ("ccomp", "parataxis", "dep") and head.i > clause.i and any(
        t.text in (":", ";") and t.head.i in (clause.i, head.i) for t in clause.doc[clause.i + 1:head.i])


def _yes_no_question(root: Token) -> bool:
    """A sentence that asks whether its clause holds: it ends in a question mark and opens with its root's
    auxiliary or copula ("Did Russia attack Y?", "Is Iran arming Z?", "Will X meet Y?"). A question of who,
    why or how ("Why did Russia attack Y?") takes the act as given and is not one."""
    sent = root.sent
    if not any(t.text == "?" for t in sent[-3:]):
        return False
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None:
        return False
    return first.i != root.i and first.head.i == root.i and first.dep_ in ("aux", "auxpass") \
        or first.i == root.i and first.lemma_ == "be"


def _subjunctive(verb: Token) -> bool:
    """A clause in the subjunctive: a base form with a subject of its own ("that Israel withdraw", "that
    Sudan release them", tagged as a plural present after a singular noun), or "be" + participle ("that the
    talks be held")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return auxiliaries[0].lower_ == "be" and auxiliaries[0].tag_ == "VB"
    return verb.tag_ == "VB" or verb.tag_ == "VBP" and subject.tag_ in ("NN", "NNP")


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a verb with a tense of its own takes no other's auxiliary


def _shared_auxiliaries(state: _State, verb: Token, cues: dict[str, dict[str, str]]) -> None:
    """A first conjunct's auxiliaries apply to a second without a tense of its own ("will meet X and visit
    Y", "has met X and signed Y"); its negation not."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in cues["aux"]:
            state.apply(cues["aux"][child.lemma_.lower()], child.lower_)


def _negating_determiners(state: _State, noun: Token, cues: dict[str, dict[str, str]], deps: tuple[str, ...]) -> None:
    """The negation words hung on ``noun`` by ``deps`` ("no talks", "neither X nor Y")."""
    for det in noun.children:
        if det.dep_ in deps and det.lower_ in cues["neg"]:
            state.apply(cues["neg"][det.lower_], det.lower_)


_VERDICT_COPULAS = ("be", "prove")  # "the claim … was false", "rumours that … proved false"


def _claim_verdict(noun: Token, verdicts: dict[str, str]) -> Token | None:
    """The adjective a copula says of the claim noun that is its subject ("the claim … was false")."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ not in _VERDICT_COPULAS:
        return None
    return next((c for c in noun.head.children if c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in verdicts), None)


def _with_adjective(verb: Token) -> bool:
    """Whether an adjective completes ``verb`` into another predicate ("pleaded guilty to the murder of Y" is
    no plea to anyone: the murder is what was admitted)."""
    return any(c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ" for c in verb.children)


def _ordered_act(clause: Token, head: Token, commands: frozenset[str]) -> bool:
    """Whether ``clause`` is the act a verb of command (lexicons/command_verbs.tsv) orders its object to do,
    however the parser hung the infinitive: "ordered the army to attack Y" (an open complement, or a
    purpose clause after the object), "ordered [the police to detain Y]" (a clause with its own subject).
    Not a passive ("ordered Y to be released" is the releasing of the one who orders)."""
    if head.lemma_.lower() not in commands or any(c.dep_ == "auxpass" for c in clause.children):
        return False
    if clause.dep_ == "xcomp" or clause.dep_ == "advcl" and infinitive(clause):
        return any(c.dep_ == "dobj" for c in head.children)
    return clause.dep_ == "ccomp" and infinitive(clause) and any(c.dep_ == "nsubj" for c in clause.children)


def _apply_governor(state: _State, effect: str, governor: Token, index: MentionIndex) -> None:
    if effect.startswith("report") and not state.source_text:
        subj = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            state.source_text = _np_text(subj)
            state.source = _mention(subj, index)
    before = state.negations
    state.apply(effect, _phrase(governor))
    if effect.startswith("report") and state.reported is None:
        state.reported = (before, state.negations)


def _mention(tok: Token, index: MentionIndex) -> Mention | None:
    found = resolve_argument(tok, index, as_object=False)
    return found[0] if found else None


def _speech_act(clause: Token, trigger: Token, speech: dict[str, str]) -> bool:
    """Whether ``clause`` is the trigger's own speech act, whose if-clause is part of what is said:
    "threatened Y with tariffs unless…", or a verb issuing a speech noun ("issued an ultimatum to Y,
    warning of military action if…")."""
    return clause is trigger and (_phrase(trigger) in speech or any(
        c.dep_ == "dobj" and c.lemma_.lower() in speech for c in clause.children))


def _asker(noun: Token, cues: dict[str, dict[str, str]]) -> Token | None:
    """The verb that asks for ``noun`` ("demanded an end to…", "called for a halt to…", "sought assurances
    that…"), or None."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    asks = noun.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and cues["governor"].get(_phrase(head)) == "intended"
    return head if asks else None


def _phrase(tok: Token) -> str:
    """A verb's lemma with its particle ("call off"), for the governor lexicon; "have" and "be" with "yet"
    ("has yet to meet Y", "is yet to sign": not done so far)."""
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    lemma = tok.lemma_.lower()
    if lemma in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children):
        return f"{lemma} yet"
    return f"{lemma} {prt.lower_}" if prt is not None else lemma


def _np_text(tok: Token) -> str:
    words = [t for t in tok.subtree if t.dep_ not in ("punct", "relcl", "acl") and t.i <= tok.i]
    return " ".join(t.text for t in words) if words else tok.text


def _held(state: _State, evidence: Evidence) -> tuple[Evidence, Mention | None]:
    if state.reported is not None and max(state.negations - state.reported[1], 0) % 2:
        state.negations = state.reported[0]  # "did not confirm that Y struck Z", "declined to confirm…", "did
        state.apply("possible", "not")  # not deny that…": a report withheld or a denial not made asserts nothing
    if state.unrealised:  # "If Russia had invaded Y, NATO would have attacked Z": neither a condition nor a threat
        state.modality = "possible"
    return replace(
        evidence,
        polarity="negative" if state.negations % 2 else "positive",
        modality=state.modality,
        source_text=state.source_text,
        cue=" ".join(dict.fromkeys(state.cues)),
    ), state.source


def intent_cue(trigger: Token, cues: frozenset[str], obligations: frozenset[str] = frozenset()) -> str:
    """The word that makes the act ``trigger`` reports its actor's own stated intent, or "": an auxiliary of
    its verb or of the verb it is a conjunct of ("will meet", "would release"), a verb or adjective whose
    infinitive it is ("plans to visit", "is ready to send"), a verb whose object it is ("plans a visit"), a
    modifier of the event noun ("the planned visit"), the auxiliary of the light verb whose object the event
    noun is ("would tighten the blockade"). "If X attacks Y, the war will resume" has none: the auxiliary
    is another clause's, and "X must be ready to mediate" none either: an auxiliary of ``obligations`` on
    the verb or adjective says what others ask of X."""
    tok = sum_of(trigger) or trigger  # "will send $5 million in aid": the sum is the verb's object
    for _ in range(4):
        for child in tok.children:
            if child.dep_ == "aux" and (child.lemma_.lower() in cues or child.lower_ in cues):
                return child.lower_
            if child.dep_ == "amod" and tok.pos_ in ("NOUN", "PROPN") and child.lower_ in cues:
                return child.lower_
        head = tok.head
        if head is tok:
            break
        if tok.dep_ in ("xcomp", "dobj") and head.lemma_.lower() in cues:
            clause = head.head if head.dep_ == "acomp" else head  # "must be ready to": the copula's
            obliged = any(c.dep_ == "aux" and c.lower_ in obligations for c in (*head.children, *clause.children))
            return "" if obliged else head.lemma_.lower()
        if tok.dep_ == "dobj" and tok.pos_ in ("NOUN", "NUM") and head.lemma_.lower() in LIGHT_VERBS:
            tok = head  # "would tighten the blockade": the light verb's auxiliary is the event noun's
            continue
        if tok.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in cues and clause_mark(tok) == "to":
            return head.lemma_.lower()  # "Russia's plan to attack Y", "a decision to expel Y"
        if tok.dep_ == "conj" and head.pos_ == tok.pos_:
            tok = head  # "will meet X and visit Y": the first conjunct's auxiliary
            continue
        break
    return ""
