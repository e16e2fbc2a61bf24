"""The store of remembered work in the cache folder (`tracker.app.store`): used only when it is this
user's own and this program's version's; anything damaged in it is ignored, never an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run
from remembered import TODAY

from tracker.log import Memo, open_log


def _cold_then_warm(path: Path) -> tuple[Memo, Memo]:
    from tracker.app.answer import memo_for

    first = memo_for()
    assert first is not None
    open_log(path, today=TODAY, store=first)
    first.store.finish()
    second = memo_for()
    if second is not None:
        open_log(path, today=TODAY, store=second)
    return first, second


def memo_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "tracker" / "store").rglob("*.memo"))


def test_the_store_lives_in_the_cache_folder_for_this_version_only(copy, cache_home, monkeypatch):
    from tracker.app import store

    first, second = _cold_then_warm(copy)
    assert second.read == 0 and second.reused == first.read
    files = memo_files(cache_home)
    assert files and {f.parent for f in files} == {cache_home / "tracker" / "store" / store.namespace()}
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)
    monkeypatch.setattr(store, "__version__", "another")  # written by another version: never read
    other, _ = _cold_then_warm(copy)
    assert other.reused == 0 and other.read == first.read


def test_a_store_of_another_user_or_open_to_others_is_ignored(copy, cache_home, monkeypatch):
    from tracker.app import answer

    _cold_then_warm(copy)
    files = memo_files(cache_home)
    folder = files[0].parent
    if os.geteuid() == 0:  # as root, give the files to someone else: each is ignored
        for f in files:
            os.chown(f, 12345, 12345)
        memo = answer.memo_for()
        same = open_log(copy, today=TODAY, store=memo)
        assert memo.reused == 0 and same == open_log(copy, today=TODAY)
        for f in memo_files(cache_home):
            os.chown(f, 0, 0)
    for f in files:  # a file others may write
        f.chmod(0o666)
    memo = answer.memo_for()
    open_log(copy, today=TODAY, store=memo)
    assert memo.reused == 0
    folder.chmod(0o777)  # a folder others may write: the store is not used at all
    assert answer.memo_for() is None
    folder.chmod(0o700)
    monkeypatch.setattr(os, "geteuid", lambda: 12345)  # the cache folder is another user's
    assert answer.memo_for() is None


@pytest.mark.parametrize("damage", ["cut", "flip", "garbage", "empty", "folder", "swapped", "link"])
def test_a_damaged_store_file_is_ignored_never_an_error(copy, cache_home, damage):
    _cold_then_warm(copy)
    files = memo_files(cache_home)
    for n, f in enumerate(files):
        data = f.read_bytes()
        if damage == "cut":
            f.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            f.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        elif damage == "garbage":
            f.write_bytes(os.urandom(len(data)))
        elif damage == "empty":
            f.write_bytes(b"")
        elif damage == "folder":
            f.unlink()
            f.mkdir()
        elif damage == "swapped":  # a whole, valid value, under another key
            f.write_bytes(files[(n + 1) % len(files)].read_bytes() if len(files) > 1 else b"")
        elif damage == "link":
            f.unlink()
            f.symlink_to(files[(n + 1) % len(files)])
    from tracker.app.answer import memo_for

    memo = memo_for()
    assert open_log(copy, today=TODAY, store=memo) == open_log(copy, today=TODAY)
    assert memo.reused == 0  # nothing damaged was believed
    for f in files:  # damaged again, for the command
        if f.is_file() and not f.is_symlink():
            f.write_bytes(b"TRKMEMO1" + os.urandom(40))
    result = run("signatories", "--json", "--as-of", "2026-01-01", "--data", str(copy))
    fresh = run("signatories", "--json", "--as-of", "2026-01-01", "--data", str(copy), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == fresh.stdout and "Traceback" not in result.stderr


def test_check_and_answers_use_the_store_and_no_cache_leaves_it_alone(copy, cache_home):
    result = run("check", "--data", str(copy))
    assert result.exit_code == 0, result.stdout + result.stderr
    files = memo_files(cache_home)
    assert files
    for f in files:
        f.unlink()
    result = run("timeline", "--json", "--no-cache", "--data", str(copy))
    assert result.exit_code == 0 and memo_files(cache_home) == []
    result = run("check", "--data", str(copy), env={"TRACKER_NO_CACHE": "1"})
    assert result.exit_code == 0 and memo_files(cache_home) == []
