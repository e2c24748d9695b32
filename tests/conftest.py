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
