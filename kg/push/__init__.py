"""Pushing a built graph into a running database: push targets looked up by name (kg/push/neo4j.py,
kg/push/sparql.py; another package can add one through the ``kg_push_targets`` entry point group).

A target is a function ``(graph, **options) -> report`` whose report has ``summary()``."""

from __future__ import annotations

from collections.abc import Callable

from kg.registry import Registry

PushTarget = Callable[..., object]
PUSH_TARGETS: Registry[PushTarget] = Registry("push target", "push_targets", "kg.push")
