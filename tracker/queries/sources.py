"""The records behind the answers: one event in full, and the list of sources."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import ClassVar

from tracker.model import Event, EventLog, Source
from tracker.queries.base import Query, QueryError


@dataclass(frozen=True)
class SourceRecord:
    """A source with what the log says about it: where its article is, and who cites it."""

    source: Source
    where: str | None  # a local article as messages show it (under the corpus), else None
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class SourceList:
    corpus: str
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class EventDetail:
    event: Event
    sources: tuple[SourceRecord, ...]  # one per distinct cited source, in citation order

    def source(self, source_id: str) -> SourceRecord:
        return next(s for s in self.sources if s.source.id == source_id)


def _records(log: EventLog) -> dict[str, SourceRecord]:
    citing: dict[str, list[str]] = {}
    for event in log.events:
        for source_id in event.source_ids:
            citing.setdefault(source_id, []).append(event.id)
    return {
        s.id: SourceRecord(s, log.local_file(s) if s.is_local else None, tuple(citing.get(s.id, ())))
        for s in log.sources
    }


@dataclass(frozen=True)
class Sources(Query[SourceList]):
    """Every source the log cites, in file order."""

    command: ClassVar[str] = "sources"
    result: ClassVar[type] = SourceList

    def run(self, log: EventLog) -> SourceList:
        return SourceList(log.corpus, tuple(_records(log).values()))


@dataclass(frozen=True)
class Show(Query[EventDetail]):
    """One event with the records of the sources it cites."""

    command: ClassVar[str] = "show"
    result: ClassVar[type] = EventDetail
    event_id: str

    def run(self, log: EventLog) -> EventDetail:
        event = find_event(log, self.event_id)
        if event is None:
            close = difflib.get_close_matches(self.event_id, [e.id for e in log.events], n=3)
            hint = (
                f"; did you mean {' or '.join(close)}?"
                if close
                else "; 'tracker timeline' shows each event's id under its title"
            )
            raise QueryError(f"no event '{self.event_id}'{hint}", "EVENT_ID")
        records = _records(log)
        return EventDetail(event, tuple(records[s] for s in event.source_ids))


def find_event(log: EventLog, event_id: str) -> Event | None:
    return next((e for e in log.events if e.id == event_id), None)
