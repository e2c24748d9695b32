"""Neo4j: the property-graph exports (CSV bundle for neo4j-admin, Cypher script) and `kg push neo4j`
against a real Bolt server (ArcadeDB with its Bolt plugin, started here), with exact counts."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from servers import free_port

from kg.api import build
from kg.config import Settings
from kg.errors import ServerRefusedError, ServerUnreachableError
from kg.export.property_graph import (
    DOCUMENT,
    ENTITY,
    EVENT,
    UNASSERTED,
    property_graph,
    relationship_type,
)
from kg.namespace import KG
from kg.push.neo4j import push_neo4j
from kg.rules import Schema

PASSWORD, DATABASE = "kg-test-pass", "kg"
SERVER = Path(__file__).parents[1] / "servers" / "arcadedb_bolt.py"



@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    build(None, Settings(out=out, formats=("turtle", "cypher", "neo4j-csv", "graphml")))
    return out


@pytest.fixture(scope="module")
def graph(sample):
    return Graph().parse(sample / "graph.ttl")


@pytest.fixture(scope="module")
def bolt(tmp_path_factory):
    pytest.importorskip("arcadedb_embedded", reason="the ArcadeDB test server: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("arcadedb")
    port = free_port()
    log = root / "server.log"
    with log.open("w") as sink:  # a file, not a pipe: a chatty server never blocks on a full pipe
        proc = subprocess.Popen([sys.executable, str(SERVER), str(root), str(port), str(free_port()), PASSWORD,
                                 DATABASE], stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if "\nREADY\n" in log.read_text(encoding="utf-8", errors="replace"):
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("ArcadeDB did not start:\n" + log.read_text(encoding="utf-8", errors="replace")[-3000:])
    yield f"bolt://127.0.0.1:{port}"
    proc.stdin.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_counts(uri: str) -> dict[str, int]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=("root", PASSWORD)) as driver, driver.session(database=DATABASE) as s:
        counts = {"nodes": s.run("MATCH (n) RETURN count(n) AS n").single()["n"],
                  "relationships": s.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]}
        for rtype in ("MEET_WITH", "MEMBER_OF", "MENTIONED_IN"):
            counts[rtype] = s.run(f"MATCH ()-[r:{rtype}]->() RETURN count(r) AS n").single()["n"]
        return counts


def test_property_graph_has_one_node_per_entity_and_one_relationship_per_edge(graph):
    pg = property_graph(graph)
    ancestors = Schema.of(graph).ancestors  # the ontology the graph carries: Actor and Location and below
    entities = {s for s, o in graph.subject_objects(RDF.type)
                if str(o).startswith(str(KG._NS)) and {"Actor", "Location"} & ancestors.get(str(o).split("#")[-1], set())}
    assert pg.count(ENTITY) == len(entities) > 0
    assert pg.count(DOCUMENT) == len(set(graph.subjects(RDF.type, KG.Document)))
    asserted = {(s, p, o) for a in graph.subjects(RDF.type, KG.Assertion)
                for s, p, o in [(graph.value(a, RDF.subject), graph.value(a, RDF.predicate), graph.value(a, RDF.object))]
                if (s, p, o) in graph}
    typed = [r for r in pg.relationships if r.start_label == r.end_label == ENTITY]
    assert len(typed) == len(set(graph.subjects(RDF.type, KG.Assertion)))
    assert {(r.start, r.props["predicate"], r.end) for r in typed if r.props["asserted"]} == {
        tuple(map(str, t)) for t in asserted}
    for rel in typed:
        assert rel.props["sentences"] and rel.props["mentions"] >= 1 and 0 < rel.props["confidence"] <= 1
        assert rel.props["relation"] == relationship_type(rel.props["predicate"].split("#")[-1])
        assert rel.type == (rel.props["relation"] if rel.props["asserted"] else UNASSERTED)
    hamas = [n for n in pg.nodes if n.props.get("name") == "Hamas"]
    assert hamas and {"Entity", "Organization", "ArmedGroup"} <= set(hamas[0].labels)


HEADER = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*)?(?::(?:ID|START_ID|END_ID)\([A-Za-z]+\)|:LABEL|:TYPE|"
                    r":(?:int|long|float|double|boolean|byte|short|char|string|date|datetime)(?:\[\])?)?$")


def test_csv_bundle_follows_the_neo4j_admin_header_format(sample):
    bundle = sample / "neo4j"
    ids: dict[str, set[str]] = {}
    files = {p.name: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8")))) for p in bundle.glob("*.csv")}
    assert set(files) == {"entities.csv", "documents.csv", "relationships.csv", "mentioned_in.csv", "events.csv",
                          "event_entities.csv", "event_documents.csv"}
    for name, rows in files.items():
        header = rows[0]
        assert all(HEADER.match(col) for col in header), (name, header)
        assert all(len(row) == len(header) for row in rows[1:]), name
        for i, col in enumerate(header):
            group = re.search(r":ID\((\w+)\)", col)
            if group:
                ids.setdefault(group.group(1), set()).update(row[i] for row in rows[1:])
            if col.endswith(":int"):
                assert all(row[i] == "" or row[i].lstrip("-").isdigit() for row in rows[1:])
    assert len(files["entities.csv"]) > 1 and len(files["relationships.csv"]) > 1
    assert len(files["events.csv"]) > 1 and len(files["event_entities.csv"]) > 1
    for name in ("relationships.csv", "mentioned_in.csv", "event_entities.csv", "event_documents.csv"):
        header, *rows = files[name]
        start, end = header.index(next(c for c in header if c.startswith(":START_ID"))), 1
        start_group = re.search(r"\((\w+)\)", header[start]).group(1)
        end_group = re.search(r"\((\w+)\)", header[end]).group(1)
        assert all(row[start] in ids[start_group] and row[end] in ids[end_group] for row in rows)
    script = (bundle / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin\" database import full" in script and "--array-delimiter=U+001F" in script
    for name in files:
        assert f"={name}" in script


def test_cypher_script_passes_values_as_parameters(sample):
    script = (sample / "graph.cypher").read_text(encoding="utf-8")
    queries = [line for line in script.splitlines() if line.startswith(("UNWIND", "CREATE"))]
    params = [line for line in script.splitlines() if line.startswith(":param rows =>")]
    assert len(queries) >= len(params) + 1 and params
    for query in queries:
        assert '"' not in query and "'" not in query  # no value is ever written into a query


def test_graphml_opens_in_networkx(sample, graph):
    import networkx as nx

    g = nx.read_graphml(sample / "graph.graphml")
    pg = property_graph(graph)
    assert g.number_of_nodes() == len(pg.nodes) and g.number_of_edges() == len(pg.relationships)


@pytest.mark.slow
def test_push_to_a_real_bolt_server_gives_exact_counts_and_twice_changes_nothing(bolt, graph):
    pg = property_graph(graph)
    report = push_neo4j(pg, bolt, "root", PASSWORD, DATABASE, batch=7)  # small batches: many transactions
    assert (report.entities, report.documents, report.relationships) == (
        pg.count(ENTITY), pg.count(DOCUMENT), len(pg.relationships))
    first = server_counts(bolt)
    assert first["nodes"] == len(pg.nodes) and first["relationships"] == len(pg.relationships)
    assert first["MEET_WITH"] == sum(1 for r in pg.relationships if r.type == "MEET_WITH") > 0
    push_neo4j(pg, bolt, "root", PASSWORD, DATABASE)
    assert server_counts(bolt) == first

    from neo4j import GraphDatabase

    with GraphDatabase.driver(bolt, auth=("root", PASSWORD)) as driver, driver.session(database=DATABASE) as s:
        row = s.run("MATCH (p:Person)-[r:MEET_WITH]-(x) RETURN p.name AS p, r.sentences AS sentences, "
                    "r.mentions AS mentions LIMIT 1").single()
        assert row["p"] and row["sentences"] and row["mentions"] >= 1
        hamas = s.run("MATCH (n:ArmedGroup {name: 'Hamas'}) RETURN n.iri AS iri").single()
        assert hamas and hamas["iri"].endswith("/hamas")


@pytest.mark.slow
def test_prune_removes_what_the_graph_no_longer_has(bolt, graph):
    pg = property_graph(graph)
    push_neo4j(pg, bolt, "root", PASSWORD, DATABASE)
    smaller = property_graph(graph, documents=False)
    with pytest.raises(ServerRefusedError, match="counts differ"):
        push_neo4j(smaller, bolt, "root", PASSWORD, DATABASE)  # the documents of the first push are still there
    report = push_neo4j(smaller, bolt, "root", PASSWORD, DATABASE, prune=True)
    assert report.pruned == pg.count(DOCUMENT) + sum(1 for r in pg.relationships if r.end_label == DOCUMENT)
    assert server_counts(bolt)["nodes"] == len(smaller.nodes)
    push_neo4j(pg, bolt, "root", PASSWORD, DATABASE, prune=True)  # and back
    assert server_counts(bolt)["nodes"] == len(pg.nodes)


@pytest.mark.slow
def test_other_applications_nodes_are_neither_counted_nor_pruned(bolt, graph):
    """A database shared with another application that has its own :Document and :Entity nodes with an
    iri, and a relationship of its own between two of kg's nodes: a push counts only kg's nodes, and
    --prune leaves the others' alone."""
    from neo4j import GraphDatabase

    pg = property_graph(graph)
    push_neo4j(pg, bolt, "root", PASSWORD, DATABASE, prune=True)
    hamas = next(n.iri for n in pg.nodes if n.props.get("name") == "Hamas")
    with GraphDatabase.driver(bolt, auth=("root", PASSWORD)) as driver, driver.session(database=DATABASE) as s:
        s.run("CREATE (:Document {iri: 'urn:theirs:doc', title: 'their report'}), "
              "(:Entity {iri: 'urn:theirs:entity', name: 'theirs'})").consume()
        s.run("MATCH (a:Entity {iri: $hamas}), (b:Document {iri: 'urn:theirs:doc'}) CREATE (a)-[:CITED_BY]->(b)",
              hamas=hamas).consume()
        s.run("MATCH (a {iri: $hamas}), (b:Document) WHERE b.iri <> 'urn:theirs:doc' WITH a, b LIMIT 1 "
              "CREATE (a)-[:REVIEWED {by: 'them'}]->(b)", hamas=hamas).consume()
    before = server_counts(bolt)
    report = push_neo4j(pg, bolt, "root", PASSWORD, DATABASE)  # their nodes do not make the counts differ
    assert (report.entities, report.documents, report.relationships) == (
        pg.count(ENTITY), pg.count(DOCUMENT), len(pg.relationships))
    report = push_neo4j(property_graph(graph, documents=False), bolt, "root", PASSWORD, DATABASE, prune=True)
    assert report.pruned == pg.count(DOCUMENT) + sum(1 for r in pg.relationships if r.end_label == DOCUMENT)
    after = server_counts(bolt)
    assert after["nodes"] == before["nodes"] - pg.count(DOCUMENT)
    with GraphDatabase.driver(bolt, auth=("root", PASSWORD)) as driver, driver.session(database=DATABASE) as s:
        assert s.run("MATCH (n) WHERE n.iri STARTS WITH 'urn:theirs:' RETURN count(n) AS n").single()["n"] == 2
        assert s.run("MATCH ()-[r:CITED_BY]->() RETURN count(r) AS n").single()["n"] == 1
        s.run("MATCH (n) WHERE n.iri STARTS WITH 'urn:theirs:' DETACH DELETE n").consume()
    push_neo4j(pg, bolt, "root", PASSWORD, DATABASE, prune=True)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "bolt://host:notaport", "localhost:7687", "bolt:///x",
                                 "neo4j://[::1"])
