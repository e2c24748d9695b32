"""Actor codes as data: the CAMEO country and role codes of named actors, agent nouns, sectors and classes.

Read from ``ontology/actors/`` and ``lexicons/sectors.tsv``:

    phoenix_actors.jsonl   26,000 actors of the Phoenix (PETRARCH2, MIT) dictionaries with date-bounded
                           codes, derived by scripts/derive/phoenix_actors.py (read on first use)
    phoenix_agents.jsonl   2,600 agent nouns ("police" -> COP, "rebel commander" -> REB), same source
    countries.tsv          the dictionaries' country and region codes (derived, same source)
    country_codes.tsv      curated: what each non-ISO code of countries.tsv becomes (ROM -> ROU, AFR a region)
    titles.tsv             curated: title codes read before the agent nouns ("general" -> MIL)
    agents.tsv             curated: agent nouns Phoenix lacks, read before its own ("prisoners" -> CVL)
    classes.tsv            curated: a gazetteer class's role (ArmedGroup -> REB, MediaOrganization -> MED)
    lexicons/sectors.tsv   the "cameo" column: a kg sector's role (military -> MIL)

The small tables are read and checked with the other rules; the Phoenix tables (0.8 s, 60 MB) are read
and checked on the first lookup, so a build that codes no actor never pays for them. kg/resolve/codes.py
puts these together into an entity's code as of a story's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.common.names import match_key
from kg.rules.lexicons import Titles
from kg.rules.readers import Line, Strings, Unique, jsonl, one_of, tsv
from kg.rules.schema import Schema

# CAMEO's actor role codes (CAMEO codebook, "Actor codes"), as scripts/derive/phoenix_actors.py splits them,
# and the international actor types that open a code (IGO~, NGO~…).
ROLES = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "UAF", "INS", "SEP", "AGR", "BUS", "CRM",
                   "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD", "RAD", "REF"})
TYPES = ("IGO", "NGO", "NGM", "IMG", "MNC")
# CAMEO's religion codes (codebook, "Religion"), which open the group of a religious agent ("imam" MUS,
# "bishop" CHR, "pilgrim" REL)
RELIGIONS = frozenset({"REL", "MUS", "CHR", "JEW", "HIN", "BUD"})
KINDS = ("country", "person", "organisation", "international", "nonstate")
FORMER = "@former"
_BLOCKS = re.compile(r"(?:[A-Z0-9]{3})+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PHOENIX = {"id": str, "name": str, "aliases": Strings, "codes": list, "kind": str, "where": str}
_CODE_FIELDS = ("code", "country", "sectors", "group", "from", "to")
_AGENT = {"noun": str, "plurals": list, "code": str, "position": str, "where": str}


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO actor code in parts: country (ISO 3166-1 alpha-3, or a withdrawn ISO 3166-3 code for a
    state of the past), region (a CAMEO region such as AFR, for an actor of no one country), sectors (role
    codes and international types, in order) and group (the other blocks: an organisation, a religion)."""

    country: str = ""
    sectors: tuple[str, ...] = ()
    group: str = ""
    region: str = ""

    @property
    def code(self) -> str:
        """The code as CAMEO writes it: types, country or region, roles, group ("IGOAFRAFU", "EGYMIL")."""
        types = [s for s in self.sectors if s in TYPES]
        roles = [s for s in self.sectors if s not in TYPES]
        return "".join([*types, self.country or self.region, *roles, self.group])

    def __bool__(self) -> bool:
        return bool(self.country or self.sectors or self.group or self.region)

    @property
    def religious(self) -> bool:
        """The code names people by their religion ("pilgrim" REL, "imam" MUS, "Catholic bishop" CHRCTH)."""
        return self.group[:3] in RELIGIONS


