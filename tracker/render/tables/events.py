"""The tables of the log's events, one by one: `timeline`, `show`, `sources`, `due`, `info` and
`changes`; their rows of `TABLES` are assembled into `terminal.TABLES` on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.model import TREATY_KINDS, EventStatus, PublishedBasis
from tracker.queries.expectations import Expectation
from tracker.render.layout import Column, Laid, Layout, link, literal
from tracker.render.terminal import STATUS_STYLE, event_date, expected_mark, promised, titled
from tracker.render.text import count

if TYPE_CHECKING:
    from tracker.queries.changes import ChangeList
    from tracker.queries.due import DueList, LogInfo
    from tracker.queries.sources import EventDetail, SourceList
    from tracker.queries.timeline import TimelineResult


BATCH = 1000  # rows per table piece: rich lays a table out in memory, and slows down as it grows


def timeline(result: TimelineResult) -> Iterator[RenderableType]:
    """The table in pieces of BATCH rows that print as one table.

    Rich measures every cell of a table before printing any, so one table of
    100,000 rows took minutes and gigabytes. The widths are worked out once,
    from every row (`_widths`), and each piece of BATCH rows is a table with
    those widths: the title and header on the first, the caption on the last.
    """
    events = result.events
    expected = sum(1 for e in events if e.status is EventStatus.EXPECTED)
    shown = (result.expectations.get(e.id) for e in events)
    overdue = sum(1 for s in shown if s is not None and s.expectation is Expectation.OVERDUE)
    on = f" on {result.as_of.isoformat()}" if result.as_of else ""
    if result.as_of and result.reviewed and result.as_of > result.reviewed:
        on = f" by {result.reviewed.isoformat()}, where the log stops"  # days it cannot see are not counted
    caption = (
        f"{count(len(events), 'event')}"
        + (
            f"; {expected} marked 'expected' are foreseen, not reported as done"
            + (f", {overdue} of them overdue{on}" if overdue else "")
            if expected
            else ""
        )
        + ". ~ marks an approximate date; 'as of' a standing fact dated by its report. "
        "Under each title: its id, for 'tracker show ID', and how many sources it has (and from how "
        "many independent origins, where some repeat one story)."
    )
    columns = [
        Column("Date"),
        Column("Kind"),
        Column("Countries", least=5, brief="Who", fold=True),
        Column("Event", ratio=1),
    ]
    for event in events:
        when = Text(event_date(event))
        style = ""
        if event.status is EventStatus.EXPECTED:
            mark = expected_mark(result.expectations.get(event.id))
            when.append(f"\n{mark}", style=STATUS_STYLE["expected"])
            style = "italic"
        origins = len(result.origins.get(event.id, ())) or None
        cells = (
            when,
            Text(event.kind.value),
            literal(" ".join(event.countries)),
            titled(event, style, origins=origins),
        )
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    title = "Abraham Accords timeline"
    if len(events) <= BATCH:
        yield Laid(title, caption, columns)
        return
    layout = Layout(columns)
    for start in range(0, len(events), BATCH):
        first, last = start == 0, start + BATCH >= len(events)
        rows = slice(start, start + BATCH)
        yield Laid(
            title if first else None,
            caption if last else None,
            layout,
            rows,
            top=first,
        )


def show(result: EventDetail) -> list[RenderableType]:
    """One event in full, with each citation's source, where to read it, and its verbatim quote."""
    event = result.event

    def names(codes: tuple[str, ...]) -> Text:
        return literal(", ".join(f"{result.names.get(c, c)} ({c})" for c in codes))

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    when = event_date(event)
    if event.date is not None:
        when += f" (known to the {event.date.precision.value})"
    facts.add_row("Date", literal(when))
    if event.date_note:
        facts.add_row("", literal(event.date_note, "dim"))
    status = Text(event.status.value, style=STATUS_STYLE.get(event.status.value, ""))
    facts.add_row("Kind", Text.assemble(event.kind.value, ", ", status))
    facts.add_row("Countries", names(event.countries))
    if event.subjects:
        facts.add_row("Subjects", names(event.subjects))
    if event.kind in TREATY_KINDS:  # a treaty act: whose act it is, and when it takes effect
        facts.add_row("By", names(event.acting))
        if event.effective is not None:
            facts.add_row("Effective", literal(str(event.effective)))
    if event.note:
        facts.add_row("Note", literal(event.note))
    heading = Text.assemble(literal(event.id, "bold"), ": ", literal(event.title))
    cited = f"\nCitations ({len(event.citations)})"
    independent = len(dict.fromkeys(result.origins))
    if result.origins and independent < len(event.source_ids):
        cited = (
            f"\nCitations ({len(event.citations)}; {count(len(event.source_ids), 'source')}, "
            f"{count(independent, 'independent origin')})"
        )
    out: list[RenderableType] = [heading, facts, Text(cited, style="bold")]
    for number, citation in enumerate(event.citations, start=1):
        record = result.source(citation.source)
        source = record.source
        published = str(source.published) if source.published else "date unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += ", inferred"
        where = source.url or record.where or ""  # a web page by its address, which a reader can open
        out.append(literal(f"{number}. {source.id}: {source.outlet or 'outlet unknown'}, {published}"))
        if where:
            out.append(link(where, 3))
        origin = result.origins[number - 1] if number <= len(result.origins) else citation.source
        lines = [
            literal(f"repeats {origin}", "dim") if origin != citation.source else None,
            literal(f"“{' '.join(citation.quote.split())}”", "italic") if citation.quote else None,
            Text(f"gives the date as {citation.date}", "dim") if citation.date else None,
            literal(citation.note, "dim") if citation.note else None,
        ]
        out += [Padding(line, (0, 0, 0, 3)) for line in lines if line is not None]
    if result.corrections:
        from tracker.render import corrections

        out += corrections.listed(result.corrections)
    return [Group(*out)]  # one piece: written at once


