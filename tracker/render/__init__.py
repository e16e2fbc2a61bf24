"""One table from (result type, format) to the renderer that prints it.

A renderer takes a result and the output target and yields UTF-8 bytes,
piece by piece, so long answers stream. json, jsonl, csv and markdown all
print a result's JSON records (`json.records`); tables are rich's, and rich
is imported only when a table is asked for. `export html`'s page is a result
too (`ReportResult`), whose one format is html.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tracker.queries import (
    CandidateList,
    ChangeList,
    ChartResult,
    CitationSheet,
    CountryPage,
    DueList,
    EventDetail,
    LogInfo,
    ReportResult,
    Roster,
    SourceList,
    TimelineResult,
)
from tracker.render import flat, json

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
    return json.chunks(json.records(result))


def _jsonl(result: Any, _: Target) -> Iterable[bytes]:
    return json.lines(json.records(result))


def _csv(result: Any, _: Target) -> Iterable[bytes]:
    return flat.csv_rows(result, json.records(result))


def _markdown(result: Any, _: Target) -> Iterable[bytes]:
    return flat.markdown_rows(result, json.records(result))


def _table(result: Any, out: Target) -> Iterable[bytes]:
    from tracker.render import layout, terminal

    assert out.console is not None
    return layout.printed(out.console, [*terminal.reach(result), *terminal.TABLES[type(result)](result)])


def _atom(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import atom

    return atom.chunks(result)


def _cite(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import citations

    return citations.chunks(result)


def _html(result: Any, _: Target) -> Iterable[bytes]:
    from tracker.render import html

    return html.chunks(result)


_LISTING: dict[Format, Renderer] = {
    Format.TABLE: _table,
    Format.JSON: _json,
    Format.JSONL: _jsonl,
    Format.CSV: _csv,
    Format.MARKDOWN: _markdown,
}

RENDERERS: dict[type, dict[Format, Renderer]] = {
    TimelineResult: _LISTING,
    Roster: _LISTING,
    CandidateList: _LISTING,
    SourceList: _LISTING,
    EventDetail: {Format.TABLE: _table, Format.JSON: _json, Format.JSONL: _jsonl},
    DueList: _LISTING,
    LogInfo: _LISTING,  # one record
    CountryPage: {Format.TABLE: _table, Format.JSON: _json, Format.JSONL: _jsonl},
    ChangeList: {**_LISTING, Format.ATOM: _atom},
    CitationSheet: {**_LISTING, Format.TABLE: _cite},
    ChartResult: {Format.TABLE: _table, Format.JSON: _json},
    ReportResult: {Format.HTML: _html},
}


def formats(result_type: type) -> tuple[Format, ...]:
    return tuple(RENDERERS[result_type])


def renderer(result_type: type, fmt: Format) -> Renderer | None:
    """The renderer for this result in this format, or None where the pair makes no sense."""
    return RENDERERS[result_type].get(fmt)
