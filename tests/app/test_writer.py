"""Issue 19: one writer for every file the program changes (the log, articles, exports, cache entries).

Each test states a guarantee of docs/contract.md ("Writing") and fails if
the mechanism behind it (tracker/writing.py, insertion.insert) is broken.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ARTICLE, GOOD_EVENT, HEADER, REPO, SHIPPED, run

from tracker import locking, writing
from tracker.log import additions, insertion

ENV = {**os.environ, "PYTHONPATH": str(REPO), "TRACKER_NO_CACHE": "1"}
QUOTE = "France said on Monday it would join the accords."


def page(folder: Path, name: str) -> Path:
    """A web page's text as a curator saved it, outside the corpus."""
    path = folder / f"{name}.txt"
    path.write_text(f"The page {name}, saved by hand for the log.\n", encoding="utf-8")
    return path


def add_page(log: Path, name: str, *extra: str):
    saved = page(log.parent.parent, name)
    return run("add", "source", f"https://example.org/{name}", "--text-file", str(saved), "--id", name,
               "--data", str(log), *extra)  # fmt: skip


def source_ids(log: Path) -> list[str]:
    return [s["id"] for s in yaml.safe_load(log.read_bytes())["sources"]]


def leftovers(*folders: Path) -> list[str]:
    """Temporary, partial or journal files the writer might have left."""
    return sorted(
        p.name
        for folder in folders
        for p in folder.iterdir()
        if p.name.startswith(".") or "journal" in p.name
    )


# -- lost updates: the lock, and the comparison before the rename ---------------------


def test_parallel_additions_each_succeed_only_with_their_entry_in_the_log(copy):
    names = [f"parallel-{n}" for n in range(5)]

    def adding(name: str) -> list[str]:
        saved = page(copy.parent.parent, name)
        return [sys.executable, "-m", "tracker", "add", "source", f"https://example.org/{name}",
                "--text-file", str(saved), "--id", name, "--data", str(copy)]  # fmt: skip

    processes = [
        subprocess.Popen(adding(name), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        for name in names
    ]
    finished = [
        (name, *process.communicate(timeout=300), process.returncode)
        for name, process in zip(names, processes, strict=True)
    ]
    logged = source_ids(copy)
    for name, out, err, code in finished:
        if code == 0:
            assert f"added '{name}'" in out and name in logged, (name, out, err)
        else:  # a refusal says so, and its entry is not in the log
            assert code == 1 and "nothing was written" in err and name not in logged, (name, out, err)
    # The lock makes each wait for the one before: none is refused, none is lost.
    assert [code for *_, code in finished] == [0] * len(names)
    assert sorted(n for n in logged if n.startswith("parallel-")) == names
    assert run("check", "--data", str(copy)).exit_code == 0


def test_an_addition_waits_for_the_lock_and_says_so_when_it_gives_up(copy, monkeypatch):
    original = copy.read_bytes()
    monkeypatch.setattr(locking, "LOCK_WAIT", 0.3)
    held = locking.LogLock(copy)  # another program, in the middle of its addition
    try:
        result = add_page(copy, "waiting")
    finally:
        held.release()
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tracker: cannot write {copy}: another program (tracker add?) has been writing it for 0.3 "
        "seconds; try again when it is done; nothing was written"
    )
    assert copy.read_bytes() == original
    assert add_page(copy, "waiting").exit_code == 0  # once the lock is free


def test_a_log_edited_between_the_read_and_the_write_is_not_overwritten(copy, monkeypatch):
    real = additions.write
    edited = copy.read_bytes() + b"# an edit saved by an editor meanwhile\n"

    def editor_saves_first(result: additions.Plan) -> None:
        copy.write_bytes(edited)  # an editor does not take tracker's lock
        real(result)

    monkeypatch.setattr(additions, "write", editor_saves_first)
    result = add_page(copy, "late")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tracker: cannot write {copy}: the log changed meanwhile (another program wrote it after "
        "tracker read it); nothing was written"
    )
    assert copy.read_bytes() == edited
    assert not (copy.parent.parent / "seeds" / "pages" / "late.txt").exists()  # the copy is undone
    assert leftovers(copy.parent, copy.parent.parent / "seeds" / "pages") == []


# -- links -------------------------------------------------------------------------


def test_a_symbolic_link_to_the_log_stays_a_link_and_its_target_is_written(copy):
    link = copy.parent / "current.yaml"
    link.symlink_to("events.yaml")
    result = add_page(link, "linked")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "events.yaml"
    assert "linked" in source_ids(copy)
    assert leftovers(copy.parent) == []


