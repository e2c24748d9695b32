"""Fixtures of the loading tests: a real Oxigraph SPARQL server, and a small recording one."""

from servers.oxigraph import oxigraph  # noqa: F401  (a fixture: pytest finds it here)
from servers.recording_store import recording_store  # noqa: F401
