"""The command as a whole process: colour only on a terminal, the shipped log found from any folder,
hostile arguments echoed inert, a reader that closes the pipe, a full disk (exit codes and stderr as
users see them). Moved from tests/cli/test_cli.py, which tests the same wiring in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import IO

from conftest import GOOD_EVENT, HEADER


def test_colour_only_on_a_terminal_and_never_with_no_color():
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"}
    coloured = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "\x1b[" in coloured.stdout
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR")
    plain = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "\x1b[" not in plain.stdout and "signed" in plain.stdout


def test_default_log_is_found_from_any_working_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATA"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert [r["code"] for r in json.loads(result.stdout)][4] == "KZ"
    check = subprocess.run(
        [sys.executable, "-m", "tracker", "check"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert check.returncode == 0 and ": OK, " in check.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written


def _process(*args: str, stdout: int | IO[bytes] = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "tracker", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=60)


def test_arguments_echoed_in_usage_errors_are_inert():
    hostile = "\x1b]0;owned\x07\x1b[2J\rX"
    for args in (["show", hostile], ["timeline", f"--{hostile}"], ["timeline", "--country", hostile]):
        result = _process(*args)
        assert result.returncode == 2
        assert not set(result.stderr) & {0x1B, 0x07, 0x0D}, result.stderr
        assert b"\\x1b]0;owned\\x07" in result.stderr


def test_a_reader_closing_the_pipe_early_ends_the_run_quietly(write_log):
    # 1,500 events: over 180 kB of table and more of JSON, more than a pipe and its reader's buffer hold.
    path = write_log(HEADER + "".join(GOOD_EVENT.replace("france-joins", f"e{i}") for i in range(1500)))
    # A long answer meets the closed pipe (exit 1, as Python and Typer do on EPIPE);
    # a short one was written whole before the reader closed, so nothing failed.
    for args, code in ((["timeline", "--json"], 1), (["timeline"], 1), (["sources"], 0)):
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", *args, "--data", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        assert process.stderr.read() == b""
        assert process.wait(timeout=60) == code, args


def test_output_that_cannot_be_written_is_one_line_and_exit_1():
    with open("/dev/full", "wb") as full:
        result = _process("timeline", "--json", stdout=full)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        b"tracker: The log records sources up to 2026-06-26; anything after that is not in it.",
        b"tracker: cannot write the output: No space left on device",
    ]
