"""Scoring a whole graph against kg's gold JSON: entities, and typed edges between them.

Entities. Each graph entity stands for at most one gold entity: one of whose aliases is one of its names
(after :func:`kg.evaluate.names.normal`); when several do, the one whose alias is its preferred name,
then one the documents mention, then the first id. A gold entity is found when an entity of its coarse
type stands for it; a second one is a duplicate, one of another type a wrong type (for a required
entity), one that stands for none unknown, unless the graph places it partOf/memberOf an entity that
does (an unnamed group such as "Egyptian journalists": neither credited nor penalised), or it is an
unnamed group of no coarse type ("police": kg.evaluate.graph.GROUP; its edges are not judged either, as
../shared/eval/README.md's graph contract reads a graph). Duplicates, wrong types and unknown entities are
the false positives.

Edges. A gold edge (s, p, o) is found when the graph has an edge whose word is p or below it and whose
ends stand for s and o, either way round for a symmetric p. An end stands for what it names, or for what
the graph places it in (partOf/memberOf, two steps), and for whatever the gold places that in (two
steps). An edge is a false positive when it matches no gold edge, optional ones included, even with its
ends taken up to what the gold places them in; an unnamed group placed in its body is never one. The
graph's edges are judged on the core vocabulary and the words the gold uses (or lists under
``vocabulary``); an edge of another word is not judged. These are the rules of the independent scorer,
../shared/eval/score.py, and the figures agree with it (tests/evaluate)."""

from __future__ import annotations

from collections import defaultdict

from kg.evaluate.gold import Gold, GoldEdge
from kg.evaluate.graph import CORE_WORDS, GROUP, UPWARD, Edge, GraphView, between_typed
from kg.evaluate.names import normal
from kg.evaluate.results import Counts, Error, Evaluation


