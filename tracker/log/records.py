"""Sources and events as plain tuples, to be remembered between runs and rebuilt as they were.

A record keeps every field of its item, positions included, as the reader
made it (`tracker.log.reader`); rebuilding it at another place in the file
(an edit above it added or removed lines, or entries) moves its lines and its
order and nothing else. `FIELDS` names the fields the records know: when the
model gains or loses one, `usable()` is False and nothing is remembered until
this module and `rebuild` (which makes the items back from records) follow
(tests/test_incremental.py fails meanwhile).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tracker.model import (
    Citation,
    Event,
    PartialDate,
    Source,
)

VERSION = 4  # of the records' shape: part of every key they are kept under
# fmt: off
FIELDS = {
    Event: (
        "id", "location", "kind", "title", "date", "date_basis", "date_note", "status", "countries",
        "subjects", "citations", "note", "order", "fulfils", "calls_off", "effective", "by", "locs",
        "criterion", "deadline", "stalls", "partly_fulfils", "part", "makes_ambiguous",
    ),
    Citation: ("source", "location", "quote", "note", "date", "names", "differs", "origin", "locs"),
    Source: (
        "id", "location", "file", "url", "outlet", "published", "published_basis", "published_clue",
        "note", "sha256", "title", "title_basis", "authors", "archive", "retrieved", "undated", "origin",
        "locs",
    ),
    PartialDate: ("year", "month", "day", "approximate"),
}
# fmt: on


def usable() -> bool:
    """Whether the records still hold every field of the model's items, and the items can be made
    without their `__init__` (`rebuild._maker`): slotted, with nothing to do after it."""
    return all(
        tuple(f.name for f in dataclasses.fields(kind) if f.init) == names
        and (kind is PartialDate or not hasattr(kind, "__post_init__"))
        and all(type(kind.__dict__.get(name)).__name__ == "member_descriptor" for name in names)
        and not any(name.startswith("_") for name in names)
        for kind, names in FIELDS.items()
    )


def _date(value: PartialDate | None) -> tuple[int, int | None, int | None, bool] | None:
    return None if value is None else (value.year, value.month, value.day, value.approximate)


def encode(items: list[Any]) -> list[tuple[Any, ...]]:
    """Sources or events as records (plain values only)."""
    return [_event(item) if type(item) is Event else _source(item) for item in items]


def _event(e: Event) -> tuple[Any, ...]:
    cites = tuple(
        (
            c.source,
            c.location.line,
            c.location.col,
            c.quote,
            c.note,
            _date(c.date),
            c.names,
            c.differs,
            c.locs,
            c.origin,
        )
        for c in e.citations
    )
    return (
        e.id,
        e.location.line,
        e.location.col,
        e.kind.value,
        e.title,
        _date(e.date),
        e.date_basis.value,
        e.date_note,
        e.status.value,
        e.countries,
        e.subjects,
        cites,
        e.note,
        e.fulfils,
        e.calls_off,
        e.locs,
        _promise(e),
        _date(e.effective),
        e.by,
    )


NO_PROMISE = (None, None, None, None, None, None)


def _promise(e: Event) -> tuple[Any, ...] | None:
    """What an expected event says of itself as a promise (None: nothing, as most events)."""
    values = (e.criterion, _date(e.deadline), e.stalls, e.partly_fulfils, e.part, e.makes_ambiguous)
    return None if values == NO_PROMISE else values


def _source(s: Source) -> tuple[Any, ...]:
    return (
        s.id,
        s.location.line,
        s.location.col,
        s.file,
        s.url,
        s.outlet,
        _date(s.published),
        s.published_basis.value if s.published_basis is not None else None,
        s.published_clue,
        s.note,
        s.sha256,
        s.title,
        s.title_basis.value,
        s.authors,
        s.archive,
        _date(s.retrieved),
        s.undated,
        s.locs,
        s.origin,
    )
