"""Entity mentions: spaCy entities mapped to ontology classes, nationality words sent to their country,
and unnamed group actors ("Egyptian officials", "Hamas' political bureau") built from
ontology/lexicons/group_nouns.tsv. People named only by the organisation they act for ("a Hamas
official") stand for that organisation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.common.names import clean_name, match_key
from kg.ingest.dateline import dateline
from kg.model import Evidence, Mention, Relation
from kg.rules import OWNER, GroupNoun, Rules, longest_suffix
from kg.rules.gazetteer import GazetteerEntry
from kg.rules.lexicons import NATIONALITY

_OWNER_DEPS = {"poss", "compound", "amod", "nmod"}
_MODIFIER_DEPS = {"amod", "compound"}


@dataclass
class MentionIndex:
    """The mentions of one document and which token stands for which mention."""

    doc_id: str
    rules: Rules
    text: str = ""  # the document as written (offsets refer to it)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)  # token index -> position in mentions
    by_token_end: dict[int, int] = field(default_factory=dict)  # mention end char -> its last token
    links: list[Relation] = field(default_factory=list)  # group actor -> owner (partOf / memberOf)
    tentative: set[int] = field(default_factory=set)  # positions of groups made for event arguments
    # a group noun's token -> the tokens of the groups coordinated with it ("Nigerian and British forces":
    # "forces" is the Nigerian one, "British" the British one); arguments stand for all of them
    also: dict[int, list[int]] = field(default_factory=dict)

    def prune(self, used: set[tuple[int, int]]) -> None:
        """Drop the groups made for event arguments (:func:`local_group`) that no relation kept: a noun
        in passing makes no node. ``used``: (start, end) of every mention a relation names."""
        drop = {pos for pos in self.tentative if (self.mentions[pos].start, self.mentions[pos].end) not in used}
        if not drop:
            return
        gone = {(self.mentions[pos].start, self.mentions[pos].end) for pos in drop}
        self.links = [r for r in self.links if (r.subject.start, r.subject.end) not in gone]
        kept = [pos for pos in range(len(self.mentions)) if pos not in drop]
        renumber = {old: new for new, old in enumerate(kept)}
        self.mentions = [self.mentions[pos] for pos in kept]
        self.by_token = {i: renumber[pos] for i, pos in self.by_token.items() if pos in renumber}
        self.by_token_end = {end: tok for end, tok in self.by_token_end.items()
                             if any(m.end == end for m in self.mentions)}
        self.tentative = set()

    def add(self, mention: Mention, tokens: Iterable[int], ends: bool = True) -> int:
        """Add ``mention`` on ``tokens``; ``ends``: its last token is where it ends (not for a coordinated
        owner's group, which is put on its owner's word)."""
        self.mentions.append(mention)
        pos = len(self.mentions) - 1
        tokens = list(tokens)
        for i in tokens:
            self.by_token[i] = pos
        if tokens and ends:
            self.by_token_end[mention.end] = max(tokens)
        return pos

    def replace(self, mention: Mention, tokens: Iterable[int]) -> None:
        """Put ``mention`` on ``tokens``; mentions that lay wholly within them are dropped, the others
        keep the tokens they had outside them."""
        tokens = set(tokens)
        owned: dict[int, list[int]] = {}
        for i, pos in self.by_token.items():
            owned.setdefault(pos, []).append(i)
        old = self.mentions
        self.mentions, self.by_token, self.by_token_end = [], {}, {}
        for pos, m in enumerate(old):
            toks = owned.get(pos, [])
            if toks and set(toks) <= tokens:
                continue
            self.add(m, [i for i in toks if i not in tokens])
        self.add(mention, sorted(tokens))

    def at(self, token: Token) -> Mention | None:
        pos = self.by_token.get(token.i)
        return None if pos is None else self.mentions[pos]

    def retype(self, token: Token, cls: str) -> Mention | None:
        """Give the mention at ``token`` a new class (a title marks a person); gazetteer names keep theirs."""
        pos = self.by_token.get(token.i)
        if pos is None:
            return None
        m = self.mentions[pos]
        org_cues = self.rules.names.organisation_words
        if m.key is None and m.cls != cls and m.source == "ner" and not org_cues.intersection(m.name.split()):
            self.mentions[pos] = m = replace(m, cls=cls)
        return m


def find_mentions(doc_id: str, text: str, sdoc: Doc, rules: Rules) -> MentionIndex:
    """All mentions in parsed document ``sdoc`` of ``text`` (the original text: offsets refer to it)."""
    index = MentionIndex(doc_id, rules, text)
    tokens = list(sdoc)  # made once: iterating a Doc makes a new Token object per token each time
    for ent in sdoc.ents:
        if stance(ent[-1], rules):
            continue  # "pro-Kremlin hackers": a stance, not the Kremlin
        if ent.label_ == "NORP" and _people_named(ent[-1], rules):
            index.add(_people_mention(doc_id, ent[-1]), [ent[-1].i])  # "ethnic Albanians": a people
            continue
        mention = _entity_mention(doc_id, text, ent, rules)
        if mention is not None and _people_with_faith(index, ent, mention):
            continue
        if mention is not None:
            index.add(mention, range(ent.start, ent.end))
            _link_state_body(index, text, ent, mention)
    _join_names_cut_at_of(index, text, sdoc)
    _source_lines(index, text, sdoc)
    _spell_out_abbreviations(index)
    _places_before_states(index, text, sdoc, tokens)
    _add_acronyms(index, text, sdoc, tokens)
    _add_definite_short_names(index, sdoc)
    _add_untagged_demonyms(index, sdoc, tokens)
    _add_group_actors(index, text, sdoc, tokens)
    _add_titled_names(index, text, sdoc, tokens)
    capitalised = _capitalised(tokens)
    _add_cued_names(index, text, sdoc, capitalised)
    _add_dictionary_persons(index, text, sdoc, capitalised)
    _add_titled_persons(index, text, sdoc, capitalised)
    _add_definite_descriptions(index, sdoc, tokens)
    _apply_context_cues(index, sdoc)
    _people_by_age(index, tokens)
    _capitals_for_states(index, sdoc)
    return index


def _people_with_faith(index: MentionIndex, ent: Span, mention: Mention) -> bool:
    """A community named with another right before it is that one ("Rohingya Muslims", "Coptic
    Christians", "Sunni Muslims"): a people named with its faith, or a faith's branch with the faith. The
    first mention takes in the second's words; True when it did."""
    schema = index.rules.schema
    pos = index.by_token.get(ent.start - 1)
    before = index.mentions[pos] if pos is not None else None
    if before is None or not schema.is_a(mention.cls, "Community") or not schema.is_a(before.cls, "Community"):
        return False
    whole = replace(before, end=mention.end, text=index.text[before.start:mention.end])
    index.replace(whole, [i for i, p in index.by_token.items() if p == pos] + list(range(ent.start, ent.end)))
    return True


def _people_by_age(index: MentionIndex, tokens: list[Token]) -> None:
    """A name followed by an age set off by commas is a person's ("Lindqvist, 44, is a retired judge",
    "Ana Ruiz, 41, of Tijuana"), whatever the tagger made of it, and the name in an "of" right after the
    age is where the person is from, a place; gazetteer names keep their class."""
    coarse = index.rules.schema.coarse
    for tok in tokens:
        named = index.retype(tok, "Person") if _age_after(tok) else None
        if named is None or named.cls != "Person":
            continue
        home = tokens[tok.i + 5] if tok.i + 5 < len(tokens) and tokens[tok.i + 4].lower_ == "of" else None
        if home is not None and (found := index.at(home)) is not None and coarse(found.cls) != "Location":
            index.retype(home, "Location")  # "Ana Ruiz, 41, of Tijuana": where she is from


def _age_after(tok: Token) -> bool:
    """Whether an age set off by commas follows ``tok`` ("Lindqvist, 44, said")."""
    doc, i = tok.doc, tok.i
    return i + 3 < len(doc) and doc[i + 1].text == "," and doc[i + 3].text == "," \
        and doc[i + 2].text.isdigit() and 0 < int(doc[i + 2].text) < _OLDEST


_OLDEST = 120


def state_of(m: Mention, rules: Rules, any_place: bool = False) -> Mention | None:
    """The state a capital stands for ("Moscow" -> Russia), or with ``any_place`` the state any place of
    kg's gazetteer lies in, as a mention on the place's words with source "metonymy"; None for anything
    else."""
    gaz = rules.gazetteer
    entry = gaz.entries.get(m.key or "")
    if entry is None or not (entry.capital or any_place) or not entry.country:
        return None
    country = gaz.entries[entry.country]
    return replace(m, name=country.name, cls=country.cls, key=country.id, source="metonymy")


def _capitals_for_states(index: MentionIndex, sdoc: Doc) -> None:
    """"Islamabad denied", "blamed by Washington": a capital (gazetteer "capital") that is the subject of an
    active verb other than "be", or a passive's agent, stands for its state (source "metonymy");
    "drones hit Moscow" stays a city."""
    for pos, m in enumerate(index.mentions):
        state = state_of(m, index.rules) if m.source in ("gazetteer", "ner") else None
        if state is None:
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        acting = root is not None and (root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_ != "be"
                                       or root.dep_ == "pobj" and root.head.dep_ == "agent")  # "blamed by Washington"
        if acting and not _in_dateline(span):  # "NAIROBI, Kenya (AP) - Kenya's parliament...": the city
            index.mentions[pos] = state


def _in_dateline(span: Span) -> bool:
    sent = span.sent
    found = dateline(sent.text[:200])
    return found is not None and span.start_char < sent.start_char + found.end


def _join_names_cut_at_of(index: MentionIndex, text: str, sdoc: Doc) -> None:
    """"the University of Ghana": the gazetteer's "Ghana" cuts the tagger's name at "of" ("University of");
    the two are one organisation's name (the place in it is read by kg/extract/constructions.py)."""
    for ent in sdoc.ents:
        if ent.label_ not in ("ORG", "FAC") or ent.end >= len(sdoc) or ent[-1].lower_ not in ("of", "for"):
            continue
        nxt = index.by_token.get(ent.end)
        after = index.mentions[nxt] if nxt is not None else None
        if after is None or ent.start not in index.by_token or after.cls == "GroupActor":
            continue
        last = index.by_token_end.get(after.end, ent.end)
        start, end = index.mentions[index.by_token[ent.start]].start, after.end
        joined = Mention(index.doc_id, start, end, text[start:end], clean_name(text[start:end]), "Organization")
        index.replace(joined, range(ent.start, last + 1))


# Languages a source line names after "in" ("Moscow INTERFAX in English"), by the tagger's labels.
_LANGUAGE_LABELS = ("LANGUAGE", "NORP")
_DIGIT = re.compile(r"\d")


def _source_lines(index: MentionIndex, text: str, sdoc: Doc) -> None:
    """Source lines of monitored media: "Kyiv UNIAN in English 0915 GMT", "Seoul YONHAP",
    "Paris Radio France International", "Caracas Radio Nacional in Spanish": a place, then
    the outlet's name (in capitals, or with a media word: "Radio"), then its language or nothing. The
    tagger merges or misses both; the outlet becomes a MediaOrganization mention (source "source-line")
    and the place a mention of its own."""
    rules = index.rules
    media = rules.names.by_class.get("MediaOrganization", frozenset())
    for sent in sdoc.sents:
        words = [t for t in sent if not t.is_space]
        end = next((i for i, t in enumerate(words[:-1]) if t.lower_ == "in" and i > 1
                    and (words[i + 1].ent_type_ in _LANGUAGE_LABELS or words[i + 1].lower_ in rules.gazetteer.by_demonym)),
                   None)
        line = end is None
        if line:  # the whole line, after a story code and up to its date, is place and outlet
            kept = []
            for t in words:
                if _code(t):
                    continue
                if _DIGIT.search(t.text) or len(kept) > 8:  # its date; or no source line: too long
                    break
                kept.append(t)
            if not 2 <= len(kept) <= 8:
                continue
            words, end = kept, len(kept)
        run = []
        for t in reversed(words[:end]):  # "Rio de Janeiro O GLOBO", "Moscow ITAR-TASS", "London Kanal-6 TV"
            if not (t.text[:1].isupper() or t.text in ("-", "&") or t.lower_ in _CONNECTORS and run) or _code(t):
                break
            run.insert(0, t)
        if line and len(run) != len(words):
            continue
        for first in range(len(run) - 1):  # "The 4 May Manila PHILIPPINE STAR in English"
            place_len = _place_prefix(run[first:], rules)
            if place_len:
                break
        else:
            continue
        place, outlet = run[first:first + place_len], run[first + place_len:]
        if not outlet or line and not (all(t.is_upper or not t.is_alpha for t in outlet)
                                       or any(t.text in media for t in outlet)):
            continue  # "Paris Match": a headline, not a source line
        _put(index, text, sdoc[place[0].i:place[-1].i + 1], None)
        _put(index, text, sdoc[outlet[0].i:outlet[-1].i + 1], "MediaOrganization")


def _code(tok: Token) -> bool:
    """A story code or a number ("LD2804174994", "1601"), not a name."""
    text = tok.text
    return len(text) >= 4 and len(_DIGIT.findall(text)) >= 4


def _place_prefix(run: list[Token], rules: Rules) -> int:
    """How many tokens at the start of ``run`` name a place the gazetteer or the place table knows."""
    for size in range(min(3, len(run) - 1), 0, -1):
        name = " ".join(t.text for t in run[:size])
        entry = rules.gazetteer.lookup(name)
        if entry is not None and rules.schema.is_a(entry.cls, "Location") or entry is None \
                and (place := rules.places.locate(name)) is not None and place.precision == "city":
            return size
    return 0


def _put(index: MentionIndex, text: str, span: Span, cls: str | None) -> None:
    """A mention on exactly ``span``: the gazetteer's entry when it names one, else ``cls`` (a place when
    None); mentions wholly inside are replaced."""
    gaz = index.rules.gazetteer
    current = index.at(span[0])
    if current is not None and (current.start, current.end) == (span.start_char, span.end_char):
        if cls is None and current.source == "ner" and index.rules.schema.coarse(current.cls) != "Location":
            index.mentions[index.by_token[span[0].i]] = replace(current, cls="City")  # "Madras THE HINDU"
        return
    surface = text[span.start_char:span.end_char]
    entry = gaz.lookup(surface)
    if entry is not None:
        m = Mention(index.doc_id, span.start_char, span.end_char, surface, entry.name, entry.cls, entry.id,
                    "gazetteer")
    else:
        m = Mention(index.doc_id, span.start_char, span.end_char, surface, clean_name(surface), cls or "City",
                    None, "source-line")
    index.replace(m, range(span.start, span.end))


def _places_before_states(index: MentionIndex, text: str, sdoc: Doc, tokens: list[Token]) -> None:
    """"Kings Bay, Ga.", "Fort Totten, Queens, N.Y.": capitalised words right before a comma and a state
    (a news abbreviation, or a region the place table knows) name a place, whatever the tagger made of
    them (nothing, or a person for a name that starts like a place: "Fort", "Camp")."""
    words = index.rules.place_words
    for comma in tokens:
        if comma.text != "," or comma.i == 0 or comma.i + 1 >= len(sdoc):
            continue
        if not _state_after(comma, index, sdoc, depth=1):
            continue
        last = sdoc[comma.i - 1]
        current = index.at(last)
        if current is not None:
            first = sdoc.char_span(current.start, current.end, alignment_mode="expand")
            if current.source == "ner" and first is not None and (
                    current.cls == "Person" and (first[0].lower_ in words.prefixes or first.text.isupper())
                    or index.rules.schema.coarse(current.cls) == "Organization"  # "ROYAL OAK, Mich.", "Fargo, N.D."
                    and (first.text.isupper() or _city_by_name(current.name, index.rules))):
                index.mentions[index.by_token[last.i]] = replace(current, cls="Location")
            continue
        first = last.i
        while first > comma.sent.start and sdoc[first - 1].text[:1].isupper() and sdoc[first - 1].pos_ == "PROPN" \
                and first - 1 not in index.by_token and last.i - first < 3:
            first -= 1
        span = sdoc[first:last.i + 1]
        if last.pos_ != "PROPN" or not span.text[:1].isupper() or first == comma.sent.start and not span.text.isupper() \
                and first != comma.sent.start:
            continue
        name = clean_name(span.text)
        index.add(Mention(index.doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char], name,
                          "Location", None, "place-shape"), range(span.start, span.end))


