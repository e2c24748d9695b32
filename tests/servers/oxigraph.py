"""A real Oxigraph SPARQL server (from the ``oxigraph`` wheel) on a free loopback port, as a pytest fixture."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDFS

from kg.namespace import KG
from kg.push.sparql import select
from servers import free_port

PREFIXES = f"PREFIX rdfs: <{RDFS}>\nPREFIX kg: <{KG}>\n"


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"  # the venv's, even when it is not activated
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@dataclass(frozen=True)
class Oxigraph:
    base: str

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def update(self) -> str:
        return f"{self.base}/update"

    def run_update(self, text: str) -> None:
        request = urllib.request.Request(self.update, data=text.encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(request, timeout=30).close()

    def count(self, where: str) -> int:
        return int(select(self.query, f"{PREFIXES}SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server on a free port, for the whole module."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the Oxigraph server is not installed; install it with: pip install oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oxigraph-log") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                 "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not answer at {base}:\n{log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield Oxigraph(base)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
