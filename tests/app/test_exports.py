"""Exports: the writing contract, the SQLite database and its documented query, the calendar."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, SHIPPED, run, run_json

from tracker.app.export import ics

FORMATS = ["html", "sqlite", "ics"]


# -- writing a file: one helper, the same contract for all three ---------------


@pytest.mark.parametrize("kind", FORMATS)
def test_an_existing_file_is_replaced_only_with_force(tmp_path, kind):
    path = tmp_path / f"out.{kind}"
    path.write_text("keep me", encoding="utf-8")
    result = run("export", kind, str(path), "--data", str(SHIPPED))
    assert result.exit_code == 2
    assert f"{path} exists; give --force to replace it" in result.stderr
    assert path.read_text(encoding="utf-8") == "keep me"
    result = run("export", kind, str(path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() != b"keep me"
    beside = ["out.metadata.json"] if kind == "sqlite" else []  # Datasette's metadata, and nothing else
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, *beside])  # no temporary file
    assert f"tracker: wrote {path} (" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("kind", FORMATS)
def test_a_missing_folder_or_a_folder_is_a_usage_error(tmp_path, kind):
    result = run("export", kind, str(tmp_path / "nowhere" / "out"), "--data", str(SHIPPED))
    assert result.exit_code == 2
    assert f"no folder '{tmp_path / 'nowhere'}'" in result.stderr
    result = run("export", kind, str(tmp_path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_log_writes_nothing(tmp_path, write_log):
    log = write_log(HEADER + GOOD_EVENT.replace("kind: announcement", "kind: nonsense"))
    before = sorted(tmp_path.iterdir())
    result = run("export", "html", str(tmp_path / "out.html"), "--data", str(log))
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    from tracker.app.export import sqlite

    path = tmp_path / "out.db"
    path.write_bytes(b"old")

    def broken(log, connection, *day):
        connection.execute("CREATE TABLE half (x)")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite, "build", broken)
    result = run("export", "sqlite", str(path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert f"tracker: cannot write {path}: No space left on device" in result.stderr
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


def test_an_unwritable_folder_is_exit_1(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run("export", "ics", str(folder / "a.ics"), "--data", str(SHIPPED))
    assert result.exit_code == 1 and "cannot write" in result.stderr


# -- FILE - is standard output ----------------------------------------------------


@pytest.mark.parametrize("kind", ["html", "ics"])
def test_dash_writes_the_export_to_standard_output_and_makes_no_file(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    result = run("export", kind, "-", "--as-of", "2025-11-07", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # no file called '-', no temporary
    sent = result.stdout_bytes
    assert result.stderr.startswith(f"tracker: wrote standard output ({len(sent)} bytes): ")
    to_file = run("export", kind, "./-", "--as-of", "2025-11-07", "--data", str(SHIPPED))  # a file named -
    assert to_file.exit_code == 0 and to_file.stdout == "", to_file.stderr
    assert "tracker: wrote ./- (" in to_file.stderr
    stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")  # the calendar's time of writing
    assert stamp.sub(b"", sent) == stamp.sub(b"", (tmp_path / "-").read_bytes())
    again = run("export", kind, "-", "--as-of", "2025-11-07", "--data", str(SHIPPED))  # no --force needed
    assert again.exit_code == 0 and stamp.sub(b"", again.stdout_bytes) == stamp.sub(b"", sent)


def test_dash_writes_the_database_alone_to_standard_output(tmp_path, monkeypatch, database):
    monkeypatch.chdir(tmp_path)
    result = run("export", "sqlite", "-", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # neither a file called '-' nor its metadata
    assert result.stderr == (
        f"tracker: wrote standard output ({len(result.stdout_bytes)} bytes): 86 events, 100 sources; "
        "no Datasette metadata, which cannot share standard output with the database\n"
    )
    received = tmp_path / "received.db"
    received.write_bytes(result.stdout_bytes)
    query = 'SELECT * FROM status_periods ORDER BY code, "from"'
    with sqlite3.connect(received) as got, sqlite3.connect(database) as expected:
        assert got.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert got.execute(query).fetchall() == expected.execute(query).fetchall()
        assert got.execute("SELECT count(*) FROM search").fetchone() == (
            expected.execute("SELECT count(*) FROM search").fetchone()
        )


def test_a_database_is_not_written_to_a_terminal(tmp_path):
    import os
    import pty
    import sys

    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "export", "sqlite", "-", "--data", str(SHIPPED)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env={**os.environ, "TRACKER_NO_CACHE": "1"},
            text=True,
            timeout=60,
        )
        os.set_blocking(controller, False)
        try:
            shown = os.read(controller, 1 << 16)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 2, result.stderr
    assert (
        "Invalid value for 'FILE': a SQLite database is binary, which a terminal cannot show; "
        in result.stderr
    )
    assert "redirect standard output to a file or a program" in result.stderr
    assert "SQLite format" not in shown.decode("utf-8", "replace") and list(tmp_path.iterdir()) == []


# -- SQLite --------------------------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "accords.db"
    result = run("export", "sqlite", str(path), "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    return path


def documented_query() -> str:
    text = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    query = re.findall(r"```sql\n(.*?)```", text, re.S)[0]  # the others: tests/app/test_sqlite_record.py
    return query


@pytest.mark.parametrize("as_of", ["2020-09-14", "2020-12-31", "2025-11-05", "2025-11-07", "2030-01-01"])
def test_the_documented_members_query_agrees_with_signatories(database, as_of):
    expected = [
        (r["code"], r["country"], r["status"])
        for r in run_json("signatories", "--data", str(SHIPPED), "--as-of", as_of)
        if r["role"] == "member" and r["status"] != "withdrawn"
    ]
    with sqlite3.connect(database) as connection:
        got = connection.execute(documented_query(), {"as_of": as_of}).fetchall()
    assert got == expected
    assert as_of != "2025-11-07" or [c for c, _, _ in got] == ["AE", "BH", "SD", "MA", "KZ"]


def test_the_documented_query_is_the_exports_own():
    from tracker.app.export.sqlite import MEMBERS_AS_OF

    assert documented_query().strip() == MEMBERS_AS_OF.strip()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 shell here")
def test_the_sqlite3_shell_recipe_works_as_printed(database):
    recipe = """.parameter set :as_of "'2025-11-07'"\n"""
    shell = subprocess.run(
        ["sqlite3", str(database)], input=recipe + documented_query() + ";\n", capture_output=True, text=True
    )
    assert shell.returncode == 0, shell.stderr
    assert [line.split("|")[0] for line in shell.stdout.splitlines()] == ["AE", "BH", "SD", "MA", "KZ"]


def test_the_views_and_the_search_index(database):
    with sqlite3.connect(database) as connection:
        members = connection.execute("SELECT code, status FROM members").fetchall()
        candidates = {r[0] for r in connection.execute("SELECT code FROM candidates")}
        entity = connection.execute(
            "SELECT name, iso, role FROM countries WHERE code = 'somaliland'"
        ).fetchone()
        roles = connection.execute("SELECT code, role FROM countries WHERE role IS NOT NULL ORDER BY code")
        found = connection.execute(
            "SELECT kind, id, event_id FROM search WHERE search MATCH 'Hargeisa OR Presidential' ORDER BY kind, id"
        ).fetchall()
        titled = connection.execute("SELECT title, title_basis FROM sources WHERE id = 'seed-000'").fetchone()
    cli = run_json("signatories", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    assert members == [(r["code"], r["status"]) for r in cli if r["role"] == "member"]
    assert candidates == {
        r["code"] for r in run_json("candidates", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    }
    assert entity == ("Somaliland", 0, None)
    assert roles.fetchall() == [("IL", "party"), ("US", "broker")]
    assert ("event", "saar-visits-hargeisa", None) in found
    assert ("quote", "horndiplomat-saar-visit-hargeisa", "saar-visits-hargeisa") in found
    assert titled[1] == "address" and titled[0].startswith("Kazakhstan set to join")


def test_tables_keys_and_dates(database):
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
        assert {"sources", "events", "citations", "event_countries", "status_changes"} <= tables
        pks = {r[1] for r in connection.execute("PRAGMA table_info(citations)") if r[5]}
        assert pks == {"event_id", "position"}
        fks = {(r[3], r[2]) for r in connection.execute("PRAGMA foreign_key_list(citations)")}
        assert fks == {("event_id", "events"), ("source_id", "sources")}
        counts = [
            connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "sources")
        ]
        timeline = run_json("timeline", "--data", str(SHIPPED), "--as-of", "2030-01-01")
        sources = run_json("sources", "--data", str(SHIPPED))
        assert counts == [len(timeline), len(sources)]
        row = connection.execute(
            'SELECT date, precision, start, "end" FROM events WHERE id = ?', ("kazakhstan-announcement",)
        ).fetchone()
        assert row == ("2025-11-06", "day", "2025-11-06", "2025-11-06")
        month = connection.execute(
            "SELECT published, published_start, published_end FROM sources WHERE id='seed-002'"
        )
        assert month.fetchone() == ("2025-11", "2025-11-01", "2025-11-30")
        quotes = connection.execute("SELECT count(*) FROM citations WHERE quote IS NOT NULL").fetchone()[0]
        cited = connection.execute("SELECT count(*) FROM citations").fetchone()[0]
        assert quotes == cited > 100  # every citation carries its verified quote
        subjects = connection.execute(
            "SELECT code FROM event_countries WHERE event_id = 'uae-bahrain-signing' AND subject = 1 ORDER BY code"
        ).fetchall()
        assert subjects == [("AE",), ("BH",)]


# -- the calendar ------------------------------------------------------------------


def test_the_calendar_reads_back_with_icalendar(tmp_path):
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    path = tmp_path / "due.ics"
    result = run("export", "ics", str(path), "--as-of", "2026-11-24", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    parsed = icalendar.Calendar.from_ical(raw)
    entries = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    timeline = run_json("timeline", "--data", str(SHIPPED), "--as-of", "2026-11-24")
    dated = {r["id"]: r for r in timeline if r["status"] == "expected" and r["date"]}
    assert set(entries) == {f"{i}@abraham-accords-tracker" for i in dated}
    summit = entries["kazakhstan-signing-at-summit-expected@abraham-accords-tracker"]
    assert str(summit["SUMMARY"]).startswith("[overdue] Kazakhstan is expected to sign")
    assert summit.decoded("DTSTART").isoformat() == "2025-11-06"
    assert summit.decoded("DTEND").isoformat() == "2025-11-07"
    described = str(summit["DESCRIPTION"])
    assert (
        "- The National, Kazakhstan to join the Abraham Accords, White House says (2025-11-06): https://"
        in described
    )
    assert "tracker show" not in described and ".txt" not in described  # for people: no commands, no paths
    assert str(summit["URL"]).startswith("https://www.thenationalnews.com/")
    assert described.startswith("Overdue since 2025-11-07: its period is over")
    assert str(summit["STATUS"]) == "TENTATIVE"
    fulfilled = entries["saudi-crown-prince-visit@abraham-accords-tracker"]
    assert str(fulfilled["STATUS"]) == "CONFIRMED"
    assert str(fulfilled["DESCRIPTION"]).startswith(
        "Fulfilled on 2025-11-18: Crown Prince"
    )  # not the export day
    again = tmp_path / "again.ics"
    run("export", "ics", str(again), "--as-of", "2026-11-24", "--data", str(SHIPPED))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")]
    assert uids == list(entries)  # stable: a re-export updates the same entries


@pytest.mark.parametrize("text", ["é" * 80, "a" + "€" * 40, "日本" * 30 + "x", "a" * 74, "a" * 75, "a" * 76])
def test_folding_never_splits_a_character_and_unfolds_to_the_line(text):
    line = f"SUMMARY:{text}"
    folded = ics.fold(line)
    assert folded.endswith(b"\r\n")
    physical = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    for p in physical:
        p.decode("utf-8")  # each physical line is whole UTF-8
    assert b"".join([physical[0], *(p[1:] for p in physical[1:])]).decode("utf-8") == line


def test_text_values_are_escaped():
    assert ics.text("a,b;c\\d\ne\x1b") == "a\\,b\\;c\\\\d\\ne\\\\x1b"  # the escape shown, then escaped


@pytest.mark.parametrize("kind", ["html", "sqlite", "ics"])
def test_an_export_never_replaces_the_log_or_an_article_nor_guesses_a_folder(tmp_path, write_log, kind):
    path = write_log(HEADER + GOOD_EVENT)
    before = path.read_bytes()
    for target in (path, path.parent / "article.txt"):
        result = run("export", kind, str(target), "--force", "--data", str(path))
        assert result.exit_code == 2 and "is the log or one of its articles" in result.stderr, result.stderr
    assert path.read_bytes() == before
    result = run("export", kind, str(tmp_path / "nodir") + "/", "--data", str(path))
    assert result.exit_code == 2 and "names a folder" in result.stderr
    assert not (tmp_path / "nodir").exists()


MONTH_EXPECTED = """\
  - id: germany-signing
    date: 2025-12
    status: expected
    kind: signing
    countries: [DE, IL, US]
    subjects: [DE]
    title: Germany is expected to sign
    cite:
      - source: art
        quote: Germany was named as a “possible” member
