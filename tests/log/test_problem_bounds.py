"""Memory follows the log's size, not the number of mistakes in it (issue 11, class 5): the reader and
`check` keep the first PROBLEM_LIMIT problems in file order and count the rest.

The mass cases with hundreds of thousands of mistakes (and a million empty events) are marked slow;
the same mistakes a few thousand times over run in the README's line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, open_log
from hypothesis import given, settings

from tracker.model import PROBLEM_LIMIT
from tracker.model import problems as kept_problems


def _subprocess(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


@pytest.fixture
def empty_items(tmp_path) -> tuple[Path, int]:
    """A 3.6 MB log of 1.2 million empty events: each one a problem."""
    count = 1_200_000
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"format: 1\nsources: []\nevents:\n" + b"- \n" * count)
    return path, count


@pytest.mark.slow
def test_a_log_of_a_million_empty_items_keeps_a_thousand_problems(empty_items):
    path, count = empty_items
    log, problems = open_log(path, "log.yaml")
    assert log is not None and log.events == ()  # no per-item placeholder is kept for a bad item
    assert len(problems) == PROBLEM_LIMIT and problems.more == count - PROBLEM_LIMIT
    assert problems.total == count
    assert str(problems[0]) == "log.yaml:4:2: event #1 must be a mapping of fields, not an empty value"
    assert str(problems[-1]) == "log.yaml:1003:2: event #1000 must be a mapping of fields, not an empty value"


MASS = {
    "aliases": (lambda n: b"events: [" + b"*a, " * n + b"*a]\n", "3:10: YAML aliases are not allowed; write the value out"),
    "fields": (lambda n: b"events:\n" + b"  - {id: x, kind: report}\n" * n, "4:5: event 'x' is missing the field 'countries'"),
    "control-characters": (lambda n: b"events: []\n# " + b"\x1b" * n + b"\n", "4:3: control character U+001B in the log; "
                           'YAML allows it only escaped in double quotes ("\\u001b")'),
}  # fmt: skip
# A few times the limit in the README's line; 300,000 of each (about 15 s of CPU for the fields) in CI.
SIZES = [3 * PROBLEM_LIMIT, pytest.param(300_000, marks=pytest.mark.slow)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", list(MASS))
def test_every_kind_of_mass_mistake_is_bounded(tmp_path, kind, size):
    body, first = MASS[kind]
    path = tmp_path / "mass.yaml"
    path.write_bytes(b"format: 1\nsources: []\n" + body(size))
    problems = open_log(path, "log.yaml")[1]
    assert len(problems) == PROBLEM_LIMIT and problems.total >= size
    assert str(problems[0]) == f"log.yaml:{first}"


@pytest.mark.slow
def test_check_and_other_commands_print_the_first_problems_and_the_count(empty_items):
    path, count = empty_items
    result = _subprocess("check", "--data", str(path))
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == PROBLEM_LIMIT + 1
    assert lines[-1] == f"... and {count - PROBLEM_LIMIT:,} more problems"
    assert result.stderr == f"{path}: {count} problems (the first 1,000 are listed)\n"
    result = _subprocess("check", "--json", "--data", str(path))
    records = json.loads(result.stdout)  # still one valid JSON array: only real problems, each located
    assert len(records) == PROBLEM_LIMIT and records[-1]["line"] == 1003
    assert result.stderr == f"{path}: {count} problems (the first 1,000 are listed)\n"
    result = _subprocess("timeline", "--json", "--data", str(path))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-2:] == [
        "... and 1,199,000 more problems",
        f"tracker: {path} is invalid ({count} problems); nothing else was done",
    ]


def test_problems_found_late_but_written_early_are_kept_in_file_order(write_log):
    bad_cite = GOOD_EVENT.replace("source: art\n", "source: nowhere\n")
    path = write_log(HEADER + bad_cite + "  - \n" * 1500)  # the reader finds 1,500; check finds line 18 last
    problems = open_log(path, "log.yaml")[1]
    assert str(problems[0]) == "log.yaml:18:17: event 'france-joins' cites unknown source 'nowhere'"
    assert len(problems) == PROBLEM_LIMIT and problems.more == 501
    assert [p.location.line for p in problems] == sorted(p.location.line for p in problems)


def test_damaged_logs_never_keep_more_than_the_limit(monkeypatch):
    from random_logs import damaged_logs  # the property suites' hostile logs

    monkeypatch.setattr(kept_problems, "PROBLEM_LIMIT", 2)

    @settings(max_examples=60, deadline=None)
    @given(log=damaged_logs())
    def bounded(log):
        with log.written() as path:
            problems = open_log(path)[1]
            monkeypatch.setattr(kept_problems, "PROBLEM_LIMIT", 10_000)
            everything = open_log(path)[1]
            monkeypatch.setattr(kept_problems, "PROBLEM_LIMIT", 2)
        assert len(problems) <= 2 and problems.total == len(everything)
        assert list(problems) == everything[:2]

    bounded()
