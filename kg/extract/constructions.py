"""Standing relations a construction of English states by itself, with no event word: roles in apposition
("X, a spokesman for Y"), organisations in places ("the University of Ghana in Accra", "a Lagos-based
bank", datelines), places in places ("Tema, Ghana"). Each construction is a function of this module's
READERS table, run once per sentence after mentions are found; each reads the parse with dictionary
look-ups (lexicons/titles.tsv, lexicons/place_words.tsv, the gazetteer and the place table), so the cost
is one pass over the sentence.

Roles (lexicons/titles.tsv): a role noun ties its *holder* to its *owner*, wherever the parser puts them.

- holder: the name the role noun is in apposition to ("X, a spokesman for Y"), stands before ("spokesman
  X", "Y chairman X"), or renames ("the head of Y, X"); the subject of a copula ("X is a professor at Y",
  "X, who is head of Y"); the object a role is given to ("named X publisher of Y"); the subject of "as"
  ("X serves as chairman of Y"); a name after "of" with the owner before it ("commander of the Y
  Brigades X");
- owner: a possessor ("Y's spokesman") or a prepositional object ("of", "for", "at", "with", "from"; "in"
  only for an organisation), through a common noun on the way ("an analyst on missiles at Y"); then a
  name modifying the role noun ("the Y chairman", "a Y operations manager"); then a nationality adjective
  ("the Ghanaian ambassador"). The strongest kind of owner present wins, so "Hamas' Egyptian ally" is
  Hamas's.

An occupation (owner "organisation" in titles.tsv: "professor", "nurse") is held by a person and owned
by an organisation only: "Maria Lopez, a Red Cross nurse in Tijuana" works for the Red Cross and is not
located in Tijuana (a person's place is no ``locatedIn`` here). "Judge X of the Court", "Dr. X at Y":
a person named with an organisation after "of", "at" or "from" is its member.

Places: two places side by side ("Tema, Ghana", whatever the parser calls the link), a place in a
place ("Kumasi in Ghana's Ashanti region", "Syria's Idlib province"), an organisation in, of or beside a
place ("the University of Ghana in Accra", "Acme Corp., Dayton, Ohio", "Owens Mills of Toledo"), a
place before "-based" ("a Lagos-based bank"), a place's organisation ("Ghana's Ecobank", except state
bodies, which are partOf their state), a place inside an organisation's name ("the Bank of Ghana"),
and datelines ("ACCRA, Ghana (AP) -": the agency is located in the city, as news data sets annotate
it). The larger place must be of a larger kind (country over region over city, from the gazetteer,
the place table and the news abbreviations of lexicons/place_words.tsv: "Dayton, Ohio", "Davisville,
R.I."), in the same country when both are known, so lists ("Ghana, Togo and Benin") and party tags
("R-Utah") give nothing. Containment is closed transitively within the sentence ("Acme, of Toledo,
Ohio" is in Ohio too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from spacy.tokens import Span, Token

from kg.common.names import clean_name
from kg.extract.arguments import (
    COPULAS,
    conjuncts,
    holder_hung_on_owner,
    people_noun,
    resolve_argument,
)
from kg.extract.assertion import assess
from kg.extract.mentions import MentionIndex, sentence_of
from kg.extract.roles import fronted_subjects
from kg.model import Evidence, Mention, Relation
from kg.rules import Rules, longest_suffix

# Where an owner stands, strongest first: "IS's Egyptian affiliate" is IS's, "the Washington
# correspondent for X" X's; "the Red Cross chairman for Calcasieu" is the Red Cross's ("for" a place or
# people is a remit as often as an employer).
_POSSESSOR, _PREPOSITION, _MODIFIER, _FOR, _NATIONALITY = 0, 0, 1, 1.5, 2
_BODY_BEFORE_ROLE = -0.5  # a body's name between a possessor and the role: "Russia's Gazprom chief X"
_OWNER_PREPS = {"of": _PREPOSITION, "for": _FOR, "at": _PREPOSITION, "with": _PREPOSITION,
                "from": _PREPOSITION, "in": _MODIFIER}
# Verbs whose object a role speaks or acts for, hung on the role as a participle: "X, a lawyer representing
# Y" works for Y as "a lawyer for Y" does
_OWNER_VERBS = {"represent": _FOR}
# Prepositions after a person's name that say whom the person works for ("Judge X of the Court"); "at"
# only for a person who acts or bears a title ("Dr. X at Y"): "hosted X at the White House" is a place.
_PERSON_PREPS = ("of", "at")
# Place prepositions after an organisation ("the University of Ghana in Accra", "Acme of Toledo").
_ORG_PLACE_PREPS = ("in", "of", "at")  # "at" a town only: "University of California at Davis"
# "world": a region beyond one country; "district": a county or district, between a region and a city
_RANK = {"world": 4, "country": 3, "region": 2, "land": 2, "district": 1.5, "city": 1}
_CLASS_RANK = {"Country": 3, "Region": 2, "City": 1}
_PLACE_CLASS = {"city": "City", "district": "Region", "region": "Region", "land": "Location"}  # a place noun's kind
_PLACE_NAME_DEPS = ("compound", "nmod", "appos", "amod")  # how a name hangs on its place noun ("Ashanti region")
# Prepositions that put what follows in a place ("at Shands Hospital in Gainesville").
_LOCATIVE_PREPS = ("at", "in", "near", "from", "outside", "inside", "to")
_DASHES = {"-", "--", "—", "–", "_", ":"}
_LIST_WORDS = {"and", "or"}
_EACH_WORDS = {"both", "all", "each"}  # "Ghana and Togo, both in West Africa": the phrase is each one's


@dataclass
class _Sentence:
    """One sentence as every reader sees it, with the look-ups they share."""

    text: str
    sent: Span
    index: MentionIndex
    published: str
    found: list[Relation] = field(default_factory=list)

    @cached_property
    def tokens(self) -> list[Token]:
        """The sentence's tokens, made once: spaCy makes a new Token object at each step of a walk over a
        span, and the readers walk each sentence a dozen times."""
        return list(self.sent)

    @property
    def rules(self) -> Rules:
        return self.index.rules

    def at(self, tok: Token | None) -> Mention | None:
        """The named mention ``tok`` is part of (a group with no name of its own does not count)."""
        m = self.index.at(tok) if tok is not None else None
        return m if m is not None and m.cls not in ("LocalGroup",) else None

    def coarse(self, m: Mention) -> str:
        return self.rules.schema.coarse(m.cls)

    def is_place(self, m: Mention | None) -> bool:
        return m is not None and self.coarse(m) == "Location"

    def is_org(self, m: Mention | None) -> bool:
        return m is not None and self.coarse(m) == "Organization" and not self.rules.schema.is_a(m.cls, "Country") \
            and not self.rules.schema.is_a(m.cls, "Community")  # a people or a faith is no body

    def edge(self, subject: Mention | None, predicate: str, obj: Mention | None, trigger: Token,
             rule: str, key: str, former: bool = False) -> Relation | None:
        """The relation, when its ends are two mentions its predicate admits; its evidence says how the
        sentence holds it (kg/extract/assertion.py) and whether it held only until some time past
        (``former``: "a former chairman of Y")."""
        if subject is None or obj is None or subject.name == obj.name \
                or (subject.start, subject.end) == (obj.start, obj.end):
            return None
        schema = self.rules.schema
        if not schema.admits(predicate, subject.cls, obj.cls):
            return None
        sentence, start, end = sentence_of(self.text, trigger)
        evidence, source = assess(trigger, self.index, Evidence(
            self.index.doc_id, sentence, start, end, rule, key, self.rules.confidence(rule),
            plover=schema.plover.get(predicate, ""), former=former))
        return Relation(subject, predicate, obj, evidence, source)

    @cached_property
    def places(self) -> _Places:
        return _Places(self)


Reader = Callable[[_Sentence], Iterator[Relation]]


# ---- roles ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Role:
    phrase: str
    predicate: str
    employed: bool  # an occupation: held by a person, owned by an organisation only
    former: bool = False  # "former president", "retired general": a role held until some time past


def _role(tok: Token, s: _Sentence) -> _Role | None:
    """The role ``tok`` heads, with its modifiers ("prime minister", "deputy leader"), and whether it is
    a former one ("former president", "retired general"); None for a word that is no role."""
    titles = s.rules.titles
    lemma = tok.lemma_.lower()
    if lemma in titles.demoting and tok.pos_ in ("NOUN", "PROPN") and not (
            tok.dep_ in ("compound", "amod") and _role(tok.head, s) is not None):
        return _Role(lemma, "memberOf", False)  # "X, deputy of Y", "State Duma Deputy X"; not "deputy leader"
    if lemma not in titles.title_heads and tok.lower_ not in titles.title_heads:
        return None
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and s.at(c) is None]
    words = [m.lemma_.lower() for m in mods] + [lemma]
    predicate = longest_suffix(words, titles.predicate) or titles.predicate.get(tok.lower_)
    if predicate is None:
        return None
    former = any(m.lower_ in titles.former for m in tok.lefts) or tok.i > 0 and tok.doc[tok.i - 1].lower_ in titles.former
    if predicate == "leaderOf" and any(w in titles.demoting for w in words):
        predicate = "memberOf"
    if predicate == "leaderOf" and any(_ordinal(c) for c in tok.lefts):
        return None  # "the 16th president of the United States", "the last king of Peru": a past tenure
    phrase = next((" ".join(words[i:]) for i in range(len(words)) if " ".join(words[i:]) in titles.predicate),
                  lemma)
    return _Role(phrase, predicate, phrase in titles.organisation_only, former)


_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                       "last"])


def _ordinal(tok: Token) -> bool:
    """"31st", "fourth", "last": a place in a succession of office holders."""
    text = tok.lower_
    return tok.ent_type_ == "ORDINAL" or text in _ORDINALS or text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th")


def _holders(tok: Token, s: _Sentence, depth: int = 0) -> list[Token]:
    """The tokens naming who holds the role ``tok`` heads."""
    out = []
    inside = s.at(tok)
    if inside is not None and tok.idx < inside.end:  # "President" inside the entity "President Joe Biden"
        return [tok] if s.coarse(inside) == "Person" and tok.idx < inside.start else []
    head = tok.head
    if tok.dep_ == "appos" and (s.at(head) is None or s.is_place(s.at(head))) and head.dep_ in ("appos", "npadvmod") \
            and s.at(head.head) is not None and s.coarse(s.at(head.head)) == "Person":
        head = head.head  # "Sen. X, D-Ariz., chairman of Y", "X, 45, head of Y": the role hung on a tag or age
    if tok.dep_ in ("compound", "nmod") and head.i > tok.i + 1 and tok.i + 1 < len(tok.doc):
        right = s.at(tok.doc[tok.i + 1])  # "Army chief X overthrew President Y", parsed as one phrase whose
        if right is not None and right is not s.at(head) and s.coarse(right) == "Person":  # head is Y: the
            head = tok.doc[tok.i + 1]  # name right after the title holds it
    if tok.dep_ in ("appos", "compound", "nmod") and head.i != tok.i and s.at(head) is not None:
        out.append(head)  # "X, a spokesman for Y"; "spokesman X"
    out += [c for c in tok.children if c.dep_ == "appos" and s.at(c) is not None]  # "the head of Y, X"
    out += [c for c in fronted_subjects(tok) if s.at(c) is not None and s.coarse(s.at(c)) == "Person"]
    if tok.dep_ == "attr" and head.lemma_ in COPULAS:  # "X is a professor at Y", "X, who is head of Y", "X
        # became president of Y"
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if not subjects and head.dep_ == "xcomp" and head.head.lemma_.lower() in s.rules.appointers:
            subjects = [c for c in head.head.children if c.dep_ == "dobj"]  # "chose X to be its leader"
        out += subjects
    elif tok.dep_ == "oprd":  # "named X publisher of Y", "X was named publisher of Y"
        out += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "oprd" and c.i < tok.i]
    elif tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        # "serves as chair of Y", "joined Y as its chief economist" (the subject); "appointed X as chief
        # executive of Y" (the object of a verb that gives roles, lexicons/appointment_verbs.tsv)
        verb = head.head
        objects = [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_.lower() in s.rules.appointers else []
        out += objects or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ in ("dobj", "oprd") and head.lemma_.lower() in s.rules.appointers:  # "named X publisher of Y"
        # parsed as one phrase "X publisher": the person before the role holds it ("Biden adviser" elsewhere not)
        out += [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and s.at(c) is not None
                and s.coarse(s.at(c)) == "Person" and c not in out]
    for prep in tok.children:  # "commander of the Y Brigades X": the name after "of", its owner before it
        if prep.dep_ == "prep" and prep.lower_ == "of":
            out += [p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "PROPN" and s.at(p) is not None
                    and any(c.dep_ in ("compound", "nmod") and s.at(c) not in (None, s.at(p)) for c in p.children)]
    hung = holder_hung_on_owner(tok, s.index)  # "the chairman of Y, X,": the parser hangs the name on Y
    if hung is not None and s.at(hung) is not None:
        out.append(hung)
    if not out and tok.dep_ == "conj" and depth < 3 and s.at(head) is None:  # "X, editor and publisher of Y"
        out += _holders(head, s, depth + 1)
    elif not out and tok.dep_ == "conj" and depth < 3 and head.dep_ == "pobj" and head.head.dep_ == "prep" \
            and _role(head.head.head, s) is not None:  # "X, a professor at Y and president of Z": the
        out += _holders(head.head.head, s, depth + 1)  # parser hangs the second role on Y
    if tok.tag_ == "NNS":  # "Greenpeace members X and Y", "X and Y, members of Z": a plural role is each one's
        out += [c for h in list(out) for c in conjuncts(h)[1:]
                if c not in out and s.at(c) is not None and s.coarse(s.at(c)) == "Person"]
    return out


def _owners(tok: Token, holder: Token, s: _Sentence) -> list[tuple[int, Token, str]]:
    """(rank, token, how) of every name that may own the role ``tok`` heads for ``holder``."""
    out: list[tuple[int, Token, str]] = []
    children = list(tok.children)
    if tok.dep_ == "conj" and tok.head.i < tok.i and _role(tok.head, s) is None:
        # "X, a jeweler and president of Y": the parser hangs the phrase after the role on the first noun
        children += [c for c in tok.head.children if c.dep_ == "prep" and c.i > tok.i]
    for c in children:
        if c.dep_ == "poss":
            out.append((_POSSESSOR, c, "poss"))
        elif c.dep_ == "prep" and c.lower_ in _OWNER_PREPS:
            out += [(_OWNER_PREPS[c.lower_], o, c.lower_ if o.head.i == c.i or o.dep_ == "appos"
                     and o.head.head.i == c.i else "through") for o in _prep_objects(c, s)]
        elif c.dep_ in ("compound", "nmod") and c.i < tok.i:
            out += [(_MODIFIER, o, "modifier") for o in _modifiers(c, s)]
        elif c.dep_ == "amod" and s.at(c) is not None:
            out.append((_NATIONALITY, c, "nationality"))
        elif c.dep_ == "acl" and c.lemma_.lower() in _OWNER_VERBS and c.i > tok.i:
            out += [(_OWNER_VERBS[c.lemma_.lower()], o, "for") for o in c.children
                    if o.dep_ == "dobj" and s.at(o) is not None]
    name = _name_root(holder, s)
    if name is not None and name.i > tok.i and (tok.dep_ in ("compound", "nmod") or holder.i == tok.i):
        # "Qatar's emir Tamim", "Ukrainian President X": the parser hangs the owner on the name
        for c in name.children:
            how = _NAME_OWNERS.get(c.dep_)
            if how is not None and c.i < tok.i and s.at(c) is not None and s.at(c) != s.at(holder):
                out.append((how[0], c, how[1]))
    if holder.i != tok.i and holder.dep_ == "pobj" and holder.head.head.i == tok.i:  # "commander of the Y X"
        out += [(_MODIFIER, c, "modifier") for c in holder.children if c.dep_ in ("compound", "nmod")
                and s.at(c) is not None and s.at(c) != s.at(holder)]
    possessors = [o.i for rank, o, how in out if how == "poss"]
    if possessors:  # "Russia's Gazprom chief X", "the Ministry's Asia Department chief X": the body named
        # between the possessor and the role is the one it heads (the possessor owns that body)
        # (a name of two words or more, or one the gazetteer knows: "Kenya's Interior Minister X" is Kenya's)
        out = [(_BODY_BEFORE_ROLE, o, how) if how == "modifier" and min(possessors) < o.i < tok.i
               and _body_name(s.at(o)) else (rank, o, how) for rank, o, how in out]
    return out


def _body_name(m: Mention | None) -> bool:
    """A name that stands for a body on its own: the gazetteer's, or of two words or more."""
    return m is not None and (m.key is not None or len(m.name.split()) > 1)


