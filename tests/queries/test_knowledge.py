"""Time truth (issue 9) in the answers: what was known when, expectations coming due, the review date.

Each question is a query run on a log in memory (tests/builder.py) or on the shipped log, read and
checked once (conftest's `shipped_log`); the answers are read as the JSON records `--json` prints.
The rules that keep a log's dates honest are `check`'s, in tests/log/test_time_rules.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import builder as build
import pytest
from conftest import SHIPPED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.queries import Candidates, Due, Info, Signatories, Timeline

SA = ("SA",)


def ask(query, log):
    """The query's answer as its JSON records, and its notices (what `tracker:` says on stderr)."""
    result = query.run(log)
    return build.records(result), result.notices


def day(text: str) -> date:
    return date.fromisoformat(text)


# -- the four cases of the issue, reversed (shipped log) ---------------------------------


def test_later_knowledge_does_not_leak_into_earlier_dates(shipped_log):
    rows, _ = ask(Candidates(day("2025-08-31")), shipped_log)
    kz = next(r for r in rows if r["code"] == "KZ")
    assert kz["expected"] == []  # the summit signing was first reported on 6 November
    timeline, _ = ask(Timeline(as_of=day("2025-08-31")), shipped_log)
    assert "kazakhstan-signing-at-summit-expected" not in {r["id"] for r in timeline}
    later, _ = ask(Timeline(as_of=day("2025-11-06")), shipped_log)
    summit = next(r for r in later if r["id"] == "kazakhstan-signing-at-summit-expected")
    assert (summit["known_since"], summit["expectation"]) == ("2025-11-06", "pending")


def test_an_answer_past_the_review_date_says_how_far_the_log_reaches(shipped_log):
    notice = "The log records sources up to 2026-06-26; anything after that is not in it."
    for covered in ("2026-06-26", "2025-11-07", "2020-09-15"):  # the review date itself is covered
        assert Signatories(day(covered)).run(shipped_log).notices == ()
    assert Signatories(day("2026-06-27")).run(shipped_log).notices == (notice,)


def test_expectations_come_due(shipped_log):
    # The crown prince's visit of 18 November 2025 was first reported held on the 19th: by what was
    # known on the 18th it had come due, and on the 19th it was overdue.
    early = {"as_of": day("2025-11-19"), "known_by": day("2025-11-18")}
    timeline, _ = ask(Timeline(countries=SA, **early), shipped_log)
    visit = next(r for r in timeline if r["id"] == "saudi-crown-prince-visit")
    assert (visit["expectation"], visit["start"], visit["end"]) == ("overdue", "2025-11-18", "2025-11-18")
    assert "saudi-crown-prince-visit-held" not in {r["id"] for r in timeline}
    assert all(r["expectation"] is None for r in timeline if r["status"] == "occurred")
    rows, _ = ask(Candidates(**early), shipped_log)
    saudi = next(r for r in rows if r["code"] == "SA")
    assert [(e["id"], e["expectation"]) for e in saudi["expected"]] == [
        ("saudi-crown-prince-visit", "overdue")
    ]
    # With everything the log holds, the visit held that day fulfils it, and it is no longer open.
    timeline, _ = ask(Timeline(countries=SA, as_of=day("2026-11-24")), shipped_log)
    by_id = {r["id"]: r for r in timeline}
    visit, held = by_id["saudi-crown-prince-visit"], by_id["saudi-crown-prince-visit-held"]
    assert (visit["expectation"], visit["end"]) == ("fulfilled", "2025-11-18")
    assert (held["status"], held["end"], held["known_since"]) == ("occurred", "2025-11-18", "2025-11-19")
    assert all(r["expectation"] is None for r in timeline if r["status"] == "occurred")
    rows, _ = ask(Candidates(day("2026-11-24")), shipped_log)
    assert next(r for r in rows if r["code"] == "SA")["expected"] == []
    # An expectation nothing resolves stays overdue, counted only up to the review date.
    due, _ = ask(Due(day("2026-11-24")), shipped_log)
    summit = next(r for r in due if r["id"] == "kazakhstan-signing-at-summit-expected")
    assert (summit["expectation"], summit["overdue_since"], summit["days_overdue"]) == (
        "overdue",
        "2025-11-07",
        232,  # 2025-11-06 to 2026-06-26, not to 2026-11-24
    )
    assert summit["known_through"] == "2026-06-26"


