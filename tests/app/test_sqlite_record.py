"""`export sqlite`'s record of expectations and corrections (issue 23): each expectation's history in
`expectation_steps` and its state in `expectation_states`, the log's corrections in `corrections`, and
docs/exports.md's list of tables and its sample queries, run as printed in the sqlite3 shell."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED, open_log, run, run_json

from tracker.queries.corrections import described, rows

DOCS = REPO / "docs" / "exports.md"
EVER, EVER_AFTER = date.min, date.max  # every correction, whenever made


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "accords.db"
    result = run("export", "sqlite", str(path), "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    return path


def shell(database: Path, query: str) -> list[list[str]]:
    """The query's rows as the sqlite3 shell prints them in JSON mode."""
    done = subprocess.run(
        ["sqlite3", "-json", str(database)], input=query + ";\n", capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [list(row.values()) for row in json.loads(done.stdout or "[]")]


def samples() -> dict[str, str]:
    """The documented queries, by the table each reads."""
    found = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return {re.search(r"FROM (\w+)", q)[1]: q.strip() for q in found}  # type: ignore[index]


def test_the_documented_tables_and_views_are_the_databases(database):
    (listed,) = [
        line for line in DOCS.read_text(encoding="utf-8").splitlines() if "export sqlite FILE" in line
    ]
    tables, views = listed.split("tables ")[1].split("; views ")
    named = set(re.findall(r"`(\w+)`", tables)), set(re.findall(r"`(\w+)`", views))
    shadow = "SELECT name FROM sqlite_master WHERE type = '{}' AND name NOT LIKE 'search_%'"
    made = (
        {r[0] for r in shell(database, shadow.format("table"))},
        {r[0] for r in shell(database, shadow.format("view"))},
    )
    assert named == made
    assert {"expectation_steps", "corrections"} <= named[0] and "expectation_states" in named[1]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 shell here")
def test_the_history_sample_runs_in_the_shell_and_agrees_with_due(database):
    got = shell(database, samples()["expectation_steps"])
    due = run_json("due", "--data", str(SHIPPED), "--as-of", "2026-06-26")  # the log's review date
    (sudan,) = [r for r in due if r["id"] == "sudan-legislature-approval-expected"]
    assert got == [[i, s["state"], s["date"], s["basis"], s["event"]] for i, s in enumerate(sudan["history"])]
    assert [row[1] for row in got] == ["pending", "stalled"]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 shell here")
def test_the_corrections_sample_runs_in_the_shell_and_agrees_with_the_log(database):
    got = shell(database, samples()["corrections"])
    log, _ = open_log(SHIPPED)
    assert log is not None
    made = [
        r
        for r in rows(log, EVER, EVER_AFTER)
        if r.subject[0] == "event" and r.now == "kazakhstan-announcement"
    ]
    assert got == [[r.correction.date.iso(), described(r), r.correction.reason] for r in made]
    assert "no longer cites seed-003" in [row[1] for row in got]


def test_every_correction_and_every_step_is_a_row(database):
    log, _ = open_log(SHIPPED)
    assert log is not None
    stored = shell(
        database, "SELECT position, kind, subject, id, now, was, became FROM corrections ORDER BY position"
    )
    assert stored == [
        [r.correction.order, r.correction.kind.value, *r.subject, r.now, r.before, r.after]
        for r in rows(log, EVER, EVER_AFTER)
    ]
    states = {r[0]: r[1] for r in shell(database, "SELECT event_id, state FROM expectation_states")}
    events = run_json("timeline", "--data", str(SHIPPED), "--as-of", "2026-06-26")  # the review date
    assert states == {r["id"]: r["expectation"] for r in events if r["expectation"] is not None}


def test_every_column_that_names_another_row_is_indexed(database):
    """With foreign keys on, inserting a row looks up the rows that name it: a naming column without an
    index made that a scan of the table per insert (a 10,000-event log took 43 s to export, 100,000
    more than ten minutes). Each child column of a foreign key leads some index (a primary key counts)."""
    import sqlite3

    with sqlite3.connect(database) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        unindexed = []
        for table in tables:
            leading = {
                connection.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
                for index in connection.execute(f"PRAGMA index_list('{table}')")
            }
            for key in connection.execute(f"PRAGMA foreign_key_list('{table}')"):
                if key[1] == 0 and key[3] not in leading:  # a key's first column (seq 0) leads an index
                    unindexed.append(f"{table}.{key[3]} -> {key[2]}")
    assert sorted(set(unindexed)) == []


def test_the_help_names_every_table_and_view(database):
    """`tracker export sqlite -h` lists what the database holds: every table and view by name."""
    import sqlite3

    helped = " ".join(run("export", "sqlite", "-h").stdout.split())
    with sqlite3.connect(database) as connection:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'search_%'"
            )
        ]
    assert [n for n in names if not re.search(rf"\b{n}\b", helped)] == []
