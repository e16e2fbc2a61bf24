"""The answer cache: content-keyed, never stale, JSON only, and ignorable when damaged."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from conftest import ARTICLE, GOOD_EVENT, HEADER, WEB_TEXT, run

from tracker.app import cache, cachewrite

DEBUG = {"TRACKER_CACHE_DEBUG": "1"}
ASKS = [
    ["signatories", "--json", "--as-of", "2025-12"],
    ["timeline", "--json"],
    ["candidates", "--json", "--as-of", "2025-12"],
    ["sources"],
    ["show", "france-joins", "--json"],
    ["timeline"],
]


def entries(cache_home):
    return sorted((cache_home / "tracker").glob("*.entry"))


def read_entry(path):
    """An entry's JSON (its last line) and the answer's bytes before it."""
    body, _, head = path.read_bytes()[:-1].rpartition(b"\n")
    return json.loads(head), body


def write_entry(path, head, body):
    stated = {"bytes": len(body), "hash": cache.digest(body)}
    path.write_bytes(body + b"\n" + json.dumps({**head, "output": stated}).encode() + b"\n")


# Where the pickle payload below would leave its mark if anything unpickled an entry.
MARKER = Path(tempfile.gettempdir()) / f"tracker-pwned-{os.getpid()}"


def pickle_payload(marker: Path) -> bytes:
    """A pickle that runs `touch MARKER` when loaded."""
    return b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."


def test_the_pickle_payload_is_live_so_the_damage_test_can_fail():
    MARKER.unlink(missing_ok=True)
    pickle.loads(pickle_payload(MARKER))
    assert MARKER.exists()
    MARKER.unlink()


def answer(path, *args, env=None):
    result = run(*args, "--data", str(path), env={**DEBUG, **(env or {})})
    return result


@pytest.mark.parametrize("args", ASKS, ids=lambda a: " ".join(a))
def test_a_second_run_is_served_from_the_cache_with_the_same_bytes(write_log, cache_home, args):
    path = write_log(HEADER + GOOD_EVENT)
    first = answer(path, *args)
    assert first.exit_code == 0 and "cache: stored" in first.stderr
    second = answer(path, *args)
    assert second.exit_code == 0 and "cache: hit" in second.stderr
    fresh = run(*args, "--data", str(path), "--no-cache")
    assert first.stdout_bytes == second.stdout_bytes == fresh.stdout_bytes
    assert len(entries(cache_home)) == 1
    head, body = read_entry(entries(cache_home)[0])
    assert head["format"] == cache.FORMAT and body == first.stdout_bytes


def test_an_edited_log_is_never_answered_from_the_old_entry(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    before = os.stat(path)
    assert [
        r["code"] for r in json.loads(answer(path, "signatories", "--json", "--as-of", "2025-12").stdout)
    ] == [
        "FR",
        "IL",
        "US",
    ]
    path.write_text(
        path.read_text(encoding="utf-8").replace("[FR, IL, US]", "[FR, DE, IL, US]"), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # restored timestamps fool mtime caches
    again = answer(path, "timeline", "--json")
    assert json.loads(again.stdout)[0]["countries"] == ["FR", "DE", "IL", "US"]


def test_an_edited_article_is_rechecked_even_though_the_log_is_unchanged(write_log, tmp_path):
    path = write_log(HEADER + GOOD_EVENT)
    assert answer(path, "timeline", "--json").exit_code == 0
    (tmp_path / "article.txt").write_text("France said nothing of the kind.\n", encoding="utf-8")
    result = answer(path, "timeline", "--json")
    assert "miss: article article.txt changed" in result.stderr
    assert result.exit_code == 1 and "quote not found in ./article.txt" in result.stderr


def test_an_article_replaced_by_a_link_out_of_the_corpus_is_refused_again(write_log, tmp_path):
    path = write_log(HEADER + GOOD_EVENT)
    assert answer(path, "sources", "--json").exit_code == 0
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    shutil.move(tmp_path / "article.txt", outside)
    (tmp_path / "article.txt").symlink_to(outside)  # same bytes, but no longer inside the corpus
    result = answer(path, "sources", "--json")
    assert result.exit_code == 1 and "leads outside the corpus folder through a link" in result.stderr


def test_a_copied_log_and_corpus_get_an_entry_of_their_own(write_log, tmp_path, cache_home):
    """Answers can name the log's article paths, so a copy elsewhere is never served the original's."""
    path = write_log(HEADER + GOOD_EVENT)
    first = answer(path, "timeline", "--json")
    assert first.exit_code == 0
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(path, copy / "events.yaml")
    shutil.copy(tmp_path / "article.txt", copy / "article.txt")
    shutil.copy(tmp_path / "web.txt", copy / "web.txt")
    result = answer(copy / "events.yaml", "timeline", "--json")
    assert result.exit_code == 0 and "cache: stored" in result.stderr and result.stdout == first.stdout
    assert len(entries(cache_home)) == 2


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda entry: b"", "unreadable"),
        (lambda entry: entry[:-40], "unreadable"),  # cut inside the JSON
        (lambda entry: entry[5:], "malformed"),  # the answer cut
        (lambda entry: b"XXXXX" + entry[5:], "malformed"),  # the answer changed, same length
        (lambda entry: b"\x80\x81 not text\n", "unreadable"),
        (lambda entry: pickle_payload(MARKER), "unreadable"),  # a pickle: never loaded as one
        (lambda entry: b"[1, 2, 3]\n", "malformed"),
        (lambda entry: b'forged\n{"output": "forged"}\n', "malformed"),
    ],
    ids=["empty", "cut-json", "cut-answer", "changed-answer", "not-utf8", "pickle", "list", "forged"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt_silently(write_log, cache_home, damage, reason):
    path = write_log(HEADER + GOOD_EVENT)
    good = answer(path, "timeline", "--json")
    (entry,) = entries(cache_home)
    intact = entry.read_bytes()
    entry.write_bytes(damage(intact))
    quiet = run("timeline", "--json", "--data", str(path))
    assert quiet.exit_code == 0 and quiet.stdout == good.stdout and quiet.stderr == ""
    assert entry.read_bytes() == intact  # rebuilt
    entry.write_bytes(damage(intact))
    told = answer(path, "timeline", "--json")
    assert f"cache: ignored {reason} entry" in told.stderr and told.stdout == good.stdout
    assert not MARKER.exists()


def test_a_foreign_entry_is_ignored(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT)
    good = answer(path, "timeline", "--json")
    (entry,) = entries(cache_home)
    head, _ = read_entry(entry)
    for field, value in (("format", 2), ("key", "0" * 64)):
        write_entry(entry, {**head, field: value}, b"forged\n")
        result = answer(path, "timeline", "--json")
        assert "cache: ignored foreign entry" in result.stderr and result.stdout == good.stdout


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("digest", "0" * 64, "changed"),  # another log's bytes
        ("log", "/elsewhere/events.yaml", "now leads to"),  # another log
        ("where", "/elsewhere/events.yaml", "now leads to"),  # the path led elsewhere then
    ],
)
def test_an_entry_for_another_log_is_a_miss(write_log, cache_home, field, value, said):
    path = write_log(HEADER + GOOD_EVENT)
    good = answer(path, "timeline", "--json")
    (entry,) = entries(cache_home)
    head, _ = read_entry(entry)
    write_entry(entry, {**head, field: value}, b"forged\n")
    result = answer(path, "timeline", "--json")
    assert f"cache: miss: {head['log'] if field != 'log' else value}" in result.stderr
    assert said in result.stderr and "cache: stored" in result.stderr and result.stdout == good.stdout


def test_an_unreadable_entry_or_cache_folder_still_answers(write_log, cache_home, tmp_path):
    path = write_log(HEADER + GOOD_EVENT)
    good = run("timeline", "--json", "--data", str(path), "--no-cache").stdout
    answer(path, "timeline", "--json")
    (entry,) = entries(cache_home)
    entry.unlink()
    entry.mkdir()  # a folder where the entry should be
    assert answer(path, "timeline", "--json").stdout == good
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    result = run("timeline", "--json", "--data", str(path), env={"XDG_CACHE_HOME": str(blocked), **DEBUG})
    assert result.exit_code == 0 and result.stdout == good and "not stored" in result.stderr


def test_no_cache_option_and_variable_neither_read_nor_write(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT)
    good = answer(path, "timeline", "--json").stdout
    (entry,) = entries(cache_home)
    head, _ = read_entry(entry)
    write_entry(entry, head, b"forged\n")  # well-formed: trusted
    assert run("timeline", "--json", "--data", str(path)).stdout == "forged\n"
    assert run("timeline", "--json", "--data", str(path), "--no-cache").stdout == good
    assert run("timeline", "--json", "--data", str(path), env={"TRACKER_NO_CACHE": "1"}).stdout == good
    other = run("signatories", "--json", "--data", str(path), env={"TRACKER_NO_CACHE": "1"})
    assert other.exit_code == 0 and entries(cache_home) == [entry]


def test_invalid_logs_and_failed_requests_are_not_stored(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT.replace("source: art", "source: nowhere"))
    assert run("timeline", "--json", "--data", str(path)).exit_code == 1
    assert run("show", "no-such-event", "--data", str(path)).exit_code == 1
    good = write_log(HEADER + GOOD_EVENT, name="good.yaml")
    assert run("show", "no-such-event", "--data", str(good)).exit_code == 2
    assert entries(cache_home) == []


def test_the_cache_folder_follows_xdg_else_the_home_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "tracker"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.folder() == tmp_path / ".cache" / "tracker"


def _year(path, year, env=None):
    result = answer(path, "signatories", "--json", "--as-of", str(year), env=env)
    assert result.exit_code == 0, result.stderr
    return result


def test_the_cache_keeps_within_its_byte_budget_least_recently_used_first(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT)
    _year(path, 2030)
    (one,) = entries(cache_home)
    size = one.stat().st_size  # each year's entry is about this size
    one.unlink()
    memo = sum(f.stat().st_size for f in (cache_home / "tracker" / "store").rglob("*.memo"))  # the log's
    budget = {"TRACKER_CACHE_BYTES": str(int(size * 3.5) + memo)}
    stored = {}
    for age, year in zip((300, 200, 100), (2026, 2027, 2028), strict=True):
        before = set(entries(cache_home))
        _year(path, year, budget)
        (stored[year],) = set(entries(cache_home)) - before
        info = stored[year].stat()
        os.utime(stored[year], (info.st_atime, info.st_mtime - age))  # stored long ago
    assert len(entries(cache_home)) == 3
    assert "cache: hit" in _year(path, 2026, budget).stderr  # used now: the most recent
    assert f"cache: pruned {stored[2027].name}" in _year(path, 2029, budget).stderr
    kept = set(entries(cache_home))
    assert len(kept) == 3 and stored[2027] not in kept  # the least recently used went first
    assert {stored[2026], stored[2028]} < kept
    assert sum(e.stat().st_size for e in entries(cache_home)) <= int(size * 3.5)


def test_an_answer_larger_than_the_budget_is_printed_but_not_kept(write_log, cache_home):
    path = write_log(HEADER + GOOD_EVENT)
    result = _year(path, 2026, {"TRACKER_CACHE_BYTES": "100"})
    assert json.loads(result.stdout)[0]["country"] == "France"
    assert "cache: not stored: the answer is larger than 100 bytes" in result.stderr
    assert entries(cache_home) == []


@pytest.mark.parametrize(
    ("value", "budget"), [(None, 256 * 1024 * 1024), ("1000", 1000), ("0", 0), ("lots", 256 * 1024 * 1024)]
)
def test_the_budget_is_256_mib_unless_the_variable_gives_a_number_of_bytes(monkeypatch, value, budget):
    if value is None:
        monkeypatch.delenv("TRACKER_CACHE_BYTES", raising=False)
    else:
        monkeypatch.setenv("TRACKER_CACHE_BYTES", value)
    assert cachewrite.budget() == budget


def test_no_home_folder_means_no_cache_not_a_crash(write_log, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME")
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path)  # as with no home to be found
    monkeypatch.setattr(cache, "_SAID", set())  # said once a process: this test's run must say it
    path = write_log(HEADER + GOOD_EVENT)
    result = answer(path, "timeline", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "france-joins"
    assert "cache: not used: no absolute home folder (HOME is '')" in result.stderr


def test_an_identical_log_in_another_folder_is_another_question(tmp_path, monkeypatch):
    """Answers name article paths: a copy of a log is never answered with the original's paths."""
    monkeypatch.chdir(tmp_path)
    paths = []
    for name in ("w", "w2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / name / "web.txt").write_text(WEB_TEXT, encoding="utf-8")
        log = tmp_path / name / "events.yaml"
        log.write_text(textwrap.dedent(HEADER + GOOD_EVENT), encoding="utf-8")
        result = run("sources", "--json", "--data", str(log))
        assert result.exit_code == 0, result.stderr
        paths.append(json.loads(result.stdout)[0]["path"])
    assert paths == ["w/article.txt", "w2/article.txt"]
