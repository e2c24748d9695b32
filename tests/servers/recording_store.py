"""A small SPARQL store over HTTP that records every request, for tests of what goes over the wire.

It speaks enough of the SPARQL 1.1 protocols for kg: the Graph Store Protocol at ``/gsp`` (PUT, POST,
DELETE of ``?default`` or ``?graph=IRI``, N-Triples bodies), Update at ``/update`` and Query at
``/query`` (form or ``application/sparql-query`` POST, or GET; JSON or CSV results), backed by an
in-memory pyoxigraph store. ``reply`` can override any answer (a status, a redirect), and ``lie``
makes it answer writes with 204 and store nothing.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

Reply = Callable[[str, str], tuple[int, bytes, dict[str, str]] | None]  # (verb, path) -> answer or None


class _Handler(BaseHTTPRequestHandler):
    server: RecordingStore

    def handle_one(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((self.command, self.path, self.headers, body))
        answer = self.server.reply(self.command, self.path) or self.server.serve(self.command, self.path,
                                                                                 self.headers, body)
        status, data, headers = answer
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = handle_one

    def log_message(self, *args):
        pass


class RecordingStore(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple] = []
        self.reply: Reply = lambda verb, path: None
        self.lie = False
        self.store = ox.Store()
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def paths(self, prefix: str) -> list[str]:
        return [path for _, path, _, _ in self.seen if path.startswith(prefix)]

    def serve(self, verb: str, path: str, headers, body: bytes) -> tuple[int, bytes, dict[str, str]]:
        url = urllib.parse.urlsplit(path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        with self.lock:
            try:
                if url.path == "/gsp":
                    return self._graph_store(verb, params, body)
                if url.path == "/update" and verb == "POST":
                    if not self.lie:
                        self.store.update(body.decode("utf-8"))
                    return 204, b"", {}
                if url.path == "/query":
                    return self._query(verb, params, headers, body)
            except (SyntaxError, ValueError, OSError) as err:
                return 400, str(err).encode(), {}
        return 404, b"not here", {}

    def _graph_store(self, verb: str, params: dict, body: bytes):
        graph = ox.NamedNode(params["graph"][0]) if "graph" in params else ox.DefaultGraph()
        if verb == "DELETE":
            if graph not in self.store.named_graphs() and not isinstance(graph, ox.DefaultGraph):
                return 404, b"no such graph", {}
            if not self.lie:
                self.store.remove_graph(graph) if isinstance(graph, ox.NamedNode) else self.store.clear_graph(graph)
            return 204, b"", {}
        if verb not in ("PUT", "POST"):
            return 405, b"", {}
        if not self.lie:
            if verb == "PUT" and (isinstance(graph, ox.DefaultGraph) or graph in self.store.named_graphs()):
                self.store.clear_graph(graph)
            self.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        return 204, b"", {}

    def _query(self, verb: str, params: dict, headers, body: bytes):
        if verb == "POST" and headers.get("Content-Type", "").startswith("application/sparql-query"):
            text = body.decode("utf-8")
        elif verb == "POST":
            text = urllib.parse.parse_qs(body.decode("utf-8"))["query"][0]
        else:
            text = params["query"][0]
        result = self.store.query(text)
        accept = headers.get("Accept", "")
        if "text/csv" in accept:
            return 200, result.serialize(format=ox.QueryResultsFormat.CSV), {"Content-Type": "text/csv"}
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
        json.loads(data)
        return 200, data, {"Content-Type": "application/sparql-results+json"}


@pytest.fixture
def recording_store():
    server = RecordingStore()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
