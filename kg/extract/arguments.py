"""From a matched token to the mention it stands for, the same way for every construction.

Relative pronouns go to their antecedent, appositions to the name they rename, "one of X" and "a group
of X" to X, an event noun in object position to its possessor ("rejected Egypt's request" -> Egypt), and
coordinated arguments are expanded ("X and Y met Z" gives both X and Y).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.common.names import match_key
from kg.extract.mentions import (
    MentionIndex,
    city_officer_place,
    conjuncts,
    local_group,
    of_object,
    state_of,
)
from kg.extract.roles import (
    PARTNERSHIPS,
    call_to_say,
    clause_mark,
    harm_modifiers,
    leaders,
)
from kg.model import Mention
from kg.rules import Rules
from kg.rules.frames import BACKING, MATERIAL_HARM
from kg.rules.lexicons import OWNER, longest_suffix

_RELATIVE_PRONOUNS = {"that", "who", "which", "whom", "where"}
COPULAS = frozenset({"be", "become", "remain"})  # verbs whose subject is what their noun says (attr)
# Personal pronouns and whether their antecedent is a person (True), not a person (False) or either.
_PERSONAL = {"he": True, "him": True, "his": True, "she": True, "her": True, "it": False, "its": False,
             "they": None, "them": None, "their": None}
_PLURAL = frozenset(word for word, person in _PERSONAL.items() if person is None)


def arguments(tok: Token, index: MentionIndex, as_object: bool,
              coordinated: bool = True) -> Iterator[tuple[Mention, str]]:
    """Mentions an argument token stands for, with how each was reached, coordinated ones included."""
    seen = set()
    if coordinated and tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        clause = tok.head
        tok = _relative_antecedent(tok, index, as_object)  # "Egypt and Qatar, which have mediated…": both
        if _plural_clause(clause) and tok.tag_ in ("NN", "NNP"):  # "Egypt, Qatar and the United States,
            while tok.dep_ == "conj":  # which have mediated…": a singular last conjunct with a plural verb is
                tok = tok.head  # the whole list's clause
    if coordinated and (subject := reciprocal_subject(tok)) is not None:
        tok = subject  # "X and Y accused each other": both; each pair's own member is left out by the caller
    for t in conjuncts(tok) if coordinated else [tok]:
        # "Nigerian and British forces": the groups coordinated with the one on the noun (index.also)
        for u in [t, *(t.doc[i] for i in index.also.get(t.i, ()) if coordinated)]:
            found = resolve_argument(u, index, as_object)
            if found and found[0].start not in seen:
                seen.add(found[0].start)
                yield found
                if found[1] in ("modifier", "owner") and coordinated:
                    yield from _coordinated_owners(u, found[0], index, seen)
                if found[1] == "pronoun" and u.lower_ in _PLURAL and coordinated:
                    yield from _coordinated_antecedents(u, found[0], index, seen)


def _plural_clause(verb: Token) -> bool:
    """Whether a relative clause's verb agrees with a plural subject: "which have mediated", "who are", "who
    were" (a present tense other than the third person singular, or "were")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in (verb, *auxiliaries))


def _coordinated_owners(tok: Token, first: Mention, index: MentionIndex,
                        seen: set[int]) -> Iterator[tuple[Mention, str]]:
    """The named mentions coordinated with the one that stands for noun ``tok`` (``first``): its modifier
    ("arrested Ethiopian and Eritrean migrants") or its "of" object ("the armies of Chad and Niger")."""
    for m in owner_words(tok):
        if index.at(m) is first:
            for c in conjuncts(m)[1:]:
                found = index.at(c)
                if _named(found) and found.start not in seen:
                    seen.add(found.start)
                    yield found, "owner"


def _coordinated_antecedents(pron: Token, first: Mention, index: MentionIndex,
                             seen: set[int]) -> Iterator[tuple[Mention, str]]:
    """"Egypt and Qatar said they would host the talks": a plural pronoun (``pron``) stands for every name
    coordinated with the one it refers to (``first``)."""
    last = index.by_token_end.get(first.end)
    if last is None:
        return
    for c in conjuncts(pron.doc[last])[1:]:
        found = index.at(c)
        if _named(found) and found.start not in seen:
            seen.add(found.start)
            yield found, "pronoun"


def owner_words(noun: Token) -> list[Token]:
    """The words that may name whose ``noun`` is: its modifiers before it and its "of" object ("French
    officials", "Egypt's leaders", "the leaders of Egypt")."""
    near = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < noun.i]
    return near + [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]


def _named(m: Mention | None) -> bool:
    return m is not None and m.cls != "GroupActor"