def sources(result: SourceList) -> list[RenderableType]:
    """Each source on two lines: what it is, then where to read it, whole (a URL is never cut)."""
    out: list[RenderableType] = [
        Text(f"Sources ({len(result.sources)})", style="bold"),
        literal(
            f"Web pages by their address; local articles (the log's {result.corpus}/) by their path "
            "from the current folder."
        ),
        Text(""),
    ]
    for record in result.sources:
        source = record.source
        published = f"published {source.published}" if source.published else "publication date unknown"
        if source.published_basis is PublishedBasis.INFERRED:
            published += " (inferred)"
        line = Text.assemble(literal(source.id, "bold"))
        line.append_text(literal(f"  {source.outlet or 'outlet unknown'}, {published}; "))
        line.append(f"cited by {count(len(record.cited_by), 'event')}")
        out.append(line)
        if source.shown_title:
            out.append(Padding(literal(source.shown_title), (0, 0, 0, 2)))
        if source.origin is not None:
            out.append(Padding(literal(f"repeats {source.origin}", "dim"), (0, 0, 0, 2)))
        out.append(link(source.url or record.where or "", 2))
    return [Group(*out)]  # one piece: written at once


def due(result: DueList) -> list[RenderableType]:
    rows, on = result.rows, result.as_of.isoformat()
    overdue = sum(1 for r in rows if r.state.expectation is Expectation.OVERDUE)
    judged = [
        f"{sum(1 for r in rows if r.state.expectation is state)} {state.value.replace('-', ' ')}"
        for state in (Expectation.STALLED, Expectation.PARTLY_FULFILLED)
        if any(r.state.expectation is state for r in rows)
    ]
    caption = (
        f"{count(len(rows), 'expectation')} open on {on}: {overdue} overdue "
        "(their deadline or period is over and no event in the log resolves them), "
        + "".join(f"{words}, " for words in judged)
        + "the rest pending. "
        "Under each title: its id, for 'tracker show ID', and how many sources it has."
        if rows
        else f"No expectation open on {on}."
    )
    columns = [
        Column("Date"),
        Column("State", ratio=1, least=10),
        Column("Countries", least=5, brief="Who", fold=True),
        Column("Event", ratio=3),
    ]
    for row in rows:
        event = row.event
        cells = (
            Text(event_date(event)),
            Text(row.state.describe()),
            literal(" ".join(event.countries)),
            promised(titled(event, "italic"), event, row.state),
        )
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    title = f"Expected events due as of {on}"
    return [Laid(title, caption, columns)]


