"""Fixtures of the loading tests: a real Oxigraph SPARQL server."""

from servers.oxigraph import oxigraph  # noqa: F401  (a fixture: pytest finds it here)
