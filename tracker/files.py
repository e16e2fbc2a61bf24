"""Bounded reads of regular files, for the log and for the articles it cites.

A path can name a FIFO, a device or a huge file: reading one of those could
block forever or exhaust memory, so only regular files up to a stated size
are read, and the open itself cannot block.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
        chunks, left = [], limit
        while chunk := os.read(fd, min(left + 1, 1 << 20)):  # the file can grow while read
            chunks.append(chunk)
            left -= len(chunk)
            if left < 0:
                raise Refused(0, f"it is larger than {limit // MIB} MiB")
        return b"".join(chunks)
    finally:
        os.close(fd)
