"""Issue 22, items 2 to 6 and 9: documents never replace one another silently, kg remove refuses a
reference that names nothing or too much, kg never reads its own outputs or store as articles, two kg
processes never write one store at once, and the outputs of a folder are always one build's set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from rdflib import Graph

from kg.api import build, remove
from kg.common import files
from kg.config import Settings
from kg.errors import OutputError, StoreBusyError, UsageError
from kg.namespace import KG

FORMATS = ("trig", "ntriples", "turtle")
ONE = "Qatar hosted Hamas leaders in Doha on Tuesday."
TWO = "Turkey criticized Israel over the strikes."
THREE = "Egyptian mediators met a Hamas delegation in Cairo on Sunday."


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def jsonl(path, *rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def files_of(folder, *names):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


PATHS = ("SELECT ?t WHERE { { ?d <https://w3id.org/kg-news/ontology#path> ?t } UNION "
         "{ GRAPH ?g { ?d <https://w3id.org/kg-news/ontology#path> ?t } } }")


def paths(out) -> list[str]:
    g = Graph().parse(out / "graph.ttl")
    return sorted(str(p) for p in g.objects(None, KG.path))


def nt(folder) -> bytes:
    return (folder / "graph.nt").read_bytes()


# ---- item 2: ids unique by construction ----------------------------------------------------------------

def test_two_jsonl_files_with_the_same_ids_give_one_graph_in_one_run_and_in_two_in_either_order(tmp_path):
    a = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": ONE}, {"id": "2", "text": THREE})
    b = jsonl(tmp_path / "b.jsonl", {"id": "1", "text": TWO})
    once = tmp_path / "once"
    _, report = build([a, b], Settings(out=once, formats=FORMATS))
    assert report.documents == 3
    ab, ba, ba_once = tmp_path / "ab", tmp_path / "ba", tmp_path / "ba-once"
    build([a], Settings(into=ab, formats=FORMATS)), build([b], Settings(into=ab, formats=FORMATS))
    build([b], Settings(into=ba, formats=FORMATS)), build([a], Settings(into=ba, formats=FORMATS))
    build([b, a], Settings(into=ba_once, formats=FORMATS))
    assert nt(once) == nt(ab) == nt(ba) == nt(ba_once)
    ids = paths(once)
    assert len(ids) == 3 and "2" in ids and sorted(i.split("@")[0] for i in ids) == ["1", "1", "2"]
    assert any("another text has the id '1'" in n.reason for n in report.notices)


def test_the_same_file_name_in_two_day_folders_is_two_documents(tmp_path):
    day1 = files_of(tmp_path / "day1", ("article1.txt", ONE))
    day2 = files_of(tmp_path / "day2", ("article1.txt", TWO))
    store = tmp_path / "store"
    build([day1], Settings(into=store, formats=FORMATS))
    _, report = build([day2], Settings(into=store, formats=FORMATS))
    assert report.documents == 2
    once = tmp_path / "once"
    build([day2, day1], Settings(into=once, formats=FORMATS))
    assert nt(store) == nt(once)
    again = build([day1, day2], Settings(into=store, formats=FORMATS))[1]
    assert again.extracted == 0 and nt(store) == nt(once)  # both held as they are: nothing read again


def test_a_file_changed_in_place_replaces_its_document(tmp_path):
    folder = files_of(tmp_path / "in", ("a.txt", ONE))
    store = tmp_path / "store"
    build([folder], Settings(into=store, formats=FORMATS))
    files_of(folder, ("a.txt", TWO))
    _, report = build([folder], Settings(into=store, formats=FORMATS))
    assert report.documents == 1 and paths(store) == ["a.txt"] and b"Turkey" in nt(store)


def test_piped_articles_are_distinct_documents(tmp_path):
    store = tmp_path / "store"
    for text in (ONE, TWO, ONE):
        run = subprocess.run([sys.executable, "-m", "kg", "build", "-", "--into", str(store), "--format", "turtle",
                              "--quiet"], input=text, capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
    ids = paths(store)
    assert len(ids) == 2 and all(i.startswith("stdin:") and len(i) == len("stdin:") + 12 for i in ids)


# ---- item 3: kg remove refuses an empty or ambiguous reference -------------------------------------------

def test_remove_refuses_an_empty_reference_and_an_ambiguous_one(tmp_path):
    store = tmp_path / "store"
    a = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": ONE}, {"id": "2", "text": THREE, "title": "Talks"})
    b = jsonl(tmp_path / "b.jsonl", {"id": "1", "text": TWO}, {"id": "3", "text": TWO + " Again.", "title": "Talks"})
    build([a, b], Settings(into=store, formats=FORMATS))
    before = nt(store)
    with pytest.raises(UsageError, match="empty document reference"):
        remove([""], store, Settings(formats=FORMATS))
    with pytest.raises(UsageError, match="names 2 documents") as refused:
        remove(["1"], store, Settings(formats=FORMATS))
    assert all(doc_id in str(refused.value) for doc_id in paths(store) if doc_id.startswith("1@"))
    with pytest.raises(UsageError, match="names 2 documents"):
        remove(["Talks"], store, Settings(formats=FORMATS))
    assert nt(store) == before
    exact = next(i for i in paths(store) if i.startswith("1@"))
    _, report = remove([exact], store, Settings(formats=FORMATS))
    assert report.removed == 1 and exact not in paths(store)


def test_cli_remove_with_an_unset_variable_removes_nothing(tmp_path):
    store = tmp_path / "store"
    build([files_of(tmp_path / "in", ("a.txt", ONE), ("b.txt", TWO))], Settings(into=store, formats=FORMATS))
    run = subprocess.run([sys.executable, "-m", "kg", "remove", "", "--from", str(store)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 2 and "empty document reference" in run.stderr
    assert paths(store) == ["a.txt", "b.txt"]


# ---- item 4: kg never reads its own outputs or store ------------------------------------------------------

def test_building_an_article_folder_twice_reads_no_output_of_kg(tmp_path):
    folder = files_of(tmp_path / "news", ("a.txt", ONE), ("b.txt", TWO), ("c.txt", THREE))
    counts = []
    for _ in range(3):  # kg build . (outputs in ./output, inside the folder read)
        _, report = build([folder], Settings(out=folder / "output"))
        counts.append(report.documents)
    assert counts == [3, 3, 3]
    assert [n.reason for n in report.notices] == ["not read: this build writes into it"]
    _, beside = build([folder], Settings(out=folder, formats=("turtle", "graphml")))  # --out the folder itself
    _, again = build([folder], Settings(out=folder, formats=("turtle", "graphml")))
    assert beside.documents == again.documents == 3


def test_a_store_inside_the_input_folder_does_not_grow(tmp_path):
    folder = files_of(tmp_path / "news", ("a.txt", ONE), ("b.txt", TWO), ("c.txt", THREE))
    counts = [build([folder], Settings(into=folder / "store", formats=FORMATS))[1].documents for _ in range(4)]
    assert counts == [3, 3, 3, 3]
    other = build([folder], Settings(out=tmp_path / "out", formats=FORMATS))[1]  # the store seen by another build
    assert other.documents == 3 and any("a kg store" in n.reason for n in other.notices)


# ---- item 5: one writer at a time --------------------------------------------------------------------------

def test_a_second_writer_waits_for_the_lock_then_gives_up_with_a_clear_error(tmp_path):
    store = tmp_path / "store"
    build([files_of(tmp_path / "in", ("a.txt", ONE))], Settings(into=store, formats=FORMATS))
    told = []
    with files.FolderLock(store):
        with pytest.raises(StoreBusyError, match=r"being written by another kg \(pid \d+"):
            build([tmp_path / "in"], Settings(into=store, formats=FORMATS, wait=0.5), waiting=told.append)
        with pytest.raises(StoreBusyError):
            remove(["a.txt"], store, Settings(formats=FORMATS, wait=0))
    assert len(told) == 1 and f"pid {os.getpid()}" in told[0]
    released = threading.Event()

    def hold():
        with files.FolderLock(store):
            released.wait(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    _, report = remove(["a.txt"], store, Settings(formats=FORMATS, wait=30))  # waits, then removes
    holder.join()
    assert report.removed == 1


def _kg(*args):
    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})


@pytest.mark.slow
def test_concurrent_builds_and_a_removal_end_as_a_clean_rebuild(tmp_path):
    """Acceptance (issue 22): two concurrent --into builds plus a kg remove, repeated, end with a store
    whose outputs match a clean rebuild from the same documents. Before the lock, the store held 120
    documents and every output 80, one build crashed, and a removal was undone."""
    from kg.ingest import sample_corpus

    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_corpus().glob("*.txt"))]
    inputs = tmp_path / "inputs"
    left = files_of(inputs / "left", *((f"l{i:02d}.txt", f"Left {i}\n\n{texts[i % 7]}") for i in range(20)))
    right = files_of(inputs / "right", *((f"r{i:02d}.txt", f"Right {i}\n\n{texts[i % 7]}") for i in range(20)))
    store = tmp_path / "store"
    formats = ("--format", "turtle,ntriples")
    build([left], Settings(into=store, formats=("turtle", "ntriples")))
    for round_ in range(3):
        (right / f"r{round_:02d}.txt").write_text(f"Changed {round_}\n\n{texts[round_]}", encoding="utf-8")
        procs = [_kg("build", str(left), "--into", str(store), *formats),
                 _kg("build", str(right), "--into", str(store), *formats),
                 _kg("remove", f"l{round_:02d}.txt", "--from", str(store), *formats)]
        for proc in procs:
            proc.wait(timeout=600)
        errors = [proc.stderr.read().decode() for proc in procs]
        assert [proc.returncode for proc in procs] == [0, 0, 0], errors
        assert not any("Traceback" in e or "internal error" in e for e in errors)
    stored = paths(store)
    assert len(stored) == len(list((store / "docs").glob("*.json")))
    report = json.loads((store / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == len(stored) >= 37  # every right document; the left ones no removal followed
    same = files_of(tmp_path / "same", *((name, (inputs / ("left" if name[0] == "l" else "right") / name)
                                          .read_text(encoding="utf-8")) for name in stored))
    clean = tmp_path / "clean"
    build([same], Settings(into=clean, formats=("turtle", "ntriples")))
    assert nt(store) == nt(clean)


# ---- items 6 and 9: one consistent output set -----------------------------------------------------------

def test_outputs_of_formats_not_rewritten_are_removed_so_readers_never_read_them(tmp_path):
    from kg import api

    store = tmp_path / "store"
    build([files_of(tmp_path / "in", ("a.txt", ONE), ("b.txt", TWO))], Settings(into=store))
    assert (store / "graph.trig").exists() and (store / "neo4j").is_dir()
    remove(["b.txt"], store, Settings(formats=("turtle",)))
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith(".")) == [
        "docs", "graph.ttl", "kg-store.json", "report.json", "rules"] or not (store / "rules").exists()
    assert not (store / "graph.trig").exists() and not (store / "neo4j").exists()
    for reader in (lambda: api.query(PATHS, store,
                                     output="csv"),):
        assert "b.txt" not in reader() and "a.txt" in reader()
    exported = api.export("graphml", store, tmp_path / "x")
    assert b"Turkey" not in exported.read_bytes()


def test_a_graph_kg_export_wrote_into_a_build_folder_goes_with_the_next_build(tmp_path):
    from kg import api

    out = tmp_path / "out"
    folder = files_of(tmp_path / "in", ("a.txt", ONE))
    build([folder], Settings(out=out, formats=("trig",)))
    api.export("graphml", out)
    assert (out / "graph.graphml").exists()
    files_of(folder, ("b.txt", TWO))
    build([folder], Settings(out=out, formats=("ntriples",)))
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["graph.nt", "report.json"]
    assert "b.txt" in api.query(PATHS, out)


def test_a_failed_rename_leaves_the_previous_output_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    folder = files_of(tmp_path / "in", ("a.txt", ONE), ("b.txt", TWO))
    build([folder], Settings(out=out))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != files.LOCK}
    files_of(folder, ("c.txt", THREE))
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 5:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(OutputError, match="No space left on device.*disk is full"):
        build([folder], Settings(out=out))
    monkeypatch.setattr(files.os, "replace", real)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != files.LOCK}
    assert len(calls) >= 5 and after == before  # every output of the first build, nothing of the second
    assert not [p for p in out.rglob(".kg-*")]


KILLED_MID_COMMIT = """
import os, sys
from kg.common import files
from kg.api import build
from kg.config import Settings
real, calls = os.replace, []
def dying(src, dst):
    calls.append(dst)
    if len(calls) == 3:  # the journal and one output renamed: the process dies here
        os._exit(9)
    return real(src, dst)
