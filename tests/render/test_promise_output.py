"""What tables, CSV and the Atom feed print of an expectation judged like a promise (issue 23, part 1):
its criterion, its deadline and each dated step of its history with the event behind it."""

from __future__ import annotations

import csv
import io
from datetime import date

import builder as build
import feedparser
from promised import CRITERION, PART, promised

from tracker.queries import Changes, Country, Due


def test_the_tables_show_criterion_deadline_and_history():
    # At 200 columns each cell keeps its own lines, so the words of one cell read in order.
    due = " ".join(build.rendered(Due(date(2026, 1, 25)).run(promised()), "table", width=200).split())
    assert "stalled since 2026-01-20" in due
    assert f"criterion: {CRITERION}" in due
    assert "deadline: 2026-01-31" in due
    assert "2026-01-02 pending, first reported 2026-01-20 stalled by visit-delayed" in due
    assert (
        "0 overdue (their deadline or period is over and no event in the log resolves them), 1 stalled" in due
    )
    page = build.rendered(Country("FR", date(2026, 2, 15)).run(promised()), "table", width=200)
    assert f"2026-02-09 partly fulfilled by visit-held part met: {PART}" in " ".join(page.split())


def test_due_as_csv_has_criterion_deadline_and_history():
    printed = build.rendered(Due(date(2026, 1, 25)).run(promised()), "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(printed))}
    visit = rows["visit-expected"]
    assert (visit["expectation"], visit["deadline"], visit["criterion"]) == (
        "stalled",
        "2026-01-31",
        CRITERION,
    )
    assert visit["history"] == "pending 2026-01-02 (first-reported);stalled 2026-01-20 by visit-delayed"


def test_the_feed_says_who_judged_it_and_what_part_was_met():
    result = Changes(date(2026, 1, 1), date(2026, 2, 28)).run(promised())
    feed = feedparser.parse(build.rendered(result, "atom").encode("utf-8"))
    assert not feed.bozo
    partly = next(e for e in feed.entries if "stalled → partly-fulfilled" in e.title)
    assert partly.updated == "2026-02-09T00:00:00Z"
    assert f"Criterion: {CRITERION}" in partly.summary
    assert "Deadline: 2026-01-31." in partly.summary
    assert "Partly fulfilled by: visit-held" in partly.summary  # built events are titled by their ids
    assert f"The part met: {PART}" in partly.summary
    assert "As reported by: visit (2026-02-10)." in partly.summary
    stalled = next(e for e in feed.entries if "pending → stalled" in e.title)
    assert "Stalled by: visit-delayed" in stalled.summary
