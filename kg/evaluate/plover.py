"""PLOVER categories as gold sets code them. kg's graph says the category of every event it reads: each
evidence node carries ``kg:ploverCategory`` (the frame that read it), and every event word in the
ontology carries one too. Gold sets use three generations of PLOVER's names; kg compares them at the
15 roots PLV codes with (Zero-Shot-PLOVER): PLV's YIELD is PLOVER's CONCEDE and RETREAT, its ACCUSE
takes in DISAPPROVE and INVESTIGATE, its REQUEST is PLOVER's DEMAND, and it has no FIGHT (an ASSAULT)."""

from __future__ import annotations

ROOT = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
        "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
# PLOVER's quad classes (PLV's "penta" column): 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict.
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2, "ACCUSE": 3,
        "REQUEST": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4,
        "ASSAULT": 4}
ROOTS = tuple(QUAD)


def root(category: str) -> str:
    """The PLV root of a PLOVER category or root, in any generation's name ("demand" -> "REQUEST")."""
    name = category.strip().upper()
    return ROOT.get(name, name)
