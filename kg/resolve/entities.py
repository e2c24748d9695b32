"""Entity resolution: mentions across the corpus become one entity per real-world actor.

Names are grouped by a key: the gazetteer id for known actors ("IS", "ISIS" -> Islamic State), else the
normalised name. A mention that its own document re-points (kg/resolve/within.py: "Khan" after "Imran
Khan") takes its target's key in that document only, so "Khan" in another article is free to be Sadiq
Khan. Keys are then merged across documents, each merge with a reason a user can read in merges.tsv:

1. alias file rulings ("same"), before anything else; "different" rulings forbid a merge outright;
2. an acronym one document defined ("PKK") is that organisation everywhere;
3. transliteration variants ("Haniya", "Haniyeh") of the same coarse class join when their spelling keys
   are similar enough (threshold in ontology/settings.tsv, measured by benchmarks/name_pairs.py);
4. a lone name that is a later word of exactly one full person name in the corpus joins it ("Burhan").

Two different gazetteer entries never merge. The class is voted over all mentions (a mention re-pointed
within its document votes with the class of the name it stands for). Identifiers come from the coarse
class and the label, so they are stable between runs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kg.common.names import clean_name, match_key, name_words, slug, sound_key
from kg.model import (
    DocumentResult,
    Edge,
    Entity,
    Evidence,
    Mention,
    Merge,
    ResolvedGraph,
)
from kg.resolve.duplicates import near_duplicates
from kg.resolve.within import local_merges
from kg.rules import Rules, Schema, load_rules


def entity_id(cls: str, label: str, schema: Schema) -> str:
    """The path segment of an entity's IRI: its coarse class and its name, "person/ismail-haniyeh"."""
    return f"{schema.coarse(cls).lower()}/{slug(label)}"


@dataclass
class _Name:
    """Everything seen of one name key."""

    gaz: str | None = None
    surfaces: Counter = field(default_factory=Counter)  # text as written, cleaned
    hidden: Counter = field(default_factory=Counter)  # descriptions ("Egyptian security officials")
    classes: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)
    acronym_of: set = field(default_factory=set)  # keys of the names this acronym was defined as

    @property
    def cls(self) -> str:
        return _vote(self.classes) if self.classes else ""


class _Merger:
    """Union-find over name keys that refuses merges the alias file forbids or that would join two
    gazetteer entries, and remembers why each merge was made."""

    def __init__(self, names: dict[str, _Name], forbidden: set[frozenset[str]]):
        self.parent = {k: k for k in names}
        self.gaz = {k: {n.gaz} - {None} for k, n in names.items()}
        self.members = {k: {k} for k in names}
        self.forbidden = forbidden
        self.log: list[tuple[str, str, str, str]] = []  # (name key, into key, reason, detail)

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str, reason: str, detail: str = "") -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or len(self.gaz[ra] | self.gaz[rb]) > 1:
            return False
        if any(frozenset((x, y)) in self.forbidden for x in self.members[ra] for y in self.members[rb]):
            return False
        self.parent[ra] = rb
        self.gaz[rb] |= self.gaz.pop(ra)
        self.members[rb] |= self.members.pop(ra)
        self.log.append((a, b, reason, detail))
        return True


LOCAL = "group:local:"  # an unnamed group of one document ("police", "protesters"): never joined across documents


def _key(m: Mention) -> str:
    if m.key:
        return f"gaz:{m.key}"
    if m.source == "local":
        return f"{LOCAL}{m.doc_id}\x1f{match_key(m.name)}"
    return ("group:" if m.cls == "GroupActor" else "name:") + match_key(m.name)