@dataclass(frozen=True)
class DatedCode:
    """A code that holds from ``start`` (inclusive) to ``end`` (exclusive), ISO dates, "" for an open
    end; both empty for the actor's default code."""

    code: CameoCode
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def holds_on(self, day: str) -> bool:
        return self.dated and (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass(frozen=True)
class PhoenixActor:
    id: str
    name: str
    codes: tuple[DatedCode, ...]
    kind: str

    def as_of(self, day: str) -> CameoCode | None:
        """The code on ``day`` (YYYY-MM-DD) as PETRARCH2 reads the dictionary: the first dated code, in
        file order, whose interval holds the day (from its first day up to the day before its end), else
        the default (undated) code, else None. With no day: the default, else the latest-starting code
        (the first of equals)."""
        if day:
            found = next((c for c in self.codes if c.holds_on(day)), None)
            if found:
                return found.code
        default = next((c for c in self.codes if not c.dated), None)
        if default or day:
            return default.code if default else None
        return max(self.codes, key=lambda c: c.start).code if self.codes else None

    @property
    def countries(self) -> frozenset[str]:
        """Every country any of its codes names."""
        return frozenset(c.code.country for c in self.codes if c.code.country)


@dataclass(frozen=True)
class PhoenixTables:
    actors: dict[str, PhoenixActor]
    names: dict[str, tuple[str, ...]]  # match key -> actor ids, those whose own name it is first


@dataclass(frozen=True)
class Actors:
    """The actor-code tables. ``phoenix`` (the actors) is read on first use of ``named``, ``agents`` (the
    agent nouns: match key of a noun or of its plural -> its code) on first use of ``title``."""

    folder: Path
    sectors: dict[str, CameoCode]  # kg sector -> its role (empty code for none)
    classes: dict[str, CameoCode]  # gazetteer class -> its role
    titles: dict[str, CameoCode]  # curated title (match key, or "@former") -> its code (empty: no role)
    countries: dict[str, CameoCode] = field(repr=False, default_factory=dict)  # Phoenix code -> kg's reading
    curated_agents: dict[str, CameoCode] = field(default_factory=dict)  # agents.tsv: noun or plural -> code
    not_agents: frozenset[str] = frozenset()  # agents.tsv rows coded "-": Phoenix nouns that name no people

    @cached_property
    def phoenix(self) -> PhoenixTables:
        return read_phoenix(self.folder / "phoenix_actors.jsonl", self.countries)

    @cached_property
    def agents(self) -> dict[str, CameoCode]:
        found = read_agents(self.folder / "phoenix_agents.jsonl") | self.curated_agents
        return {word: code for word, code in found.items() if word not in self.not_agents}

    def named(self, name: str) -> list[PhoenixActor]:
        """The Phoenix actors one of whose names is ``name`` (case, accents, punctuation ignored), those
        whose own name it is first."""
        tables = self.phoenix
        return [tables.actors[i] for i in tables.names.get(match_key(name), ())]

    def class_code(self, cls: str, schema: Schema) -> CameoCode:
        """The role of an organisation of class ``cls``: its own row, else the nearest ancestor's."""
        if cls in self.classes:
            return self.classes[cls]
        rows = [c for c in schema.ancestors.get(cls, ()) if c in self.classes]
        # the most specific ancestor is the one with the most ancestors of its own
        return self.classes[max(rows, key=lambda c: (len(schema.ancestors[c]), c))] if rows else CameoCode()

    def title(self, title: str, titles: Titles) -> tuple[str, CameoCode] | None:
        """The role a person's title gives ("Foreign Minister" -> GOV, "rebel commander" -> REB, "former
        President" -> ELI) with the words that gave it, or None when no title table knows it.

        Leading modifiers of kg's titles lexicon are dropped ("deputy", "acting"; a "former" one makes the
        code the ``@former`` row's); then the longest run of words that ends the title and is a curated
        title (titles.tsv) or a Phoenix agent noun or plural wins, curated first at equal length."""
        words = match_key(title).split()
        drop = {match_key(w) for w in titles.demoting | titles.former}
        former = {match_key(w) for w in titles.former}
        was = False
        while words and words[0] in drop:
            was = was or words[0] in former
            words = words[1:]
        agents = self.agents
        for i in range(len(words)):
            phrase = " ".join(words[i:])
            code = self.titles.get(phrase, agents.get(phrase))
            if code is not None:
                if was and code:
                    return f"{FORMER} {phrase}", self.titles.get(FORMER, code)
                return phrase, code
        return None


def split_code(line: Line, code: str) -> CameoCode:
    """An agent code ("GOVMIL", "REBMUS", "NGO") in parts: role and type blocks are sectors, the rest the
    group."""
    if not _BLOCKS.fullmatch(code):
        raise line.error(f"code must be 3-character CAMEO blocks, got {code!r}")
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    return CameoCode(sectors=tuple(b for b in blocks if b in ROLES or b in TYPES),
                     group="".join(b for b in blocks if b not in ROLES and b not in TYPES))


def _cell(value: str) -> str:
    return "" if value == "-" else value


def read_actors(folder: Path, sectors_file: Path, schema: Schema) -> Actors:
    """The small actor tables of ``folder`` (ontology/actors/) and the sectors' codes, checked; the Phoenix
    tables are read on first use."""
    sectors = {}
    for line, cells in tsv(sectors_file, ("sector", "description", "cameo"), optional=1):
        if len(cells) < 3:
            raise line.error(f"sector '{cells[0]}' needs its CAMEO role code in a third column ('-' for none)")
        sectors[cells[0]] = _role(line, cells[2])
    classes = {}
    seen = Unique("class")
    for line, (cls, code, _note) in tsv(folder / "classes.tsv", ("class", "cameo", "note")):
        seen.add(cls, line)
        classes[schema.a_class(line, cls)] = _role(line, code)
    titles = {}
    seen = Unique("title")
    for line, (phrase, code, _note) in tsv(folder / "titles.tsv", ("title", "cameo", "note")):
        key = phrase if phrase == FORMER else match_key(phrase)
        if phrase not in (FORMER, key):
            raise line.error(f"write the title as {key!r} (lower case, hyphens as spaces)")
        seen.add(key, line)
        titles[key] = CameoCode() if code == "-" else split_code(line, code)
    agents, not_agents = {}, set()
    seen = Unique("agent noun")
    for line, (noun, plural, code, _note) in tsv(folder / "agents.tsv", ("noun", "plural", "cameo", "note")):
        parsed = None if code == "-" else split_code(line, code)
        for word in (noun, plural):
            if word != match_key(word):
                raise line.error(f"write {word!r} as {match_key(word)!r} (lower case, hyphens as spaces)")
            seen.add(word, line)
            if parsed is None:
                not_agents.add(word)
            else:
                agents[word] = parsed
    return Actors(folder, sectors, classes, titles, read_country_codes(folder / "countries.tsv",
                                                                       folder / "country_codes.tsv"), agents,
                  frozenset(not_agents))


def _role(line: Line, code: str) -> CameoCode:
    if code == "-":
        return CameoCode()
    return CameoCode(sectors=(one_of(line, "CAMEO role code", code, ROLES | set(TYPES)),))


def read_country_codes(derived: Path, curated: Path) -> dict[str, CameoCode]:
    """Phoenix country code -> what kg codes it as: itself for an ISO 3166-1 code of countries.tsv (an
    empty note), else the curated row of country_codes.tsv, which every other code must have."""
    out: dict[str, CameoCode] = {}
    others: dict[str, Line] = {}
    try:  # the derived file ends an ISO row with an empty note, which readers.tsv refuses
        text = derived.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as err:
        raise Line(derived, 0).error(f"cannot be read ({err})") from None
    for n, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) != 3 or not _BLOCKS.fullmatch(cells[0]) or len(cells[0]) != 3:
            raise Line(derived, n).error(f"expected a 3-letter code, a name and a note (maybe empty), got {row!r}")
        if cells[2]:
            others[cells[0]] = Line(derived, n)
        else:
            out[cells[0]] = CameoCode(country=cells[0])
    seen = Unique("code")
    for line, (code, country, region, group, _note) in tsv(curated, ("code", "country", "region", "group", "note")):
        seen.add(code, line)
        if code not in others:
            raise line.error(f"'{code}' is not a non-ISO code of {derived.name}")
        out[code] = CameoCode(country=_cell(country), region=_cell(region), group=_cell(group))
    missing = sorted(set(others) - set(out))
    if missing:
        raise Line(curated, 0).error(f"no row for the code(s) {', '.join(missing)} of {derived.name}")
    return out


