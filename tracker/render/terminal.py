"""Rows as rich tables for people at a terminal.

Every string that comes from the log goes into a `Text`, never through the
markup parser, so `[bold]` in a title prints as typed. Control characters are
shown escaped so text in a log cannot drive the terminal. Statuses are words
first and colours second: the tables read the same with NO_COLOR or in a pipe.

Tables are laid out by `layout` (words wrap only at spaces; ids, codes,
URLs and paths are never cut). What goes in each result's table is said by
family of results in `tracker.render.tables` (`FAMILIES`), from the cells
shared here; `TABLES` is assembled from their rows the first time it is asked
for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from tracker.model import DateBasis, Event
from tracker.queries.expectations import Expectation, State
from tracker.render.layout import literal
from tracker.render.text import count, inert

STATUS_STYLE = {
    "signed": "green",
    "announced": "yellow",
    "candidate": "cyan",
    "suspended": "red",
    "withdrawn": "red",
    "expected": "italic magenta",
}


def reach(result: object) -> list[RenderableType]:
    """What the answer could not know (where the log stops), first, above the title: a reader
    sees it before the answer, not after a pager's first screen. The same lines go to stderr
    when the answer is not a table on a terminal."""
    return [Text(inert(n), style="bold") for n in getattr(result, "notices", ())]


def expected_mark(state: State | None) -> str:
    """'expected', with the state below it when it is no longer simply awaited ('overdue')."""
    if state is None or state.expectation is Expectation.PENDING:
        return "expected"
    return f"expected\n{state.expectation.value}"


def titled(event: Event, style: str = "", *, counted: bool = True, origins: int | None = None) -> Text:
    """An event's title, and under it, dim, the id that `show` and `cite` take and how many sources it has.

    Sources are counted, not listed, in listings: `show`, `country` and the JSON give every id
    (`counted=False` where the row lists them beside the title). Where some sources repeat one
    original, the count of independent `origins` follows.
    """
    cell = literal(event.title, style)
    cell.append("\n")
    cell.append_text(literal(event.id, "dim"))
    if counted:
        sources = len(event.source_ids)
        cell.append(f" · {count(sources, 'source')}", "dim")
        if origins is not None and origins < sources:
            cell.append(f", {count(origins, 'origin')}", "dim")
    return cell


def sources_count(ids: Sequence[str]) -> Text:
    """Sources in a table: how many (every id is in `show` and the JSON)."""
    return Text(str(len(ids)))


def event_date(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    return f"as of {shown}" if event.date_basis is DateBasis.REPORTED else shown


# -- expectations judged like promises: criterion, deadline and history under an expectation's title --

_BASIS_WORDS = {
    "first-reported": "first reported",
    "deadline": "deadline passed",
    "expected-date": "date passed",
}


def promised(cell: Text, event: Event, state: State) -> Text:
    """Under an expectation's title, dim: its criterion and deadline, and, once an event has given a
    verdict on it, each dated step of its history with the event or rule behind it."""
    if event.criterion:
        cell.append("\n")
        cell.append_text(literal(f"criterion: {' '.join(event.criterion.split())}", "dim"))
    if event.deadline is not None:
        cell.append(f"\ndeadline: {event.deadline}", "dim")
    if any(step.by is not None for step in state.history):
        for step in state.history:
            why = f" by {step.by.id}" if step.by is not None else f", {_BASIS_WORDS[step.basis.value]}"
            when = str(step.date) if step.date is not None else "undated"
            cell.append("\n")
            cell.append_text(literal(f"{when} {step.state.value.replace('-', ' ')}{why}", "dim"))
            if step.part:
                cell.append("\n")
                cell.append_text(literal(f"part met: {' '.join(step.part.split())}", "dim"))
    return cell


# The modules of `tracker.render.tables` whose rows make `TABLES`, one family of results each.
FAMILIES = ("events", "countries")

# Each result type's table, by the type's name: the table format prints a result whose name is here
# (`tracker.render.renderer`), as the renderables `layout.printed` prints. Assembled from the families'
# rows on first use (`__getattr__`).
TABLES: dict[str, Callable[[Any], Iterable[RenderableType]]]


def _assembled() -> dict[str, Any]:
    """This module's names, with `TABLES` made from the families' rows if it is not yet."""
    names = globals()
    if "TABLES" not in names:
        tables: dict[str, Callable[[Any], Iterable[RenderableType]]] = {}
        for family in FAMILIES:
            tables.update(import_module(f"tracker.render.tables.{family}").TABLES)
        names["TABLES"] = tables
    return names


def __getattr__(name: str) -> Any:
    """`TABLES`, assembled on first use (PEP 562)."""
    if name == "TABLES":
        return _assembled()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
