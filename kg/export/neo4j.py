"""Neo4j: the property graph as a CSV bundle for ``neo4j-admin database import`` and as a Cypher script
for ``cypher-shell``. Both, and ``kg push neo4j``, write the same nodes and relationships.

Every node kg writes also has the label ``Kg`` (:data:`KG_LABEL`), which marks what kg owns in a
database other applications share: the uniqueness constraint is on ``Kg.iri``, and ``kg push neo4j``
counts and prunes only ``Kg`` nodes and the relationships between them that kg writes (``MENTIONED_IN``,
and typed ones, whose ``predicate`` is a term of kg's ontology).

The Cypher is standard Neo4j 5 Cypher: uniqueness constraints first, then ``UNWIND $rows AS row MERGE``
with every value a parameter (never built into the query text). Labels and relationship types cannot be
parameters in Cypher, so they are written into the query, and only after checking that they are plain
identifiers from kg's ontology. Nodes are merged with their final labels in the MERGE pattern, never
relabelled afterwards with ``SET n:Label`` (ArcadeDB's Bolt plugin silently drops rows of a MERGE
followed by SET of a label on existing nodes; Neo4j accepts both forms).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from rdflib import Graph

from kg.export import register
from kg.export.property_graph import (
    DOCUMENT,
    ENTITY,
    EVENT,
    UNASSERTED,
    PropertyGraph,
    property_graph,
)
from kg.model import ResolvedGraph

BATCH = 500
KG_LABEL = "Kg"  # on every node kg writes
# Arrays and the :LABEL column are split on it (neo4j-admin is told with --array-delimiter=U+001F); the
# property graph's text never holds it (kg.export.property_graph.safe_text).
ARRAY_DELIMITER = "\x1f"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

NODE_COLUMNS = {  # property -> neo4j-admin type ("" = string)
    ENTITY: [("name", ""), ("class", ""), ("aliases", "string[]"), ("titles", "string[]"), ("country", ""),
             ("sector", ""), ("mentions", "int")],
    DOCUMENT: [("path", ""), ("title", ""), ("date", "date"), ("url", ""), ("publisher", ""), ("content_hash", ""),
               ("near_duplicate_of", "")],
    EVENT: [("name", ""), ("plover", ""), ("plover_mode", ""), ("cameo", ""), ("mode", ""), ("quad_class", "int"),
            ("intensity", "float"), ("date", "date"), ("end_date", "date"), ("date_precision", ""),
            ("date_source", ""), ("source_code", ""), ("source_country", ""), ("source_sectors", "string[]"),
            ("target_code", ""), ("target_country", ""), ("target_sectors", "string[]"), ("place", ""),
            ("latitude", "float"), ("longitude", "float"), ("place_precision", ""), ("place_country", ""),
            ("geonames_id", "long"), ("place_source", ""), ("mentions", "int"), ("articles", "int"),
            ("sources", "int")],
}
# Relationship files by (start label, end label).
REL_FILES = {(ENTITY, ENTITY): "relationships.csv", (ENTITY, DOCUMENT): "mentioned_in.csv",
             (EVENT, ENTITY): "event_entities.csv", (EVENT, DOCUMENT): "event_documents.csv"}
REL_COLUMNS = [("predicate", ""), ("relation", ""), ("asserted", "boolean"), ("mentions", "int"),
               ("documents", "int"), ("confidence", "float"), ("first_seen", "date"), ("last_seen", "date"),
               ("sentences", "string[]"), ("document_ids", "string[]"), ("polarities", "string[]"),
               ("modalities", "string[]"), ("confidences", "float[]"), ("rules", "string[]"),
               ("sources", "string[]"), ("source_ids", "string[]"), ("event_dates", "string[]"),
               ("evidence", "int"), ("former", "boolean")]


def _ident(name: str) -> str:
    if not _IDENT.fullmatch(name):
        raise ValueError(f"not a plain identifier for a label or type: {name!r}")
    return f"`{name}`"


def constraints() -> list[str]:
    return [f"CREATE CONSTRAINT kg_iri IF NOT EXISTS FOR (n:{_ident(KG_LABEL)}) REQUIRE n.iri IS UNIQUE"]


def neo4j_labels(node_labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels a node of the property graph has in Neo4j: ``Kg`` and its own."""
    return (KG_LABEL, *node_labels)


