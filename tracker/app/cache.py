"""Answers from earlier runs, so that an unchanged log answers at once.

An entry is the exact output of one request on one log. It is named by the
request's key (`tracker.app.cachekey`: the arguments, the day, the working
folder, the environment, the terminal, the program), the one key that the
front door and the full command both compute. It says which log the request
read, where that path led (links resolved) and a hash of its bytes, and a
hash of every article the log cites: it is served only if the log's path
still leads there and the log and each article, read again now (articles
through the same corpus guard as `check`), still have those hashes. Nothing
about modification times is trusted for the log or its articles, so a
copied, restored or edited log or corpus is never answered from a stale
entry. Only answers for valid logs are stored.

An entry is the answer's bytes followed by one line of JSON (reading it
cannot run code) that gives their length and hash, so the answer can be
written to the cache while it is printed (`cachewrite`, which also keeps the
folder within its budget). Entries live in the user's cache folder (this
module says where, and whether it can be trusted) and are written
atomically. A corrupt, truncated, foreign or unreadable entry is ignored and
replaced; TRACKER_CACHE_DEBUG=1 says so on stderr, and why.

Reads are bounded before anything is trusted: the JSON line is read from the
end of the entry (at most HEAD_LIMIT bytes), and the answer only once its
stated length matches the file's and every input still matches; answers over
MAX_ANSWER are printed but not kept.

An entry also keeps what the full command did with the answer (`page`: offer
it to a pager; `quiet`: leave its notices to the table's caption), so the
front door does the same on a hit.
"""

from __future__ import annotations

import json
import os
import stat
import sys

from tracker.app.cachekey import digest as digest  # the cache's one hash, for its callers too
from tracker.files import LOG_LIMIT, MIB, Corpus, OutsideCorpus, os_path, read_bounded

TYPE_CHECKING = False  # not typing's: the front door imports this module, and typing costs a run ~5 ms
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

FORMAT = 4  # 2: entries keep the answer's notices; 3: named by the request's one key; 4: BLAKE2b hashes
MAX_ANSWER = 64 * MIB  # a larger answer is printed but not kept (nor one larger than the budget)
HEAD_LIMIT = 4 * MIB  # the JSON line: the request and a hash per cited article
ENTRY_LIMIT = MAX_ANSWER + HEAD_LIMIT + 1


def folder() -> Path:
    """The cache folder, if this run may use it; else RuntimeError, saying why not (`_place`)."""
    from pathlib import Path

    return Path(_place())


def _place() -> str:
    """The cache folder, if this run may use it; else RuntimeError, saying why not.

    It is `_location()`, and it must be trusted (`_distrust`): an entry is
    printed as it is stored, so a folder that someone else can write to would
    let them put any bytes, terminal escapes included, on the user's screen.
    A string, not a Path: the front door does not import pathlib.
    """
    where = _location()
    why = _distrust(where)
    if why is not None:
        raise RuntimeError(why)
    return where


def _distrust(where: str) -> str | None:
    """Why the folder `where` cannot be trusted with answers, or None.

    It must be a folder that the current user owns and that no one else may
    write to (group or others; the sticky bit does not help: entries are
    replaced by renaming). A folder not made yet is fine: it is made 0o700.
    """
    if os.name == "nt":  # no POSIX owners or modes; the folder is the user's own profile's
        return None
    try:
        info = os.stat(where)
    except (FileNotFoundError, NotADirectoryError):  # not made yet; making it says if it cannot be
        return None
    except (OSError, ValueError) as err:
        return f"cannot use {where}: {getattr(err, 'strerror', None) or err}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{where} is not a folder"
    if info.st_uid != os.geteuid():
        return f"{where} belongs to another user (uid {info.st_uid}), so its entries cannot be trusted"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = stat.S_IMODE(info.st_mode)
        return f"{where} can be written by others (mode {mode:o}), so its entries cannot be trusted"
    return None


_SAID: set[str] = set()  # why the cache was not used, said once a run (the front door and the command)


def usable() -> bool:
    """Whether this run may read and write the cache at all; when not, it answers as --no-cache does,
    and TRACKER_CACHE_DEBUG says why once. The front door and `answer` both ask here first."""
    try:
        _place()
    except RuntimeError as err:
        if str(err) not in _SAID:
            _SAID.add(str(err))
            _debug(f"not used: {err}")
        return False
    return True


def _made() -> Path:
    """The cache folder, made if need be and checked again once made: someone may have made it first."""
    where = folder()
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder()


