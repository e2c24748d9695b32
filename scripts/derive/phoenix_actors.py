"""Derive kg's actor-code tables from the PETRARCH2 Phoenix actor and agent dictionaries.

    python scripts/derive/phoenix_actors.py [--source DIR] [--out DIR]

Run from anywhere; --source defaults to ../shared/dictionaries/petrarch2/ and --out to ontology/actors/,
both relative to the project root. Standard library only. The dictionaries come from openeventdata/petrarch2
(MIT); kg ships only the tables written here, each with the source files' SHA-256 and the MIT notice in its
header, never the dictionaries themselves. Two runs on the same source give byte-identical files.

Writes
    phoenix_actors.jsonl  a header line, then one actor per line, sorted by id:
        {"id", "name", "aliases", "codes": [{"code", "country", "sectors", "group", "from", "to"}],
         "kind", "where"}
    phoenix_agents.jsonl  a header line, then one agent noun per line, sorted by noun, code, position:
        {"noun", "plurals", "code", "position", "where"}
    countries.tsv         code, name, note for every country or region code the actor files use.
and prints a summary (actors, names, codes, date-bounded codes, agents, skipped lines by reason, sizes).

Reading the actor files (Phoenix.Countries/International/MilNonState.actors.txt), as dictionaries.rst
and PETRARCH2's PETRreader.read_actor_dictionary read them:
  - "#" starts a comment anywhere on a line; blank lines are skipped.
  - A line starting with "+" is a synonym of the current actor; a line starting with "[" (after any
    indentation) holds codes of the current actor; any other line starts a new actor: the primary phrase,
    optionally followed by codes. A line may hold several "[...]" codes ("[IGOUNO 820101-911231] [ELI]").
  - Phrases join words with "_" or blanks; the display form turns both into single spaces, drops the
    trailing "_" and title-cases each word: "a an and at by for in of on the to" stay lower case after
    the first word; words of letters only without a vowel A, E, I, O, U, Y (FTC, KPSS, СССР), roman
    numerals up to XXXIX and parenthesised acronyms of 2-5 letters stay upper case; "ST." becomes "St.",
    "U.S." stays "U.S.". The id is "phoenix:" plus the lower-cased display form with every run of
    characters other than letters and digits turned into "-".
  - "[CODE]" is a default code; "[CODE <date]" applies before the date, "[CODE >date]" from the date,
    "[CODE date-date]" between the two. Dates are YYYYMMDD or YYMMDD (YY 00-30 is 20YY, otherwise 19YY,
    as in KEDS, TABARI and PETRARCH2). Written out as "from"/"to" ISO dates, "" for an open end. A blank
    after "<" or ">" ("> 990101") is read as if it were not there.
  - Codes are kept in file order. The format calls an undated code the default "if none of the date
    restrictions are satisfied"; "[---]" is the null code, which is the same as having no default, so it
    is dropped (and counted).
  - The same primary name in several places (or names whose ids coincide) is one actor: its aliases and
    codes are merged in file order (identical codes once), "where" lists every place, joined by "; ".
    (PETRARCH2 itself keeps only the entry it reads last.)
  - An actor left without any code (its lines were all skipped, or it never had one) is dropped.

Splitting a code into country, sectors and group. CAMEO codes are runs of 3-character blocks:
  1. If the first block is a place code (an ISO 3166-1 alpha-3 code, a withdrawn ISO 3166-3 code, a CAMEO
     region, a CAMEO/Phoenix country code listed in PHOENIX_PLACES such as USR or KSV, or a code the
     Countries file gives a country block of its own), it is the country.
  2. Otherwise, if it is one of the international actor types (IGO, NGO, NGM, IMG, MNC) it is the first
     sector, and the next block is the country when it is a place code (NGOGBRHLH: country GBR, sectors
     NGO and HLH), except for block codes that mean something else there (MUS: Muslim, not Mauritius).
  3. Every later block that is a CAMEO role code (GOV, MIL, REB, OPP, PTY, COP, JUD, SPY, UAF, INS, SEP,
     AGR, BUS, CRM, CVL, DEV, EDU, ELI, ENV, HLH, HRI, LAB, LEG, MED, MOD, RAD, REF) is a sector, in order.
  4. The other blocks, joined in order, are the group: an organisation (PSEREBHMS: group HMS; IGOUNO:
     group UNO), a dependent territory or sub-unit (USAPRIGOV: country USA, group PRI), a status (IRQOCC,
     UZBUNR), a religion or ethnicity (SYRINSMUS, NGOCHRPRO214).
  So "PSEREBHMS" is country PSE, sectors [REB], group HMS; "[ELI]" alone is sectors [ELI], no country.

kind (a heuristic; the Phoenix files do not say what an entry is):
  - "country": a Countries-file actor whose first code is made of place codes only, possibly with a status
    (OCC, UNR): a country, territory or region, with its capital and cities as synonyms;
  - "person": the name has no institution word (ministry, party, council, army, ...; INSTITUTION_WORDS)
    and either the primary line cites a list of officeholders (CountryInfo.txt, IGOrulers.txt) or the
    actor has a date-bounded code and none of "of", "the", "for", "and" in its name;
  - otherwise by file: Countries "organisation", International "international", MilNonState "nonstate".

Reading the agent file (Phoenix.agents.txt):
  - "NOUN_PHRASE {PLURAL} [~CODE]": the noun is lower-cased with "_" and blanks as single spaces.
  - "~CODE": the agent's code goes after the actor's code (USA + ~COP = USACOP): position "suffix";
    "CODE~": it goes before (NGO~ + USA = NGOUSA): position "prefix".
  - "{...}" gives the plural; "{}" means no plural. Otherwise the regular plural of the last word is
    generated: -ies after a consonant + y, -es after s, x, z, ch, sh, -s otherwise (PETRARCH2 itself
    writes -IES after any Y and -ES only after S: ATTORNIES, BOXS). A phrase ending in "_" (a "stopped"
    phrase) gets no generated plural, as the format says for synsets and as PETRARCH2 in effect does.
  - "!NAME! = A, B, C" defines a substitution set; a phrase using !NAME! stands for one phrase per item,
    with no generated plural (as the format says); an item followed by its own plural (MINISTER,
    MINISTERS; MAN, MEN) is one noun with that plural, so "CONGRESS!PERSON!" gives congressman
    (congressmen), congresswoman (congresswomen) and congressperson.

Skipped lines and entries are counted by reason and printed; nothing is silently dropped.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
DEFAULT_OUT = ROOT / "ontology" / "actors"
COMMAND = "python scripts/derive/phoenix_actors.py --source ../shared/dictionaries/petrarch2 --out ontology/actors"

ACTOR_FILES = {  # file -> kind of an entry that is neither a country nor a person
    "Phoenix.Countries.actors.txt": "organisation",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "nonstate",
}
AGENT_FILE = "Phoenix.agents.txt"
SOURCE = "PETRARCH2 Phoenix.*.actors.txt (openeventdata/petrarch2)"
AGENT_SOURCE = "PETRARCH2 Phoenix.agents.txt (openeventdata/petrarch2)"

# ISO 3166-1 alpha-3 (Debian iso-codes 4.15.0), embedded so the converter needs nothing but Python.
ISO_ALPHA3 = frozenset({
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS", "AUT",
    "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL",
    "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG",
    "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM",
    "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR",
    "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY",
    "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA",
    "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY",
    "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL",
    "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM",
    "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER",
    "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU",
    "SDN", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR",
    "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON",
    "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB",
    "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE"
})
# Withdrawn codes (ISO 3166-3) for states of the past; the Phoenix files use ANT, CSK, DDR, SCG, SUN, TMP, YUG.
ISO_WITHDRAWN = {
    "ANT": "Netherlands Antilles", "BUR": "Burma", "CSK": "Czechoslovakia", "DDR": "German Democratic Republic",
    "SCG": "Serbia and Montenegro", "SUN": "USSR", "TMP": "East Timor", "YMD": "South Yemen",
    "YUG": "Yugoslavia", "ZAR": "Zaire",
}
# CAMEO's regional codes (CAMEO codebook, "Regions"; WEU is used by the MilNonState file for Western Europe).
CAMEO_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies",
    "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America",
    "MEA": "Middle East", "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America",
    "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
    "WEU": "Western Europe",
}
# Place codes outside ISO that the actor files use, named after the dictionaries' own entries for them.
PHOENIX_PLACES = {
    "USR": ("Soviet Union", "older CAMEO code for the USSR, used for Soviet republics (USRARM); SUN elsewhere"),
    "FRY": ("Federal Republic of Yugoslavia", "CAMEO code (FRYKSV)"),
    "KRJ": ("Republic of Serbian Krajina", "CAMEO code"),
    "SRP": ("Republika Srpska", "CAMEO code (BIHSRP, SRPUNR)"),
    "ROM": ("Romania", "former ISO 3166-1 code of Romania (ROU since 2002)"),
    "IMY": ("Isle of Man", "CAMEO code (GBRIMY); ISO 3166-1 is IMN"),
    "KSV": ("Kosovo", "World Bank code, as the Countries file says; ISO has none (XKX is user-assigned)"),
    "KNT": ("Kinakuta", "fictional country of PETRARCH's validation entries"),
}
# Status blocks a place code can carry and still name the place: occupied, unrecognised.
PLACE_STATUS = frozenset({"OCC", "UNR"})
INTERNATIONAL_TYPES = ("IGO", "NGO", "NGM", "IMG", "MNC")
ROLES = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "UAF", "INS", "SEP", "AGR", "BUS", "CRM", "CVL", "DEV",
    "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD", "RAD", "REF"
})
# Blocks that are place codes but mean something else right after an international type (IMGMUSALQ).
NOT_A_PLACE_AFTER_TYPE = frozenset({"MUS"})

INSTITUTION_WORDS = frozenset({
    "ministry", "ministries", "party", "council", "army", "forces", "force", "committee", "government", "assembly",
    "parliament", "court", "bank", "university", "agency", "department", "office", "front", "movement", "union",
    "association", "institute", "commission", "bureau", "police", "service", "services", "organization",
    "organisation", "corporation", "company", "group", "brigade", "brigades", "league", "federation", "foundation",
    "congress", "senate", "cabinet", "presidency", "republic", "state", "kingdom", "authority", "administration",
    "navy", "guard", "militia", "network", "centre", "center", "fund", "news", "times", "press", "radio",
    "television", "tv"
})
LINK_WORDS = frozenset({"of", "the", "for", "and"})
PERSON_SOURCES = ("CountryInfo.txt", "IGOrulers.txt")
SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to"})
ROMAN = re.compile(r"^(?=[XVI])X{0,3}(IX|IV|V?I{0,3})$")  # up to XXXIX: regnal numbers, not "DI" or "MIX"
CODE_SHAPE = re.compile(r"^(?:[A-Z0-9]{3})+$")
DATE_TEXT = re.compile(r"^\d+$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LOST_LETTER = "control character in a name (a letter lost to an old encoding: LIAMINE_Z\\x1aROUAL_)"


class Skip(Exception):
    """A line or entry the converter cannot read; the message is the reason it is counted under."""


@dataclass(frozen=True)
class Code:
    code: str
    country: str
    sectors: tuple[str, ...]
    group: str
    start: str
    end: str

    def row(self) -> dict:
        return {"code": self.code, "country": self.country, "sectors": list(self.sectors), "group": self.group,
                "from": self.start, "to": self.end}


@dataclass
class Actor:
    name: str
    file: str
    line: int
    comment: str
    aliases: list[str] = field(default_factory=list)
    # (code, restriction, file:line) as read; split into Code once every file's place codes are known
    codes: list[tuple[str, str, str]] = field(default_factory=list)
    dead: bool = False


@dataclass
class Result:
    """What one run read: actors by id, agents, country names, skip counts and figures for the summary."""
    actors: dict[str, dict] = field(default_factory=dict)
    agents: list[dict] = field(default_factory=list)
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    figures: Counter = field(default_factory=Counter)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)


# ---------------------------------------------------------------- names

def display(phrase: str) -> str:
    """'ISMAIL_HANIYEH_' -> 'Ismail Haniyeh'; see the module docstring for the casing rule."""
    words = phrase.replace("_", " ").split()
    return " ".join(_title(w, first=(i == 0)) for i, w in enumerate(words))


def _title(word: str, first: bool) -> str:
    if word.startswith("(") and word.endswith(")") and 2 <= len(word) - 2 <= 5 and word[1:-1].isalpha():
        return word.upper()
    core = word.strip("(),'\"")
    if core.isalpha() and core.isupper() and (not re.search(r"[AEIOUY]", core) or ROMAN.match(core)):
        return word
    if not first and word.lower() in SMALL_WORDS:
        return word.lower()
    out, cap = [], True
    for ch in word.lower():
        out.append(ch.upper() if cap and ch.isalpha() else ch)
        if ch.isalpha() or ch == "'" or ch.isdigit():
            cap = False
        elif ch in "-.(/+&":
            cap = True
    return "".join(out)


def slug(name: str) -> str:
    return "phoenix:" + re.sub(r"[\W_]+", "-", name.lower()).strip("-")


def words_of(name: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", name.lower()))


# ---------------------------------------------------------------- codes and dates

def iso_date(text: str) -> str:
    """'090120' -> '2009-01-20', '19411207' -> '1941-12-07'; Skip for anything else."""
    if not DATE_TEXT.match(text):
        raise Skip("date is not digits")
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    elif len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    else:
        raise Skip("date neither YYMMDD nor YYYYMMDD")
    month, day = int(rest[:2]), int(rest[2:])
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        raise Skip("impossible date")
    return f"{year:04d}-{month:02d}-{day:02d}"


def restriction(text: str) -> tuple[str, str]:
    """'' -> ('', ''); '<D' -> ('', D); '>D' -> (D, ''); 'D1-D2' -> (D1, D2), as ISO dates."""
    if not text:
        return "", ""
    if text[0] == "<":
        return "", iso_date(text[1:])
    if text[0] == ">":
        return iso_date(text[1:]), ""
    if "-" in text:
        start, _, end = text.partition("-")
        start, end = iso_date(start), iso_date(end)
        if end < start:
            raise Skip("date range ends before it starts")
        return start, end
    raise Skip("single date without < or >")


class Places:
    """Which 3-letter blocks are countries or regions: ISO codes, withdrawn ISO codes, CAMEO regions, and
    the codes the Countries file gives a block of their own."""

    def __init__(self, own: set[str]):
        self.codes = ISO_ALPHA3 | set(ISO_WITHDRAWN) | set(CAMEO_REGIONS) | set(PHOENIX_PLACES) | own

    def __contains__(self, block: str) -> bool:
        return block in self.codes


def split_code(code: str, places: Places) -> tuple[str, tuple[str, ...], str]:
    """'PSEREBHMS' -> ('PSE', ('REB',), 'HMS'): country, sectors, group (module docstring, rules 1-4)."""
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    country, sectors, group = "", [], []
    if blocks[0] in places:
        country, rest = blocks[0], blocks[1:]
    elif blocks[0] in INTERNATIONAL_TYPES:
        sectors.append(blocks[0])
        rest = blocks[1:]
        if rest and rest[0] in places and rest[0] not in NOT_A_PLACE_AFTER_TYPE:
            country, rest = rest[0], rest[1:]
    else:
        rest = blocks
    for block in rest:
        (sectors if block in ROLES else group).append(block)
    return country, tuple(sectors), "".join(group)


def read_codes(text: str) -> list[tuple[str, str]]:
    """'[AFGGOV 331108-730717] [ELI]' -> [('AFGGOV', '331108-730717'), ('ELI', '')]; Skip if anything but
    bracketed codes is left or a bracket is not closed."""
    found = re.findall(r"\[([^\[\]]*)\]", text)
    if re.sub(r"\[[^\[\]]*\]", "", text).strip():
        raise Skip("text outside [...] or an unclosed bracket")
    out = []
    for inside in found:
        tokens = inside.split()
        if not tokens:
            raise Skip("empty []")
        out.append((tokens[0], "".join(tokens[1:])))
    return out


def make_code(code: str, restriction_text: str, places: Places) -> Code:
    if code == "---":
        raise Skip("null code [---] (same as no default)")
    if not CODE_SHAPE.match(code):
        raise Skip("code not made of 3-character blocks")
    start, end = restriction(restriction_text)
    return Code(code, *split_code(code, places), start, end)


# ---------------------------------------------------------------- actor files

def read_actor_file(name: str, text: str, result: Result) -> list[Actor]:
    """The actors of one file, in file order, with raw codes (split once the place codes are known)."""
    actors: list[Actor] = []
    current: Actor | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        body, _, comment = raw.partition("#")
        line = body.strip()
        if not line:
            continue
        try:
            if line.startswith("["):
                if current is None:
                    raise Skip("code line before any actor")
                current.codes.extend(_pending(line, where))
            elif line.startswith("+"):
                if current is None:
                    raise Skip("synonym before any actor")
                alias = line[1:].strip()
                if "[" in alias or "]" in alias:
                    raise Skip("bracket in a synonym")
                if CONTROL.search(alias):
                    raise Skip(LOST_LETTER)
                if not display(alias):
                    raise Skip("empty synonym")
                current.aliases.append(alias)
            else:
                phrase, bracket, codes = line.partition("[")
                current = Actor(phrase.strip(), name, number, comment.strip())
                actors.append(current)
                if "]" in phrase or not display(phrase):
                    current.dead = True
                    raise Skip("unreadable actor name (its synonyms and codes go with it)")
                if CONTROL.search(phrase):
                    current.dead = True
                    raise Skip(LOST_LETTER + " (the actor goes with it)")
                if bracket:
                    try:
                        current.codes.extend(_pending(bracket + codes, where))
                    except Skip as why:
                        current.dead = True
                        raise Skip(f"{why} on an actor's line (the actor goes with it)") from None
        except Skip as why:
            result.skip(str(why), where)
    return actors


def _pending(text: str, where: str) -> list[tuple[str, str, str]]:
    return [(code, restriction_text, where) for code, restriction_text in read_codes(text)]


def own_places(actors: list[Actor]) -> dict[str, str]:
    """Codes the Countries file gives a block of their own ('AFGHANISTAN_ [AFG]'): code -> first name."""
    names: dict[str, str] = {}
    for actor in actors:
        if actor.dead or not actor.codes:
            continue
        code, restriction_text, _ = actor.codes[0]
        if len(code) == 3 and code.isalpha() and not restriction_text and code not in ROLES:
            names.setdefault(code, display(actor.name))
    return names


def place_names(actors: list[Actor], places: Places) -> dict[str, str]:
    """Name of every place code the Countries file uses in a code of places only (AFG, SUNRUS, GBRVGB,
    LTUOCC); the name goes to the code's last place block (GBRVGB names VGB). The name is that of the
    first actor whose first code carries the place and which still codes as it (an undated or ">" code):
    'MOLDOVA_ [USRMDA <910827] ... [MDA >911221]' names MDA, and RUS is the Russian Federation rather
    than the Russian SFSR. Failing that, the first such actor at all, then the first actor carrying it."""
    best: dict[str, tuple[tuple[int, int], str]] = {}
    for order, actor in enumerate(actors):
        if actor.dead or actor.file != "Phoenix.Countries.actors.txt":
            continue
        current = {_place_of(code, places) for code, restriction_text, _ in actor.codes
                   if not restriction_text or restriction_text.startswith(">")}
        for position, (code, _, _) in enumerate(actor.codes):
            place = _place_of(code, places)
            if place:
                rank = (0 if position == 0 else 2) + (0 if place in current else 1), order
                if place not in best or rank < best[place][0]:
                    best[place] = (rank, display(actor.name))
    return {code: name for code, (_, name) in best.items()}


def _place_of(code: str, places: Places) -> str:
    """'GBRVGB' -> 'VGB', 'LTUOCC' -> 'LTU', 'AFGGOV' -> '' (not a code of places only)."""
    if not CODE_SHAPE.match(code):
        return ""
    blocks = [b for b in (code[i:i + 3] for i in range(0, len(code), 3)) if b not in PLACE_STATUS]
    return blocks[-1] if blocks and all(b in places for b in blocks) else ""


def resolve_actors(actors: list[Actor], places: Places, result: Result) -> None:
    """Split codes, classify, merge entries with the same id into result.actors."""
    for actor in actors:
        if actor.dead:
            continue
        codes: list[Code] = []
        for code, restriction_text, where in actor.codes:
            try:
                codes.append(make_code(code, restriction_text, places))
            except Skip as why:
                result.skip(str(why), where)
        where = f"{actor.file}:{actor.line}"
        if not codes:
            result.skip("actor without a usable code", where)
            continue
        name = display(actor.name)
        key = slug(name)
        kind = classify(actor, name, codes, places)
        entry = result.actors.get(key)
        if entry is None:
            entry = result.actors[key] = {"id": key, "name": name, "aliases": [], "codes": [], "kind": kind,
                                          "where": []}
        else:
            result.figures["merged entries"] += 1
            if name != entry["name"]:
                entry["aliases"].append(name)
        entry["aliases"].extend(display(a) for a in actor.aliases)
        entry["codes"].extend(codes)
        entry["where"].append(where)
        if kind == "person" or (kind == "country" and entry["kind"] != "person"):
            entry["kind"] = kind


def classify(actor: Actor, name: str, codes: list[Code], places: Places) -> str:
    first = codes[0]
    group = [first.group[i:i + 3] for i in range(0, len(first.group), 3)]
    if (actor.file == "Phoenix.Countries.actors.txt" and first.country and not first.sectors
            and all(b in places or b in PLACE_STATUS for b in group)):
        return "country"
    words = words_of(name)
    if not words & INSTITUTION_WORDS:
        if any(source in actor.comment for source in PERSON_SOURCES):
            return "person"
        if any(c.start or c.end for c in codes) and not words & LINK_WORDS:
            return "person"
    return ACTOR_FILES[actor.file]


def finish_actors(result: Result) -> list[dict]:
    rows = []
    for key in sorted(result.actors):
        entry = result.actors[key]
        aliases = list(dict.fromkeys(a for a in entry["aliases"] if a != entry["name"]))
        codes = list(dict.fromkeys(entry["codes"]))
        rows.append({"id": key, "name": entry["name"], "aliases": aliases, "codes": [c.row() for c in codes],
                     "kind": entry["kind"], "where": "; ".join(entry["where"])})
    return rows


# ---------------------------------------------------------------- agents

def plural(phrase: str) -> str:
    """Regular plural of the last word: 'POLICE_OFFICER' -> 'POLICE_OFFICERS', 'ENVOY' -> 'ENVOYS'."""
    if re.search(r"[^AEIOU]Y$", phrase):
        return phrase[:-1] + "IES"
    if re.search(r"(S|X|Z|CH|SH)$", phrase):
        return phrase + "ES"
    return phrase + "S"


def pair_items(items: list[str]) -> list[tuple[str, list[str]]]:
    """A substitution set's items with their plurals: an item followed by its regular plural, or by itself
    with MAN turned MEN, is one noun. ['MAN', 'MEN', 'PERSON'] -> [('MAN', ['MEN']), ('PERSON', [])]."""
    out, i = [], 0
    while i < len(items):
        item, following = items[i], items[i + 1] if i + 1 < len(items) else ""
        if following and (following == plural(item) or item.endswith("MAN") and following == item[:-3] + "MEN"):
            out.append((item, [following]))
            i += 2
        else:
            out.append((item, []))
            i += 1
    return out


def noun(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").lower().split())


def read_agent_file(name: str, text: str, result: Result) -> None:
    markers: dict[str, list[str]] = {}
    rows: dict[tuple[str, str, str], dict] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        try:
            if "=" in line and line.startswith("!"):
                marker, _, items = line.partition("=")
                marker = marker.strip()
                if not re.fullmatch(r"![A-Z]+!", marker):
                    raise Skip("bad substitution set")
                markers[marker] = [i.strip() for i in items.split(",") if i.strip()]
                continue
            phrase, bracket, rest = line.partition("[")
            if not bracket:
                raise Skip("agent without a code")
            inside, closed, after = rest.partition("]")
            if not closed or after.strip():
                raise Skip("agent code not closed with ] (or text after it)")
            code_text = inside.strip()
            if code_text.startswith("~") and not code_text.endswith("~"):
                code, position = code_text[1:], "suffix"
            elif code_text.endswith("~") and not code_text.startswith("~"):
                code, position = code_text[:-1], "prefix"
            else:
                raise Skip("agent code without one ~")
            if not CODE_SHAPE.match(code):
                raise Skip("code not made of 3-character blocks")
            phrase = phrase.strip()
            plurals: list[str] | None = None
            if "{" in phrase or "}" in phrase:
                head, brace, tail = phrase.partition("{")
                inner, close, after_brace = tail.partition("}")
                if not brace or not close or after_brace.strip():
                    raise Skip("unbalanced {} in an agent")
                phrase, inner = head.strip(), inner.strip()
                plurals = [inner] if inner else []
            if not phrase:
                raise Skip("agent without a noun")
            used = re.findall(r"![A-Z]+!", phrase)
            if used:
                if len(used) > 1:
                    raise Skip("more than one substitution marker")
                if used[0] not in markers:
                    raise Skip("undefined substitution marker")
                forms = [(phrase.replace(used[0], item), [phrase.replace(used[0], p) for p in item_plurals])
                         for item, item_plurals in pair_items(markers[used[0]])]
            else:
                if plurals is None:
                    plurals = [] if phrase.endswith("_") else [plural(phrase.rstrip("_ "))]
                forms = [(phrase, plurals)]
            for form, form_plurals in forms:
                key = (noun(form), code, position)
                row = rows.setdefault(key, {"noun": key[0], "plurals": [], "code": code, "position": position,
                                            "where": []})
                row["plurals"].extend(noun(p) for p in form_plurals)
                row["where"].append(where)
                result.figures["agent nouns read"] += 1
        except Skip as why:
            result.skip(str(why), where)
    for key in sorted(rows):
        row = rows[key]
        row["plurals"] = sorted({p for p in row["plurals"] if p != row["noun"]})
        row["where"] = "; ".join(row["where"])
        result.agents.append(row)


# ---------------------------------------------------------------- countries

def country_table(rows: list[dict], names: dict[str, str], own: dict[str, str]) -> dict[str, tuple[str, str]]:
    """code -> (name, note) for every code in a country field, and every last block of a place-only code."""
    used: set[str] = set()
    for row in rows:
        for code in row["codes"]:
            if code["country"]:
                used.add(code["country"])
    used |= set(names)
    table = {}
    for code in sorted(used):
        name = names.get(code) or own.get(code) or ""
        if code in ISO_ALPHA3:
            note = ""
        elif code in ISO_WITHDRAWN:
            name = name or ISO_WITHDRAWN[code]
            note = f"not ISO 3166-1: withdrawn code (ISO 3166-3, {ISO_WITHDRAWN[code]})"
        elif code in CAMEO_REGIONS:
            name = name or CAMEO_REGIONS[code]
            note = "not ISO 3166-1: CAMEO region"
        elif code in PHOENIX_PLACES:
            name = name or PHOENIX_PLACES[code][0]
            note = "not ISO 3166-1: " + PHOENIX_PLACES[code][1]
        else:
            note = "not ISO 3166-1: CAMEO/Phoenix code"
        if not name:
            note = (note + "; " if note else "") + "no name in the dictionaries"
        table[code] = (name, note)
    return table


# ---------------------------------------------------------------- output

def header(about: str, source: str, shas: dict[str, str], notice: str) -> dict:
    return {"about": about, "source": source, "source_sha256": shas, "licence": "MIT", "notice": notice}


ACTORS_ABOUT = (
    "Actors of the Phoenix (PETRARCH2) dictionaries with their CAMEO codes as of a date, derived by "
    "scripts/derive/phoenix_actors.py (read its docstring for every rule) with the command: " + COMMAND + ". "
    "One actor per line after this header, sorted by id. name and aliases are title-cased display forms of "
    "the dictionary phrases. codes keep the file order; from/to are ISO dates or \"\" for an open end, as "
    "written in the source (dictionaries.rst calls both ends inclusive; PETRARCH2's coder applies a code "
    "from 'from' up to the day before 'to'); an undated code is the default when no dated code applies. "
    "country is an ISO 3166 alpha-3 or CAMEO code (see countries.tsv), sectors the CAMEO role codes, group "
    "the remaining blocks (organisation, territory, religion...). kind is a heuristic. where is the source "
    "file:line (several, joined by '; ', when entries were merged). Do not edit: regenerate.")
AGENTS_ABOUT = (
    "Agent nouns of the Phoenix (PETRARCH2) agents dictionary, derived by scripts/derive/phoenix_actors.py "
    "with the command: " + COMMAND + ". One noun per line after this header, sorted by noun, code and "
    "position. noun and plurals are lower case with single spaces (the dictionary's '_' and blank "
    "connectors are not kept apart). code is the agent code without '~'; position says where it goes in a "
    "combined code: 'suffix' for '~CODE' (USA + ~COP = USACOP), 'prefix' for 'CODE~' (NGO~ + USA = NGOUSA). "
    "plurals are the dictionary's {...} form, or the generated regular plural, or none. Do not edit: "
    "regenerate.")
COUNTRIES_ABOUT = (
    "Country and region codes used by the Phoenix (PETRARCH2) actor dictionaries, with the name of the "
    "dictionary's own block for the code (a CAMEO region's name from the CAMEO codebook when the "
    "dictionaries have none). note is empty for ISO 3166-1 alpha-3 codes and says what the others are. "
    "Derived by scripts/derive/phoenix_actors.py with the command: " + COMMAND + ". Do not edit: regenerate.")


def jsonl(head: dict, rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [head, *rows])


def tsv(head: dict, table: dict[str, tuple[str, str]]) -> str:
    lines = ["# code\tname\tnote"]
    lines += ["# " + head["about"], "# source: " + head["source"], "# licence: " + head["licence"]]
    lines += [f"# source_sha256 {name}: {sha}" for name, sha in head["source_sha256"].items()]
    lines += [("# " + line).rstrip() for line in head["notice"].splitlines()]
    lines += [f"{code}\t{name}\t{note}" for code, (name, note) in table.items()]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a table is for everyone to read
    os.replace(tmp, path)


# ---------------------------------------------------------------- driver

def convert(texts: dict[str, str], notice: str) -> tuple[dict[str, str], Result]:
    """The three output files' text from the source files' text (file name -> text)."""
    result = Result()
    shas = {name: hashlib.sha256(texts[name].encode("utf-8")).hexdigest() for name in sorted(texts)}
    actors: list[Actor] = []
    for name in ACTOR_FILES:
        actors += read_actor_file(name, texts[name], result)
    own = own_places([a for a in actors if a.file == "Phoenix.Countries.actors.txt"])
    places = Places(set(own))
    names = place_names(actors, places)
    resolve_actors(actors, places, result)
    rows = finish_actors(result)
    read_agent_file(AGENT_FILE, texts[AGENT_FILE], result)
    result.countries = country_table(rows, names, own)
    actor_shas = {n: shas[n] for n in sorted(ACTOR_FILES)}
    out = {
        "phoenix_actors.jsonl": jsonl(header(ACTORS_ABOUT, SOURCE, actor_shas, notice), rows),
        "phoenix_agents.jsonl": jsonl(header(AGENTS_ABOUT, AGENT_SOURCE, {AGENT_FILE: shas[AGENT_FILE]}, notice),
                                      result.agents),
        "countries.tsv": tsv(header(COUNTRIES_ABOUT, SOURCE, actor_shas, notice), result.countries),
    }
    result.figures["actors"] = len(rows)
    result.figures["names (primary + aliases)"] = sum(1 + len(r["aliases"]) for r in rows)
    result.figures["codes"] = sum(len(r["codes"]) for r in rows)
    result.figures["date-bounded codes"] = sum(1 for r in rows for c in r["codes"] if c["from"] or c["to"])
    owners = Counter(n.lower() for r in rows for n in {r["name"], *r["aliases"]})
    result.figures["names on more than one actor"] = sum(1 for n in owners.values() if n > 1)
    result.figures["agents"] = len(result.agents)
    result.figures["countries"] = len(result.countries)
    for kind in sorted({r["kind"] for r in rows}):
        result.figures[f"kind {kind}"] = sum(1 for r in rows if r["kind"] == kind)
    return out, result


def read_source(source: Path) -> tuple[dict[str, str], str]:
    """The dictionaries' text, decoded without touching line ends (so each file's SHA-256 is its bytes')."""
    texts = {name: (source / name).read_bytes().decode("utf-8") for name in [*ACTOR_FILES, AGENT_FILE]}
    notice = (source / "LICENSE").read_text(encoding="utf-8").strip()
    return texts, notice


def summary(result: Result, sizes: dict[str, int]) -> str:
    lines = [f"{k}: {v}" for k, v in result.figures.items()]
    lines.append(f"skipped: {sum(result.skipped.values())}")
    for reason, n in sorted(result.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {n:6d}  {reason}  (first at {result.examples[reason]})")
    lines += [f"{name}: {size:,} bytes" for name, size in sizes.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of the PETRARCH2 dictionaries")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write the tables to")
    args = parser.parse_args(argv)
    try:
        texts, notice = read_source(args.source)
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read the dictionaries in {args.source}: {err}", file=sys.stderr)
        return 2
    out, result = convert(texts, notice)
    for name, text in out.items():
        write(args.out / name, text)
    sizes = {name: (args.out / name).stat().st_size for name in out}
    print(summary(result, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