def statements(pg: PropertyGraph, batch: int = BATCH) -> Iterator[tuple[str, list[dict]]]:
    """(query, rows) pairs that load ``pg``: nodes grouped by label set, then relationships by type.
    Running them twice changes nothing (MERGE on the IRI, and on the predicate for UNASSERTED
    relationships; properties replaced with ``SET x = row.props``)."""
    by_labels: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for node in pg.nodes:
        by_labels[neo4j_labels(node.labels)].append({"iri": node.iri, "props": node.props})
    for labels, rows in sorted(by_labels.items()):
        query = (f"UNWIND $rows AS row MERGE (n:{':'.join(_ident(x) for x in labels)} {{iri: row.iri}}) "
                 "SET n = row.props")
        yield from ((query, rows[i:i + batch]) for i in range(0, len(rows), batch))
    by_type: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for rel in pg.relationships:
        by_type[(rel.type, rel.start_label, rel.end_label)].append({"start": rel.start, "end": rel.end,
                                                                     "props": rel.props})
    for (rtype, start, end), rows in sorted(by_type.items()):
        key = " {predicate: row.props.predicate}" if rtype == UNASSERTED else ""  # one per predicate
        query = (f"UNWIND $rows AS row MATCH (a:{_ident(KG_LABEL)}:{_ident(start)} {{iri: row.start}}) "
                 f"MATCH (b:{_ident(KG_LABEL)}:{_ident(end)} {{iri: row.end}}) "
                 f"MERGE (a)-[r:{_ident(rtype)}{key}]->(b) SET r = row.props")
        yield from ((query, rows[i:i + batch]) for i in range(0, len(rows), batch))


@register("cypher", "graph.cypher", shares="property graph")
def to_cypher(graph: Graph, resolved: ResolvedGraph | None = None) -> bytes:
    """A cypher-shell script: constraints, then each batch as ``:param rows => [...]`` and its MERGE."""
    out = io.StringIO()
    out.write("// kg graph for Neo4j 5: cypher-shell -u neo4j -p PASSWORD -d neo4j -f graph.cypher\n"
              "// Idempotent: running it again changes nothing.\n")
    for query in constraints():
        out.write(query + ";\n")
    for query, rows in statements(property_graph(graph)):
        out.write(f":param rows => {cypher_value(rows)};\n{query};\n")
    return out.getvalue().encode("utf-8")


def cypher_value(value) -> str:
    """A Cypher literal for a parameter value (strings, numbers, booleans, lists, maps with plain keys)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join([cypher_value(v) for v in value]) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join([f"{_key(k)}: {cypher_value(v)}" for k, v in value.items()]) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


_string = json.JSONEncoder(ensure_ascii=False).encode  # JSON's string escapes are Cypher's
_key = cache(_ident)  # a map's keys repeat on every row


@register("neo4j-csv", "neo4j", shares="property graph")
def to_neo4j_csv(graph: Graph, resolved: ResolvedGraph | None = None) -> dict[str, bytes]:
    """The CSV bundle for ``neo4j-admin database import full`` (header format with :ID/:START_ID/:END_ID
    id spaces, typed columns, arrays and the :LABEL column split on ARRAY_DELIMITER), and import.sh with
    the exact command."""
    pg = property_graph(graph)
    files = {}
    for label, name in ((ENTITY, "entities.csv"), (DOCUMENT, "documents.csv"), (EVENT, "events.csv")):
        columns = NODE_COLUMNS[label]
        header = [f"iri:ID({label})"] + [f"{p}:{t}" if t else p for p, t in columns] + [":LABEL"]
        rows = [[n.iri] + [_cell(n.props.get(p)) for p, _ in columns] + [_cell(list(neo4j_labels(n.labels)))]
                for n in pg.nodes if n.labels[0] == label]
        files[name] = _csv(header, rows)
    by_ends: dict[tuple[str, str], list] = {ends: [] for ends in REL_FILES}
    for rel in pg.relationships:
        by_ends[(rel.start_label, rel.end_label)].append(rel)
    for (start, end), rels in sorted(by_ends.items()):
        used = [(p, t) for p, t in REL_COLUMNS if any(p in r.props for r in rels)]
        header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"] + [f"{p}:{t}" if t else p for p, t in used]
        rows = [[r.start, r.end, r.type] + [_cell(r.props.get(p)) for p, _ in used] for r in rels]
        files[REL_FILES[(start, end)]] = _csv(header, rows)
    files["import.sh"] = IMPORT_SCRIPT.encode("utf-8")
    return files


IMPORT_SCRIPT = """#!/bin/sh
# Load this bundle into a new, stopped Neo4j 5 database (default: neo4j). Run from this folder:
#   NEO4J_HOME=/path/to/neo4j sh import.sh [DATABASE]
# then start Neo4j. The constraint is not made by the import; create it once in cypher-shell:
#   CREATE CONSTRAINT kg_iri IF NOT EXISTS FOR (n:Kg) REQUIRE n.iri IS UNIQUE;
set -e
"${NEO4J_HOME:-.}/bin/neo4j-admin" database import full "${1:-neo4j}" --overwrite-destination \\
  --array-delimiter=U+001F --multiline-fields=true \\
  --nodes=entities.csv --nodes=documents.csv --nodes=events.csv \\
  --relationships=relationships.csv --relationships=mentioned_in.csv \\
  --relationships=event_entities.csv --relationships=event_documents.csv
"""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v).replace(ARRAY_DELIMITER, "\ufffd") for v in value)
    return str(value)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")
