"""Where an answer's bytes go (`app.paging`, through `answer`): a pager for an answer taller than the
terminal, straight out when it fits or the pager cannot start, never a pager into a pipe; the pager
changes where the bytes go, not the bytes; a table on a terminal leaves its notice to the caption."""

from __future__ import annotations

import sys

from conftest import run

from tracker.app import answer


def test_the_pager_gets_an_answer_taller_than_the_terminal(tmp_path, capsysbinary):
    paged = tmp_path / "paged"
    pager = answer.Pager(
        f"{sys.executable} -c 'import sys; open(sys.argv[1], \"wb\").write(sys.stdin.buffer.read())' {paged}",
        3,
    )
    for piece in (b"one\n", b"two\n", b"three\n", b"four\n"):
        pager.write(piece)
    pager.close()
    assert paged.read_bytes() == b"one\ntwo\nthree\nfour\n"
    assert capsysbinary.readouterr().out == b""


def test_an_answer_that_fits_or_a_pager_that_cannot_start_is_written_directly(capsysbinary):
    for pager in (answer.Pager("less", 100), answer.Pager("/no/such/pager -x", 1)):
        pager.write(b"one\n")
        pager.write(b"two\n")
        pager.close()
        assert capsysbinary.readouterr().out == b"one\ntwo\n"


def test_no_pager_into_a_pipe_or_when_pager_is_empty(monkeypatch):
    assert answer.pager() is None  # the test's stdout is not a terminal
    monkeypatch.setenv("PAGER", "")
    assert answer.pager_command() is None
    monkeypatch.setenv("PAGER", "most")
    assert answer.pager_command() == "most"
    monkeypatch.setenv("TRACKER_PAGER", "cat")
    assert answer.pager_command() is None


def test_the_pager_changes_where_the_bytes_go_not_the_bytes(tmp_path, monkeypatch):
    paged = tmp_path / "paged"
    copy = (
        f"{sys.executable} -c 'import sys; open(sys.argv[1], \"wb\").write(sys.stdin.buffer.read())' {paged}"
    )
    monkeypatch.setattr(answer, "pager", lambda: answer.Pager(copy, 1))
    first = run("timeline", env={"COLUMNS": "80", "TRACKER_CACHE_DEBUG": "1"})
    assert first.stdout == "" and "cache: stored" in first.stderr
    monkeypatch.setattr(answer, "pager", lambda: None)
    second = run("timeline", env={"COLUMNS": "80", "TRACKER_CACHE_DEBUG": "1"})
    assert "cache: hit" in second.stderr
    assert paged.read_bytes().decode("utf-8") == second.stdout != ""


def test_a_table_on_a_terminal_leaves_the_notice_to_its_caption(capsys):
    from rich.console import Console

    from tracker.render import Format, Target

    answer.tell(["a notice"], Target(Format.TABLE, Console(force_terminal=True)))
    answer.tell(["a notice"], Target(Format.TABLE, Console(force_terminal=False)))
    answer.tell(["a notice"], Target(Format.JSON))
    assert capsys.readouterr().err == "tracker: a notice\n" * 2
