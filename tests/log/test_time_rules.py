"""Time truth (issue 9): the log's new fields, and the checks that keep dates honest.

What the answers make of them (what was known when, expectations coming due) is in
tests/queries/test_knowledge.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import open_log, run

from tracker.log.check import check

ARTICLE = (
    "France said on Monday it would join the accords.\n"
    "Germany was named as a “possible” member, officials said.\n"
    "Some of the countries represented here are going to be joining.\n"
)

# Sources with publication dates; events are appended by each test.
TIMED = """\
format: 1
reviewed: 2025-11-20
roles:
  party: [IL]
  broker: [US]
sources:
  - id: early
    file: article.txt
    published: 2025-11-01
    published_basis: stated
  - {id: late, url: https://example.org/late,
     file: late.txt,
     published: 2025-11-15,
     published_basis: stated}
  - {id: undated, url: https://example.org/undated,
     file: undated.txt}
events:
"""

# The stored texts (snapshots) of the web sources `late` and `undated`, written next to the log.
LATE_TEXT = (
    "France signed the accords in Washington on Wednesday, officials said.\n"
    "France and Germany had announced on 3 November that they would join.\n"
    "Germany's chancellor is due to visit Washington on 20 November.\n"
)
UNDATED_TEXT = (
    "The chancellor's visit to Washington has been postponed, a spokesman said.\n"
    "Germany plans a ceremony to mark its joining; no date has been set.\n"
)
TEXTS = {"late.txt": LATE_TEXT, "undated.txt": UNDATED_TEXT}

EXPECTED_SIGNING = """\
  - id: fr-signing-expected
    date: 2025-11-10
    status: expected
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France is expected to sign
    cite:
      - source: early
        quote: France said on Monday it would join the accords.
"""


# The same event as reported done; an announcement, as a signing would need one before it.
OCCURRED = EXPECTED_SIGNING.replace("    status: expected\n", "").replace(
    "kind: signing", "kind: announcement"
)


def with_texts(path: Path, texts: dict[str, str]) -> Path:
    """Store each source's text next to the log (its corpus is its folder); return the log's path."""
    for name, text in texts.items():
        (path.parent / name).write_text(text, encoding="utf-8")
    return path


def timed_log(write_log, text: str) -> Path:
    """A log built on TIMED, with this module's article and the texts of its web sources."""
    return with_texts(write_log(text, article=ARTICLE), TEXTS)


def problems_of(path) -> list[str]:
    _, problems = open_log(path, "log.yaml")
    return [str(p) for p in problems]


def test_a_format_1_log_without_the_new_fields_means_what_it_meant(write_log):
    log, problems = open_log(
        timed_log(write_log, TIMED.replace("reviewed: 2025-11-20\n", "") + EXPECTED_SIGNING)
    )
    assert problems == [] and log is not None
    assert log.reviewed is None
    event = log.events[0]
    assert (event.fulfils, event.calls_off) == (None, None)
    assert event.citations[0].names is None and event.citations[0].names_country("FR")


def test_new_fields_are_read(write_log):
    text = (
        TIMED
        + EXPECTED_SIGNING
        + """\
  - id: fr-signs
    date: 2025-11-12
    kind: signing
    countries: [FR, DE, IL, US]
    subjects: [FR, DE]
    fulfils: fr-signing-expected
    title: France signs
    cite:
      - source: late
        names: [FR]
        quote: France signed the accords in Washington
  - id: fr-de-announce
    date: 2025-11-03
    kind: announcement
    countries: [FR, DE, IL, US]
    subjects: [FR, DE]
    title: France and Germany announce they will join
    cite:
      - source: late
        quote: France and Germany had announced on 3 November that they would join.
"""
    )
    log, problems = open_log(timed_log(write_log, text))
    assert problems == []
    assert log.reviewed.iso() == "2025-11-20"
    signs = log.events[1]
    assert signs.fulfils == "fr-signing-expected" and signs.resolves == "fr-signing-expected"
    assert signs.citations[0].names == ("FR",)
    assert not signs.citations[0].names_country("DE")


RESOLVER = """\
  - id: fr-resolves
    date: 2025-11-12
    kind: statement
    countries: [FR]
    {link}
    title: France says something
    cite:
      - {{source: late, quote: France signed the accords in Washington}}
"""


