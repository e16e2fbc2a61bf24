"""The log as a SQLite database, for `sqlite3` and Datasette.

Dates are kept as the log wrote them (`date`: 2025, 2025-11 or 2025-11-06)
and as the first and last day of that period (`start`, `end`, ISO text, which
sorts and compares as dates do). `status_periods` holds each status a
country held, from the tracker's own replay, so "members as of a date" is one
WHERE clause (`MEMBERS_AS_OF`); the views `members` and `candidates` give them
as the log ends, and `search` is a full-text index (FTS5) of titles, notes and
quotes. `expectation_steps` holds each expectation's dated, cited history and
`corrections` the log's record of its own corrections (`sqlrecord.py`). The
SQL is `sqlschema.py`; docs/exports.md shows the queries.
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
from tracker.app.export.sqlrecord import expectations_and_corrections, treaty_and_origins
from tracker.app.export.sqlschema import MEMBERS_AS_OF, QUERIES, SCHEMA
from tracker.model import STATUS_KINDS, EventLog, PartialDate, Role, shifted
from tracker.queries.base import country_name, sort_key
from tracker.queries.membership import signatories, transitions

__all__ = ["MEMBERS_AS_OF", "QUERIES", "SCHEMA", "build", "metadata", "metadata_path", "write"]


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


def build(log: EventLog, connection: sqlite3.Connection, as_of: date | None = None) -> None:
    """Every table, from a checked log. Expectations are judged as of `as_of`: the CLI gives the log's
    review date, or today for a log without one (None: the review date, else the end of the calendar,
    when every expected period is over)."""
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
    treaty_and_origins(log, events, connection)
    ended = as_of if as_of is not None else log.reviewed.end if log.reviewed is not None else date.max
    expectations_and_corrections(log, ended, connection)
    connection.commit()


def _role(log: EventLog, code: str) -> str | None:
    role = log.roles.role_of(code)
    return None if role is Role.MEMBER else role.value


def metadata_path(path: Path) -> Path:
    """Where Datasette's metadata goes: beside the database, `accords.db` → `accords.metadata.json`."""
    return path.with_name(f"{path.stem}.metadata.json")


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


def write(log: EventLog, destination: Destination, as_of: date | None = None) -> bool:
    """The database, built in a temporary file that becomes the destination (`tracker.writing`), and
    its Datasette metadata beside it; whether the metadata was written. Its journal is kept in
    memory, so a failure or a signal leaves no `-journal` file beside it; SQLite's own errors (a
    full disk: "database or disk is full") are OSErrors like any other failure to write.

    To standard output the database is built in memory and its bytes written out; the metadata,
    which cannot share the stream, is not written."""
    if destination.path is None:
        connection = sqlite3.connect(":memory:")
        with _failures(connection):
            _build_checked(log, connection, as_of)
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
            _build_checked(log, connection, as_of)
    text = json.dumps(metadata(log, path.stem), ensure_ascii=False, indent=2) + "\n"
    write_bytes(Destination(described, force), [text.encode("utf-8")])
    return True


def _build_checked(log: EventLog, connection: sqlite3.Connection, as_of: date | None) -> None:
    build(log, connection, as_of)
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
