"""Rows as rich tables for people at a terminal.

Every string that comes from the log goes into a `Text`, never through the
markup parser, so `[bold]` in a title prints as typed. Control characters are
shown escaped so text in a log cannot drive the terminal. Statuses are words
first and colours second: the tables read the same with NO_COLOR or in a pipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tracker.model import DateBasis, Event, EventStatus, PublishedBasis, Role
from tracker.queries import CandidateList, EventDetail, Roster, SourceList, TimelineResult
from tracker.render.text import inert

_STATUS_STYLE = {
    "signed": "green",
    "announced": "yellow",
    "candidate": "cyan",
    "suspended": "red",
    "withdrawn": "red",
    "expected": "italic magenta",
}


def literal(value: str | None, style: str = "") -> Text:
    """Log text made safe to print: no markup, no control sequences."""
    return Text(inert(value or ""), style=style)


# The widths a table is laid out in: COLUMNS=0 would print nothing and COLUMNS=10000000 run for
# minutes, so a width from the environment or the terminal is brought into this range.
MIN_WIDTH, MAX_WIDTH = 20, 1000


def console() -> Console:
    # highlight=False: rich would otherwise colour numbers and quotes in data.
    out = Console(highlight=False)
    out.width = min(max(out.width, MIN_WIDTH), MAX_WIDTH)  # the cache key reads the clamped width
    return out


def printed(out: Console, renderables: Iterable[RenderableType]) -> Iterator[bytes]:
    """Each renderable as `out` would print it, as UTF-8, ready to be written as it comes."""
    for renderable in renderables:
        with out.capture() as captured:
            out.print(renderable)
        yield captured.get().encode("utf-8")


def signature(out: Console) -> list[str]:
    """What a table's bytes depend on besides the rows: the cache keeps one answer per terminal."""
    return [
        str(out.width),
        str(out.color_system),
        str(out.is_terminal),
        out.encoding,
        str(out.legacy_windows),
    ]


def _table(title: str | None, caption: str | None, *, expand: bool = True, header: bool = True) -> Table:
    # Captions may carry log text, so they are literal too. Tables expand so
    # that `ratio` columns share the width; narrow tables opt out. Pieces of
    # a long table leave out the title, header or caption (None, False).
    return Table(
        title=title,
        caption=None if caption is None else literal(caption),
        show_header=header,
        box=box.SIMPLE_HEAD,
        caption_justify="left",
        expand=expand,
    )


def _ids(ids: Iterable[str]) -> Text:
    return Text("\n").join(literal(i, "dim") for i in ids)