def _state_after(comma: Token, index: MentionIndex, sdoc: Doc, depth: int) -> bool:
    """Whether a state follows ``comma``, directly or after one more place ("Fort Totten, Queens, N.Y.")."""
    if comma.i + 1 >= len(sdoc):
        return False
    after = sdoc[comma.i + 1]
    state = index.at(after)
    rules = index.rules
    if _abbreviated(after, rules.place_words.abbreviations) or state is not None and state.source == "ner" \
            and (found := rules.places.locate(state.name)) is not None and found.precision == "region":
        return True
    if depth == 0 or state is None or rules.schema.coarse(state.cls) != "Location":
        return False
    end = index.by_token_end.get(state.end)
    return end is not None and end + 1 < len(sdoc) and sdoc[end + 1].text == "," \
        and _state_after(sdoc[end + 1], index, sdoc, depth - 1)


def _abbreviated(tok: Token, abbreviations: dict[str, str]) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.text in abbreviations or nxt is not None and nxt.text == "." and tok.text + "." in abbreviations


def _spell_out_abbreviations(index: MentionIndex) -> None:
    """"Calif.", "N.Y.": a place written as a news abbreviation is named in full ("California"), so it
    is one entity with the state named in full."""
    abbreviations = index.rules.place_words.abbreviations
    for pos, m in enumerate(index.mentions):
        full = abbreviations.get(m.text) or abbreviations.get(m.text + ".")
        if full and m.source == "ner" and index.rules.schema.coarse(m.cls) == "Location":
            index.mentions[pos] = replace(m, name=full, cls="Region")


