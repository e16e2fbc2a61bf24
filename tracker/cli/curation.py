"""The commands for curators that read the log or prepare it: check the log, its schema, find a quote,
copy the log to curate (the `add` group is in `adding`, `citing` and `amending`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.app import answer
from tracker.app.answer import LogFile
from tracker.cli import app
from tracker.cli.args import (
    CheckRecordedByOption,
    DataOption,
    _format,
    _log_file,
    _recorded_by,
    today,
)
from tracker.cli.failures import reported
from tracker.errors import FAILED
from tracker.render import Format, text


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
    links: Annotated[
        bool,
        typer.Option("--links", help="Also fetch every web source: warn where it moved, is gone or changed."),
    ] = False,
    data: DataOption = None,
    recorded_by: CheckRecordedByOption = None,
) -> None:
    """Validate the log and verify every quote.

    Every problem is listed as FILE:LINE:COL: message, then the warnings
    (FILE:LINE:COL: warning: message); the exit status is 1 if there is any
    problem, or any warning under --strict. Quotes are checked against the
    stored texts, never the live web; --links (the network, opt-in) reports
    on the live pages as warnings.

    \b
    Examples:
      tracker check
      tracker check --strict --data my-events.yaml --json
      tracker check --links
      tracker check --data - < data/events.yaml
      tracker check --recorded-by 2026-11-24
    """
    from tracker.app.check import check as run_check
    from tracker.app.check import print_check

    chosen = _format(fmt, json)
    if chosen not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter(
            f"'check' prints no {chosen.value}; choose one of: table, json", param_hint="'--format'"
        )
    if data == "-" and recorded_by is not None:
        raise typer.BadParameter("the log on standard input has no git history", param_hint="'--recorded-by'")
    if data == "-":  # the log on standard input: its articles are found from the working folder
        from tracker.files import LOG_LIMIT

        raw = sys.stdin.buffer.read(LOG_LIMIT + 1)
        if len(raw) > LOG_LIMIT:
            raise typer.BadParameter(
                "the log on standard input is larger than 256 MiB", param_hint="'--data'"
            )
        report = run_check(LogFile(Path("-"), "<stdin>", today()), strict=strict, links=links, raw=raw)
    else:
        log_file = _recorded_by(_log_file(data), recorded_by)
        with reported():
            report = run_check(log_file, strict=strict, links=links)
    print_check(report, chosen)
    if report.failed:
        raise typer.Exit(FAILED)


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
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", show_default=False, help="table (default) or json."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the finding as a JSON object.")] = False,
    data: DataOption = None,
) -> None:
    """Find the passage of an article to paste as a quote.

    The passage of SOURCE's article that best matches TEXT, graded exact,
    normalised (equal once whitespace, quote marks, invisible characters and
    Unicode form are normalised), fuzzy (with rapidfuzz's score) or absent (exit 1). Works on a log with
    problems, since a quote that does not verify is why one asks.

    \b
    Examples:
      tracker quote seed-002 "Kazakhstan is set to join the Abraham Accords"
      tracker quote seed-001 "consular ties in April 1992" --json
    """
    from tracker.app import quoting

    if fmt is not None and fmt.strip().lower() not in ("table", "json"):
        raise typer.BadParameter(
            f"'quote' prints no {fmt}; choose one of: table, json", param_hint="'--format'"
        )
    if fmt is not None and json and fmt.strip().lower() != "json":
        raise typer.BadParameter(f"--json and --format {fmt} ask for two formats", param_hint="'--format'")
    json = json or (fmt is not None and fmt.strip().lower() == "json")
    log_file = _log_file(data)
    with reported("SOURCE"):
        found = quoting.find_quote(log_file, source, wanted)
    quoting.print_quote(found, json)
    if found.passage is None:
        raise typer.Exit(FAILED)


@app.command()
def init(
    folder: Annotated[str, typer.Argument(metavar="FOLDER", help="A new or empty folder for your copy.")],
) -> None:
    """Copy the shipped log to a folder of your own, to curate.

    `add` never writes into the installed package: an upgrade would replace
    it. The copy keeps the layout (data/events.yaml beside seeds/), so
    `tracker check --data FOLDER/data/events.yaml` passes at once.

    \b
    Examples:
      tracker init ~/accords && export TRACKER_DATA=~/accords/data/events.yaml
    """
    from tracker.app import curate

    with reported("FOLDER"):
        made = curate.init(folder, today())
    print(text.inert(f"copied the log to {made}; use --data {made} or TRACKER_DATA={made}"))
