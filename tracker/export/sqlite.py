"""The log as a SQLite database, for `sqlite3` and Datasette.

Dates are kept as the log wrote them (`date`: 2025, 2025-11 or 2025-11-06)
and as the first and last day of that period (`start`, `end`, ISO text, which
sorts and compares as dates do). The view `status_changes` lists every
change of a country's status in the order the replay applies them; docs/exports.md
shows a query that answers "members as of a date" from it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tracker.export import replacing
from tracker.model import STATUS_KINDS, EventLog, PartialDate
from tracker.queries.base import country_name, sort_key

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    file TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_start TEXT,
    published_end TEXT,
    published_basis TEXT,
    published_clue TEXT,
    note TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,          -- order in the log, which breaks ties between equal dates
    date TEXT,                          -- as written: YYYY, YYYY-MM or YYYY-MM-DD; NULL if undated
    precision TEXT,
    approximate INTEGER NOT NULL,
    start TEXT,                         -- first day of the date's period
    "end" TEXT,                         -- last day: an event counts from here on
    date_basis TEXT NOT NULL,
    date_note TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,               -- occurred or expected
    title TEXT NOT NULL,
    note TEXT,
    -- an event may name one that sorts after it (an undated expectation, fulfilled by a dated event):
    -- checked when the rows are committed, not as each is inserted
    fulfils TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    calls_off TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE citations (
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    quote TEXT,
    note TEXT,
    date TEXT,
    names TEXT,                         -- JSON list of the subjects this source names; NULL: all of them
    PRIMARY KEY (event_id, position)
);
CREATE TABLE event_countries (
    event_id TEXT NOT NULL REFERENCES events(id),
    code TEXT NOT NULL,
    country TEXT NOT NULL,
    subject INTEGER NOT NULL,           -- 1: the event changes (or bears on) this country's status
    PRIMARY KEY (event_id, code)
);
CREATE INDEX citations_source ON citations(source_id);
CREATE INDEX event_countries_code ON event_countries(code);
CREATE VIEW status_changes AS
    SELECT e."end" AS effective, e.date, e.start, e.position, ec.code, ec.country, e.kind,
           e.id AS event_id, e.title
    FROM events e JOIN event_countries ec ON ec.event_id = e.id
    WHERE ec.subject = 1 AND e.status = 'occurred' AND e."end" IS NOT NULL
      AND e.kind IN ({kinds})
    ORDER BY e."end", e.start, e.position;
"""


def _bounds(value: PartialDate | None) -> tuple[str | None, str | None, str | None]:
    if value is None:
        return None, None, None
    return value.iso(), value.start.isoformat(), value.end.isoformat()


def build(log: EventLog, connection: sqlite3.Connection) -> None:
    kinds = ", ".join(f"'{k.value}'" for k in sorted(STATUS_KINDS))
    connection.executescript(SCHEMA.format(kinds=kinds))
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.id,
                index,
                s.file,
                s.url,
                s.outlet,
                *_bounds(s.published),
                s.published_basis.value if s.published_basis else None,
                s.published_clue,
                s.note,
            )
            for index, s in enumerate(log.sources)
        ],
    )
    events = sorted(log.events, key=sort_key)
    connection.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                e.order,
                *(_bounds(e.date)[:1]),
                e.date.precision.value if e.date else None,
                int(bool(e.date and e.date.approximate)),
                *(_bounds(e.date)[1:]),
                e.date_basis.value,
                e.date_note,
                e.kind.value,
                e.status.value,
                e.title,
                e.note,
                e.fulfils,
                e.calls_off,
            )
            for e in events
        ],
    )
    connection.executemany(
        "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                index,
                c.source,
                c.quote,
                c.note,
                c.date.iso() if c.date else None,
                json.dumps(list(c.names)) if c.names is not None else None,
            )
            for e in events
            for index, c in enumerate(e.citations)
        ],
    )
    connection.executemany(
        "INSERT INTO event_countries VALUES (?, ?, ?, ?)",
        [
            (e.id, code, country_name(code), int(code in e.subjects))
            for e in events
            for code in dict.fromkeys((*e.countries, *e.subjects))
        ],
    )
    connection.commit()


def write(log: EventLog, path: Path, force: bool) -> None:
    with replacing(path, force) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            build(log, connection)
            violations = connection.execute("PRAGMA foreign_key_check").fetchall()
            if violations:  # a checked log cites only its own ids: this would be a bug here
                raise RuntimeError(f"foreign key violations: {violations[:3]}")
        finally:
            connection.close()
