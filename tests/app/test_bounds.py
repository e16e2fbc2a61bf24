"""Bounded by the input's size, and a cache that never serves the wrong answer (issue 11, classes 5, 6).

Memory follows the log's size, not the number of mistakes in it; a terminal
width is clamped; a cache entry is read only up to a bound before it is
trusted; every input of an answer is in its key; partial files of killed
processes are removed; a relative HOME never makes the working folder a cache.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, run

from tracker.app import cache, cachewrite

DEBUG = {"TRACKER_CACHE_DEBUG": "1"}


def _subprocess(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


# -- cache entries are read within bounds -----------------------------------------


@pytest.fixture
def entry_reads(monkeypatch) -> list[int]:
    """The bytes this process reads from cache entries, counted where it asks the OS for them
    (os.read, os.pread, os.readv, os.preadv), whichever of them the cache uses and however often."""
    got: list[int] = []

    def counting(real):
        def read(fd, *args):
            done = real(fd, *args)
            try:
                entry = os.readlink(f"/proc/self/fd/{fd}").endswith(".entry")
            except OSError:
                entry = False
            if entry:
                got.append(done if isinstance(done, int) else len(done))
            return done

        return read

    for name in ("read", "pread", "readv", "preadv"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, counting(getattr(os, name)))
    return got


def _stored(write_log, cache_home) -> tuple[Path, Path, bytes]:
    path = write_log(HEADER + GOOD_EVENT)
    assert run("timeline", "--json", "--data", str(path)).exit_code == 0
    (entry,) = (cache_home / "tracker").glob("*.entry")
    return path, entry, entry.read_bytes()


def test_an_entry_over_the_limit_is_not_read_at_all(write_log, cache_home, entry_reads):
    path, entry, _ = _stored(write_log, cache_home)
    with entry.open("r+b") as file:
        file.truncate(cache.ENTRY_LIMIT + 1)  # a sparse gigabyte-sized damaged entry costs no disk
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    assert result.exit_code == 0 and "cache: ignored entry" in result.stderr
    assert sum(entry_reads) == 0


@pytest.mark.parametrize("damage", ["padded", "long-head", "foreign", "no-newline"])
def test_a_large_damaged_entry_costs_at_most_one_head_of_reading(write_log, cache_home, entry_reads, damage):
    path, entry, intact = _stored(write_log, cache_home)
    fresh = run("timeline", "--json", "--data", str(path), "--no-cache").stdout_bytes
    body, _, head = intact[:-1].rpartition(b"\n")
    if damage == "padded":  # the answer grown to 60 MiB: its stated length no longer fits
        data = body + b"\0" * (60 << 20) + b"\n" + head + b"\n"
    elif damage == "long-head":  # a JSON line beyond HEAD_LIMIT is never trusted
        data = body + b"\n" + b" " * cache.HEAD_LIMIT + head + b"\n"
    elif damage == "foreign":  # whole, but for another log's bytes: the answer is never read
        data = body + b"\n" + head.replace(b'"digest": "', b'"digest": "0') + b"\n"
    else:
        data = b"x" * (cache.HEAD_LIMIT * 2)
    entry.write_bytes(data)
    entry_reads.clear()
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    said = "cache: miss" if damage == "foreign" else "cache: ignored"
    assert result.exit_code == 0 and said in result.stderr
    assert result.stdout_bytes == fresh  # answered afresh, not from the damaged entry
    # Its last HEAD_LIMIT bytes at most (a small entry: itself, once), and never the answer after them.
    assert 0 < sum(entry_reads) <= min(len(data), cache.HEAD_LIMIT)
    assert entry.read_bytes() == intact  # replaced by a good entry


def test_an_intact_entry_is_read_within_its_head_and_its_answer(write_log, cache_home, entry_reads):
    path, _, intact = _stored(write_log, cache_home)
    body = intact[:-1].rpartition(b"\n")[0]
    entry_reads.clear()
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    assert "cache: hit" in result.stderr and result.stdout_bytes == body
    # The answer once, and the JSON line from the end, within HEAD_LIMIT (here the whole small entry).
    assert len(body) < sum(entry_reads) <= len(body) + min(len(intact), cache.HEAD_LIMIT)


def test_answers_over_the_size_limit_are_printed_but_not_kept(write_log, cache_home, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ANSWER", 100)
    path = write_log(HEADER + GOOD_EVENT)
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "france-joins"
    assert "cache: not stored: the answer is larger than 100 bytes" in result.stderr
    kept = [p for p in (cache_home / "tracker").iterdir() if p.name != "store"]  # the log's, not the answer
    assert kept == []  # the partial file is gone too


# -- every input of an answer is in its key ---------------------------------------


VARIANTS = {
    "plain": {},
    "forced-colour": {"FORCE_COLOR": "1"},
    "no-colour": {"FORCE_COLOR": "1", "NO_COLOR": "1"},
    "truecolor": {"FORCE_COLOR": "1", "COLORTERM": "truecolor"},
    "dumb": {"FORCE_COLOR": "1", "TERM": "dumb"},
    "tty-compatible-off": {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "0"},
    "narrow": {"COLUMNS": "60"},
}


@pytest.mark.parametrize("args", [["timeline"], ["signatories", "--as-of", "2026"], ["show", "france-joins"]])
def test_each_terminal_setting_gets_its_own_answer(write_log, cache_home, args):
    path = write_log(HEADER + GOOD_EVENT)
    outputs = {}
    for name, env in VARIANTS.items():  # one cache for all: each run must miss, then hit
        stored = run(*args, "--data", str(path), env={**env, **DEBUG})
        again = run(*args, "--data", str(path), env={**env, **DEBUG})
        fresh = run(*args, "--data", str(path), "--no-cache", env=env)
        assert "cache: stored" in stored.stderr, name
        assert "cache: hit" in again.stderr, name
        assert stored.stdout_bytes == again.stdout_bytes == fresh.stdout_bytes, name
        outputs[name] = stored.stdout
    assert "\x1b[" in outputs["forced-colour"] and "\x1b[" not in outputs["plain"]
    colour = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]")  # bold and italics may stay
    assert not colour.search(outputs["no-colour"])
    assert colour.search(outputs["forced-colour"]) or args[0] != "signatories"  # statuses are coloured
    assert outputs["narrow"] != outputs["plain"] or args[0] == "show"  # show fits in 60 columns


def test_each_format_gets_its_own_answer(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT)
    for fmt in ("table", "json", "jsonl", "csv", "markdown"):
        stored = run("timeline", "--format", fmt, "--data", str(path), env=DEBUG)
        fresh = run("timeline", "--format", fmt, "--data", str(path), "--no-cache")
        assert "cache: stored" in stored.stderr and stored.stdout_bytes == fresh.stdout_bytes, fmt
    assert len(list((cache_home / "tracker").glob("*.entry"))) == 5


def test_today_is_part_of_the_question_not_hidden_in_the_answer():
    """A question about "today" names the day in its fields, so tomorrow's is another cache entry."""
    import dataclasses
    from datetime import date

    from tracker.queries import Timeline

    asked = Timeline(as_of=date(2026, 12, 6))  # the day is passed in: a query never reads the clock
    assert asked.key()[1]["as_of"] == "2026-12-06"
    assert dataclasses.replace(asked, as_of=date(2025, 1, 1)).key() != asked.key()


