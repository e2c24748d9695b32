"""The argument table (tests/data/argument_table.jsonl): our own news sentences, at least three for each
construction the general argument layer reads (issue 19) and for each event word added for PLOVER's
categories. Rows have the same form as the relation table's (kg.tools.calibrate): "edges" stated as
facts, "absent" edges that must not be stated, "not_asserted" edges held as negative, possible, future,
intended or conditional. One test per row; a row with "known_gap" is a strict xfail naming what kg cannot
yet read, so the table tells what to fix and turns red when a gap closes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import table_row_param

from kg.rules import load_rules
from kg.tools import calibrate

TABLE = Path(__file__).parents[1] / "data" / "argument_table.jsonl"
ROWS = calibrate.load_rows(TABLE)
CONSTRUCTIONS = [
    "agent_subject", "passive_by_agent", "nominal_possessor_agent", "nominal_by_agent", "nominal_of_patient",
    "indirect_object", "prepositional_object", "coordinated_subjects", "coordinated_objects",
    "relative_clause_not_handed_on", "relative_clause", "reduced_relative", "control", "object_control",
    "raising", "clausal_complement", "accusation_complement", "light_verb", "nominalisation",
    "hyphenated_participle", "pronoun_subject", "definite_subject", "negation_and_hypothesis", "coordinated_owners", "employment_verb",
    "unattributed_state_act", "group_actor", "place_of_event", "stated_intent", "clause_target", "time_adjunct",
    "specific_frame", "doer_noun", "lethal_result", "charge_nominal", "instrument_subject", "appointed_role", "lethal_verb",
    "agent_noun_party", "verb_form_lemma", "proxy_subject", "failed_attempt", "word_sense",
    "led_part", "group_in_place", "place_noun_of", "particle_phrase", "reported_speech_conjunct", "transfer_theme",
    "perceived_participle", "collective_partitive", "blame_complement",
    "title_subject", "counted_object", "effort_compound", "object_phrase_frame", "for_infinitive", "nominal_complement",
    "actor_slot", "verbal_act_noun", "collective_head", "title_object",
    "title_of_appositive", "owner_of_people_noun", "appraised_harm", "compound_chain_owner", "verdict_small_clause",
    "allegiance_owner", "close_apposition_of", "noun_clause_complement", "group_from_actor",
    "object_control_complement", "abbreviated_rank", "refusal_to_yield", "fronted_apposition", "partitive_object", "proposal_owner_modifier", "prevention_complement",
    "hedging_adverb", "passive_hearsay", "disclaimed_claim", "branch_of_owner", "identified_as", "led_body", "participle_adjective",
    "sum_in", "protest_purpose", "light_participle", "approved_harm", "bare_participle",
    "adversary_not_partner", "moved_forces", "expulsion_path", "conditional_refusal", "reversed_code", "conditional_threat", "peacekeeping_host", "removal_source",
    "received_event", "people_of_place", "colon_clause", "gift_purpose", "commanded_passive", "agreed_act_place", "reciprocal", "examined_place", "call_purpose", "settling_between", "addressee_pronoun", "infinitive_pronoun_object", "backed_participle", "described_person",
    "captive_complement", "harm_noun_subject", "predicative_naming",
    "given_in_place",
    "ending_governor",
    "undertaking_compound", "passive_handed", "place_list_shared", "freeing_result", "truce_parties", "restated_stance", "ruling_state", "owned_clause_subject", "asked_for_content", "asked_act_patient", "asked_end", "state_group_in_name", "joined_side", "past_state_place", "setting_place", "ended_against", "epithet", "light_verb_pattern", "withdrawn_from", "inferred_past", "negotiated_act", "call_named_object", "attempted_mediation", "demonym_kind", "demanded_concession", "head_noun_verb", "led_by", "approved_deal", "copula_become", "title_affiliation", "sanction_object", "portfolio_title", "aid_level", "sought_warrant", "exchanged_for", "approved_loan", "ties_improved", "prep_noun_phrase", "list_relative", "role_for_apposition", "trade_restriction", "hosted_talks", "walkout", "red_notice", "demanded_from", "leave_given", "claimed_act", "designation", "investment", "office_taken", "partner_phrase", "severance", "placement", "taken_from", "buildup", "errand", "revocation", "authored_attitude", "time_limit", "control_taken", "stance_prefix", "base_abroad", "cleft", "time_adjunct", "community", "mission_host", "show_of_force", "epithet_adjective", "title_of_actor", "owned_people_of_place", "group_noun_tagged", "fired_weapon", "shifted_object", "addressed_capital", "aimed_at_phrase", "demonym_on_title", "city_officer", "prospect_of_act", "ordered_act", "penalised_capital", "victim_died", "possessor_of_person", "withheld_report",
    "pronoun_owner", "inverted_condition", "name_tagged_adverb", "question_clause", "stopped_short", "harm_in_phrase",
    "title_clause_subject", "phrase_pattern_sense", "typed_apostrophe", "counterfactual_perfect", "negated_order", "governed_event_noun", "name_particle", "ethnic_people",
]
WORDS = ["aid", "concede", "release", "retreat", "investigate", "demand", "protest", "mobilize", "coerce",
         "reduceRelations"]
REQUIRED = CONSTRUCTIONS + [f"word_{w}" for w in WORDS]
MIN_ROWS = 3
# Constructions and words kg reads in fewer than MIN_ROWS of their rows today, and why (see the rows'
# known_gap). Remove an entry when its test starts passing (it is a strict xfail).
THIN: dict[str, str] = {}


@pytest.fixture(scope="module")
def results():
    return {r.row["id"]: r for r in calibrate.run(ROWS)}


@pytest.mark.parametrize("row_id", [table_row_param(r) for r in ROWS])
def test_row(results, row_id):
    result = results[row_id]
    assert not result.problems, f"{result.row['text']}\n" + "\n".join(result.problems)


def test_table_rows_are_well_formed():
    known = load_rules().schema.properties
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("arg-") for i in ids), ids
    for row in ROWS:
        assert row["construction"] in REQUIRED, (row["id"], row["construction"])
        assert row["text"] and row["domain"], row["id"]
        assert any(row.get(k) for k in ("edges", "absent", "not_asserted")), row["id"]
        for key in ("edges", "absent", "not_asserted", "attributed"):
            for item in row.get(key, []):
                assert item[1] in known, (row["id"], item)
        for item in row.get("not_asserted", []):
            assert item[3] in ("negative", "possible", "future", "intended", "conditional"), row["id"]


def test_every_construction_and_word_has_rows():
    """At least three rows each, one at least saying what must not be stated; a word's rows state the word."""
    rows_of = Counter(r["construction"] for r in ROWS)
    thin = {c: rows_of[c] for c in REQUIRED if rows_of[c] < MIN_ROWS}
    assert not thin, thin
    unchecked = [c for c in REQUIRED
                 if not any(r.get("absent") or r.get("not_asserted") for r in ROWS if r["construction"] == c)]
    assert not unchecked, unchecked
    for word in WORDS:
        stating = [r["id"] for r in ROWS if r["construction"] == f"word_{word}"
                   and any(e[1] == word for e in (*r.get("edges", []), *r.get("not_asserted", [])))]
        assert len(stating) >= MIN_ROWS, (word, stating)
    assert len({r["domain"] for r in ROWS}) >= 5


def _construction_param(name):
    marks = [pytest.mark.xfail(strict=True, reason=THIN[name])] if name in THIN else []
    return pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("construction", [_construction_param(c) for c in REQUIRED])
def test_construction_is_read_in_three_rows(results, construction):
    passing = [i for i, r in results.items() if r.row["construction"] == construction and not r.problems]
    assert len(passing) >= MIN_ROWS, (construction, passing)


def test_unasserted_rows_never_give_plain_edges(results):
    """Negated, possible, planned and conditional readings (control, raising, complements) stay unasserted,
    except in rows whose known gap says so."""
    stated = [(r.row["id"], p) for r in results.values() if r.row.get("not_asserted")
              for p in r.problems if "stated as a fact" in p and p not in r.row.get("known_gap", "")]
    assert not stated, stated