_ROLE_DEPS = {"subject_of": ("nsubj",), "object_of": ("dobj", "dative"), "possessor_of": ("poss",)}


def _apply_context_cues(index: MentionIndex, sdoc: Doc) -> None:
    """Correct the class of names the gazetteer does not know by where they stand (lexicons/context_cues.tsv
    context_cues): "told Mada Masr" is an outlet, "Nvidia said" is no place, "X, the chipmaker" a company."""
    rules = index.rules
    cues = rules.context_cues
    schema = rules.schema
    for pos, m in enumerate(index.mentions):
        if m.key or m.source != "ner":
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for cue in cues:
            if schema.coarse(m.cls) not in cue.from_classes and m.cls not in cue.from_classes:
                continue
            if cue.role == "apposition":  # the kind is a common noun: in "the head of the World Bank, X"
                # the parser may hang X on "Bank", a word of a name, which says nothing of what X is
                hit = any(c.dep_ == "appos" and _common_kind(c, cue.lemmas) for c in root.children) \
                    or root.dep_ == "appos" and _common_kind(root.head, cue.lemmas)
            elif cue.role == "place_object_of":
                hit = root.dep_ == "pobj" and root.head.lemma_.lower() in cue.lemmas and _city_by_name(m.name, rules)
            elif cue.role == "of_object_of":  # "the mayor of Lyon", "the outskirts of Bugesera"
                hit = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in cue.lemmas
            else:
                hit = root.dep_ in _ROLE_DEPS[cue.role] and root.head.lemma_.lower() in cue.lemmas
            if hit:
                index.mentions[pos] = replace(m, cls=cue.to)
                break


def of_object(tok: Token) -> Token | None:
    """The object of ``tok``'s own "of" phrase ("one of the ports": ports), or None."""
    return next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), None)


def _common_kind(noun: Token, lemmas: frozenset[str] | set[str]) -> bool:
    """Whether ``noun`` is a common noun of ``lemmas`` that says what a name is ("X, the chipmaker"), not a
    word of another name ("the World Bank")."""
    kind = _kind_noun(noun)
    return kind.pos_ != "PROPN" and not kind.ent_type_ and kind.lemma_.lower() in lemmas


def _kind_noun(noun: Token) -> Token:
    """The noun that says what a name is, through "one of": "Tema, one of the ports in Ghana"."""
    kind = of_object(noun) if noun.lower_ == "one" else None
    return kind if kind is not None else noun


def _city_by_name(name: str, rules: Rules) -> bool:
    """Whether ``name`` is the own name (not an alternate) of a city the place table or GeoNames knows."""
    place = rules.places.locate(name)
    return place is not None and place.precision == "city" and match_key(place.name) == match_key(clean_name(name))


def _add_definite_descriptions(index: MentionIndex, sdoc: Doc, tokens: list[Token]) -> None:
    """"Hezbollah fired rockets. The group also...": "the group", "the movement", "the kingdom"
    (lexicons/definite_references.tsv, singular nouns only: "the factions" are several) is the last
    name of its class in its sentence or the two before, and becomes a mention of it (source "definite")."""
    rules = index.rules
    refs = rules.names.definite
    schema = rules.schema
    for tok in tokens:
        cls = refs.get(tok.lemma_.lower()) if tok.tag_ == "NN" and tok.i not in index.by_token else None
        if cls is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                or any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in tok.children) \
                or _names_its_own(tok):  # "the city of Odesa" names a city, whatever the tagger made of it
            continue
        start = tok.sent.start
        for _ in range(2):
            if start > 0:
                start = sdoc[start - 1].sent.start
        floor = sdoc[start].idx
        end = tok.sent.end_char  # a name later in the description's own sentence is someone else: in "the
        named = {m.name for m in index.mentions if tok.idx < m.start and m.end <= end}  # company criticized
        # Apple's fees" the company is not Apple (while "Apple said the company would appeal" is Apple)
        earlier = [m for m in index.mentions if floor <= m.start and m.end <= tok.idx
                   and m.cls != "GroupActor" and schema.is_a(m.cls, cls) and m.name not in named]
        if earlier:  # the topic (a subject) before the merely latest: "Apple was fined by the EC. The company..."
            m = max(earlier, key=lambda m: (_is_subject(sdoc, m), m.start))
            index.add(replace(m, start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, source="definite"),
                      [tok.i])


def _names_its_own(tok: Token) -> bool:
    """The noun's "of" phrase is a name: "the city of Odesa", "the kingdom of Bahrain"."""
    return any(prep.dep_ == "prep" and prep.lower_ == "of" and any(
        o.dep_ == "pobj" and o.pos_ == "PROPN" for o in prep.children) for prep in tok.children)


def _link_state_body(index: MentionIndex, text: str, ent: Span, mention: Mention) -> None:
    """"the Lebanese army" names Lebanon too, "Iran's Revolutionary Guards" Iran: a state body whose
    name starts with its country's demonym, or whose possessor is its country, is linked partOf that
    country (a demonym becomes the country's mention, on no token of its own). State bodies are the
    gazetteer's GovernmentBody entries and, outside it, names with a state-body word ("Brazil's
    Superior Electoral Court", "China's Eastern Theatre Command"), which become GovernmentBody."""
    rules = index.rules
    gaz = rules.gazetteer
    schema = rules.schema
    entry = gaz.entries.get(mention.key or "")
    if entry is not None:
        if not entry.country or not schema.is_a(entry.cls, "GovernmentBody"):
            return
        wanted = entry.country
    elif mention.source == "ner" and set(mention.name.split()) & rules.names.state_body_words:
        wanted = None  # any country
    else:
        return
    first = ent[0]
    possessor = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
    owner = index.at(possessor) if possessor is not None else None
    demonym_of = gaz.by_demonym.get(first.lower_)
    if demonym_of and not schema.is_a(gaz.entries[demonym_of].cls, "Country"):
        demonym_of = None  # "the Kurdish Regional Government": a people's name is no state's
    if demonym_of and wanted in (None, demonym_of):
        owner = _demonym_mention(index.doc_id, first, gaz.entries[demonym_of])
        index.add(owner, [])
    elif owner is None or not owner.key or not schema.is_a(owner.cls, "Country") or wanted not in (None, owner.key):
        return
    if entry is None:
        pos = index.by_token[ent.end - 1]
        index.mentions[pos] = mention = replace(mention, cls="GovernmentBody")
    sentence, s_start, s_end = sentence_of(text, first)
    index.links.append(Relation(mention, "partOf", owner, Evidence(
        index.doc_id, sentence, s_start, s_end, "group_actor", ent.text.lower(), 0.9)))