# -- partial files and the cache folder ------------------------------------------


def test_partial_files_of_killed_processes_are_pruned(write_log, cache_home):
    folder = cache_home / "tracker"
    folder.mkdir()
    stale, fresh = folder / ".tmp-killed.part", folder / ".tmp-writing.part"
    stale.write_bytes(b"half an answer")
    fresh.write_bytes(b"an answer being written")
    old = time.time() - cachewrite.STALE_PART - 60
    os.utime(stale, (old, old))
    path = write_log(HEADER + GOOD_EVENT)
    assert "cache: stored" in run("timeline", "--json", "--data", str(path), env=DEBUG).stderr
    assert not stale.exists() and fresh.exists()  # a run may still be writing the recent one


def test_sigterm_while_an_answer_is_written_leaves_no_partial_file(write_log, cache_home):
    events = "".join(GOOD_EVENT.replace("france-joins", f"france-joins-{n}") for n in range(2_000))
    log = write_log(HEADER + events)  # a megabyte of answer: many times what a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "timeline", "--json", "--data", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    process.stdout.read(1)  # the answer has begun; nobody reads on, so the writer blocks in a pipe
    folder = cache_home / "tracker"
    while not list(folder.glob(".tmp-*.part")):
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    process.stdout.close()
    assert process.wait(timeout=120) in (128 + signal.SIGTERM, 120)  # our exit, not death by the signal
    assert list(folder.glob(".tmp-*")) == [] and list(folder.glob("*.entry")) == []


