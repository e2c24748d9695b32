"""The rule files: they agree with the ontology, load into one Rules value, and every broken entry a
contributor might write is refused when loaded, naming the file, the line and what is wrong."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib import OWL, RDF

from kg.errors import RuleFileError
from kg.namespace import KG
from kg.rules import RuleSources, load_rules, shipped_folder

CORE = ["memberOf", "leaderOf", "partOf", "affiliatedWith", "alliedWith", "locatedIn", "consultWith",
        "meetWith", "negotiateWith", "visit", "mediate", "cooperateWith", "agreeWith", "support", "request",
        "propose", "reject", "deny", "criticize", "accuse", "threaten", "attack", "kill", "fight", "detain",
        "sanction", "statedTo"]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_ontology_declares_the_core_vocabulary(rules):
    for word in CORE:
        assert (getattr(KG, word), RDF.type, OWL.ObjectProperty) in rules.ontology, word
        assert word in rules.schema.properties
    assert rules.schema.is_a("leaderOf", "leaderOf")
    assert {"meetWith", "fight", "alliedWith"} <= rules.schema.symmetric and "attack" not in rules.schema.symmetric


def test_namespace_and_ontology_agree(rules):
    declared = {str(s) for s in rules.ontology.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    in_code = {str(getattr(KG, name)) for name in KG.__annotations__}
    assert declared == in_code
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018


def test_every_core_word_is_reachable_from_the_lexicons(rules):
    reachable = {t.predicate for t in rules.triggers.values()} | set(rules.titles.predicate.values())
    assert set(CORE) <= reachable


def test_gazetteer_classes_and_demonyms(rules):
    assert rules.gazetteer.entries["egypt"].cls == "Country"
    assert rules.gazetteer.by_demonym["egyptian"] == "egypt"
    for entry in rules.gazetteer.entries.values():
        assert rules.schema.is_a(entry.cls, "Actor") or rules.schema.is_a(entry.cls, "Location")


def test_rules_are_loaded_once_and_compared_by_content(rules, tmp_path):
    assert load_rules() is rules
    copy = tmp_path / "ontology"
    shutil.copytree(shipped_folder(), copy)
    same = load_rules(RuleSources(root=copy))
    assert same == rules and hash(same) == hash(rules)  # the same files, read from elsewhere
    (copy / "aliases.tsv").write_text((copy / "aliases.tsv").read_text() + "same\tAbu X\tAbu Y\n")
    assert load_rules(RuleSources(root=copy)) != rules


def test_user_files_come_after_kgs_and_may_override_by_id(rules, tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"id": "hamas", "name": "Hamas", "class": "PoliticalOrganization"}) + "\n"
                    + json.dumps({"id": "zlf", "name": "Zorbian Liberation Front", "class": "ArmedGroup",
                                  "country": "chad"}) + "\n")
    with_mine = load_rules(RuleSources(gazetteers=(mine,)))
    assert with_mine.gazetteer.entries["hamas"].cls == "PoliticalOrganization"
    assert with_mine.gazetteer.lookup("Zorbian Liberation Front").id == "zlf"
    assert rules.gazetteer.lookup("Zorbian Liberation Front") is None  # kg's own rules are untouched


GAZ = {"id": "atlantis_front", "name": "Atlantis Front", "class": "ArmedGroup"}

# (file under ontology/ or "user-gazetteer"/"user-aliases", what to do, text, line (None: the appended
# line), the reason as a regular expression)
BROKEN = [
    ("lexicons/predicates.tsv", "append", "hug\tembrace", None, r"'embrace' is not a property in kg.ttl"),
    ("lexicons/predicates.tsv", "append", "meet\tmeetWith", None, r"duplicate trigger 'meet' \(first given at line \d+\)"),
    ("lexicons/predicates.tsv", "append", "greet\tmeetWith\tsideways", None, r"unknown direction 'sideways'; known: forward, inverse"),
    ("lexicons/predicates.tsv", "append", "greet", None,
     r"expected 2 to 4 tab-separated fields \(trigger, predicate, direction, cameo\), got 1"),
    ("lexicons/predicates.tsv", "append", "greet\tmeetWith\tforward\t999", None,
     r"cameo '999' is no code of events/cameo.tsv"),
    ("lexicons/predicates.tsv", "append", "greet\tmeetWith\tforward\t190", None,
     r"cameo 190 means 'attack' \(frames/cameo_words.tsv\), not 'meetWith'"),
    ("lexicons/predicates.tsv", "append", "greet\t\tforward", None, r"empty field 'predicate'"),
    ("lexicons/titles.tsv", "append", "leader\tleaderOf", None, r"duplicate title 'leader'"),
    ("lexicons/titles.tsv", "append", "steward\tmemberOf\temployer", None,
     r"unknown owner 'employer'; known: actor, organisation, place"),
    ("lexicons/titles.tsv", "append", "erstwhile\t@former\torganisation", None, r"a @former row takes no owner"),
    ("lexicons/place_words.tsv", "append", "Okla.\tabbreviation\tOklahoma", None,
     r"duplicate place word \('Okla\.', 'abbreviation'\)"),
    ("lexicons/place_words.tsv", "append", "Sask\tabbreviation", None, r"role 'abbreviation' needs a third field"),
    ("lexicons/place_words.tsv", "append", "hamlet\tplace-noun\tvillage", None,
     r"unknown kind of place 'village'; known: city, district, land, region"),
    ("lexicons/place_words.tsv", "append", "uptown\tcompass", None, r"unknown role 'compass'"),
    ("lexicons/place_words.tsv", "append", "sited\tbased\tcity", None, r"role 'based' takes no third field"),
    ("lexicons/place_words.tsv", "append", "lagoon\twater\tsea", None, r"role 'water' takes no third field"),
    ("lexicons/modality.tsv", "append", "not\tneg\tnegative", None, r"duplicate cue \('not', 'neg'\)"),
    ("lexicons/modality.tsv", "append", "perhaps\tsomewhere\tpossible", None, r"unknown place 'somewhere'; known: adverb, aux, claim"),
    ("lexicons/modality.tsv", "append", "perhaps\taux\tmaybe", None, r"unknown effect 'maybe'"),
    ("lexicons/group_nouns.tsv", "append", "sailor\tsailors\tmemberOf\tnavy", None, r"unknown sector 'navy'; known: armed"),
    ("lexicons/group_nouns.tsv", "append", "sailor\tsailors\tcrewOf", None, r"'crewOf' is not a property"),
    ("lexicons/group_nouns.tsv", "append", "official\tofficials\tmemberOf", None, r"duplicate group noun 'official'"),
    ("lexicons/sectors.tsv", "append", "military\tagain", None, r"duplicate sector 'military'"),
    ("lexicons/object_control.tsv", "append", "urge", None, r"duplicate verb 'urge'"),
    ("lexicons/object_control.tsv", "append", "urge\tstrongly", None, r"expected 1 tab-separated fields"),
    ("lexicons/charge_verbs.tsv", "append", "convict", None, r"duplicate word 'convict'"),
    ("lexicons/charge_verbs.tsv", "append", "convict\tfor", None, r"expected 1 tab-separated fields"),
    ("lexicons/instruments.tsv", "append", "bomb", None, r"duplicate word 'bomb'"),
    ("lexicons/firing_verbs.tsv", "append", "fire", None, r"duplicate verb 'fire'"),
    ("lexicons/displaced_nouns.tsv", "append", "refugee", None, r"duplicate word 'refugee'"),
    ("lexicons/portfolio_words.tsv", "append", "interior", None, r"duplicate word 'interior'"),
    ("lexicons/portfolio_words.tsv", "append", "interior\tministry", None, r"expected 1 tab-separated fields"),
    ("lexicons/undergoer_verbs.tsv", "append", "die", None, r"duplicate verb 'die'"),
    ("lexicons/undergoer_verbs.tsv", "append", "die\tout", None, r"expected 1 tab-separated fields"),
    ("lexicons/theme_verbs.tsv", "append", "send", None, r"duplicate verb 'send'"),
    ("lexicons/theme_verbs.tsv", "append", "send\tout", None, r"expected 1 tab-separated fields"),
    ("lexicons/perception_verbs.tsv", "append", "see", None, r"duplicate verb 'see'"),
    ("lexicons/identity_verbs.tsv", "append", "identify", None, r"duplicate verb 'identify'"),
    ("lexicons/identity_verbs.tsv", "append", "name\tas", None, r"expected 1 tab-separated fields"),
    ("lexicons/perception_verbs.tsv", "append", "see\tout", None, r"expected 1 tab-separated fields"),
    ("lexicons/rejecting_verbs.tsv", "append", "veto", None, r"duplicate verb 'veto'"),
    ("lexicons/rejecting_verbs.tsv", "append", "veto\tout", None, r"expected 1 tab-separated fields"),
    ("lexicons/receiving_verbs.tsv", "append", "win", None, r"duplicate verb 'win'"),
    ("lexicons/creation_verbs.tsv", "append", "build", None, r"duplicate verb 'build'"),
    ("lexicons/custody_nouns.tsv", "append", "prison", None, r"duplicate word 'prison'"),
    ("lexicons/custody_nouns.tsv", "append", "prison\tcell", None, r"expected 1 tab-separated fields"),
    ("lexicons/creation_verbs.tsv", "append", "set\tup", None, r"expected 1 tab-separated fields"),
    ("lexicons/receiving_verbs.tsv", "append", "come\tunder", None, r"expected 1 tab-separated fields"),
    ("lexicons/removal_verbs.tsv", "append", "expel", None, r"duplicate verb 'expel'"),
    ("lexicons/seizure_verbs.tsv", "append", "seize", None, r"duplicate verb 'seize'"),
    ("lexicons/removal_verbs.tsv", "append", "expel\tfrom", None, r"expected 1 tab-separated fields"),
    ("lexicons/giving_verbs.tsv", "append", "give", None, r"duplicate verb 'give'"),
    ("lexicons/giving_verbs.tsv", "append", "give\tout", None, r"expected 1 tab-separated fields"),
    ("lexicons/appointment_verbs.tsv", "append", "appoint", None, r"duplicate verb 'appoint'"),
    ("lexicons/appointment_verbs.tsv", "append", "name\tas", None, r"expected 1 tab-separated fields"),
    ("lexicons/speech_verbs.tsv", "append", "accuse", None, r"duplicate verb 'accuse'"),
    ("lexicons/speech_verbs.tsv", "append", "call\ton", None, r"expected 1 tab-separated fields"),
    ("lexicons/instruments.tsv", "append", "bomb\tcar", None, r"expected 1 tab-separated fields"),
    ("lexicons/collective_nouns.tsv", "append", "group", None, r"duplicate word 'group'"),
    ("lexicons/quantity_nouns.tsv", "append", "shipment", None, r"duplicate word 'shipment'"),
    ("lexicons/partitive_nouns.tsv", "append", "part", None, r"duplicate word 'part'"),
    ("lexicons/partitive_nouns.tsv", "append", "part\tof", None, r"expected 1 tab-separated fields"),
    ("lexicons/prospect_nouns.tsv", "append", "prospect", None, r"duplicate word 'prospect'"),
    ("lexicons/prospect_nouns.tsv", "append", "prospect\tof", None, r"expected 1 tab-separated fields"),
    ("lexicons/effort_nouns.tsv", "append", "effort", None, r"duplicate word 'effort'"),
    ("lexicons/permission_nouns.tsv", "append", "consent", None, r"duplicate word 'consent'"),
    ("lexicons/credit_claims.tsv", "append", "take credit", None, r"duplicate phrase 'take credit'"),
    ("lexicons/designations.tsv", "append", "list\tlist", None, r"duplicate word and kind \('list', 'list'\)"),
    ("lexicons/designations.tsv", "append", "outlaw\tnoun", None, r"unknown kind 'noun'"),
    ("lexicons/severance_words.tsv", "append", "deal\tnoun", None, r"duplicate word and kind \('deal', 'noun'\)"),
    ("lexicons/severance_words.tsv", "append", "scrap\tparticle", None, r"unknown kind 'particle'"),
    ("lexicons/buildup_words.tsv", "append", "boost\tverb", None, r"duplicate word and kind \('boost', 'verb'\)"),
    ("lexicons/buildup_words.tsv", "append", "troop\tunit", None, r"unknown kind 'unit'"),
    ("lexicons/errand_verbs.tsv", "append", "fly\tany", None, r"duplicate word 'fly'"),
    ("lexicons/errand_verbs.tsv", "append", "sail\tfor", None, r"unknown phrase 'for'"),
    ("lexicons/entitlements.tsv", "append", "visa\tnoun", None, r"duplicate word 'visa'"),
    ("lexicons/entitlements.tsv", "append", "diploma\tthing", None, r"unknown kind 'thing'"),
    ("lexicons/blame_predicates.tsv", "append", "behind\tany", None, r"duplicate word 'behind'"),
    ("lexicons/blame_predicates.tsv", "append", "liable\tsome", None, r"unknown act 'some'; known: any, hostile"),
    ("lexicons/blame_predicates.tsv", "append", "liable", None, r"expected 2 tab-separated fields"),
    ("lexicons/collective_nouns.tsv", "append", "group\tof", None, r"expected 1 tab-separated fields"),
    ("lexicons/proxy_nouns.tsv", "append", "spokesman", None, r"duplicate word 'spokesman'"),
    ("lexicons/allegiance_words.tsv", "append", "loyal", None, r"duplicate word 'loyal'"),
    ("lexicons/stance_prefixes.tsv", "append", "pro", None, r"duplicate prefix 'pro'"),
    ("frames/failures.tsv", "append", "fail\tAGREE\treject", None, r"duplicate verb and category \('fail', 'AGREE'\)"),
    ("frames/senses.tsv", "append", "fire\tactor-object\t-", None, r"duplicate verb and test \('fire', 'actor-object'\)"),
    ("frames/senses.tsv", "append", "sack\tland-object\t-", None, r"unknown test 'land-object'; known: actor-object, affliction-object, at-phrase, contest, control-of-actor, credit-object, custody-object, event-object, for-sanction, intangible-object, made-object, moved-object, object-infinitive, object-to, peacekeeper-object, peacekeeper-subject, person-object, place-object, place-subject, place-target, proposal-object, refugee-object, sanction-object, stoppage, test-firing, unit-leaving, unit-subject, verbal-act-object, verbal-modifier, water-target, with-claim, with-sanction"),
    ("frames/senses.tsv", "append", "sack\tactor-object\tdismiss", None, r"'dismiss' is not a property"),
    ("frames/senses.tsv", "append", "sack\tactor-object\t010", None, r"CAMEO code '010' has no word in cameo_words.tsv"),
    ("lexicons/contest_nouns.tsv", "append", "match", None, r"duplicate word 'match'"),
    ("lexicons/gathering_nouns.tsv", "append", "summit", None, r"duplicate word 'summit'"),
    ("lexicons/verbal_modifiers.tsv", "append", "scathing", None, r"duplicate word 'scathing'"),
    ("frames/failures.tsv", "append", "fail\tHUG\treject", None, r"unknown PLOVER category 'HUG'"),
    ("frames/failures.tsv", "append", "fail\tCONSULT\tsnub", None, r"'snub' is not a property"),
    ("lexicons/proxy_nouns.tsv", "append", "spokesman\tfor", None, r"expected 1 tab-separated fields"),
    ("lexicons/place_owners.tsv", "append", "police", None, r"duplicate sector 'police'"),
    ("lexicons/proposal_nouns.tsv", "append", "bill", None, r"duplicate word 'bill'"),
    ("lexicons/verbal_act_nouns.tsv", "append", "apology", None, r"duplicate word 'apology'"),
    ("lexicons/harm_nouns.tsv", "append", "violence", None, r"duplicate word 'violence'"),
    ("lexicons/measure_nouns.tsv", "append", "tariff\tsanction", None, r"duplicate word 'tariff'"),
    ("lexicons/measure_nouns.tsv", "append", "fatwa\tdecree", None, r"unknown kind 'decree'; known: claim, sanction"),
    ("lexicons/stoppage_cues.tsv", "append", "general\tmodifier", None, r"duplicate word 'general'"),
    ("lexicons/stoppage_cues.tsv", "append", "walkout\tact", None, r"unknown kind 'act'; known: modifier, noun, striker, verb"),
    ("lexicons/unit_nouns.tsv", "append", "troop", None, r"duplicate word 'troop'"),
    ("lexicons/peacekeeping_words.tsv", "append", "peacekeeper", None, r"duplicate word 'peacekeeper'"),
    ("lexicons/intangible_nouns.tsv", "append", "reputation", None, r"duplicate word 'reputation'"),
    ("lexicons/affliction_nouns.tsv", "append", "poverty", None, r"duplicate word 'poverty'"),
    ("lexicons/affliction_nouns.tsv", "append", "poverty\tin", None, r"expected 1 tab-separated fields"),
    ("lexicons/benefit_verbs.tsv", "append", "rebuild", None, r"duplicate verb 'rebuild'"),
    ("lexicons/benefit_verbs.tsv", "append", "help\tKenya", None, r"expected 1 tab-separated fields"),
    ("lexicons/command_verbs.tsv", "append", "order", None, r"duplicate verb 'order'"),
    ("lexicons/command_verbs.tsv", "append", "order\tjailed", None, r"expected 1 tab-separated fields"),
    ("lexicons/call_purposes.tsv", "append", "thank", None, r"duplicate verb 'thank'"),
    ("lexicons/call_purposes.tsv", "append", "thank\thim", None, r"expected 1 tab-separated fields"),
    ("lexicons/truce_nouns.tsv", "append", "truce", None, r"duplicate noun 'truce'"),
    ("lexicons/truce_nouns.tsv", "append", "truce\tpact", None, r"expected 1 tab-separated fields"),
    ("lexicons/restating_verbs.tsv", "append", "reiterate", None, r"duplicate verb 'reiterate'"),
    ("lexicons/restating_verbs.tsv", "append", "reiterate\tsay", None, r"expected 1 tab-separated fields"),
    ("lexicons/settling_words.tsv", "append", "rift\tnoun", None, r"duplicate word 'rift'"),
    ("lexicons/settling_words.tsv", "append", "broker\tmediator", None, r"unknown kind 'mediator'; known: attempt, noun, verb"),
    ("lexicons/place_owners.tsv", "append", "clergy", None, r"unknown sector 'clergy'; known: armed, "),
    ("lexicons/commanded_sectors.tsv", "append", "armed", None, r"duplicate sector 'armed'"),
    ("lexicons/commanded_sectors.tsv", "append", "clergy", None, r"unknown sector 'clergy'; known: armed, "),
    ("lexicons/verb_forms.tsv", "append", "staged\tstage\tVBD", None, r"duplicate form 'staged'"),
    ("lexicons/verb_forms.tsv", "append", "paraded\tparade\tNNS", None, r"unknown verb tag 'NNS'; known: VB, VBD"),
    ("lexicons/verb_forms.tsv", "append", "Paraded\tparade\tVBD", None, r"form and lemma must be lower case"),
    ("lexicons/verb_forms.tsv", "append", "paraded\tparade", None, r"expected 3 tab-separated fields \(form, lemma, tags\)"),
    ("lexicons/date_hedges.tsv", "append", "early\t-", None, r"duplicate hedge 'early'"),
    ("patterns/confidence.tsv", "append", "some_rule\t1.5\t1\t1", None, r"confidence must be between 0 and 1, got 1\.5"),
    ("patterns/confidence.tsv", "append", "some_rule\thigh\t1\t1", None, r"confidence must be a number, got 'high'"),
    ("patterns/confidence.tsv", "append", "some_rule\t0.5\tmany\t1", None, r"right must be a count, got 'many'"),
    ("lexicons/ner_labels.tsv", "append", "WEAPON\tWeapon", None, r"unknown class 'Weapon'; known: Actor"),
    ("lexicons/gazetteer_labels.tsv", "append", "Actor\tTOWN", None, r"unknown spaCy label 'TOWN'"),
    ("lexicons/name_words.tsv", "append", "Legion\tclass-cue", None, r"a class-cue row needs a class"),
    ("lexicons/name_words.tsv", "append", "Legion\tclass-cue\tLegionary", None, r"unknown class 'Legionary'"),
    ("lexicons/name_words.tsv", "append", "sir\thonorific", None, r"unknown role 'honorific'"),
    ("lexicons/name_words.tsv", "append", "sir\tperson-before\tPerson", None, r"a person-before row takes no class"),
    ("lexicons/definite_references.tsv", "append", "group\tOrganization", None, r"duplicate noun 'group'"),
    ("lexicons/context_cues.tsv", "append", "verb_of\tsay\tLocation\tOrganization\tx", None, r"unknown role 'verb_of'"),
    ("lexicons/context_cues.tsv", "append", "subject_of\tsay\tPlace\tOrganization\tx", None, r"unknown class 'Place'"),
    ("settings.tsv", "replace", "# setting\tvalue\n", 0, r"missing setting 'transliteration_threshold'"),
    ("settings.tsv", "replace", "transliteration_threshold\t7\n", 1, r"transliteration_threshold must be between 0\.5 and 1, got 7"),
    ("settings.tsv", "append", "speed\t3", None, r"unknown setting 'speed'"),
    ("aliases.tsv", "append", "maybe\tAbu X\tAbu Y", None, r"unknown ruling 'maybe'; known: different, same"),
    ("aliases.tsv", "append", "same\tAbu X\tAbu X", None, r"a ruling needs two different names"),
    ("gazetteer/places.jsonl", "append", json.dumps({"id": "poseidonia", "name": "Poseidonia", "class": "City",
                                                    "country": "atlantis", "capital": True}), None,
     r"country 'atlantis' is not a gazetteer id"),
    ("gazetteer/places.jsonl", "append", json.dumps({"id": "poseidonia", "name": "Poseidonia", "class": "City",
                                                    "country": "cairo"}), None, r"country 'cairo' is a City, not a Country"),
    ("gazetteer/places.jsonl", "append", json.dumps({"id": "poseidonia", "name": "Poseidonia", "class": "City",
                                                    "capital": True}), None, r"a capital needs the id of its country"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "aliase": ["AF"]}), None, r"unknown field 'aliase'; known fields: aliases"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "sector": "navy"}), None, r"unknown sector 'navy'"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "id": "hamas"}), None, r"duplicate gazetteer id 'hamas' \(first given at line 1\)"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "class": "Militia"}), None, r"unknown class 'Militia'"),
    ("gazetteer/actors.jsonl", "append", json.dumps({"id": "atlantis_front", "class": "ArmedGroup"}), None, r"missing field 'name'"),
    ("gazetteer/actors.jsonl", "append", "{'id': 'atlantis_front'}", None, r"not valid JSON: Expecting property name"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "aliases": "AF"}), None, r"field 'aliases' must be a list of non-empty strings"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "demonyms": ["Atlantean"]}), None, r"only a Country or a Community has demonyms"),
    ("gazetteer/communities.jsonl", "append", json.dumps({"id": "atlanteans", "name": "Atlanteans", "class": "EthnicGroup",
                                                         "demonyms": ["Kurdish"]}), None, r"demonym 'Kurdish' is already 'kurds''s"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "capital": "yes"}), None, r"field 'capital' must be true or false"),
    ("gazetteer/actors.jsonl", "append", json.dumps({**GAZ, "code": "AFR"}), None, r"code 'AFR' must be the three capital letters of a Country's ISO code"),
    ("gazetteer/countries.jsonl", "append", json.dumps({"id": "atlantis", "name": "Atlantis", "class": "Country", "code": "atl"}), None,
     r"code 'atl' must be the three capital letters"),
    ("gazetteer/countries.jsonl", "append", json.dumps({"id": "atlantis", "name": "Atlantis", "class": "Country",
                                                       "successors": ["greece"]}), None, r"successors are a state of the past's"),
    ("gazetteer/countries.jsonl", "append", json.dumps({"id": "atlantis", "name": "Atlantis", "class": "Country", "code": "ATL",
                                                       "successors": ["athens"]}), None, r"successor 'athens' is not a Country"),
    ("patterns/relations.jsonl", "append", json.dumps({
        "id": "x", "description": "d", "subject": "v", "object": "v", "trigger": ["v"],
        "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMMA": "meet"}}]}), None,
     r"spaCy rejects the pattern: node 'v' LEMMMA: Extra inputs are not permitted"),
    ("patterns/relations.jsonl", "append", json.dumps({
        "id": "x", "description": "d", "subject": "v", "object": "nope", "trigger": ["v"],
        "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}]}), None, r"'nope' is not a node \(RIGHT_ID\) of the pattern"),
    ("patterns/relations.jsonl", "append", json.dumps({
        "id": "x", "description": "d", "subject": "v", "object": "v", "trigger": ["v"], "lexicon": "verbs",
        "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}]}), None, r"unknown lexicon 'verbs'; known: predicates, titles"),
    ("patterns/relations.jsonl", "append", json.dumps({
        "id": "claim_denied", "description": "d", "subject": "v", "object": "v", "trigger": ["v"],
        "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}]}), None, r"duplicate pattern id 'claim_denied'"),
    ("kg.ttl", "append", "kg:broken a ;", 0, r"not valid Turtle"),
    ("frames/cameo_words.tsv", "append", "0999\tembrace\tAGREE", None, r"'embrace' is not a property"),
    ("frames/cameo_words.tsv", "append", "0999\tagreeWith\tHUG", None, r"unknown PLOVER category 'HUG'"),
    ("frames/cameo_words.tsv", "append", "01\tdeny\t-", None, r"duplicate code prefix '01'"),
    ("frames/cameo_words.tsv", "append", "1x\tdeny\t-", None, r"cameo_prefix must be 2 to 4 digits"),
    ("frames/cameo_verbs.jsonl", "append", json.dumps({"block": "HUG", "where": "x:1", "patterns": [], "verbs": [
        {"lemma": "hug", "particle": "", "before": "", "code": "19x", "code2": "", "where": "x:2"}]}), None,
     r"code must be a CAMEO code \(2 to 4 digits\), got '19x'"),
    ("frames/cameo_verbs.jsonl", "append", json.dumps({"block": "HUG", "where": "x:1", "patterns": [], "verbs": [
        {"lemma": "hug", "code": "040", "where": "x:2"}]}), None, r"a verb must have the fields before, code"),
    ("frames/cameo_verbs.jsonl", "append", json.dumps({"block": "HUG", "where": "x:1", "verbs": [
        {"lemma": "hug", "particle": "", "before": "", "code": "040", "code2": "", "where": "x:2"}], "patterns": [
        {"particles": [], "subject_noun": "", "subject_modifiers": [], "noun": "&NOPE", "modifiers": [], "prep": "",
         "prep_noun": "", "prep_modifiers": [], "preps": [], "source_at": "", "target_at": "", "code": "040",
         "code2": "", "written_for": "", "where": "x:3"}]}), None, r"unknown synonym set '&NOPE'"),
    ("frames/cameo_synsets.jsonl", "append", json.dumps({"name": "&CEASEFIRE", "members": ["truce"], "where": "x:1"}),
     None, r"duplicate synonym set '&CEASEFIRE'"),
    ("frames/nominalizations.tsv", "append", "hug\tblorf\tpatient", None, r"verb 'blorf' has no frame"),
    ("frames/nominalizations.tsv", "append", "visit\tvisit\tagent", None, r"duplicate noun 'visit'"),
    ("frames/nominalizations.tsv", "append", "hug\tkill\tinstrument", None, r"unknown role of 'of' 'instrument'"),
    ("frames/transfers.tsv", "append", "tank\t073", None, r"duplicate goods 'tank'"),
    ("frames/transfers.tsv", "append", "&CRATE\t073", None, r"unknown synonym set '&CRATE'"),
    ("frames/transfers.tsv", "append", "crate\t07x", None, r"code must be a CAMEO code"),
    ("frames/transfers.tsv", "append", "crate\t073\thand,carry", None, r"verb 'carry' is not in transfer_verbs.tsv"),
    ("frames/transfers.tsv", "append", "crate\t073\t", None, r"empty field 'verbs'"),
    ("frames/placements.tsv", "append", "put\tunder\tarrest\t173", None,
     r"duplicate verb, preposition and place \('put', 'under', 'arrest'\)"),
    ("frames/placements.tsv", "append", "put\tunder\t&CELLBLOCK\t173", None, r"unknown synonym set '&CELLBLOCK'"),
    ("frames/placements.tsv", "append", "put\tunder\tguard\t17x", None, r"code must be a CAMEO code"),
    ("frames/placements.tsv", "append", "put 2\tunder\tguard\t173", None, r"verb and preposition must be words"),
    ("frames/time_limits.tsv", "append", "give\tuntil\t*\t139", None,
     r"duplicate verb, preposition and place \('give', 'until', '\*'\)"),
    ("frames/time_limits.tsv", "append", "give\tby\t*\t13x", None, r"code must be a CAMEO code"),
    ("frames/transfer_verbs.tsv", "append", "hand over", None, r"duplicate verb 'hand over'"),
    ("frames/transfer_verbs.tsv", "append", "hand-deliver", None, r"verb must be a lemma and its particle"),
    ("frames/epithets.tsv", "append", "traitor\t111", None, r"duplicate epithet 'traitor'"),
    ("frames/epithets.tsv", "append", "scoundrel\t11x", None, r"code must be a CAMEO code"),
    ("frames/epithets.tsv", "append", "&SCOUNDREL\t111", None, r"unknown synonym set '&SCOUNDREL'"),
    ("frames/naming_verbs.tsv", "append", "call", None, r"duplicate verb 'call'"),
    ("frames/naming_verbs.tsv", "append", "Nickname", None, r"verb must be a lemma in lower case"),
    ("frames/complements.tsv", "append", "hope\tif\tthreaten\tpropose", None, r"unknown mark 'if'; known: blame, for, must, that, to"),
    ("frames/complements.tsv", "append", "hope\tto\tthreaten\thug", None, r"'hug' is not a property"),
    ("frames/complements.tsv", "append", "agree\tto\tagreeWith\tagreeWith", None, r"duplicate verb and mark \('agree', 'to'\)"),
    ("frames/intents.tsv", "append", "word\twill\t-\t-", None, r"unknown kind 'word'; known: category, cue"),
    ("frames/intents.tsv", "append", "cue\tmight\tpropose\t-", None, r"a cue row has no words"),
    ("frames/intents.tsv", "append", "category\tGOSSIP\tpropose\t-", None, r"unknown PLOVER category 'GOSSIP'"),
    ("frames/intents.tsv", "append", "category\tACCUSE\thug\t-", None, r"'hug' is not a property"),
    ("frames/intents.tsv", "append", "cue\twill\t-\t-", None, r"duplicate row \('cue', 'will'\)"),
    ("frames/intents.tsv", "append", "category\tAID\tpropose", None, r"expected 4 tab-separated fields"),
    ("frames/results.tsv", "append", "fatally\tadverb\tattack\tkill", None, r"duplicate cue and place"),
    ("frames/results.tsv", "append", "lethally\tbefore\tattack\tkill", None, r"unknown where 'before'"),
    ("frames/results.tsv", "append", "lethally\tadverb\tattack\tslay", None, r"'slay' is not a property"),
    ("frames/results.tsv", "append", "lethally\tadverb\tattack", None, r"expected 4 tab-separated fields"),
    ("events/plover.tsv", "append", "HUG\t1\tHUG\t1.0\t-\t-\thugs", None, r"unknown PLOVER category 'HUG'"),
    ("events/plover.tsv", "append", "AGREE\t1\tAGREE\t4.2\t120\t-\tagain", None,
     r"duplicate category 'AGREE' \(first given at line \d+\)"),
    ("events/plover.tsv", "replace", "ASSAULT\t5\tASSAULT\t-9.3\t-\t138\tviolence\n", 1, r"unknown quad class '5'"),
    ("events/plover.tsv", "replace", "ASSAULT\t4\tASSAULT\t-9.3\t-\t190\tviolence\n", 1,
     r"threat must be '-' or a CAMEO code of events/cameo.tsv under 13, got '190'"),
    ("events/cameo.tsv", "append", "1999\t-10.0\tFight harder", None,
     r"code '1999' extends no code given above it: give '199' first"),
    ("events/cameo.tsv", "append", "21\t-\tNEW ROOT", None, r"root '21' needs a Goldstein weight"),
    ("events/cameo.tsv", "append", "193\t-12\tFight again", None, r"duplicate CAMEO code '193'"),
    ("events/cameo.tsv", "append", "197\t-12\tFight harder", None, r"goldstein must be between -10 and 10"),
    ("events/word_codes.tsv", "append", "memberOf\t040", None, r"'memberOf' is no event word"),
    ("events/word_codes.tsv", "append", "hug\t040", None, r"'hug' is not a property in kg.ttl"),
    ("events/word_codes.tsv", "replace", "meetWith\t190\n", 1,
     r"code '190' is outside the CAMEO roots of 'meetWith'"),
    ("events/word_codes.tsv", "replace", "meetWith\t040\n", 0, r"no code for the event words accuse, agreeWith"),
    ("user-gazetteer", "replace", json.dumps({**GAZ, "country": "atlantis"}) + "\n", 1,
     r"country 'atlantis' is not a gazetteer id"),
    ("user-gazetteer", "replace", json.dumps(GAZ) + "\n" + json.dumps(GAZ) + "\n", 2,
     r"duplicate gazetteer id 'atlantis_front' \(first given at line 1\)"),
    ("user-gazetteer", "replace", json.dumps({**GAZ, "contry": "chad"}) + "\n", 1, r"unknown field 'contry'"),
    ("user-aliases", "replace", "same\tAbu X\n", 1, r"expected 3 tab-separated fields"),
]


@pytest.mark.parametrize("target, action, text, line, reason", BROKEN, ids=[
    f"{row[0].split('/')[-1]}-{i}" for i, row in enumerate(BROKEN)])
def test_a_broken_rule_file_is_refused_with_file_line_and_reason(tmp_path, target, action, text, line, reason):
    folder = tmp_path / "ontology"
    shutil.copytree(shipped_folder(), folder)
    sources = RuleSources(root=folder)
    if target.startswith("user-"):
        path = tmp_path / ("mine.jsonl" if target == "user-gazetteer" else "mine.tsv")
        sources = RuleSources(root=folder, **{"gazetteers" if target == "user-gazetteer" else "aliases": (path,)})
    else:
        path = folder / target
    if action == "append":
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text + "\n", encoding="utf-8")
        if line is None:
            line = len(path.read_text(encoding="utf-8").splitlines())
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(sources)
    err = caught.value
    assert (err.path, err.line) == (path, line)
    assert pytest.importorskip("re").search(reason, err.reason), err.reason
    assert str(err).startswith(f"[E003] {path}:{line}: " if line else f"[E003] {path}: ")


def test_the_table_covers_every_rule_file():
    covered = {row[0] for row in BROKEN}
    files = {p.relative_to(shipped_folder()).as_posix() for p in shipped_folder().rglob("*")
             if p.suffix in (".tsv", ".jsonl", ".ttl") and p.name != "shapes.ttl"
             and p.parent.name not in ("actors", "places")}  # kg/rules/actors.py, places.py: their own tests
    kinds = {"gazetteer/" + f for f in ("countries.jsonl", "parties.jsonl", "companies.jsonl", "people.jsonl")}
    assert files - covered - kinds == set(), "add a broken-file row for these"
    assert len(BROKEN) >= 25
