"""What an evaluation found: counts, figures, errors, and how they are printed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# Kinds of error, as listed by kg evaluate -v and written by --errors.
ERROR_KINDS = {
    "missed": "a gold relation, dyad or event no edge of its sentence states",
    "false_positive": "an edge no gold item accounts for",
    "wrong_word": "the right actors joined, but by another word or PLOVER root",
    "wrong_direction": "the right word between the right actors, the wrong way round",
    "missed_entity": "a gold entity no graph entity names (with the right type)",
    "unknown_entity": "a graph entity that names no gold entity",
    "wrong_type": "a graph entity naming a gold entity, with another type",
    "duplicate": "a second graph entity naming the same gold entity",
}


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives, and the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> Counts:
        return Counts(self.tp + tp, self.fp + fp, self.fn + fn)

    def as_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}

    def show(self) -> str:
        return f"P={self.p:.3f} R={self.r:.3f} F1={self.f1:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


@dataclass(frozen=True)
class Error:
    """One error: its kind (ERROR_KINDS), where (sentence id or document), what the gold says, what the
    graph says, and the sentence."""

    kind: str
    where: str
    gold: str = ""
    system: str = ""
    text: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "where": self.where, "gold": self.gold, "system": self.system, "text": self.text}


@dataclass
class Evaluation:
    """The figures of one gold file against one graph (or one build per sentence).

    ``words``: counts per word (per relation type, per PLOVER root); ``total`` their micro sum;
    ``direction``: (right way round, judged) over the found items whose word is not symmetric;
    ``entities``: entity counts when the gold has entities; ``figures``: every figure, for --json;
    ``report``: the lines particular to the task; ``errors``: every error found."""

    gold: Path
    format: str
    task: str
    units: int
    total: Counts
    words: dict[str, Counts] = field(default_factory=dict)
    direction: tuple[int, int] = (0, 0)
    entities: Counts | None = None
    figures: dict = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)
    source: str = ""  # what was scored: a graph's path, or "built N sentences"
    failed: list[str] = field(default_factory=list)  # sentences kg failed to build (scored as empty graphs)
    title: str = "word"  # what the rows of ``words`` are: word, relation, root

    @property
    def direction_accuracy(self) -> float:
        right, judged = self.direction
        return right / judged if judged else 0.0

    def lines(self, verbose: bool = False) -> list[str]:
        """The report kg evaluate prints; ``verbose`` adds every error with its sentence."""
        unit = "documents" if self.task == "corpus" else "sentences"
        out = [f"{self.gold} ({self.format}, {self.units} {unit}) against {self.source}"]
        if self.failed:
            out.append(f"kg failed on {len(self.failed)} sentences (scored as empty graphs): "
                       f"{' '.join(self.failed[:10])}{' …' if len(self.failed) > 10 else ''}")
        if self.entities is not None:
            out.append(f"entities  {self.entities.show()}")
        out += self.report
        if self.words:
            width = max(len(self.title), *(len(w) for w in self.words), 5)
            out.append(f"{self.title:<{width}}      P      R     F1     tp     fp     fn")
            for word, c in [*sorted(self.words.items()), ("micro", self.total)]:
                out.append(f"{word:<{width}}  {c.p:5.3f}  {c.r:5.3f}  {c.f1:5.3f}  {c.tp:5d}  {c.fp:5d}  {c.fn:5d}")
        right, judged = self.direction
        out.append(f"direction {right}/{judged} = {self.direction_accuracy:.3f} (found items with a word that is not "
                   "symmetric, pointing the gold's way)")
        kinds = {}
        for e in self.errors:
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
        out.append("errors    " + (", ".join(f"{k.replace('_', ' ')} {n}" for k, n in sorted(kinds.items()))
                                   or "none") + ("" if verbose or not self.errors else " (-v lists them)"))
        if verbose:
            for kind, meaning in ERROR_KINDS.items():
                listed = [e for e in self.errors if e.kind == kind]
                if listed:
                    out.append(f"-- {kind.replace('_', ' ')} ({len(listed)}): {meaning}")
                for e in listed:
                    parts = [f"gold: {e.gold}" if e.gold else "", f"graph: {e.system}" if e.system else ""]
                    out.append(f"  [{e.where}] " + "; ".join(p for p in parts if p))
                    if e.text:
                        out.append(f"      | {' '.join(e.text.split())}")
        out.append(self.summary())
        return out

    def summary(self) -> str:
        """One line: ``SUMMARY format=… f1=… p=… r=… direction=… [entity_f1=…]`` and the task's headline."""
        parts = [f"format={self.format}", f"{self.units_name}={self.units}", f"f1={self.total.f1:.3f}",
                 f"p={self.total.p:.3f}", f"r={self.total.r:.3f}", f"direction={self.direction_accuracy:.3f}"]
        if self.entities is not None:
            parts.append(f"entity_f1={self.entities.f1:.3f}")
        parts += [f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in self.figures.get("headline", {}).items()]
        return "SUMMARY " + " ".join(parts)

    @property
    def units_name(self) -> str:
        return "documents" if self.task == "corpus" else "sentences"

    def to_json(self) -> str:
        data = {"gold": str(self.gold), "format": self.format, "task": self.task, self.units_name: self.units,
                "scored": self.source, "failed": self.failed, "micro": self.total.as_dict(),
                self.title: {w: c.as_dict() for w, c in sorted(self.words.items())},
                "direction": {"right": self.direction[0], "judged": self.direction[1],
                              "accuracy": round(self.direction_accuracy, 4)},
                "entities": self.entities.as_dict() if self.entities is not None else None,
                **{k: v for k, v in self.figures.items() if k != "headline"},
                "errors": {k: sum(1 for e in self.errors if e.kind == k) for k in ERROR_KINDS}}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def errors_jsonl(self) -> str:
        return "".join(json.dumps(e.as_dict(), ensure_ascii=False) + "\n" for e in self.errors)