def test_a_bad_uri_is_a_usage_error_without_traceback(sample, uri):
    run = subprocess.run([sys.executable, "-m", "kg", "push", "neo4j", "--uri", uri, "--from", str(sample)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "[E002]" in run.stderr and "bolt://" in run.stderr and "Traceback" not in run.stderr


def test_an_unreachable_server_is_a_clear_error(graph):
    with pytest.raises(ServerUnreachableError, match="cannot reach bolt://127.0.0.1"):
        push_neo4j(property_graph(graph), f"bolt://127.0.0.1:{free_port()}", "neo4j", "x", "neo4j")


@pytest.mark.slow
def test_kg_push_neo4j_and_kg_export_from_the_command_line(bolt, sample, tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg", "push", "neo4j", "--uri", bolt, "--user", "root",
                          "--database", DATABASE, "--from", str(sample / "graph.ttl"), "--prune"],
                         capture_output=True, text=True, check=False, env={**os.environ, "NEO4J_PASSWORD": PASSWORD})
    assert run.returncode == 0, run.stderr
    pg = property_graph(Graph().parse(sample / "graph.ttl"))
    assert (f"{pg.count(ENTITY)} entities, {pg.count(DOCUMENT)} documents, {pg.count(EVENT)} events, "
            f"{len(pg.relationships)} relationships") in run.stdout
    exported = subprocess.run([sys.executable, "-m", "kg", "export", "graphml", "--from", str(sample),
                               "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert exported.returncode == 0 and (tmp_path / "graph.graphml").read_bytes() == \
        (sample / "graph.graphml").read_bytes()
    refused = subprocess.run([sys.executable, "-m", "kg", "push", "neo4j", "--uri", f"bolt://127.0.0.1:{free_port()}",
                              "--from", str(sample)], capture_output=True, text=True, check=False)
    assert refused.returncode == 4 and "cannot reach" in refused.stderr
