"""The log as a SQLite database, for `sqlite3` and Datasette.

Dates are kept as the log wrote them (`date`: 2025, 2025-11 or 2025-11-06)
and as the first and last day of that period (`start`, `end`, ISO text, which
sorts and compares as dates do). `status_periods` holds each status a
country held, from the tracker's own replay, so "members as of a date" is one
WHERE clause (`MEMBERS_AS_OF`); the views `members` and `candidates` give them
as the log ends, and `search` is a full-text index (FTS5) of titles, notes and
quotes. docs/exports.md shows the queries.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from tracker.app.export import Destination, check_file, replacing, write_bytes
from tracker.model import STATUS_KINDS, TREATY_KINDS, Event, EventLog, PartialDate, Role, shifted
from tracker.queries.base import country_name, sort_key
from tracker.queries.membership import signatories, transitions
from tracker.queries.origins import Origins

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
    note TEXT,
    title TEXT,
    title_basis TEXT,                   -- stated, address (read from the URL) or supplied (a description)
    authors TEXT,                       -- JSON list of the byline's names
    archive TEXT,
    retrieved TEXT,                     -- the day a web page's text was stored
    undated TEXT                        -- why no publication date could be established
);
CREATE TABLE countries (
    code TEXT PRIMARY KEY,              -- ISO 3166-1 alpha-2, or the id of a party with no ISO code
    name TEXT NOT NULL,
    iso INTEGER NOT NULL,               -- 0: one of the log's entities, which have no ISO code
    role TEXT,                          -- 'party' or 'broker' for the log's roles; NULL otherwise
    joined_rank INTEGER                 -- order of first announcement, members only: sort members by it
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
    calls_off TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    -- expectations judged like promises: an expected event's criterion and deadline, and the other
    -- verdicts a later event gives on one (docs/format.md)
    criterion TEXT,
    deadline TEXT,                      -- as written: YYYY, YYYY-MM or YYYY-MM-DD
    stalls TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    partly_fulfils TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    part TEXT,                          -- with partly_fulfils: the part that was met
    makes_ambiguous TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED
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
CREATE TABLE status_periods (          -- each status a country held, replayed as the tracker replays it
    code TEXT NOT NULL REFERENCES countries(code),
    status TEXT NOT NULL,               -- candidate, announced, signed, suspended or withdrawn
    "from" TEXT NOT NULL,               -- the first day it surely held: the last day of its event's date
    until TEXT,                         -- the last day it held; NULL: it holds still
    event_id TEXT NOT NULL REFERENCES events(id),
    date TEXT NOT NULL                  -- its event's date as the log gives it (2025-08: known to the month)
);
CREATE TABLE treaty_acts (             -- ratifications and entries into force, one row per member acted on
    event_id TEXT NOT NULL REFERENCES events(id),
    code TEXT NOT NULL,                 -- the member whose agreement it is
    kind TEXT NOT NULL,                 -- ratification or entry-into-force
    "by" TEXT NOT NULL,                 -- JSON list of the states whose act it is (the member's own: it)
    own INTEGER NOT NULL,               -- 1: the member itself acts
    status TEXT NOT NULL,               -- occurred, or expected (reported as still to come)
    date TEXT,                          -- the act's date as written; NULL for an undated expectation
    effective TEXT,                     -- the date it takes effect, where sources give it
    effective_end TEXT,                 -- the last day of that date's period
    PRIMARY KEY (event_id, code)
);
CREATE TABLE ratifications (           -- each member's ratification as the log ends (docs/format.md)
    code TEXT PRIMARY KEY REFERENCES countries(code),
    status TEXT NOT NULL,               -- in-force, ratified, not-ratified (signed, not ratified), not-known
    ratified TEXT,                      -- its own first ratification's date
    in_force TEXT                       -- the date its entry into force took effect
);
CREATE TABLE source_origins (          -- the original each source repeats (its own id when none)
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    declared TEXT,                      -- its `origin` as the log gives it: a source id or a label
    origin TEXT NOT NULL                -- where the chain of origins ends
);
CREATE TABLE citation_origins (        -- each citation's independent origin: count DISTINCT origin
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (event_id, position),
    FOREIGN KEY (event_id, position) REFERENCES citations(event_id, position) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED,                     -- event (title and note), quote, or source (title and outlet)
    id UNINDEXED,                       -- the event's or the source's id
    event_id UNINDEXED,                 -- for a quote, the event that cites it
    text
);
CREATE INDEX citations_source ON citations(source_id);
CREATE INDEX status_periods_code ON status_periods(code, "from");
CREATE INDEX event_countries_code ON event_countries(code);
CREATE VIEW status_changes AS
    SELECT e."end" AS effective, e.date, e.start, e.position, ec.code, ec.country, e.kind,
           e.id AS event_id, e.title
    FROM events e JOIN event_countries ec ON ec.event_id = e.id
    WHERE ec.subject = 1 AND e.status = 'occurred' AND e."end" IS NOT NULL
      AND e.kind IN ({kinds})
    ORDER BY e."end", e.start, e.position;
CREATE VIEW current_status AS
    SELECT c.code, c.name AS country, p.status, p."from", p.event_id, c.joined_rank
    FROM status_periods p JOIN countries c ON c.code = p.code
    WHERE p.until IS NULL;
CREATE VIEW members AS
    SELECT code, country, status, "from", event_id FROM current_status
    WHERE status IN ('announced', 'signed', 'suspended') ORDER BY joined_rank;
CREATE VIEW members_ratification AS
    SELECT m.code, m.country, m.status, r.status AS ratification, r.ratified, r.in_force
    FROM members m LEFT JOIN ratifications r ON r.code = m.code;
CREATE VIEW candidates AS
    SELECT code, country, "from" AS named_from, event_id FROM current_status
    WHERE status = 'candidate' ORDER BY "from" DESC, code;
"""

