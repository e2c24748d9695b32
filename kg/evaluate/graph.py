"""A graph as kg evaluate reads it: the graph contract of ../shared/eval/README.md, for kg's graphs and
any other system's.

- **Entities**: nodes with an ``rdf:type`` whose class, or an ancestor along ``rdfs:subClassOf``, has the
  local name Person, Organization (Organisation) or Location (Place). Classes the graph does not declare
  are looked up in kg's ontology. A node whose class is none of these but falls under an Actor class
  (kg's unnamed groups: "police", "37 prisoners") is an entity of kind Group: an actor a dyad or an event
  can name, though no gold typology has a type for it, so it is not scored as an entity.
- **Names**: ``rdfs:label``, ``skos:prefLabel`` (the preferred name), ``skos:altLabel``, and the FOAF and
  schema.org equivalents, compared after :func:`kg.evaluate.names.normal`.
- **Words**: a predicate is a typed relation when its local name (case and non-letters ignored) is a
  word of the core vocabulary or of kg's ontology, or when it is declared, through
  ``rdfs:subPropertyOf``, below one. The hierarchy (kill under attack, leaderOf under memberOf), the
  symmetric words (``owl:SymmetricProperty``) and the PLOVER category of each word (``kg:ploverCategory``)
  come from the graph's own declarations, then from kg's ontology: a word added to kg.ttl scores
  right with no change here.
- **Edges**: direct triples between two entities whose predicate is a word. Negated, denied and
  unasserted readings are evidence only, so they never count.
- **Evidence**: reified statements (``rdf:subject/predicate/object``) of an edge, with the document
  (``kg:document``), sentence, polarity, modality and PLOVER category (``kg:ploverCategory``) kg gives
  each.

A whole graph is a :class:`GraphView`; the part of it one gold sentence is scored against is a
:class:`SentenceView`, either a graph built from that sentence alone or cut out of a graph of many
(:func:`split`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import FOAF, SKOS

from kg.evaluate.names import compact, normal
from kg.evaluate.plover import root
from kg.namespace import KG

# The core vocabulary of the graph contract (../shared/eval/README.md): gold sets are written in these
# words; a graph's other words count where they fall under one, or where the gold uses them.
CORE_WORDS = frozenset({
    "memberOf", "leaderOf", "partOf", "affiliatedWith", "alliedWith", "locatedIn", "consultWith", "meetWith",
    "negotiateWith", "visit", "mediate", "cooperateWith", "agreeWith", "support", "request", "propose",
    "reject", "deny", "criticize", "accuse", "threaten", "attack", "kill", "fight", "detain", "sanction",
    "statedTo"})
UPWARD = frozenset({"partOf", "memberOf"})  # words that place a group in its body (leaderOf falls under memberOf)
TOP = "relatedTo"
COARSE = {"person": "Person", "organization": "Organization", "organisation": "Organization",
          "location": "Location", "place": "Location"}
GROUP = "Group"  # the kind of an actor with no coarse type (module docstring)
SCHEMA = ("https://schema.org/", "http://schema.org/")
NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, FOAF.name,
                   *(URIRef(ns + p) for ns in SCHEMA for p in ("name", "alternateName")))
PREFERRED = (RDFS.label, SKOS.prefLabel)


def local_name(iri) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


# ------------------------------------------------------------------------------------------ vocabulary

@dataclass(frozen=True)
class Vocabulary:
    """The typed relation words, their hierarchy, symmetry and PLOVER categories (by local name)."""

    parents: Mapping[str, frozenset[str]]
    symmetric: frozenset[str]
    categories: Mapping[str, str]
    classes: Mapping[str, str] = field(default_factory=dict)  # class IRI -> coarse type

    @cached_property
    def words(self) -> frozenset[str]:
        """Every typed relation word: the core ones and every word below kg:relatedTo."""
        below = {w for w in self.parents if TOP in self.ancestors(w)}
        return frozenset((CORE_WORDS | below) - {TOP})

    def ancestors(self, word: str) -> frozenset[str]:
        """``word`` and every word above it."""
        known = self._ancestors
        if word not in known:
            out, todo = set(), [word]
            while todo:
                w = todo.pop()
                if w not in out:
                    out.add(w)
                    todo.extend(self.parents.get(w, ()))
            known[word] = frozenset(out)
        return known[word]

    @cached_property
    def _ancestors(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def _spellings(self) -> dict[str, str]:
        return {_letters(w): w for w in self.words | set(self.parents) | {TOP}}

    def is_symmetric(self, word: str) -> bool:
        return bool(self.ancestors(word) & self.symmetric)

    def category(self, word: str) -> str | None:
        """The PLOVER category declared on ``word``, else on the nearest word above it."""
        for level in self._levels(word):
            for w in level:
                if w in self.categories:
                    return self.categories[w]
        return None

    def spelling(self, name: str) -> str:
        """The vocabulary's spelling of a local name ("member_of", "MemberOf" -> "memberOf")."""
        return self._spellings.get(_letters(name), name)

    def judged_as(self, word: str, among: frozenset[str]) -> str | None:
        """The most specific of ``word`` and the words above it that is in ``among``."""
        for level in self._levels(word):
            hits = sorted(w for w in level if w in among)
            if hits:
                return hits[0]
        return None

    def _levels(self, word: str) -> Iterator[list[str]]:
        """``word``, then the words right above it, then those above them, and so on."""
        level, seen = [word], set()
        while level:
            yield level
            seen |= set(level)
            level = sorted({p for w in level for p in self.parents.get(w, ()) if p not in seen})

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary, with what ``other`` says of words and classes this one does not declare."""
        parents = dict(other.parents)
        parents.update({w: ps | other.parents.get(w, frozenset()) for w, ps in self.parents.items()})
        return Vocabulary(parents, self.symmetric | other.symmetric, {**other.categories, **self.categories},
                          {**other.classes, **self.classes})

    @classmethod
    def declared(cls, g: Graph) -> Vocabulary:
        """What ``g`` itself declares."""
        spell = {_letters(w): w for w in CORE_WORDS}
        props = set(g.subjects(RDFS.subPropertyOf, None)) | set(g.subjects(KG.ploverCategory, None))

        def word(iri) -> str:
            name = local_name(iri)
            return spell.get(_letters(name), name)

        parents: dict[str, set[str]] = defaultdict(set)
        for p in props:
            parents[word(p)] |= {word(x) for x in g.objects(p, RDFS.subPropertyOf)}
        categories = {word(p): str(c) for p in props for c in g.objects(p, KG.ploverCategory)}
        symmetric = frozenset(word(p) for p in g.subjects(RDF.type, OWL.SymmetricProperty))
        return cls({w: frozenset(ps) for w, ps in parents.items()}, symmetric, categories, _class_types(g))


@cache
def kg_vocabulary() -> Vocabulary:
    """The words and classes of kg's own ontology (ontology/kg.ttl)."""
    from kg.rules import shipped_folder
    from kg.rules.schema import read_ontology

    return Vocabulary.declared(read_ontology(shipped_folder() / "kg.ttl"))


