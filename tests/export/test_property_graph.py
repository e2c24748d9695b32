"""The property graph behind Neo4j, GraphML and networkx: one relationship per typed edge whose
per-sentence lists line up (sentence i came from document i, with polarity i, source i…), edges no
sentence states as a fact kept apart, and text no format can carry made safe."""

from __future__ import annotations

from rdflib import RDF
from sample_graphs import HOSTILE

from kg.export.property_graph import (
    ENTITY,
    PER_SENTENCE,
    UNASSERTED,
    property_graph,
    safe_iri,
    safe_text,
)
from kg.namespace import KG


def _evidence(g) -> set[tuple]:
    """(subject, predicate, object, sentence, document, polarity, modality, source) of every evidence node."""
    out = set()
    for ev in g.subjects(RDF.type, KG.Evidence):
        values = [g.value(ev, p) for p in (RDF.subject, RDF.predicate, RDF.object, KG.sentence, KG.document,
                                           KG.polarity, KG.modality, KG.sourceText)]
        out.add(tuple("" if v is None else str(v) for v in values))
    return out


def _rows(rel) -> list[tuple]:
    """The relationship's per-sentence lists read across: one tuple per sentence."""
    n = len(rel.props["sentences"])
    for name in PER_SENTENCE:
        assert len(rel.props.get(name, [""] * n)) == n, name
    cols = [rel.props.get(name, [""] * n) for name in
            ("sentences", "document_ids", "polarities", "modalities", "sources")]
    return [(rel.start, rel.props["predicate"], rel.end, *row) for row in zip(*cols)]


def test_per_sentence_lists_are_parallel_and_cover_every_sentence(edges_rdf):
    typed = [r for r in property_graph(edges_rdf).relationships if r.end_label == ENTITY]
    found = {row for rel in typed for row in _rows(rel)}
    assert found == _evidence(edges_rdf)
    met = next(r for r in typed if r.type == "MEET_WITH")
    assert len(met.props["sentences"]) == 4 and len(set(met.props["document_ids"])) == 3
    assert met.props["polarities"].count("negative") == 1
    denied = met.props["polarities"].index("negative")
    assert met.props["sources"][denied] == "a Hamas official"
    assert met.props["source_ids"][denied].endswith("/organization/hamas")
    assert met.props["asserted"] is True and met.props["confidence"] == 0.9  # the best stated sentence
    assert len(met.props["event_dates"]) == 4 and met.props["event_dates"].count("") == 3


def test_an_edge_no_sentence_states_is_kept_apart_and_marked(edges_rdf):
    pg = property_graph(edges_rdf)
    planned = [r for r in pg.relationships if r.props.get("predicate", "").endswith("#visit")]
    assert len(planned) == 1
    rel = planned[0]
    assert rel.type == UNASSERTED and rel.props["relation"] == "VISIT" and rel.props["asserted"] is False
    assert rel.props["modalities"] == ["future"]
    asserted = {(r.start, r.props["predicate"], r.end) for r in pg.relationships if r.props.get("asserted")}
    assert asserted == {(str(s), str(p), str(o)) for s, p, o in edges_rdf
                        if str(p).startswith(str(KG._NS)) and p in {KG.meetWith, KG.leaderOf, KG.visit}}


def test_text_no_format_can_carry_is_made_safe(hostile_rdf):
    pg = property_graph(hostile_rdf)
    for node in pg.nodes:
        assert safe_iri(node.iri) == node.iri
        for value in node.props.values():
            for text in value if isinstance(value, list) else [value]:
                assert not isinstance(text, str) or safe_text(text) == text
    names = {n.props["name"] for n in pg.nodes if "name" in n.props}
    assert names == {safe_text(text) for text in HOSTILE}
    assert "nul\ufffdhere" in names and 'quote " and ; semi' in names and "bell\ufffd,tab\tand\nnewline" in names


def test_safe_text_and_iri():
    assert safe_text("a\x00b\x1fc\td\ne\rf\ud800g\ufffeh") == "a\ufffdb\ufffdc\td\ne\rf\ufffdg\ufffdh"
    assert safe_iri("https://x.org/a\x00b c\x1f") == "https://x.org/a%00b c%1F"
    assert safe_iri("https://x.org/caf\u00e9") == "https://x.org/caf\u00e9"


def test_a_former_role_is_marked_on_its_relationship(tmp_path):
    """A leaderOf only "former" titles state carries former: true (Neo4j, GraphML); a current one does not."""
    from rdflib import Graph

    from kg.api import build
    from kg.config import Settings

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Former World Bank president Paul Wolfowitz met Efua Boateng, the Ecobank chairman, "
                               "in Accra on Monday.", encoding="utf-8")
    build([src], Settings(out=tmp_path / "out", formats=("turtle",)))
    rels = {(r.start.rsplit("/", 1)[-1], r.type): r.props for r in
            property_graph(Graph().parse(tmp_path / "out" / "graph.ttl")).relationships}
    assert rels[("paul-wolfowitz", "LEADER_OF")].get("former") is True
    assert "former" not in rels[("efua-boateng", "LEADER_OF")]
