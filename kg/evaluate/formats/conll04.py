"""CoNLL04 (Roth & Yih 2004) news sentences with typed entity mentions and relations, in the format
SpERT publishes, a JSON array of::

    {"tokens": ["Amina", "Bello", "works", "for", "Acme", "Corp", "."],
     "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Org", "start": 4, "end": 6}],
     "relations": [{"type": "Work_For", "head": 0, "tail": 1}], "orig_id": 17}

(``start``/``end`` token offsets, ``end`` exclusive; ``head``/``tail`` index the entities), or as the dev
runner's JSON Lines (``{"id", "text", "entities": [{"text", "type", "start", "end"}], "relations":
[{"head", "tail", "conll", "kg"}]}``). Entity types Peop, Org, Loc, Other; relations scored as kg words:
Work_For memberOf (leaderOf counts: it is a kind of membership), Kill kill, OrgBased_In and Located_In
locatedIn; Live_In has no kg word and is listed, never scored."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate import jsonfile
from kg.evaluate.formats import GOLD_FORMATS, GoldFormat, Sample, need, unique
from kg.evaluate.gold import Gold, GoldError, Mention, Relation, RelationType, Sentence

TYPES = {"Peop": "Person", "Org": "Organization", "Loc": "Location", "Other": "Other"}
KINDS = {*TYPES.values()}
RELATIONS = {"Work_For": "memberOf", "Kill": "kill", "OrgBased_In": "locatedIn", "Located_In": "locatedIn",
             "Live_In": None}
# How an edge that finds no gold relation is counted: a locatedIn edge of an organisation against
# OrgBased_In, of anything else against Located_In.
TYPES_SCORED = (RelationType("Work_For", "memberOf"), RelationType("Kill", "kill"),
                RelationType("OrgBased_In", "locatedIn", "Organization"), RelationType("Located_In", "locatedIn"))

# Penn Treebank tokens written back as text: no space before closing punctuation and clitics, none
# after opening brackets; `` and '' are double quotes.
_CLOSE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_OPEN = {"(", "[", "{", "$"}
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's character span in it."""
    text, spans = "", []
    glue = True  # no space before the next token
    quoted = False
    for token in tokens:
        token = _BRACKETS.get(token, token)
        if token in ("``", "''", '"'):
            opening = token == "``" or (token == '"' and not quoted)
            quoted = opening
            if opening and not glue:
                text += " "
            spans.append((len(text), len(text) + 1))
            text += '"'
            glue = opening
            continue
        if not glue and token not in _CLOSE:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue = token in _OPEN
    return text, spans


def sniff(sample: Sample) -> bool:
    data = sample.json
    if isinstance(data, list):
        return bool(data) and isinstance(data[0], dict) and "tokens" in data[0]
    row = sample.first_row
    return row is not None and {"text", "entities", "relations"} <= set(row) and "documents" not in row


def read(path: Path) -> Gold:
    if isinstance(jsonfile.first_json(jsonfile.read_text(path)), list):
        sentences = [_spert(item, i, path) for i, item in enumerate(jsonfile.load(path))]
    else:
        sentences = [_line(row, path) for row in jsonfile.lines(path)]
    return Gold(path, "conll04", "relations", sentences=unique(sentences, path),
                words=frozenset(t.word for t in TYPES_SCORED), relation_types=TYPES_SCORED)


def _spert(item, index: int, path: Path) -> Sentence:
    tokens = need(item, "tokens", path, list)
    text, spans = detokenise([str(t) for t in tokens])
    mentions = []
    for ent in need(item, "entities", path, list):
        start, end = need(ent, "start", path, int), need(ent, "end", path, int)
        if not 0 <= start < end <= len(tokens):
            raise GoldError(path, ent.line, f"entity tokens {start}:{end} outside the sentence's {len(tokens)} tokens")
        a, b = spans[start][0], spans[end - 1][1]
        mentions.append(Mention(text[a:b], _kind(need(ent, "type", path), path, ent.line), a, b))
    relations = [_relation(rel, need(rel, "type", path), mentions, path)
                 for rel in need(item, "relations", path, list)]
    sid = f"conll04-{item['orig_id']}" if "orig_id" in item else f"{path.stem}-{index + 1}"
    return Sentence(sid, text, item.line, tuple(mentions), tuple(relations))


def _line(row, path: Path) -> Sentence:
    text = need(row, "text", path)
    mentions = []
    for ent in need(row, "entities", path, list):
        mentions.append(Mention(need(ent, "text", path), _kind(need(ent, "type", path), path, row.line),
                                ent.get("start", -1), ent.get("end", -1)))
    relations = [_relation(rel, need(rel, "conll", path), mentions, path)
                 for rel in need(row, "relations", path, list)]
    return Sentence(str(need(row, "id", path, (str, int))), text, row.line, tuple(mentions), tuple(relations))


def _kind(name: str, path: Path, line: int) -> str:
    kind = TYPES.get(name, name)
    if kind not in KINDS:
        raise GoldError(path, line, f"entity type '{name}' is not one of {', '.join(TYPES)}")
    return kind


def _relation(rel, label: str, mentions: list[Mention], path: Path) -> Relation:
    if label not in RELATIONS:
        raise GoldError(path, rel.line, f"relation type '{label}' is not one of {', '.join(RELATIONS)}")
    head, tail = need(rel, "head", path, int), need(rel, "tail", path, int)
    for end in (head, tail):
        if not 0 <= end < len(mentions):
            raise GoldError(path, rel.line, f"relation {label}: entity {end} does not exist "
                                            f"(the sentence has {len(mentions)})")
    return Relation(head, tail, label, RELATIONS[label])


GOLD_FORMATS.register("conll04")(GoldFormat(
    "conll04", "CoNLL04 in SpERT's JSON (tokens, entities, relations), or the dev runner's JSON Lines", sniff, read))
