"""Small graphs made by hand for the property-graph exports (tests/export, tests/push): one with stated,
denied, planned and reported edges spread over documents, one whose names, ids and sentences hold what no
file format likes."""

from __future__ import annotations

from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph

# What reaches a name or an id from a careless source: NUL, the array delimiter (U+001F) and other C0
# controls, CSV and XML syntax, a byte-order mark, right-to-left marks, a lone surrogate.
HOSTILE = ["nul\x00here", "unit\x1fsep", "bell\x07,tab\tand\nnewline", 'quote " and ; semi', "<a href='x'>&amp;</a>",
           "\ufeffbom \u202eevil", "lone \ud800 surrogate", "form\x0cfeed\x0b"]


def _doc(n: int) -> DocumentResult:
    return DocumentResult(f"d{n}.txt", f"d{n}.txt", f"{n:x}" * 64, 3, (), (), title=f"Story {n}", date=f"2024-03-0{n}")


def _ev(doc: str, sentence: str, start: int, **kw) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), kw.pop("rule", "active_dobj"),
                    kw.pop("trigger", "meet"), kw.pop("confidence", 0.9), **kw)


def edges_graph() -> ResolvedGraph:
    """Haniyeh met Abbas (two sentences of d1, one of d3, denied by d2 on a Hamas official's word); Hamas
    will visit Qatar (planned only, d2); Abbas leads Fatah (d3)."""
    people = (Entity("person/ismail-haniyeh", "Ismail Haniyeh", "Person", mentions=4),
              Entity("person/mahmoud-abbas", "Mahmoud Abbas", "Person", mentions=4),
              Entity("organization/hamas", "Hamas", "ArmedGroup", mentions=2),
              Entity("organization/fatah", "Fatah", "PoliticalOrganization", mentions=1),
              Entity("location/qatar", "Qatar", "Country", mentions=1))
    met = Edge("person/ismail-haniyeh", "meetWith", "person/mahmoud-abbas", (
        _ev("d1.txt", "Haniyeh met Abbas in Doha on Monday.", 0, when="on Monday", date_start="2024-02-26",
            date_end="2024-02-26"),
        _ev("d1.txt", "The two men met again, Reuters said.", 40, confidence=0.7, source_text="Reuters",
            rule="active_prep"),
        _ev("d2.txt", "Haniyeh did not meet Abbas, a Hamas official said.", 0, polarity="negative",
            source="organization/hamas", source_text="a Hamas official", cue="not"),
        _ev("d3.txt", "Abbas met Haniyeh.", 10, confidence=0.8)))
    visit = Edge("organization/hamas", "visit", "location/qatar", (
        _ev("d2.txt", "Hamas leaders will visit Qatar next week.", 60, modality="future", trigger="visit",
            cue="will"),))
    leads = Edge("person/mahmoud-abbas", "leaderOf", "organization/fatah", (
        _ev("d3.txt", "Fatah leader Mahmoud Abbas spoke.", 40, rule="title_modifier", trigger="leader"),))
    return ResolvedGraph(people, (met, visit, leads), (_doc(1), _doc(2), _doc(3)))


def _id(text: str) -> str:
    return text.replace("\ud800", "")  # ids are hashed as UTF-8, which a lone surrogate is not


def hostile_graph() -> ResolvedGraph:
    """Every HOSTILE string as a person's name, alias and title, a document's id and title, and a sentence,
    and (less its lone surrogate) in entity ids."""
    people = tuple(Entity(f"person/p{i}-{_id(text)}", text, "Person", alt_labels=(text + " alias",),
                          titles=(text,), mentions=1) for i, text in enumerate(HOSTILE))
    docs = tuple(DocumentResult(f"doc{i}-{_id(text)}.txt", f"doc{i}.txt", f"{i:x}" * 64, 1, (), (),
                                title=text, date="2024-01-01") for i, text in enumerate(HOSTILE))
    edges = tuple(Edge(people[i].id, "meetWith", people[i + 1].id,
                       (_ev(docs[i].doc_id, HOSTILE[i], 0, source_text=HOSTILE[i + 1]),))
                  for i in range(len(HOSTILE) - 1))
    return ResolvedGraph(people, edges, docs)
