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
import re
import stat
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
from typer.exceptions import TyperException

from tracker import __version__, answer
from tracker.dates import DateError, parse_user_date
from tracker.model import EventLog, Kind, PartialDate
from tracker.queries import (
    Candidates,
    Changes,
    Chart,
    Cite,
    Country,
    Due,
    Info,
    Query,
    Show,
    Signatories,
    Sources,
    Style,
    Timeline,
)
from tracker.render import Format, text

EXIT_INVALID_LOG = 1

app = typer.Typer(
    name="tracker",
    help="A citable timeline and signatory tracker for the Abraham Accords.\n\n"
    "Every answer is derived from a curated event log in which every event cites its "
    "sources; 'tracker check' verifies the log and every quote in it.",
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
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


# -- completion: cheap, and never an error --------------------------------------


def _complete_kinds(incomplete: str) -> list[str]:
    return [k.value for k in Kind if k.value.startswith(incomplete.lower())]


def _complete_event_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _scan(ctx)[0] if i.startswith(incomplete)]


def _complete_countries(ctx: typer.Context, incomplete: str) -> list[str]:
    return [c for c in _scan(ctx)[1] if c.startswith(incomplete.upper())]


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
) -> None:
    """Events in date order, with their ids and sources.

    Expected events are marked 'expected', with their state (pending,
    overdue, fulfilled, called off) on the --as-of day.

    \b
    Examples:
      tracker timeline --country KZ --since 2025-11
      tracker timeline --kind signing --json
    """
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = tuple(sorted({code for value in country or () for code in _countries(value)}))
    kinds = tuple(sorted({_kind(k) for k in kind or ()}))
    query = Timeline(since_date, until_date, codes, kinds, _as_of(as_of), _known_by(known_by))
    _answer(query, fmt, json, data, no_cache, no_pager)


