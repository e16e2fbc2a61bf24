"""The commands that answer a question about the log: listings, one event, one country, changes."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import typer.core

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
    _complete_kinds,
    _country,
    _country_codes,
    _date,
    _kind,
    _known_by,
    _log_file,
    _window,
    today,
)
from tracker.model import Kind


@app.command()
def timeline(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", show_default=False, help="Only events from this date on."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", show_default=False, help="Only events up to this date."),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COUNTRY",
            show_default=False,
            autocompletion=_complete_countries,
            help="Only events involving this country (code or name); repeatable, or SA,KZ.",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            metavar="KIND",
            show_default=False,
            autocompletion=_complete_kinds,
            help=f"Only events of this kind, in any case; repeatable. One of: {', '.join(Kind)}.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            show_default=False,
            help="Day on which expected events are judged pending, overdue, fulfilled or called off "
            "(default: today); those not yet reported then are left out.",
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
    """Events in date order, with their ids and sources.

    Expected events are marked 'expected', with their state (pending,
    overdue, fulfilled, called off) on the --as-of day.

    \b
    Examples:
      tracker timeline --country KZ --since 2025-11
      tracker timeline --kind signing --json
    """
    since_date, until_date = _window(since, until)
    codes = _country_codes(country)
    kinds = tuple(sorted({_kind(k) for k in kind or ()}))
    from tracker.queries.timeline import Timeline

    query = Timeline(since_date, until_date, codes, kinds, known_by=_known_by(known_by), as_of=_as_of(as_of))
    _answer(ctx, query, fmt, json, data, no_cache, no_pager)


@app.command()
def signatories(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Members in order of announcement, with Israel and the US.

    \b
    Examples:
      tracker signatories
      tracker signatories --as-of 2020-12-31
      tracker signatories --as-of today --known-by 2025-11-05
    """
    from tracker.queries.membership import Signatories

    _answer(ctx, Signatories(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def candidates(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Countries named or implied as possible members.

    Each with the dates and number of sources naming it, its conditions or
    obstacles, and the latest evidence.

    \b
    Examples:
      tracker candidates
      tracker candidates --as-of 2025-10-31 --json
    """
    from tracker.queries.membership import Candidates

    _answer(ctx, Candidates(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def due(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Expected events still open, most overdue first.

    \b
    Examples:
      tracker due
      tracker due --as-of 2025-11-19
    """
    from tracker.queries.due import Due

    _answer(ctx, Due(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def chart(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", show_default=False, help="Start the axis here (default: the first change)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", show_default=False, help="End the axis here (default: --as-of)."),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COUNTRY",
            show_default=False,
            autocompletion=_complete_countries,
            help="Only this country's lane (code or name); repeatable, or SA,KZ.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", show_default=False, help="table (default) or json."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the lanes and spans as a JSON object.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Membership over time: who is in, who is waiting, what is due.

    A lane per country (members in order of announcement, then candidates)
    with a glyph per status and per expectation, and the member count below;
    it reads without colour, at 80 columns.

    \b
    Examples:
      tracker chart
      tracker chart --since 2025 --country KZ,SA,AZ
    """
    since_date, until_date = _window(since, until)
    codes = _country_codes(country)
    from tracker.queries.chart import Chart

    query = Chart(since_date, until_date, codes, known_by=_known_by(known_by), as_of=_as_of(as_of))
    _answer(ctx, query, fmt, json, data, no_cache, no_pager)


@app.command()
def info(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-o",
            metavar="FORMAT",
            show_default=False,
            help="table (default), json, jsonl, csv or markdown.",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the facts as a JSON object.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            show_default=False,
            help="Day to measure the review date's age from (default: today).",
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """What the log holds and how current it is.

    Events, sources, the dates they span, and the day the log was reviewed.

    \b
    Examples:
      tracker info
      tracker info --data my-events.yaml --json
    """
    log_file = _log_file(data)
    from tracker.queries.due import Info

    _answer(ctx, Info(log_file.shown, _as_of(as_of)), fmt, json, data, no_cache, no_pager)


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
