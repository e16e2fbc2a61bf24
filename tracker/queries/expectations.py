"""Expected events judged like promises on a day, with the history of each: the one place that decides.

An expected event exists only from the day it was first reported (its
earliest source's publication): before that, nobody had said it, so no
answer shows it. From then on its state changes in dated steps:

- pending, from its first report;
- overdue, the day after its `deadline` (or, with none, its expected period)
  is over, if it is still pending then: the one rule derived without a report;
- stalled, partly fulfilled (with the part said), fulfilled, called off or
  ambiguous, from the day an occurred event that names it so (`stalls`,
  `partly_fulfils`, `fulfils`, `calls_off`, `makes_ambiguous`) has happened.
  Each such step is cited by that event's sources. Fulfilled, called off and
  ambiguous settle it: nothing changes after them (`check` refuses a later
  verdict).

A step counts on a day once it has happened by then, as every event does
(`in_force`), and only from the day the expectation was first reported. Under
`--known-by` the log given here is already the known one, so a verdict whose
sources were not yet out is not in it.

Past the log's review date nothing is known, so days are counted only up to
it: an expectation open then is "overdue since D; nothing known after R",
never a count of days the log cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.model import Event, EventLog, EventStatus, PartialDate, Source, Verdict, shifted
from tracker.queries.base import in_force, sort_key
from tracker.queries.knowledge import known_since


class Expectation(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    STALLED = "stalled"
    PARTLY_FULFILLED = "partly-fulfilled"
    FULFILLED = "fulfilled"
    CALLED_OFF = "called-off"
    AMBIGUOUS = "ambiguous"


# Still awaited: `due` lists them, `candidates` shows them as what is next.
OPEN = frozenset(
    {Expectation.PENDING, Expectation.OVERDUE, Expectation.STALLED, Expectation.PARTLY_FULFILLED}
)
# Nothing changes after these.
SETTLED = frozenset({Expectation.FULFILLED, Expectation.CALLED_OFF, Expectation.AMBIGUOUS})

VERDICTS = {
    Verdict.FULFILS: Expectation.FULFILLED,
    Verdict.CALLS_OFF: Expectation.CALLED_OFF,
    Verdict.STALLS: Expectation.STALLED,
    Verdict.PARTLY_FULFILS: Expectation.PARTLY_FULFILLED,
    Verdict.MAKES_AMBIGUOUS: Expectation.AMBIGUOUS,
}


class Basis(StrEnum):
    """Why a step happened: a rule of the log's, or a cited event."""

    REPORTED = "first-reported"  # pending: the day its first source was published
    DEADLINE = "deadline"  # overdue: its deadline passed
    EXPECTED_DATE = "expected-date"  # overdue: its expected period ended (no deadline given)
    EVENT = "event"  # a verdict of an occurred event (`by`), cited by that event's sources


@dataclass(frozen=True)
class Step:
    """One dated change of an expectation's state."""

    state: Expectation
    since: date | None  # the first day it holds; None: first reported by undated sources only
    date: PartialDate | None  # the change's date at its precision: the event's, the deadline, the report
    basis: Basis
    by: Event | None = None  # the event whose verdict it is (basis "event")
    part: str | None = None  # partly fulfilled: the part that was met
    sources: tuple[str, ...] = ()  # what it rests on: the verdict's sources, or those that first reported it

    @property
    def said(self) -> str:
        """'stalled (2026-01-23, by EVENT)', for tables and feeds."""
        when = str(self.date) if self.date is not None else "undated"
        who = f", by {self.by.id}" if self.by is not None else f", {self.basis.value}"
        return f"{self.state.value} ({when}{who})"


@dataclass(frozen=True)
class State:
    expectation: Expectation
    first_reported: date | None
    resolved_by: str | None = None  # settled: the event that settled it
    days_overdue: int | None = (
        None  # overdue: days since its deadline or period ended, counted to the horizon
    )
    age: int | None = None  # pending and undated: days since it was first reported, to the horizon
    overdue_since: date | None = None  # overdue: the first day after its deadline or period
    horizon: date | None = None  # the log's review date, when the question's day is after it
    history: tuple[Step, ...] = ()  # every change up to the day asked for, oldest first; the last is now

    @property
    def now(self) -> Step | None:
        return self.history[-1] if self.history else None

    @property
    def by(self) -> str | None:
        """The event whose verdict the state is, if a cited one."""
        step = self.now
        return step.by.id if step is not None and step.by is not None else None

    @property
    def part(self) -> str | None:
        step = self.now
        return step.part if step is not None else None

    def describe(self) -> str:
        """In words, for tables: 'overdue 12 days', 'overdue since 2025-11-07; nothing known after
        2026-06-26', 'pending, first reported 30 days earlier', 'stalled since 2026-01'."""
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
        step = self.now
        if self.expectation in (Expectation.STALLED, Expectation.PARTLY_FULFILLED) and step is not None:
            return f"{self.expectation.value.replace('-', ' ')} since {step.date or 'an undated day'}"
        return self.expectation.value