def _close_apposition(noun: Token, index: MentionIndex) -> Mention | None:
    """The name right after a common noun that it renames with no comma between ("the rebel group Seleka",
    "the oil company Total"), or None."""
    if noun.pos_ != "NOUN":
        return None
    for child in noun.rights:
        if child.dep_ == "appos" and child.i == noun.i + 1 or child.dep_ == "appos" and all(
                t.dep_ in ("compound", "flat") for t in noun.doc[noun.i + 1:child.i]):
            m = index.at(child)
            if _named(m):
                return m
    return None


def _of_object(tok: Token, index: MentionIndex) -> Mention | None:
    """The named mention in "<noun> of <Name>", if any ("members of the Ibn-Taymiya Center"); for an
    unnamed people noun there, the name that modifies it ("the appeal of a British student": Britain, as
    "arrested a British student" is). None for an event noun whose "of" names who undergoes it: "the
    killing of X" is no act of X's (unless an infinitive says what X does: "the refusal of X to meet Y")."""
    nominal = index.rules.frames.nominals.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
    if nominal is not None and nominal.of == "patient" and not any(
            t.tag_ == "VB" and t.dep_ in ("acl", "xcomp", "relcl") for t in tok.subtree):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if _named(index.at(pobj)):
                    return index.at(pobj)
                named = _close_apposition(pobj, index) or _described(pobj, index)
                if named is not None:  # "the dealings of the engineering group Siemens", "the leader of the
                    return named  # Mungiki sect"
                if pobj.pos_ != "NOUN" or not people_noun(pobj, index.rules):
                    continue
                named = _allegiance(pobj, index)  # "a camp of forces loyal to X"
                if named is not None:
                    return named
                if index.at(pobj) is not None:  # "the request of Syrian journalists": that group
                    return index.at(pobj)
                for c in pobj.children:
                    if c.dep_ in ("amod", "compound") and c.i < pobj.i and _named(index.at(c)):
                        return index.at(c)
    return None


def _described(tok: Token, index: MentionIndex) -> Mention | None:
    """The organisation a kind noun names ("the Hamas movement", "the al-Qaeda terror network"), not a
    description ("a Kurdish-led militia")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in index.rules.names.descriptor_heads \
            or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return None
    for child in reversed(list(tok.lefts)):
        m = index.at(child)
        if child.dep_ in ("compound", "nmod") and _named(m) and index.rules.schema.is_a(m.cls, "Organization"):
            return m
    return None


def _identified(noun: Token, index: MentionIndex) -> Mention | None:
    """The named actor an identifying verb equates an unnamed noun with: "the gunman was identified as X",
    "police identified the man who stabbed Y as X", "named X as the bomber", "the attacker, identified as
    X, fired" (lexicons/identity_verbs.tsv); the parser hangs "as" anywhere in the verb's clause."""
    verbs = index.rules.identifiers
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in verbs:
        verb, others = head, None
    elif noun.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in verbs:
        verb, others = head.head, [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        verb = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in verbs), None)
        others = None
    if verb is None:
        return None
    if others is None:
        others = [o for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "as" and t.i > noun.i
                  for o in t.children if o.dep_ == "pobj"]
    for other in others:
        m = index.at(other)
        if _named(m) and index.rules.schema.coarse(m.cls) != "Location":
            return m
    return None


def holder_hung_on_owner(title: Token, index: MentionIndex) -> Token | None:
    """The person named after a comma in "the chairman of Y, X," or "a spokesman for Y, X," when the parser
    hangs X on Y (apposition to the title's "of" or "for" object, not to the title): X holds the title. None
    when no such name stands there."""
    for prep in title.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        for owner in (o for o in prep.children if o.dep_ == "pobj"):
            m = index.at(owner)
            if m is None or index.rules.schema.coarse(m.cls) == "Person":
                continue
            for c in owner.children:
                named = index.at(c) if c.dep_ == "appos" else None
                if named is not None and index.rules.schema.coarse(named.cls) == "Person" \
                        and c.i > owner.i + 1 and c.doc[c.left_edge.i - 1].text == ",":
                    return c
    return None