def resolve(results: Iterable[DocumentResult], rules: Rules | None = None,
            duplicates: Callable[[], dict[str, str]] | None = None) -> ResolvedGraph:
    """Merge per-document mentions and relations into entities and evidence-carrying edges, by ``rules``
    (gazetteer, alias rulings, name cues, thresholds; default: kg's own, without user files). The
    near-duplicate documents are what ``duplicates`` gives (asked for last: another process may be
    finding them meanwhile), else found here."""
    rules = rules or load_rules()
    results = sorted(results, key=lambda r: r.doc_id)
    gaz = rules.gazetteer
    names: dict[str, _Name] = defaultdict(_Name)
    mention_key: dict[tuple[str, int, int], str] = {}
    read: list[tuple[str, str, str, str]] = []  # (key, surface, reason, document): resolved in its document

    for res in results:
        repointed = {(lm.mention.start, lm.mention.end): lm for lm in local_merges(res.mentions, rules.schema)}
        for m in res.mentions:
            lm = repointed.get((m.start, m.end))
            # a re-pointed mention ("Khan" after "Imran Khan") takes its target's key, in this document only
            key = _key(lm.target if lm else m)
            mention_key[(m.doc_id, m.start, m.end)] = key
            info = names[key]
            info.gaz = info.gaz or (lm.target.key if lm else m.key)
            info.classes[lm.target.cls if lm else m.cls] += 1
            # descriptions ("Egyptian security officials") are not its names
            (info.hidden if m.source == "group" else info.surfaces)[clean_name(m.text)] += 1
            info.labels[gaz.entries[m.key].name if m.key else (lm.target.name if lm else m.name)] += 1
            if m.title:
                info.titles[m.title] += 1
            if m.sector:
                info.sectors[m.sector] += 1
            if m.source == "acronym":  # "PKK" as a name of its own in other documents joins this one
                names["name:" + match_key(m.text)].acronym_of.add(key)
            if lm:
                read.append((key, clean_name(m.text), lm.reason, res.doc_id))
            elif m.source in ("acronym", "definite") and match_key(m.text) != match_key(m.name):
                read.append((key, clean_name(m.text), m.source, res.doc_id))

    for res in results:
        for rel in res.relations:
            for m in (rel.subject, rel.object, rel.source):
                if m is None:
                    continue
                if m.source == "metonymy":  # a capital read as its state for one relation only ("accused Beijing")
                    if _key(m) not in names:
                        names[_key(m)].gaz = m.key
                        names[_key(m)].labels[gaz.entries[m.key].name] += 1
                        names[_key(m)].classes[m.cls] += 1
                    names[_key(m)].surfaces[clean_name(m.text)] += 1  # the capital's words name it there
                elif (m.doc_id, m.start, m.end) not in mention_key:
                    mention_key[(m.doc_id, m.start, m.end)] = _orphan_key(m, res, mention_key, names, gaz)
    merger = _Merger(names, _forbidden(names, rules))
    for a, b, where in _alias_rulings(names, "same", rules):
        merger.union(a, b, "alias file", where)
    _corpus_merges(names, merger, rules)

    entities, entity_of_key = _entities(names, merger, rules)
    merges = tuple(sorted(
        (Merge(entity_of_key[a], _label(names[a]), _label(names[b]), reason, detail)
         for a, b, reason, detail in merger.log if names[a].labels and names[b].labels),
        key=lambda m: (m.entity, m.name, m.into)))
    merges += tuple(sorted({Merge(entity_of_key[k], surface, _label(names[k]), reason, f"in {doc}")
                            for k, surface, reason, doc in read}, key=lambda m: (m.entity, m.name, m.detail)))

    symmetric = rules.schema.symmetric
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    mention_entity = {k: entity_of_key[v] for k, v in mention_key.items()}

    def entity_for(m: Mention) -> str:
        if m.source == "metonymy":
            return entity_of_key[_key(m)]
        return mention_entity[(m.doc_id, m.start, m.end)]

    for res in results:
        for rel in res.relations:
            s, o = entity_for(rel.subject), entity_for(rel.object)
            if s == o:
                continue
            if rel.predicate in symmetric and o < s:
                s, o = o, s
            ev = rel.evidence
            if rel.source is not None and entity_for(rel.source) not in (s, o):
                ev = replace(ev, source=entity_for(rel.source))
            evidence[(s, rel.predicate, o)].append(ev)
    edges = tuple(
        Edge(s, p, o, tuple(sorted(set(ev), key=lambda e: (e.doc_id, e.start, e.rule, e.trigger))))
        for (s, p, o), ev in sorted(evidence.items())
    )
    return ResolvedGraph(tuple(entities[k] for k in sorted(entities)), edges, tuple(results), merges=merges,
                         duplicates=duplicates() if duplicates is not None else near_duplicates(results),
                         mention_entity=mention_entity)


def _orphan_key(m: Mention, res: DocumentResult, mention_key: dict[tuple[str, int, int], str],
                names: dict[str, _Name], gaz) -> str:
    """The name key of a relation's mention that is no longer a mention of its document: extraction
    widened or replaced it after a relation named it ("Independent Electoral Commission" linked partOf
    "Kenya", then both read as one "Kenya's Independent Electoral Commission (IEC)"). A gazetteer name
    keeps its own entry; another name takes the narrowest mention covering it, else its own name."""
    if not m.key:
        covering = [o for o in res.mentions if o.start <= m.start and m.end <= o.end
                    and (o.doc_id, o.start, o.end) in mention_key]
        if covering:
            best = min(covering, key=lambda o: (o.end - o.start, o.start))
            return mention_key[(best.doc_id, best.start, best.end)]
    key = _key(m)
    info = names[key]
    info.gaz = info.gaz or m.key
    info.classes[m.cls] += 1
    info.labels[gaz.entries[m.key].name if m.key else m.name] += 1
    (info.hidden if m.source == "group" else info.surfaces)[clean_name(m.text)] += 1
    return key


