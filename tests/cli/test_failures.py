"""One place maps failures to messages and exit codes (tracker/cli/failures.py, cli.main): the contract's
table of exit codes, including a bug of ours, which is one line and exit 70, never a traceback."""

from __future__ import annotations

import sys

import pytest
from conftest import SHIPPED

from tracker import cli
from tracker.queries.membership import Signatories


def _main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["tracker", *args])
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    out, err = capsys.readouterr()
    return int(stopped.value.code or 0), out, err


def _broken(self: Signatories, log: object) -> None:
    raise KeyError("a bug")


def test_a_bug_is_one_line_and_exit_70_with_no_traceback(monkeypatch, capsys):
    monkeypatch.setattr(Signatories, "run", _broken)
    code, out, err = _main(monkeypatch, capsys, "signatories", "--json", "--data", str(SHIPPED))
    assert (code, out) == (70, "")
    assert err == "tracker: internal error (please report it): KeyError: 'a bug'\n"


def test_tracker_debug_shows_the_bugs_traceback(monkeypatch, capsys):
    monkeypatch.setattr(Signatories, "run", _broken)
    monkeypatch.setattr(sys, "argv", ["tracker", "signatories", "--data", str(SHIPPED)])
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    monkeypatch.setenv("TRACKER_DEBUG", "1")
    with pytest.raises(KeyError, match="a bug"):
        cli.main()


def test_an_invalid_log_is_every_problem_then_one_line_and_exit_1(monkeypatch, capsys, write_log):
    path = write_log("reviewed: 2025-11-06\nsources: []\nevents: [1]\n")
    code, out, err = _main(monkeypatch, capsys, "signatories", "--data", str(path))
    lines = err.splitlines()
    assert (code, out) == (1, "")
    assert lines[
        -1
    ] == f"tracker: {path} is invalid ({len(lines) - 1} problem{'s' if len(lines) > 2 else ''}); " + (
        "nothing else was done"
    )
    assert all(line.startswith(f"{path}:") for line in lines[:-1])


def test_an_unknown_id_is_a_usage_error_naming_its_argument_and_exit_2(monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "show", "no-such-event", "--data", str(SHIPPED))
    assert (code, out) == (2, "")
    assert "no-such-event" in err and "Usage: tracker show" in err
