"""The JSON records of the countries and their standing: `signatories`, `candidates`, `country` and
`chart`, with the columns of those that are listings.

The rows of `RECORDS`, `COLUMNS` and `WHOLE` here are assembled into `json.RECORDS`,
`json.COLUMNS` and `json.WHOLE` on first use; the fields are the contract (docs/contract.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tracker.model import Event
from tracker.render.json import Column, fields, iso
from tracker.render.records.events import promise

if TYPE_CHECKING:
    from tracker.queries.candidates import CandidateList
    from tracker.queries.chart import ChartResult
    from tracker.queries.confidence import Confidence
    from tracker.queries.country import CountryPage
    from tracker.queries.membership import Roster
    from tracker.queries.treaty import Act, Treaty


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


# Each result type's records function, by the type's name (`json.RECORDS`).
RECORDS: dict[str, Callable[[Any], Any]] = {
    "Roster": signatories,
    "CandidateList": candidates,
    "CountryPage": country,
    "ChartResult": chart,
}
WHOLE = frozenset({"ChartResult"})  # printed whole (json), never as JSON lines: one drawing, not records

# A listing's columns in csv and markdown, by its result type's name (`json.COLUMNS`).
COLUMNS: dict[str, list[Column]] = {
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
}
