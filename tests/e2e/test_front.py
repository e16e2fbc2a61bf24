"""The front door (`tracker.front`): a cached answer without the CLI framework, and never a wrong one.

Each run is a fresh interpreter, as users run the command. A harness runs
`tracker.front.main` and, at exit, writes the names of the imported modules
to a file given outside the environment the key reads, so the run's own
stdout and stderr stay exactly what the command printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import GOOD_EVENT, HEADER, REPO
from fresh import HARNESS, Run, _cached, _log, tracker

from tracker.app import cache

REQUESTS = [
    ["timeline"],
    ["timeline", "--json"],
    ["timeline", "--format", "csv", "--kind", "signing"],
    ["signatories", "--as-of", "2020-12-31"],
    ["signatories", "--json"],
    ["candidates"],
    ["show", "kz-il-consular-ties"],
    ["country", "Kazakhstan", "--as-of", "2025-11-30"],
    ["due", "--json"],
    ["sources", "--format", "markdown"],
]
ENVIRONMENTS = {
    "plain-100": {"NO_COLOR": None, "COLUMNS": "100"},
    "no-colour-80": {"NO_COLOR": "1", "COLUMNS": "80"},
    "forced-colour-120": {"FORCE_COLOR": "1", "COLUMNS": "120"},
}


# Each request in one terminal, every terminal several times, in the README's line; the rest of the
# product of requests and terminals (three processes each, a minute of CPU in all) in CI, marked slow.
MATRIX = [
    pytest.param(
        args,
        env,
        id=f"{' '.join(args)}-{env}",
        marks=() if i % len(ENVIRONMENTS) == j else pytest.mark.slow,
    )
    for i, args in enumerate(REQUESTS)
    for j, env in enumerate(ENVIRONMENTS)
]


@pytest.mark.parametrize(("args", "env"), MATRIX)
def test_a_hit_prints_the_bytes_of_a_miss_and_of_no_cache_and_imports_nothing_heavy(tmp_path, args, env):
    variables = ENVIRONMENTS[env]
    miss = tracker(tmp_path, *args, env=variables)
    assert miss.code == 0, miss.stderr
    assert {"typer", "yaml"} <= miss.heavy  # the full command answered
    hit = tracker(tmp_path, *args, env=variables)
    assert hit.heavy == set()  # the front door answered, with none of the frameworks
    assert hit.output == miss.output
    fresh = tracker(tmp_path, *args, "--no-cache", env=variables)
    assert fresh.output == miss.output
    assert "typer" in fresh.heavy


def test_the_notices_of_a_hit_are_on_stderr_as_on_a_miss(tmp_path):
    miss = tracker(tmp_path, "signatories", "--json")
    hit = tracker(tmp_path, "signatories", "--json")
    assert b"tracker: The log records sources up to" in miss.stderr
    assert hit.heavy == set() and hit.stderr == miss.stderr


SECOND_EVENT = """\
  - id: germany-named
    date: 2025-11-04
    kind: announcement
    countries: [DE]
    subjects: [DE]
    title: Germany named as a possible member
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""


def test_a_changed_log_is_a_miss_with_the_new_answer(tmp_path):
    path = _log(tmp_path / "log")
    before = _cached(tmp_path, "timeline", "--json", "--data", str(path))
    assert [e["id"] for e in json.loads(before.stdout)] == ["france-joins"]
    path.write_text(HEADER + GOOD_EVENT + SECOND_EVENT, encoding="utf-8")
    after = tracker(tmp_path, "timeline", "--json", "--data", str(path))
    assert "typer" in after.heavy
    assert [e["id"] for e in json.loads(after.stdout)] == ["france-joins", "germany-named"]


def test_a_changed_article_is_a_miss_with_the_right_answer(tmp_path):
    path = _log(tmp_path / "log")
    _cached(tmp_path, "timeline", "--json", "--data", str(path))
    article = tmp_path / "log" / "article.txt"
    article.write_text("The accords were not mentioned.\n", encoding="utf-8")  # the quote is gone
    after = tracker(tmp_path, "timeline", "--json", "--data", str(path))
    assert "typer" in after.heavy
    assert after.code == 1 and after.stdout == b""
    assert b"France said on Monday it would join the accords." in after.stderr  # the quote not found


