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
from tracker.queries import (
    CandidateList,
    ChartResult,
    DueList,
    EventDetail,
    Expectation,
    LogInfo,
    Roster,
    SourceList,
    State,
    TimelineResult,
)
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


def _with_notices(caption: str, notices: Iterable[str]) -> str:
    """A caption followed by what the answer could not know (the same lines go to stderr)."""
    return " ".join([caption, *notices])


def _expected_mark(state: State | None) -> str:
    """'expected', with the state below it when it is no longer simply awaited ('overdue')."""
    if state is None or state.expectation is Expectation.PENDING:
        return "expected"
    return f"expected\n{state.expectation.value}"


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
    shown = (result.expectations.get(e.id) for e in events)
    overdue = sum(1 for s in shown if s is not None and s.expectation is Expectation.OVERDUE)
    on = f" on {result.as_of.isoformat()}" if result.as_of else ""
    caption = _with_notices(
        f"{len(events)} event{'s' if len(events) != 1 else ''}; "
        f"{expected} expected (italic) rather than reported as done"
        + (f", {overdue} of them overdue{on}" if overdue else "")
        + ". ~ marks an approximate date; 'as of' marks a standing fact dated by its report.",
        result.notices,
    )
    widths = _timeline_widths(result) if len(events) > BATCH else {}
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
                mark = _expected_mark(result.expectations.get(event.id))
                when.append(f"\n{mark}", style=_STATUS_STYLE["expected"])
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


def _timeline_widths(result: TimelineResult) -> dict[str, int]:
    """What rich would measure for the columns that are not shared out by ratio."""
    events = result.events
    dates = [len(event_date(e)) for e in events]
    dates += [
        len(line)
        for e in events
        if e.status is EventStatus.EXPECTED
        for line in _expected_mark(result.expectations.get(e.id)).split("\n")
    ]
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
    table = _table(title, _with_notices(_signatory_caption(result), result.notices), expand=False)
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
    if waiting:
        caption += f": {result.signed} signed, {waiting} announced only (awaiting signature)."
    else:
        caption += ", all signed."
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
        _with_notices(
            f"{count} publicly named or implied as possible members and not announced. 'Named' counts "
            "distinct sources naming the country, 'Implied' those that only imply it (a group such as "
            "'other Central Asian countries'); --json lists them."
            + (
                " Dates marked * are of implied evidence: no source names it."
                if not all(r.named for r in rows)
                else ""
            ),
            result.notices,
        ),
    )
    table.add_column("Country", overflow="fold")
    table.add_column("First named", no_wrap=True)
    table.add_column("Last named", no_wrap=True)
    table.add_column("Named", justify="right", no_wrap=True)
    table.add_column("Implied", justify="right", no_wrap=True)
    table.add_column("Conditions or obstacles", ratio=2, overflow="fold")
    table.add_column("Latest evidence", ratio=3, overflow="fold")
    for row in rows:
        latest = literal(f"{row.latest.date} {row.latest.title}")
        for event, state in row.expected:
            when = str(event.date) if event.date else "undated"
            mark = _expected_mark(state).replace("\n", ", ")
            latest.append(f"\n{mark}: ", style=_STATUS_STYLE["expected"])
            latest.append_text(literal(f"{when} {event.title}", "italic"))
        star = "" if row.named else "*"
        table.add_row(
            literal(f"{row.country} ({row.code})"),
            f"{row.first_mentioned}{star}",
            f"{row.last_mentioned}{star}",
            str(row.mentions),
            str(row.implied_by),
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


def due(result: DueList) -> list[RenderableType]:
    rows, on = result.rows, result.as_of.isoformat()
    overdue = sum(1 for r in rows if r.state.expectation is Expectation.OVERDUE)
    caption = (
        f"{len(rows)} expectation{'s' if len(rows) != 1 else ''} open on {on}: {overdue} overdue "
        "(their period is over and no event in the log resolves them), the rest pending."
        if rows
        else f"No expectation open on {on}."
    )
    table = _table(f"Expected events due as of {on}", _with_notices(caption, result.notices))
    table.add_column("Date", no_wrap=True)
    table.add_column("State", ratio=2, overflow="fold")
    table.add_column("Countries", max_width=14)
    table.add_column("Event", ratio=3, overflow="fold")
    table.add_column("Sources", ratio=2, overflow="fold")
    for row in rows:
        event = row.event
        table.add_row(
            event_date(event),
            row.state.describe(),
            literal(" ".join(event.countries)),
            literal(event.title, "italic"),
            _ids(event.source_ids),
        )
    return [table]


def info(result: LogInfo) -> list[RenderableType]:
    def day(value: object) -> str:
        return str(value) if value is not None else "unknown"

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("Log", literal(result.path))
    facts.add_row("Events", f"{result.events} ({result.expected} expected)")
    facts.add_row("Sources", str(result.sources))
    facts.add_row("Events from", f"{day(result.first_date)} to {day(result.last_date)}")
    if result.reviewed is None:
        facts.add_row("Reviewed", "not stated (the log has no 'reviewed' date)")
    else:
        ago = result.reviewed_days_ago
        days = f"{ago} day{'s' if ago != 1 else ''}"
        facts.add_row("Reviewed", f"up to {result.reviewed} ({days} before {result.today})")
    out: list[RenderableType] = [facts]
    out += [Text(inert(n)) for n in result.notices]
    return out


def chart(result: ChartResult) -> list[RenderableType]:
    from tracker.render.chart import ChartView

    return [ChartView(result)]


TABLES: dict[type, Callable[[Any], Iterable[RenderableType]]] = {
    TimelineResult: timeline,
    Roster: signatories,
    CandidateList: candidates,
    SourceList: sources,
    EventDetail: show,
    DueList: due,
    LogInfo: info,
    ChartResult: chart,
}
