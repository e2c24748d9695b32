"""PLV-style TSV (Zero-Shot-PLOVER's PLV files): one row per coded dyad, a header naming the columns,
of which kg reads ``sentence_id``, ``sentence``, ``source``, ``target``, ``gold_root`` and, when present,
``gold_penta`` (the quad class, 1-4) and ``root_L2`` (the ZSP model's answer, shown as an anchor). Rows
of one ``sentence_id`` are one sentence. Or the dev runner's JSON Lines (``{"id", "text", "dyads":
[{"source", "target", "root", "penta", "zsp_root"}]}``). Roots are PLV's 15 (kg.evaluate.plover);
PLOVER's own names (DEMAND, CONCEDE…) are read as theirs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kg.evaluate import jsonfile
from kg.evaluate.formats import GOLD_FORMATS, GoldFormat, Sample, need, unique
from kg.evaluate.gold import Dyad, Gold, GoldError, Sentence
from kg.evaluate.plover import ROOTS, root

COLUMNS = ("sentence_id", "sentence", "source", "target", "gold_root")


def sniff(sample: Sample) -> bool:
    if set(COLUMNS) <= set(sample.header):
        return True
    row = sample.first_row
    return row is not None and "dyads" in row and "text" in row


def read(path: Path) -> Gold:
    text = jsonfile.read_text(path)
    sentences = _tsv(text, path) if "\t" in text.split("\n", 1)[0] else _lines(path)
    return Gold(path, "plv", "dyads", sentences=unique(sentences, path))


def _tsv(text: str, path: Path) -> list[Sentence]:
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    missing = [c for c in COLUMNS if c not in (rows.fieldnames or ())]
    if missing:
        raise GoldError(path, 1, f"the header lacks the column(s) {', '.join(missing)} (a PLV file has "
                                 f"{', '.join(COLUMNS)}, gold_penta, root_L2)")
    order, texts, dyads, lines = [], {}, {}, {}
    for line, row in _numbered(rows, path):
        if any(row.get(c) is None for c in COLUMNS):
            raise GoldError(path, line, f"this row has fewer columns than the header ({len(COLUMNS)} needed)")
        sid = row["sentence_id"].strip()
        if not sid:
            raise GoldError(path, line, "empty sentence_id")
        if sid not in texts:
            order.append(sid)
            texts[sid], dyads[sid], lines[sid] = row["sentence"], [], line
        elif texts[sid] != row["sentence"]:
            raise GoldError(path, line, f"sentence_id {sid} carries another sentence than at line {lines[sid]}")
        dyads[sid].append(Dyad(row["source"], row["target"], _root(row["gold_root"], path, line),
                               _quad(row.get("gold_penta"), path, line), (row.get("root_L2") or "").strip(), line))
    return [Sentence(f"plv-{sid}", texts[sid], lines[sid], dyads=tuple(dyads[sid])) for sid in order]


def _numbered(rows: csv.DictReader, path: Path):
    """(line, row) of every row; a row csv cannot read is a GoldError at its line."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            raise GoldError(path, rows.line_num, f"not a TSV row kg can read ({err})") from None
        yield rows.line_num, row


def _lines(path: Path) -> list[Sentence]:
    out = []
    for row in jsonfile.lines(path):
        dyads = tuple(Dyad(need(d, "source", path), need(d, "target", path), _root(need(d, "root", path), path, row.line),
                           _quad(d.get("penta"), path, row.line), str(d.get("zsp_root") or ""), row.line)
                      for d in need(row, "dyads", path, list))
        out.append(Sentence(str(need(row, "id", path, (str, int))), need(row, "text", path), row.line, dyads=dyads))
    return out


def _root(name: str, path: Path, line: int) -> str:
    found = root(name)
    if found not in ROOTS:
        raise GoldError(path, line, f"'{name}' is not a PLOVER root; known: {', '.join(ROOTS)}")
    return found


def _quad(value, path: Path, line: int) -> int:
    if value in (None, ""):
        return 0
    try:
        quad = int(value)
    except (TypeError, ValueError):
        quad = -1
    if quad not in (1, 2, 3, 4):
        raise GoldError(path, line, f"quad class (gold_penta) '{value}' is not 1, 2, 3 or 4")
    return quad


GOLD_FORMATS.register("plv")(GoldFormat(
    "plv", "PLV-style TSV (PLOVER-coded dyads), or the dev runner's JSON Lines", sniff, read))
