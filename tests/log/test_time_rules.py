"""Time truth (issue 9): the log's new fields, and the checks that keep dates honest."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import HEADER, SHIPPED, open_log, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.log.check import check
from tracker.queries import Candidates, Due, Signatories, Timeline

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


# -- the four cases of the issue, reversed (shipped log) ---------------------------------


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_later_knowledge_does_not_leak_into_earlier_dates():
    rows, _ = _json("candidates", "--as-of", "2025-08-31")
    kz = next(r for r in rows if r["code"] == "KZ")
    assert kz["expected"] == []  # the summit signing was first reported on 6 November
    timeline, _ = _json("timeline", "--as-of", "2025-08-31")
    assert "kazakhstan-signing-at-summit-expected" not in {r["id"] for r in timeline}
    later, _ = _json("timeline", "--as-of", "2025-11-06")
    summit = next(r for r in later if r["id"] == "kazakhstan-signing-at-summit-expected")
    assert (summit["known_since"], summit["expectation"]) == ("2025-11-06", "pending")


def test_an_old_record_says_how_far_it_reaches():
    notice = "The log records sources up to 2026-06-26; anything after that is not in it."
    _, stderr = _json("signatories")
    assert f"tracker: {notice}" in stderr.splitlines()
    table = run("signatories")
    assert notice in " ".join(table.stdout.split())  # in the caption too
    assert notice in table.stderr
    for covered in ("2026-06-26", "2025-11-07", "2020-09-15"):  # the review date itself is covered
        assert run("signatories", "--as-of", covered).stderr == ""
    assert run("signatories", "--as-of", "2026-06-27").stderr == f"tracker: {notice}\n"


def test_the_notice_is_printed_on_a_cache_hit_too():
    first = run("signatories", "--json", env={"TRACKER_CACHE_DEBUG": "1"})
    second = run("signatories", "--json", env={"TRACKER_CACHE_DEBUG": "1"})
    assert "cache: hit" in second.stderr and second.stdout == first.stdout
    assert "The log records sources up to 2026-06-26" in second.stderr


def test_expectations_come_due():
    # The crown prince's visit of 18 November 2025 was first reported held on the 19th: by what was
    # known on the 18th it had come due, and on the 19th it was overdue.
    early = ("--as-of", "2025-11-19", "--known-by", "2025-11-18")
    timeline, _ = _json("timeline", "--country", "SA", *early)
    visit = next(r for r in timeline if r["id"] == "saudi-crown-prince-visit")
    assert (visit["expectation"], visit["start"], visit["end"]) == ("overdue", "2025-11-18", "2025-11-18")
    assert "saudi-crown-prince-visit-held" not in {r["id"] for r in timeline}
    assert all(r["expectation"] is None for r in timeline if r["status"] == "occurred")
    rows, _ = _json("candidates", *early)
    saudi = next(r for r in rows if r["code"] == "SA")
    assert [(e["id"], e["expectation"]) for e in saudi["expected"]] == [
        ("saudi-crown-prince-visit", "overdue")
    ]
    # With everything the log holds, the visit held that day fulfils it, and it is no longer open.
    timeline, _ = _json("timeline", "--country", "SA", "--as-of", "2026-11-24")
    by_id = {r["id"]: r for r in timeline}
    visit, held = by_id["saudi-crown-prince-visit"], by_id["saudi-crown-prince-visit-held"]
    assert (visit["expectation"], visit["end"]) == ("fulfilled", "2025-11-18")
    assert (held["status"], held["end"], held["known_since"]) == ("occurred", "2025-11-18", "2025-11-19")
    assert all(r["expectation"] is None for r in timeline if r["status"] == "occurred")
    rows, _ = _json("candidates", "--as-of", "2026-11-24")
    assert next(r for r in rows if r["code"] == "SA")["expected"] == []
    # An expectation nothing resolves stays overdue, counted only up to the review date.
    due, _ = _json("due", "--as-of", "2026-11-24")
    summit = next(r for r in due if r["id"] == "kazakhstan-signing-at-summit-expected")
    assert (summit["expectation"], summit["overdue_since"], summit["days_overdue"]) == (
        "overdue",
        "2025-11-07",
        232,  # 2025-11-06 to 2026-06-26, not to 2026-11-24
    )
    assert summit["known_through"] == "2026-06-26"


def test_evidence_counts_only_what_the_sources_give():
    rows, _ = _json("candidates", "--as-of", "2025-11-07")
    by_code = {r["code"]: r for r in rows}
    order = [r["code"] for r in rows]
    for code in ("KG", "TJ", "TM"):
        row = by_code[code]
        assert row["mentions"] < by_code["SA"]["mentions"] and order.index(code) > order.index("SA")
        assert row["sources"] == ["seed-001"]  # Trump named nobody; the URL reports named Azerbaijan only
        assert sorted(row["implied_sources"]) == [
            "commonspace-az",
            "ocmedia-az",
            "pakistantoday-az-central-asia",
            "seed-002",
            "uzalendo-reuters-kz-join",
        ]  # "some Central Asian allies", and Trump's "some of the countries represented here"
        assert row["last_mentioned"] == row["latest_evidence"]["date"] == "2025-08"
    timeline, _ = _json("timeline")
    events = {r["id"]: r for r in timeline}
    assert not {"seed-003", "seed-004"} & set(events["kazakhstan-announcement"]["sources"])
    assert {"seed-003", "seed-004"} <= set(events["kazakhstan-announcement-expected"]["sources"])
    assert events["kazakhstan-announcement-expected"]["expectation"] == "fulfilled"


def test_kazakhstan_was_a_candidate_by_what_was_known_on_5_november():
    roster, stderr = _json("signatories", "--as-of", "2025-11-07", "--known-by", "2025-11-05")
    assert "KZ" not in {r["code"] for r in roster}
    assert "sources without a publication date left out by --known-by" in stderr
    rows, _ = _json("candidates", "--as-of", "2025-11-07", "--known-by", "2025-11-05")
    kz = next(r for r in rows if r["code"] == "KZ")
    # Only the report dated 2 August 2025 was published by then, and it implies Kazakhstan
    # ("some Central Asian allies") without naming it; the undated copies are left out.
    assert (kz["mentions"], kz["implied_by"], kz["named"]) == (0, 1, False)
    assert (kz["sources"], kz["implied_sources"]) == ([], ["pakistantoday-az-central-asia"])
    assert kz["events"] == ["reuters-azerbaijan-central-asia"] and kz["first_mentioned"] == "2025-08"
    full, _ = _json("signatories", "--as-of", "2025-11-07")
    assert next(r for r in full if r["code"] == "KZ")["status"] == "announced"


@pytest.mark.parametrize(
    ("day", "known_by", "visit", "overdue_days", "sources"),
    [
        ("2025-11-10", None, "pending", None, ["seed-000", "seed-002", "seed-004"]),
        # seed-002 is dated to its month only, so it is not known by the 18th.
        ("2025-11-19", "2025-11-18", "overdue", 1, ["seed-000", "seed-004"]),
    ],
)
def test_due_lists_the_crown_prince_visit_pending_then_overdue(day, known_by, visit, overdue_days, sources):
    knowing = ("--known-by", known_by) if known_by else ()
    rows, _ = _json("due", "--as-of", day, *knowing)
    row = next(r for r in rows if r["id"] == "saudi-crown-prince-visit")
    assert (row["expectation"], row["days_overdue"], row["as_of"]) == (visit, overdue_days, day)
    assert row["sources"] == sources and row["known_since"] == "2025-11-06"
    assert row["known_through"] is None  # both days are within the review date
    states = [r["expectation"] for r in rows]
    assert states == sorted(states, key=lambda s: s != "overdue")  # overdue first
    overdue = [r["days_overdue"] for r in rows if r["expectation"] == "overdue"]
    assert overdue == sorted(overdue, reverse=True)  # most overdue first


def test_due_drops_the_crown_prince_visit_once_it_is_reported_held():
    # Everything the log holds: the visit held on the 18th fulfils it, so it is not open on the 19th.
    rows, _ = _json("due", "--as-of", "2025-11-19")
    assert "saudi-crown-prince-visit" not in {r["id"] for r in rows}
    assert [(r["id"], r["expectation"], r["days_overdue"]) for r in rows] == [
        ("kazakhstan-signing-at-summit-expected", "overdue", 13),
        ("kazakhstan-signing-ceremony", "pending", None),
    ]
    timeline, _ = _json("timeline", "--as-of", "2025-11-19", "--country", "SA")
    visit = next(r for r in timeline if r["id"] == "saudi-crown-prince-visit")
    assert visit["expectation"] == "fulfilled"


def test_info_says_what_the_log_holds_and_how_current_it_is():
    info = run("info", "--json", "--as-of", "2026-11-24", "--data", str(SHIPPED))
    got = json.loads(info.stdout)
    assert got["path"] == str(SHIPPED) and got["reviewed"] == "2026-06-26"
    assert got["reviewed_days_ago"] == 151 and got["first_date"] == "1992"
    assert got["last_date"] == "2026-05-26"  # the latest event that occurred, before the review date
    assert got["events"] >= 76 and got["sources"] == 85


def _shipped_review_date() -> date:
    log, problems = open_log(SHIPPED)
    assert problems == [] and log is not None and log.reviewed is not None
    return log.reviewed.end


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(after=st.integers(1, 3660), knowing=st.one_of(st.none(), st.integers(0, 200)))
def test_past_the_review_date_days_overdue_stop_at_it(after, knowing):
    """For any day D after the shipped log's review date R, `due` counts overdue days only up to R
    (never more than R minus the event's end) and says on every row that nothing is known after R."""
    reviewed = _shipped_review_date()
    day = reviewed + timedelta(after)
    args = ["due", "--as-of", day.isoformat()]
    if knowing is not None:  # by what had been published by a day up to R, too
        args += ["--known-by", (reviewed - timedelta(knowing)).isoformat()]
    rows, stderr = _json(*args)
    assert f"tracker: The log records sources up to {reviewed.isoformat()};" in stderr
    assert rows and any(r["expectation"] == "overdue" for r in rows)  # the property is exercised
    for row in rows:
        assert row["known_through"] == reviewed.isoformat() and row["as_of"] == day.isoformat()
        if row["expectation"] != "overdue":
            assert row["days_overdue"] is None
            if row["age_days"] is not None:  # undated and pending: its age, too, stops at R
                assert row["age_days"] == (reviewed - date.fromisoformat(row["known_since"])).days
            continue
        end = date.fromisoformat(row["end"])
        assert row["days_overdue"] <= (reviewed - end).days, (row["id"], row["days_overdue"], day)
        assert row["days_overdue"] == (reviewed - end).days  # counted right up to R, not short of it
        assert row["overdue_since"] == (end + timedelta(1)).isoformat()


# -- a small log of our own: fulfilment, calling off, ages, undated sources -----------------

STORY = (
    TIMED
    + """\
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
  - id: fr-signs
    date: 2025-11-12
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    fulfils: fr-signing-expected
    title: France signs
    cite:
      - source: late
        quote: France signed the accords in Washington on Wednesday
  - id: de-visit-expected
    date: 2025-11-20
    status: expected
    kind: meeting
    countries: [DE, US]
    title: Germany's chancellor to visit Washington
    cite:
      - source: late
        quote: Germany's chancellor is due to visit Washington on 20 November.
  - id: de-visit-postponed
    date: 2025-11-18
    kind: statement
    countries: [DE, US]
    calls_off: de-visit-expected
    title: The visit is postponed
    cite:
      - source: undated
        quote: The chancellor's visit to Washington has been postponed
  - id: de-ceremony-expected
    status: expected
    kind: meeting
    countries: [DE]
    title: Germany plans a ceremony, no date given
    cite:
      - source: early
        quote: Germany was named as a “possible” member, officials said.
      - source: undated
        quote: Germany plans a ceremony to mark its joining; no date has been set.
  - id: fr-announces
    date: 2025-11-03
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: France announces it will join
    cite:
      - source: late
        quote: France and Germany had announced on 3 November that they would join.
"""
)


@pytest.fixture
def story(write_log):
    path = timed_log(write_log, STORY)
    assert run("check", "--data", str(path)).exit_code == 0
    return str(path)


def test_fulfilment_calling_off_and_an_undated_expectations_age(story):
    def states(day):
        rows, _ = _json("timeline", "--as-of", day, "--data", story)
        return {r["id"]: r["expectation"] for r in rows if r["status"] == "expected"}

    assert states("2025-10-31") == {}  # nothing had been reported yet
    assert states("2025-11-11") == {
        "fr-signing-expected": "overdue",
        "de-ceremony-expected": "pending",
    }  # the visit was first reported on the 15th
    assert states("2025-11-12")["fr-signing-expected"] == "fulfilled"
    assert states("2025-11-17")["de-visit-expected"] == "pending"
    assert states("2025-11-18")["de-visit-expected"] == "called-off"
    due, _ = _json("due", "--as-of", "2025-11-11", "--data", story)
    assert [(r["id"], r["expectation"], r["days_overdue"], r["age_days"]) for r in due] == [
        ("fr-signing-expected", "overdue", 1, None),
        ("de-ceremony-expected", "pending", None, 10),  # first reported on 1 November
    ]
    table = run("due", "--as-of", "2025-11-11", "--data", story, env={"COLUMNS": "200"}).stdout
    assert "pending, first reported 10 days earlier" in table and "overdue 1 day " in table


def test_known_by_leaves_out_undated_sources_and_says_so(story):
    result = run("timeline", "--as-of", "2025-11-20", "--known-by", "2025-11-20", "--data", story)
    caption = " ".join(result.stdout.split())
    assert "1 source without a publication date left out by --known-by." in caption
    assert "tracker: 1 source without a publication date left out by --known-by." in result.stderr
    rows, _ = _json("timeline", "--as-of", "2025-11-20", "--known-by", "2025-11-20", "--data", story)
    ids = {r["id"]: r for r in rows}
    assert "de-visit-postponed" not in ids  # its one source is undated
    assert ids["de-visit-expected"]["expectation"] == "pending"  # so nothing known calls it off
    assert ids["de-ceremony-expected"]["sources"] == ["early"]
    everything, stderr = _json("timeline", "--as-of", "2025-11-20", "--data", story)
    assert "left out" not in stderr and "de-visit-postponed" in {r["id"] for r in everything}
    early, _ = _json("timeline", "--as-of", "2025-11-20", "--known-by", "2025-11-14", "--data", story)
    assert {r["id"] for r in early} == {"fr-signing-expected", "de-ceremony-expected"}


# -- properties: knowledge only grows, and nothing is shown before it was said ---------------

DAY0 = date(2024, 1, 1)
DAYS = st.integers(0, 500)

# The stored text of each generated source s{i} (file s{i}.txt): distinct articles.
SOURCE_TEXTS = {
    f"s{i}.txt": f"Report number {i} says that France and Israel met, officials said.\n" for i in range(4)
}


def source_quote(i: int) -> str:
    return f"Report number {i} says that France and Israel met"


@st.composite
def timed_logs(draw: st.DrawFn) -> str:
    """Valid logs of web sources (with their stored texts, SOURCE_TEXTS) with and without
    publication dates, and events citing them."""
    published = draw(st.lists(st.one_of(st.none(), DAYS), min_size=1, max_size=len(SOURCE_TEXTS)))
    lines = ["format: 1", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
    for i, day in enumerate(published):
        lines += [f"  - id: s{i}", f"    url: https://example.org/{i}", f"    file: s{i}.txt"]
        if day is not None:
            lines += [f"    published: {(DAY0 + timedelta(day)).isoformat()}", "    published_basis: stated"]
    lines.append("events:")
    for n in range(draw(st.integers(1, 8))):
        cited = draw(st.lists(st.integers(0, len(published) - 1), min_size=1, max_size=3, unique=True))
        day = draw(DAYS)
        # A source written before the event supports only its expectation.
        early = any(published[i] is not None and published[i] < day for i in cited)
        expected = early or draw(st.booleans())
        kind = draw(st.sampled_from(["candidacy", "announcement", "meeting"]))
        lines += [f"  - id: e{n}", f"    kind: {kind}", "    countries: [FR, IL]", f"    title: Event {n}"]
        if kind != "meeting":
            lines.append("    subjects: [FR]")
        if expected:
            lines.append("    status: expected")
        if not expected or draw(st.booleans()):
            lines.append(f"    date: {(DAY0 + timedelta(day)).isoformat()}")
        lines.append("    cite:")
        lines += [f"      - {{source: s{i}, quote: {source_quote(i)}}}" for i in cited]
    return "\n".join(lines) + "\n"


PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load(write_log, text):
    log, problems = open_log(with_texts(write_log(text), SOURCE_TEXTS))
    assert problems == [], problems
    return log


def _known(log, k):
    """Everything an answer by knowledge day k holds: events with their sources, members, candidates."""
    late = date(2030, 1, 1)
    events = {(e.id, s) for e in Timeline(as_of=late, known_by=k).run(log).events for s in e.source_ids}
    members = {(r.code, r.status) for r in Signatories(late, k).run(log).rows}
    named = {(c.code, s) for c in Candidates(late, k).run(log).rows for s in (*c.sources, *c.implied)}
    return events, members, named


@PROPERTY
@given(text=timed_logs(), k=DAYS, later=st.integers(0, 200))
def test_what_is_known_by_a_day_is_known_by_every_later_day(write_log, text, k, later):
    log = _load(write_log, text)
    before = _known(log, DAY0 + timedelta(k))
    after = _known(log, DAY0 + timedelta(k + later))
    events, members, named = before
    assert events <= after[0]
    # A candidate stays named, unless what became known later made it a member: a candidate that
    # was announced since is in the roster, not the list of candidates (hypothesis found the case).
    joined = {c for c, _ in after[1]}
    assert {(c, s) for c, s in named if c not in joined} <= after[2]
    # Membership only advances with knowledge here: these logs have no suspensions or withdrawals.
    assert {c for c, _ in members} <= {c for c, _ in after[1]}
    assert events <= _known(log, None)[0]


@PROPERTY
@given(text=timed_logs(), d=DAYS, k=st.one_of(st.none(), DAYS))
def test_no_answer_for_a_day_shows_an_expectation_first_reported_after_it(write_log, text, d, k):
    log = _load(write_log, text)
    day = DAY0 + timedelta(d)
    known_by = None if k is None else DAY0 + timedelta(k)
    sources = log.source_map()

    def first(event_id: str) -> date | None:
        event = next(e for e in log.events if e.id == event_id)
        days = [sources[c.source].published.end for c in event.citations if sources[c.source].published]
        return min(days, default=None)

    shown = [e.id for e in Timeline(as_of=day, known_by=known_by).run(log).events if e.status == "expected"]
    shown += [r.event.id for r in Due(day, known_by).run(log).rows]
    shown += [e.id for c in Candidates(day, known_by).run(log).rows for e, _ in c.expected]
    for event_id in shown:
        reported = first(event_id)
        assert reported is None or reported <= day, (event_id, reported, day)


def test_an_expectation_due_after_the_review_date_stays_pending(write_log):
    """The log cannot see a period that ends after its review date: such an expectation is not overdue."""
    text = HEADER.replace("format: 1\n", "format: 1\nreviewed: 2025-11-20\n") + (
        "  - id: later-signing\n    date: 2025-12-10\n    status: expected\n    kind: signing\n"
        "    countries: [FR, IL, US]\n    subjects: [FR]\n    title: France to sign\n    cite:\n"
        "      - source: art\n        quote: France said on Monday it would join the accords.\n"
    )
    path = write_log(text)
    rows = json.loads(run("due", "--as-of", "2026-01-01", "--json", "--data", str(path)).stdout)
    assert [(r["id"], r["expectation"], r["days_overdue"], r["known_through"]) for r in rows] == [
        ("later-signing", "pending", None, "2025-11-20")
    ]