"""


def _calendar(write_log, text: str):
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    path = write_log(HEADER + text)
    out = path.parent / "due.ics"
    result = run("export", "ics", str(out), "--as-of", "2026-01-15", "--force", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    (entry,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    return entry


def test_a_month_expectation_is_one_day_due_by_the_months_end_and_updates_with_its_sources(write_log):
    entry = _calendar(write_log, MONTH_EXPECTED)
    assert (entry.decoded("DTSTART").isoformat(), entry.decoded("DTEND").isoformat()) == (
        "2025-12-31",
        "2026-01-01",
    )
    assert str(entry["SUMMARY"]) == "[overdue] Germany is expected to sign (due by the end of 2025-12)"
    assert "Expected: by 2025-12-31 (the sources give only the month: 2025-12)." in str(entry["DESCRIPTION"])
    first = (int(entry["SEQUENCE"]), entry.decoded("LAST-MODIFIED"))
    # A later report of it is a change a subscribed calendar must see: a higher SEQUENCE.
    later = (
        MONTH_EXPECTED
        + "      - source: web\n        quote: France and Germany would join the accords soon\n"
    )
    header = HEADER.replace(
        "retrieved: 2025-11-05}",
        "retrieved: 2026-01-10, published: 2026-01-10,\n     published_basis: stated}",
    )
    path = write_log(header + later)
    out = path.parent / "again.ics"
    assert run("export", "ics", str(out), "--as-of", "2026-01-15", "--data", str(path)).exit_code == 0
    import icalendar

    (again,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert int(again["SEQUENCE"]) > first[0] and again.decoded("LAST-MODIFIED") > first[1]
    assert str(again["UID"]) == str(entry["UID"])


def test_the_datasette_metadata_has_the_canned_queries_and_each_answers_as_the_cli(tmp_path):
    import json

    database = tmp_path / "accords.db"
    result = run("export", "sqlite", str(database), "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    assert "Datasette metadata in " + str(tmp_path / "accords.metadata.json") in " ".join(
        result.stderr.split()
    )
    meta = json.loads((tmp_path / "accords.metadata.json").read_text(encoding="utf-8"))
    assert "reviewed through 2026-06-26" in meta["description"] and meta["license"].startswith("MIT")
    queries = {name: q["sql"] for name, q in meta["databases"]["accords"]["queries"].items()}
    assert set(queries) == {
        "members_as_of",
        "ratifications",
        "candidates",
        "changes_between",
        "expectations",
        "expectation_history",
        "corrections",
        "search",
    }
    with sqlite3.connect(database) as connection:
        members = connection.execute(queries["members_as_of"], {"as_of": "2025-11-07"}).fetchall()
        ratified = {r[0]: r[3] for r in connection.execute(queries["ratifications"])}
        candidates = {r[0] for r in connection.execute(queries["candidates"])}
        changed = connection.execute(
            queries["changes_between"], {"since": "2025-11-01", "until": "2025-11-10"}
        ).fetchall()
        found = connection.execute(queries["search"], {"text": "Hargeisa"}).fetchall()
        states = dict(r[:3:2] for r in connection.execute(queries["expectations"]))
        history = connection.execute(
            queries["expectation_history"], {"event": "sudan-legislature-approval-expected"}
        ).fetchall()
        corrected = connection.execute(queries["corrections"]).fetchall()
    cli = run_json("signatories", "--data", str(SHIPPED), "--as-of", "2025-11-07")
    assert members == [(r["code"], r["country"], r["status"]) for r in cli if r["role"] == "member"]
    latest = run_json("signatories", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    assert ratified == {r["code"]: r["ratification"] for r in latest if r["role"] == "member"}
    assert candidates == {
        r["code"] for r in run_json("candidates", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    }
    statuses = [
        r
        for r in run_json("changes", "--since", "2025-11-01", "--until", "2025-11-10", "--data", str(SHIPPED))
        if r["change"] == "status"
    ]
    assert sorted((r[2], r[5]) for r in changed) == sorted((r["code"], r["event"]) for r in statuses)
    assert found and all("[Hargeisa]" in r[3] for r in found)
    due = run_json("due", "--data", str(SHIPPED), "--as-of", "2026-06-26")  # the review date: as the log ends
    assert {k: v for k, v in states.items() if v in ("pending", "overdue", "stalled")} == {
        r["id"]: r["expectation"] for r in due
    }
    assert [(r[1], r[4]) for r in history] == [("pending", None), ("stalled", "sudan-formalisation-derailed")]
    assert ("kazakhstan-announcement", "no longer cites seed-003") in [(r[2], r[4]) for r in corrected]


def test_an_undated_expectation_fulfilled_by_a_dated_event_exports(write_log, tmp_path):
    """The fulfilling event sorts before the undated one it names: the keys are checked at commit."""
    expected = (
        GOOD_EVENT.replace("france-joins", "france-expected")
        .replace("    date: 2025-11-03\n", "    status: expected\n")
        .replace("France announces it will join", "France is expected to announce it will join")
    )
    fulfilled = GOOD_EVENT.replace(
        "    kind: announcement\n", "    kind: announcement\n    fulfils: france-expected\n"
    )
    path = write_log(HEADER + expected + fulfilled)
    assert run("check", "--data", str(path)).exit_code == 0
    database = tmp_path / "out.sqlite"
    result = run("export", "sqlite", str(database), "--data", str(path))
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = connection.execute('SELECT id, "end", fulfils FROM events ORDER BY position').fetchall()
    assert rows == [("france-expected", None, None), ("france-joins", "2025-11-03", "france-expected")]


def test_sqlite_never_replaces_the_log_through_the_metadata_it_writes_beside(tmp_path, write_log):
    """`export sqlite FILE` also writes FILE's stem + .metadata.json: a log of that name is refused."""
    path = write_log(HEADER + GOOD_EVENT)
    log = path.with_name("a.metadata.json")
    path.rename(log)
    before = log.read_bytes()
    result = run("export", "sqlite", str(log.with_name("a.db")), "--force", "--data", str(log))
    assert result.exit_code == 2
    assert f"{log} is the log or one of its articles" in result.stderr
    assert log.read_bytes() == before and not log.with_name("a.db").exists()


def test_a_calendar_entry_links_a_unicode_address_as_ascii(write_log):
    """A URI value is ASCII (RFC 5545, 3.3.13): an address typed in Unicode is sent as a browser
    sends it (`urls.wire`)."""
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    header = HEADER.replace("url: https://example.org/report,", "url: 'https://example.org/أخبار',").replace(
        "retrieved: 2025-11-05}",
        "retrieved: 2026-01-10, published: 2026-01-10,\n     published_basis: stated}",
    )
    cited = (
        MONTH_EXPECTED
        + "      - source: web\n        quote: France and Germany would join the accords soon\n"
    )
    path = write_log(header + cited)
    out = path.parent / "due.ics"
    result = run("export", "ics", str(out), "--as-of", "2026-01-15", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    (entry,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(entry["URL"]) == "https://example.org/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1"
