"""Bad input: every kind of file a real corpus holds is read or skipped with a reason, the good articles
give the same graph whatever their encoding or wrapping, hostile text stays inert in every output, and an
interrupted build leaves the previous outputs as they were."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import cypher_literal
from rdflib import RDFS, Graph, URIRef

from kg.api import REPORT, build
from kg.config import Settings
from kg.ingest import Fields, iter_documents, sample_corpus
from kg.ingest.decode import NotText, decode
from kg.ingest.html import html_to_text
from kg.model import PartlyRead, Skipped
from kg.namespace import KG

ARTICLES = sorted(sample_corpus().glob("*.txt"))[:4]


def _front(text: str) -> tuple[dict[str, str], str]:
    m = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    meta = dict(line.split(": ", 1) for line in m.group(1).splitlines())
    return meta, text[m.end():]


def _as_html(text: str) -> str:
    """An article as a browser saves it: metadata in meta tags, page furniture, scripts, inline markup."""
    meta, body = _front(text)
    paragraphs = "\n".join(f"<p>{html.escape(p).replace(' the ', ' <em>the</em> ', 1)}</p>"
                           for p in body.split("\n\n") if p.strip())
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(meta['title'])} | Wire</title>
<meta property="og:title" content="{html.escape(meta['title'])}">
<meta property="article:published_time" content="{meta['date']}T08:00:00Z">
<meta property="og:site_name" content="{html.escape(meta['source'])}">
<script>window.tracking = "Israel attacked Hamas in a script";</script><style>p {{ color: red }}</style></head>
<body><header><nav>Home | World | Hamas met Egypt in a menu</nav></header>
<article>{paragraphs}</article>
<aside>Most read: Russia attacked Ukraine</aside><footer>© Wire</footer></body></html>"""


_IN_DOCUMENT = re.compile(r"--[^/]*$")  # an unnamed group's id ends with its document's ("police--a-txt-1f2e…")


def _graph_facts(out: Path) -> tuple[set, set]:
    """The graph's nodes and links with the documents' names left out (the same articles under other file
    names): no document nodes, no links to them or to their evidence, an article's own groups by name."""
    g = Graph()
    g.parse(out / "graph.ttl")

    def node(term) -> str:
        return _IN_DOCUMENT.sub("", str(term))

    entities = {(node(s), str(g.value(s, RDFS.label))) for s in g.subjects(RDFS.label)
                if "/id/" in str(s) and "/doc/" not in str(s) and "/run/" not in str(s)}
    typed = {(node(s), str(p), node(o)) for s, p, o in g
             if str(p).startswith(str(KG._NS)) and isinstance(o, URIRef) and "/id/" in str(o) and "/id/" in str(s)
             and str(p).split("#")[-1] not in {"document", "mentionOf", "country", "attributedTo", "nearDuplicateOf",
                                                "reportedIn", "evidence"}}
    return entities, typed


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    good = tmp_path_factory.mktemp("good")
    mixed = tmp_path_factory.mktemp("mixed")
    texts = [a.read_text(encoding="utf-8") for a in ARTICLES]
    for a, text in zip(ARTICLES, texts):
        (good / a.name).write_text(text, encoding="utf-8")
    # the same articles in other encodings and wrappings
    (mixed / "a.txt").write_bytes(texts[0].replace("\n", "\r\n").encode("cp1252"))
    (mixed / "b.txt").write_bytes(texts[1].encode("utf-16"))
    (mixed / "c.html").write_text(_as_html(texts[2]), encoding="utf-8")
    (mixed / "d.txt").write_bytes(texts[3].encode("utf-16-le"))  # no byte-order mark
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "random.bin": bytes((i * 7919 + 13) % 256 for i in range(20_000)),
        "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
        "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n",
        "nulls.txt": b"Hamas\x00met\x00\x00\x00Egypt" * 500,
        "scripts-only.html": b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "broken.jsonl": b'{"text": "unterminated\n[1, 2]\n',
    }
    for name, data in bad.items():
        (mixed / name).write_bytes(data)
    with (mixed / "dump.txt").open("wb") as fh:  # 50 MB: over the limit, skipped without being read
        line = b"2024-01-01 12:00:00 INFO Hamas met Egypt in Cairo according to the log line\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    return good, mixed, set(bad) | {"dump.txt"}