@app.command()
def signatories(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Members in order of announcement, with Israel and the US.

    \b
    Examples:
      tracker signatories
      tracker signatories --as-of 2020-12-31
      tracker signatories --as-of today --known-by 2025-11-05
    """
    _answer(Signatories(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def candidates(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Countries named or implied as possible members.

    Each with the dates and number of sources naming it, its conditions or
    obstacles, and the latest evidence.

    \b
    Examples:
      tracker candidates
      tracker candidates --as-of 2025-10-31 --json
    """
    _answer(Candidates(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def due(
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Expected events still open, most overdue first.

    \b
    Examples:
      tracker due
      tracker due --as-of 2025-11-19
    """
    _answer(Due(_as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


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
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    if since_date and until_date and since_date.start > until_date.end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    codes = tuple(sorted({code for value in country or () for code in _countries(value)}))
    query = Chart(since_date, until_date, codes, _as_of(as_of), _known_by(known_by))
    _answer(query, fmt, json, data, no_cache, no_pager)


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
    no_pager: NoPagerOption = False,
) -> None:
    """What the log holds and how current it is.

    Events, sources, the dates they span, and the day the log was reviewed.

    \b
    Examples:
      tracker info
      tracker info --data my-events.yaml --json
    """
    log_file = _log_file(data)
    _answer(Info(log_file.shown, _as_of(as_of)), fmt, json, data, no_cache, no_pager)


@app.command()
def show(
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
) -> None:
    """One event in full, with every citation and its quote.

    \b
    Examples:
      tracker show kazakhstan-announcement
      tracker show morocco-signing --json
    """
    _answer(Show(event_id, os.getcwd()), fmt, json, data, no_cache, no_pager)


@app.command()
def sources(
    fmt: FormatOption = None,
    json: JsonOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The sources the log cites, and where to read them.

    Each with its outlet, publication date, how many events cite it, and its
    article file or URL.

    \b
    Examples:
      tracker sources
      tracker sources --format csv > sources.csv
    """
    _answer(Sources(os.getcwd()), fmt, json, data, no_cache, no_pager)


@app.command()
def country(
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
    _answer(Country(code, _as_of(as_of), _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def changes(
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
    last = until_date.end if until_date is not None else date.today()
    if since_date.start > last:
        raise typer.BadParameter(
            f"--since {since} is after --until {until or 'today'}", param_hint="'--since'"
        )
    _answer(Changes(since_date.start, last, _known_by(known_by)), fmt, json, data, no_cache, no_pager)


@app.command()
def cite(
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
        typer.Option("--style", metavar="STYLE", help="text (default), markdown or csl-json (for Zotero)."),
    ] = "text",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-o",
            metavar="FORMAT",
            show_default=False,
            help="table (the style's text, default), json or jsonl (the citations as records).",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the citations as JSON records.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """An event's citations, ready to paste into a story.

    For each: the outlet (or "outlet not named"), the publication date
    (marked when inferred), the URL or the article's file, and the quote
    that `tracker check` verified.

    \b
    Examples:
      tracker cite kazakhstan-announcement
      tracker cite morocco-signing --style csl-json > morocco.json
    """
    chosen = next((s for s in Style if s.value == style.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown style '{style}'; choose one of: {', '.join(Style)}", param_hint="'--style'"
        )
    _answer(Cite(event_id, chosen, os.getcwd()), fmt, json, data, no_cache, no_pager)


@app.command()
def check(
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", show_default=False, help="table (default) or json."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the problems as a JSON array.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (a single source, an undated URL, ...).")
    ] = False,
    data: DataOption = None,
) -> None:
    """Validate the log and verify every quote.

    Every problem is listed as FILE:LINE:COL: message, then the warnings
    (FILE:LINE:COL: warning: message); the exit status is 1 if there is any
    problem, or any warning under --strict.

    \b
    Examples:
      tracker check
      tracker check --strict --data my-events.yaml --json
    """
    chosen = _format(fmt, json)
    if chosen not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter(
            f"'check' prints no {chosen.value}; choose one of: table, json", param_hint="'--format'"
        )
    report = answer.check(_log_file(data), strict=strict)
    answer.print_check(report, chosen)
    if report.failed:
        raise typer.Exit(EXIT_INVALID_LOG)


@app.command()
def schema() -> None:
    """Print the log's JSON Schema (draft 2020-12), for editors.

    It is made from the field shapes the reader checks, so it cannot drift
    from what `tracker check` accepts.

    \b
    Examples:
      tracker schema > events.schema.json
    """
    import json as json_module

    from tracker.log.schemajson import json_schema

    answer.write((json_module.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


@app.command()
def quote(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="A local source's id.")],
    wanted: Annotated[str, typer.Argument(metavar="TEXT", help="The text to look for in its article.")],
    json: Annotated[bool, typer.Option("--json", help="Print the finding as a JSON object.")] = False,
    data: DataOption = None,
) -> None:
    """Find the passage of an article to paste as a quote.

    The passage of SOURCE's article that best matches TEXT, graded exact,
    normalised (equal once whitespace, quote marks and Unicode form are
    normalised), fuzzy (with rapidfuzz's score) or absent (exit 1). Works on a log with
    problems, since a quote that does not verify is why one asks.

    \b
    Examples:
      tracker quote seed-002 "Kazakhstan is set to join the Abraham Accords"
      tracker quote seed-001 "consular ties in April 1992" --json
    """
    from tracker import curating

    log_file = _log_file(data)
    try:
        found = curating.find_quote(log_file, source, wanted)
    except curating.UsageError as err:
        raise typer.BadParameter(str(err), param_hint="'SOURCE'") from None
    except answer.InvalidLog as err:
        _invalid(err)
    curating.print_quote(found, json)
    if found.passage is None:
        raise typer.Exit(EXIT_INVALID_LOG)


add_app = typer.Typer(
    help="Add a source or an event to the log.\n\nThe log is checked in full and written "
    "without changing a byte that was there.\n\n\b\nExamples:\n"
    "  tracker add source later-report.txt --id later\n"
    "  tracker add event --id kz-ratified --date 2025-12-02 --kind statement --country KZ ...",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(add_app, name="add")

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
]


@add_app.command("source")
def add_source(
    reference: Annotated[
        str, typer.Argument(metavar="PATH_OR_URL", help="A local article (copied into the corpus) or a URL.")
    ],
    source_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", show_default=False, help="Default: made from the name or URL."),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", show_default=False, help="Only as the article names itself; never guessed."
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(metavar="DATE", show_default=False, help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    basis: Annotated[
        str | None,
        typer.Option(metavar="BASIS", show_default=False, help="stated (the article gives it) or inferred."),
    ] = None,
    clue: Annotated[
        str | None,
        typer.Option(metavar="TEXT", show_default=False, help="Why an inferred date is what it is."),
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Add a source: a local article or a URL.

    A local article is copied into the corpus unchanged and its sha256
    recorded; the outlet is never guessed.

    \b
    Examples:
      tracker add source later-report.txt --id later --published 2025-12-02 --basis stated
      tracker add source https://example.org/report --outlet Reuters --dry-run
    """
    from tracker import curating

    values = {"id": source_id, "outlet": outlet, "published": published, "published_basis": basis,
              "published_clue": clue, "note": note}  # fmt: skip
    _adding(lambda: curating.add_source(_log_file(data), reference, values, ask=_asker()), dry_run)


class _CitingCommand(typer.core.TyperCommand):
    """Keeps the order of --cite and --quote, which click collects separately, so each quote
    belongs to the citation before it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        takes_value = {o for p in self.params if not getattr(p, "is_flag", False) for o in p.opts}
        order: list[tuple[str, str]] = []
        tokens = iter(args)
        for token in tokens:
            if token == "--":
                break
            name, has_value, value = token.partition("=")
            if name in takes_value:
                if not has_value:
                    value = next(tokens, "")
                if name in ("--cite", "--quote"):
                    order.append((name, value))
        ctx.meta["citing"] = order
        return super().parse_args(ctx, args)


@add_app.command("event", cls=_CitingCommand)
def add_event(
    ctx: typer.Context,
    event_id: Annotated[str | None, typer.Option("--id", metavar="ID", show_default=False)] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", show_default=False, help="YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    approximate: Annotated[bool, typer.Option("--approximate", help="The date is vague wording.")] = False,
    kind: Annotated[
        str | None, typer.Option(metavar="KIND", show_default=False, help=f"One of: {', '.join(Kind)}.")
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(metavar="COUNTRY", show_default=False, help="A country involved; repeatable."),
    ] = None,
    subject: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COUNTRY", show_default=False, help="A country whose status changes; repeatable."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", show_default=False, help="One line, in your own words.")
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)] = None,
    expected: Annotated[bool, typer.Option("--expected", help="Anticipated, not reported as done.")] = False,
    fulfils: Annotated[
        str | None,
        typer.Option(metavar="ID", show_default=False, help="The expected event this one made come true."),
    ] = None,
    calls_off: Annotated[
        str | None,
        typer.Option(
            "--calls-off", metavar="ID", show_default=False, help="The expected event it called off."
        ),
    ] = None,
    cite: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SOURCE", show_default=False, help="A source id; repeatable, each with its --quote."
        ),
    ] = None,
    quote_text: Annotated[
        list[str] | None,
        typer.Option(
            "--quote", metavar="TEXT", show_default=False, help="Verbatim text for the --cite before it."
        ),
    ] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Add an event citing its sources.

    Each --cite SOURCE may be followed by its --quote TEXT.

    \b
    Examples:
      tracker add event --id kz-ratified --date 2025-12-02 --kind statement \\
        --country KZ --title "Kazakh officials report the accession ratified" \\
        --cite later --quote "parliament had ratified the country's accession" --dry-run
    """
    from tracker import curating

    cites = _citings(ctx.meta.get("citing", []))
    values: dict[str, Any] = {
        "id": event_id,
        "date": when,
        "approximate": "true" if approximate else None,
        "kind": kind,
        "status": "expected" if expected else None,
        "countries": [_country(c) for c in country or ()],
        "subjects": [_country(c) for c in subject or ()],
        "title": title,
        "note": note,
        "fulfils": fulfils,
        "calls_off": calls_off,
    }
    _adding(lambda: curating.add_event(_log_file(data), values, cites, ask=_asker()), dry_run)


def _citings(order: list[tuple[str, str]]) -> list[Any]:
    from tracker.curate import Citing

    cites: list[Citing] = []
    for name, value in order:
        if name == "--cite":
            cites.append(Citing(value))
        elif not cites:
            raise typer.BadParameter("--quote must follow the --cite it belongs to", param_hint="'--quote'")
        elif cites[-1].quote is not None:
            raise typer.BadParameter(
                "one --quote per --cite; cite the source again for a second quote", param_hint="'--quote'"
            )
        else:
            cites[-1] = Citing(cites[-1].source, value)
    return cites


def _asker() -> Any:
    """typer.prompt when stdin is a terminal; None otherwise, so missing values are usage errors."""
    if not sys.stdin.isatty():
        return None
    return lambda label, default: typer.prompt(label, default=default, show_default=bool(default))


def _adding(make: Any, dry_run: bool) -> None:
    from tracker import curate, curating

    try:
        result = make()
    except curating.UsageError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{err.option}'") from None
    except answer.InvalidLog as err:
        _invalid(err)
    except curate.Refused as err:
        if err.invalid_log is not None:
            _invalid(answer.InvalidLog(err.invalid_log, err.problems))
        text.problems(err.problems, sys.stderr)
        print(
            text.inert(
                f"tracker: refused ({text.count(err.problems.total, 'problem')}); nothing was written"
            ),
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INVALID_LOG) from None
    curating.finish(result, dry_run)


def _invalid(err: answer.InvalidLog) -> None:
    text.problems(err.problems, sys.stderr)
    problems = text.count(err.problems.total, "problem")
    print(text.inert(f"tracker: {err.shown} is invalid ({problems}); nothing else was done"), file=sys.stderr)
    raise typer.Exit(EXIT_INVALID_LOG) from None


# -- exports: files for other programs ----------------------------------------

export_app = typer.Typer(
    name="export",
    help="Write the log as a file for another program.\n\nA web page, a SQLite database or a "
    "calendar. FILE must be in an existing folder; an existing FILE is replaced only with --force, "
    "and a file is never left half-written.\n\n\b\nExamples:\n  tracker export html accords.html\n"
    "  tracker export sqlite accords.db --force",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app)

FileArgument = Annotated[str, typer.Argument(metavar="FILE", show_default=False, help="The file to write.")]
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
    """One self-contained web page, to share or attach.

    Members, their status on each earlier date of change, an SVG timeline,
    candidates, expectations, every event with its quotes, and the sources.
    Works offline and needs no JavaScript.

    \b
    Examples:
      tracker export html accords.html
      tracker export html accords.html --as-of 2025-11-07 --force
    """
    day = _date(as_of, "--as-of")

    def make(log: EventLog) -> None:
        from tracker.export import html

        reviewed = log.reviewed.end if log.reviewed is not None else date.today()
        html.write(log, Path(file), force, day.end if day is not None else reviewed)

    _export(make, file, force, data)


@export_app.command("sqlite")
def export_sqlite(file: FileArgument, force: ForceOption = False, data: DataOption = None) -> None:
    """A SQLite database, for sqlite3 or Datasette.

    Tables sources, events, citations and event_countries, and the view
    status_changes.

    \b
    Examples:
      tracker export sqlite accords.db
      tracker export sqlite accords.db --force && datasette accords.db
    """

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
    """A calendar of what is due (iCalendar, RFC 5545).

    One all-day entry per dated expected event, with its state and sources;
    a re-export updates the same entries.

    \b
    Examples:
      tracker export ics accords.ics
    """
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


def _answer(
    query: Query[Any], fmt: str | None, json: bool, data: str | None, no_cache: bool, no_pager: bool = False
) -> None:
    try:
        answer.answer(query, _format(fmt, json), _log_file(data), use_cache=not no_cache, page=not no_pager)
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


def _countries(value: str, option: str = "--country") -> tuple[str, ...]:
    """The codes for one option value: a code or a name, or several separated by commas (SA,KZ)."""
    parts = [part for part in value.split(",") if part.strip()] or [value]
    return tuple(_country(part, option) for part in parts)


def _kind(value: str) -> Kind:
    """An event kind, in any case, or a usage error that lists them."""
    chosen = next((k for k in Kind if k.value == value.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown kind '{value}'; choose one of: {', '.join(Kind)}", param_hint="'--kind'"
        )
    return chosen


def _country(value: str, option: str = "--country") -> str:
    from tracker import countries

    try:
        return countries.read(value)
    except countries.CountryError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{option}'") from None


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