def test_evidence_counts_only_what_the_sources_give(shipped_log):
    rows, _ = ask(Candidates(day("2025-11-07")), shipped_log)
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
    timeline, _ = ask(Timeline(as_of=date.today()), shipped_log)
    events = {r["id"]: r for r in timeline}
    assert not {"seed-003", "seed-004"} & set(events["kazakhstan-announcement"]["sources"])
    assert {"seed-003", "seed-004"} <= set(events["kazakhstan-announcement-expected"]["sources"])
    assert events["kazakhstan-announcement-expected"]["expectation"] == "fulfilled"


def test_kazakhstan_was_a_candidate_by_what_was_known_on_5_november(shipped_log):
    roster, notices = ask(Signatories(day("2025-11-07"), day("2025-11-05")), shipped_log)
    assert "KZ" not in {r["code"] for r in roster}
    assert any("sources without a publication date left out by --known-by" in n for n in notices)
    rows, _ = ask(Candidates(day("2025-11-07"), day("2025-11-05")), shipped_log)
    kz = next(r for r in rows if r["code"] == "KZ")
    # Only the report dated 2 August 2025 was published by then, and it implies Kazakhstan
    # ("some Central Asian allies") without naming it; the undated copies are left out.
    assert (kz["mentions"], kz["implied_by"], kz["named"]) == (0, 1, False)
    assert (kz["sources"], kz["implied_sources"]) == ([], ["pakistantoday-az-central-asia"])
    assert kz["events"] == ["reuters-azerbaijan-central-asia"] and kz["first_mentioned"] == "2025-08"
    full, _ = ask(Signatories(day("2025-11-07")), shipped_log)
    assert next(r for r in full if r["code"] == "KZ")["status"] == "announced"


@pytest.mark.parametrize(
    ("as_of", "known_by", "visit", "overdue_days", "sources"),
    [
        ("2025-11-10", None, "pending", None, ["seed-000", "seed-002", "seed-004"]),
        # seed-002 is dated to its month only, so it is not known by the 18th.
        ("2025-11-19", "2025-11-18", "overdue", 1, ["seed-000", "seed-004"]),
    ],
)
def test_due_lists_the_crown_prince_visit_pending_then_overdue(
    shipped_log, as_of, known_by, visit, overdue_days, sources
):
    rows, _ = ask(Due(day(as_of), day(known_by) if known_by else None), shipped_log)
    row = next(r for r in rows if r["id"] == "saudi-crown-prince-visit")
    assert (row["expectation"], row["days_overdue"], row["as_of"]) == (visit, overdue_days, as_of)
    assert row["sources"] == sources and row["known_since"] == "2025-11-06"
    assert row["known_through"] is None  # both days are within the review date
    states = [r["expectation"] for r in rows]
    assert states == sorted(states, key=lambda s: s != "overdue")  # overdue first
    overdue = [r["days_overdue"] for r in rows if r["expectation"] == "overdue"]
    assert overdue == sorted(overdue, reverse=True)  # most overdue first


def test_due_drops_the_crown_prince_visit_once_it_is_reported_held(shipped_log):
    # Everything the log holds: the visit held on the 18th fulfils it, so it is not open on the 19th.
    rows, _ = ask(Due(day("2025-11-19")), shipped_log)
    assert "saudi-crown-prince-visit" not in {r["id"] for r in rows}
    assert [(r["id"], r["expectation"], r["days_overdue"]) for r in rows] == [
        ("kazakhstan-signing-at-summit-expected", "overdue", 13),
        ("sudan-legislature-approval-expected", "stalled", None),
        ("kazakhstan-signing-ceremony", "pending", None),
    ]
    timeline, _ = ask(Timeline(countries=SA, as_of=day("2025-11-19")), shipped_log)
    visit = next(r for r in timeline if r["id"] == "saudi-crown-prince-visit")
    assert visit["expectation"] == "fulfilled"


