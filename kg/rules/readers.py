"""One reader per rule-file format (tab-separated rows, JSON Lines), each reporting a bad entry as
``file:line`` with what is wrong, so a contributor sees where to fix it.

Readers check the shape of a row (fields, types, non-empty cells); what the values mean (a known class,
a country that exists, no duplicates) is checked by the table that reads them (kg/rules/*.py), with the
same ``Line`` to point at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import RuleFileError


@dataclass(frozen=True)
class Line:
    """Where an entry was read: a rule file and a 1-based line number (0 for the file as a whole)."""

    path: Path
    number: int

    def __str__(self) -> str:
        return f"{self.path}:{self.number}" if self.number else str(self.path)

    def error(self, reason: str) -> RuleFileError:
        return RuleFileError(self.path, self.number, reason)


def _lines(path: Path) -> Iterator[tuple[Line, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise Line(path, 0).error(f"cannot be read ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        raise Line(path, 0).error(f"is not UTF-8 ({err.reason} at byte {err.start})") from None
    for n, line in enumerate(text.splitlines(), 1):
        yield Line(path, n), line


def tsv(path: Path, columns: tuple[str, ...], optional: int = 0) -> Iterator[tuple[Line, list[str]]]:
    """Rows of a tab-separated rule file: ``columns`` named fields, the last ``optional`` of which may be
    left out. Blank lines and lines starting with "#" are skipped; every field given must be non-empty."""
    least = len(columns) - optional
    for line, text in _lines(path):
        if not text.strip() or text.startswith("#"):
            continue
        cells = [c.strip() for c in text.split("\t")]
        if not least <= len(cells) <= len(columns):
            wanted = f"{least}" if not optional else f"{least} to {len(columns)}"
            raise line.error(f"expected {wanted} tab-separated fields ({', '.join(columns)}), got {len(cells)}: "
                             f"{text!r}")
        empty = [columns[i] for i, c in enumerate(cells) if not c]
        if empty:
            raise line.error(f"empty field {empty[0]!r}")
        yield line, cells


class Strings(list):
    """Field spec for a list of non-empty strings (``list`` alone admits any list)."""


# A JSON Lines field spec: name -> the Python type(s) its value must have (or Strings).
Fields = dict[str, type | tuple[type, ...]]


def jsonl(path: Path, required: Fields, optional: Fields | None = None, empty: bool = False,
          ) -> Iterator[tuple[Line, dict]]:
    """Objects of a JSON Lines rule file, one per non-blank line, with exactly the fields ``required``
    and possibly those of ``optional``, each of its type; a list-of-strings field is checked item by item;
    a string may be empty only with ``empty``. A line whose object has an "about" field and nothing
    required is the file's header and is skipped."""
    optional = optional or {}
    known = {**required, **optional}
    for line, text in _lines(path):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as err:
            raise line.error(f"not valid JSON: {err.msg} (column {err.colno})") from None
        if not isinstance(row, dict):
            raise line.error(f"expected a JSON object, got {type(row).__name__}")
        if "about" in row and not set(required) & set(row):
            continue
        unknown = sorted(set(row) - set(known))
        if unknown:
            raise line.error(f"unknown field {unknown[0]!r}; known fields: {', '.join(sorted(known))}")
        missing = [name for name in required if name not in row]
        if missing:
            raise line.error(f"missing field {missing[0]!r}")
        for name, value in row.items():
            wanted = known[name]
            if value is None and name in optional:
                continue
            if wanted is Strings:
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    raise line.error(f"field {name!r} must be a list of non-empty strings, got "
                                     f"{json.dumps(value)[:60]}")
                continue
            if not isinstance(value, wanted) or isinstance(value, bool) and bool not in _types(wanted):
                raise line.error(f"field {name!r} must be {_type_name(wanted)}, got {json.dumps(value)[:60]}")
            if isinstance(value, str) and not value.strip() and not empty:
                raise line.error(f"field {name!r} is empty")
        yield line, row


def _types(wanted: type | tuple[type, ...]) -> tuple[type, ...]:
    return wanted if isinstance(wanted, tuple) else (wanted,)


def _type_name(wanted: type | tuple[type, ...]) -> str:
    names = {str: "a string", list: "a list", bool: "true or false", int: "an integer", float: "a number",
             dict: "an object"}
    return " or ".join(names.get(t, t.__name__) for t in _types(wanted))


class Unique:
    """Rejects a key seen before in the same table, naming the line where it was first given."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.first: dict[object, Line] = {}

    def add(self, key: object, line: Line) -> None:
        if key in self.first:
            earlier = self.first[key]
            where = f"line {earlier.number}" if earlier.path == line.path else str(earlier)
            raise line.error(f"duplicate {self.kind} {key!r} (first given at {where})")
        self.first[key] = line


def number(line: Line, name: str, text: str, low: float, high: float) -> float:
    """``text`` as a number in [low, high], or a RuleFileError at ``line``."""
    try:
        value = float(text)
    except ValueError:
        raise line.error(f"{name} must be a number, got {text!r}") from None
    if not low <= value <= high:
        raise line.error(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return value


def one_of(line: Line, name: str, value: str, known: set[str] | frozenset[str] | tuple[str, ...]) -> str:
    """``value`` when it is in ``known``, else a RuleFileError listing what is known."""
    if value not in known:
        raise line.error(f"unknown {name} {value!r}; known: {', '.join(sorted(known))}")
    return value
