"""The `tracker` command: a thin face on the library.

Each command turns its options into a query and hands it, with the output
format and the log, to `answer`; domain errors become exit codes: 0 ok,
1 invalid log or unwritable output, 2 usage. Rich and pycountry are
imported only by the paths that need them.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from tracker import __version__, answer
from tracker.dates import DateError, parse_user_date
from tracker.model import EventLog, Kind, PartialDate
from tracker.queries import Candidates, Chart, Due, Info, Query, Show, Signatories, Sources, Timeline
from tracker.render import Format, text

EXIT_INVALID_LOG = 1

app = typer.Typer(
    name="tracker",
    help="A citable timeline and signatory tracker for the Abraham Accords.\n\n"
    "Every answer is derived from a curated event log in which every event cites its "
    "sources; 'tracker check' verifies the log and every quote in it.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar="TRACKER_DATA",
        metavar="PATH",
        show_default=False,
        help="Event log to read (default: the shipped log).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-o",
        metavar="FORMAT",
        show_default=False,
        help="table (default), json, jsonl, csv or markdown.",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="TRACKER_NO_CACHE",
        show_envvar=False,
        help="Answer from the log itself, without reading or writing the cache (or TRACKER_NO_CACHE=1).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        show_default=False,
        help="Day to answer for (default: today). 2025-11-07, 2025-11, 2025 or '7 Nov 2025'; "
        "a month or year means its last day.",
    ),
]

KnownByOption = Annotated[
    str | None,
    typer.Option(
        "--known-by",
        metavar="DATE",
        show_default=False,
        help="Answer only from sources published by this day (default: everything the log knows now). "
        "Sources without a publication date are left out, and the answer says how many.",
    ),
]


def _show_version(value: bool) -> None:
    if value:
        print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Handles the options that come before the command (--version)."""


@app.command()
def timeline(
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
            help="Only events involving this country (code or name); repeatable.",
        ),
    ] = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option(
            metavar="KIND",
            show_default=False,
            help=f"Only events of this kind; repeatable. One of: {', '.join(Kind)}.",
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
) -> None:
    """Events in date order, each with its sources; expected events are marked with their state."""
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = tuple(sorted({_country(c) for c in country or ()}))
    kinds = tuple(sorted(set(kind or ())))
    query = Timeline(since_date, until_date, codes, kinds, _as_of(as_of), _known_by(known_by))
    _answer(query, fmt, json, data, no_cache)


