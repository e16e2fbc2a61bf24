"""Rows as rich tables for people at a terminal.

Every string that comes from the log goes into a `Text`, never through the
markup parser, so `[bold]` in a title prints as typed. Control characters are
shown escaped so text in a log cannot drive the terminal. Statuses are words
first and colours second: the tables read the same with NO_COLOR or in a pipe.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.model import DateBasis, Event, EventLog, EventStatus, PublishedBasis
from tracker.queries import Candidate, Signatories, cited_by
from tracker.render_text import inert

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


def console() -> Console:
    # highlight=False: rich would otherwise colour numbers and quotes in data.
    return Console(highlight=False)


def signature(out: Console) -> list[str]:
    """What a table's bytes depend on besides the rows: the cache keeps one answer per terminal."""
    return [
        str(out.width),
        str(out.color_system),
        str(out.is_terminal),
        out.encoding,
        str(out.legacy_windows),
    ]


def _table(title: str, caption: str, *, expand: bool = True) -> Table:
    # Captions may carry log text, so they are literal too. Tables expand so
    # that `ratio` columns share the width; narrow tables opt out.
    return Table(
        title=title, caption=literal(caption), box=box.SIMPLE_HEAD, caption_justify="left", expand=expand
    )


def _ids(ids: Iterable[str]) -> Text:
    return Text("\n").join(literal(i, "dim") for i in ids)


def event_date(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    return f"as of {shown}" if event.date_basis is DateBasis.REPORTED else shown


def timeline(events: list[Event], out: Console) -> None:
    expected = sum(1 for e in events if e.status is EventStatus.EXPECTED)
    table = _table(
        "Abraham Accords timeline",
        f"{len(events)} events; {expected} expected (italic) rather than reported as done. "
        "~ marks an approximate date; 'as of' marks a standing fact dated by its report.",
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Countries", max_width=14)
    table.add_column("Event", ratio=3, overflow="fold")
    table.add_column("Sources", ratio=2, overflow="fold")
    for event in events:
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
    out.print(table)


def show(event: Event, log: EventLog, out: Console) -> None:
    """One event in full, with each citation's source and verbatim quote."""
    from tracker import countries

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
    out.print(Text.assemble(literal(event.id, "bold"), ": ", literal(event.title)))
    out.print(facts)
    sources = log.source_map()
    cites = Table.grid(padding=(0, 1))
    cites.add_column(justify="right", no_wrap=True)
    cites.add_column(overflow="fold")
    for number, citation in enumerate(event.citations, start=1):
        source = sources[citation.source]
        published = str(source.published) if source.published else "date unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += ", inferred"
        where = log.local_file(source) if source.is_local else source.url or ""
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
    out.print(Text(f"\nCitations ({len(event.citations)})", style="bold"))
    out.print(cites)


def signatories(result: Signatories, out: Console) -> None:
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
            row.role,
            Text(row.status, style=_STATUS_STYLE.get(row.status, "")),
            str(row.announced) if row.announced else "—",
            str(row.signed) if row.signed else "pending" if row.role == "member" else "—",
            _ids(row.sources),
        )
    out.print(table)


def _signatory_caption(result: Signatories) -> str:
    on = result.as_of.isoformat()
    if not result.rows:
        return f"No country had joined as of {on}."
    members = result.members
    caption = f"{members} member{'s' if members != 1 else ''} as of {on}"
    waiting = result.awaiting_signature
    caption += f", {waiting} awaiting signature." if waiting else ", all signed."
    others = [r for r in result.rows if r.role != "member"]
    if others:
        caption += (
            " " + " and ".join(f"{r.country} ({r.role})" for r in others) + " take part but are not members."
        )
    return caption


def candidates(rows: list[Candidate], as_of: date, out: Console) -> None:
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
    out.print(table)


def sources(log: EventLog, out: Console) -> None:
    citing = cited_by(log)
    table = _table("Sources", f"Local articles are in {log.corpus}/, relative to the log.")
    table.add_column("Id", no_wrap=True)
    table.add_column("Outlet")
    table.add_column("Published")
    table.add_column("Where", ratio=2, overflow="fold")
    table.add_column("Cited by", justify="right", no_wrap=True)
    for source in log.sources:
        published = str(source.published) if source.published else "unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += "\n(inferred)"
        table.add_row(
            literal(source.id),
            literal(source.outlet or "unknown"),
            published,
            literal(source.file or source.url),
            str(len(citing.get(source.id, ()))),
        )
    out.print(table)
