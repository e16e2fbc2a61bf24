"""The timeline: events in date order, filtered by period, country and kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from tracker.model import Event, EventLog, Kind, PartialDate
from tracker.queries.base import Query, sort_key


@dataclass(frozen=True)
class TimelineResult:
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Timeline(Query[TimelineResult]):
    """Events whose period overlaps [since, until], involving any of `countries`, of any of `kinds`.

    Undated (expected) events stay in unless `until` is given: nothing says
    they fall before it. Empty `countries` or `kinds` means all.
    """

    command: ClassVar[str] = "timeline"
    result: ClassVar[type] = TimelineResult
    since: PartialDate | None = None
    until: PartialDate | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()

    def run(self, log: EventLog) -> TimelineResult:
        wanted_countries, wanted_kinds = set(self.countries), set(self.kinds)
        since, until = self.since, self.until
        rows = []
        for event in log.events:
            if wanted_countries and wanted_countries.isdisjoint(event.countries):
                continue
            if wanted_kinds and event.kind not in wanted_kinds:
                continue
            if event.date is None:
                if until is not None:
                    continue
            elif (since is not None and event.date.end < since.start) or (
                until is not None and event.date.start > until.end
            ):
                continue
            rows.append(event)
        return TimelineResult(tuple(sorted(rows, key=sort_key)))
