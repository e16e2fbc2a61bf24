"""Bounded reads of regular files, for the log and for the articles it cites.

A path can name a FIFO, a device or a huge file: reading one of those could
block forever or exhaust memory, so only regular files up to a stated size
are read, and the open itself cannot block.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

MIB = 1024 * 1024
LOG_LIMIT = 256 * MIB  # 100,000 events take about 23 MB
SOURCE_LIMIT = 16 * MIB  # an article is a few kilobytes


class Refused(OSError):
    """A path that exists but is not something to read as text; `strerror` says why."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else `Refused` or `OSError`."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused(0, "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Refused(0, "it is not a regular file (a pipe, socket or device?)")
        if info.st_size > limit:
            raise Refused(0, f"it is larger than {limit // MIB} MiB")
        data = os.read(fd, info.st_size + 1)  # one read, one copy: logs and answers can be large
        while len(data) <= limit and (more := os.read(fd, min(limit + 1 - len(data), 1 << 20))):
            data += more  # a short read, or the file grew while it was read
        if len(data) > limit:
            raise Refused(0, f"it is larger than {limit // MIB} MiB")
        return data
    finally:
        os.close(fd)


class OutsideCorpus(ValueError):
    """A source path that leaves the corpus folder: `how` is 'path' or 'link'."""

    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


def corpus_problem(log: Path, corpus: str) -> str | None:
    """Why `corpus` (as written in the log at `log`) cannot be its corpus folder, or None.

    The corpus must resolve, links followed, to the log's own folder or a
    folder under it, or to a folder beside it (`../seeds`), never the folder
    above or anything further, and never a folder at the top of the file
    system (a log in /tmp may not use `../etc`). Without a bound, enough `..`
    or an absolute path would let a log "verify" quotes from any file on the
    machine, and print the nearest passage of it.
    """
    if "\0" in corpus:
        return "contains a NUL byte, which no folder name can hold"
    if PurePosixPath(corpus).is_absolute() or Path(corpus).is_absolute():
        return "must be a folder relative to the log, not an absolute path"
    folder = Path(os.path.realpath(log.parent))
    target = Path(os.path.realpath(log.parent / corpus))
    if folder == folder.parent:  # a log at the top: its folder is every file on the machine
        return "cannot be the top of the file system: keep the log and its articles in a folder"
    if target.is_relative_to(folder):
        return None
    above = folder.parent
    if target.parent == above and above != above.parent:  # beside the log's folder, not at the top
        return None
    return (
        "is too far from the log: it must be the log's folder, a folder under it, "
        "or a folder beside it (../NAME)"
    )


def corpus_file(root: Path, file: str) -> bytes:
    """The bytes of an article in the corpus folder `root`; `check` and the cache both read through here.

    Raises OutsideCorpus for an absolute path, `..` or a link leading out, and
    OSError (files.Refused included) when the file cannot be read, a NUL byte
    in its name included (the OS functions would raise ValueError).
    """
    if "\0" in file or "\0" in str(root):
        raise Refused(0, "its name contains a NUL byte")
    relative = PurePosixPath(file)
    if relative.is_absolute() or Path(file).is_absolute() or ".." in relative.parts:
        raise OutsideCorpus("path")
    path = root / file
    # realpath, unlike Path.resolve in Python 3.11, does not raise on a link loop;
    # opening the file then fails with ELOOP, reported like any unreadable file.
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        raise OutsideCorpus("link")
    return read_bounded(path, SOURCE_LIMIT)
