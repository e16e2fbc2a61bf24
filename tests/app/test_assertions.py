"""Assertions that guard published numbers (issue 23, part 2): `check` replays each and fails at its
line with both answers; `tracker add assertion` records the current answer, and check then passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, SHIPPED, run

# France announced on 2025-11-03 (GOOD_EVENT); the web source names Germany as a possible member.
CANDIDACY = """\
  - id: germany-named
    date: 2025-11-05
    kind: candidacy
    countries: [DE]
    subjects: [DE]
    title: A report names Germany as a possible member
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""


@pytest.fixture
def log(write_log) -> Path:
    return write_log(HEADER + GOOD_EVENT + CANDIDACY)


def _check(path: Path):
    return run("check", "--data", str(path))


def test_an_assertion_that_fails_shows_both_answers_at_its_line(log):
    text = log.read_text(encoding="utf-8")
    log.write_text(
        text + "assertions:\n"
        "  - id: members-early-november\n"
        "    question: members\n"
        "    as_of: 2025-11-07\n"
        "    are: [FR, DE]\n"
        "    note: our story of 8 November\n",
        encoding="utf-8",
    )
    line = len(text.splitlines()) + 5  # the `are:` line
    result = _check(log)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{log}:{line}:10: assertion 'members-early-november' fails: it states the members as of "
        "2025-11-07 are [FR, DE] (2); the log now answers [FR] (1): DE is not in the answer"
    ]
    assert result.stderr.strip() == f"{log}: 1 problem"
    records = json.loads(run("check", "--json", "--data", str(log)).stdout)
    assert [(r["line"], r["col"], r["severity"]) for r in records] == [(line, 10, "error")]


def test_include_and_known_by_and_single_values(log):
    text = log.read_text(encoding="utf-8")
    log.write_text(
        text + "assertions:\n"
        "  - id: candidates-include-de\n"
        "    question: candidates\n"
        "    as_of: 2025-11-07\n"
        "    include: [DE, IT]\n"
        "  - id: nobody-known-by-4-november\n"
        "    question: candidates\n"
        "    as_of: 2025-11-07\n"
        "    known_by: 2025-11-04\n"  # the web source was retrieved on the 5th and has no date: left out
        "    are: []\n"
        "  - id: france-announced\n"
        "    question: status\n"
        "    subject: FR\n"
        "    as_of: 2025-11-07\n"
        "    is: announced\n"
        "  - id: germany-before\n"
        "    question: status\n"
        "    subject: DE\n"
        "    as_of: 2025-11-04\n"
        "    is: candidate\n",
        encoding="utf-8",
    )
    result = _check(log)
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "assertion 'candidates-include-de' fails: it states the candidates as of 2025-11-07 include "
        "[DE, IT] (2); the log now answers [DE] (1): IT is not in the answer",
        "assertion 'germany-before' fails: it states the status of DE as of 2025-11-04 is candidate; "
        "the log now answers none",
    ]
    fixed = log.read_text(encoding="utf-8").replace("is: candidate", "is: none").replace("[DE, IT]", "[DE]")
    log.write_text(fixed, encoding="utf-8")
    result = _check(log)
    assert result.exit_code == 0, result.stdout
    assert "4 assertions replayed" in result.stdout


@pytest.mark.parametrize(
    ("assertion", "message"),
    [
        (
            "    question: members\n    as_of: 2025-11-07\n",
            "assertion 'a' states no answer: give 'are', 'include' or 'is'",
        ),
        (
            "    question: members\n    as_of: 2025-11-07\n    are: [FR]\n    is: FR\n",
            "assertion 'a' gives both 'are' and 'is'; choose one",
        ),
        (
            "    question: status\n    as_of: 2025-11-07\n    is: announced\n",
            "assertion 'a' asks for a status: name the country's code as 'subject'",
        ),
        (
            "    question: members\n    as_of: 2025-11-07\n    include: []\n",
            "assertion 'a' include is an empty list, which asserts nothing; use 'are: []'",
        ),
        (
            "    question: status\n    subject: FR\n    as_of: 2025-11-07\n    is: joined\n",
            "assertion 'a': 'joined' is not one of: candidate, announced, signed, suspended, withdrawn, none",
        ),
        (
            "    question: expectation\n    subject: france-joins\n    as_of: 2025-11-07\n    is: pending\n",
            "assertion 'a': 'france-joins' is not an expected event in the log",
        ),
        (
            "    question: tally\n    as_of: 2025-11-07\n    are: []\n",
            "assertion 'a' question 'tally' is not one of: "
            "members, signed, candidates, due, status, expectation",
        ),
    ],
)
def test_an_assertion_that_cannot_be_replayed_is_refused_at_its_place(log, assertion, message):
    log.write_text(log.read_text(encoding="utf-8") + "assertions:\n  - id: a\n" + assertion, encoding="utf-8")
    result = _check(log)
    assert result.exit_code == 1
    assert message in [line.split(": ", 1)[1] for line in result.stdout.splitlines()], result.stdout


