"""The event exports (kg/export/events.py): events.jsonl meets its JSON Schema (PLOVER's field names),
events.tsv loads back with pandas, both are byte-identical across two builds and the same from a graph
file (kg export events) as from the build; the property graph carries the events with their links."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import jsonschema
import networkx as nx
import pandas as pd
import pytest
from sample_graphs import HOSTILE, hostile_graph

from kg import api
from kg.api import build
from kg.config import Settings
from kg.export.events import TSV_COLUMNS, event_rows, schema, to_events
from kg.export.graphml import to_graphml
from kg.export.neo4j import to_neo4j_csv
from kg.export.property_graph import EVENT, property_graph, safe_text
from kg.graph.build import to_rdf


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The sample corpus built twice at one SOURCE_DATE_EPOCH."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = []
    for n in (1, 2):
        out = tmp_path_factory.mktemp(f"events{n}")
        resolved, _ = build(None, Settings(out=out, formats=("turtle", "events"), progress=False))
        outs.append(out)
    mp.undo()
    return outs, resolved


def test_two_builds_give_byte_identical_event_files(builds):
    (a, b), _ = builds
    for name in ("events.jsonl", "events.tsv"):
        assert (a / "events" / name).read_bytes() == (b / "events" / name).read_bytes(), name


def test_every_line_meets_the_json_schema(builds):
    (out, _), resolved = builds
    jsonschema.Draft202012Validator.check_schema(schema())
    validator = jsonschema.Draft202012Validator(schema())
    lines = (out / "events" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(resolved.events) > 10
    for line in lines:
        record = json.loads(line)
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (errors, record["id"])
        assert record["event"][0] in {"ASSAULT", "CONSULT", "AGREE", "REJECT", "RETREAT", "SUPPORT", "REQUEST",
                                      "ACCUSE", "THREATEN", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "CONCEDE",
                                      "AID", "COOPERATE"}
        assert record["text"] == record["reports"][0]["sentence"]


def test_the_schema_refuses_a_record_that_breaks_plovers_fields(builds):
    (out, _), _ = builds
    record = json.loads((out / "events" / "events.jsonl").read_text(encoding="utf-8").splitlines()[0])
    validator = jsonschema.Draft202012Validator(schema())
    for broken in ({**record, "event": ["HUG"]}, {**record, "quad_code": 5}, {**record, "date": "4 March"},
                   {**record, "source": []}, {k: v for k, v in record.items() if k != "id"},
                   {**record, "extra": 1}):
        assert list(validator.iter_errors(broken)), broken


def test_the_tsv_loads_back_with_pandas(builds):
    (out, _), resolved = builds
    table = pd.read_csv(out / "events" / "events.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert tuple(table.columns) == TSV_COLUMNS
    assert len(table) == len(resolved.events)
    numbers = pd.read_csv(out / "events" / "events.tsv", sep="\t")
    assert numbers["QuadClass"].between(1, 4).all() and numbers["GoldsteinScale"].between(-10, 10).all()
    assert (numbers["NumSources"] <= numbers["NumArticles"]).all() and (numbers["NumMentions"] >= 1).all()
    placed = numbers.dropna(subset=["ActionGeo_Lat"])
    assert len(placed) and placed["ActionGeo_Lat"].between(-90, 90).all()
    dated = table[table["Day"] != ""]
    assert dated["Day"].str.fullmatch(r"\d{8}").all()
    for _, row in table.iterrows():
        assert row["Sentence"] and "\t" not in row["Sentence"] and "\n" not in row["Sentence"]
        assert row["EventRootCode"] == row["EventCode"][:2]


def test_kg_export_events_from_a_graph_file_writes_what_the_build_wrote(builds, tmp_path):
    (out, _), _ = builds
    folder = api.export("events", out / "graph.ttl", tmp_path)
    assert folder == tmp_path / "events"
    for name in ("events.jsonl", "events.tsv"):
        assert (folder / name).read_bytes() == (out / "events" / name).read_bytes()


def test_event_rows_are_what_the_view_reads(builds):
    (out, _), resolved = builds
    from kg import queries

    rows = event_rows(queries.load(out / "graph.ttl"))
    assert len(rows) == len(resolved.events)
    placed = [r for r in rows if r.lat is not None]
    assert placed and all(-90 <= r.lat <= 90 and -180 <= r.lon <= 180 and r.place for r in placed)
    assert all(r.reports and r.source.iri.startswith("https://w3id.org/kg-news/id/") for r in rows)
    assert [r.start or "9999" for r in rows] == sorted(r.start or "9999" for r in rows)


def test_the_property_graph_has_event_nodes_linked_to_actors_and_documents(builds):
    (out, _), resolved = builds
    from kg import queries

    pg = property_graph(queries.load(out / "graph.ttl"))
    events = [n for n in pg.nodes if n.labels == (EVENT,)]
    assert len(events) == len(resolved.events)
    links = {r.type for r in pg.relationships if r.start_label == EVENT}
    assert {"SOURCE_ACTOR", "TARGET_ACTOR", "REPORTED_IN", "AT_PLACE"} <= links
    assert all("Event" not in n.labels for n in pg.nodes if n.labels[0] == "Entity")
    g = nx.read_graphml(io.BytesIO(to_graphml(queries.load(out / "graph.ttl"))))
    assert sum(1 for _, d in g.nodes(data=True) if d.get("labels") == EVENT) == len(events)
    files = to_neo4j_csv(queries.load(out / "graph.ttl"))
    assert files["events.csv"].decode().count("\n") == len(events) + 1
    assert "--nodes=events.csv" in files["import.sh"].decode()


def test_hostile_text_in_events_is_made_safe(tmp_path):
    g = hostile_graph()
    edges = tuple(replace(e, evidence=tuple(replace(ev, plover="CONSULT") for ev in e.evidence)) for e in g.edges)
    rdf = to_rdf(replace(g, edges=edges))
    files = to_events(rdf)
    for line in files["events.jsonl"].decode("utf-8").splitlines():
        assert not list(jsonschema.Draft202012Validator(schema()).iter_errors(json.loads(line)))
    table = pd.read_csv(io.BytesIO(files["events.tsv"]), sep="\t", dtype=str, keep_default_na=False)
    assert len(table) == len(edges) and all("\n" not in s and "\t" not in s for s in table["Sentence"])
    names = {n.props.get("name", "") for n in property_graph(rdf).nodes if n.labels == (EVENT,)}
    assert names and all(safe_text(name) == name for name in names)
    assert any(safe_text(HOSTILE[0]) in name for name in names)
