"""Results as JSON records for scripts: the contract documented in docs/contract.md, "JSON output".

Each result type has one records function; the json and jsonl formats print
those records, and csv and markdown flatten them (`flat`), so a field is
named and computed in one place. Nothing here imports rich.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.model import TREATY_KINDS, Event, PartialDate, Problem, Source

if TYPE_CHECKING:
    from tracker.queries.changes import ChangeList
    from tracker.queries.chart import ChartResult
    from tracker.queries.cite import CitationSheet
    from tracker.queries.confidence import Confidence
    from tracker.queries.corrections import CorrectionRow
    from tracker.queries.country import CountryPage
    from tracker.queries.due import DueList, LogInfo
    from tracker.queries.expectations import State, Step
    from tracker.queries.membership import CandidateList, Roster
    from tracker.queries.sources import EventDetail, SourceList, SourceRecord
    from tracker.queries.timeline import TimelineResult
    from tracker.queries.treaty import Act, Treaty


def iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


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


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


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


def signatories(result: Roster) -> list[dict[str, Any]]:
    return [
        {
            "country": row.country,
            "code": row.code,
            "role": row.role.value,
            "status": row.status.value,
            "ordinal": row.ordinal,
            "announced": iso(row.announced),
            "signed": iso(row.signed),
            "sources": list(row.sources),
            "events": list(row.events),
            "as_of": result.as_of.isoformat(),
            **_standing(row.origins, row.treaty, row.confidence),
        }
        for row in result.rows
    ]


def _standing(
    origins: tuple[str, ...], treaty: Treaty | None, confidence: Confidence | None
) -> dict[str, Any]:
    """A row's independent origins, treaty status (members) and confidence (docs/contract.md)."""
    return {
        "origins": list(origins),
        "ratification": treaty.status.value if treaty is not None else None,
        "ratified": iso(treaty.ratified) if treaty is not None else None,
        "in_force": iso(treaty.in_force) if treaty is not None else None,
        "treaty_acts": [_treaty_act(a) for a in treaty.acts] if treaty is not None else [],
        "confidence": confidence.grade.value if confidence is not None else None,
        "confidence_reason": confidence.reason if confidence is not None else None,
    }


def _treaty_act(act: Act) -> dict[str, Any]:
    event = act.event
    return {
        "event": event.id,
        "kind": event.kind.value,
        "by": list(event.acting),
        "date": iso(event.date),
        "effective": iso(event.effective),
        "title": event.title,
        "sources": list(event.source_ids),
        "expectation": act.state.expectation.value if act.state is not None else None,
    }


def candidates(result: CandidateList) -> list[dict[str, Any]]:
    as_of = result.as_of
    return [
        {
            "country": row.country,
            "code": row.code,
            "first_mentioned": iso(row.first_mentioned),
            "last_mentioned": iso(row.last_mentioned),
            "mentions": row.mentions,
            "implied_by": row.implied_by,
            "named": row.named,
            "sources": list(row.sources),
            "implied_sources": list(row.implied),
            "conditions": list(row.conditions),
            "events": list(row.events),
            "latest_evidence": {
                "id": row.latest.id,
                "date": iso(row.latest.date),
                "title": row.latest.title,
                "sources": list(row.latest.source_ids),
            },
            "expected": [
                {"id": e.id, "date": iso(e.date), "title": e.title, "expectation": state.expectation.value}
                for e, state in row.expected
            ],
            "as_of": as_of.isoformat(),
            "origins": list(row.origins),
            "confidence": row.confidence.grade.value if row.confidence is not None else None,
            "confidence_reason": row.confidence.reason if row.confidence is not None else None,
        }
        for row in result.rows
    ]


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


def _brief(event: Event) -> dict[str, Any]:
    return {
        "event": event.id,
        "date": iso(event.date),
        "title": event.title,
        "sources": list(event.source_ids),
    }


