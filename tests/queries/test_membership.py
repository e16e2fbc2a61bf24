"""Derived membership and candidacy, as pure functions of a log and a date."""

from __future__ import annotations

from datetime import date

import builder as build
import pytest

from tracker.model import Kind, PartialDate
from tracker.queries import Candidates, Signatories, Timeline, sort_key


# The questions as the CLI asks them: query values, run on a checked log.
def signatories(log, day):
    return Signatories(day).run(log)


def candidates(log, day):
    return list(Candidates(day).run(log).rows)


def timeline(log, since=None, until=None, country_codes=(), kinds=()):
    return list(Timeline(since, until, tuple(country_codes), tuple(kinds), as_of=date.max).run(log).events)


@pytest.fixture
def shipped(shipped_log):
    return shipped_log


def states(log, day: str) -> dict[str, tuple]:
    return {r.code: (r.role, r.status, r.ordinal) for r in signatories(log, date.fromisoformat(day)).rows}


def test_uae_and_bahrain_are_announced_the_day_before_signing(shipped):
    before = states(shipped, "2020-09-14")
    assert before["AE"] == ("member", "announced", 1)
    assert before["BH"] == ("member", "announced", 2)
    after = states(shipped, "2020-09-15")
    assert after["AE"][1] == after["BH"][1] == "signed"


def test_four_signed_members_and_kazakhstan_a_candidate_on_2025_11_05(shipped):
    result = signatories(shipped, date(2025, 11, 5))
    members = [r for r in result.rows if r.role == "member"]
    assert [(r.code, r.status) for r in members] == [
        ("AE", "signed"),
        ("BH", "signed"),
        ("SD", "signed"),
        ("MA", "signed"),
    ]
    assert result.members == 4 and result.awaiting_signature == 0
    assert "KZ" in {c.code for c in candidates(shipped, date(2025, 11, 5))}


def test_kazakhstan_is_the_fifth_member_awaiting_signature_on_2025_11_07(shipped):
    result = signatories(shipped, date(2025, 11, 7))
    kz = next(r for r in result.rows if r.code == "KZ")
    assert (kz.status, kz.ordinal, kz.announced, kz.signed) == (
        "announced",
        5,
        PartialDate(2025, 11, 6),
        None,
    )
    assert result.members == 5 and result.awaiting_signature == 1
    assert "KZ" not in {c.code for c in candidates(shipped, date(2025, 11, 7))}


def test_israel_and_the_us_have_roles_and_are_never_counted(shipped):
    result = signatories(shipped, date(2025, 11, 7))
    roles = {r.code: (r.role, r.ordinal) for r in result.rows}
    assert roles["IL"] == ("party", None) and roles["US"] == ("broker", None)
    assert result.members == 5


def test_candidates_on_2025_11_07_with_their_evidence(shipped):
    rows = {c.code: c for c in candidates(shipped, date(2025, 11, 7))}
    assert {"SA", "AZ", "UZ"} <= set(rows)
    saudi = rows["SA"]
    assert saudi.conditions == (  # in date order: January, February and September 2024, then 6 November
        "Saudi Arabia's foreign minister tells CNN there will be no normalisation without a credible, "
        "irreversible path to a Palestinian state",
        "Saudi Arabia's foreign ministry tells the US there will be no diplomatic relations with Israel "
        "without a Palestinian state on the 1967 borders",
        "Opening the Shura Council, the crown prince says Saudi Arabia will not establish relations with "
        "Israel without a Palestinian state",
        "Saudi Arabia holds that it will not act unless there is at least a path towards a Palestinian state",
    )  # not yet those of 9 November 2025 and after
    assert saudi.first_mentioned == PartialDate(2025, 10)
    assert saudi.latest.id == "us-officials-hope-saudi-talks"
    assert saudi.last_mentioned == saudi.latest.date  # "last named" and "latest evidence" agree
    assert [(e.id, s.expectation) for e, s in saudi.expected] == [("saudi-crown-prince-visit", "pending")]
    assert saudi.mentions == len(saudi.sources) == len(set(saudi.sources))
    assert rows["AZ"].conditions and "Armenia" in rows["AZ"].conditions[0]


