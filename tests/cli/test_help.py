"""The command as users meet it before any answer: bash completion (commands, kinds, countries, event
ids; nothing for a bad log), every help page with examples and -h, summaries on one line, usage
errors in our words, kinds in any case and "today" as a date."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, run


def records(*args: str) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    loaded = json.loads(result.stdout)
    return loaded if isinstance(loaded, list) else [loaded]


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`, from a real run of the program."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker"],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "_TRACKER_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


def test_completion_offers_the_event_ids_that_start_with_what_was_typed():
    offered = complete("tracker show kazakhstan-s")
    assert sorted(offered) == ["kazakhstan-signing-at-summit-expected", "kazakhstan-signing-ceremony"]


def test_completion_offers_commands_kinds_and_countries():
    assert complete("tracker si") == ["signatories"]
    assert complete("tracker timeline --kind si") == ["signing"]
    assert set(complete("tracker timeline --country K")) == {"KG", "KZ"}
    assert "--known-by" in complete("tracker timeline --kn")


def test_completion_of_a_bad_log_offers_nothing_and_says_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe events: [\n - id: [")
    assert complete("tracker show k", env={"TRACKER_DATA": str(bad)}) == []
    assert complete("tracker show k", env={"TRACKER_DATA": str(tmp_path / "none.yaml")}) == []


def _commands() -> list[str]:
    from typer.main import get_command

    from tracker.cli import app

    return list(get_command(app).commands)  # type: ignore[attr-defined]


HELP = _commands()  # every command, those added later included


@pytest.mark.parametrize("command", HELP)
def test_every_help_page_has_examples_and_takes_h(command):
    out = run(command, "-h", env={"COLUMNS": "80"}).stdout
    assert out == run(command, "--help", env={"COLUMNS": "80"}).stdout
    assert "Examples:\n" in out
    examples = out.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.startswith("    tracker ") for line in examples)


def test_every_summary_fits_one_line_in_help():
    out = run("--help", env={"COLUMNS": "80"}).stdout
    listed = out.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == HELP
    assert {"timeline", "signatories", "candidates", "show", "sources", "check"} <= set(HELP)
    assert not any(line.rstrip().endswith("...") for line in listed)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--kind", "Sig"], "unknown kind 'Sig'; choose one of: candidacy, announcement,"),
        (["timeline", "--as-of", "someday"], "cannot read 'someday' as a date"),
    ],
)
def test_usage_errors_are_in_our_words(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr
    for foreign in ("pydantic", "Input should be", "is not one of", "Value error"):
        assert foreign not in result.stderr


def test_kinds_are_read_in_any_case_and_today_is_a_date():
    assert records("timeline", "--kind", "Signing") == records("timeline", "--kind", "signing") != []
    assert records("signatories", "--as-of", "today") == records("signatories")
    assert run("signatories", "--as-of", "yesterday").exit_code == 0
