"""What is expected, as a calendar (iCalendar, RFC 5545) that editors can subscribe to or import.

One all-day VEVENT per expected event that has a date or a deadline: on its
day, or "due by" the last day of its deadline (a day, or a month or year), or
else of the month or year its sources give (the log never claims more
precision than it has). A deadline apart from the day is in the title and the
description, with the criterion. Corrections of the log are not in it: they
are about the record, not events to come (`changes` and its feed list them).
Its UID is the event id, and SEQUENCE and
LAST-MODIFIED follow the last change the entry shows, so a calendar that
re-reads the file updates the entry rather than adding a second one. Lines
end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.app.export import Destination, write_bytes
from tracker.model import Event, EventLog, EventStatus, PartialDate, Source, shifted
from tracker.queries.base import country_name, sort_key
from tracker.queries.expectations import Expectation, State, states
from tracker.render.text import inert
from tracker.urls import wire

DOMAIN = "abraham-accords-tracker"
# How a calendar should show each state: open ones are tentative, resolved ones final.
STATUS = {
    Expectation.PENDING: "TENTATIVE",
    Expectation.OVERDUE: "TENTATIVE",
    Expectation.FULFILLED: "CONFIRMED",
    Expectation.CALLED_OFF: "CANCELLED",
    Expectation.STALLED: "TENTATIVE",  # still awaited, with a report of delay
    Expectation.PARTLY_FULFILLED: "TENTATIVE",  # met in part: the rest still awaited
    Expectation.AMBIGUOUS: "TENTATIVE",  # settled as impossible to judge: neither held nor cancelled
}


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): control characters made visible, then \\ ; , and newlines escaped."""
    lines = [inert(line) for line in value.split("\n")]
    escaped = [line.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,") for line in lines]
    return "\\n".join(escaped)


def _day(day: date) -> str:
    """A DATE value (RFC 5545 3.3.4), always four digits of year: strftime's %Y gives '1' for year 1."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets (RFC 5545 3.1)."""
    out, current, size = [], bytearray(), 0
    for char in line:
        encoded = char.encode("utf-8")
        if size + len(encoded) > 75:
            out.append(bytes(current))
            current, size = bytearray(b" "), 1
        current += encoded
        size += len(encoded)
    out.append(bytes(current))
    return b"\r\n".join(out) + b"\r\n"


def _placed(event: Event) -> tuple[PartialDate, str, str]:
    """The period whose last day the entry sits on, its title, and when it is expected, in words.

    On its day when the sources give one; otherwise on the day it is due by, its
    deadline's (or, with none, its period's) last day, after which `due` counts
    it overdue. A deadline apart from that day is in the title, so the calendar
    shows it.
    """
    when, deadline = event.date, event.deadline
    if when is not None and when.precision.value == "day":
        later = f" (deadline {deadline})" if deadline is not None and deadline != when else ""
        return when, event.title + later, str(when)
    if deadline is not None:  # due by its deadline, which the description gives beneath
        said = f"in {when} (the sources give only the {when.precision.value})" if when else "no date given"
        return deadline, f"{event.title} (deadline {deadline})", said
    assert when is not None  # the calendar takes only expectations with a date or a deadline
    said = f"by {when.end} (the sources give only the {when.precision.value}: {when})"
    return when, f"{event.title} (due by the end of {when})", said


def _describe(state: State, as_of: date, resolver: Event | None, deadline: bool = False) -> str:
    """The entry's state in words, dated by what happened, never by the day of the export."""
    if resolver is not None:
        how = {Expectation.FULFILLED: "Fulfilled", Expectation.AMBIGUOUS: "Made ambiguous"}.get(
            state.expectation, "Called off"
        )
        return f"{how} on {resolver.date or 'an undated day'}: {resolver.title}."
    step = state.now
    if step is not None and step.by is not None:  # stalled, or partly fulfilled: still awaited
        part = f" The part met: {step.part}" if step.part else ""
        how = step.state.value.replace("-", " ").capitalize()
        return f"{how} on {step.by.date or 'an undated day'}: {step.by.title}.{part}"
    if state.expectation is Expectation.OVERDUE:
        return (
            f"Overdue since {state.overdue_since}: its {'deadline' if deadline else 'period'} is over, "
            "and no report in the log "
            f"says it happened or was called off (as of {min(as_of, state.horizon or as_of)})."
        )
    return f"Pending as of {min(as_of, state.horizon or as_of)}: no report in the log says it happened yet."


def _cited(source: Source) -> str:
    """A source as a reader finds it: outlet, title, date and address (never a local path)."""
    label = ", ".join(part for part in (source.outlet, source.shown_title) if part) or "an article in the log"
    published = f" ({source.published})" if source.published else ""
    return f"- {label}{published}" + (f": {source.url}" if source.url else "")


def modified(event: Event, state: State, resolver: Event | None, sources: dict[str, Source]) -> date:
    """The last day anything this entry shows changed: a source published, the period ended, a
    resolution. It dates LAST-MODIFIED and counts SEQUENCE, so a calendar that re-reads the file
    sees a newer version whenever the entry changed (and the same one when nothing did)."""
    days = [s.published.end for c in event.citations if (s := sources[c.source]).published is not None]
    if state.expectation is Expectation.OVERDUE and state.overdue_since is not None:
        days.append(state.overdue_since)
    if resolver is not None:
        days += [d.end for d in (resolver.date,) if d is not None]
        days += [
            s.published.end for c in resolver.citations if (s := sources[c.source]).published is not None
        ]
    return max(days, default=state.first_reported or EPOCH)


EPOCH = date(2000, 1, 1)  # SEQUENCE counts days from here: later changes, higher numbers


def calendar(log: EventLog, as_of: date, now: datetime) -> list[str]:
    """The calendar's content lines, unfolded.

    An expectation known only to a month or a year is one all-day entry on the
    period's last day (or on its deadline), "due by" then, never a banner across
    the whole period; one with no date but a deadline sits on the deadline.
    """
    found = states(log, as_of)
    sources = log.source_map()
    by_id = {e.id: e for e in log.events}
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{DOMAIN}//tracker export ics//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Abraham Accords: expected events",
    ]
    expected = [e for e in log.events if e.status is EventStatus.EXPECTED and (e.date or e.deadline)]
    for event in sorted(expected, key=sort_key):
        state = found.get(event.id)
        if state is None:
            continue  # not yet reported on `as_of`
        period, title, when = _placed(event)
        resolver = by_id.get(state.resolved_by or "")
        countries = ", ".join(country_name(c, log) for c in event.countries)
        description = "\n".join(
            [
                _describe(state, as_of, resolver, event.deadline is not None),
                f"Expected: {when}." + (f" {event.date_note}" if event.date_note else ""),
                *([f"Deadline: {event.deadline}."] if event.deadline is not None else []),
                *([f"Criterion: {' '.join(event.criterion.split())}"] if event.criterion else []),
                *([f"Takes effect: {event.effective}."] if event.effective is not None else []),
                *([f"By: {', '.join(country_name(c, log) for c in event.by)}."] if event.by else []),
                *([f"Countries: {countries}."] if countries else []),
                *([event.note] if event.note else []),
                "Reported by:",
                *(_cited(sources[s]) for s in event.source_ids),
                *(
                    ["Resolved, as reported by:", *(_cited(sources[s]) for s in resolver.source_ids)]
                    if resolver is not None
                    else []
                ),
            ]
        )
        changed = modified(event, state, resolver, sources)
        urls = [
            u
            for s in (*(resolver.source_ids if resolver else ()), *event.source_ids)
            if (u := sources[s].url)
        ]
        state_word = state.expectation.value
        lines += [
            "BEGIN:VEVENT",
            f"UID:{text(event.id)}@{DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_day(changed)}T000000Z",
            f"SEQUENCE:{max((changed - EPOCH).days, 0)}",
            f"DTSTART;VALUE=DATE:{_day(period.end)}",
            # The day after, exclusive; 9999-12-31 has none, and an all-day entry without DTEND is
            # one day long (RFC 5545, 3.6.1).
            *([f"DTEND;VALUE=DATE:{_day(after)}"] if (after := shifted(period.end, 1)) else []),
            f"SUMMARY:{text(f'[{state_word}] {title}')}",
            f"DESCRIPTION:{text(description)}",
            *([f"URL:{wire(urls[0])}"] if urls else []),  # a URI value is ASCII (RFC 5545, 3.3.13)
            f"STATUS:{STATUS[state.expectation]}",
            "TRANSP:TRANSPARENT",
            f"CATEGORIES:{text(state_word)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return lines


def render(log: EventLog, as_of: date, now: datetime | None = None) -> bytes:
    return b"".join(fold(line) for line in calendar(log, as_of, now or datetime.now(UTC)))


def write(log: EventLog, destination: Destination, as_of: date) -> int:
    """Write the calendar; the number of entries, for the export's message."""
    data = render(log, as_of)
    write_bytes(destination, [data])
    return data.count(b"BEGIN:VEVENT")
