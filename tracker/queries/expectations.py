"""Expected events as of a day: pending, overdue, fulfilled or called off. The one place that decides.

An expected event exists only from the day it was first reported (its
earliest source's publication): before that, nobody had said it, so no
answer shows it. A later occurred event resolves it by naming it
(`fulfils` / `calls_off`), once that event has happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.model import Event, EventLog, EventStatus
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
    days_overdue: int | None = None  # overdue: days since its period ended
    age: int | None = None  # pending and undated: days since it was first reported

    def describe(self) -> str:
        """In words, for tables: 'overdue by 371 days', 'pending, reported 383 days ago'."""
        if self.expectation is Expectation.OVERDUE:
            return f"overdue {self.days_overdue} day{'s' if self.days_overdue != 1 else ''}"
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
        out[event.id] = _state(event, first, resolvers.get(event.id), as_of)
    return out


def _state(event: Event, first: date | None, resolver: Event | None, as_of: date) -> State:
    if resolver is not None:
        how = Expectation.FULFILLED if resolver.fulfils == event.id else Expectation.CALLED_OFF
        return State(how, first, resolved_by=resolver.id)
    if event.date is not None and event.date.end < as_of:
        return State(Expectation.OVERDUE, first, days_overdue=(as_of - event.date.end).days)
    age = (as_of - first).days if event.date is None and first is not None else None
    return State(Expectation.PENDING, first, age=age)
