"""scripts/derive/phoenix_actors.py: the Phoenix (PETRARCH2) dictionaries read into kg's actor-code tables.

The converter runs here on small made-up dictionaries in each file's format; the committed tables under
ontology/actors/ are checked for shape; and, only where the real dictionaries sit next to the checkout
(../shared/dictionaries/petrarch2/, absent on CI), regenerating them must give the committed bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "ontology" / "actors"
SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"


def _load_script():
    spec = importlib.util.spec_from_file_location("phoenix_actors", ROOT / "scripts" / "derive" / "phoenix_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


phoenix = _load_script()


def lines(*rows: str) -> str:
    return "".join(row + "\n" for row in rows)


COUNTRIES = lines(
    "# Made-up entries in the Phoenix.Countries.actors.txt format.",   # 1
    "RURITANIA_  [RUR]",                                                # 2
    "+RURITANIAN_",                                                     # 3
    "+STRELSAU_ # the capital",                                         # 4
    "",                                                                 # 5
    "RUDOLF_RASSENDYLL_  # CountryInfo.txt",                            # 6
    "+KING_RUDOLF_V",                                                   # 7
    "\t[RURMIL <20140316]",                                             # 8
    "\t[RURGOV >20140316]",                                             # 9
    "RUPERT_OF_HENTZAU_  # CountryInfo.txt",                            # 10
    "\t[RURELI 700101-971231]",                                         # 11
    "\t[RURGOVMIL 980101-031231] [---]",                                # 12
    "\t[RURGOV 2014031-20150101]",                                      # 13: seven digits
    "+BAD]_SYNONYM_",                                                   # 14
    "RURITANIAN_ROYAL_GUARD  [RURMIL]",                                 # 15
    "+ROYAL_GUARD_OF_RURITANIA",                                        # 16
)
INTERNATIONAL = lines(
    "# Made-up entries in the Phoenix.International.actors.txt format.",  # 1
    "UNITED_FEDERATION_ [IGOUNO]",                                          # 2
    "+THE_FEDERATION_",                                                     # 3
    "GLOBAL_HEALTH_WATCH_\t[NGOGBRHLH] #MleH 01 Jul 2010",                  # 4
    "RUDOLF_RASSENDYLL_\t[IGOUNO >150101] [ELI]# IGOrulers.txt",            # 5
    "ACME_WIDGETS_INC_\t[MNCUSA]\tWidgets\t$1,000,000",                     # 6: comment without '#'
    "+ACME_",                                                               # 7
)
MILNONSTATE = lines(
    "# Made-up entries in the Phoenix.MilNonState.actors.txt format.",  # 1
    "RURITANIAN_LIBERATION_FRONT_(RLF)_ [RURREBRLF] #  kkl 21 Mar 13",  # 2
    "+RLF_",                                                              # 3
    "+BLACK_ELPHBERG_BRIGADE_",                                           # 4
    "",                                                                   # 5
    "RLF_POLITICAL_WING [RURRLFOPP]",                                     # 6
    "MISSING_CODE_GROUP_",                                                # 7
    "+SOME_SYNONYM",                                                      # 8
    "BROKEN_NAM\x1aE_ [RURREB]",                                           # 9: a letter lost to an encoding
)
AGENTS = lines(
    "# Made-up entries in the Phoenix.agents.txt format.",  # 1
    "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON",            # 2
    "POLICE {} [~COP] # no plural",                         # 3
    "THIEF {THIEVES} [~CRM]",                               # 4
    "SPOKES!PERSON!  [~MED]",                               # 5
    "AID_AGENCY [NGO~]",                                    # 6
    "ENVOY [~GOV]",                                         # 7
    "BOSS [~BUS]",                                          # 8
    "LIBERATION_FRONT_  [~REB]",                            # 9
    "ISLAMIC_EXTREMIST",                                    # 10
    "POLICE {} [~COP]",                                     # 11
)
NOTICE = "The MIT License (MIT)\n\nCopyright (c) 2014 Somebody\n\nPermission is hereby granted..."
TEXTS = {"Phoenix.Countries.actors.txt": COUNTRIES, "Phoenix.International.actors.txt": INTERNATIONAL,
         "Phoenix.MilNonState.actors.txt": MILNONSTATE, "Phoenix.agents.txt": AGENTS}

C, I, M, A = "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", \
    "Phoenix.agents.txt"


def code(code, country, sectors, group="", start="", end=""):
    return {"code": code, "country": country, "sectors": sectors, "group": group, "from": start, "to": end}


EXPECTED_ACTORS = [
    {"id": "phoenix:global-health-watch", "name": "Global Health Watch", "aliases": [],
     "codes": [code("NGOGBRHLH", "GBR", ["NGO", "HLH"])], "kind": "international", "where": f"{I}:4"},
    {"id": "phoenix:rlf-political-wing", "name": "RLF Political Wing", "aliases": [],
     "codes": [code("RURRLFOPP", "RUR", ["OPP"], "RLF")], "kind": "nonstate", "where": f"{M}:6"},
    {"id": "phoenix:rudolf-rassendyll", "name": "Rudolf Rassendyll", "aliases": ["King Rudolf V"],
     "codes": [code("RURMIL", "RUR", ["MIL"], end="2014-03-16"), code("RURGOV", "RUR", ["GOV"], start="2014-03-16"),
               code("IGOUNO", "", ["IGO"], "UNO", start="2015-01-01"), code("ELI", "", ["ELI"])],
     "kind": "person", "where": f"{C}:6; {I}:5"},
    {"id": "phoenix:rupert-of-hentzau", "name": "Rupert of Hentzau", "aliases": [],
     "codes": [code("RURELI", "RUR", ["ELI"], start="1970-01-01", end="1997-12-31"),
               code("RURGOVMIL", "RUR", ["GOV", "MIL"], start="1998-01-01", end="2003-12-31")],
     "kind": "person", "where": f"{C}:10"},
    {"id": "phoenix:ruritania", "name": "Ruritania", "aliases": ["Ruritanian", "Strelsau"],
     "codes": [code("RUR", "RUR", [])], "kind": "country", "where": f"{C}:2"},
    {"id": "phoenix:ruritanian-liberation-front-rlf", "name": "Ruritanian Liberation Front (RLF)",
     "aliases": ["RLF", "Black Elphberg Brigade"], "codes": [code("RURREBRLF", "RUR", ["REB"], "RLF")],
     "kind": "nonstate", "where": f"{M}:2"},
    {"id": "phoenix:ruritanian-royal-guard", "name": "Ruritanian Royal Guard", "aliases": ["Royal Guard of Ruritania"],
     "codes": [code("RURMIL", "RUR", ["MIL"])], "kind": "organisation", "where": f"{C}:15"},
    {"id": "phoenix:united-federation", "name": "United Federation", "aliases": ["The Federation"],
     "codes": [code("IGOUNO", "", ["IGO"], "UNO")], "kind": "international", "where": f"{I}:2"},
]
EXPECTED_AGENTS = [
    {"noun": "aid agency", "plurals": ["aid agencies"], "code": "NGO", "position": "prefix", "where": f"{A}:6"},
    {"noun": "boss", "plurals": ["bosses"], "code": "BUS", "position": "suffix", "where": f"{A}:8"},
    {"noun": "envoy", "plurals": ["envoys"], "code": "GOV", "position": "suffix", "where": f"{A}:7"},
    {"noun": "liberation front", "plurals": [], "code": "REB", "position": "suffix", "where": f"{A}:9"},
    {"noun": "police", "plurals": [], "code": "COP", "position": "suffix", "where": f"{A}:3; {A}:11"},
    {"noun": "spokesman", "plurals": ["spokesmen"], "code": "MED", "position": "suffix", "where": f"{A}:5"},
    {"noun": "spokesperson", "plurals": [], "code": "MED", "position": "suffix", "where": f"{A}:5"},
    {"noun": "spokeswoman", "plurals": ["spokeswomen"], "code": "MED", "position": "suffix", "where": f"{A}:5"},
    {"noun": "thief", "plurals": ["thieves"], "code": "CRM", "position": "suffix", "where": f"{A}:4"},
]
EXPECTED_SKIPPED = {
    "date neither YYMMDD nor YYYYMMDD": 1,
    "bracket in a synonym": 1,
    "null code [---] (same as no default)": 1,
    "text outside [...] or an unclosed bracket on an actor's line (the actor goes with it)": 1,
    "actor without a usable code": 1,
    "agent without a code": 1,
    phoenix.LOST_LETTER + " (the actor goes with it)": 1,
}


@pytest.fixture(scope="module")
def converted():
    return phoenix.convert(TEXTS, NOTICE)


def _rows(text: str) -> tuple[dict, list[dict]]:
    head, *rows = (json.loads(line) for line in text.splitlines())
    return head, rows


def test_actor_rows(converted):
    out, _ = converted
    assert _rows(out["phoenix_actors.jsonl"])[1] == EXPECTED_ACTORS


def test_agent_rows(converted):
    out, _ = converted
    assert _rows(out["phoenix_agents.jsonl"])[1] == EXPECTED_AGENTS


def test_unreadable_lines_are_counted_by_reason(converted):
    _, result = converted
    assert dict(result.skipped) == EXPECTED_SKIPPED
    assert result.examples["date neither YYMMDD nor YYYYMMDD"] == f"{C}:13"
    assert result.examples["actor without a usable code"] == f"{M}:7"


def test_country_table(converted):
    out, _ = converted
    rows = [line.split("\t") for line in out["countries.tsv"].splitlines() if not line.startswith("#")]
    assert rows == [["GBR", "", "no name in the dictionaries"],
                    ["RUR", "Ruritania", "not ISO 3166-1: CAMEO/Phoenix code"]]


def test_headers_name_the_source_and_carry_the_notice(converted):
    out, _ = converted
    sha = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in TEXTS.items()}
    actors, _ = _rows(out["phoenix_actors.jsonl"])
    assert actors["source_sha256"] == {n: sha[n] for n in (C, I, M)}
    agents, _ = _rows(out["phoenix_agents.jsonl"])
    assert agents["source_sha256"] == {A: sha[A]}
    for head in (actors, agents):
        assert head["licence"] == "MIT" and head["notice"] == NOTICE
        assert "python scripts/derive/phoenix_actors.py" in head["about"]
    tsv_head = [line for line in out["countries.tsv"].splitlines() if line.startswith("#")]
    assert "# Permission is hereby granted..." in tsv_head and f"# source_sha256 {C}: {sha[C]}" in tsv_head


@pytest.mark.parametrize("text, expected", [
    ("PSEREBHMS", ("PSE", ("REB",), "HMS")),
    ("PSEHMSGOV", ("PSE", ("GOV",), "HMS")),
    ("USAGOV", ("USA", ("GOV",), "")),
    ("AFGGOVJUD", ("AFG", ("GOV", "JUD"), "")),
    ("USAPRIGOV", ("USA", ("GOV",), "PRI")),
    ("IGOUNOREFHCR", ("", ("IGO", "REF"), "UNOHCR")),
    ("NGOGBRHLH", ("GBR", ("NGO", "HLH"), "")),
    ("MNCUSA", ("USA", ("MNC",), "")),
    ("IMGMUSALQ", ("", ("IMG",), "MUSALQ")),
    ("IMGSEAMUSJMA", ("SEA", ("IMG",), "MUSJMA")),
    ("MUS", ("MUS", (), "")),
    ("ELI", ("", ("ELI",), "")),
    ("SUNRUSLEG", ("SUN", ("LEG",), "RUS")),
    ("KSVGOV", ("KSV", ("GOV",), "")),
    ("NGOCHRPRO214", ("", ("NGO",), "CHRPRO214")),
])
def test_split_code(text, expected):
    assert phoenix.split_code(text, phoenix.Places(set())) == expected


@pytest.mark.parametrize("text, expected", [
    ("", ("", "")),
    ("<20140316", ("", "2014-03-16")),
    (">090120", ("2009-01-20", "")),
    (">300101", ("2030-01-01", "")),
    ("<310101", ("", "1931-01-01")),
    ("19411207-450703", ("1941-12-07", "1945-07-03")),
    ("20120229-20120301", ("2012-02-29", "2012-03-01")),
])
def test_restriction(text, expected):
    assert phoenix.restriction(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("2004017-20061201", "neither YYMMDD nor YYYYMMDD"),
    ("20110229-20120101", "impossible date"),
    ("20121204", "single date without < or >"),
    (">2012O101", "not digits"),
    ("20121207-20120802", "ends before it starts"),
])
def test_unreadable_restriction(text, reason):
    with pytest.raises(phoenix.Skip, match=re.escape(reason)):
        phoenix.restriction(text)


@pytest.mark.parametrize("phrase, name, key", [
    ("ISMAIL_HANIYEH_", "Ismail Haniyeh", "phoenix:ismail-haniyeh"),
    ("SECRETARY-GENERAL_BAN_KI-MOON", "Secretary-General Ban Ki-Moon", "phoenix:secretary-general-ban-ki-moon"),
    ("COMMUNIST_PARTY_OF_THE_SOVIET_UNION", "Communist Party of the Soviet Union",
     "phoenix:communist-party-of-the-soviet-union"),
    ("UNITED_NATIONS_CHILDREN'S_FUND_", "United Nations Children's Fund", "phoenix:united-nations-children-s-fund"),
    ("POLITBYURO_TSK_KPSS", "Politbyuro TSK KPSS", "phoenix:politbyuro-tsk-kpss"),
    ("ST._PETERSBURG", "St. Petersburg", "phoenix:st-petersburg"),
    ("U.N._SECRETARY_GENERAL", "U.N. Secretary General", "phoenix:u-n-secretary-general"),
    ("CARLOS SANTOS_CRUZ_", "Carlos Santos Cruz", "phoenix:carlos-santos-cruz"),
    ("СССР", "СССР", "phoenix:ссср"),
])
def test_display_name_and_id(phrase, name, key):
    assert phoenix.display(phrase) == name
    assert phoenix.slug(name) == key


# ---------------------------------------------------------------- the committed tables

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KINDS = {"country", "international", "nonstate", "person", "organisation"}
WHERE = re.compile(r"^Phoenix\.[A-Za-z]+(\.actors)?\.txt:\d+(; Phoenix\.[A-Za-z]+(\.actors)?\.txt:\d+)*$")


def _committed(name: str) -> tuple[dict, list[dict]]:
    return _rows((TABLES / name).read_text(encoding="utf-8"))


def _check_header(head: dict) -> None:
    assert set(head) == {"about", "source", "source_sha256", "licence", "notice"}
    assert head["licence"] == "MIT" and "PETRARCH2" in head["source"]
    assert head["notice"].startswith("The MIT License") and "Permission is hereby granted" in head["notice"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", sha) for sha in head["source_sha256"].values())


def test_committed_actor_rows_have_every_field():
    head, rows = _committed("phoenix_actors.jsonl")
    _check_header(head)
    assert len(rows) > 20000
    assert [r["id"] for r in rows] == sorted({r["id"] for r in rows})
    for row in rows:
        assert list(row) == ["id", "name", "aliases", "codes", "kind", "where"], row
        assert row["id"].startswith("phoenix:") and row["id"] == phoenix.slug(row["name"])
        assert isinstance(row["name"], str) and row["name"]
        assert isinstance(row["aliases"], list) and all(isinstance(a, str) and a for a in row["aliases"])
        assert row["kind"] in KINDS and WHERE.match(row["where"]), row
        assert isinstance(row["codes"], list) and row["codes"], row
        for c in row["codes"]:
            assert list(c) == ["code", "country", "sectors", "group", "from", "to"], row
            assert re.fullmatch(r"(?:[A-Z0-9]{3})+", c["code"]) and isinstance(c["group"], str), row
            assert c["country"] == "" or re.fullmatch(r"[A-Z]{3}", c["country"]), row
            assert isinstance(c["sectors"], list) and all(re.fullmatch(r"[A-Z]{3}", s) for s in c["sectors"])
            for end in (c["from"], c["to"]):
                assert end == "" or ISO_DATE.match(end), row
            assert not (c["from"] and c["to"]) or c["from"] <= c["to"], row


def test_committed_agent_rows_have_every_field():
    head, rows = _committed("phoenix_agents.jsonl")
    _check_header(head)
    assert len(rows) > 2000
    keys = [(r["noun"], r["code"], r["position"]) for r in rows]
    assert keys == sorted(set(keys))
    for row in rows:
        assert list(row) == ["noun", "plurals", "code", "position", "where"], row
        assert row["noun"] == row["noun"].lower().strip() and "  " not in row["noun"] and "_" not in row["noun"]
        assert isinstance(row["plurals"], list) and all(isinstance(p, str) and p for p in row["plurals"])
        assert re.fullmatch(r"(?:[A-Z]{3})+", row["code"]) and row["position"] in {"prefix", "suffix"}, row
        assert WHERE.match(row["where"]), row


def test_committed_country_table_covers_every_country_code():
    lines = (TABLES / "countries.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# code\tname\tnote"
    assert any("Permission is hereby granted" in line for line in lines if line.startswith("#"))
    table = {}
    for line in lines:
        if not line.startswith("#"):
            code, name, note = line.split("\t")
            assert re.fullmatch(r"[A-Z]{3}", code) and name, line
            table[code] = note
    assert table["USA"] == "" and table["KSV"].startswith("not ISO") and table["SUN"].startswith("not ISO")
    _, rows = _committed("phoenix_actors.jsonl")
    used = {c["country"] for r in rows for c in r["codes"] if c["country"]}
    assert used <= set(table)


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the PETRARCH2 dictionaries are not next to the checkout")
def test_regenerating_gives_the_committed_bytes(tmp_path, capsys):
    assert phoenix.main(["--source", str(SOURCE), "--out", str(tmp_path)]) == 0
    assert "skipped:" in capsys.readouterr().out
    for name in ("phoenix_actors.jsonl", "phoenix_agents.jsonl", "countries.tsv"):
        assert (tmp_path / name).read_bytes() == (TABLES / name).read_bytes(), name
