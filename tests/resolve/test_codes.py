"""kg/resolve/codes.py: actor codes (ISO country, CAMEO sectors) as of a story's date, one row per case."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Entity
from kg.resolve.codes import SOURCES, ActorCode, code_actor
from kg.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def E(label: str, cls: str = "Person", **kw) -> Entity:
    return Entity(id="x/" + label.lower().replace(" ", "-"), label=label, cls=cls, **kw)


SISI = E("Abdel Fattah el-Sisi", country="location/egypt", alt_labels=("Sisi",))
BARAK = E("Ehud Barak")
POWELL = E("Colin Powell")

# entity, story date, CAMEO code, source
CODES = [
    # date-bounded roles from the Phoenix dictionaries, as of the story's date (from inclusive, to exclusive)
    (SISI, "2011-05-01", "EGYMIL", "phoenix"),  # army officer until 2012-08-12
    (SISI, "2012-08-11", "EGYMIL", "phoenix"),
    (SISI, "2012-08-12", "EGYGOVMIL", "phoenix"),  # defence minister from that day
    (SISI, "2013-07-03", "EGYGOVMIL", "phoenix"),
    (SISI, "2014-04-15", "EGYELI", "phoenix"),  # between offices: the default code
    (SISI, "2015-01-01", "EGYGOV", "phoenix"),  # president
    (SISI, None, "EGYELI", "phoenix"),  # no date: the default code
    (BARAK, "1990-01-01", "ISRELI", "phoenix"),
    (BARAK, "2000-01-01", "ISRGOV", "phoenix"),
    (BARAK, "2008-01-01", "ISRGOVMIL", "phoenix"),
    (POWELL, "1985-01-01", "USAELI", "phoenix"),
    (POWELL, "1988-06-01", "USAGOV", "phoenix"),
    (POWELL, "1995-01-01", "USA", "phoenix"),  # no code that day, every code American: the country
    (E("Pervez Musharraf"), "2000-06-01", "PAKGOVMIL", "phoenix"),
    (E("David Petraeus"), "2012-01-01", "USASPY", "phoenix"),
    (E("Mohamed Morsi", country="location/egypt"), "2013-01-01", "EGYGOV", "phoenix"),
    (E("Mohamed Morsi", country="location/egypt"), "2014-01-01", "EGYELI", "phoenix"),
    (E("Ismail Haniyeh", country="location/palestine", alt_labels=("Ismail Haniya",)), "2006-06-01", "PSEGOV", "phoenix"),
    (E("Benjamin Netanyahu", country="location/israel", titles=("Prime Minister",)), "2005-01-01", "ISRELI", "phoenix"),
    (E("Benjamin Netanyahu", country="location/israel", titles=("Prime Minister",)), "2024-03-03", "ISRGOV", "phoenix"),
    # a name with its title, as the dictionaries list titled names: "President Bush" (no "Bush" alone)
    (E("Bush", titles=("President",)), "1990-06-01", "USAGOV", "phoenix"),
    (E("Bush", titles=("former President",)), "2010-06-01", "USAELI", "phoenix"),
    (E("Bush"), "1990-06-01", "", ""),
    # kg's gazetteer: organisations by sector or class, countries, cities
    (E("Hamas", "ArmedGroup", country="location/palestine"), "2024-03-03", "PSEREBHMS", "gazetteer"),
    (E("Egyptian Armed Forces", "GovernmentBody", sector="military"), "2024-03-03", "EGYMIL", "gazetteer"),
    (E("Kremlin", "GovernmentBody"), "2024-03-03", "RUSGOV", "gazetteer"),
    (E("Reuters", "MediaOrganization"), "2024-03-03", "GBRMED", "gazetteer"),
    (E("Maersk", "Company"), "2024-03-03", "DNKBUS", "gazetteer"),
    (E("United Nations", "InternationalOrganization"), "2024-03-03", "IGOUNO", "gazetteer"),
    (E("Egypt", "Country"), "2024-03-03", "EGY", "gazetteer"),
    (E("Serbia", "Country"), "2000-01-01", "SRB", "gazetteer"),  # not Phoenix's SCG SRB of that day: no group
    # of another country's code
    (E("Palestine", "Country"), "2024-03-03", "PSE", "gazetteer"),
    (E("Kosovo", "Country"), "2024-03-03", "XKX", "gazetteer"),  # Phoenix's KSV is no ISO code
    (E("Cairo", "City", country="location/egypt"), "2024-03-03", "EGY", "gazetteer"),
    (E("Dmitry Peskov", country="location/russia", titles=("spokesman",)), "2024-03-03", "RUS", "gazetteer"),
    # group actors: the owner's country and the sector's role, or an organisation owner's own code
    (E("Egyptian officials", "GroupActor", sector="government"), "2024-03-03", "EGYGOV", "sector"),
    (E("Egyptian military officials", "GroupActor", sector="military"), "2024-03-03", "EGYMIL", "gazetteer"),  # owner:
    # "Egyptian military", an alias of the gazetteer's Egyptian Armed Forces
    (E("Malian military", "GroupActor", sector="military", hidden_labels=("Malian soldiers",)), "2024-06-20",
     "MLIMIL", "sector"),
    (E("Qatari foreign ministry", "GroupActor", sector="diplomatic"), "2024-03-03", "QATGOV", "sector"),
    (E("Israeli police", "GroupActor", sector="police"), "2024-03-03", "ISRCOP", "gazetteer"),  # a gazetteer name
    (E("Iranian police officers", "GroupActor", sector="police"), "2024-03-03", "IRNCOP", "sector"),
    (E("Palestinian militants", "GroupActor", sector="armed"), "2024-03-03", "PSEUAF", "sector"),
    (E("Palestinian officials", "GroupActor"), "2024-03-03", "PSE", "country"),
    (E("Hamas political bureau", "GroupActor", sector="political", hidden_labels=("Hamas' political bureau",)),
     "2024-03-03", "PSEREBHMS", "gazetteer"),
    (E("police", "LocalGroup", sector="police"), "2024-03-03", "COP", "sector"),  # no owner: the role alone (its
    # country comes from the event's place, kg/resolve/events.py)
    # an organisation no table knows, named for its country
    (E("Kenyan Union of Journalists", "Organization"), "2024-03-03", "KEN", "name"),
    (E("Kenya Ports Authority", "Organization"), "2024-03-03", "KEN", "name"),
    (E("European Broadcasting Union", "Organization"), "2024-03-03", "", ""),  # a continent's word: no country
    # unknown people with a title
    (E("Sameh Shoukry", titles=("Foreign Minister",)), "2024-03-03", "GOV", "title"),
    (E("Volodymyr Zelensky", country="location/ukraine", titles=("President",)), "2024-05-08", "UKRGOV", "title"),
    (E("Jane Roe", titles=("General",)), "2024-03-03", "MIL", "title"),
    (E("Abu Hamza", titles=("rebel commander",)), "2024-03-03", "REB", "title"),
    (E("Jane Roe", titles=("former President",)), "2024-03-03", "ELI", "title"),
    (E("Jane Roe", titles=("deputy leader", "acting Defence Minister")), "2024-03-03", "GOVMIL", "title"),
    (E("Jane Roe", titles=("police chief",)), "2024-03-03", "COP", "title"),
    (E("Jane Roe", titles=("Secretary-General",)), "2024-03-03", "", ""),  # not a general
    # unknowns
    (E("John Q. Nobody"), "2024-03-03", "", ""),
    (E("Sea", "Location"), "2024-03-03", "", ""),
    (E("Atlantean Liberation Front", "ArmedGroup"), "2024-03-03", "", ""),
]


@pytest.mark.parametrize("entity, date, code, source", CODES,
                         ids=[f"{i}-{row[0].label}-{row[1]}" for i, row in enumerate(CODES)])
def test_code_actor(rules, entity, date, code, source):
    found = code_actor(entity, date, rules)
    assert (found.code, found.source) == (code, source), found


def test_a_code_names_its_parts_and_its_row(rules):
    assert code_actor(SISI, "2013-01-01", rules) == ActorCode(
        country="EGY", sectors=("GOV", "MIL"), source="phoenix", ref="phoenix:abdel-fattah-el-sisi")
    hamas = code_actor(E("Hamas", "ArmedGroup"), "2024-03-03", rules)
    assert (hamas.country, hamas.sectors, hamas.group, hamas.ref) == ("PSE", ("REB",), "HMS", "gazetteer:hamas")
    ecowas = code_actor(E("ECOWAS", "InternationalOrganization"), "2024-03-03", rules)
    assert (ecowas.country, ecowas.region, ecowas.code) == ("", "WAF", "IGOWAFWAS")  # a region, not a country
    assert code_actor(E("Jane Roe", titles=("General",)), "", rules).ref == "title:general"
    assert {c.source for c in (code_actor(e, d, rules) for e, d, *_ in CODES)} - {""} == set(SOURCES)


def test_a_namesake_in_another_country_is_not_used(rules):
    # Phoenix's Abdoulaye Diop is Senegal's minister; Mali's foreign minister shares the name
    assert code_actor(E("Abdoulaye Diop"), "2024-06-20", rules).code == "SENGOV"
    malian = E("Abdoulaye Diop", country="location/mali", titles=("Foreign Minister",))
    assert code_actor(malian, "2024-06-20", rules) == ActorCode(
        country="MLI", sectors=("GOV",), source="title", ref="title:foreign minister")


@pytest.mark.parametrize("date, code", [(dt.date(2013, 1, 1), "EGYGOVMIL"), ("2013", "EGYGOVMIL"),
                                        ("2012-08", "EGYMIL"), ("", "EGYELI")])
def test_dates_in_any_precision(rules, date, code):
    assert code_actor(SISI, date, rules).code == code


@pytest.mark.parametrize("date", ["3 March 2024", "2024-13-01", "2024/03/03"])
def test_a_bad_date_is_an_error(rules, date):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        code_actor(SISI, date, rules)
