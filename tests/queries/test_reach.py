"""Answers honest about where the log stops, past days answered from what was public then, and
parties with no ISO code (issue 18)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, timedelta

import pytest
from conftest import run
from hypothesis import given, settings
from hypothesis import strategies as st

REVIEWED = "2026-06-26"  # the shipped log's review date
NOTICE = f"The log records sources up to {REVIEWED}; anything after that is not in it."


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- every answer carries the review date ------------------------------------------------------

LISTINGS = [
    ("timeline",),
    ("signatories",),
    ("candidates",),
    ("due",),
    ("changes", "--since", "2025-11"),
    ("sources",),
    ("cite", "kazakhstan-announcement"),
]
OBJECTS = [("show", "kazakhstan-announcement"), ("country", "SA"), ("info",), ("chart",)]


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
def test_every_json_and_jsonl_record_carries_the_review_date(args):
    records = _json(*args)
    assert records and {r["reviewed"] for r in records} == {REVIEWED}
    lines = run(*args, "-o", "jsonl").stdout.splitlines()
    assert lines and {json.loads(line)["reviewed"] for line in lines} == {REVIEWED}


@pytest.mark.parametrize("args", OBJECTS, ids=lambda a: a[0])
def test_every_single_object_answer_carries_the_review_date(args):
    assert _json(*args)["reviewed"] == REVIEWED


@pytest.mark.parametrize(
    "args",
    [
        ("timeline",),
        ("signatories",),
        ("candidates",),
        ("due",),
        ("changes", "--since", "2025"),
        ("sources",),
    ],
)
def test_every_csv_row_ends_with_the_review_date(args):
    rows = list(csv.reader(io.StringIO(run(*args, "-o", "csv").stdout)))
    assert rows[0][-1] == "reviewed"
    assert len(rows) > 1 and {row[-1] for row in rows[1:]} == {REVIEWED}


def test_a_log_without_a_review_date_says_null(write_log):
    from conftest import HEADER

    path = write_log(
        HEADER + "  - {id: a, date: 2025-11-03, kind: statement, countries: [FR],\n"
        "     title: France speaks, cite: [{source: art, quote: France said on Monday}]}\n"
    )
    assert [r["reviewed"] for r in _json("timeline", "--data", str(path))] == [None]
    assert _json("info", "--data", str(path))["reviewed"] is None


# -- windows after the review date -------------------------------------------------------------


def test_a_window_after_the_review_date_says_the_log_stops_there():
    records = _json("changes", "--since", "2026-11")
    assert records == [
        {
            "change": "log-stops",
            "code": None,
            "country": None,
            "from": None,
            "to": None,
            "date": REVIEWED,
            "event": None,
            "title": f"nothing recorded; the log stops at {REVIEWED}",
            "sources": [],
            "by": None,
            "since": "2026-11-01",
            "until": date.today().isoformat(),
            "reviewed": REVIEWED,
        }
    ]
    table = run("changes", "--since", "2026-11", "--no-pager")
    lines = table.stdout.splitlines()
    assert lines[0] == NOTICE  # first, before the answer
    assert lines[1].startswith("Nothing recorded (2026-11-01 to ") and lines[1].endswith(
        f"); the log stops at {REVIEWED}."
    )


def test_a_window_across_the_review_date_lists_its_changes_then_where_the_log_stops():
    records = _json("changes", "--since", "2026-05", "--until", "2026-07-31")
    assert records[-1]["change"] == "log-stops" and records[-1]["date"] == REVIEWED
    assert {r["change"] for r in records[:-1]} <= {"status", "condition", "expectation"}
    assert all(r["date"] <= REVIEWED for r in records[:-1]) and len(records) > 1
    table = run("changes", "--since", "2026-05", "--until", "2026-07-31", "--no-pager").stdout
    assert f"nothing recorded after {REVIEWED}, where the log stops." in " ".join(table.split())
    last = table.rstrip().splitlines()[-1]
    assert " ".join(last.split()) == f"{REVIEWED} log stops nothing recorded after this day"


def test_a_window_within_the_review_date_has_no_such_record():
    records = _json("changes", "--since", "2025-11", "--until", "2025-11-30")
    assert records and "log-stops" not in {r["change"] for r in records}
    assert run("changes", "--since", "2025-11", "--until", "2025-11-30").stderr == ""


@settings(max_examples=25, deadline=None)
@given(after=st.integers(1, 3000), span=st.integers(0, 400))
def test_any_window_ending_after_the_review_date_ends_with_the_stop(after, span):
    """For any window [S, U] with U after R, the last record says the log stops at R, and no
    other record is dated after R: the log claims nothing it cannot see."""
    reviewed = date.fromisoformat(REVIEWED)
    until = reviewed + timedelta(after)
    since = until - timedelta(span)
    records = _json("changes", "--since", since.isoformat(), "--until", until.isoformat())
    assert records[-1]["change"] == "log-stops" and records[-1]["date"] == REVIEWED
    assert all((r["date"] or "") <= REVIEWED for r in records)


@pytest.mark.parametrize(
    "args",
    [("signatories",), ("due",), ("country", "Kazakhstan"), ("timeline",), ("candidates",), ("info",)],
    ids=lambda a: a[0],
)
def test_on_a_table_the_notice_comes_first(args):
    result = run(*args, "--no-pager")
    assert result.stdout.splitlines()[0] == NOTICE
    assert " ".join(result.stdout.split()).count(NOTICE) == 1  # said once, not again in a caption


def test_the_timeline_counts_overdue_by_the_review_date_not_today():
    caption = " ".join(run("timeline", "--no-pager").stdout.split())
    assert f"1 of them overdue by {REVIEWED}, where the log stops." in caption
    assert f"overdue on {date.today().isoformat()}" not in caption


# -- past days, by what was public then (the fact-check's cases) --------------------------------


def test_by_19_november_2025_kazakhstans_announcement_was_known():
    day = ("--as-of", "2025-11-19", "--known-by", "2025-11-19")
    roster = {r["code"]: r for r in _json("signatories", *day)}
    assert (roster["KZ"]["status"], roster["KZ"]["announced"]) == ("announced", "2025-11-06")
    due = {r["id"]: r for r in _json("due", *day)}
    assert "kazakhstan-announcement" not in due  # an event that happened is never "overdue"
    assert due["kazakhstan-signing-at-summit-expected"]["days_overdue"] == 13


def test_by_31_january_2021_the_four_members_and_both_parties_agree():
    roster = {r["code"]: r for r in _json("signatories", "--as-of", "2021-01-31", "--known-by", "2021-01-31")}
    assert {c: (r["status"], r["announced"] is not None) for c, r in roster.items()} == {
        "AE": ("signed", True),
        "BH": ("signed", True),
        "SD": ("signed", True),
        "MA": ("signed", True),
        "IL": ("signed", True),
        "US": ("signed", True),
    }


def test_the_summit_is_not_cited_to_a_report_written_before_it():
    event = _json("show", "central-asia-summit")
    quotes = " ".join(c["quote"] for c in event["citations"])
    assert "is scheduled to meet" not in quotes


def test_the_saudi_statehood_condition_is_dated_as_reported_not_to_a_month_no_source_gives():
    event = _json("show", "saudi-arabia-palestinian-statehood-condition")
    assert (event["date"], event["date_basis"]) == ("2025-11-06", "reported")


def test_a_country_no_source_names_by_a_day_says_so_in_those_words():
    page = run("country", "SA", "--as-of", "2020-01-01", "--known-by", "2020-01-01", "--no-pager").stdout
    heading = " ".join(page.split())
    assert "Saudi Arabia (SA) as of 2020-01-01: no source published by 2020-01-01 names it" in heading
    assert "never named" not in heading
    assert _json("country", "SA", "--as-of", "2020-01-01", "--known-by", "2020-01-01")["status"] is None


# -- parties with no ISO code -------------------------------------------------------------------

ENTITY_LOG = """\
format: 1
reviewed: 2026-01-10
roles:
  party: [IL]
  broker: [US]
