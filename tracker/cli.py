"""The `tracker` command: a thin face on the library.

Each command parses its options, loads and checks the log, calls one query
and hands the rows to a renderer. Exit codes: 0 ok, 1 invalid log, 2 usage.
Rich and pycountry are imported only by the paths that need them.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.exceptions import TyperException

from tracker import __version__, render_text
from tracker.dates import DateError, parse_user_date
from tracker.model import EventLog, Kind, PartialDate, Problem

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
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array for scripts.")]
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
    json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Events in date order, each with its sources; expected events are marked."""
    from tracker import queries

    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = [_country(c) for c in country or ()]
    log = _open_log(data)
    _render(json, "timeline", queries.timeline(log, since_date, until_date, codes, kind or ()))


@app.command()
def signatories(as_of: AsOfOption = None, json: JsonOption = False, data: DataOption = None) -> None:
    """Members in order of announcement, with the counterpart and the broker."""
    from tracker import queries

    day = _as_of(as_of)
    _render(json, "signatories", queries.signatories(_open_log(data), day))


@app.command()
def candidates(as_of: AsOfOption = None, json: JsonOption = False, data: DataOption = None) -> None:
    """Countries publicly named as possible members, with their evidence."""
    from tracker import queries

    day = _as_of(as_of)
    _render(json, "candidates", queries.candidates(_open_log(data), day), day)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id, as listed by 'tracker timeline --json'.")],
    json: Annotated[bool, typer.Option("--json", help="Print the event as a JSON object.")] = False,
    data: DataOption = None,
) -> None:
    """One event in full: dates, countries, and every citation with its quote."""
    from tracker import queries

    log = _open_log(data)
    event = queries.find_event(log, event_id)
    if event is None:
        import difflib

        close = difflib.get_close_matches(event_id, [e.id for e in log.events], n=3)
        hint = (
            f"; did you mean {' or '.join(close)}?" if close else "; 'tracker timeline --json' lists the ids"
        )
        raise typer.BadParameter(f"no event '{event_id}'{hint}", param_hint="'EVENT_ID'")
    _render(json, "show", event, log)


@app.command()
def sources(json: JsonOption = False, data: DataOption = None) -> None:
    """The sources the log cites: outlet, date, file or URL, and use."""
    _render(json, "sources", _open_log(data))


@app.command()
def check(
    json: Annotated[bool, typer.Option("--json", help="Print the problems as a JSON array.")] = False,
    data: DataOption = None,
) -> None:
    """Validate the log and verify every quote; list all problems as FILE:LINE:COL."""
    path, shown = _log_path(data)
    log, problems = _load_and_check(path, shown)
    if json:
        from tracker import render_json

        render_json.dump(render_json.problems(problems))
    else:
        render_text.problems(problems, sys.stdout)
    if problems:
        print(f"{shown}: {_count(problems)}", file=sys.stderr)
        raise typer.Exit(EXIT_INVALID_LOG)
    assert log is not None
    quotes = sum(1 for e in log.events for c in e.citations if c.quote is not None)
    local = sum(1 for s in log.sources if s.is_local)
    print(
        f"{shown}: OK, {len(log.events)} events, {len(log.sources)} sources, "
        f"{quotes} quotes verified in {local} local articles",
        file=sys.stderr if json else sys.stdout,
    )


# -- helpers: argument reading and log opening --------------------------------


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


def _country(value: str) -> str:
    from tracker import countries

    code = countries.lookup(value)
    if code is None:
        raise typer.BadParameter(
            f"unknown country '{value}'; give an ISO 3166 code such as KZ or a name such as Kazakhstan",
            param_hint="'--country'",
        )
    return code


def _log_path(data: str | None) -> tuple[Path, str]:
    if data is None:
        from tracker.locate import default_log

        path = default_log()
        return path, str(path)
    path = Path(data)
    if not path.exists():
        raise typer.BadParameter(f"no such file: {data}", param_hint="'--data' / TRACKER_DATA")
    if path.is_dir():
        raise typer.BadParameter(
            f"{data} is a folder; give the log file itself, e.g. {Path(data) / 'events.yaml'}",
            param_hint="'--data' / TRACKER_DATA",
        )
    if not path.is_file():
        raise typer.BadParameter(
            f"{data} is not a regular file (a pipe or a device?); give the log file itself",
            param_hint="'--data' / TRACKER_DATA",
        )
    return path, data


def _load_and_check(path: Path, shown: str) -> tuple[EventLog | None, list[Problem]]:
    from tracker.checking import check as check_log
    from tracker.loading import load

    log, problems = load(path, shown)
    if log is not None:
        problems = sorted(problems + check_log(log), key=lambda p: p.location)
    return log, problems


def _render(as_json: bool, view: str, *args: object) -> None:
    """Print with the renderer function named `view`, importing only that renderer.

    render_json and render_terminal define the same views with the same
    arguments; the terminal one also takes the console to print on.
    """
    if as_json:
        from tracker import render_json

        render_json.dump(getattr(render_json, view)(*args))
    else:
        from tracker import render_terminal

        getattr(render_terminal, view)(*args, render_terminal.console())


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


def _open_log(data: str | None) -> EventLog:
    """The checked log, or every problem on stderr and exit 1."""
    path, shown = _log_path(data)
    log, problems = _load_and_check(path, shown)
    if problems or log is None:
        render_text.problems(problems, sys.stderr)
        print(f"tracker: {shown} is invalid ({_count(problems)}); nothing else was done", file=sys.stderr)
        raise typer.Exit(EXIT_INVALID_LOG)
    return log


def _show_error(err: TyperException) -> int:
    """Print the message as Typer would, with control characters escaped line by line."""
    buffer = io.StringIO()
    show = getattr(err, "show", None)
    if show is not None:
        show(file=buffer)
    else:
        print(f"Error: {err.format_message()}", file=buffer)
    lines = buffer.getvalue().rstrip("\n").split("\n")
    print("\n".join(render_text.inert(line) for line in lines), file=sys.stderr)
    return err.exit_code


def main() -> None:
    """Run the app, showing usage errors with the user's own text made inert.

    Click echoes arguments back ("no such option: ..."); an argument can carry
    escape sequences, so its messages pass through the same filter as log text.
    A reader that closes the pipe early ends the run quietly (Typer's handling);
    any other failure to write the output is one line and exit 1.
    """
    from typer.main import get_command

    try:
        code = get_command(app).main(prog_name="tracker", standalone_mode=False)
    except TyperException as err:  # click's usage errors, as vendored by Typer
        code = _show_error(err)
    except typer.Abort:
        print("tracker: aborted", file=sys.stderr)
        code = 1
    except OSError as err:  # writing the output failed: a full disk, a closed terminal
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit flush cannot fail again
        print(f"tracker: cannot write the output: {err.strerror or err}", file=sys.stderr)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