def test_add_assertion_records_the_answer_and_check_passes_then_guards_it(log):
    before = log.read_bytes()
    made = run(
        "add", "assertion", "members", "--as-of", "2025-11-07", "--note", "our story", "--data", str(log)
    )
    assert made.exit_code == 0, made.stderr
    line = len(before.decode().splitlines()) + 3
    assert made.stdout == f"added 'members-2025-11-07' at {log}:{line}; tracker check passes\n"
    # Nothing that was there changed: the assertion is a new list at the end.
    assert log.read_bytes() == before + (
        b"\nassertions:\n  - id: members-2025-11-07\n    question: members\n    as_of: 2025-11-07\n"
        b"    are: [FR]\n    note: our story\n"
    )
    second = run(
        "add", "assertion", "candidates", "--as-of", "2025-11-07", "--include", "Germany", "--data", str(log)
    )
    assert second.exit_code == 0, second.stderr
    assert log.read_text(encoding="utf-8").endswith(
        "  - id: candidates-2025-11-07\n    question: candidates\n    as_of: 2025-11-07\n    include: [DE]\n"
    )
    third = run("add", "assertion", "status", "France", "--as-of", "2025-11-07", "--data", str(log))
    assert third.exit_code == 0, third.stderr
    assert log.read_text(encoding="utf-8").endswith("    subject: FR\n    is: announced\n")
    checked = _check(log)
    assert checked.exit_code == 0, checked.stdout
    assert "3 assertions replayed" in checked.stdout
    # An edit that changes the answer now fails check at the assertion, and `add` refuses one.
    moved = log.read_text(encoding="utf-8").replace("    date: 2025-11-03\n", "    date: 2025-11-10\n", 1)
    log.write_text(moved, encoding="utf-8")
    failed = _check(log)
    assert failed.exit_code == 1
    assert f"{log}:{line + 3}:10: assertion 'members-2025-11-07' fails" in failed.stdout
    assert "the log now answers [] (none): FR is not in the answer" in failed.stdout


def test_add_refuses_an_addition_that_changes_an_asserted_answer(log):
    assert run("add", "assertion", "candidates", "--as-of", "2025-11-07", "--data", str(log)).exit_code == 0
    kept = log.read_bytes()
    result = run(
        "add", "event", "--id", "germany-joins", "--date", "2025-11-06", "--kind", "announcement",
        "--country", "DE", "--subject", "DE", "--title", "Germany joins",
        "--cite", "web", "--quote", "France and Germany would join the accords soon", "--data", str(log),
    )  # fmt: skip
    assert result.exit_code == 1
    assert (
        "assertion 'candidates-2025-11-07' fails: it states the candidates as of 2025-11-07 are [DE] (1); "
        "the log now answers [] (none): DE is not in the answer" in result.stderr
    )
    assert log.read_bytes() == kept


def test_add_assertion_refuses_what_the_answer_does_not_hold(log):
    result = run(
        "add", "assertion", "candidates", "--as-of", "2025-11-07", "--include", "SA", "--data", str(log)
    )
    assert result.exit_code == 2
    assert "SA not in the candidates as of 2025-11-07: DE" in result.stderr
    wrong = run("add", "assertion", "status", "--as-of", "2025-11-07", "--data", str(log))
    assert wrong.exit_code == 2 and "'status' asks about one thing" in wrong.stderr
    unknown = run("add", "assertion", "tally", "--data", str(log))
    assert unknown.exit_code == 2 and "unknown question 'tally'" in unknown.stderr


def test_the_shipped_log_asserts_what_its_readme_and_docs_print():
    result = run("check", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stdout
    text = SHIPPED.read_text(encoding="utf-8").split("\nassertions:\n", 1)[1]
    for needle in (
        "question: members\n    as_of: 2025-11-07\n    are: [AE, BH, SD, MA, KZ]",
        "question: candidates\n    as_of: 2025-08-31\n    known_by: 2025-08-31\n    are: [AZ, KG, KZ, TJ, TM, UZ]",
    ):
        assert needle in text
