"""Typed relations from dependency patterns (ontology/patterns/relations.jsonl) and lexicons.

A pattern says which construction of English it is and which of its nodes are the actor, the target and
the trigger; the trigger's lemmas form a key that the pattern's lexicon maps to a predicate. Arguments
are then resolved the same way for every construction: relative pronouns to their antecedent, event
nouns to their possessor ("Egypt's request" -> Egypt), "one of X" to X, and coordination expanded
("X and Y met Z" gives two edges). Edges whose ends do not fit the predicate's domain and range in
ontology/kg.ttl are dropped; negated triggers give no edge.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from kg import rules
from kg.extract.mentions import MentionIndex, sentence_of
from kg.model import Evidence, Mention, Relation

_RELATIVE_PRONOUNS = {"that", "who", "which", "whom"}


class RelationExtractor:
    """Matches every relation pattern once per document; build it once per pipeline."""

    def __init__(self, nlp: Language):
        self.patterns = {p.id: p for p in rules.relation_patterns()}
        self.matcher = DependencyMatcher(nlp.vocab, validate=True)
        for pat in self.patterns.values():
            self.matcher.add(pat.id, [list(pat.pattern)])
        self.predicates = rules.predicate_lexicon()
        self.titles = rules.titles()
        self.schema = rules.schema()

    def extract(self, text: str, sdoc: Doc, index: MentionIndex) -> list[Relation]:
        """Relations of one parsed document whose mentions are in ``index`` (title holders are retyped)."""
        matches = []
        for match_id, token_ids in self.matcher(sdoc):
            pat = self.patterns[sdoc.vocab.strings[match_id]]
            roles = {node["RIGHT_ID"]: sdoc[i] for node, i in zip(pat.pattern, token_ids)}
            matches.append((pat.lexicon != "titles", pat.id, token_ids, pat, roles))
        matches.sort(key=lambda m: (m[0], m[1], m[2]))  # titles first: they fix the holder's class
        out: dict[tuple, Relation] = {}
        for _, _, _, pat, roles in matches:
            for rel in self._relations(text, pat, roles, index):
                key = (rel.subject.start, rel.predicate, rel.object.start)
                if key not in out or out[key].evidence.confidence < rel.evidence.confidence:
                    out[key] = rel
        return [out[k] for k in sorted(out)]

    def _relations(self, text, pat, roles, index) -> Iterator[Relation]:
        triggers = [roles[name] for name in pat.trigger]
        if pat.lexicon == "titles":
            found = self._title_predicate(triggers[0])
            trigger_key = triggers[0].lemma_.lower()
        else:
            trigger_key = " ".join(t.lemma_.lower() for t in triggers)
            found = self.predicates.get(trigger_key)
        if found is None or any(c.dep_ == "neg" for t in triggers for c in t.children):
            return
        predicate = found
        if pat.lexicon == "titles" and predicate in ("leaderOf", "memberOf"):
            index.retype(roles[pat.subject], "Person")
        coordinated = pat.lexicon != "titles"  # a title binds one name, not its conjuncts
        subjects = list(_arguments(roles[pat.subject], index, False, coordinated))
        objects = list(_arguments(roles[pat.object], index, True, coordinated))
        sentence, start, end = sentence_of(text, triggers[0])
        for subj, s_how in subjects:
            for obj, o_how in objects:
                if subj.name == obj.name or subj.start == obj.start:
                    continue
                if not self.schema.admits(predicate, subj.cls, obj.cls):
                    continue
                if o_how == "possessor" and self.schema.range.get(predicate) == "Location":
                    continue  # "visited Qatar's proposal" is no visit to Qatar
                confidence = pat.confidence - 0.1 * (s_how != "direct") - 0.1 * (o_how != "direct")
                yield Relation(subj, predicate, obj, Evidence(
                    index.doc_id, sentence, start, end, pat.id, trigger_key, round(max(confidence, 0.1), 2)))

    def _title_predicate(self, title: Token) -> str | None:
        mods = [c for c in title.lefts if c.dep_ in ("compound", "amod")]
        words = [m.lemma_.lower() for m in mods] + [title.lemma_.lower()]
        predicate = rules.longest_suffix(words, self.titles.predicate)
        if predicate == "leaderOf" and any(w in self.titles.demoting for w in words):
            return "memberOf"
        return predicate


def _arguments(tok: Token, index: MentionIndex, as_object: bool,
               coordinated: bool = True) -> Iterator[tuple[Mention, str]]:
    """Mentions an argument token stands for, with how it was reached, coordinated ones included."""
    seen = set()
    for t in _conjuncts(tok) if coordinated else [tok]:
        found = _resolve(t, index, as_object)
        if found and found[0].start not in seen:
            seen.add(found[0].start)
            yield found


def _conjuncts(tok: Token) -> list[Token]:
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _resolve(tok: Token, index: MentionIndex, as_object: bool, depth: int = 0) -> tuple[Mention, str] | None:
    m = index.at(tok)
    if m is not None:
        return m, "direct"
    if depth > 2:
        return None
    if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        found = _resolve(tok.head.head, index, as_object, depth + 1)
        return (found[0], "relative") if found else None
    if tok.dep_ == "appos" and tok.pos_ == "NOUN":  # "X, an organisation based in Y" -> X
        found = _resolve(tok.head, index, as_object, depth + 1)
        if found:
            return found[0], "apposition"
    for child in tok.children:
        if child.dep_ == "appos":
            found = _resolve(child, index, as_object, depth + 1)
            if found:
                return found[0], "apposition"
    if tok.lower_ == "one":  # "one of its leaders, X"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = _resolve(pobj, index, as_object, depth + 1)
                        if found:
                            return found[0], "partitive"
    if as_object and tok.pos_ == "NOUN":  # "rejected Egypt's request" -> Egypt
        for child in tok.children:
            if child.dep_ == "poss":
                m = index.at(child)
                if m is not None:
                    return m, "possessor"
    return None
