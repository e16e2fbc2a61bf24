"""The `tracker` command: a thin face on the library.

Each command parses its options, loads and checks the log, calls one query
and hands the rows to a renderer. Exit codes: 0 ok, 1 invalid log, 2 usage.
Rich and pycountry are imported only by the paths that need them.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.exceptions import TyperException

from tracker import __version__, render_text
from tracker.dates import DateError, parse_user_date
from tracker.model import Event, EventLog, Kind, Location, PartialDate, Problem

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
    no_cache: NoCacheOption = False,
) -> None:
    """Events in date order, each with its sources; expected events are marked."""
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = sorted({_country(c) for c in country or ()})
    kinds = sorted(set(kind or ()))
    request = ["timeline", _iso(since_date), _iso(until_date), ",".join(codes), ",".join(kinds)]

    def query(log: EventLog) -> tuple[Any, ...]:
        from tracker import queries

        return "timeline", queries.timeline(log, since_date, until_date, codes, kinds)

    _answer(data, no_cache, json, request, query)


@app.command()
def signatories(
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Members in order of announcement, with the counterpart and the broker."""
    day = _as_of(as_of)

    def query(log: EventLog) -> tuple[Any, ...]:
        from tracker import queries

        return "signatories", queries.signatories(log, day)

    _answer(data, no_cache, json, ["signatories", day.isoformat()], query)


@app.command()
def candidates(
    as_of: AsOfOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Countries publicly named as possible members, with their evidence."""
    day = _as_of(as_of)

    def query(log: EventLog) -> tuple[Any, ...]:
        from tracker import queries

        return "candidates", queries.candidates(log, day), day

    _answer(data, no_cache, json, ["candidates", day.isoformat()], query)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id, as listed by 'tracker timeline --json'.")],
    json: Annotated[bool, typer.Option("--json", help="Print the event as a JSON object.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """One event in full: dates, countries, and every citation with its quote."""
    _answer(data, no_cache, json, ["show", event_id], lambda log: ("show", _event(log, event_id), log))


def _event(log: EventLog, event_id: str) -> Event:
    from tracker import queries

    event = queries.find_event(log, event_id)
    if event is None:
        import difflib

        close = difflib.get_close_matches(event_id, [e.id for e in log.events], n=3)
        hint = (
            f"; did you mean {' or '.join(close)}?" if close else "; 'tracker timeline --json' lists the ids"
        )
        raise typer.BadParameter(f"no event '{event_id}'{hint}", param_hint="'EVENT_ID'")
    return event


@app.command()
def sources(json: JsonOption = False, data: DataOption = None, no_cache: NoCacheOption = False) -> None:
    """The sources the log cites: outlet, date, file or URL, and use."""
    _answer(data, no_cache, json, ["sources"], lambda log: ("sources", log))


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

        for piece in render_json.chunks(render_json.problems(problems)):
            _write(piece, as_json=True)
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


def _load_and_check(
    path: Path, shown: str, raw: bytes | None = None
) -> tuple[EventLog | None, list[Problem]]:
    from tracker.checking import check as check_log
    from tracker.loading import load

    log, problems = load(path, shown, raw)
    if log is not None:
        problems = sorted(problems + check_log(log), key=lambda p: p.location)
    return log, problems


def _answer(
    data: str | None,
    no_cache: bool,
    as_json: bool,
    request: list[str],
    query: Callable[[EventLog], tuple[Any, ...]],
) -> None:
    """Answer `request` from the cache, or from the checked log through `query`.

    `query` returns the view's name and its arguments; `request` names
    everything the output depends on but the log: with the form of output,
    it is the cache key.
    """
    path, shown = _log_path(data)
    raw = _read_log(path, shown)
    out = None
    if as_json:
        request = [*request, "json"]
    else:
        from tracker import render_terminal

        out = render_terminal.console()
        request = [*request, "table", *render_terminal.signature(out)]
    if not no_cache:
        from tracker import cache

        log_digest = cache.digest(raw)
        stored = cache.lookup(path, log_digest, request)
        if stored is not None:
            _write(stored, as_json)
            return
    log = _open_log(path, shown, raw)
    view, *args = query(log)
    pieces: Iterable[bytes]
    if out is None:
        from tracker import render_json

        pieces = render_json.chunks(getattr(render_json, view)(*args))
    else:
        pieces = render_terminal.printed(out, getattr(render_terminal, view)(*args))
    keep = None
    if not no_cache:
        local = [s.file for s in log.sources if s.file is not None]
        keep = cache.Writer(path, log_digest, request, log.corpus, local)
    try:
        for piece in pieces:  # printed as they come, and kept for next time
            _write(piece, as_json)
            if keep is not None:
                keep.add(piece)
    except BaseException:
        if keep is not None:
            keep.abandon()
        raise
    if keep is not None:
        keep.finish()


def _write(output: bytes | memoryview, as_json: bool) -> None:
    """Answers are UTF-8: JSON always, tables as made for this terminal's encoding."""
    stream = getattr(sys.stdout, "buffer", None)
    utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
    if stream is not None and (as_json or utf8):
        sys.stdout.flush()
        stream.write(output)
        stream.flush()
    else:
        sys.stdout.write(bytes(output).decode("utf-8"))
        sys.stdout.flush()


def _iso(value: PartialDate | None) -> str:
    return "" if value is None else value.iso()


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


def _read_log(path: Path, shown: str) -> bytes:
    from tracker.files import LOG_LIMIT, read_bounded

    try:
        return read_bounded(path, LOG_LIMIT)
    except OSError as err:
        problem = Problem(Location(shown, 1, 1), f"cannot read the log: {err.strerror or err}")
        return _refuse(shown, [problem])


def _open_log(path: Path, shown: str, raw: bytes) -> EventLog:
    """The checked log, or every problem on stderr and exit 1."""
    log, problems = _load_and_check(path, shown, raw)
    if problems or log is None:
        _refuse(shown, problems)
    assert log is not None
    return log


def _refuse(shown: str, problems: list[Problem]) -> NoReturn:
    render_text.problems(problems, sys.stderr)
    print(f"tracker: {shown} is invalid ({_count(problems)}); nothing else was done", file=sys.stderr)
    raise typer.Exit(EXIT_INVALID_LOG)


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
