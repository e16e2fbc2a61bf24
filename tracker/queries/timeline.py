"""The timeline: events in date order, filtered by period, country and kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from tracker.model import Event, EventLog, Kind, PartialDate
from tracker.queries.base import Query, resolve, sort_key
from tracker.queries.expectations import State, states
from tracker.queries.knowledge import known, known_since, notices, reviewed
from tracker.queries.origins import Origins


@dataclass(frozen=True)
class TimelineResult:
    events: tuple[Event, ...]
    as_of: date | None = None
    expectations: dict[str, State] = field(default_factory=dict)  # expected events' states, by id
    known_since: dict[str, date | None] = field(default_factory=dict)  # by event id
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)  # independent origins, by event id


@dataclass(frozen=True)
class Timeline(Query[TimelineResult]):
    """Events whose period overlaps [since, until], involving any of `countries`, of any of `kinds`.

    Undated (expected) events stay in unless `until` is given (nothing says
    they fall before it), and with `since` only if first reported on or after
    it. Empty `countries` or `kinds` means all. Expected
    events are shown with their state on `as_of` (default: today), and only
    once they had been reported; `known_by` keeps only what was published by then.
    """

    command: ClassVar[str] = "timeline"
    result: ClassVar[type] = TimelineResult
    since: PartialDate | None = None
    until: PartialDate | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    as_of: date = field(kw_only=True)  # the day, passed in: a query never reads the clock
    known_by: date | None = None

    def run(self, log: EventLog) -> TimelineResult:
        as_of = self.as_of
        view = known(log, self.known_by)
        expectations = states(view.log, as_of)
        sources = log.source_map()
        wanted_countries = {resolve(log, c, "--country") for c in self.countries}
        wanted_kinds = set(self.kinds)
        since, until = self.since, self.until
        rows = []
        for event in view.log.events:
            if wanted_countries and wanted_countries.isdisjoint(event.countries):
                continue
            if wanted_kinds and event.kind not in wanted_kinds:
                continue
            if event.status == "expected" and event.id not in expectations:
                continue  # not yet reported on `as_of`
            if event.date is None:  # undated: it belongs to a window from when it was first reported
                first = expectations[event.id].first_reported if event.id in expectations else None
                if until is not None or (since is not None and (first is None or first < since.start)):
                    continue
            elif (since is not None and event.date.end < since.start) or (
                until is not None and event.date.start > until.end
            ):
                continue
            rows.append(event)
        origins = Origins(log)
        return TimelineResult(
            tuple(sorted(rows, key=sort_key)),
            as_of,
            expectations,
            {e.id: known_since(e, sources) for e in rows},
            notices(log, as_of, view),
            reviewed(log),
            {e.id: origins.cited([e]) for e in rows},
        )
