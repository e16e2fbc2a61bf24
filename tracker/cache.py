"""Answers from earlier runs, so that an unchanged log answers at once.

An entry is the exact output of one request (command, options, output form)
on one log. It is found by a hash of the log's bytes, the request and this
program's version, and it lists a hash of every article the log cites: it is
served only if each of those, read again now through the same corpus guard
as `check`, still has that hash. Nothing about paths or modification times
is trusted, so a copied, restored or edited log or corpus is never answered
from a stale entry. Only answers for valid logs are stored.

An entry is one line of JSON (reading it cannot run code) followed by the
answer's bytes, whose length and hash the JSON gives; entries live in the
user's cache folder and are written atomically. A corrupt, truncated, foreign or unreadable entry is
ignored and replaced; TRACKER_CACHE_DEBUG=1 says so on stderr, and why.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.files import OutsideCorpus, corpus_file, read_bounded

FORMAT = 1
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
        print(f"tracker: cache: {message}", file=sys.stderr)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entry(log_digest: str, request: list[str]) -> Path:
    key = json.dumps([FORMAT, __version__, log_digest, request])
    return folder() / f"{_digest(key.encode('utf-8'))}.entry"


def lookup(log_path: Path, raw: bytes, request: list[str]) -> bytes | None:
    """The stored answer to `request` on this log, if every input is unchanged."""
    log_digest = _digest(raw)
    path = _entry(log_digest, request)
    try:
        data = read_bounded(path, ENTRY_LIMIT)
    except FileNotFoundError:
        _debug(f"miss: no entry {path.name}")
        return None
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    head, newline, output = data.partition(b"\n")
    try:
        entry = json.loads(head)
    except ValueError as err:  # bad UTF-8 or bad JSON
        _debug(f"ignored unreadable entry {path}: {err}")
        return None
    if not newline or not _well_formed(entry) or not _intact(entry["output"], output):
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
    root = log_path.parent / entry["corpus"]
    for file, want in entry["articles"]:
        try:
            got = _digest(corpus_file(root, file))
        except (OSError, OutsideCorpus):
            got = None
        if got != want:
            _debug(f"miss: article {file} changed or cannot be read")
            return None
    _debug(f"hit: {path.name}")
    return output


_FIELDS = {"format", "version", "log", "request", "corpus", "articles", "output"}


def _well_formed(entry: object) -> bool:
    """The shape `store` writes; anything else came from elsewhere or was damaged."""
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        return False
    articles, output = entry["articles"], entry["output"]
    return bool(
        isinstance(entry["corpus"], str)
        and isinstance(output, dict)
        and isinstance(output.get("bytes"), int)
        and isinstance(output.get("sha256"), str)
        and isinstance(articles, list)
        and all(isinstance(a, list) and len(a) == 2 and all(isinstance(x, str) for x in a) for a in articles)
    )


def _intact(stated: dict[str, Any], output: bytes) -> bool:
    """Whole and unchanged: a cut or altered answer is never printed."""
    return bool(len(output) == stated["bytes"] and _digest(output) == stated["sha256"])


def store(
    log_path: Path, raw: bytes, request: list[str], corpus: str, files: Iterable[str], output: bytes
) -> None:
    """Keep an answer for next time; any failure just means no entry."""
    root = log_path.parent / corpus
    try:
        articles = [[file, _digest(corpus_file(root, file))] for file in dict.fromkeys(files)]
    except (OSError, OutsideCorpus) as err:  # changed since it was checked: don't keep it
        _debug(f"not stored: {err}")
        return
    log_digest = _digest(raw)
    head = {
        "format": FORMAT,
        "version": __version__,
        "log": log_digest,
        "request": request,
        "corpus": corpus,
        "articles": articles,
        "output": {"bytes": len(output), "sha256": _digest(output)},
    }
    path = _entry(log_digest, request)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".tmp-", suffix=".part", delete=False
        ) as file:
            temporary = file.name
            file.write(json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n")
            file.write(output)
        os.replace(temporary, path)  # readers see the old entry or the new one, never half of one
        temporary = None
        _debug(f"stored {path.name}")
        _prune(path.parent)
    except OSError as err:
        _debug(f"not stored: {err.strerror or err}")
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.entry"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
