"""`tracker export`: the log as a file for another program (a web page, SQLite, a calendar)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from tracker.app import answer
from tracker.cli.args import (
    DataOption,
    _as_of,
    _date,
    _log_file,
    today,
)
from tracker.cli.failures import reported
from tracker.cli.root import app
from tracker.files import os_path
from tracker.model import EventLog
from tracker.render import text

if TYPE_CHECKING:
    from tracker.app.export import Destination

# -- exports: files for other programs ----------------------------------------

export_app = typer.Typer(
    name="export",
    help="Write the log as a file for another program.\n\nA web page, a SQLite database, a "
    "calendar or a feed of changes. FILE must be in an existing folder; an existing FILE is "
    "replaced only with --force, "
    "and a file is never left half-written. FILE - writes to standard output.\n\n\b\nExamples:\n"
    "  tracker export html accords.html\n  tracker export sqlite accords.db --force\n"
    "  tracker export ics - | grep SUMMARY",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")

FileArgument = Annotated[
    str, typer.Argument(metavar="FILE", show_default=False, help="The file to write; - for standard output.")
]
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
    candidates, expectations with their dated, cited histories, every event
    with its quotes, the sources, and the log's corrections. Works offline and
    needs no JavaScript.

    \b
    Examples:
      tracker export html accords.html
      tracker export html accords.html --as-of 2025-11-07 --force
    """
    day = _date(as_of, "--as-of")

    def make(log: EventLog) -> str:
        from tracker.app.export import html

        reviewed = log.reviewed.end if log.reviewed is not None else today()
        html.write(log, destination, day.end if day is not None else reviewed)
        return f"{len(log.events)} events, {len(log.sources)} sources"

    destination = _destination(file, force)
    _export(make, destination, data)


@export_app.command("sqlite")
def export_sqlite(file: FileArgument, force: ForceOption = False, data: DataOption = None) -> None:
    """A SQLite database, for sqlite3 or Datasette, and its Datasette metadata beside it.

    Tables countries, sources, events, citations, event_countries,
    status_periods, treaty_acts, ratifications, source_origins,
    citation_origins, expectation_steps and corrections; the views
    status_changes, current_status, members, members_ratification,
    expectation_states and candidates; a full-text index (search); and FILE's
    stem + .metadata.json with Datasette's canned queries. FILE - writes the
    database alone to standard output, which must not be a terminal.

    \b
    Examples:
      tracker export sqlite accords.db
      tracker export sqlite accords.db --force && datasette accords.db -m accords.metadata.json
      tracker export sqlite - | gzip > accords.db.gz
    """

    def make(log: EventLog) -> str:
        from tracker.app.export import sqlite

        held = f"{len(log.events)} events, {len(log.sources)} sources"
        ended = log.reviewed.end if log.reviewed is not None else today()  # expectations as the log ends
        if not sqlite.write(log, destination, ended):
            return f"{held}; no Datasette metadata, which cannot share standard output with the database"
        assert destination.path is not None
        return f"{held}; Datasette metadata in {sqlite.metadata_path(destination.path)}"

    destination = _destination(file, force, binary=True)
    if destination.path is not None:
        from tracker.app.export import sqlite

        destination = replace(destination, beside=(sqlite.metadata_path(destination.path),))
    _export(make, destination, data)


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

    One all-day entry per expected event with a date or a deadline, with its
    state, deadline and sources; a re-export updates the same entries.

    \b
    Examples:
      tracker export ics accords.ics
    """
    day = _as_of(as_of)

    def make(log: EventLog) -> str:
        from tracker.app.export import ics

        entries = ics.write(log, destination, day)
        return f"{entries} expected events"

    destination = _destination(file, force)
    _export(make, destination, data)


@export_app.command("atom")
def export_atom(
    file: FileArgument,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", show_default=False, help="First day (default: the log's first event)."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", show_default=False, help="Last day (default: today)."),
    ] = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """A feed of changes (Atom, RFC 4287), for a feed reader to follow.

    One entry per change, newest first: a status, a condition, an expectation
    reported, come due or resolved, and any other event. Entry ids stay the
    same when the feed is written again, so a reader shows only what is new.
    The same as 'tracker changes --since DATE -o atom'.

    \b
    Examples:
      tracker export atom accords.atom
      tracker export atom - --since 2026-01 > recent.atom
    """
    first, last = _date(since, "--since"), _as_of(as_of)

    def make(log: EventLog) -> str:
        from tracker.app.export import write_result
        from tracker.queries.changes import Changes
        from tracker.render import Format

        starts = [e.date.start for e in log.events if e.date is not None]
        begin = first.start if first is not None else min(starts, default=last)
        result = Changes(begin, max(begin, last)).run(log)
        write_result(destination, result, Format.ATOM)
        return f"{len(result.rows) + len(result.corrections)} entries, {begin} to {last}"

    destination = _destination(file, force)
    _export(make, destination, data)


def _destination(file: str, force: bool, *, binary: bool = False) -> Destination:
    """FILE as the export's destination: `-` is standard output (`./-` is a file called `-`)."""
    from tracker.app.export import STDOUT, Destination

    if file == STDOUT:
        return Destination(None, binary=binary)
    if file.endswith(("/", os.sep)):  # Path() would drop the slash and write a file of that name
        raise typer.BadParameter(
            f"{file} names a folder; give the name of the file to write", param_hint="'FILE'"
        )
    return Destination(Path(os_path(file)), force, binary, name=file)


def _export(make: Callable[[EventLog], str], destination: Destination, data: str | None) -> None:
    file = destination.shown
    written_to = None if destination.path is None else file
    with reported("FILE", done="nothing was written", writes=written_to):
        held = answer.export(_log_file(data), make, destination)
    written = destination.written if destination.path is None else os.path.getsize(destination.path)
    size = text.count(written, "byte")  # said on stderr: stdout stays for data
    print(text.inert(f"tracker: wrote {file} ({size}): {held}"), file=sys.stderr)
