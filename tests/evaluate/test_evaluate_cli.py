"""kg evaluate run as a user runs it (a separate process): the report, -v, --json, --errors, and the exit
statuses (0 whatever the scores, 3 for a bad gold file, 2 for a bad command line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True, text=True, timeout=300)


def test_scores_a_graph_and_writes_figures_and_errors(tmp_path):
    done = kg("evaluate", str(DATA / "plv.tsv"), "--graph", str(DATA / "plv_graph.ttl"), "-v",
              "--json", str(tmp_path / "figures.json"), "--errors", str(tmp_path / "errors.jsonl"))
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0] == f"{DATA / 'plv.tsv'} (plv, 5 sentences) against {DATA / 'plv_graph.ttl'}"
    assert "root         P      R     F1     tp     fp     fn" in out
    assert "-- wrong direction (1): the right word between the right actors, the wrong way round" in out
    assert "  [plv-5] gold: The United States -> Israel REQUEST; graph: Israel request United States (REQUEST)" in out
    assert out[-1] == ("SUMMARY format=plv sentences=5 f1=0.750 p=1.000 r=0.600 direction=0.667 dyad_recall=0.800 "
                       "root_accuracy=0.750")
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["micro"] == {"p": 1.0, "r": 0.6, "f1": 0.75, "tp": 3, "fp": 0, "fn": 2}
    assert figures["root"]["SUPPORT"]["tp"] == 1 and figures["direction"]["accuracy"] == 0.6667
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["kind"] for e in errors) == ["missed", "wrong_direction", "wrong_word"]
    assert errors[0]["text"] == "Iran released three British sailors."


def test_without_v_the_errors_are_only_counted():
    done = kg("evaluate", str(DATA / "conll04.json"), "--graph", str(DATA / "conll04_graph.ttl"), "--format", "conll04")
    assert done.returncode == 0, done.stderr
    assert "errors    false positive 3, unknown entity 1, wrong direction 2 (-v lists them)" in done.stdout
    assert "-- " not in done.stdout


def test_a_bad_gold_file_exits_3_with_file_and_line(tmp_path):
    bad = tmp_path / "gold.tsv"
    bad.write_text("sentence_id\tsentence\tsource\ttarget\tgold_root\n1\tA met B.\tA\tB\tMEET\n", encoding="utf-8")
    done = kg("evaluate", str(bad), "--graph", str(DATA / "plv_graph.ttl"))
    assert done.returncode == 3
    assert f"[E005] {bad}:2: 'MEET' is not a PLOVER root" in done.stderr


def test_usage_errors_exit_2(tmp_path):
    both = kg("evaluate", str(DATA / "plv.tsv"), "--graph", "g.ttl", "--build", "x")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    unknown = kg("evaluate", str(DATA / "plv.tsv"), "--format", "spert", "--graph", str(DATA / "plv_graph.ttl"))
    assert unknown.returncode == 2 and "unknown gold format 'spert'" in unknown.stderr
