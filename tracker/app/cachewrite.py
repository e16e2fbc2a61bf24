"""Keeping answers: an entry written while its answer is printed, and the cache folder kept within
its budget. Apart from `cache`, which reads entries, because the front door only reads them: it never
imports this module.

An entry is the answer's bytes followed by one line of JSON that gives their
length and hash (`Writer`), written through the one writer (`tracker.writing`)
into the trusted folder (`cache`); answers over `cache.MAX_ANSWER` are printed
but not kept.

The folder is kept within a budget of bytes (BUDGET, or TRACKER_CACHE_BYTES):
after each store, the least recently used files (by modification time; a hit
touches its entry) are removed until the rest fit, and an answer larger than
the budget is not kept at all. Partial files left by a killed process are
removed by the next pruning once they are STALE_PART seconds old. The log
layer's store (`tracker.app.store`) shares the budget.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

from tracker.app import cache
from tracker.app.cachekey import hasher
from tracker.files import MIB, Corpus, OutsideCorpus, os_path

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from tracker.writing import Writing

BUDGET = 256 * MIB  # the folder's size in bytes, least recently used first out (TRACKER_CACHE_BYTES)
STALE_PART = 15 * 60  # seconds: an older partial file was left by a process that was killed


class Writer:
    """Keeps an answer while it is printed, through the one writer (`tracker.writing`: a partial file
    is removed on failure or SIGTERM); any failure just means no entry."""

    def __init__(
        self,
        key: str,
        log: tuple[Path, str],
        corpus: str,
        files: Iterable[str],
        notices: Iterable[str] = (),
        *,
        page: bool = False,
        quiet: bool = False,
    ) -> None:
        self.head: dict[str, Any] | None = None
        self.file: Writing | None = None
        self.hash = hasher()
        self.size = 0
        self.stored = False  # True once the entry is in place
        self.limit = min(cache.MAX_ANSWER, budget())
        log_path, log_digest = log
        try:
            bound = Corpus(log_path, corpus)
        except OutsideCorpus:  # a checked log's corpus passed the bound: it changed meanwhile
            cache._debug(f"not stored: corpus {corpus} is not usable from {log_path}")
            return
        articles = [[file, cache._article_digest(bound, file)] for file in dict.fromkeys(files)]
        for file, got in articles:
            if got is None:  # changed since it was checked: don't keep it
                cache._debug(f"not stored: article {file} cannot be read")
                return
        try:
            from pathlib import Path

            self.path = Path(cache._entry(key))
            where = os.path.realpath(os_path(log_path))
        except (OSError, ValueError, RuntimeError) as err:  # no home folder, so no cache folder
            cache._debug(f"not stored: {getattr(err, 'strerror', None) or err}")
            return
        self.head = {
            "format": cache.FORMAT,
            "key": key,
            "log": str(log_path),
            "where": where,
            "digest": log_digest,
            "corpus": corpus,
            "articles": articles,
            "notices": list(notices),
            "page": page,
            "quiet": quiet,
        }
        try:
            from tracker.writing import Writing

            cache._made()
            # Verified whenever it is read, so not flushed to disk: a cache entry costs no fsync.
            self.file = Writing(self.path, mode=0o600, durable=False)
        except (OSError, RuntimeError) as err:
            cache._debug(f"not stored: {getattr(err, 'strerror', None) or err}")
            return

    def add(self, chunk: bytes) -> None:
        if self.file is None:
            return
        if self.size + len(chunk) > self.limit:
            cache._debug(f"not stored: the answer is larger than {self.limit:,} bytes")
            self.abandon()
            return
        try:
            self.file.write(chunk)
        except OSError as err:
            cache._debug(f"not stored: {err.strerror or err}")
            self.abandon()
            return
        self.hash.update(chunk)
        self.size += len(chunk)

    def finish(self) -> None:
        if self.file is None or self.head is None:
            return
        stated = {"bytes": self.size, "hash": self.hash.hexdigest()}
        head = json.dumps({**self.head, "output": stated}).encode("ascii") + b"\n"
        if len(head) > cache.HEAD_LIMIT:
            cache._debug(f"not stored: the entry's description is larger than {cache.HEAD_LIMIT // MIB} MiB")
            self.abandon()
            return
        try:
            self.file.write(b"\n" + head)
            self.file.commit()  # readers see the old entry or the new one, never half
        except OSError as err:
            cache._debug(f"not stored: {err.strerror or err}")
            self.abandon()
            return
        cache._debug(f"stored {self.path.name}")
        self.file = None
        self.stored = True
        try:
            prune(self.path.parent)
        except OSError as err:
            cache._debug(f"not pruned: {err.strerror or err}")

    def abandon(self) -> None:
        if self.file is not None:
            self.file.discard()
            self.file = None


def budget() -> int:
    """The cache's size in bytes: TRACKER_CACHE_BYTES if it is a whole number, else BUDGET."""
    value = os.environ.get("TRACKER_CACHE_BYTES", "").strip()
    return int(value) if value.isdigit() else BUDGET


def prune(where: Path) -> None:
    """Entries beyond the budget, least recently used first, and partial files a killed process left
    behind; the log layer's store (`store/VERSION/*.memo`, `tracker.app.store`) shares the budget."""
    from pathlib import Path  # pruning follows a write, never a hit: the front door stays without it

    now = time.time()
    dated: list[tuple[float, int, Path]] = []
    _dated(where, (".entry", ".alias"), now, dated)  # aliases: left by format 2, pruned in turn
    try:
        versions = [e.path for e in os.scandir(where / "store") if e.is_dir(follow_symlinks=False)]
    except OSError:
        versions = []
    for version in versions:
        _dated(Path(version), (".memo",), now, dated)
    left = budget()
    for _, size, path in sorted(dated, key=lambda d: d[0], reverse=True):  # the newest are kept
        left -= size
        if left < 0:
            cache._debug(f"pruned {path.name}")
            path.unlink(missing_ok=True)


def _dated(where: Path, suffixes: tuple[str, ...], now: float, dated: list[tuple[float, int, Path]]) -> None:
    """The files of `where` that the budget counts, with their times and sizes; stale partial files go."""
    for path in where.iterdir():
        try:
            info = path.stat()
        except FileNotFoundError:  # removed by another process meanwhile
            continue
        if path.name.endswith(suffixes):
            dated.append((info.st_mtime, info.st_size, path))
        elif (
            path.name.startswith(".tmp-") and path.name.endswith(".part") and now - info.st_mtime > STALE_PART
        ):
            path.unlink(missing_ok=True)