# Members on a day, in the order `tracker signatories` gives them (docs/exports.md shows it).
MEMBERS_AS_OF = """\
SELECT c.code, c.name AS country, p.status
FROM status_periods p JOIN countries c ON c.code = p.code
WHERE p."from" <= :as_of AND (p.until IS NULL OR p.until >= :as_of)
  AND p.status IN ('announced', 'signed', 'suspended')
ORDER BY c.joined_rank"""


def _bounds(value: PartialDate | None) -> tuple[str | None, str | None, str | None]:
    if value is None:
        return None, None, None
    return value.iso(), value.start.isoformat(), value.end.isoformat()


Period = tuple[str, str, str, str | None, str, str]


def _periods(log: EventLog) -> tuple[list[Period], dict[str, int]]:
    """Each country's statuses as periods, from the one replay; and members' order of joining."""
    changes = transitions(log, date.max)
    rows: list[Period] = []
    replaced: set[int] = set()
    last: dict[str, int] = {}
    for change in changes:
        assert change.event.date is not None  # the replay takes only dated events
        start = change.event.date.end
        previous = last.get(change.code)
        if previous is not None:
            code, status, begun, _, event_id, written = rows[previous]
            # It held until the day before; replaced on its own day, it never held (and on the
            # calendar's first day there is no day before).
            ended = shifted(start, -1)
            if ended is None or ended.isoformat() < begun:
                replaced.add(previous)
            else:
                rows[previous] = (code, status, begun, ended.isoformat(), event_id, written)
        last[change.code] = len(rows)
        written = change.event.date.iso()
        rows.append((change.code, change.after.value, start.isoformat(), None, change.event.id, written))
    kept = [row for index, row in enumerate(rows) if index not in replaced]
    ranks = {row.code: row.ordinal for row in signatories(log, date.max).rows if row.ordinal is not None}
    return kept, ranks


def build(log: EventLog, connection: sqlite3.Connection) -> None:
    kinds = ", ".join(f"'{k.value}'" for k in sorted(STATUS_KINDS))
    connection.executescript(SCHEMA.format(kinds=kinds))
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                s.title,
                s.title_basis.value if s.title else None,
                json.dumps(list(s.authors)) if s.authors else None,
                s.archive,
                s.retrieved.iso() if s.retrieved else None,
                s.undated,
            )
            for index, s in enumerate(log.sources)
        ],
    )
    events = sorted(log.events, key=sort_key)
    connection.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                e.criterion,
                e.deadline.iso() if e.deadline is not None else None,
                e.stalls,
                e.partly_fulfils,
                e.part,
                e.makes_ambiguous,
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
    periods, ranks = _periods(log)
    codes = dict.fromkeys(c for e in events for c in (*e.countries, *e.subjects))
    codes.update(dict.fromkeys((*log.roles.party, *log.roles.broker)))
    connection.executemany(
        "INSERT INTO countries VALUES (?, ?, ?, ?, ?)",
        [
            (code, country_name(code, log), int(log.entity(code) is None), _role(log, code), ranks.get(code))
            for code in sorted(codes)
        ],
    )
    connection.executemany("INSERT INTO status_periods VALUES (?, ?, ?, ?, ?, ?)", periods)
    connection.executemany(
        "INSERT INTO search VALUES (?, ?, ?, ?)",
        [
            *(("event", e.id, None, "\n".join(filter(None, (e.title, e.note)))) for e in events),
            *(("quote", c.source, e.id, c.quote) for e in events for c in e.citations),
            *(
                ("source", s.id, None, "\n".join(filter(None, (s.outlet, s.title))))
                for s in log.sources
                if s.title or s.outlet
            ),
        ],
    )
    connection.executemany(
        "INSERT INTO event_countries VALUES (?, ?, ?, ?)",
        [
            (e.id, code, country_name(code, log), int(code in e.subjects))
            for e in events
            for code in dict.fromkeys((*e.countries, *e.subjects))
        ],
    )
    _treaty_and_origins(log, events, connection)
    connection.commit()


