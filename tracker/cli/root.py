"""The root of the command tree: the Typer app every command module registers on, and the options
that come before a command (--version). Apart from the package's face, which imports the command
modules so that they register, so that they can import the app without importing the face back."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker import __version__
from tracker.cli.args import Root

app = typer.Typer(
    cls=Root,
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


def _show_version(value: bool) -> None:
    """The program's version, and how far the log it would read was reviewed: an answer is only
    as current as its log. The `reviewed:` line is read as text, so no log is parsed here."""
    if value:
        print(f"tracker {__version__}")
        reviewed = _log_reviewed()
        if reviewed is not None:
            print(f"log {reviewed[0]}: news reviewed through {reviewed[1]}")
        raise typer.Exit()


def _log_reviewed() -> tuple[str, str] | None:
    import os
    import re

    from tracker.log.locate import default_log

    data = os.environ.get("TRACKER_DATA")
    path, shown = (data, data) if data else (str(default_log()), "data/events.yaml")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 16)
    except (OSError, ValueError):
        return None
    found = re.search(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", head, flags=re.M)
    return (shown, found.group(1)) if found else None


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Handles the options that come before the command (--version)."""