def score(gold: Gold, view: GraphView) -> Evaluation:
    vocabulary = view.vocabulary
    aliases = defaultdict(set)  # normal name -> gold ids
    for gid, entity in gold.entities.items():
        for alias in entity.aliases:
            aliases[normal(alias)].add(gid)
    in_scope = {gid for doc in gold.documents for gid in doc.entities}
    required = {gid for gid in in_scope if not gold.entities[gid].optional}

    stands = {}  # graph node -> the gold entity it names
    for node in view.entities:
        candidates = set().union(*(aliases.get(name, set()) for name in view.names[node]))
        if candidates:
            preferred = view.primary.get(node)
            stands[node] = min(candidates, key=lambda g: (
                preferred not in {normal(a) for a in gold.entities[g].aliases}, g not in in_scope, g))

    judged_words = CORE_WORDS | gold.words
    edges, not_judged = [], 0
    for e in view.edges:
        if not between_typed(view.entities, e):
            continue  # an unnamed group is no entity of the gold's, nor are its edges
        word = vocabulary.judged_as(e.word, judged_words)
        if word:
            edges.append(Edge(e.subject, word, e.object, e.predicate))
        else:
            not_judged += 1

    def upward(word: str) -> bool:
        return bool(vocabulary.ancestors(word) & UPWARD)

    placed = defaultdict(set)  # node -> the nodes its partOf/memberOf edges place it in
    for e in edges:
        if upward(e.word):
            placed[e.subject].add(e.object)

    # entities
    found, errors = {}, []
    fp = 0
    label = view.label
    for node in sorted(view.entities, key=str):
        kind, gid = view.entities[node], stands.get(node)
        if gid is None or gid not in in_scope:
            if kind != GROUP and not any(up in stands for up in placed.get(node, ())):
                fp += 1
                errors.append(Error("unknown_entity", "graph", system=f"{label(node)} ({kind})"))
        elif gold.entities[gid].kind != kind:
            if gid in required:
                fp += 1
                errors.append(Error("wrong_type", "graph", f"{gid} ({gold.entities[gid].kind})",
                                    f"{label(node)} ({kind})"))
        elif gid in found:
            fp += 1
            errors.append(Error("duplicate", "graph", gid, f"{label(node)} (also {label(found[gid])})"))
        else:
            found[gid] = node
    missed = sorted(required - set(found))
    errors += [Error("missed_entity", "gold", f"{gid} ({gold.entities[gid].kind}: "
                                              f"{', '.join(gold.entities[gid].aliases)})") for gid in missed]
    entities = Counts(len(required & set(found)), fp, len(missed))

    # edges
    gold_edges = [e for doc in gold.documents for e in doc.edges]
    gold_up = defaultdict(set)
    for g in gold_edges:
        if g.word in ("partOf", "memberOf", "leaderOf"):
            gold_up[g.subject].add(g.object)

    def widened(gid: str) -> set[str]:
        """``gid`` and what the gold places it in, two steps."""
        out, frontier = {gid}, {gid}
        for _ in range(2):
            frontier = set().union(*(gold_up.get(x, set()) for x in frontier))
            out |= frontier
        return out

    def named(node, skip=None) -> set[str]:
        """The gold entities ``node`` stands for: the one it names, else those the graph places it in
        (two steps), leaving out the edge ``skip`` under test."""
        if node in stands:
            return {stands[node]}
        out, frontier = set(), {node}
        for _ in range(2):
            following = set()
            for x in frontier:
                for y in placed.get(x, ()):
                    if (x, y) == skip:
                        continue
                    if y in stands:
                        out.add(stands[y])
                    else:
                        following.add(y)
            frontier = following
        return out

    reach = {}
    for e in edges:
        skip = (e.subject, e.object) if upward(e.word) else None
        reach[e] = (set().union(*(widened(g) for g in named(e.subject, skip))),
                    set().union(*(widened(g) for g in named(e.object))))

    def joins(e: Edge, s: str, o: str, loose: bool) -> bool:
        ends = reach[e]

        def fits(side: set[str], gid: str) -> bool:
            return gid in side or (loose and bool(side & widened(gid)))
        return fits(ends[0], s) and fits(ends[1], o)

    def matches(e: Edge, g: GoldEdge | tuple, loose: bool = False, word: bool = True) -> bool:
        s, p, o = (g.subject, g.word, g.object) if isinstance(g, GoldEdge) else g
        if e.subject == e.object or (e.subject in stands and stands[e.subject] == stands.get(e.object)):
            return False
        if word and p not in vocabulary.ancestors(e.word):
            return False
        return joins(e, s, o, loose) or (vocabulary.is_symmetric(p) and joins(e, o, s, loose))

    words: dict[str, Counts] = defaultdict(Counts)
    evidence, stated_in = {}, {}
    for g in gold_edges:
        key = (g.subject, g.word, g.object)
        evidence[key] = evidence.get(key) or g.evidence
        stated_in.setdefault(key, g.document)
    required_edges = sorted({(g.subject, g.word, g.object) for g in gold_edges if not g.optional})
    right_way = judged = 0
    for key in required_edges:
        s, p, o = key
        hit = next((e for e in edges if matches(e, key)), None)
        symmetric = vocabulary.is_symmetric(p)
        if hit:
            words[p] = words[p].add(tp=1)
            if not symmetric:
                right_way, judged = right_way + 1, judged + 1
            continue
        words[p] = words[p].add(fn=1)
        shown = f"{s} {p} {o}"
        reverse = next((e for e in edges if p in vocabulary.ancestors(e.word) and not symmetric
                        and matches(e, (o, p, s))), None)
        if reverse:
            judged += 1
            errors.append(Error("wrong_direction", stated_in[key], shown, _show(view, reverse), evidence[key]))
            continue
        other = next((e for e in edges if matches(e, key, word=False) or matches(e, (o, p, s), word=False)), None)
        if other:
            errors.append(Error("wrong_word", stated_in[key], shown, _show(view, other), evidence[key]))
        else:
            errors.append(Error("missed", stated_in[key], shown, "", evidence[key]))
    all_gold = {(g.subject, g.word, g.object) for g in gold_edges}
    for e in edges:
        if upward(e.word) and e.subject not in stands and e.subject != e.object:
            continue  # an unnamed group placed in its organisation or country
        if not any(matches(e, g, loose=True) for g in all_gold):
            words[e.word] = words[e.word].add(fp=1)
            errors.append(Error("false_positive", "graph", "", _show(view, e), " | ".join(view.sentences(e))))
    total = sum(words.values(), Counts())
    report = [(f"graph     {len(view.entities)} typed entities, {len(view.edges)} typed edges "
               f"({not_judged} of words the gold does not judge)"),
              f"edges     {total.show()}"]
    figures = {"edges_not_judged": not_judged, "entities_found_optional": len(set(found) - required)}
    return Evaluation(gold.path, gold.format, "corpus", len(gold.documents), total, dict(words),
                      (right_way, judged), entities, figures, report, errors)


def _show(view: GraphView, e: Edge) -> str:
    return f"{view.label(e.subject)} {e.word} {view.label(e.object)}"
