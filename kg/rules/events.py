"""The code tables of event data: PLOVER categories, CAMEO codes with their Goldstein weights, and the
CAMEO code of each of kg's event words.

Three curated files under ``ontology/events/`` (each names its sources in its header):

- ``plover.tsv``: each PLOVER category kg codes with its quad class (1 verbal cooperation … 4 material
  conflict), its family (reports of one event are of one family: CONCEDE and RETREAT are one, YIELD),
  PLOVER's numeric score, and the CAMEO codes of refusing an act of it (a REJECT code: "will not
  accept") and of making one conditional (a THREATEN code: "will attack unless");
- ``cameo.tsv``: every CAMEO event code with its name and its weight on the Goldstein scale ("-": the
  weight of its broader code); a code's broader code is the code one digit shorter ("193" -> "19");
- ``word_codes.tsv``: the code an event read by kg's own frames reports ("met with" 040), under one of
  the word's own kg:cameoCode roots in kg.ttl.

Every row is checked when the rules load; a bad one is a RuleFileError with ``file:line`` and the reason.
The graph stage turns these tables into SKOS concept schemes (kg/graph/build.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.namespace import KG
from kg.rules.frames import PLOVER
from kg.rules.readers import Line, Unique, number, one_of, tsv
from kg.rules.schema import Schema

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
_CODE = re.compile(r"\d{2,4}")
_FAMILY = re.compile(r"[A-Z]+")


@dataclass(frozen=True)
class PloverCategory:
    """A PLOVER category: its quad class (1-4), its family, PLOVER's score, a one-line definition, and the
    CAMEO codes a refusal and a conditional act of it are coded as."""

    name: str
    quad: int
    family: str
    scale: float
    definition: str
    refusal: str = ""  # the CAMEO code (REJECT) of refusing an act of the category, "" for none
    threat: str = ""  # the CAMEO code (THREATEN) of making an act of the category conditional, "" for none


@dataclass(frozen=True)
class CameoEntry:
    """A CAMEO event code: its name, its own Goldstein weight (None: the table gives it none, so the
    broader code's holds) and its broader code, one digit shorter ("" for a root)."""

    code: str
    name: str
    goldstein: float | None
    broader: str


@dataclass(frozen=True)
class EventCodes:
    categories: dict[str, PloverCategory]  # PLOVER category -> what event data needs of it
    cameo: dict[str, CameoEntry]  # CAMEO code -> its entry, in the table's order
    word_codes: dict[str, str]  # kg event word -> the CAMEO code a plain use of it reports

    def intensity(self, code: str) -> float | None:
        """The Goldstein weight of CAMEO ``code``: its own, else its nearest broader code's; None for a
        code the table does not know."""
        for known in self.chain(code):
            weight = self.cameo[known].goldstein
            if weight is not None:
                return weight
        return None

    def chain(self, code: str) -> list[str]:
        """``code`` (or, when the table lacks it, the longest code it extends) and its broader codes, most
        specific first: "1951" -> ["1951", "195", "19"]."""
        while code and code not in self.cameo:
            code = code[:-1]
        out = []
        while code:
            out.append(code)
            code = self.cameo[code].broader
        return out

    def code(self, cameo: str, word: str) -> str:
        """The most specific CAMEO code of a reading: the frame's own code when the table knows it (or a
        code it extends), else the word's (word_codes.tsv), else ""."""
        found = self.chain(cameo) if cameo else []
        return found[0] if found else self.word_codes.get(word, "")

    def family(self, category: str) -> str:
        found = self.categories.get(category)
        return found.family if found else category


def read_events(folder: Path, ontology: Graph, schema: Schema) -> EventCodes:
    """The three tables of ``folder`` (ontology/events/), checked against each other and against the
    event words of ``ontology`` (kg.ttl)."""
    cameo = _read_cameo(folder / "cameo.tsv")
    return EventCodes(_read_plover(folder / "plover.tsv", cameo), cameo,
                      _read_word_codes(folder / "word_codes.tsv", cameo, ontology, schema))


def _read_plover(path: Path, cameo: dict[str, CameoEntry]) -> dict[str, PloverCategory]:
    out: dict[str, PloverCategory] = {}
    seen = Unique("category")
    for line, (name, quad, family, scale, refusal, threat, definition) in tsv(
            path, ("category", "quad", "family", "scale", "refusal", "threat", "definition")):
        seen.add(name, line)
        one_of(line, "PLOVER category", name, PLOVER)
        one_of(line, "quad class", quad, tuple(str(q) for q in QUADS))
        if not _FAMILY.fullmatch(family):
            raise line.error(f"family must be a word in capitals, got {family!r}")
        for column, code, root in (("refusal", refusal, "12"), ("threat", threat, "13")):
            if code != "-" and (code not in cameo or not code.startswith(root)):
                raise line.error(f"{column} must be '-' or a CAMEO code of events/cameo.tsv under {root}, got {code!r}")
        out[name] = PloverCategory(name, int(quad), family, number(line, "scale", scale, -10, 10), definition,
                                   "" if refusal == "-" else refusal, "" if threat == "-" else threat)
    missing = [c for c in PLOVER if c not in out]
    if missing:
        raise Line(path, 0).error(f"no row for the PLOVER categories {', '.join(missing)}: every category kg "
                                  "codes needs its quad class and family")
    return out


def _read_cameo(path: Path) -> dict[str, CameoEntry]:
    out: dict[str, CameoEntry] = {}
    seen = Unique("CAMEO code")
    for line, (code, goldstein, name) in tsv(path, ("code", "goldstein", "name")):
        seen.add(code, line)
        if not _CODE.fullmatch(code):
            raise line.error(f"code must be a CAMEO code of 2 to 4 digits, got {code!r}")
        broader = code[:-1] if len(code) > 2 else ""
        if broader and broader not in out:
            raise line.error(f"code {code!r} extends no code given above it: give {broader!r} first")
        if goldstein == "-" and not broader:
            raise line.error(f"root {code!r} needs a Goldstein weight: '-' means the broader code's, and a root "
                             "has none")
        weight = None if goldstein == "-" else number(line, "goldstein", goldstein, -10, 10)
        out[code] = CameoEntry(code, name, weight, broader)
    return out


def _read_word_codes(path: Path, cameo: dict[str, CameoEntry], ontology: Graph, schema: Schema) -> dict[str, str]:
    out: dict[str, str] = {}
    seen = Unique("word")
    for line, (word, code) in tsv(path, ("word", "cameo")):
        seen.add(word, line)
        schema.predicate(line, word)
        if word not in schema.plover:
            raise line.error(f"'{word}' is no event word: it has no kg:ploverCategory in kg.ttl")
        if code not in cameo:
            raise line.error(f"unknown CAMEO code {code!r}: not in events/cameo.tsv")
        roots = sorted({str(c)[:2] for c in ontology.objects(KG[word], KG.cameoCode)})
        if code[:2] not in roots:
            raise line.error(f"code {code!r} is outside the CAMEO roots of '{word}' in kg.ttl ({', '.join(roots)})")
        out[word] = code
    missing = sorted(set(schema.plover) - set(out))
    if missing:
        raise Line(path, 0).error(f"no code for the event words {', '.join(missing)}: add a row for each")
    return out