_NAME_OWNERS = {"poss": (_POSSESSOR, "poss"), "compound": (_MODIFIER, "modifier"), "nmod": (_MODIFIER, "modifier"),
                "amod": (_NATIONALITY, "nationality")}


def _name_root(tok: Token, s: _Sentence) -> Token | None:
    """The last token of the name ``tok`` is part of (where the parser hangs the name's modifiers)."""
    m = s.at(tok)
    i = s.index.by_token_end.get(m.end) if m is not None else None
    return tok.doc[i] if i is not None else None


def _prep_objects(prep: Token, s: _Sentence, depth: int = 0) -> list[Token]:
    """The names a preposition's object stands for, through a common noun on the way ("chief of waste
    disposal for the NRC", "an analyst on missiles at Y"); not the holder of a gathering ("a speaker at
    the Harvard conference": lexicons/gathering_nouns.tsv)."""
    out = []
    for o in prep.children:
        if o.dep_ != "pobj":
            continue
        if s.at(o) is not None or o.pos_ == "PRON":
            out.append(o)
        elif o.pos_ == "NOUN" and depth < 2:
            # "the DEM's division", "the SHP parliamentary group", "the largest party, the NPP"
            if o.lemma_.lower() not in s.rules.gatherings:
                out += [c for c in o.children if c.dep_ in ("poss", "compound", "nmod", "appos") and s.at(c) is not None]
            for p in o.children:
                if p.dep_ == "prep" and p.lower_ in _OWNER_PREPS and p.lower_ != "in":
                    out += _prep_objects(p, s, depth + 1)
    return out


