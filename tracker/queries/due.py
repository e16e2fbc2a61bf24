"""Expectations that have come due or are still to come, and what the log covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from tracker.model import Event, EventLog, EventStatus, PartialDate
from tracker.queries.base import Query, sort_key
from tracker.queries.expectations import OPEN, Expectation, State, states
from tracker.queries.knowledge import known, notices, reviewed


@dataclass(frozen=True)
class DueRow:
    event: Event
    state: State


@dataclass(frozen=True)
class DueList:
    as_of: date
    rows: tuple[DueRow, ...]
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops


@dataclass(frozen=True)
class Due(Query[DueList]):
    """Open expectations on `as_of`: overdue (most overdue first), then stalled, partly fulfilled and
    pending ones, each in date order."""

    command: ClassVar[str] = "due"
    result: ClassVar[type] = DueList
    as_of: date
    known_by: date | None = None

    def run(self, log: EventLog) -> DueList:
        view = known(log, self.known_by)
        expectations = states(view.log, self.as_of)
        rows = [
            DueRow(event, state)
            for event in view.log.events
            if (state := expectations.get(event.id)) is not None and state.expectation in OPEN
        ]
        rows.sort(
            key=lambda r: (_ORDER.index(r.state.expectation), -(r.state.days_overdue or 0), sort_key(r.event))
        )
        return DueList(self.as_of, tuple(rows), notices(log, self.as_of, view), reviewed(log))


_ORDER = (Expectation.OVERDUE, Expectation.STALLED, Expectation.PARTLY_FULFILLED, Expectation.PENDING)


@dataclass(frozen=True)
class LogInfo:
    path: str
    events: int
    sources: int
    first_date: PartialDate | None  # the earliest date of an event that occurred, at its precision
    last_date: PartialDate | None  # the latest such date (latest to begin: a month counts from its 1st)
    reviewed: date | None
    reviewed_days_ago: int | None
    expected: int
    today: date
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Info(Query[LogInfo]):
    """What the log holds and how current it is; `path` and `today` are part of the answer."""

    command: ClassVar[str] = "info"
    result: ClassVar[type] = LogInfo
    path: str
    today: date

    def run(self, log: EventLog) -> LogInfo:
        occurred = [e.date for e in log.events if e.status is EventStatus.OCCURRED and e.date is not None]
        reviewed = log.reviewed.end if log.reviewed is not None else None
        return LogInfo(
            path=self.path,
            events=len(log.events),
            sources=len(log.sources),
            first_date=min(occurred, key=lambda d: (d.start, d.end), default=None),
            last_date=max(occurred, key=lambda d: (d.start, d.end), default=None),
            reviewed=reviewed,
            reviewed_days_ago=(self.today - reviewed).days if reviewed is not None else None,
            expected=sum(1 for e in log.events if e.status is EventStatus.EXPECTED),
            today=self.today,
            notices=notices(log, self.today, known(log, None)),
        )
