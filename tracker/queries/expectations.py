"""Expected events as of a day: pending, overdue, fulfilled or called off. The one place that decides.

An expected event exists only from the day it was first reported (its
earliest source's publication): before that, nobody had said it, so no
answer shows it. A later occurred event resolves it by naming it
(`fulfils` / `calls_off`), once that event has happened.

Past the log's review date nothing is known, so days are counted only up to
it: an expectation open then is "overdue since D; nothing known after R",
never a count of days the log cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.model import Event, EventLog, EventStatus, shifted
from tracker.queries.knowledge import known_since


class Expectation(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    FULFILLED = "fulfilled"
    CALLED_OFF = "called-off"


OPEN = frozenset({Expectation.PENDING, Expectation.OVERDUE})


@dataclass(frozen=True)
class State:
    expectation: Expectation
    first_reported: date | None
    resolved_by: str | None = None
    days_overdue: int | None = None  # overdue: days since its period ended, counted to the horizon
    age: int | None = None  # pending and undated: days since it was first reported, to the horizon
    overdue_since: date | None = None  # overdue: the first day after its period
    horizon: date | None = None  # the log's review date, when the question's day is after it

    def describe(self) -> str:
        """In words, for tables: 'overdue 12 days', 'overdue since 2025-11-07; nothing known after
        2026-06-26', 'pending, first reported 30 days earlier'."""
        beyond = f"; nothing known after {self.horizon.isoformat()}" if self.horizon is not None else ""
        if self.expectation is Expectation.OVERDUE:
            if self.horizon is not None and self.overdue_since is not None:
                return f"overdue since {self.overdue_since.isoformat()}{beyond}"
            return f"overdue {self.days_overdue} day{'s' if self.days_overdue != 1 else ''}"
        if self.expectation is Expectation.PENDING and self.horizon is not None and self.first_reported:
            return f"pending since {self.first_reported.isoformat()}{beyond}"
        if self.expectation is Expectation.PENDING and self.age is not None:
            return f"pending, first reported {self.age} day{'s' if self.age != 1 else ''} earlier"
        if self.resolved_by is not None:
            return f"{self.expectation.value} ({self.resolved_by})"
        return self.expectation.value


def states(log: EventLog, as_of: date) -> dict[str, State]:
    """The state on `as_of` of every expected event that had been reported by then, by id."""
    sources = log.source_map()
    resolvers: dict[str, Event] = {}
    for event in log.events:
        target = event.resolves
        happened = event.status is EventStatus.OCCURRED and event.date is not None and event.date.end <= as_of
        if target is not None and happened:
            resolvers.setdefault(target, event)
    out = {}
    for event in log.events:
        if event.status is not EventStatus.EXPECTED:
            continue
        first = known_since(event, sources)
        if first is not None and first > as_of:
            continue  # nobody had said it yet
        out[event.id] = _state(event, first, resolvers.get(event.id), as_of, horizon(log, as_of))
    return out


def horizon(log: EventLog, as_of: date) -> date | None:
    """The log's review date when `as_of` lies after it: the last day the log can speak for."""
    reviewed = log.reviewed
    return reviewed.end if reviewed is not None and reviewed.end < as_of else None


def _state(event: Event, first: date | None, resolver: Event | None, as_of: date, stop: date | None) -> State:
    if resolver is not None:
        how = Expectation.FULFILLED if resolver.fulfils == event.id else Expectation.CALLED_OFF
        return State(how, first, resolved_by=resolver.id)
    seen = min(as_of, stop) if stop is not None else as_of  # days are counted as far as the log sees
    if event.date is not None and event.date.end < seen:  # its period ended within what the log sees
        days = max((seen - event.date.end).days, 0)
        since = shifted(event.date.end, 1)  # there is one: the period ended before `seen`
        return State(Expectation.OVERDUE, first, days_overdue=days, overdue_since=since, horizon=stop)
    age = max((seen - first).days, 0) if event.date is None and first is not None else None
    return State(Expectation.PENDING, first, age=age, horizon=stop)