def _location() -> str:
    """XDG_CACHE_HOME (if absolute, as the spec asks), else the platform's cache folder.

    Raises RuntimeError when there is no absolute folder to use: a relative or
    empty HOME would otherwise make the working directory the cache.
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "tracker")
    home_folder = os.path.expanduser("~")  # as Path.home()
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA", "")
        base = local if os.path.isabs(local) else os.path.join(home_folder, "AppData", "Local")
    elif sys.platform == "darwin":
        base = os.path.join(home_folder, "Library", "Caches")
    else:
        base = os.path.join(home_folder, ".cache")
    home = os.environ.get("HOME")
    if not os.path.isabs(base) or (os.name != "nt" and home is not None and not os.path.isabs(home)):
        # expanduser makes an empty HOME the root folder, and a relative one the working folder
        raise RuntimeError(f"no absolute home folder (HOME is '{os.environ.get('HOME', '')}')")
    return os.path.join(base, "tracker")


def _debug(message: str) -> None:
    if os.environ.get("TRACKER_CACHE_DEBUG") == "1":
        from tracker.inert import inert  # paths and article names are user text

        print(inert(f"tracker: cache: {message}"), file=sys.stderr)


def _article_digest(corpus: Corpus, file: str) -> str | None:
    """An article's digest, read through the corpus's bound; None if it cannot be used."""
    try:
        return digest(corpus.read(file))
    except (OSError, OutsideCorpus):
        return None


def _entry(key: str) -> str:
    return os.path.join(_place(), f"{digest(f'{FORMAT} {key}'.encode('ascii'))}.entry")


Stored = tuple[memoryview, list[str], bool, bool]
"""A stored answer: its bytes, its notices, and `page` and `quiet` as the full command had them."""


def lookup(key: str, log: tuple[Path, str] | None = None) -> Stored | None:
    """The stored answer to the request with this key (`tracker.app.cachekey`), if every input is unchanged.

    `log` is the log the caller read and its digest; without it (the front
    door) the log the entry names is read again here.
    """
    try:
        path = _entry(key)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        _debug(f"miss: no entry {os.path.basename(path)}")
        return None
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    except RuntimeError as err:  # no home folder, so no cache folder
        _debug(f"not used: {err}")
        return None
    try:
        return _served(fd, path, key, log)
    except OSError as err:
        _debug(f"ignored unreadable entry {path}: {err.strerror or err}")
        return None
    finally:
        os.close(fd)


def _served(fd: int, path: str, key: str, log: tuple[Path, str] | None) -> Stored | None:
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
    if [entry["format"], entry["key"]] != [FORMAT, key]:
        _debug(f"ignored foreign entry {path}")
        return None
    log_path = entry["log"]
    if not _same_log(entry, log):
        return None
    try:
        corpus = Corpus(log_path, entry["corpus"])
    except OutsideCorpus:  # the log moved: its corpus is too far now
        _debug(f"miss: corpus {entry['corpus']} is not usable from {log_path}")
        return None
    for file, want in entry["articles"]:
        if _article_digest(corpus, file) != want:
            _debug(f"miss: article {file} changed or cannot be read")
            return None
    output = memoryview(_pread(fd, answer_size, 0))
    if not _intact(entry["output"], output):
        _debug(f"ignored malformed entry {path}")
        return None
    _debug(f"hit: {os.path.basename(path)}")
    _touch(path)
    return output, entry["notices"], entry["page"], entry["quiet"]


def _same_log(entry: dict[str, Any], log: tuple[Path, str] | None) -> bool:
    """Whether the entry's log still leads where it led and still has its bytes."""
    try:
        where = os.path.realpath(os_path(entry["log"]))
        if where != entry["where"]:
            _debug(f"miss: {entry['log']} now leads to {where}")
            return False
        if log is not None:
            same = [str(log[0]), log[1]] == [entry["log"], entry["digest"]]
        else:
            same = digest(read_bounded(entry["log"], LOG_LIMIT)) == entry["digest"]
    except (OSError, ValueError) as err:
        _debug(f"miss: {entry['log']} cannot be read: {getattr(err, 'strerror', None) or err}")
        return False
    if not same:
        _debug(f"miss: {entry['log']} changed")
    return same


def _touch(path: str) -> None:
    """Mark an entry as used now, so the budget removes it after those that were not."""
    try:
        os.utime(path)
    except OSError as err:
        _debug(f"not touched {os.path.basename(path)}: {err.strerror or err}")


def _pread(fd: int, size: int, offset: int) -> bytes:
    """Exactly `size` bytes from `offset`, or fewer if the file was cut meanwhile (os.pread is POSIX-only)."""
    os.lseek(fd, offset, os.SEEK_SET)
    data = os.read(fd, size)
    while len(data) < size and (more := os.read(fd, size - len(data))):
        data += more
    return data


_FIELDS = {
    "format",
    "key",
    "log",
    "where",
    "digest",
    "corpus",
    "articles",
    "notices",
    "page",
    "quiet",
    "output",
}


def _well_formed(entry: object) -> bool:
    """The shape `Writer` writes; anything else came from elsewhere or was damaged."""
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        return False
    articles, output = entry["articles"], entry["output"]
    return bool(
        all(isinstance(entry[name], str) for name in ("key", "log", "where", "digest", "corpus"))
        and isinstance(entry["page"], bool)
        and isinstance(entry["quiet"], bool)
        and isinstance(output, dict)
        and isinstance(output.get("bytes"), int)
        and isinstance(output.get("hash"), str)
        and isinstance(articles, list)
        and isinstance(entry["notices"], list)
        and all(isinstance(n, str) for n in entry["notices"])
        and all(isinstance(a, list) and len(a) == 2 and all(isinstance(x, str) for x in a) for a in articles)
    )


def _intact(stated: dict[str, Any], output: memoryview) -> bool:
    """Whole and unchanged: a cut or altered answer is never printed."""
    return bool(len(output) == stated["bytes"] and digest(output) == stated["hash"])
