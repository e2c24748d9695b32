"""End to end: the sample corpus through every stage into Turtle and HTML."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import PROV, SKOS

from kg.api import build
from kg.config import Settings
from kg.graph.validate import validate
from kg.ingest import sample_corpus
from kg.namespace import KG
from kg.rules import load_rules

EPOCH = "1767225600"  # SOURCE_DATE_EPOCH: the run time a reproducible build records


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        _, report = build(None, Settings(out=out))
    return out, report


def test_outputs_and_summary(built):
    out, report = built
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0
    assert report.documents == len(list(sample_corpus().glob("*.txt")))
    assert report.sentences > report.documents
    assert report.entities > 20 and report.edges > 20
    assert "typed edges" in report.summary()


def test_turtle_conforms_to_shapes(built):
    out, _ = built
    conforms, text = validate(Graph().parse(out / "graph.ttl", format="turtle"))
    assert conforms, text


def test_every_typed_edge_has_evidence_from_the_text(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sample_corpus().glob("*.txt")}
    typed = {p for p in g.subjects(RDF.type, None) if str(p).startswith(str(KG._NS))}
    edges = [(s, p, o) for s, p, o in g if p in typed and (p, RDF.type, None) in g
             and p not in (KG.document, KG.country) and (o, RDF.type, None) in g
             and (s, RDF.type, KG.Evidence) not in g and (s, RDF.type, KG.Document) not in g
             and (s, RDF.type, KG.Event) not in g]  # an event's links to its actors are no typed edges
    assert len(edges) > 20
    for s, p, o in edges:
        nodes = set(g.subjects(RDF.subject, s)) & set(g.subjects(RDF.object, o)) & set(g.subjects(RDF.predicate, p))
        nodes &= set(g.subjects(RDF.type, KG.Evidence))
        assert nodes, (s, p, o)
        for node in nodes:
            doc = g.value(node, KG.document)
            text = texts[str(g.value(doc, KG.path))]
            start, end = int(g.value(node, KG.startChar)), int(g.value(node, KG.endChar))
            assert text[start:end] == str(g.value(node, KG.sentence))


def test_entities_have_one_preferred_name(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    people = set(g.subjects(RDF.type, KG.Person))
    assert people
    for p in people:
        assert len(list(g.objects(p, SKOS.prefLabel))) == 1


def test_short_and_full_names_are_one_person(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    labels = {str(o) for s in g.subjects(RDF.type, KG.Person) for o in g.objects(s, SKOS.prefLabel)}
    for full in [lab for lab in labels if len(lab.split()) > 1]:
        assert full.split()[-1] not in labels, f"'{full.split()[-1]}' is a node of its own beside '{full}'"


def test_two_builds_are_byte_identical(built, tmp_path, monkeypatch):
    out, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(None, Settings(out=tmp_path))
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_run_records_version_and_time(built):
    out, _ = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    runs = list(g.subjects(RDF.type, KG.Run))
    assert len(runs) == 1
    assert str(g.value(runs[0], PROV.startedAtTime)).startswith("2026-01-01T00:00:00")
    assert g.value(runs[0], KG.version) is not None
    evidence = set(g.subjects(RDF.type, KG.Evidence))
    assert evidence and all((e, PROV.wasGeneratedBy, runs[0]) in g for e in evidence)


def test_html_works_offline(built):
    out, _ = built
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE), "external script"
    assert not re.search(r"<link[^>]*\bhref=", page, re.IGNORECASE), "external stylesheet"
    assert not re.search(r"""(?:src|href)\s*=\s*["']https?://""", page, re.IGNORECASE)
    assert "new vis.Network" in page and "vis.DataSet" in page
    assert "meetWith" in page  # edges labelled by predicate


def _corpus(folder, **texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_document_that_fails_in_resolution_is_skipped_and_the_rest_built(tmp_path, monkeypatch):
    """Any failure inside one document, in resolution or RDF too, leaves out that document only."""
    from kg import api
    from kg.resolve import entities

    real = entities._key

    def fragile(m):
        if m.doc_id == "bad.txt":
            raise KeyError("a bug that only this document triggers")
        return real(m)

    monkeypatch.setattr(entities, "_key", fragile)
    src = _corpus(tmp_path / "in", good="Qatar hosted Hamas leaders in Doha on Tuesday.",
                  bad="Egypt condemned Israel on Monday.", other="Turkey criticized Israel over the strikes.")
    _, report = api.build([src], Settings(out=tmp_path / "out", formats=("turtle",)))
    assert report.documents == 2
    assert [(s.source, s.reason.split(" (")[0]) for s in report.skipped] == [
        (str(src / "bad.txt"), "left out of the graph: resolution failed")]
    assert "KeyError" in report.skipped[0].reason
    assert b"Turkey" in (tmp_path / "out" / "graph.ttl").read_bytes()


def test_a_text_spacy_refuses_is_skipped_not_fatal(tmp_path, monkeypatch):
    """spaCy's E088 (a text over nlp.max_length) is raised by nlp.pipe for the whole batch; only the
    document that caused it is skipped."""
    from kg.engine import pipeline

    nlp, _ = pipeline(Settings().model, load_rules())
    monkeypatch.setattr(nlp, "max_length", 200)
    src = _corpus(tmp_path / "in", a="Qatar hosted Hamas leaders in Doha on Tuesday.",
                  b="Egypt condemned Israel on Monday. " * 10, c="Turkey criticized Israel over the strikes.")
    _, report = build([src], Settings(out=tmp_path / "out", formats=("turtle",), batch_size=8))
    assert report.documents == 2
    assert len(report.skipped) == 1 and report.skipped[0].source.endswith("b.txt")
    assert "E088" in report.skipped[0].reason