def reciprocal_subject(tok: Token) -> Token | None:
    """The subject a reciprocal ("each other", "one another") stands for the members of: the first subject
    of the clause it is an object in, or of the clause that controls it ("agreed to support each other")."""
    if not (tok.lower_ == "other" and any(c.dep_ == "det" and c.lower_ == "each" for c in tok.children)
            or tok.lower_ == "one" and any(c.dep_ == "det" and c.lower_ == "another" for c in tok.children)):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "fired at each other", "accused each other"
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def resolve_argument(tok: Token, index: MentionIndex, as_object: bool,
                     depth: int = 0) -> tuple[Mention, str] | None:
    """The mention ``tok`` stands for and how it was reached ("direct", "relative", "apposition"…)."""
    m = index.at(tok)
    if as_object and (host := _host_state(tok, index)) is not None:
        return host, "host"
    if (m is None or m.cls == "LocalGroup") and tok.pos_ == "NOUN":
        named = _identified(tok, index)  # "the gunman who killed X was identified as Y": Y
        if named is not None:
            return named, "identity"
    if (m is None or m.source == "local") and not as_object and tok.pos_ == "NOUN":
        owner = _pronoun_owner(tok, index, depth)  # "Russia said its troops took Y": Russia's side acted
        if owner is not None:
            return owner, "owner"
    if m is not None:
        return m, "direct"
    if depth > 2 or tok.lemma_.lower() in PARTNERSHIPS and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return None  # "in cooperation with Y" names a partner of the act, not what it is done to
    subject = reciprocal_subject(tok)
    if subject is not None:  # "X and Y accused each other": stands for the members of the subject
        found = resolve_argument(subject, index, False, depth + 1)
        return (found[0], "reciprocal") if found else None
    if tok.pos_ == "PRON" and tok.lower_ in _PERSONAL:
        person = _PERSONAL[tok.lower_]
        found = _antecedent(tok, index, person) or _sole_person_before(tok, index, person) \
            or _previous(tok, index, person)
        return (found, "pronoun") if found else None
    if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        found = resolve_argument(_relative_antecedent(tok, index, as_object), index, as_object, depth + 1)
        return (found[0], "relative") if found else None
    if (focus := cleft_focus(tok)) is not None:  # "It was Hamas that attacked Israel": Hamas
        found = resolve_argument(focus, index, as_object, depth + 1)
        return (found[0], "cleft") if found else None
    if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "PROPN"):  # "X, an organisation based in Y", "X, a
        # Republican who…" (a name would have been found above) -> X
        head = tok.head
        # An apposition renames the nearest name: in "members of X - an organisation", that is X.
        if not _named(index.at(head)):
            named = _of_object(head, index)
            if named is not None:
                return named, "apposition"
        found = resolve_argument(head, index, as_object, depth + 1)
        if found:
            return found[0], "apposition"
    for child in tok.children:
        if child.dep_ == "appos":
            found = resolve_argument(child, index, as_object, depth + 1)
            if found:
                return found[0], "apposition"
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in index.rules.titles.predicate:
        holder = holder_hung_on_owner(tok, index)  # "the leader of Hamas, X, met Y": X
        if holder is not None:
            return index.at(holder), "apposition"
        if city_officer_place(tok, index) is not None:
            return None  # "the mayor of London": the city's officer, its group (local_group), as "the London mayor"
    if tok.dep_ == "attr" and tok.pos_ == "NOUN" and tok.head.lemma_ in COPULAS:  # "X was the man who killed Y",
        # "X became the first woman to run Y"
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        found = resolve_argument(subject, index, as_object, depth + 1) if subject is not None else None
        if found:
            return found[0], "copula"
    if tok.pos_ == "NOUN":  # "the Saudi-led coalition bombed Y", "US-led airstrikes killed Y": the leader
        led_by = next((index.at(g) for g in leaders(tok) if _named(index.at(g))), None)
        if led_by is not None:
            return led_by, "leader"
    if not as_object and tok.pos_ == "NOUN" and _harming(tok, index.rules):
        # "Princip fired the shots that killed the archduke": the shots stand for Princip; "an attack by X killed
        # Y", "rocket fire from X wounded Y": the harm stands for who did it
        user = _user(tok, index.rules.firing_verbs)
        if user is not None:
            found = resolve_argument(user, index, as_object, depth + 1)
            if found:
                return found[0], "instrument"
        doer = harm_doer(tok, index)  # "an Israeli attack killed Y", "a Taliban ambush killed Y"
        if doer is not None:
            return doer, "instrument"
    of = _partitive(tok, index)  # "one of its leaders, X", "a group of Canadian senators"
    if of is not None:
        found = resolve_argument(of, index, as_object, depth + 1)
        if found:
            return found[0], "partitive"
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in index.rules.place_words.place_nouns:
        named = _of_object(tok, index)  # "the West Bank city of Jenin" is Jenin, not the West Bank
        if named is not None and index.rules.schema.coarse(named.cls) == "Location":
            return named, "apposition"
    if as_object and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") \
            and tok.head.lemma_.lower() in index.rules.restating and not people_noun(tok, index.rules):
        return None  # "reaffirmed the government's backing for Y": whose stance is restated is the speaker's side
    if as_object and (tok.pos_ == "NOUN" and not doer_noun(tok, index.rules)
                      or tok.pos_ == "PROPN" and index.at(tok) is None  # "rejected Egypt's
                      and tok.lemma_.lower() in index.rules.titles.predicate):  # request", "a U.S. proposal" ->
        # the proposer; "met the Algerian Prime Minister" -> the body the unnamed title holder stands for
        people = people_noun(tok, index.rules)
        for dep in ("poss", "compound", "amod", "nmod"):
            for child in tok.children:
                if child.dep_ == dep:
                    m = index.at(child)
                    if m is not None and dep != "poss" and people and (not index.rules.schema.is_a(m.cls, "Actor")
                                                                       or index.rules.schema.is_a(m.cls, "Community")):
                        continue  # "criticized the Lagos police": the city's police (local_group), not the city;
                        # "killed two Catholic priests": some of a faith, not all of it
                    if m is not None and dep != "poss" and index.rules.schema.coarse(m.cls) == "Location" \
                            and (owner := _of_object(tok, index)) is not None \
                            and index.rules.schema.is_a(owner.cls, "Organization"):
                        continue  # "heads the Cairo office of Reuters": the office is Reuters', in Cairo
                    if _named(m) or (dep == "poss" and m is not None):  # "the Iraqi government's demand"
                        return m, "possessor" if dep == "poss" else "modifier"
                    if dep == "poss" and child.pos_ in ("NOUN", "PROPN"):  # "the Israeli Prime Minister's plan": whom the
                        found = resolve_argument(child, index, False, depth + 1)  # title stands for, as a subject would
                        if found:
                            return found[0], "possessor"
        for child in tok.children:  # "a Daesh explosives factory", "a Yemeni school bus": the name before a
            if child.dep_ == "compound" and child.pos_ == "NOUN" and index.at(child) is None:  # noun compound
                for grand in child.children:
                    m = index.at(grand)
                    if grand.dep_ in ("compound", "amod") and grand.i < child.i and _named(m):
                        return m, "modifier"
    described = _described(tok, index)
    if described is not None:
        return described, "modifier"
    if tok.pos_ in ("NOUN", "PROPN") and not as_object and tok.lemma_.lower() in index.rules.titles.predicate:
        for child in tok.children:  # "the UN chief said", "Russia's president warned", "a UN human rights
            # expert" (the name parsed as a modifier of the whole phrase): the body they lead or serve; a
            # city's own officer is no state's ("the London mayor said", as "the Mayor of London"), where
            # "the Ankara prosecutor" is the state's officer there
            if child.dep_ in ("poss", "compound", "amod", "nmod") and _named(index.at(child)) \
                    and index.rules.schema.coarse(index.at(child).cls) != "Person" \
                    and not (tok.lemma_.lower() in index.rules.titles.place_own
                             and not index.rules.schema.is_a(index.at(child).cls, "Actor")):
                return index.at(child), "title"
    if tok.pos_ == "PROPN" and index.at(tok) is None and longest_suffix(
            [c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound"] + [tok.lemma_.lower()],
            index.rules.titles.predicate) is not None:  # "the Crown Prince of Saudi Arabia"
        named = _of_object(tok, index)  # "met the Emir of Qatar", "the President of Kenya said": the unnamed
        if named is not None and (index.rules.schema.is_a(named.cls, "Actor")  # holder of a capitalised title
                                  or index.rules.schema.coarse(named.cls) == "Location"):
            return named, "title"  # stands for whom it serves, as "Qatar's emir" does; "the Chief Prosecutor of
            # Ankara" for the city, as "the Ankara prosecutor" (its state's officer there); "the Mayor of London"
            # is the city's own (city_officer_place, above)
    if tok.pos_ == "NOUN" and doer_noun(tok, index.rules):
        for child in tok.children:  # "Taliban attackers stormed Y": the body the doers are of (a person
            m = index.at(child)  # before a doer noun is its victim: "the Rabin assassin")
            if child.dep_ in ("compound", "amod") and _named(m) and index.rules.schema.coarse(m.cls) != "Person":
                return m, "doer"
        return None  # its possessor and its "of" object are the victims: "denied bail to X's killer" is not X
    if tok.pos_ == "NOUN" and not as_object and tok.lemma_.lower() in index.rules.proxies:
        owner = _proxied(tok, index, depth)  # "Putin's spokesman said", "lawyers for X filed": X acts
        if owner is not None:
            return owner, "proxy"
    if tok.pos_ == "NOUN" and people_noun(tok, index.rules):
        named = _allegiance(tok, index) or _commander(tok, index)  # "forces loyal to X", "X's forces"
        if named is not None:
            return named, "owner"
    if tok.pos_ == "NOUN" and (as_object or people_noun(tok, index.rules)):
        # "members of Hezbollah", "a proposal put forward by X", "an accord with Iran": the actor the noun
        # belongs to, is made by, or (for the target of an event) is made with
        named = _of_object(tok, index) or _made_by(tok, index)
        if named is not None and not _people_of_place(tok, named, index):
            return named, "owner"
        if as_object:  # "an accord with Iran", "calls by X", "a demand from X"; not "an attack on X"
            # (the parser may hang the phrase on the noun's own "of" or "for": "offers of talks by X")
            inner = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                     for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
            for prep in ("with", "by", "from"):
                for c in [*tok.children, *(c for o in inner for c in o.children if prep != "with")]:
                    if c.dep_ == "prep" and c.lower_ == prep:
                        for pobj in c.children:
                            if pobj.dep_ == "pobj" and (_named(index.at(pobj)) or (
                                    prep != "with" and index.at(pobj) is not None)):  # "a request from the army"
                                return index.at(pobj), "owner"
            by = _agent_on_active_verb(tok)
            if by is not None and _named(index.at(by)):
                return index.at(by), "owner"
    return None


def _people_of_place(noun: Token, of: Mention, index: MentionIndex) -> bool:
    """Whether ``noun`` names people of the place ``of`` whom a name before it says more of: "Kurdish
    residents of Kirkuk" are a group of the Kurds (kg.extract.mentions.local_group), not the city."""
    schema = index.rules.schema
    return schema.coarse(of.cls) == "Location" and not schema.is_a(of.cls, "Actor") and any(
        c.dep_ in ("amod", "compound") and c.i < noun.i and (m := index.at(c)) is not None
        and schema.is_a(m.cls, "Actor") for c in noun.children)


def _host_state(noun: Token, index: MentionIndex) -> Mention | None:
    """The state that hosts a body abroad the clause's own actor keeps there ("its embassy in Damascus",
    "their consulate in Istanbul": lexicons/place_words.tsv, abroad): what is done to one's own mission
    is done towards its host ("reopened its embassy in Damascus" restores ties with Syria, "closed its
    embassy in Kyiv" cuts them with Ukraine). A country is its own state; a city or region of the
    gazetteer stands for the state it lies in."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in index.rules.place_words.abroad \
            or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            place = next((index.at(o) for o in prep.children if o.dep_ == "pobj" and index.at(o) is not None), None)
            if place is None or index.rules.schema.coarse(place.cls) != "Location":
                return None
            return place if index.rules.schema.is_a(place.cls, "Country") \
                else state_of(place, index.rules, any_place=True)
    return None


def _agent_on_active_verb(noun: Token) -> Token | None:
    """"X and Y rejected the proposal by Egypt", parsed with "by Egypt" on the verb: an active verb takes
    no agent phrase, so a "by" phrase after its direct object names the object's agent."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "by" and prep.i > noun.i:
            return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _harming(noun: Token, rules) -> bool:
    """Whether ``noun`` is what violence is done with (lexicons/instruments.tsv) or an event noun of an act
    of material harm ("attack", "bombing": Rules.harm_nouns)."""
    return noun.lemma_.lower() in rules.harm_words


HARM_DOERS = ("Country", "ArmedGroup", "GovernmentBody", "GroupActor")  # who a harm noun's modifier may name


def is_harm_doer(m: Mention | None, rules: Rules) -> bool:
    """Whether a mention before a noun of harm can be who did it: a state or an armed body ("a Taliban ambush",
    "an Israeli strike", "an IDF raid"); a person, firm or place there is its target ("the Kennedy
    assassination", "the Charlie Hebdo attack")."""
    return m is not None and any(rules.schema.is_a(m.cls, k) for k in HARM_DOERS)


def harm_doer(noun: Token, index: MentionIndex) -> Mention | None:
    """The state or armed body a modifier of a noun of harm or an instrument names as who did it ("an Israeli
    attack", "a Taliban ambush", "Russia's shelling", "a Ukrainian drone attack")."""
    return next((index.at(c) for c in harm_modifiers(noun, index.rules.harm_words)
                 if is_harm_doer(index.at(c), index.rules)), None)


def _user(instrument: Token, firing_verbs: frozenset[str]) -> Token | None:
    """Who used ``instrument`` or did the harm: the subject of the verb of using it whose object it is ("fired
    the shots": lexicons/firing_verbs.tsv; not "nationalised the gold mines"), the agent of a participle on
    it ("a bomb planted by X"), or its own "by" or "from" ("an attack by X", "fire from X")."""
    if instrument.dep_ == "dobj" and instrument.head.pos_ in ("VERB", "AUX"):
        if instrument.head.lemma_.lower() not in firing_verbs:
            return None
        return next((c for c in instrument.head.children if c.dep_ == "nsubj"), None)
    for c in instrument.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    return next((o for o in a.children if o.dep_ == "pobj"), None)
    return next((o for c in instrument.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                 for o in c.children if o.dep_ == "pobj"), None)


def _allegiance(tok: Token, index: MentionIndex) -> Mention | None:
    """The named actor a group is "loyal to" (lexicons/allegiance_words.tsv): "forces loyal to X"."""
    for adj in tok.children:
        if adj.dep_ == "amod" and adj.lemma_.lower() in index.rules.allegiances:
            for pobj in (o for p in adj.children if p.dep_ == "prep" and p.lower_ == "to"
                         for o in p.children if o.dep_ == "pobj"):
                if _named(index.at(pobj)):
                    return index.at(pobj)
    return None


def _commanded(tok: Token, index: MentionIndex, means: bool = False) -> bool:
    """Whether a group noun names an owner's own armed men (lexicons/commanded_sectors.tsv), or with ``means``
    the weapons and means that stand for their owner (lexicons/group_nouns.tsv, @owner)."""
    entry = index.rules.group_nouns.get(tok.lemma_.lower())
    return entry is not None and (entry.sector in index.rules.commanded_sectors or means and entry.link == OWNER)


def _commander(tok: Token, index: MentionIndex) -> Mention | None:
    """The person whose own armed men a group noun names by its possessor (lexicons/commanded_sectors.tsv):
    "Haftar's forces", "Assad's troops" are the person's side, as "forces loyal to X" are; a person's
    supporters or officials are not (their sectors are not listed)."""
    if not _commanded(tok, index):
        return None
    for c in tok.children:
        m = index.at(c)
        if c.dep_ == "poss" and _named(m) and index.rules.schema.coarse(m.cls) == "Person":
            return m
    return None


def _pronoun_owner(tok: Token, index: MentionIndex, depth: int) -> Mention | None:
    """The actor a possessive pronoun on a subject's group noun stands for, when the noun names that actor's
    armed men (lexicons/commanded_sectors.tsv) or means that stand for their owner (lexicons/group_nouns.tsv,
    @owner): "Russia said its troops took Y", "Hamas said its fighters fired on Y", "Kyiv denied that its
    drones struck Y", "Haftar said his forces…" are the owner's side acting, as "Russia's troops" and
    "Haftar's forces" are. Not for an object: "X attacked its troops" would make X act on itself."""
    if depth > 1 or not _commanded(tok, index, means=True):
        return None
    pron = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in _PERSONAL), None)
    found = resolve_argument(pron, index, False, depth + 1) if pron is not None else None
    if found is None or not index.rules.schema.is_a(found[0].cls, "Actor"):  # "the Indian army said its soldiers…"
        return None
    return found[0]


