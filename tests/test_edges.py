"""Regressions found by the fuzz suite (test_fuzz.py), each fixed in the mechanism where it arose.

Values that `check` accepts but that sit at an edge: dates at the ends of the
calendar (0001-01-01, 9999-12-31), text of any Unicode and any length. Each
test is the smallest log that showed the failure; the contract is the same as
everywhere (exit 0 on a valid log, no traceback, output its parser reads).
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import GOOD_EVENT, HEADER, run


def answer(path: Path, args: list[str]) -> str:
    result = run(*args, "--data", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _edge_log(write_log, date_text: str, *, expected: str = "") -> Path:
    """The conftest log with France's announcement on `date_text`, and optionally an expected event."""
    return write_log(HEADER + GOOD_EVENT.replace("2025-11-03", date_text) + expected)


EXPECTED_SIGNING = """\
  - id: france-signs
    date: "{date}"
    status: expected
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France is expected to sign
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""


def test_changes_from_the_first_day_of_the_calendar_count_what_happened_on_it(write_log):
    """`changes` compares with the day before the window; before 0001-01-01 nothing had happened
    (model.shifted gives no such day), so an event of that first day is a change of the window."""
    path = _edge_log(write_log, "0001-01-01")
    rows = json.loads(answer(path, ["changes", "--since", "0001-01-01", "--until", "0001-01-01", "--json"]))
    assert [(r["change"], r["code"], r["to"], r["date"]) for r in rows] == [
        ("status", "FR", "announced", "0001-01-01")
    ]
    assert json.loads(answer(path, ["changes", "--since", "0001-01-02", "--until", "9999", "--json"])) == []
