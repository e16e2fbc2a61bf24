"""Where the log layer's remembered work is kept: files in the cache folder (`tracker.log.memo`).

The store lives under the cache folder (`cache.folder()`, trusted only when
the user owns it and no one else can write to it), in `store/NAMESPACE/`,
where NAMESPACE is a hash of the program (its version, its source files, the
libraries it reads with, Python: `cachekey.program`, as the answer cache keys
them). A store written by another version of the program is therefore never
looked at, and old ones are pruned with the rest of the cache, least recently
used first, within its byte budget (`cachewrite.budget()`). Each file is read only
if it is a regular file the user owns that no one else can write; anything
else, and any error, is the same as no file. Files are written through
`tracker.writing` (atomically, not flushed to disk: every value is checked
when read, `memo.unseal`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

from tracker import __version__
from tracker.app import cache, cachekey, cachewrite
from tracker.files import MIB

LIMIT = 64 * MIB  # a larger value is neither read nor kept
SUFFIX = ".memo"


def namespace() -> str:
    """This program's folder name in the store: another version never reads this one's values."""
    described = json.dumps([__version__, cachekey.program(), cachekey.python()], ensure_ascii=True)
    return hashlib.sha256(described.encode("ascii")).hexdigest()[:32]


class FileStore:
    """`tracker.log.memo.Store` in a folder of the cache; `finish` prunes the cache once written to."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.written = False
        self.made = False

    def _path(self, key: str) -> Path:
        if not key.isalnum():  # keys are hex digests; anything else is not ours to write
            raise ValueError(f"not a store key: {key!r}")
        return self.where / (key + SUFFIX)

    def get(self, key: str) -> bytes | None:
        try:
            fd = os.open(self._path(key), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except (OSError, ValueError):
            return None
        try:
            info = os.fstat(fd)
            if not _trusted(info) or info.st_size > LIMIT:
                cache._debug(f"store: ignored {key}{SUFFIX}: not a file of this user's own")
                return None
            data = _read(fd, info.st_size)
        except OSError:
            return None
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.utime(self.where / (key + SUFFIX))  # used now: pruned after what was not
        return data

    def put(self, key: str, data: bytes) -> None:
        from tracker.writing import Writing

        if len(data) > LIMIT or len(data) > cachewrite.budget():
            return
        try:
            if not self.made:
                cache._made()  # the cache folder made, and trusted once made: someone may have made it first
                self.where.mkdir(parents=True, exist_ok=True, mode=0o700)
                for folder in (self.where.parent, self.where):
                    why = cache._distrust(str(folder))
                    if why is not None:
                        raise RuntimeError(why)
                self.made = True
            out = Writing(self._path(key), mode=0o600, durable=False)
            try:
                out.write(data)
                out.commit()
            finally:
                out.discard()
        except (OSError, RuntimeError, ValueError) as err:
            cache._debug(f"store: not kept {key}: {getattr(err, 'strerror', None) or err}")
            return
        self.written = True

    def finish(self) -> None:
        """Keep the cache within its budget, once, after a run that wrote to the store."""
        if not self.written:
            return
        self.written = False
        try:
            cachewrite.prune(cache.folder())
        except (OSError, RuntimeError) as err:
            cache._debug(f"not pruned: {getattr(err, 'strerror', None) or err}")


def _trusted(info: os.stat_result) -> bool:
    """A regular file of this user's that no one else may write (the folder's own rule, for a file)."""
    if not stat.S_ISREG(info.st_mode):
        return False
    if os.name == "nt":
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(fd: int, size: int) -> bytes:
    data = os.read(fd, size)
    while len(data) < size and (more := os.read(fd, size - len(data))):
        data += more
    return data


def opened(use: bool = True) -> FileStore | None:
    """This run's store, if the cache may be used (`cache.usable`, and neither --no-cache nor
    TRACKER_NO_CACHE, which commands without the option honour here); else None."""
    off = os.environ.get("TRACKER_NO_CACHE", "").strip().lower() in {"1", "true", "t", "yes", "y", "on"}
    if not use or off or not cache.usable():
        return None
    try:
        folder = cache.folder() / "store"
        why = cache._distrust(str(folder))
        if why is not None:
            cache._debug(f"store: not used: {why}")
            return None
        where = folder / namespace()
        why = cache._distrust(str(where))
        if why is not None:
            cache._debug(f"store: not used: {why}")
            return None
    except (OSError, RuntimeError, ValueError) as err:
        cache._debug(f"store: not used: {getattr(err, 'strerror', None) or err}")
        return None
    return FileStore(where)
