"""Issue 22: inputs that crashed or hung a build, or lost documents, read or skipped with a reason;
memory and time bounded whatever lies in an input folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest
from rdflib import RDFS, Graph

from kg.api import build
from kg.config import Settings
from kg.ingest import Fields, iter_documents
from kg.model import Document, PartlyRead, Skipped
from kg.namespace import KG

ONE = "Qatar hosted Hamas leaders in Doha on Tuesday."
TWO = "Turkey criticized Israel over the strikes."


def docs(*inputs, **kwargs) -> list:
    return list(iter_documents(list(inputs), Fields(), **kwargs))


def test_standard_input_is_named_by_its_text(monkeypatch):
    import io

    ids = []
    for text in (ONE, TWO, ONE):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
        [doc] = docs("-")
        ids.append(doc.id)
    assert ids[0] == ids[2] != ids[1] and ids[0].startswith("stdin:") and len(ids[0]) == 18


def test_a_file_name_that_is_not_utf8_is_read_and_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(ONE, encoding="utf-8")
    (folder / "b.txt").write_text(TWO, encoding="utf-8")
    _, report = build([folder], Settings(out=tmp_path / "out"))
    assert report.documents == 2 and report.skipped == []
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert sorted(str(o) for o in g.objects(None, KG.path)) == ["b.txt", "caf\\xe9.txt"]


def test_lone_surrogates_in_jsonl_ids_and_titles_are_made_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x\\ud800", "title": "\\udfff title", "text": "Qatar hosted Hamas leaders in Doha."}\n'
                    '{"id": "2", "text": "Turkey criticized Israel \\ud83d over the strikes."}\n', encoding="utf-8")
    _, report = build([path], Settings(out=tmp_path / "out"))
    assert report.documents == 2
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert sorted(str(o) for o in g.objects(None, KG.path)) == ["2", "x\ufffd"]
    assert "\ufffd title" in {str(o) for o in g.objects(None, RDFS.label)}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_jsonl_lines_are_decoded_like_text_files(tmp_path, encoding):
    rows = [{"id": "1", "text": "Le café où Hamas a rencontré l'Égypte."}, {"id": "2", "text": TWO}]
    path = tmp_path / "a.jsonl"
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding))
    found = docs(path)
    assert [(d.id, d.text) for d in found] == [("1", rows[0]["text"]), ("2", TWO)]


def test_a_text_with_no_break_in_its_first_million_characters_is_cut_and_built(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text("x" * 1_200_000, encoding="utf-8")
    (tmp_path / "in" / "a.txt").write_text(ONE, encoding="utf-8")
    items = docs(tmp_path / "in")
    cut = [d for d in items if isinstance(d, Document) and d.id == "long.txt"]
    assert cut and len(cut[0].text) == 1_000_000
    assert any(isinstance(d, PartlyRead) for d in items)
    _, report = build([tmp_path / "in"], Settings(out=tmp_path / "out", formats=("turtle",)))
    assert report.documents == 2


def _within(seconds: float, fn):
    """fn() run in a thread; fails if it has not returned after ``seconds``."""
    out, done = [], threading.Event()

    def run():
        try:
            out.append(fn())
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), f"still running after {seconds} s"
    return out[0]


def test_devices_and_pipes_are_skipped_unopened(tmp_path):
    fifo = tmp_path / "in" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (tmp_path / "in" / "a.txt").write_text(ONE, encoding="utf-8")
    items = _within(20, lambda: docs("/dev/zero", tmp_path / "in", fifo, max_bytes=1000))
    skipped = sorted((s.source, s.reason) for s in items if isinstance(s, Skipped))
    assert skipped == [("/dev/zero", "not read: a character device, not a file (kg reads files, folders and '-')"),
                       (str(fifo), "not read: a pipe (FIFO), not a file (kg reads files, folders and '-')"),
                       (str(fifo), "not read: a pipe (FIFO), not a file (kg reads files, folders and '-')")]
    assert [d.id for d in items if isinstance(d, Document)] == ["a.txt"]


def test_standard_input_is_read_only_up_to_the_limit(tmp_path):
    run = subprocess.run(f"{sys.executable} -m kg build - --max-bytes 100000 --out {tmp_path} < /dev/zero",
                         shell=True, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 3 and "skipped <stdin>: too large" in run.stderr


def test_a_huge_jsonl_line_is_passed_over_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        fh.write(json.dumps({"id": "a", "text": ONE}).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "' + b"x" * 60_000_000 + b'"}\n')
        fh.write(json.dumps({"id": "c", "text": TWO}).encode() + b"\n")
    tracemalloc.start()
    items = docs(path, max_bytes=1_000_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert "too large" in items[1].reason and items[1].source.endswith("big.jsonl:2")
    assert peak < 10_000_000  # the 60 MB line was never held


def test_deeply_nested_html_is_read_in_linear_time(tmp_path):
    from kg.ingest.html import html_to_text

    page = "<html><body>" + "<div>" * 100_000 + "Hamas met Egypt." + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    text, _ = html_to_text(page)
    assert text == "Hamas met Egypt." and time.perf_counter() - started < 10  # over 300 s before


def test_terminal_escapes_in_file_names_are_printed_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b[2Jevil.txt").write_bytes(b"")
    (folder / "a.txt").write_text(ONE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--out", str(tmp_path / "out"),
                          "--format", "turtle"], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "\x1b" not in run.stderr + run.stdout and "\\x1b[2Jevil.txt: empty document" in run.stderr
