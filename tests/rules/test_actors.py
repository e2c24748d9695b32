"""kg/rules/actors.py: the actor-code tables (Phoenix actors and agents, curated titles, classes, country
codes, the sectors' CAMEO column), their checks, and reading a Phoenix actor's code as of a date."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from kg.errors import RuleFileError
from kg.rules import RuleSources, load_rules, shipped_folder
from kg.rules.actors import (
    ROLES,
    TYPES,
    CameoCode,
    DatedCode,
    PhoenixActor,
    read_actors,
)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def fresh(rules):
    folder = rules.sources.folder
    return read_actors(folder / "actors", folder / "lexicons" / "sectors.tsv", rules.schema)


def test_the_phoenix_tables_are_read_on_first_use_only(rules):
    actors = fresh(rules)
    assert "phoenix" not in actors.__dict__ and "agents" not in actors.__dict__
    actors.title("Foreign Minister", rules.titles)
    assert "agents" in actors.__dict__ and "phoenix" not in actors.__dict__
    actors.named("Hamas")
    assert "phoenix" in actors.__dict__


def test_the_shipped_tables_read_whole(rules):
    tables = rules.actors.phoenix
    assert len(tables.actors) > 25000 and len(tables.names) > 30000
    assert len(rules.actors.agents) > 2500
    codes = [c.code for a in tables.actors.values() for c in a.codes]
    assert all(c.country == "" or re.fullmatch(r"[A-Z]{3}", c.country) for c in codes)
    assert {c.country for c in codes} >= {"EGY", "ROU", "XKX", "SUN"}  # ROM, KSV and USR read as ISO codes
    assert not {c.country for c in codes} & {"ROM", "KSV", "USR", "AFR", "KNT"}
    assert {c.region for c in codes} >= {"AFR", "MEA", "WST"}
    assert all(set(c.sectors) <= ROLES | set(TYPES) for c in codes)
    assert sum(1 for a in tables.actors.values() for c in a.codes if c.dated) > 20000


def test_every_kg_sector_has_a_cameo_role(rules):
    assert set(rules.actors.sectors) == set(rules.sectors)
    assert rules.actors.sectors["military"] == CameoCode(sectors=("MIL",))
    assert rules.actors.sectors["cyber"] == CameoCode()  # CAMEO has none


@pytest.mark.parametrize("cls, code", [("ArmedGroup", "REB"), ("GovernmentBody", "GOV"), ("PoliticalParty", "PTY"),
                                       ("MediaOrganization", "MED"), ("Company", "BUS"),
                                       ("InternationalOrganization", "IGO"), ("Organization", ""), ("Person", "")])
def test_class_codes(rules, cls, code):
    assert rules.actors.class_code(cls, rules.schema).code == code


@pytest.mark.parametrize("title, phrase, code", [
    ("Foreign Minister", "foreign minister", "GOV"),
    ("Prime Minister", "prime minister", "GOV"),
    ("President", "president", "GOV"),
    ("General", "general", "MIL"),  # curated: Phoenix has only "generals"
    ("Major General", "major general", "MIL"),
    ("rebel commander", "rebel commander", "REB"),  # the longest title wins over "commander" (MIL)
    ("commander", "commander", "MIL"),
    ("army chief", "army chief", "MIL"),
    ("police chief", "police chief", "COP"),
    ("judge", "judge", "JUD"),
    ("deputy leader", None, None),  # "leader" says no role
    ("acting Defence Minister", "defence minister", "GOVMIL"),  # modifier dropped; curated, Phoenix has a stem
    ("former President", "@former president", "ELI"),
    ("ex-President", "@former president", "ELI"),
    ("spokesman", "spokesman", ""),  # curated: not MED
    ("military spokesman", "military spokesman", "MIL"),
    ("Secretary-General", "secretary general", ""),
])
def test_titles(rules, title, phrase, code):
    found = rules.actors.title(title, rules.titles)
    assert (found[0], found[1].code) == (phrase, code) if phrase else found is None


SISI = PhoenixActor("phoenix:x", "X", (
    DatedCode(CameoCode("EGY", ("MIL",)), "", "2012-08-12"),
    DatedCode(CameoCode("EGY", ("GOV", "MIL")), "2012-08-12", "2014-03-26"),
    DatedCode(CameoCode("EGY", ("GOV",)), "2014-06-08", ""),
    DatedCode(CameoCode("EGY", ("ELI",))),
), "person")


@pytest.mark.parametrize("day, code", [("2000-01-01", "EGYMIL"), ("2012-08-11", "EGYMIL"),
                                       ("2012-08-12", "EGYGOVMIL"), ("2014-03-25", "EGYGOVMIL"),
                                       ("2014-03-26", "EGYELI"), ("2014-06-08", "EGYGOV"), ("", "EGYELI")])
def test_a_code_holds_from_its_first_day_to_the_day_before_its_end(day, code):
    assert SISI.as_of(day).code == code


def test_first_dated_code_in_file_order_wins_and_no_default_means_none():
    actor = PhoenixActor("phoenix:y", "Y", (DatedCode(CameoCode("LKA", ("GOV",)), "2005-12-01", "2006-09-01"),
                                            DatedCode(CameoCode("LKA", ("GOV", "BUS")), "2005-12-01", "2010-05-01"),
                                            DatedCode(CameoCode("LKA", ("GOV",)), "2004-01-01", "2004-01-01")), "person")
    assert actor.as_of("2006-01-01").code == "LKAGOV"
    assert actor.as_of("2007-01-01").code == "LKAGOVBUS"
    assert actor.as_of("2004-01-01") is None  # a code from a day to the same day holds on none
    assert actor.as_of("").code == "LKAGOV"  # no date, no default: the latest start, the first of equals


def test_a_name_of_several_actors_lists_the_one_it_names_first(rules):
    assert [a.id for a in rules.actors.named("Hamas")] == ["phoenix:hamas"]
    assert [a.id for a in rules.actors.named("Sisi")] == ["phoenix:abdel-fattah-el-sisi"]
    assert rules.actors.named("Nobody Atall") == []


GOOD_CODE = {"code": "EGYGOV", "country": "EGY", "sectors": ["GOV"], "group": "", "from": "", "to": ""}
ACTOR = {"id": "phoenix:zz", "name": "Zz", "aliases": [], "codes": [GOOD_CODE], "kind": "person", "where": "x:1"}
BROKEN = [  # file (under ontology/), line to append, when the error shows ("load" or "use"), reason
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": [{**GOOD_CODE, "from": "2014"}]}), "use",
     r"'from' must be a date YYYY-MM-DD"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": [{**GOOD_CODE, "from": "2014-01-01",
                                                                   "to": "2013-01-01"}]}), "use",
     r"ends \(2013-01-01\) before it starts"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": [{**GOOD_CODE, "sectors": ["XYZ"]}]}), "use",
     r"sectors must be CAMEO role codes"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": [{**GOOD_CODE, "country": "QQQ"}]}), "use",
     r"unknown country code 'QQQ'"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": []}), "use", r"at least one code"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "codes": [{"code": "EGY"}]}), "use",
     r"a code must be an object with the fields"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "kind": "robot"}), "use", r"unknown kind 'robot'"),
    ("actors/phoenix_actors.jsonl", json.dumps({**ACTOR, "id": "phoenix:hamas"}), "use", r"duplicate actor id"),
    ("actors/phoenix_actors.jsonl", json.dumps({k: v for k, v in ACTOR.items() if k != "name"}), "use",
     r"missing field 'name'"),
    ("actors/phoenix_agents.jsonl", json.dumps({"noun": "zz", "plurals": [], "code": "GOVX", "position": "suffix",
                                                "where": "x:1"}), "use", r"3-character CAMEO blocks"),
    ("actors/phoenix_agents.jsonl", json.dumps({"noun": "zz", "plurals": [], "code": "GOV", "position": "middle",
                                                "where": "x:1"}), "use", r"unknown position 'middle'"),
    ("actors/country_codes.tsv", "QQQ\t-\t-\t-\tnot in countries.tsv", "load", r"'QQQ' is not a non-ISO code"),
    ("actors/country_codes.tsv", "ROM\tROU\t-\t-\tagain", "load", r"duplicate code 'ROM'"),
    ("actors/titles.tsv", "Field Marshal\tMIL\tnote", "load", r"write the title as 'field marshal'"),
    ("actors/titles.tsv", "field marshal\tMILX\tnote", "load", r"3-character CAMEO blocks"),
    ("actors/titles.tsv", "general\tMIL\tagain", "load", r"duplicate title 'general'"),
    ("actors/agents.tsv", "Ferryman\tferrymen\tCVL\tnote", "load", r"write 'Ferryman' as 'ferryman'"),
    ("actors/agents.tsv", "ferryman\tferrymen\tCV\tnote", "load", r"3-character CAMEO blocks"),
    ("actors/agents.tsv", "prisoner\tprisoners\tCVL\tagain", "load", r"duplicate agent noun 'prisoner'"),
    ("actors/agents.tsv", "ferryman\tCVL\tnote", "load", r"field|column"),
    ("actors/classes.tsv", "Militia\tREB\tnote", "load", r"unknown class 'Militia'"),
    ("actors/classes.tsv", "Company\tMNC\tagain", "load", r"duplicate class 'Company'"),
    ("lexicons/sectors.tsv", "space\tspace forces", "load", r"sector 'space' needs its CAMEO role code"),
    ("lexicons/sectors.tsv", "space\tspace forces\tSPC", "load", r"unknown CAMEO role code 'SPC'"),
]


@pytest.mark.parametrize("target, text, when, reason", BROKEN, ids=[
    f"{row[0].split('/')[-1]}-{i}" for i, row in enumerate(BROKEN)])
def test_a_broken_actor_table_is_refused_with_file_line_and_reason(tmp_path, target, text, when, reason):
    folder = tmp_path / "ontology"
    shutil.copytree(shipped_folder(), folder)
    path = folder / target
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text + "\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(RuleFileError) as caught:
        rules = load_rules(RuleSources(root=folder))
        assert when == "use", "the file should have been refused on load"
        rules.actors.named("Hamas") if "actors.jsonl" in target else rules.actors.title("x", rules.titles)
    assert (caught.value.path, caught.value.line) == (path, line)
    assert re.search(reason, caught.value.reason), caught.value.reason


def test_a_non_iso_code_without_a_curated_row_is_refused(tmp_path):
    folder = tmp_path / "ontology"
    shutil.copytree(shipped_folder(), folder)
    path = folder / "actors" / "country_codes.tsv"
    path.write_text("".join(l for l in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not l.startswith("KSV\t")), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"no row for the code\(s\) KSV of countries.tsv"):
        load_rules(RuleSources(root=folder))


def test_curated_agent_nouns_come_before_phoenix_and_make_event_parties(rules):
    from kg.api import extract_documents
    from kg.config import Settings
    from kg.model import Document

    assert rules.actors.agents["prisoners"] == CameoCode(sectors=("CVL",))
    assert rules.actors.agents["suspect"] == CameoCode(sectors=("CRM",))
    assert rules.actors.agents["detainee"].sectors == ("OPP",)  # Phoenix's own row still there
    texts = ["The Ugandan army freed 40 prisoners on Monday.", "Police in Accra arrested three suspects.",
             "The rebels released two hostages."]
    found = [{(r.predicate, r.object.name) for r in res.relations}
             for res in extract_documents([Document(f"t{i}.txt", t) for i, t in enumerate(texts)], Settings())]
    assert ("release", "prisoners") in found[0]
    assert ("detain", "suspects") in found[1]
    assert ("release", "hostages") in found[2]
