from __future__ import annotations

import pytest

from kg.api import extract_documents
from kg.config import Settings
from kg.model import Document
from kg.resolve.entities import resolve


@pytest.fixture(scope="session")
def graph_of():
    """Function: text -> resolved graph of that one document (spaCy loads once per session)."""
    settings = Settings()

    def run(text: str):
        return resolve(list(extract_documents([Document("t.txt", text)], settings)))

    return run


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """kg notes its last build in the user's cache folder; the tests use a folder of their own (subprocesses
    inherit it)."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


# hypothesis: the same generated examples on every run by default, so the suite is a repeatable gate;
# `pytest --hypothesis-profile=explore tests/test_properties.py` draws new ones on each run
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("default", derandomize=True)
_hypothesis_settings.register_profile("explore", derandomize=False)
_hypothesis_settings.load_profile("default")
