"""spaCy's DependencyMatcher, made cheaper for many patterns over one lexicon of node shapes.

The DependencyMatcher runs one token pattern per node of every pattern through a token Matcher over
the whole document, then walks up from every token found to its sentence root. kg's 36 relation
patterns have 145 nodes but only 66 different node shapes ("a pobj", "a PROPN", "a trigger lemma of
the verb lexicon"), and most tokens of a news sentence fit one of them. This subclass matches each
shape once, and finds roots from the head array in one pass. The matches are the same (tested against
spaCy's class on the relation table).

It relies on the DependencyMatcher's attributes of spaCy 3.8 (``_matcher``, ``_tokens_to_key``), which
spaCy declares public; pyproject.toml pins spaCy to 3.8.
"""

from __future__ import annotations

import json
from collections import defaultdict

from spacy.attrs import HEAD
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc


class SharedNodeDependencyMatcher(DependencyMatcher):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shape_keys: dict[str, str] = {}  # node shape (RIGHT_ATTRS as JSON) -> the token-matcher key

    def add(self, key, patterns, *, on_match=None) -> None:
        super().add(key, patterns, on_match=on_match)
        added = self._tokens_to_key[self._normalize_key(key)][-len(patterns):]
        for pattern, token_keys in zip(patterns, added):
            for j, node in enumerate(pattern):
                shape = json.dumps(node["RIGHT_ATTRS"], sort_keys=True)
                shared = self._shape_keys.setdefault(shape, token_keys[j])
                if shared != token_keys[j]:  # the same shape is matched already: use that key
                    self._matcher.remove(token_keys[j])
                    token_keys[j] = shared

    def _get_keys_to_position_maps(self, doc: Doc):
        roots = _roots(doc)
        out = defaultdict(lambda: defaultdict(list))
        for match_id, start, _ in self._matcher(doc):
            out[roots[start]][match_id].append(start)
        return out


def _roots(doc: Doc) -> list[int]:
    """Each token's root (the end of its chain of heads), by index."""
    offsets = doc.to_array(HEAD).view("int64").tolist() if len(doc) else []  # stored unsigned
    heads = [i + offset for i, offset in enumerate(offsets)]
    roots = [-1] * len(heads)
    for i in range(len(heads)):
        path = []
        j = i
        while roots[j] < 0 and heads[j] != j:
            path.append(j)
            j = heads[j]
        root = j if roots[j] < 0 else roots[j]
        roots[j] = root
        for k in path:
            roots[k] = root
    return roots
