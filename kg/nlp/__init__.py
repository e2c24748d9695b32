"""spaCy pipeline setup: the configured model plus a gazetteer entity ruler, and parser-friendly text."""

from __future__ import annotations

import unicodedata
from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline.span_ruler import prioritize_new_ents_filter
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from kg.errors import ModelMissingError
from kg.ingest.dateline import header
from kg.nlp.attributes import speed_up
from kg.nlp.lemmas import remember_lemmas
from kg.rules import Rules

# Typographic quotes confuse the small English models (a curly apostrophe is not read as a possessive),
# as do the accents and the modifier letter typed for an apostrophe ("Colombia´s", "Ghani`s").
# Each is replaced by one ASCII character, so character offsets stay those of the original text.
_PARSER_CHARS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'",
                               "\u00b4": "'", "`": "'", "\u02bc": "'", "\u00a0": " "})


def parser_text(text: str) -> str:
    """``text`` with typographic quotes and dashes made ASCII, same length, same offsets."""
    return text.translate(_PARSER_CHARS)


_NEVER_FIRST = frozenset({",", ";", ":"})  # no sentence starts with one
HEADER_TOKENS = 1000  # the tokens a document's header lines and dateline are looked for in
HEADER_KEY = "kg_header"  # Doc.user_data key of the header found while parsing


