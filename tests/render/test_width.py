"""A terminal's width is clamped (issue 11, class 5): an absurd COLUMNS lays tables out for 20 to
1,000 columns, and each clamped width is its own cache entry with one answer."""

from __future__ import annotations

import pytest
from conftest import GOOD_EVENT, HEADER, run

DEBUG = {"TRACKER_CACHE_DEBUG": "1"}


@pytest.mark.parametrize(("columns", "width"), [("0", 20), ("1", 20), ("10000000", 1000), ("5000", 1000),
                                                ("-5", 80), ("abc", 80), ("", 80), ("100", 100)])  # fmt: skip
def test_an_absurd_terminal_width_is_clamped(write_log, monkeypatch, columns, width):
    from tracker.render import layout

    monkeypatch.setenv("COLUMNS", columns)
    assert layout.console().width == width  # what tables are laid out for, and keyed on
    path = write_log(HEADER + GOOD_EVENT)
    result = run("timeline", "--data", str(path), "--no-cache", env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert "Abraham" in result.stdout and "France" in result.stdout
    # Lines never pass the width, except where a single word is longer than a narrow column allows.
    assert max(len(line) for line in result.stdout.splitlines()) <= max(width, 45)


def test_clamped_widths_print_one_answer(write_log, cache_home):
    """Each COLUMNS is its own key (the key holds the environment as it is), and its own hit."""
    path = write_log(HEADER + GOOD_EVENT)
    first = run("timeline", "--data", str(path), env={"COLUMNS": "10000000", **DEBUG})
    second = run("timeline", "--data", str(path), env={"COLUMNS": "5000", **DEBUG})
    assert "cache: stored" in first.stderr and "cache: stored" in second.stderr
    again = run("timeline", "--data", str(path), env={"COLUMNS": "5000", **DEBUG})
    assert "cache: hit" in again.stderr and again.stdout_bytes == second.stdout_bytes
    fresh = run("timeline", "--data", str(path), "--no-cache", env={"COLUMNS": "1000"})
    assert first.stdout_bytes == second.stdout_bytes == fresh.stdout_bytes
