"""Time: relative expressions resolved against the publication date, attached to the relation whose
clause they date, datelines read for the date and outlet and never taken for an event's date."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kg.api import extract_documents
from kg.common.timex import _period, _read, _read_from, resolve
from kg.config import Settings
from kg.ingest import iter_documents
from kg.ingest.dateline import dateline
from kg.model import Document
from kg.rules import load_rules

# expression, publication date, planned?, first day, last day ("" when it must not resolve)
RESOLVED = [
    ("on Tuesday", "2024-03-14", False, "2024-03-12", "2024-03-12"),  # a Thursday paper: the Tuesday before
    ("Tuesday", "2024-03-14", True, "2024-03-19", "2024-03-19"),  # a planned visit: the coming Tuesday
    ("Sunday", "2024-03-03", False, "2024-03-03", "2024-03-03"),  # a Sunday paper's "Sunday" is that day
    ("last Sunday", "2024-03-03", False, "2024-02-25", "2024-02-25"),
    ("yesterday", "2024-03-01", False, "2024-02-29", "2024-02-29"),
    ("two days ago", "2024-03-14", False, "2024-03-12", "2024-03-12"),
    ("this week", "2024-03-14", False, "2024-03-11", "2024-03-17"),
    ("last week", "2024-03-14", False, "2024-03-04", "2024-03-10"),
    ("the past week", "2024-03-14", False, "2024-03-04", "2024-03-10"),
    ("last month", "2024-03-14", False, "2024-02-01", "2024-02-29"),
    ("earlier this month", "2024-03-14", False, "2024-03-01", "2024-03-31"),
    ("next month", "2024-12-10", True, "2025-01-01", "2025-01-31"),
    ("last year", "2024-03-14", False, "2023-01-01", "2023-12-31"),
    ("in 2014", "2024-03-14", False, "2014-01-01", "2014-12-31"),
    ("in 2014", "", False, "2014-01-01", "2014-12-31"),  # names its year: no publication date needed
    ("early 2023", "", False, "2023-01-01", "2023-12-31"),
    ("August 2022", "", False, "2022-08-01", "2022-08-31"),
    ("Nov. 3, 2023", "", False, "2023-11-03", "2023-11-03"),
    ("October 7", "2024-03-14", False, "2023-10-07", "2023-10-07"),  # the last October 7 before the paper
    ("the 1990s", "2024-03-14", False, "1990-01-01", "1999-12-31"),
    ("on Tuesday", "", False, "", ""),  # no publication date to count from
    ("last month", "", False, "", ""),
    ("recent days", "2024-03-14", False, "", ""),  # too vague for a date
]


@pytest.mark.parametrize("text,published,future,first,last", RESOLVED)
def test_time_expressions_resolve_against_the_publication_date(text, published, future, first, last):
    found = resolve(text, published, future, load_rules().date_hedges)
    if not first:
        assert found is None
    else:
        assert found is not None, text
        assert (found.start, found.end) == (first, last)


# Publication days across two years, their leap day and year ends: every weekday, every month.
BASES = [datetime(2023, 12, 25) + timedelta(days=d) for d in range(0, 740, 11)] + [
    datetime(2024, 2, 29), datetime(2024, 12, 31), datetime(2025, 1, 1), datetime(2024, 3, 31)]


@pytest.mark.parametrize("words", ["Monday", "Thursday", "Sunday", "last Saturday", "next Friday", "yesterday",
                                   "today", "tonight", "tomorrow", "three days ago", "2 weeks ago", "a week ago",
                                   "last week", "this week", "next week"])
def test_days_counted_from_the_paper_read_once_per_weekday_are_read_as_from_the_paper(words):
    """A phrase counted in days is read from a reference day of the paper's weekday and shifted: the same
    day and period as the date library gives read from the paper's own day (every base, both tenses)."""
    for base in BASES:
        for future in (False, True):
            assert _read(words, base, future, True) == _read_from(words, base, future), (words, base, future)


@pytest.mark.parametrize("words", ["last month", "this month", "next month", "previous month"])
def test_months_counted_from_the_paper_read_once_per_month_are_the_month_read_from_the_paper(words):
    for base in BASES:
        for future in (False, True):
            assert _month(*_read(words, base, future, True)) == _month(*_read_from(words, base, future)), (words, base)