def _modifiers(tok: Token, s: _Sentence, depth: int = 0) -> list[Token]:
    """A name modifying a role noun, through common-noun modifiers ("a Y operations manager")."""
    if s.at(tok) is not None:
        return [tok]
    if tok.pos_ not in ("NOUN", "PROPN") or depth > 1:  # "CNEN Radioprotection Director X"
        return []
    return [m for c in tok.children if c.dep_ in ("compound", "nmod") for m in _modifiers(c, s, depth + 1)]


def _owner_mention(rank: int, tok: Token, how: str, role: _Role, s: _Sentence) -> Mention | None:
    """The mention ``tok`` names if it can own ``role``: an organisation; a country unless the role is an
    occupation; a place the tagger took for one only after "of", "for", "at", "with" or "from" ("the
    CEO of Nvidia"; no one is employed by "Tijuana")."""
    if tok.pos_ == "PRON":
        found = resolve_argument(tok, s.index, False)
        m = found[0] if found else None
    else:
        m = s.at(tok)
    if m is None:
        return None
    if s.coarse(m) == "Person":
        # "the leader of the Donetsk People's Republic": nobody leads a person, the tagger took a body for one
        if role.predicate == "leaderOf" and how == "of" and m.source == "ner" and not m.key and " " in m.name:
            return s.index.retype(tok, "Organization")
        # a tie between equals binds persons too: "Lukashenko, an ally of Putin"
        return m if role.predicate in s.rules.schema.symmetric else None
    schema = s.rules.schema
    if s.is_org(m):
        return m
    if schema.is_a(m.cls, "Country") and how not in ("in", "through"):
        return None if role.employed else m
    if how in ("of", "for", "at", "with") and not m.key and m.source == "ner" or _acronym(m):
        return s.index.retype(tok, "Organization")  # "the CEO of Nvidia", "CNEN director X": no place has staff
    return None


def _acronym(m: Mention) -> bool:
    """A name the tagger took for a place but written as an acronym ("CNEN"): places are not."""
    return m.source == "ner" and not m.key and m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 6


def _generic_modifier(tok: Token, s: _Sentence) -> bool:
    """"Haitian gang leader X" leads a Haitian gang, not Haiti: a common noun before the role noun that
    makes no longer role."""
    titles = s.rules.titles.predicate
    return any(c.dep_ == "compound" and c.is_lower and s.at(c) is None
               and f"{c.lemma_.lower()} {tok.lemma_.lower()}" not in titles for c in tok.lefts)


def roles(s: _Sentence) -> Iterator[Relation]:
    """Role nouns between their holder and their owner (module docstring)."""
    for tok in s.tokens:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        role = _role(tok, s)
        if role is None or tok.dep_ in ("compound", "amod") and _role(tok.head, s) is not None:
            continue  # "chief" of "chief executive": the head noun reads the phrase
        for holder_tok in _holders(tok, s):
            found = resolve_argument(holder_tok, s.index, False)
            if found is None:
                continue
            holder = found[0]
            # a title marks a person ("X, a nurse in Kumasi" even with no employer named); "member" too,
            # except in apposition ("Acme, a member of the X group")
            if role.predicate in ("leaderOf", "memberOf") and (role.phrase != "member"
                                                                or tok.dep_ not in ("appos", "attr")):
                holder = _retype_holder(holder_tok, role, tok, holder, s)
            owners = []
            for rank, owner_tok, how in _owners(tok, holder_tok, s):
                owner = _owner_mention(rank, owner_tok, how, role, s)
                if owner is not None and owner.name != holder.name:
                    owners.append((rank, owner, how))
            if not owners and (role.predicate == "memberOf" or _generic_modifier(tok, s)) and not any(
                    c.dep_ in ("poss", "amod", "compound", "nmod") and s.at(c) is not None
                    or c.dep_ == "prep" and c.lower_ in _OWNER_PREPS
                    for c in tok.children):  # a named owner that failed is no reason to guess one
                speaks_for = _reported_subject(holder_tok, s)
                owner = _owner_mention(_FOR, speaks_for, "reported", role, s) if speaks_for is not None else None
                if owner is not None and owner.name != holder.name:
                    owners.append((_FOR, owner, "reported"))
            if not owners or role.employed and s.coarse(holder) != "Person":
                continue
            best = min(rank for rank, _, _ in owners)
            predicate = role.predicate
            if predicate == "leaderOf" and all(how == "through" for rank, _, how in owners if rank == best):
                predicate = "memberOf"  # "head of the SHP parliamentary group": leads the group, not SHP
            if _generic_modifier(tok, s):
                if best == _NATIONALITY:
                    continue
                if predicate == "leaderOf":  # "Sudan's army chief" leads the army, a part of Sudan
                    predicate = "memberOf"
            for rank, owner, _ in owners:
                if rank == best:
                    rel = s.edge(holder, predicate, owner, tok, "role", role.phrase, role.former)
                    if rel is not None:
                        yield rel


def _reported_subject(holder: Token, s: _Sentence) -> Token | None:
    """"The navy rescued nine fishermen, said base commander X", "Acme will close the plant, said X, a
    company official": the speaker of a reporting verb, named only by a role, speaks for the organisation
    that is the subject of what is reported."""
    name = _name_root(holder, s) or holder
    verb = name.head
    if name.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in s.rules.modality["report"]:
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp":
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and s.at(subject) is not None:
                return subject
    return None


def _retype_holder(tok: Token, role: _Role, role_tok: Token, holder: Mention, s: _Sentence) -> Mention:
    """A title marks its holder as a person (the tagger's class otherwise; gazetteer names keep theirs),
    except a place after a preposition ("born in Lyon, a noted historian of ...": the parser's apposition) and
    an organisation in apposition to a role an organisation can play ("the Brazilian Embassy in London,
    Argentina's representative"; "X, a professor" is a person)."""
    if s.at(tok) != holder or s.coarse(holder) == "Person":
        return holder
    if s.is_place(holder) and tok.dep_ == "pobj":
        return holder
    if s.is_org(holder) and role_tok.dep_ in ("appos", "attr") and not role.employed:
        return holder
    return s.index.retype(tok, "Person") or holder


def _people_sharing(tok: Token, s: _Sentence) -> list[Mention]:
    """The people listed before ``tok`` ("A and B of X") that have no place of their own."""
    out = []
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        m = s.at(tok)
        if m is None or s.coarse(m) != "Person" or any(c.dep_ == "prep" for c in tok.children):
            break
        out.append(m)
    return out


def _subject_of(tok: Token) -> Token | None:
    """The verb ``tok`` (or the first of the conjuncts it ends) is the subject of."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None


def _owning_body(body: Mention, last: Token, s: _Sentence) -> Token | None:
    """"Harvard University's Kennedy School", "Alphabet's Waymo": the last token of the organisation whose
    possessive comes right before the body's name (not "Microsoft's rival Google"), when both are names
    of bodies."""
    first = _first_token(body, s)
    if first - 2 < s.sent.start or last.doc[first - 1].tag_ != "POS" or not _body_name(body):
        return None
    owner_tok = last.doc[first - 2]
    owner = s.at(owner_tok)
    if owner is None or owner_tok.dep_ != "poss" or not first <= owner_tok.head.i <= last.i \
            or not s.is_org(owner) or owner.cls == "GroupActor" or not _body_name(owner):
        return None
    return owner_tok


def person_of_organisation(s: _Sentence) -> Iterator[Relation]:
    """"Judge X of the Court", "Dr. X at McGill University", "X of the DEM's groundwater division": a person
    and the organisation after "of" or "at" is its member (a leader when the person's title leads and
    the organisation is named right there); "Mulroney's Conservative Party": a person's organisation, and
    "Russia's Sergei Lavrov" an untitled person's state or body; "Harvard University's Kennedy School": an
    organisation's part."""
    titles = s.rules.titles
    for tok in s.tokens:
        found = s.at(tok)
        if found is None or s.index.by_token_end.get(found.end) != tok.i:
            continue
        if s.is_org(found) and found.cls != "GroupActor":
            for c in tok.children:
                person = s.at(c)
                if c.dep_ == "poss" and person is not None and s.coarse(person) == "Person":
                    rel = s.edge(person, "memberOf", found, c, "person_of_organisation", "poss")
                    if rel is not None:
                        yield rel
            owner = _owning_body(found, tok, s)
            if owner is not None:
                rel = s.edge(found, "partOf", s.at(owner), owner, "organisation_of_organisation", "poss")
                if rel is not None:
                    yield rel
            continue
        person = found
        if s.coarse(person) != "Person":
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"] if not person.title else []
        words = [t.lower_ for t in tok.lefts if t.dep_ == "compound"] + person.name.lower().split() if owners else []
        if owners and longest_suffix(words[-3:], titles.predicate) is None and not any(
                w in titles.predicate or w in s.rules.place_words.place_nouns for w in words):
            # "Russia's Sergei Lavrov", "Hamas's Ismail Haniyeh": an untitled person is the state's or body's
            # own (a title says which role: "Russia's foreign minister X", roles); no title or place word
            # taken for a name ("Saudi Arabia's Crown Prince", "Myanmar's Rakhine State")
            for c in owners:
                owner = s.at(c)
                if owner is not None and owner.cls != "GroupActor" and s.coarse(owner) != "Person" \
                        and s.rules.schema.is_a(owner.cls, "Actor"):
                    rel = s.edge(person, "memberOf", owner, c, "person_of_organisation", "poss")
                    if rel is not None:
                        yield rel
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PERSON_PREPS:
                continue
            if prep.lower_ == "at" and not person.title and _subject_of(tok) is None:
                continue
            for o in _prep_objects(prep, s):
                org = s.at(o)
                if not s.is_org(org) or org.cls == "GroupActor":
                    continue
                words = person.title.lower().split() if o.head.i == prep.i else []
                predicate = longest_suffix(words, titles.predicate) if words else None
                if predicate not in ("leaderOf", "memberOf") or any(w in titles.demoting for w in words):
                    predicate = "memberOf"
                rel = s.edge(person, predicate, org, prep, "person_of_organisation", prep.lower_)
                if rel is not None:
                    yield rel
                for other in _people_sharing(tok, s):  # "James Blight and David Welch of Harvard"
                    rel = s.edge(other, "memberOf", org, prep, "person_of_organisation", prep.lower_)
                    if rel is not None:
                        yield rel


