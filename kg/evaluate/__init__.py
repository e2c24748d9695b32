"""kg evaluate: score a graph against gold annotations, in the formats users have.

The flow, one module per step::

    gold file  --formats/ (one reader per format, by name)-->  Gold (gold.py)
    graph      --graph.py (the graph contract: entities, names, words, evidence)-->  GraphView / SentenceView
    Gold + graph  --corpus.py | relations.py | dyads.py | events.py (by the gold's task)-->  Evaluation (results.py)

kg's gold JSON is scored over a whole graph (corpus.py, the rules of ../shared/eval/score.py);
sentence-level gold (CoNLL04, PLV, PLOVER) sentence by sentence, each against its own graph: a build of
that sentence alone, or the part of a graph of many one-sentence documents that its evidence places in
it (graph.split). Names are compared as names.py says; PLOVER roots come from the graph's own
kg:ploverCategory (plover.py). This package reads graphs only: building is kg.api.evaluate's part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kg.evaluate import corpus, dyads, events, relations
from kg.evaluate.formats import GOLD_FORMATS, detect, read_gold
from kg.evaluate.gold import Gold, GoldError
from kg.evaluate.graph import GraphView, SentenceView, read, sentence_views, split
from kg.evaluate.results import ERROR_KINDS, Counts, Error, Evaluation

__all__ = ["ERROR_KINDS", "GOLD_FORMATS", "Counts", "Error", "Evaluation", "Gold", "GoldError", "GraphView",
           "SentenceView", "detect", "read", "read_gold", "score", "sentence_views", "split"]

# task -> scorer of sentences (id -> view); the corpus task scores one GraphView.
SENTENCE_TASKS: dict[str, Callable[[Gold, Mapping[str, SentenceView]], Evaluation]] = {
    "relations": relations.score, "dyads": dyads.score, "events": events.score}


def score(gold: Gold, graph: GraphView | Mapping[str, SentenceView]) -> Evaluation:
    """Score ``graph`` against ``gold``: a GraphView for kg's gold JSON (task "corpus"), a view per
    sentence id for sentence-level gold (a sentence without one is scored as an empty graph)."""
    if gold.task == "corpus":
        if not isinstance(graph, GraphView):
            raise TypeError("kg's gold JSON is scored against one whole graph (a GraphView)")
        return corpus.score(gold, graph)
    if isinstance(graph, GraphView):
        graph, _ = split(graph, gold.texts)
    return SENTENCE_TASKS[gold.task](gold, graph)