def states(log: EventLog, as_of: date) -> dict[str, State]:
    """The state on `as_of` of every expected event that had been reported by then, by id."""
    sources = log.source_map()
    verdicts: dict[str, list[Event]] = {}
    for event in log.events:
        found = event.verdict
        if found is not None and in_force(event, as_of):
            verdicts.setdefault(found[1], []).append(event)
    stop = horizon(log, as_of)
    out = {}
    for event in log.events:
        if event.status is not EventStatus.EXPECTED:
            continue
        first = known_since(event, sources)
        if first is not None and first > as_of:
            continue  # nobody had said it yet
        given = sorted(verdicts.get(event.id, ()), key=sort_key)
        out[event.id] = _state(event, first, given, as_of, stop, _first_sources(event, first, sources))
    return out


def horizon(log: EventLog, as_of: date) -> date | None:
    """The log's review date when `as_of` lies after it: the last day the log can speak for."""
    reviewed = log.reviewed
    return reviewed.end if reviewed is not None and reviewed.end < as_of else None


def _first_sources(event: Event, first: date | None, sources: dict[str, Source]) -> tuple[str, ...]:
    """The sources that first reported an expectation: those published on its first day (all of
    them when none is dated)."""
    if first is None:
        return event.source_ids
    return tuple(
        i
        for i in event.source_ids
        if (s := sources.get(i)) is not None and s.published and s.published.end == first
    )


def _history(
    event: Event, first: date | None, given: list[Event], seen: date, reporting: tuple[str, ...]
) -> list[Step]:
    """The steps up to `seen`, oldest first: the first report, the verdicts in the order they
    happened (none after one that settles), and the derived `overdue` where it was still pending."""
    reported = PartialDate(first.year, first.month, first.day) if first is not None else None
    steps = [Step(Expectation.PENDING, first, reported, Basis.REPORTED, sources=reporting)]
    for judge in given:
        assert judge.date is not None and judge.verdict is not None  # in force, so dated
        state = VERDICTS[judge.verdict[0]]
        since = max(judge.date.end, first) if first is not None else judge.date.end
        part = judge.part if state is Expectation.PARTLY_FULFILLED else None
        steps.append(Step(state, since, judge.date, Basis.EVENT, judge, part, judge.source_ids))
        if state in SETTLED:
            break
    due = event.deadline or event.date
    if due is not None and due.end < seen:  # its deadline or period ended within what the log sees
        came = shifted(due.end, 1)  # there is one: the period ended before `seen`
        assert came is not None
        at = max((i for i, s in enumerate(steps) if s.since is None or s.since <= came), default=0)
        if steps[at].state is Expectation.PENDING:
            basis = Basis.DEADLINE if event.deadline is not None else Basis.EXPECTED_DATE
            steps.insert(at + 1, Step(Expectation.OVERDUE, came, due, basis))
    return steps


def _state(
    event: Event,
    first: date | None,
    given: list[Event],
    as_of: date,
    stop: date | None,
    reporting: tuple[str, ...],
) -> State:
    seen = min(as_of, stop) if stop is not None else as_of  # days are counted as far as the log sees
    steps = tuple(_history(event, first, given, seen, reporting))
    now = steps[-1]
    if now.state in SETTLED:
        assert now.by is not None
        return State(now.state, first, resolved_by=now.by.id, history=steps)
    if now.state is Expectation.OVERDUE:
        assert now.since is not None and now.date is not None
        days = max((seen - now.date.end).days, 0)
        return State(
            Expectation.OVERDUE,
            first,
            days_overdue=days,
            overdue_since=now.since,
            horizon=stop,
            history=steps,
        )
    if now.state is not Expectation.PENDING:  # stalled or partly fulfilled: a cited state, still open
        return State(now.state, first, horizon=stop, history=steps)
    age = max((seen - first).days, 0) if event.date is None and first is not None else None
    return State(Expectation.PENDING, first, age=age, horizon=stop, history=steps)
