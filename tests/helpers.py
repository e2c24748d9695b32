"""Helpers shared by tests of several stages."""

from __future__ import annotations

import json


def cypher_literal(text: str):
    """A Cypher list/map literal as kg writes it (backquoted keys, JSON strings) read back as Python."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == '"':  # a string: copied as it is, escapes included
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif c == "`":
            j = text.index("`", i + 1)
            out.append(json.dumps(text[i + 1:j]))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return json.loads("".join(out))
