"""Rows as rich tables for people at a terminal.

Every string that comes from the log goes into a `Text`, never through the
markup parser, so `[bold]` in a title prints as typed. Control characters are
shown escaped so text in a log cannot drive the terminal. Statuses are words
first and colours second: the tables read the same with NO_COLOR or in a pipe.

Tables are laid out by `layout` (words wrap only at spaces; ids, codes,
URLs and paths are never cut); this module says what goes in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.model import TREATY_KINDS, DateBasis, Event, EventStatus, PublishedBasis, Role
from tracker.queries.expectations import Expectation, State
from tracker.queries.treaty import Ratification
from tracker.render.layout import (
    Column,
    Laid,
    Layout,
    link,
    literal,
)
from tracker.render.text import count, inert

if TYPE_CHECKING:
    from tracker.queries.changes import ChangeList
    from tracker.queries.chart import ChartResult
    from tracker.queries.country import CountryPage
    from tracker.queries.due import DueList, LogInfo
    from tracker.queries.membership import CandidateList, Roster
    from tracker.queries.sources import EventDetail, SourceList
    from tracker.queries.timeline import TimelineResult

_STATUS_STYLE = {
    "signed": "green",
    "announced": "yellow",
    "candidate": "cyan",
    "suspended": "red",
    "withdrawn": "red",
    "expected": "italic magenta",
}


def reach(result: object) -> list[RenderableType]:
    """What the answer could not know (where the log stops), first, above the title: a reader
    sees it before the answer, not after a pager's first screen. The same lines go to stderr
    when the answer is not a table on a terminal."""
    return [Text(inert(n), style="bold") for n in getattr(result, "notices", ())]


def _expected_mark(state: State | None) -> str:
    """'expected', with the state below it when it is no longer simply awaited ('overdue')."""
    if state is None or state.expectation is Expectation.PENDING:
        return "expected"
    return f"expected\n{state.expectation.value}"


def _titled(event: Event, style: str = "", *, counted: bool = True, origins: int | None = None) -> Text:
    """An event's title, and under it, dim, the id that `show` and `cite` take and how many sources it has.

    Sources are counted, not listed, in listings: `show`, `country` and the JSON give every id
    (`counted=False` where the row lists them beside the title). Where some sources repeat one
    original, the count of independent `origins` follows.
    """
    cell = literal(event.title, style)
    cell.append("\n")
    cell.append_text(literal(event.id, "dim"))
    if counted:
        sources = len(event.source_ids)
        cell.append(f" · {count(sources, 'source')}", "dim")
        if origins is not None and origins < sources:
            cell.append(f", {count(origins, 'origin')}", "dim")
    return cell


def _sources_count(ids: Sequence[str]) -> Text:
    """Sources in a table: how many (every id is in `show` and the JSON)."""
    return Text(str(len(ids)))


def event_date(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    return f"as of {shown}" if event.date_basis is DateBasis.REPORTED else shown


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
            mark = _expected_mark(result.expectations.get(event.id))
            when.append(f"\n{mark}", style=_STATUS_STYLE["expected"])
            style = "italic"
        origins = len(result.origins.get(event.id, ())) or None
        cells = (
            when,
            Text(event.kind.value),
            literal(" ".join(event.countries)),
            _titled(event, style, origins=origins),
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
    status = Text(event.status.value, style=_STATUS_STYLE.get(event.status.value, ""))
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


def signatories(result: Roster) -> list[RenderableType]:
    title = f"Abraham Accords signatories as of {result.as_of.isoformat()}"
    columns = [
        Column("#", justify="right"),
        Column("Country", ratio=1),
        Column("Role"),
        Column("Status"),
        Column("Announced"),
        Column("Signed"),
        Column("Sources", justify="right", brief="Src"),
        Column("Origins", justify="right", brief="Orig"),
        Column("Confidence", brief="Conf"),
    ]
    for row in result.rows:
        status = Text(row.status.value, style=_STATUS_STYLE.get(row.status, ""))
        if row.treaty is not None and row.treaty.status is not Ratification.NOT_KNOWN:
            status.append(f"\n{row.treaty.words()}")
        cells = (
            Text(str(row.ordinal) if row.ordinal is not None else ""),
            literal(f"{row.country} ({row.code})"),
            Text(row.role.value),
            status,
            Text(str(row.announced) if row.announced else "—"),
            Text(str(row.signed) if row.signed else "pending" if row.role is Role.MEMBER else "—"),
            _sources_count(row.sources),
            Text(str(len(row.origins))),
            Text(row.confidence.grade.value if row.confidence is not None else ""),
        )
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    caption = _signatory_caption(result) + (
        " Under a status: its ratification, where sources report it. Origins: the independent sources "
        "(a reprinted story counts once)."
    )
    return [Laid(title, caption, columns), *_reasons(r for r in result.rows if r.confidence is not None)]


def _reasons(rows: Iterable[Any]) -> list[RenderableType]:
    """Each confidence grade with its reason, under the table (docs/format.md, "Confidence")."""
    lines = [
        literal(f"{row.code} {row.confidence.grade.value}: {row.confidence.reason}.")
        for row in rows
        if row.confidence is not None
    ]
    if not lines:
        return []
    heading = Text('Confidence (docs/format.md, "Confidence"):')
    return [Group(heading, *(Padding(line, (0, 0, 0, 2)) for line in lines))]


def _signatory_caption(result: Roster) -> str:
    on = result.as_of.isoformat()
    if not result.rows:
        return f"No country had joined as of {on}."
    caption = f"{count(result.members, 'member')} as of {on}"
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
    caption = (
        f"{count(len(rows), 'country', 'countries')} publicly named or implied as possible members and "
        "not announced, most independent origins first. 'Named' gives the first and last date a source "
        "names the country, how many sources name it and from how many independent origins (reprints of "
        "one story count once), and how many only imply it (a group such as 'other Central Asian "
        "countries'); --json lists them."
        + (
            " Dates marked * are of implied evidence: no source names it."
            if not all(r.named for r in rows)
            else ""
        )
    )
    columns = [
        Column("Country", least=10),
        Column("Named"),
        Column("Conditions or obstacles", ratio=2),
        Column("Latest evidence", ratio=3),
        Column("Confidence", brief="Conf"),
    ]
    for row in rows:
        latest = literal(f"{row.latest.date} {row.latest.title}")
        for event, state in row.expected:
            when = str(event.date) if event.date else "undated"
            mark = _expected_mark(state).replace("\n", ", ")
            latest.append(f"\n{mark}: ", style=_STATUS_STYLE["expected"])
            latest.append_text(literal(f"{when} {event.title}", "italic"))
        star = "" if row.named else "*"
        named = Text(f"{row.first_mentioned}{star}\n{row.last_mentioned}{star}\n")
        named.append(f"{count(row.mentions, 'source')}", "dim")
        if row.named:
            named.append(f"\n{count(len(row.origins), 'origin')}", "dim")
        if row.implied_by:
            named.append(f"\n+{row.implied_by} implied", "dim")
        cells = (
            literal(f"{row.country} ({row.code})"),
            named,
            _conditions(row.conditions, row.code),
            latest,
            Text(row.confidence.grade.value if row.confidence is not None else ""),
        )
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    title = f"Candidates for the Abraham Accords as of {as_of.isoformat()}"
    return [Laid(title, caption, columns), *_reasons(rows)]


def _conditions(conditions: tuple[str, ...], code: str) -> Text:
    """The latest condition in words, and how many earlier ones `tracker country` lists: a table
    row stays a few lines however long a country's history of conditions grows."""
    if not conditions:
        return literal("none recorded")
    shown = literal(conditions[-1])
    if len(conditions) > 1:
        shown.append(f"\n+{len(conditions) - 1} earlier (tracker country {code})", "dim")
    return shown


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


