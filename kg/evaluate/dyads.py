"""Scoring PLOVER-coded dyads (PLV): for each gold dyad (source, target, root) of a sentence, is there an
edge between the two actors, which PLOVER root does it carry, and which way does it point.

- *found*: an edge of any typed relation word between an entity standing for the source and one standing
  for the target, either way round. An entity stands for an actor text when one of its names matches it
  (kg.evaluate.names.name_match), or one of the bodies its partOf/memberOf edges place it in does (two
  steps): "Hungarian officials" partOf Hungary stands for "Hungary".
- *root*: the PLOVER root of the found edge: the categories its evidence carries (kg:ploverCategory),
  else its word's, at PLV's 15 roots (kg.evaluate.plover). A word with no category is wrong. When several
  edges fit, those with a root come first, then the closer name match; the root is right when one of the
  best carries it.
- *direction*: on found dyads whose word is not symmetric, the share whose subject stands for the source.

Per root: P/R/F1 of the root over all gold dyads (a dyad not found counts against recall; an edge read
with a wrong root against that root's precision). PLV codes the dyad a sentence was built around, not
every event in it, so other edges are not counted against kg."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.evaluate.gold import Gold
from kg.evaluate.graph import SentenceView
from kg.evaluate.names import name_match
from kg.evaluate.plover import QUAD
from kg.evaluate.results import Counts, Error, Evaluation


def stands_for(view: SentenceView, node, text: str) -> int:
    """How well ``node`` stands for an actor written ``text``: 4 one of its names equals it, 3 one
    contains the other, 2 and 1 the same through a body it is placed in, 0 not at all."""
    level = name_match(view.names.get(node, ()), text)
    if level:
        return level + 2
    return max((name_match(view.names.get(up, ()), text) for up in view.parents(node)), default=0)


def candidates(view: SentenceView, source: str, target: str) -> list[dict]:
    """The edges between the two actors, each with how well it fits and which way it points."""
    out = []
    for e in view.edges:
        forward = min(stands_for(view, e.subject, source), stands_for(view, e.object, target))
        backward = min(stands_for(view, e.subject, target), stands_for(view, e.object, source))
        if forward or backward:
            out.append({"edge": e, "fit": max(forward, backward), "forward": forward > backward,
                        "backward": backward > forward, "symmetric": view.vocabulary.is_symmetric(e.word)})
    return out


def score(gold: Gold, views: dict[str, SentenceView]) -> Evaluation:
    n = found = with_root = right = 0
    quad_right = anchor_right = anchor_n = anchor_found_right = 0
    roots: dict[str, Counts] = defaultdict(Counts)
    per_root = defaultdict(Counter)
    ways = Counter()
    several = 0
    errors = []
    for sentence in gold.sentences:
        view = views.get(sentence.id) or SentenceView()
        for d in sentence.dyads:
            n += 1
            per_root[d.root]["gold"] += 1
            if d.anchor:
                anchor_n += 1
                anchor_right += d.anchor == d.root
            shown = f"{d.source} -> {d.target} {d.root}"
            fits = candidates(view, d.source, d.target)
            if not fits:
                roots[d.root] = roots[d.root].add(fn=1)
                errors.append(Error("missed", sentence.id, shown, "; ".join(view.show(e) for e in view.edges),
                                    sentence.text))
                continue
            found += 1
            per_root[d.root]["found"] += 1
            best_rank = max((bool(x["edge"].roots), x["fit"]) for x in fits)
            best = [x for x in fits if (bool(x["edge"].roots), x["fit"]) == best_rank]
            if len({r for x in best for r in x["edge"].roots}) > 1:
                several += 1
            pick = next((x for x in best if d.root in x["edge"].roots), best[0])
            edge = pick["edge"]
            predicted = d.root if d.root in edge.roots else min(edge.roots, default=None)
            if predicted:
                with_root += 1
            if d.anchor:
                anchor_found_right += d.anchor == d.root
            if predicted == d.root:
                right += 1
                per_root[d.root]["right"] += 1
                roots[d.root] = roots[d.root].add(tp=1)
            else:
                roots[d.root] = roots[d.root].add(fn=1)
                if predicted:
                    roots[predicted] = roots[predicted].add(fp=1)
                errors.append(Error("wrong_word", sentence.id, shown, view.show(edge), sentence.text))
            if d.quad and predicted and QUAD.get(predicted) == d.quad:
                quad_right += 1
            way = ("symmetric" if pick["symmetric"] else "source_is_subject" if pick["forward"]
                   else "target_is_subject" if pick["backward"] else "undecided")
            ways[way] += 1
            if way == "target_is_subject":
                errors.append(Error("wrong_direction", sentence.id, shown, view.show(edge), sentence.text))
    judged = ways["source_is_subject"] + ways["target_is_subject"]
    total = sum(roots.values(), Counts())

    def share(a: int, b: int) -> float:
        return a / b if b else 0.0

    report = [(f"dyads     found {found}/{n} = {share(found, n):.3f} (an edge between the two actors, either way); "
               f"with a PLOVER root {with_root}/{n} = {share(with_root, n):.3f}"),
              (f"root      right on found dyads {right}/{found} = {share(right, found):.3f}; on found dyads with a "
               f"root {right}/{with_root} = {share(right, with_root):.3f}; right of all {share(right, n):.3f}; "
               f"{several} found dyads carry two roots"),
              "per root  " + " ".join(f"{r}:{c['right']}/{c['found']}/{c['gold']}" for r, c in sorted(per_root.items()))
              + "  (root right / found / gold)"]
    if any(d.quad for s in gold.sentences for d in s.dyads):
        report.append(f"quad      class right on found dyads {quad_right}/{found} = {share(quad_right, found):.3f}")
    if anchor_n:
        report.append(f"anchor    the file's own system answers (PLV: ZSP, handed the dyad): root right "
                      f"{anchor_right}/{anchor_n} = {share(anchor_right, anchor_n):.3f}; on the dyads kg found "
                      f"{share(anchor_found_right, found):.3f}")
    figures = {"dyads": n, "found": found, "found_with_root": with_root, "root_right": right,
               "dyad_recall": round(share(found, n), 4), "root_accuracy_on_found": round(share(right, found), 4),
               "root_accuracy_on_found_with_root": round(share(right, with_root), 4),
               "root_right_of_all": round(share(right, n), 4), "found_with_two_roots": several,
               "ways": dict(ways), "per_root": {r: dict(c) for r, c in sorted(per_root.items())},
               "quad_accuracy_on_found": round(share(quad_right, found), 4),
               "anchor_accuracy": round(share(anchor_right, anchor_n), 4) if anchor_n else None,
               "headline": {"dyad_recall": share(found, n), "root_accuracy": share(right, found)}}
    return Evaluation(gold.path, gold.format, "dyads", len(gold.sentences), total, dict(roots),
                      (ways["source_is_subject"], judged), None, figures, report, errors, title="root")
