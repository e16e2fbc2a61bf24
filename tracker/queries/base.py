"""What every query shares: the Query contract, event order, and small helpers.

A query is a frozen dataclass: its fields are the whole question, so the
answer layer derives the cache key from them and no option can be left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from tracker.errors import UsageError
from tracker.log.schema import CODE
from tracker.model import Event, EventLog, EventStatus, PartialDate

R = TypeVar("R")
SortKey = tuple[int, date, date, int]


@dataclasses.dataclass(frozen=True)
class Query(Generic[R]):
    """A question about a checked log; `run` answers it with a typed result."""

    command: ClassVar[str]  # the CLI command that asks it, for keys and messages
    result: ClassVar[type]  # what `run` returns: renderers are chosen by it before the log is read

    def run(self, log: EventLog) -> R:
        raise NotImplementedError

    def key(self) -> list[Any]:
        """The question as plain JSON values: the command and every field, by name."""
        return [self.command, {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}]


def _plain(value: object) -> Any:
    """A field value as JSON; an unknown type fails loudly rather than key two questions alike."""
    if value is None or (isinstance(value, bool | int | str) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PartialDate):
        return [value.iso(), value.approximate]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    raise TypeError(f"cannot key a query on {type(value).__name__}")


def sort_key(event: Event) -> SortKey:
    """Chronological by the last day of each event's period; undated events last."""
    if event.date is None:
        return (1, date.max, date.max, event.order)
    return (0, event.date.end, event.date.start, event.order)


def in_force(event: Event, as_of: date) -> bool:
    """Whether an event had happened, in full, by the end of `as_of`."""
    return event.status is EventStatus.OCCURRED and event.date is not None and event.date.end <= as_of


def distinct(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def resolve(log: EventLog, given: str, option: str) -> str:
    """The code for a country as the question gave it: an ISO code, or the id of one of the log's
    entities (parties with no ISO code) by its id or name; else the country reader's explanation."""
    from tracker import countries

    if CODE.fullmatch(given) and countries.name(given) is not None:
        return given
    wanted = countries.entity_key(given)
    for entity in log.entities:
        if wanted in (entity.id, countries.entity_key(entity.name)):
            return entity.id
    try:
        return countries.read(given)
    except countries.CountryError as err:
        known = ", ".join(e.name for e in log.entities)  # the names without a code it also knows
        hint = f" (the log's parties without an ISO code: {known})" if known else ""
        raise UsageError(f"{err}{hint}", option) from None


def country_name(code: str, log: EventLog) -> str:
    """The name answers show: ISO 3166-1's short name, or an entity's as the log declares it."""
    entity = log.entity(code)
    if entity is not None:
        return entity.name
    from tracker import countries  # its list of countries is read on first use: only rows with countries

    return countries.name(code) or code
