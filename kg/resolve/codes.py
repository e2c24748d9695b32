"""Actor codes: an entity's country (ISO 3166-1 alpha-3) and CAMEO sectors as of a story's date.

``code_actor(entity, date, rules)`` asks, in order, and each source fills only what the earlier ones
left open (country, sectors, group):

1. gazetteer: kg's own entry for the entity (by its label): a country's ISO code; an organisation's
   country, and its role from its sector (lexicons/sectors.tsv: a GovernmentBody of sector military is
   MIL) or else its class (ontology/actors/classes.tsv: ArmedGroup REB, MediaOrganization MED…); a
   person's or a place's country.
2. phoenix: the Phoenix actor one of whose names is the entity's name with one of its titles ("President
   Bush", a name the dictionaries list), its label or an alternative label, coded as of ``date`` (kg/rules/actors.py: a person MIL until 2014 and GOV after is MIL in a 2013 story). A
   Phoenix actor of another country than the one kg knows (from its gazetteer or the entity's country
   link) is a namesake and is not used. One whose
   codes hold on no day near the story but all name one country gives that country.
3. sector: a group actor ("Egyptian military officials", an entity of class GroupActor or with a
   sector) gets its owner's code: a nationality word or a country gives the country and the sector's
   role (EGY MIL), an organisation its own code ("Hamas political bureau" is Hamas: PSE REB HMS); with no
   owner, the sector's role alone ("police": COP).
4. name: an organisation no table knows whose name opens with a nationality word or a country's name
   ("Nigerian Union of Teachers", "Kenya Ports Authority"): that country.
5. title: a person's title ("Foreign Minister" GOV, "General" MIL, "rebel commander" REB, "former
   President" ELI) from the curated titles and Phoenix's agent nouns, after kg's title modifiers.
6. country: the country the entity's ``country`` link names.

``source`` says which of these gave the sectors (or, with none, the country); ``ref`` which row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from kg.common.names import match_key
from kg.model import Entity
from kg.rules import Rules
from kg.rules.actors import CameoCode
from kg.rules.gazetteer import GazetteerEntry

SOURCES = ("gazetteer", "phoenix", "sector", "name", "title", "country")
_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class ActorCode:
    """An actor's code as of a date.

    country: ISO 3166-1 alpha-3 ("EGY"; a withdrawn ISO 3166-3 code such as SUN for a state of the past),
    "" when unknown. sectors: CAMEO role codes and international types, in order (("GOV", "MIL"),
    ("IGO",)). group: the code's other blocks (an organisation: "HMS"; a religion). region: a CAMEO region
    (AFR, MEA…) for an actor of no one country. source: one of SOURCES, what gave the sectors (or, with
    none, the country), "" for an actor nothing codes. ref: the row that gave it ("gazetteer:hamas",
    "phoenix:abdel-fattah-el-sisi", "title:foreign minister", "sector:military"; "gazetteer:egypt" for
    a country alone).
    """

    country: str = ""
    sectors: tuple[str, ...] = ()
    group: str = ""
    source: str = ""
    region: str = ""
    ref: str = ""

    @property
    def code(self) -> str:
        """The CAMEO code as event data writes it ("EGYMIL", "PSEREBHMS", "IGOAFRAFU"), "" for none."""
        return CameoCode(self.country, self.sectors, self.group, self.region).code


def code_actor(entity: Entity, date: str | dt.date | None, rules: Rules) -> ActorCode:
    """The code of ``entity`` on ``date`` (the story's date: "YYYY-MM-DD", a shorter "YYYY-MM" or "YYYY"
    read as its first day, a ``datetime.date``, or None/"" for none: then an actor's default code).

    Raises ValueError for a date in another form."""
    day = _day(date)
    code = ActorCode()
    for source, step in _STEPS:
        part = step(entity, day, rules, code)
        if part is not None:
            code = _fill(code, part, source)
    return code


@dataclass(frozen=True)
class _Part:
    code: CameoCode
    ref: str
    source: str = ""  # when not the step's own name ("country" from a group actor without a sector)


def _fill(code: ActorCode, part: _Part, step: str) -> ActorCode:
    source = part.source or step
    # a group is a block of its own country's code: Phoenix's Serbia of 2000 is SCG SRB, no group of kg's SRB
    same = not code.country or not part.code.country or part.code.country == code.country
    new = replace(code, country=code.country or part.code.country, region=code.region or part.code.region,
                  group=code.group or (part.code.group if same else ""))
    if not code.sectors and part.code.sectors:
        return replace(new, sectors=part.code.sectors, source=source, ref=part.ref)
    if not code.source and (part.code.country or part.code.region):
        return replace(new, source=source, ref=part.ref)
    return new


def _from_gazetteer(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    entry = _entry(entity.label, entity.cls, rules)
    return _entry_code(entry, rules) if entry else None


def _entry(name: str, cls: str, rules: Rules) -> GazetteerEntry | None:
    """The gazetteer entry named ``name`` when it is of the same kind (person, organisation, place)."""
    entry = rules.gazetteer.lookup(name)
    schema = rules.schema
    if entry is None or cls and schema.coarse(entry.cls) != schema.coarse(cls) \
            and not (schema.is_a(entry.cls, "Country") and schema.is_a(cls, "Actor")):
        return None
    return entry


def _entry_code(entry: GazetteerEntry, rules: Rules) -> _Part:
    places, actors, schema = rules.places, rules.actors, rules.schema
    if schema.is_a(entry.cls, "Country"):
        return _Part(CameoCode(country=places.country_code(entry.id)), f"gazetteer:{entry.id}")
    country = places.country_code(entry.country) if entry.country else ""
    role = CameoCode()
    if schema.is_a(entry.cls, "Organization"):
        role = actors.sectors.get(entry.sector, CameoCode()) if entry.sector else actors.class_code(entry.cls, schema)
    return _Part(replace(role, country=country), f"gazetteer:{entry.id}")


def _from_phoenix(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    if rules.schema.is_a(entity.cls, "GroupActor"):  # its labels are descriptions, not names
        return None
    fallback = None
    country = known.country or _linked_country(entity, rules)
    for name in (*_titled(entity, rules), entity.label, *entity.alt_labels):
        for actor in rules.actors.named(name):
            if country and actor.countries and country not in actor.countries:
                continue  # a namesake in another country
            code = actor.as_of(day)
            if code:
                return _Part(code, actor.id)
            if fallback is None and len(actor.countries) == 1:
                fallback = _Part(CameoCode(country=next(iter(actor.countries))), actor.id)
    return fallback


def _titled(entity: Entity, rules: Rules) -> list[str]:
    """A person's name with each of its titles, as Phoenix lists titled names ("President Bush", "King
    Hassan II"): a titled name says which namesake is meant, so it is looked up before the bare one. A
    leading "former" (lexicons/titles.tsv) is dropped: the dictionary dates the office, and the story's
    date then finds the former holder's code; a "deputy" or "acting" title is another office and is kept."""
    if not entity.titles or not rules.schema.is_a(entity.cls, "Person"):
        return []
    drop = {match_key(w) for w in rules.titles.former}
    names = []
    for title in entity.titles:
        words = title.split()
        while words and match_key(words[0]) in drop:
            words = words[1:]
        if words:
            names.append(f"{' '.join(words)} {entity.label}")
    return names


def _from_group(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    if not (rules.schema.is_a(entity.cls, "GroupActor") or entity.sector):
        return None
    role = rules.actors.sectors.get(entity.sector or "", CameoCode())
    for label in (entity.label, *entity.hidden_labels, *entity.alt_labels):
        words = label.split()
        for n in range(len(words) - 1, 0, -1):  # the longest owner first: "North Korean" before "North"
            owner = re.sub(r"['’]s?$", "", " ".join(words[:n]))
            country = rules.gazetteer.by_demonym.get(owner.lower())
            entry = rules.gazetteer.entries.get(country) if country else _entry(owner, "", rules)
            if entry is None:
                continue
            if rules.schema.is_a(entry.cls, "Country"):
                code = replace(role, country=rules.places.country_code(entry.id))
                return _Part(code, f"sector:{entity.sector}" if role else f"gazetteer:{entry.id}",
                             "" if role else "country")
            owner_code = code_actor(Entity(id="", label=entry.name, cls=entry.cls), day or None, rules)
            if owner_code.source:
                return _Part(CameoCode(owner_code.country, owner_code.sectors, owner_code.group, owner_code.region),
                             owner_code.ref, owner_code.source)
    # no owner named: the sector's role alone ("police" COP), its country left to the event's place
    return _Part(role, f"sector:{entity.sector}") if role else None


def _from_name(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    if known.country or known.region or entity.country or not rules.schema.is_a(entity.cls, "Organization") \
            or rules.schema.is_a(entity.cls, "GroupActor"):
        return None
    words = entity.label.split()
    for n in (2, 1):  # "South African Airways" before "South"
        if len(words) <= n:
            continue
        phrase = " ".join(words[:n])
        owner = re.sub(r"['’]s?$", "", phrase)
        country = rules.gazetteer.by_demonym.get(owner.lower())
        entry = rules.gazetteer.entries.get(country) if country else _entry(owner, "Country", rules)
        if entry is not None and rules.schema.is_a(entry.cls, "Country"):
            return _Part(CameoCode(country=rules.places.country_code(entry.id)), f"gazetteer:{entry.id}")
    return None


def _from_titles(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    if not rules.schema.is_a(entity.cls, "Person"):
        return None
    found = [t for t in (rules.actors.title(title, rules.titles) for title in entity.titles) if t]
    if not found:
        return None
    phrase, code = max(found, key=lambda t: (bool(t[1]), len(t[0].split()), t[0]))  # the most specific title
    return _Part(code, f"title:{phrase}")


def _from_country(entity: Entity, day: str, rules: Rules, known: ActorCode) -> _Part | None:
    place = _linked_place(entity, rules)
    return _Part(CameoCode(country=place.country), f"gazetteer:{place.key}") if place else None


def _linked_place(entity: Entity, rules: Rules):
    """The country place of the entity's ``country`` link (an entity id, "location/egypt")."""
    if not entity.country:
        return None
    place = rules.places.locate(match_key(entity.country.rsplit("/", 1)[-1]))
    return place if place is not None and place.precision == "country" else None


def _linked_country(entity: Entity, rules: Rules) -> str:
    place = _linked_place(entity, rules)
    return place.country if place else ""


_STEPS = (("gazetteer", _from_gazetteer), ("phoenix", _from_phoenix), ("sector", _from_group), ("name", _from_name),
          ("title", _from_titles), ("country", _from_country))


def _day(date: str | dt.date | None) -> str:
    if not date:
        return ""
    if isinstance(date, dt.date):
        return date.isoformat()[:10]
    m = _DAY.fullmatch(str(date).strip())
    try:
        if not m:
            raise ValueError
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).isoformat()
    except ValueError:
        raise ValueError(f"a story date must be YYYY-MM-DD (or YYYY-MM, YYYY), got {date!r}") from None