def between_typed(entities: Mapping, edge) -> bool:
    """Whether both ends of ``edge`` have a coarse type: neither is an unnamed group (GROUP), which no
    gold typology has, so whole-graph and CoNLL04 scoring judge none of its edges."""
    return GROUP not in (entities[edge.subject], entities[edge.object])


def _class_types(g: Graph) -> dict[str, str]:
    """Class IRI -> coarse type (that of the nearest class above it with one), else Group for a class
    under an Actor class, for the classes ``g`` uses or declares."""
    classes = set(g.objects(None, RDF.type)) | set(g.subjects(RDFS.subClassOf, None))
    out = {}
    for c in classes:
        seen, level, actor = set(), [c], False
        while level and str(c) not in out:
            seen |= set(level)
            kinds = sorted({COARSE[local_name(x).lower()] for x in level if local_name(x).lower() in COARSE})
            if kinds:
                out[str(c)] = kinds[0]
            actor = actor or any(local_name(x).lower() == "actor" for x in level)
            level = [p for x in level for p in g.objects(x, RDFS.subClassOf) if p not in seen]
        if actor and str(c) not in out:
            out[str(c)] = GROUP
    return out


# -------------------------------------------------------------------------------------- a whole graph

@dataclass(frozen=True)
class Edge:
    subject: URIRef
    word: str  # the most specific typed relation word of ``predicate``
    object: URIRef
    predicate: URIRef


@dataclass(frozen=True)
class Evidence:
    """What one evidence node says of its edge."""

    document: URIRef | None
    sentence: str
    asserted: bool  # positive and asserted (not negated, denied, planned or hypothetical)
    category: str | None  # kg:ploverCategory