files.os.replace = dying
build([sys.argv[1]], Settings(out=sys.argv[2], formats=("turtle", "ntriples")))
"""


def test_a_commit_a_kill_cut_short_is_undone_by_the_next_reader_or_writer(tmp_path):
    from kg import api

    out = tmp_path / "out"
    folder = files_of(tmp_path / "in", ("a.txt", ONE))
    build([folder], Settings(out=out, formats=("turtle", "ntriples")))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != files.LOCK}
    files_of(folder, ("b.txt", TWO))
    for reader in (lambda: api.query(PATHS, out),
                   lambda: build([tmp_path / "in"], Settings(out=tmp_path / "other", formats=("turtle",)))):
        died = subprocess.run([sys.executable, "-c", KILLED_MID_COMMIT, str(folder), str(out)], check=False,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
        assert died.returncode == 9 and (out / files.JOURNAL).exists()
        mixed = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
        assert mixed != before  # one output of the second build is in place
        if "query" in reader.__code__.co_names:
            assert "b.txt" not in reader()
        else:
            build([folder], Settings(out=out, formats=("turtle",)))  # the next writer undoes it first
            before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != files.LOCK}
        assert not (out / files.JOURNAL).exists()
        now = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != files.LOCK}
        assert now == before and not list(out.glob(".kg-*"))


def test_only_kg_temporaries_are_removed_from_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".notes.tmp").write_text("mine", encoding="utf-8")
    (out / ".kg-graph.ttl.abc123.tmp").write_text("left by a killed kg", encoding="utf-8")
    build([files_of(tmp_path / "in", ("a.txt", ONE))], Settings(out=out, formats=("turtle",)))
    assert (out / ".notes.tmp").read_text(encoding="utf-8") == "mine"
    assert not (out / ".kg-graph.ttl.abc123.tmp").exists()


# ---- errors of the environment ---------------------------------------------------------------------------

@pytest.mark.parametrize("errno_, words", [(28, "disk is full"), (30, "read-only"), (13, "permission denied")])
def test_an_unwritable_store_is_a_clear_output_error(tmp_path, monkeypatch, errno_, words):
    store = tmp_path / "store"
    folder = files_of(tmp_path / "in", ("a.txt", ONE))

    def refuse(path, data):
        raise OSError(errno_, os.strerror(errno_), str(path))

    monkeypatch.setattr(files, "temporary", refuse)
    with pytest.raises(OutputError, match=words):
        build([folder], Settings(into=store, formats=FORMATS))


def test_out_naming_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "--out",
                          str(tmp_path / "a.txt")], capture_output=True, text=True, check=False)
    assert run.returncode == 3 and "[E012]" in run.stderr and "is a file" in run.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ONE
