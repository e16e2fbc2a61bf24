"""What every command shares: the options, reading their values, completion, and answering.

Commands turn options into a query and call `_answer`; the values people type
(dates, countries, kinds, formats, the log's path) are read here, once, into
usage errors (exit 2) where they cannot be read.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from tracker.app import answer, cachekey
from tracker.app.cachekey import Request
from tracker.cli.failures import reported
from tracker.dates import DateError, parse_user_date
from tracker.files import os_path
from tracker.model import Kind, PartialDate
from tracker.queries.base import Query
from tracker.render import Format

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

NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print straight to the terminal. Otherwise an answer taller than the terminal goes through "
        "$PAGER (default: less -FRX), as git does; never when the output is a pipe or a file.",
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

RecordedByOption = Annotated[
    str | None,
    typer.Option(
        "--recorded-by",
        metavar="DATE",
        show_default=False,
        help="Answer from the log as committed to its git repository by this day (the last commit by "
        "then, and the articles as committed), as this program reads that log; a notice says if it "
        "fails today's check. Never cached.",
    ),
]

CheckRecordedByOption = Annotated[
    str | None,
    typer.Option(
        "--recorded-by",
        metavar="DATE",
        show_default=False,
        help="Check the log as committed to its git repository by this day (the last commit by then, "
        "and the articles as committed), its problems at COMMIT:PATH:LINE:COL.",
    ),
]


# -- completion: cheap, and never an error --------------------------------------


def _complete_kinds(incomplete: str) -> list[str]:
    return [k.value for k in Kind if k.value.startswith(incomplete.lower())]


def _complete_event_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _scan(ctx)[0] if i.startswith(incomplete)]


def _complete_countries(ctx: typer.Context, incomplete: str) -> list[str]:
    return [c for c in _scan(ctx)[1] if c.startswith(incomplete.upper())]


# -- the request, as it came ----------------------------------------------------

_REQUEST = "tracker.request"  # in the context's `meta`, which every command's context shares


class Root(typer.core.TyperGroup):
    """The `tracker` group. It keeps the request as it came (`cachekey.Request`: the arguments and the
    day it began), from which an answer's cache key is made as the front door makes it."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        request = Request(tuple(args), cachekey.today())  # before parsing, which consumes args
        if parent is None:
            args = _globals_after_command(self, list(args))
        ctx = super().make_context(info_name, args, parent, **extra)
        if parent is None:
            ctx.meta[_REQUEST] = request
        return ctx


def today() -> date:
    """The day the request began (`Request.day`): the run's one clock reading, passed on as a value to
    everything that needs "today" (the default --as-of, `today` in a date, the log's check)."""
    try:
        from typer._click.globals import get_current_context  # Typer vendors click since 0.2x
    except ImportError:  # an older Typer, with click beside it
        from click import get_current_context  # type: ignore[import-not-found,no-redef,unused-ignore]

    ctx = get_current_context(silent=True)
    request = ctx.find_root().meta.get(_REQUEST) if ctx is not None else None
    return date.fromisoformat(request.day if isinstance(request, Request) else cachekey.today())


# Options every command that reads the log takes, which may also come before the command's name,
# as in `tracker --data other.yaml signatories`: flags, and options that take a value.
GLOBAL_FLAGS = ("--no-cache", "--no-pager")
GLOBAL_VALUES = ("--data",)


def _globals_after_command(group: Any, args: list[str]) -> list[str]:
    """The arguments with the global options given before the command moved after its name (and
    its subcommand's: `tracker --data X export html F`), where the command declares them."""
    moved: list[str] = []
    rest = list(args)
    while rest:
        head = rest[0]
        if head in GLOBAL_FLAGS:
            moved.append(rest.pop(0))
        elif head in GLOBAL_VALUES and len(rest) > 1:
            moved += [rest.pop(0), rest.pop(0)]
        elif head.split("=", 1)[0] in GLOBAL_VALUES and "=" in head:
            moved.append(rest.pop(0))
        else:
            break
    if not moved:
        return args
    path: list[str] = []
    current = group
    while rest and hasattr(current, "commands") and rest[0] in current.commands:
        path.append(rest.pop(0))
        current = current.commands[path[-1]]
    if not path:  # no command named after them: leave it to the usual messages
        return args
    return [*path, *moved, *rest]


# -- helpers: argument reading and answering ----------------------------------