@Language.component("kg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break starts a new sentence: headlines, datelines and paragraphs are never run together;
    so does the end of a dateline ("NAIROBI, March 4 (Reuters) - " then "Kenyan President X said..."):
    parsed with the story's first sentence, its capitals became that sentence's subject or cut it after
    "NAIROBI". A comma, semicolon or colon never starts one."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    top = doc[:HEADER_TOKENS]
    found = doc.user_data[HEADER_KEY] = header(top.text)  # read again by extraction (kg.extract.dates)
    for _, end in found.spans:
        after = next((tok for tok in top if tok.idx >= end and not tok.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    for tok in doc[1:]:
        if tok.text in _NEVER_FIRST and not tok.is_sent_start:
            tok.is_sent_start = False
    return doc


HEADLINE_WORDS = 3  # a sentence of at least this many longer words, every one capitalised, is title-cased
HEADLINE_SHORT_WORD = 3  # words of up to this many letters ("of", "With", "the") may be lower-case in one


@Language.factory("kg_gazetteer_guard", default_config={"title_heads": [], "titles": []})
def gazetteer_guard(nlp: Language, name: str, title_heads: list[str], titles: list[str]):
    """A gazetteer name inside a longer capitalised name is not that entry: "Democratic Alliance" in
    "Myanmar National Democratic Alliance Army", "Sudan" in "Sudan Shield Forces", "Lagos" in "the Lagos
    State Government". Such matches are dropped before the NER runs, so it can tag the whole name; a
    title next to a name does not count: the last word of one before it ("President Joe Biden", "Secretary
    of State Mike Pompeo": ``title_heads``), a whole title after it ("Ukraine President X", "Kenya Prime
    Minister X": ``titles``, where "U.S. Supreme Court" is one name), nor does a capital in a title-cased
    headline ("Egypt Mulls Warmer Relations With Hamas")."""
    heads = frozenset(title_heads)
    by_first: dict[str, list[list[str]]] = {}
    for title in titles:
        words = title.replace("-", " ").split()
        by_first.setdefault(words[0], []).append(words)

    def title_at(doc: Doc, i: int) -> bool:  # a title of lexicons/titles.tsv starts at token i
        return any([t.lower_ for t in doc[i:i + len(words)]] == words for words in by_first.get(doc[i].lower_, ()))

    def title_cased(sent: Span) -> bool:  # a headline's capitals say nothing of where a name ends
        words = [tok for tok in sent if tok.is_alpha and len(tok) > HEADLINE_SHORT_WORD]
        return len(words) >= HEADLINE_WORDS and all(tok.is_title or tok.is_upper for tok in words)

    def extends(tok) -> bool:
        return tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_

    def guard(doc: Doc) -> Doc:
        kept, dropped = [], []
        for ent in doc.ents:
            before = doc[ent.start - 1] if ent.start > 0 else None
            inside = before is not None and extends(before) and before.lower_ not in heads \
                or ent.end < len(doc) and extends(doc[ent.end]) and not title_at(doc, ent.end)
            (dropped if inside and not title_cased(ent.sent) else kept).append(ent)
        if dropped:  # "missing", not "outside": the NER may tag those tokens
            doc.set_ents(kept, missing=dropped, default="unmodified")
        return doc

    return guard


# tags of the words a name never ends with: the small model's NER sometimes takes the preposition or
# conjunction after a name into it ("the Swiss Embassy in" Colombo)
_NOT_LAST = frozenset({"IN", "CC", "DT", "TO", "WDT", ",", ":", "HYPH"})
_CUT_AT = frozenset({"of", "for"})
# lower-case words inside a person's name, before its last part ("Leila de Lima", "Ludwig van Beethoven"):
# the tagger may end the person there and read the last part as a place ("Lima")
_NAME_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der",
                             "den", "ter", "la", "le", "bin", "ibn", "bint", "ben", "al", "el"})
# the labels of names: a lower-case word the tagger gave one in a normally cased sentence is no name ("comb
# the bush": no Bush); a nationality keeps its label ("the palestinian authorities" is a casing slip)
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


@Language.component("kg_entity_edges")
def entity_edges(doc: Doc) -> Doc:
    """Entities end with a word of the name: trailing prepositions, conjunctions, determiners and commas
    the tagger took in are given back to the sentence, and a lower-case word of a normally cased sentence
    the tagger named ("comb the bush") is no name. Not an "of" or "for" right before another entity:
    a gazetteer name cut the tagger's there ("the University of" Ghana; kg.extract.mentions joins them).
    A person's name the tagger cut before its last word runs on to it: "Enrique Pena" Nieto, when the
    parser makes the name's words compounds of a capitalised proper noun right after it that no entity
    holds; a person or organisation cut at a particle runs on to the name after it ("Leila de" Lima,
    "Banco de" Mexico)."""
    def loose(end: int) -> bool:
        last = doc[end - 1]
        return last.tag_ in _NOT_LAST and not (last.lower_ in _CUT_AT and end < len(doc) and doc[end].ent_iob_ == "B")

    def cut_short(ent: Span) -> bool:
        if ent.label_ != "PERSON" or ent.end >= len(doc):
            return False
        nxt = doc[ent.end]
        return nxt.ent_iob_ == "O" and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.is_alpha \
            and all(t.dep_ == "compound" and t.head.i <= nxt.i for t in ent) and doc[ent.end - 1].head.i == nxt.i

    def particle_cut(ent: Span) -> Span | None:  # "Leila de" + "Lima": the entity the name runs on into
        if ent.label_ not in ("PERSON", "ORG") or len(ent) < 2 or ent.end >= len(doc) \
                or doc[ent.end - 1].lower_ not in _NAME_PARTICLES \
                or not doc[ent.end - 1].is_lower or doc[ent.end].ent_iob_ != "B" or not doc[ent.end].is_title:
            return None
        return next((e for e in doc[ent.end:ent.end + 1].ents), None)

    def common_word(ent: Span) -> bool:  # "the bush" in a sentence that starts with a capital
        words = [t for t in ent if t.is_alpha]
        if ent.label_ not in _NAME_LABELS or ent.id_ or not words or not all(t.is_lower for t in words):
            return False
        first = next((t for t in ent.sent if t.is_alpha), None)
        return first is not None and first.text[:1].isupper()

    ents = doc.ents
    kept: list[Span] = []
    joined: set[int] = set()  # starts of entities a person's name ran on into
    for ent in ents:
        if ent.start in joined or common_word(ent):
            continue
        end = ent.end
        while end - 1 > ent.start and loose(end):
            end -= 1
        if end == ent.end and cut_short(ent):
            end += 1
        elif end == ent.end and (rest := particle_cut(ent)) is not None:
            end = rest.end
            joined.add(rest.start)
        kept.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label, kb_id=ent.kb_id,
                                                    span_id=ent.id))
    if len(kept) != len(ents) or any(k is not e for k, e in zip(kept, ents)):  # one pass; set only a change
        doc.set_ents(kept, default="outside")
    return doc


@Language.component("kg_names_as_objects")
def names_as_objects(doc: Doc) -> Doc:
    """A name right after an active verb with no object that the tagger read as an adverb ("captured
    Bakhmut", "seized Bakhmut": an unfamiliar name tagged RB or hung on the verb as an adverb, while the entity recogniser
    marks it a name)
    is the verb's object, a proper noun: its tag, part of speech, lemma and relation are set so."""
    for tok in doc:
        if tok.dep_ != "advmod" or tok.pos_ not in ("ADV", "PROPN") or tok.ent_iob_ == "O" or not tok.text[:1].isupper() \
                or tok.i == 0 or tok.head.i != tok.i - 1 or tok.head.pos_ != "VERB" or tok.head.tag_ == "VBN" \
                or any(c.dep_ in ("dobj", "obj", "nsubjpass", "auxpass") for c in tok.head.children):
            continue
        tok.tag_, tok.pos_, tok.dep_, tok.lemma_ = "NNP", "PROPN", "dobj", tok.text
    return doc