# -- expectations judged like promises: criterion, deadline and history under an expectation's title --

_BASIS_WORDS = {
    "first-reported": "first reported",
    "deadline": "deadline passed",
    "expected-date": "date passed",
}


def _promised(cell: Text, event: Event, state: State) -> Text:
    """Under an expectation's title, dim: its criterion and deadline, and, once an event has given a
    verdict on it, each dated step of its history with the event or rule behind it."""
    if event.criterion:
        cell.append("\n")
        cell.append_text(literal(f"criterion: {' '.join(event.criterion.split())}", "dim"))
    if event.deadline is not None:
        cell.append(f"\ndeadline: {event.deadline}", "dim")
    if any(step.by is not None for step in state.history):
        for step in state.history:
            why = f" by {step.by.id}" if step.by is not None else f", {_BASIS_WORDS[step.basis.value]}"
            when = str(step.date) if step.date is not None else "undated"
            cell.append("\n")
            cell.append_text(literal(f"{when} {step.state.value.replace('-', ' ')}{why}", "dim"))
            if step.part:
                cell.append("\n")
                cell.append_text(literal(f"part met: {' '.join(step.part.split())}", "dim"))
    return cell


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
            _promised(_titled(event, "italic"), event, row.state),
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


def _fit_ids(table: Table, events: Iterable[Event]) -> None:
    """Widen the Event column to its longest id (an event's or a source's), so ids are never cut."""
    longest = max((len(i) for e in events for i in (e.id, *e.source_ids)), default=0)
    for column in table.columns:
        if column.header == "Event":
            column.min_width = max(column.min_width or 0, longest)


