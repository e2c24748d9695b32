"""The interactive HTML network view: one self-contained file (vis-network, its stylesheet, the d3 modules
of the timeline and the map, topojson-client, the world's country outlines, the view's script and the
data all inlined; a Content-Security-Policy forbids any fetch), so it opens from disk with no network.

vis-network is the copy pyvis ships. pyvis's own page template is not used: it links Bootstrap and
tom-select from a CDN and writes node labels into a script unescaped. The timeline, its brush and the
map use d3 modules from the npm registry, vendored unchanged in ``assets/d3.min.js``; the map's country
outlines are world-atlas's ``countries-110m.json`` (Natural Earth, public domain), turned into shapes by
topojson-client. ``scripts/vendor_view.py`` fetches them at pinned versions and integrities; their
licences (``assets/*.LICENSE``) are written into the page in a comment. The page carries the data as a
JSON block with ``<``, ``>`` and ``&`` escaped, and its script (``assets/view.js``) only ever sets text,
so nothing in a name or sentence can run. What the page shows is computed in :mod:`kg.export.view`.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.export import register
from kg.export.view import ViewData, view_data
from kg.model import ResolvedGraph

VIS_VERSION = "vis-9.1.2"
LICENCES = ("d3.LICENSE", "topojson-client.LICENSE", "world-atlas.LICENSE")  # of the vendored files, in assets/


@register("html", "graph.html", cost=3)  # a job of its own: a build's longest export beside the RDF syntaxes
def to_html(graph: Graph, resolved: ResolvedGraph | None) -> bytes:
    return render(view_data(graph))


def render(view: ViewData, title: str = "kg network view") -> bytes:
    """The page for ``view``, as UTF-8 bytes."""
    a = _assets()
    parts = {"__TITLE__": html.escape(title, quote=False), "__VIS_CSS__": a.vis_css, "__VIEW_CSS__": a.css,
             "__DATA__": script_json(view), "__VIS_JS__": a.vis_js, "__D3_JS__": a.d3_js,
             "__TOPOJSON_JS__": a.topojson_js, "__WORLD__": a.world, "__LICENCES__": a.licences, "__VIEW_JS__": a.js}
    page = a.page
    # split the template once, so text put in (a sentence reading "__VIS_JS__") is never itself replaced
    pieces = re.split(r"(__[A-Z0-9_]+__)", page)
    out = "".join(parts.get(piece, piece) for piece in pieces)
    return out.encode("utf-8")


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, comment opener or entity can
    appear, and the line separators JavaScript treats as newlines are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_fields)
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _fields(value) -> dict:
    """A dataclass (the view's records) as JSON writes it: its fields, read in place (dataclasses.asdict
    would copy the whole view first)."""
    if is_dataclass(value) and not isinstance(value, type):
        own = getattr(value, "__dict__", None)
        return own if own is not None else {f.name: getattr(value, f.name) for f in fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


@dataclass(frozen=True)
class _Assets:
    page: str  # the template
    vis_js: str
    vis_css: str
    d3_js: str
    topojson_js: str
    world: str  # TopoJSON
    js: str
    css: str
    licences: str  # every vendored file's licence, for the page's comment


@cache
def _assets() -> _Assets:
    # only the vis-network files pyvis ships are used: find its folder without importing it (pyvis imports
    # IPython, slow, and failing under pytest when the process has no standard input)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis is not installed: pip install pyvis")
    vis = Path(next(iter(spec.submodule_search_locations))) / "lib" / VIS_VERSION
    own = resources.files("kg.export") / "assets"

    def read(folder, name: str) -> str:
        return (folder / name).read_text("utf-8")

    licences = "\n".join(read(own, name) for name in LICENCES)
    a = _Assets(read(own, "view.html"), read(vis, "vis-network.min.js"), read(vis, "vis-network.css"),
                read(own, "d3.min.js"), read(own, "topojson-client.min.js"), read(own, "countries-110m.json"),
                read(own, "view.js"), read(own, "view.css"), licences)
    # inlined verbatim: a library that ever held "</script" would end its own element early, and a licence
    # holding "-->" would end its comment
    assert not any("</script" in t.lower() for t in (a.vis_js, a.vis_css, a.d3_js, a.topojson_js, a.world, a.js, a.css)), \
        "an asset closes <script>"
    assert not any(bad in licences for bad in ("-->", "--!>", "<!--")), "a licence closes its comment"
    return a
