"""The records behind the answers: one event in full, and the list of sources."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from tracker.errors import UsageError
from tracker.log.corrections import naming, resolve
from tracker.model import Event, EventLog, Source
from tracker.queries.base import Query, country_name
from tracker.queries.corrections import CorrectionRow, renamed, row
from tracker.queries.knowledge import reviewed
from tracker.queries.origins import Origins


@dataclass(frozen=True)
class SourceRecord:
    """A source with what the log says about it: where its article is, and who cites it."""

    source: Source
    where: str | None  # a local article's path from the working folder (or as the log gives it), else None
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class SourceList:
    corpus: str
    sources: tuple[SourceRecord, ...]
    reviewed: date | None = None  # the log's review date: every answer says where the log stops


@dataclass(frozen=True)
class EventDetail:
    event: Event
    sources: tuple[SourceRecord, ...]  # one per distinct cited source, in citation order
    reviewed: date | None = None  # the log's review date: every answer says where the log stops
    names: dict[str, str] = field(default_factory=dict)  # the event's countries' names, by code
    # Corrections: every one made to this event (or an id it replaced), and the retired id asked for.
    corrections: tuple[CorrectionRow, ...] = ()
    asked: str | None = None  # the retired id the question named, which now leads to this event
    notices: tuple[str, ...] = ()  # said before the answer: that `asked` is a retired id
    origins: tuple[str, ...] = ()  # each citation's independent origin, in citation order

    def source(self, source_id: str) -> SourceRecord:
        return next(s for s in self.sources if s.source.id == source_id)


def article_path(log: EventLog, source: Source, cwd: str | None) -> str | None:
    """Where a local article is, as a path that works from `cwd`: relative to it when the
    article lies under it, else absolute. Without a `cwd`, as messages show it (relative to the log).
    String work only: the log's own path is relative to the same working folder."""
    if source.file is None:
        return None
    if cwd is None:
        return log.local_file(source)
    full = os.path.normpath(os.path.join(cwd, log.corpus_root, source.file))
    relative = os.path.relpath(full, cwd)
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative)
    # Outside the working folder, the path from the log's folder: never an install path.
    return log.local_file(source) if outside else relative


def _records(log: EventLog, cwd: str | None) -> dict[str, SourceRecord]:
    citing: dict[str, list[str]] = {}
    for event in log.events:
        for source_id in event.source_ids:
            citing.setdefault(source_id, []).append(event.id)
    return {
        s.id: SourceRecord(s, article_path(log, s, cwd), tuple(citing.get(s.id, ()))) for s in log.sources
    }


@dataclass(frozen=True)
class Sources(Query[SourceList]):
    """Every source the log cites, in file order; article paths from `cwd` (the working folder)."""

    command: ClassVar[str] = "sources"
    result: ClassVar[type] = SourceList
    cwd: str | None = None

    def run(self, log: EventLog) -> SourceList:
        return SourceList(log.corpus, tuple(_records(log, self.cwd).values()), reviewed(log))


@dataclass(frozen=True)
class Show(Query[EventDetail]):
    """One event with the records of the sources it cites; article paths from `cwd`."""

    command: ClassVar[str] = "show"
    result: ClassVar[type] = EventDetail
    event_id: str
    cwd: str | None = None

    def run(self, log: EventLog) -> EventDetail:
        return detail(log, self.event_id, self.cwd)


def detail(log: EventLog, event_id: str, cwd: str | None) -> EventDetail:
    """An event and its sources' records, or a UsageError suggesting ids close to `event_id`."""
    event = find_event(log, event_id)
    asked: str | None = None
    notices: tuple[str, ...] = ()
    if event is None:  # a retired id leads to the event that replaced it, and says so
        now, chain = resolve(log, "event", event_id)
        if chain and now is None:
            last = chain[-1]
            raise UsageError(
                f"event '{event_id}' was {last.kind.value} on {last.date}: {' '.join(last.reason.split())}",
                "EVENT_ID",
            )
        event = find_event(log, now) if chain and now is not None else None
        if event is not None and now is not None:
            asked, notices = event_id, tuple(renamed(log, event_id, chain, now))
    if event is None:
        close = difflib.get_close_matches(event_id, [e.id for e in log.events], n=3)
        hint = (
            f"; did you mean {' or '.join(close)}?"
            if close
            else "; 'tracker timeline' shows each event's id under its title"
        )
        raise UsageError(f"no event '{event_id}'{hint}", "EVENT_ID")
    records = _records(log, cwd)
    names = {code: country_name(code, log) for code in (*event.countries, *event.subjects)}
    origins = Origins(log)
    return EventDetail(
        event,
        tuple(records[s] for s in event.source_ids),
        reviewed(log),
        names,
        tuple(row(log, c) for c in naming(log, event.id)),
        asked,
        notices,
        tuple(origins.of(c) for c in event.citations),
    )


def find_event(log: EventLog, event_id: str) -> Event | None:
    return next((e for e in log.events if e.id == event_id), None)