def _section(title: str, *columns: str) -> Table:
    # A title may name a country or entity as the log writes it: literal, like every cell.
    table = Table(
        title=literal(title),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_edge=False,
    )
    for name in columns:
        if name in ("Event", "Says"):
            table.add_column(name, ratio=3)
        elif name == "State":
            table.add_column(name, ratio=1)
        elif name == "Sources":  # one id a line, never cut
            table.add_column(name, no_wrap=True, min_width=len(name))
        else:
            table.add_column(name, no_wrap=True)
    return table


def _listed(event: Event) -> Text:
    """An event's title and id, and under them every source id: a country's page is where a
    reader finds them all. The ids wrap between themselves, never inside one."""
    cell = _titled(event, counted=False)
    cell.append("\nsources: ", "dim")
    cell.append_text(literal(", ".join(event.source_ids), "dim"))
    return cell


def country(result: CountryPage) -> list[RenderableType]:
    """One country's page: a heading with its standing, then one small table per kind of fact."""
    on = result.as_of.isoformat()
    role = f"{result.role.value}, " if result.role else ""
    if result.status is not None:
        standing = f": {role}{result.status.value}{_ratification(result)} as of {on}"
    elif result.known_by is not None:  # the log may know more, from sources published later
        standing = f" as of {on}: no source published by {result.known_by} names it as a candidate or member"
    else:
        standing = f" as of {on}: no source in the log names it as a candidate or member"
    name = literal(f"{result.country} ({result.code})", "bold")
    out: list[RenderableType] = [Text.assemble(name, standing)]
    if result.confidence is not None:
        grade = result.confidence
        out.append(literal(f"Confidence: {grade.grade.value} ({grade.reason})."))
    if result.lifecycle:
        table = _section("Lifecycle", "Date", "Status", "Event")
        for t in result.lifecycle:
            status = Text(t.after.value, style=_STATUS_STYLE.get(t.after.value, ""))
            table.add_row(event_date(t.event), status, _listed(t.event))
        out += [Text(), _fitted(table, result)]
    out += _treaty_acts(result)
    evidence = result.candidacy
    if evidence is not None:
        named = ", ".join(evidence.sources) or "none"
        implied = ", ".join(evidence.implied) or "none"
        span = f"{evidence.first_mentioned} to {evidence.last_mentioned}"
        which = "named" if evidence.named else "implied (no source names it)"
        out.append(Text("\nCandidacy evidence", style="bold"))  # a blank line, then the heading
        out.append(literal(f"Named by: {named}. Implied by: {implied}. Evidence {which}, {span}."))
        if evidence.confidence is not None:
            grade = evidence.confidence
            out.append(literal(f"Confidence: {grade.grade.value} ({grade.reason})."))
    if result.conditions:
        table = _section("Conditions", "Date", "Event")
        for event in result.conditions:
            table.add_row(event_date(event), _listed(event))
        out += [Text(), _fitted(table, result)]
    if result.expectations:
        table = _section("Expectations", "Date", "State", "Event")
        for event, state in result.expectations:
            table.add_row(
                event_date(event), state.describe().split(" (")[0], _promised(_listed(event), event, state)
            )
        out += [Text(), _fitted(table, result)]
    if result.relations:
        table = _section("Relations with Israel", "Date", "Event")
        for event in result.relations:
            table.add_row(event_date(event), _listed(event))
        out += [Text(), _fitted(table, result)]
    if result.disagreements:
        table = _section("Where sources differ", "Event", "Says")
        for d in result.disagreements:
            others = [i for i in d.event.source_ids if i != d.citation.source]
            side = Text.assemble(literal(f"{event_date(d.event)} "), _titled(d.event, counted=False))
            if others:
                side.append("\n")
                side.append_text(literal(f"per {', '.join(others)}", "dim"))
            says = literal(f"{d.citation.source}: {d.says}")
            if d.citation.quote:
                says.append("\n")
                says.append_text(literal(f"“{' '.join(d.citation.quote.split())}”", "italic"))
            table.add_row(side, says)
        out += [Text(), _fitted(table, result)]
    table = _section(f"Events involving {result.country} ({len(result.events)})", "Date", "Kind", "Event")
    for event in result.events:
        when = Text(event_date(event))
        if event.status is EventStatus.EXPECTED:
            when.append("\nexpected", style=_STATUS_STYLE["expected"])
        table.add_row(when, event.kind.value, _titled(event))
    out += [Text(), _fitted(table, result)]
    out.append(Text("Below each title, its event id: 'tracker show ID' and 'tracker cite ID' take it."))
    return out


