"""The same matches as spaCy's AttributeRuler, found by look-up instead of by its token Matcher.

A pipeline's attribute ruler (tag map, lemma and POS exceptions: 179 patterns in the English pipelines)
runs spaCy's token Matcher over every document, which tries every pattern at every token: in the small
English pipeline it cost more than the tagger and parser together (3.0 s of a 1,000-article build's
18.5 s of parsing). Its patterns are one or two tokens of plain conditions (this TAG, this LOWER, DEP
in a set, a regular expression on LOWER), so each is filed under a value its first token must have and
a token is checked only against the patterns filed under its own values. The ruler then sets the same
attributes from the same matches, in its own order: the annotations are identical (tested against the
ruler's own matcher).

A pipeline whose patterns use anything else (an operator such as ``"OP": "+"``, another attribute)
keeps spaCy's matcher: :func:`speed_up` leaves it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc

# Matcher attribute -> (column in Doc.to_array, whether its value is a string)
_COLUMNS = {"LOWER": (0, True), "TAG": (1, True), "DEP": (2, True), "IS_SPACE": (3, False)}
_ARRAY = [LOWER, TAG, DEP, IS_SPACE]
Check = Callable[[list, Callable[[int], str]], bool]  # (token's row, hash -> string) -> matches


@dataclass(frozen=True)
class _Pattern:
    attr_id: int  # the ruler's rule number: later rules win (the ruler sorts its matches by it)
    match_id: int
    checks: tuple[tuple[Check, ...], ...]  # per token of the pattern


def _check(column: int, is_string: bool, value, strings) -> Check | None:
    """A test of one token row for one pattern condition; None for a condition not understood."""
    if not is_string:
        if isinstance(value, bool):
            return lambda row, _, c=column, v=int(value): row[c] == v
        return None
    if isinstance(value, str):
        wanted = strings.add(value)
        return lambda row, _, c=column, v=wanted: row[c] == v
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            values = frozenset(strings.add(a) for a in arg)
            if op == "IN":
                return lambda row, _, c=column, vs=values: row[c] in vs
            return lambda row, _, c=column, vs=values: row[c] not in vs
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda row, text, c=column, r=rx: bool(r.search(text(row[c])))
    return None


class LookupMatch:
    """A replacement for ``AttributeRuler.match``: the ruler's matches, sorted as the ruler sorts them."""

    def __init__(self, patterns: list[_Pattern], first_keys: dict[tuple[int, int], list[_Pattern]],
                 anywhere: list[_Pattern], strings) -> None:
        self.first_keys = first_keys  # (column, value hash) a pattern's first token must have -> patterns
        self.anywhere = anywhere  # patterns with no such value: tried at every token
        self.strings = strings
        self.patterns = patterns

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        rows = doc.to_array(_ARRAY).tolist()
        text = self.strings.__getitem__
        keys, anywhere = self.first_keys, self.anywhere
        found = []
        n = len(rows)
        for i, row in enumerate(rows):
            candidates = [*keys.get((0, row[0]), ()), *keys.get((2, row[2]), ()), *keys.get((1, row[1]), ()),
                          *keys.get((3, row[3]), ()), *anywhere]
            for pattern in candidates:
                size = len(pattern.checks)
                if i + size > n:
                    continue
                ok = True
                for j, checks in enumerate(pattern.checks):
                    token = rows[i + j]
                    for check in checks:
                        if not check(token, text):
                            ok = False
                            break
                    if not ok:
                        break
                if ok:
                    found.append((pattern.attr_id, pattern.match_id, i, i + size))
        found.sort()
        return found


def lookup_match(ruler) -> LookupMatch | None:
    """The look-up matcher for ``ruler``'s patterns; None when one of them uses what it does not know."""
    strings = ruler.vocab.strings
    patterns: list[_Pattern] = []
    first_keys: dict[tuple[int, int], list[_Pattern]] = {}
    anywhere: list[_Pattern] = []
    for attr_id, entry in enumerate(ruler.patterns):
        match_id = strings[str(attr_id)]
        for tokens in entry["patterns"]:
            if not tokens or not all(isinstance(spec, dict) and spec for spec in tokens):
                return None
            checks = tuple(tuple(_check(*_COLUMNS[attr], value, strings) if attr in _COLUMNS else None
                                 for attr, value in spec.items()) for spec in tokens)
            if any(check is None for token_checks in checks for check in token_checks):
                return None
            pattern = _Pattern(attr_id, match_id, checks)
            patterns.append(pattern)
            keys = _first_keys(tokens[0], strings)
            for key in keys:
                first_keys.setdefault(key, []).append(pattern)
            if not keys:
                anywhere.append(pattern)
    return LookupMatch(patterns, first_keys, anywhere, strings)


def _first_keys(first: dict, strings) -> list[tuple[int, int]]:
    """The (column, value) keys a pattern is filed under: the values its first token must have, of one
    attribute (LOWER, then DEP, TAG, IS_SPACE); [] when it names no such value (a regular expression)."""
    for attr in ("LOWER", "DEP", "TAG", "IS_SPACE"):
        value = first.get(attr)
        column = _COLUMNS[attr][0]
        if isinstance(value, bool):
            return [(column, int(value))]
        if isinstance(value, str):
            return [(column, strings.add(value))]
        if isinstance(value, dict) and list(value) == ["IN"]:
            return [(column, strings.add(v)) for v in dict.fromkeys(value["IN"])]
    return []


def speed_up(nlp) -> bool:
    """Give ``nlp``'s attribute ruler (if any) the look-up matcher; False when it keeps spaCy's."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    match = lookup_match(ruler)
    if match is None:
        return False
    ruler.match = match  # AttributeRuler.__call__ calls self.match(doc), then sets the attributes
    return True
