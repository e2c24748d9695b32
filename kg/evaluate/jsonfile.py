"""JSON and JSON Lines read with the line of every object, so a bad entry in a gold file is reported as
``file:line``. Python's own decoder, with its object parser wrapped to note where each object starts."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator
from json import decoder, scanner
from pathlib import Path

from kg.evaluate.gold import GoldError


class Located(dict):
    """A JSON object that knows the line it starts on (1-based)."""

    line: int = 0


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(path, 0, "no such gold file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(path, 0, f"cannot be read ({err})") from None


def loads(text: str, path: Path, first_line: int = 1):
    """The JSON value of ``text`` with every object a :class:`Located`; a syntax error is a GoldError at
    its line (``first_line`` is the line ``text`` starts on in the file)."""
    breaks = [i for i, c in enumerate(text) if c == "\n"]

    def line_of(offset: int) -> int:
        return first_line + bisect_right(breaks, offset - 1)

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        value, end = decoder.JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo)
        located = Located(value)
        located.line = line_of(s_and_end[1] - 1)
        return located, end

    reader = json.JSONDecoder()
    reader.parse_object = parse_object
    reader.scan_once = scanner.py_make_scanner(reader)  # the pure-Python scanner calls parse_object
    try:
        return reader.decode(text)
    except json.JSONDecodeError as err:
        raise GoldError(path, first_line + err.lineno - 1, f"not valid JSON ({err.msg}, column {err.colno})") from None


def load(path: Path):
    """The JSON file at ``path``, objects located."""
    return loads(read_text(path), path)


def lines(path: Path) -> Iterator[Located]:
    """The objects of a JSON Lines file, each located at its line; blank lines skipped, anything else that
    is not a JSON object a GoldError."""
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        row = loads(line, path, number)
        if not isinstance(row, Located):
            raise GoldError(path, number, "a JSON Lines gold file holds one JSON object per line")
        yield row


def first_json(text: str):
    """The whole text as JSON, or None (no locations: for telling formats apart quickly)."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def first_line_json(text: str):
    """The first non-blank line as JSON, or None."""
    for line in text.splitlines():
        if line.strip():
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None