def test_nothing_before_the_first_accession(shipped):
    assert signatories(shipped, date(2020, 8, 12)).rows == ()
    assert states(shipped, "2020-08-13") == {
        "AE": ("member", "announced", 1),
        "IL": ("party", "announced", None),
        "US": ("broker", "announced", None),
    }


def test_timeline_is_chronological_with_partial_dates_after_their_days(shipped):
    rows = timeline(shipped)
    assert len(rows) == len(shipped.events)
    ids = [e.id for e in rows]
    assert ids.index("kz-il-consular-ties") < ids.index("kz-il-embassies")  # 1992-04 before "later that year"
    assert ids[-4:] == [
        "kazakhstan-signing-ceremony",
        "somaliland-accession-expected",
        "israel-knesset-vote-on-bahrain-expected",
        "sudan-legislature-approval-expected",
    ]  # undated, in log order
    dated = [e.date.end for e in rows if e.date]
    assert dated == sorted(dated)


def test_timeline_filters(shipped):
    november = timeline(shipped, since=PartialDate(2025, 11), until=PartialDate(2025, 11))
    assert {e.date.iso()[:7] for e in november} == {"2025-11"}
    assert "kazakhstan-signing-ceremony" not in {e.id for e in november}  # undated: not "until" anything
    assert "kazakhstan-signing-ceremony" in {e.id for e in timeline(shipped, since=PartialDate(2025, 11))}
    signings = timeline(shipped, kinds=[Kind.SIGNING], country_codes=["MA"])
    assert [e.id for e in signings] == ["morocco-signing"]
    # A month-precision event overlaps any day of its month.
    assert "reuters-azerbaijan-central-asia" in {
        e.id for e in timeline(shipped, since=PartialDate(2025, 8, 20), until=PartialDate(2025, 8, 20))
    }


@pytest.fixture(scope="module")
def lifecycle():
    """France named, announced, signed, suspended and reinstated; Germany announced, then withdrawn."""
    return build.log(
        build.event("fr-named", "2021-03", "candidacy", subjects=["FR"]),
        build.event("fr-announced", "2022-01-10", "announcement", subjects=["FR"]),
        build.event("de-announced", "2022-02-01", "announcement", subjects=["DE"]),
        build.event("fr-signs", "2022-03", "signing", subjects=["FR"]),
        build.event("fr-suspended", "2023-05-01", "suspension", subjects=["FR"]),
        build.event("fr-reinstated", "2024-01-01", "reinstatement", subjects=["FR"]),
        build.event("de-withdraws", "2024-06-01", "withdrawal", subjects=["DE"]),
    )


@pytest.mark.parametrize(
    ("day", "fr", "de", "members"),
    [
        ("2021-03-30", None, None, 0),
        ("2021-03-31", "candidate", None, 0),  # a month counts once it is over
        ("2022-01-10", "announced", None, 1),
        ("2022-03-30", "announced", "announced", 2),
        ("2022-03-31", "signed", "announced", 2),
        ("2023-05-01", "suspended", "announced", 2),
        ("2024-01-01", "signed", "announced", 2),
        ("2024-06-01", "signed", "withdrawn", 1),
    ],
)
def test_suspension_reinstatement_and_withdrawal(lifecycle, day, fr, de, members):
    on = date.fromisoformat(day)
    rows = {r.code: r for r in signatories(lifecycle, on).rows}
    named = {c.code for c in candidates(lifecycle, on)}
    assert (rows["FR"].status if "FR" in rows else ("candidate" if "FR" in named else None)) == fr
    assert (rows["DE"].status if "DE" in rows else None) == de
    assert signatories(lifecycle, on).members == members


def test_ordinals_keep_the_order_of_announcement_after_a_withdrawal(lifecycle):
    rows = signatories(lifecycle, date(2025, 1, 1)).rows
    assert [(r.code, r.ordinal) for r in rows if r.role == "member"] == [("FR", 1), ("DE", 2)]


def test_candidates_are_ordered_by_independent_origins_then_most_recent_evidence(shipped):
    rows = candidates(shipped, date(2025, 11, 7))
    keys = [(len(c.origins), sort_key(c.latest)) for c in rows]
    assert keys == sorted(keys, reverse=True)
    assert len({len(c.origins) for c in rows}) > 1  # the ordering is actually exercised
