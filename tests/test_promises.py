"""Expectations judged like promises (issue 23, part 1): a criterion and a deadline, a dated and cited
history with a stall and a partial fulfilment, settled states, and what `check` refuses."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import feedparser
import pytest
from conftest import run

# Three reports of one promised visit: the plan, a delay, and the visit without the signing.
ARTICLES = {
    "plan.txt": "The president will visit Israel in mid-January and sign the accords there.\n"
    "A ceremony to mark the accession is planned for January as well.\n",
    "delay.txt": "Officials said the visit had been put off until further notice.\n",
    "visit.txt": "The president visited Israel on Monday but did not sign the accords.\n",
}

LOG = """\
format: 1
reviewed: 2026-03-31
roles:
  party: [IL]
  broker: [US]
sources:
  - id: plan
    title: Plan
    file: plan.txt
    published: 2026-01-02
    published_basis: stated
  - id: delay
    title: Delay
    file: delay.txt
    published: 2026-01-20
    published_basis: stated
  - id: visit
    title: Visit
    file: visit.txt
    published: 2026-02-10
    published_basis: stated
events:
  - id: visit-expected
    date: 2026-01-15
    status: expected
    kind: meeting
    countries: [FR, IL]
    title: France's president is to visit Israel and sign the accords there
    criterion: The president visits Israel and signs the accords during the visit.
    deadline: 2026-01-31
    cite:
      - source: plan
        quote: The president will visit Israel in mid-January and sign the accords there.
  - id: ceremony-expected
    date: 2026-01-10
    status: expected
    kind: signing
    countries: [FR, IL]
    subjects: [FR]
    title: A ceremony marks France's accession
    deadline: 2026-01-31
    cite:
      - source: plan
        quote: A ceremony to mark the accession is planned for January as well.
  - id: visit-delayed
    date: 2026-01-20
    kind: report
    countries: [FR, IL]
    title: Officials say the visit is put off
    stalls: visit-expected
    cite:
      - source: delay
        quote: Officials said the visit had been put off until further notice.
  - id: visit-held
    date: 2026-02-09
    kind: meeting
    countries: [FR, IL]
    title: The president visits Israel without signing the accords
    partly_fulfils: visit-expected
    part: The visit took place; the accords were not signed.
    cite:
      - source: visit
        quote: The president visited Israel on Monday but did not sign the accords.
