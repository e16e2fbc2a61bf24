"""Rows as JSON for scripts: the contract documented in README, "JSON output".

This module imports nothing from rich, so `--json` never pays for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from tracker.model import Event, EventLog, PartialDate, Problem, Source
from tracker.queries import Candidate, Signatories, cited_by


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
            }
            for c in event.citations
        ],
    }


def show(event: Event, log: EventLog) -> dict[str, Any]:
    """One event with the full records of the sources it cites."""
    citing = cited_by(log)
    sources = log.source_map()
    return {
        **event_dict(event),
        "source_details": [_source_dict(sources[s], citing.get(s, [])) for s in event.source_ids],
    }


def timeline(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    return (event_dict(e) for e in events)


def signatories(result: Signatories) -> list[dict[str, Any]]:
    return [
        {
            "country": row.country,
            "code": row.code,
            "role": row.role,
            "status": row.status,
            "ordinal": row.ordinal,
            "announced": iso(row.announced),
            "signed": iso(row.signed),
            "sources": list(row.sources),
            "events": list(row.events),
            "as_of": result.as_of.isoformat(),
        }
        for row in result.rows
    ]


def candidates(rows: Iterable[Candidate], as_of: date) -> list[dict[str, Any]]:
    return [
        {
            "country": row.country,
            "code": row.code,
            "first_mentioned": iso(row.first_mentioned),
            "last_mentioned": iso(row.last_mentioned),
            "mentions": row.mentions,
            "sources": list(row.sources),
            "conditions": list(row.conditions),
            "events": list(row.events),
            "latest_evidence": {
                "id": row.latest.id,
                "date": iso(row.latest.date),
                "title": row.latest.title,
                "sources": list(row.latest.source_ids),
            },
            "expected": [{"id": e.id, "date": iso(e.date), "title": e.title} for e in row.expected],
            "as_of": as_of.isoformat(),
        }
        for row in rows
    ]


def sources(log: EventLog) -> list[dict[str, Any]]:
    citing = cited_by(log)
    return [_source_dict(s, citing.get(s.id, [])) for s in log.sources]


def _source_dict(source: Source, events: list[str]) -> dict[str, Any]:
    return {
        "id": source.id,
        "file": source.file,
        "url": source.url,
        "outlet": source.outlet,
        "published": iso(source.published),
        "published_basis": source.published_basis.value if source.published_basis else None,
        "published_clue": source.published_clue,
        "note": source.note,
        "cited_by": events,
    }


def problems(items: Iterable[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "file": p.location.file,
            "line": p.location.line,
            "col": p.location.col,
            "message": p.message,
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
