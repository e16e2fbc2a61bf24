"""What is expected, as a calendar (iCalendar, RFC 5545) that editors can subscribe to or import.

One all-day VEVENT per dated expected event, spanning its whole period (a
day, a month or a year): the log never claims more precision than it has.
Its UID is the event id, so a re-export updates an entry rather than adding
a second one. Lines end in CRLF and are folded at 75 octets, never inside a
UTF-8 character.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tracker.export import write_bytes
from tracker.model import EventLog, EventStatus
from tracker.queries.base import country_name, sort_key
from tracker.queries.expectations import Expectation, State, states
from tracker.render.text import inert

DOMAIN = "abraham-accords-tracker"
# How a calendar should show each state: open ones are tentative, resolved ones final.
STATUS = {
    Expectation.PENDING: "TENTATIVE",
    Expectation.OVERDUE: "TENTATIVE",
    Expectation.FULFILLED: "CONFIRMED",
    Expectation.CALLED_OFF: "CANCELLED",
}


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): control characters made visible, then \\ ; , and newlines escaped."""
    lines = [inert(line) for line in value.split("\n")]
    escaped = [line.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,") for line in lines]
    return "\\n".join(escaped)


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


def _describe(state: State, as_of: date) -> str:
    if state.expectation is Expectation.OVERDUE:
        ended = state.days_overdue
        return f"Overdue on {as_of}: its period ended {ended} days before, and no event resolves it."
    if state.expectation is Expectation.PENDING:
        return f"Pending on {as_of}."
    return f"{state.expectation.value.capitalize()} on {as_of} by event {state.resolved_by}."


def calendar(log: EventLog, as_of: date, now: datetime) -> list[str]:
    """The calendar's content lines, unfolded."""
    found = states(log, as_of)
    sources = log.source_map()
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{DOMAIN}//tracker export ics//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Abraham Accords: expected events",
    ]
    expected = [e for e in log.events if e.status is EventStatus.EXPECTED and e.date is not None]
    for event in sorted(expected, key=sort_key):
        state = found.get(event.id)
        if state is None or event.date is None:
            continue  # not yet reported on `as_of`
        period = event.date
        cited = []
        for source_id in event.source_ids:
            source = sources[source_id]
            where = source.url or (f"local article {source.file}" if source.file else "")
            outlet = f" ({source.outlet})" if source.outlet else ""
            published = f", published {source.published}" if source.published else ""
            cited.append(f"- {source_id}{outlet}{published}: {where}")
        countries = ", ".join(country_name(c, log) for c in event.countries)
        precision = (
            "" if period.precision.value == "day" else f" (known only to the {period.precision.value})"
        )
        description = "\n".join(
            [
                _describe(state, as_of),
                f"Date: {period}{precision}." + (f" {event.date_note}" if event.date_note else ""),
                f"Countries: {countries}." if countries else "",
                *([event.note] if event.note else []),
                "Sources:",
                *cited,
                f"Event id: {event.id} (tracker show {event.id})",
            ]
        )
        state_word = state.expectation.value
        lines += [
            "BEGIN:VEVENT",
            f"UID:{text(event.id)}@{DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{period.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(period.end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{text(f'[{state_word}] {event.title}')}",
            f"DESCRIPTION:{text(description)}",
            f"STATUS:{STATUS[state.expectation]}",
            "TRANSP:TRANSPARENT",
            f"CATEGORIES:{text(state_word)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return lines


def render(log: EventLog, as_of: date, now: datetime | None = None) -> bytes:
    return b"".join(fold(line) for line in calendar(log, as_of, now or datetime.now(UTC)))


def write(log: EventLog, path: Path, force: bool, as_of: date) -> None:
    write_bytes(path, [render(log, as_of)], force)