@pytest.mark.parametrize("home", ["relative/home", "", "."])
def test_a_relative_home_means_no_cache(write_log, tmp_path, monkeypatch, home):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", home)
    monkeypatch.chdir(tmp_path)
    path = write_log(HEADER + GOOD_EVENT)
    before = sorted(tmp_path.rglob("*"))
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "france-joins"
    assert f"cache: not used: no absolute home folder (HOME is '{home}')" in result.stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing written in the working folder
    with pytest.raises(RuntimeError):
        cache.folder()
    monkeypatch.setenv("XDG_CACHE_HOME", "also/relative")
    with pytest.raises(RuntimeError):
        cache.folder()


def test_a_reinstalled_library_or_another_python_changes_the_key(tmp_path, monkeypatch):
    from tracker.app import cachekey

    package = tmp_path / "pycountry"
    package.mkdir()
    (package / "__init__.py").write_text("")
    origin = cachekey._origin
    monkeypatch.setattr(
        cachekey,
        "_origin",
        lambda name: str(package / "__init__.py") if name == "pycountry" else origin(name),
    )
    before = cachekey.key(["timeline"], "2026-01-01")
    os.utime(package, ns=(0, 12345))  # what reinstalling does to the package's folder
    assert cachekey.key(["timeline"], "2026-01-01") != before
    before = cachekey.key(["timeline"], "2026-01-01")
    monkeypatch.setattr(sys, "version", "3.99.0")
    assert cachekey.key(["timeline"], "2026-01-01") != before


# -- issue 19: one bound on what is read --------------------------------------------
#
# Every article is read through `files.Corpus`, which only the corpus bound can
# make: check, quote, add and the cache read nothing else, so nothing printed
# can come from a file outside the log's project.

SECRET = "PRIVATE KEY line that nobody may print from this machine\n"
NEAR_MISS = "PRIVATE KEY line that nobody may print from this computer"