def _is_subject(sdoc: Doc, m: Mention) -> bool:
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _add_acronyms(index: MentionIndex, text: str, sdoc: Doc, tokens: list[Token]) -> None:
    """"the Rapid Support Forces (RSF)": every "RSF" of the document is that organisation.

    The definition is an all-capital word in brackets right after a capitalised phrase whose initials
    fit it (the first letter, or half of its letters: "Alliance of Sahel States (AES)"). The phrase
    becomes one mention even where the tagger split it ("... Liberation of" + "Rwanda"). Each use of the
    acronym becomes a mention with source "acronym" whose text is the acronym and whose name is the
    full name, so other documents can use the definition too (kg/resolve/entities.py). A bracketed word
    the gazetteer knows as something else ("(AFP)") is not a definition.
    """
    rules = index.rules
    gaz = rules.gazetteer
    defined: dict[str, Mention] = {}
    for acr, phrase in _definitions(sdoc, tokens):
        entry = gaz.lookup(phrase.text)
        known = gaz.lookup(acr.text)
        if known is not None and (entry is None or known.id != entry.id):
            continue
        pos = index.by_token.get(phrase.start)
        current = index.mentions[pos] if pos is not None else None
        if current is not None and (current.start, current.end) == (phrase.start_char, phrase.end_char):
            full = current
        else:
            cls = entry.cls if entry else current.cls if current and current.cls != "GroupActor" \
                and rules.schema.coarse(current.cls) == "Organization" else "Organization"
            name = entry.name if entry else clean_name(phrase.text)
            full = Mention(index.doc_id, phrase.start_char, phrase.end_char, phrase.text, name, cls,
                           entry.id if entry else None, "acronym-definition")
            index.replace(full, range(phrase.start, phrase.end))
        defined.setdefault(acr.text, full)
    for word, full in _spelled_out(index, tokens, defined).items():
        defined.setdefault(word, full)
    for tok in tokens:
        full = defined.get(tok.text)
        if full is None:
            continue
        acronym = Mention(index.doc_id, tok.idx, tok.idx + len(tok.text), tok.text, full.name, full.cls,
                          full.key, "acronym")
        index.replace(acronym, [tok.i])


def _spelled_out(index: MentionIndex, tokens: list[Token], defined: dict[str, Mention]) -> dict[str, Mention]:
    """"the National Aeronautics and Space Administration ... NASA": an all-capital word of three letters
    or more that no bracket defines and the gazetteer does not know, whose letters are the initials of one
    organisation or place the document names, before or after it, is that name. The initials are those
    of the name's words, or of its words but the connectors ("Federal Bureau of Investigation": FBI;
    "Economic Community of West African States": ECOWAS); two names with the same initials leave the
    word alone."""
    words = {tok.text for tok in tokens if tok.is_upper and tok.text not in defined and _acronym_like(tok.text)
             and sum(c.isalpha() for c in tok.text) >= 3}
    words = {w for w in words if index.rules.gazetteer.lookup(w) is None}
    if not words:
        return {}
    schema = index.rules.schema
    named: dict[str, dict[str, Mention]] = {}
    for m in index.mentions:
        if m.cls == "GroupActor" or m.source == "acronym" or schema.coarse(m.cls) not in ("Organization", "Location"):
            continue
        parts = [w for w in m.text.replace("-", " ").split() if w]
        if parts and parts[0].lower() == "the":
            parts = parts[1:]
        content = [w for w in parts if w.lower() not in _CONNECTORS]
        if len(content) < 2 or not all(w[:1].isupper() for w in content):
            continue
        for initials in {"".join(w[0] for w in content).upper(), "".join(w[0] for w in parts).upper()}:
            named.setdefault(initials, {}).setdefault(m.name, m)
    out = {}
    for word in words:
        fits = named.get("".join(c for c in word if c.isalpha()), {})
        if len(fits) == 1:
            out[word] = next(iter(fits.values()))
    return out


_CONNECTORS = {"of", "the", "for", "and", "de", "du", "des", "al", "el", "la", "le", "on", "in"}
_LONGEST_NAME = 10  # tokens of a bracketed full name


def _definitions(sdoc: Doc, tokens: list[Token]) -> Iterator[tuple[Token, Span]]:
    """(acronym, full name) of each definition in brackets: "Full Name (ACR)", or the other way round,
    "ACR (Full Name)" ("PAN (National Action Party) candidate X"), where the bracket holds a capitalised
    phrase of two or more words, connectors inside it allowed."""
    for tok in tokens[1:-2]:
        if tok.text != "(":
            continue
        acr = sdoc[tok.i + 1]
        if sdoc[tok.i + 2].text == ")" and _acronym_like(acr.text):
            phrase = _phrase_before(tok)
            if phrase is not None and _initials_fit(acr.text, phrase.text):
                yield acr, phrase
            continue
        acr = sdoc[tok.i - 1]
        close = next((t.i for t in sdoc[tok.i + 1:min(tok.i + 2 + _LONGEST_NAME, tok.sent.end)] if t.text == ")"),
                     None)
        if close is None or close - tok.i < 3 or not _acronym_like(acr.text):
            continue
        phrase = sdoc[tok.i + 2 if sdoc[tok.i + 1].lower_ == "the" else tok.i + 1:close]
        if len(phrase) > 1 and all(t.text[:1].isupper() or t.lower_ in _CONNECTORS for t in phrase) \
                and phrase[0].text[:1].isupper() and phrase[-1].text[:1].isupper() \
                and _initials_fit(acr.text, phrase.text):
            yield acr, phrase


def _phrase_before(bracket: Token) -> Span | None:
    """The capitalised phrase that ends right before ``bracket``, connectors inside it allowed."""
    first = bracket.i
    while first > bracket.sent.start:
        prev = bracket.doc[first - 1]
        if prev.text[:1].isupper() or prev.like_num or prev.text in ("'", "-") or prev.tag_ == "POS" \
                or prev.lower_ in _CONNECTORS and first < bracket.i:
            first -= 1
        else:
            break
    while first < bracket.i and bracket.doc[first].lower_ in _CONNECTORS | {"'", "-"}:
        first += 1
    return bracket.doc[first:bracket.i] if first < bracket.i else None


def _initials_fit(acronym: str, phrase: str) -> bool:
    initials = {w[0].lower() for w in phrase.replace("-", " ").split() if w}
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not letters:
        return False
    hits = sum(1 for c in letters if c in initials)
    return letters[0] in initials and hits * 2 >= len(letters)


def _add_definite_short_names(index: MentionIndex, sdoc: Doc) -> None:
    """"the Strip" after "Gaza Strip", "the Brigades" after "Qassam Brigades": a one-word name after "the"
    that ends an earlier name of the document is that name (source "definite")."""
    for pos, m in enumerate(index.mentions):
        first = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if m.key or m.cls == "GroupActor" or first is None or len(first) != 1 or first.start == 0 \
                or sdoc[first.start - 1].lower_ != "the":
            continue
        word = m.name.lower()
        earlier = [o for o in index.mentions if o.end <= m.start and o.cls != "GroupActor"
                   and len(o.name.split()) > 1 and o.name.split()[-1].lower() == word]
        if earlier:
            o = max(earlier, key=lambda o: o.start)
            index.mentions[pos] = replace(m, name=o.name, cls=o.cls, key=o.key, source="definite")


