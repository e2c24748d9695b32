"""Provenance: inputs with metadata (JSON Lines, front matter, --date), one assertion per edge with its
mention counts and dates, near-duplicate articles counted once, and every edge traced by SPARQL to its
sentences and documents."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from kg.api import build
from kg.config import Settings
from kg.ingest import Fields, iter_documents

STORY = ("Egyptian mediators met a Hamas delegation in Cairo on Sunday to discuss a ceasefire. "
         "The talks ended without an agreement, officials said. Qatar also hosted Hamas leaders in Doha. "
         "Israel rejected the Egyptian proposal on Monday.")
COPY = "CAIRO (Reuters) - " + STORY + " Reporting by a staff writer."
OTHER = "Qatar hosted Hamas leaders in Doha again on Friday. Turkey criticized Israel over the strikes."

PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    write_jsonl(src / "news.jsonl", [
        {"id": "a1", "text": STORY, "url": "https://example.org/a1", "title": "Talks in Cairo",
         "date": "2024-05-05", "source": "Example Wire"},
        {"id": "a2", "text": COPY, "date": "2024-05-06T08:00:00Z", "source": "Reuters"},
        {"id": "a3", "text": OTHER, "date": "2024-05-10"},
        "not an object",
    ])
    out = tmp_path_factory.mktemp("out")
    resolved, report = build([src], Settings(out=out, formats=("turtle",)))
    return Graph().parse(out / "graph.ttl", format="turtle"), resolved, report


def test_jsonl_rows_become_documents_with_metadata(graph):
    g, _, report = graph
    assert report.documents == 3 and [s.source.endswith("news.jsonl:4") for s in report.skipped] == [True]
    rows = g.query(PREFIXES + """SELECT ?path ?title ?date ?url ?publisher WHERE {
        ?d a kg:Document ; kg:path ?path ; dcterms:date ?date .
        OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:source ?url }
        OPTIONAL { ?d dcterms:publisher ?publisher } } ORDER BY ?path""")
    got = [(str(r.path), str(r.title or ""), str(r.date), str(r.url or ""), str(r.publisher or "")) for r in rows]
    assert got == [("a1", "Talks in Cairo", "2024-05-05", "https://example.org/a1", "Example Wire"),
                   ("a2", "", "2024-05-06", "", "Reuters"), ("a3", "", "2024-05-10", "", "")]


def test_a_wire_copy_is_a_near_duplicate_and_adds_no_mentions(graph):
    g, resolved, _ = graph
    assert resolved.duplicates == {"a2": "a1"}
    rows = list(g.query(PREFIXES + """SELECT ?n ?docs ?first ?last WHERE {
        ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate kg:meetWith ; rdf:object ?o ;
           kg:mentionCount ?n ; kg:documentCount ?docs ; kg:firstSeen ?first ; kg:lastSeen ?last .
        ?s rdfs:label "Qatar" . ?o rdfs:label "Hamas" . }"""))
    assert len(rows) == 1
    n, docs, first, last = (str(x) for x in rows[0])
    # told by a1, copied by a2 (not counted), told again by a3
    assert (n, docs, first, last) == ("2", "2", "2024-05-05", "2024-05-10")


def test_every_edge_traces_to_its_sentences_and_documents(graph):
    g, _, _ = graph
    edges = list(g.query(PREFIXES + """SELECT DISTINCT ?s ?p ?o WHERE {
        ?s ?p ?o . ?p rdfs:subPropertyOf+ kg:relatedTo . }"""))
    assert len(edges) >= 5
    for s, p, o in edges:
        traced = list(g.query(PREFIXES + """SELECT ?sentence ?path WHERE {
            ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                kg:sentence ?sentence ; kg:document ?d ; kg:mentionOf ?a .
            ?a a kg:Assertion . ?d kg:path ?path . }""", initBindings={"s": s, "p": p, "o": o}))
        assert traced, (s, p, o)


def test_front_matter_and_default_date(tmp_path):
    (tmp_path / "a.txt").write_text("---\ntitle: Ceasefire talks\ndate: 2025-01-15\nsource: AFP\n---\n"
                                    "Qatar hosted Hamas leaders in Doha.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Turkey criticized Israel.", encoding="utf-8")
    docs = {d.id: d for d in iter_documents([tmp_path], Fields(), default_date="2025-02-01")}
    assert (docs["a.txt"].title, docs["a.txt"].date, docs["a.txt"].outlet) == ("Ceasefire talks", "2025-01-15", "AFP")
    assert docs["a.txt"].text.index("Qatar") == len("---\ntitle: Ceasefire talks\ndate: 2025-01-15\nsource: AFP\n---\n")
    assert docs["b.txt"].date == "2025-02-01"


def test_configurable_jsonl_fields(tmp_path):
    write_jsonl(tmp_path / "x.jsonl", [{"body": "Qatar hosted Hamas leaders.", "published": "2023-03-03"}])
    docs = list(iter_documents([tmp_path / "x.jsonl"], Fields.parse(["text=body", "date=published"])))
    assert [(d.text, d.date) for d in docs] == [("Qatar hosted Hamas leaders.", "2023-03-03")]


def test_a_former_role_is_a_fact_marked_former(tmp_path):
    """"former"/"retired" titles: the edge is stated (a past fact) and its evidence says kg:former true; a
    current role's evidence does not."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Former World Bank president Paul Wolfowitz met Efua Boateng, the Ecobank chairman, "
                               "in Accra on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    build([src], Settings(out=out, formats=("turtle",)))
    g = Graph().parse(out / "graph.ttl", format="turtle")
    rows = {(str(label), str(org), bool(former)) for label, org, former in g.query(PREFIXES + """
        SELECT ?label ?org (BOUND(?f) AS ?former) WHERE {
            ?p kg:leaderOf ?o . ?p rdfs:label ?label . ?o rdfs:label ?org .
            ?ev a kg:Evidence ; rdf:subject ?p ; rdf:predicate kg:leaderOf ; rdf:object ?o .
            OPTIONAL { ?ev kg:former ?f FILTER(?f = true) } }""")}
    assert ("Paul Wolfowitz", "World Bank", True) in rows
    assert any(label == "Efua Boateng" and not former for label, _, former in rows), rows