def _label(info: _Name) -> str:
    return max(info.labels, key=lambda s: (info.labels[s], len(s), s))


def _entities(names: dict[str, _Name], merger: _Merger, rules: Rules,
              ) -> tuple[dict[str, Entity], dict[str, str]]:
    gaz, schema = rules.gazetteer, rules.schema
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(names):
        groups[merger.find(key)].append(key)
    entities: dict[str, Entity] = {}
    entity_of_key: dict[str, str] = {}
    for root, members in sorted(groups.items()):
        merged = _Name()
        for k in members:
            info = names[k]
            merged.gaz = merged.gaz or info.gaz
            for part in ("surfaces", "hidden", "classes", "labels", "titles", "sectors"):
                getattr(merged, part).update(getattr(info, part))
        if not merged.labels:  # an acronym key that only ever pointed elsewhere
            continue
        if merged.gaz:
            entry = gaz.entries[merged.gaz]
            label, cls = entry.name, entry.cls
            if entry.sector:
                merged.sectors[entry.sector] += len(merged.labels) + 1  # the gazetteer knows best
        else:
            cls = merged.cls
            label = _label(merged) if cls == "GroupActor" else \
                max(merged.labels, key=lambda s: (len(s.split()), merged.labels[s], s))
        eid = entity_id(cls, label, schema)
        if root.startswith(LOCAL):  # one node per document: "police" in two articles are two forces
            eid += "--" + slug(root[len(LOCAL):].split("\x1f")[0])[:24] + "-" + _digest(root)
        country = gaz.entries.get(gaz.entries[merged.gaz].country or "") if merged.gaz else None
        alt = set(merged.surfaces) | (set(merged.labels) if cls != "GroupActor" or merged.gaz else set())
        previous = entities.get(eid)
        if previous:  # two keys that normalise to one identifier are one entity
            alt |= set(previous.alt_labels)
        entities[eid] = Entity(
            id=eid, label=label, cls=cls,
            alt_labels=tuple(sorted(a for a in alt if a and a != label)),
            mentions=sum(merged.surfaces.values()) + sum(merged.hidden.values())
            + (previous.mentions if previous else 0),
            country=entity_id(country.cls, country.name, schema) if country else None,
            titles=tuple(sorted(merged.titles)) if schema.is_a(cls, "Person") else (),
            sector=max(merged.sectors, key=lambda s: (merged.sectors[s], s)) if merged.sectors else None,
            hidden_labels=tuple(sorted(h for h in merged.hidden if h != label and h not in alt)),
        )
        for k in members:
            entity_of_key[k] = eid
    for eid, ent in entities.items():  # a country link only where the country itself is in the graph
        if ent.country and (ent.country not in entities or ent.country == eid):
            entities[eid] = replace(ent, country=None)
    return entities, entity_of_key


def _alias_rulings(names: dict[str, _Name], ruling: str, rules: Rules) -> list[tuple[str, str, str]]:
    """Alias-file rows of ``ruling`` as pairs of name keys present in this corpus, with file:line."""
    gaz = rules.gazetteer

    def key_of(name: str) -> str | None:
        entry = gaz.lookup(name)
        for k in ([f"gaz:{entry.id}"] if entry else []) + [f"name:{match_key(name)}", f"group:{match_key(name)}"]:
            if k in names:
                return k
        return None

    out = []
    for row in rules.aliases:
        if row.ruling == ruling:
            a, b = key_of(row.name), key_of(row.other)
            if a and b and a != b:
                out.append((a, b, row.where))
    return out


def _forbidden(names: dict[str, _Name], rules: Rules) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b, _ in _alias_rulings(names, "different", rules)}


def _corpus_merges(names: dict[str, _Name], merger: _Merger, rules: Rules) -> None:
    """Merges across documents, most certain first: acronyms, transliterations, then surnames (counted
    after transliterations, so "Nasrallah" joins "Hassan Nasrallah" even when "Hasan Nasrallah" is there
    too)."""
    for k, info in sorted(names.items()):
        if len(info.acronym_of) == 1 and info.labels:
            merger.union(k, next(iter(info.acronym_of)), "acronym", "defined in another document")
    for a, b, reason, detail in _transliterations(names, rules):
        merger.union(a, b, reason, detail)
    full = defaultdict(set)
    gaz = rules.gazetteer
    for k, info in names.items():
        if not k.startswith(("name:", "gaz:")) or info.cls != "Person":
            continue
        words = match_key(gaz.entries[info.gaz].name).split() if k.startswith("gaz:") else k[len("name:"):].split()
        if len(words) > 1:
            for w in words[1:]:  # a person is named alone by a later word: "Haniyeh", "Lula"
                full[sound_key(w)].add(k)
            if words[0] in rules.names.family_first:  # "Xi" for Xi Jinping
                full[sound_key(words[0])].add(k)
    cues = {w.lower() for w in rules.names.organisation_words}
    for k in sorted(names):
        word = k[len("name:"):]
        if not k.startswith("name:") or " " in word or word in gaz.by_name or word in cues:
            continue
        roots = {merger.find(c) for c in full.get(sound_key(word), ())}
        if len(roots) == 1:
            merger.union(k, next(iter(roots)), "surname", "the only full name in the corpus with it")


