"""The command line, run as a user runs it (a separate process)."""

from __future__ import annotations

import subprocess
import sys

from rdflib import Graph


def kg(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_help_explains_every_option():
    top = kg("--help")
    assert top.returncode == 0 and "build" in top.stdout
    sub = kg("build", "--help")
    assert sub.returncode == 0
    for option in ("INPUT", "--out", "--model", "--batch-size", "graph.ttl", "graph.html", "standard input"):
        assert option in sub.stdout, option


def test_build_from_stdin_and_files(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Jordan's King Abdullah met with Egyptian officials in Amman on Monday.\n")
    result = kg("build", "-", str(article), "--out", str(tmp_path / "out"),
                stdin="Hamas turned down Qatar's request on Friday, a Hamas official told Reuters.\n")
    assert result.returncode == 0, result.stderr
    assert "2 documents" in result.stdout and "typed edges" in result.stdout
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    labels = {str(o) for o in g.objects(None, None) if hasattr(o, "language")}
    assert {"Hamas", "Qatar", "Reuters", "Egypt"} <= labels


def test_folders_are_read_recursively_and_bad_files_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "deep" / "er").mkdir(parents=True)
    (corpus / "deep" / "er" / "story.txt").write_text("Qatar condemned Israel on Monday.\n")
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "image.bin").write_bytes(b"\x89PNG\x00\x00\x01")
    result = kg("build", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 1  # some inputs skipped
    assert "empty.txt: empty document" in result.stderr and "image.bin: binary file" in result.stderr
    assert "1 documents" in result.stdout
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_missing_model_names_the_install_command(tmp_path):
    result = kg("build", "--model", "en_core_web_nothing", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "pip install en-core-web-nothing" in result.stderr
    assert not (tmp_path / "graph.ttl").exists()


def test_missing_input_is_a_usage_error(tmp_path):
    result = kg("build", str(tmp_path / "nope"), "--out", str(tmp_path))
    assert result.returncode == 2 and "input not found" in result.stderr


def test_default_build_uses_the_sample_corpus(tmp_path):
    result = kg("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "graph.ttl").exists() and (tmp_path / "output" / "graph.html").exists()
