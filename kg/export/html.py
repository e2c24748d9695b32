"""The interactive HTML network view: one self-contained file (vis-network, its stylesheet, the d3 modules
of the timeline, the view's script and the data all inlined; a Content-Security-Policy forbids any
fetch), so it opens from disk with no network.

vis-network is the copy pyvis ships. pyvis's own page template is not used: it links Bootstrap and
tom-select from a CDN and writes node labels into a script unescaped. The timeline and its brush use d3
modules from the npm registry, vendored unchanged in ``assets/d3.min.js`` (licences in
``assets/d3.LICENSE``). The page here carries the data as a
JSON block with ``<``, ``>`` and ``&`` escaped, and its script (``assets/view.js``) only ever sets text,
so nothing in a name or sentence can run. What the page shows is computed in :mod:`kg.export.view`.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.export import register
from kg.export.view import ViewData, view_data
from kg.model import ResolvedGraph

VIS_VERSION = "vis-9.1.2"


@register("html", "graph.html")
def to_html(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    return render(view_data(graph))


def render(view: ViewData, title: str = "kg network view") -> bytes:
    """The page for ``view``, as UTF-8 bytes."""
    vis_js, vis_css, d3_js, page, js, css = _assets()
    parts = {"__TITLE__": html.escape(title, quote=False), "__VIS_CSS__": vis_css, "__VIEW_CSS__": css,
             "__DATA__": script_json(view.to_json()), "__VIS_JS__": vis_js, "__D3_JS__": d3_js, "__VIEW_JS__": js}
    # split the template once, so text put in (a sentence reading "__VIS_JS__") is never itself replaced
    pieces = re.split(r"(__[A-Z0-9_]+__)", page)
    out = "".join(parts.get(piece, piece) for piece in pieces)
    return out.encode("utf-8")


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, comment opener or entity can
    appear, and the line separators JavaScript treats as newlines are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@cache
def _assets() -> tuple[str, str, str, str, str, str]:
    import pyvis  # only for the vis-network files it ships

    vis = Path(pyvis.__file__).parent / "lib" / VIS_VERSION
    own = resources.files("kg.export") / "assets"
    texts = ((vis / "vis-network.min.js").read_text("utf-8"), (vis / "vis-network.css").read_text("utf-8"),
             (own / "d3.min.js").read_text("utf-8"), (own / "view.html").read_text("utf-8"),
             (own / "view.js").read_text("utf-8"), (own / "view.css").read_text("utf-8"))
    # inlined verbatim: a library that ever held "</script" would end its own element early
    assert not any("</script" in t.lower() for i, t in enumerate(texts) if i != 3), "an asset closes <script>"
    return texts