# ---- places ---------------------------------------------------------------------------------------------

class _Places:
    """Which place of a sentence lies in which: pairs read from the parse and the text, then closed
    transitively."""

    def __init__(self, s: _Sentence):
        self.s = s
        self.pairs: dict[tuple[int, int], tuple[Mention, Mention, Token, str]] = {}

    def name(self, m: Mention) -> str:
        """A place's name as the place table knows it: news abbreviations spelt out ("Calif." -> California)."""
        abbreviations = self.s.rules.place_words.abbreviations
        return abbreviations.get(m.text) or abbreviations.get(m.text + ".") or m.name

    def locate(self, m: Mention, hint: str = ""):
        return self.s.rules.places.locate(self.name(m), country_hint=hint or None)

    def rank(self, m: Mention, tok: Token | None, place) -> int:
        """3 country, 2 region, 1 city, 0 unknown: from the class, a place noun after the name ("Ashanti
        region") or the place table."""
        place_nouns = self.s.rules.place_words.place_nouns
        if tok is not None and tok.dep_ in _PLACE_NAME_DEPS and tok.head.pos_ == "NOUN" \
                and tok.head.lemma_.lower() in place_nouns:
            return _RANK[place_nouns[tok.head.lemma_.lower()]]
        last = m.name.split()[-1].lower() if m.name else ""
        if place_nouns.get(last, "land") != "land" and m.name[:1].isupper() and " " in m.name:  # "Loei Province", "Dade County"
            return _RANK[place_nouns[last]]
        if place is not None and place.precision == "region" and not place.country:
            return _RANK["world"]  # "the Middle East", "Africa"
        if m.cls in _CLASS_RANK:
            return _CLASS_RANK[m.cls]
        if self.name(m) != m.name or m.source == "abbreviation":  # "N.Y." is the state, not the city
            return _RANK["region"]
        return _RANK.get(place.precision, 0) if place is not None else 0

    def fit(self, inner: Mention, outer: Mention, inner_tok: Token | None, outer_tok: Token | None) -> tuple[int, int, bool]:
        """(kind of ``inner``, kind of ``outer``, whether they can be in one country), reading each name
        the way that puts the two in one country when there is one ("Paris, Texas")."""
        if self.s.is_org(inner):
            out = self.locate(outer)
            return 0, self.rank(outer, outer_tok, out), True
        out = self.locate(outer)
        inn = self.locate(inner, out.country if out is not None else "")
        if out is not None and inn is not None and inn.country != out.country:
            out_hinted = self.locate(outer, inn.country)
            if out_hinted is not None and out_hinted.country == inn.country:
                out = out_hinted
        # only kg's own places are sure enough to overrule the text: GeoNames' alternate names make
        # "Belen" Bethlehem
        same = out is None or inn is None or not inner.key or not out.country \
            or self.s.rules.places.holds(out.country, inn.country)
        return self.rank(inner, inner_tok, inn), self.rank(outer, outer_tok, out), same


def _mention_start(tok: Token, s: _Sentence) -> bool:
    m = s.at(tok)
    return m is not None and tok.idx == m.start


def _last_token(m: Mention, s: _Sentence) -> Token | None:
    i = s.index.by_token_end.get(m.end)
    return s.sent.doc[i] if i is not None else None


def _abbreviation(tok: Token, s: _Sentence) -> Mention | None:
    """A news abbreviation of a state after a comma ("Davisville, R.I.") as a mention of the state, made
    when the tagger missed it."""
    abbreviations = s.rules.place_words.abbreviations
    text = tok.text
    if not text.endswith(".") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ".":
        text += "."
    name = abbreviations.get(text)
    if name is None:
        return None
    m = s.at(tok)
    if m is not None:
        return m
    m = Mention(s.index.doc_id, tok.idx, tok.idx + len(tok.text), tok.text, name, "Region", None, "abbreviation")
    s.index.add(m, [tok.i])
    return m


def _contains(s: _Sentence, inner: Mention, outer: Mention, inner_tok: Token | None, outer_tok: Token | None,
              how: str) -> bool:
    """Whether ``outer`` can be the place ``inner`` lies in: a larger kind of place, in the same country
    when both are known; a place of unknown kind only where the parser joins the two."""
    if not s.is_place(outer) or inner.name == outer.name or any(ch.isdigit() for ch in outer.name):
        return False  # "in French 0930 GMT 3 Mar 95" is no place
    r_in, r_out, same = s.places.fit(inner, outer, inner_tok, outer_tok)
    if r_in >= 3 and r_out != _RANK["world"] or r_out and r_out <= r_in or not same:
        return False
    return bool(r_out) or how in ("appos", "in", "based", "of") and r_in <= 1


def _add_pair(s: _Sentence, inner: Mention, outer: Mention, trigger: Token, how: str,
              inner_tok: Token | None, outer_tok: Token | None) -> None:
    if _contains(s, inner, outer, inner_tok, outer_tok, how):
        s.places.pairs.setdefault((inner.start, outer.start), (inner, outer, trigger, how))


def _side_by_side(s: _Sentence) -> None:
    """"Tema, Ghana", "Acme Corp., Dayton, Ohio": a name, a comma and a place (not a list of places)."""
    doc = s.sent.doc
    for tok in s.tokens:
        if tok.text != "," or tok.i == s.sent.start or tok.i + 1 >= s.sent.end:
            continue
        inner_tok, outer_tok = doc[tok.i - 1], _past_directions(doc[tok.i + 1], s)
        inner = s.at(inner_tok)
        if inner is None or s.index.by_token_end.get(inner.end) != inner_tok.i:
            continue
        outer = _abbreviation(outer_tok, s) if s.at(outer_tok) is None else s.at(outer_tok)
        if outer is None or not _mention_start(outer_tok, s) or not (s.is_place(inner) or s.is_org(inner)):
            continue
        b = _name_root(outer_tok, s)
        if outer.source in ("metonymy", "demonym") or b is not None and b.dep_ in ("nsubj", "nsubjpass", "dobj"):
            continue  # "..., Beijing said": the place acts; "Lake Constance, Swiss police": no place
        if b is not None and b.dep_ == "poss" and s.is_org(inner) and b.head.lemma_.lower() in s.rules.titles.predicate:
            continue  # "Hezbollah, Iran's proxy": whose ally or proxy the body is, not its place ("X, Belarus's
            # state oil company" is Belarus's own, there)
        if _listed_before(inner, s):
            continue
        if inner.cls == "GroupActor" or _in_list(outer, s, inner):
            continue
        a = _name_root(inner_tok, s)
        joined = a is not None and b is not None and (b.head.i == a.i or a.head.i == b.i)
        _add_pair(s, inner, outer, outer_tok, "appos" if joined else "comma", inner_tok, outer_tok)
        if (inner.start, outer.start) in s.places.pairs:  # "between Salida and Gunnison, Colorado": both
            for other, other_tok in _coordinated_before(a, inner, s):
                _add_pair(s, other, outer, outer_tok, "coordinated", other_tok, outer_tok)


def _coordinated_before(root: Token | None, inner: Mention, s: _Sentence) -> Iterator[tuple[Mention, Token]]:
    """The places of ``inner``'s kind joined to it by "and" or "or" before it ("Salida and Gunnison,
    Colorado"), each with its token; none that a place of its own follows ("Dayton, Ohio, and Erie")."""
    while root is not None and root.dep_ == "conj" and root.head.i < root.i:
        head = root.head
        other = s.at(head)
        if other is None or other.cls != inner.cls or not s.is_place(other) \
                or not any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in head.children) \
                or any(start == other.start for start, _ in s.places.pairs):
            return
        yield other, head
        root = head


