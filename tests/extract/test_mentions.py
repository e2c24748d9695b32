"""Entity mentions: classes, nationality words, group actors, titles stripped, names merged."""

from __future__ import annotations

import pytest

from kg.api import extract_documents
from kg.config import Settings
from kg.model import Document

ROWS = [
    ("Ismail Haniyeh spoke in Doha.", "Ismail Haniyeh", "Person"),
    ("Former Prime Minister Ismail Haniyeh spoke in Doha.", "Ismail Haniyeh", "Person"),
    ("Hamas said nothing.", "Hamas", "ArmedGroup"),
    ("IS fighters attacked the town.", "Islamic State", "ArmedGroup"),
    ("Egyptian officials arrived.", "Egypt", "Country"),
    ("Egyptian officials arrived.", "Egyptian officials", "GroupActor"),
    # a group the gazetteer names is that body; others stay unnamed groups of their country
    ("The Israeli army moved north.", "Israel Defense Forces", "GovernmentBody"),
    ("Israeli troops moved north.", "Israel Defense Forces", "GovernmentBody"),
    ("Chadian troops moved north.", "Chadian military", "GroupActor"),
    # the tagger calls these PERSON; the head word "Brigades" / "Forces" marks an organisation
    ("The Abu Ali Mustafa Brigades claimed responsibility.", "Ali Mustafa Brigades", "Organization"),
    ("Ahmad Jibril Forces claimed the attack.", "Ahmad Jibril Forces", "Organization"),
    ("He told Reuters on Monday.", "Reuters", "MediaOrganization"),
    # the tagger calls these a person and an organisation; the last word makes them places
    ("In Louisiana's Cameron Parish, residents evacuated.", "Cameron Parish", "Region"),
    ("Flooding hit Tangipahoa Parish overnight.", "Tangipahoa Parish", "Region"),
    ("Hikers were lost on Bear Mountain.", "Bear Mountain", "Region"),
    # a name the tagger called a place, in a slot only an actor fills (the subject of "shot")
    ("Although Sirhan shot Mensah in full view of the crowd, doubts remain.", "Sirhan", "Person"),
    # a name the tagger made a person or an organisation, after "in" / "near", that is a city's own name
    ("He lived in Lincoln for years.", "Lincoln", "City"),
    ("The factory near Madison closed.", "Madison", "City"),
    ("Investors lost faith in Elon Musk after the post.", "Elon Musk", "Person"),  # no city's name
    # persons the tagger missed whose full name the Phoenix actor dictionary lists
    ("Theresa May will travel to Brussels on Monday.", "Theresa May", "Person"),
    ("Soldiers arrested Laurent Gbagbo in Abidjan.", "Laurent Gbagbo", "Person"),
    ("Theresa May met Emmanuel Macron in Paris.", "Theresa May", "Person"),
    # a name in apposition to a kind of company (lexicons/context_cues.tsv, apposition)
    ("Tata, the Indian conglomerate, bought the firm.", "Tata", "Company"),
    # a name in apposition to a kind of place, directly or through "one of"
    ("Tema, a port city in Ghana, was closed.", "Tema", "City"),
    ("Tema, one of the largest ports in Ghana, was closed.", "Tema", "City"),
    # not when the noun is a word of another name the parser hung the apposition on ("Bank" of "World Bank")
    ("The head of the World Bank, John Peterson, resigned.", "John Peterson", "Person"),
    ("The leader of the Liberal Party, Anna Berg, conceded defeat.", "Anna Berg", "Person"),
    # the same before a state: a dateline in capitals, a city the place table knows
    ("ROYAL OAK, Mich. (AP) _ A man was arrested on Monday.", "ROYAL OAK", "Location"),
    # a rank the tagger took into the organisation before a name, abbreviated without its full stop
    ("Marine Corps Capt. John Reed said the base was safe.", "Marine Corps", "Organization"),
    # persons the tagger missed after a title: a run of two or more capitalised names
    ("The rebels said they will free Sergeant Pablo Moncayo.", "Pablo Moncayo", "Person"),
    # a country's former name is the country (the tagger made these people or organisations)
    ("Zaire expelled two Belgian diplomats.", "Democratic Republic of the Congo", "Country"),
    ("Kampuchea accused Thailand of shelling its border.", "Cambodia", "Country"),
    ("Rhodesia closed its border with Zambia.", "Zimbabwe", "Country"),
    # the object of "of" after a noun of a town or of its people is a place (the tagger made these
    # organisations): lexicons/context_cues.tsv, of_object_of
    ("The mayor of Lyon met the governor of Texas.", "Lyon", "City"),
    ("The army shelled the outskirts of Bugesera.", "Bugesera", "Location"),
    ("Gunmen killed two residents of Salamanca.", "Salamanca", "Location"),
    ("Microsoft hired the former mayor of Paris.", "Microsoft", "Company"),  # the cue is the object's alone
    # the object of "of" after a direction is a place (the tagger made these an organisation and persons)
    ("The fire burned 40 miles south of Pocatello.", "Pocatello", "Location"),
    ("Floods hit the valley south of Twin Falls.", "Twin Falls", "Location"),
    ("The crash happened 20 miles east of Moab.", "Moab", "Location"),
    # a name followed by an age set off by commas is a person's (the tagger made these organisations)
    ("Lindqvist, 44, is a retired judge.", "Lindqvist", "Person"),
    ("Carrington Hale, 33, of Mesa, was charged with fraud.", "Carrington Hale", "Person"),
    ("Carrington Hale, 33, of Mesa, was charged with fraud.", "Mesa", "Location"),  # where the person is from
    ("Dubrow, 47, joined the board in May.", "Dubrow", "Person"),
    ("Sales in Nairobi, 12, and Lagos fell.", "Nairobi", "City"),  # a gazetteer's place keeps its class
    # states of the past are countries (the tagger made them organisations or persons)
    ("The Soviet Union launched the satellite in 1957.", "Soviet Union", "Country"),
    ("Tanks entered Czechoslovakia in August 1968.", "Czechoslovakia", "Country"),
    ("Marshal Tito ruled Yugoslavia for 35 years.", "Yugoslavia", "Country"),
    ("East Germany opened its border in 1989.", "East Germany", "Country"),
    ("Yugoslav troops crossed the river.", "Yugoslavia", "Country"),  # through the demonym
]