def test_mixed_corpus_gives_the_graph_of_its_good_articles(corpora, tmp_path):
    good, mixed, bad = corpora
    _, clean_report = build([good], Settings(out=tmp_path / "good", formats=("turtle",)))
    _, report = build([mixed], Settings(out=tmp_path / "mixed", formats=("turtle", "html", "cypher", "graphml")))
    assert clean_report.skipped == [] and report.documents == len(ARTICLES)
    assert _graph_facts(tmp_path / "mixed") == _graph_facts(tmp_path / "good")
    reasons = {Path(s.source.split(":")[0]).name: s.reason for s in report.skipped}
    assert set(reasons) == bad
    assert reasons["empty.txt"] == reasons["blank.txt"] == "empty document"
    assert "PNG" in reasons["photo.png"] and "PDF" in reasons["report.pdf"] and "binary" in reasons["random.bin"]
    assert "binary" in reasons["nulls.txt"] and "no text" in reasons["scripts-only.html"]
    assert "too large" in reasons["dump.txt"] and "--max-bytes" in reasons["dump.txt"]
    jsonl = sorted((s.source.rsplit(":", 1)[1], s.reason) for s in report.skipped if "broken.jsonl" in s.source)
    assert [n for n, _ in jsonl] == ["1", "2"] and jsonl[0][1].startswith("not valid JSON")
    assert jsonl[1][1] == "no text field 'text'"
    written = json.loads((tmp_path / "mixed" / REPORT).read_text(encoding="utf-8"))
    assert {Path(s["source"].split(":")[0]).name for s in written["skipped"]} == bad
    assert written["documents"] == len(ARTICLES)


def test_cli_reports_skips_and_exit_codes(corpora, tmp_path):
    good, mixed, bad = corpora
    def run(*args):
        return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False)

    some = run("build", str(mixed), "--out", str(tmp_path / "a"), "--format", "turtle", "--quiet")
    assert some.returncode == 1
    assert all(f"skipped {mixed / name}" in some.stderr for name in bad - {"broken.jsonl"})
    assert f"skipped {mixed / 'broken.jsonl'}:1: not valid JSON" in some.stderr
    fine = run("build", str(good), "--out", str(tmp_path / "b"), "--format", "turtle", "--quiet")
    assert fine.returncode == 0 and fine.stderr == ""
    (tmp_path / "only-bad").mkdir()
    (tmp_path / "only-bad" / "x.bin").write_bytes(b"\x7fELF\x02\x01")
    nothing = run("build", str(tmp_path / "only-bad"), "--out", str(tmp_path / "c"), "--quiet")
    assert nothing.returncode == 3 and "no usable document" in nothing.stderr
    assert not (tmp_path / "c" / "graph.ttl").exists()
    usage = run("build", str(good), "--max-bytes", "0")
    assert usage.returncode == 2 and "max_bytes" in usage.stderr


TEXTS = ["Hamas met Egyptian officials in Cairo, the café said – “quoted” ‘too’.",
         "Мария встретилась с послом. ١٢٣ עברית 🙂"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False  # a Cyrillic text has no cp1252 form


@pytest.mark.parametrize("text, encoding", [(t, e) for t in TEXTS for e in ENCODINGS if _encodable(t, e)])
def test_decode_reads_every_encoding(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.4\n", "PDF"), (b"\x89PNG\r\n\x1a\n....", "PNG"), (b"PK\x03\x04zip", "ZIP"), (b"\x1f\x8b\x08gz", "gzip"),
    (b"\x7fELF\x02\x01\x01", "executable"), (b"text\x00with\x00nul\x00bytes\x00" * 50, "binary"),
])
def test_binary_files_are_named(data, kind):
    with pytest.raises(NotText, match=kind):
        decode(data)


def test_control_characters_are_dropped_and_line_ends_unified():
    words = b" plain words" * 50
    assert decode(b"a\r\nb\rc\x0bd\x1be\x7f\xc2\x85f\tg" + words) == "a\nb\ncdef\tg" + words.decode()


def test_html_page_gives_article_text_and_metadata():
    text, meta = html_to_text(_as_html(ARTICLES[0].read_text(encoding="utf-8")))
    assert meta["title"] and meta["date"].startswith("2024-") and meta["source"] == "kg sample wire"
    assert "script" not in text and "menu" not in text and "Most read" not in text and "©" not in text
    _, body = _front(ARTICLES[0].read_text(encoding="utf-8"))
    assert text == "\n\n".join(p for p in body.split("\n\n") if p.strip()).strip()