def _place_in_place(s: _Sentence) -> None:
    """"from Kassala in eastern Sudan", "the Bugesera area in Rwanda": a place right before "in" and a
    larger place, wherever the parser hangs the phrase."""
    doc = s.sent.doc
    for tok in s.tokens:
        if tok.lower_ not in ("in", "at") or tok.i == s.sent.start or tok.i + 1 >= s.sent.end:
            continue
        inner_tok = doc[tok.i - 1]
        if inner_tok.text == "," and inner_tok.i > s.sent.start:  # "Mount Etna, in eastern Sicily"
            inner_tok = doc[inner_tok.i - 1]
        inner = s.at(inner_tok)
        nxt = doc[tok.i + 1]
        if nxt.lower_ == "the" and nxt.i + 1 < s.sent.end:
            nxt = doc[nxt.i + 1]
        outer_tok = _past_directions(nxt, s)
        if outer_tok.dep_ == "poss":  # "in Ghana's Central region": the region, which is in Ghana
            named = [c for c in outer_tok.head.children if c.dep_ in _PLACE_NAME_DEPS and s.is_place(s.at(c))]
            if named and outer_tok.head.lemma_.lower() in s.rules.place_words.place_nouns:
                outer_tok = named[0]
        outer_tok = _part_of(outer_tok, s)
        outer = s.at(outer_tok)
        if inner is None or outer is None or s.index.by_token_end.get(inner.end) != inner_tok.i:
            continue
        # an organisation only where a place preposition brings it ("died at Shands Hospital in
        # Gainesville"); "a charter with X in Nairobi" is the event's place
        root = _name_root(inner_tok, s)
        if tok.lower_ == "at" and (not s.is_org(inner) or s.places.rank(outer, outer_tok, s.places.locate(
                outer)) > _RANK["district"]):
            continue  # "University of California at Davis": "at" a town, after an organisation
        located = s.is_place(inner) or s.is_org(inner) and inner.cls != "GroupActor" and root is not None \
            and (root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS
                 or root.dep_ == "dobj" and root.head.lemma_.lower() in s.rules.place_words.settles)
        if located and outer.source not in ("metonymy", "demonym"):
            _add_pair(s, inner, outer, tok, "in", inner_tok, outer_tok)
            for other in _listed_with(inner_tok, s) if s.is_place(inner) else ():  # "A, B and C in Y"
                _add_pair(s, s.at(other), outer, tok, "in", other, outer_tok)


def _fronted_place(s: _Sentence) -> None:
    """"In Montana, a foot of snow fell in Helena", "In Washington, the Congressional Budget Office
    says...": a place a sentence opens with holds the smaller places of its clause and the organisation
    that is its subject."""
    doc = s.sent.doc
    first = doc[s.sent.start]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.pos_ not in ("VERB", "AUX"):
        return
    outer_tok = next((c for c in first.children if c.dep_ == "pobj"), None)
    outer = s.at(outer_tok) if outer_tok is not None else None
    if outer is None or not s.is_place(outer) or outer.source in ("metonymy", "demonym"):
        return
    end = s.index.by_token_end.get(outer.end)
    if end is None or end + 1 >= s.sent.end or doc[end + 1].text != ",":
        return
    verb = first.head
    for tok in verb.subtree:
        inner = s.at(tok)
        if inner is None or tok.i <= end or s.index.by_token_end.get(inner.end) != tok.i:
            continue
        if s.is_place(inner) and inner.source not in ("metonymy", "demonym"):
            places = s.places
            inn, out = places.locate(inner), places.locate(outer)
            if inn is not None and out is not None and inn.country == out.country:  # both known, one country
                _add_pair(s, inner, outer, outer_tok, "fronted", tok, outer_tok)
        elif s.is_org(inner) and inner.cls != "GroupActor" and tok.dep_ == "nsubj" and tok.head.i == verb.i \
                and not _abroad(tok, s):
            _add_pair(s, inner, outer, outer_tok, "fronted", tok, outer_tok)


def _listed_before(m: Mention, s: _Sentence) -> bool:
    """A name after a comma (or "and") and another name that is no larger place: "Orion, Piedmont,
    Southwest" lists airlines; "Cook County, Ill., and Albany, N.Y." lists towns in states."""
    doc = s.sent.doc
    i = _first_token(m, s) - 1
    if i > s.sent.start and doc[i].lower_ in _LIST_WORDS:
        i -= 1
    if i <= s.sent.start or doc[i].text != ",":
        return False
    before = s.at(doc[i - 1])
    if before is not None and s.is_org(before):  # "Acme, Dayton, Ohio" names a firm's town; "Delta, Orion, Piedmont" lists
        return _first_token(before, s) - 1 > s.sent.start and doc[_first_token(before, s) - 1].text == "," \
            and s.at(doc[_first_token(before, s) - 2]) is not None
    if before is None or not s.is_place(before):
        return False
    # "Brazoria, Fort Bend, Galveston": an organisation comes first in "Acme, Dayton, Ohio"; a place after
    # another is the next link of a chain ("Fort Hamilton, Brooklyn, N.Y.") or a list the kinds of place
    # tell apart ("Ghana, Togo and Benin")
    return s.is_org(m)


def _first_token(m: Mention, s: _Sentence) -> int:
    last = s.index.by_token_end.get(m.end, s.sent.start)
    i = last
    while i > s.sent.start and s.index.by_token.get(i - 1) == s.index.by_token.get(last):
        i -= 1
    return i


def _past_directions(tok: Token, s: _Sentence) -> Token:
    """The first token after words of direction ("south-east Algeria", "northern Ghana")."""
    directions = s.rules.place_words.directions
    while tok.i + 1 < s.sent.end and (tok.lower_ in directions or tok.text == "-") and s.at(tok) is None:
        tok = tok.doc[tok.i + 1]
    return tok


def _in_list(m: Mention, s: _Sentence, inner: Mention | None = None) -> bool:
    """A place followed by another of its kind, or by "and" and a name that is no smaller place (or, after
    an organisation, by "and" and an organisation): "Ghana, Togo and Benin", "the INPE, Finep, and
    China's Great Wall"; not "Dayton, Ohio, and Rochester, N.Y.", "Fresno, Calif., and the Herald-Tribune"."""
    doc = s.sent.doc
    last = _last_token(m, s)
    if last is None:
        return False
    i = last.i + 1
    if i < s.sent.end and doc[i].text == ",":
        i += 1
    joined = i < s.sent.end and doc[i].lower_ in _LIST_WORDS
    if joined:
        i += 1
    nxt = s.at(doc[i]) if i < s.sent.end else None
    if nxt is None:
        return False
    places = s.places
    if not s.is_place(nxt):
        return joined and s.is_org(nxt) and inner is not None and s.is_org(inner)
    kind, next_kind = places.rank(m, last, places.locate(m)), places.rank(nxt, doc[i], places.locate(nxt))
    return next_kind == kind or joined and next_kind > kind


