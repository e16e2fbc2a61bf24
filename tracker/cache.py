"""Answers from earlier runs, so that an unchanged log answers at once.

An entry is the exact output of one request (command, options, output form)
on one log. It is found by a hash of the log's bytes, the request and this
program's version, and it lists a hash of every article the log cites: it is
served only if each of those, read again now through the same corpus guard
as `check`, still has that hash. Nothing about paths or modification times
is trusted, so a copied, restored or edited log or corpus is never answered
from a stale entry. Only answers for valid logs are stored.

An entry is the answer's bytes followed by one line of JSON (reading it
cannot run code) that gives their length and hash, so the answer can be
written to the cache while it is printed. Entries live in the user's cache
folder and are written atomically. A corrupt, truncated, foreign or
unreadable entry is ignored and replaced; TRACKER_CACHE_DEBUG=1 says so on
stderr, and why.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from tracker import __version__
from tracker.files import OutsideCorpus, corpus_file, corpus_problem, read_bounded

FORMAT = 2  # 2: entries keep the answer's notices, printed on stderr on a hit too
MAX_ENTRIES = 64  # the oldest are removed beyond this
ENTRY_LIMIT = 1024 * 1024 * 1024


def folder() -> Path:
    """XDG_CACHE_HOME (if absolute, as the spec asks), else the platform's cache folder."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        base = Path(xdg)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path.home() / ".cache"
    return base / "tracker"


def _debug(message: str) -> None:
    if os.environ.get("TRACKER_CACHE_DEBUG") == "1":
        from tracker.render.text import inert  # paths and article names are user text

        print(inert(f"tracker: cache: {message}"), file=sys.stderr)


def digest(data: bytes | memoryview) -> str:
    """The content key of a log or an article: its sha256."""
    return hashlib.sha256(data).hexdigest()


def _article_digest(root: Path, file: str) -> str | None:
    """An article's digest, read through the corpus guard; None if it cannot be used."""
    try:
        return digest(corpus_file(root, file))
    except (OSError, OutsideCorpus):
        return None


def _entry(log_digest: str, request: list[str]) -> Path:
    key = json.dumps([FORMAT, __version__, log_digest, request])
    return folder() / f"{digest(key.encode('utf-8'))}.entry"


def lookup(log_path: Path, log_digest: str, request: list[str]) -> tuple[memoryview, list[str]] | None:
    """The stored answer to `request` on the log with this digest, and its notices, if every input is
    unchanged."""
    try:
        path = _entry(log_digest, request)
        data = read_bounded(path, ENTRY_LIMIT)
    except FileNotFoundError:
        _debug(f"miss: no entry {path.name}")
        return None
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    except RuntimeError as err:  # Path.home(): no home folder, so no cache folder
        _debug(f"not used: {err}")
        return None
    split = data.rfind(b"\n", 0, len(data) - 1)  # the last line is the JSON
    try:
        entry = json.loads(data[split + 1 :])
    except ValueError as err:  # bad UTF-8 or bad JSON
        _debug(f"ignored unreadable entry {path}: {err}")
        return None
    output = memoryview(data)[: max(split, 0)]  # no copy: answers can be tens of megabytes
    if split < 0 or not _well_formed(entry) or not _intact(entry["output"], output):
        _debug(f"ignored malformed entry {path}")
        return None
    if [entry["format"], entry["version"], entry["log"], entry["request"]] != [
        FORMAT,
        __version__,
        log_digest,
        request,
    ]:
        _debug(f"ignored foreign entry {path}")
        return None
    if corpus_problem(log_path, entry["corpus"]) is not None:  # the log moved: its corpus is too far now
        _debug(f"miss: corpus {entry['corpus']} is not usable from {log_path}")
        return None
    root = log_path.parent / entry["corpus"]
    for file, want in entry["articles"]:
        if _article_digest(root, file) != want:
            _debug(f"miss: article {file} changed or cannot be read")
            return None
    _debug(f"hit: {path.name}")
    return output, entry["notices"]


_FIELDS = {"format", "version", "log", "request", "corpus", "articles", "notices", "output"}


def _well_formed(entry: object) -> bool:
    """The shape `Writer` writes; anything else came from elsewhere or was damaged."""
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        return False
    articles, output = entry["articles"], entry["output"]
    return bool(
        isinstance(entry["corpus"], str)
        and isinstance(output, dict)
        and isinstance(output.get("bytes"), int)
        and isinstance(output.get("sha256"), str)
        and isinstance(articles, list)
        and isinstance(entry["notices"], list)
        and all(isinstance(n, str) for n in entry["notices"])
        and all(isinstance(a, list) and len(a) == 2 and all(isinstance(x, str) for x in a) for a in articles)
    )


def _intact(stated: dict[str, Any], output: memoryview) -> bool:
    """Whole and unchanged: a cut or altered answer is never printed."""
    return bool(len(output) == stated["bytes"] and digest(output) == stated["sha256"])


class Writer:
    """Keeps an answer while it is printed; any failure just means no entry."""

    def __init__(
        self,
        log_path: Path,
        log_digest: str,
        request: list[str],
        corpus: str,
        files: Iterable[str],
        notices: Iterable[str] = (),
    ) -> None:
        self.head: dict[str, Any] | None = None
        self.file: IO[bytes] | None = None
        self.hash = hashlib.sha256()
        self.size = 0
        root = log_path.parent / corpus
        articles = [[file, _article_digest(root, file)] for file in dict.fromkeys(files)]
        for file, got in articles:
            if got is None:  # changed since it was checked: don't keep it
                _debug(f"not stored: article {file} cannot be read")
                return
        try:
            self.path = _entry(log_digest, request)
        except RuntimeError as err:  # Path.home(): no home folder, so no cache folder
            _debug(f"not stored: {err}")
            return
        self.head = {
            "format": FORMAT,
            "version": __version__,
            "log": log_digest,
            "request": request,
            "corpus": corpus,
            "articles": articles,
            "notices": list(notices),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finish or abandon
                dir=self.path.parent, prefix=".tmp-", suffix=".part", delete=False
            )
        except OSError as err:
            _debug(f"not stored: {err.strerror or err}")

    def add(self, chunk: bytes) -> None:
        if self.file is None:
            return
        try:
            self.file.write(chunk)
        except OSError as err:
            _debug(f"not stored: {err.strerror or err}")
            self.abandon()
            return
        self.hash.update(chunk)
        self.size += len(chunk)

    def finish(self) -> None:
        if self.file is None or self.head is None:
            return
        stated = {"bytes": self.size, "sha256": self.hash.hexdigest()}
        try:
            self.file.write(b"\n" + json.dumps({**self.head, "output": stated}).encode("ascii") + b"\n")
            self.file.close()
            os.replace(self.file.name, self.path)  # readers see the old entry or the new one, never half
        except OSError as err:
            _debug(f"not stored: {err.strerror or err}")
            self.abandon()
            return
        _debug(f"stored {self.path.name}")
        self.file = None
        try:
            _prune(self.path.parent)
        except OSError as err:
            _debug(f"not pruned: {err.strerror or err}")

    def abandon(self) -> None:
        if self.file is not None:
            self.file.close()
            Path(self.file.name).unlink(missing_ok=True)
            self.file = None


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.entry"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
