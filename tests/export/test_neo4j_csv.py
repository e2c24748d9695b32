"""The CSV bundle read back as ``neo4j-admin database import`` reads it (header grammar of the Neo4j
operations manual, "CSV header format"): ``name:type`` columns, ``type[]`` arrays and the ``:LABEL``
column split on the array delimiter import.sh passes, empty cells as absent properties. What it reads
must be the property graph exactly, hostile text included."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sample_graphs import HOSTILE

from kg.export.neo4j import KG_LABEL, to_neo4j_csv
from kg.export.property_graph import property_graph, safe_text

COLUMN = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|IGNORE)"
                    r"(?:\((?P<group>[A-Za-z][A-Za-z0-9_-]*)\))?|:(?P<type>int|long|float|double|boolean|byte|"
                    r"short|char|string|date|datetime)(?P<array>\[\])?)?$")


def _delimiter(script: str, option: str, default: str) -> str:
    found = re.search(rf"--{option}=(\S+)", script)
    if not found:
        return default
    value = found.group(1)
    return chr(int(value[2:], 16)) if value.startswith("U+") else value  # noqa: FURB166  ("U+", not "0x")


def _value(cell: str, kind: str, array: bool, delimiter: str):
    if array:
        return [_value(part, kind, False, delimiter) for part in cell.split(delimiter)]
    if kind in ("int", "long"):
        return int(cell)
    if kind in ("float", "double"):
        return float(cell)
    if kind == "boolean":
        assert cell in ("true", "false"), cell
        return cell == "true"
    return cell


def admin_read(files: dict[str, bytes]) -> tuple[dict, list]:
    """(nodes: id -> (labels, props), relationships: [(start, type, end, props)]) as neo4j-admin reads the
    bundle with the options of its import.sh."""
    script = files["import.sh"].decode("utf-8")
    array = _delimiter(script, "array-delimiter", ";")
    delimiter = _delimiter(script, "delimiter", ",")
    nodes, rels = {}, []
    for name in re.findall(r"--nodes=(\S+)", script) + re.findall(r"--relationships=(\S+)", script):
        text = files[name].decode("utf-8")
        assert "\x00" not in text, name
        header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        columns = [COLUMN.match(col) for col in header]
        assert all(columns), (name, header)
        for row in rows:
            assert len(row) == len(header), name
            ident, labels, props, ends, rtype = None, [], {}, {}, None
            for col, cell in zip(columns, row):
                kind = col["kind"]
                if kind == "ID":
                    ident = (col["group"], cell)
                    if col["name"]:
                        props[col["name"]] = cell
                elif kind == "LABEL":
                    labels = cell.split(array)
                elif kind in ("START_ID", "END_ID"):
                    ends[kind] = (col["group"], cell)
                elif kind == "TYPE":
                    rtype = cell
                elif cell != "":  # an empty cell is no property
                    props[col["name"]] = _value(cell, col["type"] or "string", bool(col["array"]), array)
            if ident:
                assert ident not in nodes, f"{name}: id {ident} twice"
                nodes[ident] = (labels, props)
            else:
                rels.append((ends["START_ID"], rtype, ends["END_ID"], props))
    for start, _, end, _ in rels:
        assert start in nodes and end in nodes
    return nodes, rels


def _expected(pg):
    nodes = {(n.labels[0], n.iri): ([KG_LABEL, *n.labels], dict(n.props)) for n in pg.nodes}
    rels = sorted(((r.start_label, r.start), r.type, (r.end_label, r.end), r.props) for r in pg.relationships)
    return nodes, rels


@pytest.mark.parametrize("graph", ["edges_rdf", "hostile_rdf"])
def test_neo4j_admin_reads_exactly_the_property_graph(graph, request):
    g = request.getfixturevalue(graph)
    nodes, rels = admin_read(to_neo4j_csv(g))
    expected_nodes, expected_rels = _expected(property_graph(g))
    assert nodes == expected_nodes
    assert sorted(rels) == expected_rels


def test_each_label_is_a_label_of_its_own(edges_rdf):
    nodes, _ = admin_read(to_neo4j_csv(edges_rdf))
    haniyeh = next(labels for labels, props in nodes.values() if props.get("name") == "Ismail Haniyeh")
    assert haniyeh == [KG_LABEL, "Entity", "Actor", "Person"]
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", label) for labels, _ in nodes.values() for label in labels)


def test_hostile_text_arrives_made_safe_and_whole(hostile_rdf):
    nodes, rels = admin_read(to_neo4j_csv(hostile_rdf))
    people = [props for labels, props in nodes.values() if "Person" in labels]
    assert {p["name"] for p in people} == {safe_text(t) for t in HOSTILE}
    assert all(p["aliases"] == [p["name"] + " alias"] and p["titles"] == [p["name"]] for p in people)
    sentences = {s for _, rtype, _, props in rels if rtype == "MEET_WITH" for s in props["sentences"]}
    assert sentences == {safe_text(t) for t in HOSTILE[:-1]}