def read_phoenix(actors_file: Path, countries: dict[str, CameoCode]) -> PhoenixTables:
    """phoenix_actors.jsonl, every row checked (``file:line: reason``); country codes read through
    ``countries`` (read_country_codes)."""
    actors: dict[str, PhoenixActor] = {}
    own: dict[str, list[str]] = {}
    alias: dict[str, list[str]] = {}
    seen = Unique("actor id")
    for line, row in jsonl(actors_file, _PHOENIX):
        seen.add(row["id"], line)
        one_of(line, "kind", row["kind"], KINDS)
        codes = tuple(_dated(line, c, countries) for c in row["codes"])
        if not codes:
            raise line.error("an actor needs at least one code")
        actors[row["id"]] = PhoenixActor(row["id"], row["name"], codes, row["kind"])
        own.setdefault(match_key(row["name"]), []).append(row["id"])
        for name in row["aliases"]:
            alias.setdefault(match_key(name), []).append(row["id"])
    names = {}
    for key in own.keys() | alias.keys():
        ids = own.get(key, []) + sorted(set(alias.get(key, ())) - set(own.get(key, ())))
        names[key] = tuple(dict.fromkeys(ids))
    return PhoenixTables(actors, names)


def read_agents(agents_file: Path) -> dict[str, CameoCode]:
    """phoenix_agents.jsonl, every row checked: match key of a noun or of its plural -> its code."""
    agents: dict[str, CameoCode] = {}
    for line, row in jsonl(agents_file, _AGENT):
        one_of(line, "position", row["position"], ("suffix", "prefix"))
        code = split_code(line, row["code"])
        for noun in [row["noun"], *row["plurals"]]:
            if not isinstance(noun, str) or not noun.strip():
                raise line.error(f"field 'plurals' must be a list of non-empty strings, got {row['plurals']!r}")
            agents.setdefault(match_key(noun), code)  # a noun's first row (sorted by code) wins
    return agents


