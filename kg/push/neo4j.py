"""``kg push neo4j``: load the property graph into a running Neo4j (or any server speaking Bolt and
Cypher, such as ArcadeDB with its Bolt plugin) with the official ``neo4j`` driver.

Constraints first, then batched ``UNWIND $rows … MERGE`` transactions (the statements of
:mod:`kg.export.neo4j`), so pushing twice changes nothing. Afterwards the nodes and relationships are
counted on the server and compared with what was sent: a server that silently drops rows is an error,
not a success. ``prune`` removes the kg nodes and relationships the graph no longer has (a store that
lost a document).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.errors import DependencyMissingError, ServerRefusedError, ServerUnreachableError
from kg.export.neo4j import constraints, statements
from kg.export.property_graph import DOCUMENT, ENTITY, PropertyGraph, property_graph
from kg.push import PUSH_TARGETS


@dataclass(frozen=True)
class Neo4jPushReport:
    uri: str
    database: str
    entities: int  # counted on the server after the push
    documents: int
    relationships: int
    pruned: int = 0

    def summary(self) -> str:
        pruned = f", {self.pruned} stale removed" if self.pruned else ""
        return (f"{self.uri} ({self.database}): {self.entities} entities, {self.documents} documents, "
                f"{self.relationships} relationships{pruned}")


COUNT_QUERIES = {
    "entities": f"MATCH (n:{ENTITY}) RETURN count(n) AS n",
    "documents": f"MATCH (n:{DOCUMENT}) RETURN count(n) AS n",
    "relationships": f"MATCH (:{ENTITY})-[r]->() RETURN count(r) AS n",
}


def push_neo4j(pg: PropertyGraph, uri: str, user: str = "neo4j", password: str = "", database: str = "neo4j",
               batch: int = 500, prune: bool = False) -> Neo4jPushReport:
    """Load ``pg``; raise ServerUnreachableError when the server cannot be reached, ServerRefusedError when
    it refuses, or when its counts afterwards differ from the graph's."""
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable
    except ImportError as err:  # pragma: no cover - a dependency of kg
        raise DependencyMissingError("the neo4j driver is missing: pip install neo4j") from err
    expected = {"entities": pg.count(ENTITY), "documents": pg.count(DOCUMENT),
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
    except Neo4jError as err:
        raise ServerRefusedError(f"{uri} refused the load: {err.message or err}") from None
    report = Neo4jPushReport(uri, database, counted["entities"], counted["documents"], counted["relationships"],
                             pruned)
    if counted != expected:
        differ = ", ".join(f"{k}: {counted[k]} on the server, {expected[k]} in the graph"
                           for k in expected if counted[k] != expected[k])
        hint = "" if prune else " (older kg data in the database? push with --prune)"
        raise ServerRefusedError(f"{uri}: counts differ after the push: {differ}{hint}")
    return report


def _run(tx, query: str, rows: list[dict]) -> None:
    tx.run(query, rows=rows).consume()


def _prune(tx, pg: PropertyGraph) -> int:
    """Delete kg nodes and relationships that ``pg`` does not have; returns how many."""
    removed = 0
    keys = [f"{r.start} {r.type} {r.end}" for r in pg.relationships]
    removed += tx.run(f"MATCH (a:{ENTITY})-[r]->(b) WHERE NOT (a.iri + ' ' + type(r) + ' ' + b.iri) IN $keys "
                      "DELETE r RETURN count(*) AS n", keys=keys).single()["n"]
    for label in (ENTITY, DOCUMENT):
        iris = [n.iri for n in pg.nodes if n.labels[0] == label]
        removed += tx.run(f"MATCH (n:{label}) WHERE NOT n.iri IN $iris DETACH DELETE n RETURN count(*) AS n",
                          iris=iris).single()["n"]
    return removed


@PUSH_TARGETS.register("neo4j")
def push_target(source: Graph, *, uri: str = "bolt://localhost:7687", user: str = "neo4j", password: str = "",
                database: str = "neo4j", batch_size: int = 500, prune: bool = False,
                documents: bool = True) -> Neo4jPushReport:
    """``kg push neo4j``: the property graph of an exported graph, over Bolt."""
    return push_neo4j(property_graph(source, documents=documents), uri, user, password, database, batch_size,
                      prune)
