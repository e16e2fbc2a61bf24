"""`add correction` and `add assertion`: what the log records of its own answers, a correction of
something it asserted and an answer it stands by (check holds the log to both)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli.adding import DryRunOption, _adding, _asker, _writable_log, add_app
from tracker.cli.args import AsOfOption, DataOption, KnownByOption, _as_of, _country, _date, _known_by


@add_app.command("correction")
def add_correction(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            show_default=False,
            help="amended (a field of an event or source), uncited (a citation dropped), reattributed "
            "(moved to another source), retracted or retired (an id).",
        ),
    ] = None,
    event: Annotated[
        str | None, typer.Option("--event", metavar="ID", show_default=False, help="The event corrected.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="ID",
            show_default=False,
            help="The source corrected, or the one the event no longer cites.",
        ),
    ] = None,
    field: Annotated[
        str | None,
        typer.Option("--field", metavar="NAME", show_default=False, help="amended: the field that changed."),
    ] = None,
    was: Annotated[
        str | None,
        typer.Option(
            "--was", metavar="TEXT", show_default=False, help="amended: its value before (omit: not given)."
        ),
    ] = None,
    quote_text: Annotated[
        str | None,
        typer.Option(
            "--quote", metavar="TEXT", show_default=False, help="uncited: the one quote dropped, if only one."
        ),
    ] = None,
    replaced_by: Annotated[
        str | None,
        typer.Option(
            "--replaced-by",
            metavar="ID",
            show_default=False,
            help="retired: the id that took its place; reattributed: the source now cited.",
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", show_default=False, help="Why, with the evidence."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", show_default=False, help="The day it was made (default: today)."
        ),
    ] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Record a correction of something the log asserted, with its date and reason.

    Make the change in the log (a new date, a dropped citation, a renamed
    id), then record it here: corrections are appended, never edited, and
    check holds the log to what they say. `changes` and its feed list them.

    \b
    Examples:
      tracker add correction --kind amended --event kz-statement --field date \\
        --was 2025-11 --reason "The ministry's statement is dated 6 November" --dry-run
      tracker add correction --kind retired --event old-id --replaced-by new-id --reason "Renamed"
    """
    from tracker.app import curate

    day = None
    if on is not None:
        parsed = _date(on, "--date")
        if parsed is None or parsed.day is None:
            raise typer.BadParameter("a correction is dated to the day (YYYY-MM-DD)", param_hint="'--date'")
        day = parsed.iso()
    values = {
        "kind": kind,
        "event": event,
        "source": source,
        "field": field,
        "was": was,
        "quote": quote_text,
        "replaced_by": replaced_by,
        "reason": reason,
        "date": day,
    }
    _adding(lambda: curate.add_correction(_writable_log(data), values, ask=_asker()), dry_run)


@add_app.command("assertion")
def add_assertion(
    question: Annotated[
        str,
        typer.Argument(
            metavar="QUESTION",
            help="members, signed, candidates or due (lists); status or expectation (one value, of SUBJECT).",
        ),
    ],
    subject: Annotated[
        str | None,
        typer.Argument(
            metavar="[SUBJECT]",
            show_default=False,
            help="status: a country (code or name); expectation: an expected event's id.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    known_by: KnownByOption = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ITEM",
            show_default=False,
            help="Assert only that the answer includes this (a country, or an event id for due); "
            "repeatable, or SA,KZ.",
        ),
    ] = None,
    assertion_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", show_default=False, help="Default: made from the question."),
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", show_default=False, help="Where the answer was published.")
    ] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Assert the log's current answer to a question, so that check fails if it ever changes.

    The answer is the one the command prints (signatories' members, candidates,
    due, country's status, an expectation's state) for --as-of and --known-by.
    It is written to the log's 'assertions' through the same checked writer as
    every addition; from then on `tracker check` replays it and fails at its
    line, showing both answers, when an edit changes the answer.

    \b
    Examples:
      tracker add assertion members --as-of 2025-11-07 --note "README, signatories"
      tracker add assertion candidates --as-of 2025-11-07 --known-by 2025-11-05 --include SA
      tracker add assertion status KZ --as-of 2025-11-07
      tracker add assertion expectation kazakhstan-signing-ceremony --as-of 2025-11-19
    """
    from tracker.app import curate
    from tracker.model import Question

    chosen = next((q for q in Question if q.value == question.strip().lower()), None)
    if chosen is None:
        raise typer.BadParameter(
            f"unknown question '{question}'; choose one of: {', '.join(Question)}", param_hint="'QUESTION'"
        )
    if chosen is Question.STATUS and subject is not None:
        subject = _country(subject, "SUBJECT", curating=True)
    items = [part.strip() for value in include or () for part in value.split(",") if part.strip()]
    if chosen is not Question.DUE:
        items = [_country(item, "--include", curating=True) for item in items]
    when, by = _as_of(as_of), _known_by(known_by)

    def make() -> Any:
        return curate.add_assertion(
            _writable_log(data),
            chosen,
            subject,
            when,
            known_by=by,
            include=items,
            assertion_id=assertion_id,
            note=note,
        )

    _adding(make, dry_run)
