"""What the log knew, and when: citations by their sources' publication, and how current the log is.

A citation is known from the last day of its source's publication date. Under
`--known-by K` an answer uses only citations known by K; an event left with
none drops out, and sources without a publication date cannot count. The
notices say what an answer could not know: they are part of the result, so
a cached answer repeats them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from tracker.model import Event, EventLog, Source


@dataclass(frozen=True)
class View:
    """The log as known by a day, and how many undated sources that left out."""

    log: EventLog
    left_out: int = 0


def known(log: EventLog, known_by: date | None) -> View:
    """The log with only the citations whose sources were published by `known_by` (None: all)."""
    if known_by is None:
        return View(log)
    sources = log.source_map()
    events = []
    for event in log.events:
        kept = tuple(c for c in event.citations if _published_by(sources.get(c.source), known_by))
        if len(kept) == len(event.citations):
            events.append(event)
        elif kept:
            events.append(dataclasses.replace(event, citations=kept))
    cited = {c.source for e in log.events for c in e.citations}
    undated = sum(1 for s in log.sources if s.published is None and s.id in cited)
    return View(dataclasses.replace(log, events=tuple(events)), undated)


def _published_by(source: Source | None, day: date) -> bool:
    return source is not None and source.published is not None and source.published.end <= day


def known_since(event: Event, sources: dict[str, Source]) -> date | None:
    """The earliest day any of the event's sources was published (the last day of its period)."""
    days = [
        s.published.end
        for c in event.citations
        if (s := sources.get(c.source)) is not None and s.published is not None
    ]
    return min(days, default=None)


def reviewed(log: EventLog) -> date | None:
    """The last day the log speaks for: its review date, which every answer carries."""
    return log.reviewed.end if log.reviewed is not None else None


def notices(log: EventLog, day: date, view: View) -> tuple[str, ...]:
    """What an answer for `day` should say about the log's reach, for stderr and captions."""
    out = []
    if view.left_out:
        plural = "s" if view.left_out != 1 else ""
        out.append(f"{view.left_out} source{plural} without a publication date left out by --known-by.")
    if log.reviewed is not None and day > log.reviewed.end:
        out.append(f"The log records sources up to {log.reviewed.iso()}; anything after that is not in it.")
    return tuple(out)
