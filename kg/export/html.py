"""Interactive HTML network view (pyvis): nodes coloured by class, edges labelled by predicate, the
evidence sentence on hover; negated or unasserted edges are grey and dashed. Every script is inlined and external references are removed, so the file
opens from disk with no network."""

from __future__ import annotations

import html
import re

from rdflib import Graph

from kg import rules
from kg.export import register
from kg.model import ResolvedGraph

COLOURS = {
    "Person": "#e4572e",
    "Organization": "#2e86ab",
    "GroupActor": "#8fb8de",
    "ArmedGroup": "#6b2737",
    "MediaOrganization": "#76b041",
    "Country": "#f3a712",
    "Location": "#ffc857",
}
SHAPES = {"Person": "dot", "Organization": "square", "Location": "triangle"}
_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref=[^>]*>|<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.IGNORECASE | re.DOTALL)


@register("html", "graph.html")
def to_html(graph: Graph, resolved: ResolvedGraph) -> bytes:
    from pyvis.network import (
        Network,  # heavy import, only when this format is asked for
    )

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff", font_color="#222222")
    for ent in resolved.entities:
        names = ", ".join(ent.alt_labels[:8])
        title = f"{ent.label} ({ent.cls})" + (f"\nalso: {names}" if names else "") + f"\nmentions: {ent.mentions}"
        net.add_node(ent.id, label=ent.label, title=html.escape(title), group=ent.cls,
                     color=COLOURS.get(ent.cls) or COLOURS[rules.schema().coarse(ent.cls)],
                     shape=SHAPES[rules.schema().coarse(ent.cls)], size=10 + min(ent.mentions, 30))
    for edge in resolved.edges:
        sentences = "\n\n".join(f"[{ev.doc_id}] {_held(ev)}{ev.sentence}" for ev in edge.evidence[:5])
        label = edge.predicate if edge.asserted else f"{edge.predicate} ({_held(edge.evidence[0]).strip(' []')})"
        style = {} if edge.asserted else {"dashes": True, "color": "#999999"}
        net.add_edge(edge.subject, edge.object, label=label, title=html.escape(sentences),
                     value=len(edge.evidence), arrows="to", **style)
    net.toggle_physics(True)
    page = net.generate_html(notebook=False)
    return _EXTERNAL.sub("", page).encode("utf-8")


def _held(ev) -> str:
    """A short tag for evidence that is not a plain fact or has a source: "[negative] ", "[per Reuters] "."""
    tags = []
    if ev.polarity == "negative":
        tags.append("negative")
    if ev.modality != "asserted":
        tags.append(ev.modality)
    if ev.source_text:
        tags.append(f"per {ev.source_text}")
    return f"[{', '.join(tags)}] " if tags else ""
