"""The database's tables of what the log judges and records about itself: treaty acts and each member's
ratification, every source's and citation's independent origin, each expectation's dated, cited history,
and the corrections of the log (`export sqlite`; the rest is `sqlite.py`, the SQL `sqlschema.py`)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from tracker.model import TREATY_KINDS, Event, EventLog, PartialDate, Role
from tracker.queries.corrections import described, rows
from tracker.queries.expectations import states
from tracker.queries.membership import signatories
from tracker.queries.origins import Origins


def treaty_and_origins(log: EventLog, events: list[Event], connection: sqlite3.Connection) -> None:
    """Treaty acts, each member's ratification as the log ends, and every source's and citation's origin."""
    connection.executemany(
        "INSERT INTO treaty_acts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                code,
                e.kind.value,
                json.dumps(list(e.acting)),
                int(code in e.acting),
                e.status.value,
                e.date.iso() if e.date else None,
                e.effective.iso() if e.effective else None,
                e.effective.end.isoformat() if e.effective else None,
            )
            for e in events
            if e.kind in TREATY_KINDS
            for code in e.subjects
        ],
    )
    members = [r for r in signatories(log, date.max).rows if r.role is Role.MEMBER and r.treaty is not None]
    connection.executemany(
        "INSERT INTO ratifications VALUES (?, ?, ?, ?)",
        [
            (r.code, r.treaty.status.value, _iso(r.treaty.ratified), _iso(r.treaty.in_force))
            for r in members
            if r.treaty is not None
        ],
    )
    origins = Origins(log)
    connection.executemany(
        "INSERT INTO source_origins VALUES (?, ?, ?)",
        [(s.id, s.origin, origins.of_source(s.id)) for s in log.sources],
    )
    connection.executemany(
        "INSERT INTO citation_origins VALUES (?, ?, ?)",
        [(e.id, index, origins.of(c)) for e in events for index, c in enumerate(e.citations)],
    )


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def expectations_and_corrections(log: EventLog, as_of: date, connection: sqlite3.Connection) -> None:
    """Each expected event's history up to `as_of` (the log's review date, as the log ends), as `due`
    and `country` give it, and every correction in the order made, as `changes` lists them."""
    found = states(log, as_of)
    connection.executemany(
        "INSERT INTO expectation_steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                event_id,
                position,
                step.state.value,
                _day(step.since),
                _iso(step.date),
                step.basis.value,
                step.by.id if step.by is not None else None,
                step.part,
                json.dumps(list(step.sources)),
            )
            for event_id, state in found.items()
            for position, step in enumerate(state.history)
        ],
    )
    connection.executemany(
        "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                row.correction.order,
                row.correction.date.iso(),
                row.correction.date.start.isoformat(),
                row.correction.date.end.isoformat(),
                row.correction.kind.value,
                *row.subject,
                row.now,
                row.correction.field,
                row.before,
                row.after,
                row.correction.quote,
                described(row),
                row.correction.reason,
            )
            for row in rows(log, date.min, date.max)
        ],
    )


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
