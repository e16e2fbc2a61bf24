"""The JSON records of the log's events, one by one: `timeline`, `due`, `info`, `show`, `sources`,
`changes` and `cite`, with the columns of those that are listings.

The rows of `RECORDS` and `COLUMNS` here are assembled into `json.RECORDS` and
`json.COLUMNS` on first use; the fields are the contract (docs/contract.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.model import TREATY_KINDS, Event, Source
from tracker.render.json import Column, day, fields, given, iso

if TYPE_CHECKING:
    from tracker.queries.changes import ChangeList
    from tracker.queries.cite import CitationSheet
    from tracker.queries.corrections import CorrectionRow
    from tracker.queries.due import DueList, LogInfo
    from tracker.queries.expectations import State, Step
    from tracker.queries.sources import EventDetail, SourceList, SourceRecord
    from tracker.queries.timeline import TimelineResult


def event_dict(event: Event) -> dict[str, Any]:
    when = event.date
    return {
        "id": event.id,
        "date": iso(when),
        "precision": when.precision.value if when else None,
        "approximate": bool(when and when.approximate),
        "date_basis": event.date_basis.value,
        "date_note": event.date_note,
        "kind": event.kind.value,
        "status": event.status.value,
        "countries": list(event.countries),
        "subjects": list(event.subjects),
        "title": event.title,
        "note": event.note,
        "sources": list(event.source_ids),
        "citations": [
            {
                "source": c.source,
                "quote": c.quote,
                "note": c.note,
                "date": iso(c.date),
                "approximate": bool(c.date and c.date.approximate),
                "differs": c.differs,
            }
            for c in event.citations
        ],
        **_act(event),
    }


def _act(event: Event) -> dict[str, Any]:
    """A treaty act's day of effect and acting states (docs/format.md, "Treaty acts"); else null and []."""
    treaty = event.kind in TREATY_KINDS
    return {"effective": iso(event.effective), "by": list(event.acting) if treaty else []}


def timed_dict(event: Event, known_since: date | None, state: State | None) -> dict[str, Any]:
    """A timeline row: the event, with the days scripts compare and its expectation state."""
    when = event.date
    return {
        **event_dict(event),
        "known_since": day(known_since),
        "start": day(when.start) if when else None,
        "end": day(when.end) if when else None,
        "expectation": state.expectation.value if state is not None else None,
        **promise(event, state),
    }


# -- expectations judged like promises: criterion, deadline, and the dated, cited history ----------


def step_dict(step: Step) -> dict[str, Any]:
    """One change of an expectation's state: when (the first day it holds, and the date at its
    precision), why (a rule's name, or the event and its sources), and the part met, if partly."""
    return {
        "state": step.state.value,
        "since": day(step.since),
        "date": iso(step.date),
        "basis": step.basis.value,
        "event": step.by.id if step.by is not None else None,
        "sources": list(step.sources),
        "part": step.part,
    }


def promise(event: Event, state: State | None) -> dict[str, Any]:
    """What an expected event must come to and by when, the part met if partly, and its history up
    to the day asked for (`[]` for an event that occurred)."""
    return {
        "criterion": event.criterion,
        "deadline": iso(event.deadline),
        "part": state.part if state is not None else None,
        "history": [step_dict(s) for s in state.history] if state is not None else [],
    }


def show(result: EventDetail) -> dict[str, Any]:
    """One event with the full records of the sources it cites, each citation's origin, and its
    corrections."""
    record = {**event_dict(result.event), "source_details": [_source_dict(s) for s in result.sources]}
    for citation, origin in zip(record["citations"], result.origins, strict=False):
        citation["origin"] = origin
    record["origins"] = list(dict.fromkeys(result.origins))
    record["corrections"] = [correction_dict(c) for c in result.corrections]
    record["asked_for"] = result.asked
    return record


def timeline(result: TimelineResult) -> Iterator[dict[str, Any]]:
    states, since, origins = result.expectations, result.known_since, result.origins
    return (
        {**timed_dict(e, since.get(e.id), states.get(e.id)), "origins": list(origins.get(e.id, ()))}
        for e in result.events
    )


def due(result: DueList) -> list[dict[str, Any]]:
    out = []
    for row in result.rows:
        state = row.state
        record = timed_dict(row.event, state.first_reported, state)
        record.update(
            days_overdue=state.days_overdue,
            overdue_since=day(state.overdue_since),
            age_days=state.age,
            as_of=result.as_of.isoformat(),
            known_through=day(state.horizon),
        )
        out.append(record)
    return out


def info(result: LogInfo) -> dict[str, Any]:
    return {
        "path": result.path,
        "events": result.events,
        "sources": result.sources,
        "expected": result.expected,
        "first_date": iso(result.first_date),
        "last_date": iso(result.last_date),
        "reviewed": day(result.reviewed),
        "reviewed_days_ago": result.reviewed_days_ago,
        "today": result.today.isoformat(),
    }


def sources(result: SourceList) -> list[dict[str, Any]]:
    return [_source_dict(s) for s in result.sources]