def info(result: LogInfo) -> list[RenderableType]:
    def day(value: object) -> str:
        return str(value) if value is not None else "unknown"

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True, min_width=len("Events from"))
    facts.add_column()
    facts.add_row("Events", f"{result.events} ({result.expected} expected)")
    facts.add_row("Sources", str(result.sources))
    facts.add_row("Events from", f"{day(result.first_date)} to {day(result.last_date)}")
    if result.reviewed is None:
        facts.add_row("Reviewed", "not stated (the log has no 'reviewed' date)")
    else:
        ago = result.reviewed_days_ago
        facts.add_row("Reviewed", f"up to {result.reviewed} ({count(ago or 0, 'day')} before {result.today})")
    label = Text.assemble(("Log", "bold"), " " * (len("Events from") - len("Log") + 2))
    out: list[RenderableType] = [link(result.path, label=label), facts]
    return out


def _change_summary(result: ChangeList) -> str:
    """One line: '+1 announced: Kazakhstan (2025-11-06); expectations: 1 fulfilled, 1 overdue'."""
    from tracker.queries.changes import ChangeKind

    parts: dict[str, list[str]] = {}
    expectations: dict[str, int] = {}
    events = 0
    for row in result.rows:
        if row.change is ChangeKind.EXPECTATION:
            expectations[row.after] = expectations.get(row.after, 0) + 1
            continue
        if row.change is ChangeKind.EVENT:
            events += 1
            continue
        label = "condition" if row.change is ChangeKind.CONDITION else row.after
        parts.setdefault(label, []).append(f"{row.country} ({row.date})")
    pieces = [f"+{len(names)} {label}: {', '.join(names)}" for label, names in parts.items()]
    if expectations:
        words = {"pending": "newly reported", "overdue": "came due (overdue)"}
        counts = ", ".join(f"{n} {words.get(state, state)}" for state, n in expectations.items())
        pieces.append(f"expectations: {counts}")
    if events:
        pieces.append(f"{count(events, 'other event')} (statements, meetings, reports)")
    return "; ".join(pieces) or "No change"


def changes(result: ChangeList) -> list[RenderableType]:
    from tracker.queries.changes import ChangeKind
    from tracker.render import corrections  # the log's corrections, listed after the news

    window = f"{result.since.isoformat()} to {result.until.isoformat()}"
    summary = _change_summary(result) + corrections.summary(result)
    stops = result.stops.isoformat() if result.stops is not None else None
    if stops is not None and not result.rows:
        return [Text(f"Nothing recorded ({window}); the log stops at {stops}."), *corrections.table(result)]
    if stops is not None:
        summary += f" ({window}); nothing recorded after {stops}, where the log stops."
    else:
        summary += f" ({window})."
    out: list[RenderableType] = [literal(summary)]
    if not result.rows:
        return [*out, *corrections.table(result)]
    columns = [Column("Date"), Column("Change", ratio=1, least=12), Column("Event", ratio=3)]
    for row in result.rows:
        before = row.before or ("new" if row.change is ChangeKind.EXPECTATION else "none")
        what = "new condition" if row.change is ChangeKind.CONDITION else f"{before} → {row.after}"
        if row.change is ChangeKind.EXPECTATION:
            what = f"expectation: {what}"
        if row.change is ChangeKind.EVENT:  # no status moved: who took part, and what it was
            change = literal(" ".join(row.event.countries))
            what = row.after
        else:
            change = literal(f"{row.country} ({row.code})" if row.code else "—")
        change.append_text(Text(f"\n{what}", style=STATUS_STYLE.get(row.after, "")))
        event = titled(row.event)
        if row.by is not None:
            event.append("\n")
            event.append_text(literal(f"by {row.by.id}", "dim"))
        if row.part:
            event.append("\n")
            event.append_text(literal(f"part met: {' '.join(row.part.split())}", "dim"))
        cells = (Text(str(row.date) if row.date else "undated"), change, event)
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    if stops is not None:
        cells = (Text(stops), Text("log stops", style="bold"), Text("nothing recorded after this day"))
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    out.append(Laid(f"Changes from {window}", None, columns))
    return [*out, *corrections.table(result)]


# Each result type's table, by the type's name (`terminal.TABLES`).
TABLES: dict[str, Callable[[Any], Iterable[RenderableType]]] = {
    "TimelineResult": timeline,
    "SourceList": sources,
    "EventDetail": show,
    "DueList": due,
    "LogInfo": info,
    "ChangeList": changes,
}