def test_info_says_what_the_log_holds_and_how_current_it_is(shipped_log):
    got, _ = ask(Info(str(SHIPPED), day("2026-11-24")), shipped_log)
    assert got["path"] == str(SHIPPED) and got["reviewed"] == "2026-06-26"
    assert got["reviewed_days_ago"] == 151 and got["first_date"] == "1992"
    assert got["last_date"] == "2026-05-26"  # the latest event that occurred, before the review date
    assert got["events"] >= 86 and got["sources"] == 100


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(after=st.integers(1, 3660), knowing=st.one_of(st.none(), st.integers(0, 200)))
def test_past_the_review_date_days_overdue_stop_at_it(shipped_log, after, knowing):
    """For any day D after the shipped log's review date R, `due` counts overdue days only up to R
    (never more than R minus the event's end) and says on every row that nothing is known after R."""
    reviewed = shipped_log.reviewed.end
    when = reviewed + timedelta(after)
    known_by = None if knowing is None else reviewed - timedelta(knowing)  # by what was published by then
    rows, notices = ask(Due(when, known_by), shipped_log)
    assert any(n.startswith(f"The log records sources up to {reviewed.isoformat()};") for n in notices)
    assert rows and any(r["expectation"] == "overdue" for r in rows)  # the property is exercised
    for row in rows:
        assert row["known_through"] == reviewed.isoformat() and row["as_of"] == when.isoformat()
        if row["expectation"] != "overdue":
            assert row["days_overdue"] is None
            if row["age_days"] is not None:  # undated and pending: its age, too, stops at R
                assert row["age_days"] == (reviewed - date.fromisoformat(row["known_since"])).days
            continue
        end = date.fromisoformat(row["end"])
        assert row["days_overdue"] <= (reviewed - end).days, (row["id"], row["days_overdue"], when)
        assert row["days_overdue"] == (reviewed - end).days  # counted right up to R, not short of it
        assert row["overdue_since"] == (end + timedelta(1)).isoformat()


# -- a small log of our own: fulfilment, calling off, ages, undated sources -----------------


@pytest.fixture(scope="module")
def story():
    """France expected to sign, then signing; a German visit expected, then called off by an undated
    report; a German ceremony expected with no date; sources published on the 1st and the 15th."""
    return build.log(
        build.event("fr-signing-expected", "2025-11-10", "signing", subjects=["FR"], expected=True,
                    sources=["early"]),
        build.event("fr-signs", "2025-11-12", "signing", subjects=["FR"], fulfils="fr-signing-expected",
                    sources=["late"]),
        build.event("de-visit-expected", "2025-11-20", "meeting", countries=["DE", "US"], expected=True,
                    sources=["late"]),
        build.event("de-visit-postponed", "2025-11-18", "statement", countries=["DE", "US"],
                    calls_off="de-visit-expected", sources=["undated"]),
        build.event("de-ceremony-expected", None, "meeting", countries=["DE"], expected=True,
                    sources=["early", "undated"]),
        build.event("fr-announces", "2025-11-03", "announcement", subjects=["FR"], sources=["late"]),
        sources=[
            build.source("early", published="2025-11-01"),
            build.source("late", published="2025-11-15", url="https://example.org/late"),
            build.source("undated", url="https://example.org/undated"),
        ],
        reviewed="2025-11-20",
    )  # fmt: skip


def test_fulfilment_calling_off_and_an_undated_expectations_age(story):
    def states(on):
        rows, _ = ask(Timeline(as_of=day(on)), story)
        return {r["id"]: r["expectation"] for r in rows if r["status"] == "expected"}

    assert states("2025-10-31") == {}  # nothing had been reported yet
    assert states("2025-11-11") == {
        "fr-signing-expected": "overdue",
        "de-ceremony-expected": "pending",
    }  # the visit was first reported on the 15th
    assert states("2025-11-12")["fr-signing-expected"] == "fulfilled"
    assert states("2025-11-17")["de-visit-expected"] == "pending"
    assert states("2025-11-18")["de-visit-expected"] == "called-off"
    result = Due(day("2025-11-11")).run(story)
    assert [(r["id"], r["expectation"], r["days_overdue"], r["age_days"]) for r in build.records(result)] == [
        ("fr-signing-expected", "overdue", 1, None),
        ("de-ceremony-expected", "pending", None, 10),  # first reported on 1 November
    ]
    table = build.rendered(result, "table", width=200)
    assert "pending, first reported 10 days earlier" in table and "overdue 1 day " in table


