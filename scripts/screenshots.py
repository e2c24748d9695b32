"""Pictures of the HTML view for the README: builds the sample corpus and saves the page as Chromium
draws it at two window sizes.

    python scripts/screenshots.py [--out docs]

writes docs/view-1600x1000.png and docs/view-1280x720.png, the best-connected entity selected (its
neighbours lit, its relations named, and at 1600 px, where the map opens beside the graph, the places of
its events lit), and docs/view-map-1600x1000.png, the place with the most events picked on the map (its
events' actors and edges lit in the graph, its events and their sentences in the panel). The browser is
Debian's Chromium (/usr/bin/chromium, or $KG_CHROMIUM) driven by Playwright; nothing is downloaded. Each
picture is taken once the page says it has drawn (``kgView.ready``, then a frame after the selection).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from servers.chromium import chromium  # noqa: E402  (tests/servers is not a package of kg)

HUB = """() => {
  const hub = kgView.data.nodes.slice().sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1))[0];
  kgView.select({nodes: [hub.id]}, "screenshot");
}"""
BUSIEST_PLACE = """() => {
  const place = kgView.data.places.slice().sort((a, b) => b.events.length - a.events.length || (a.id < b.id ? -1 : 1))[0];
  kgView.map.pick(place.id);
}"""
SHOTS = (("view-1600x1000.png", 1600, 1000, HUB), ("view-1280x720.png", 1280, 720, HUB),
         ("view-map-1600x1000.png", 1600, 1000, BUSIEST_PLACE))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    from kg.api import build
    from kg.config import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        build(None, Settings(out=Path(tmp), formats=("html", "turtle")))
        page_path = Path(tmp) / "graph.html"
        for name, width, height, action in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(page_path.as_uri())
            page.wait_for_function("window.kgView && window.kgView.ready")
            before = page.evaluate("kgView.frames()")
            page.evaluate(action)
            page.wait_for_function(f"kgView.frames() > {before}")
            target = args.out / name
            page.screenshot(path=str(target))
            page.close()
            print(target)


if __name__ == "__main__":
    main()