entities:
  - id: somaliland
    name: Somaliland
    note: No ISO 3166-1 code.
sources:
  - id: art
    file: article.txt
    published: 2025-12-27
    published_basis: stated
events:
  - id: vow
    date: 2025-12-26
    kind: candidacy
    countries: [IL, somaliland]
    subjects: [somaliland]
    title: Somaliland vows to join
    cite:
      - source: art
        quote: Somaliland has vowed to accede to the accords
"""
ENTITY_ARTICLE = "Somaliland has vowed to accede to the accords, its president said.\n"


@pytest.fixture
def entity_log(write_log):
    return str(write_log(ENTITY_LOG, article=ENTITY_ARTICLE))


def test_an_entity_is_a_candidate_by_its_id_and_shown_by_its_name(entity_log):
    (row,) = _json("candidates", "--data", entity_log)
    assert (row["code"], row["country"], row["events"]) == ("somaliland", "Somaliland", ["vow"])
    for name in ("Somaliland", "somaliland", "SOMALILAND"):
        page = _json("country", name, "--data", entity_log)
        assert (page["code"], page["country"], page["status"]) == ("somaliland", "Somaliland", "candidate")
    (event,) = _json("timeline", "--country", "Somaliland", "--data", entity_log)
    assert event["countries"] == ["IL", "somaliland"]
    shown = run("show", "vow", "--data", entity_log).stdout
    assert "Countries  Israel (IL), Somaliland (somaliland)" in shown
    assert "Somaliland (somaliland)" in run("candidates", "--data", entity_log, "--no-pager").stdout


def test_an_entity_is_in_every_export(entity_log, tmp_path):
    database = tmp_path / "log.db"
    assert run("export", "sqlite", str(database), "--data", entity_log).exit_code == 0
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT code, country, subject FROM event_countries WHERE event_id = 'vow'"
        ).fetchall()
    assert sorted(rows) == [("IL", "Israel", 0), ("somaliland", "Somaliland", 1)]
    page = tmp_path / "log.html"
    assert run("export", "html", str(page), "--data", entity_log).exit_code == 0
    assert "Somaliland" in page.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("candidates", "-o", "csv", "--data", entity_log).stdout)))
    assert [(r["code"], r["country"]) for r in rows] == [("somaliland", "Somaliland")]


def test_an_unknown_name_is_neither_a_country_nor_an_entity(entity_log):
    result = run("country", "Puntland", "--data", entity_log)
    assert result.exit_code == 2
    assert (
        "unknown country 'Puntland'; give an ISO 3166 code such as KZ or a name such as Kazakhstan "
        "(the log's parties without an ISO code: Somaliland)"
    ) in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (
            ("countries: [IL, somaliland]", "countries: [IL, puntland]"),
            "unknown entity 'puntland': a party with no ISO 3166-1 code is declared under 'entities'",
            19,
        ),
        (
            (
                "    note: No ISO 3166-1 code.\n",
                "    note: No ISO 3166-1 code.\n  - id: somaliland\n    name: S\n",
            ),
            "duplicate entity id 'somaliland' (first at line 7)",
            10,
        ),
        (
            ("    name: Somaliland\n", "    name: Somaliland\n  - id: saudi\n    name: Saudi Arabia\n"),
            "entity 'saudi' is named 'Saudi Arabia', which ISO 3166-1 lists as 'SA': use the code in events",
            9,
        ),
        (
            ("countries: [IL, somaliland]", "countries: [IL, Somaliland]"),
            "'Somaliland' in event 'vow' countries is not an ISO 3166-1 alpha-2 code (two capital letters) "
            "nor the id of an entity in 'entities' (lower-case)",
            19,
        ),
    ],
    ids=["undeclared", "twice", "has-an-iso-code", "neither-form"],
)
def test_check_refuses_entities_that_would_invent_or_hide_a_code(write_log, change, message, line):
    old, new = change
    assert old in ENTITY_LOG
    path = write_log(ENTITY_LOG.replace(old, new, 1), article=ENTITY_ARTICLE)
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    located = [m for m in result.stdout.splitlines() if message in m]
    assert located and located[0].split(":")[1] == str(line), result.stdout


def test_the_shipped_log_records_somaliland_as_an_entity_and_a_candidate():
    page = _json("country", "Somaliland")
    assert (page["code"], page["country"], page["status"]) == ("somaliland", "Somaliland", "candidate")
    assert page["candidacy"]["first_named"] == "2025-12-26"
    assert "somaliland" in {r["code"] for r in _json("candidates")}
    assert "somaliland-accession-expected" in {r["id"] for r in _json("due")}
