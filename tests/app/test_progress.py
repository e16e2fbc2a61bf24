"""Progress on standard error: on a terminal once a wait is long, erased after; never on a pipe."""

from __future__ import annotations

import io
import time

import pytest

from tracker.app import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _wait_for(stream: io.StringIO, text: str) -> None:
    deadline = time.monotonic() + 10  # a bound against hanging, not a speed target
    while text not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_long_wait_on_a_terminal_says_what_it_is_doing_then_erases_it(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setattr(progress, "AFTER", 0.0)
    monkeypatch.setenv("TERM", "xterm")
    with progress.waiting("reading and checking data/events.yaml"):
        _wait_for(stream, "…")
    assert stream.getvalue() == "tracker: reading and checking data/events.yaml…\r\x1b[K"


@pytest.mark.parametrize(
    ("stream", "term"), [(io.StringIO(), "xterm"), (Terminal(), "dumb")], ids=["pipe", "dumb-terminal"]
)
def test_a_pipe_or_a_dumb_terminal_never_gets_it(monkeypatch, stream, term):
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setattr(progress, "AFTER", 0.0)
    monkeypatch.setenv("TERM", term)
    with progress.waiting("writing x.db"):
        time.sleep(0.05)
    assert stream.getvalue() == ""


def test_a_short_wait_says_nothing(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setenv("TERM", "xterm")
    with progress.waiting("reading"):  # the default AFTER: one second, far longer than this block
        pass
    assert stream.getvalue() == ""