def test_jsonl_is_streamed_and_an_oversized_line_skipped(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": "Hamas met Egypt."}) + "\n")
        fh.write(json.dumps({"id": "b", "text": "x " * 3000}) + "\n")
        fh.write(json.dumps({"id": "c", "text": "<html><body><p>Qatar met Hamas.</p></body></html>"}) + "\n")
    items = list(iter_documents([path], Fields(), max_bytes=1000))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert isinstance(items[1], Skipped) and items[1].source.endswith("big.jsonl:2") and "too large" in items[1].reason
    assert items[2].text == "Qatar met Hamas."


def test_run_on_sentences_are_reported_and_do_not_stall(tmp_path):
    run_on = " ".join(["Hamas officials met Egyptian mediators in Cairo and Qatar , and Israel said ,"] * 150) + "."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "run-on.txt").write_text(f"Hamas met Egypt in Cairo.\n\n{run_on}\n", encoding="utf-8")
    started = time.perf_counter()
    _, report = build([tmp_path / "in"], Settings(out=tmp_path / "out", formats=("turtle",)))
    assert time.perf_counter() - started < 60  # unbounded matching took hours on this input
    assert report.documents == 1 and report.skipped == []
    assert len(report.partly) == 1 and "not read for relations" in report.partly[0].reason
    assert report.edges >= 1  # the normal sentence before it is still read


def test_too_long_text_is_cut_at_a_paragraph(tmp_path, monkeypatch):
    from kg import ingest

    monkeypatch.setattr(ingest, "MAX_CHARS", 100)
    (tmp_path / "long.txt").write_text("Hamas met Egypt in Cairo on Sunday.\n\n" + "Qatar met Hamas. " * 20, encoding="utf-8")
    items = list(iter_documents([tmp_path / "long.txt"]))
    assert isinstance(items[0], PartlyRead) and "cut to its first" in items[0].reason
    assert items[1].text == "Hamas met Egypt in Cairo on Sunday." or len(items[1].text) <= 100


HOSTILE = ('Hamas leader Ismail Haniyeh met Egyptian Foreign Minister Sameh Shoukry in Cairo ("><script>alert(1)'
           '</script> <b>bold</b> \\ {x} `y` $z \u202e 🙂 MATCH (n) DETACH DELETE n //).')


def test_hostile_text_stays_inert_in_every_output(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil.txt").write_text(
        f"---\ntitle: <script>alert(2)</script> & 'x'\nurl: javascript:alert(3)\n---\n{HOSTILE}\n\nQatar met Hamas in Doha.",
        encoding="utf-8")
    build([tmp_path / "in"], Settings(out=tmp_path / "out"))
    out = tmp_path / "out"
    g = Graph()
    g.parse(out / "graph.ttl")  # valid Turtle, with the sentence back exactly
    # spaCy ends the sentence at the brace; what it kept comes back exactly
    (sentence,) = {str(o) for o in g.objects(None, KG.sentence) if "alert(1)" in str(o)}
    assert HOSTILE.startswith(sentence) and '"><script>alert(1)</script> <b>bold</b> \\' in sentence
    assert "<script>alert(2)</script> & 'x'" in {str(o) for o in g.objects(None, RDFS.label)}
    from kg.graph.validate import validate

    assert validate(g)[0]
    cypher = (out / "graph.cypher").read_text(encoding="utf-8")
    values = []
    for line in cypher.splitlines():  # every value travels in a :param line as a literal; queries hold none
        if line.startswith(":param"):
            values.append(cypher_literal(line.split("=>", 1)[1].strip().rstrip(";")))
        else:
            assert "alert" not in line and "bold" not in line
    assert any(sentence in row.get("props", {}).get("sentences", []) for rows in values for row in rows)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "alert(1)" in html.unescape(page.replace("\\u003c", "<"))



