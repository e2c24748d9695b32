"""Imports run one way: a stage never imports a later stage, the library face (kg.api) or the CLI.

The allowed order is the data below; the test reads kg's own imports (every ``import`` and
``from … import`` in every module, inside functions too) with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

# Earlier entries may be imported by later ones, never the other way. The first entry is the base:
# small values and helpers every stage uses; its modules may import one another.
ORDER = [
    ("kg", "kg.errors", "kg.model", "kg.namespace", "kg.registry", "kg.common"),
    ("kg.ontology",),
    ("kg.rules",),
    ("kg.ingest",),
    ("kg.nlp",),
    ("kg.extract",),
    ("kg.resolve",),
    ("kg.graph",),
    ("kg.export",),
    ("kg.queries",),
    ("kg.evaluate",),
    ("kg.config",),
    ("kg.store",),
    ("kg.engine",),
    ("kg.push",),
    ("kg.data",),
    ("kg.api",),
    ("kg.tools",),
    ("kg.cli",),
    ("kg.__main__",),
]


def layer(module: str) -> int:
    """The position in ORDER of the entry that is the longest prefix of ``module``."""
    best, found = -1, None
    for i, entry in enumerate(ORDER):
        for name in entry:
            if (module == name or module.startswith(name + ".")) and len(name) > best:
                best, found = len(name), i
    if found is None:
        raise AssertionError(f"{module} is in no layer of ORDER: add it")
    return found


def imports(source: str, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every kg import in ``source``, the code of ``module``."""
    out = []
    package = module if module.endswith("__init__") else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base.split(".")[0] == "kg":
                # "from kg import api" imports the module kg.api
                out += [(node.lineno, f"{base}.{a.name}" if base == "kg" else base) for a in node.names]
    return out


def backward(source: str, module: str) -> list[str]:
    """The imports of ``module`` that run against ORDER, as "module:line imports other"."""
    here = layer(module)
    out = []
    for line, other in imports(source, module):
        there = layer(other)
        if there > here or (there == here and here != 0 and _package(other) != _package(module)):
            out.append(f"{module}:{line} imports {other}")
    return out


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def kg_modules() -> list[tuple[str, Path]]:
    root = Path(kg.__file__).parent
    out = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(["kg", *parts]), path))
    return out


def test_kg_imports_run_one_way():
    problems = [p for module, path in kg_modules() for p in backward(path.read_text(encoding="utf-8"), module)]
    assert problems == []


def test_every_module_has_a_layer():
    for module, _ in kg_modules():
        layer(module)


@pytest.mark.parametrize("module, source", [
    ("kg.ingest", "from kg.extract.dates import resolve\n"),  # the import this test was written against
    ("kg.extract.fake", "def f():\n    from kg.api import build\n"),  # inside a function too
    ("kg.extract.fake", "from kg.graph import namespace\n"),
    ("kg.rules.fake", "import kg.resolve.entities\n"),
    ("kg.resolve.fake", "from ..graph import build\n"),  # relative
    ("kg.export.fake", "from kg import cli\n"),
    ("kg.resolve.fake", "from kg.graph.build import to_rdf\n"),
])
def test_a_backward_import_is_found(module, source):
    assert backward(source, module), f"{source!r} in {module} should run against the order"


@pytest.mark.parametrize("module, source", [
    ("kg.extract.fake", "from kg.ingest.dateline import dateline_end\n"),
    ("kg.api", "from kg.resolve.entities import resolve\n"),
    ("kg.errors", "from kg.model import Document\n"),  # base modules may import one another
    ("kg.extract.fake", "from kg.extract.mentions import MentionIndex\n"),
])
def test_a_forward_import_is_allowed(module, source):
    assert backward(source, module) == []