def _secret_log(folder: Path, corpus: str, file: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "log.yaml"
    path.write_text(
        "format: 1\n"
        f"corpus: {json.dumps(corpus)}\n"
        "roles: {party: [IL], broker: [US]}\n"
        "sources:\n"
        f"  - {{id: key, file: {json.dumps(file)}}}\n"
        "events:\n"
        "  - id: leak\n"
        "    date: 2025-11-03\n"
        "    kind: announcement\n"
        "    countries: [FR, IL, US]\n"
        "    subjects: [FR]\n"
        "    title: A near miss whose hint would print the nearest passage\n"
        "    cite:\n"
        "      - source: key\n"
        f"        quote: {NEAR_MISS}\n",
        encoding="utf-8",
    )
    return path


def _printed(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("where", "corpus", "file"),
    [
        ("notes", "../.ssh", "id_ed25519"),  # beside the log, but a hidden folder
        (".", ".", ".ssh/id_ed25519"),  # a log in the home folder citing a hidden file
        (".", ".ssh", "id_ed25519"),  # under the log's folder, but hidden
        ("notes/deep", "../../.ssh", "id_ed25519"),  # too far
    ],
)
def test_no_command_reads_or_prints_a_hidden_file(tmp_path, where, corpus, file):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text(SECRET, encoding="utf-8")
    path = _secret_log(home / where, corpus, file)
    env = {"HOME": str(tmp_path / "elsewhere")}  # hidden names are refused wherever home is
    checked = run("check", "--data", str(path), env=env)
    assert checked.exit_code == 1 and "PRIVATE" not in _printed(checked)
    assert "hidden" in checked.stdout or "too far" in checked.stdout, checked.stdout
    quoted = run("quote", "key", "PRIVATE KEY line", "--data", str(path), env=env)
    assert quoted.exit_code == 2 and "PRIVATE" not in _printed(quoted)


def test_quote_applies_the_bound_that_check_applies(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    path = _secret_log(tmp_path / "project" / "data", str(outside), "passwd")  # an absolute corpus
    result = run("quote", "key", "root:x:0:0", "--data", str(path))
    assert result.exit_code == 2 and "root:x" not in _printed(result)
    assert "must be a folder relative to the log, not an absolute path" in result.stderr
    checked = run("check", "--data", str(path))
    assert checked.exit_code == 1 and "root:x" not in _printed(checked)


def test_the_home_folder_is_never_a_corpus(tmp_path):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "letter.txt").write_text(SECRET, encoding="utf-8")
    direct = _secret_log(home, ".", "Documents/letter.txt")  # a log dropped straight into the home folder
    beside = _secret_log(tmp_path / "project", "../home", "Documents/letter.txt")
    for path in (direct, beside):
        result = run("check", "--data", str(path), env={"HOME": str(home)})
        assert result.exit_code == 1 and "PRIVATE" not in _printed(result)
        assert "is or holds your home folder" in result.stdout


@pytest.mark.parametrize(
    ("log", "corpus", "allowed"),
    [
        ("/work/x/data/events.yaml", "../seeds", True),
        ("/work/x/data/events.yaml", "../.seeds", False),
        ("/work/x/data/events.yaml", ".git", False),
        ("/work/x/data/events.yaml", "articles/.cache/x", False),
        ("/work/x/.hidden/events.yaml", "articles", True),  # where the log lies is the curator's choice
        ("/home/other/events.yaml", "../me", False),  # beside, but the home folder itself
        ("/home/events.yaml", ".", False),  # a folder that holds the home folder
        ("/home/me/log/events.yaml", "../papers", True),
    ],
)
def test_the_corpus_is_never_hidden_nor_the_home_folder(monkeypatch, log, corpus, allowed):
    from tracker.files import corpus_problem

    monkeypatch.setenv("HOME", "/home/me")
    assert (corpus_problem(Path(log), corpus) is None) == allowed


def test_an_article_is_read_only_inside_a_corpus_the_bound_accepts(write_log):
    """`Corpus` is the one reader of articles (check, quote, add's clash test and the cache)."""
    from tracker.files import Corpus, OutsideCorpus

    path = write_log(HEADER + GOOD_EVENT)
    (path.parent / ".secret").write_text(SECRET, encoding="utf-8")
    corpus = Corpus(path, ".")
    assert corpus.read("article.txt").startswith(b"France")
    for file in (".secret", "./.secret", "sub/../.secret"):
        with pytest.raises(OutsideCorpus):
            corpus.read(file)
    with pytest.raises(OutsideCorpus):
        Corpus(path, "..")


# -- issue 19: a cache folder is used only if it is the user's own --------------------

FORGED = b"\x1b]0;owned\x07FORGED ANSWER\n"


def _forge(folder: Path) -> int:
    """Rewrite every entry's answer as a forger would: new bytes, with their length and hash."""
    forged = 0
    for entry in folder.glob("*.entry"):
        data = entry.read_bytes()
        head = json.loads(data[data.rindex(b"\n", 0, len(data) - 1) + 1 :])
        head["output"] = {"bytes": len(FORGED), "hash": cache.digest(FORGED)}
        entry.write_bytes(FORGED + b"\n" + json.dumps(head).encode("ascii") + b"\n")
        forged += 1
    return forged


def _untrusted(folder: Path, how: str) -> None:
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
    else:
        if os.geteuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, 65534, 65534)


