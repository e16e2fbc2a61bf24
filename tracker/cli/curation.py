"""The commands for curators: check the log, its schema, find a quote, add a source or an event."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from tracker.app import answer
from tracker.app.answer import LogFile
from tracker.cli import app
from tracker.cli.args import (
    AsOfOption,
    CheckRecordedByOption,
    DataOption,
    KnownByOption,
    _as_of,
    _country,
    _date,
    _format,
    _known_by,
    _log_file,
    _recorded_by,
    today,
)
from tracker.cli.failures import reported
from tracker.errors import FAILED
from tracker.model import Kind
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
    from tracker.app import curate

    if fmt is not None and fmt.strip().lower() not in ("table", "json"):
        raise typer.BadParameter(
            f"'quote' prints no {fmt}; choose one of: table, json", param_hint="'--format'"
        )
    if fmt is not None and json and fmt.strip().lower() != "json":
        raise typer.BadParameter(f"--json and --format {fmt} ask for two formats", param_hint="'--format'")
    json = json or (fmt is not None and fmt.strip().lower() == "json")
    log_file = _log_file(data)
    with reported("SOURCE"):
        found = curate.find_quote(log_file, source, wanted)
    curate.print_quote(found, json)
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
    from tracker.app import curate

    values = {"id": source_id, "title": title, "title_basis": title_basis, "outlet": outlet,
              "authors": author or None,
              "published": published, "published_basis": basis, "published_clue": clue,
              "undated": undated, "retrieved": retrieved, "archive": archive, "note": note,
              "origin": origin, "text_file": text_file}  # fmt: skip
    _adding(lambda: curate.add_source(_writable_log(data), reference, values, ask=_asker()), dry_run)


# The options of one citation, shared by `add event` and `add citation`; each belongs to the
# --cite before it (`_CitingCommand` keeps their order).
CiteOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="SOURCE", show_default=False, help="A source id; repeatable, each with its --quote."
    ),
]
QuoteOption = Annotated[
    list[str] | None,
    typer.Option(
        "--quote", metavar="TEXT", show_default=False, help="Verbatim text for the --cite before it."
    ),
]
CiteNoteOption = Annotated[
    list[str] | None,
    typer.Option(
        "--cite-note", metavar="TEXT", show_default=False, help="What that source says differently."
    ),
]
NamesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--names",
        metavar="CODES",
        show_default=False,
        help="The subjects that source names (comma-separated, '' for none); it implies the rest.",
    ),
]
DiffersOption = Annotated[
    bool, typer.Option("--differs", help="That source's account differs from the event's.")
]
CiteOriginOption = Annotated[
    list[str] | None,
    typer.Option(
        "--cite-origin",
        metavar="ID",
        show_default=False,
        help="The original that quote repeats ('Axios reported'): a source id or a label.",
    ),
]


# Options that belong to the --cite before them, in the order given.
CITATION_OPTIONS = ("--cite", "--quote", "--cite-note", "--names", "--cite-origin")


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
                if name in CITATION_OPTIONS:
                    order.append((name, value))
            elif name == "--differs":
                order.append((name, "true"))
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
    cite: CiteOption = None,
    quote_text: QuoteOption = None,
    cite_note: CiteNoteOption = None,
    names: NamesOption = None,
    differs: DiffersOption = False,
    cite_origin: CiteOriginOption = None,
    effective: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            show_default=False,
            help="Ratification or entry into force: the date it takes effect, where sources give it.",
        ),
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COUNTRY",
            show_default=False,
            help="Ratification or entry into force: a state whose act it is (default: the subjects).",
        ),
    ] = None,
    date_basis: Annotated[
        str | None,
        typer.Option(
            "--date-basis", metavar="BASIS", show_default=False, help="event (default) or reported."
        ),
    ] = None,
    date_note: Annotated[
        str | None,
        typer.Option("--date-note", metavar="TEXT", show_default=False, help="What the date rests on."),
    ] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Add an event citing its sources.

    Each --cite SOURCE is followed by its --quote TEXT, and may be by
    --cite-note, --names, --differs and --cite-origin, which belong to it.
    A ratification or an entry into force takes --effective and --by.

    \b
    Examples:
      tracker add event --id kz-ratified --date 2025-12-02 --kind statement \\
        --country KZ --title "Kazakh officials report the accession ratified" \\
        --cite later --quote "parliament had ratified the country's accession" --dry-run
    """
    from tracker.app import curate

    cites = _citings(ctx.meta.get("citing", []))
    values: dict[str, Any] = {
        "id": event_id,
        "date": when,
        "approximate": "true" if approximate else None,
        "date_basis": date_basis,
        "date_note": date_note,
        "kind": kind,
        "status": "expected" if expected else None,
        "countries": [_country(c, curating=True) for c in country or ()],
        "subjects": [_country(c, curating=True) for c in subject or ()],
        "title": title,
        "note": note,
        "fulfils": fulfils,
        "calls_off": calls_off,
        "effective": effective,
        "by": [_country(c, "--by", curating=True) for c in by or ()],
    }
    _adding(lambda: curate.add_event(_writable_log(data), values, cites, ask=_asker()), dry_run)


@add_app.command("citation", cls=_CitingCommand)
def add_citation(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="An event already in the log.")],
    cite: CiteOption = None,
    quote_text: QuoteOption = None,
    cite_note: CiteNoteOption = None,
    names: NamesOption = None,
    differs: DiffersOption = False,
    cite_origin: CiteOriginOption = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Cite another source for an event already in the log.

    The citations go after the event's last one; nothing else changes. Each
    --cite SOURCE needs its --quote, which check proves.

    \b
    Examples:
      tracker add citation kazakhstan-announcement --cite anews-kz \
        --quote "a day after US President Donald Trump made the announcement" --dry-run
    """
    from tracker.app import curate

    cites = _citings(ctx.meta.get("citing", []))
    _adding(lambda: curate.add_citations(_writable_log(data), event_id, cites), dry_run)


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


def _citings(order: list[tuple[str, str]]) -> list[Any]:
    from dataclasses import replace

    from tracker.log.additions import Citing

    field = {"--quote": "quote", "--cite-note": "note", "--names": "names", "--differs": "differs",
             "--cite-origin": "origin"}  # fmt: skip
    cites: list[Citing] = []
    for name, value in order:
        if name == "--cite":
            cites.append(Citing(value))
            continue
        if not cites:
            raise typer.BadParameter(f"{name} must follow the --cite it belongs to", param_hint=f"'{name}'")
        if getattr(cites[-1], field[name]) not in (None, False):
            raise typer.BadParameter(
                f"one {name} per --cite; cite the source again for a second quote", param_hint=f"'{name}'"
            )
        given: Any = value
        if name == "--names":
            given = tuple(_country(c, "--names", curating=True) for c in value.replace(",", " ").split())
        elif name == "--differs":
            given = True
        cites[-1] = replace(cites[-1], **{field[name]: given})
    return cites


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