def _acronym_like(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isupper() and word.replace("-", "").isalnum()


def _add_titled_names(index: MentionIndex, text: str, sdoc: Doc, tokens: list[Token]) -> None:
    """Names the tagger missed after a title and its organisation: "commander of the Y Brigades Marwan Issa".

    The parser reads the organisation as a modifier of the name; the name is the capitalised tokens
    between the organisation and the head, when the head is the object of "of" after a title noun.
    """
    rules = index.rules
    titles = rules.titles.predicate
    for tok in tokens:
        if tok.pos_ != "PROPN" or tok.i in index.by_token or tok.dep_ != "pobj":
            continue
        prep, title = tok.head, tok.head.head
        if prep.lower_ != "of" or title.lemma_.lower() not in titles:
            continue
        owners = [c.i for c in tok.lefts if c.dep_ in ("compound", "nmod") and c.i in index.by_token]
        if not owners:
            continue
        first = max(owners) + 1
        while first in index.by_token:
            first += 1
        names = sdoc[first:tok.i + 1]
        if not len(names) or any(t.pos_ != "PROPN" or t.i in index.by_token for t in names):
            continue
        name = clean_name(names.text)
        index.add(Mention(index.doc_id, names.start_char, names.end_char,
                          text[names.start_char:names.end_char], name, "Person", None, "title"),
                  range(names.start, names.end))


def _name_runs(index: MentionIndex, sdoc: Doc, capitalised: list[int] | None = None) -> Iterator[tuple[int, int]]:
    """(first, last) token of each run of capitalised proper nouns within one sentence, none in a mention
    (read as the caller adds mentions): where the tagger may have missed a name. ``capitalised``: the
    indices of the document's capitalised proper nouns, in order (:func:`_capitalised`), found once for
    the callers of one document (each of which otherwise walks every token again)."""
    if capitalised is None:
        capitalised = _capitalised(list(sdoc))
    k = 0
    while k < len(capitalised):
        i = capitalised[k]
        k += 1
        if i in index.by_token:
            continue
        j = i
        while k < len(capitalised) and capitalised[k] == j + 1 and j + 1 not in index.by_token \
                and not sdoc[j + 1].is_sent_start:
            j += 1
            k += 1
        yield i, j


def _capitalised(tokens: list[Token]) -> list[int]:
    """The indices of the capitalised proper nouns written in letters alone ("Moncayo", not "G7")."""
    return [t.i for t in tokens if t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha]


def _add_titled_persons(index: MentionIndex, text: str, sdoc: Doc, capitalised: list[int] | None = None) -> None:
    """Persons the tagger missed right after a title of lexicons/titles.tsv ("the Colombian Sergeant
    Pablo Emilio Moncayo", "Police Commissioner Amina Bello"): a run of two or more capitalised proper
    nouns, none in a mention, none a class-cue word of lexicons/name_words.tsv ("Charles Street",
    "Motors Corp" name no person). A title marks its holder as a person; one word alone is too often
    another thing ("General Electric"). A run with no title before it may have one beside it
    (_add_described_person), read in the same pass."""
    rules = index.rules
    cues = rules.names.organisation_words
    for i, j in _name_runs(index, sdoc, capitalised):
        first = i  # "Sergeant Pablo Moncayo": the title's own capitalised words are not the name
        while first < j and (sdoc[first].lower_ in rules.titles.title_words or _titles_portfolio(sdoc, first, rules)):
            first += 1
        span = sdoc[first:j + 1]
        title = _title_before(sdoc, first, rules)
        if len(span) >= 2 and title and (first - 1) not in index.by_token and (j + 1) not in index.by_token \
                and not any(t.text in cues for t in span):  # not words before a name ("H. E. Dr. X")
            index.add(Mention(index.doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char],
                              clean_name(span.text), "Person", None, "title", title=title),
                      range(span.start, span.end))
        else:
            _add_described_person(index, text, sdoc[i:j + 1])


def _add_described_person(index: MentionIndex, text: str, span: Span) -> None:
    """A person the tagger missed that an apposition with a title of lexicons/titles.tsv or an age describes ("Tal,
    a senior Defense Ministry official, said…", "Okonjo, the finance minister, said…"): ``span``, a run of
    capitalised proper nouns in no mention, none a class-cue word of lexicons/name_words.tsv, whose last
    word the title noun is set beside, or an age ("Dubrow, 47, joined the board"). One word is enough
    here: the title or the age says what it is."""
    rules = index.rules
    last = span[-1]
    if (_age_after(last) or any(c.dep_ == "appos" and c.i > last.i and c.lemma_.lower() in rules.titles.title_words
                                for c in last.children)) \
            and not any(t.text in rules.names.organisation_words for t in span) and (span.start - 1) not in index.by_token:
        index.add(Mention(index.doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char],
                          clean_name(span.text), "Person", None, "title"), range(span.start, span.end))


def _add_cued_names(index: MentionIndex, text: str, sdoc: Doc, capitalised: list[int] | None = None) -> None:
    """Organisation names the tagger missed whose last word says what they are ("Brown University",
    "Kenya Ports Authority"): two or more capitalised proper nouns in a row, none in a mention, ending in
    a class-cue word of lexicons/name_words.tsv ("University" -> Organization, "Bank" -> Company). Read as
    the tagger's names are (source "ner"), with the cue's class."""
    classes = index.rules.names.name_classes

    for i, j in _name_runs(index, sdoc, capitalised):
        cls = classes.get(sdoc[j].text)
        if cls is not None and j > i:
            span = sdoc[i:j + 1]
            index.add(Mention(index.doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char],
                              clean_name(span.text), cls, None, "ner"), range(span.start, span.end))


def _add_dictionary_persons(index: MentionIndex, text: str, sdoc: Doc, capitalised: list[int] | None = None) -> None:
    """Persons the tagger missed whose full name the Phoenix actor dictionary lists ("Theresa May will
    hold talks", "arrested Laurent Gbagbo"): a run of two or more capitalised proper nouns in one
    sentence, none in a mention, or the longest such run of its last words (after a title: "President
    Laurent Gbagbo"), that is a person's name or alias there. One-word aliases are not read: a surname
    alone is too often another word."""
    actors = index.rules.actors

    for i, j in _name_runs(index, sdoc, capitalised):
        for start in range(i, j):  # the longest run of last words first
            span = sdoc[start:j + 1]
            if any(a.kind == "person" for a in actors.named(span.text)):
                index.add(Mention(index.doc_id, span.start_char, span.end_char,
                                  text[span.start_char:span.end_char], clean_name(span.text), "Person", None,
                                  "ner", title=_title_before(sdoc, span.start, index.rules)),
                          range(span.start, span.end))
                break


def _entity_mention(doc_id: str, text: str, ent: Span, rules: Rules) -> Mention | None:
    gaz = rules.gazetteer
    surface = text[ent.start_char:ent.end_char]
    # every word the entry's: a longer name the NER tagged around a match the guard dropped keeps the
    # entry id on the match's words only, and a span reports its head word's ("Jill Biden", "West Darfur")
    if ent.ent_id_ in gaz.entries and all(tok.ent_id == ent.root.ent_id for tok in ent):
        entry = gaz.entries[ent.ent_id_]
        title = _title_before(ent.doc, ent.start, rules) if rules.schema.is_a(entry.cls, "Person") else ""
        return Mention(doc_id, ent.start_char, ent.end_char, surface, entry.name, entry.cls, entry.id, "gazetteer",
                       title=title)
    cls = rules.labels.ner.get(ent.label_)
    if cls is None:
        return None
    country = gaz.by_demonym.get(clean_name(surface).lower())
    if country is not None:  # nationality words go to their country whatever the tagger called them
        entry = gaz.entries[country]
        return Mention(doc_id, ent.start_char, ent.end_char, surface, entry.name, entry.cls, entry.id, "demonym")
    if cls == NATIONALITY:
        return _community(doc_id, surface, ent, rules)
    if _is_description(ent, rules) or _is_portfolio(ent, rules) or _is_group_noun(ent, rules) \
            or _is_title_start(ent, rules):
        return None
    span = _strip_titles(ent, rules)
    if not len(span) or span[0].pos_ == "ADP":  # "the King of Jordan": a title and whom it serves, no name
        return None
    title = _title_before(ent.doc, span.start, rules)
    name = clean_name(text[span.start_char:span.end_char])
    if not name or not any(ch.isalpha() for ch in name):
        return None
    cues = rules.names
    words = set(name.split()) | set(name.replace("-", " ").split())  # "Herald-Press" is a newspaper
    for cue_cls, cue_words in cues.by_class.items():
        if words & cue_words:
            cls = cue_cls
    *first, last = name.split()
    if cls in ("Person", "Organization") and first and last[:1].isupper() \
            and last.lower() in rules.place_words.name_ends and not words & cues.organisation_words:
        cls = "Region"  # "Cameron Parish", "Harris County": the tagger's person or organisation is a place
    if cls != "Person" and not words & cues.organisation_words:
        before = ent.doc[span.start - 1].lemma_.lower() if span.start > 0 else ""
        if title or before in cues.person_before:  # "Secretary of State Antony Blinken", "prisoner X"
            cls = "Person"
    return Mention(doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char], name, cls,
                   title=title)


def _community(doc_id: str, surface: str, ent: Span, rules: Rules) -> Mention | None:
    """A nationality phrase of several words that names a people or a faith by its first word or else its
    last: "Coptic Christians" (the Copts), "Rohingya Muslims", "Iraqi Christians"; None for any other."""
    gaz = rules.gazetteer
    words = surface.split()
    for word in (words[0], words[-1]) if len(words) > 1 else ():
        found = gaz.by_demonym.get(word.lower())
        if found is not None and rules.schema.is_a(gaz.entries[found].cls, "Community"):
            entry = gaz.entries[found]
            return Mention(doc_id, ent.start_char, ent.end_char, surface, entry.name, entry.cls, entry.id, "demonym")
    return None