CHANGES = [{"COLUMNS": "60"}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"PAGER": "more"}, {"LC_ALL": "C"}]


def test_a_changed_environment_variable_is_a_miss_with_its_own_answer(tmp_path):
    path = _log(tmp_path / "log")
    base = {"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm"}
    _cached(tmp_path, "timeline", "--data", str(path), env=base)  # stored, and a hit: for every change
    for change in CHANGES:
        changed = tracker(tmp_path, "timeline", "--data", str(path), env={**base, **change})
        assert "typer" in changed.heavy, change
        fresh = tracker(tmp_path, "timeline", "--data", str(path), "--no-cache", env={**base, **change})
        assert changed.output == fresh.output, change


def test_a_changed_working_folder_is_a_miss_with_paths_from_there(tmp_path):
    path = _log(tmp_path / "log")
    inner = tmp_path / "log" / "inner"
    inner.mkdir()
    here = _cached(tmp_path, "sources", "--json", "--data", str(path), cwd=tmp_path / "log")
    there = tracker(tmp_path, "sources", "--json", "--data", str(path), cwd=inner)
    assert "typer" in there.heavy
    assert json.loads(here.stdout)[0]["path"] == "article.txt"  # under the working folder: relative
    # Outside the working folder: the path from the log's folder, never an absolute one.
    assert json.loads(there.stdout)[0]["path"] == "./article.txt"


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--json", "--no-cache"],
        ["timeline", "--json", "--help"],
        ["check"],
        ["schema"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_what_is_never_cached_goes_to_the_full_command_every_time(tmp_path, args):
    first = tracker(tmp_path, *args)
    second = tracker(tmp_path, *args)
    assert first.output == second.output
    assert "typer" in first.heavy and "typer" in second.heavy
    assert list(cache.folder().glob("*.entry")) == []


def test_no_cache_variable_and_completion_go_to_the_full_command(tmp_path):
    _cached(tmp_path, "timeline", "--json")
    assert "typer" in tracker(tmp_path, "timeline", "--json", env={"TRACKER_NO_CACHE": "1"}).heavy
    completion = tracker(tmp_path, "timeline", "--json", env={"_TRACKER_COMPLETE": "bash_complete"})
    assert "typer" in completion.heavy


def test_a_damaged_entry_falls_back_to_the_full_command(tmp_path):
    cached = _cached(tmp_path, "signatories", "--json")
    for entry in cache.folder().glob("*.entry"):
        entry.write_bytes(b"{" + entry.read_bytes()[1:])  # the answer no longer has its hash
    again = tracker(tmp_path, "signatories", "--json")
    assert "typer" in again.heavy and again.output == cached.output


def test_a_closed_pipe_ends_a_hit_as_it_ends_a_miss(tmp_path):
    def broken(*args: str) -> Run:
        read, write = os.pipe()
        os.close(read)  # every write fails with EPIPE
        try:
            return tracker(tmp_path, *args, stdout=write)
        finally:
            os.close(write)

    _cached(tmp_path, "timeline", "--json")
    hit, fresh = broken("timeline", "--json"), broken("timeline", "--json", "--no-cache")
    assert hit.heavy == set()
    assert (hit.code, hit.stderr) == (fresh.code, fresh.stderr)
    assert hit.code == 1 and b"Error" not in hit.stderr and b"Traceback" not in hit.stderr


def test_a_closed_stdout_on_a_hit_is_the_full_commands_message(tmp_path):
    def closed(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = 'exec "$0" -c "$1" "$2" "$3" >&-'
        record = tmp_path / "modules.json"
        environment = {**os.environ, "PYTHONPATH": str(REPO)}
        return subprocess.run(
            ["bash", "-c", command, sys.executable, HARNESS, str(record), json.dumps(list(args))],
            capture_output=True,
            env=environment,
            cwd=tmp_path,
            timeout=120,
        )

    _cached(tmp_path, "timeline", "--json")
    done, fresh = closed("timeline", "--json"), closed("timeline", "--json", "--no-cache")
    assert (done.returncode, done.stderr) == (fresh.returncode, fresh.stderr)
    assert done.returncode == 1
    assert done.stderr.endswith(b"tracker: cannot write the output: standard output is closed\n")
