"""Vendor the HTML view's libraries and map data from the npm registry into kg/export/assets/.

    python scripts/vendor_view.py          # rewrite the vendored files
    python scripts/vendor_view.py --check  # fail if a vendored file differs from what the pins give

Each package is fetched with ``npm pack NAME@VERSION`` (npm's own client, so it goes wherever npm is
configured to go), its tarball checked against the sha512 integrity pinned below, and the files named
below copied unchanged:

- ``d3.min.js``: the d3 modules the timeline and the map use, each package's ``dist/NAME.min.js``,
  concatenated in dependency order under a header naming them; their licences in ``d3.LICENSE``;
- ``topojson-client.min.js`` (turns the TopoJSON outlines into GeoJSON in the page), ``topojson-client.LICENSE``;
- ``countries-110m.json``: world-atlas's country outlines (Natural Earth's 1:110m Admin 0 countries,
  public domain), ``world-atlas.LICENSE``.

The page (kg/export/html.py) inlines these files and every licence; nothing is fetched when a page is
built, opened or tested. Run this only to change a version: bump the pin, run it, commit the files.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "kg" / "export" / "assets"

# (package, version, sha512 integrity, licence name); in dependency order: each module after those it uses
D3 = (
    ("d3-array", "3.2.5", "Th8qGXoBalmWsstpkuhmBuTsBQIFqYOJtjlBvNVvBfJ8E3uYusBUwUR8HU20U0qKKQkgCvKyR1YjiozWadk5QA==", "ISC"),
    ("d3-color", "3.1.1", "lfab8x0Bj0UO7SNsY8dZSbNIA6ipbkE3X0NG9nqjCu6CfCHZseuDnOSJY7hidKrjpP++i1M2qT+FlAdPKYRilA==", "ISC"),
    ("d3-interpolate", "3.0.2", "IRzGU62DtxhvsnSTWMQIdnoZ6gA+BCWwBon1EJI6SjoN595799b6z/QRBzXfFhE8iupUPp3042yBNo0STPqnzQ==", "ISC"),
    ("d3-format", "3.1.3", "+F+/49swqmGuQJmSKnVMIDH/QkEFV5li9QRj0xm/KhyAUBv099O5PrvpQFxBp24PYph17Mnvt9mjKQV0ii0nMA==", "ISC"),
    ("d3-time", "3.1.1", "Ze7rjrhMzdeulh0/hjcfFj7XLAHOfowtEMfsoG6DU866HPynQNW7Wfen6hzXcqKTv8XzxvF6Hzr5XD6bMHr2ug==", "ISC"),
    ("d3-time-format", "4.1.1", "22XaqjyCjpqgda20erhsOjGmC3vvYwTNYniKAd45W5UWLDF43moeOuV9qYpRqobIlsnK0UhnKZjUUJm3VgORUA==", "ISC"),
    ("d3-scale", "4.0.3", "66cWobCNzcMvlfoaDHCxuIv9TBUWG1BLOWdv9kHHFuCr1JdqAWPvTmsaEYDD5NRMyWZ5+7u0GqiCDfMXMqh3hg==", "ISC"),
    ("d3-selection", "3.0.1", "ODSf35vqCrlCfp7hrm0eZjvOosSXSYLjqvIlhMBV9q9VOx7EBJG6pc+uXBswEZNJgCGJ+qnKYcWutbZDIxe/Xg==", "ISC"),
    ("d3-dispatch", "3.0.2", "sAzH4Y4nsLo8eSqw5jKiZt+LU2wZmL/qS+OkxQGjhwazB/D7TY34R/QK1eshfGr7cZEKymKZ/Haem7m+lu98Sg==", "ISC"),
    ("d3-timer", "3.0.2", "1Il1aliroVSErrv5aulRBxAY+7+DnaoLIWGd1C6SsBTWDeobWiP/V69vwb8vT6abR1kKwaNe1196pmaQ1fK90A==", "ISC"),
    ("d3-ease", "3.0.2", "B5znKqRmKROAN4oHWQ50W/qisVjA9GXh2WMsVKdFVp4DxWmcrOsweqgUOUVsv5th96kwaZlokU6SlV4J3gak1w==", "BSD-3-Clause"),
    ("d3-transition", "3.0.2", "RcjCsdFgyFoDB+QXLC5m60ZkTN0k9zH+ovoLlTdJnDS1AbfbcuowiM4pCKSTOclNibS4f4J4cbv2m7O7y8NTOQ==", "ISC"),
    ("d3-drag", "3.0.1", "OWeoayCq8J69hUIjvL+Mb6Q6Oaj/fyHV5XaXByEUAG+JUjIfTGDnk3qGpcXrD3VmQ3BSV96fcbM6fqq7C0tbPA==", "ISC"),
    ("d3-brush", "3.0.1", "L5Glqa/Gb7LU3ndIOMtA5mDzlJ0aXKp5ELP2X09ctWF23jO7+faIUVDbmaIi+D6k3EemXFWn1F3lkfguExoVhA==", "ISC"),
    ("d3-axis", "3.0.1", "E5QCXfaf/uJZEHHiqoWRq+bQEm2PzoVFv2rDC7CZ3wwI0MjfMW3w83J3ubobG4IJj3lShAI5eiPJhOu/8wHofA==", "ISC"),
    ("d3-geo", "3.1.2", "5R8ZgDQorIxmauv7R6gpE/ndz+Z0qAZssigq0aXFdvPHdY41RqtW02jrRUQAL724NdPABYXo1+gQEGBBr7uKNg==", "ISC; GeographicLib part MIT"),
    ("d3-zoom", "3.0.1", "kfjD3BDQu/FOatpZ6JdMSyIoDwTxIpI29ySTI2J5ZlDaH1WbuJGQJ2Q9oJkWTEZEW98j6idezoomSD3Cn2zwiw==", "ISC"),
)
TOPOJSON = ("topojson-client", "3.1.0", "605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==", "ISC")
WORLD = ("world-atlas", "2.0.2", "IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==", "ISC")
NATURAL_EARTH = ("The outlines in countries-110m.json are Natural Earth's 1:110m Admin 0 country boundaries\n"
                 "(version 4.1.0), which Natural Earth puts in the public domain (its terms of use: \"All versions\n"
                 "of Natural Earth raster + vector map data found on this website are in the public domain\").\n"
                 "world-atlas converts them to TopoJSON; its licence follows.\n")


def fetch(name: str, version: str, integrity: str, work: Path) -> dict[str, bytes]:
    """The files of NAME@VERSION's npm tarball (paths without the leading ``package/``), after checking
    the tarball's sha512 against ``integrity``."""
    done = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", str(work)],
                          capture_output=True, text=True, cwd=work, check=False)
    if done.returncode:
        sys.exit(f"npm pack {name}@{version} failed: {done.stderr.strip()}")
    tarball = work / done.stdout.strip().splitlines()[-1]
    blob = tarball.read_bytes()
    got = base64.b64encode(hashlib.sha512(blob).digest()).decode()
    if got != integrity:
        sys.exit(f"{name}@{version}: sha512-{got} is not the pinned sha512-{integrity}")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile():
                files[member.name.split("/", 1)[1]] = tar.extractfile(member).read()
    return files


