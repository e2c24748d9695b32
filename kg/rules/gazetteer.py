"""The gazetteer: well-known actors and places (ontology/gazetteer/*.jsonl, then the user's files),
one JSON object per line with id, name, class and optionally aliases, demonyms, country, sector, capital,
code and successors: the withdrawn ISO 3166-3 alpha-3 code of a state of the past ("SUN" for the Soviet
Union), which GeoNames does not list (scripts/derive/places.py gives it to the state's row of the place
table), and the countries of today on its territory, whose places it held ("Belgrade, Yugoslavia").

Every row is checked when read: known fields only, a known class and sector, a country that is a Country
entry, a capital that has one, a code only on a Country and of three capital letters, demonyms only on a
Country or a Community (communities.jsonl: peoples and faiths, "Kurdish", "Sunni") and each on one entry,
successors only with a code and each a Country entry, no id twice in kg's files (a user's file may
override kg's entry by id, but not repeat an id of its own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.common.names import match_key
from kg.rules.readers import Line, Strings, Unique, jsonl, one_of
from kg.rules.schema import Schema

FILES = ("countries.jsonl", "places.jsonl", "actors.jsonl", "parties.jsonl", "companies.jsonl", "people.jsonl",
         "communities.jsonl")
REQUIRED = {"id": str, "name": str, "class": str}
OPTIONAL = {"aliases": Strings, "demonyms": Strings, "country": str, "sector": str, "capital": bool, "code": str,
            "successors": Strings}


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    sector: str = ""  # for a state body: military, security, diplomatic… (lexicons/sectors.tsv)
    capital: bool = False  # a capital city, which as a subject stands for its state ("Moscow denied")
    successors: tuple[str, ...] = ()  # a state of the past: the country ids of today on its territory


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    by_demonym: dict[str, str] = field(default_factory=dict)  # lower-cased demonym -> country or community id
    by_name: dict[str, str] = field(default_factory=dict)  # match key of a name or alias -> id

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry one of whose names is ``name`` (case, accents and punctuation ignored)."""
        found = self.by_name.get(match_key(name))
        return self.entries[found] if found else None


def read_gazetteer(shipped: list[Path], users: tuple[Path, ...], schema: Schema,
                   sectors: frozenset[str]) -> Gazetteer:
    entries: dict[str, GazetteerEntry] = {}
    where: dict[str, Line] = {}
    kg_ids = Unique("gazetteer id")
    for path in [*shipped, *users]:
        own = kg_ids if path in shipped else Unique("gazetteer id")  # a user file may override kg's ids
        for line, row in jsonl(path, REQUIRED, OPTIONAL):
            own.add(row["id"], line)
            cls = schema.a_class(line, row["class"])
            if row.get("sector"):
                one_of(line, "sector", row["sector"], sectors)
            if row.get("capital") and not row.get("country"):
                raise line.error("a capital needs the id of its country ('country')")
            if "code" in row and not (schema.is_a(cls, "Country") and len(row["code"]) == 3 and row["code"].isupper()):
                raise line.error(f"code '{row['code']}' must be the three capital letters of a Country's ISO code")
            if row.get("successors") and "code" not in row:
                raise line.error("successors are a state of the past's: give its withdrawn ISO code ('code')")
            entries[row["id"]] = GazetteerEntry(
                id=row["id"], name=row["name"], cls=cls, aliases=tuple(row.get("aliases") or ()),
                demonyms=tuple(row.get("demonyms") or ()), country=row.get("country") or None,
                sector=row.get("sector") or "", capital=bool(row.get("capital", False)),
                successors=tuple(row.get("successors") or ()))
            where[row["id"]] = line
    demonyms: dict[str, str] = {}
    for entry in entries.values():
        line = where[entry.id]
        if entry.country is not None:
            country = entries.get(entry.country)
            if country is None:
                raise line.error(f"country '{entry.country}' is not a gazetteer id")
            if not schema.is_a(country.cls, "Country"):
                raise line.error(f"country '{entry.country}' is a {country.cls}, not a Country")
        for successor in entry.successors:
            if not schema.is_a(getattr(entries.get(successor), "cls", ""), "Country"):
                raise line.error(f"successor '{successor}' is not a Country of the gazetteer")
        if entry.demonyms and not (schema.is_a(entry.cls, "Country") or schema.is_a(entry.cls, "Community")):
            raise line.error(f"only a Country or a Community has demonyms ('{entry.id}' is a {entry.cls})")
        for d in entry.demonyms:
            if demonyms.get(d.lower(), entry.id) != entry.id:
                raise line.error(f"demonym '{d}' is already '{demonyms[d.lower()]}''s")
            demonyms[d.lower()] = entry.id
    by_name: dict[str, str] = {}
    for entry in entries.values():  # a name wins over another entry's alias
        for alias in entry.aliases:
            by_name.setdefault(match_key(alias), entry.id)
    for entry in entries.values():
        by_name[match_key(entry.name)] = entry.id
    return Gazetteer(entries, demonyms, by_name)
