"""Corrections as answers show them: what the log said before, what it says now, and what it was about.

`changes` lists the corrections made in its window beside the news (`rows`);
`show` lists an event's corrections and answers for a retired id with the
event that replaced it (`sources.detail`, through `log.corrections.resolve`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from tracker.log.corrections import resolve
from tracker.model import Correction, CorrectionKind, EventLog, PartialDate


@dataclass(frozen=True)
class CorrectionRow:
    """A correction with what it changed, in words an answer can print."""

    correction: Correction
    before: str | None  # what the log said: the value, the source dropped or moved, the retired id
    after: str | None  # what it says instead: the value after, the source now cited, the replacing id
    now: str | None  # the id of the event or source corrected, as the log has it now (None: retracted)
    title: str | None  # that event's or source's title now (None: it is gone)
    links: tuple[str, ...] = ()  # the sources to read: the event's now, or the source itself

    @property
    def subject(self) -> tuple[str, str]:
        return self.correction.subject


def rows(log: EventLog, since: date, until: date, known_by: date | None = None) -> tuple[CorrectionRow, ...]:
    """The corrections made from `since` through `until` (and by `known_by`), in the order made."""
    last = until if known_by is None else min(until, known_by)
    return tuple(row(log, c) for c in log.corrections if since <= c.date.start <= last)


def row(log: EventLog, correction: Correction) -> CorrectionRow:
    what, item_id = correction.subject
    now, _ = resolve(log, what, item_id)
    links: tuple[str, ...] = ()
    if what == "event":
        event = next((e for e in log.events if e.id == now), None) if now is not None else None
        title = event.title if event is not None else None
        links = event.source_ids if event is not None else ()
    else:
        source = log.source_map().get(now or "")
        title = source.shown_title if source is not None else None
        links = (source.id,) if source is not None else ()
    kind = correction.kind
    before: str | None
    after: str | None
    if kind is CorrectionKind.AMENDED:
        before, after = correction.was, _after(log, correction)
    elif kind in (CorrectionKind.UNCITED, CorrectionKind.REATTRIBUTED):
        before, after = correction.source, correction.replaced_by
    else:
        before, after = item_id, correction.replaced_by
    return CorrectionRow(correction, before, after, now, title, links)


def _after(log: EventLog, amended: Correction) -> str | None:
    """The value an amendment gave: the `was` of the next amendment of the same field, else the
    value in the log now (None when the field is not given, or the item is gone)."""
    for later in log.corrections[amended.order + 1 :]:
        if (
            later.kind is CorrectionKind.AMENDED
            and later.subject == amended.subject
            and later.field == amended.field
        ):
            return later.was
    what, item_id = amended.subject
    now, _ = resolve(log, what, item_id)
    items = log.events if what == "event" else log.sources
    item = next((i for i in items if i.id == now), None)
    return _text(item, amended.field or "") if item is not None else None


def _text(item: object, name: str) -> str | None:
    """A field's value as the log writes it."""
    if name == "approximate":
        when = getattr(item, "date", None)
        return "true" if isinstance(when, PartialDate) and when.approximate else None
    value = getattr(item, name, None)
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def described(row: CorrectionRow) -> str:
    """One line: 're-dated 2025-10 → 2025-11-06', 'source seed-003 no longer cited', ..."""
    c = row.correction
    what, item_id = c.subject
    if c.kind is CorrectionKind.AMENDED:
        return f"{c.field} was {_shown(row.before)}, now {_shown(row.after)}"
    if c.kind is CorrectionKind.UNCITED:
        quoted = " (one quote)" if c.quote is not None else ""
        return f"no longer cites {c.source}{quoted}"
    if c.kind is CorrectionKind.REATTRIBUTED:
        return f"cited {c.source}, now {c.replaced_by}"
    if c.kind is CorrectionKind.RETRACTED:
        return f"{what} {item_id} retracted"
    if c.replaced_by is not None:
        return f"{what} id {item_id} retired for {c.replaced_by}"
    return f"{what} id {item_id} retired"


def _shown(value: str | None) -> str:
    if value is None:
        return "not given"
    flat = " ".join(value.split())
    return flat if len(flat) <= 60 else flat[:59] + "…"


def renamed(log: EventLog, asked: str, chain: tuple[Correction, ...], now: str) -> Iterator[str]:
    """The notice for an answer about a retired event id: what it is now, since when and why."""
    first = chain[0]
    yield (
        f"'{asked}' is a retired id: it was {first.kind.value} on {first.date} in favour of "
        f"'{first.replaced_by}'"
        + (f", now '{now}'" if now != first.replaced_by else "")
        + ". "
        + " ".join(first.reason.split())
    )