def text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


def licence_entry(name: str, version: str, licence: str, files: dict[str, bytes]) -> str:
    return f"=== {name} {version} ({licence})\n\n{text(files, 'LICENSE').strip()}\n"


def vendored(work: Path) -> dict[str, str]:
    """File name in assets/ -> its text, built from the pinned packages."""
    out = {}
    modules, licences = [], []
    for name, version, integrity, licence in D3:
        files = fetch(name, version, integrity, work)
        code = text(files, f"dist/{name}.min.js")
        modules.append(code if code.endswith("\n") else code + "\n")
        licences.append(licence_entry(name, version, licence, files))
    out["d3.min.js"] = (
        "// d3 modules for kg's timeline and map, from the npm registry (npm pack NAME@VERSION), each package's\n"
        "// dist/NAME.min.js unchanged, concatenated in dependency order; licences in d3.LICENSE (ISC; d3-ease BSD-3-Clause; d3-geo's GeographicLib part MIT):\n"
        "// " + " ".join(f"{n}@{v}" for n, v, _, _ in D3) + " \n" + "\n".join(modules) + "\n")
    out["d3.LICENSE"] = ("Licences of the d3 modules concatenated in d3.min.js (from each npm package's LICENSE file).\n\n"
                         + "\n".join(licences))
    name, version, integrity, licence = TOPOJSON
    files = fetch(name, version, integrity, work)
    out["topojson-client.min.js"] = text(files, "dist/topojson-client.min.js")
    out["topojson-client.LICENSE"] = licence_entry(name, version, licence, files)
    name, version, integrity, licence = WORLD
    files = fetch(name, version, integrity, work)
    out["countries-110m.json"] = text(files, "countries-110m.json")
    out["world-atlas.LICENSE"] = NATURAL_EARTH + "\n" + licence_entry(name, version, licence, files)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the vendored files, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = vendored(Path(tmp))
    differ = [n for n, t in files.items() if not (ASSETS / n).exists() or (ASSETS / n).read_text("utf-8") != t]
    if args.check:
        for n in differ:
            print(f"{n} differs from what the pins give", file=sys.stderr)
        return 1 if differ else 0
    for n in differ:
        (ASSETS / n).write_text(files[n], encoding="utf-8", newline="")
        print(f"wrote kg/export/assets/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