class GraphView:
    """A graph reduced to what scoring reads: entities, names, typed edges and their evidence."""

    def __init__(self, g: Graph):
        self.graph = g
        self.vocabulary = Vocabulary.declared(g).merged(kg_vocabulary())
        words = self.vocabulary.words
        self.entities: dict[URIRef, str] = {}
        for node, cls in g.subject_objects(RDF.type):
            kind = self.vocabulary.classes.get(str(cls))
            if kind and node not in self.entities:
                self.entities[node] = kind
        self.names: dict[URIRef, tuple[str, ...]] = {}
        self.primary: dict[URIRef, str] = {}
        self.shown: dict[URIRef, str] = {}  # the preferred name as written, for reports
        for node in self.entities:
            names = []
            for predicate in NAME_PREDICATES:
                found = sorted(str(x) for x in g.objects(node, predicate) if isinstance(x, Literal))
                names += [normal(x) for x in found]
                if found and predicate in PREFERRED and node not in self.primary:
                    self.primary[node], self.shown[node] = normal(found[0]), found[0]
            self.names[node] = tuple(names) or (normal(local_name(node).replace("_", " ")),)
        word_of: dict[URIRef, str | None] = {}
        self.edges: list[Edge] = []
        for s, p, o in g:
            if s in self.entities and o in self.entities:
                if p not in word_of:
                    word = self.vocabulary.spelling(local_name(p))
                    word_of[p] = word if word in words else None
                if word_of[p]:
                    self.edges.append(Edge(s, word_of[p], o, p))
        self.edges.sort(key=lambda e: (str(e.subject), e.word, str(e.object), str(e.predicate)))
        self.evidence: dict[tuple, list[Evidence]] = defaultdict(list)
        for node in set(g.subjects(RDF.subject, None)):
            s, p, o = g.value(node, RDF.subject), g.value(node, RDF.predicate), g.value(node, RDF.object)
            if s not in self.entities or o not in self.entities:
                continue
            props = defaultdict(list)
            for q, v in g.predicate_objects(node):
                props[local_name(q)].append(v)
            if not props.get("document") and not props.get("sentence"):
                continue  # an assertion node (kg:Assertion), not evidence
            asserted = not any(str(v) == "negative" for v in props.get("polarity", ())) and \
                all(str(v) == "asserted" for v in props.get("modality", ()))
            category = next((str(v) for v in props.get("ploverCategory", ())), None)
            sentence = next((str(v) for v in props.get("sentence", ())), "")
            for doc in props.get("document", ()) or [None]:
                self.evidence[(s, p, o)].append(Evidence(doc, sentence, asserted, category))

    def label(self, node) -> str:
        return self.shown.get(node) or (self.names.get(node) or (local_name(node),))[0]

    def sentences(self, edge: Edge) -> list[str]:
        """The sentences that state ``edge`` (its asserted evidence)."""
        return sorted({ev.sentence for ev in self.evidence.get((edge.subject, edge.predicate, edge.object), ())
                       if ev.asserted and ev.sentence})

    def roots(self, edge: Edge, document=None) -> frozenset[str]:
        """The PLOVER roots ``edge`` is read as (in ``document``, if given): the categories its asserted
        evidence carries, else the one its word declares; empty for a word no event category covers."""
        cats = {ev.category for ev in self.evidence.get((edge.subject, edge.predicate, edge.object), ())
                if ev.asserted and ev.category and (document is None or ev.document == document)}
        if not cats:
            cat = self.vocabulary.category(edge.word)
            cats = {cat} if cat else set()
        return frozenset(root(c) for c in cats)

    def document_names(self) -> dict[URIRef, set[str]]:
        """Each document node's file names (its kg:path and label, and their stems)."""
        out: dict[URIRef, set[str]] = defaultdict(set)
        for node, value in self.graph.subject_objects(KG.path):
            out[node] |= {str(value), Path(str(value)).name, Path(str(value)).stem}
        for node in list(out):
            for value in self.graph.objects(node, RDFS.label):
                out[node] |= {str(value), Path(str(value)).stem}
        return out


# ----------------------------------------------------------------------------------------- a sentence

@dataclass(frozen=True)
class SentenceEdge:
    subject: URIRef
    word: str
    object: URIRef
    roots: frozenset[str] = frozenset()  # PLOVER roots (kg.evaluate.plover) this reading carries


@dataclass
class SentenceView:
    """The entities, names and edges one gold sentence is scored against."""

    entities: dict[URIRef, str] = field(default_factory=dict)
    names: dict[URIRef, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)
    edges: list[SentenceEdge] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    up: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self) -> None:
        self.edges = sorted({e for e in self.edges if e.subject != e.object},
                            key=lambda e: (str(e.subject), e.word, str(e.object)))
        vocabulary = self.vocabulary or kg_vocabulary()
        self.vocabulary = vocabulary
        for e in self.edges:
            if vocabulary.ancestors(e.word) & UPWARD:
                self.up[e.subject].add(e.object)

    @classmethod
    def of(cls, view: GraphView) -> SentenceView:
        """A graph built from one sentence alone."""
        edges = [SentenceEdge(e.subject, e.word, e.object, view.roots(e)) for e in view.edges]
        return cls(dict(view.entities), dict(view.names), {n: view.label(n) for n in view.entities}, edges,
                   view.vocabulary)

    def label(self, node) -> str:
        return self.labels.get(node) or local_name(node)

    def show(self, edge: SentenceEdge) -> str:
        roots = f" ({'/'.join(sorted(edge.roots))})" if edge.roots else ""
        return f"{self.label(edge.subject)} {edge.word} {self.label(edge.object)}{roots}"

    def parents(self, node, hops: int = 2) -> set:
        """The bodies ``node`` is placed in by its partOf/memberOf edges, ``hops`` steps at most."""
        out, frontier = set(), {node}
        for _ in range(hops):
            frontier = set().union(*(self.up.get(x, set()) for x in frontier)) - out - {node}
            out |= frontier
        return out


