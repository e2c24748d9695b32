"""Entity mentions: spaCy entities mapped to ontology classes, nationality words sent to their country,
and unnamed group actors ("Egyptian officials", "Hamas' political bureau") built from
ontology/lexicons/group_nouns.tsv. People named only by the organisation they act for ("a Hamas
official") stand for that organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg import rules
from kg.model import Evidence, Mention, Relation
from kg.resolve.normalize import clean_name

_OWNER_DEPS = {"poss", "compound", "amod", "nmod"}
_MODIFIER_DEPS = {"amod", "compound"}


@dataclass
class MentionIndex:
    """The mentions of one document and which token stands for which mention."""

    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)  # token index -> position in mentions
    links: list[Relation] = field(default_factory=list)  # group actor -> owner (partOf / memberOf)

    def add(self, mention: Mention, tokens: Iterable[int]) -> int:
        self.mentions.append(mention)
        pos = len(self.mentions) - 1
        for i in tokens:
            self.by_token[i] = pos
        return pos

    def at(self, token: Token) -> Mention | None:
        pos = self.by_token.get(token.i)
        return None if pos is None else self.mentions[pos]

    def retype(self, token: Token, cls: str) -> Mention | None:
        """Give the mention at ``token`` a new class (a title marks a person); gazetteer names keep theirs."""
        pos = self.by_token.get(token.i)
        if pos is None:
            return None
        m = self.mentions[pos]
        org_cues = rules.name_cues().by_class["Organization"]
        if m.key is None and m.cls != cls and m.source == "ner" and not org_cues.intersection(m.name.split()):
            self.mentions[pos] = m = replace(m, cls=cls)
        return m


def find_mentions(doc_id: str, text: str, sdoc: Doc) -> MentionIndex:
    """All mentions in parsed document ``sdoc`` of ``text`` (the original text: offsets refer to it)."""
    index = MentionIndex(doc_id)
    for ent in sdoc.ents:
        mention = _entity_mention(doc_id, text, ent)
        if mention is not None:
            index.add(mention, range(ent.start, ent.end))
    _add_group_actors(index, text, sdoc)
    _add_titled_names(index, text, sdoc)
    return index


def _add_titled_names(index: MentionIndex, text: str, sdoc: Doc) -> None:
    """Names the tagger missed after a title and its organisation: "commander of the Y Brigades Marwan Issa".

    The parser reads the organisation as a modifier of the name; the name is the capitalised tokens
    between the organisation and the head, when the head is the object of "of" after a title noun.
    """
    titles = rules.titles().predicate
    for tok in sdoc:
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


def _entity_mention(doc_id: str, text: str, ent: Span) -> Mention | None:
    types = rules.entity_types()
    gaz = rules.gazetteer()
    surface = text[ent.start_char:ent.end_char]
    if ent.ent_id_ and ent.ent_id_ in gaz.entries:
        entry = gaz.entries[ent.ent_id_]
        return Mention(doc_id, ent.start_char, ent.end_char, surface, entry.name, entry.cls, entry.id, "gazetteer")
    cls = types["labels"].get(ent.label_)
    if cls is None:
        return None
    country = gaz.by_demonym.get(clean_name(surface).lower())
    if country is not None:  # nationality words go to their country whatever the tagger called them
        entry = gaz.entries[country]
        return Mention(doc_id, ent.start_char, ent.end_char, surface, entry.name, entry.cls, entry.id, "demonym")
    if cls == "@nationality":
        return None
    span = _strip_titles(ent)
    if not len(span):
        return None
    name = clean_name(text[span.start_char:span.end_char])
    if not name or not any(ch.isalpha() for ch in name):
        return None
    cues = rules.name_cues()
    words = set(name.split())
    for cue_cls, cue_words in cues.by_class.items():
        if words & cue_words:
            cls = cue_cls
    if ent.start > 0 and cls != "Person" and not words & cues.by_class["Organization"]:
        lemma = ent.doc[ent.start - 1].lemma_.lower()
        if lemma in rules.titles().predicate or lemma in cues.person_before:
            cls = "Person"
    return Mention(doc_id, span.start_char, span.end_char, text[span.start_char:span.end_char], name, cls)


def _strip_titles(ent: Span) -> Span:
    """Drop leading determiners and title words inside an entity ("President Joe Biden" -> "Joe Biden")."""
    titles, dropped = rules.titles(), rules.name_cues().dropped_prefixes
    start = ent.start
    while start < ent.end - 1:
        tok = ent.doc[start]
        if tok.lower_ in dropped or tok.lemma_.lower() in titles.predicate \
                or tok.lemma_.lower() in titles.demoting:
            start += 1
        else:
            break
    end = ent.end
    while end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end]


def _add_group_actors(index: MentionIndex, text: str, sdoc: Doc) -> None:
    groups = rules.group_nouns()
    for tok in sdoc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in index.by_token:
            continue
        if tok.lemma_.lower() in rules.titles().predicate and (
                tok.dep_ in ("compound", "appos", "nmod") and tok.head.pos_ == "PROPN"
                or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)):
            continue  # a title before a name ("Hamas' deputy leader X"), not a group
        owner_tok = next((c for c in tok.children if c.dep_ in _OWNER_DEPS and c.i in index.by_token), None)
        if owner_tok is None:
            continue
        owner = index.at(owner_tok)
        schema = rules.schema()
        if owner is None or not schema.is_a(owner.cls, "Actor") or schema.is_a(owner.cls, "Person") \
                or owner.cls == "GroupActor":
            continue
        modifiers = [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS and c.i not in index.by_token
                     and c.i > owner_tok.i]
        words = [m.lemma_.lower() for m in modifiers] + [tok.lemma_.lower()]
        entry = rules.longest_suffix(words, groups)
        if entry is None:
            continue
        same = set(entry.label.split()) <= set(owner.text.lower().split())  # "Egyptian military forces"
        if entry.link == rules.OWNER or not schema.is_a(owner.cls, "Location") and (entry.link == "memberOf" or same):
            # "Hamas officials", "a Hamas delegation": people acting for an organisation are coded as
            # the organisation itself, as event coders do; so is a unit the owner's name already
            # names ("Egyptian military forces"). Other units ("political bureau") stay groups.
            for t in [m.i for m in modifiers] + [tok.i]:
                index.by_token[t] = index.by_token[owner_tok.i]
            continue
        owner_name = owner.name
        gaz_entry = rules.gazetteer().entries.get(owner.key or "")
        if gaz_entry is not None and gaz_entry.demonyms and schema.is_a(owner.cls, "Country"):
            owner_name = gaz_entry.demonyms[0]
        start_char = min([owner.start] + [m.idx for m in modifiers])
        end_char = tok.idx + len(tok.text)
        group = Mention(index.doc_id, start_char, end_char, text[start_char:end_char],
                        f"{owner_name} {entry.label}", "GroupActor", None, "group")
        index.add(group, [m.i for m in modifiers] + [tok.i])  # the owner keeps its own tokens
        sentence, s_start, s_end = sentence_of(text, tok)
        index.links.append(Relation(group, entry.link, owner, Evidence(
            index.doc_id, sentence, s_start, s_end, "group_actor", entry.phrase, 0.9)))


def sentence_of(text: str, tok: Token) -> tuple[str, int, int]:
    """The sentence holding ``tok`` as it stands in the original text, with its offsets."""
    sent = tok.sent
    start, end = sent.start_char, sent.end_char
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    return text[start:end], start, end