def test_known_by_leaves_out_undated_sources_and_says_so(story):
    result = Timeline(as_of=day("2025-11-20"), known_by=day("2025-11-20")).run(story)
    assert result.notices == ("1 source without a publication date left out by --known-by.",)
    caption = " ".join(build.rendered(result, "table").split())
    assert "1 source without a publication date left out by --known-by." in caption
    ids = {r["id"]: r for r in build.records(result)}
    assert "de-visit-postponed" not in ids  # its one source is undated
    assert ids["de-visit-expected"]["expectation"] == "pending"  # so nothing known calls it off
    assert ids["de-ceremony-expected"]["sources"] == ["early"]
    everything, notices = ask(Timeline(as_of=day("2025-11-20")), story)
    assert notices == () and "de-visit-postponed" in {r["id"] for r in everything}
    early, _ = ask(Timeline(as_of=day("2025-11-20"), known_by=day("2025-11-14")), story)
    assert {r["id"] for r in early} == {"fr-signing-expected", "de-ceremony-expected"}


def test_an_expectation_due_after_the_review_date_stays_pending():
    """The log cannot see a period that ends after its review date: such an expectation is not overdue."""
    log = build.log(
        build.event("later-signing", "2025-12-10", "signing", subjects=["FR"], expected=True),
        reviewed="2025-11-20",
    )
    rows, _ = ask(Due(day("2026-01-01")), log)
    assert [(r["id"], r["expectation"], r["days_overdue"], r["known_through"]) for r in rows] == [
        ("later-signing", "pending", None, "2025-11-20")
    ]


# -- properties: knowledge only grows, and nothing is shown before it was said ---------------

DAY0 = date(2024, 1, 1)
DAYS = st.integers(0, 500)


@st.composite
def timed_logs(draw: st.DrawFn):
    """Valid logs of web sources with and without publication dates, and events citing them."""
    published = draw(st.lists(st.one_of(st.none(), DAYS), min_size=1, max_size=4))
    sources = [
        build.source(
            f"s{i}",
            url=f"https://example.org/{i}",
            published=(DAY0 + timedelta(d)).isoformat() if d is not None else None,
        )
        for i, d in enumerate(published)
    ]
    events = []
    for n in range(draw(st.integers(1, 8))):
        cited = draw(st.lists(st.integers(0, len(published) - 1), min_size=1, max_size=3, unique=True))
        when = draw(DAYS)
        # A source written before the event supports only its expectation.
        early = any(published[i] is not None and published[i] < when for i in cited)
        expected = early or draw(st.booleans())
        kind = draw(st.sampled_from(["candidacy", "announcement", "meeting"]))
        dated = not expected or draw(st.booleans())
        events.append(
            build.event(
                f"e{n}",
                (DAY0 + timedelta(when)).isoformat() if dated else None,
                kind,
                countries=["FR", "IL"],
                subjects=["FR"] if kind != "meeting" else [],
                expected=expected,
                sources=[f"s{i}" for i in cited],
            )
        )
    return build.log(*events, sources=sources)


PROPERTY = settings(max_examples=60, deadline=None)


def _known(log, k):
    """Everything an answer by knowledge day k holds: events with their sources, members, candidates."""
    late = date(2030, 1, 1)
    events = {(e.id, s) for e in Timeline(as_of=late, known_by=k).run(log).events for s in e.source_ids}
    members = {(r.code, r.status) for r in Signatories(late, k).run(log).rows}
    named = {(c.code, s) for c in Candidates(late, k).run(log).rows for s in (*c.sources, *c.implied)}
    return events, members, named


@PROPERTY
@given(log=timed_logs(), k=DAYS, later=st.integers(0, 200))
def test_what_is_known_by_a_day_is_known_by_every_later_day(log, k, later):
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
@given(log=timed_logs(), d=DAYS, k=st.one_of(st.none(), DAYS))
def test_no_answer_for_a_day_shows_an_expectation_first_reported_after_it(log, d, k):
    when = DAY0 + timedelta(d)
    known_by = None if k is None else DAY0 + timedelta(k)
    sources = log.source_map()

    def first(event_id: str) -> date | None:
        event = next(e for e in log.events if e.id == event_id)
        days = [sources[c.source].published.end for c in event.citations if sources[c.source].published]
        return min(days, default=None)

    shown = [e.id for e in Timeline(as_of=when, known_by=known_by).run(log).events if e.status == "expected"]
    shown += [r.event.id for r in Due(when, known_by).run(log).rows]
    shown += [e.id for c in Candidates(when, known_by).run(log).rows for e, _ in c.expected]
    for event_id in shown:
        reported = first(event_id)
        assert reported is None or reported <= when, (event_id, reported, when)
