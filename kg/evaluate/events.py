"""Scoring PLOVER-coded events (the PLOVER GSR): each gold event has a type, and source and target actor
texts (none: any actor will do).

- *type*: found when the sentence has an edge carrying the event's PLOVER root (its evidence's
  kg:ploverCategory, else its word's; kg.evaluate.plover);
- *dyad* (the figures per root and the micro line): also the edge's subject stands for a source and its
  object for a target (either way round for a symmetric word), as in kg.evaluate.dyads.stands_for.

False positives are the sentence's edges carrying a root that match no gold event. A gold event whose
root no word of the graph's vocabulary carries is not scored (counted), and edges in its sentence that
could be it are not judged."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import partial

from kg.evaluate.dyads import stands_for
from kg.evaluate.gold import Event, Gold
from kg.evaluate.graph import SentenceEdge, SentenceView, kg_vocabulary
from kg.evaluate.plover import root
from kg.evaluate.results import Counts, Error, Evaluation


def score(gold: Gold, views: dict[str, SentenceView]) -> Evaluation:
    vocabulary = next((v.vocabulary for v in views.values() if v.vocabulary), None) or kg_vocabulary()
    coverable = {root(c) for c in vocabulary.categories.values()}
    types, dyads = Counts(), defaultdict(Counts)
    by_code = defaultdict(Counter)
    not_scored = Counter()
    ignored = ignored_types = 0
    direction = [0, 0]
    errors = []
    for sentence in gold.sentences:
        view = views.get(sentence.id) or SentenceView()
        events = [ev for ev in sentence.events if ev.root in coverable]
        for ev in sentence.events:
            if ev.root not in coverable:
                not_scored[ev.code] += 1
        unscored = [ev for ev in sentence.events if ev.root not in coverable]
        edges = [e for e in view.edges if e.roots]
        actors = partial(_actors, view)
        dyad = partial(_dyad, view)

        for ev in events:
            typed = [e for e in edges if ev.root in e.roots]
            types = types.add(**({"tp": 1} if typed else {"fn": 1}))
            hit = any(dyad(e, ev) for e in typed)
            dyads[ev.root] = dyads[ev.root].add(**({"tp": 1} if hit else {"fn": 1}))
            by_code[ev.code.split("/")[0]]["gold"] += 1
            by_code[ev.code.split("/")[0]]["found"] += hit
            shown = f"{ev.code}: {'/'.join(ev.sources) or 'anyone'} -> {'/'.join(ev.targets) or 'anyone'}"
            asymmetric = [e for e in typed if not view.vocabulary.is_symmetric(e.word)]
            if hit:
                if any(actors(e, ev) for e in asymmetric) and ev.sources and ev.targets:
                    direction[0] += 1
                    direction[1] += 1
                continue
            backward = next((e for e in asymmetric if actors(e, ev, True)), None)
            if backward and ev.sources and ev.targets:
                direction[1] += 1
                errors.append(Error("wrong_direction", sentence.id, shown, view.show(backward), sentence.text))
                continue
            other = next((e for e in view.edges if actors(e, ev) or actors(e, ev, True)), None)
            errors.append(Error("wrong_word" if other else "missed", sentence.id, shown,
                                view.show(other) if other else "; ".join(view.show(e) for e in view.edges),
                                sentence.text))
        for e in edges:
            if not any(ev.root in e.roots for ev in events):
                if unscored:
                    ignored_types += 1
                else:
                    types = types.add(fp=1)
            if any(ev.root in e.roots and dyad(e, ev) for ev in events):
                continue
            if unscored and any(dyad(e, ev) for ev in unscored):
                ignored += 1
                continue
            claimed = min(e.roots)
            dyads[claimed] = dyads[claimed].add(fp=1)
            errors.append(Error("false_positive", sentence.id, "; ".join(ev.code for ev in sentence.events),
                                view.show(e), sentence.text))
    total = sum(dyads.values(), Counts())
    report = [f"event types {types.show()}  (an edge of the event's root, any actors)",
              f"dyads       {total.show()}  (the right root between the right actors)",
              "found by type  " + " ".join(f"{code}:{c['found']}/{c['gold']}" for code, c in sorted(by_code.items()))]
    if not_scored:
        report.append(f"not scored: {sum(not_scored.values())} gold events of roots no word of the graph's "
                      f"vocabulary carries ({', '.join(f'{k} {v}' for k, v in sorted(not_scored.items()))}); "
                      f"{ignored} edges that could be them not judged")
    figures = {"event_types": types.as_dict(), "found_by_type": {k: dict(v) for k, v in sorted(by_code.items())},
               "not_scored": dict(not_scored), "edges_not_judged": ignored, "edges_not_judged_by_type": ignored_types,
               "headline": {"type_f1": types.f1}}
    return Evaluation(gold.path, gold.format, "events", len(gold.sentences), total, dict(dyads), tuple(direction),
                      None, figures, report, errors, title="root")


def _actors(view: SentenceView, e: SentenceEdge, ev: Event, reverse: bool = False) -> bool:
    """The edge's subject stands for a source of the event and its object for a target (or the reverse)."""
    sources, targets = (ev.targets, ev.sources) if reverse else (ev.sources, ev.targets)
    return _fits(view, e.subject, sources) and _fits(view, e.object, targets)


def _dyad(view: SentenceView, e: SentenceEdge, ev: Event) -> bool:
    """The edge joins the event's actors, either way round for a symmetric word."""
    return _actors(view, e, ev) or (view.vocabulary.is_symmetric(e.word) and _actors(view, e, ev, True))


def _fits(view: SentenceView, node, texts: tuple[str, ...]) -> bool:
    return not texts or any(stands_for(view, node, t) for t in texts)
