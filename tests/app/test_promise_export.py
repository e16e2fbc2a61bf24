"""The database keeps what expectations judged like promises add to the log (issue 23, part 1): an
expected event's criterion and deadline, and each verdict a later event gives on one."""

from __future__ import annotations

import sqlite3

import promised
from conftest import run


def test_the_database_keeps_criterion_deadline_and_verdicts(tmp_path):
    path = promised.write(tmp_path)
    db = tmp_path / "promises.db"
    assert run("export", "sqlite", str(db), "--data", str(path)).exit_code == 0
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT id, criterion, deadline, stalls, partly_fulfils, part, makes_ambiguous FROM events "
            "ORDER BY position"
        ).fetchall()
    assert rows == [
        ("visit-expected", promised.CRITERION, "2026-01-31", None, None, None, None),
        ("ceremony-expected", None, "2026-01-31", None, None, None, None),
        ("visit-delayed", None, None, "visit-expected", None, None, None),
        ("visit-held", None, None, None, "visit-expected", promised.PART, None),
    ]
