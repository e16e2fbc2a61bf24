"""The commands that answer a question about the log with a listing: the timeline, the members, the
candidates, what is due, the chart, the log itself (one event, one country and the changes are in
`lookups`)."""

from __future__ import annotations

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
    _complete_kinds,
    _country_codes,
    _kind,
    _known_by,
    _log_file,
    _window,
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
    from tracker.queries.candidates import Candidates

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
