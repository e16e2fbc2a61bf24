"""The commands that look one thing up: an event in full, the sources, a country's page, the changes
in a window, an event's references (the listings are in `answers`)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from tracker.cli import app
from tracker.cli.args import (
    AsOfOption,
    DataOption,
    FormatOption,
    JsonOption,
    KnownByOption,
    NoCacheOption,
    NoPagerOption,
    RecordedByOption,
    _answer,
    _as_of,
    _complete_countries,
    _complete_event_ids,
    _country,
    _date,
    _known_by,
    today,
)


@app.command()
def show(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="EVENT_ID",
            show_default=False,
            help="An event id, as shown under each title by 'tracker timeline'.",
            autocompletion=_complete_event_ids,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-o", metavar="FORMAT", show_default=False, help="table (default), json or jsonl."
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the event as a JSON object.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """One event in full, with every citation and its quote.

    \b
    Examples:
      tracker show kazakhstan-announcement
      tracker show morocco-signing --json
    """
    from tracker.queries.sources import Show

    _answer(ctx, Show(event_id, os.getcwd()), fmt, json, data, no_cache, no_pager)


@app.command()
def sources(
    ctx: typer.Context,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """The sources the log cites, and where to read them.

    Each with its outlet, publication date, how many events cite it, and its
    article file or URL.

    \b
    Examples:
      tracker sources
      tracker sources --format csv > sources.csv
    """
    from tracker.queries.sources import Sources

    _answer(ctx, Sources(os.getcwd()), fmt, json, data, no_cache, no_pager)


@app.command()
def country(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="COUNTRY",
            autocompletion=_complete_countries,
            help="A code (KZ, KAZ) or a name (Kazakhstan, UAE, Ivory Coast).",
        ),
    ],
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-o", metavar="FORMAT", show_default=False, help="table (default), json or jsonl."
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the page as a JSON object.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Everything about one country, with its sources.

    Its role and status, how its status changed, the evidence that names or
    implies it as a candidate, conditions, expectations and their state,
    relations with Israel, every event involving it, and where sources
    disagree.

    \b
    Examples:
      tracker country Kazakhstan
      tracker country UAE --as-of 2020-09-01 --json
    """
    code = _country(name, "COUNTRY")
    from tracker.queries.country import Country

    _answer(ctx, Country(code, _as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[
        str,
        typer.Option(metavar="DATE", show_default=False, help="First day of the window (a month: its 1st)."),
    ],
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            show_default=False,
            help="Last day of the window (a month: its last day; default: today).",
        ),
    ] = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """What changed between two dates.

    Status changes (new candidate, announced, signed, suspended, withdrawn),
    new conditions, and expectations reported, come due or resolved.

    \b
    Examples:
      tracker changes --since 2025-11-01 --until 2025-11-10
      tracker changes --since 2020-09 --until 2020-09 --format csv
    """
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    assert since_date is not None
    last = until_date.end if until_date is not None else today()
    if since_date.start > last:
        raise typer.BadParameter(
            f"--since {since} is after --until {until or 'today'}", param_hint="'--since'"
        )
    from tracker.queries.changes import Changes

    _answer(ctx, Changes(since_date.start, last, _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def cite(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="EVENT_ID",
            autocompletion=_complete_event_ids,
            help="An event id, as listed under each title by 'tracker timeline'.",
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="STYLE",
            help="text (default), markdown, csl-json (for Zotero), apa or chicago (the cite extra).",
        ),
    ] = "text",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-o",
            metavar="FORMAT",
            show_default=False,
            help="table (the style's text, default); as records: json, jsonl, csv or markdown.",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the citations as JSON records.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """An event's sources as references, ready to paste.

    One reference per source: outlet, title, publication date (marked when
    inferred), the URL with the day its snapshot was retrieved (or a local
    article's path from the log's folder), and beneath it each quote that
    `tracker check` verified. APA and Chicago are rendered by citeproc-py.

    \b
    Examples:
      tracker cite kazakhstan-announcement
      tracker cite morocco-signing --style apa
      tracker cite morocco-signing --style csl-json > morocco.json
    """
    from tracker.queries.cite import Cite, Style

    chosen = next((s for s in Style if s.value == style.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown style '{style}'; choose one of: {', '.join(Style)}", param_hint="'--style'"
        )
    from tracker.render.citations import missing_extra

    missing = missing_extra(chosen)
    if missing is not None:
        raise typer.BadParameter(missing, param_hint="'--style'")
    _answer(ctx, Cite(event_id, chosen, os.getcwd()), fmt, json, data, no_cache, no_pager)
