"""One way to look things up by name: exporters, engines, push targets and query engines.

Each kind of plugin has a :class:`Registry` built on ``catalogue`` (the registry library spaCy uses),
so another installed package can add one through an entry point (group ``kg_<kind>``, for example
``kg_exporters``) without kg knowing it. kg's own plugins register themselves with the
``@registry.register(name)`` decorator in the modules of the registry's package, which the registry
imports on first use: adding a format is one registration. Registering a name twice is an error, and
an unknown name fails with the list of known ones.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Generic, TypeVar

import catalogue

from kg.errors import UnknownNameError, UsageError

T = TypeVar("T")


class DuplicateNameError(UsageError):
    code = "E015"


class Registry(Generic[T]):
    """Name -> plugin for one ``kind`` ("export format"); ``package`` holds kg's own plugins."""

    def __init__(self, kind: str, group: str, package: str) -> None:
        self.kind = kind
        self.package = package
        self._table = catalogue.create("kg", group, entry_points=True)
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register ``plugin`` under ``name``; a name given twice raises DuplicateNameError."""
        def wrap(plugin: T) -> T:
            if catalogue.check_exists(*self._table.namespace, name):
                raise DuplicateNameError(f"{self.kind} '{name}' is registered twice "
                                         f"({getattr(plugin, '__module__', '?')} and "
                                         f"{getattr(self._table.get(name), '__module__', '?')})")
            self._table.register(name, func=plugin)
            return plugin
        return wrap

    def get(self, name: str) -> T:
        """The plugin registered as ``name``; UnknownNameError (listing the known names) otherwise."""
        self._load()
        if name not in self._table:
            raise UnknownNameError(self.kind, name, self.names())
        return self._table.get(name)

    def names(self) -> list[str]:
        self._load()
        return sorted(self._table.get_all())

    def all(self) -> dict[str, T]:
        self._load()
        return dict(sorted(self._table.get_all().items()))

    def _load(self) -> None:
        """Import every module of the package, where kg's own plugins register themselves."""
        if self._loaded:
            return
        self._loaded = True
        package = importlib.import_module(self.package)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{self.package}.{module.name}")
