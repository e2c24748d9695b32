"""Constructions that state standing relations by themselves (kg/extract/constructions.py): roles between
a holder and an owner, organisations and places in places, datelines. Our own sentences, one row each:
the edges the sentence states and the edges it must not give."""

from __future__ import annotations

import pytest

from kg.rules import load_rules
from kg.tools.calibrate import check

# (construction, text, edges stated, edges that must not be)
ROWS = [
    # roles: apposition with a preposition, through a common noun, with an organisation's place
    ("role_apposition", "Kofi Mensah, a spokesman for the Ghana Ports Authority, said the strike had ended.",
     [["Kofi Mensah", "memberOf", "Ghana Ports Authority"]], [["Kofi Mensah", "leaderOf", "Ghana Ports Authority"]]),
    ("role_apposition", "Efua Sutherland, an analyst on missiles at Tel Aviv University, disagreed.",
     [["Efua Sutherland", "memberOf", "Tel Aviv University"]], []),
    ("role_apposition", "Tomas Brenner, an economist with Deutsche Bank in Frankfurt, expects rates to fall.",
     [["Tomas Brenner", "memberOf", "Deutsche Bank"], ["Deutsche Bank", "locatedIn", "Frankfurt"]],
     [["Tomas Brenner", "locatedIn", "Frankfurt"]]),
    ("role_apposition", "Kofi Boateng, the Ecobank chairman, resigned on Friday.",
     [["Kofi Boateng", "leaderOf", "Ecobank"]], []),
    # a person's place is no employer and no locatedIn; a possessive person owns no staff
    ("role_apposition", "Maria Lopez, a Red Cross nurse in Tijuana, treated the wounded.",
     [["Maria Lopez", "memberOf", "Red Cross"]], [["Maria Lopez", "locatedIn", "Tijuana"],
                                                  ["Maria Lopez", "memberOf", "Tijuana"]]),
    ("role_apposition", "Ama Owusu, a nurse in Kumasi, treated the wounded.",
     [], [["Ama Owusu", "locatedIn", "Kumasi"], ["Ama Owusu", "memberOf", "Kumasi"]]),
    ("role_apposition", "Yaw Darko, the minister's spokesman at the Finance Ministry, declined to comment.",
     [["Yaw Darko", "memberOf", "Finance Ministry"]], []),
    ("role_apposition", "Kwame Nkrumah, the first president of Ghana, died in 1972.",
     [], [["Kwame Nkrumah", "leaderOf", "Ghana"]]),
    # ranks and trades: "a major in Y", "FBI agent X", "Chelsea striker X"; "a major donor" is no rank
    ("role_apposition", "Anna Berg, who is a major in the Ghana Army, spoke.", [["Anna Berg", "memberOf", "Ghana Army"]], []),
    ("role_apposition", "FBI agent John Carter testified on Monday.",
     [["John Carter", "memberOf", "Federal Bureau of Investigation"]], []),
    ("role_apposition", "Chelsea striker Didier Drogba scored twice.", [["Didier Drogba", "memberOf", "Chelsea"]], []),
    ("role_apposition", "Anna Berg, a major donor to the Red Cross, spoke.", [], [["Anna Berg", "memberOf", "Red Cross"]]),
    ("role_apposition", "Rep. Tom Hale, D-Calif., chairman of the House Ethics Committee, said the vote would wait.",
     [["Tom Hale", "leaderOf", "House Ethics Committee"]], [["Tom Hale", "locatedIn", "California"]]),
    ("role_apposition", "Kofi Ansah, chairman of the largest opposition party, the New Patriotic Party, resigned.",
     [["Kofi Ansah", "leaderOf", "New Patriotic Party"]], []),
    # title before the name: possessive owner, name owner, owner after "of" before the name
    ("role_before_name", "Ecobank's spokesman Kwame Asante denied the report.",
     [["Kwame Asante", "memberOf", "Ecobank"]], [["Kwame Asante", "leaderOf", "Ecobank"]]),
    ("role_before_name", "Unilever chairman Nils Andersen visited Lagos on Monday.",
     [["Nils Andersen", "leaderOf", "Unilever"]], [["Nils Andersen", "locatedIn", "Lagos"]]),
    ("role_before_name", "The talks included commander of the Quds Brigades Khaled Mansour and two aides.",
     [["Khaled Mansour", "leaderOf", "Quds Brigades"]], []),
    ("role_before_name", "The air would last two days, said Coast Guard Lt. Mark Hardy.",
     [["Mark Hardy", "memberOf", "Coast Guard"]], [["Mark Hardy", "leaderOf", "Coast Guard"]]),
    ("role_before_name", "The deputies were greeted by Ghana Parliament Deputy Kojo Owusu.",
     [["Kojo Owusu", "memberOf", "Ghana Parliament"]], []),
    # the role noun renames the name after it
    ("role_renamed", "The head of the Ghana Cocoa Board, Joseph Boahen, said prices would rise.",
     [["Joseph Boahen", "leaderOf", "Ghana Cocoa Board"]], []),
    ("role_renamed", "Hamas and its ally Islamic Jihad rejected the plan.",
     [["Islamic Jihad", "alliedWith", "Hamas"]], []),
    ("role_renamed", "Ghana's finance minister, Kojo Mensah, presented the budget on Wednesday.",
     [["Kojo Mensah", "memberOf", "Ghana"]], [["Kojo Mensah", "leaderOf", "Ghana"]]),
    # copula and object predicative
    ("role_copula", "Kwame Asante is a professor at the Kwame Nkrumah University of Science and Technology.",
     [["Kwame Asante", "memberOf", "Kwame Nkrumah University of Science and Technology"]], []),
    ("role_copula", "Yaw Darko is the publisher of the Daily Graphic.",
     [["Yaw Darko", "memberOf", "Daily Graphic"]], []),
    ("role_copula", "Tema Media named Yaw Darko publisher of the Daily Graphic on Tuesday.",
     [["Yaw Darko", "memberOf", "Daily Graphic"]], [["Yaw Darko", "memberOf", "Tema Media"]]),
    # the speaker of a report, named by a role only, speaks for the reported subject
    ("role_reported", "The Ghana Ports Authority will reopen the harbour on Monday, said Kofi Mensah, a spokesman.",
     [["Kofi Mensah", "memberOf", "Ghana Ports Authority"]], []),
    ("role_reported", "Ecobank raised its rates, said bank official Kofi Mensah.",
     [["Kofi Mensah", "memberOf", "Ecobank"]], []),
    ("role_reported", "Israel struck the camp overnight, said Yaw Mensah, a witness.",
     [], [["Yaw Mensah", "memberOf", "Israel"]]),
    # a person of an organisation
    ("person_of_organisation", "Judge Ama Owusu of the Supreme Court dismissed the case.",
     [["Ama Owusu", "memberOf", "Supreme Court"]], []),
    ("person_of_organisation", "Dr. Kwesi Appiah of the Korle Bu Teaching Hospital said two patients had died.",
     [["Kwesi Appiah", "memberOf", "Korle Bu Teaching Hospital"]], []),
    ("person_of_organisation", "Kwesi Appiah and John Mensah of the University of Ghana wrote the report.",
     [["Kwesi Appiah", "memberOf", "University of Ghana"], ["John Mensah", "memberOf", "University of Ghana"]], []),
    ("person_of_organisation", "President Joe Biden hosted Donald Trump at the White House.",
     [], [["Donald Trump", "memberOf", "White House"]]),
    # places side by side, in places, in lists and party tags
    ("place_in_place", "The fire destroyed a warehouse in Takoradi, Ghana, on Sunday.",
     [["Takoradi", "locatedIn", "Ghana"]], [["Ghana", "locatedIn", "Takoradi"]]),
    ("place_in_place", "The plant is in Dayton, Ohio, and a second one in Rochester, N.Y.",
     [["Dayton", "locatedIn", "Ohio"], ["Rochester", "locatedIn", "N.Y."]], [["Ohio", "locatedIn", "Rochester"]]),
    ("place_in_place", "The storm hit Cape Coast in Ghana's Central region.",
     [["Cape Coast", "locatedIn", "Central"], ["Central", "locatedIn", "Ghana"], ["Cape Coast", "locatedIn", "Ghana"]],
     [["Ghana", "locatedIn", "Central"]]),
    ("place_in_place", "Rome is in Lazio province and Naples in Campania.",
     [["Rome", "locatedIn", "Lazio province"], ["Naples", "locatedIn", "Campania"]], []),
    ("place_in_place", "Engineers shut two reactors at the Akosombo plant in Ghana.",
     [["Akosombo", "locatedIn", "Ghana"]], []),
    ("place_in_place", "The magazine sells well in Fresno, Calif., and the Herald-Tribune in Muncie, Ind.",
     [["Fresno", "locatedIn", "California"], ["Muncie", "locatedIn", "Indiana"]], []),
    ("place_in_place", "Officials in Ghana, Togo and Benin met on Monday.",
     [], [["Ghana", "locatedIn", "Togo"], ["Togo", "locatedIn", "Benin"]]),
    ("place_in_place", "Sen. John Barrow, R-Utah, voted against the bill.",
     [], [["John Barrow", "locatedIn", "Utah"]]),
    # a country in a continent, an ocean or a world region (ontology/gazetteer/places.jsonl: no country)
    ("place_in_place", "Chad, a landlocked country in Africa, closed its border with Sudan.",
     [["Chad", "locatedIn", "Africa"]], [["Africa", "locatedIn", "Chad"]]),
    ("place_in_place", "Mauritius, an island nation in the Indian Ocean, held elections on Sunday.",
     [["Mauritius", "locatedIn", "Indian Ocean"]], []),
    ("place_in_place", "The ferry sank off Cape Verde in the Atlantic Ocean.",
     [["Cape Verde", "locatedIn", "Atlantic Ocean"]], []),
    ("place_in_place", "Laos, in Southeast Asia, reopened its border with Vietnam.",
     [["Laos", "locatedIn", "Southeast Asia"]], [["Vietnam", "locatedIn", "Southeast Asia"]]),
    ("place_in_place", "The minister flew from Lome to Europe on Monday.",
     [], [["Lome", "locatedIn", "Europe"]]),
    # a place the copula says is a place noun of another ("X is Y's largest city", "one of the cities in Y")
    ("place_in_place", "Kumasi is Ghana's second city.", [["Kumasi", "locatedIn", "Ghana"]], []),
    ("place_in_place", "Cape Town is one of the oldest cities in South Africa.",
     [["Cape Town", "locatedIn", "South Africa"]], []),
    ("place_in_place", "Lagos and Ibadan are the largest cities in Nigeria.",
     [["Lagos", "locatedIn", "Nigeria"], ["Ibadan", "locatedIn", "Nigeria"]], []),
    ("place_in_place", "Accra is not a city in Nigeria.", [], [["Accra", "locatedIn", "Nigeria"]]),
    # the copula's subject with its conjuncts ("A and B are in Y")
    ("place_in_place", "Burkina Faso and Niger are in the Sahel.",
     [["Burkina Faso", "locatedIn", "Sahel"], ["Niger", "locatedIn", "Sahel"]], []),
    ("place_in_place", "Kumasi, Tamale and Accra are all in Ghana.",
     [["Kumasi", "locatedIn", "Ghana"], ["Tamale", "locatedIn", "Ghana"], ["Accra", "locatedIn", "Ghana"]], []),
    ("organisation_in_place", "Acme Corp. and the Beta Group are both in Toledo.",
     [["Acme Corp.", "locatedIn", "Toledo"], ["Beta Group", "locatedIn", "Toledo"]], []),
    ("place_in_place", "Peru and Chile are at odds over fishing rights in the Pacific.",
     [], [["Chile", "locatedIn", "Pacific"], ["Peru", "locatedIn", "Pacific"]]),
    # a list whose phrase "both" or "all" gives each of them ("A and B, both in Y")
    ("place_in_place", "Ghana and Togo, both in West Africa, signed a trade pact.",
     [["Ghana", "locatedIn", "West Africa"], ["Togo", "locatedIn", "West Africa"]], []),
    ("place_in_place", "Benin and Niger, both in West Africa, closed their borders.",
     [["Benin", "locatedIn", "West Africa"], ["Niger", "locatedIn", "West Africa"]], []),
    ("place_in_place", "Burundi, Rwanda and Uganda, all in East Africa, joined the bloc.",
     [["Burundi", "locatedIn", "East Africa"], ["Rwanda", "locatedIn", "East Africa"],
      ["Uganda", "locatedIn", "East Africa"]], []),
    # organisations in places
    ("organisation_in_place", "Ghana's Ecobank posted a loss.",
     [["Ecobank", "locatedIn", "Ghana"]], []),
    ("organisation_in_place", "Ghana's Electoral Commission rejected the petition.",
     [["Electoral Commission", "partOf", "Ghana"]], [["Electoral Commission", "locatedIn", "Ghana"]]),
    ("organisation_in_place", "A Lagos-based bank, Zenith Holdings, raised rates.",
     [["Zenith Holdings", "locatedIn", "Lagos"]], []),
    ("organisation_in_place", "The RSF signed a charter with the Sudan Liberation Movement in Nairobi in May.",
     [], [["Sudan Liberation Movement", "locatedIn", "Nairobi"], ["RSF", "locatedIn", "Nairobi"]]),
    # datelines
    ("dateline", "ACCRA, Ghana (AP) - Farmers protested on Monday.",
     [["AP", "locatedIn", "Accra"], ["Accra", "locatedIn", "Ghana"]], [["Ghana", "locatedIn", "Accra"]]),
    ("dateline", "LAGOS, Nigeria (Reuters) - Fuel queues returned to the city on Monday.",
     [["Reuters", "locatedIn", "Lagos"], ["Lagos", "locatedIn", "Nigeria"]], []),
    ("dateline", "The minister told reporters in Accra (Ghana) that talks would resume.",
     [], [["Ghana", "locatedIn", "Accra"]]),
    ("dateline", "AOSTA, Italy (AP) - Avalanches closed two roads.",
     [["AP", "locatedIn", "Aosta"], ["Aosta", "locatedIn", "Italy"], ["AP", "locatedIn", "Italy"]],
     [["Italy", "locatedIn", "Aosta"]]),
    ("dateline", "Tamale, March 3 (GNA) -- Farmers in the north expect a late harvest.",
     [["GNA", "locatedIn", "Tamale"]], []),
    ("dateline", "(GNA) Ho, 4 Feb -- The regional minister opened a clinic.",
     [["GNA", "locatedIn", "Ho"]], []),
    ("dateline", "(Text) Brussels, 12 Mar (Belga) -- Belgian pilots began exercises.",
     [["Belga", "locatedIn", "Brussels"]], []),
    # source lines of monitored media
    ("source_line", "Accra Radio Univers in English 0700 GMT 3 May 94",
     [["Radio Univers", "locatedIn", "Accra"]], []),
    ("source_line", "Tokyo NIKKEI SHIMBUN",
     [["NIKKEI SHIMBUN", "locatedIn", "Tokyo"]], []),
    ("source_line", "London THE OBSERVER 12 Mar 95 pp 2, 9",
     [["OBSERVER", "locatedIn", "London"]], []),
    ("source_line", "Paris Match published the photographs.",
     [], [["Match", "locatedIn", "Paris"]]),
    # names of places the tagger missed before a state
    ("place_shape", "Storms flooded Kings Point, N.Y., on Sunday.",
     [["Kings Point", "locatedIn", "New York"]], []),
    ("place_shape", "Fort Hamilton, Kings County, N.Y., was closed.",
     [["Fort Hamilton", "locatedIn", "Kings County"], ["Kings County", "locatedIn", "New York"]], []),
    ("place_shape", "Rep. Ann Brooks, D-Ohio, opposed the measure.",
     [], [["Ann Brooks", "locatedIn", "Ohio"]]),
    # a place a sentence opens with; an organisation's seat; a verb that settles its object
    ("fronted_place", "In Colorado, a foot of snow in Denver closed two highways.",
     [["Denver", "locatedIn", "Colorado"]], []),
    ("fronted_place", "In Washington, the Congressional Budget Office says costs will rise.",
     [["Congressional Budget Office", "locatedIn", "Washington"]], []),
    ("fronted_place", "In Paris, the minister met a delegation from Berlin.",
     [], [["Berlin", "locatedIn", "Paris"]]),
    ("organisation_in_place", "Inspectors visited the NRC headquarters in Rockville on Monday.",
     [["NRC", "locatedIn", "Rockville"]], []),
    ("organisation_in_place", "Al Jazeera's bureau in Ramallah was closed on Sunday.",
     [], [["Al Jazeera", "locatedIn", "Ramallah"]]),
    ("organisation_in_place", "Two brothers founded Ashfoam Limited in Tema in 1985.",
     [["Ashfoam Limited", "locatedIn", "Tema"]], []),
    # organisations named for a place
    ("organisation_in_place", "The Bank of Ghana raised its policy rate.",
     [["Bank of Ghana", "locatedIn", "Ghana"]], []),
    ("organisation_in_place", "The Texas Department of Agriculture fined the company.",
     [["Texas Department of Agriculture", "locatedIn", "Texas"]], []),
    # a nationality word starting the name: where the organisation is; a state body is partOf its state
    ("organisation_in_place", "The Kenyan Red Cross sent aid to the flood victims.",
     [["Kenyan Red Cross", "locatedIn", "Kenya"]], []),
    ("organisation_in_place", "The Zambian Football Association fired its coach.",
     [["Zambian Football Association", "locatedIn", "Zambia"]], []),
    ("organisation_in_place", "The Egyptian Foreign Ministry denied the reports.",
     [["Egyptian Foreign Ministry", "partOf", "Egypt"]], [["Egyptian Foreign Ministry", "locatedIn", "Egypt"]]),
    ("organisation_in_place", "The U.S. Embassy in Accra closed for the day.",
     [["U.S. Embassy", "locatedIn", "Accra"]], [["U.S. Embassy", "locatedIn", "United States"]]),
]