def _ratification(result: CountryPage) -> str:
    """ ", not ratified" after a member's status where the log says where its agreement stands."""
    treaty = result.treaty
    if treaty is None or result.role is not Role.MEMBER:
        return ""
    return f", {treaty.words()}"


def _treaty_acts(result: CountryPage) -> list[RenderableType]:
    """The treaty acts on a member's agreement, other states' too, and expected ones with their state."""
    out: list[RenderableType] = []
    treaty = result.treaty
    if treaty is not None and treaty.acts:
        table = _section("Treaty acts", "Date", "Act", "Event")
        for act in treaty.acts:
            what = f"{act.event.kind.value} by {', '.join(act.event.acting)}"
            if act.event.effective is not None:
                what += f"\neffective {act.event.effective}"
            when = Text(event_date(act.event))
            if act.state is not None:
                when.append(f"\n{_expected_mark(act.state)}", style=_STATUS_STYLE["expected"])
            table.add_row(when, literal(what), _listed(act.event))
        out += [Text(), _fitted(table, result)]
    return out


def _fitted(table: Table, result: CountryPage) -> Table:
    _fit_ids(table, result.events)
    return table


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
        change.append_text(Text(f"\n{what}", style=_STATUS_STYLE.get(row.after, "")))
        event = _titled(row.event)
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


def chart(result: ChartResult) -> list[RenderableType]:
    from tracker.render.chart import ChartView

    return [ChartView(result)]


# Each result type's table, by the type's name: the table format prints a result whose name is here
# (`tracker.render.renderer`), as the renderables `layout.printed` prints.
TABLES: dict[str, Callable[[Any], Iterable[RenderableType]]] = {
    "TimelineResult": timeline,
    "Roster": signatories,
    "CandidateList": candidates,
    "SourceList": sources,
    "EventDetail": show,
    "DueList": due,
    "LogInfo": info,
    "CountryPage": country,
    "ChangeList": changes,
    "ChartResult": chart,
}
