"""Property-based tests: valid logs built at random, then damaged at random.

For any log and any command, the CLI exits 0, 1 or 2, never raises, and its
JSON parses; on valid logs the queries keep their invariants.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_logs import damaged_logs, valid_logs

from tracker.dates import parse_iso

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


ARGS = st.sampled_from(
    [
        ["timeline"], ["timeline", "--json"], ["timeline", "--json", "--since", "2021", "--until", "2024-06"],
        ["timeline", "--country", "NO"], ["timeline", "--kind", "signing", "--json"],
        ["signatories"], ["signatories", "--json"], ["signatories", "--as-of", "2022-03", "--json"],
        ["candidates"], ["candidates", "--json", "--as-of", "2030"], ["sources"], ["sources", "--json"],
        ["show", "e0"], ["show", "e0", "--json"], ["show", "nope"], ["check"], ["check", "--json"],
        ["signatories", "--as-of", "2025-02-30"], ["timeline", "--since", "2025", "--until", "2024"],
        ["due", "--json", "--as-of", "2023"], ["due"], ["info", "--json"], ["info"],
        ["timeline", "--json", "--known-by", "2022"], ["candidates", "--known-by", "2023", "--json"],
        ["country", "NO", "--json"], ["country", "Norway", "--as-of", "2022"], ["cite", "e0"],
        ["cite", "e0", "--style", "csl-json"], ["changes", "--since", "2020", "--until", "2030", "--json"],
        ["changes", "--since", "2021-06", "--until", "2024", "--known-by", "2023"],
    ]
)  # fmt: skip


def _assert_contract(path: Path, args: list[str]) -> int:
    result = run(*args, "--data", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    assert "Traceback" not in result.stdout + result.stderr
    if "--json" in args and (result.exit_code == 0 or (args[0] == "check" and result.exit_code == 1)):
        json.loads(result.stdout)
    if result.exit_code:
        assert result.stderr.strip(), args
    return result.exit_code


@pytest.mark.slow
@settings(SETTINGS, max_examples=200)
@given(log=damaged_logs(), commands=st.lists(ARGS, min_size=1, max_size=4))
def test_any_damaged_log_and_any_command_keep_the_contract(log, commands):
    with log.written() as path:
        for args in commands:
            _assert_contract(path, args)


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs(), commands=st.lists(ARGS, min_size=1, max_size=4))
def test_valid_logs_pass_check_and_keep_the_contract(log, commands):
    with log.written() as path:
        result = run("check", "--data", str(path))
        assert result.exit_code == 0, result.stdout + result.stderr
        for args in commands:
            assert _assert_contract(path, args) in (0, 2)


def _json(path: Path, *args: str) -> list[dict]:
    result = run(*args, "--json", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _end(iso: str) -> date:
    return parse_iso(iso).end


@SETTINGS
@given(log=valid_logs())
def test_timeline_lists_every_event_once_in_date_order(log):
    with log.written() as path:
        events = _json(path, "timeline")
    assert sorted(e["id"] for e in events) == sorted(log.event_ids)
    dated = [_end(e["date"]) for e in events if e["date"] is not None]
    assert dated == sorted(dated)
    undated = [i for i, e in enumerate(events) if e["date"] is None]
    assert undated == list(range(len(events) - len(undated), len(events)))  # undated events last


BACKWARDS = {"suspension", "withdrawal"}


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs())
def test_status_never_moves_backwards_without_a_suspension_or_withdrawal(log):
    with log.written() as path:
        events = _json(path, "timeline")
        days = sorted({_end(e["date"]) for e in events if e["date"] and e["status"] == "occurred"})
        before: dict[str, str] = {}
        previous = date.min
        for day in days:
            now = {r["code"]: r["status"] for r in _json(path, "signatories", "--as-of", day.isoformat())}
            excuses = {
                code
                for e in events
                if e["kind"] in BACKWARDS and e["status"] == "occurred" and previous < _end(e["date"]) <= day
                for code in e["subjects"]
            }
            for code, status in before.items():
                moved_back = (
                    code not in now
                    or (status == "signed" and now[code] == "announced")
                    or (now[code] in ("suspended", "withdrawn") and now[code] != status)
                )
                assert not moved_back or code in excuses, (code, status, now.get(code), day)
            before, previous = now, day


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs())
def test_nothing_is_signed_before_the_first_event_and_answers_repeat_exactly(log):
    with log.written() as path:
        events = _json(path, "timeline")
        starts = [parse_iso(e["date"]).start for e in events if e["date"]]
        if starts:
            day_before = (min(starts) - timedelta(days=1)).isoformat()
            assert _json(path, "signatories", "--as-of", day_before) == []
        for args in (
            ["timeline", "--json"],
            ["signatories", "--json", "--as-of", "2024"],
            ["candidates"],
            ["sources"],
            ["check"],
        ):
            first_run = run(*args, "--data", str(path))
            assert run(*args, "--data", str(path)).stdout_bytes == first_run.stdout_bytes