def _is_description(ent: Span, rules: Rules) -> bool:
    """A name modifying a kind noun after "a"/"an" describes it ("an online Salafi Jihadist organisation")."""
    head = ent.root.head
    return ent.root.dep_ in ("compound", "amod", "nmod") and head.i >= ent.end \
        and head.lemma_.lower() in rules.names.descriptor_heads \
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def _is_group_noun(ent: Span, rules: Rules) -> bool:
    """A group noun written in lower case that the tagger took for a name ("Iran's navy seized…", "Japan's
    coast guard"): the noun of a group of its owner (kg.extract.mentions._add_group_actors), no body's name."""
    words = [t for t in ent if t.pos_ != "DET"]
    return bool(words) and all(t.pos_ == "NOUN" and t.is_lower for t in words) \
        and words[-1].lemma_.lower() in _group_heads(rules)


_PORTFOLIO_JOINS = frozenset({"and", "&", ","})  # between a title's portfolios ("Economy, Trade and Industry")


def _is_portfolio(ent: Span, rules: Rules) -> bool:
    """A portfolio before a title ("Defence Minister X", "Foreign Affairs Secretary X": lexicons/
    portfolio_words.tsv) or after it ("Secretary of State X", "Minister of Defence X"), which the tagger
    may take for an organisation: the title's word, no body."""
    if not all(t.lower_ in rules.portfolios or t.lower_ in _PORTFOLIO_JOINS for t in ent):
        return False
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is not None and after.lower_ in rules.titles.title_heads or _portfolio_start(doc, ent.end, rules) <= ent.start


def _is_title_start(ent: Span, rules: Rules) -> bool:
    """The first words of a title that runs on after the tagger's name ("Supreme" Leader Ali Khamenei,
    lexicons/titles.tsv "supreme leader"): the title's, no body."""
    doc, titles = ent.doc, rules.titles.predicate
    words = [t.lower_ for t in ent]
    return any(" ".join(words + [t.lower_ for t in doc[ent.end:end]]) in titles
               for end in range(ent.end + 1, min(len(doc), ent.end + 2) + 1))


def _titles_portfolio(doc: Doc, i: int, rules: Rules) -> bool:
    """Token ``i`` is a word of the portfolio a title names after "of" or "for" ("Homeland" and "Security"
    in "Secretary of Homeland Security X")."""
    return doc[i].lower_ in rules.portfolios and _portfolio_start(doc, i + 1, rules) <= i


def _portfolio_start(doc: Doc, end: int, rules: Rules) -> int:
    """Where the portfolio that a title names after "of" or "for" and that ends before token ``end``
    starts: its "of" ("Minister of Defence", "Secretary of State for Health" from its first "of"); ``end``
    when the words before ``end`` are no such portfolio."""
    portfolios, heads = rules.portfolios, rules.titles.title_heads
    first = end
    while True:
        k = first
        while k > 0 and (doc[k - 1].lower_ in portfolios or doc[k - 1].lower_ in _PORTFOLIO_JOINS and k < first):
            k -= 1
        if k == first or k < 2 or doc[k - 1].lower_ not in ("of", "for") \
                or not (doc[k - 2].lower_ in heads or doc[k - 2].lower_ in portfolios):
            return first
        first = k - 1


def _title_before(doc: Doc, start: int, rules: Rules) -> str:
    """The role words right before a name, kept as its title: "former Prime Minister" in "former Prime
    Minister Ismail Haniyeh", "deputy leader" in "Hamas' deputy leader X"."""
    titles = rules.titles
    words = titles.title_words
    end = _portfolio_start(doc, start, rules)  # "Minister of Defence Oleksii Reznikov"
    first = end
    while first > 0 and doc[first - 1].lower_ in words | titles.demoting | titles.former:
        first -= 1
    span = doc[first:end]
    # a title ends with its head noun ("Secretary of State"), not with "of" ("the CEO of Nvidia")
    return doc[first:start].text if len(span) and span[-1].lower_ in titles.title_heads else ""


def _strip_titles(ent: Span, rules: Rules) -> Span:
    """Drop leading determiners and title words inside an entity ("President Joe Biden" -> "Joe Biden")."""
    titles, dropped = rules.titles, rules.names.dropped_prefixes
    # "General Motors", "Prince's Trust": an organisation keeps its title-like words
    words = frozenset() if ent.label_ == "ORG" else titles.title_words if ent.label_ == "PERSON" \
        else frozenset(titles.predicate)
    demoting = frozenset() if ent.label_ == "ORG" else titles.demoting
    start = ent.start
    while start < ent.end - 1:
        tok = ent.doc[start]
        if tok.lower_ in dropped or tok.lemma_.lower() in demoting \
                or tok.lemma_.lower() in words or tok.lower_ in words \
                or _titles_portfolio(ent.doc, start, rules):  # "(Secretary of) Homeland Security X"
            start += 1
        else:
            break
    end = ent.end
    while end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    doc = ent.doc
    after = end + 1 if end < len(doc) and doc[end].text == "." else end  # "Lt" "." "Steve Hardy"
    if ent.label_ == "ORG" and end == ent.end and after < len(doc) and doc[after].ent_type_ == "PERSON":
        # "Coast Guard Lt. Steve Hardy": the tagger took the title before the name into the organisation
        heads = titles.title_heads | titles.demoting
        while end - 1 > start and (doc[end - 1].lower_ in heads or doc[end - 1].lower_ + "." in heads):
            end -= 1  # "Capt" "." : the abbreviation's word without its full stop
    return doc[start:end]


def _add_untagged_demonyms(index: MentionIndex, sdoc: Doc, tokens: list[Token]) -> None:
    """"Ugandan soldiers" where the tagger tagged no nationality: a capitalised demonym of the gazetteer
    modifying a common noun, or a title written with a capital ("the Kuwaiti Emir"), is its country's
    mention, as a NORP entity's is. Not after another capitalised word ("Latin American"), and not on
    its own ("in Spanish" is a language)."""
    gaz = index.rules.gazetteer
    titles = index.rules.titles.title_heads
    for tok in tokens:
        country = gaz.by_demonym.get(tok.lower_) if tok.is_title else None
        if country is None or tok.i in index.by_token or tok.dep_ not in ("amod", "compound", "nmod") \
                or tok.head.i < tok.i or stance(tok, index.rules):
            continue
        if _people_named(tok, index.rules):
            index.add(_people_mention(index.doc_id, tok), [tok.i])
            continue
        head = tok.head
        if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and head.lower_ in titles):
            continue
        before = sdoc[tok.i - 1] if tok.i > tok.sent.start else None
        if before is not None and before.is_title and before.pos_ != "DET":
            continue
        index.add(_demonym_mention(index.doc_id, tok, gaz.entries[country]), [tok.i])


def _demonym_mention(doc_id: str, tok: Token, country: GazetteerEntry) -> Mention:
    """The country a nationality word on ``tok`` names ("Lebanese", "Ugandan")."""
    return Mention(doc_id, tok.idx, tok.idx + len(tok.text), tok.text, country.name, country.cls, country.id,
                   "demonym")


def hyphen_start(tok: Token) -> int:
    """Where the word ``tok`` ends starts when the tokenizer split it at hyphens ("peace-keepers": the
    index of "peace"); ``tok.i`` for a word written whole."""
    start = tok.i
    doc = tok.doc
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    return start


