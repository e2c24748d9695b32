"""Incremental, idempotent updates: a store grows document by document, rebuilding an unchanged document
changes nothing, a changed one replaces its own triples, ``kg remove`` takes one out, and the order of
the inputs does not matter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.api import build, remove
from kg.config import Settings
from kg.errors import InputError
from kg.namespace import KG

A = ("---\ndate: 2024-05-05\n---\nEgyptian mediators met a Hamas delegation in Cairo on Sunday. "
     "Israel rejected the Egyptian proposal. The talks ended late at night without an agreement.")
B = ("---\ndate: 2024-05-07\n---\nQatar hosted Hamas leaders in Doha on Tuesday. "
     "Turkey criticized Israel over the strikes.")
B2 = ("---\ndate: 2024-05-08\n---\nQatar hosted Hamas leaders in Doha on Tuesday. "
      "Jordan condemned Israel over the strikes.")
WIRE = ("---\ndate: 2024-05-06\nsource: Another Outlet\n---\nCAIRO (Reuters) - Egyptian mediators met a Hamas "
        "delegation in Cairo on Sunday. Israel rejected the Egyptian proposal. The talks ended late at night "
        "without an agreement. Jordan condemned Israel over the strikes. Reporting by staff.")
FORMATS = ("trig", "ntriples", "turtle")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def corpus(folder, **texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def grow(store, *inputs):
    return build(list(inputs), Settings(into=store, formats=FORMATS))[1]


def triples(store) -> bytes:
    return (store / "graph.nt").read_bytes()


def named(store) -> dict[str, set]:
    ds = Dataset()
    ds.parse(store / "graph.trig", format="trig")
    return {str(g.identifier): set(g) for g in ds.graphs() if g.identifier != ds.default_graph.identifier}


def doc_iri(store, name) -> str:
    g = Graph().parse(store / "graph.ttl")
    return str(g.value(predicate=KG.path, object=Literal(f"{name}.txt"), any=False) or "")


def counts(store) -> dict[tuple, int]:
    g = Graph().parse(store / "graph.ttl")
    rows = g.query("""PREFIX kg: <https://w3id.org/kg-news/ontology#>
        SELECT ?s ?p ?o ?n WHERE { ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                      kg:mentionCount ?n }""")
    return {(str(s), str(p), str(o)): int(n) for s, p, o, n in rows}


def test_building_the_same_corpus_twice_leaves_the_store_unchanged(tmp_path):
    src = corpus(tmp_path / "in", a=A, b=B)
    store = tmp_path / "store"
    first = grow(store, src)
    before = {name: (store / name).read_bytes() for name in ("graph.trig", "graph.nt", "graph.ttl")}
    second = grow(store, src)
    assert (first.extracted, second.extracted) == (2, 0)  # nothing was read again
    assert {name: (store / name).read_bytes() for name in before} == before
    assert first.triples == second.triples > 0


def test_a_changed_document_replaces_only_its_own_triples(tmp_path):
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "v1", a=A, b=B))
    a_iri, old_b = doc_iri(store, "a"), doc_iri(store, "b")
    graphs_before = named(store)
    report = grow(store, corpus(tmp_path / "v1", a=A, b=B2))  # b.txt edited in place
    assert report.extracted == 1 and report.documents == 2
    graphs_after = named(store)
    new_b = doc_iri(store, "b")
    assert new_b != old_b and old_b not in graphs_after  # the old version's evidence is gone
    assert graphs_after[a_iri] == graphs_before[a_iri]  # the other document's triples are untouched
    sentences = {str(o) for _, p, o in graphs_after[new_b] if p == KG.sentence}
    assert any("Jordan" in s for s in sentences) and not any("Turkey" in s for s in sentences)
    edges = counts(store)
    assert not [k for k in edges if k[1].endswith("criticize") and "turkey" in k[0]]


def test_two_orders_of_the_same_inputs_give_the_same_graph(tmp_path):
    a, b = corpus(tmp_path / "a", a=A), corpus(tmp_path / "b", b=B)
    grow(tmp_path / "ab", a), grow(tmp_path / "ab", b)
    grow(tmp_path / "ba", b), grow(tmp_path / "ba", a)
    grow(tmp_path / "once", b, a)
    assert triples(tmp_path / "ab") == triples(tmp_path / "ba") == triples(tmp_path / "once")
    assert (tmp_path / "ab" / "graph.trig").read_bytes() == (tmp_path / "ba" / "graph.trig").read_bytes()
    plain = tmp_path / "plain"
    build([b, a], Settings(out=plain, formats=("ntriples",)))
    build([a, b], Settings(out=tmp_path / "plain2", formats=("ntriples",)))
    assert triples(plain) == (tmp_path / "plain2" / "graph.nt").read_bytes()


def test_a_near_duplicate_article_does_not_raise_mention_counts(tmp_path):
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "in", a=A, b=B))
    before = counts(store)
    grow(store, corpus(tmp_path / "wire", wire=WIRE))
    after = counts(store)
    new = {k: n for k, n in after.items() if k not in before}
    assert before and {k: after[k] for k in before} == before  # the copied facts are not counted again
    assert [n for k, n in new.items() if "jordan" in k[0]] == [1]  # what only the copy reports counts
    g = Graph().parse(store / "graph.ttl")
    assert (URIRef(doc_iri(store, "wire")), KG.nearDuplicateOf, URIRef(doc_iri(store, "a"))) in g


def test_remove_takes_one_document_out(tmp_path):
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "in", a=A, b=B))
    b_iri = doc_iri(store, "b")
    _, report = remove(["b.txt"], store, Settings(formats=FORMATS))
    assert report.removed == 1 and report.documents == 1
    assert b_iri not in named(store) and doc_iri(store, "b") == ""
    assert not [k for k in counts(store) if "turkey" in k[0]]  # edges only b reported are gone
    alone = tmp_path / "alone"
    grow(alone, corpus(tmp_path / "only_a", a=A))
    assert triples(store) == triples(alone)  # as if b had never been added
    with pytest.raises(InputError, match="no document 'zzz'"):
        remove(["zzz"], store, Settings(formats=FORMATS))


def test_a_store_reads_its_documents_again_when_the_rules_change(tmp_path):
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "in", a=A, b=B))
    before = triples(store)
    [stale] = [p for p in (store / "docs").glob("*.json") if '"a.txt"' in p.read_text(encoding="utf-8")]
    data = json.loads(stale.read_text(encoding="utf-8"))
    data["fingerprint"] = "older rules"
    stale.write_text(json.dumps(data), encoding="utf-8")
    report = grow(store)  # no inputs: refresh the store from the text it keeps
    assert report.extracted == 1 and report.documents == 2
    assert triples(store) == before


def test_a_broken_store_file_is_a_clear_error(tmp_path):
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "in", a=A))
    next((store / "docs").glob("*.json")).write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read"):
        grow(store)


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False,
                          env={**__import__("os").environ, "SOURCE_DATE_EPOCH": "1767225600"})


@pytest.mark.slow
def test_cli_grows_queries_and_shrinks_a_store(tmp_path):
    src = corpus(tmp_path / "in", a=A, b=B)
    store = tmp_path / "store"
    first = kg("build", str(src), "--into", str(store), "--quiet")
    assert first.returncode == 0, first.stderr
    again = kg("build", str(src), "--into", str(store))
    assert again.returncode == 0 and "2 documents (0 read now)" in again.stdout
    who = kg("query", "who-met-whom", "--graph", str(store), "--output", "csv")
    assert who.returncode == 0 and "hamas" in who.stdout.lower()
    gone = kg("remove", "a.txt", "--from", str(store))
    assert gone.returncode == 0 and "1 documents (0 read now, 1 removed)" in gone.stdout
    missing = kg("remove", "nope.txt", "--from", str(store))
    assert missing.returncode == 3 and "no document 'nope.txt'" in missing.stderr
    not_a_store = kg("remove", "a.txt", "--from", str(tmp_path / "in"))
    assert not_a_store.returncode == 3 and "not a kg store" in not_a_store.stderr


@pytest.mark.slow
def test_kg_query_defaults_to_the_output_folder_here_not_the_last_build_elsewhere(tmp_path):
    """Issue 22: query, export, push and validate without --graph acted on whatever build ran last
    anywhere (~/.cache/kg/last-build). The default is ./output, and with none there a clear error."""
    store = tmp_path / "store"
    grow(store, corpus(tmp_path / "in", a=A, b=B))

    def here(*args, cwd):
        return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False,
                              cwd=cwd)

    elsewhere = here("query", "who-met-whom", "--output", "csv", cwd=tmp_path / "in")
    assert elsewhere.returncode == 3 and "none in ./output" in elsewhere.stderr and "--graph" in elsewhere.stderr
    assert here("validate", cwd=tmp_path / "in").returncode == 3
    assert here("export", "graphml", cwd=tmp_path / "in").returncode == 3
    build([corpus(tmp_path / "other", b=B)], Settings(out=tmp_path / "in" / "output", formats=("turtle",)))
    local = here("query", "who-met-whom", "--output", "csv", cwd=tmp_path / "in")
    assert local.returncode == 0, local.stderr
    assert "Qatar" in local.stdout and "Egyptian mediators" not in local.stdout  # ./output's graph, not the store's


def _user_rules(tmp_path):
    gaz = tmp_path / "mine.jsonl"
    gaz.write_text(json.dumps({"id": "zlf", "name": "Zorbian Liberation Front", "class": "ArmedGroup",
                               "aliases": ["ZLF"], "country": "chad"}) + "\n", encoding="utf-8")
    aliases = tmp_path / "mine.tsv"
    aliases.write_text("same\tAbu Zorb\tAbu Zorba\n", encoding="utf-8")
    return gaz, aliases


def test_a_store_keeps_the_user_rule_files_it_was_built_with(tmp_path):
    """Regression: a store built with --gazetteer crashed `kg remove` with KeyError (it kept a hash of the
    user's files, not the files), and `kg remove` has nothing to pass them with."""
    gaz, aliases = _user_rules(tmp_path)
    store = tmp_path / "store"
    zorb = "The ZLF attacked Chad's army near Abeche. Abu Zorb led the ZLF fighters."
    other = "Abu Zorba met Chad's president in N'Djamena on Monday."
    folder = corpus(tmp_path / "in", zorb=zorb, other=other, a=A)
    build([folder], Settings(into=store, formats=FORMATS, gazetteers=(gaz,), aliases=(aliases,)))
    gaz.unlink()  # the store has its own copies
    aliases.unlink()
    assert sorted(p.name for p in (store / "rules").iterdir()) == ["aliases-1.tsv", "gazetteer-1.jsonl"]
    before = triples(store)
    assert b"zorbian-liberation-front" in before

    _, report = remove(["a.txt"], store, Settings(formats=FORMATS))  # crashed with KeyError before
    assert report.removed == 1 and b"zorbian-liberation-front" in triples(store)
    g = Graph().parse(store / "graph.ttl")
    zorbs = {str(s) for s, o in g.subject_objects(KG.mentionCount) if "abu-zorb" in str(s)}
    assert len(zorbs) == 1  # the alias ruling still merges the two spellings

    build([], Settings(into=store, formats=FORMATS))  # a bare refresh reads nothing again
    assert b"zorbian-liberation-front" in triples(store)


def test_kg_remove_on_a_store_built_with_user_files_from_the_cli(tmp_path):
    gaz, aliases = _user_rules(tmp_path)
    store = tmp_path / "store"
    folder = corpus(tmp_path / "in", zorb="The ZLF attacked Chad's army near Abeche.", a=A)
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--into", str(store), "--gazetteer",
                          str(gaz), "--aliases", str(aliases), "--format", "turtle"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    gone = subprocess.run([sys.executable, "-m", "kg", "remove", "a.txt", "--from", str(store), "--format", "turtle"],
                          capture_output=True, text=True, check=False)
    assert gone.returncode == 0, gone.stderr
    assert "1 removed" in gone.stdout and "Traceback" not in gone.stderr
    assert b"zorbian-liberation-front" in (store / "graph.ttl").read_bytes()