def _dated(line: Line, code: object, countries: dict[str, CameoCode]) -> DatedCode:
    if not isinstance(code, dict) or sorted(code) != sorted(_CODE_FIELDS):
        raise line.error(f"a code must be an object with the fields {', '.join(_CODE_FIELDS)}, got {code!r}"[:200])
    for end in ("from", "to"):
        if code[end] and not (isinstance(code[end], str) and _DATE.fullmatch(code[end])):
            raise line.error(f"'{end}' must be a date YYYY-MM-DD or \"\", got {code[end]!r}")
    if code["from"] and code["to"] and code["from"] > code["to"]:  # equal: a code of no day, as in the source
        raise line.error(f"code {code['code']!r} ends ({code['to']}) before it starts ({code['from']})")
    sectors = code["sectors"]
    if not isinstance(sectors, list) or any(s not in ROLES and s not in TYPES for s in sectors):
        raise line.error(f"sectors must be CAMEO role codes, got {sectors!r}")
    country = code["country"]
    place = CameoCode()
    if country:
        if country not in countries:
            raise line.error(f"unknown country code {country!r}: not in countries.tsv")
        place = countries[country]
    group = "".join(g for g in (place.group, code["group"]) if g)
    return DatedCode(CameoCode(place.country, tuple(sectors), group, place.region), code["from"], code["to"])
