"""The exports keep what expectations judged like promises add to the log (issue 23, part 1), and the
log's corrections (part 5): the database an expected event's criterion, deadline, verdicts and history
and the corrections; the web page the history and the corrections made by its day; the calendar the
deadline (and no corrections: it is a calendar of what is expected)."""

from __future__ import annotations

import sqlite3

import promised
import pytest
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


CORRECTION = """\
corrections:
  - date: 2026-02-20
    kind: amended
    event: visit-held
    field: date
    was: 2026-02-10
    reason: The article is dated the 10th; the visit was on Monday the 9th.
"""


def test_the_web_page_shows_the_history_and_the_corrections_made_by_its_day(tmp_path):
    path = promised.write(tmp_path, promised.LOG + CORRECTION)
    page = tmp_path / "page.html"

    def export(day: str) -> str:
        result = run("export", "html", str(page), "--force", "--as-of", day, "--data", str(path))
        assert result.exit_code == 0, result.stderr
        return " ".join(page.read_text(encoding="utf-8").split())

    html = export("2026-02-25")
    # Sources with an outlet show by outlet; these have titles only, so by id, linked to their entries.
    assert (
        '<span class="when">2026-01-20</span> stalled by <a class="id" href="#event-visit-delayed">'
        'visit-delayed</a> (<a class="id" href="#source-delay">delay</a>)' in html
    )
    assert f"part met: {promised.PART}" in html and f"Criterion: {promised.CRITERION}" in html
    assert '<td data-label="Made" class="when">2026-02-20</td>' in html
    assert "event amended: date was 2026-02-10, now 2026-02-09" in html
    assert "The article is dated the 10th; the visit was on Monday the 9th." in html
    # The day before the correction was made, it is listed apart: made after the page's day.
    before = export("2026-02-19")
    assert "The log records no correction made by" in before
    assert '<caption>Made after <span class="when">2026-02-19</span>, so outside this page' in before


def test_the_database_keeps_each_history_as_the_log_ends_and_the_corrections(tmp_path):
    path = promised.write(tmp_path, promised.LOG + CORRECTION)
    db = tmp_path / "promises.db"
    assert run("export", "sqlite", str(db), "--data", str(path)).exit_code == 0
    with sqlite3.connect(db) as connection:
        steps = connection.execute(
            "SELECT event_id, position, state, since, date, basis, by_event, part, sources "
            "FROM expectation_steps ORDER BY event_id, position"
        ).fetchall()
        states = connection.execute("SELECT event_id, state FROM expectation_states ORDER BY 1").fetchall()
        corrections = connection.execute("SELECT * FROM corrections").fetchall()
    # As of the log's review date, 2026-03-31: the ceremony's deadline passed on the 31st of January.
    assert steps == [
        ("ceremony-expected", 0, "pending", "2026-01-02", "2026-01-02", "first-reported", None, None, '["plan"]'),
        ("ceremony-expected", 1, "overdue", "2026-02-01", "2026-01-31", "deadline", None, None, "[]"),
        ("visit-expected", 0, "pending", "2026-01-02", "2026-01-02", "first-reported", None, None, '["plan"]'),
        ("visit-expected", 1, "stalled", "2026-01-20", "2026-01-20", "event", "visit-delayed", None, '["delay"]'),
        ("visit-expected", 2, "partly-fulfilled", "2026-02-09", "2026-02-09", "event", "visit-held",
         promised.PART, '["visit"]'),
    ]  # fmt: skip
    assert states == [("ceremony-expected", "overdue"), ("visit-expected", "partly-fulfilled")]
    assert corrections == [
        (0, "2026-02-20", "2026-02-20", "2026-02-20", "amended", "event", "visit-held", "visit-held", "date",
         "2026-02-10", "2026-02-09", None, "date was 2026-02-10, now 2026-02-09",
         "The article is dated the 10th; the visit was on Monday the 9th."),
    ]  # fmt: skip


# An undated expectation with a deadline, and one known to the month with a day's deadline inside it.
DEADLINES = """\
  - id: talks-expected
    status: expected
    kind: meeting
    countries: [FR, IL]
    title: Talks are to follow the visit
    deadline: 2026-03-15
    cite:
      - source: plan
        quote: A ceremony to mark the accession is planned for January as well.
  - id: month-expected
    date: 2026-02
    status: expected
    kind: meeting
    countries: [FR, IL]
    title: A second visit in February
    deadline: 2026-02-20
    cite:
      - source: plan
        quote: A ceremony to mark the accession is planned for January as well.
"""


def test_the_calendar_shows_a_deadline_and_sits_on_it_when_the_date_does_not_say_the_day(tmp_path):
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    path = promised.write(tmp_path, promised.LOG + DEADLINES + CORRECTION)
    out = tmp_path / "due.ics"
    result = run("export", "ics", str(out), "--as-of", "2026-02-25", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    entries = {
        str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    # Corrections are about the record, not events to come: the calendar has none.
    assert set(entries) == {"visit-expected", "ceremony-expected", "talks-expected", "month-expected"}

    def shown(uid: str) -> tuple[str, str, str]:
        entry = entries[uid]
        return entry.decoded("DTSTART").isoformat(), str(entry["SUMMARY"]), str(entry["DESCRIPTION"])

    # On its day, with the later deadline in its title and its description, and its criterion.
    day, summary, described = shown("visit-expected")
    assert (day, summary) == (
        "2026-01-15",
        "[partly-fulfilled] France's president is to visit Israel and sign the accords there "
        "(deadline 2026-01-31)",
    )
    assert "\nDeadline: 2026-01-31.\n" in described and f"Criterion: {promised.CRITERION}" in described
    day, summary, described = shown("ceremony-expected")
    assert described.startswith("Overdue since 2026-02-01: its deadline is over")
    # Known to the month: on its deadline (the 20th), not the month's end, since it is overdue after it.
    day, summary, described = shown("month-expected")
    assert (day, summary) == ("2026-02-20", "[overdue] A second visit in February (deadline 2026-02-20)")
    assert "Expected: in 2026-02 (the sources give only the month).\nDeadline: 2026-02-20." in described
    # No date at all: the deadline gives it a day to sit on.
    day, summary, described = shown("talks-expected")
    assert (day, summary) == ("2026-03-15", "[pending] Talks are to follow the visit (deadline 2026-03-15)")
    assert "Expected: no date given.\nDeadline: 2026-03-15." in described