@cache
def load_pipeline(model: str, rules: Rules) -> Language:
    """Load spaCy pipeline ``model`` with kg's gazetteer ruler (the names of ``rules.gazetteer``) before
    its NER. One pipeline per model and rules in a process.

    Raises ModelMissingError (naming the pip command) when the model is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as err:
        if "E050" in str(err) or "Can't find model" in str(err):
            raise ModelMissingError(model) from None
        raise
    _correct_lemmas(nlp, rules)
    speed_up(nlp)  # the attribute ruler's matches by look-up: the same annotations, a seventh of the time
    prefixed = prefixed_forms(rules)
    remember_lemmas(nlp, prefixed)  # the same lemmas, base forms not worked out again for every token,
    # and the verbs written with a hyphened prefix ("re-opened": reopen, "co-operated": cooperate)
    # "U.S.-backed" splits like "Iran-backed": a hyphen after an abbreviation's full stop is an infix
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.token_match = _one_verb(prefixed)  # "re-open", "co-operated": one verb, not three words
    _keep_abbreviated_titles(nlp, rules)
    if "parser" in nlp.pipe_names and "kg_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names and "kg_entity_edges" not in nlp.pipe_names:
        nlp.add_pipe("kg_entity_edges", after="ner")
    if "ner" in nlp.pipe_names and "parser" in nlp.pipe_names and "kg_names_as_objects" not in nlp.pipe_names:
        nlp.add_pipe("kg_names_as_objects", after="kg_entity_edges")
    if "ner" in nlp.pipe_names and "kg_gazetteer" not in nlp.pipe_names:
        # phrase patterns in a trie (spaCy's PhraseMatcher), not token patterns: the token Matcher tries
        # every one of the ~3,000 names at every token and cost more than the parser and NER together
        names = gazetteer_names(nlp, rules)
        ruler = nlp.add_pipe("span_ruler", name="kg_gazetteer", before="ner",
                             config={"annotate_ents": True, "spans_key": None, "overwrite": True,
                                     "phrase_matcher_attr": "LOWER", "validate": True})
        ruler.ents_filter = CaseFilter(names, rules.names.organisation_words)
        with nlp.select_pipes(enable="kg_gazetteer"):  # patterns need only the tokenizer (LOWER)
            ruler.add_patterns([{"label": label, "pattern": name, "id": entry_id}
                                for (entry_id, _), forms in names.items() for label, name, _, _ in forms])
        nlp.add_pipe("kg_gazetteer_guard", after="kg_gazetteer",
                     config={"title_heads": sorted(rules.titles.title_heads),
                             "titles": sorted(rules.titles.predicate)})
    return nlp


def _keep_abbreviated_titles(nlp: Language, rules: Rules) -> None:
    """Keep the abbreviated ranks of lexicons/titles.tsv ("Capt.", "Sgt.", "Supt.") one token, as spaCy's
    English exceptions keep "Gen.", "Gov." and "Sen.": split from its full stop, "Capt" is read as part
    of the organisation named before it ("Fire Department Capt. X") and as no title."""
    for title in rules.titles.predicate:
        if not title.endswith(".") or " " in title:
            continue
        for form in {title, title.capitalize(), title.upper()}:
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _correct_lemmas(nlp: Language, rules: Rules) -> None:
    """The verb forms the lemmatizer gets wrong (lexicons/verb_forms.tsv: "staged" -> "stag") as lemma
    exceptions of the attribute ruler, which runs before the lemmatizer; the lemmatizer keeps a lemma
    already set. A pipeline without a lemmatizer or tagger is left as it is."""
    if not rules.verb_forms or "lemmatizer" not in nlp.pipe_names:
        return
    if "attribute_ruler" not in nlp.pipe_names:
        nlp.add_pipe("attribute_ruler", before="lemmatizer")
    ruler = nlp.get_pipe("attribute_ruler")
    for form, (lemma, tags) in sorted(rules.verb_forms.items()):
        ruler.add([[{"LOWER": form, "TAG": {"IN": list(tags)}}]], {"LEMMA": lemma})


def _one_verb(forms: dict[str, str]):
    """The tokenizer's test for a string it keeps whole: a verb written with a hyphened prefix that kg
    knows ("re-opened"; a noun such as "co-leader" still splits, and its head is read as before)."""
    def match(text: str) -> bool:
        return "-" in text and text.lower() in forms
    return match


PREFIXES = ("re", "co")  # verb prefixes news writes with a hyphen ("re-open", "co-operate", "co-founded")


def prefixed_forms(rules: Rules) -> dict[str, str]:
    """The forms of every verb kg's frames and triggers know written with a hyphened prefix ("re-opened",
    "co-operating"), each with its lemma: the verb written without the hyphen when kg knows it ("reopen",
    "cooperate"), else the verb itself ("re-imposed" -> "impose", whose frames say what re-imposing does)."""
    known = {lemma for lemma, _ in rules.frames.by_verb} | {key.split()[0] for key in rules.triggers}
    known = {v for v in known if v.isalpha() and len(v) > 2}
    out: dict[str, str] = {}
    for prefix in PREFIXES:
        for verb in sorted(known):
            rest = verb.removeprefix(prefix)
            if rest != verb and len(rest) > 2:  # "cooperate": "co-operate"
                out.update((f"{prefix}-{form}", verb) for form in _inflections(rest))
            lemma = prefix + verb if prefix + verb in known else verb  # "re-impose": reimpose, or impose
            for form in _inflections(verb):
                out.setdefault(f"{prefix}-{form}", lemma)
    return out


def _inflections(verb: str) -> set[str]:
    """The regular forms a verb may take (a few that are no word do no harm: they are only looked up)."""
    stem = verb.removesuffix("e")
    return {verb, verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "d", verb + verb[-1] + "ed",
            verb + verb[-1] + "ing"}


def _unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# How a gazetteer name must be cased in the text to count
EXACT = "exact"  # acronyms ("IS") and lower-case single words: exactly as written
CAPITAL = "capital"  # capitalised names: any case, but not starting lower-case ("is" is never Islamic State)
ANY = "any"  # names written lower-case ("al-Shabaab"): any case
# (gazetteer id, lower-case tokens) -> [(label, name, casing, tokens)]
Names = dict[tuple[str, tuple[str, ...]], list[tuple[str, str, str, tuple[str, ...]]]]


def gazetteer_names(nlp: Language, rules: Rules) -> Names:
    """Every gazetteer name and alias (and its accent-free form), keyed by (gazetteer id, lower-case
    tokens), each with its label, its text, how it must be cased (EXACT, CAPITAL or ANY) and its tokens."""
    labels = rules.labels.gazetteer
    out: Names = {}
    for entry in rules.gazetteer.entries.values():
        names = (entry.name, *entry.aliases)
        for name in dict.fromkeys((*names, *map(_unaccented, names))):  # "Nicolás" is often "Nicolas"
            tokens = [t.text for t in nlp.tokenizer(name)]
            if name.isupper() or len(tokens) == 1 and not name[:1].isupper():
                casing = EXACT
            else:
                casing = CAPITAL if name[:1].isupper() else ANY
            key = (entry.id, tuple(t.lower() for t in tokens))
            out.setdefault(key, []).append((labels[entry.cls], name, casing, tuple(tokens)))
    return out


class CaseFilter:
    """The gazetteer ruler's entity filter: drops phrase matches cased against their name's rule, then
    lets the longest (then earliest) match win, as spaCy's ``prioritize_new_ents_filter`` does.

    A capitalised name must open with a capital, and a name of several words must end as it is written:
    "visited Russia today" is no "Russia Today". Only a designator word (``designators``: "Party",
    "Army"...) may end it in lower case, as some styles write them ("the Conservative party")."""

    def __init__(self, names: Names, designators: frozenset[str] = frozenset()) -> None:
        self.names = names
        self.designators = frozenset(word.lower() for word in designators)

    def __call__(self, entities, spans):
        return prioritize_new_ents_filter(entities, [span for span in spans if self.cased(span)])

    def cased(self, span) -> bool:
        for _, _, casing, tokens in self.names.get((span.id_, tuple(t.lower_ for t in span)), ()):
            if casing == CAPITAL and len(tokens) > 1 and tokens[-1][:1].isupper() and span[-1].is_lower \
                    and span[-1].lower_ not in self.designators:
                continue
            if casing == ANY or casing == CAPITAL and not span[0].is_lower:
                return True
            if casing == EXACT and tuple(t.text for t in span) == tokens:
                return True
        return False
