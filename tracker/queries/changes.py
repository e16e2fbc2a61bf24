"""What changed in a window of days: status transitions, new conditions, expectations' steps, new events.

The statuses come from the one replay (`membership.transitions`): a change
counts in the window when its event is in force at the window's end and was
not the day before it starts, so a partial date ("2025-11") counts only in a
window that holds its last day, as everywhere else. Expectations change in
dated steps (`expectations.states` gives each one's history): every step in
the window is a change, from the state before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import ClassVar

from tracker.model import Event, EventLog, Kind, PartialDate, Source, shifted
from tracker.queries import corrections
from tracker.queries.base import Query, country_name, in_force, sort_key
from tracker.queries.corrections import CorrectionRow
from tracker.queries.expectations import Expectation, horizon, states
from tracker.queries.knowledge import known, notices, reviewed
from tracker.queries.membership import transitions


class ChangeKind(StrEnum):
    STATUS = "status"  # a country's membership status changed
    CONDITION = "condition"  # a condition on a country's joining came into force
    EXPECTATION = "expectation"  # an expectation was first reported, came due or was resolved
    EVENT = "event"  # an event of the window that changed no status: a statement, a meeting, a report


@dataclass(frozen=True)
class Change:
    change: ChangeKind
    code: str | None  # the country it is about; None for an expectation naming only the party or broker
    country: str | None
    before: str | None  # the status or expectation state before the window (None: none)
    after: str
    date: PartialDate | None  # when it changed, at the precision known
    event: Event  # the event that made the change (for expectations, the expected event)
    by: Event | None = None  # the event whose verdict on an expectation this is (it resolved, stalled...)
    part: str | None = None  # an expectation partly fulfilled: the part that was met


@dataclass(frozen=True)
class ChangeList:
    since: date
    until: date
    rows: tuple[Change, ...]
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops
    stops: date | None = None  # the review date, when the window runs past it: nothing is known after
    sources: dict[str, Source] = field(default_factory=dict)  # the sources its rows' events cite, by id
    corrections: tuple[CorrectionRow, ...] = ()  # corrections made in the window, beside the news


@dataclass(frozen=True)
class Changes(Query[ChangeList]):
    """Changes from the first day `since` through the last day `until`, both included."""

    command: ClassVar[str] = "changes"
    result: ClassVar[type] = ChangeList
    since: date
    until: date
    known_by: date | None = None

    def run(self, log: EventLog) -> ChangeList:
        view = known(log, self.known_by)
        # The day before the window: None when it starts on the calendar's first day, before anything.
        shown, before = view.log, shifted(self.since, -1)
        rows: list[Change] = []
        for t in transitions(shown, self.until):
            if not _in_force(t.event, before):
                status = t.before.value if t.before else None
                rows.append(
                    Change(
                        ChangeKind.STATUS,
                        t.code,
                        country_name(t.code, log),
                        status,
                        t.after,
                        t.event.date,
                        t.event,
                    )
                )
        for event in shown.events:
            if event.kind is Kind.CONDITION and in_force(event, self.until) and not _in_force(event, before):
                for code in event.subjects:
                    rows.append(
                        Change(
                            ChangeKind.CONDITION,
                            code,
                            country_name(code, log),
                            None,
                            "condition",
                            event.date,
                            event,
                        )
                    )
        rows += _expectations(shown, before, self.until)
        rows += _new_events(
            shown, before, self.until, {r.event.id for r in rows} | {r.by.id for r in rows if r.by}
        )
        rows.sort(
            key=lambda r: (r.date.end if r.date else date.max, sort_key(r.event), r.change, r.code or "")
        )
        stops = horizon(log, self.until)
        cited = {s for r in rows for e in (r.event, r.by) if e is not None for s in e.source_ids}
        fixes = corrections.rows(log, self.since, self.until, self.known_by)
        cited |= {s for fix in fixes for s in fix.links}
        sources = {s.id: s for s in log.sources if s.id in cited}
        return ChangeList(
            self.since,
            self.until,
            tuple(rows),
            notices(log, self.until, view),
            reviewed(log),
            stops,
            sources,
            corrections=fixes,
        )


def _in_force(event: Event, day: date | None) -> bool:
    """`in_force`, where no day (before the calendar's first) has nothing in force."""
    return day is not None and in_force(event, day)


def _new_events(log: EventLog, before: date | None, until: date, shown: set[str]) -> list[Change]:
    """Occurred events of the window not already shown as a change they made: what's new is every
    event, not only those that move a status. `after` is the event's kind."""
    return [
        Change(ChangeKind.EVENT, None, None, None, event.kind.value, event.date, event)
        for event in log.events
        if event.id not in shown and in_force(event, until) and not _in_force(event, before)
    ]


def _expectations(log: EventLog, before: date | None, until: date) -> list[Change]:
    """Each step of an expected event's history that falls in the window (after `before`, through
    `until`): first reported, came due, stalled, met in part, settled. The history up to `until` is
    the one `states` gives; a step before the window is where the window starts from."""
    now = states(log, until)
    by_id = {e.id: e for e in log.events}
    roles = set(log.roles.party) | set(log.roles.broker)
    out = []
    for event_id, state in now.items():
        event = by_id[event_id]
        about = event.subjects or tuple(c for c in event.countries if c not in roles) or (None,)
        previous: Expectation | None = None
        for step in state.history:
            new = before is None if step.since is None else before is None or step.since > before
            if new:
                for code in about:
                    name = country_name(code, log) if code else None
                    out.append(
                        Change(
                            ChangeKind.EXPECTATION,
                            code,
                            name,
                            previous.value if previous else None,
                            step.state.value,
                            step.date,
                            event,
                            step.by,
                            step.part,
                        )
                    )
            previous = step.state
    return out