def _treaty_and_origins(log: EventLog, events: list[Event], connection: sqlite3.Connection) -> None:
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


def _role(log: EventLog, code: str) -> str | None:
    role = log.roles.role_of(code)
    return None if role is Role.MEMBER else role.value


def metadata_path(path: Path) -> Path:
    """Where Datasette's metadata goes: beside the database, `accords.db` → `accords.metadata.json`."""
    return path.with_name(f"{path.stem}.metadata.json")


QUERIES = {
    "members_as_of": ("Members as of a date, in order of joining", MEMBERS_AS_OF),
    "ratifications": (
        "Each member's ratification as the log ends (signed, not ratified: not-ratified)",
        "SELECT * FROM members_ratification",
    ),
    "candidates": ("Candidates as the log ends", "SELECT * FROM candidates"),
    "changes_between": (
        "Changes of status between two dates (the first day of each new status)",
        'SELECT p."from" AS effective, p.date, p.code, c.name AS country, p.status, p.event_id\n'
        "FROM status_periods p JOIN countries c ON c.code = p.code\n"
        'WHERE p."from" BETWEEN :since AND :until ORDER BY p."from", p.code',
    ),
    "search": (
        "Search titles, notes and quotes",
        "SELECT kind, id, event_id, snippet(search, 3, '[', ']', '…', 12) AS found\n"
        "FROM search WHERE search MATCH :text ORDER BY rank",
    ),
}


def metadata(log: EventLog, database: str) -> dict[str, object]:
    """Datasette's metadata: what the data is, where it comes from, and its questions as canned
    queries, so nobody pastes SQL from the docs."""
    reviewed = f" The news was reviewed through {log.reviewed.iso()}." if log.reviewed is not None else ""
    return {
        "title": "Abraham Accords tracker",
        "description": (
            "Events of the Abraham Accords' expansion, each with its sources and their verbatim quotes; "
            "statuses are replayed from the events." + reviewed
        ),
        "source": "Public news coverage, cited per event (the sources and citations tables)",
        "license": "MIT (the log and the code; quotes remain their publishers')",
        "databases": {
            database: {
                "queries": {name: {"title": title, "sql": sql} for name, (title, sql) in QUERIES.items()},
            }
        },
    }


def write(log: EventLog, destination: Destination) -> bool:
    """The database, built in a temporary file that becomes the destination (`tracker.writing`), and
    its Datasette metadata beside it; whether the metadata was written. Its journal is kept in
    memory, so a failure or a signal leaves no `-journal` file beside it; SQLite's own errors (a
    full disk: "database or disk is full") are OSErrors like any other failure to write.

    To standard output the database is built in memory and its bytes written out; the metadata,
    which cannot share the stream, is not written."""
    if destination.path is None:
        connection = sqlite3.connect(":memory:")
        with _failures(connection):
            _build_checked(log, connection)
            data = connection.serialize()
        write_bytes(destination, [data])
        return False
    path, force = destination.path, destination.force
    described = metadata_path(path)
    check_file(described, force)  # both refused before either is written
    with replacing(path, force) as temporary:
        connection = sqlite3.connect(temporary)
        with _failures(connection):
            connection.execute("PRAGMA journal_mode = MEMORY")
            _build_checked(log, connection)
    text = json.dumps(metadata(log, path.stem), ensure_ascii=False, indent=2) + "\n"
    write_bytes(Destination(described, force), [text.encode("utf-8")])
    return True


def _build_checked(log: EventLog, connection: sqlite3.Connection) -> None:
    build(log, connection)
    violations = connection.execute("PRAGMA foreign_key_check").fetchall()
    if violations:  # a checked log cites only its own ids: this would be a bug here
        raise RuntimeError(f"foreign key violations: {violations[:3]}")


@contextlib.contextmanager
def _failures(connection: sqlite3.Connection) -> Iterator[None]:
    """SQLite's errors as OSErrors (a full disk as ENOSPC); the connection closed whatever happens."""
    try:
        yield
    except sqlite3.Error as err:
        full = getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        if full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise OSError(errno.EIO, f"SQLite: {err}") from None
    finally:
        connection.close()
