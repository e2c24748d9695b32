"""How fast the HTML view opens and answers in headless Chromium, on synthetic graphs of given sizes.

    python benchmarks/view.py --nodes 1000 5000

For each size it builds a synthetic resolved graph (kg.data.synthetic), turns it into RDF and the page
(timing kg's side), then opens the page in Debian's Chromium (headless, via Playwright) twice: as
exported (an overview above kg.export.view.OVERVIEW_ABOVE nodes) and with every node drawn. It reports:

- open: from navigation start to the first complete drawing, event handlers attached (page's clock);
- search: from picking a search result to the frame that shows the node focused;
- click: from a click on a node to the evidence panel filled;
- show all: from pressing "Show all nodes" in the overview to the frame with every node;
- frame: one redraw of the whole graph after a zoom (every node drawn, labels set down again);
- period: from choosing a period on the timeline (the middle third of its days) to the frame that
  shows only the edges with a sentence in it (every node drawn).

Times are medians over --runs fresh pages. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from servers.chromium import chromium

NEXT_FRAME = """async (action) => {
  const t = performance.now();
  const drawn = new Promise((resolve) => kgView.network.once("afterDrawing", resolve));
  action();
  await drawn;
  return performance.now() - t;
}"""


def build_pages(nodes: int, folder: Path) -> dict:
    from kg.data.synthetic import synthetic_graph
    from kg.export.html import render
    from kg.export.view import view_data
    from kg.graph.build import to_rdf

    resolved = synthetic_graph(nodes)
    graph = to_rdf(resolved)
    started = time.perf_counter()
    view = view_data(graph)
    page = render(view)
    python_s = time.perf_counter() - started
    (folder / "overview.html").write_bytes(page)
    everything = dataclasses.replace(view, overview={**view.overview, "above": len(view.nodes) + 1})
    (folder / "all.html").write_bytes(render(everything))
    leaf = "https://w3id.org/kg-news/id/" + resolved.entities[-1].id  # the last one added: never in the overview
    return {"nodes": len(view.nodes), "edges": len(view.edges), "triples": len(graph),
            "html_mb": round(len(page) / 1e6, 1), "python_s": round(python_s, 2)}, leaf


def measure(browser, folder: Path, probe: str) -> dict:
    out = {}
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((folder / "overview.html").as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
    out["open_overview_ms"] = page.evaluate("kgView.readyAt")
    out["shown_overview"] = page.evaluate("kgView.counts().nodes")
    out["search_ms"] = page.evaluate(f"({NEXT_FRAME})(() => kgView.focusNode({json.dumps(probe)}))")
    out["show_all_ms"] = page.evaluate(f"({NEXT_FRAME})(() => document.getElementById('show-all').click())")
    page.close()

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((folder / "all.html").as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
    out["open_all_ms"] = page.evaluate("kgView.readyAt")
    out["frame_all_ms"] = page.evaluate(f"({NEXT_FRAME})(() => kgView.network.moveTo({{scale: kgView.network.getScale() * 1.1}}))")
    days = page.evaluate("kgView.timeline.bins().map(b => b[0])")
    period = json.dumps({"from": days[len(days) // 3], "to": days[2 * len(days) // 3]})
    out["period_ms"] = page.evaluate(f"({NEXT_FRAME})(() => kgView.bus.emit('period', {period}))")
    # a real click on the node nearest the middle of the canvas, read back from the panel
    box = page.locator("#graph canvas").bounding_box()
    centre = page.evaluate("""(p) => { const n = kgView.network; const c = n.DOMtoCanvas(p);
        let best = null, d = Infinity; for (const [id, q] of Object.entries(n.getPositions())) {
          const e = (q.x - c.x) ** 2 + (q.y - c.y) ** 2; if (e < d) { d = e; best = id; } }
        return n.canvasToDOM(n.getPositions([best])[best]); }""", {"x": box["width"] / 2, "y": box["height"] / 2})
    started = time.perf_counter()
    page.mouse.click(box["x"] + centre["x"], box["y"] + centre["y"])
    page.wait_for_function("document.getElementById('panel').dataset.kind === 'node'")
    out["click_ms"] = (time.perf_counter() - started) * 1000
    page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, default=Path(__file__).with_name("view.json"))
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n in args.nodes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            row, probe = build_pages(n, folder)
            runs = [measure(browser, folder, probe) for _ in range(args.runs)]
            for key in runs[0]:
                row[key] = round(statistics.median(r[key] for r in runs), 1)
            rows.append(row)
            print(f"measured {n} nodes", file=sys.stderr)
    cols = ["nodes", "edges", "html_mb", "python_s", "open_overview_ms", "shown_overview", "search_ms",
            "show_all_ms", "open_all_ms", "frame_all_ms", "period_ms", "click_ms"]
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row[c]) for c in cols))
    args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