def reference(source: Source) -> dict[str, Any]:
    """What a bibliography needs of a source; a field the log cannot establish is null."""
    return {
        "title": source.title,
        "title_basis": source.title_basis.value if source.title else None,
        "outlet": source.outlet,
        "authors": list(source.authors),
        "url": source.url,
        "archive": source.archive,
        "published": iso(source.published),
        "published_basis": source.published_basis.value if source.published_basis else None,
        "published_clue": source.published_clue,
        "undated": source.undated,
        "retrieved": iso(source.retrieved),
    }


def _source_dict(record: SourceRecord) -> dict[str, Any]:
    source = record.source
    return {
        "id": source.id,
        **reference(source),
        "file": source.file,
        "path": record.where,
        "snapshot": source.is_snapshot,
        "origin": source.origin,
        "note": source.note,
        "cited_by": list(record.cited_by),
    }


STOPS = "log-stops"  # the `change` of the record that says where the log stops
CORRECTION = "correction"  # the `change` of a correction's record


def correction_dict(row: CorrectionRow) -> dict[str, Any]:
    """A correction as `changes` lists it (and `show`, without the window): the fields every change
    record has, then what the correction says."""
    c = row.correction
    # The sources it is about: the one dropped, moved, retired or amended, and the one now cited instead.
    named = [s for s in (c.source, c.replaced_by if c.source is not None else None) if s is not None]
    return {
        "change": CORRECTION,
        "code": None,
        "country": None,
        "from": row.before,
        "to": row.after,
        "date": c.date.iso(),
        "event": c.event,
        "title": row.title,
        "sources": named,
        "by": None,
        "correction": c.kind.value,
        "field": c.field,
        "source": c.source,
        "quote": c.quote,
        "now": row.now,
        "reason": " ".join(c.reason.split()),
    }


def changes(result: ChangeList) -> list[dict[str, Any]]:
    """The changes in the window, then, when the window runs past the review date, one record
    (change "log-stops") that says nothing after that day is recorded: an empty list alone
    would read as "nothing happened"."""
    since, until = result.since.isoformat(), result.until.isoformat()
    out = [
        {
            "change": row.change.value,
            "code": row.code,
            "country": row.country,
            "from": row.before,
            "to": row.after,
            "date": iso(row.date),
            "event": row.event.id,
            "title": row.event.title,
            "sources": list(row.event.source_ids),
            "by": row.by.id if row.by else None,
            "part": row.part,
            "since": since,
            "until": until,
        }
        for row in result.rows
    ]
    out += [{**correction_dict(c), "since": since, "until": until} for c in result.corrections]
    if result.stops is not None:
        stops = result.stops.isoformat()
        out.append(
            {
                "change": STOPS,
                "code": None,
                "country": None,
                "from": None,
                "to": None,
                "date": stops,
                "event": None,
                "title": f"nothing recorded; the log stops at {stops}",
                "sources": [],
                "by": None,
                "part": None,
                "since": since,
                "until": until,
            }
        )
    return out


def citations(result: CitationSheet) -> list[dict[str, Any]]:
    """Each citation of the event with its source's outlet, date and place: what `cite` prints."""
    event, out = result.detail.event, []
    for citation in event.citations:
        record = result.detail.source(citation.source)
        source = record.source
        out.append(
            {
                "event": event.id,
                "source": source.id,
                **reference(source),
                "path": record.where,
                "quote": citation.quote,
                "note": citation.note,
            }
        )
    return out


# Each result type's records function, by the type's name (`json.RECORDS`).
RECORDS: dict[str, Callable[[Any], Any]] = {
    "TimelineResult": timeline,
    "SourceList": sources,
    "EventDetail": show,
    "DueList": due,
    "LogInfo": info,
    "ChangeList": changes,
    "CitationSheet": citations,
}
WHOLE: frozenset[str] = frozenset()

# A listing's columns in csv and markdown, by its result type's name (`json.COLUMNS`).
COLUMNS: dict[str, list[Column]] = {
    "TimelineResult": fields(
        "id",
        "date",
        "approximate",
        "date_basis",
        "kind",
        "status",
        "countries",
        "subjects",
        "title",
        "sources",
        "origins",
        "known_since",
        "expectation",
    ),
    "DueList": [
        *fields(
            "id",
            "date",
            "approximate",
            "kind",
            "countries",
            "title",
            "expectation",
            "days_overdue",
            "overdue_since",
            "age_days",
            "known_since",
            "sources",
            "as_of",
            "known_through",
            "criterion",
            "deadline",
        ),
        ("history", lambda r: [_step(s) for s in r["history"]]),
    ],
    "SourceList": fields("id", "outlet", "published", "published_basis", "file", "url", "cited_by"),
    "ChangeList": [
        *fields("date", "change", "code", "country", "from", "to", "event", "title", "by", "sources"),
        *given("correction", "field", "reason"),  # a correction's record has them; the news' do not
    ],
    "CitationSheet": fields("event", "source", "outlet", "title", "published", "url", "quote", "note"),
    "LogInfo": fields(
        "path", "events", "sources", "expected", "first_date", "last_date", "reviewed_days_ago"
    ),
}


def _step(step: dict[str, Any]) -> str:
    """A step of an expectation's history in one cell: 'stalled 2026-01-20 by visit-delayed'."""
    who = f" by {step['event']}" if step["event"] else f" ({step['basis']})"
    return f"{step['state']} {step['since'] or 'undated'}{who}"
