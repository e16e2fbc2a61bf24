"""Records rebuilt into sources and events, as the reader made them, and items moved to another place
in the file: the fast half of the incremental read.

The items are made without their `__init__` (`_maker`), each slot set
directly, since a log of 100,000 events rebuilds a million of them; the
records' fields are `records.FIELDS`, held to the model's by `records.usable`.
Apart from `records` because this half is about speed, the other about what
a record holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.log.records import FIELDS, NO_PROMISE, usable
from tracker.model import (
    Citation,
    DateBasis,
    Event,
    EventStatus,
    Kind,
    Location,
    PartialDate,
    PublishedBasis,
    Source,
    TitleBasis,
)


def _maker(kind: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """A constructor of `kind` from its fields in order, as its `__init__` would make it, but setting
    each slot directly: a frozen dataclass's `__init__` goes through `object.__setattr__` for every
    field, and a log of 100,000 events rebuilds a million items (twice as fast this way). Generated
    as dataclasses generate `__init__`; `usable()` holds the fields to the model's."""
    args = ", ".join(names)  # a field's name is never one of the names below: they start with "_"
    body = "".join(f"    _set_{name}(_it_, {name})\n" for name in names)
    space: dict[str, Any] = {"_new_": object.__new__, "_kind_": kind}
    space.update({f"_set_{name}": kind.__dict__[name].__set__ for name in names})
    exec(f"def make({args}):\n    _it_ = _new_(_kind_)\n{body}    return _it_\n", space)
    made: Callable[..., Any] = space["make"]
    return made


_LOCATION = ("file", "line", "col")


_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in EventStatus}
_BASES = {b.value: b for b in DateBasis}
_PUBLISHED = {b.value: b for b in PublishedBasis}
_TITLES = {b.value: b for b in TitleBasis}


class Decoder:
    """Rebuilds records into items, sharing one object per date as the reader does."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.dates: dict[tuple[int, int | None, int | None, bool], PartialDate] = {}
        if _MAKERS is None:
            raise RuntimeError("the records do not match the model (records.usable)")

    def _date(self, value: tuple[int, int | None, int | None, bool] | None) -> PartialDate | None:
        if value is None:
            return None
        found = self.dates.get(value)
        if found is None:
            found = self.dates[value] = PartialDate(*value)
        return found

    def events(self, records: list[tuple[Any, ...]], lines: int, first: int) -> list[Event]:
        """Events moved down `lines` lines, the first being the `first` event of the log (0-based)."""
        file, when, shift = self.file, self._date, lines << 32
        assert _MAKERS is not None
        location, make_citation, make_event, _ = _MAKERS
        out = []
        for order, r in enumerate(records, first):
            (
                ident,
                line,
                col,
                kind,
                title,
                day,
                basis,
                date_note,
                status,
                countries,
                subjects,
                cites,
                note,
                fulfils,
                calls_off,
                locs,
                promise,
                effective,
                by,
            ) = r
            criterion, deadline, stalls, partly, part, ambiguous = promise or NO_PROMISE
            citations = tuple(
                [
                    make_citation(
                        source,
                        location(file, c_line + lines, c_col),
                        quote,
                        c_note,
                        when(c_day),
                        names,
                        differs,
                        c_origin,
                        {k: v + shift for k, v in c_locs.items()} if shift else c_locs,
                    )
                    for source, c_line, c_col, quote, c_note, c_day, names, differs, c_locs, c_origin in cites
                ]
            )
            out.append(
                make_event(
                    ident,
                    location(file, line + lines, col),
                    _KINDS[kind],
                    title,
                    when(day),
                    _BASES[basis],
                    date_note,
                    _STATUSES[status],
                    countries,
                    subjects,
                    citations,
                    note,
                    order,
                    fulfils,
                    calls_off,
                    when(effective),
                    by,
                    {k: v + shift for k, v in locs.items()} if shift else locs,
                    criterion,
                    when(deadline),
                    stalls,
                    partly,
                    part,
                    ambiguous,
                )
            )
        return out

    def sources(self, records: list[tuple[Any, ...]], lines: int, first: int) -> list[Source]:
        """Sources moved down `lines` lines (`first` is unused: a source's place is not kept)."""
        file, when, shift = self.file, self._date, lines << 32
        assert _MAKERS is not None
        location, _, _, make_source = _MAKERS
        out = []
        for r in records:
            (
                ident,
                line,
                col,
                path,
                url,
                outlet,
                published,
                basis,
                clue,
                note,
                sha256,
                title,
                title_basis,
                authors,
                archive,
                retrieved,
                undated,
                locs,
                origin,
            ) = r
            out.append(
                make_source(
                    ident,
                    location(file, line + lines, col),
                    path,
                    url,
                    outlet,
                    when(published),
                    _PUBLISHED[basis] if basis is not None else None,
                    clue,
                    note,
                    sha256,
                    title,
                    _TITLES[title_basis],
                    authors,
                    archive,
                    when(retrieved),
                    undated,
                    origin,
                    {k: v + shift for k, v in locs.items()} if shift else locs,
                )
            )
        return out


def moved(items: list[Any], file: str, lines: int, first: int) -> list[Any]:
    """Items read at one place, as they read at another: `lines` lower, the first being the `first`
    of its list, in `file`; every other value is the same object."""
    shift = lines << 32
    assert _MAKERS is not None
    location, make_citation, make_event, make_source = _MAKERS

    def locs(item: Any) -> dict[str, int]:
        return {k: v + shift for k, v in item.locs.items()} if shift else item.locs

    out: list[Any] = []
    for order, e in enumerate(items, first):
        where = location(file, e.location.line + lines, e.location.col)
        if type(e) is Source:
            out.append(
                make_source(
                    e.id,
                    where,
                    e.file,
                    e.url,
                    e.outlet,
                    e.published,
                    e.published_basis,
                    e.published_clue,
                    e.note,
                    e.sha256,
                    e.title,
                    e.title_basis,
                    e.authors,
                    e.archive,
                    e.retrieved,
                    e.undated,
                    e.origin,
                    locs(e),
                )
            )
            continue
        citations = tuple(
            [
                make_citation(
                    c.source,
                    location(file, c.location.line + lines, c.location.col),
                    c.quote,
                    c.note,
                    c.date,
                    c.names,
                    c.differs,
                    c.origin,
                    locs(c),
                )
                for c in e.citations
            ]
        )
        out.append(
            make_event(
                e.id,
                where,
                e.kind,
                e.title,
                e.date,
                e.date_basis,
                e.date_note,
                e.status,
                e.countries,
                e.subjects,
                citations,
                e.note,
                order,
                e.fulfils,
                e.calls_off,
                e.effective,
                e.by,
                locs(e),
                e.criterion,
                e.deadline,
                e.stalls,
                e.partly_fulfils,
                e.part,
                e.makes_ambiguous,
            )
        )
    return out


_MAKERS = (
    (
        _maker(Location, _LOCATION),
        _maker(Citation, FIELDS[Citation]),
        _maker(Event, FIELDS[Event]),
        _maker(Source, FIELDS[Source]),
    )
    if usable()
    else None
)