def country(result: CountryPage) -> dict[str, Any]:
    """One country's page as one object."""
    evidence = result.candidacy
    return {
        "code": result.code,
        "country": result.country,
        "role": result.role.value if result.role else None,
        "status": result.status.value if result.status else None,
        "as_of": result.as_of.isoformat(),
        "lifecycle": [
            {
                "status": t.after.value,
                "from": t.before.value if t.before else None,
                "date": iso(t.event.date),
                "event": t.event.id,
                "sources": list(t.event.source_ids),
            }
            for t in result.lifecycle
        ],
        "candidacy": None
        if evidence is None
        else {
            "first_named": iso(evidence.first_mentioned),
            "last_named": iso(evidence.last_mentioned),
            "named": evidence.named,
            "named_by": list(evidence.sources),
            "implied_by": list(evidence.implied),
            "events": list(evidence.events),
            "origins": list(evidence.origins),
            "confidence": evidence.confidence.grade.value if evidence.confidence is not None else None,
            "confidence_reason": evidence.confidence.reason if evidence.confidence is not None else None,
        },
        "conditions": [_brief(e) for e in result.conditions],
        "expectations": [
            {
                **_brief(e),
                "expectation": state.expectation.value,
                "resolved_by": state.resolved_by,
                **promise(e, state),
            }
            for e, state in result.expectations
        ],
        "relations": [{**_brief(e), "kind": e.kind.value} for e in result.relations],
        "events": [
            {**_brief(e), "id": e.id, "kind": e.kind.value, "status": e.status.value} for e in result.events
        ],
        "disagreements": [
            {
                "event": d.event.id,
                "source": d.citation.source,
                "says": d.says,
                "quote": d.citation.quote,
                "date": iso(d.citation.date),
                "event_date": iso(d.event.date),
                "event_title": d.event.title,
                "event_sources": [s for s in d.event.source_ids if s != d.citation.source],
            }
            for d in result.disagreements
        ],
        **{k: v for k, v in _standing((), result.treaty, result.confidence).items() if k != "origins"},
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


def problems(items: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problems as records; a non-UTF-8 byte in a log path shows as `\\xff`, so the JSON stays valid."""
    from tracker.render.text import encodable

    return [
        {
            "file": encodable(p.location.file),
            "line": p.location.line,
            "col": p.location.col,
            "message": encodable(p.message),
            "severity": p.severity.value,
        }
        for p in items
    ]


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one encoder, reused: the C one, as there is no indent
_BATCH = 512


def chunks(value: object) -> Iterator[bytes]:
    """UTF-8 JSON in pieces, to be printed as they come.

    An array puts one compact element on each line: the C encoder writes it
    several times faster than an indented one, and each line greps and diffs
    as one record (`jq .` indents it). A single object (`show`) is indented.
    """
    if isinstance(value, dict):
        yield (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return
    assert isinstance(value, Iterable)
    encode = _ENCODER.encode
    pending: list[str] = []
    started = False
    for item in value:
        pending.append(encode(item))
        if len(pending) == _BATCH:
            yield ((",\n" if started else "[\n") + ",\n".join(pending)).encode("utf-8")
            started, pending = True, []
    if pending:
        yield ((",\n" if started else "[\n") + ",\n".join(pending)).encode("utf-8")
        started = True
    yield b"\n]\n" if started else b"[]\n"


def lines(value: object) -> Iterator[bytes]:
    """JSON Lines: one compact object per line, each valid JSON on its own, in batches."""
    items = [value] if isinstance(value, dict) else value
    assert isinstance(items, Iterable)
    encode = _ENCODER.encode
    pending: list[str] = []
    for item in items:
        pending.append(encode(item))
        if len(pending) == _BATCH:
            yield ("\n".join(pending) + "\n").encode("utf-8")
            pending = []
    if pending:
        yield ("\n".join(pending) + "\n").encode("utf-8")


def chart(result: ChartResult) -> dict[str, Any]:
    """The chart as data: lanes with their status spans and open expectations, and the member count."""
    return {
        "as_of": result.as_of.isoformat(),
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "lanes": [
            {
                "code": lane.code,
                "country": lane.country,
                "member": lane.member,
                "status": lane.status.value,
                "spans": [
                    {"status": s.status.value, "start": s.start.isoformat(), "end": s.end.isoformat()}
                    for s in lane.spans
                ],
                "expected": [
                    {
                        "id": m.event_id,
                        "title": m.title,
                        "date": iso(m.date),
                        "drawn_on": m.day.isoformat(),
                        "expectation": m.state.expectation.value,
                    }
                    for m in lane.expected
                ],
            }
            for lane in result.lanes
        ],
        "members": [{"from": day.isoformat(), "count": count} for day, count in result.members],
        "overdue": result.overdue,
        "stalled": result.stalled,
        "partly_fulfilled": result.partly_fulfilled,
        "pending": result.pending,
    }


# Each result type's records: a list (or stream) of objects, or one object for `show`.
def records(result: Any) -> Any:
    """A result's JSON records, each carrying the log's review date as `reviewed`: a script
    that reads any one record knows how far the log speaks (docs/contract.md)."""
    made = RECORDS[type(result).__name__](result)
    reviewed = day(result.reviewed)
    if isinstance(made, dict):
        made["reviewed"] = reviewed
        return made
    return (_stamped(record, reviewed) for record in made)


def _stamped(record: dict[str, Any], reviewed: str | None) -> dict[str, Any]:
    record["reviewed"] = reviewed
    return record


# Each result type's records function, by the type's name: json and jsonl print a result whose name is
# here (`tracker.render.renderer`), without importing any question's module but the one answered.
RECORDS: dict[str, Callable[[Any], Any]] = {
    "TimelineResult": timeline,
    "Roster": signatories,
    "CandidateList": candidates,
    "SourceList": sources,
    "EventDetail": show,
    "DueList": due,
    "LogInfo": info,
    "CountryPage": country,
    "ChangeList": changes,
    "CitationSheet": citations,
    "ChartResult": chart,
}
WHOLE = frozenset({"ChartResult"})  # printed whole (json), never as JSON lines: one drawing, not records


Column = tuple[str, Callable[[dict[str, Any]], Any]]


def _field(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record[name]


def fields(*names: str) -> list[Column]:
    """Columns that are the records' fields of these names, as they are."""
    return [(name, _field(name)) for name in names]


def given(*names: str) -> list[Column]:
    """Columns that only some records of a listing have: empty in the others."""
    return [(name, _optional(name)) for name in names]


def _optional(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record.get(name)


# A listing's columns in csv and markdown (`flat`), by its result type's name: the formats print a result
# whose name is here, each record a row of these columns, named as here and read from the record.
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
    "Roster": fields(
        "ordinal",
        "code",
        "country",
        "role",
        "status",
        "ratification",
        "announced",
        "signed",
        "ratified",
        "in_force",
        "sources",
        "origins",
        "confidence",
        "confidence_reason",
        "as_of",
    ),
    "CandidateList": [
        *fields(
            "code", "country", "mentions", "implied_by", "first_mentioned", "last_mentioned", "conditions"
        ),
        ("latest_evidence", lambda r: r["latest_evidence"]["id"]),
        ("expected", lambda r: [f"{e['id']} ({e['expectation']})" for e in r["expected"]]),
        *fields("sources", "origins", "confidence", "confidence_reason", "as_of"),
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