def _month(found: datetime | None, period: str) -> tuple | None:
    return None if found is None else (period, _period(found.date(), period))


@pytest.fixture(scope="module")
def dated():
    """Function: (text, publication date) -> {(subject, predicate, object): (when, start, end)}."""
    settings = Settings()

    def run(text: str, published: str = "2024-03-14"):
        [result] = extract_documents([Document("t.txt", text, date=published)], settings)
        return {(r.subject.name, r.predicate, r.object.name): (r.evidence.when, r.evidence.date_start,
                                                              r.evidence.date_end)
                for r in result.relations}

    return run


def test_a_date_on_the_verb_dates_the_relation(dated):
    edges = dated("Egyptian President Abdel Fattah al-Sisi met Qatar's emir in Cairo on Tuesday.")
    met = [v for (s, p, o), v in edges.items() if p == "meetWith"]
    assert met == [("Tuesday", "2024-03-12", "2024-03-12")]


def test_a_date_on_the_light_verb_dates_the_noun_trigger(dated):
    edges = dated("Turkish President Recep Tayyip Erdogan held talks with Vladimir Putin last week.")
    talks = [v for (s, p, o), v in edges.items() if o == "Vladimir Putin"]
    assert talks and all(v == ("last week", "2024-03-04", "2024-03-10") for v in talks)


def test_the_date_of_the_saying_does_not_date_the_reported_event(dated):
    edges = dated("The ministry said on Monday that Benjamin Netanyahu visited Cairo.")
    visit = [v for (s, p, o), v in edges.items() if p == "visit"]
    assert visit == [("", "", "")]


def test_a_planned_event_takes_the_coming_day(dated):
    edges = dated("Vladimir Putin will visit Beijing on Tuesday.")
    assert [v for (s, p, o), v in edges.items() if p == "visit"] == [("Tuesday", "2024-03-19", "2024-03-19")]


def test_the_dateline_date_is_not_an_event_date(dated):
    edges = dated("CAIRO, March 11 (Reuters) - Ismail Haniyeh met Egyptian officials.", "2024-03-11")
    assert [v for (s, p, o), v in edges.items() if p == "meetWith"] == [("", "", "")]


@pytest.mark.parametrize("text,place,day,outlet", [
    ("CAIRO, March 3 (Reuters) - Egypt hosted talks.", "CAIRO", "March 3", "Reuters"),
    ("WASHINGTON, Nov. 3, 2023 (AP) -- The United States said", "WASHINGTON", "Nov. 3, 2023", "AP"),
    ("GAZA CITY, Gaza Strip (AP) — Israeli strikes", "GAZA CITY, Gaza Strip", "", "AP"),
    ("KYIV, 3 March 2024 - Russia launched drones", "KYIV", "3 March 2024", ""),
])
def test_datelines_are_read(text, place, day, outlet):
    found = dateline(text)
    assert found is not None
    assert (found.place, found.date, found.outlet) == (place, day, outlet)
    assert text[found.end:][0].isupper()


@pytest.mark.parametrize("text", ["The US said - no more talks.", "LONDON — Britain said", "Hamas (the group) - x"])
def test_sentences_are_not_datelines(text):
    assert dateline(text) is None


def test_a_dateline_gives_date_and_outlet_when_metadata_has_none(tmp_path):
    (tmp_path / "a.txt").write_text("WASHINGTON, Nov. 3, 2023 (AP) - The United States said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("CAIRO, March 3 (Reuters) - Egypt hosted talks.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("---\ndate: 2024-01-02\nsource: Al-Ahram\n---\n"
                                    "CAIRO, March 3, 2024 (Reuters) - Egypt hosted talks.", encoding="utf-8")
    docs = {d.id: d for d in iter_documents([tmp_path])}
    assert (docs["a.txt"].date, docs["a.txt"].outlet) == ("2023-11-03", "AP")
    assert (docs["b.txt"].date, docs["b.txt"].outlet) == ("", "Reuters")  # no year: no date
    assert (docs["c.txt"].date, docs["c.txt"].outlet) == ("2024-01-02", "Al-Ahram")  # metadata wins