def _prepositions(s: _Sentence) -> None:
    """"Kumasi in Ghana", "Kumasi in Ghana's Ashanti region", "Syria's Idlib province", "the Donbas region
    of Ukraine", "the University of Ghana in Accra", "Acme of Toledo"."""
    words = s.rules.place_words
    place_nouns = words.place_nouns
    for tok in s.tokens:
        inner = s.at(tok)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in words.seats and inner is None:
            # "the FDA headquarters in Silver Spring", "the FDA's Silver Spring, Md., headquarters"
            orgs = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod") and s.is_org(s.at(c))]
            orgs += [o for o in _prep_objects_of(tok, s) if s.is_org(s.at(o))]
            places = _place_objects(tok, ("in",), s) + [c for c in tok.children if c.dep_ in ("compound", "nmod")
                                                       and s.is_place(s.at(c))]
            if not places and tok.i + 2 < s.sent.end and tok.nbor().lower_ == "in":
                # "at FDA headquarters in nearby Silver Spring": the phrase right after it, wherever it hangs
                after = _past_directions(tok.nbor(2), s)
                places = [after] if s.is_place(s.at(after)) else []
            for org in orgs:
                for place in places:
                    _add_pair(s, s.at(org), s.at(place), place, "in", org, place)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in place_nouns:
            # "Syria's Idlib province", "the Donbas region of Ukraine", "the Najd plateau in Saudi Arabia",
            # "Bosnia's capital, Sarajevo"
            # (a country's adjective or name is no name of the noun: "the Ethiopian village of Dengolat")
            named = [c for c in tok.children if c.dep_ in _PLACE_NAME_DEPS and s.is_place(s.at(c))
                     and s.at(c).source != "demonym" and not s.rules.schema.is_a(s.at(c).cls, "Country")]
            if tok.dep_ == "appos" and s.is_place(s.at(tok.head)):  # "Yerevan, the capital of Armenia"
                named.append(tok.head)
            named += _copula_subjects(tok, s)  # "Lagos is Nigeria's largest city"
            one = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
            if one is not None and (one.lower_ == "one" or one.tag_ == "JJS"):
                if one.dep_ == "appos" and s.is_place(s.at(one.head)):
                    named.append(one.head)  # "Tema, one of the largest ports in Ghana"
                named += _copula_subjects(one, s)  # "Bavaria is the largest of Germany's states"
            for c in named:
                for outer_tok in _place_objects(tok, ("of", "in"), s) + [
                        p for p in tok.children if p.dep_ == "poss" and s.is_place(s.at(p))]:
                    _add_pair(s, s.at(c), s.at(outer_tok), outer_tok, "in", c, outer_tok)
            continue
        if inner is None or not (s.is_place(inner) or s.is_org(inner)) or inner.cls == "GroupActor" \
                or not inner.start <= tok.idx < inner.end:  # "Fatah leaders in Ankara": the people are there
            continue
        preps = _ORG_PLACE_PREPS if s.is_org(inner) else ("in",)
        if s.is_org(inner) and _event_argument(tok, s):
            preps = ("of",)  # "shipped to Acme Foods Ltd. of Leeds": "of" is part of the name's phrase
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "Rome is in Lazio province"
            for outer_tok in _place_objects(tok.head, ("in",), s):
                _add_pair(s, inner, s.at(outer_tok), outer_tok, "in", tok, outer_tok)
                for other in _subject_conjuncts(tok, s):  # "Ghana and Togo are in West Africa"
                    _add_pair(s, s.at(other), s.at(outer_tok), outer_tok, "in", other, outer_tok)
        if s.is_org(inner) and tok.dep_ == "dobj" and tok.head.lemma_.lower() in words.settles:
            # "founded the Zeta optics company in Wetzlar": the verb's place is the company's
            for outer_tok in _place_objects(tok.head, ("in",), s):
                _add_pair(s, inner, s.at(outer_tok), outer_tok, "in", tok, outer_tok)
        for outer_tok in _place_objects(tok, preps, s):
            if outer_tok.head.lower_ == "at" and s.places.rank(s.at(outer_tok), outer_tok, s.places.locate(
                    s.at(outer_tok))) > _RANK["district"]:
                continue
            _add_pair(s, inner, s.at(outer_tok), outer_tok, "in", tok, outer_tok)
            if s.is_place(inner):  # "Brazoria, Fort Bend and Harris counties in Texas": the list shares it
                for other in _listed_with(tok, s, outer_tok):
                    _add_pair(s, s.at(other), s.at(outer_tok), outer_tok, "in", other, outer_tok)
        for outer_tok in _each_in(tok, s):  # "Ghana and Togo, both in West Africa": each of them
            for one in [tok, *_subject_conjuncts(tok, s, own_place=False)]:
                _add_pair(s, s.at(one), s.at(outer_tok), outer_tok, "in", one, outer_tok)
        for c in tok.children:
            if c.dep_ == "poss" and s.is_place(s.at(c)) and not _state_body(inner, s):
                _add_pair(s, inner, s.at(c), c, "poss", tok, c)  # "Yemen's Hodeidah", "Ghana's Ecobank"
            elif c.dep_ == "appos" and c.pos_ == "NOUN" and _role(c, s) is None:
                # "Hodeidah, a port city in Yemen", "X, a Hong Kong firm"; not "X, a nurse in Kumasi"
                for outer_tok in _place_objects(c, ("in",), s) + _places_named_before(c, s):
                    _add_pair(s, inner, s.at(outer_tok), outer_tok, "in", tok, outer_tok)
        descriptions = [c for c in (tok.head,) if tok.dep_ == "appos"] + [
            c for c in tok.children if c.dep_ == "compound"]
        for noun in descriptions:
            # "the Moscow newspaper Izvestia", "the Lagos lender Zenith Bank": the same description before the name
            if noun.idx < inner.start and noun.pos_ == "NOUN" and s.at(noun) is None and _role(noun, s) is None:
                for outer_tok in _places_named_before(noun, s):
                    _add_pair(s, inner, s.at(outer_tok), outer_tok, "in", tok, outer_tok)


def _places_named_before(noun: Token, s: _Sentence) -> list[Token]:
    """The place names hung on a common noun before it ("a Hong Kong firm"; not a country's adjective)."""
    return [m for m in noun.children if m.dep_ in ("compound", "nmod") and m.i < noun.i and s.is_place(s.at(m))]


def _copula_subjects(attr: Token, s: _Sentence) -> list[Token]:
    """The places a copula says ``attr`` is ("Lagos is Nigeria's largest city", "Kano is one of the cities
    of Nigeria"): the subjects of the "be" it is the predicate of, with their conjuncts."""
    if attr.dep_ != "attr" or attr.head.lemma_ != "be" or any(c.dep_ == "neg" for c in attr.head.children):
        return []  # "Lagos is not a city in Ghana"
    subjects = [c for c in attr.head.children if c.dep_ == "nsubj" and s.is_place(s.at(c))]
    return subjects + [c for subject in subjects for c in _subject_conjuncts(subject, s) if s.is_place(s.at(c))]


def _each_in(tok: Token, s: _Sentence) -> list[Token]:
    """The places of an "in" phrase on ``tok`` that "both", "all" or "each" gives every member of its list:
    "Ghana and Togo, both in West Africa", or "Burundi, Rwanda and Uganda, all in East Africa" (the
    quantifier parsed as an apposition with the phrase on it)."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "appos" and c.lower_ in _EACH_WORDS)]
    return [o for h in holders for o in _place_objects(h, ("in",), s)
            if h is not tok or any(c.lower_ in _EACH_WORDS for c in o.head.children)]


def _subject_conjuncts(tok: Token, s: _Sentence, own_place: bool = True) -> list[Token]:
    """The places and organisations joined to ``tok`` by "and" ("Ghana and Togo are in Y"), with
    ``own_place`` none that names a place of its own ("Ghana, in Africa, and Laos are...")."""
    return [c for c in tok.conjuncts if c.i > tok.i and s.at(c) is not None
            and (s.is_place(s.at(c)) or s.is_org(s.at(c)) and s.at(c).cls != "GroupActor")
            and not (own_place and any(p.dep_ == "prep" and p.lower_ == "in" for p in c.children))]


def _listed_with(tok: Token, s: _Sentence, phrase: Token | None = None) -> list[Token]:
    """The other places of the list ``tok`` ends ("A, B and C in Y"), or, given the ``phrase`` the parser
    hung on its first place, of the list before that phrase ("A, B and C in Y" with "in Y" on A)."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i == tok.i and (phrase is None or not any(c.dep_ == "conj" for c in tok.children)
                             or max(c.i for c in tok.subtree if c.dep_ == "conj") > phrase.i):
        return []
    out, todo = [], [first]
    while todo:
        t = todo.pop()
        last = _last_token(s.at(t), s) if s.at(t) is not None else None
        own = last is not None and last.i + 1 < s.sent.end and t.doc[last.i + 1].lower_ == "in"
        if t.i != tok.i and s.is_place(s.at(t)) and not own and not any(
                c.dep_ == "prep" and c.lower_ == "in" for c in t.children):  # "A in X, B in Y": each its own
            out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def _event_argument(tok: Token, s: _Sentence) -> bool:
    """"signed a charter with X in Nairobi", "talks between the army and the RSF in Jeddah": an
    organisation after the preposition of a verb or a noun (not a role: "an economist with X in New York")
    shares its place phrase in the parse, but the place is the event's."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ in ("of", "at", "from", "for"):
        return False
    governor = tok.head.head
    return governor.pos_ in ("VERB", "AUX") or governor.pos_ == "NOUN" and _role(governor, s) is None


def _part_of(tok: Token, s: _Sentence) -> Token:
    """The place a part noun is part of ("the southeastern part of Rwanda", "the north of Ghana") or a
    place noun names ("the city of Ramona"); ``tok`` itself otherwise."""
    words = s.rules.place_words
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or s.at(tok) is not None \
            or lemma not in words.parts and lemma not in words.directions and lemma not in words.place_nouns:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for o in prep.children:
                if o.dep_ == "pobj" and s.is_place(s.at(o)):
                    return o
    return tok


def _place_taken_for_organisation(tok: Token, s: _Sentence) -> bool:
    """A name the tagger called an organisation that the place table knows and no organisation word
    marks ("in Tema")."""
    m = s.at(tok)
    return m is not None and s.is_org(m) and m.source == "ner" and not m.key and m.cls != "GroupActor" \
        and not s.rules.names.organisation_words & set(m.name.split()) and s.rules.places.locate(m.name) is not None


def _prep_objects_of(tok: Token, s: _Sentence) -> list[Token]:
    """The names after "of" on ``tok``."""
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj" and s.at(o) is not None]


def _place_objects(tok: Token, preps: tuple[str, ...], s: _Sentence) -> list[Token]:
    """The places after ``preps`` on ``tok``: a place name, or the name of a place noun ("in Ghana's
    Ashanti region" -> Ashanti)."""
    out = []
    place_nouns = s.rules.place_words.place_nouns
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            o = _part_of(o, s)
            if prep.lower_ == "in" and _place_taken_for_organisation(o, s):
                s.index.retype(o, "Location")  # "founded Ashfoam in Tema": the tagger's organisation is a town
            if s.is_place(s.at(o)) and s.at(o).source != "demonym":  # "in Thai" is a language
                out.append(o)
            elif o.pos_ == "NOUN" and o.lemma_.lower() in place_nouns:
                out += [c for c in o.children if c.dep_ in _PLACE_NAME_DEPS and s.is_place(s.at(c))]
    return out


def _state_body(m: Mention, s: _Sentence) -> bool:
    """A state's own body ("Iran's Revolutionary Guards"), which is partOf its state, not located in it."""
    return s.rules.schema.is_a(m.cls, "GovernmentBody") or any(
        r.subject.start == m.start and r.predicate == "partOf" for r in s.index.links)


def _based(s: _Sentence) -> None:
    """"a Lagos-based bank", "Al Jazeera, the Doha-based broadcaster", "Pepperell, based in West Point,
    Ga." (read here too so that the place's own place follows)."""
    based = s.rules.place_words.based
    for tok in s.tokens:
        if tok.lower_ not in based or tok.dep_ not in ("amod", "acl", "compound"):
            continue
        places = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod", "advmod")
                  and s.is_place(s.at(c)) and c.i < tok.i]
        if not places or not any(c.text == "-" for c in tok.doc[places[0].i:tok.i]):
            places = _place_objects(tok, ("in",), s) if tok.dep_ == "acl" else []
        if not places:
            continue
        described = tok.head  # "the Boston-based firm Akamai", parsed with the kind noun as a modifier of the name
        while described.dep_ in ("amod", "compound") and described.pos_ == "NOUN" and described.head.i > described.i:
            described = described.head
        found = resolve_argument(described, s.index, False)
        if found is None and described.pos_ == "NOUN" and described.i + 1 < len(described.doc):
            after = s.at(described.doc[described.i + 1])  # the parser may hang the name elsewhere: "the
            found = (after, "apposition") if after is not None else None  # Seattle-based retailer Nordstrom"
        if found is not None and s.is_org(found[0]) and found[0].cls != "GroupActor":
            for p in places:
                _add_pair(s, found[0], s.at(p), tok, "based", tok.head, p)