@pytest.mark.parametrize("text, label, cls", ROWS)
def test_mention_table(graph_of, text, label, cls):
    found = {(e.label, e.cls) for e in graph_of(text).entities}
    assert (label, cls) in found, found


def test_surname_joins_full_name(graph_of):
    g = graph_of("Ismail Haniyeh arrived in Cairo. Haniyeh met Egyptian officials there.")
    people = [e for e in g.entities if e.cls == "Person"]
    assert [p.label for p in people] == ["Ismail Haniyeh"]
    assert "Haniyeh" in people[0].alt_labels and people[0].mentions == 2


@pytest.mark.parametrize("text, person", [
    ("Defence Minister Yoav Gallant visited the troops.", "Yoav Gallant"),
    ("Interior Minister Gerald Darmanin ordered the expulsion.", "Gerald Darmanin"),
    ("Foreign Affairs Secretary Maria Costa met the envoy.", "Maria Costa"),
])
def test_a_portfolio_is_no_organisation(graph_of, text, person):
    """The tagger may take the portfolio before a minister's title for an organisation (lexicons/
    portfolio_words.tsv): the graph holds the minister, and no body named after the portfolio."""
    entities = {e.label: e.cls for e in graph_of(text).entities}
    assert entities.get(person) == "Person", entities
    assert not any(c != "Person" and label.split()[0] in text.split()[0] for label, c in entities.items()), entities


def test_the_word_is_never_islamic_state(graph_of):
    labels = {e.label for e in graph_of("The plan is ready, and it is final.").entities}
    assert "Islamic State" not in labels


@pytest.mark.parametrize("text, longer, entry", [
    ("Gideon Ruto, a son of the president, won the race in Eldoret.", "Gideon Ruto", "William Ruto"),
    ("The governor of South Darfur resigned on Monday.", "South Darfur", "Darfur"),
    ("Lara Trump spoke at the rally in Florida.", "Lara Trump", "Donald Trump"),
])
def test_a_longer_name_around_a_gazetteer_name_is_not_that_entry(graph_of, text, longer, entry):
    """The NER's longer name keeps the gazetteer's id on the matched words only: a relative or a namesake
    and a part of a region are entities of their own."""
    labels = {e.label for e in graph_of(text).entities}
    assert longer in labels and entry not in labels, labels


@pytest.mark.parametrize("text, entry, found", [
    ("The foreign minister visited Russia today.", "RT", False),  # not "Russia Today"
    ("Russia Today reported the strike.", "RT", True),
    ("The Conservative party won the vote.", "Conservative Party", True),  # a designator may be lower-case
    ("Voters in the Tory Party heartland stayed home.", "Conservative Party", True),
])
def test_a_gazetteer_name_of_several_words_ends_as_it_is_written(graph_of, text, entry, found):
    assert (entry in {e.label for e in graph_of(text).entities}) is found


@pytest.mark.parametrize("text, entry", [
    ("Kenya Weighs Tighter Rules For Foreign Banks", "Kenya"),
    ("Nairobi Residents Brace For Higher Fuel Prices", "Nairobi"),
    ("Ruto Promises Cheaper Fertiliser Before Planting Season", "William Ruto"),
])
def test_a_title_cased_headline_keeps_the_gazetteer_name(graph_of, text, entry):
    """Every word of a headline is capitalised, so the next word says nothing of where a name ends."""
    assert entry in {e.label for e in graph_of(text).entities}


