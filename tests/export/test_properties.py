"""Property-based tests (hypothesis): random Unicode documents never crash a build, its output always parses
and conforms to the SHACL shapes, and any label or sentence comes back exactly from every export format."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
from helpers import cypher_literal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Dataset, Graph

from kg.api import build
from kg.config import Settings
from kg.export import get_exporter
from kg.graph.build import to_rdf
from kg.graph.validate import validate
from kg.ingest.decode import clean
from kg.model import DocumentResult, Edge, Entity, Evidence, ResolvedGraph
from kg.namespace import KG

# words that make entities and relations likely, mixed with anything Unicode has
WORDS = ["Hamas", "met", "Egypt", "Qatar", "in", "Cairo", "Ismail Haniyeh", "said", "visited", ".", ",", '"',
         "'s", "<script>", "</script>", "\\", "\n\n", "\u202e", "\u200f", "🙂", "{", "}", "`", "$x", "&amp;", "\x00",
         "President", "Joe Biden", "attacked", "Ukraine", "Russia", "the", "not", "would"]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), min_size=1, max_size=60).map(" ".join)
# what a label can hold once ingestion has cleaned the text (no controls, no lone surrogates)
LABEL = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).map(clean).filter(str.strip)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_random_documents_never_crash_a_build(texts, tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    out = folder / "out"
    resolved, report = build([folder], Settings(out=out, formats=("turtle", "trig", "html", "cypher", "graphml")))
    assert report.documents + len(report.skipped) == len(texts)
    if report.documents == 0:
        return  # every text was empty once cleaned: reported, nothing written
    g = Graph()
    g.parse(out / "graph.ttl")
    conforms, text = validate(g)
    assert conforms, text
    labels = {str(s).rsplit("/id/", 1)[-1]: str(o) for s, o in g.subject_objects(RDFS.label)}
    for entity in resolved.entities:
        assert labels[entity.id] == entity.label
    Dataset().parse(out / "graph.trig", format="trig")
    nx.read_graphml(out / "graph.graphml")


def _graph(labels: list[str], sentence: str) -> ResolvedGraph:
    doc = DocumentResult("d.txt", "d.txt", "f" * 64, 1, (), (), title=labels[0], date="2024-01-01")
    people = tuple(Entity(f"person/p{i}", label, "Person", alt_labels=(label[::-1],) if label[::-1] != label else (),
                          mentions=1) for i, label in enumerate(labels))
    ev = Evidence("d.txt", sentence, 0, len(sentence), "r", "meet", 0.9)
    return ResolvedGraph(people, (Edge(people[0].id, "meetWith", people[1].id, (ev,)),), (doc,))


def _export(name: str, g: Graph, resolved: ResolvedGraph):
    return get_exporter(name).make(g, resolved)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(LABEL, min_size=2, max_size=4, unique=True), sentence=LABEL)
def test_labels_and_sentences_round_trip_through_every_format(labels, sentence):
    resolved = _graph(labels, sentence)
    g = to_rdf(resolved)
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")):
        back = Graph()
        back.parse(data=_export(fmt, g, resolved), format=parser)
        assert {str(o) for o in back.objects(None, RDFS.label)} >= set(labels), fmt
        assert {str(o) for o in back.objects(None, KG.sentence)} == {sentence}, fmt
    back = Dataset()
    back.parse(data=_export("trig", g, resolved), format="trig")
    assert {str(o) for _, _, o, _ in back.quads((None, RDFS.label, None, None))} >= set(labels)

    page = _export("html", g, resolved).decode("utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1)
    data = json.loads(block)
    assert {n["label"] for n in data["nodes"]} == set(labels)
    assert data["edges"][0]["evidence"][0]["sentence"] == sentence

    script = _export("cypher", g, resolved).decode("utf-8")
    rows = [cypher_literal(line.split("=>", 1)[1].strip().rstrip(";"))
            for line in script.splitlines() if line.startswith(":param")]
    names = {row["props"].get("name") for batch in rows for row in batch if "props" in row}
    assert set(labels) <= names
    assert any(sentence in row["props"].get("sentences", []) for batch in rows for row in batch if "props" in row)

    graphml = nx.read_graphml(io.BytesIO(_export("graphml", g, resolved)))
    assert set(labels) <= {d.get("name") for _, d in graphml.nodes(data=True)}