def _proxied(tok: Token, index: MentionIndex, depth: int) -> Mention | None:
    """The named actor a proxy noun (lexicons/proxy_nouns.tsv) speaks or acts for: its possessor ("X's
    office") or the object of its "for" or "of" ("a spokesman for X"); for an unnamed title there, the
    body the title holder stands for ("the Senate President's aide", "a spokesman for the Iraqi prime
    minister")."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    owners += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
               for o in c.children if o.dep_ == "pobj"]
    for owner in owners:
        if _named(index.at(owner)):
            return index.at(owner)
        if index.at(owner) is None and owner.pos_ in ("NOUN", "PROPN") \
                and owner.lemma_.lower() in index.rules.titles.predicate:
            found = resolve_argument(owner, index, False, depth + 1)
            if found and _named(found[0]):
                return found[0]
    return None


def counted(tok: Token, index: MentionIndex) -> Token:
    """The people a collective argument counts ("hundreds of protesters": protesters), else ``tok``."""
    of = _partitive(tok, index)
    return tok if of is None else of


def _partitive(tok: Token, index: MentionIndex) -> Token | None:
    """The "of" object of "one of X", of a collective word (lexicons/collective_nouns.tsv: "a group of
    X", "hundreds of X", "most of X"), of a share (lexicons/partitive_nouns.tsv: "captured part of X") or
    of an act thought of (lexicons/prospect_nouns.tsv: "rejected the possibility of a Chilean
    intervention"), which the argument ``tok`` stands for; None for any other token."""
    lemma = tok.lemma_.lower()
    if tok.lower_ != "one" and lemma not in index.rules.collectives and lemma not in index.rules.partitives \
            and lemma not in index.rules.prospects:
        return None
    return of_object(tok)


def doer_noun(tok: Token, rules: Rules) -> bool:
    """A noun for who does an act (frames/nominalizations.tsv, "doer": "attacker", "assassin")."""
    nominal = rules.frames.nominals.get(tok.lemma_.lower())
    return nominal is not None and nominal.of == "doer"


def people_noun(tok: Token, rules: Rules) -> bool:
    """A noun naming people by role or kind ("members", "leaders", "followers"), from the titles lexicon,
    the group nouns or the field's agent dictionary."""
    lemma = tok.lemma_.lower()
    return lemma in rules.titles.predicate or lemma in rules.group_nouns or match_key(lemma) in rules.actors.agents


def _made_by(tok: Token, index: MentionIndex) -> Mention | None:
    """The agent of a passive participle on ``tok``: "a government put forward by X" -> X; not of one
    that harms it ("freed hostages kidnapped by X", "hostages held by X", "civilians killed by X": they
    are X's victims) or backs it ("rebels backed by X", "militias funded by X" act on their own)."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" \
                and index.rules.verb_plover(c.lemma_.lower(), tok.lemma_.lower()) not in MATERIAL_HARM | BACKING:
            for a in c.children:
                if a.dep_ == "agent":
                    for pobj in a.children:
                        if pobj.dep_ == "pobj" and _named(index.at(pobj)):
                            return index.at(pobj)
    return None


def cleft_focus(tok: Token) -> Token | None:
    """The noun a cleft sentence puts in focus, which its "that" or "who" stands for: "It was Hamas that
    attacked Israel", "it was Russia who invaded Ukraine" (the parser makes the clause the complement of
    "was", whose subject is "it" and whose attribute is the noun); None for any other token."""
    clause = tok.head
    if tok.lower_ not in _RELATIVE_PRONOUNS or clause.dep_ != "ccomp" or clause.head.lemma_ != "be":
        return None
    copula = clause.head
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children):
        return None
    return next((c for c in copula.children if c.dep_ == "attr" and c.pos_ in ("PROPN", "NOUN")), None)


def _relative_antecedent(rel: Token, index: MentionIndex, as_object: bool) -> Token:
    """The token a relative pronoun stands for: the noun its clause hangs on, or, when that is a place
    after a preposition and the pronoun is the clause's subject, the actor noun before it ("the
    delegation to Cairo, which met X": the parser hangs the clause on the nearer place)."""
    antecedent = rel.head.head
    if as_object or rel.lower_ == "where" or antecedent.dep_ != "pobj":
        return antecedent
    schema = index.rules.schema
    found = resolve_argument(antecedent, index, as_object, depth=2)
    if found is not None and schema.is_a(found[0].cls, "Actor"):
        return antecedent
    actor = resolve_argument(antecedent.head.head, index, as_object, depth=2)
    return antecedent.head.head if actor is not None and schema.is_a(actor[0].cls, "Actor") else antecedent


def _antecedent(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """The subject of the nearest clause above ``pron`` in its sentence that fits it: "Hamas said it
    would attack" -> Hamas; "X flew to Doha, where he met Y" -> X. The object of a verb is never that
    verb's own subject ("X and Y met him": neither; that would be "himself"). No search across sentences."""
    told = _addressee(pron, index, person) or _other_party(pron, index, person) or _warned(pron, index, person)
    if told is not None:
        return told
    node = pron
    own = pron.head.i if pron.dep_ in ("dobj", "dative") else -1
    for _ in range(6):
        if node.head is node:
            return None
        node = node.head
        for child in node.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child is pron or child.pos_ == "PRON" \
                    or child.i > pron.i or node.i == own:
                continue
            found = resolve_argument(child, index, False, depth=2)
            if found is None and child.pos_ == "NOUN" and pron.lower_ in _PLURAL:
                # "the rebels said they would free Y": the kind of actor the noun names (Phoenix agents)
                group = local_group(index, counted(child, index))
                found = (group, "direct") if group is not None else None
            if found is None:
                continue
            is_person = found[0].cls == "Person"
            if pron.lower_ in _PLURAL and not _many(found[0], child, index):
                continue
            # "militants loyal to X said they…": a plural noun that stands for a person's followers is what
            # "they" names, as the noun itself would be
            followers = pron.lower_ in _PLURAL and child.pos_ == "NOUN" and child.tag_ == "NNS"
            if followers or person is None and not is_person or person is not None and person == is_person:
                return found[0]
    return None


def _addressee(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """The one told what it must do, for the subject pronoun of a clause of obligation that a verb with an
    addressee reports: "Egypt told Israel that it must not attack Gaza", "warned Serbia that it should
    recognise Kosovo", "issued a warning to Serbia that it must…" -> the addressee. The obligations are the
    "intended" auxiliaries of lexicons/modality.tsv ("must", "should"); "X told Y that it would…" keeps X."""
    clause = pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("ccomp", "acl") or not any(
            c.dep_ == "aux" and index.rules.modality["aux"].get(c.lower_) == "intended" for c in clause.children):
        return None
    verb = clause.head  # a noun for "a warning to Y that it must…" (the clause the noun's content)
    hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "issued a warning to Y that…"
    if verb.pos_ == "NOUN" and verb.dep_ == "dobj":
        hosts.append(verb.head)  # the clause on the noun, the "to" phrase on the verb that issued it
    told = [c for c in verb.children if c.dep_ == "dative" or c.dep_ == "dobj" and c.pos_ != "NOUN"]
    told += [o for h in hosts for p in h.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
             for o in p.children if o.dep_ == "pobj"]
    return _first_fitting(told, index, person)


WARNING_CONDITIONS = frozenset({"if", "unless", "until"})  # the marks of a clause a warning is conditioned on


def _warned(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """The one warned, for the subject pronoun of the condition of a threat made to it: "Russia warned Finland
    of consequences if it joins NATO", "threatened Y with sanctions unless it withdraws" -> Y (a verb whose
    frame is kg:threaten, lexicons/predicates.tsv); "Hamas threatened to kill them if it is attacked" has
    no one warned and keeps Hamas."""
    clause = pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in WARNING_CONDITIONS for c in clause.children):
        return None
    verb = clause.head
    found = index.rules.triggers.get(verb.lemma_.lower())
    if found is None or found.predicate != "threaten":
        return None
    return _first_fitting([c for c in verb.children if c.dep_ in ("dobj", "dative")], index, person)


def _other_party(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """The object of the verb above, for the object pronoun of an infinitive that verb's subject does:
    "Netanyahu called Morrison to congratulate him", "Xi met Putin to thank him" -> Morrison, Putin (the
    subject would be "himself"). Not under a verb of object control, whose object does the infinitive
    ("urged Y to support him": him is the subject, found the usual way), unless it is a call made to say
    something (lexicons/call_purposes.tsv), nor under a verb of sending (lexicons/theme_verbs.tsv)."""
    verb = pron.head
    if pron.dep_ != "dobj" or pron.pos_ != "PRON" or verb.dep_ not in ("xcomp", "advcl") \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            or clause_mark(verb) != "to":
        return None
    governor = verb.head
    lemma, rules = governor.lemma_.lower(), index.rules
    if lemma in rules.object_control and not call_to_say(verb, rules.call_purposes) \
            or lemma in rules.theme_verbs:  # "sent Lavrov to congratulate him": Lavrov congratulates
        return None
    return _first_fitting([c for c in governor.children if c.dep_ == "dobj"], index, person)


def _first_fitting(candidates: list[Token], index: MentionIndex, person: bool | None) -> Mention | None:
    """The mention of the first candidate token that stands for one and fits a pronoun that says whether
    its antecedent is a person (``person``; None for either)."""
    for t in candidates:
        found = resolve_argument(t, index, True, depth=2)
        if found is not None and (person is None or person == (found[0].cls == "Person")):
            return found[0]
    return None


def _sole_person_before(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """"Police found Oswald after he was shot by Ruby": a "he" or "she" whose clauses above have no subject
    that fits it stands for the one person named before it in its sentence (the same person however often
    named); none when two people are ("X told Y he..."), or when the pronoun is a verb's object and the
    person that verb's subject."""
    if person is not True or pron.lower_ in _PLURAL:
        return None
    sent = pron.sent
    own = {pron.head.i} if pron.dep_ in ("dobj", "dative") else set()
    found = [m for m in index.mentions if sent.start_char <= m.start and m.end <= pron.idx and m.cls == "Person"]
    if len({m.name for m in found}) != 1:
        return None
    last = index.by_token_end.get(found[0].end)
    if last is not None and pron.doc[last].dep_ in ("nsubj", "nsubjpass") and pron.doc[last].head.i in own:
        return None  # "Smith hit him": not Smith
    return found[0]


def _previous(pron: Token, index: MentionIndex, person: bool | None) -> Mention | None:
    """A pronoun that opens a clause with no antecedent in its sentence refers to the previous sentence's
    subject when that fits ("X arrived in Cairo. He met Y." -> X); else to the one fitting mention
    of that sentence. Two candidates and no subject: unresolved."""
    sent = pron.sent
    if sent.start == 0:
        return None
    prev = pron.doc[sent.start - 1].sent
    fits = [m for m in index.mentions if prev.start_char <= m.start < prev.end_char and _fits(m, person, index)
            and (pron.lower_ not in _PLURAL or _many(m, None, index))]
    if not fits:
        return None
    subjects = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    for subj in subjects:
        found = resolve_argument(subj, index, False, depth=2)
        if found and _fits(found[0], person, index) and (pron.lower_ not in _PLURAL or _many(found[0], subj, index)):
            return found[0]
    names = {m.name for m in fits}
    return fits[0] if len(names) == 1 else None


def _many(m: Mention, tok: Token | None, index: MentionIndex) -> bool:
    """Whether "they" may refer to ``m`` (named by ``tok``): a group or an organisation ("Hamas said they
    would"), coordinated names or a plural noun ("Palestinian bombers"); not one country or place
    ("Uganda said it paid the Asians Amin expelled": "them" are not Uganda)."""
    many = tok is not None and (tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children))
    return many or not index.rules.schema.is_a(m.cls, "Location")


def _fits(m: Mention, person: bool | None, index: MentionIndex) -> bool:
    schema = index.rules.schema
    if m.cls == "GroupActor":
        return person is None
    is_person = schema.is_a(m.cls, "Person")
    if person is None:
        return not is_person and schema.is_a(m.cls, "Actor")
    return is_person if person else not is_person and schema.is_a(m.cls, "Actor")
