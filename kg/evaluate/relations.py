"""Scoring sentences annotated with entity mentions and relations (CoNLL04), each against its own graph.

Entities: gold mentions of one sentence with the same name and type are one entity; graph entities and
gold entities are paired one to one, equal names before containment (kg.evaluate.names.name_match), the
same type preferred. A gold entity is found when its partner has its type; a graph entity is a false
positive of its type when it has no partner or a partner of another type. Gold mentions typed Other
are not scored, nor is a graph entity paired with one.

Relations: a gold relation is found when an edge of the sentence has its kg word (or one below it) and
its subject names the head and its object the tail (direction required); ``strict`` also needs both
ends' types right. Edges of the scored words (memberOf, kill, locatedIn, and the words below them) that
find nothing are false positives, except where the gold set cannot say (neither right nor wrong, counted):
an edge on a pair the gold relates with a relation kg has no word for (Live_In); an edge whose two ends
both name parts of one gold mention ("Dayton, Ohio" is one CoNLL04 Location); an upward edge of an
unnamed group that names no gold mention. An edge with an end of kind Group (kg.evaluate.graph.GROUP:
"police", "37 prisoners") is not judged, as an entity of no gold type is not. The rules are those of
../shared/eval/dev/sentscore.py."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.evaluate.gold import COARSE, Gold, Mention, Relation, RelationType, Sentence
from kg.evaluate.graph import UPWARD, SentenceEdge, SentenceView, between_typed
from kg.evaluate.names import name_match, normal
from kg.evaluate.results import Counts, Error, Evaluation


def score(gold: Gold, views: dict[str, SentenceView]) -> Evaluation:
    labels = [t.label for t in gold.relation_types]
    scored = gold.words
    kinds = {kind: Counts() for kind in COARSE}
    loose, strict = defaultdict(Counts), defaultdict(Counts)
    ignored = Counter()
    direction = [0, 0]
    errors = []
    for sentence in gold.sentences:
        view = views.get(sentence.id) or SentenceView()
        _entities(sentence, view, kinds, errors)
        _relations(sentence, view, scored, gold.relation_types, loose, strict, ignored, direction, errors)
    entities = sum(kinds.values(), Counts())
    total = sum(loose.values(), Counts())
    strict_total = sum(strict.values(), Counts())
    report = ["entities by type  " + "; ".join(f"{k} F1 {c.f1:.3f} (tp {c.tp}, fp {c.fp}, fn {c.fn})"
                                                for k, c in kinds.items()),
              f"relations {total.show()}",
              f"strict    {strict_total.show()}  (both ends' types right too)",
              (f"not judged: {ignored['unscored pair']} edges on pairs related by a relation kg has no word for "
               f"(Live_In), {ignored['inside one mention']} edges inside one gold mention, "
               f"{ignored['group']} upward edges of unnamed groups")]
    figures = {"entities_by_type": {k: c.as_dict() for k, c in kinds.items()},
               "relations_strict": {"micro": strict_total.as_dict(),
                                    **{k: c.as_dict() for k, c in sorted(strict.items())}},
               "not_judged": dict(ignored),
               "headline": {"strict_f1": strict_total.f1}}
    return Evaluation(gold.path, gold.format, "relations", len(gold.sentences), total,
                      {label: loose[label] for label in labels} | {k: v for k, v in loose.items() if k not in labels},
                      tuple(direction), entities, figures, report, errors, title="relation")


def _entities(sentence: Sentence, view: SentenceView, kinds: dict, errors: list) -> None:
    groups: list[Mention] = []
    for m in sentence.mentions:
        if not any((normal(g.text), g.kind) == (normal(m.text), m.kind) for g in groups):
            groups.append(m)
    pairs = []
    for gi, g in enumerate(groups):
        for node, kind in view.entities.items():
            level = name_match(view.names.get(node, ()), g.text)
            if level:
                pairs.append((-level, kind != g.kind, gi, str(node), node))
    pairs.sort(key=lambda x: x[:4])
    partner, taken = {}, {}
    for *_, gi, _, node in pairs:
        if gi not in partner and node not in taken:
            partner[gi], taken[node] = node, gi
    for gi, g in enumerate(groups):
        if g.kind not in kinds:
            continue
        node = partner.get(gi)
        if node is not None and view.entities[node] == g.kind:
            kinds[g.kind] = kinds[g.kind].add(tp=1)
        else:
            kinds[g.kind] = kinds[g.kind].add(fn=1)
            if node is None:
                errors.append(Error("missed_entity", sentence.id, f"{g.text} ({g.kind})", "", sentence.text))
            else:
                errors.append(Error("wrong_type", sentence.id, f"{g.text} ({g.kind})",
                                    f"{view.label(node)} ({view.entities[node]})", sentence.text))
    for node, kind in view.entities.items():
        gi = taken.get(node)
        if gi is not None and groups[gi].kind not in kinds:
            continue  # names a mention typed Other
        if kind not in kinds:
            continue  # an unnamed group: no type of the gold's (kg.evaluate.graph.GROUP)
        if gi is None or groups[gi].kind != kind:
            kinds[kind] = kinds[kind].add(fp=1)
            if gi is None:
                errors.append(Error("unknown_entity", sentence.id, "", f"{view.label(node)} ({kind})", sentence.text))


def _relations(sentence: Sentence, view: SentenceView, scored: frozenset[str], gold_types: tuple[RelationType, ...],
               loose: dict, strict: dict, ignored: Counter, direction: list, errors: list) -> None:
    vocabulary = view.vocabulary
    mentions = sentence.mentions

    def ends(e: SentenceEdge, r: Relation, exact: bool, reverse: bool = False) -> bool:
        head, tail = mentions[r.head], mentions[r.tail]
        if reverse:
            head, tail = tail, head
        ok = name_match(view.names.get(e.subject, ()), head.text) and name_match(view.names.get(e.object, ()), tail.text)
        if ok and exact:
            ok = view.entities[e.subject] == head.kind and view.entities[e.object] == tail.kind
        return bool(ok)

    def has(e: SentenceEdge, word: str) -> bool:
        return word in vocabulary.ancestors(e.word)

    in_scope = [e for e in view.edges if vocabulary.ancestors(e.word) & scored and between_typed(view.entities, e)]
    for r in sentence.relations:
        if r.word is None:
            continue
        for exact, table in ((False, loose), (True, strict)):
            hit = any(has(e, r.word) and ends(e, r, exact) for e in in_scope)
            table[r.label] = table[r.label].add(**({"tp": 1} if hit else {"fn": 1}))
            if exact:
                continue
            shown = f"{mentions[r.head].text} {r.label} ({r.word}) {mentions[r.tail].text}"
            symmetric = vocabulary.is_symmetric(r.word)
            backward = next((e for e in in_scope if has(e, r.word) and ends(e, r, False, True)), None)
            if hit and not symmetric:
                direction[0] += 1
                direction[1] += 1
            elif not hit and backward and not symmetric:
                direction[1] += 1
                errors.append(Error("wrong_direction", sentence.id, shown, view.show(backward), sentence.text))
            elif not hit:
                other = next((e for e in view.edges if ends(e, r, False) or ends(e, r, False, True)), None)
                errors.append(Error("wrong_word" if other else "missed", sentence.id, shown,
                                    view.show(other) if other else "; ".join(view.show(e) for e in view.edges),
                                    sentence.text))
    for e in in_scope:
        for exact, table in ((False, loose), (True, strict)):
            if any(r.word and has(e, r.word) and ends(e, r, exact) for r in sentence.relations):
                continue
            why = None
            if any(r.word is None and ends(e, r, False) for r in sentence.relations):
                why = "unscored pair"
            elif any(name_match(view.names.get(e.subject, ()), m.text) and name_match(view.names.get(e.object, ()), m.text)
                     for m in mentions):
                why = "inside one mention"
            elif vocabulary.ancestors(e.word) & UPWARD and \
                    not any(name_match(view.names.get(e.subject, ()), m.text) for m in mentions):
                why = "group"
            if why:
                if not exact:
                    ignored[why] += 1
                continue
            label = _label(e, view, gold_types)
            table[label] = table[label].add(fp=1)
            if not exact:
                errors.append(Error("false_positive", sentence.id,
                                    "; ".join(f"{mentions[r.head].text} {r.label} {mentions[r.tail].text}"
                                              for r in sentence.relations),
                                    f"{view.show(e)} ({view.entities[e.subject]}, {view.entities[e.object]})",
                                    sentence.text))


def _label(e: SentenceEdge, view: SentenceView, types: tuple[RelationType, ...]) -> str:
    """The gold relation type a false-positive edge claims: the first of its word (or a word above it)
    that takes its subject's kind."""
    ancestors = view.vocabulary.ancestors(e.word)
    fits = [t for t in types if t.word in ancestors]
    return next((t.label for t in fits if t.subject_kind in ("", view.entities[e.subject])), e.word)
