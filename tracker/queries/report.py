"""The web page's question: everything `tracker export html` shows about a log as of one day.

The page shows the roster, the candidates, the status on each day of change,
two charts, the expectations with their histories, every event and every
source, and the corrections of the log made by then. All of it comes
from one replay of the log (`membership.replay`) and one judgement of the
expectations (`expectations.states`), shared by every section, so the page is
computed once and `render/html.py` only lays it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from tracker.model import Event, EventLog, PartialDate, Source, shifted
from tracker.queries.base import Query, country_name, sort_key
from tracker.queries.candidates import Candidate, candidates
from tracker.queries.chart import ChartResult, chart
from tracker.queries.corrections import CorrectionRow, rows
from tracker.queries.expectations import OPEN, Expectation, State, states
from tracker.queries.knowledge import known_since
from tracker.queries.membership import Change, Roster, replay, signatories


@dataclass(frozen=True)
class Entry:
    """An event as the page lists it: its state when it is expected (None: not yet reported by the
    page's day, or not expected), and the day it was first reported (None: no source is dated)."""

    event: Event
    state: State | None
    first_reported: date | None


@dataclass(frozen=True)
class Cited:
    """A source, and the ids of the events that cite it, in the log's order."""

    source: Source
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class ReportResult:
    as_of: date
    reviewed: PartialDate | None  # the log's review date, as the log gives it
    roster: Roster
    candidates: tuple[Candidate, ...]
    changes: tuple[Change, ...]  # each day a status changed, oldest first
    timeline: ChartResult  # from the first change to `as_of`, or to the last open expectation
    recent: ChartResult  # the year to `as_of`, to the same end
    expected: tuple[tuple[Event, State], ...]  # every expectation reported by `as_of`, in date order
    events: tuple[Entry, ...]  # every event, in date order
    sources: tuple[Cited, ...]  # every source, in the log's order
    names: Mapping[str, str]  # the name of every country or entity an event mentions, by code
    corrections: tuple[CorrectionRow, ...] = ()  # those made by `as_of`, in the order made
    # Made after `as_of`: outside the page's window, but the events and sources it lists are the log's as
    # corrected, so the page says what changed since.
    corrected_later: tuple[CorrectionRow, ...] = ()

    @property
    def open(self) -> int:
        """Expectations still pending or overdue."""
        return sum(1 for _, s in self.expected if s.expectation in OPEN)

    @property
    def overdue(self) -> int:
        return sum(1 for _, s in self.expected if s.expectation is Expectation.OVERDUE)


@dataclass(frozen=True)
class Report(Query[ReportResult]):
    """The whole web page's content on `as_of` (the CLI's default: the log's review date)."""

    command: ClassVar[str] = "export html"
    result: ClassVar[type] = ReportResult
    as_of: date

    def run(self, log: EventLog) -> ReportResult:
        return report(log, self.as_of)


def report(log: EventLog, as_of: date) -> ReportResult:
    sources = log.source_map()
    expectations = states(log, as_of)
    replayed = replay(log, as_of)
    # The axis runs to the last open expectation's date when that is later, so it shows where it falls.
    ends = [
        e.date.end
        for e in log.events
        if e.date is not None and e.id in expectations and expectations[e.id].expectation in OPEN
    ]
    horizon = _day(max([as_of, *ends]))
    year_before = _day(shifted(as_of, -365) or date.min)
    ordered = sorted(log.events, key=sort_key)
    citing: dict[str, list[str]] = {}
    for event in log.events:
        for source_id in event.source_ids:
            citing.setdefault(source_id, []).append(event.id)
    codes = {c for e in log.events for c in (*e.countries, *e.subjects, *_named(e))}
    return ReportResult(
        as_of=as_of,
        reviewed=log.reviewed,
        roster=signatories(log, as_of, replayed),
        candidates=tuple(candidates(log, as_of, replayed, expectations)),
        changes=replayed.changes,
        timeline=chart(log, as_of, until=horizon, replayed=replayed, expectations=expectations),
        recent=chart(
            log, as_of, since=year_before, until=horizon, replayed=replayed, expectations=expectations
        ),
        expected=tuple((e, expectations[e.id]) for e in ordered if e.id in expectations),
        events=tuple(Entry(e, expectations.get(e.id), known_since(e, sources)) for e in ordered),
        sources=tuple(Cited(s, tuple(citing.get(s.id, ()))) for s in log.sources),
        names={code: country_name(code, log) for code in sorted(codes)},
        corrections=rows(log, date.min, as_of),
        corrected_later=rows(log, after, date.max) if (after := shifted(as_of, 1)) is not None else (),
    )


def _named(event: Event) -> tuple[str, ...]:
    return tuple(code for c in event.citations for code in c.names or ())


def _day(day: date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)