def test_hostile_document_view_runs_no_script_in_a_browser(tmp_path):
    pytest.importorskip("playwright")
    from servers.chromium import chromium

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil.txt").write_text(f"{HOSTILE}\n\nQatar met Hamas in Doha.", encoding="utf-8")
    build([tmp_path / "in"], Settings(out=tmp_path / "out", formats=("html",)))
    with chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((tmp_path / "out" / "graph.html").as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready")
        edge = page.evaluate("kgView.data.edges.find(e => e.evidence.some(v => v.sentence.includes('alert'))).id")
        page.evaluate("(id) => kgView.showEdge(id)", edge)
        assert '"><script>alert(1)</script> <b>bold</b> \\' in page.locator("#panel").inner_text()
        assert "null" not in page.locator("#panel").inner_text()
        page.wait_for_timeout(300)
        assert dialogs == [] and page.evaluate("document.querySelectorAll('#panel script, #panel b').length") == 0


def _extracting(proc: subprocess.Popen, at_least: int = 1, timeout: float = 300) -> None:
    """Return once the build's progress bar says ``at_least`` documents are read: the build is under way
    (past its imports, inside the CLI), whatever the machine's load. Polls stderr; no fixed wait."""
    os.set_blocking(proc.stderr.fileno(), False)
    seen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen += proc.stderr.read() or b""
        counts = [int(n) for n in re.findall(rb"documents: *(?:\d+%\|[^|]*\| *)?(\d+)", seen)]
        if counts and max(counts) >= at_least:
            return
        if proc.poll() is not None:
            pytest.fail(f"the build ended before {at_least} documents were read: {seen[-500:]!r}")
        time.sleep(0.05)  # polling interval
    pytest.fail(f"no progress after {timeout} s: {seen[-500:]!r}")


def test_interrupted_build_leaves_previous_outputs(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    texts = [a.read_text(encoding="utf-8") for a in sorted(sample_corpus().glob("*.txt"))]
    for i in range(3):
        (corpus / f"{i}.txt").write_text(texts[i], encoding="utf-8")
    out = tmp_path / "out"
    assert subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"], check=False).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != ".kg.lock"}
    articles = 150  # a bigger corpus, so a signal sent once reading has begun lands while the build works
    for i in range(3, articles):
        (corpus / f"{i}.txt").write_text(f"Copy {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
    for sig, read in ((signal.SIGKILL, 1), (signal.SIGINT, 1), (signal.SIGKILL, 96)):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _extracting(proc, read)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        err = (proc.stderr.read() or b"").decode("utf-8", "replace")
        if sig == signal.SIGINT:
            assert proc.returncode == 130 and "interrupted" in err
        else:
            assert proc.returncode == -signal.SIGKILL
        after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp")
                 and p.name != ".kg.lock"}
        assert after == before
    # the next build finishes, replaces them all and leaves no temporary file behind
    assert subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"], check=False).returncode == 0
    assert not list(out.rglob("*.tmp"))
    assert json.loads((out / REPORT).read_text(encoding="utf-8"))["documents"] == articles
    assert os.stat(out / "graph.ttl").st_mode & 0o044  # an ordinary, readable file


def test_interrupted_store_build_resumes_to_the_same_graph(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    texts = [a.read_text(encoding="utf-8") for a in sorted(sample_corpus().glob("*.txt"))]
    articles = 150
    for i in range(articles):
        (corpus / f"{i:03d}.txt").write_text(f"Copy {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--format", "turtle", "--into"]
    proc = subprocess.Popen([*cmd, str(tmp_path / "store")], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _extracting(proc, 40)
    proc.kill()
    proc.wait()
    stored = len(list((tmp_path / "store" / "docs").glob("*.json")))
    for doc in (tmp_path / "store" / "docs").glob("*.json"):
        json.loads(doc.read_text(encoding="utf-8"))  # every file the killed run left is whole
    assert subprocess.run([*cmd, str(tmp_path / "store"), "--quiet"], env=env, check=False).returncode == 0
    assert subprocess.run([*cmd, str(tmp_path / "fresh"), "--quiet"], env=env, check=False).returncode == 0
    assert (tmp_path / "store" / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()
    assert 0 < stored < articles  # the kill landed mid-way


def test_exact_copies_under_two_names_are_two_documents(tmp_path):
    """Found by the property test: two files with the same text once shared one document node."""
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text("Hamas met Egypt in Cairo.", encoding="utf-8")
    build([tmp_path / "in"], Settings(out=tmp_path / "out", formats=("turtle",)))
    g = Graph()
    g.parse(tmp_path / "out" / "graph.ttl")
    from kg.graph.validate import validate

    assert validate(g)[0]
    assert sorted(str(p) for p in g.objects(None, KG.path)) == ["a.txt", "b.txt"]
