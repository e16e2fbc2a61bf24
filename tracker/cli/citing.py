"""`add event` and `add citation`: the commands that cite sources, each --cite with the options that
belong to it (`_CitingCommand` keeps their order)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
import typer.core

from tracker.cli.adding import DryRunOption, _adding, _asker, _writable_log, add_app
from tracker.cli.args import DataOption, _country
from tracker.model import Kind

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