@app.command()
def signatories(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Members in order of announcement, with the counterpart and the broker."""
    _answer(Signatories(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache)


@app.command()
def candidates(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Countries publicly named or implied as possible members, with their evidence."""
    _answer(Candidates(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache)


@app.command()
def due(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Expected events still open: overdue ones (most overdue first), then pending ones."""
    _answer(Due(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache)


@app.command()
def chart(
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
            metavar="COUNTRY", show_default=False, help="Only this country's lane (code or name); repeatable."
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
) -> None:
    """Membership over time: a lane per country, its statuses, what is expected, and the member count."""
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = tuple(sorted({_country(c) for c in country or ()}))
    query = Chart(since_date, until_date, codes, _as_of(as_of), _known_by(known_by))
    _answer(query, fmt, json, data, no_cache)


@app.command()
def info(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-o", metavar="FORMAT", show_default=False, help="table (default), json or jsonl."
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
) -> None:
    """What the log holds and how current it is: events, sources, dates, review date."""
    log_file = _log_file(data)
    _answer(Info(log_file.shown, _as_of(as_of)), fmt, json, data, no_cache)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id, as listed by 'tracker timeline --json'.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-o", metavar="FORMAT", show_default=False, help="table (default), json or jsonl."
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the event as a JSON object.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """One event in full: dates, countries, and every citation with its quote."""
    _answer(Show(event_id), fmt, json, data, no_cache)


@app.command()
def sources(
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The sources the log cites: outlet, date, file or URL, and use."""
    _answer(Sources(), fmt, json, data, no_cache)


@app.command()
def check(
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", show_default=False, help="table (default) or json."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the problems as a JSON array.")] = False,
    data: DataOption = None,
) -> None:
    """Validate the log and verify every quote; list all problems as FILE:LINE:COL."""
    chosen = _format(fmt, json)
    if chosen not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter(
            f"'check' prints no {chosen.value}; choose one of: table, json", param_hint="'--format'"
        )
    report = answer.check(_log_file(data))
    answer.print_check(report, chosen)
    if report.problems:
        raise typer.Exit(EXIT_INVALID_LOG)


# -- exports: files for other programs ----------------------------------------

export_app = typer.Typer(
    name="export",
    help="Write the log as a file for another program: a web page, a SQLite database, a calendar. "
    "FILE must be in an existing folder; an existing FILE is replaced only with --force, and "
    "a file is never left half-written.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app)

FileArgument = Annotated[str, typer.Argument(show_default=False, help="The file to write.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


@export_app.command("html")
def export_html(
    file: FileArgument,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            show_default=False,
            help="Day the page is for (default: the log's review date, else today).",
        ),
    ] = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """One self-contained web page: members, earlier dates, timeline, candidates, expectations,
    every event with its quotes, and the sources. Works offline; needs no JavaScript."""
    day = _date(as_of, "--as-of")

    def make(log: EventLog) -> None:
        from tracker.export import html

        reviewed = log.reviewed.end if log.reviewed is not None else date.today()
        html.write(log, Path(file), force, day.end if day is not None else reviewed)

    _export(make, file, force, data)


@export_app.command("sqlite")
def export_sqlite(file: FileArgument, force: ForceOption = False, data: DataOption = None) -> None:
    """A SQLite database (for sqlite3 or Datasette): sources, events, citations, event_countries,
    and the status_changes view."""

    def make(log: EventLog) -> None:
        from tracker.export import sqlite

        sqlite.write(log, Path(file), force)

    _export(make, file, force, data)


@export_app.command("ics")
def export_ics(
    file: FileArgument,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", show_default=False, help="Day the states are for (default: today)."
        ),
    ] = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """A calendar (iCalendar, RFC 5545): one all-day event per dated expected event, with its state and
    sources; a re-export updates the same entries."""
    day = _as_of(as_of)

    def make(log: EventLog) -> None:
        from tracker.export import ics

        ics.write(log, Path(file), force, day)

    _export(make, file, force, data)


def _export(make: Callable[[EventLog], None], file: str, force: bool, data: str | None) -> None:
    try:
        answer.export(_log_file(data), make, Path(file), force)
    except answer.UsageError as err:
        raise typer.BadParameter(str(err), param_hint="'FILE'") from None
    except answer.InvalidLog as err:
        text.problems(err.problems, sys.stderr)
        problems = text.count(err.problems.total, "problem")
        print(
            text.inert(f"tracker: {err.shown} is invalid ({problems}); nothing was written"),
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INVALID_LOG) from None
    except OSError as err:
        print(text.inert(f"tracker: cannot write {file}: {err.strerror or err}"), file=sys.stderr)
        raise typer.Exit(EXIT_INVALID_LOG) from None


# -- helpers: argument reading and answering ----------------------------------


def _answer(query: Query[Any], fmt: str | None, json: bool, data: str | None, no_cache: bool) -> None:
    try:
        answer.answer(query, _format(fmt, json), _log_file(data), use_cache=not no_cache)
    except answer.UsageError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{err.option}'") from None
    except answer.InvalidLog as err:
        text.problems(err.problems, sys.stderr)
        problems = text.count(err.problems.total, "problem")
        print(
            text.inert(f"tracker: {err.shown} is invalid ({problems}); nothing else was done"),
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INVALID_LOG) from None


def _format(value: str | None, json: bool) -> Format:
    """--format, with --json as its synonym; both at once must agree."""
    if value is None:
        return Format.JSON if json else Format.TABLE
    chosen = next((f for f in Format if f.value == value.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown format '{value}'; choose one of: {', '.join(Format)}", param_hint="'--format'"
        )
    if json and chosen is not Format.JSON:
        raise typer.BadParameter(f"--json contradicts --format {chosen.value}", param_hint="'--format'")
    return chosen


def _date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_user_date(value)
    except DateError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{option}'") from None


def _as_of(value: str | None) -> date:
    """The day to answer for; a month or a year means its last day."""
    parsed = _date(value, "--as-of")
    return parsed.end if parsed is not None else date.today()


def _known_by(value: str | None) -> date | None:
    """The last day whose publications count; a month or a year means its last day."""
    parsed = _date(value, "--known-by")
    return parsed.end if parsed is not None else None


def _country(value: str) -> str:
    from tracker import countries

    code = countries.lookup(value)
    if code is None:
        raise typer.BadParameter(
            f"unknown country '{value}'; give an ISO 3166 code such as KZ or a name such as Kazakhstan",
            param_hint="'--country'",
        )
    return code


def _log_file(data: str | None) -> answer.LogFile:
    """The log the user named, or a usage error saying why that cannot be a log."""
    if data is None:
        from tracker.log.locate import default_log

        path = default_log()
        return answer.LogFile(path, str(path))
    hint = "'--data' / TRACKER_DATA"
    try:
        info = os.stat(data)
    except (FileNotFoundError, NotADirectoryError):
        raise typer.BadParameter(f"no such file: {data}", param_hint=hint) from None
    except OSError as err:  # too long a name, a folder that may not be entered, a link loop
        raise typer.BadParameter(f"cannot open {data}: {err.strerror or err}", param_hint=hint) from None
    except ValueError:  # a NUL byte, which no path can hold
        raise typer.BadParameter(f"{data} is not a path: it contains a NUL byte", param_hint=hint) from None
    if stat.S_ISDIR(info.st_mode):
        raise typer.BadParameter(
            f"{data} is a folder; give the log file itself, e.g. {Path(data) / 'events.yaml'}",
            param_hint=hint,
        )
    if not stat.S_ISREG(info.st_mode):
        raise typer.BadParameter(
            f"{data} is not a regular file (a pipe or a device?); give the log file itself",
            param_hint=hint,
        )
    return answer.LogFile(Path(data), data)


def _show_error(err: TyperException) -> int:
    """Print the message as Typer would, with control characters escaped line by line."""
    buffer = io.StringIO()
    show = getattr(err, "show", None)
    if show is not None:
        show(file=buffer)
    else:
        print(f"Error: {err.format_message()}", file=buffer)
    lines = buffer.getvalue().rstrip("\n").split("\n")
    print("\n".join(text.inert(line) for line in lines), file=sys.stderr)
    return err.exit_code


class _ClosedOutput(io.TextIOBase):
    """Standard output when the run began with it closed (`>&-`): writing fails as for a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _standard_streams() -> None:
    """Make stdout and stderr safe to write to, whatever the run was started with.

    A closed descriptor 0, 1 or 2 is filled with the null device, so no file
    opened later (a cache entry) can take its number. A closed stderr
    discards messages rather than letting `print` fall back to stdout, into
    the JSON. A closed stdout makes the answer fail to write (exit 1). Text
    that the stream's encoding cannot hold (ASCII, the C locale) is written
    as backslash escapes instead of raising; answers are UTF-8 bytes anyway.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main() -> None:
    """Run the app, showing usage errors with the user's own text made inert.

    Click echoes arguments back ("no such option: ..."); an argument can carry
    escape sequences, so its messages pass through the same filter as log text.
    A reader that closes the pipe early ends the run quietly (Typer's handling);
    any other failure to write the output is one line and exit 1.
    """
    from typer.main import get_command

    _standard_streams()
    try:
        code = get_command(app).main(prog_name="tracker", standalone_mode=False)
    except TyperException as err:  # click's usage errors, as vendored by Typer
        code = _show_error(err)
    except typer.Abort:
        print("tracker: aborted", file=sys.stderr)
        code = 1
    except OSError as err:  # writing the output failed: a full disk, a closed terminal
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit flush cannot fail again
        print(text.inert(f"tracker: cannot write the output: {err.strerror or err}"), file=sys.stderr)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