@pytest.mark.parametrize("how", ["world-writable", "group-writable", "another-user"])
def test_a_cache_folder_others_can_write_is_not_used(write_log, cache_home, how):
    path = write_log(HEADER + GOOD_EVENT)
    args = ("timeline", "--json", "--data", str(path))
    first = _subprocess(*args)
    assert first.returncode == 0
    folder = cache_home / "tracker"
    assert _forge(folder) == 1
    served = _subprocess(*args).stdout.encode()
    assert served == FORGED  # the forgery is well made: a trusted folder serves it
    _untrusted(folder, how)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir())
    in_process = lambda *a, env=None: run(*a, env=env)  # noqa: E731 - the full command, after the front door
    for runner in (_subprocess, in_process):
        result = runner(*args, env=DEBUG)
        assert result.stdout == first.stdout and "FORGED" not in result.stdout
        said = [line for line in result.stderr.splitlines() if line.startswith("tracker: cache:")]
        assert len(said) == 1 and said[0].startswith("tracker: cache: not used: ")
        assert "cannot be trusted" in said[0]
    assert sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()) == before  # nothing written


def test_a_cache_folder_made_by_someone_else_first_is_not_written(write_log, cache_home, monkeypatch):
    """Made between the check and the store: checked again once it exists."""
    path = write_log(HEADER + GOOD_EVENT)
    made = cache._made

    def raced() -> Path:
        (cache_home / "tracker").mkdir(mode=0o777)
        (cache_home / "tracker").chmod(0o777)
        return made()

    monkeypatch.setattr(cache, "_made", raced)
    result = run("timeline", "--json", "--data", str(path), env=DEBUG)
    assert result.exit_code == 0 and "cache: not stored: " in result.stderr
    assert list((cache_home / "tracker").iterdir()) == []


# -- issue 19: values that check accepts, or that arrive oddly, are safe everywhere ----------


@pytest.mark.parametrize(
    "url", ["https://[::1/x", "https://x]/", "https://[::1]:99999/", "http://\uff0fx.com/"]
)
def test_a_malformed_url_is_a_located_problem_for_check_and_no_crash_elsewhere(write_log, url):
    header = HEADER.replace("url: https://example.org/report", f"url: {json.dumps(url)}")
    path = write_log(header + GOOD_EVENT)
    checked = run("check", "--data", str(path))
    assert checked.exit_code == 1
    assert checked.stdout == f"{path}:8:20: source 'web' url is not a well-formed URL\n"
    for args in (["timeline"], ["sources", "--json"], ["cite", "france-joins"], ["show", "france-joins"]):
        result = run(*args, "--data", str(path))
        assert result.exit_code == 1 and "url is not a well-formed URL" in result.stderr, args


@pytest.mark.parametrize("typed", ["Is\u200brael", "Tür\u00adkiye", "\u200eSaudi Arabia", "Kazakh\ufeffstan"])
def test_an_invisible_character_in_a_country_name_does_not_defeat_it(typed):
    from tracker import countries

    assert countries.read(typed) == {"I": "IL", "T": "TR", "\u200e": "SA", "K": "KZ"}[typed[0]]
    result = run("country", typed, "--json", "--no-cache")
    assert result.exit_code == 0, result.stderr