def split(view: GraphView, texts: Mapping[str, str]) -> tuple[dict[str, SentenceView], int]:
    """Cut a graph built from many one-sentence documents into one view per sentence id of ``texts``
    (id -> text); returns the views and the count of asserted evidence nodes placed in no sentence.

    A document belongs to the sentence whose id is its file's name or stem (``<id>.txt``); evidence
    whose document is none of them is placed by its sentence text. A sentence's edges are those with
    asserted evidence there; its entities the ends of those edges and every entity whose name occurs in
    the text as whole words (longest first, none inside another: the graph does not say which document
    mentions an entity that has no edge), each with the names that occur there and its preferred one."""
    by_name = {}
    for doc, names in view.document_names().items():
        for name in names:
            if name in texts:
                by_name[doc] = name
    by_text = defaultdict(list)
    for sid, text in texts.items():
        by_text[" ".join(text.split())].append(sid)
    edges: dict[str, set[SentenceEdge]] = defaultdict(set)
    unplaced = 0
    for e in view.edges:
        for ev in view.evidence.get((e.subject, e.predicate, e.object), ()):
            if not ev.asserted:
                continue
            sids = [by_name[ev.document]] if ev.document in by_name else by_text.get(" ".join(ev.sentence.split()), [])
            if not sids:
                unplaced += 1
            for sid in sids:
                edges[sid].add(SentenceEdge(e.subject, e.word, e.object, view.roots(e, ev.document)))
    occurs = _occurrences(view, texts)
    out = {}
    for sid in texts:
        ends = {x for e in edges[sid] for x in (e.subject, e.object)}
        nodes = ends | set(occurs[sid])
        names = {n: tuple(sorted(occurs[sid].get(n, set()) | ({view.primary[n]} if n in view.primary else set())))
                 or view.names[n] for n in nodes}
        out[sid] = SentenceView({n: view.entities[n] for n in nodes}, names, {n: view.label(n) for n in nodes},
                                list(edges[sid]), view.vocabulary)
    return out, unplaced


def _occurrences(view: GraphView, texts: Mapping[str, str]) -> dict[str, dict]:
    """Sentence id -> entity -> its names that occur in the sentence as whole words."""
    padded = {sid: f" {compact(t)} " for sid, t in texts.items()}
    by_word: dict[str, set[str]] = defaultdict(set)
    for sid, t in padded.items():
        for w in set(t.split()):
            by_word[w].add(sid)
    spans = defaultdict(list)
    for node in view.entities:
        for name in set(view.names[node]):
            key = compact(name)
            if len(key) < 2:
                continue
            for sid in by_word.get(key.split()[0], ()):
                at = padded[sid].find(f" {key} ")
                while at >= 0:
                    spans[sid].append((at + 1, at + 1 + len(key), node, name))
                    at = padded[sid].find(f" {key} ", at + 1)
    out: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for sid, found in spans.items():
        taken: list[tuple[int, int]] = []
        for a, b, node, name in sorted(found, key=lambda x: (x[0] - x[1], x[0], str(x[2]))):
            if any(a < tb and ta < b and (a, b) != (ta, tb) for ta, tb in taken):
                continue
            taken.append((a, b))
            out[sid][node].add(name)
    return out


def read(path: Path) -> GraphView:
    """The graph at ``path`` (a graph file, build folder or store). Raises as kg.queries.load."""
    from kg.queries import load

    return GraphView(load(Path(path)))


def sentence_views(path: Path, texts: Mapping[str, str]) -> tuple[dict[str, SentenceView], int]:
    """The view of every sentence of ``texts`` from ``path``: a folder of one build per sentence
    (``PATH/<id>/graph.ttl``, as ../shared/eval/dev/run.py --keep leaves them; a sentence with none is
    an empty graph), or one graph of them all, split (:func:`split`)."""
    path = Path(path)
    if path.is_dir() and any((path / sid).is_dir() for sid in texts):
        return {sid: SentenceView.of(read(path / sid)) if _has_graph(path / sid) else SentenceView()
                for sid in texts}, 0
    return split(read(path), texts)


def _has_graph(folder: Path) -> bool:
    return any((folder / name).is_file() for name in ("graph.trig", "graph.ttl", "graph.nt", "graph.jsonld"))
