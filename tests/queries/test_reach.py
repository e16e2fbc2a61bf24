"""Answers honest about where the log stops, past days answered from what was public then, and
parties with no ISO code (issue 18): the queries, on the shipped log and on logs in memory.

That every record and table says the review date is the renderers' (tests/render/test_reviewed.py);
the notice on stderr the CLI's (tests/cli/test_notices.py); `check`'s rules for entities the log's
(tests/app/test_entities.py).
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import builder as build
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import UsageError
from tracker.queries import Candidates, Changes, Country, Due, Info, Show, Signatories, Timeline

REVIEWED = "2026-06-26"  # the shipped log's review date


def day(text: str) -> date:
    return date.fromisoformat(text)


def ask(query, log):
    return build.records(query.run(log))


def test_a_log_without_a_review_date_says_null():
    log = build.log(build.event("a", "2025-11-03", countries=["FR"]))
    assert [r["reviewed"] for r in ask(Timeline(as_of=date(2026, 1, 1)), log)] == [None]
    assert ask(Info("log.yaml", date(2026, 1, 1)), log)["reviewed"] is None


# -- windows after the review date -------------------------------------------------------------


def test_a_window_after_the_review_date_says_the_log_stops_there(shipped_log):
    today = date.today()
    result = Changes(day("2026-11-01"), today).run(shipped_log)
    # Corrections of the record made since are listed apart (tests/cli/test_corrections.py).
    assert [r for r in build.records(result) if r["change"] != "correction"] == [
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
            "part": None,
            "since": "2026-11-01",
            "until": today.isoformat(),
            "reviewed": REVIEWED,
        }
    ]
    lines = build.rendered(result, "table").splitlines()
    assert lines[0] == f"The log records sources up to {REVIEWED}; anything after that is not in it."
    assert lines[1].startswith("Nothing recorded (2026-11-01 to ") and lines[1].endswith(
        f"); the log stops at {REVIEWED}."
    )


def test_a_window_across_the_review_date_lists_its_changes_then_where_the_log_stops(shipped_log):
    result = Changes(day("2026-05-01"), day("2026-07-31")).run(shipped_log)
    records = build.records(result)
    assert records[-1]["change"] == "log-stops" and records[-1]["date"] == REVIEWED
    assert {r["change"] for r in records[:-1]} <= {"status", "condition", "expectation"}
    assert all(r["date"] <= REVIEWED for r in records[:-1]) and len(records) > 1
    table = build.rendered(result, "table")
    assert f"nothing recorded after {REVIEWED}, where the log stops." in " ".join(table.split())
    last = table.rstrip().splitlines()[-1]
    assert " ".join(last.split()) == f"{REVIEWED} log stops nothing recorded after this day"


def test_a_window_within_the_review_date_has_no_such_record(shipped_log):
    result = Changes(day("2025-11-01"), day("2025-11-30")).run(shipped_log)
    records = build.records(result)
    assert records and "log-stops" not in {r["change"] for r in records}
    assert result.notices == ()


@settings(max_examples=25, deadline=None)
@given(after=st.integers(1, 3000), span=st.integers(0, 400))
def test_any_window_ending_after_the_review_date_ends_with_the_stop(shipped_log, after, span):
    """For any window [S, U] with U after R, the last record says the log stops at R, and no
    other record is dated after R: the log claims nothing it cannot see."""
    reviewed = day(REVIEWED)
    until = reviewed + timedelta(after)
    records = ask(Changes(until - timedelta(span), until), shipped_log)
    assert records[-1]["change"] == "log-stops" and records[-1]["date"] == REVIEWED
    # Corrections are of the record, made later (tests/cli/test_corrections.py): the news stops at R.
    assert all((r["date"] or "") <= REVIEWED for r in records if r["change"] != "correction")


# -- past days, by what was public then (the fact-check's cases) --------------------------------


def test_by_19_november_2025_kazakhstans_announcement_was_known(shipped_log):
    on = day("2025-11-19")
    roster = {r["code"]: r for r in ask(Signatories(on, on), shipped_log)}
    assert (roster["KZ"]["status"], roster["KZ"]["announced"]) == ("announced", "2025-11-06")
    due = {r["id"]: r for r in ask(Due(on, on), shipped_log)}
    assert "kazakhstan-announcement" not in due  # an event that happened is never "overdue"
    assert due["kazakhstan-signing-at-summit-expected"]["days_overdue"] == 13


def test_by_31_january_2021_the_four_members_and_both_parties_agree(shipped_log):
    on = day("2021-01-31")
    roster = {r["code"]: r for r in ask(Signatories(on, on), shipped_log)}
    assert {c: (r["status"], r["announced"] is not None) for c, r in roster.items()} == {
        "AE": ("signed", True),
        "BH": ("signed", True),
        "SD": ("signed", True),
        "MA": ("signed", True),
        "IL": ("signed", True),
        "US": ("signed", True),
    }


def test_the_summit_is_not_cited_to_a_report_written_before_it(shipped_log):
    event = ask(Show("central-asia-summit"), shipped_log)
    quotes = " ".join(c["quote"] for c in event["citations"])
    assert "is scheduled to meet" not in quotes


def test_the_saudi_statehood_condition_is_dated_as_reported_not_to_a_month_no_source_gives(shipped_log):
    event = ask(Show("saudi-arabia-palestinian-statehood-condition"), shipped_log)
    assert (event["date"], event["date_basis"]) == ("2025-11-06", "reported")


def test_a_country_no_source_names_by_a_day_says_so_in_those_words(shipped_log):
    on = day("2020-01-01")
    result = Country("SA", on, on).run(shipped_log)
    heading = " ".join(build.rendered(result, "table").split())
    assert "Saudi Arabia (SA) as of 2020-01-01: no source published by 2020-01-01 names it" in heading
    assert "never named" not in heading
    assert build.records(result)["status"] is None


# -- parties with no ISO code -------------------------------------------------------------------


@pytest.fixture(scope="module")
def entity_log():
    return build.log(
        build.event("vow", "2025-12-26", "candidacy", countries=["IL", "somaliland"], subjects=["somaliland"],
                    sources=["art"]),
        sources=[build.source("art", published="2025-12-27")],
        entities=[build.entity("somaliland", "Somaliland", "No ISO 3166-1 code.")],
        reviewed="2026-01-10",
    )  # fmt: skip


def test_an_entity_is_a_candidate_by_its_id_and_shown_by_its_name(entity_log):
    today = date(2026, 1, 10)
    candidates = Candidates(today).run(entity_log)
    (row,) = build.records(candidates)
    assert (row["code"], row["country"], row["events"]) == ("somaliland", "Somaliland", ["vow"])
    for name in ("Somaliland", "somaliland", "SOMALILAND"):
        page = ask(Country(name, today), entity_log)
        assert (page["code"], page["country"], page["status"]) == ("somaliland", "Somaliland", "candidate")
    (event,) = ask(Timeline(countries=("Somaliland",), as_of=today), entity_log)
    assert event["countries"] == ["IL", "somaliland"]
    shown = build.rendered(Show("vow").run(entity_log), "table")
    assert "Countries  Israel (IL), Somaliland (somaliland)" in shown
    assert "Somaliland (somaliland)" in build.rendered(candidates, "table")
    rows = list(csv.DictReader(io.StringIO(build.rendered(candidates, "csv"))))
    assert [(r["code"], r["country"]) for r in rows] == [("somaliland", "Somaliland")]


def test_an_unknown_name_is_neither_a_country_nor_an_entity(entity_log):
    with pytest.raises(UsageError) as raised:
        Country("Puntland", date(2026, 1, 10)).run(entity_log)
    assert str(raised.value) == (
        "unknown country 'Puntland'; give an ISO 3166 code such as KZ or a name such as Kazakhstan "
        "(the log's parties without an ISO code: Somaliland)"
    )
    assert raised.value.option == "COUNTRY"


def test_the_shipped_log_records_somaliland_as_an_entity_and_a_candidate(shipped_log):
    today = date.today()
    page = ask(Country("Somaliland", today), shipped_log)
    assert (page["code"], page["country"], page["status"]) == ("somaliland", "Somaliland", "candidate")
    assert page["candidacy"]["first_named"] == "2025-12-26"
    assert "somaliland" in {r["code"] for r in ask(Candidates(today), shipped_log)}
    assert "somaliland-accession-expected" in {r["id"] for r in ask(Due(today), shipped_log)}
