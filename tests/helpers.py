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


def table_row_param(row: dict):
    """A sentence-table row (relation or argument table) as a pytest parameter named by its id; a row with
    a ``known_gap`` is a strict xfail giving that gap as its reason."""
    import pytest

    marks = [pytest.mark.xfail(strict=True, reason=row["known_gap"])] if row.get("known_gap") else []
    return pytest.param(row["id"], id=row["id"], marks=marks)