@pytest.mark.parametrize("text, story, edge", [
    ("NAIROBI, March 4 (Reuters) - William Ruto met Yoweri Museveni in Nairobi on Tuesday.", 29,
     ("William Ruto", "meetWith", "Yoweri Museveni")),
    ("KAMPALA, Uganda -- Yoweri Museveni criticized William Ruto on Monday.", 19,
     ("Yoweri Museveni", "criticize", "William Ruto")),
    ("Antonio Guterres condemned Israel on Friday, a day after the strike on Gaza.", 0,
     ("António Guterres", "criticize", "Israel")),
])
def test_a_dateline_is_no_part_of_the_first_sentence(text, story, edge):
    """The dateline ends a sentence: read with the story's first sentence, its capitals became the subject
    ("KAMPALA, Uganda -- X criticized Y": Uganda criticized Y) or cut the sentence after the city, so the
    cited sentence started ", March 4 (Reuters) -" and the meeting was not read. The sentence an edge cites
    is the story's own, from ``story``."""
    (result,) = extract_documents([Document("t.txt", text)], Settings())
    cited = {(r.subject.name, r.predicate, r.object.name): r.evidence.sentence for r in result.relations}
    assert edge in cited, cited
    assert cited[edge] == text[story:]


@pytest.mark.parametrize("text, taken, name", [
    ("Police arrested an employee of the Swiss Embassy in Colombo.", "Swiss Embassy in", "Swiss Embassy"),
    ("Aid reached Gaza and the West Bank.", "Gaza and", "Gaza"),
    ("Officials of the Red Cross, the agency said, left.", "the Red Cross,", "the Red Cross"),
])
def test_entity_ends_with_a_name_word(text, taken, name):
    """The tagger's span that runs on into a preposition, conjunction or comma ends at the name."""
    doc, span = _edges_of(text, taken, "ORG")
    assert [ent.text for ent in doc.ents] == [name]
    assert doc[span.end - 1].ent_iob_ == "O"


def _edges_of(text: str, taken: str, label: str):
    """``text`` parsed without the tagger, with ``taken`` as its one entity of ``label``, after
    kg_entity_edges; and the span as it was set."""
    from kg.nlp import entity_edges, load_pipeline
    from kg.rules import load_rules

    nlp = load_pipeline(Settings().model, load_rules())
    with nlp.select_pipes(disable=["ner", "kg_entity_edges"]):
        doc = nlp(text)
    start = text.index(taken)
    span = doc.char_span(start, start + len(taken), label=label)
    doc.set_ents([span], default="outside")
    return entity_edges(doc), span


@pytest.mark.parametrize("text, taken, name", [
    ("Donald Trump met Enrique Pena Nieto in Hamburg on Friday.", "Enrique Pena", "Enrique Pena Nieto"),
    ("Police arrested Carlos Alberto Mendoza in Lima.", "Carlos Alberto", "Carlos Alberto Mendoza"),
    ("Enrique Pena said on Friday that talks would resume.", "Enrique Pena", "Enrique Pena"),
])
def test_a_person_cut_short_runs_on_to_the_head_of_the_name(text, taken, name):
    """The tagger's person that stops before the last word of the name, which the parser makes the head
    of the name's words, runs on to it; a name that ends where its words end stays as it is."""
    doc, _ = _edges_of(text, taken, "PERSON")
    assert [ent.text for ent in doc.ents] == [name]


def test_only_dictionary_persons_of_two_or_more_words_are_added():
    """The Phoenix fallback adds a person for a listed full name, not for an unlisted run of names nor for
    a listed one-word alias ("Gulen")."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.mentions import MentionIndex, _add_dictionary_persons
    from kg.rules import load_rules

    rules = load_rules()
    words = ["Yesterday", "Theresa", "May", "and", "Zorbo", "Quax", "met", "Gulen", "."]
    pos = ["ADV", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    index = MentionIndex("d", rules, doc.text)
    _add_dictionary_persons(index, doc.text, doc)
    assert [(m.text, m.cls) for m in index.mentions] == [("Theresa May", "Person")]


def test_titled_persons_are_two_or_more_names_after_a_title_and_no_organisation():
    """After a title, a run of two or more capitalised names the tagger missed is a person; one name alone
    is not, nor a run with an organisation's cue word ("Motors Corp"), nor a run after no title."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.mentions import MentionIndex, _add_titled_persons
    from kg.rules import load_rules

    rules = load_rules()
    cases = [
        (["Rebels", "freed", "Sergeant", "Pablo", "Moncayo", "."], ["Pablo Moncayo"]),
        (["Rebels", "freed", "Sergeant", "Moncayo", "."], []),
        (["Shares", "of", "General", "Motors", "Corp", "fell", "."], []),
        (["Rebels", "freed", "Pablo", "Moncayo", "."], []),
    ]
    for words, expected in cases:
        pos = ["PROPN" if w[:1].isupper() and i else "NOUN" for i, w in enumerate(words)]
        pos = ["PUNCT" if w == "." else p for w, p in zip(words, pos)]
        doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
        index = MentionIndex("d", rules, doc.text)
        _add_titled_persons(index, doc.text, doc)
        assert [m.text for m in index.mentions if m.cls == "Person"] == expected, words