def _demonym_kind(s: _Sentence) -> None:
    """"the German automaker Volkswagen", "Toyota, the Japanese carmaker", "the French newspaper Le Monde":
    an organisation named as a kind of people or organisation (arguments.people_noun: the titles, group
    nouns and the field's agent nouns; or a kind noun of an apposition cue, lexicons/context_cues.tsv) that
    a country's nationality word qualifies is based in that country. Not a person ("the German chancellor
    Scholz"), nor a group kg makes itself."""
    for tok in s.tokens:
        demonym = s.at(tok)
        if demonym is None or demonym.source != "demonym" or tok.dep_ not in ("amod", "compound") \
                or s.index.by_token_end.get(demonym.end) != tok.i:
            continue
        described = tok.head
        while described.dep_ == "compound" and described.pos_ == "NOUN" and described.head.i > described.i:
            described = described.head  # "the South Korean electronics giant": the giant
        if described.pos_ != "NOUN" or described.i < tok.i or not (people_noun(described, s.rules) or any(
                cue.role == "apposition" and described.lemma_.lower() in cue.lemmas for cue in s.rules.context_cues)):
            continue
        found = resolve_argument(described, s.index, False)
        if found is not None and found[1] == "apposition" and s.is_org(found[0]) and found[0].cls != "GroupActor":
            _add_pair(s, found[0], demonym, described, "demonym", None, tok)


def _named_for_place(s: _Sentence) -> None:
    """"the Bank of Ghana", "the Texas Department of Agriculture", "the U.S. Congress", "the Haitian
    Parliament": an organisation whose name starts with a known place or its nationality word, or ends in
    "of" and one, lies in it; the place becomes a mention
    of its own (on no token). A name starting with a city counts only when kg's gazetteer knows the city
    (GeoNames has a town for every word: "Union Bank"); a body abroad ("the U.S. Embassy") does not."""
    for tok in s.tokens:
        org = s.at(tok)
        if org is None or not s.is_org(org) or org.cls == "GroupActor" or org.source == "group" \
                or s.index.by_token_end.get(org.end) != tok.i:
            continue  # (a group, even one the gazetteer knows, "Egypt's army", is partOf its country)
        words = org.text.split(" of ")
        found = None
        if len(words) > 1 and words[-1][:1].isupper():
            place_text = words[-1].removeprefix("the ").strip()
            found = _known_place(place_text, s, cities=True)
            start = org.end - len(place_text)
        if found is None and not _abroad(tok, s):
            parts = org.text.removeprefix("the ").split()
            for size in range(min(3, len(parts) - 1), 0, -1):  # a country or region: the Shanghai
                place_text = " ".join(parts[:size])             # Cooperation Organisation is in Beijing
                # or its nationality word ("the Haitian Parliament"; a state body is partOf its state instead,
                # and a seat the sentence names wins: "the London-based Syrian Observatory")
                demonym = size == 1 and not _state_body(org, s) and not any(
                    inner == org.start for inner, _ in s.places.pairs)
                found = _known_place(place_text, s, cities=False) or (
                    _demonym_country(place_text, s) if demonym else None)
                if found is not None and found[1] == "City":
                    found = None
                if found is not None:
                    start = org.start + org.text.index(place_text)
                    break
        if found is None:
            continue
        name, cls, key = found
        m = Mention(s.index.doc_id, start, start + len(place_text), place_text, name, cls, key, "name")
        s.index.add(m, [])
        _add_pair(s, org, m, tok, "of", tok, tok)


def _demonym_country(text: str, s: _Sentence) -> tuple[str, str, str | None] | None:
    """(name, class, gazetteer id) of the country a nationality word names ("Haitian": Haiti)."""
    found = s.rules.gazetteer.by_demonym.get(text.lower()) if text[:1].isupper() else None
    entry = s.rules.gazetteer.entries[found] if found is not None else None
    if entry is None or not s.rules.schema.is_a(entry.cls, "Country"):  # "Kurdish" names a people, no place
        return None
    return entry.name, entry.cls, entry.id


def _known_place(text: str, s: _Sentence, cities: bool) -> tuple[str, str, str | None] | None:
    """(name, class, gazetteer id) of the place ``text`` names: a gazetteer place, or a country or
    region of the place table (and its cities when ``cities``)."""
    entry = s.rules.gazetteer.lookup(text)
    if entry is not None:
        return (entry.name, entry.cls, entry.id) if s.rules.schema.is_a(entry.cls, "Location") else None
    place = s.rules.places.locate(text)
    if place is None or place.precision == "city" and not cities or not text[:1].isupper():
        return None
    return place.name, {"city": "City", "region": "Region", "country": "Country"}[place.precision], None


def _abroad(tok: Token, s: _Sentence) -> bool:
    """An organisation that sits in another country than the one it is named for ("the U.S. Embassy")."""
    return tok.lemma_.lower() in s.rules.place_words.abroad


def _city_before_organisation(s: _Sentence) -> None:
    """"Moscow INTERFAX", "the U.S. Navy", "the Lagos Chamber of Commerce" (when the tagger splits them): a
    city or country right before an organisation's name is where it is (not a body abroad: "the U.S.
    Embassy"; a nationality word makes a state body partOf its state instead)."""
    doc = s.sent.doc
    for tok in s.tokens:
        org = s.at(tok)
        if not s.is_org(org) or org.cls == "GroupActor" or tok.i == s.sent.start or tok.idx != org.start:
            continue
        before = doc[tok.i - 1]
        place = s.at(before)
        if not s.is_place(place) or s.index.by_token_end.get(place.end) != before.i \
                or place.source in ("metonymy", "demonym"):
            continue
        rank = s.places.rank(place, before, s.places.locate(place))
        root = _name_root(tok, s)
        if rank == _RANK["city"] or rank == _RANK["country"] and root is not None and not _abroad(root, s):
            _add_pair(s, org, place, tok, "compound", tok, before)


def _place_noun_of(s: _Sentence) -> None:
    """"the West Bank city of Jenin", "Ukraine's eastern region of Donbas", "the Kenyan town of Garissa": a
    place noun names the place after its "of", and the place before it (a name, a possessor, a country's
    adjective) holds that place. When the place after "of" is at least of the noun's kind and the name
    before it is no larger, the noun is the kind of that name instead, which lies in the place after "of":
    "the Kibera area of Nairobi", "the Bugesera district of Rwanda"."""
    place_nouns = s.rules.place_words.place_nouns
    for tok in s.tokens:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in place_nouns:
            continue
        named = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        inner = s.at(named[0]) if named else None
        mods = [mod for mod in _named_places(tok, s, (*_PLACE_NAME_DEPS, "poss")) if s.at(mod).source != "metonymy"]
        if inner is None or not mods or inner.source in ("metonymy", "demonym"):
            continue
        if s.is_place(inner):
            kind = _RANK[place_nouns[tok.lemma_.lower()]]
            of_rank = s.places.rank(inner, None, s.places.locate(inner))
            names = [mod for mod in mods if mod.dep_ != "poss" and s.at(mod).source != "demonym"]
            if names and of_rank >= kind and all(
                    s.places.rank(s.at(mod), None, s.places.locate(s.at(mod))) <= of_rank for mod in names):
                for mod in names:  # "the Kibera area of Nairobi": Kibera is the area, in Nairobi
                    _add_pair(s, s.at(mod), inner, tok, "of", None, named[0])
                continue
        else:  # "the Ukrainian village of Bucha": the tagger's organisation is a village
            inner = s.index.retype(named[0], _PLACE_CLASS[place_nouns[tok.lemma_.lower()]])
            if inner is None or not s.is_place(inner):
                continue
        for outer in (s.at(mod) for mod in mods):  # its kind is its own, not the noun's: no token to rank it by
            _add_pair(s, inner, outer, tok, "of", named[0], None)


