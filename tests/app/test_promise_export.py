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
