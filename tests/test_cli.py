"""The command line, run as a user runs it (a separate process)."""

from __future__ import annotations

import subprocess
import sys

import pytest
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


def test_missing_input_is_an_input_error(tmp_path):
    result = kg("build", str(tmp_path / "nope"), "--out", str(tmp_path))
    assert result.returncode == 3 and "input not found" in result.stderr


def test_default_build_uses_the_sample_corpus(tmp_path):
    result = kg("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "graph.ttl").exists() and (tmp_path / "output" / "graph.html").exists()


def _commands_and_options() -> list[tuple[str, str]]:
    """(command, option) for every command, sub-command and option of `kg --help`, read from the parser."""
    import argparse

    from kg.cli import _parser

    out = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    out.append((f"{path} {name}".strip(), ""))
                    walk(sub, f"{path} {name}".strip())
            else:
                out.extend((path, opt) for opt in action.option_strings if opt.startswith("--") and opt not in
                           ("--help", "--version"))

    walk(_parser(), "kg")
    return out


def test_every_command_and_option_is_in_the_readme():
    """As sqlite-utils' test_docs: what `kg --help` offers, the README documents."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [f"{command} {option}".strip() for command, option in _commands_and_options()
               if (option and option not in readme) or (not option and f"{command} " not in readme)]
    assert missing == []


def test_help_answers_without_loading_spacy():
    import json as json_module

    probe = ("import sys, kg.cli\n"
             "try:\n    kg.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(__import__('json').dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'kg'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = json_module.loads(done.stdout.splitlines()[-1])
    assert "spacy" not in loaded and "kg.api" not in loaded


EXIT_TABLE = [  # (what the library raises, the exit status the CLI returns)
    ("UsageError('bad option')", 2),
    ("UnknownNameError('export format', 'pdf', ['turtle'])", 2),
    ("RuleFileError('x.tsv', 3, 'bad row')", 2),
    ("ModelMissingError('en_core_web_nothing')", 2),
    ("DependencyMissingError('pip install x')", 2),
    ("InputError('input not found: x')", 3),
    ("GraphReadError('x.ttl is not a graph')", 3),
    ("StoreError('not a kg store')", 3),
    ("OutputError('cannot write out/graph.ttl: No space left on device')", 3),
    ("StoreBusyError('store', 'pid 1: kg build', 60)", 3),
    ("ServerUnreachableError('could not reach http://x')", 4),
    ("ServerRefusedError('HTTP 500')", 4),
    ("VersionMismatchError('other code')", 5),
    ("KeyboardInterrupt()", 130),
    ("ZeroDivisionError('a bug')", 70),
]


@pytest.mark.parametrize("raised, status", EXIT_TABLE)
def test_exit_status_by_kind_of_error(raised, status, monkeypatch, capsys, tmp_path):
    from kg import api, cli, errors

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)

    def fail(*args, **kwargs):
        raise eval(raised, vars(errors))

    monkeypatch.setattr(api, "query", fail)
    assert cli.main(["query", "leaders", "--graph", str(tmp_path)]) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) >= 1
    if status == 70:  # one line asking for a report, the traceback in a file it names
        assert len(err.strip().splitlines()) == 1 and "please report it" in err
        written = next(tmp_path.glob("kg-traceback-*.txt"))
        assert str(written) in err and "ZeroDivisionError: a bug" in written.read_text()


def test_validate_exit_status_says_conforms_or_not(tmp_path):
    from kg import cli

    (tmp_path / "bad.ttl").write_text("<a> <b> .\n")  # not Turtle
    assert cli.main(["validate", str(tmp_path / "bad.ttl")]) == 3


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`kg query … | head -1`: the reader goes away; no BrokenPipe traceback."""
    out = tmp_path / "out"
    assert kg("build", "--out", str(out), "--format", "turtle").returncode == 0
    run = subprocess.run(f"{sys.executable} -m kg query 'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}' --graph {out} | head -1",
                         shell=True, capture_output=True, text=True, check=False)
    assert run.stdout.count("\n") == 1 and "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr


@pytest.mark.parametrize("row, words", [
    ('{"id": "a", "name": "A", "class": "Nope", "aliases": []}', "unknown class 'Nope'"),
    ('{"id": "a", "name": "", "class": "Person", "aliases": []}', "field 'name' is empty"),
    ('{"id": "a", "name": "A", "class": "Person", "aliases": "A"}', "field 'aliases' must be a list"),
    ('[1]', "expected a JSON object"),
    ('not json', "not valid JSON"),
])
def test_bad_user_gazetteer_rows_are_rule_file_errors(tmp_path, row, words):
    """Issue 22: bad user gazetteer rows gave a traceback and exit 1; now file:line, the reason, exit 2."""
    (tmp_path / "mine.jsonl").write_text(row + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hamas met Egypt.", encoding="utf-8")
    result = kg("build", str(tmp_path / "a.txt"), "--gazetteer", str(tmp_path / "mine.jsonl"), "--out",
                str(tmp_path / "out"))
    assert result.returncode == 2 and f"mine.jsonl:1: {words}" in result.stderr and "Traceback" not in result.stderr
