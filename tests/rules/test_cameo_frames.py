"""scripts/derive/cameo_frames.py: the PETRARCH2 CAMEO verb dictionary read into kg's verb frames.

The converter runs here on a small made-up dictionary in the CAMEO.2.0.txt format; the committed frames
under ontology/frames/ are checked for shape and against ontology/frames/cameo_words.tsv; and, only where
the real dictionary sits next to the checkout (../shared/dictionaries/petrarch2/, absent on CI),
regenerating them must give the committed bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAMES = ROOT / "ontology" / "frames"
SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"

KG_WORDS = {
    "memberOf", "leaderOf", "partOf", "affiliatedWith", "alliedWith", "locatedIn", "consultWith", "meetWith",
    "negotiateWith", "visit", "mediate", "cooperateWith", "agreeWith", "support", "request", "propose", "reject",
    "deny", "criticize", "accuse", "threaten", "attack", "kill", "fight", "detain", "sanction", "statedTo",
    # new this round
    "aid", "concede", "release", "retreat", "investigate", "demand", "protest", "mobilize", "coerce",
    "reduceRelations",
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _load_script():
    spec = importlib.util.spec_from_file_location("cameo_frames", ROOT / "scripts" / "derive" / "cameo_frames.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


frames = _load_script()


def lines(*rows: str) -> str:
    return "".join(row + "\n" for row in rows)


DICTIONARY = lines(
    "# Made-up entries in the CAMEO.2.0.txt format.",                 # 1
    "####### SYNONYM SETS #######",                                     # 2
    "&PACT",                                                            # 3
    "+TREATY",                                                          # 4
    "+ACCORDS  # listed as a plural",                                   # 5
    "+PEACE_DEALS",                                                     # 6
    "&AUX_",                                                            # 7
    "+IS_TO",                                                           # 8
    "",                                                                 # 9
    "####### VERB PATTERNS #######",                                    # 10
    "---  ASSAIL   [190]  ---",                                         # 11
    "ASSAIL  # shan 9/27/93",                                           # 12
    "- * {AIR BASES}                 [195]  # ASSAIL",                  # 13
    "- * &PACT (WITH +)              [196]",                            # 14
    "- $ TROOPS * (INTO {BORDER TOWNS}) [192]",                         # 15
    "- * (BEFORE COURT)              [:173]",                           # 16
    "- * DEFEAT                      [---]",                            # 17
    "- * {PEACE &PACT}               [062:062]",                        # 18
    "- * FIRST MOVE                  [100]  # two bare nouns",          # 19
    "- * &UNDEFINED                  [190]",                            # 20
    "",                                                                 # 21
    "---  SURVEIL   [091]  ---",                                        # 22
    "WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED WIRE_+TAPPING} [092]",          # 23
    "+LISTEN_IN",                                                       # 24
    "- * CALLS (BY $)                [093]",                            # 25
    "~ a (a b ATTACK) SAY = a b 015",                                   # 26
)
NOTICE = "The MIT License (MIT)\n\nCopyright (c) 2014 Someone\n\nPermission is hereby granted..."


def row(lemma, where, code, *, particle="", before="", block="ASSAIL", **pattern):
    """A frame row with every field, empty unless given."""
    out = {"lemma": lemma, "particle": particle, "before": before, "subject_noun": "", "subject_modifiers": [],
           "noun": "", "modifiers": [], "prep": "", "prep_noun": "", "prep_modifiers": [], "preps": [],
           "source_at": "", "target_at": "", "code": code, "code2": "", "written_for": "", "block": block,
           "where": f"CAMEO.2.0.txt:{where}"}
    out.update(pattern)
    assert list(out) == list(frames.FIELDS)
    return out


def prep(p, noun="", modifiers=()):
    return {"prep": p, "noun": noun, "modifiers": list(modifiers)}


def convert(text=DICTIONARY):
    """The converter's output: text by file name, parsed lines by file name (cameo_verbs.jsonl's verb blocks
    expanded to frame rows, sorted by lemma, multi-word part, particle and line), and its summary."""
    out, result = frames.convert(text, NOTICE)
    parsed = {name: [json.loads(line) for line in body.splitlines()] for name, body in out.items()}
    head, *blocks = parsed["cameo_verbs.jsonl"]
    parsed["cameo_verbs.jsonl"] = [head, *expanded(blocks)]
    return out, parsed, result


def expanded(blocks: list[dict]) -> list[dict]:
    return sorted(frames.expand(blocks), key=lambda r: (r["lemma"], r["before"], r["particle"],
                                                         int(r["where"].rsplit(":", 1)[1])))


def test_rows_of_a_small_dictionary():
    _, parsed, _ = convert()
    assert parsed["cameo_verbs.jsonl"][1:] == [
        # ASSAIL: the bare verb with its block's code, then one row per representable pattern
        row("assail", 12, "190"),
        row("assail", 13, "195", noun="base", modifiers=["air"], written_for="assail"),  # its comment names it
        row("assail", 14, "196", noun="&PACT", prep="with", preps=[prep("with")], target_at="prep:with"),
        row("assail", 15, "192", subject_noun="troop", prep="into", prep_noun="town", prep_modifiers=["border"],
            preps=[prep("into", "town", ["border"])], source_at="subject"),
        row("assail", 16, None, code2="173", prep="before", prep_noun="court", preps=[prep("before", "court")]),
        row("assail", 17, None, noun="defeat"),
        row("assail", 18, "062", code2="062", noun="&PACT", modifiers=["peace"]),
        # SURVEIL: each verb, with each pattern of the block; "listen in" takes the block's code
        row("listen", 24, "091", particle="in", block="SURVEIL"),
        row("listen", 25, "093", particle="in", block="SURVEIL", noun="call", prep="by",
            preps=[prep("by")], source_at="prep:by"),
        row("tap", 23, "092", before="wire", block="SURVEIL"),
        row("tap", 25, "093", before="wire", block="SURVEIL", noun="call", prep="by",
            preps=[prep("by")], source_at="prep:by"),
    ]


def test_synsets_and_header():
    out, parsed, _ = convert()
    assert parsed["cameo_synsets.jsonl"][1:] == [
        {"name": "&PACT", "members": ["treaty", "accord", "peace deal"], "where": "CAMEO.2.0.txt:3"},
        {"name": "&AUX_", "members": ["is to"], "where": "CAMEO.2.0.txt:7"},
    ]
    sha = hashlib.sha256(DICTIONARY.encode("utf-8")).hexdigest()
    for body in parsed.values():
        head = body[0]
        assert head["source"] == "PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2, dictionaries)"
        assert head["source_sha256"] == sha and head["licence"] == "MIT" and head["notice"] == NOTICE
        assert frames.COMMAND in head["about"]
    assert set(parsed["cameo_verbs.jsonl"][0]["fields"]) == set(frames.FIELDS)
    assert out == convert()[0]  # deterministic


def test_skipped_entries_are_counted_by_reason():
    _, _, result = convert()
    assert result.skipped == {
        "pattern: several nouns after the verb": 1,
        "pattern: undefined synset": 1,
        "transformation (verb-verb rule, not a frame)": 1,
    }
    assert result.examples["pattern: several nouns after the verb"] == "CAMEO.2.0.txt:19"
    assert result.figures["pattern lines"] == 9 and result.figures["pattern lines represented"] == 7
    assert result.figures["rows written"] == 11 and result.figures["bare verb rows"] == 3


def test_inflected_and_coordinated_verb_words():
    text = lines("####### VERB PATTERNS #######", "---  LOSE   [---]  ---", "LOSE", "LOST", "+KILLED_AND {}",
                 "- * GROUND  [0874]")
    _, parsed, result = convert(text)
    assert [(r["lemma"], r["noun"], r["where"]) for r in parsed["cameo_verbs.jsonl"][1:]] == [
        ("lose", "", "CAMEO.2.0.txt:3"), ("lose", "ground", "CAMEO.2.0.txt:6")]  # LOST's rows are LOSE's
    assert result.fixed == {"LOST -> lose": 1}
    assert result.skipped == {"verb: coordinated verbs (X_AND_Y, X_OR)": 1}


@pytest.mark.parametrize("body, expected", [
    # particles first, then the object, then prepositional parts
    (" * OUT VIEWS ", {"particles": ["out"], "noun": "view"}),
    (" * OFF (FROM ^) ", {"particles": ["off"], "preps": [prep("from")]}),
    # a preposition without parentheses takes the next noun (TABARI style)
    (" * IN ELECTION ", {"preps": [prep("in", "election")]}),
    # "+" right after an empty prepositional part is its object; beside the object noun it is the object
    (" * CLAIM (AGAINST) + ", {"noun": "claim", "preps": [prep("against")], "target_at": "prep:against"}),
    (" * CONTROL + ", {"noun": "control", "target_at": "object"}),
    (" + * (BY FORCES) ", {"preps": [prep("by", "force")], "target_at": "subject"}),
    # "A/B" gives one row per choice; words in parentheses without braces are one noun phrase
    (" * (TO/FOR PROTEST) ", [{"preps": [prep("to", "protest")]}, {"preps": [prep("for", "protest")]}]),
    (" * (TO A VOTE) ", {"preps": [prep("to", "vote")]}),
    (" * (IN AIR ATTACK) ", {"preps": [prep("in", "attack", ["air"])]}),
    (" * {NOT GUILTY} ", {"noun": "guilty", "modifiers": ["not"]}),
    (" * AIR_STRIKE ", {"noun": "strike", "modifiers": ["air"]}),
    # a two-word preposition is its first word, on which the parser hangs the second ("drove X out" + "of Y")
    (" * (OUT OF) ", {"preps": [prep("out")]}),
])
def test_pattern_parts(body, expected):
    result = frames.Result()
    got = frames.pattern_rows(f"-{body}[010]", {"&PACT": ([], 1)}, result, "x:1")
    expected = expected if isinstance(expected, list) else [expected]
    keys = {"particles", "noun", "modifiers", "preps", "source_at", "target_at"}
    assert [{k: v for k, v in g.items() if k in keys and v} for g in got] == expected
    assert not result.skipped


@pytest.mark.parametrize("body, reason", [
    (" * FIRST MOVE ", "several nouns after the verb"),
    (" * NO CONCESSION ", "negation"),
    (" STRONGLY * ", "auxiliary, adverb or negation before the verb"),
    (" * POSITIVELY ", "adverb after the verb"),
    (" DELIVERY (OF &PACT) * $ ", "prepositional phrase before the verb"),
    (" * (AS &PACT) + ", "marker after a prepositional phrase with a noun"),
    (" % &PACT * ", "compound-actor marker %"),
    (" *_LAWS ", "verb position '*' missing, repeated or inside a word"),
    (" * ATTACK (ON ^)   ^)", "unbalanced brackets"),
    (" * &NOPE ", "undefined synset"),
])
def test_unrepresentable_patterns(body, reason):
    result = frames.Result()
    assert frames.pattern_rows(f"-{body}[111]", {"&PACT": ([], 1)}, result, "x:1") == []
    assert result.skipped == {f"pattern: {reason}": 1}


@pytest.mark.parametrize("text, code", [
    ("190", ("190", "")), ("---", (None, "")), ("042:043", ("042", "043")), (":173", (None, "173")),
    ("0871", ("0871", "")),
])
def test_codes(text, code):
    assert frames.read_code(text) == code


@pytest.mark.parametrize("word, lemma", [
    ("TALKS", "talk"), ("RALLIES", "rally"), ("GUNMEN", "gunman"), ("CRISIS", "crisis"), ("PRESS", "press"),
    ("NEWS", "news"), ("TAXES", "tax"), ("KNIVES", "knife"), ("CRITICS", "critic"), ("VIEWS", "view"),
    ("STATUS", "status"), ("EMBARGOES", "embargo"),
])
def test_noun_lemmas(word, lemma):
    assert frames.noun_lemma(word) == lemma


# ---------------------------------------------------------------- the committed tables

def cameo_words() -> dict[str, tuple[str, str, str]]:
    table = {}
    for n, line in enumerate((FRAMES / "cameo_words.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        prefix, word, plover, mode = (line.split("\t") + [""])[:4]
        assert prefix.isdigit() and prefix not in table, f"cameo_words.tsv:{n}"
        table[prefix] = (word, plover, mode)
    return table


def kg_word(code: str, table: dict) -> str:
    prefix = max((p for p in table if code.startswith(p)), key=len, default=None)
    assert prefix is not None, code
    return table[prefix][0]


def test_cameo_words_use_kg_and_plover_vocabulary():
    table = cameo_words()
    assert {f"{n:02d}" for n in range(1, 21)} <= set(table)  # every CAMEO root
    assert {word for word, _, _ in table.values()} <= KG_WORDS | {"-"}
    assert {plover for _, plover, _ in table.values()} <= PLOVER | {"-"}
    assert all(not mode or plover != "-" for _, plover, mode in table.values())
    assert table["01"][0] == "-" and table["057"] == ("agreeWith", "SUPPORT", "")
    assert table["163"][1] == "COERCE" and table["191"][1] == "COERCE" and table["16"][1] == "SANCTION"


def test_committed_frames_have_every_field_and_a_mapped_code():
    table = cameo_words()
    text = (FRAMES / "cameo_verbs.jsonl").read_text(encoding="utf-8")
    head, *blocks = [json.loads(line) for line in text.splitlines()]
    rows = frames.expand(blocks)
    assert head["licence"] == "MIT" and "Permission is hereby granted" in head["notice"]
    assert len(rows) > 40_000
    strings = ("lemma", "particle", "before", "subject_noun", "noun", "prep", "prep_noun", "source_at",
               "target_at", "code2", "block", "where")
    for r in rows:
        assert tuple(r) == frames.FIELDS, r
        assert all(isinstance(r[k], str) for k in strings), r
        assert r["lemma"] and r["lemma"] == r["lemma"].lower() and r["where"].startswith("CAMEO.2.0.txt:")
        for k in ("subject_modifiers", "modifiers", "prep_modifiers"):
            assert isinstance(r[k], list) and all(isinstance(m, str) for m in r[k]), r
        assert all(set(p) == {"prep", "noun", "modifiers"} for p in r["preps"]), r
        assert (r["prep"], r["prep_noun"], r["prep_modifiers"]) == (
            (r["preps"][0]["prep"], r["preps"][0]["noun"], r["preps"][0]["modifiers"]) if r["preps"] else ("", "", []))
        for at in (r["source_at"], r["target_at"]):
            assert at in ("", "subject", "object") or at[5:] in {p["prep"] for p in r["preps"]}, r
        assert r["code"] is None or isinstance(r["code"], str) and r["code"].isdigit(), r
        for code in filter(None, (r["code"], r["code2"])):
            assert kg_word(code, table) in KG_WORDS | {"-"}, r


def test_committed_synsets_cover_the_synsets_frames_use():
    sets = [json.loads(line) for line in (FRAMES / "cameo_synsets.jsonl").read_text(encoding="utf-8").splitlines()]
    names = {s["name"] for s in sets[1:]}
    assert all(m == m.lower() for s in sets[1:] for m in s["members"])
    used = set()
    blocks = [json.loads(line) for line in (FRAMES / "cameo_verbs.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    for r in frames.expand(blocks):
        words = [r["subject_noun"], r["noun"], *r["subject_modifiers"], *r["modifiers"]]
        words += [w for p in r["preps"] for w in (p["noun"], *p["modifiers"])]
        used |= {w for w in words if w.startswith("&")}
    assert used and used <= names


@pytest.mark.skipif(not SOURCE.exists(), reason="the PETRARCH2 dictionary is not next to the checkout")
def test_regenerating_gives_the_committed_bytes(tmp_path):
    assert frames.main(["--source", str(SOURCE), "--out", str(tmp_path)]) == 0
    for name in ("cameo_verbs.jsonl", "cameo_synsets.jsonl"):
        assert (tmp_path / name).read_bytes() == (FRAMES / name).read_bytes(), name


@pytest.mark.parametrize(("verb", "obj", "modifiers", "synset_frame"), [
    ("set", "fire", set(), False),  # "set fire to the offices": &CEASEFIRE holds "cease fire", not "fire"
    ("set", "fire", {"cease"}, True),
    ("set", "ceasefire", set(), True),  # a one-word member alone
    ("withdraw", "force", {"its"}, False),  # &MILITARY holds "armed force"
    ("withdraw", "force", {"armed"}, True),
    ("withdraw", "troop", set(), True),
])
def test_a_synonym_set_member_written_with_modifiers_needs_them(verb, obj, modifiers, synset_frame):
    from kg.rules import load_rules

    synsets = {json.loads(line)["name"]: json.loads(line)["members"]
               for line in (FRAMES / "cameo_synsets.jsonl").read_text(encoding="utf-8").splitlines()[1:]}
    frame = load_rules().frames.find(verb, "", obj, frozenset(modifiers))
    assert frame is not None
    # the frame found came from a pattern whose object is a synonym set holding the object as a member
    # (alone or with the modifiers given), or it did not
    blocks = [json.loads(line) for line in (FRAMES / "cameo_verbs.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    noun = next((r["noun"] for r in frames.expand(blocks) if r["where"] == frame.where and r["lemma"] == verb), "")
    assert noun.startswith("&") is synset_frame, (frame.where, noun)
    if synset_frame:
        assert obj in synsets[noun] or " ".join([*sorted(modifiers), obj]) in synsets[noun]


@pytest.mark.parametrize(("verb", "obj", "code"), [
    # the block of ACCLAIM lists "* INDEPENDENCE" twice: [017] "# CELEBRATE", then [054] "# RECOGNISE"
    ("recognize", "independence", "054"),  # RECOGNIZE, the American spelling of the verb the comment names
    ("recognise", "independence", "054"),
    ("celebrate", "independence", "017"),
    ("commemorate", "independence", "017"),  # a verb of the block no comment names: the first, as written
])
def test_a_pattern_written_for_the_verb_comes_before_the_same_pattern_for_another(verb, obj, code):
    from kg.rules import load_rules

    frame = load_rules().frames.find(verb, "", obj)
    assert frame is not None and frame.has_noun
    blocks = [json.loads(x) for x in (FRAMES / "cameo_verbs.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    pattern = next(p for b in blocks for p in b["patterns"] if p["where"] == frame.where)
    assert pattern["code"] == code, pattern


@pytest.mark.parametrize(("verb", "particle", "obj", "code", "curated"), [
    ("deliver", "", "tank", "072", True),  # the dictionary names no goods for "deliver"
    ("hand", "over", "weapon", "072", True),
    ("ship", "", "fuel", "073", True),
    ("give", "", "vaccine", "073", False),  # the dictionary has "give vaccine"
    ("dispatch", "", "medicine", "073", True),
    ("transfer", "", "dollar", "071", False),  # "send &CURRENCY" in the dictionary's block of "transfer"
    ("send", "", "weapon", "072", False),  # the dictionary's own "send &WEAPON" comes first
    ("send", "", "envoy", "042", False),  # not goods: the dictionary alone
])
def test_transfer_frames_fill_in_after_the_dictionary(verb, particle, obj, code, curated):
    from kg.rules import load_rules

    frame = load_rules().frames.find(verb, particle, obj)
    assert frame is not None and frame.coding is not None
    assert frame.coding.code == code
    assert frame.where.startswith("transfers.tsv:") is curated, frame.where


def test_the_objects_own_phrase_fills_only_a_frame_that_names_the_object():
    from kg.rules import load_rules

    frames = load_rules().frames
    # "declared a state of emergency": STATE (OF EMERGENCY), the "of" hung on the object
    found = frames.find("declare", "", "state", noun_preps={"of": frozenset({"emergency"})})
    assert found is not None and found.coding is not None and found.coding.code == "1724"
    plain = frames.find("declare", "", "state")
    assert plain is None or plain.coding is None or plain.coding.code != "1724"
    # a frame that names no object wants the verb's own phrase, never one hung on the object
    verb_phrase = frames.find("accelerate", "", "pace", preps={"to": frozenset({"talks"})})
    assert verb_phrase is not None and verb_phrase.prep == "to" and not verb_phrase.has_noun
    hung = frames.find("accelerate", "", "pace", noun_preps={"to": frozenset({"talks"})})
    assert hung is None or hung.has_noun or not hung.prep
