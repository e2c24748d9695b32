"""Issue 20: the dates news files carry. Header lines and datelines at the top of a plain text, a date in
the file's name, and the reference date of an input (--date, --date INPUT=DATE) give a document its
publication date and outlet when its metadata has none; a date without its year, or a relative one, is
read against the reference. A build counts the documents left with no date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.api import build
from kg.config import Settings
from kg.ingest import dated, iter_documents, sample_corpus
from kg.ingest.dateline import header
from kg.model import Document

STORY = "Egypt hosted a Hamas delegation on Sunday for talks on a ceasefire."

# (top of the text, reference date, date read, outlet read)
HEADERS = [
    ("date 2023-12-26 [Source: Reuters]\n\n{story}", "", "2023-12-26", "Reuters"),
    ("GAZA –\n{story}", "", "", ""),
    ("GAZA –\n{story}", "2024-01-09", "2024-01-09", ""),
    ("CAIRO, Nov. 3 (Reuters) - {story}", "2023-11-10", "2023-11-03", "Reuters"),
    ("CAIRO, Nov. 3 (Reuters) - {story}", "", "", "Reuters"),
    ("CAIRO, Nov. 3, 2023 (Reuters) - {story}", "2024-05-01", "2023-11-03", "Reuters"),
    ("By Jane Doe, Reuters, 3 March 2024\n\n{story}", "", "2024-03-03", "Reuters"),
    ("By John Smith | Associated Press | March 5, 2024\n\n{story}", "", "2024-03-05", "Associated Press"),
    ("By Reuters Staff\n\n{story}", "", "", "Reuters"),
    ("Published: 5 March 2024 10:32 GMT\n{story}", "", "2024-03-05", ""),
    ("Updated on Tuesday, March 5, 2024 at 10:32 a.m.\n{story}", "", "2024-03-05", ""),
    ("Posted 2024-03-05T10:00:00Z\n{story}", "", "2024-03-05", ""),
    ("Source: Al Jazeera\nDate: March 5, 2024\n\n{story}", "", "2024-03-05", "Al Jazeera"),
    ("Tue 5 Mar 2024 10.00 GMT\n\n{story}", "", "2024-03-05", ""),
    ("5 March 2024 | Al Jazeera\n\n{story}", "", "2024-03-05", "Al Jazeera"),
    ("Hamas delegation in Cairo\n\nLONDON, 5 March 2024 (AFP) - {story}", "", "2024-03-05", "AFP"),
    ("Ceasefire talks\nBy Ann Lee, AP\nBEIRUT, Lebanon (AP) — {story}", "", "", "AP"),
    ("NEW YORK, March 5, 2024 /PRNewswire/ -- {story}", "", "2024-03-05", "PRNewswire"),
    ("Published: yesterday\n{story}", "2024-03-06", "2024-03-05", ""),
    ("Mon, 04 Mar 2024 12:00:00 +0000\n{story}", "", "2024-03-04", ""),
    ("March 3\n\n{story}", "2024-03-10", "2024-03-03", ""),
    ("KHAN YOUNIS, Gaza Strip, Jan. 3 (Reuters) - {story}", "2024-01-05", "2024-01-03", "Reuters"),
    ("{story}", "", "", ""),
    ("{story}", "2024-02-02", "2024-02-02", ""),
    ("By the way, the talks went on.\n{story}", "", "", ""),
    ("Date of the talks: unknown\n{story}", "", "", ""),
]


@pytest.mark.parametrize("top, reference, day, outlet", HEADERS)
def test_header_lines_and_datelines(top, reference, day, outlet):
    doc = dated(Document("story.txt", top.format(story=STORY), origin="/news/story.txt"), reference)
    assert (doc.date, doc.outlet) == (day, outlet)


def test_header_dates_are_not_event_dates():
    text = "date 2023-12-26 [Source: Reuters]\n\nCAIRO, Dec. 25 (Reuters) - Egypt hosted Hamas on Sunday."
    top = header(text)
    assert top.holds(5, 15) and top.holds(text.index("Dec. 25"), text.index("Dec. 25") + 7)
    assert not top.holds(text.index("Sunday"), text.index("Sunday") + 6)


# (file name, reference date, date read)
NAMES = [
    ("2024-03-05-cairo.txt", "", "2024-03-05"),
    ("cairo_20240305.txt", "", "2024-03-05"),
    ("2024.03.05 cairo.txt", "2023-01-01", "2024-03-05"),
    ("cairo-2024-13-45.txt", "", ""),  # no such day
    ("cairo-202403051200.txt", "", ""),  # a longer number is no date
    ("cairo.txt", "2024-01-01", "2024-01-01"),
]


@pytest.mark.parametrize("name, reference, day", NAMES)
def test_a_date_in_the_file_name(name, reference, day):
    assert dated(Document(name, STORY, origin=f"/news/{name}"), reference).date == day


def test_a_dateline_without_its_year_is_read_against_the_file_name_date():
    doc = Document("x.txt", f"CAIRO, Nov. 3 (Reuters) - {STORY}", origin="/news/2023-11-05 x.txt")
    assert dated(doc, "2024-06-01").date == "2023-11-03"


def test_metadata_wins_over_header_and_name(tmp_path):
    (tmp_path / "2020-01-01.txt").write_text(f"---\ndate: 2024-01-02\nsource: Al-Ahram\n---\n"
                                             f"CAIRO, March 3, 2024 (Reuters) - {STORY}", encoding="utf-8")
    [doc] = list(iter_documents([tmp_path / "2020-01-01.txt"]))
    assert (doc.date, doc.outlet) == ("2024-01-02", "Al-Ahram")


def test_a_reference_date_per_input_and_the_count_of_undated_documents(tmp_path):
    day1, day2, undated = tmp_path / "day1", tmp_path / "day2", tmp_path / "undated"
    for folder in (day1, day2, undated):
        folder.mkdir()
    (day1 / "a.txt").write_text(f"CAIRO, Nov. 3 (Reuters) - {STORY}", encoding="utf-8")
    (day2 / "b.txt").write_text("Qatar hosted Hamas leaders in Doha on Tuesday.", encoding="utf-8")
    (undated / "c.txt").write_text("Turkey criticized Israel over the strikes.", encoding="utf-8")
    resolved, report = build([day1, day2, undated], Settings(out=tmp_path / "out", formats=("turtle",), dates=(
        (str(day1), "2023-11-10"), (str(day2), "2024-03-07"))))
    assert report.undated == 1 and "(1 with no date)" in report.summary()
    written = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert written["undated_documents"] == 1
    dates = {r.doc_id: r.date for r in resolved.documents}
    assert dates == {"a.txt": "2023-11-03", "b.txt": "2024-03-07", "c.txt": ""}


def _front_date(path: Path) -> str:
    top = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return next(line.split(": ", 1)[1] for line in top.splitlines() if line.startswith("date: "))


def test_every_document_of_the_shipped_sample_corpus_gets_its_date():
    docs = [d for d in iter_documents([sample_corpus()]) if isinstance(d, Document)]
    assert len(docs) == len(list(sample_corpus().glob("*.txt"))) >= 7
    assert {d.id: d.date for d in docs} == {p.name: _front_date(p) for p in sample_corpus().glob("*.txt")}


SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_the_shared_corpus_is_dated_by_what_it_carries_else_its_input_date():
    """The three articles of ../shared/corpus carry no date (no metadata, header line, dateline or date in
    the file name): kg invents none, and gives each the date given for its input."""
    plain = [d for d in iter_documents([SHARED_CORPUS]) if isinstance(d, Document)]
    assert plain and all(d.date == "" for d in plain)
    given = [d for d in iter_documents([SHARED_CORPUS], dates={str(SHARED_CORPUS): "2017-07-03"})
             if isinstance(d, Document)]
    assert [d.date for d in given] == ["2017-07-03"] * len(plain)


def test_cli_date_per_input(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(f"CAIRO, Nov. 3 (Reuters) - {STORY}", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "--date",
                          f"{tmp_path / 'a.txt'}=2023-11-10", "--out", str(tmp_path / "out"), "--format", "turtle"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "with no date" not in run.stdout
    bad = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "--date", "nope=2023-11-10",
                          "--out", str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "names no input" in bad.stderr


@pytest.mark.parametrize("top, place", [
    ("KAMPALA, Uganda -- Yoweri Museveni criticized William Ruto on Monday.", "KAMPALA, Uganda"),
    ("MANILA, Philippines — The president signed the bill on Friday.", "MANILA, Philippines"),
    ("CAIRO, Nov. 3 (Reuters) - Egypt hosted Hamas.", "CAIRO"),
    ("LONDON — Britain said on Monday it would send more troops.", ""),
    ("ALBANY, N.Y. -- The governor signed the bill on Friday.", "ALBANY, N.Y."),
    ("NATO, EU — a fraught partnership", ""),
])
def test_a_city_and_its_country_before_a_dash_are_a_dateline(top, place):
    """A place in capitals with its country or state before a dash is a dateline, with no date or agency
    ("KAMPALA, Uganda -- "); a word in capitals alone before a dash mid-line is the start of a sentence."""
    assert header(top).place == place