def test_export_force_onto_a_symbolic_link_writes_its_target(tmp_path):
    target = tmp_path / "accords.ics"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.ics"
    link.symlink_to(target.name)
    result = run("export", "ics", str(link), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accords.ics", "latest.ics"]


def test_a_hard_linked_log_is_refused_and_both_names_keep_their_bytes(copy):
    other = copy.parent / "backup.yaml"
    os.link(copy, other)
    original = copy.read_bytes()
    result = add_page(copy, "hard")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tracker: cannot write {copy}: it has 2 hard links, and replacing it would leave the other "
        "names with the old content; remove the other links (a symbolic link is followed); nothing "
        "was written"
    )
    assert copy.read_bytes() == original and other.read_bytes() == original
    assert os.stat(copy).st_ino == os.stat(other).st_ino  # still one file under two names
    assert not (copy.parent.parent / "seeds" / "pages" / "hard.txt").exists()
    assert leftovers(copy.parent) == []


# -- attributes --------------------------------------------------------------------


def test_a_read_only_log_is_refused_with_its_content_unchanged(copy):
    original = copy.read_bytes()
    os.chmod(copy, 0o444)
    result = add_page(copy, "readonly")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tracker: cannot write {copy}: it is read-only (mode 0444); make it writable if it is meant "
        "to change; nothing was written"
    )
    assert copy.read_bytes() == original
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o444
    assert not (copy.parent.parent / "seeds" / "pages" / "readonly.txt").exists()


def test_a_read_only_export_is_not_replaced(tmp_path):
    path = tmp_path / "out.html"
    path.write_text("keep me", encoding="utf-8")
    os.chmod(path, 0o444)
    result = run("export", "html", str(path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert f"tracker: cannot write {path}: it is read-only (mode 0444)" in result.stderr
    assert path.read_text(encoding="utf-8") == "keep me"


def test_add_keeps_the_logs_mode_owner_and_group(copy):
    os.chmod(copy, 0o600)
    owner = (65534, 65534) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    os.chown(copy, *owner)  # as root: another user's log, written with sudo
    assert add_page(copy, "private").exit_code == 0
    info = os.stat(copy)
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o600, *owner)
    assert "private" in source_ids(copy)


@pytest.mark.parametrize("kind", ["html", "sqlite", "ics"])
def test_export_force_keeps_the_files_mode_and_a_new_file_follows_the_umask(tmp_path, kind):
    kept = tmp_path / f"kept.{kind}"
    kept.write_bytes(b"old")
    os.chmod(kept, 0o600)
    assert run("export", kind, str(kept), "--force", "--data", str(SHIPPED)).exit_code == 0
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600 and kept.read_bytes() != b"old"
    mask = os.umask(0o027)
    try:
        assert run("export", kind, str(tmp_path / f"new.{kind}"), "--data", str(SHIPPED)).exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / f"new.{kind}").st_mode) == 0o640


# -- a full disk, a failed rename ----------------------------------------------------


def _no_space(fd: int, data: object) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_while_adding_leaves_the_log_and_the_corpus_as_they_were(copy, monkeypatch):
    original = copy.read_bytes()
    pages = copy.parent.parent / "seeds" / "pages"
    before = sorted(pages.iterdir())
    monkeypatch.setattr(writing.os, "write", _no_space)
    result = add_page(copy, "full")  # the article is written first, and fails
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tracker: cannot write {copy.parent / '../seeds/pages/full.txt'}: No space left on device; "
        "nothing was written"
    )
    assert copy.read_bytes() == original
    assert sorted(pages.iterdir()) == before
    assert leftovers(copy.parent, pages) == []


def test_a_full_disk_while_writing_the_log_leaves_it_as_it_was(write_log, monkeypatch):
    log = write_log(HEADER + GOOD_EVENT)
    original = log.read_bytes()
    monkeypatch.setattr(writing.os, "write", _no_space)
    result = run("add", "event", "--id", "france-again", "--date", "2025-11-04", "--kind", "statement",
                 "--country", "FR", "--title", "France repeats it", "--cite", "art", "--quote", QUOTE,
                 "--data", str(log))  # fmt: skip
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"tracker: cannot write {log}: No space left on device; nothing was written"
    )
    assert log.read_bytes() == original
    assert leftovers(log.parent) == []


def test_a_failed_rename_leaves_the_log_and_no_temporary_file(copy, monkeypatch):
    original = copy.read_bytes()

    def failing(source: object, target: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(writing.os, "replace", failing)
    result = add_page(copy, "rename")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"tracker: cannot write {copy}: {os.strerror(errno.EIO)}; nothing was written"
    )
    assert copy.read_bytes() == original
    assert not (copy.parent.parent / "seeds" / "pages" / "rename.txt").exists()
    assert leftovers(copy.parent) == []