def _people_named(tok: Token, rules: Rules) -> bool:
    """Whether the nationality word ``tok`` follows a word that makes it a people, not its state
    (lexicons/name_words.tsv, people-before: "ethnic Albanians", "ethnic Serb protesters")."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is not None and before.lower_ in rules.names.people_before


def _people_mention(doc_id: str, tok: Token) -> Mention:
    """The people a nationality word after "ethnic" names ("ethnic Albanians", "ethnic Serb protesters"): an
    ethnic group of its own, named with the word before it, never the state of that name."""
    before = tok.doc[tok.i - 1]
    name = f"{before.lower_} {tok.text}"
    return Mention(doc_id, before.idx, tok.idx + len(tok.text), tok.doc.text[before.idx:tok.idx + len(tok.text)],
                   name, "EthnicGroup", None, "people")


def stance(tok: Token, rules: Rules) -> bool:
    """Whether the word ``tok`` ends is a stance on a name ("pro-Russian", "anti-French":
    lexicons/stance_prefixes.tsv), the name naming no party to what is said."""
    start = hyphen_start(tok)
    return start < tok.i and tok.doc[start].lower_ in rules.stance_prefixes


def hyphen_prefix(tok: Token) -> str:
    """The parts before ``tok`` of the word it ends, split at hyphens by the tokenizer, written together
    in lower case: "peace" in "peace-keepers"; "" for a word written whole."""
    return "".join(t.lower_ for t in tok.doc[hyphen_start(tok):tok.i] if t.text != "-")


def joined_lemma(tok: Token) -> str:
    """The lemma of the word ``tok`` ends, written whole: "peace-keepers" -> "peacekeeper"."""
    return hyphen_prefix(tok) + tok.lemma_.lower()


def _add_group_actors(index: MentionIndex, text: str, sdoc: Doc, tokens: list[Token]) -> None:
    rules = index.rules
    groups = rules.group_nouns
    heads = _group_heads(rules)
    for tok in tokens:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in index.by_token:
            continue
        if tok.lemma_.lower() not in heads and not (tok.i >= 2 and tokens[tok.i - 1].text == "-"):
            continue  # no group's word, written whole (the common case, tested first)
        start = hyphen_start(tok)  # "peace-keepers": peacekeeper; but "ex-ministers" are ministers
        lemma = joined_lemma(tok) if start < tok.i else tok.lemma_.lower()
        if lemma not in heads:
            start, lemma = tok.i, tok.lemma_.lower()
            if lemma not in heads:
                continue
        if tok.lemma_.lower() in rules.titles.predicate and (
                tok.dep_ in ("compound", "appos", "nmod") and tok.head.pos_ == "PROPN"
                or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)):
            continue  # a title before a name ("Hamas' deputy leader X"), not a group
        beside = [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
        if any(index.at(b) is not None and not rules.schema.is_a(index.at(b).cls, "Location") for b in beside):
            continue  # a group the name beside it says ("its main opposition party, the MDC"; "the MDC, its
            # main opposition party"): the named body, not a group of its own (a place beside it is none)
        owner_tok = next((c for c in tok.children if c.dep_ in _OWNER_DEPS and c.i in index.by_token), None)
        owner_tok = owner_tok if owner_tok is not None else _place_after(tok, index)
        sent_from = owner_tok is None and _actor_from(tok, index)
        owner_tok = owner_tok if owner_tok is not None else sent_from or None
        if owner_tok is None:
            continue
        owner = index.at(owner_tok)
        schema = rules.schema
        if owner is None or owner.cls == "GroupActor":
            continue
        capital = None
        if not schema.is_a(owner.cls, "Actor") and owner_tok.i < tok.i:  # a city's: "police in Lyon", but
            capital = state_of(owner, rules)  # "the Kabul government" is the state's
            if capital is None:
                continue
        modifiers = [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS and c.i not in index.by_token
                     and (c.i > owner_tok.i or owner_tok.i > tok.i)]
        if any(m.pos_ == "PROPN" and m.text[:1].isupper() for m in modifiers):  # "Myanmar National ... Army"
            continue
        words = [m.lemma_.lower() for m in modifiers if m.i < start] + [lemma]
        entry = longest_suffix(words, groups)
        if entry is None or owner_tok.i > tok.i and entry.sector not in rules.place_owners and not sent_from \
                or capital is not None and entry.sector != "government":  # "Kabul police" are the city's
            continue
        if schema.is_a(owner.cls, "Person") and not _led_by(entry, owner_tok, tok):
            continue
        if capital is not None:
            index.mentions[index.by_token[owner_tok.i]] = capital
        _add_group(index, text, tok, entry, owner_tok, modifiers)
        if not sent_from:  # "troops from Chad and Niger": only the first owner's group is read
            _add_coordinated_groups(index, text, tok, entry, owner_tok, modifiers)


@cache
def _group_heads(rules: Rules) -> frozenset[str]:
    """The last words of the group nouns: a noun that is none of them heads no group."""
    return frozenset(key.rsplit(" ", 1)[-1] for key in rules.group_nouns)


def _add_coordinated_groups(index: MentionIndex, text: str, tok: Token, entry: GroupNoun, owner_tok: Token,
                            modifiers: list[Token], tentative: bool = False) -> None:
    """"Nigerian and British forces", "Hamas and Fatah officials": a group noun shared by coordinated
    owners before it is a group of each. The first owner's group is on the noun; each other one's is put
    on its owner's word, and ``index.also`` lists those words with the noun's."""
    schema = index.rules.schema
    for conj in conjuncts(owner_tok)[1:] + owner_siblings(owner_tok, tok):
        owner = index.at(conj)
        if conj.i > tok.i or owner is None or owner.cls == "GroupActor" or schema.is_a(owner.cls, "Person") \
                or not schema.is_a(owner.cls, "Actor"):
            continue
        before = len(index.mentions)
        _add_group(index, text, tok, entry, conj, [m for m in modifiers if m.i > conj.i], on=[conj.i])
        if tentative and len(index.mentions) > before:
            index.tentative.add(before)
        index.also.setdefault(tok.i, []).append(conj.i)


def owner_siblings(owner_tok: Token, tok: Token) -> list[Token]:
    """"UK and EU negotiators": the parser may hang the second owner on the noun beside the first, the
    "and" on the first; the owners after such an "and", before the noun."""
    if not any(c.dep_ == "cc" for c in owner_tok.children):
        return []
    return [c for c in tok.children if c.dep_ in _OWNER_DEPS and owner_tok.i < c.i < tok.i]


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it, nearest first ("X, Y and Z")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _place_after(tok: Token, index: MentionIndex) -> Token | None:
    """"police in Kenya", "a court in Lyon": the place named after "in", which owns the body when its
    sector is one of lexicons/place_owners.tsv (the caller checks); None when no place follows."""
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            place = next((c for c in prep.children if c.dep_ == "pobj" and c.i in index.by_token), None)
            found = index.at(place) if place is not None else None
            if found is not None and index.rules.schema.is_a(found.cls, "Location"):
                return place
    return None


def city_officer_place(tok: Token, index: MentionIndex) -> Token | None:
    """"the mayor of London", "the Mayor of Kyiv": the town or city after "of" that a title it fills for
    itself (titles.tsv owner ``place``) serves; the officer is the city's, as "the London mayor" is, not
    the state's. None for another title or a place that is an actor ("the President of Kenya")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in index.rules.titles.place_own:
        return None
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            place = next((c for c in prep.children if c.dep_ == "pobj" and c.i in index.by_token), None)
            found = index.at(place) if place is not None else None
            if found is not None and index.rules.schema.coarse(found.cls) == "Location" \
                    and not index.rules.schema.is_a(found.cls, "Actor"):
                return place
    return None


def _actor_from(tok: Token, index: MentionIndex) -> Token | None:
    """"fighters from Hezbollah", "a delegation from Egypt": the country or organisation named after
    "from", which the group comes from and acts for (not a city: "officials from Lyon" may be anyone's)."""
    if _moved_out(tok, index.rules):
        return None
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            actor = next((c for c in prep.children if c.dep_ == "pobj" and c.i in index.by_token), None)
            found = index.at(actor) if actor is not None else None
            if found is not None and index.rules.schema.is_a(found.cls, "Actor") \
                    and not index.rules.schema.is_a(found.cls, "Person"):
                return actor
    return None


def _moved_out(tok: Token, rules: Rules) -> bool:
    """Whether ``tok`` is what a withdrawal moves ("the withdrawal of troops from Panama", "the drawdown of
    forces from Iraq"): the "of" object of an event noun whose verb is "withdraw" (frames/nominalizations.tsv),
    whose "from" is where they leave, not whom they come from. ("The expulsion of diplomats from Estonia"
    is as often Estonia's diplomats: left as it is.) Or the direct object of a verb that moves it
    (lexicons/theme_verbs.tsv: "redeployed troops from Syria to Ukraine", "withdrew its soldiers from Mali")."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in rules.theme_verbs:
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    nominal = rules.frames.nominals.get(tok.head.head.lemma_.lower())
    return nominal is not None and nominal.verb == "withdraw"


def _led_by(entry: GroupNoun, owner_tok: Token, tok: Token) -> bool:
    """Whether the person named at ``owner_tok`` owns the group ``tok`` heads as the one who leads it: a
    body of government (not its people) named for its leader, "the Trump administration", "the Assad
    regime", "Netanyahu's government"."""
    return entry.link == "partOf" and entry.sector == "government" and owner_tok.i < tok.i \
        and owner_tok.dep_ in ("poss", "compound")


