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

Reads are bounded before anything is trusted: the JSON line is read from the
end of the entry (at most HEAD_LIMIT bytes), and the answer only once its
stated length matches the file's and every input still matches; answers over
MAX_ANSWER are printed but not kept. Partial files left by a killed process
are removed by the next pruning once they are STALE_PART seconds old.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from tracker import __version__
from tracker.files import MIB, OutsideCorpus, corpus_file, corpus_problem

FORMAT = 2  # 2: entries keep the answer's notices, printed on stderr on a hit too
MAX_ENTRIES = 64  # the oldest are removed beyond this
MAX_ANSWER = 64 * MIB  # a larger answer is printed but not kept
HEAD_LIMIT = 4 * MIB  # the JSON line: the request and a hash per cited article
ENTRY_LIMIT = MAX_ANSWER + HEAD_LIMIT + 1
STALE_PART = 15 * 60  # seconds: an older partial file was left by a process that was killed


def folder() -> Path:
    """XDG_CACHE_HOME (if absolute, as the spec asks), else the platform's cache folder.

    Raises RuntimeError when there is no absolute folder to use: a relative or
    empty HOME would otherwise make the working directory the cache.
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "tracker"
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA", "")
        base = Path(local) if os.path.isabs(local) else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    home = os.environ.get("HOME")
    if not base.is_absolute() or (os.name != "nt" and home is not None and not os.path.isabs(home)):
        # Path.home() makes an empty HOME the root folder, and a relative one the working folder
        raise RuntimeError(f"no absolute home folder (HOME is '{os.environ.get('HOME', '')}')")
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
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        _debug(f"miss: no entry {path.name}")
        return None
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    except RuntimeError as err:  # Path.home(): no home folder, so no cache folder
        _debug(f"not used: {err}")
        return None
    try:
        return _served(fd, path, log_path, log_digest, request)
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    finally:
        os.close(fd)


def _served(
    fd: int, path: Path, log_path: Path, log_digest: str, request: list[str]
) -> tuple[memoryview, list[str]] | None:
    """The entry's answer, reading its JSON line first and its answer last, each within its bound."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > ENTRY_LIMIT:
        _debug(f"ignored entry {path}: not a regular file of at most {ENTRY_LIMIT // MIB} MiB")
        return None
    size = info.st_size
    tail = _pread(fd, min(size, HEAD_LIMIT), size - min(size, HEAD_LIMIT))
    split = tail.rfind(b"\n", 0, len(tail) - 1)  # the last line is the JSON
    answer_size = size - len(tail) + split  # the answer, then "\n", then the JSON line
    try:
        entry: Any = json.loads(tail[split + 1 :])
    except ValueError as err:  # bad UTF-8 or bad JSON
        _debug(f"ignored unreadable entry {path}: {err}")
        return None
    if (
        split < 0
        or answer_size > MAX_ANSWER
        or not _well_formed(entry)
        or entry["output"]["bytes"] != answer_size
    ):
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
    output = memoryview(_pread(fd, answer_size, 0))
    if not _intact(entry["output"], output):
        _debug(f"ignored malformed entry {path}")
        return None
    _debug(f"hit: {path.name}")
    return output, entry["notices"]


def _pread(fd: int, size: int, offset: int) -> bytes:
    """Exactly `size` bytes from `offset`, or fewer if the file was cut meanwhile (os.pread is POSIX-only)."""
    os.lseek(fd, offset, os.SEEK_SET)
    data = os.read(fd, size)
    while len(data) < size and (more := os.read(fd, size - len(data))):
        data += more
    return data


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

    previous: Any = None  # the SIGTERM handler to put back, while one of ours is in place

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
            return
        self.previous = _exit_on_sigterm()

    def add(self, chunk: bytes) -> None:
        if self.file is None:
            return
        if self.size + len(chunk) > MAX_ANSWER:
            _debug(f"not stored: the answer is larger than {MAX_ANSWER // MIB} MiB")
            self.abandon()
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
        head = json.dumps({**self.head, "output": stated}).encode("ascii") + b"\n"
        if len(head) > HEAD_LIMIT:
            _debug(f"not stored: the entry's description is larger than {HEAD_LIMIT // MIB} MiB")
            self.abandon()
            return
        try:
            self.file.write(b"\n" + head)
            self.file.close()
            os.replace(self.file.name, self.path)  # readers see the old entry or the new one, never half
        except OSError as err:
            _debug(f"not stored: {err.strerror or err}")
            self.abandon()
            return
        _debug(f"stored {self.path.name}")
        self.file = None
        self._restore()
        try:
            _prune(self.path.parent)
        except OSError as err:
            _debug(f"not pruned: {err.strerror or err}")

    def abandon(self) -> None:
        if self.file is not None:
            self.file.close()
            Path(self.file.name).unlink(missing_ok=True)
            self.file = None
        self._restore()

    def _restore(self) -> None:
        previous, self.previous = self.previous, None
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm() -> Any:
    """While a partial file is open, SIGTERM exits through `finally` blocks (which remove it).

    Only from the main thread and only over the default action; returns the
    handler to restore, or None when nothing was changed.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None

    def exit_(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, exit_)
    return signal.SIG_DFL


def _prune(where: Path) -> None:
    """The oldest entries beyond MAX_ENTRIES, and partial files a killed process left behind."""
    now = time.time()
    dated = []
    for path in where.iterdir():
        try:
            modified = path.stat().st_mtime
        except FileNotFoundError:  # removed by another process meanwhile
            continue
        if path.name.endswith(".entry"):
            dated.append((modified, path))
        elif path.name.startswith(".tmp-") and path.name.endswith(".part") and now - modified > STALE_PART:
            path.unlink(missing_ok=True)
    for _, old in sorted(dated)[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
