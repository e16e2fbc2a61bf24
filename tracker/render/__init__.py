"""From a result and a format to the renderer that prints it.

A renderer takes a result and the output target and yields UTF-8 bytes,
piece by piece, so long answers stream. The tables that say which result
prints in which format are keyed by the result type's name, in the modules
that print them: json and jsonl print the results in `json.RECORDS`, csv and
markdown the listings in `json.COLUMNS` (the same records in chosen columns,
written by `flat`), tables the results in `terminal.TABLES`; each table is
assembled from the rows of its families of results (`render.records`,
`render.tables`). So a new question adds its rows to a family's module and
nothing here; and a result's renderer is found by importing only its
format's module and families: JSON never imports rich, nor any question's
module but its own. A format a result prints its own way (cite's
references, the Atom feed of changes, `export html`'s page, a result too:
`ReportResult`) is in `OWN`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    ATOM = "atom"  # a feed of changes (RFC 4287)
    HTML = "html"  # a self-contained web page (`export html`)


@dataclass
class Target:
    """Where an answer goes: the format, and for tables the console that lays them out.

    The console is made from the environment and the terminal, which the cache
    key covers whole (`tracker.app.cachekey`)."""

    format: Format
    console: Console | None = field(default=None)


def target(fmt: Format) -> Target:
    if fmt is not Format.TABLE:
        return Target(fmt)
    from tracker.render import layout

    return Target(fmt, layout.console())


Renderer = Callable[[Any, Target], Iterable[bytes]]


def _json(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import json

    return json.chunks(json.records(result))


def _jsonl(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import json

    return json.lines(json.records(result))


def _csv(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import flat, json

    return flat.csv_rows(result, json.records(result))


def _markdown(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import flat, json

    return flat.markdown_rows(result, json.records(result))


def _table(result: Any, out: Target) -> Iterable[bytes]:
    from tracker.render import layout, terminal

    assert out.console is not None
    table = terminal.TABLES[type(result).__name__]
    return layout.printed(out.console, [*terminal.reach(result), *table(result)])


# (result type's name, format) -> (module, function): a format a result prints its own way.
OWN: dict[tuple[str, Format], tuple[str, str]] = {
    ("CitationSheet", Format.TABLE): ("tracker.render.citations", "chunks"),  # references as text
    ("ChangeList", Format.ATOM): ("tracker.render.atom", "chunks"),
    ("ReportResult", Format.HTML): ("tracker.render.html", "chunks"),  # export html's page
}

# Each format: the module and table that say which results it prints, and how it prints them.
_TABLES: dict[Format, tuple[str, str, Renderer]] = {
    Format.TABLE: ("tracker.render.terminal", "TABLES", _table),
    Format.JSON: ("tracker.render.json", "RECORDS", _json),
    Format.JSONL: ("tracker.render.json", "RECORDS", _jsonl),
    Format.CSV: ("tracker.render.json", "COLUMNS", _csv),
    Format.MARKDOWN: ("tracker.render.json", "COLUMNS", _markdown),
}


def renderer(result_type: type, fmt: Format) -> Renderer | None:
    """The renderer for this result in this format, or None where the pair makes no sense."""
    name = result_type.__name__
    own = OWN.get((name, fmt))
    if own is not None:
        module, function = own
        return lambda result, _: getattr(import_module(module), function)(result)
    if fmt not in _TABLES:
        return None
    module, table, render = _TABLES[fmt]
    found = import_module(module)
    if name not in getattr(found, table):
        return None
    if fmt is Format.JSONL and name in found.WHOLE:
        return None
    return render


def formats(result_type: type) -> tuple[Format, ...]:
    """The formats this result prints in (each format's module is imported to ask it)."""
    return tuple(f for f in Format if renderer(result_type, f) is not None)