def event_date(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    return f"as of {shown}" if event.date_basis is DateBasis.REPORTED else shown


BATCH = 1000  # rows per table piece: rich lays a table out in memory, and slows down as it grows


def timeline(result: TimelineResult) -> Iterator[RenderableType]:
    """The table in pieces of BATCH rows that print as one table.

    Rich measures every cell of a table before printing any, so one table of
    100,000 rows took minutes and gigabytes. Past BATCH rows, the widths of
    the measured columns are worked out once, from every row, and each piece
    is a table with those widths: the title and header on the first, the
    caption on the last.
    """
    events = result.events
    expected = sum(1 for e in events if e.status is EventStatus.EXPECTED)
    caption = (
        f"{len(events)} events; {expected} expected (italic) rather than reported as done. "
        "~ marks an approximate date; 'as of' marks a standing fact dated by its report."
    )
    widths = _timeline_widths(events) if len(events) > BATCH else {}
    for start in range(0, max(len(events), 1), BATCH):
        first, last = start == 0, start + BATCH >= len(events)
        table = _table("Abraham Accords timeline" if first else None, caption if last else None, header=first)
        table.add_column("Date", no_wrap=True, width=widths.get("date"))
        table.add_column("Kind", no_wrap=True, width=widths.get("kind"))
        table.add_column("Countries", max_width=14, width=widths.get("countries"))
        table.add_column("Event", ratio=3, overflow="fold")
        table.add_column("Sources", ratio=2, overflow="fold")
        for event in events[start : start + BATCH]:
            when = Text(event_date(event))
            title = literal(event.title)
            if event.status is EventStatus.EXPECTED:
                when.append("\nexpected", style=_STATUS_STYLE["expected"])
                title.stylize("italic")
            table.add_row(
                when,
                event.kind.value,
                literal(" ".join(event.countries)),
                title,
                _ids(event.source_ids),
            )
        yield table if len(events) <= BATCH else _Piece(table, top=first, bottom=last)


class _Piece:
    """A table without the blank edge lines where it joins the previous or next piece."""

    def __init__(self, table: Table, *, top: bool, bottom: bool) -> None:
        self.table, self.top, self.bottom = table, top, bottom

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(self.table, options, pad=False)
        for line in lines[(0 if self.top else 1) : (None if self.bottom else -1)]:
            yield from line
            yield Segment.line()


def _timeline_widths(events: tuple[Event, ...]) -> dict[str, int]:
    """What rich would measure for the columns that are not shared out by ratio."""
    dates = [len(event_date(e)) for e in events]
    if any(e.status is EventStatus.EXPECTED for e in events):
        dates.append(len("expected"))
    return {
        "date": max([len("Date"), *dates]),
        "kind": max([len("Kind"), *(len(e.kind.value) for e in events)]),
        "countries": min(14, max([len("Countries"), *(len(literal(" ".join(e.countries))) for e in events)])),
    }


def show(result: EventDetail) -> list[RenderableType]:
    """One event in full, with each citation's source and verbatim quote."""
    from tracker import countries

    event = result.event

    def names(codes: tuple[str, ...]) -> Text:
        return literal(", ".join(f"{countries.name(c) or c} ({c})" for c in codes))

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    when = event_date(event)
    if event.date is not None:
        when += f" (known to the {event.date.precision.value})"
    facts.add_row("Date", literal(when))
    if event.date_note:
        facts.add_row("", literal(event.date_note, "dim"))
    status = Text(event.status.value, style=_STATUS_STYLE.get(event.status.value, ""))
    facts.add_row("Kind", Text.assemble(event.kind.value, ", ", status))
    facts.add_row("Countries", names(event.countries))
    if event.subjects:
        facts.add_row("Subjects", names(event.subjects))
    if event.note:
        facts.add_row("Note", literal(event.note))
    heading = Text.assemble(literal(event.id, "bold"), ": ", literal(event.title))
    cites = Table.grid(padding=(0, 1))
    cites.add_column(justify="right", no_wrap=True)
    cites.add_column(overflow="fold")
    for number, citation in enumerate(event.citations, start=1):
        record = result.source(citation.source)
        source = record.source
        published = str(source.published) if source.published else "date unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += ", inferred"
        where = record.where or source.url or ""
        body = literal(f"{source.id}: {source.outlet or 'outlet unknown'}, {published}; {where}")
        lines = [
            literal(f"“{' '.join(citation.quote.split())}”", "italic") if citation.quote else None,
            Text(f"gives the date as {citation.date}", "dim") if citation.date else None,
            literal(citation.note, "dim") if citation.note else None,
        ]
        for line in filter(None, lines):
            body.append("\n")
            body.append_text(line)
        cites.add_row(f"{number}.", body)
    return [heading, facts, Text(f"\nCitations ({len(event.citations)})", style="bold"), cites]


def signatories(result: Roster) -> list[RenderableType]:
    title = f"Abraham Accords signatories as of {result.as_of.isoformat()}"
    table = _table(title, _signatory_caption(result), expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Country", overflow="fold")
    table.add_column("Role", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Announced", no_wrap=True)
    table.add_column("Signed", no_wrap=True)
    table.add_column("Sources", ratio=1, overflow="fold")
    for row in result.rows:
        table.add_row(
            str(row.ordinal) if row.ordinal is not None else "",
            literal(f"{row.country} ({row.code})"),
            row.role.value,
            Text(row.status.value, style=_STATUS_STYLE.get(row.status, "")),
            str(row.announced) if row.announced else "—",
            str(row.signed) if row.signed else "pending" if row.role is Role.MEMBER else "—",
            _ids(row.sources),
        )
    return [table]


def _signatory_caption(result: Roster) -> str:
    on = result.as_of.isoformat()
    if not result.rows:
        return f"No country had joined as of {on}."
    members = result.members
    caption = f"{members} member{'s' if members != 1 else ''} as of {on}"
    waiting = result.awaiting_signature
    caption += f", {waiting} awaiting signature." if waiting else ", all signed."
    others = [r for r in result.rows if r.role is not Role.MEMBER]
    if others:
        caption += (
            " " + " and ".join(f"{r.country} ({r.role})" for r in others) + " take part but are not members."
        )
    return caption


def candidates(result: CandidateList) -> list[RenderableType]:
    rows, as_of = result.rows, result.as_of
    count = f"{len(rows)} countr{'ies' if len(rows) != 1 else 'y'}"
    table = _table(
        f"Candidates for the Abraham Accords as of {as_of.isoformat()}",
        f"{count} publicly named as possible members and not announced. "
        "'Sources' counts distinct sources; --json lists them.",
    )
    table.add_column("Country", overflow="fold")
    table.add_column("First named", no_wrap=True)
    table.add_column("Last named", no_wrap=True)
    table.add_column("Sources", justify="right", no_wrap=True)
    table.add_column("Conditions or obstacles", ratio=2, overflow="fold")
    table.add_column("Latest evidence", ratio=3, overflow="fold")
    for row in rows:
        latest = literal(f"{row.latest.date} {row.latest.title}")
        for event in row.expected:
            when = str(event.date) if event.date else "undated"
            latest.append("\nexpected: ", style=_STATUS_STYLE["expected"])
            latest.append_text(literal(f"{when} {event.title}", "italic"))
        table.add_row(
            literal(f"{row.country} ({row.code})"),
            str(row.first_mentioned),
            str(row.last_mentioned),
            str(row.mentions),
            literal("; ".join(row.conditions) or "none recorded"),
            latest,
        )
    return [table]


def sources(result: SourceList) -> list[RenderableType]:
    table = _table("Sources", f"Local articles are in {result.corpus}/, relative to the log.")
    table.add_column("Id", no_wrap=True)
    table.add_column("Outlet")
    table.add_column("Published")
    table.add_column("Where", ratio=2, overflow="fold")
    table.add_column("Cited by", justify="right", no_wrap=True)
    for record in result.sources:
        source = record.source
        published = str(source.published) if source.published else "unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += "\n(inferred)"
        table.add_row(
            literal(source.id),
            literal(source.outlet or "unknown"),
            published,
            literal(source.file or source.url),
            str(len(record.cited_by)),
        )
    return [table]


TABLES: dict[type, Callable[[Any], Iterable[RenderableType]]] = {
    TimelineResult: timeline,
    Roster: signatories,
    CandidateList: candidates,
    SourceList: sources,
    EventDetail: show,
}