def _transliterations(names: dict[str, _Name], rules: Rules) -> list[tuple[str, str, str, str]]:
    """Pairs of names of one coarse class whose words have similar spelling keys ("Haniya"/"Haniyeh").

    Names are compared within blocks of the same class, word count and first letter of the last word's
    key, and within a block only with the names that share, at one word position, a spelling key with
    some letters deleted (:func:`_variants`): two words similar enough always do. So the work grows with
    the names that look alike, not with every pair of the block (16,000 similar names took 180 s when
    every pair of a block was compared). The pairs come in the order of a full comparison: block by
    block, each name with the later ones.
    """
    threshold = rules.thresholds.transliteration
    schema, gaz = rules.schema, rules.gazetteer
    blocks: dict[tuple, list[tuple[str, list[str]]]] = defaultdict(list)
    for k, info in sorted(names.items()):
        if k.startswith("group:") or not info.labels:
            continue
        label = gaz.entries[info.gaz].name if info.gaz else _label(info)
        keys = [sound_key(w) for w in name_words(label)]
        if not keys or not keys[-1]:
            continue
        blocks[(schema.coarse(info.cls), len(keys), keys[-1][0])].append((k, keys))
    out = []
    for block in blocks.values():
        index: dict[tuple[int, str], list[int]] = defaultdict(list)
        variants = [[_variants(word, threshold) for word in keys] for _, keys in block]
        for i, words in enumerate(variants):
            for position, forms in enumerate(words):
                for form in forms:
                    index[(position, form)].append(i)
        for i, (a, ka) in enumerate(block):
            # the partners of a name share a variant at every position: look at the rarest position only
            position = min(range(len(ka)), key=lambda p: sum(len(index[(p, f)]) for f in variants[i][p]))
            later = sorted({j for form in variants[i][position] for j in index[(position, form)] if j > i})
            for j in later:
                b, kb = block[j]
                if names[a].gaz and names[b].gaz or any(v.isdisjoint(w) for v, w in zip(variants[i], variants[j])):
                    continue
                score = name_similarity(ka, kb)
                if score >= threshold:
                    out.append((a, b, "transliteration", f"spelling similarity {score:.2f}"))
    return out


@lru_cache(maxsize=1 << 16)
def _variants(word: str, threshold: float) -> frozenset[str]:
    """``word`` (a spelling key) with up to as many letters after the first deleted as two words of
    :func:`name_similarity` ``threshold`` may differ by: any two words that similar share a variant
    (two strings at edit distance d both shrink to a common string by at most d deletions each, and
    similar words must start alike). Words shorter than four letters must be equal: only themselves."""
    if len(word) < 4:
        return frozenset((word,))
    most = int((1 - threshold) * len(word) / threshold + 1e-9)  # the longer partner is at most len/threshold
    forms = {word[1:]}
    for _ in range(most):
        forms |= {f[:n] + f[n + 1:] for f in forms for n in range(len(f))}
    return frozenset(word[0] + f for f in forms)


def name_similarity(a: list[str], b: list[str]) -> float:
    """Similarity of two names given as word spelling keys (kg.common.names.sound_key): the least,
    over aligned words, of 1 - normalised edit distance; words shorter than four letters must be equal and
    other words must start alike.
    Names of different word counts are the same only when their joined keys are equal."""
    if len(a) != len(b):  # "Xi Jinping" / "Xi Jin-ping": compare as one word when the letters agree
        joined_a, joined_b = "".join(a), "".join(b)
        return 1.0 if joined_a == joined_b else 0.0
    score = 1.0
    for x, y in zip(a, b):
        if x == y:
            continue
        if min(len(x), len(y)) < 4 or x[0] != y[0]:
            return 0.0
        score = min(score, Levenshtein.normalized_similarity(x, y))
    return score


def _vote(classes: Counter) -> str:
    """The most frequent class; ties go to the more specific, then to Person, Organization, Location."""
    order = {c: i for i, c in enumerate(("Person", "Organization", "Location"))}
    return max(classes, key=lambda c: (classes[c], c not in order, -order.get(c, 0), c))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
