"""The build's progress bar: a total when the inputs can be counted cheaply, and an update after the first
document rather than after a whole batch (a 50-file build once showed nothing for 28 s, then 1 -> 33 -> 50
with no total)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from kg import api
from kg.ingest import sample_corpus


def _corpus(folder, n: int):
    folder.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_corpus().glob("*.txt"))]
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(f"Copy {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
    return folder


def test_count_documents(tmp_path):
    corpus = _corpus(tmp_path / "in", 5)
    (corpus / ".hidden.txt").write_text("not read", encoding="utf-8")
    (corpus / "deep").mkdir()
    (corpus / "deep" / "rows.jsonl").write_text("\n".join(json.dumps({"text": f"t{i}"}) for i in range(4)) + "\n\n",
                                                encoding="utf-8")
    assert api.count_documents([corpus]) == 9
    assert api.count_documents([corpus, corpus / "000.txt"]) == 10
    assert api.count_documents([]) == len(list(sample_corpus().glob("*.txt")))
    assert api.count_documents(["-"]) is None  # standard input: no telling


@pytest.mark.slow
def test_the_bar_has_a_total_and_moves_before_a_whole_batch_is_done(tmp_path):
    corpus = _corpus(tmp_path / "in", 40)
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(tmp_path / "out"),
                          "--format", "turtle", "--batch-size", "32"], capture_output=True, text=True, check=False,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    shown = [(int(n), int(total)) for n, total in re.findall(r"documents: *\d+%\|[^|]*\| *(\d+)/(\d+)", run.stderr)]
    assert shown, run.stderr
    assert {total for _, total in shown} == {40}
    counts = sorted({n for n, _ in shown})
    assert counts[0] < 32 and len(counts) >= 3 and counts[-1] == 40, counts
    assert "100%" in run.stderr