def _add_group(index: MentionIndex, text: str, tok: Token, entry: GroupNoun, owner_tok: Token,
               modifiers: list[Token], on: list[int] | None = None) -> Mention | None:
    """The group ``tok`` heads, owned by the mention at ``owner_tok``: a GroupActor linked to its owner,
    the gazetteer's body when it names it, or the owner itself for people acting for an organisation;
    returns the mention now on ``tok`` (on the tokens ``on``, when given: a coordinated owner's group)."""
    on = on if on is not None else [m.i for m in modifiers] + [tok.i]
    rules = index.rules
    schema = rules.schema
    owner = index.at(owner_tok)
    same = set(entry.label.split()) <= set(owner.text.lower().split()) \
        or schema.is_a(owner.cls, "ArmedGroup") and entry.sector in ("military", "armed")  # "Houthi forces"
    community = schema.is_a(owner.cls, "Community")  # "Kurdish fighters", "Sunni clerics": some of a people
    if not community and (entry.link == OWNER or not schema.is_a(owner.cls, "Location")
                          and (entry.link == "memberOf" or same)):
        # "Hamas officials", "a Hamas delegation": people acting for an organisation are coded as
        # the organisation itself, as event coders do; so is a unit the owner's name already
        # names ("Egyptian military forces"). Other units ("political bureau") stay groups.
        for t in on:
            index.by_token[t] = index.by_token[owner_tok.i]
        return owner
    owner_name = owner.name
    gaz = rules.gazetteer
    gaz_entry = gaz.entries.get(owner.key or "")
    if gaz_entry is not None and gaz_entry.demonyms and (schema.is_a(owner.cls, "Country") or community):
        owner_name = gaz_entry.demonyms[0]
    led = schema.is_a(owner.cls, "Person")  # "the Trump administration" (_led_by): named for the surname
    if led:
        owner_name = owner.name.split()[-1]
    start_char = min([owner.start, tok.idx] + [m.idx for m in modifiers])
    end_char = max(tok.idx + len(tok.text), owner.end)  # the owner after the noun: "police in Kenya"
    name = f"{owner_name} {entry.label}"
    known = gaz.lookup(name)  # "Egyptian military" is the gazetteer's Egyptian Armed Forces
    if known is not None and schema.is_a(known.cls, "Organization"):
        group = Mention(index.doc_id, start_char, end_char, text[start_char:end_char], known.name,
                        known.cls, known.id, "group", sector=entry.sector)
    else:
        group = Mention(index.doc_id, start_char, end_char, text[start_char:end_char], name,
                        "GroupActor", None, "group", sector=entry.sector)
    index.add(group, on, ends=tok.i in on)  # the owner keeps its own tokens (but for a coordinated owner's group)
    sentence, s_start, s_end = sentence_of(text, tok)
    # a body of a region or city ("the West Bengal government") is in it, not part of it: no place is an actor
    link = "memberOf" if community else entry.link if schema.is_a(owner.cls, "Actor") else "locatedIn"
    evidence = Evidence(index.doc_id, sentence, s_start, s_end, "group_actor", entry.phrase, 0.9)
    index.links.append(Relation(owner, "leaderOf", group, evidence) if led else Relation(group, link, owner, evidence))
    return group


def _agent_group(tok: Token, modifiers: list[Token], rules: Rules) -> GroupNoun | None:
    """A group noun from the field's agent dictionary (Phoenix agents: "police" COP, "protesters" OPP,
    "gunmen" UAF) when kg's own group nouns do not list it: "Kenyan police", "Somali refugees". People
    are members of their owner, bodies ("police", "army") part of it."""
    phrase = _agent_phrase(tok, modifiers, rules)
    if phrase is None:
        return None
    words, code = phrase
    link = "memberOf" if tok.tag_ == "NNS" and tok.lemma_.lower() != tok.lower_ else "partOf"
    return GroupNoun(words, words, link, _sector(code, rules))


def _agent_phrase(tok: Token, modifiers: list[Token], rules: Rules):
    """The longest run of ``modifiers`` + ``tok`` (as written, then as lemmas) that is an agent noun of the
    field's dictionary, with its code; None when none is."""
    agents = rules.actors.agents
    for start in dict.fromkeys((hyphen_start(tok), tok.i)):  # "peace-keepers" as one word, then "keepers"
        before = [m for m in modifiers if m.i < start]
        whole = hyphen_prefix(tok) if start != tok.i else ""
        written = [m.lower_ for m in before] + [whole + tok.lower_]
        lemmas = [m.lemma_.lower() for m in before] + [whole + tok.lemma_.lower()]
        for size in range(len(written), 0, -1):
            for words in (written[-size:], lemmas[-size:]):
                code = agents.get(match_key(" ".join(words)))
                if code is not None and (code.sectors or code.religious):  # "police", "pilgrims", "imams"
                    return " ".join(written[-size:]), code
    return None


def _weapon_object(tok: Token, rules: Rules) -> bool:
    """Whether ``tok`` is a weapon an act takes as its object ("launched artillery fire against Y", "seized
    artillery from the army"): lexicons/instruments.tsv. The field's agent dictionary names artillery as a
    unit, but a weapon fired, used or taken is no party to the act."""
    return tok.dep_ in ("dobj", "obj", "conj", "pobj") and tok.lemma_.lower() in rules.instruments


def _sector(code, rules: Rules) -> str:
    """kg's sector for a CAMEO role code (lexicons/sectors.tsv, first row of the role); "civilian" for a
    role kg has no sector for (students, farmers, workers) or people named by their religion (pilgrims)."""
    if not code.sectors:
        return "civilian"
    for sector, role in rules.actors.sectors.items():
        if role.sectors and role.sectors[0] == code.sectors[0]:
            return sector
    return "civilian"


def local_group(index: MentionIndex, tok: Token) -> Mention | None:
    """The group a common noun argument of an event names when no name or earlier mention stands for it,
    when the field's agent dictionary knows the noun (Phoenix agents: "police" COP, "protesters" OPP,
    "gunmen" UAF): with an owner ("Kenyan police", "Hamas' gunmen") a GroupActor linked to it, as kg's
    own group nouns make; without one ("police arrested protesters") a mention of class LocalGroup on the
    noun (with its compound modifiers: "riot police"). Added to ``index``; None for a noun that names no
    kind of actor. Made only for event arguments, so a noun in passing makes no node."""
    officer = city_officer_place(tok, index)
    if tok.pos_ != "NOUN" and officer is None or tok.i in index.by_token or _weapon_object(tok, index.rules):
        return None
    schema = index.rules.schema
    owner_tok = next((c for c in tok.children if c.dep_ in _OWNER_DEPS and c.i in index.by_token), None)
    owner_tok = owner_tok if owner_tok is not None else _place_after(tok, index) or officer
    owner = index.at(owner_tok) if owner_tok is not None else None
    if owner is not None:
        if owner.cls == "GroupActor":
            return None
        after = owner_tok.i > tok.i  # "police in Kenya" are Kenya's; "protesters in Kenya" stay unnamed (below)
        modifiers = [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS and c.i not in index.by_token
                     and (after or c.i > owner_tok.i)]
        entry = _agent_group(tok, modifiers, index.rules)
        if schema.is_a(owner.cls, "Person"):
            if entry is None or not _led_by(entry, owner_tok, tok):
                return None
            modifiers = []
        if entry is not None and (not after or entry.sector in index.rules.place_owners):
            before = len(index.mentions)
            found = _add_group(index, index.text, tok, entry, owner_tok, modifiers)
            if len(index.mentions) > before:
                index.tentative.add(before)
            _add_coordinated_groups(index, index.text, tok, entry, owner_tok, modifiers, tentative=True)
            return found
        if not after:
            return None
    modifiers = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i not in index.by_token]
    found = _agent_phrase(tok, modifiers, index.rules)
    if found is None and modifiers and tok.lemma_.lower() in index.rules.collectives:
        found = _agent_phrase(modifiers[-1], modifiers[:-1], index.rules)  # "militia groups", "rebel bands":
        if found is not None:  # a word for a body of people after the people it is made of
            found = f"{found[0]} {tok.lower_}", found[1]
    if found is None:
        return None
    words, code = found
    first = modifiers[-len(words.split()) + 1] if len(words.split()) > 1 \
        else tok if words == tok.lower_ else tok.doc[hyphen_start(tok)]  # "Peace-keepers" written whole
    start, end = first.idx, tok.idx + len(tok.text)
    mention = Mention(index.doc_id, start, end, index.text[start:end], words, "LocalGroup", None, "local",
                      sector=_sector(code, index.rules))
    index.tentative.add(index.add(mention, range(first.i, tok.i + 1)))
    return mention


def sentence_of(text: str, tok: Token) -> tuple[str, int, int]:
    """The sentence holding ``tok`` as it stands in the original text, with its offsets."""
    sent = tok.sent
    start, end = sent.start_char, sent.end_char
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    return text[start:end], start, end
