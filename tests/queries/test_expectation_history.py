"""Expectations judged like promises (issue 23, part 1): each expectation's state on a day and its dated,
cited history, as the queries give them (Due, Country, Changes, Timeline), on logs built in memory.

What check refuses is the log's (tests/log/test_promise_rules.py); what tables, CSV and the feed print
of a history the renderers' (tests/render/test_promise_output.py); the database's columns the export's
(tests/app/test_promise_export.py).
"""

from __future__ import annotations

from datetime import date

import builder as build
from promised import CRITERION, PART, promised

from tracker.queries import Changes, Country, Due, Timeline


def day(text: str) -> date:
    return date.fromisoformat(text)


def steps(record: dict) -> list[tuple]:
    return [
        (s["state"], s["since"], s["date"], s["basis"], s["event"], s["sources"]) for s in record["history"]
    ]


REPORTED = ("pending", "2026-01-02", "2026-01-02", "first-reported", None, ["plan"])
STALLED = ("stalled", "2026-01-20", "2026-01-20", "event", "visit-delayed", ["delay"])
PARTLY = ("partly-fulfilled", "2026-02-09", "2026-02-09", "event", "visit-held", ["visit"])


def test_a_stall_then_a_partial_fulfilment_each_dated_and_cited():
    log = promised()
    before = {r["id"]: r for r in build.records(Due(day("2026-01-19")).run(log))}
    assert before["visit-expected"]["expectation"] == "pending"
    assert steps(before["visit-expected"]) == [REPORTED]

    stalled = {r["id"]: r for r in build.records(Due(day("2026-01-25")).run(log))}
    visit = stalled["visit-expected"]
    assert (visit["expectation"], visit["criterion"], visit["deadline"], visit["part"]) == (
        "stalled",
        CRITERION,
        "2026-01-31",
        None,
    )
    assert steps(visit) == [REPORTED, STALLED]
    # Its expected date is past, its deadline is not: still pending, not overdue.
    assert stalled["ceremony-expected"]["expectation"] == "pending"
    assert list(stalled) == ["visit-expected", "ceremony-expected"]  # stalled before pending

    page = build.records(Country("FR", day("2026-02-15")).run(log))
    judged = {e["event"]: e for e in page["expectations"]}
    visit = judged["visit-expected"]
    assert (visit["expectation"], visit["part"], visit["resolved_by"]) == ("partly-fulfilled", PART, None)
    assert steps(visit) == [REPORTED, STALLED, PARTLY]
    assert visit["history"][-1]["part"] == PART
    # Overdue is derived from the deadline, not the expected date: from the day after it.
    ceremony = judged["ceremony-expected"]
    assert ceremony["expectation"] == "overdue"
    assert steps(ceremony)[-1] == ("overdue", "2026-02-01", "2026-01-31", "deadline", None, [])
    # Partly fulfilled is still open: the rest is awaited. Overdue comes first.
    assert [r["id"] for r in build.records(Due(day("2026-02-15")).run(log))] == [
        "ceremony-expected",
        "visit-expected",
    ]


def test_known_by_leaves_out_verdicts_not_yet_published():
    """Under --known-by, a verdict whose sources were not out is not in the answer: the deadline passed
    with nothing known, so the expectation is overdue, by the rule alone."""
    rows = {r["id"]: r for r in build.records(Due(day("2026-02-15"), day("2026-01-15")).run(promised()))}
    visit = rows["visit-expected"]
    assert visit["expectation"] == "overdue"
    assert steps(visit) == [REPORTED, ("overdue", "2026-02-01", "2026-01-31", "deadline", None, [])]
    assert visit["overdue_since"] == "2026-02-01" and visit["days_overdue"] == 15


def test_changes_lists_each_step_in_its_window_with_the_event_behind_it():
    rows = build.records(Changes(day("2026-01-01"), day("2026-02-28")).run(promised()))
    changed = [
        (r["event"], r["from"], r["to"], r["date"], r["by"], r["part"])
        for r in rows
        if r["change"] == "expectation"
    ]
    assert [c for c in changed if c[0] == "visit-expected"] == [
        ("visit-expected", None, "pending", "2026-01-02", None, None),
        ("visit-expected", "pending", "stalled", "2026-01-20", "visit-delayed", None),
        ("visit-expected", "stalled", "partly-fulfilled", "2026-02-09", "visit-held", PART),
    ]
    assert ("ceremony-expected", "pending", "overdue", "2026-01-31", None, None) in changed
    # A verdict is shown as the expectation's change, not again as an event of its own.
    assert not [r for r in rows if r["change"] == "event" and r["event"] in ("visit-delayed", "visit-held")]
    # A window after the stall starts from it: the one step in it is the partial fulfilment.
    later = build.records(Changes(day("2026-02-01"), day("2026-02-28")).run(promised()))
    assert [(r["event"], r["from"], r["to"]) for r in later if r["change"] == "expectation"] == [
        ("ceremony-expected", "pending", "overdue"),
        ("visit-expected", "stalled", "partly-fulfilled"),
    ]


def test_ambiguous_settles_it_and_it_is_no_longer_due():
    log = promised(makes_ambiguous="visit-expected")
    rows = {r["id"]: r for r in build.records(Timeline(as_of=day("2026-03-01")).run(log))}
    assert rows["visit-expected"]["expectation"] == "ambiguous"
    assert steps(rows["visit-expected"])[-1] == (
        "ambiguous",
        "2026-02-09",
        "2026-02-09",
        "event",
        "visit-held",
        ["visit"],
    )
    assert rows["visit-held"]["history"] == [] and rows["visit-held"]["criterion"] is None
    assert "visit-expected" not in [r["id"] for r in build.records(Due(day("2026-03-01")).run(log))]
    page = build.records(Country("FR", day("2026-03-01")).run(log))
    assert {e["event"]: e["resolved_by"] for e in page["expectations"]}["visit-expected"] == "visit-held"
