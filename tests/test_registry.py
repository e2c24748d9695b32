"""One registry mechanism for exporters, engines, push targets and query engines (kg.registry)."""

from __future__ import annotations

from importlib.metadata import EntryPoint, EntryPoints

import catalogue
import pytest

from kg.engine import ENGINES
from kg.errors import UnknownNameError
from kg.export import EXPORTERS, Exporter, register
from kg.push import PUSH_TARGETS
from kg.queries import ENGINES as QUERY_ENGINES
from kg.registry import DuplicateNameError, Registry


@pytest.mark.parametrize("registry, known", [
    (EXPORTERS, {"turtle", "trig", "ntriples", "jsonld", "html", "merges", "graphml", "cypher", "neo4j-csv", "events"}),
    (ENGINES, {"local", "dask"}),
    (PUSH_TARGETS, {"neo4j", "sparql"}),
    (QUERY_ENGINES, {"rdflib", "oxigraph", "endpoint"}),
])
def test_every_registry_finds_kgs_own_plugins_and_lists_them_for_an_unknown_name(registry, known):
    assert set(registry.names()) == known
    with pytest.raises(UnknownNameError) as err:
        registry.get("no-such-thing")
    assert str(err.value).endswith(", ".join(sorted(known)))


def test_registering_a_name_twice_is_an_error():
    with pytest.raises(DuplicateNameError, match="export format 'turtle' is registered twice"):
        register("turtle", "again.ttl")(lambda graph, resolved: b"")


def test_adding_a_format_is_one_registration(tmp_path):
    from kg.export import export, formats
    from kg.graph.build import to_rdf
    from kg.model import ResolvedGraph

    register("line-count", "count.txt")(lambda graph, resolved: f"{len(graph)}\n".encode())
    try:
        assert "line-count" in formats(from_graph=True)
        path = export("line-count", to_rdf(ResolvedGraph((), (), ())), None, tmp_path)
        assert path == tmp_path / "count.txt" and int(path.read_text()) > 100
    finally:
        catalogue._remove(("kg", "exporters", "line-count"))


def test_another_package_adds_a_plugin_through_an_entry_point(monkeypatch):
    registry: Registry = Registry("widget", "test_widgets", "kg.queries.engines")
    point = EntryPoint(name="blue", value="kg.errors:UsageError", group="kg_test_widgets")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", EntryPoints([point]))
    from kg.errors import UsageError

    assert registry.get("blue") is UsageError and "blue" in registry.names()


def test_an_exporter_carries_what_the_build_needs_to_know():
    turtle = EXPORTERS.get("turtle")
    assert isinstance(turtle, Exporter) and turtle.filename == "graph.ttl" and turtle.shares == "rdf"
    assert EXPORTERS.get("merges").needs_build and not turtle.needs_build