"""


@pytest.fixture
def promised(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    return path


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _steps(record: dict) -> list[tuple]:
    return [
        (s["state"], s["since"], s["date"], s["basis"], s["event"], s["sources"]) for s in record["history"]
    ]


def test_the_log_checks(promised):
    result = run("check", "--data", str(promised))
    assert result.exit_code == 0, result.stdout
    assert "OK, 4 events, 3 sources" in result.stdout


def test_a_stall_then_a_partial_fulfilment_each_dated_and_cited(promised):
    data = str(promised)
    before = {r["id"]: r for r in _json("due", "--as-of", "2026-01-19", "--data", data)}
    assert before["visit-expected"]["expectation"] == "pending"
    assert _steps(before["visit-expected"]) == [
        ("pending", "2026-01-02", "2026-01-02", "first-reported", None, ["plan"])
    ]

    stalled = {r["id"]: r for r in _json("due", "--as-of", "2026-01-25", "--data", data)}
    visit = stalled["visit-expected"]
    assert (visit["expectation"], visit["criterion"], visit["deadline"], visit["part"]) == (
        "stalled",
        "The president visits Israel and signs the accords during the visit.",
        "2026-01-31",
        None,
    )
    assert _steps(visit) == [
        ("pending", "2026-01-02", "2026-01-02", "first-reported", None, ["plan"]),
        ("stalled", "2026-01-20", "2026-01-20", "event", "visit-delayed", ["delay"]),
    ]
    # Its expected date is past, its deadline is not: still pending, not overdue.
    assert stalled["ceremony-expected"]["expectation"] == "pending"
    assert [r["id"] for r in _json("due", "--as-of", "2026-01-25", "--data", data)] == [
        "visit-expected",  # stalled before pending
        "ceremony-expected",
    ]

    page = _json("country", "FR", "--as-of", "2026-02-15", "--data", data)
    judged = {e["event"]: e for e in page["expectations"]}
    visit = judged["visit-expected"]
    assert (visit["expectation"], visit["part"]) == (
        "partly-fulfilled",
        "The visit took place; the accords were not signed.",
    )
    assert _steps(visit) == [
        ("pending", "2026-01-02", "2026-01-02", "first-reported", None, ["plan"]),
        ("stalled", "2026-01-20", "2026-01-20", "event", "visit-delayed", ["delay"]),
        ("partly-fulfilled", "2026-02-09", "2026-02-09", "event", "visit-held", ["visit"]),
    ]
    assert visit["history"][-1]["part"] == "The visit took place; the accords were not signed."
    # Overdue is derived from the deadline, not the expected date: from the day after it.
    ceremony = judged["ceremony-expected"]
    assert ceremony["expectation"] == "overdue"
    assert _steps(ceremony)[-1] == ("overdue", "2026-02-01", "2026-01-31", "deadline", None, [])
    # Partly fulfilled is still open: the rest is awaited.
    assert [r["id"] for r in _json("due", "--as-of", "2026-02-15", "--data", data)] == [
        "ceremony-expected",
        "visit-expected",
    ]


def test_known_by_leaves_out_verdicts_not_yet_published(promised):
    """Under --known-by, a verdict whose sources were not out is not in the answer: the deadline passed
    with nothing known, so the expectation is overdue, by the rule alone."""
    rows = {
        r["id"]: r
        for r in _json("due", "--as-of", "2026-02-15", "--known-by", "2026-01-15", "--data", str(promised))
    }
    visit = rows["visit-expected"]
    assert visit["expectation"] == "overdue"
    assert _steps(visit) == [
        ("pending", "2026-01-02", "2026-01-02", "first-reported", None, ["plan"]),
        ("overdue", "2026-02-01", "2026-01-31", "deadline", None, []),
    ]
    assert visit["overdue_since"] == "2026-02-01" and visit["days_overdue"] == 15


def test_the_tables_show_criterion_deadline_and_history(promised):
    wide = {"COLUMNS": "200"}  # each cell on its own lines, so the words of one cell read in order
    due = " ".join(run("due", "--as-of", "2026-01-25", "--data", str(promised), env=wide).stdout.split())
    assert "stalled since 2026-01-20" in due
    assert "criterion: The president visits Israel and signs the accords during the visit." in due
    assert "deadline: 2026-01-31" in due
    assert "2026-01-02 pending, first reported 2026-01-20 stalled by visit-delayed" in due
    assert (
        "0 overdue (their deadline or period is over and no event in the log resolves them), 1 stalled" in due
    )
    page = " ".join(
        run("country", "FR", "--as-of", "2026-02-15", "--data", str(promised), env=wide).stdout.split()
    )
    assert (
        "2026-02-09 partly fulfilled by visit-held part met: The visit took place; the accords were not signed."
        in page
    )


def test_changes_and_the_feed_show_each_step(promised):
    rows = _json("changes", "--since", "2026-01-01", "--until", "2026-02-28", "--data", str(promised))
    steps = [
        (r["event"], r["from"], r["to"], r["date"], r["by"], r["part"])
        for r in rows
        if r["change"] == "expectation"
    ]
    assert [s for s in steps if s[0] == "visit-expected"] == [
        ("visit-expected", None, "pending", "2026-01-02", None, None),
        ("visit-expected", "pending", "stalled", "2026-01-20", "visit-delayed", None),
        (
            "visit-expected",
            "stalled",
            "partly-fulfilled",
            "2026-02-09",
            "visit-held",
            "The visit took place; the accords were not signed.",
        ),
    ]
    assert ("ceremony-expected", "pending", "overdue", "2026-01-31", None, None) in steps
    # A verdict is shown as the expectation's change, not again as an event of its own.
    assert not [r for r in rows if r["change"] == "event" and r["event"] in ("visit-delayed", "visit-held")]
    result = run(
        "changes", "--since", "2026-01-01", "--until", "2026-02-28", "-o", "atom", "--data", str(promised)
    )
    feed = feedparser.parse(result.stdout.encode("utf-8"))
    assert not feed.bozo
    partly = next(e for e in feed.entries if "stalled → partly-fulfilled" in e.title)
    assert partly.updated == "2026-02-09T00:00:00Z"
    assert "Criterion: The president visits Israel and signs the accords during the visit." in partly.summary
    assert "Deadline: 2026-01-31." in partly.summary
    assert "Partly fulfilled by: The president visits Israel without signing the accords" in partly.summary
    assert "The part met: The visit took place; the accords were not signed." in partly.summary
    assert "As reported by: Visit (2026-02-10)." in partly.summary
    stalled = next(e for e in feed.entries if "pending → stalled" in e.title)
    assert "Stalled by: Officials say the visit is put off" in stalled.summary


def test_ambiguous_settles_and_nothing_judges_after_it(promised):
    text = LOG.replace(
        "partly_fulfils: visit-expected\n    part: The visit took place; the accords were not signed.",
        "makes_ambiguous: visit-expected",
    )
    promised.write_text(text, encoding="utf-8")
    assert run("check", "--data", str(promised)).exit_code == 0
    rows = {r["id"]: r for r in _json("timeline", "--as-of", "2026-03-01", "--data", str(promised))}
    assert rows["visit-expected"]["expectation"] == "ambiguous"
    assert "visit-expected" not in [
        r["id"] for r in _json("due", "--as-of", "2026-03-01", "--data", str(promised))
    ]
    # A stall reported after it was settled is refused, at the later verdict.
    later = textwrap.dedent("""\
      - id: visit-delayed-again
        date: 2026-02-10
        kind: report
        countries: [FR, IL]
        title: The signing is reported put off
        stalls: visit-expected
        cite:
          - source: visit
            quote: The president visited Israel on Monday but did not sign the accords.
    """)
    promised.write_text(text + textwrap.indent(later, "  "), encoding="utf-8")
    result = run("check", "--data", str(promised))
    assert result.exit_code == 1
    lines = (text + textwrap.indent(later, "  ")).splitlines()
    line = 1 + lines.index("    stalls: visit-expected", len(text.splitlines()))
    settled = 1 + lines.index("    makes_ambiguous: visit-expected")
    assert (
        f"events.yaml:{line}:13: expected event 'visit-expected' is already settled by 'visit-held' "
        f"(makes_ambiguous, line {settled}, 2026-02-09); event 'visit-delayed-again' cannot judge it after that"
    ) in result.stdout


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("    stalls: visit-expected", "    stalls: visit-held"),
            "event 'visit-delayed' stalls 'visit-held', which is not an expected event",
        ),
        (
            ("    stalls: visit-expected", "    stalls: nowhere"),
            "event 'visit-delayed' stalls unknown event 'nowhere'",
        ),
        (
            ("    part: The visit took place; the accords were not signed.\n", ""),
            "event 'visit-held' partly_fulfils: say which part was met in 'part'",
        ),
        (
            ("    stalls: visit-expected", "    stalls: visit-expected\n    criterion: Something."),
            "event 'visit-delayed' gives 'criterion', which only an expected event takes",
        ),
        (
            (
                "    deadline: 2026-01-31\n    cite:\n      - source: plan\n        quote: The president",
                "    deadline: 2025-12\n    cite:\n      - source: plan\n        quote: The president",
            ),
            "event 'visit-expected' has the deadline 2025-12, before its expected date 2026-01-15 begins",
        ),
        (
            ("    stalls: visit-expected", "    stalls: visit-expected\n    fulfils: visit-expected"),
            "event 'visit-delayed' gives both 'fulfils' and 'stalls'; choose one",
        ),
    ],
)
def test_check_refuses_verdicts_that_cannot_be_replayed(promised, edit, message):
    old, new = edit
    assert old in LOG
    promised.write_text(LOG.replace(old, new, 1), encoding="utf-8")
    result = run("check", "--data", str(promised))
    assert result.exit_code == 1
    assert any(line.split(": ", 1)[1] == message for line in result.stdout.splitlines() if ": " in line), (
        result.stdout
    )


def test_the_database_keeps_criterion_deadline_and_verdicts(promised, tmp_path):
    import sqlite3

    db = tmp_path / "promises.db"
    assert run("export", "sqlite", str(db), "--data", str(promised)).exit_code == 0
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT id, criterion, deadline, stalls, partly_fulfils, part FROM events ORDER BY position"
        ).fetchall()
    assert rows == [
        ("visit-expected", "The president visits Israel and signs the accords during the visit.", "2026-01-31",
         None, None, None),
        ("ceremony-expected", None, "2026-01-31", None, None, None),
        ("visit-delayed", None, None, "visit-expected", None, None),
        ("visit-held", None, None, None, "visit-expected", "The visit took place; the accords were not signed."),
    ]  # fmt: skip


def test_due_as_csv_has_criterion_deadline_and_history(promised):
    import csv
    import io

    result = run("due", "--as-of", "2026-01-25", "--data", str(promised), "-o", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    visit = rows["visit-expected"]
    assert (visit["expectation"], visit["deadline"]) == ("stalled", "2026-01-31")
    assert visit["criterion"] == "The president visits Israel and signs the accords during the visit."
    assert visit["history"] == "pending 2026-01-02 (first-reported);stalled 2026-01-20 by visit-delayed"