@pytest.mark.parametrize(
    ("link", "status", "message"),
    [
        ("fulfils: nowhere", "", "log.yaml:32:14: event 'fr-resolves' fulfils unknown event 'nowhere'"),
        (
            "calls_off: fr-resolves",
            "",
            "log.yaml:32:16: event 'fr-resolves' calls_off 'fr-resolves', which is not an expected event",
        ),
        (
            "fulfils: fr-signing-expected",
            "    status: expected\n",
            "log.yaml:33:14: event 'fr-resolves' is expected: only an event that occurred can resolve another",
        ),
    ],
)
def test_a_resolution_names_an_expected_event_and_comes_from_an_occurred_one(
    write_log, link, status, message
):
    resolver = RESOLVER.format(link=link)
    if status:
        resolver = resolver.replace("    kind:", status + "    kind:")
    lines = problems_of(timed_log(write_log, TIMED + EXPECTED_SIGNING + resolver))
    assert lines == [message]


def test_an_expectation_is_resolved_at_most_once_and_not_both_ways(write_log):
    text = (
        TIMED
        + EXPECTED_SIGNING
        + RESOLVER.format(link="fulfils: fr-signing-expected")
        + RESOLVER.format(link="calls_off: fr-signing-expected").replace("fr-resolves", "fr-again")
        + RESOLVER.format(link="fulfils: a\n    calls_off: b").replace("fr-resolves", "fr-both")
    )
    lines = problems_of(timed_log(write_log, text))
    assert lines == [
        "log.yaml:40:16: expected event 'fr-signing-expected' is already resolved by 'fr-resolves' (line 32)",
        "log.yaml:48:14: event 'fr-both' fulfils unknown event 'a'",
        "log.yaml:49:5: event 'fr-both' gives both 'fulfils' and 'calls_off'; choose one",
    ]


def test_names_must_be_subjects_of_the_event(write_log):
    text = TIMED + EXPECTED_SIGNING.replace(
        "        quote: France", "        names: [DE]\n        quote: France"
    )
    assert problems_of(timed_log(write_log, text)) == [
        "log.yaml:27:17: 'DE' in event 'fr-signing-expected' citation #1 names is not a subject of the event"
    ]


def test_reviewed_is_a_day(write_log):
    text = TIMED.replace("reviewed: 2025-11-20", "reviewed: 2025-11")
    assert problems_of(timed_log(write_log, text + EXPECTED_SIGNING)) == [
        "log.yaml:2:11: reviewed must be a day (YYYY-MM-DD), not '2025-11'"
    ]


# -- check: dates against the sources and against today --------------------------------


def test_an_occurred_event_cited_by_a_source_written_before_it_is_reported_at_the_citation(write_log):
    text = TIMED + OCCURRED
    assert problems_of(timed_log(write_log, text)) == [
        "log.yaml:25:17: source 'early' was published 2025-11-01, before event 'fr-signing-expected' "
        "(2025-11-10) began: it supports an expectation, not the event"
    ]


def test_a_source_published_on_the_day_may_report_the_event(write_log):
    text = TIMED + OCCURRED.replace("2025-11-10", "2025-11-01")
    assert problems_of(timed_log(write_log, text)) == []


def test_an_event_or_a_source_in_the_future_is_reported_at_its_date(write_log):
    text = (TIMED + OCCURRED).replace("2025-11-10", "2025-11-16").replace("2025-11-20", "2025-11-16")
    path = timed_log(write_log, text.replace("published: 2025-11-01", "published: 2025-11-16"))
    log, _ = open_log(path, "log.yaml")
    found = [str(p) for p in check(log, today=date(2025, 11, 15))]
    assert found == [
        "log.yaml:2:11: the review date 2025-11-16 is after today (2025-11-15): "
        "the news cannot have been read that far",
        "log.yaml:9:16: source 'early' is published 2025-11-16, after today (2025-11-15)",
        "log.yaml:19:11: event 'fr-signing-expected' occurred on 2025-11-16, after today (2025-11-15); "
        "an event still to come is 'status: expected'",
    ]
    assert [str(p) for p in check(log, today=date(2025, 11, 16))] == []


def test_check_runs_the_new_rules_from_the_command_line(write_log):
    text = TIMED + OCCURRED.replace("2025-11-10", "2099-01-01")
    result = run("check", "--data", str(timed_log(write_log, text)))
    assert result.exit_code == 1
    assert "occurred on 2099-01-01, after today" in result.stdout
