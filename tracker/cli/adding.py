"""The `add` group: its shared steps (the log it may write, asking for what is missing, planning and
then writing or showing the change) and `add source`. `citing` and `amending` add the group's other
commands, registered after these in the order `tracker add -h` lists them."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from tracker.cli import app
from tracker.cli.args import DataOption, _log_file
from tracker.cli.failures import reported

add_app = typer.Typer(
    help="Add a source, event, citation, correction or assertion.\n\n"
    "The log is checked in full and written without changing a byte that was there.\n\n\b\nExamples:\n"
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
        str,
        typer.Argument(
            metavar="PATH_OR_URL",
            help="A local article (copied into the corpus), or a web page's URL (fetched, its text stored).",
        ),
    ],
    source_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", show_default=False, help="Default: made from the name or URL."),
    ] = None,
    text_file: Annotated[
        str | None,
        typer.Option(
            "--text-file",
            metavar="FILE",
            show_default=False,
            help="With a URL: the page's text as you saved it (UTF-8); nothing is fetched.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(metavar="TEXT", show_default=False, help="The headline; default: the page's own."),
    ] = None,
    title_basis: Annotated[
        str | None,
        typer.Option(
            "--title-basis",
            metavar="BASIS",
            show_default=False,
            help="stated (default), address (read from the URL) or supplied (your description).",
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", show_default=False, help="Only as the source names itself; never guessed."
        ),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", show_default=False, help="A name in the byline; repeatable."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(metavar="DATE", show_default=False, help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    basis: Annotated[
        str | None,
        typer.Option(metavar="BASIS", show_default=False, help="stated (the source gives it) or inferred."),
    ] = None,
    clue: Annotated[
        str | None,
        typer.Option(metavar="TEXT", show_default=False, help="Why an inferred date is what it is."),
    ] = None,
    undated: Annotated[
        str | None,
        typer.Option(metavar="TEXT", show_default=False, help="Why no publication date can be established."),
    ] = None,
    retrieved: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", show_default=False, help="When the page's text was saved; default today."
        ),
    ] = None,
    archive: Annotated[
        str | None,
        typer.Option(metavar="URL", show_default=False, help="A web archive's snapshot of the page."),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            show_default=False,
            help="The original it repeats: a source's id, or a label for one the log does not hold.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Add a source: a web page, or a local article.

    A URL is fetched (http or https, 20 s, 5 MiB, 5 redirects, no cookies);
    its main text is stored in the corpus as the page's snapshot, pinned by
    sha256, with the title, outlet, byline and publication date the page
    gives (needs the curate extra). --text-file records a page whose text
    you saved yourself. A local article is copied into the corpus unchanged.
    Nothing is guessed: what the page does not say is left out. Where its
    text nearly coincides with a stored one (a reprinted wire story), that
    source is proposed as its --origin.

    \b
    Examples:
      tracker add source https://example.org/news/kazakhstan --dry-run
      tracker add source https://example.org/report --text-file report.txt --title "A report"
      tracker add source later-report.txt --id later --published 2025-12-02 --basis stated
    """
    from tracker.app import sourcing

    values = {"id": source_id, "title": title, "title_basis": title_basis, "outlet": outlet,
              "authors": author or None,
              "published": published, "published_basis": basis, "published_clue": clue,
              "undated": undated, "retrieved": retrieved, "archive": archive, "note": note,
              "origin": origin, "text_file": text_file}  # fmt: skip
    _adding(lambda: sourcing.add_source(_writable_log(data), reference, values, ask=_asker()), dry_run)


def _writable_log(data: str | None) -> Any:
    """The log `add` may write: never the one installed with the package, which an upgrade replaces."""
    from tracker.log.locate import SHIPPED_LOG, default_log

    if data is None and default_log() == SHIPPED_LOG:
        raise typer.BadParameter(
            "add writes to a log of your own, not the one installed with tracker (an upgrade would "
            "replace it): copy it with `tracker init FOLDER`, then give --data FOLDER/data/events.yaml "
            "or set TRACKER_DATA",
            param_hint="'--data' / TRACKER_DATA",
        )
    return _log_file(data)


def _asker() -> Any:
    """typer.prompt when stdin is a terminal; None otherwise, so missing values are usage errors."""
    if not sys.stdin.isatty():
        return None
    return lambda label, default: typer.prompt(label, default=default, show_default=bool(default))


def _adding(make: Any, dry_run: bool) -> None:
    """Plan the addition (the log locked from its read), then write it or show it; every refusal is a
    message and exit 1 or 2, with nothing written."""
    from tracker.app import curate

    with reported():
        result = make()
        try:
            curate.finish(result, dry_run)
        finally:
            result.release()
