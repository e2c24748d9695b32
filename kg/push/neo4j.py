"""``kg push neo4j``: load the property graph into a running Neo4j (or any server speaking Bolt and
Cypher, such as ArcadeDB with its Bolt plugin) with the official ``neo4j`` driver.

Constraints first, then batched ``UNWIND $rows … MERGE`` transactions (the statements of
:mod:`kg.export.neo4j`), so pushing twice changes nothing. Afterwards the nodes and relationships are
counted on the server and compared with what was sent: a server that silently drops rows is an error,
not a success. ``prune`` removes the kg nodes and relationships the graph no longer has (a store that
lost a document).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from rdflib import Graph

from kg.errors import (
    DependencyMissingError,
    ServerRefusedError,
    ServerUnreachableError,
    UsageError,
)
from kg.export.neo4j import KG_LABEL, constraints, statements
from kg.export.property_graph import (
    DOCUMENT,
    ENTITY,
    EVENT,
    MENTIONED_IN,
    PropertyGraph,
    property_graph,
)
from kg.namespace import KG
from kg.push import PUSH_TARGETS

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Neo4jPushReport:
    uri: str
    database: str
    entities: int  # counted on the server after the push
    documents: int
    relationships: int
    pruned: int = 0
    events: int = 0

    def summary(self) -> str:
        pruned = f", {self.pruned} stale removed" if self.pruned else ""
        return (f"{self.uri} ({self.database}): {self.entities} entities, {self.documents} documents, "
                f"{self.events} events, {self.relationships} relationships{pruned}")


# kg's relationships: between two Kg nodes, and MENTIONED_IN or carrying a predicate of kg's ontology
KG_RELATIONSHIPS = (f"(a:{KG_LABEL})-[r]->(b:{KG_LABEL}) WHERE (type(r) = '{MENTIONED_IN}' "
                    f"OR r.predicate STARTS WITH '{KG._NS}')")
COUNT_QUERIES = {
    "entities": f"MATCH (n:{KG_LABEL}:{ENTITY}) RETURN count(n) AS n",
    "documents": f"MATCH (n:{KG_LABEL}:{DOCUMENT}) RETURN count(n) AS n",
    "events": f"MATCH (n:{KG_LABEL}:{EVENT}) RETURN count(n) AS n",
    "relationships": f"MATCH {KG_RELATIONSHIPS} RETURN count(r) AS n",
}


def check_uri(uri: str) -> None:
    """UsageError unless ``uri`` is a Bolt URI: bolt:// or neo4j:// (+s, +ssc), a host, a numeric port if any."""
    try:
        parts = urllib.parse.urlsplit(uri)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as err:
        reason = str(err)
    else:
        reason = ("the scheme must be bolt:// or neo4j:// (or bolt+s://, neo4j+s://…)"
                  if parts.scheme not in SCHEMES else "" if parts.hostname else "no host")
    if reason:
        raise UsageError(f"bad Neo4j URI {uri!r}: {reason}; give --uri bolt://HOST:7687 (or neo4j://HOST:7687)")


def push_neo4j(pg: PropertyGraph, uri: str, user: str = "neo4j", password: str = "", database: str = "neo4j",
               batch: int = 500, prune: bool = False) -> Neo4jPushReport:
    """Load ``pg``; raise ServerUnreachableError when the server cannot be reached, ServerRefusedError when
    it refuses, or when its counts afterwards differ from the graph's."""
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError, Neo4jError, ServiceUnavailable
    except ImportError as err:  # pragma: no cover - a dependency of kg
        raise DependencyMissingError("the neo4j driver is missing: pip install neo4j") from err
    check_uri(uri)
    expected = {"entities": pg.count(ENTITY), "documents": pg.count(DOCUMENT), "events": pg.count(EVENT),
                "relationships": len(pg.relationships)}
    pruned = 0
    try:
        with GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session(database=database) as session:
            for query in constraints():
                session.run(query).consume()
            for query, rows in statements(pg, batch):
                session.execute_write(_run, query, rows)
            if prune:
                pruned = session.execute_write(_prune, pg)
            counted = {name: session.run(query).single()["n"] for name, query in COUNT_QUERIES.items()}
    except (ServiceUnavailable, OSError) as err:
        raise ServerUnreachableError(f"cannot reach {uri}: {err}; is the server running and the address right?"
                                     ) from None
    except (ConfigurationError, ValueError) as err:  # the driver's word for an address it cannot use
        raise UsageError(f"bad Neo4j URI {uri!r}: {err}; give --uri bolt://HOST:7687 (or neo4j://HOST:7687)"
                         ) from None
    except Neo4jError as err:
        raise ServerRefusedError(f"{uri} refused the load: {err.message or err}") from None
    report = Neo4jPushReport(uri, database, counted["entities"], counted["documents"], counted["relationships"],
                             pruned, counted["events"])
    if counted != expected:
        differ = ", ".join(f"{k}: {counted[k]} on the server, {expected[k]} in the graph"
                           for k in expected if counted[k] != expected[k])
        hint = "" if prune else (" (kg nodes of an earlier push that this graph no longer has? --prune deletes "
                                 "them, and only them)")
        raise ServerRefusedError(f"{uri}: counts differ after the push: {differ}{hint}")
    return report


def _run(tx, query: str, rows: list[dict]) -> None:
    tx.run(query, rows=rows).consume()


def _prune(tx, pg: PropertyGraph) -> int:
    """Delete kg's nodes and relationships that ``pg`` does not have; returns how many. A kg node that
    another application linked to loses that link too (DETACH DELETE): the node itself was kg's."""
    removed = 0
    keys = [f"{r.start} {r.type} {r.end} {r.props.get('predicate', '')}" for r in pg.relationships]
    removed += tx.run(f"MATCH {KG_RELATIONSHIPS} AND NOT (a.iri + ' ' + type(r) + ' ' + b.iri + ' ' + "
                      "coalesce(r.predicate, '')) IN $keys DELETE r RETURN count(*) AS n", keys=keys).single()["n"]
    for label in (ENTITY, DOCUMENT, EVENT):
        iris = [n.iri for n in pg.nodes if n.labels[0] == label]
        removed += tx.run(f"MATCH (n:{KG_LABEL}:{label}) WHERE NOT n.iri IN $iris DETACH DELETE n "
                          "RETURN count(*) AS n", iris=iris).single()["n"]
    return removed


@PUSH_TARGETS.register("neo4j")
def push_target(source: Graph, *, uri: str = "bolt://localhost:7687", user: str = "neo4j", password: str = "",
                database: str = "neo4j", batch_size: int = 500, prune: bool = False,
                documents: bool = True) -> Neo4jPushReport:
    """``kg push neo4j``: the property graph of an exported graph, over Bolt."""
    return push_neo4j(property_graph(source, documents=documents), uri, user, password, database, batch_size,
                      prune)
