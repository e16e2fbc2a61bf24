"""The cache key (`tracker.cachekey`): one key, made alike by the front door and the full command.

It covers the whole environment but a short list of variables that cannot
change an answer, the day, and the program's own source files; the front
door finds what the full command stored, in a fresh interpreter as users run
it (the harness of tests/test_front.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, run
from fresh import HARNESS, _cached, _log, tracker

from tracker.app import answer, cache, cachekey

DAY = "2026-01-01"
ARGV = ["signatories", "--json"]
UNHEARD_OF = "ACCORDS_UNHEARD_OF"  # no code reads it, and it is not exempt


def test_any_variable_not_exempt_changes_the_key(monkeypatch):
    monkeypatch.delenv(UNHEARD_OF, raising=False)
    without = cachekey.key(ARGV, DAY)
    monkeypatch.setenv(UNHEARD_OF, "1")
    one = cachekey.key(ARGV, DAY)
    monkeypatch.setenv(UNHEARD_OF, "2")
    assert len({without, one, cachekey.key(ARGV, DAY)}) == 3


@pytest.mark.parametrize("name", [*sorted(cachekey.EXEMPT), "SSH_CONNECTION", "SSH_AUTH_SOCK"])
def test_an_exempt_variable_does_not_change_the_key(monkeypatch, name):
    monkeypatch.delenv(name, raising=False)
    without = cachekey.key(ARGV, DAY)
    monkeypatch.setenv(name, "any value at all")
    assert cachekey.key(ARGV, DAY) == without


def test_the_arguments_and_the_day_are_in_the_key():
    keys = {cachekey.key(ARGV, DAY), cachekey.key(ARGV, "2026-01-02"), cachekey.key(["signatories"], DAY)}
    assert len(keys) == 3
    assert answer.Request(tuple(ARGV), DAY).key() == cachekey.key(ARGV, DAY)


def _debugged(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """`tracker ARGS` in a fresh interpreter, saying on stderr what the cache did."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), "TRACKER_CACHE_DEBUG": "1", **env}
    return subprocess.run(
        [sys.executable, "-c", HARNESS, str(tmp_path / "modules.json"), json.dumps(list(args))],
        capture_output=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )


def test_the_front_door_finds_the_entry_the_full_command_stored(tmp_path):
    path = _log(tmp_path / "log")
    args = ("timeline", "--json", "--data", str(path))
    miss = _debugged(tmp_path, *args, env={UNHEARD_OF: "1"})
    (stored,) = [line for line in miss.stderr.decode().splitlines() if "cache: stored" in line]
    name = stored.rpartition(" ")[2]
    hit = _debugged(tmp_path, *args, env={UNHEARD_OF: "1"})
    assert f"tracker: cache: hit: {name}" in hit.stderr.decode()
    assert "tracker: cache: front door hit" in hit.stderr.decode()
    assert hit.stdout == miss.stdout


def test_an_unknown_variable_is_a_miss_at_the_front_door_and_an_exempt_one_a_hit(tmp_path):
    path = _log(tmp_path / "log")
    args = ("timeline", "--json", "--data", str(path))
    cached = _cached(tmp_path, *args, env={UNHEARD_OF: "1"})
    other = tracker(tmp_path, *args, env={UNHEARD_OF: "2"})
    assert "typer" in other.heavy  # the full command answered: a miss
    shells = {
        "SHLVL": "7",
        "OLDPWD": "/",
        "PWD": "/somewhere",
        "SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22",
    }
    same = tracker(tmp_path, *args, env={UNHEARD_OF: "1", **shells})
    assert same.heavy == set() and same.output == cached.output


def test_two_requests_in_one_process_are_two_entries(write_log):
    """The full command keys the arguments it was given, not the process's own (pytest's here)."""
    path = write_log(HEADER + GOOD_EVENT)
    debug = {"TRACKER_CACHE_DEBUG": "1"}
    for args in (["timeline", "--json"], ["signatories", "--json", "--as-of", "2025-12"]):
        made = run(*args, "--data", str(path), env=debug)
        assert "cache: stored" in made.stderr
        again = run(*args, "--data", str(path), env=debug)
        assert "cache: hit" in again.stderr
        assert made.stdout == again.stdout == run(*args, "--data", str(path), "--no-cache").stdout


def test_an_answer_made_across_midnight_is_not_stored(write_log, cache_home, monkeypatch):
    path = write_log(HEADER + GOOD_EVENT)
    days = ["2030-01-01", "2030-01-02"]  # when the request began, then when its answer was made
    monkeypatch.setattr(cachekey, "today", lambda: days.pop(0) if len(days) > 1 else days[0])
    result = run("timeline", "--json", "--data", str(path), env={"TRACKER_CACHE_DEBUG": "1"})
    assert result.exit_code == 0 and "cache: not stored: the day changed" in result.stderr
    assert list((cache_home / "tracker").glob("*.entry")) == []
    assert (
        "cache: stored"
        in run("timeline", "--json", "--data", str(path), env={"TRACKER_CACHE_DEBUG": "1"}).stderr
    )


def test_the_source_fingerprint_follows_each_python_file_and_nothing_else(tmp_path):
    package = tmp_path / "tracker"
    (package / "render").mkdir(parents=True)
    module = package / "render" / "json.py"
    module.write_text("X = 1\n")
    before = cachekey.sources(str(package))
    (package / "render" / "__pycache__").mkdir()
    (package / "render" / "__pycache__" / "json.cpython-311.pyc").write_bytes(b"compiled")
    (package / "_shipped").mkdir()
    (package / "_shipped" / "events.py").write_text("")
    (package / "notes.txt").write_text("")
    assert cachekey.sources(str(package)) == before
    os.utime(module, ns=(0, 12345))  # the same size, another time
    touched = cachekey.sources(str(package))
    assert touched != before
    module.write_text("X = 2\n")
    os.utime(module, ns=(0, 12345))  # another content of the same size, at the same time: not seen
    assert cachekey.sources(str(package)) == touched
    (package / "new.py").write_text("")
    assert cachekey.sources(str(package)) != touched


def test_an_edited_source_file_is_a_miss(tmp_path):
    """In a development checkout, an edited renderer is not served the tables of the old one."""
    copy = tmp_path / "checkout"
    shutil.copytree(REPO / "tracker", copy / "tracker", ignore=shutil.ignore_patterns("__pycache__"))
    path = _log(tmp_path / "log")
    args = ("timeline", "--json", "--data", str(path))
    cached = _cached(tmp_path, *args, env={"PYTHONPATH": str(copy)})  # compiling the copy changes nothing
    renderer = copy / "tracker" / "render" / "json.py"
    renderer.write_text(renderer.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = tracker(tmp_path, *args, env={"PYTHONPATH": str(copy)})
    assert "typer" in edited.heavy and edited.output == cached.output


def test_no_value_of_the_environment_is_written_down(tmp_path, cache_home):
    path = _log(tmp_path / "log")
    secret = "s3cr3t-token-value"
    _cached(tmp_path, "timeline", "--json", "--data", str(path), env={"ACCORDS_TOKEN": secret})
    for file in (cache_home / "tracker").rglob("*"):  # answers, and the store's files
        assert file.is_dir() or secret.encode() not in file.read_bytes()
    assert cache.folder() == cache_home / "tracker"
