"""The tables of the countries and their standing: `signatories`, `candidates`, `country` and
`chart`; their rows of `TABLES` are assembled into `terminal.TABLES` on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.model import Event, EventStatus, Role
from tracker.queries.treaty import Ratification
from tracker.render.layout import Column, Laid, literal
from tracker.render.terminal import STATUS_STYLE, event_date, expected_mark, promised, sources_count, titled
from tracker.render.text import count

if TYPE_CHECKING:
    from tracker.queries.candidates import CandidateList
    from tracker.queries.chart import ChartResult
    from tracker.queries.country import CountryPage
    from tracker.queries.membership import Roster


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
        status = Text(row.status.value, style=STATUS_STYLE.get(row.status, ""))
        if row.treaty is not None and row.treaty.status is not Ratification.NOT_KNOWN:
            status.append(f"\n{row.treaty.words()}")
        cells = (
            Text(str(row.ordinal) if row.ordinal is not None else ""),
            literal(f"{row.country} ({row.code})"),
            Text(row.role.value),
            status,
            Text(str(row.announced) if row.announced else "—"),
            Text(str(row.signed) if row.signed else "pending" if row.role is Role.MEMBER else "—"),
            sources_count(row.sources),
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
            mark = expected_mark(state).replace("\n", ", ")
            latest.append(f"\n{mark}: ", style=STATUS_STYLE["expected"])
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
    cell = titled(event, counted=False)
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
            status = Text(t.after.value, style=STATUS_STYLE.get(t.after.value, ""))
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
                event_date(event), state.describe().split(" (")[0], promised(_listed(event), event, state)
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
            side = Text.assemble(literal(f"{event_date(d.event)} "), titled(d.event, counted=False))
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
            when.append("\nexpected", style=STATUS_STYLE["expected"])
        table.add_row(when, event.kind.value, titled(event))
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
                when.append(f"\n{expected_mark(act.state)}", style=STATUS_STYLE["expected"])
            table.add_row(when, literal(what), _listed(act.event))
        out += [Text(), _fitted(table, result)]
    return out


def _fitted(table: Table, result: CountryPage) -> Table:
    _fit_ids(table, result.events)
    return table


def chart(result: ChartResult) -> list[RenderableType]:
    from tracker.render.chart import ChartView

    return [ChartView(result)]


# Each result type's table, by the type's name (`terminal.TABLES`).
TABLES: dict[str, Callable[[Any], Iterable[RenderableType]]] = {
    "Roster": signatories,
    "CandidateList": candidates,
    "CountryPage": country,
    "ChartResult": chart,
}