@pytest.mark.parametrize("kind", ["html", "ics"])
def test_a_full_disk_while_exporting_leaves_the_old_file(tmp_path, monkeypatch, kind):
    path = tmp_path / f"out.{kind}"
    path.write_bytes(b"old")
    monkeypatch.setattr(writing.os, "write", _no_space)
    result = run("export", kind, str(path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"tracker: cannot write {path}: No space left on device"
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_sqlite_on_a_full_disk_is_one_message_not_a_traceback(tmp_path, monkeypatch):
    from tracker.app.export import sqlite

    real = sqlite.build

    def tiny_disk(log: object, connection: sqlite3.Connection, *day: object) -> None:
        connection.execute("PRAGMA max_page_count = 3")  # SQLite's own "database or disk is full"
        real(log, connection, *day)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite, "build", tiny_disk)
    path = tmp_path / "out.db"
    path.write_bytes(b"old")
    result = run("export", "sqlite", str(path), "--force", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"tracker: cannot write {path}: No space left on device"
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db"]


# -- signals -----------------------------------------------------------------------

# Runs the command with one step made slow: it says when it is there, then waits to be signalled.
SLOW = """
import pathlib, signal, sys, time
from tracker.app.export import sqlite
from tracker import writing
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
ready = pathlib.Path(sys.argv[1])
def wait():
    ready.write_text("ready")
    time.sleep(120)
real_build = sqlite.build
def slow_build(log, connection, *day):
    real_build(log, connection, *day)
    connection.execute("BEGIN")
    connection.execute("DELETE FROM citations")  # a transaction under way: a journal, if on disk
    wait()
sqlite.build = slow_build
real_commit = writing.Writing.commit
def slow_commit(self):
    if self.expect is not None:  # the log's, after the article's
        wait()
    real_commit(self)
writing.Writing.commit = slow_commit
from tracker.cli import main
sys.argv = ["tracker", *sys.argv[2:]]
main()
"""


def _interrupted(ready: Path, args: list[str], signum: int) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW, str(ready), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), process.communicate(timeout=10)
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_export_sqlite_leaves_no_part_or_journal_file(tmp_path, signum):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "accords.db"
    path.write_bytes(b"old")
    done = _interrupted(
        tmp_path / "ready", ["export", "sqlite", str(path), "--force", "--data", str(SHIPPED)], signum
    )
    assert done.returncode == 128 + signum, done.stderr  # an exit through the clean-up, not death by it
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == ["accords.db"]


def test_sigterm_while_adding_leaves_the_log_and_the_corpus_as_they_were(copy, tmp_path):
    original = copy.read_bytes()
    pages = copy.parent.parent / "seeds" / "pages"
    before = sorted(pages.iterdir())
    saved = page(tmp_path, "killed")
    done = _interrupted(
        tmp_path / "ready",
        ["add", "source", "https://example.org/killed", "--text-file", str(saved), "--id", "killed",
         "--data", str(copy)],
        signal.SIGTERM,
    )  # fmt: skip
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert copy.read_bytes() == original
    assert sorted(pages.iterdir()) == before  # the article copied first is removed again
    assert leftovers(copy.parent) == []


# -- existing entries: a block scalar that keeps its trailing newlines ----------------

KEPT = """\
format: 1
roles:
  party: [IL]
  broker: [US]
sources:
  - id: art
    file: article.txt
    note: |+
      The source's note keeps two blank lines.


events:
  - id: france-joins
    date: 2025-11-03
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: France announces it will join
    cite:
      - source: art
        quote: France said on Monday it would join the accords.
        note: |+
          The citation's note keeps one.

    note: >+
      The event's note keeps two.


"""


def test_an_addition_after_a_kept_block_scalar_changes_no_existing_value(tmp_path):
    log = tmp_path / "data" / "events.yaml"
    log.parent.mkdir()
    log.write_text(KEPT, encoding="utf-8")
    (tmp_path / "data" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    before = yaml.safe_load(KEPT)
    assert before["sources"][0]["note"].endswith("lines.\n\n\n")  # the case: newlines that are values
    result = add_page(log, "second")
    assert result.exit_code == 0, result.stderr
    result = run("add", "event", "--id", "france-again", "--date", "2025-11-04", "--kind", "statement",
                 "--country", "FR", "--title", "France repeats it", "--cite", "art", "--quote", QUOTE,
                 "--data", str(log))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = run("add", "citation", "france-joins", "--cite", "second", "--quote",
                 "saved by hand for the log", "--data", str(log))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = yaml.safe_load(log.read_bytes())
    assert after["sources"][0] == before["sources"][0]
    assert after["events"][0]["note"] == before["events"][0]["note"]
    assert after["events"][0]["cite"][0] == before["events"][0]["cite"][0]
    assert [c["source"] for c in after["events"][0]["cite"]] == ["art", "second"]
    assert [s["id"] for s in after["sources"]] == ["art", "second"]
    assert after["events"][1]["id"] == "france-again" and "note" not in after["events"][1]
    assert log.read_text(encoding="utf-8").startswith(KEPT.split("events:")[0])  # the bytes, too


def test_an_addition_that_would_change_an_existing_value_is_refused(tmp_path, monkeypatch):
    """The last guard, whatever `insert` does: existing entries must read back as they were."""
    log = tmp_path / "data" / "events.yaml"
    log.parent.mkdir()
    log.write_text(KEPT, encoding="utf-8")
    (tmp_path / "data" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(insertion, "_kept_lines", lambda raw, end: end)  # the insertion as it was
    result = add_page(log, "second")
    assert result.exit_code == 1
    assert "the addition would change 'art' (first at line 6); add it by hand" in result.stderr
    assert log.read_text(encoding="utf-8") == KEPT