def _answer(
    ctx: typer.Context,
    query: Query[Any],
    fmt: str | None,
    json: bool,
    data: str | None,
    no_cache: bool,
    no_pager: bool = False,
) -> None:
    request = ctx.meta.get(_REQUEST)
    log_file = _recorded_by(_log_file(data), ctx.params.get("recorded_by"))  # answers and check take it
    with reported():
        answer.answer(
            query,
            _format(fmt, json),
            log_file,
            use_cache=not no_cache,
            page=not no_pager,
            request=request if isinstance(request, Request) else None,
        )


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
        return parse_user_date(value, today=today())
    except DateError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{option}'") from None


def _recorded_by(log_file: answer.LogFile, value: str | None) -> answer.LogFile:
    """The log as committed by the day `--recorded-by` gives (`app.recorded`); a month or a year means
    its last day."""
    parsed = _date(value, "--recorded-by")
    return log_file if parsed is None else dataclasses.replace(log_file, recorded_by=parsed.end)


def _as_of(value: str | None) -> date:
    """The day to answer for; a month or a year means its last day."""
    parsed = _date(value, "--as-of")
    return parsed.end if parsed is not None else today()


def _known_by(value: str | None) -> date | None:
    """The last day whose publications count; a month or a year means its last day."""
    parsed = _date(value, "--known-by")
    return parsed.end if parsed is not None else None


def _countries(value: str, option: str = "--country") -> tuple[str, ...]:
    """The codes for one option value: a code or a name, or several separated by commas (SA,KZ)."""
    parts = [part for part in value.split(",") if part.strip()] or [value]
    return tuple(_country(part, option) for part in parts)


def _window(since: str | None, until: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    """--since and --until, each optional, in order."""
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    return since_date, until_date


def _country_codes(values: list[str] | None) -> tuple[str, ...]:
    """Every --country given, repeated or as SA,KZ, as sorted distinct codes."""
    return tuple(sorted({code for value in values or () for code in _countries(value)}))


def _kind(value: str) -> Kind:
    """An event kind, in any case, or a usage error that lists them."""
    chosen = next((k for k in Kind if k.value == value.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown kind '{value}'; choose one of: {', '.join(Kind)}", param_hint="'--kind'"
        )
    return chosen


def _country(value: str, option: str = "--country", *, curating: bool = False) -> str:
    """An ISO code for a code or name; a name no ISO country has may be a party with no code
    (an entity of the log): a question passes it on as typed, for the query to find in the log
    or explain; a curator's edit gets the id it would have, which `check` then looks up."""
    from tracker import countries

    try:
        return countries.read(value)
    except countries.CountryError as err:
        entity = countries.entity_key(value)
        if entity is None:
            raise typer.BadParameter(str(err), param_hint=f"'{option}'") from None
        return entity if curating else value


_EVENTS = re.compile(r"^events:[^\n]*\n(.*?)(?=^[^\s#-]|\Z)", re.M | re.S)
_EVENT_ID = re.compile(r"^[ \t]*-[ \t]+id:[ \t]*['\"]?([^'\"\s#]+)", re.M)
_CODES = re.compile(r"^[ \t]*-?[ \t]*(?:countries|subjects):[ \t]*\[([^\]\n]*)\]", re.M)


def _scan(ctx: typer.Context) -> tuple[list[str], list[str]]:
    """The event ids and country codes in the log, by a glance at its lines rather than a parse.

    Completion runs at every press of Tab, so it reads the text only; a log
    that cannot be read or looks odd completes nothing, without a message.
    """
    try:
        from tracker.log import read_raw

        data = (ctx.params.get("data") if ctx is not None else None) or os.environ.get("TRACKER_DATA")
        if data is None:
            from tracker.log.locate import default_log

            path = default_log()
        else:
            path = Path(data)
        raw = read_raw(path, str(path))
        if not isinstance(raw, bytes):
            return [], []
        text = raw.decode("utf-8", errors="replace")
        events = _EVENTS.search(text)
        if events is None:
            return [], []
        body = events.group(1)
        codes = {c.strip(" '\"") for listed in _CODES.findall(body) for c in listed.split(",")}
        return _EVENT_ID.findall(body), sorted(c for c in codes if len(c) == 2 and c.isalpha())
    except Exception:  # a completion must never fail the shell
        return [], []


def _log_file(data: str | None) -> answer.LogFile:
    """The log the user named, or a usage error saying why that cannot be a log."""
    if data is None:
        from tracker.log.locate import default_log

        path = default_log()
        # Shown as in a checkout of the repository, never as an install path.
        return answer.LogFile(path, "data/events.yaml", today())
    hint = "'--data' / TRACKER_DATA"
    name = os_path(data)  # the name's UTF-8 bytes, whatever the locale
    try:
        info = os.stat(name)
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
    return answer.LogFile(Path(name), data, today())