# A role the title says has ended ("former", "retired", "ex-", "late") is still a fact about the past: the
# edge is made and its evidence says former (kg:former); a role with no such word is never marked former.
FORMER_ROWS = [
    ("Yaw Boakye, a retired Ghana Police Service officer, spoke at the hearing.",
     [["Yaw Boakye", "memberOf", "Ghana Police Service"]], []),
    ("Efua Boateng, a former chairman of Ecobank, died on Sunday.", [["Efua Boateng", "leaderOf", "Ecobank"]], []),
    ("Former World Bank president Paul Wolfowitz spoke in Accra.", [["Paul Wolfowitz", "leaderOf", "World Bank"]], []),
    ("The late Zambian President Michael Sata was buried in Lusaka.", [["Michael Sata", "leaderOf", "Zambia"]], []),
    ("Ex-Interpol chief Meng Hongwei was jailed in China.", [["Meng Hongwei", "leaderOf", "Interpol"]], []),
    ("Kojo Mensah, a former Ecobank director and now chairman of Fidelity Bank, spoke.",
     [["Kojo Mensah", "memberOf", "Ecobank"]], [["Kojo Mensah", "leaderOf", "Fidelity Bank"]]),
    ("Kofi Boateng, the Ecobank chairman, met former Ghanaian President John Kufuor on Friday.",
     [["John Kufuor", "leaderOf", "Ghana"]], [["Kofi Boateng", "leaderOf", "Ecobank"]]),
]


@pytest.mark.parametrize("text, former, current", FORMER_ROWS, ids=[f"former-{i}" for i in range(len(FORMER_ROWS))])
def test_former_role(graph_of, rules, text, former, current):
    result = check({"text": text, "former": former, "current": current, "edges": current}, graph_of(text), rules)
    assert not result.problems, "\n".join(result.problems)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize("construction, text, edges, absent", ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_construction(graph_of, rules, construction, text, edges, absent):
    result = check({"text": text, "edges": edges, "absent": absent}, graph_of(text), rules)
    assert not result.problems, "\n".join(result.problems)


def test_every_construction_has_three_rows():
    counts: dict[str, int] = {}
    for construction, *_ in ROWS:
        counts[construction] = counts.get(construction, 0) + 1
    assert all(n >= 3 for n in counts.values()), counts