def _named_places(noun: Token, s: _Sentence, deps: tuple[str, ...]) -> list[Token]:
    """The names of places hung before a place noun by one of ``deps`` ("the Kibera area", "Ghana's region")."""
    return [c for c in noun.children if c.dep_ in deps and c.i < noun.i and s.at(c) is not None and s.is_place(s.at(c))]


def _possessed_place(s: _Sentence) -> None:
    """"Nairobi's Kibera area", "Kenya's Mandera County": a place whose name (or the place noun it names)
    a larger place possesses lies in it."""
    place_nouns = s.rules.place_words.place_nouns
    for tok in s.tokens:
        inner = s.at(tok)
        if inner is not None and s.index.by_token_end.get(inner.end) == tok.i and s.is_place(inner):
            inner_tok = tok  # the name's last word holds its possessor: "Kenya's Mandera County"
        elif inner is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in place_nouns:
            named = _named_places(tok, s, ("compound", "nmod"))
            if not named:
                continue
            inner_tok, inner = None, s.at(named[-1])  # "Nairobi's Kibera area": ranked as itself, not as the noun
        else:
            continue
        if inner.source in ("metonymy", "demonym"):
            continue
        for owner_tok in (c for c in tok.children if c.dep_ == "poss"):
            outer = s.at(owner_tok)
            if outer is not None and outer != inner and s.is_place(outer) \
                    and outer.source not in ("metonymy", "demonym"):
                _add_pair(s, inner, outer, tok, "of", inner_tok, owner_tok)


def _place_readings(s: _Sentence) -> None:
    for read in (_side_by_side, _place_in_place, _prepositions, _based, _demonym_kind, _named_for_place,
                 _city_before_organisation, _fronted_place, _place_noun_of, _possessed_place):
        read(s)


def places(s: _Sentence) -> Iterator[Relation]:
    """Places in places and organisations in places (module docstring), closed transitively."""
    _place_readings(s)
    pairs = s.places.pairs
    outer_of: dict[int, list[tuple[Mention, Token]]] = {}
    for (inner_start, _), (_, outer, trigger, _) in pairs.items():
        outer_of.setdefault(inner_start, []).append((outer, trigger))
    for inner, outer, trigger, how in list(pairs.values()):
        rule = "organisation_in_place" if s.is_org(inner) else "place_in_place"
        rel = s.edge(inner, "locatedIn", outer, trigger, rule, how)
        if rel is not None:
            yield rel
        seen = {outer.start}
        todo = list(outer_of.get(outer.start, []))
        while todo:  # "Acme, of Toledo, Ohio": Acme is in Ohio too
            further, _ = todo.pop()
            if further.start in seen or further.start == inner.start:
                continue
            seen.add(further.start)
            rel = s.edge(inner, "locatedIn", further, trigger, rule, "chain")
            if rel is not None:
                yield rel
            todo += outer_of.get(further.start, [])


# ---- datelines ------------------------------------------------------------------------------------------

def datelines(s: _Sentence) -> Iterator[Relation]:
    """"ACCRA, Ghana (AP) -", "(Text) Hefei, May 3 (XINHUA) --": a sentence that opens with places (and a
    date) and a news agency in brackets, then a dash or nothing. The agency is in the first place (where
    it files from), each place in the next. The places are places whatever the tagger made of them
    ("AOSTA" missed, "Sofia" a person)."""
    doc = s.sent.doc
    start = s.sent.start
    if doc[start].text == "(" and start + 2 < s.sent.end and doc[start + 2].text == ")" \
            and not s.is_org(s.at(doc[start + 1])):
        start += 3  # "(Text) Hefei, ...": a bracketed label before the dateline
    places_end, agency = _dateline_agency(s, start)
    if agency is None:
        return
    if doc[start].text == "(":
        start = next(j for j in range(start, places_end) if doc[j].text == ")") + 1
    segments, current = [], []
    for tok in doc[start:places_end]:
        if tok.text == ",":
            segments.append(current)
            current = []
        elif not tok.is_space:
            current.append(tok)
    segments.append(current)
    found: list[tuple[Mention, Token]] = []
    for segment in segments:
        while segment and _date_word(segment[-1]):  # "Moscow March 5 (ITAR-TASS)"
            segment = segment[:-1]
        if segment and segment[0].lower_ == "the" and len(segment) > 1 and s.at(segment[0]) is None:  # "The Hague"
            segment = segment[1:]
        if not segment or all(_date_word(t) for t in segment):
            continue
        if not all(t.text[:1].isupper() or t.is_punct for t in segment):
            return  # a sentence, not a dateline
        place = _dateline_place(segment, s, first=not found)
        if place is None:
            return
        found.append((place, segment[0]))
    if not found:
        return
    rel = s.edge(agency, "locatedIn", found[0][0], found[0][1], "dateline", "dateline")
    if rel is not None:
        yield rel
    for (inner, inner_tok), (outer, outer_tok) in pairwise(found):
        if not _contains(s, inner, outer, inner_tok, outer_tok, "appos"):
            break
        rel = s.edge(inner, "locatedIn", outer, outer_tok, "dateline", "dateline")
        if rel is not None:
            yield rel
        rel = s.edge(agency, "locatedIn", outer, outer_tok, "dateline", "dateline")  # in Seoul, so in South Korea
        if rel is not None:
            yield rel


def _dateline_agency(s: _Sentence, start: int) -> tuple[int, Mention | None]:
    """Where a dateline's places end and its agency: "ACCRA, Ghana (AP) -" (places, then the agency in
    brackets, then a dash or nothing) or "(ANSA) Brussels, May 25 --" (the agency first, then the places
    and a dash)."""
    doc = s.sent.doc
    end = s.sent.end
    if doc[start].text == "(":  # the agency first
        close = next((j for j in range(start + 1, min(start + 5, end)) if doc[j].text == ")"), None)
        if close is None:
            return start, None
        agency = _bracketed_agency(s, start, close)
        dash = next((j for j in range(close + 1, min(close + 14, end)) if doc[j].text in _DASHES), None)
        if agency is None or dash is None:
            return start, None
        return dash, agency
    bracket = next((j for j in range(start + 1, min(end, start + 14)) if doc[j].text == "("), None)
    close = next((j for j in range(bracket + 1, min(bracket + 6, end)) if doc[j].text == ")"), None) \
        if bracket is not None else None
    if close is None:
        return start, None
    after = next((t for t in doc[close + 1:end] if not t.is_space), None)
    if after is not None and after.text not in _DASHES:
        return start, None
    return bracket, _bracketed_agency(s, bracket, close)


def _bracketed_agency(s: _Sentence, bracket: int, close: int) -> Mention | None:
    """The organisation in a dateline's brackets; a lone word in capitals there is a news agency the
    tagger missed ("(TANJUG)")."""
    doc = s.sent.doc
    found = next((s.at(t) for t in doc[bracket + 1:close] if s.is_org(s.at(t))), None)
    if found is not None or close != bracket + 2:
        return found
    tok = doc[bracket + 1]
    if not (tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 10) or s.at(tok) is not None:
        return None
    m = Mention(s.index.doc_id, tok.idx, tok.idx + len(tok.text), tok.text, tok.text, "MediaOrganization", None,
                "dateline")
    s.index.add(m, [tok.i])
    return m


_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december",
                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])


def _date_word(tok: Token) -> bool:
    """A word of a date ("12 Feb", "May 25") or punctuation, which a dateline's places stand among."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.like_num or tok.is_punct or tok.lower_.rstrip(".") in _MONTHS


def _dateline_place(segment: list[Token], s: _Sentence, first: bool) -> Mention | None:
    """The place a dateline names in ``segment``: the mention there (retyped a place: "STOCKTON-ON-TEES"
    the tagger called an organisation), else a new one (a city when it comes first)."""
    m = s.at(segment[0])
    if m is not None and (m.start, m.end) == (segment[0].idx, segment[-1].idx + len(segment[-1].text)):
        if s.is_place(m):
            return m
        if m.key is None and m.source == "ner":
            return s.index.retype(segment[0], "City" if first else "Location")
        return None
    if any(s.at(t) is not None for t in segment):
        return None
    start, end = segment[0].idx, segment[-1].idx + len(segment[-1].text)
    text = s.index.text[start:end]
    m = Mention(s.index.doc_id, start, end, text, clean_name(text), "City" if first else "Location", None, "dateline")
    s.index.add(m, [t.i for t in segment])
    return m


# name -> reader(sentence) -> relations; each reads one kind of construction
READERS: dict[str, Reader] = {
    "datelines": datelines,  # first: a dateline's city, mistyped by the tagger, is a place for the others
    "roles": roles,
    "person_of_organisation": person_of_organisation,
    "places": places,
}


def relations(text: str, sent: Span, index: MentionIndex, published: str) -> Iterator[Relation]:
    """Every relation the constructions of READERS find in ``sent``."""
    s = _Sentence(text, sent, index, published)
    for read in READERS.values():
        yield from read(s)
