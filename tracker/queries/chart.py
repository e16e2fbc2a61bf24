"""The membership picture: one lane per country, its statuses over time, what is expected, and the count.

Nothing is decided here that another query decides: statuses come from the
membership replay (`membership.replay`), expectation states from
`expectations.states`, and `--known-by` from `knowledge.known`. This module
only cuts them into spans on a time axis.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from tracker.model import MEMBER_STATUSES, EventLog, EventStatus, MemberStatus, PartialDate, shifted
from tracker.queries.base import Query, country_name, resolve, sort_key
from tracker.queries.expectations import OPEN, Expectation, State, states
from tracker.queries.knowledge import known, notices, reviewed
from tracker.queries.membership import Replay, replay


@dataclass(frozen=True)
class Span:
    """A status held from `start` to `end`, both days included (cut to the chart's period)."""

    status: MemberStatus
    start: date
    end: date


@dataclass(frozen=True)
class Marker:
    """An open expectation involving a lane's country, drawn on `day`: its date's last day, or,
    when it is undated or after the chart's end, the chart's last day."""

    event_id: str
    title: str
    date: PartialDate | None
    day: dt.date
    state: State


@dataclass(frozen=True)
class Lane:
    code: str
    country: str
    member: bool  # ever a member by `as_of` (members come first, in order of announcement)
    status: MemberStatus  # on the chart's last day it had a status, else its last status
    spans: tuple[Span, ...]
    expected: tuple[Marker, ...]


@dataclass(frozen=True)
class ChartResult:
    as_of: date
    start: date
    end: date
    lanes: tuple[Lane, ...]
    members: tuple[tuple[date, int], ...]  # (from this day, members) steps, the first on `start`
    notices: tuple[str, ...] = ()
    # The open expectations drawn, counted by state as `due` counts them: a stall or a part met is
    # a cited state of its own, never "pending".
    overdue: int = 0
    pending: int = 0
    stalled: int = 0
    partly_fulfilled: int = 0
    reviewed: date | None = None  # the log's review date: every answer says where the log stops


@dataclass(frozen=True)
class Chart(Query[ChartResult]):
    """Lanes of statuses between `since` and `until` (default: from the first change to `as_of`,
    or to the last open expectation's date when that is later)."""

    command: ClassVar[str] = "chart"
    result: ClassVar[type] = ChartResult
    since: PartialDate | None = None
    until: PartialDate | None = None
    countries: tuple[str, ...] = ()
    as_of: date = field(kw_only=True)  # the day, passed in: a query never reads the clock
    known_by: date | None = None

    def run(self, log: EventLog) -> ChartResult:
        view = known(log, self.known_by)
        wanted = tuple(resolve(log, c, "--country") for c in self.countries)
        drawn = chart(view.log, self.as_of, self.since, self.until, wanted)
        return dataclasses.replace(drawn, notices=notices(log, self.as_of, view), reviewed=reviewed(log))


def chart(
    log: EventLog,
    as_of: date,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    countries: tuple[str, ...] = (),
    *,
    replayed: Replay | None = None,
    expectations: Mapping[str, State] | None = None,
) -> ChartResult:
    """The chart of a log as known: statuses replayed up to `as_of`, cut to [since, until]. A caller
    that has the replay and the expectations' states of the same log and day passes them in."""
    replayed = replayed if replayed is not None else replay(log, as_of)
    found = expectations if expectations is not None else states(log, as_of)
    changes, order = replayed.changes, replayed.order
    start = since.start if since is not None else (changes[0].day if changes else as_of)
    if until is not None:
        end = until.end
    else:  # to the day asked about, or to the last open expectation's date when that is later
        ahead = _markers(log, found, date.max)
        end = max([as_of, *(m.day for found in ahead.values() for m in found if m.date is not None)])
    end = max(end, start)
    last_known = min(end, as_of)  # no status is drawn past the day the answer is for
    # The last day of each change's statuses: the day before the next change (which is later, so there
    # is one), or the last day known.
    lasts = [shifted(c.day, -1) or c.day for c in changes[1:]] + [last_known]
    lanes = []
    markers = _markers(log, found, end)
    wanted = set(countries)
    for code in order:
        if wanted and code not in wanted:
            continue
        spans: list[Span] = []
        for index, change in enumerate(changes):
            status = change.statuses.get(code)
            first, last = max(change.day, start), min(lasts[index], last_known)
            if status is None or first > last:
                continue
            if spans and spans[-1].status is status and shifted(spans[-1].end, 1) == first:
                spans[-1] = Span(status, spans[-1].start, last)
            else:
                spans.append(Span(status, first, last))
        expected = tuple(m for m in markers.get(code, ()) if m.day >= start)
        # Its statuses, whenever held: a country the replay met may hold none (a reinstatement with
        # no suspension before it restores nothing), or none any more, and such a country has no lane.
        held = [s for c in changes if (s := c.statuses.get(code)) is not None]
        if not held or (not spans and not expected):
            continue
        final = spans[-1].status if spans else held[-1]
        member = any(s in MEMBER_STATUSES for s in held)
        lanes.append(Lane(code, country_name(code, log), member, final, tuple(spans), expected))
    steps = []
    for index, change in enumerate(changes):
        count = sum(1 for s in change.statuses.values() if s in MEMBER_STATUSES)
        if change.day <= start and (index + 1 == len(changes) or changes[index + 1].day > start):
            steps.append((start, count))
        elif start < change.day <= last_known and (not steps or steps[-1][1] != count):
            steps.append((change.day, count))
    if not steps or steps[0][0] != start:
        steps.insert(0, (start, 0))
    shown = list({m.event_id: m.state.expectation for lane in lanes for m in lane.expected}.values())
    return ChartResult(
        as_of,
        start,
        end,
        tuple(lanes),
        tuple(steps),
        overdue=shown.count(Expectation.OVERDUE),
        pending=shown.count(Expectation.PENDING),
        stalled=shown.count(Expectation.STALLED),
        partly_fulfilled=shown.count(Expectation.PARTLY_FULFILLED),
    )


def _markers(log: EventLog, found: Mapping[str, State], end: date) -> dict[str, list[Marker]]:
    """Open expectations (of `found`, their states on the chart's day), by country, in date order
    (undated last)."""
    out: dict[str, list[Marker]] = {}
    expected = sorted((e for e in log.events if e.status is EventStatus.EXPECTED), key=sort_key)
    for event in expected:
        state = found.get(event.id)
        if state is None or state.expectation not in OPEN:
            continue
        day = min(event.date.end, end) if event.date is not None else end
        for code in event.countries:
            out.setdefault(code, []).append(Marker(event.id, event.title, event.date, day, state))
    return out
